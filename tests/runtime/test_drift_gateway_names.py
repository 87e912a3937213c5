"""Drift over what a LiteLLM gateway logs (tryout 33, items 3 and 7).

A help desk calls DeepSeek's API directly (``deepseek-chat`` on api.deepseek.com) and, through its gateway,
``gpt-4o-mini``. The gateway logs the upstream with LiteLLM's routing prefix (``deepseek/deepseek-chat``); the app's
own OpenTelemetry spans give the dated response model (``gpt-4o-mini-2024-07-18``). Drift used to call the prefixed
name "other weights" (an alias mismatch that told the board billing was answered by another model), and listed the
same host mismatch once per served name.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import jsonschema

from modelmap.runtime import drift, ingest
from tests.conftest import load_schema

BILLING = '''
    import os

    from openai import OpenAI

    deepseek = OpenAI(base_url="https://api.deepseek.com", api_key=os.environ["DEEPSEEK_API_KEY"])


    def summarize_dispute(text: str) -> str:
        resp = deepseek.chat.completions.create(
            model="deepseek-chat",
            messages=[{"role": "user", "content": "Summarize this billing dispute:\\n" + text}],
        )
        return resp.choices[0].message.content
    '''

TRIAGE = '''
    from openai import OpenAI

    client = OpenAI()


    def triage(ticket: str) -> str:
        resp = client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": ticket}])
        return resp.choices[0].message.content
    '''


def _record(group: str, provider: str, model: str, start: float) -> dict[str, Any]:
    """A line of the modelmap LiteLLM callback for a request the gateway answered."""
    return {"record": "modelmap.litellm-record/1", "status": "success", "model_group": group, "requested_group": group,
            "model": model, "custom_llm_provider": provider, "upstream_model": f"{provider}/{model}",
            "api_base": None, "prompt_tokens": 900, "completion_tokens": 150, "startTime": start}


def _span(model: str, response: str, host: str, port: int) -> dict[str, Any]:
    attrs = {"gen_ai.operation.name": "chat", "gen_ai.system": "openai", "gen_ai.request.model": model,
             "gen_ai.response.model": response, "server.address": host}
    attributes = [{"key": k, "value": {"stringValue": v}} for k, v in attrs.items()]
    attributes += [{"key": "server.port", "value": {"intValue": str(port)}},
                   {"key": "gen_ai.usage.input_tokens", "value": {"intValue": "80"}}]
    return {"traceId": "0" * 31 + "1", "spanId": "0" * 15 + "1", "name": f"chat {model}", "kind": 3,
            "startTimeUnixNano": "1796580000000000000", "endTimeUnixNano": "1796580000400000000",
            "attributes": attributes}


def _scan(folder: Path) -> dict[str, Any]:
    from modelmap.cli.check_cmd import _inventory
    from modelmap.report.json import scan_document

    return json.loads(json.dumps(scan_document(_inventory(folder))))


def test_routing_prefix_is_the_same_model_and_host_rows_are_not_repeated(tmp_path: Path) -> None:
    repo = tmp_path / "helpdesk"
    app = repo / "app"
    app.mkdir(parents=True)
    (app / "billing.py").write_text(textwrap.dedent(BILLING))
    (app / "triage.py").write_text(textwrap.dedent(TRIAGE))
    log = tmp_path / "litellm.jsonl"
    log.write_text("".join(json.dumps(r) + "\n" for r in (
        _record("deepseek-chat", "deepseek", "deepseek-chat", 1796580000.0),
        _record("deepseek-chat", "deepseek", "deepseek-chat", 1796580060.0))))
    spans = tmp_path / "otel.jsonl"
    batch = {"resourceSpans": [{"resource": {"attributes": [
        {"key": "service.name", "value": {"stringValue": "helpdesk-api"}}]}, "scopeSpans": [{"spans": [
            _span("gpt-4o-mini", "gpt-4o-mini-2024-07-18", "litellm.platform.svc", 4000),
            _span("gpt-4o-mini", "gpt-4o-mini-2024-07-18", "litellm.platform.svc", 4000),
            _span("gpt-4o-mini", "gpt-4o-mini", "litellm.platform.svc", 4000)]}]}]}
    spans.write_text(json.dumps(batch) + "\n")
    runtime = ingest.build([log, spans])
    doc = drift.drift(_scan(repo), runtime)
    jsonschema.validate(doc, load_schema("drift.schema.json"))

    # deepseek/deepseek-chat is LiteLLM's route to the DeepSeek API's deepseek-chat: matched, no alias, also when
    # the code names both spellings (a gateway config next to the app)
    assert doc["alias_mismatch"] == []
    assert any(m["model"] == "deepseek-chat" and m["served_as"] == "deepseek/deepseek-chat" for m in doc["matched"])
    assert all(n["model"] != "deepseek-chat" for n in doc["declared_not_seen"])

    # gpt-4o-mini served from the gateway under two response names: one host mismatch with all 3 requests
    rows = [h for h in doc["host_mismatch"] if h["served_from"] == "litellm.platform.svc:4000"]
    assert len(rows) == 1, rows
    assert rows[0]["model"] == "openai/gpt-4o-mini" and rows[0]["requests"] == 3
    assert set(rows[0]["served_as"].split(", ")) == {"gpt-4o-mini", "gpt-4o-mini-2024-07-18"}


def test_both_spellings_in_code_are_no_alias_either(tmp_path: Path) -> None:
    repo = tmp_path / "helpdesk"
    (repo / "app").mkdir(parents=True)
    (repo / "app" / "billing.py").write_text(textwrap.dedent(BILLING))
    (repo / "deploy").mkdir()
    (repo / "deploy" / "litellm.yaml").write_text(textwrap.dedent('''
        model_list:
          - model_name: deepseek-chat
            litellm_params:
              model: deepseek/deepseek-chat
              api_key: os.environ/DEEPSEEK_API_KEY
        '''))
    log = tmp_path / "litellm.jsonl"
    log.write_text(json.dumps(_record("deepseek-chat", "deepseek", "deepseek-chat", 1796580000.0)) + "\n")
    doc = drift.drift(_scan(repo), ingest.build([log]))
    assert doc["alias_mismatch"] == []
