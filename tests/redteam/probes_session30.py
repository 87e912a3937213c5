"""Red-team probes of brief redteam34 (session 30 of the red-team log): code added in sessions 33 and 34 - C / C++
adjacent literals read whole (candidates.extract), make's command-line variables (shell.ShellSource), JSON held in
raw strings of C / C++ (polyglot._json_blocks), DSN settings in one literal, Kotlin explicit backing fields, and the
runtime's request dedup by W3C trace id (runtime.ingest._count_each_request_once).

Each probe promises what the tool must do on hostile input: bounded CPU / wall time, a clean exit, the answer an
ordinary spelling of the same input gets, and a skip wherever a bound stops the reading (never silent). Imported by
tests/redteam/probes.py after probes_session29. Stdlib only at import time.
"""

from __future__ import annotations

import json
from typing import Any

from tests.redteam.probes import OK, files, probe, scan_finds, scan_probe
from tests.redteam.probes_newer import rt_probe
from tests.redteam.probes_session27 import skip_says
from tests.redteam.runner import Result

# (a) a C / C++ concatenated_string is read whole when every part is a literal; extract asked literal_text(parent)
# once for every part, and literal_text walks every part: 20,000 adjacent literals ("ab" "ab" …, 100 KB) ran past
# 120 s (44 s of CPU, killed), 4,000 took 159 s under cProfile (16 M literal_text calls). Now asked once per joined
# literal: 100,000 parts 1.1 s of CPU
scan_probe("session30-cpp-30000-adjacent-literals", "quadratic-position", lambda: {
    "src/messages.cpp": '#include <string>\nconst char* kHelp = ' + " ".join('"ab"' for _ in range(30_000))
                        + ';\nstd::string model = "claude-3-5-sonnet-20241022";\n'},
           checks=(scan_finds("claude-3-5-sonnet-20241022"),), timeout=30.0)

# (b) make's command-line variables after `$(MAKE)` were each read as an assignment padded with spaces to its column:
# a recipe line of 20,000 `NAME=value` words (370 KB) built 20,000 strings of the line's length and matched each with
# RE2 (3,000 words: 4.7 s in re2 Match alone), past 120 s (killed). Now each is read alone and moved to its column
scan_probe("session30-make-20000-command-line-variables", "quadratic-position", lambda: {
    "Makefile": "serve:\n\t$(MAKE) run " + "".join(f"OPT_{i}=x{i} " for i in range(20_000))
                + "\npull:\n\t$(MAKE) _ensure_model MODEL=llama3.2:3b\n"},
           checks=(scan_finds("llama3.2:3b"),), timeout=30.0)

# (c) a C++ raw string opener that nothing closes (a comment that names `R"ev({`) ended _json_blocks' reading: every
# raw JSON block after it in the file was unread, with no skip (the event test's tinyllama:1b and its model file were
# found without the comment line, not with it). Now an unclosed delimiter is passed over (each closer looked for once)
_EVENT_TEST = '''#include "gtest/gtest.h"

// an event string opens with R"ev({ in these tests
TEST_F(EventTest, EventFromString) {
  std::string ev_str = R"({
    "task": {
      "id": "tinyllama:1b",
      "items": [{"id": "model.gguf", "localPath": "/home/me/app/models/acme/tinyllama/gguf/model.gguf"}],
      "type": "Model"
    },
    "type": "DownloadStarted"
  })";
}
'''
scan_probe("session30-cpp-raw-json-after-an-unclosed-opener", "wrong-answer",
           {"engine/test/components/test_event.cc": _EVENT_TEST}, checks=(scan_finds("tinyllama:1b"),))

# (d) _json_blocks looks at a bounded number of literals opening on a bracket (4 x its block cap: 64 when the cap was
# 16, 256 since session 32 raised the cap to 64) and stopped there without a word: a Go test with that many canned JSON
# replies and then a multi-line config block never read that block. Now said
_GO_REPLIES = ("package x\n\nimport \"testing\"\n\nfunc TestReplies(t *testing.T) {\n"
               + "".join(f'\tr{i} := `{{"id": {i}, "ok": true}}`\n\t_ = r{i}\n' for i in range(260))
               + '\tcfg := `{\n\t\t"task": {"id": "tinyllama:1b", "type": "Model"}\n\t}`\n\t_ = cfg\n}\n')
