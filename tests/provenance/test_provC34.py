"""Session 34 (provC34): origins completeness for models companies run, from the makers' own pages.

* Qwen2.5-Math-1.5B/7B/72B: Qwen's Qwen2.5-Math blog says the base models take the Qwen2.5 series base model for
  parameter initialization and are then pre-trained on Qwen Math Corpus v2, so each is a continued pre-training of
  Qwen2.5-{1.5B,7B,72B}. This completes the Math instruct models and DeepSeek's R1 distills built on them
  (`deepseek-r1:1.5b` / `deepseek-r1:7b`).
* Qwen-Max: Qwen's Qwen2.5-Max blog says the model (API name qwen-max-2025-01-25) was pre-trained by Qwen on over
  20 trillion tokens: a lineage root, `base: []`.
* GLM-4 and GLM-4-Air (API): Team GLM's ChatGLM report says the GLM-4 language series (GLM-4, GLM-4-Air, GLM-4-9B)
  is pre-trained on ten trillion tokens: roots, `base: []`; both records are now hand-written outside the generated block.
* SmolLM2-135M: its card calls it the base pre-trained model (2T tokens), header licence apache-2.0.
Qwen-Plus and Qwen-Turbo stay without a base: the makers' pages read call them Qwen's API-based / proprietary MoE
models but do not say how they were trained, and the records carry later dated snapshots those pages predate.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from modelmap.knowledge import load
from modelmap.provenance.resolver import resolve

PUBLISHERS = Path(__file__).resolve().parents[2] / "src" / "modelmap" / "knowledge" / "data" / "publishers"


@pytest.mark.parametrize(("query", "model", "origins"), [
    ("deepseek-r1:7b", "deepseek-ai/deepseek-r1-distill-qwen-7b", ("CN",)),
    ("deepseek-r1:1.5b", "deepseek-ai/deepseek-r1-distill-qwen-1.5b", ("CN",)),
    ("deepseek-ai/DeepSeek-R1-Distill-Qwen-7B", "deepseek-ai/deepseek-r1-distill-qwen-7b", ("CN",)),
    ("Qwen/Qwen2.5-Math-7B-Instruct", "qwen/qwen2.5-math-7b-instruct", ("CN",)),
    ("Qwen/Qwen2.5-Math-72B", "qwen/qwen2.5-math-72b", ("CN",)),
    ("qwen-max", "qwen/qwen-max", ("CN",)),
    ("qwen-max-2025-01-25", "qwen/qwen-max", ("CN",)),
    ("HuggingFaceTB/SmolLM2-135M-Instruct", "huggingfacetb/smollm2-135m-instruct", ("US",)),
    ("glm-4", "zhipu/glm-4", ("CN",)),
    ("glm-4-air", "zhipu/glm-4-air", ("CN",)),
    ("zhipuai/glm-4-air", "zhipu/glm-4-air", ("CN",)),
])
def test_a_lineage_the_makers_state_is_complete(query: str, model: str, origins: tuple[str, ...]) -> None:
    res = resolve(query)
    assert res.model is not None and res.model["id"] == model
    assert res.origins_known is True, res.reason
    assert tuple(sorted(res.origins or ())) == origins


@pytest.mark.parametrize("size", ["1.5b", "7b", "72b"])
def test_qwen25_math_base_is_initialised_from_qwen25(size: str) -> None:
    rec = load().models[f"qwen/qwen2.5-math-{size}"]
    assert rec["base"] == [{"relation": "continued-pretrain", "model": f"qwen/qwen2.5-{size}"}]
    assert any("qwen2.5-math" in s["url"] and "base" in (s.get("covers") or []) for s in rec["sources"])


def test_the_r1_distill_chain_reaches_qwen25_7b() -> None:
    res = resolve("deepseek-r1:7b")
    edges = {(e["child"], e["relation"], e["parent"]) for e in res.edges}
    assert ("deepseek-ai/deepseek-r1-distill-qwen-7b", "finetune", "qwen/qwen2.5-math-7b") in edges
    assert ("qwen/qwen2.5-math-7b", "continued-pretrain", "qwen/qwen2.5-7b") in edges
    assert "qwen/qwen2.5-7b" in res.roots


def test_qwen_max_is_a_root_with_its_makers_page() -> None:
    rec = load().models["qwen/qwen-max"]
    assert rec["base"] == [] and rec["open_weights"] is False
    assert any(s["url"].endswith("/blog/qwen2.5-max/") and s.get("covers") == ["base"] for s in rec["sources"])


@pytest.mark.parametrize("model", ["zhipu/glm-4", "zhipu/glm-4-air"])
def test_glm4_api_models_are_roots_with_team_glms_report(model: str) -> None:
    rec = load().models[model]
    assert rec["base"] == [] and rec["hf"] is None
    assert any(s["url"] == "https://arxiv.org/abs/2406.12793" and s.get("covers") == ["base"] for s in rec["sources"])


def test_glm4_records_are_written_by_hand_outside_the_generated_block() -> None:
    text = (PUBLISHERS / "zhipu.yaml").read_text(encoding="utf-8")
    block = text[text.index("# BEGIN generated: scripts/kb_cn_labs.py"):text.index("# END generated: scripts/kb_cn_labs.py")]
    assert "- id: zhipu/glm-4\n" not in block and "- id: zhipu/glm-4-air\n" not in block
    assert text.count("- id: zhipu/glm-4\n") == 1 and text.count("- id: zhipu/glm-4-air\n") == 1


def test_smollm2_135m_is_a_pretrained_base_under_apache() -> None:
    rec = load().models["huggingfacetb/smollm2-135m"]
    assert rec["base"] == [] and rec["license"] == "apache-2.0"


@pytest.mark.parametrize("query", ["qwen-plus", "qwen-turbo"])
def test_api_tiers_without_a_training_statement_are_undisclosed(query: str) -> None:
    """No Qwen page read says how Qwen-Plus / Qwen-Turbo were trained: not a foundation (qwen-max is, from the
    Qwen2.5-Max post). Since provC35 an API-only model whose maker names nothing behind it has an undisclosed
    lineage, origins its maker's country, complete, as gpt-4o's are (tests/provenance/test_provC35.py)."""
    res = resolve(query)
    assert res.model is not None
    assert res.origins_known is True and res.roots is None
    assert res.lineage_undisclosed == (res.model["id"],)
    assert tuple(res.origins or ()) == ("CN",)
