"""Session 30 (prov30, held-out-23 provenance): litellm's ``minimax/`` prefix is MiniMax's international platform,
and third-party fine-tunes whose cards name an Unsloth bnb-4bit upload resolve through that upload."""

from __future__ import annotations

import pytest

from modelmap.provenance.resolver import resolve


@pytest.mark.parametrize("query", ["minimax/MiniMax-M2.1", "minimax/minimax-m2.5", "minimax/MiniMax-M3"])
def test_litellm_minimax_prefix_is_the_international_platform(query: str) -> None:
    # litellm's MiniMax provider posts to https://api.minimax.io/v1 unless MINIMAX_API_BASE names the China host
    res = resolve(query)
    assert res.served_by is not None and res.served_by["id"] == "minimax-intl"
    assert res.publisher is not None and res.publisher["country"] == "CN"


def test_a_bare_minimax_name_still_names_no_server() -> None:
    res = resolve("MiniMax-M2.1")
    assert res.model is not None and res.model["id"] == "minimaxai/minimax-m2.1"
    assert res.served_by is None


@pytest.mark.parametrize(("query", "base", "licence", "origins"), [
    # card: base_model unsloth/meta-llama-3.1-8b-bnb-4bit, license apache-2.0 (the deriver's declaration)
    ("bebop404/llama31_8b_lora", "unsloth/meta-llama-3.1-8b-bnb-4bit", "apache-2.0", ("US",)),
    ("neverland-th/Llama-3.1-8b-Lora", "unsloth/meta-llama-3.1-8b-instruct-bnb-4bit", "apache-2.0", ("US",)),
    ("imdatta0/lora_final", "meta-llama/llama-3.1-8b-instruct", "llama3.1", ("US",)),
    # a Qwen fine-tune on an Unsloth re-upload: Qwen's country, Unsloth's is not recorded (a lower bound)
    ("rawsh/MetaMath-Qwen2.5-0.5b", "unsloth/qwen2.5-0.5b", "apache-2.0", ("CN",)),
])
def test_card_read_derivatives_name_their_declared_base(query: str, base: str, licence: str,
                                                        origins: tuple[str, ...]) -> None:
    res = resolve(query)
    assert res.edges and res.edges[0]["parent"] == base
    assert res.license is not None and res.license["id"] == licence
    assert res.origins == origins


def test_unsloth_first_name_upload_is_a_quantization_of_metas_model() -> None:
    res = resolve("unsloth/Meta-Llama-3.1-8B-bnb-4bit")
    assert res.edges and res.edges[0]["relation"] == "quantization"
    assert res.edges[0]["parent"] == "meta-llama/llama-3.1-8b"
    assert res.license is not None and res.license["id"] == "llama3.1"


def test_thebloke_gguf_of_a_community_finetune_keeps_the_declared_base_without_inventing_its_lineage() -> None:
    res = resolve("TheBloke/Llama-2-Coder-7B-GGUF")
    assert res.edges and res.edges[0]["parent"] == "mrm8488/llama-2-coder-7b"
    assert res.license is not None and res.license["id"] == "apache-2.0"
    # mrm8488's own card was not read: no edge beyond it
    assert len(res.edges) == 1


@pytest.mark.parametrize(("query", "model", "server"), [
    ("gpt-4.5-preview", "openai/gpt-4.5-preview", None),
    ("gpt-4.5-preview-2025-02-27", "openai/gpt-4.5-preview", None),
    ("ai21.j2-ultra-v1", "ai21/j2-ultra", "aws-bedrock"),
    ("azure_ai/FLUX-1.1-pro", "black-forest-labs/flux-1.1-pro", "azure-ai-foundry"),
    # Azure's unversioned Mistral-large is Mistral Large (2402), sold as a pay-as-you-go premium model
    ("azure_ai/mistral-large", "mistral/mistral-large-2402", "azure-ai-foundry"),
])
def test_api_only_models_are_proprietary_records(query: str, model: str, server: str | None) -> None:
    res = resolve(query)
    assert res.model is not None and res.model["id"] == model
    assert res.license is not None and res.license["id"] == "proprietary"
    assert (res.served_by["id"] if res.served_by else None) == server


def test_unversioned_mistral_large_outside_azure_names_no_snapshot() -> None:
    res = resolve("mistral-large")
    assert res.model is None or res.model.get("id") != "mistral/mistral-large-2402"


def test_venice_embedding_id_is_qwens_open_weights() -> None:
    res = resolve("text-embedding-qwen3-0-6b")
    assert res.model is not None and res.model["id"] == "qwen/qwen3-embedding-0.6b"
    assert res.license is not None and res.license["id"] == "apache-2.0"
    assert res.edges and res.edges[0]["parent"] == "qwen/qwen3-0.6b-base"
    assert res.served_by is None


def test_gguf_of_a_community_finetune_takes_the_cards_base_model_not_the_names_model() -> None:
    # the name says Qwen2.5-Coder-1.5B; the card's base_model is Etherll's FIM fine-tune of it
    res = resolve("MaziyarPanahi/Qwen2.5-Coder-1.5B-CodeFIM-GGUF")
    assert res.edges and res.edges[0]["relation"] == "quantization"
    assert res.edges[0]["parent"] == "etherll/qwen2.5-coder-1.5b-codefim"
