"""Records generated from structured registries for publishers outside the Chinese labs (issue 11, item 5).

scripts/kb_registries.py reads the Xinference, ms-swift and LLaMA-Factory model registries at pinned
commits. The expected values below were read in those registry files (a Hub id listed by the registry,
its ModelScope id, and for a quantized repo the unquantized repo the registry lists in the same family
and size) and on the pages cited in the new publisher files (countries), not taken from the resolver.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from modelmap.knowledge import load
from modelmap.provenance.resolver import resolve

ROOT = Path(__file__).resolve().parents[2]
PUB_DIR = ROOT / "src" / "modelmap" / "knowledge" / "data" / "publishers"

# sourced licences applied over generated records (data/corrections.yaml)
_CORRECTED = {str(c["id"]).lower(): c["license"] for c in yaml.safe_load(
    (PUB_DIR.parent / "corrections.yaml").read_text())["corrections"] if "license" in c}

# Hub id listed by a registry -> (publisher id, publisher country or None when unverified)
OFFICIAL = {
    "google/codegemma-1.1-7b-it": ("google", "US"),
    "google/codegemma-1.1-2b": ("google", "US"),
    "facebook/MobileLLM-R1-360M": ("meta", "US"),
    "microsoft/Florence-2-large": ("microsoft", "US"),
    "ibm-granite/granite-3.2-8b-instruct": ("ibm", "US"),
    "allenai/Molmo2-8B": ("allenai", "US"),
    "HuggingFaceTB/SmolLM-135M": ("huggingfacetb", "US"),
    "HuggingFaceH4/zephyr-7b-alpha": ("huggingfaceh4", "US"),
    "bigcode/starcoder2-15b": ("bigcode", "US"),
    "databricks/dbrx-base": ("databricks", "US"),
    "tiiuae/Falcon-H1-1.5B-Instruct": ("tii", "AE"),
    "Tele-AI/TeleChat-12B": ("tele-ai", "CN"),
    "xverse/XVERSE-65B": ("xverse", "CN"),
    "stabilityai/sdxl-turbo": ("stabilityai", "GB"),
    "black-forest-labs/FLUX.1-schnell": ("black-forest-labs", None),
    "upstage/SOLAR-10.7B-v1.0": ("upstage", "KR"),
    "LGAI-EXAONE/EXAONE-3.0-7.8B-Instruct": ("lg-ai-research", "KR"),
    "state-spaces/mamba-130m-hf": ("state-spaces", None),
    "WizardLM/WizardMath-70B-V1.0": ("wizardlm", None),
    # vLLM's test registry (tests/models/registry.py)
    "swiss-ai/Apertus-8B-Instruct-2509": ("swiss-ai", "CH"),
    "sarvamai/sarvam-30b": ("sarvamai", "IN"),
    "pfnet/plamo-2-1b": ("pfnet", "JP"),
    "EleutherAI/gpt-j-6b": ("eleutherai", None),
    "adept/fuyu-8b": ("adept", None),
    "LGAI-EXAONE/EXAONE-4.0-32B": ("lg-ai-research", "KR"),
}

# quantized repo -> (its unquantized parent as the registry lists it, publisher of the quantized repo)
QUANTIZED = {
    "hugging-quants/Meta-Llama-3.1-8B-Instruct-AWQ-INT4": ("meta-llama/llama-3.1-8b-instruct", "hugging-quants"),
    "hugging-quants/Meta-Llama-3.1-70B-Instruct-GPTQ-INT4": ("meta-llama/llama-3.1-70b-instruct", "hugging-quants"),
    "bartowski/gemma-2-9b-it-GGUF": ("google/gemma-2-9b-it", "bartowski"),
    "lmstudio-community/Llama-3.3-70B-Instruct-GGUF": ("meta-llama/llama-3.3-70b-instruct", "lmstudio-community"),
    "mlx-community/Qwen2.5-7B-Instruct-4bit": ("qwen/qwen2.5-7b-instruct", "mlx-community"),
    "neuralmagic/Mistral-7B-Instruct-v0.3-GPTQ-4bit": ("mistralai/mistral-7b-instruct-v0.3", "neuralmagic"),
    "cognitivecomputations/DeepSeek-R1-AWQ": ("deepseek-ai/deepseek-r1", "cognitivecomputations"),
    "unsloth/DeepSeek-R1-Distill-Qwen-14B-GGUF": ("deepseek-ai/deepseek-r1-distill-qwen-14b", "unsloth"),
    "nvidia/Gemma-4-31B-IT-NVFP4": ("google/gemma-4-31b-it", "nvidia"),
}

# ModelScope id the registry pairs with a Hub id -> canonical id of the Hub repo
MODELSCOPE = {
    "LLM-Research/Meta-Llama-3.1-8B-Instruct-AWQ-INT4": "hugging-quants/meta-llama-3.1-8b-instruct-awq-int4",
    "AI-ModelScope/sdxl-turbo": "stabilityai/sdxl-turbo",
    "AI-ModelScope/starcoder2-15b": "bigcode/starcoder2-15b",
    "AI-ModelScope/Florence-2-large": "microsoft/florence-2-large",
}

# instruction repo -> pretrained sibling listed by the same registry file (explicit in the naming)
SIBLINGS = {
    "HuggingFaceTB/SmolLM2-360M-Instruct": "huggingfacetb/smollm2-360m",
    "allenai/OLMoE-1B-7B-0924-Instruct": "allenai/olmoe-1b-7b-0924",
    "xverse/XVERSE-13B-Chat": "xverse/xverse-13b",
}


@pytest.mark.parametrize("repo", sorted(OFFICIAL))
def test_registry_repos_resolve_to_their_publisher(repo: str) -> None:
    publisher, country = OFFICIAL[repo]
    res = resolve(repo)
    assert res.confidence == "known", res.reason
    assert res.model is not None and res.model["id"] == repo.lower()
    assert res.model["hf"] == repo
    assert res.publisher is not None and res.publisher["id"] == publisher
    assert res.publisher["country"] == country
    assert res.open_weights is True


@pytest.mark.parametrize("repo", sorted(OFFICIAL))
def test_registry_repos_leave_the_licence_unknown(repo: str) -> None:
    """The registries carry no licence field: the licence of a generated unquantized record is unknown, unless
    data/corrections.yaml sets one read later from the model's own page (applied at compile time)."""
    model = load().models[repo.lower()]
    assert model["license"] == _CORRECTED.get(repo.lower(), "unknown")


