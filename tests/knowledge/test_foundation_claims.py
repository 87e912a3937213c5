"""A record that says "no base" (`base: []`, pre-trained from scratch) makes a claim as strong as one that names a
base, so it needs a source as strong (docs/knowledge-format.md, the lineage table). Session 32 found Granite 3.1
bases, Qwen1.5-MoE and others marked as foundations while their makers' cards say they continue an earlier
checkpoint. These tests pin the corrected lineages and keep the unsourced claims from growing."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from modelmap.provenance.resolver import resolve
from tests.provenance.record_fields import model_id, parents

DATA = Path(__file__).resolve().parents[2] / "src" / "modelmap" / "knowledge" / "data" / "publishers"
UNREVIEWED = Path(__file__).with_name("unreviewed_foundation_claims.txt")


def _foundation_claims_without_source() -> set[str]:
    out = set()
    for path in DATA.glob("*.yaml"):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for rec in doc.get("models") or []:
            if rec.get("base") != [] or rec.get("open_weights") is False:
                continue
            if not any("base" in (s.get("covers") or []) for s in rec.get("sources") or []):
                out.add(rec["id"])
    return out


def test_no_new_unsourced_foundation_claims() -> None:
    listed = {ln.strip() for ln in UNREVIEWED.read_text(encoding="utf-8").splitlines()
              if ln.strip() and not ln.startswith("#")}
    new = _foundation_claims_without_source() - listed
    assert not new, f"base: [] without a source that covers base (cite one, or leave base out): {sorted(new)}"


@pytest.mark.parametrize("size", ["2b", "8b", "1b-a400m", "3b-a800m"])
def test_granite_31_bases_continue_the_30_bases(size: str) -> None:
    rec = resolve(f"ibm-granite/granite-3.1-{size}-base").to_dict()
    assert parents(rec) == [f"ibm-granite/granite-3.0-{size}-base"]
    edge = next(e for e in rec["edges"] if e["child"] == model_id(rec))
    assert edge["relation"] == "continued-pretrain"


def test_upcycled_moe_names_its_dense_parent() -> None:
    assert parents(resolve("Qwen/Qwen1.5-MoE-A2.7B").to_dict()) == ["qwen/qwen-1_8b"]


def test_modernbert_embed_names_its_unsupervised_stage_under_either_repo_name() -> None:
    assert parents(resolve("nomic-ai/modernbert-embed-base").to_dict()) == ["nomic-ai/modernbert-embed-base-unsupervised"]
    old = resolve("nomic-ai/modernbert-embed-unsupervised").to_dict()
    assert model_id(old) == "nomic-ai/modernbert-embed-base-unsupervised"
    assert parents(old) == ["answerdotai/modernbert-base"]


@pytest.mark.parametrize("query", ["CohereLabs/aya-23-35b", "CohereLabs/aya-23-8b", "google/gemma-3n-E2B"])
def test_unsourced_foundation_claims_are_now_unknown(query: str) -> None:
    rec = resolve(query).to_dict()
    # teachers (distillation edges) stay; no weight parent and no "from scratch" either
    assert not [e for e in rec.get("edges") or [] if e["child"] == model_id(rec) and e["relation"] != "distillation"]
    assert rec["origins_known"] is False


@pytest.mark.parametrize("query", ["meta-llama/Llama-3.2-1B", "meta-llama/Llama-3.2-3B"])
def test_llama_32_small_models_continue_from_llama_31_8b(query: str) -> None:
    rec = resolve(query).to_dict()
    own = [(e["relation"], e["parent"]) for e in rec["edges"] if e["child"] == model_id(rec)]
    assert ("continued-pretrain", "meta-llama/llama-3.1-8b") in own
    assert rec["origins_known"] is True


@pytest.mark.parametrize(("tag", "model"), [("llama3.2:3b-text-q8_0", "meta-llama/llama-3.2-3b"),
                                            ("granite3.1-dense:8b-text", "ibm-granite/granite-3.1-8b-base")])
def test_a_text_tag_reaches_a_continued_pretrain_checkpoint(tag: str, model: str) -> None:
    # a checkpoint whose own step is continued pre-training is still a pretrained (not instruction-tuned) model
    assert model_id(resolve(tag).to_dict()) == model


def test_clip_336_continues_the_224_pixel_l14() -> None:
    # the CLIP paper: the L/14 was pre-trained one more epoch at 336 px, so the 336 checkpoint is not a new run
    rec = resolve("openai/clip-vit-large-patch14-336").to_dict()
    assert parents(rec) == ["openai/clip-vit-large-patch14"]
    edge = next(e for e in rec["edges"] if e["child"] == model_id(rec))
    assert edge["relation"] == "continued-pretrain"