scan_probe("session30-go-json-literals-past-the-look-limit-said", "silent-cap", {"replies_test.go": _GO_REPLIES},
           checks=(skip_says("go-json", "256"),))


# (e) the runtime counted a request the app's span and the gateway's log both recorded once per trace id, pairing the
# trace's spans with its gateway records by position: an agent turn that calls Anthropic's API directly and then
# the gateway (one trace, two spans) lost its direct call (claude-3-5-haiku: 3 requests -> 0) while the gateway's
# model group was counted twice (3 spans + 3 records). Now a gateway record pairs with a span asking for its model
_T0 = 1796580000


def _attr(k: str, v: Any) -> dict[str, Any]:
    return {"key": k, "value": {"intValue": str(v)} if isinstance(v, int) else {"stringValue": v}}


def _span(trace: str, n: int, model: str, host: str) -> dict[str, Any]:
    return {"traceId": trace, "spanId": f"{n + 1:016x}", "name": f"chat {model}", "kind": 3,
            "startTimeUnixNano": str((_T0 + n) * 10**9), "endTimeUnixNano": str((_T0 + n + 1) * 10**9),
            "attributes": [_attr("gen_ai.operation.name", "chat"), _attr("gen_ai.system", "openai"),
                           _attr("gen_ai.request.model", model), _attr("gen_ai.response.model", model),
                           _attr("server.address", host), _attr("gen_ai.usage.input_tokens", 10),
                           _attr("gen_ai.usage.output_tokens", 5)]}


def _gateway(n: int, trace: str) -> str:
    return json.dumps({"record": "modelmap.litellm-record/1", "status": "success", "model_group": "support-chat",
                       "model": "Qwen/Qwen2.5-14B-Instruct", "custom_llm_provider": "hosted_vllm",
                       "api_base": "http://vllm.llm.svc.cluster.local:8000/v1", "prompt_tokens": 10,
                       "completion_tokens": 5, "startTime": _T0 + n + 0.2,
                       "metadata": {"headers": {"traceparent": f"00-{trace}-{n + 1:016x}-01"}}}) + "\n"


def _agent_turns() -> dict[str, str]:
    traces = [f"{n + 1:032x}" for n in range(3)]
    spans = [s for n, t in enumerate(traces) for s in (_span(t, 2 * n, "claude-3-5-haiku-20241022",
                                                             "api.anthropic.com"),
                                                       _span(t, 2 * n + 1, "support-chat", "litellm.platform.svc"))]
    return {"otel.jsonl": json.dumps({"resourceSpans": [{"resource": {"attributes": [_attr("service.name", "api")]},
                                                         "scopeSpans": [{"spans": spans}]}]}) + "\n",
            "runtime.jsonl": "".join(_gateway(n, t) for n, t in enumerate(traces))}


def _requests(want: dict[str, int]) -> Any:
    def check(res: Result) -> str | None:
        if res.rc != 0:
            return None
        got = {m.get("model"): m.get("requests") for m in res.json().get("models", [])}
        wrong = {k: got.get(k) for k, n in want.items() if got.get(k) != n}
        return f"requests per model {wrong}, expected {want}" if wrong else None
    return check


rt_probe("session30-runtime-direct-call-in-a-gateway-trace", _agent_turns,
         ("runtime", "otel.jsonl", "runtime.jsonl", "-f", "json"),
         checks=(_requests({"claude-3-5-haiku-20241022": 3, "support-chat": 0,
                            "hosted_vllm/Qwen/Qwen2.5-14B-Instruct": 3}),))


