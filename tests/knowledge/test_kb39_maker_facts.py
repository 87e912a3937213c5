"""Facts read on 2026-12-07 (kb39) from the makers' own cards and pages for open-weight records that had none: a
licence, a size, a teacher. Each test resolves the record as a user's id would and checks the fact and its source,
so a record that loses the fact (a generator's rerun, a hand edit) fails here."""

from __future__ import annotations

import pytest

from modelmap.knowledge.loader import load_index
from modelmap.provenance.resolver import resolve
from tests.provenance.record_fields import license_id, model_id, parents


def _covers(mid: str, field: str) -> list[str]:
    rec = load_index().models[mid]
    return [s["url"] for s in rec.get("sources") or [] if field in (s.get("covers") or [])]


@pytest.mark.parametrize(("query", "licence"), [
    ("zai-org/Glyph", "mit"),                         # the repo's own card header
    ("Qwen/Qwen1.5-4B-Chat", "qwen-research"),        # tongyi-qianwen-research on the card
    ("Qwen/Qwen1.5-110B-Chat", "qwen"),               # tongyi-qianwen, as Qwen's own AWQ build of it
    ("Qwen/Qwen1.5-110B-Chat-AWQ", "qwen"),
    ("google/gemma-4-12B", "apache-2.0"),             # Gemma 4 is Apache-2.0; 12B is one of its sizes
    ("google/gemma-4-12B-it", "apache-2.0"),
    ("mistralai/Devstral-2-123B-Instruct-2512", "mistral-modified-mit"),   # the repo's LICENSE, Mistral's own text
])
def test_licence_read_from_the_makers_text(query: str, licence: str) -> None:
    rec = resolve(query).to_dict()
    assert license_id(rec) == licence
    assert _covers(model_id(rec) or "", "license"), "the licence cites a source that covers it"


def test_a_quant_of_the_filled_chat_model_inherits_its_licence() -> None:
    # Qwen's own GPTQ build has no licence of its own in the knowledge base: it takes the chat model's, marked inherited
    rec = resolve("Qwen/Qwen1.5-4B-Chat-GPTQ-Int4").to_dict()
    assert license_id(rec) == "qwen-research"
    assert rec["license"].get("inherited_from") == "qwen/qwen1.5-4b-chat"


@pytest.mark.parametrize(("mid", "params", "active"), [
    ("minimaxai/minimax-m3", "428B", "23B"),
    ("google/gemma-4-12b", "12B", None),
    ("google/gemma-4-12b-it", "12B", None),
    ("qwen/qwen3-tts-12hz-0.6b-base", "0.6B", None),      # QwenLM/Qwen3-TTS README: the series is 0.6B / 1.7B
    ("qwen/qwen3-tts-12hz-1.7b-customvoice", "1.7B", None),
    ("zai-org/chatglm-6b", "6.2B", None),                  # THUDM/ChatGLM-6B README: 6.2 billion parameters
])
def test_size_read_from_the_card(mid: str, params: str, active: str | None) -> None:
    rec = load_index().models[mid]
    assert (rec.get("params"), rec.get("active_params")) == (params, active)
    assert _covers(mid, "params")


def test_minimax_m3_licence_stays_unknown_until_its_text_is_read() -> None:
    # the card names a "MiniMax Community License" whose text was not read: no id is guessed for it
    assert license_id(resolve("MiniMaxAI/MiniMax-M3").to_dict()) in (None, "unknown")


@pytest.mark.parametrize("query", ["meta-llama/Llama-4-Maverick-17B-128E", "meta-llama/Llama-4-Maverick-17B-128E-Instruct"])
def test_llama4_maverick_reports_behemoth_as_teacher_with_complete_origins(query: str) -> None:
    rec = resolve(query).to_dict()
    teachers = [t["model"] for t in rec.get("teachers") or []]
    assert "meta-llama/llama-4-behemoth" in teachers
    assert rec["origins_known"] is True   # Behemoth's own pre-training is sourced, so the chain is complete
    assert _covers("meta-llama/llama-4-maverick-17b-128e", "teacher")


def test_behemoth_is_recorded_unreleased() -> None:
    rec = load_index().models["meta-llama/llama-4-behemoth"]
    assert rec["open_weights"] is False and rec.get("hf") is None
    assert rec.get("base") == [] and _covers("meta-llama/llama-4-behemoth", "base")


def test_qwen_audio_names_its_llm_and_audio_encoder_initialisations() -> None:
    rec = resolve("Qwen/Qwen-Audio").to_dict()
    assert sorted(parents(rec)) == ["openai/whisper-large-v2", "qwen/qwen-7b"]
    parts = {e["parent"]: e.get("part") for e in rec["edges"] if e["child"] == "qwen/qwen-audio"}
    assert parts["openai/whisper-large-v2"] == "audio-encoder" and parts["qwen/qwen-7b"] is None
    assert rec["origins"] == ["CN", "US"]


def test_chatglm_6b_is_a_sourced_foundation() -> None:
    rec = resolve("THUDM/chatglm-6b").to_dict()
    assert parents(rec) == [] and rec["origins_known"] is True
    assert _covers("zai-org/chatglm-6b", "base")


def test_mistral_modified_mit_is_conditional_on_revenue() -> None:
    lic = load_index().licenses["mistral-modified-mit"]
    assert lic["commercial_use"] == "conditional" and lic["permissive"] is False
    assert lic["sources"] and "20M" in lic["note"]


def test_behemoth_does_not_break_the_llama4_family_licence() -> None:
    # an id that names Llama 4 without pinning a release takes the family's licence only while every family member
    # agrees; the unreleased teacher (no licence) must not make that answer unknown
    rec = resolve("vertex_ai/meta/llama-4-maverick-17b-16e-instruct-maas").to_dict()
    assert license_id(rec) == "llama4"
