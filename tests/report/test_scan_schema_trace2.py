"""`modelmap scan --format json` against its own shipped schema (report/schemas/scan.schema.json).

Each finding's `resolution` is a modelmap.trace/2 record: unknown models carry `origins: null` (and null `edges`,
`roots`, `teachers`), and the record has `schema`, `origins_known`, `origin_reasons` and `role`. The scan schema
still described trace/1 (`origins` an array, `lineage`, `distilled_from`), so a scan holding one unknown model
failed its own schema, and the server, which validates uploads with it, refused the upload (tryout20).
"""
from __future__ import annotations

import copy
import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

import modelmap

APP = (
    "from transformers import AutoModel\n"
    "m = AutoModel.from_pretrained('acmecorp/zorblax-7b-instruct')\n"   # unknown to the knowledge base
    "e = AutoModel.from_pretrained('BAAI/bge-m3')\n"                    # known, with a lineage graph
    "from openai import OpenAI\n"
    "OpenAI().chat.completions.create(model='gpt-4o', messages=[])\n"
)


def _schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        resources.files("modelmap.report").joinpath("schemas/scan.schema.json").read_text(encoding="utf-8"))
    return data


def _scan(tmp_path: Path) -> dict[str, Any]:
    (tmp_path / "app.py").write_text(APP)
    doc: dict[str, Any] = json.loads(json.dumps(modelmap.scan([str(tmp_path)], resolve=True).to_dict()))
    return doc


def test_scan_json_with_an_unknown_model_is_valid(tmp_path: Path) -> None:
    doc = _scan(tmp_path)
    unknown = [f for f in doc["findings"] if f["raw"] == "acmecorp/zorblax-7b-instruct"]
    assert unknown and unknown[0]["resolution"]["origins"] is None
    jsonschema.Draft202012Validator(_schema()).validate(doc)


def test_every_resolution_field_is_declared(tmp_path: Path) -> None:
    """The resolution object leaves additionalProperties open (readers must tolerate new fields), so a field
    the writer emits but the schema never names passes silently; closing it here catches that drift."""
    schema = copy.deepcopy(_schema())
    schema["$defs"]["resolution"]["additionalProperties"] = False
    doc = _scan(tmp_path)
    assert {f["raw"] for f in doc["findings"]} >= {"BAAI/bge-m3", "gpt-4o"}
    jsonschema.Draft202012Validator(schema).validate(doc)


def test_server_accepts_a_scan_with_an_unknown_model(tmp_path: Path) -> None:
    from modelmap.server.normalize import _validate_scan

    _validate_scan(_scan(tmp_path))  # raised DocumentError: ".../resolution/origins: None is not of type 'array'"
