"""Test::Nginx data files (tuneLua31): a ``.t`` file with ``__DATA__`` blocks is read section by section: the Lua in
an nginx config's ``*_by_lua_block { }`` bodies as Lua, a request's and a reply's JSON body and a YAML config as
config; ``eval`` sections (Perl) and a plain Perl test are not read.

The fixtures are written for these tests in the shape of an OpenResty AI gateway's Test::Nginx suite (a route set
through the admin API with a long-bracket JSON body, a plugin schema check, a chat request and its expected reply, a
standalone YAML route config)."""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.base import SourceFile
from modelmap.discover.test_nginx import TestNginxSource, _lua_bodies, is_test_nginx
from modelmap.types import Finding, Skip
from tests.discover.scan_helpers import found

HEAD = """\
use t::GatewayTest 'no_plan';

my $default_model = "gpt-3.5-turbo";  # Perl before __DATA__ is not read

add_block_preprocessor(sub {
    my ($block) = @_;
    if (!defined $block->request) {
        $block->set_value("request", "GET /t");
    }
});

run_tests();

__DATA__

"""

BLOCKS = """\
=== TEST 1: schema accepts a chat model
--- config
    location /t {
        content_by_lua_block {
            local plugin = require("gateway.plugins.ai-route")
            local ok, err = plugin.check_schema({
                provider = "openai",
                options = {
                    model = "gpt-4o-mini",
                },
            })
            ngx.say(ok and "passed" or err)
        }
    }
--- response_body
passed



=== TEST 2: set a route through the admin API
--- config
    location /t {
        content_by_lua_block {
            local t = require("lib.admin").test
            local code, body = t('/admin/routes/1',
                 ngx.HTTP_PUT,
                 [[{
                    "uri": "/chat",
                    "plugins": {
                        "ai-route": {
                            "provider": "anthropic",
                            "options": {
                                "model": "claude-3-5-haiku-20241022",
                                "max_tokens": 256
                            }
                        }
                    }
                }]]
            )
            ngx.say(body)
        }
    }
--- response_body
passed



=== TEST 3: send a chat request
--- request
POST /chat
{"model":"mistral-small-2409","messages":[{"role":"user","content":"hi"}]}
--- more_headers
Content-Type: application/json
--- error_code: 200
--- response_body
{"id":"chatcmpl-1","object":"chat.completion","model":"gpt-4.1-mini","choices":[]}



=== TEST 4: the access log names the model
--- request
POST /chat
{"model":"o3-mini","messages":[]}
--- access_log eval
qr/POST \\/chat 200 "[^"]*" gemini-1.5-flash gemini-1.5-flash acme-router-v2 [\\d.]+/
--- response_body_like eval
qr/.*"model":"gemini-1.5-pro".*/
--- error_log eval
qr/invoking anthropic\\.claude-3-haiku-20240307-v1%3A0/



=== TEST 5: a request built in Perl
--- request eval
"POST /chat\\n" . '{"model":"gpt-3.5-turbo-0125","messages":[]}'



=== TEST 6: standalone route config
--- yaml_config
routes:
  - uri: /embed
    plugins:
      ai-route:
        provider: openai
        options:
          model: text-embedding-3-small
--- request
GET /embed
"""


def _scan(text: str) -> tuple[set[tuple[int, str]], list[Skip]]:
    items = list(TestNginxSource().scan(SourceFile("t/plugin/ai-route.t", text, "app")))
    return ({(f.line, f.raw) for f in items if isinstance(f, Finding) and f.kind != "endpoint"},
            [s for s in items if isinstance(s, Skip)])


