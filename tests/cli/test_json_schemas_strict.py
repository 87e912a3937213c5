"""Every public command's --format json output is described by its shipped schema, field by field.

Most schema objects leave additionalProperties open so that readers tolerate fields a later version adds; that also
lets a field the writer emits but the schema never names pass silently (a tryout found plan's assumptions, eval's
settings, suites and gates, probe's and runtime's resolutions and inspect's family.signals undocumented). Here every
object that lists its properties and says nothing about others is closed, so such drift fails; objects that declare
additionalProperties themselves (maps such as metrics or evidence) keep what they declare. Each command runs on the
bundled demo app (examples/demo-app) or a small fixture, through the real CLI.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.conftest import ROOT, load_schema

DEMO = ROOT / "examples" / "demo-app"


def strict(node: Any) -> Any:
    """A copy of a schema where every object schema that lists properties, and neither declares
    additionalProperties nor combines with allOf (whose branches would then reject each other's fields), is closed."""
    node = copy.deepcopy(node)

    def close(n: Any) -> None:
        if isinstance(n, dict):
            if "properties" in n and "additionalProperties" not in n and "allOf" not in n:
                n["additionalProperties"] = False
            for v in n.values():
                close(v)
        elif isinstance(n, list):
            for v in n:
                close(v)

    close(node)
    return node


def _undescribed(doc: Any, schema_name: str) -> list[str]:
    validator = jsonschema.Draft202012Validator(strict(load_schema(schema_name)))
    found = []
    for record in doc if isinstance(doc, list) else [doc]:
        for err in validator.iter_errors(record):
            for e in [err, *(err.context or [])]:
                found.append(f"{'/'.join(map(str, e.absolute_path))}: {e.message[:300]}")
    return found


def _run(*args: str, cwd: Path = ROOT) -> Any:
    proc = subprocess.run([sys.executable, "-c", "from modelmap.cli import main; main()", "-q", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    return json.loads(proc.stdout)


def test_the_closing_catches_an_undescribed_field() -> None:
    """The check itself: a plan whose assumptions carry a field the schema does not name fails strictly and
    passes the shipped (open) schema."""
    doc = {"effort": {k: {"hours": 1, "assumption": "x"} for k in "ABCDE"}, "evaluation": {"hours": 4, "assumption": "x"},
           "verdict_48h": "x", "volume": "x", "prices": "x", "surprise": 1}
    schema = load_schema("plan.schema.json")["properties"]["assumptions"]
    jsonschema.validate(doc, schema)
    with pytest.raises(jsonschema.ValidationError, match="surprise"):
        jsonschema.validate(doc, strict(schema))


@pytest.mark.parametrize(("schema", "args"), [
    ("scan.schema.json", ("scan", str(DEMO), "-f", "json")),
    ("trace.schema.json", ("trace", "gpt-4o", "BAAI/bge-m3", "deepseek-chat", "acmecorp/zorblax-7b", "-f", "json")),
    ("check.schema.json", ("check", str(DEMO), "-f", "json")),
    ("scenario.schema.json", ("scenario", "no-cn-origin", str(DEMO), "-f", "json")),
    ("alternatives.schema.json", ("alternatives", "deepseek-chat", "-f", "json")),
    ("plan.schema.json", ("plan", str(DEMO), "-s", "no-cn-origin", "-f", "json")),
])
def test_demo_app_json_is_fully_described(schema: str, args: tuple[str, ...]) -> None:
    assert _undescribed(_run(*args), schema) == []


def test_diff_json_is_fully_described(tmp_path: Path) -> None:
    scan = tmp_path / "scan.json"
    scan.write_text(json.dumps(_run("scan", str(DEMO), "-f", "json")))
    assert _undescribed(_run("diff", str(scan), str(scan), "-f", "json"), "diff.schema.json") == []


def test_probe_runtime_and_drift_json_are_fully_described(tmp_path: Path) -> None:
    from tests.runtime.fakes import recording, serve

    with serve(recording("vllm")["routes"]) as url:
        probe = _run("probe", url, "--allow-private", "-f", "json")
    assert probe["endpoints"][0]["models"], probe
    assert _undescribed(probe, "probe.schema.json") == []
    (tmp_path / "probe.json").write_text(json.dumps(probe))
    runtime = _run("runtime", str(tmp_path / "probe.json"), "-f", "json")
    assert runtime["models"]
    assert _undescribed(runtime, "runtime.schema.json") == []
    (tmp_path / "runtime.json").write_text(json.dumps(runtime))
    assert _undescribed(_run("diff", str(DEMO), str(tmp_path / "runtime.json"), "-f", "json"), "drift.schema.json") == []


def test_inspect_json_with_a_family_is_fully_described(tmp_path: Path) -> None:
    """Qwen2.5-7B's dimensions and special tokens under another name: a family with alternatives and signals."""
    from tests.artifacts.test_identify import qwen25_7b_tensors, sparse_safetensors

    d = tmp_path / "acme"
    d.mkdir()
    (d / "config.json").write_text(json.dumps({
        "_name_or_path": "acme/Acme-7B", "model_type": "qwen2", "architectures": ["Qwen2ForCausalLM"],
        "hidden_size": 3584, "num_hidden_layers": 28, "num_attention_heads": 28, "num_key_value_heads": 4,
        "intermediate_size": 18944, "vocab_size": 152064}))
    (d / "tokenizer_config.json").write_text(json.dumps({"added_tokens_decoder": {
        str(151643 + i): {"content": c} for i, c in enumerate(
            ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|fim_prefix|>", "<tool_call>", "</tool_call>"])}}))
    sparse_safetensors(d / "model.safetensors", qwen25_7b_tensors())
    doc = _run("inspect", str(d), "-f", "json")
    records = doc if isinstance(doc, list) else [doc]
    assert records[0]["family"] and records[0]["family"]["alternatives"], records[0]["family"]
    assert _undescribed(doc, "inspect.schema.json") == []


def test_eval_json_is_fully_described() -> None:
    from tests.eval.fake_openai import FakeServer

    with FakeServer() as fake:
        doc = _run("eval", "cases-demo", "-m", f"careful@{fake.base_url}", "-m", f"reckless@{fake.base_url}",
                   "--engine", "http", "--limit", "3", "-f", "json")
    assert doc["gates"] and doc["settings"]["limit"] == 3
    assert _undescribed(doc, "eval.schema.json") == []
