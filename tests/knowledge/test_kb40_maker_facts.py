"""Facts read on 2026-12-07 (kb40) from the makers' own texts for open-weight records that had no licence or base:
Mistral's model schema, NVIDIA's model cards, the InternVL3.5 Hub pages. Each test resolves the record as a user's id
would and checks the fact and that a source covers it, so a record that loses the fact (a generator's rerun, a hand
edit) fails here."""

from __future__ import annotations

import pytest

from modelmap.knowledge.loader import load_index
from modelmap.provenance.resolver import resolve
from tests.provenance.record_fields import license_id, model_id, parents


def _covers(mid: str, field: str) -> list[str]:
    rec = load_index().models[mid]
    return [s["url"] for s in rec.get("sources") or [] if field in (s.get("covers") or [])]


@pytest.mark.parametrize(("query", "licence"), [
    # Mistral's schema labels the weights 'Modified MIT', the label it gives Devstral 2, whose LICENSE is Mistral's text
    ("mistralai/Mistral-Medium-3.5-128B", "mistral-modified-mit"),
    ("OpenGVLab/InternVL3_5-1B", "apache-2.0"),                  # the repo's own Hub header
    ("OpenGVLab/InternVL3_5-30B-A3B", "apache-2.0"),
    ("OpenGVLab/InternVL3_5-14B-Instruct", "apache-2.0"),
    ("nvidia/llama-nemotron-embed-1b-v2", "nvidia-open-model"),  # NVIDIA's own card, governing terms
    ("nvidia/Llama-3.1-Nemotron-Nano-VL-8B-V1", "nvidia-open-model"),
    ("nvidia/llama-nemotron-rerank-vl-1b-v2", "nvidia-open-model"),
    ("nvidia/nemotron-colembed-vl-4b-v2", "cc-by-nc-4.0"),
    ("nvidia/Llama-3.1-Nemotron-Nano-4B-v1.1", "nvidia-open-model"),
    ("nvidia/Nemotron-H-56B-Base-8K", "nvidia-internal-research"),   # the card's governing terms; research only
    ("nvidia/Nemotron-H-47B-Base-8K", "nvidia-internal-research"),
    ("CohereForAI/c4ai-command-a-03-2025", "cohere-cc-by-nc"),    # CC-BY-NC plus C4AI's acceptable use policy
    ("CohereLabs/c4ai-command-r7b-12-2024", "cohere-cc-by-nc"),
    ("CohereLabs/command-a-reasoning-08-2025", "cohere-cc-by-nc"),
])
def test_licence_read_from_the_makers_text(query: str, licence: str) -> None:
    rec = resolve(query).to_dict()
    assert license_id(rec) == licence
    assert _covers(model_id(rec) or "", "license"), "the licence cites a source that covers it"


def test_mistral_api_name_of_the_open_weights_carries_their_licence() -> None:
    # mistral-medium-2604 is Mistral's dated API name of Medium 3.5 (26.04): the same record, the same licence
    rec = resolve("mistral/mistral-medium-2604").to_dict()
    assert model_id(rec) == "mistralai/mistral-medium-3.5-128b"
    assert license_id(rec) == "mistral-modified-mit"


def test_no_mistral_record_uses_the_kimi_modified_mit_id() -> None:
    # 'Modified MIT' names several texts; Mistral's own is mistral-modified-mit (USD 20M monthly-revenue limit), and the
    # Kimi K2 display-duty text is modified-mit: a Mistral record with the latter id mixes the two up
    index = load_index()
    wrong = [mid for mid, rec in index.models.items()
             if rec.get("publisher") == "mistral" and rec.get("license") == "modified-mit"]
    assert wrong == []
    mistral_mit = [mid for mid, rec in index.models.items()
                   if rec.get("publisher") == "mistral" and rec.get("license") == "mistral-modified-mit"]
    assert {"mistralai/devstral-2-123b-instruct-2512", "mistralai/mistral-medium-3.5-128b"} <= set(mistral_mit)


def test_nano_vl_language_model_is_its_base() -> None:
    # NVIDIA's card: language model Llama-3.1-8B-Instruct (unfrozen in training), vision encoder C-RADIOv2-H
    rec = resolve("nvidia/Llama-3.1-Nemotron-Nano-VL-8B-V1").to_dict()
    assert parents(rec) == ["meta-llama/llama-3.1-8b-instruct"]
    assert _covers("nvidia/llama-3.1-nemotron-nano-vl-8b-v1", "base")
    assert "US" in (rec.get("origins") or [])


def test_nano_4b_base_is_the_minitron_it_was_post_trained_from() -> None:
    rec = resolve("nvidia/Llama-3.1-Nemotron-Nano-4B-v1.1").to_dict()
    assert parents(rec) == ["nvidia/llama-3.1-minitron-4b-width-base"]
    assert _covers("nvidia/llama-3.1-nemotron-nano-4b-v1.1", "base")


def test_nemotron_h_47b_starts_from_the_56b_it_was_pruned_from() -> None:
    rec = resolve("nvidia/Nemotron-H-47B-Base-8K").to_dict()
    assert parents(rec) == ["nvidia/nemotron-h-56b-base-8k"]


def test_command_a_reasoning_base_is_command_a() -> None:
    # the card's front matter: base_model CohereLabs/c4ai-command-a-03-2025
    rec = resolve("CohereLabs/command-a-reasoning-08-2025").to_dict()
    assert parents(rec) == ["cohereforai/c4ai-command-a-03-2025"]


def test_non_commercial_nvidia_texts_without_a_record_stay_unknown() -> None:
    # read but not mapped: 'NVIDIA License' (customized-nscl-v1) and the 'NVIDIA Non-Commercial License Agreement'
    # have no licence record and their texts were not opened, so no id is guessed for them
    for query in ("nvidia/llama-embed-nemotron-8b", "nvidia/llama-nemotron-colembed-vl-3b-v2"):
        assert license_id(resolve(query).to_dict()) in (None, "unknown")
