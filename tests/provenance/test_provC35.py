"""One lineage rule for API-only models, the same for every publisher (provC35, session 35).

Before: ~415 API-only records (mostly US / EU makers: gpt-4o, claude-*, gemini-*) carried ``base: []``, which the
knowledge-base format defines as pre-trained from scratch, on a model list's word only; ~409 (mostly Chinese
makers: qwen-plus, glm-4-plus, ERNIE, Doubao) carried no base. The same evidence (the maker serves the model and
never released its weights) gave "origins complete, trained from scratch" for a US name and "origins may be
incomplete" for a Chinese one. Now both are ``lineage: undisclosed``: origins are the maker's country (it holds
the weights), complete, and every output says "lineage undisclosed (API-only)" where it would name a base.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import modelmap
from modelmap.cli import app
from modelmap.knowledge.loader import load_index
from modelmap.policy import evaluate, load_config
from modelmap.policy.summary import build_summary, describe
from modelmap.provenance.resolver import resolve
from modelmap.report.html import HtmlRenderer
from modelmap.report.markdown import MarkdownRenderer
from modelmap.report.trace_table import _rows
from modelmap.types import LINEAGE_UNDISCLOSED

# one US and one Chinese API-only model, each written as code writes it
PAIRS = [("gpt-4o", "openai/gpt-4o", "US"), ("glm-4-plus", "zhipu/glm-4-plus", "CN"),
         ("claude-sonnet-4-5", "anthropic/claude-sonnet-4-5", "US"), ("qwen-plus", "qwen/qwen-plus", "CN"),
         ("ernie-4.0-8k", "baidu/ernie-4.0-8k", "CN"), ("gemini-2.5-flash", "google/gemini-2.5-flash", "US")]


def _shape(query: str) -> dict[str, Any]:
    """What the rule decides, with the model's own id and country taken out, so two makers' answers compare."""
    rec = resolve(query).to_dict()
    mid = rec["model"]["id"]
    country = rec["publisher"]["country"]
    return {
        "edges": rec["edges"], "roots": rec["roots"], "origins_known": rec["origins_known"],
        "origins": [o == country for o in rec["origins"]],
        "because": [(r["because"], r["models"] == [mid]) for r in rec["origin_reasons"]],
        "undisclosed": [m == mid for m in rec.get("lineage_undisclosed") or ()],
        "confidence": rec["confidence"], "reason": rec["reason"], "open_weights": rec["open_weights"],
        "rows": [(k, v.replace(mid, "<id>").replace(country, "<cc>")) for k, v in _rows(rec)
                 if k not in ("model", "publisher", "license")],
    }


@pytest.mark.parametrize(("query", "mid", "country"), PAIRS)
def test_an_api_only_model_has_its_makers_origin_and_an_undisclosed_lineage(query: str, mid: str, country: str) -> None:
    rec = resolve(query).to_dict()
    assert rec["model"]["id"] == mid and rec["open_weights"] is False
    assert rec["origins"] == [country] and rec["origins_known"] is True
    assert rec["origin_reasons"] == [{"country": country, "because": "publisher", "models": [mid],
                                      "publishers": [mid.split("/")[0]]}]
    assert rec["lineage_undisclosed"] == [mid]
    # neither a foundation (a root: pre-trained from scratch) nor unknown
    assert rec["edges"] == [] and rec["roots"] is None
    assert "incomplete" not in (rec["reason"] or "")
    rows = dict(_rows(rec))
    assert rows["lineage"] == LINEAGE_UNDISCLOSED == rows["roots"]
    assert "trained from scratch" not in rows["lineage"] and "incomplete" not in rows["origins"]


def test_a_us_and_a_chinese_api_only_model_are_answered_alike() -> None:
    us, cn = _shape("gpt-4o"), _shape("glm-4-plus")
    assert us == cn
    assert _shape("claude-sonnet-4-5") == _shape("qwen-plus") == _shape("ernie-4.0-8k")


@pytest.mark.parametrize(("query", "mid", "source"), [
    ("glm-4", "zhipu/glm-4", "https://arxiv.org/abs/2406.12793"),            # Team GLM's ChatGLM report
    ("qwen-max", "qwen/qwen-max", "https://qwenlm.github.io/blog/qwen2.5-max/"),  # Qwen's Qwen2.5-Max post
])
def test_a_foundation_with_a_pretraining_source_stays_a_foundation(query: str, mid: str, source: str) -> None:
    rec = resolve(query).to_dict()
    assert rec["model"]["id"] == mid
    assert rec["roots"] == [mid] and rec["edges"] == [] and rec["origins_known"] is True
    assert "lineage_undisclosed" not in rec
    assert any(s["url"] == source and "base" in s.get("covers", ()) for s in rec["sources"])
    assert dict(_rows(rec))["lineage"] == "none recorded: trained from scratch"
    assert "base" in load_index().models[mid] and "lineage" not in load_index().models[mid]


@pytest.mark.parametrize("query", ["together_ai/acme-labs/ledger-assistant-7b", "acme-ledger-assistant-v2"])
def test_an_unknown_hosted_name_stays_unknown(query: str) -> None:
    rec = resolve(query).to_dict()
    assert rec["model"] is None or rec["model"].get("id") is None
    assert rec["origins_known"] is False and rec["confidence"] == "unknown"
    assert "lineage_undisclosed" not in rec
    assert dict(_rows(rec))["lineage"] == "unknown"


def test_a_customers_fine_tune_of_an_api_model_keeps_its_own_origins_unknown() -> None:
    """OpenAI hosts the fine-tune; who made it is the customer's fact. The base's lineage is undisclosed, and the
    tree says so at the base instead of marking it a root."""
    rec = resolve("ft:gpt-4o-mini-2024-07-18:acme::abc123").to_dict()
    assert rec["origins"] == ["US"] and rec["origins_known"] is False
    assert rec["lineage_undisclosed"] == ["openai/gpt-4o-mini"]
    tree = dict(_rows(rec))["lineage"]
    assert f"fine-tuned from openai/gpt-4o-mini (OpenAI, US) [{LINEAGE_UNDISCLOSED}]" in tree
    assert "[root]" not in tree


def test_open_weights_behind_an_api_name_keep_their_lineage() -> None:
    """deepseek-chat names the open DeepSeek-V3.x release (a source says so): not an API-only record."""
    rec = resolve("deepseek-chat").to_dict()
    assert "lineage_undisclosed" not in rec


def test_records_are_written_one_way() -> None:
    """No API-only record without a base edge is left as ``base: []`` on a model list's word, or without a base,
    except those the migration listed (a source covers the base, or a note names a model behind it)."""
    kb = load_index()
    for mid, rec in kb.models.items():
        if rec.get("lineage") == "undisclosed":
            fam = kb.families.get(rec.get("family") or "") or {}
            assert "base" not in rec and not rec.get("hf")
            assert rec.get("open_weights", fam.get("open_weights")) is False, mid
    assert kb.models["openai/gpt-4o"]["lineage"] == kb.models["zhipu/glm-4-plus"]["lineage"] == "undisclosed"


CALL = ("from openai import OpenAI\n\nclient = OpenAI()\n\n\ndef answer(q: str) -> str:\n"
        "    r = client.chat.completions.create(model=\"{model}\", messages=[{{\"role\": \"user\", \"content\": q}}])\n"
        "    return r.choices[0].message.content\n")
APP = {
    "app/answer.py": CALL.format(model="gpt-4o"),
    "app/summary.py": CALL.format(model="glm-4-plus"),
    "app/local.py": "from transformers import AutoModel\n\nm = AutoModel.from_pretrained(\"Qwen/Qwen2.5-7B-Instruct\")\n",
    "modelmap.yaml": "version: 1\npreset: [no-cn-origin]\nflows:\n  app: {paths: [\"app/**\"], tags: [customer-facing]}\n",
}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("api-lineage")
    for rel, text in APP.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def test_report_and_check_say_undisclosed_where_they_would_name_a_base(project: Path) -> None:
    result = modelmap.scan([project], resolve=True)
    check = evaluate(result, load_config(project), date(2026, 12, 7))
    rows = {m["id"]: m for m in build_summary(check)["models"]}
    assert rows["openai/gpt-4o"]["lineage_undisclosed"] is rows["zhipu/glm-4-plus"]["lineage_undisclosed"] is True
    assert rows["openai/gpt-4o"]["origins_known"] is rows["zhipu/glm-4-plus"]["origins_known"] is True
    assert rows["qwen/qwen2.5-7b-instruct"]["lineage_undisclosed"] is False
    md = MarkdownRenderer().render(check).decode("utf-8")
    line = next(x for x in md.splitlines() if x.startswith("| **openai/gpt-4o**"))
    assert LINEAGE_UNDISCLOSED in line and "(incomplete)" not in line
    line = next(x for x in md.splitlines() if x.startswith("| **zhipu/glm-4-plus**"))
    assert LINEAGE_UNDISCLOSED in line and "(incomplete)" not in line
    line = next(x for x in md.splitlines() if x.startswith("| **qwen/qwen2.5-7b-instruct**"))
    assert LINEAGE_UNDISCLOSED not in line and "finetune: qwen/qwen2.5-7b" in line
    html = HtmlRenderer().render(check).decode("utf-8")
    assert html.count(LINEAGE_UNDISCLOSED) == 2  # the two API models' "Built on" cells
    # the China-origin rule fires on the Chinese API model for its maker's country, with its lineage said
    flagged = {v.finding.raw: describe(v) for v in check.violations if v.finding is not None}
    assert "gpt-4o" not in flagged  # US origin, complete: the rule passes it
    assert LINEAGE_UNDISCLOSED in flagged["glm-4-plus"] and "incomplete" not in flagged["glm-4-plus"]
    assert LINEAGE_UNDISCLOSED not in flagged["Qwen/Qwen2.5-7B-Instruct"]


@pytest.mark.parametrize("fmt", ["json", "spdx"])
def test_the_boms_say_undisclosed_for_api_models_only(project: Path, fmt: str) -> None:
    out = project / f"bom.{fmt}.json"
    res = CliRunner().invoke(app, ["bom", str(project), "-f", fmt, "-o", str(out)])
    assert res.exit_code == 0, res.output
    text = out.read_text(encoding="utf-8")
    doc = json.loads(text)
    assert text.count("undisclosed (API-only)") >= 2  # one property each for gpt-4o and glm-4-plus
    if fmt == "json":  # CycloneDX
        props = {c["name"]: {p["name"]: p["value"] for p in c.get("properties") or ()}
                 for c in doc["components"] if c.get("type") == "machine-learning-model"}
        assert props["gpt-4o"]["modelmap:lineage"] == props["glm-4-plus"]["modelmap:lineage"] == \
            "undisclosed (API-only)"
        qwen = [p for name, p in props.items() if "qwen2.5-7b-instruct" in name.lower()]
        assert len(qwen) == 1 and "modelmap:lineage" not in qwen[0]
