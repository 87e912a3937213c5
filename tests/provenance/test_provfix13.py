"""provfix13 (issue 11): a licence the knowledge base's sources disagree on is not a confident answer.

InternLM2 / InternLM2.5: the GitHub README (from 2025-01) says code and weights are Apache-2.0, while the weights'
own Hub cards (licence tag ``other``) give the InternLM licence for the weights. A record that lists the other
statement under ``license_disputed`` keeps its licence (the card's where the card was read) with its evidence, but
the resolution's confidence is ``unknown`` and its reason says the licence is disputed."""

from __future__ import annotations

import pytest

from modelmap.provenance.resolver import Resolver


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver()


@pytest.mark.parametrize(("query", "licence"), [
    ("internlm/internlm2-chat-7b", "internlm"),      # its own card read: License other (InternLM licence)
    ("Shanghai_AI_Laboratory/internlm2-20b", "internlm"),
    ("internlm/internlm2_5-7b-chat", "internlm"),
    ("internlm/internlm2_5-20b", "apache-2.0"),      # own card not read: the README's statement, disputed
])
def test_a_disputed_licence_is_given_with_its_evidence_but_not_confidently(
        resolver: Resolver, query: str, licence: str) -> None:
    res = resolver.resolve(query)
    assert (res.license or {}).get("id") == licence
    assert res.confidence == "unknown"
    assert "disputed" in (res.reason or "")
    assert res.origins == ("CN",)  # the other facts are unchanged


def test_an_undisputed_licence_keeps_its_confidence(resolver: Resolver) -> None:
    res = resolver.resolve("internlm/internlm3-8b-instruct")
    assert res.confidence == "known"
    assert "disputed" not in (res.reason or "")


def test_every_disputed_licence_is_a_known_licence_other_than_the_records_own(resolver: Resolver) -> None:
    kb = resolver.kb
    seen = 0
    for mid, rec in kb.models.items():
        for other in rec.get("license_disputed") or ():
            seen += 1
            assert str(other).lower() in kb.licenses, (mid, other)
            assert other != rec.get("license"), mid
    assert seen >= 18


def test_a_correction_can_record_a_disputed_licence(resolver: Resolver) -> None:
    # GLM-Edge-4B-Chat's GGUF: Hub header License glm-4, while the LICENSE it links is The GLM-Edge License
    res = resolver.resolve("THUDM/glm-edge-4b-chat-gguf")
    assert (res.license or {}).get("id") == "glm-edge"
    assert resolver.kb.models["zai-org/glm-edge-4b-chat-gguf"].get("license_disputed") == ["glm-4"]
    assert res.confidence == "unknown" and "disputed" in (res.reason or "")


def test_a_corrected_generated_record_takes_its_cards_licence_and_base(resolver: Resolver) -> None:
    res = resolver.resolve("LLM-Research/Llama3-8B-Chinese-Chat")  # a ModelScope id the record lists
    assert (res.model or {}).get("id") == "shenzhi-wang/llama3-8b-chinese-chat"
    assert (res.license or {}).get("id") == "llama3"
    assert res.edges and res.edges[0]["parent"] == "meta-llama/meta-llama-3-8b-instruct"
    assert res.origins == ("US",)


@pytest.mark.parametrize(("query", "model"), [
    # Fireworks writes a whole Llama version as "v<N>" (and a point release as "v<N>p<M>")
    ("accounts/fireworks/models/llama-v3-70b-instruct", "meta-llama/meta-llama-3-70b-instruct"),
    ("fireworks_ai/accounts/fireworks/models/llama-v2-7b-chat", "meta-llama/llama-2-7b-chat-hf"),
    ("accounts/fireworks/models/llama-v3p1-70b-instruct", "meta-llama/llama-3.1-70b-instruct"),
])
def test_fireworks_whole_llama_versions(resolver: Resolver, query: str, model: str) -> None:
    res = resolver.resolve(query)
    assert (res.model or {}).get("id") == model
    assert res.served_by is not None and res.origins == ("US",)
