"""Policy rules that read what production says (``runtime.*``, ``check --runtime FILE``; issue 15, item 4).

The code is the demo app's ``app/`` folder; the runtime inventory is built by ``modelmap.runtime.ingest`` from
LiteLLM callback records written the way ``modelmap.integrations.litellm`` writes them: a gateway answers
``gpt-4o`` with Qwen weights, ``deepseek-chat`` goes to DeepSeek's API, and the embedding models never show up.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import modelmap
from modelmap.cli import app
from modelmap.policy import evaluate
from modelmap.policy.config import load_config
from modelmap.policy.inventory import RUNTIME_FIELDS, attach_runtime, runtime_var
from modelmap.runtime import ingest

ROOT = Path(__file__).resolve().parents[2]
POLICY = """\
version: 1
flows:
  routing: {paths: ["app/router.py"], tags: [customer-facing]}
  answer: {paths: ["app/answer.py"], tags: [customer-facing]}
  retrieval: {paths: ["app/retrieval.py", "app/settings.py"], tags: [regulated]}
rules:
  - id: declared-but-idle
    severity: warning
    message: Declared in code but never seen serving.
    require: "runtime.seen == true"
  - id: answered-by-other-weights
    message: Production answered this model with other weights.
    deny: "model.id != null && runtime.models.exists(m, m != model.id)"
  - id: busy-on-deepseek-api
    message: More than two requests went to DeepSeek's API.
    deny: "'api.deepseek.com' in runtime.served_by && runtime.requests > 2"
"""


def _record(group: str, model: str, provider: str, api_base: str, t: float) -> dict[str, Any]:
    return {"record": "modelmap.litellm-record/1", "status": "success", "call_type": "acompletion",
            "model_group": group, "requested_group": group, "model": model, "custom_llm_provider": provider,
            "upstream_model": f"{provider}/{model}", "api_base": api_base, "prompt_tokens": 12,
            "completion_tokens": 30, "startTime": t, "endTime": t + 0.4, "flows": ["answer"], "tags": []}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("runtime-policy")
    shutil.copytree(ROOT / "examples" / "demo-app" / "app", root / "app")
    (root / "modelmap.yaml").write_text(POLICY)
    t = 1_796_300_000.0
    records = [_record("gpt-4o", "Qwen/Qwen2.5-72B-Instruct", "hosted_vllm", "http://llm-gateway.internal:4000/v1",
                       t + i) for i in range(4)]
    records += [_record("deepseek-chat", "deepseek-chat", "deepseek", "https://api.deepseek.com", t + 10 + i)
                for i in range(3)]
    (root / "callback.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    runtime = ingest.build([root / "callback.jsonl"])
    (root / "runtime.json").write_text(json.dumps(runtime))
    return root


@pytest.fixture(scope="module")
def scanned(project: Path) -> modelmap.ScanResult:
    return modelmap.scan([project / "app"], resolve=True)


def _hits(project: Path, scanned: Any, runtime: dict[str, Any] | None) -> dict[str, set[str]]:
    result = scanned if runtime is None else attach_runtime(scanned, runtime)
    check = evaluate(result, load_config(project / "modelmap.yaml"), date(2026, 12, 3))
    out: dict[str, set[str]] = {}
    for v in check.unwaived:
        out.setdefault(v.rule_id, set()).add(v.finding.raw if v.finding else "")
    return out


def test_runtime_facts_per_usage(project: Path, scanned: Any) -> None:
    runtime = json.loads((project / "runtime.json").read_text())
    facts = {f.raw: runtime_var(f) for f in attach_runtime(scanned, runtime).findings if f.kind != "endpoint"}
    gpt = facts["gpt-4o"]
    assert gpt["seen"] is True and gpt["requests"] == 4
    assert gpt["served_by"] == ["llm-gateway.internal:4000"] and gpt["models"] == ["qwen/qwen2.5-72b-instruct"]
    deepseek = facts["deepseek-chat"]
    assert deepseek["seen"] is True and deepseek["requests"] == 3 and deepseek["served_by"] == ["api.deepseek.com"]
    assert deepseek["providers"] == ["deepseek-api"]
    # never seen: known to be none (false, empty lists), and 0 requests because the sources counted requests
    idle = facts["BAAI/bge-reranker-v2-m3"]
    assert idle == {"seen": False, "served_by": [], "providers": [], "models": [], "requests": 0, "last_seen": None}
    endpoint = next(runtime_var(f) for f in attach_runtime(scanned, runtime).findings
                    if f.kind == "endpoint" and "deepseek" in f.raw)
    assert endpoint["seen"] is True and endpoint["requests"] == 3 and endpoint["served_by"] == ["api.deepseek.com"]
    # without a runtime inventory every runtime fact is unknown (null), never false or []
    assert {runtime_var(f)[k] for f in scanned.findings for k in RUNTIME_FIELDS} == {None}


def test_rules_on_runtime_facts(project: Path, scanned: Any) -> None:
    runtime = json.loads((project / "runtime.json").read_text())
    hits = _hits(project, scanned, runtime)
    assert hits["answered-by-other-weights"] == {"gpt-4o"}
    # the model usage and the endpoint in code that the traffic went to
    assert hits["busy-on-deepseek-api"] == {"deepseek-chat", "https://api.deepseek.com"}
    assert "gpt-4o" not in hits["declared-but-idle"] and "deepseek-chat" not in hits["declared-but-idle"]
    assert {"BAAI/bge-m3", "BAAI/bge-reranker-v2-m3"} <= hits["declared-but-idle"]
    # endpoints are seen by host: DeepSeek's API got traffic, the local vLLM endpoint did not
    assert "https://api.deepseek.com" not in hits["declared-but-idle"]
    assert "http://localhost:8000/v1" in hits["declared-but-idle"]


def test_without_runtime_data_only_rules_that_say_so_fail(project: Path, scanned: Any) -> None:
    hits = _hits(project, scanned, None)
    # runtime.models / runtime.served_by are null: those rules cannot be decided and do not fire
    assert "answered-by-other-weights" not in hits and "busy-on-deepseek-api" not in hits
    # `require: runtime.seen == true` says unknown fails: every usage and endpoint is flagged
    assert hits["declared-but-idle"] == {f.raw for f in scanned.findings}


def test_check_cli_reads_runtime(project: Path) -> None:
    runner = CliRunner()
    with_runtime = runner.invoke(app, ["check", str(project), "--runtime", str(project / "runtime.json"),
                                       "--format", "json", "--today", "2026-12-03"])
    assert with_runtime.exit_code == 1, with_runtime.output
    rules = {v["rule"] for v in json.loads(with_runtime.stdout)["violations"]}
    assert {"answered-by-other-weights", "busy-on-deepseek-api", "declared-but-idle"} <= rules
    without = runner.invoke(app, ["check", str(project), "--format", "json", "--today", "2026-12-03"])
    assert {v["rule"] for v in json.loads(without.stdout)["violations"]} == {"declared-but-idle"}
    # a file that is not a runtime inventory is a usage error (exit 2) that says what to build
    bad = runner.invoke(app, ["check", str(project), "--runtime", str(project / "callback.jsonl")])
    assert bad.exit_code == 2
    assert "--runtime" in bad.output and "modelmap runtime" in bad.output
