"""Regressions found by the red-team probes of issue 16 (tests/redteam/probes_newer.py: eval-*, plan-eval-*,
plan-volume-*): hostile suites, schemas, servers and documents give a clear result, never a crash or a hang."""

from __future__ import annotations

import json
import os
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest

from modelmap.errors import ConfigError, UsageError
from modelmap.eval import scorers
from modelmap.eval.candidates import models_from_plan
from modelmap.eval.engine import HttpEngine, ModelSpec
from modelmap.eval.suites import load_suite
from modelmap.switch import gate
from modelmap.switch.volume import parse_csv, parse_yaml
from tests.runtime.fakes import serve


def test_json_schema_pattern_runs_in_linear_time() -> None:
    # eval-json-schema-pattern-backtracking: Python's re took ~30 s on 28 a's; RE2 answers at once (issue 16)
    ok, why = scorers.score_case("json-schema", '"' + "a" * 5000 + '!"', {"type": "string", "pattern": "^(a+)+$"})
    assert not ok and "does not match" in why
    ok, why = scorers.score_case("json-schema", json.dumps({"a" * 5000 + "!": 1}),
                                 {"type": "object", "patternProperties": {"^(a|aa)+$": {}},
                                  "additionalProperties": False})
    assert not ok and "additional properties" in why
    assert scorers.score_case("json-schema", '{"ab": 1, "c": "x1"}', {
        "type": "object", "patternProperties": {"^a": {"type": "integer"}},
        "properties": {"c": {"pattern": "[0-9]$"}}, "additionalProperties": False})[0]


def test_json_schema_refs_are_never_fetched_and_loops_fail_the_case() -> None:
    # eval-json-schema-remote-ref / -recursive-ref (issue 16)
    seen: list[str] = []

    def record(h: BaseHTTPRequestHandler) -> None:
        seen.append(h.path)

    with serve({}, special={"GET /schema.json": record}) as url:
        ok, why = scorers.score_case("json-schema", '"x"', {"$ref": f"{url}/schema.json"})
    assert not ok and "never fetched" in why and seen == []
    ok, why = scorers.score_case("json-schema", '"x"', {"$ref": "#"})
    assert not ok and "too deeply" in why
    ok, why = scorers.score_case("json-schema", "[" * 100_000 + "]" * 100_000, {"type": "array"})
    assert not ok and "too deeply" in why
    # a legitimate recursive schema still validates
    tree = {"$defs": {"n": {"type": "object", "additionalProperties": {"$ref": "#/$defs/n"}}}, "$ref": "#/$defs/n"}
    assert scorers.score_case("json-schema", '{"a": {"b": {}}}', tree)[0]


def _suite(tmp_path: Path, yaml_text: str, data_name: str = "cases.jsonl", data: str | None = None) -> Path:
    folder = tmp_path / "suite"
    folder.mkdir()
    (folder / "suite.yaml").write_text(yaml_text)
    if data is not None:
        (folder / data_name).write_text(data)
    return folder


@pytest.mark.parametrize(("yaml_text", "data_name", "data", "message"), [
    ("kind: cases\ndata: c.jsonl\n", "c.jsonl", '{"input": ' + "[" * 100_000 + "]" * 100_000 + "}\n", "nested too deeply"),
    ("kind: cases\ndata: c.csv\n", "c.csv", 'input,target\n"' + "a" * 200_000 + '",4\n', "not valid CSV"),
    ("kind: cases\ndata: c.jsonl\n", "c.jsonl", '{"input": "x", "scorer": 7}\n', "unknown scorer"),
    ("kind: jailbreak\ndata: c.jsonl\ntemplates: [5, {id: [1], text: 7}]\n", "c.jsonl", '{"goal": "g"}\n', "templates"),
    ("kind: insecure-code\ndata: c.jsonl\npersonas: [a, b]\n", "c.jsonl", '{"prompt": "p"}\n', "personas"),
    ("kind: slant\ndata: c.jsonl\nlanguages: [en, [zh]]\n", "c.jsonl", '{"prompts": {"en": "q"}}\n', "languages"),
    ("kind: slant\ndata: c.jsonl\n", "c.jsonl", '{"prompts": {"en": "q"}, "facts": "x"}\n', "facts"),
    ("kind: cases\ndata: c.jsonl\nz: " + "[" * 50_000 + "]" * 50_000 + "\n", "c.jsonl", '{"input": "x"}\n', "deeply"),
])
def test_hostile_suites_are_usage_errors(tmp_path: Path, yaml_text: str, data_name: str, data: str,
                                         message: str) -> None:
    # eval-cases-deep-line, eval-csv-huge-field, eval-cases-wrong-types, eval-suite-yaml-* (issue 16)
    with pytest.raises(UsageError, match=message):
        load_suite(str(_suite(tmp_path, "name: s\n" + yaml_text, data_name, data)))


