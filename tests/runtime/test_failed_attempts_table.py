"""``modelmap runtime``'s table shows the attempts no model answered (tryout 33, item 2).

The JSON always had ``failed_attempts``; the table listed only the models seen serving, so a security engineer
reading it could not see that the gateway rejected DeepSeek twice (and under which rules) or that an upstream kept
failing. Rejections by the modelmap guardrail are counted per rule.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from typer.testing import CliRunner

import modelmap.cli
from modelmap.runtime.ingest import build
from tests.conftest import load_schema

# the modelmap LiteLLM callback's lines (integrations/litellm.py record_for): one answered request, two requests
# the guardrail rejected before routing, and an upstream that timed out
RECORDS = [
    {"record": "modelmap.litellm-record/1", "status": "success", "model_group": "support-chat",
     "requested_group": "support-chat", "model": "support-chat", "custom_llm_provider": "hosted_vllm",
     "upstream_model": "hosted_vllm/support-chat", "api_base": "http://10.0.4.12:8000/v1", "prompt_tokens": 412,
     "completion_tokens": 96, "flows": ["support"], "tags": ["flow:support"], "startTime": 1796580000.0},
    {"record": "modelmap.litellm-record/1", "status": "failure", "model_group": None, "requested_group": "deepseek-chat",
     "model": None, "flows": ["billing"], "tags": ["flow:billing"], "startTime": 1796580060.0,
     "error": {"class": "HTTPException", "message": "403: modelmap policy: no-cn-origin-regulated: ...",
               "rule": "no-cn-origin-regulated"}},
    {"record": "modelmap.litellm-record/1", "status": "failure", "model_group": None, "requested_group": "deepseek-chat",
     "model": None, "flows": ["support"], "tags": ["flow:support"], "startTime": 1796580120.0,
     "error": {"class": "HTTPException", "message": "403: modelmap policy: no-cn-serving: ...", "rule": "no-cn-serving"}},
    {"record": "modelmap.litellm-record/1", "status": "failure", "model_group": None, "requested_group": "support-chat",
     "model": None, "attempted_upstream": "hosted_vllm/support-chat", "startTime": 1796580180.0,
     "error": {"class": "Timeout", "message": "upstream timed out", "rule": None}},
]


def test_failed_and_rejected_attempts_are_in_the_json_and_the_table(tmp_path: Path) -> None:
    log = tmp_path / "runtime.jsonl"
    log.write_text("".join(json.dumps(r) + "\n" for r in RECORDS))
    doc = build([log])
    jsonschema.validate(doc, load_schema("runtime.schema.json"))
    failed = {f["model_group"]: f for f in doc["failed_attempts"]}
    assert failed["deepseek-chat"]["rules"] == {"no-cn-origin-regulated": 1, "no-cn-serving": 1}
    assert "rules" not in failed["support-chat"]  # an upstream error is not a policy rejection
    result = CliRunner().invoke(modelmap.cli.app, ["runtime", str(log), "--no-color"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Failed or rejected attempts" in out
    row = next(line for line in out.splitlines() if line.startswith("deepseek-chat"))
    assert "no-cn-origin-regulated (1)" in row and "no-cn-serving (1)" in row and " 2 " in row
    timeout = next(line for line in out.splitlines() if line.startswith("support-chat") and "Timeout" in line)
    assert "hosted_vllm/support-chat" in timeout
    assert "3 failed attempts" in out
