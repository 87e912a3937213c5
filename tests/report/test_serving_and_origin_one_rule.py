"""One rule for serving and for origin shares across scan, BOM and report (tryout).

* Serving comes from each usage's own evidence; unknown is unknown. The demo app names gpt-4o twice: app/answer.py
  through the OpenAI client (served by the OpenAI API, US) and .env.example (no client, no endpoint: unknown).
  scan and the BOM said OpenAI API / US, while the report's model table said "self-hosted / unknown": it took the
  first usage's answer (.env.example) for the model. The report now names every operator a usage is served by and
  how many usages have no evidence.
* The report printed two origin shares for one inventory: "By origin country" counted each usage once per origin
  country over the usages in use (CN 83%, US 50%), while the concentration table's "Largest shares", which it
  defines as "share of the usages in use", showed shares of origin attributions (CN 62%, US 38%). Both are now of
  the usages in use; the HHI is still computed over the attributions, which add up to 1.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from modelmap.cli.check_cmd import run_check
from modelmap.policy.summary import build_summary
from modelmap.report import switch_section

APP = {
    "app/answer.py": ("from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef answer(q: str) -> str:\n"
                      "    r = client.chat.completions.create(model=\"gpt-4o\", messages=[{\"role\": \"user\", \"content\": q}])\n"
                      "    return r.choices[0].message.content\n"),
    ".env.example": "OPENAI_MODEL=gpt-4o\n",
    "app/embed.py": ("from sentence_transformers import SentenceTransformer\n\n"
                     "model = SentenceTransformer(\"BAAI/bge-m3\")\n"),
    "app/embed_again.py": ("from sentence_transformers import SentenceTransformer\n\n"
                           "model = SentenceTransformer(\"BAAI/bge-m3\")\n"),
    "modelmap.yaml": "version: 1\nflows:\n  answer: {paths: ['app/answer.py']}\n",
}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("one-rule")
    (root / ".git").mkdir()
    for rel, body in APP.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(body)
    return root


def test_scan_bom_and_report_agree_on_gpt4o_serving(project: Path) -> None:
    check = run_check(project, None, "2026-12-01")
    uses = {f.path: (f.resolution or {}).get("served_by") for f in check.scan.findings if f.raw == "gpt-4o"}
    assert uses[".env.example"] is None and uses["app/answer.py"]["country"] == "US"  # scan: per usage, on evidence

    row = next(m for m in build_summary(check)["models"] if m["id"] == "openai/gpt-4o")
    assert row["serving_countries"] == ["US"]
    assert row["served_by"].startswith("OpenAI API") and "1 of 2 uses: self-hosted or unknown" in row["served_by"]


def test_bom_serving_is_the_same_evidence(project: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    out = tmp_path / "bom.json"
    subprocess.run([sys.executable, "-c", "from modelmap.cli import main; main()", "-q", "bom", str(project), "-o",
                    str(out)], check=True, timeout=300)
    comp = next(c for c in json.loads(out.read_text())["components"] if c["name"] == "gpt-4o")
    props = {(p["name"], p["value"]) for p in comp["properties"]}
    assert ("modelmap:served-by", "OpenAI API") in props and ("modelmap:serving-country", "US") in props
    check = run_check(project, None, "2026-12-01")
    row = next(m for m in build_summary(check)["models"] if m["id"] == "openai/gpt-4o")
    served = {v for k, v in props if k == "modelmap:serving-country"}
    assert served == set(row["serving_countries"])


def test_origin_shares_are_of_the_usages_in_use_everywhere_in_the_report(project: Path) -> None:
    check = run_check(project, None, "2026-12-01")
    summary = build_summary(check)
    chart = {r["key"]: r["share"] for r in summary["charts"]["by_origin"]}
    assert chart["CN"] > 0 and chart["US"] > 0 and sum(chart.values()) > 1  # bge-m3 is CN and US: counted in both
    origin = next(d for d in switch_section.build(check)["concentration"] if d["dimension"] == "Origin country")
    table = {s["key"]: s["share"] for s in origin["top"]}
    assert table == {k: v for k, v in chart.items() if k in table} and set(table) == {"CN", "US"}