def test_a_fifo_suite_file_is_refused_without_blocking(tmp_path: Path) -> None:
    # eval-suite-data-fifo: opening the pipe blocked forever (issue 16)
    folder = _suite(tmp_path, "name: s\nkind: cases\ndata: c.jsonl\n")
    os.mkfifo(folder / "c.jsonl")
    with pytest.raises(UsageError, match="not a regular file"):
        load_suite(str(folder))


def _drip_headers(h: BaseHTTPRequestHandler) -> None:
    h.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
    for _ in range(40):
        h.wfile.write(b"a")
        h.wfile.flush()
        time.sleep(0.25)


def _deep(h: BaseHTTPRequestHandler) -> None:
    body = b'{"choices":' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    h.send_response(200)
    h.send_header("Content-Length", str(len(body)))
    h.end_headers()
    h.wfile.write(body)


def _cut(h: BaseHTTPRequestHandler) -> None:
    h.send_response(200)
    h.send_header("Content-Length", "100000")
    h.end_headers()
    h.wfile.write(b'{"choices": [{"mess')


@pytest.mark.parametrize(("handler", "message"), [(_drip_headers, "no complete reply"),
                                                  (_deep, "not an OpenAI chat completion"),
                                                  (_cut, "not an OpenAI chat completion")])
def test_hostile_model_servers_give_a_request_error(handler: Any, message: str) -> None:
    # eval-server-drips-headers (a run never ended), eval-server-deep-json, eval-server-cut-short (issue 16)
    with serve({}, special={"POST /v1/chat/completions": handler}) as url:
        reply = HttpEngine(timeout=1.0).complete(ModelSpec("m", f"{url}/v1"), [{"role": "user", "content": "x"}],
                                                 max_tokens=8, temperature=0.0)
    assert reply.text is None and reply.error is not None and message in reply.error


def test_a_plan_of_the_wrong_shape_is_a_usage_error(tmp_path: Path) -> None:
    # eval-from-plan-wrong-types / -flows-not-list (issue 16)
    p = tmp_path / "plan.json"
    for flows in ([5, {"name": "f"}], {"a": 1}, [{"name": "f", "usages": "x"}]):
        p.write_text(json.dumps({"schema": "modelmap.plan/1", "flows": flows}))
        with pytest.raises(UsageError, match="not a list of objects"):
            models_from_plan(p)
    p.write_text(json.dumps({"schema": "modelmap.plan/1", "flows": [{"name": "f", "usages": [
        {"role": "generation", "raw": "deepseek-chat", "served_by": "deepseek-api",
         "replacement": {"provider": 5, "model": "gpt-4o"}}]}]}))
    assert models_from_plan(p) == ["deepseek-api/deepseek-chat", "gpt-4o"]


def test_the_gate_reads_eval_documents_of_any_shape() -> None:
    # plan-eval-wrong-types / -suites-dict / -nan (issue 16)
    rule = gate.parse_rule("candidate.eval.vulnerable_rate <= incumbent.eval.vulnerable_rate")
    for doc in ({"suites": {"a": 1}}, {"suites": [5, {"suite": "x", "comparisons": [5, {"metric": 1}]}]},
                {"suites": [{"suite": {"name": "s"}, "comparisons": [
                    {"metric": "vulnerable_rate", "baseline": "a", "candidate": "b", "n": 10, "headline": True,
                     "delta": {"mean": float("nan"), "low": "x", "high": 1e999}}]}]}):
        r = gate.usage_readiness("a", "b", doc, [rule, *gate.default_rules(doc)])
        assert r["status"] == "needs-eval"


def test_volume_files_nested_too_deeply_or_bad_csv_are_config_errors() -> None:
    # plan-volume-deep, plan-volume-csv-huge-field (issue 16)
    with pytest.raises(ConfigError, match="nested too deeply"):
        parse_yaml("version: 1\nflows: " + "[" * 50_000 + "]" * 50_000 + "\n", "v.yaml")
    with pytest.raises(ConfigError, match="not valid CSV"):
        parse_csv('flow,input_tokens\n"' + "a" * 200_000 + '",1\n', "v.csv")


def test_inspect_engine_ends_a_stalled_request(tmp_path: Path) -> None:
    # eval-inspect-stalls: inspect-ai's `timeout` only bounds retries, so one stalled attempt held the run
    # forever; attempt_timeout and the client's timeout now end it (issue 16)
    pytest.importorskip("inspect_ai")
    from modelmap.eval.inspect_engine import InspectEngine

    def stall(h: BaseHTTPRequestHandler) -> None:
        time.sleep(30)

    with serve({}, special={"POST /v1/chat/completions": stall}) as url:
        engine = InspectEngine(None, tmp_path / "logs", timeout=2.0)
        reply = engine.complete(ModelSpec("m", f"{url}/v1"), [{"role": "user", "content": "x"}], max_tokens=8,
                                temperature=0.0)
    assert reply.text is None and reply.error is not None and reply.error.startswith("inspect-ai:")
