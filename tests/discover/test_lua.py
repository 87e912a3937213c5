"""Lua (tuneLua31): read through tree-sitter-lua, one row in ``modelmap.discover.languages``; a table's ``key = value``
entries (``field`` nodes) bind their values, a table constructor is a container, a multiple assignment binds each
value to its own target, and luassert's ``assert.equals(…)`` / ``assert.same(…)`` compare with the other argument.

The fixtures are written for these tests in the idioms of an API gateway's AI plugin and its busted specs (plugin
config tables with a ``model = { name, provider, options }`` record, request bodies built as tables, long-bracket
JSON bodies, expectations on the decoded reply)."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

SPEC = """\
local cjson = require "cjson"

local PLUGIN_NAME = "ai-gateway"

local CASES = {
  openai = {
    ["llm/v1/chat"] = {
      name = "gpt-4o-mini",
      provider = "openai",
      options = { max_tokens = 256 },
    },
  },
  selfhosted = {
    ["llm/v1/chat"] = {
      name = "qwen2.5-7b-instruct",
      provider = "llama2",
      options = { upstream_url = "http://127.0.0.1:8080" },
    },
  },
}

local CHAT_MODEL, EMBED_MODEL = "claude-3-5-haiku-20241022", "text-embedding-3-small"

local routes = {
  ["llm/v1/chat"] = { ["llm/v1/chat"] = true },
}

local REPLY = [[
{
  "id": "chatcmpl-1",
  "model": "gpt-4.1-nano",
  "choices": []
}
]]

describe(PLUGIN_NAME, function()
  it("routes the chat request", function()
    local conf = {
      route_type = "llm/v1/chat",
      model = {
        name = "mistral-small-latest",
        provider = "mistral",
      },
    }
    if conf.model.provider == "llama2" then
      conf.model.options = { llama2_format = "ollama" }
    end
    local json = cjson.decode(REPLY)
    assert.equals("gpt-4.1-nano", json.model)
    assert.same("o3-mini", json.request_model)
  end)
end)
"""


def test_lua_spec_tables_bindings_and_assertions(tmp_path: Path) -> None:
    got = found(tmp_path, "spec/03-plugins/ai-gateway/01-unit_spec.lua", SPEC)
    # a plugin config's model record, in a cases table and in a test's own table
    assert (8, "gpt-4o-mini") in got
    assert (15, "qwen2.5-7b-instruct") in got
    assert (41, "mistral-small-latest") in got
    # each value of a multiple assignment under its own name
    assert (22, "claude-3-5-haiku-20241022") in got
    assert (22, "text-embedding-3-small") in got
    # JSON held in a long-bracket string
    assert (31, "gpt-4.1-nano") in got
    # luassert's expected values, compared with a model field
    assert (49, "gpt-4.1-nano") in got
    assert (50, "o3-mini") in got
    # provider ids (also Ollama library names) under a provider key and compared with one; route keys
    assert (16, "llama2") not in got
    assert (45, "llama2") not in got
    assert not any(raw.startswith("llm/") for _, raw in got)


def test_lua_assertion_subject_is_the_compared_field(tmp_path: Path) -> None:
    # a bare word is a model only where the place says so: luassert compares it with `json.model`
    text = ('local json = cjson.decode(body)\nassert.equals("acme-chat-v2", json.model)\n'
            'assert.equals("acme-chat-v2", json.title)\n')
    got = found(tmp_path, "spec/reply_spec.lua", text)
    assert (2, "acme-chat-v2") in got
    assert (3, "acme-chat-v2") not in got


LONG_JSON = """\
local ROUTE = [==[
{
  "plugins": {
    "ai-rate-limit": {
      "instances": [
        { "name": "primary", "provider": "openai", "model": { "name": "gpt-4o-mini" } },
        { "name": "fallback", "provider": "deepseek", "models": ["deepseek-chat", "deepseek-reasoner"] }
      ]
    }
  }
}
]==]
"""


def test_lua_long_string_json_read_as_a_json_document(tmp_path: Path) -> None:
    # a nested model record and a models list: the JSON document's keys say what the values are, which the
    # "model": "…" pair reading of a literal does not see
    got = found(tmp_path, "spec/route_spec.lua", LONG_JSON)
    assert (6, "gpt-4o-mini") in got
    assert (7, "deepseek-chat") in got
    assert (7, "deepseek-reasoner") in got
    assert all(raw not in ("openai", "deepseek", "primary") for _, raw in got)


def test_fixture_named_under_a_key_is_no_model(tmp_path: Path) -> None:
    # a recorded reply's file name given in a header table (as a `fixture(...)` argument already is not a model)
    text = ('local res = httpc:request({\n  headers = {\n    ["X-Mock-Fixture"] = "openai/chat-stream.sse",\n  },\n'
            '  body = cjson.encode({ model = "gpt-4o" }),\n})\nlocal fixture_model = "mistral-large-2411"\n')
    got = found(tmp_path, "spec/stream_spec.lua", text)
    assert (5, "gpt-4o") in got
    assert (3, "openai/chat-stream.sse") not in got
    assert (7, "mistral-large-2411") in got  # a name for a fixture's model is still a model's


def test_leading_substring_comparison_is_a_prefix_check(tmp_path: Path) -> None:
    # Lua has no startsWith: `s:sub(1, n) == "…"` tests a name's start (a family), as startsWith does elsewhere;
    # `~=` compares a whole name as `==` does
    text = ('if model_info.name:sub(1, 10) == "gemini-1.0" then return nil end\n'
            'if string.sub(conf.model, 1, 6) == "gpt-4o" then end\n'
            'if conf.model ~= "gpt-4o-mini" then end\n')
    got = found(tmp_path, "kong/llm/drivers/acme.lua", text)
    assert (1, "gemini-1.0") not in got
    assert (2, "gpt-4o") not in got
    assert (3, "gpt-4o-mini") in got