# Defended inputs (held before this session's fixes; kept to document them):
# (f) 30,000 spans and 30,000 gateway records sharing one trace id: paired once each, 0 left on the span side
def _one_trace(n: int) -> dict[str, str]:
    t = "ab" * 16
    span = '{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"%s","spanId":"%016x","name":"chat","kind":3,' \
           '"startTimeUnixNano":"%d","attributes":[{"key":"gen_ai.request.model","value":{"stringValue":' \
           '"support-chat"}}]}]}]}]}\n'
    return {"otel.jsonl": "".join(span % (t, i + 1, (_T0 + i) * 10**9) for i in range(n)),
            "runtime.jsonl": "".join(json.dumps({"model_group": "support-chat", "model": "gpt-4o",
                                                 "custom_llm_provider": "openai", "startTime": _T0 + i,
                                                 "traceparent": f"00-{t}-{i + 1:016x}-01"}) + "\n"
                                     for i in range(n))}


rt_probe("session30-runtime-30000-spans-one-trace-id", lambda: _one_trace(30_000),
         ("runtime", "otel.jsonl", "runtime.jsonl", "-f", "json"),
         checks=(_requests({"openai/gpt-4o": 30_000, "support-chat": 0}),), timeout=60.0)

# (g) a DSN of 100,000 `k=v,` pairs (400 KB, one literal) beside an ordinary one: the ordinary DSN's model is found,
# the huge one is passed over (over the 2,000-character settings bound), 2 s of CPU
scan_probe("session30-php-dsn-100000-pairs", "huge-line", lambda: {
    "src/Client.php": "<?php\n$big = Dsn::fromString('driver=openai,model=gpt-4o," + "k=v," * 100_000
                      + "');\n$dsn = Dsn::fromString('driver=openai,model=gpt-4o-mini,temperature=0.2');\n"},
           checks=(scan_finds("gpt-4o-mini"),), timeout=30.0)

# (h) 30,000 Kotlin explicit backing fields (1.9 MB): rewritten as getters by one bounded regex, the model after them
# found (1.1 s of CPU)
probe("session30-kotlin-30000-backing-fields", "deep-nesting", lambda ctx: (ctx.work / "A.kt").write_text(
    "class VM {\n" + "".join(f"  val s{i}: StateFlow<Int>\n    field = MutableStateFlow({i})\n" for i in range(30_000))
    + '  val m = generativeModel(modelName = "gemini-1.5-flash")\n}\n'), ("scan", ".", "-f", "json"),
      fmt="json", checks=(scan_finds("gemini-1.5-flash"),), timeout=30.0)


# (i) `modelmap check --today 9999-12-30` (a documented option) with a waiver and expiry_notice_days: 3650 stopped
# with "internal error: OverflowError: date value out of range" (exit 2): Waiver.expires_within added the notice days
# to today, past date.max. Now the days between are compared
_WAIVED = ("version: 1\nfail_on: error\npreset: no-cn-origin\nexpiry_notice_days: 3650\nflows:\n  support:\n"
           "    tags: [customer-facing]\n    paths: ['app/**']\nwaivers:\n  - rule: no-cn-origin-sensitive\n"
           "    match: {model: qwen-plus}\n    reason: being replaced\n    approved_by: Dana Lee\n"
           "    approved_on: 2026-01-01\n    expires: 9999-12-31\n")
probe("session30-check-today-near-date-max", "policy-config", files(lambda: {
    "modelmap.yaml": _WAIVED, "app/a.py": 'from openai import OpenAI\nc = OpenAI()\n'
                                          'c.chat.completions.create(model="qwen-plus", messages=[])\n'}),
      ("check", ".", "--today", "9999-12-30"), OK)

# (j) 5,000 Ruby `require_relative "anthropic/models/claude-3-5-haiku-<n>"` and `require "openai/gpt-4o-<n>"` lines
# (this session's source-load rule): no path reported as a model, the call after them found (3 s of CPU); past
# 20,000 literals the cap is said
scan_probe("session30-ruby-10000-require-paths", "huge-line", lambda: {
    "lib/sdk.rb": "".join(f'require_relative "anthropic/models/claude-3-5-haiku-{i}"\nrequire "openai/gpt-4o-{i}"\n'
                          for i in range(5_000))
                  + 'client.messages.create(model: "claude-3-5-haiku-20241022", max_tokens: 10)\n'},
           checks=(lambda res: None if res.rc != 0 or [f.get("raw") for f in res.json()["findings"]]
                   == ["claude-3-5-haiku-20241022"] else "require paths reported, or the model call lost",),
           timeout=30.0)
