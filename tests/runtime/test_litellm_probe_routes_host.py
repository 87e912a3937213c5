"""A LiteLLM proxy's probed routes are placed where the proxy sends them, not at the proxy (tryout 33, item 5).

Probing the help desk's LiteLLM proxy lists its routes (``/model/info``): ``litellm_params.model`` and, for a
self-hosted or custom upstream, ``api_base``. ``modelmap runtime`` put every route at the proxy's own host, so
drift reported "anthropic/claude-3-5-haiku is served from 127.0.0.1:14000; the code points it at
api.anthropic.com" for a route that relays to Anthropic's API. The route's host is its ``api_base``; with none,
LiteLLM calls the provider's own API, a host the probe does not see (no host, so no host mismatch is claimed).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema

from modelmap.runtime import ingest
from modelmap.runtime import probe as probing
from modelmap.runtime.drift import host_of
from tests.conftest import load_schema
from tests.runtime.fakes import recording, serve


def test_probed_routes_take_their_api_base_host(tmp_path: Path) -> None:
    routes = copy.deepcopy(recording("litellm")["routes"])
    routes["GET /v1/models"]["data"].append({"id": "claude-haiku", "object": "model", "created": 1677610602,
                                             "owned_by": "openai"})
    routes["GET /model/info"]["data"].append({"model_name": "claude-haiku", "litellm_params": {
        "model": "anthropic/claude-3-5-haiku-20241022"}, "model_info": {"id": "f00d", "mode": "chat"}})
    with serve(routes) as url:
        probe_doc = probing.probe([url], allow_private=True)
    path = tmp_path / "probe.json"
    path.write_text(json.dumps(probe_doc))
    doc = ingest.build([path])
    jsonschema.validate(doc, load_schema("runtime.schema.json"))
    by_model = {m["model"]: m for m in doc["models"]}
    proxy = host_of(url)
    deepseek = by_model["deepseek/deepseek-chat"]
    assert deepseek["hosts"] == ["api.deepseek.com"] and proxy not in deepseek["hosts"]
    assert deepseek["requested_as"] == ["gpt-4o"]  # the alias the proxy serves it as is kept
    claude = by_model["anthropic/claude-3-5-haiku-20241022"]
    assert claude["hosts"] == [], claude["hosts"]
