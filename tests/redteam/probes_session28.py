"""Red-team probes of brief redteam32 (session 28 of the red-team log): code added in session 31 - the Test::Nginx `.t`
reader (discover/test_nginx.py), `modelmap diff` with a policy between git revisions (modelmap.diff/3 ``policy``,
``--fail-on-new``), and the plain-text model-list lines (.txt data files, polyglot._listed_line_models).

Each probe promises what the tool must do on hostile input: bounded CPU / RSS, a clean exit, the answer an ordinary
spelling of the same input gets, and a skip wherever a bound stops the reading (never silent). Imported by
tests/redteam/probes.py after probes_session27. Stdlib only at import time.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.redteam.probes import OK, USAGE, git_repo, probe, scan_probe, write, write_chunks
from tests.redteam.probes_session8 import cpu_below
from tests.redteam.probes_session13 import rss_below
from tests.redteam.probes_session27 import finds, skip_says
from tests.redteam.runner import Ctx, Result

_NGINX_HEAD = "use Test::Nginx::Socket 'no_plan';\nrun_tests();\n\n__DATA__\n\n"
_NGINX_TEST = (_NGINX_HEAD + "=== TEST 1: chat route\n--- config\n    location /t {\n        content_by_lua_block {\n"
               "            local conf = { options = { model = \"gpt-4o-mini\" } }\n            ngx.say(\"passed\")\n"
               "        }\n    }\n--- request\nPOST /v1/chat\n"
               "{\"model\": \"claude-3-5-haiku-20241022\", \"messages\": []}\n--- response_body\npassed\n")


def _at_least(n: int) -> Callable[[Result], str | None]:
    def check(res: Result) -> str | None:
        if res.rc != 0:
            return None
        got = len(res.json().get("findings", []))
        return None if got >= n else f"{got} findings, expected at least {n}: the findings before the stop were lost"
    return check


# (a) a Test::Nginx file saved with Windows line ends: the section header `--- config\r` matched no header ('[ \t]*$'
# of re.M stops only before '\n'), so the file was taken for one (a `__DATA__` line and `\n--- `) and every section
# was lost: 0 findings and no skip, where the same file with LF line ends gives the Lua block's and the request's model
scan_probe("session28-test-nginx-crlf", "wrong-answer", {"t/plugin/ai-proxy.t": _NGINX_TEST.replace("\n", "\r\n")},
           checks=(finds("gpt-4o-mini", "claude-3-5-haiku-20241022"),))


# (b) an expected-output regex (`--- access_log eval` / `qr/…/`) is read for at most 200 words a section; past them the
# rest was dropped without a word (the module's docstring promised an analysis-budget skip): the model the test
# asserts at word 301 was lost silently
scan_probe("session28-test-nginx-regex-300-words", "silent-cap", lambda: {
    "t/plugin/ai-log.t": _NGINX_HEAD + "=== TEST 1: access log\n--- request\nGET /t\n--- access_log eval\nqr/"
    + " ".join(f"field{i}" for i in range(300)) + " gpt-4o-2024-08-06/\n"},
           checks=(skip_says("expected-output regex", "200"),))


# (c) YAML config sections (`--- yaml_config`): each body (up to 256 KiB) was parsed (a YAML parse cannot be stopped by
# the file's budget) and then copied with copy.deepcopy (the parse is cached), 4-5 s of CPU a body; seven 250 KiB bodies
# of flow mappings took 10.8 s of CPU and 396 MB against a 2 s budget. Now the YAML bodies of a file are parsed up to
# 1 MiB in all (what one YAML file may parse; said in a skip) and copied by a plain walk: 5.8 s, 209 MB
def _yaml_bodies() -> dict[str, str]:
    def body(j: int) -> str:
        return "routes:\n" + "".join(f"  - {{id: r{i}x{j}, u: [a, b, c]}}\n" for i in range(8_000))
    return {"t/plugin/routes.t": _NGINX_HEAD + "".join(f"=== TEST {j}\n--- yaml_config\n{body(j)}" for j in range(7))
            + "=== TEST 99\n--- yaml_config\nmodel: gpt-4o\n"}


scan_probe("session28-test-nginx-7-yaml-bodies-250k", "huge-file", _yaml_bodies,
           checks=(skip_says("YAML sections past"), cpu_below(9.0), rss_below(300)), timeout=60.0)


# (d) modelmap diff OLD NEW with a policy: each side's violations were kept in a dict keyed by their line-free
# fingerprint (rule, finding source, value, path, flow), so a change that adds three more calls of a forbidden model to
# a file that already had one introduced nothing: `--fail-on-new` passed (exit 0) while `modelmap check` lists 5 errors,
# and new_total said 2. Now a fingerprint is counted: 3 introduced, new_total 5 (4 calls, the base URL), exit 1
_POLICY = ("version: 1\nfail_on: error\nrules:\n  - id: no-deepseek\n    severity: error\n    message: no DeepSeek\n"
           "    deny: \"usage.raw.contains('deepseek')\"\n")
_CALL = 'client.chat.completions.create(model="deepseek-chat", messages=[])\n'
_APP = 'from openai import OpenAI\n\nclient = OpenAI(base_url="https://api.deepseek.com")\n' + _CALL


def _more_calls(ctx: Ctx) -> None:
    git_repo(ctx, [lambda w: (write(w / "modelmap.yaml", _POLICY), write(w / "app.py", _APP)),
                   lambda w: write(w / "app.py", _APP + _CALL * 3)])


def _introduced(n: int, total: int) -> Callable[[Result], str | None]:
    def check(res: Result) -> str | None:
        if res.rc not in (0, 1):
            return None
        policy = res.json().get("policy") or {}
        got = (policy.get("unwaived_introduced"), policy.get("new_total"))
        return None if got == (n, total) else f"introduced / new_total {got}, expected {(n, total)}"
    return check


probe("session28-diff-policy-three-more-uses-same-file", "wrong-answer", _more_calls,
      ("diff", "HEAD~1", "HEAD", "-f", "json", "--fail-on-new"), frozenset({1}), fmt=None,
      checks=(_introduced(3, 5),), timeout=90.0)


# (e) `--config DIR` is searched like the default (DIR and its parents); with no config found there the diff checked
# both revisions against the default policy (no rules) and `--fail-on-new` passed a change the project's own policy
# fails (a CI job given `--config ci/`, whose policy.yaml is no config name). Now that is no policy: exit 2, as the gate
# says without one
def _config_dir(ctx: Ctx) -> None:
    git_repo(ctx, [lambda w: (write(w / "ci" / "policy.yaml", _POLICY), write(w / "app.py", "x = 1\n")),
                   lambda w: write(w / "app.py", _APP)])
    ctx.state["ci"] = str(Path(ctx.work) / "ci")


probe("session28-diff-config-dir-without-a-policy", "policy-config", _config_dir,
      ("diff", "HEAD~1", "HEAD", "--config", "{ci}", "--fail-on-new"), USAGE, timeout=90.0)


# (f) a .txt data file's delimited model lines (_listed_line_models, one budget step per field): past the file's budget
# the exception left ModelListSource.scan before it returned, so every finding made so far was lost while the engine's
# skip said "findings so far kept" (0 findings for 550 lines of `gpt-4o,gpt-4,text-davinci-003,davinci,…`)
scan_probe("session28-model-list-txt-past-budget-keeps-findings", "silent-cap", lambda: {
    "tests/data/cases.txt": (",".join(["gpt-4o", "gpt-4", "text-davinci-003", "davinci"] * 200) + "\n") * 550},
           checks=(_at_least(1_000), cpu_below(12.0), rss_below(300)))


# (g) at most 20,000 lines of a text file are read (a .txt data file's delimited lines, a model list's lines); the lines
# past them were dropped without a word: a test's data file of 25,000 prompts, then its model list, gave nothing
scan_probe("session28-model-list-txt-line-25001", "silent-cap", lambda: {
    "tests/data/cases.txt": "hello there\n" * 25_000 + "gpt-4o,gpt-4,text-davinci-003,davinci\n"},
           checks=(skip_says("20,000 lines"),))
scan_probe("session28-model-list-file-line-25001", "silent-cap", lambda: {
    "src/llm/OllamaModelList.txt": "# pulled by setup.sh\n" * 25_000 + "gemma2\ngemma2:27b\nqwen2.5:7b\n"},
           checks=(skip_says("20,000 lines"),))


# (h) a revision is exported with `git archive` before it is scanned: the archive was captured whole in memory (and git
# holds a blob whole below core.bigFileThreshold, 512 MiB), so a revision with a 300 MB committed file peaked at about
# 660 MB (400 MB: 876 MB; a 2 GB file passes a CI runner's memory). Now the archive is streamed to its file and git
# streams blobs past 16 MiB: under 100 MB
def _big_blob(ctx: Ctx) -> None:
    def big(w: Path) -> None:
        write_chunks(w / "weights.bin", b"", b"\0" * 4096, 300_000_000 // 4096, b"")
    git_repo(ctx, [lambda w: write(w / "app.py", _APP), big])
    (ctx.work / "weights.bin").unlink()  # (committed; the diff reads it from git)


probe("session28-diff-revision-with-300mb-file", "huge-file", _big_blob, ("diff", "HEAD~1", "HEAD", "-f", "json"), OK,
      fmt="json", checks=(rss_below(250),), timeout=90.0)


# (i) archive members the tar filter refuses (a committed symlink to an absolute path) are skipped, each named: every
# one was listed in the PR comment (`-f md`) and on stderr, so a revision with 5,000 such links made a 393 KB comment,
# past the 65,536 characters GitHub posts (the model changes came after them), and 398 KB of warnings. Now the first 20
# of a side and a count (the JSON keeps them all)
def _abs_links(ctx: Ctx) -> None:
    def links(w: Path) -> None:
        (w / "links").mkdir()
        for i in range(5_000):
            (w / "links" / f"l{i}").symlink_to("/etc/passwd")
    git_repo(ctx, [lambda w: write(w / "app.py", _APP), links])


def _sizes_below(out: int, err: int) -> Callable[[Result], str | None]:
    def check(res: Result) -> str | None:
        if len(res.stdout) > out or len(res.stderr) > err:
            return f"stdout {len(res.stdout):,} / stderr {len(res.stderr):,} bytes (limits {out:,} / {err:,})"
        return None if b"more skipped" in res.stdout else "the comment does not count the skipped members it leaves out"
    return check


probe("session28-diff-revision-5000-absolute-symlinks", "huge-file", _abs_links, ("diff", "HEAD~1", "HEAD", "-f", "md"),
      OK, checks=(_sizes_below(60_000, 20_000),), timeout=90.0)


# (j) a server flag's JSON value in a container's args (`--speculative-config={…}`, session 31) nested past the JSON
# reader's depth (200) was read as one plain value: the draft model beside the deep part was lost with no skip, where
# a .json file of the same body is a parse-error skip. Now an analysis-budget skip names the value and its line
_K8S_HEAD = ("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: vllm\nspec:\n  template:\n    spec:\n"
             "      containers:\n        - name: vllm\n          image: vllm/vllm-openai\n          command: [vllm, serve]\n"
             "          args:\n")
scan_probe("session28-k8s-json-flag-400-deep", "deep-nesting", lambda: {
    "deploy/vllm.yaml": _K8S_HEAD + "            - '--speculative-config={\"model\": \"yuhuili/EAGLE-LLaMA3-Instruct-8B\", "
    "\"x\": " + "{\"a\": " * 400 + "1" + "}" * 400 + "}'\n"},
           checks=(skip_says("JSON value", "levels of nesting"),))
