"""`modelmap diff`: a base URL found by scan is an endpoint (a service), not a model (tryout20).

The scan side counted each endpoint finding as a model `unresolved:<URL>` with an unknown publisher, while a BOM
side lists only machine-learning-model components, so `modelmap diff scan.json bom.cdx.json` of the same code
reported every endpoint as a removed model."""
from __future__ import annotations

import json
from pathlib import Path

import modelmap
from modelmap import diff
from modelmap.report.cyclonedx import CycloneDxRenderer

from .conftest import fixed_clock

APP = ("from openai import OpenAI\n"
       "client = OpenAI(base_url='https://api.deepseek.com')\n"
       "client.chat.completions.create(model='deepseek-chat', messages=[])\n"
       "local = OpenAI(base_url='http://localhost:8000/v1')\n"
       "local.chat.completions.create(model='Qwen/Qwen2.5-7B-Instruct', messages=[])\n")


def _scan(root: Path) -> modelmap.ScanResult:
    (root / "app.py").write_text(APP)
    return modelmap.scan([str(root)], resolve=True)


def test_scan_and_bom_of_the_same_code_do_not_differ(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    result = _scan(tmp_path / "src")
    assert any(f.kind == "endpoint" for f in result.findings)  # the fixture does hold endpoints
    scan_json = tmp_path / "scan.json"
    scan_json.write_text(json.dumps(result.to_dict()), encoding="utf-8")
    bom = tmp_path / "bom.cdx.json"
    bom.write_bytes(CycloneDxRenderer("json", clock=fixed_clock, version="t").render(result))
    doc = diff.diff(str(scan_json), str(bom))
    assert doc["added"] == [] and doc["removed"] == [], (doc["added"], doc["removed"])


def test_endpoints_are_not_listed_as_models(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    side = diff.side_from_scan(_scan(tmp_path / "src"), "code")
    assert not [key for key in side.models if "://" in key], sorted(side.models)
    assert any("qwen2.5-7b-instruct" in key for key in side.models)
