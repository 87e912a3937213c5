"""A gateway's requests are attributed to the weights a probe found behind the route (tryout 33, item 4).

The help desk's LiteLLM proxy routes the group ``support-chat`` to ``hosted_vllm/support-chat`` on a vLLM server;
that server was started with ``--served-model-name support-chat`` and its ``/v1/models`` says the weights
(``root``) are Qwen/Qwen2.5-32B-Instruct-AWQ. ``modelmap runtime`` kept two rows: the counted requests on the
label ``hosted_vllm/support-chat`` (publisher and origin unknown) and the Qwen weights "not counted". Production's
answer to "what answers our support flow, and from where" is the join: 2 requests, Qwen, CN.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema

from modelmap.runtime import ingest
from modelmap.runtime import probe as probing
from tests.conftest import load_schema
from tests.runtime.fakes import recording, serve


def _record(api_base: str, start: float) -> dict[str, Any]:
    """The modelmap LiteLLM callback's line for a request the proxy sent to the vLLM deployment."""
    return {"record": "modelmap.litellm-record/1", "status": "success", "model_group": "support-chat",
            "requested_group": "support-chat", "model": "support-chat", "custom_llm_provider": "hosted_vllm",
            "upstream_model": "hosted_vllm/support-chat", "api_base": api_base, "prompt_tokens": 412,
            "completion_tokens": 96, "flows": ["support"], "tags": ["flow:support"], "startTime": start}


def test_route_requests_move_onto_the_probed_weights(tmp_path: Path) -> None:
    routes = copy.deepcopy(recording("vllm")["routes"])
    card = routes["GET /v1/models"]["data"][0]
    card.update({"id": "support-chat", "root": "Qwen/Qwen2.5-32B-Instruct-AWQ"})
    routes["GET /v1/models"]["data"] = [card]
    with serve(routes) as url:
        probe_doc = probing.probe([url], allow_private=True)
    probe_path = tmp_path / "probe.json"
    probe_path.write_text(json.dumps(probe_doc))
    log = tmp_path / "runtime.jsonl"
    log.write_text("".join(json.dumps(_record(f"{url}/v1", t)) + "\n" for t in (1796580000.0, 1796580060.0)))

    doc = ingest.build([log, probe_path])
    jsonschema.validate(doc, load_schema("runtime.schema.json"))
    by_model = {m["model"]: m for m in doc["models"]}
    assert "hosted_vllm/support-chat" not in by_model, sorted(by_model)
    qwen = by_model["Qwen/Qwen2.5-32B-Instruct-AWQ"]
    assert qwen["requests"] == 2 and qwen["tokens"] == {"input": 824, "output": 192}
    assert qwen["requested_as"] == ["support-chat"]
    assert sorted(qwen["seen_in"]) == ["litellm", "probe"]
    assert qwen["resolution"]["origins"] == ["CN"] and qwen["resolution"]["publisher"]["id"] == "qwen"
    assert qwen["last_seen"] is not None


def test_no_join_without_a_probe_of_that_host(tmp_path: Path) -> None:
    # the probe saw a server on another host: nothing says which weights the route's host serves
    routes = copy.deepcopy(recording("vllm")["routes"])
    card = routes["GET /v1/models"]["data"][0]
    card.update({"id": "support-chat", "root": "Qwen/Qwen2.5-32B-Instruct-AWQ"})
    routes["GET /v1/models"]["data"] = [card]
    with serve(routes) as url:
        probe_doc = probing.probe([url], allow_private=True)
    probe_path = tmp_path / "probe.json"
    probe_path.write_text(json.dumps(probe_doc))
    log = tmp_path / "runtime.jsonl"
    log.write_text(json.dumps(_record("http://10.0.4.12:8000/v1", 1796580000.0)) + "\n")
    by_model = {m["model"]: m for m in ingest.build([log, probe_path])["models"]}
    assert by_model["hosted_vllm/support-chat"]["requests"] == 1
    assert by_model["Qwen/Qwen2.5-32B-Instruct-AWQ"]["requests"] is None
