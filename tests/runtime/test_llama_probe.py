"""modelmap probe → runtime → diff against a REAL server (issue 15): llama-cpp-python's OpenAI-compatible server
with the SmolLM2-135M-Instruct GGUF (tests/llama_server.py). Marked ``llama``; it skips with the reason when the
server package or the GGUF is missing.

Its ``GET /v1/models`` lists one model: the ``--model_alias`` when given, else the ``--model`` file path, with
``owned_by`` "me". Nothing else it answers names the weights, so:

* served as ``gpt-4o``: the weights are unknown, and the probe must not resolve ``gpt-4o`` to OpenAI's model;
* with no alias: the listed GGUF path is the weights, and what they are comes from the file name only.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from modelmap.runtime import probe as probing
from tests.conftest import ROOT, load_schema
from tests.llama_server import GGUF, llama_server

pytestmark = pytest.mark.llama

CLI = [sys.executable, "-c", "from modelmap.cli import main; main()"]
DEMO = ROOT / "examples" / "demo-app"


def probe_entry(base: str) -> dict[str, Any]:
    doc = probing.probe([base], allow_private=True)
    jsonschema.validate(doc, load_schema("probe.schema.json"))
    (entry,) = doc["endpoints"]
    return dict(entry)


def modelmap(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=600)


def test_alias_gpt_4o_is_a_label_not_openai_weights(tmp_path: Path) -> None:
    with llama_server("gpt-4o") as base:
        entry = probe_entry(base)
        probed = modelmap("probe", base, "--allow-private", "--format", "json", "-o", str(tmp_path / "probe.json"))
        table = modelmap("probe", base, "--allow-private")
    host = base.removeprefix("http://")
    assert entry["reachable"] and entry["error"] is None
    assert entry["server"] == "openai-compatible"  # llama-cpp-python answers /v1/models only
    (model,) = entry["models"]
    assert model["served_name"] == "gpt-4o"
    assert model["weights"] is None and model["weights_from"] is None and model["adapter_of"] is None
    assert model["evidence"]["id"] == {"value": "gpt-4o", "source": "GET /v1/models"}
    assert model["evidence"]["owned_by (a server label, not a publisher)"]["value"] == "me"
    res = model["resolution"]
    # the alias says nothing about the weights: no model, no publisher, no origin is claimed
    assert res["model"] is None and res["publisher"] is None and res["origins"] is None
    assert res["confidence"] == "unknown" and "does not say which weights" in res["reason"]
    assert res["served_by"]["evidence"] == f"probe {base}"
    assert entry["findings"] == []  # nothing to compare the name with

    assert probed.returncode == 0, probed.stderr
    assert table.returncode == 0 and "gpt-4o" in table.stdout and "OpenAI" not in table.stdout

    runtime = modelmap("runtime", str(tmp_path / "probe.json"), "--format", "json")
    assert runtime.returncode == 0, runtime.stderr
    inventory = json.loads(runtime.stdout)
    jsonschema.validate(inventory, load_schema("runtime.schema.json"))
    (seen,) = inventory["models"]
    assert (seen["model"], seen["hosts"], seen["seen_in"]) == ("gpt-4o", [host], ["probe"])
    assert seen["requests"] is None and seen["tokens"] is None  # a probe counts nothing
    assert seen["resolution"]["model"] is None and seen["resolution"]["publisher"] is None
    (tmp_path / "runtime.json").write_text(runtime.stdout)

    diff = modelmap("diff", str(DEMO), str(tmp_path / "runtime.json"), "--format", "json")
    assert diff.returncode == 0, diff.stderr
    drift = json.loads(diff.stdout)
    jsonschema.validate(drift, load_schema("drift.schema.json"))
    # the demo asks for gpt-4o by name; a loopback server answers to that name: matched by name, on a host the
    # code never points gpt-4o at
    assert drift["shadow"] == [] and drift["alias_mismatch"] == []
    assert [(m["model"], m["served_as"]) for m in drift["matched"]] == [("openai/gpt-4o", "gpt-4o")]
    (moved,) = drift["host_mismatch"]
    assert moved["model"] == "openai/gpt-4o" and moved["served_from"] == host
    assert "api.openai.com" in moved["declared_hosts"] and moved["requests"] is None
    assert "openai/gpt-4o" not in {n["model"] for n in drift["declared_not_seen"]}


def test_no_alias_lists_the_gguf_path_and_the_weights_come_from_its_file_name(tmp_path: Path) -> None:
    with llama_server(None) as base:
        entry = probe_entry(base)
    assert entry["server"] == "openai-compatible"
    (model,) = entry["models"]
    assert model["served_name"] == str(GGUF)
    assert model["evidence"]["id"] == {"value": str(GGUF), "source": "GET /v1/models"}
    assert model["weights"] == str(GGUF) and model["weights_from"] == "file-name"
    res = model["resolution"]
    assert res["model"]["id"] == "huggingfacetb/smollm2-135m-instruct"
    assert res["confidence"] == "inferred"  # a file name is a name-level claim, never "known"
    assert res["reason"].startswith("name-level: resolved from the file name the server lists")
    assert entry["findings"] == []  # served name and weights are the same file

    path = tmp_path / "probe.json"
    path.write_text(json.dumps({"schema": "modelmap.probe/1", "endpoints": [entry]}))
    runtime = modelmap("runtime", str(path), "--format", "json")
    assert runtime.returncode == 0, runtime.stderr
    (seen,) = json.loads(runtime.stdout)["models"]
    assert seen["model"] == str(GGUF) and seen["requested_as"] == []
    assert seen["resolution"]["model"]["id"] == "huggingfacetb/smollm2-135m-instruct"