@pytest.mark.parametrize("repo", sorted(QUANTIZED))
def test_quantized_repos_are_quantizations_of_the_listed_parent(repo: str) -> None:
    parent, publisher = QUANTIZED[repo]
    kb = load()
    res = resolve(repo)
    assert res.model is not None and res.model["id"] == repo.lower()
    assert res.publisher is not None and res.publisher["id"] == publisher
    edges = [(e["relation"], e["parent"]) for e in res.edges or () if e["child"] == repo.lower()]
    assert edges == [("quantization", parent)]
    # a quantization carries its parent's licence, unless a sourced correction records what its own card declares
    assert kb.models[repo.lower()]["license"] == _CORRECTED.get(repo.lower(), kb.models[parent]["license"])


@pytest.mark.parametrize("ms_id", sorted(MODELSCOPE))
def test_modelscope_ids_resolve_to_the_hub_repo(ms_id: str) -> None:
    res = resolve(ms_id)
    # a community quantization whose licence is its parent's (copied, not read from its card) is "inferred"
    assert res.confidence == ("inferred" if (res.license or {}).get("inherited_from") else "known"), res.reason
    assert res.model is not None and res.model["id"] == MODELSCOPE[ms_id]


@pytest.mark.parametrize("repo", sorted(SIBLINGS))
def test_instruct_repos_are_finetunes_of_the_listed_pretrained_sibling(repo: str) -> None:
    model = load().models[repo.lower()]
    assert model["base"] == [{"relation": "finetune", "model": SIBLINGS[repo]}]


PYPI_SOURCES = {"https://pypi.org/project/litellm/1.110.2/", "https://pypi.org/project/transformers/4.57.1/",
                "https://pypi.org/project/transformers/5.25.0/"}

# reference checkpoint named by a configuration_*.py in the transformers 4.57.1 wheel -> publisher
TRANSFORMERS_CHECKPOINTS = {
    "facebook/bart-large": "meta",
    "facebook/convnextv2-tiny-1k-224": "meta",
}


@pytest.mark.parametrize("repo", sorted(TRANSFORMERS_CHECKPOINTS))
def test_transformers_reference_checkpoints_name_their_publisher_and_leave_the_role_unknown(repo: str) -> None:
    res = resolve(repo)
    assert res.model is not None and res.model["id"] == repo.lower()
    assert res.publisher is not None and res.publisher["id"] == TRANSFORMERS_CHECKPOINTS[repo]
    model = load().models[repo.lower()]
    # the wheel carries no licence; one read later from the model's own page comes from data/corrections.yaml
    assert model.get("role") is None and model["license"] == _CORRECTED.get(repo.lower(), "unknown")


