"""A replacement whose licence forbids commercial use is ranked after every other one.

The shape a tryout found (session 34): a company's nightly job embeds insurance claims with BGE-M3 in a flow tagged
regulated. ``plan --scenario no-cn-origin-regulated`` replaced it with the embedder nearest in size,
``jinaai/jina-colbert-v2``, licensed CC-BY-NC-4.0, and wrote it into the job: a model the company may not use in its
product. Only an unknown licence was ranked last; a known non-commercial one was ranked like MIT.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from modelmap.knowledge import load
from modelmap.switch.alternatives import find_alternatives
from modelmap.switch.plan import plan_project, render_markdown
from modelmap.switch.scenario import load_scenario

JOB = '''"""Nightly job: embed claim documents for the adjusters' similarity search."""
from sentence_transformers import SentenceTransformer

EMBED_MODEL = "BAAI/bge-m3"


def embed(texts):
    model = SentenceTransformer(EMBED_MODEL)
    return model.encode(texts, normalize_embeddings=True)
'''


def _forbids(c) -> bool:
    return (c.license or {}).get("commercial_use") is False


@pytest.mark.parametrize("query", ["BAAI/bge-m3", "BAAI/bge-small-en-v1.5", "BAAI/bge-large-en-v1.5", "Qwen/Qwen2.5-7B-Instruct"])
def test_candidates_forbidding_commercial_use_come_last(query: str) -> None:
    alts = find_alternatives(query, scenario=load_scenario("no-cn-origin"), limit=200)
    ranks = [_forbids(c) for c in alts.group("same-role-size")]
    assert ranks, query
    assert ranks == sorted(ranks), [(c.model, (c.license or {}).get("id")) for c in alts.group("same-role-size")]


def test_bge_m3_first_replacement_allows_commercial_use() -> None:
    alts = find_alternatives("BAAI/bge-m3", scenario=load_scenario("no-cn-origin"), limit=200)
    # the knowledge base holds non-commercial embedders of bge-m3's size: the test means something only if so
    assert any((c.license or {}).get("commercial_use") is False for c in alts.group("same-role-size"))
    first = alts.group("same-role-size")[0]
    assert (first.license or {}).get("commercial_use") is not False, first.model


def test_plan_writes_no_non_commercial_model_into_the_job(tmp_path: Path) -> None:
    (tmp_path / "jobs" / "embed").mkdir(parents=True)
    (tmp_path / "jobs" / "embed" / "embed_claims.py").write_text(JOB)
    (tmp_path / "modelmap.yaml").write_text(
        "version: 1\nflows:\n  claims: {paths: ['jobs/**'], tags: [regulated, production]}\n")
    plan, _, _ = plan_project(tmp_path, scenario="no-cn-origin-regulated")
    [usage] = [u for f in plan.flows for u in f.usages]
    assert usage.raw == "BAAI/bge-m3"
    assert usage.replacement is not None
    licence = load().licenses.get(str(usage.replacement["license"])) or {}
    assert licence.get("commercial_use") is not False, usage.replacement
    assert "jina-colbert-v2" not in render_markdown(plan)