def _line(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_sections_read_by_what_they_hold() -> None:
    text = HEAD + BLOCKS
    got, skips = _scan(text)
    assert not skips
    # Lua in a content_by_lua_block, and JSON in a Lua long string inside it
    assert (_line(text, 'model = "gpt-4o-mini"'), "gpt-4o-mini") in got
    assert (_line(text, '"model": "claude-3-5-haiku'), "claude-3-5-haiku-20241022") in got
    # a request's JSON body (after its METHOD /path line) and a JSON reply
    assert (_line(text, '"model":"mistral-small-2409"'), "mistral-small-2409") in got
    assert (_line(text, '"model":"gpt-4.1-mini"'), "gpt-4.1-mini") in got
    assert (_line(text, '"model":"o3-mini"'), "o3-mini") in got
    # a YAML config section
    assert (_line(text, "model: text-embedding-3-small"), "text-embedding-3-small") in got
    # Perl: the part before __DATA__ and an eval section that builds a value are not read
    raws = {raw for _, raw in got}
    assert "gpt-3.5-turbo" not in raws
    assert "gpt-3.5-turbo-0125" not in raws
    # an expected-output regex: the ids the knowledge base knows whole, each place it is written; not an unknown
    # word, nor an escaped spelling
    regex_line = _line(text, "gemini-1.5-flash gemini-1.5-flash")
    assert sum(1 for line, raw in got if (line, raw) == (regex_line, "gemini-1.5-flash")) == 1  # (line, raw) set
    items = list(TestNginxSource().scan(SourceFile("t/plugin/ai-route.t", text, "app")))
    flash = [f for f in items if isinstance(f, Finding) and f.raw == "gemini-1.5-flash"]
    assert len({f.column for f in flash}) == 2
    assert (_line(text, '"model":"gemini-1.5-pro"'), "gemini-1.5-pro") in got
    assert "acme-router-v2" not in raws
    assert not any("claude-3-haiku" in raw for raw in raws)


def test_findings_are_tests_wherever_the_file_sits(tmp_path: Path) -> None:
    got = found(tmp_path, "t/plugin/ai-route.t", HEAD + BLOCKS)
    assert any(raw == "gpt-4o-mini" for _, raw in got)
    items = list(TestNginxSource().scan(SourceFile("t/plugin/ai-route.t", HEAD + BLOCKS, "app")))
    assert all(f.context == "test" for f in items if isinstance(f, Finding))


def test_plain_perl_test_is_not_read() -> None:
    perl = ("use strict;\nuse Test::More;\nmy %conf = (model => 'gpt-4o');\nis($conf{model}, 'gpt-4o');\n"
            "done_testing();\n__DATA__\nmodel: gpt-4o\n")
    assert not is_test_nginx(perl)
    got, skips = _scan(perl)
    assert not got and not skips


def test_lua_block_end_skips_braces_in_strings_and_comments() -> None:
    text = HEAD + """\
=== TEST 1: braces inside strings
--- config
    location /t {
        content_by_lua_block {
            local open = "{"  -- a lone } in a comment
            local tmpl = [==[ } ]==]
            local conf = { model = "gpt-4o" }
        }
    }
    location /after {
        return 200 'model = "not-lua-7b"';
    }
"""
    got, _ = _scan(text)
    assert (_line(text, 'model = "gpt-4o"'), "gpt-4o") in got
    # the body ends at the `}` that closes content_by_lua_block, not at a brace in a string, long string or comment
    start = text.index("__DATA__")
    (a, b), = list(_lua_bodies(text, start, len(text)))
    assert text[a:b].rstrip().endswith('{ model = "gpt-4o" }')
    assert "location /after" not in text[a:b]


def test_bounds_cap_sections_with_a_skip(monkeypatch: object) -> None:
    import modelmap.discover.test_nginx as tn

    monkeypatch.setattr(tn, "MAX_SECTIONS", 3)  # type: ignore[attr-defined]
    got, skips = _scan(HEAD + BLOCKS)
    assert skips and "sections" in skips[0].detail
    assert (_line(HEAD + BLOCKS, 'model = "gpt-4o-mini"'), "gpt-4o-mini") in got


def test_a_body_nested_past_the_depth_bound_is_a_skip_not_silence() -> None:
    """redteam31: a request body nested deeper than the JSON / YAML readers allow was dropped with no word, while the
    same body in a .json or .yaml file is a parse-error skip; the model beside it is lost either way, so say so."""
    deep_json = '{"model": "gpt-4o", "messages": ' + "[" * 400 + "]" * 400 + "}"
    deep_yaml = "model: gpt-4o\nroutes: " + "[" * 400 + "]" * 400 + "\n"
    for section, body in (("request", "POST /v1/chat/completions\n" + deep_json), ("yaml_config", deep_yaml)):
        text = HEAD + f"=== TEST 1: deep body\n--- {section}\n{body}\n--- error_code: 200\n"
        _, skips = _scan(text)
        assert [s.reason for s in skips] == ["analysis-budget"], (section, skips)
        assert "nested" in skips[0].detail, skips[0]
    shallow = HEAD + '=== TEST 1: chat\n--- request\nPOST /v1/chat/completions\n{"model": "gpt-4o"}\n'
    names, skips = _scan(shallow)
    assert skips == [] and {raw for _, raw in names} == {"gpt-4o"}
