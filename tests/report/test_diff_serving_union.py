"""`modelmap diff`: a model's serving countries are the union over its usages (tryout23).

The scan side kept the facts of a model's first usage only. `gpt-4o` named as a `.env.example` default (no endpoint
serves it) and called through the OpenAI client (US) read as served from nowhere, so `modelmap diff scan.json
bom.cdx.json` of the same code reported `serving_countries: [] -> ['US']`, removing the `.env` line raised
"New serving countries: US" for a country the model was already served from, and a new use through a host in
another country was missed when an unserved use came first."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import modelmap
from modelmap import diff
from modelmap.report.cyclonedx import CycloneDxRenderer

from .conftest import fixed_clock

ENV = "OPENAI_API_KEY=\nANSWER_MODEL=gpt-4o\n"
APP = ("from openai import OpenAI\n"
       "writer = OpenAI()\n"
       "def answer(q):\n"
       "    return writer.chat.completions.create(model='gpt-4o', messages=[{'role': 'user', 'content': q}])\n")


def _finding(path: str, line: int, served: dict[str, Any] | None) -> dict[str, Any]:
    return {"kind": "model", "path": path, "line": line, "raw": "qwen-plus",
            "resolution": {"model": {"id": "qwen/qwen-plus"},
                           "publisher": {"id": "qwen", "name": "Qwen team (Alibaba Cloud)", "country": "CN"},
                           "origins": ["CN"], "served_by": served, "license": {"id": "proprietary"}}}


def test_serving_countries_are_the_union_whatever_the_order() -> None:
    unserved = _finding(".env.example", 2, None)
    served = _finding("app/chat.py", 9, {"id": "dashscope-intl", "country": "SG"})
    for findings in ([unserved, served], [served, unserved]):
        side = diff.side_from_findings(findings, "code", "scan")
        assert side.models["qwen/qwen-plus"]["serving_countries"] == ["SG"]
        assert side.models["qwen/qwen-plus"]["usages"] == 2


def test_a_new_use_served_from_another_country_is_reported() -> None:
    old = diff.side_from_findings([_finding(".env.example", 2, None),
                                   _finding("app/chat.py", 9, {"id": "dashscope-intl", "country": "SG"})], "old", "scan")
    new = diff.side_from_findings([_finding(".env.example", 2, None),
                                   _finding("app/chat.py", 9, {"id": "dashscope-intl", "country": "SG"}),
                                   _finding("app/batch.py", 4, {"id": "dashscope", "country": "CN"})], "new", "scan")
    doc = diff.diff_sides(old, new)
    assert doc["serving_countries"]["added"] == ["CN"]
    assert doc["changed"][0]["changes"]["serving_countries"] == {"old": ["SG"], "new": ["CN", "SG"]}


def test_dropping_an_unserved_use_raises_no_new_serving_country(tmp_path: Path) -> None:
    for name, files in (("old", {".env.example": ENV, "app.py": APP}), ("new", {"app.py": APP})):
        (tmp_path / name).mkdir()
        for rel, text in files.items():
            (tmp_path / name / rel).write_text(text, encoding="utf-8")
    old = diff.side_from_scan(modelmap.scan([str(tmp_path / "old")], resolve=True), "old")
    new = diff.side_from_scan(modelmap.scan([str(tmp_path / "new")], resolve=True), "new")
    assert old.models["openai/gpt-4o"]["usages"] == 2  # the fixture holds the unserved use and the served one
    assert old.models["openai/gpt-4o"]["serving_countries"] == ["US"]
    doc = diff.diff_sides(old, new)
    assert doc["serving_countries"] == {"added": [], "removed": []}
    assert doc["changed"] == [{"model": "openai/gpt-4o", "changes": {"usages": {"old": 2, "new": 1}}}]


def test_scan_and_bom_of_the_same_code_agree_on_serving(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / ".env.example").write_text(ENV, encoding="utf-8")
    (tmp_path / "src" / "app.py").write_text(APP, encoding="utf-8")
    result = modelmap.scan([str(tmp_path / "src")], resolve=True)
    scan_json = tmp_path / "scan.json"
    scan_json.write_text(json.dumps(result.to_dict()), encoding="utf-8")
    bom = tmp_path / "bom.cdx.json"
    bom.write_bytes(CycloneDxRenderer("json", clock=fixed_clock, version="t").render(result))
    doc = diff.diff(str(scan_json), str(bom))
    assert doc["changed"] == [] and doc["summary"]["unchanged"] == 1, doc["changed"]


def test_table_and_markdown_word_an_empty_serving_list_and_a_new_serving_country() -> None:
    from modelmap.cli.diff_cmd import render_table

    old = diff.side_from_findings([_finding(".env.example", 2, None)], "old", "scan")
    new = diff.side_from_findings([_finding(".env.example", 2, None),
                                   _finding("app/batch.py", 4, {"id": "dashscope", "country": "CN"})], "new", "scan")
    changed = diff.diff_sides(old, new)
    table = render_table(changed)
    assert "serving countries: self-hosted or unknown → CN" in table, table
    assert "[]" not in table and "['CN']" not in table, table  # no Python reprs
    assert "new serving countries: CN" in table, table
    md = diff.render_markdown(changed).decode()
    assert "| `qwen/qwen-plus` | serving countries | self-hosted or unknown | CN |" in md, md
    added = diff.render_markdown(diff.diff_sides(diff.Side("old", "scan"), old)).decode()
    assert "| CN | self-hosted or unknown | proprietary | 1 |" in added, added
    assert "| none |" not in added
