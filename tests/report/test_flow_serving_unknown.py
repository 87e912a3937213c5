"""A flow whose usages have no serving evidence says "self-hosted or unknown" in the report, never "—" (none).

The shape a tryout found (session 34): a support flow (a Rails service calling Claude, an iOS client sending
gpt-4o-mini through the company proxy) had no usage with serving evidence, and the report's flow table said
"Served from —"; a claims flow said "United States (US)" though half its usages (a BGE embedding job, Terraform
deployments) had none. The serving chart counted them as "self-hosted or unknown"; the flow rows hid them.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import jsonschema

import modelmap
from modelmap.policy import evaluate, load_config
from modelmap.policy.engine import CheckResult
from modelmap.policy.summary import build_summary
from modelmap.report.html import HtmlRenderer
from modelmap.report.markdown import MarkdownRenderer
from tests.conftest import load_schema

TODAY = date(2026, 12, 6)

EMBED = '''"""Nightly job: embed claim documents for the adjusters' similarity search."""
from sentence_transformers import SentenceTransformer

EMBED_MODEL = "BAAI/bge-small-en-v1.5"


def embed(texts):
    return SentenceTransformer(EMBED_MODEL).encode(texts, normalize_embeddings=True)
'''

GATEWAY = '''from openai import OpenAI

client = OpenAI(base_url="https://openrouter.ai/api/v1")


def summarise(text: str) -> str:
    reply = client.chat.completions.create(
        model="openai/gpt-4o-mini",
        messages=[{"role": "user", "content": text}],
    )
    return reply.choices[0].message.content
'''


def _check(root: Path) -> CheckResult:
    (root / "jobs").mkdir()
    (root / "jobs" / "embed.py").write_text(EMBED)
    (root / "claims").mkdir()
    (root / "claims" / "summarise.py").write_text(GATEWAY)
    (root / "claims" / "index.py").write_text(EMBED.replace("Nightly job", "Claims index"))
    (root / "modelmap.yaml").write_text(
        "version: 1\n"
        "flows:\n"
        "  search: {paths: ['jobs/**'], tags: [internal]}\n"
        "  claims: {paths: ['claims/**'], tags: [regulated]}\n")
    result = modelmap.scan([root], resolve=True)
    return evaluate(result, load_config(root, root=root), TODAY)


def test_flow_rows_count_usages_with_no_serving_evidence(tmp_path: Path) -> None:
    check = _check(tmp_path)
    flows = {f["name"]: f for f in build_summary(check)["flows"]}
    assert flows["search"]["serving_countries"] == [] and flows["search"]["serving_unknown"] == 1
    assert flows["search"]["in_use"] == 1
    assert flows["claims"]["serving_countries"] == ["US"]
    assert (flows["claims"]["serving_unknown"], flows["claims"]["in_use"]) == (1, 2)
    assert flows["claims"]["origins_unknown"] == 0

    md = MarkdownRenderer().render(check).decode()
    search_row = next(line for line in md.splitlines() if line.startswith("| **search**"))
    cells = [c.strip() for c in search_row.split("|")]
    assert cells[5] == "_self-hosted or unknown (1 of 1 usage)_", search_row
    claims_row = next(line for line in md.splitlines() if line.startswith("| **claims**"))
    assert "United States (US), _self-hosted or unknown (1 of 2 usages)_" in claims_row

    html = HtmlRenderer().render(check).decode()
    assert "self-hosted or unknown (1 of 1 usage)" in html
    assert "self-hosted or unknown (1 of 2 usages)" in html


def test_check_json_flows_carry_the_counts(tmp_path: Path) -> None:
    from modelmap.report.check_json import CheckJsonRenderer

    doc = json.loads(CheckJsonRenderer().render(_check(tmp_path)))
    jsonschema.validate(doc, load_schema("check.schema.json"))
    assert {f["name"]: f["serving_unknown"] for f in doc["flows"]} == {"search": 1, "claims": 1}