# API model name in LiteLLM's table (litellm 1.110.2 wheel), first-party provider -> (model id, publisher, role)
API_NAMES = {
    "voyage-3-large": ("voyageai/voyage-3-large", "voyageai", "embedding"),
    "voyage-code-3": ("voyageai/voyage-code-3", "voyageai", "embedding"),
    "rerank-2.5": ("voyageai/rerank-2.5", "voyageai", "rerank"),
    "sonar-pro": ("perplexity/sonar-pro", "perplexity", "generation"),
    "imagen-3.0-generate-001": ("google/imagen-3.0-generate-001", "google", "image"),
    "omni-moderation-latest": ("openai/omni-moderation-latest", "openai", "other"),
    "rerank-v4.0-pro": ("cohere/rerank-v4.0-pro", "cohere", "rerank"),
}


@pytest.mark.parametrize("name", sorted(API_NAMES))
def test_first_party_api_names_are_closed_models_of_the_provider(name: str) -> None:
    model_id, publisher, role = API_NAMES[name]
    res = resolve(name)
    assert res.model is not None and res.model["id"] == model_id
    assert res.publisher is not None and res.publisher["id"] == publisher
    assert res.open_weights is False
    assert load().models[model_id]["role"] == role


def test_a_dated_api_snapshot_is_an_alias_of_the_undated_name() -> None:
    # LiteLLM lists gpt-audio and gpt-audio-2025-08-28: one model, the dated name as its alias
    res = resolve("gpt-audio-2025-08-28")
    assert res.model is not None and res.model["id"] == "openai/gpt-audio"
    assert "openai/gpt-audio-2025-08-28" not in load().models


def test_api_names_serving_open_weights_are_not_made_closed_records() -> None:
    # LiteLLM's gemini table lists Gemma (open weights): no API-only record is generated for it
    closed = {mid for mid, m in load().models.items() if m.get("hf") is None}
    assert "google/gemma-3-27b-it" not in closed and "google/gemini-gemma-2-27b-it" not in closed


def test_a_renamed_spelling_does_not_become_a_second_model() -> None:
    # Xinference lists meta-llama/Meta-Llama-3.1-8B-Instruct (Meta's earlier repo name); the knowledge
    # base already records the repo as meta-llama/Llama-3.1-8B-Instruct, so no second record is made.
    assert "meta-llama/meta-llama-3.1-8b-instruct" not in load().models
    # ...while the AWQ repo that names it still finds the recorded model as its parent
    assert "meta-llama/llama-3.1-8b-instruct" in load().models


def test_generated_records_cite_a_pinned_registry_file() -> None:
    pinned = re.compile(r"https://github\.com/(xorbitsai/inference|modelscope/ms-swift|hiyouga/LLaMA-Factory|vllm-project/vllm)"
                        r"/blob/[0-9a-f]{40}/\S+")
    count = 0
    for path in sorted(PUB_DIR.glob("*.yaml")):
        for block in _generated_blocks(path.read_text(encoding="utf-8")):
            for rec in block:
                count += 1
                url = rec["sources"][0]["url"]
                assert pinned.fullmatch(url) or url in PYPI_SOURCES, rec["id"]
                assert str(rec["sources"][0]["as_of"]) == "2026-12-03"
    assert count >= 1000


def test_chinese_lab_files_get_no_registry_block() -> None:
    for pub in ("qwen", "deepseek", "zhipu", "baai", "internlm", "tencent", "baidu"):
        assert "generated (kb_registries)" not in (PUB_DIR / f"{pub}.yaml").read_text(encoding="utf-8")


def test_stripping_the_block_leaves_the_hand_written_file() -> None:
    mod = _script()
    text = (PUB_DIR / "google.yaml").read_text(encoding="utf-8")
    stripped = mod.strip_generated(text)
    assert mod.BEGIN in text and mod.BEGIN not in stripped and mod.END not in stripped
    doc = yaml.safe_load(stripped)
    ids = {m["id"] for m in doc["models"]}
    assert "google/codegemma-1.1-7b-it" not in ids  # generated
    assert doc["publisher"]["id"] == "google" and len(ids) > 100  # hand-written and other generators' records


def _generated_blocks(text: str) -> list[list[dict]]:
    out = []
    for blk in re.findall(r"# BEGIN generated \(kb_registries\)\n(.*?)[ \t]*# END generated \(kb_registries\)", text,
                          re.S):
        lines = blk.splitlines()
        indent = len(lines[0]) - len(lines[0].lstrip())
        out.append(yaml.safe_load("\n".join(line[indent:] for line in lines)))
    return out


def _script() -> ModuleType:
    sys.path.insert(0, str(ROOT / "scripts"))
    spec = importlib.util.spec_from_file_location("kb_registries", ROOT / "scripts" / "kb_registries.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # its dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod
