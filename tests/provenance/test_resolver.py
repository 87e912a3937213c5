"""Resolver behaviour on the identifier forms people actually write (issue 3: ``modelmap trace``)."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from modelmap.errors import IdentifierError
from modelmap.knowledge import load
from modelmap.provenance.lineage import build_graph
from modelmap.provenance.normalize import normalise, parse
from modelmap.provenance.resolver import Resolver, literal_prefix, resolve

BASE_RELATIONS = {"finetune", "quantization", "merge", "adapter"}


def _base(res) -> str | None:
    return next((e["model"] for e in res.lineage if e["relation"] in BASE_RELATIONS), None)


# ---- the tricky forms ------------------------------------------------------------------------------


def test_us_lab_finetune_of_qwen_has_both_origins() -> None:
    res = resolve("NovaSky-AI/Sky-T1-32B-Preview")
    assert res.publisher and res.publisher["country"] == "US"
    assert _base(res) == "qwen/qwen2.5-32b-instruct"
    assert set(res.origins or ()) == {"CN", "US"}
    assert res.confidence == "known"


def test_ollama_deepseek_r1_14b_is_the_qwen_distill() -> None:
    res = resolve("deepseek-r1:14b")
    assert res.model and res.model["id"] == "deepseek-ai/deepseek-r1-distill-qwen-14b"
    assert _base(res) == "qwen/qwen2.5-14b"
    assert "deepseek-ai/deepseek-r1" in res.distilled_from
    assert set(res.origins or ()) == {"CN"}


@pytest.mark.parametrize("query", ["deepseek-ai/DeepSeek-R1-Distill-Llama-8B", "DeepSeek-R1-Distill-Llama-8B",
                                   "DeepSeek-R1-Distill-Llama-8B-Q4_K_M.gguf"])
def test_llama_distill_has_cn_and_us_origins(query: str) -> None:
    res = resolve(query)
    assert res.model and res.model["id"] == "deepseek-ai/deepseek-r1-distill-llama-8b"
    assert _base(res) == "meta-llama/llama-3.1-8b"
    assert set(res.origins or ()) == {"CN", "US"}


@pytest.mark.parametrize(
    ("query", "model", "provider"),
    [
        ("together_ai/Qwen/Qwen2.5-72B-Instruct-Turbo", "qwen/qwen2.5-72b-instruct", "together-ai"),
        ("openrouter/anthropic/claude-3.5-sonnet", "anthropic/claude-3-5-sonnet", "openrouter"),
        ("openrouter/deepseek/deepseek-r1", "deepseek-ai/deepseek-r1", "openrouter"),
        ("openai:gpt-4o", "openai/gpt-4o", "openai-api"),
        ("bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0", "anthropic/claude-3-5-sonnet", "aws-bedrock"),
        ("us.anthropic.claude-3-5-sonnet-20240620-v1:0", "anthropic/claude-3-5-sonnet", "aws-bedrock"),
        ("fireworks_ai/accounts/fireworks/models/llama-v3p1-70b-instruct", "meta-llama/llama-3.1-70b-instruct",
         "fireworks-ai"),
    ],
)
def test_provider_prefixed(query: str, model: str, provider: str) -> None:
    res = resolve(query)
    assert res.model and res.model["id"] == model
    assert res.served_by and res.served_by["id"] == provider


@pytest.mark.parametrize("query", ["Qwen2.5-7B-Instruct-Q4_K_M.gguf", "/models/qwen2.5-7b-instruct-q4_k_m.gguf",
                                   "C:\\models\\Qwen2.5-7B-Instruct-Q8_0.gguf",
                                   "qwen2.5-7b-instruct-q4_k_m-00001-of-00002.gguf"])
def test_gguf_file_names_denote_the_original_model(query: str) -> None:
    res = resolve(query)
    assert res.model and res.model["id"] == "qwen/qwen2.5-7b-instruct"
    assert _base(res) == "qwen/qwen2.5-7b"
    assert res.confidence == "inferred"


@pytest.mark.parametrize("query", ["bartowski/Qwen2.5-7B-Instruct-GGUF", "unsloth/Qwen2.5-7B-Instruct-bnb-4bit",
                                   "mlx-community/Qwen2.5-7B-Instruct-4bit"])
def test_community_quant_repo_is_a_quantization_of_the_original(query: str) -> None:
    res = resolve(query)
    assert res.model and res.model["id"] == query.lower()
    assert res.lineage[0]["relation"] == "quantization"
    assert res.lineage[0]["model"] == "qwen/qwen2.5-7b-instruct"
    assert "CN" in (res.origins or ())
    assert res.publisher and res.publisher["id"] == query.split("/")[0].lower()


@pytest.mark.parametrize("query", ["qwen2.5:7b-instruct-q4_K_M", "qwen2.5:7b", "qwen2.5:7b-instruct"])
def test_ollama_tags_with_quant_suffixes(query: str) -> None:
    res = resolve(query)
    assert res.model and res.model["id"] == "qwen/qwen2.5-7b-instruct"


@pytest.mark.parametrize("query", ["Qwen/Qwen2.5-7B-Instruct", "qwen/qwen2.5-7b-instruct", "QWEN/QWEN2.5-7B-INSTRUCT"])
def test_case_variants(query: str) -> None:
    res = resolve(query)
    assert res.model and res.model["id"] == "qwen/qwen2.5-7b-instruct"
    assert res.confidence == "known"


def test_thudm_and_zai_org_are_the_same_model() -> None:
    old, new = resolve("THUDM/glm-4-9b-chat"), resolve("zai-org/glm-4-9b-chat")
    assert old.model and new.model and old.model["id"] == new.model["id"]
    assert old.publisher == new.publisher
    assert set(old.origins or ()) == set(new.origins or ()) == {"CN"}


def test_api_name_is_proprietary_and_its_serving_is_not_guessed_from_the_name() -> None:
    res = resolve("gpt-4o")
    assert res.confidence == "known"
    assert res.license and res.license["id"] == "proprietary"
    assert res.served_by is None  # OpenAI, Azure OpenAI or a gateway: only the endpoint in code can say


def test_rejected_time_varying_alias_gives_publisher_only() -> None:
    res = resolve("deepseek-chat")
    assert res.model is None
    assert res.license is None and not res.lineage
    assert set(res.origins or ()) == {"CN"}
    assert "deliberately not mapped" in (res.reason or "")


def test_rejected_word_is_unknown() -> None:
    res = resolve("llama")
    assert res.confidence == "unknown" and res.model is None and not res.origins


def test_unknown_name_is_unknown_not_guessed() -> None:
    res = resolve("totally-made-up-model-9000")
    assert res.confidence == "unknown"
    assert res.model is None and res.publisher is None and res.license is None and not res.origins


def test_known_org_unknown_model_gives_publisher_only() -> None:
    res = resolve("Qwen/Some-Future-Model-Nobody-Has-Heard-Of")
    assert res.model is None and res.license is None and not res.lineage
    assert res.publisher and res.publisher["country"] == "CN"


# ---- malformed input ------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["", "   ", "a b", "tab\there", "nul\x00", "///", "::", "org//name", "x" * 301])
def test_malformed_identifiers_raise_identifier_error(query: str) -> None:
    with pytest.raises(IdentifierError):
        resolve(query)


# ---- properties -------------------------------------------------------------------------------------

_NAMEISH = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:/\\", max_size=60)
_SUFFIXES = st.sampled_from(["", "-GGUF", "-AWQ", "-GPTQ-Int4", "-4bit", ".Q4_K_M.gguf", "-bnb-4bit", "-fp8",
                             "-mlx-8bit", "-q8_0.gguf", "-00001-of-00003.gguf", ".safetensors"])


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(_NAMEISH, st.text(max_size=40), st.tuples(_NAMEISH, _SUFFIXES, _SUFFIXES).map("".join)))
def test_normalise_is_idempotent(name: str) -> None:
    once = normalise(name)
    assert normalise(once) == once


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(_NAMEISH, st.text(max_size=80), st.tuples(_NAMEISH, _SUFFIXES).map("".join)))
def test_resolve_raises_only_identifier_error(text: str) -> None:
    try:
        res = resolve(text)
    except IdentifierError:
        return
    assert res.confidence in ("known", "inferred", "unknown")
    assert all(re.fullmatch(r"[A-Z]{2}", c) for c in res.origins or ())
    assert res.origins is None or res.origins  # unknown is None, never an empty list


def test_lineage_walks_end_for_every_model() -> None:
    kb = load()
    for mid in kb.models:
        graph = build_graph(kb, mid)
        assert len(graph.edges) < 200


def test_lineage_walk_ends_on_a_cycle() -> None:
    kb = load()
    data = dict(kb.data)
    models = {
        "x/a": {"id": "x/a", "publisher": "qwen", "base": [{"relation": "finetune", "model": "x/b"}]},
        "x/b": {"id": "x/b", "publisher": "qwen", "base": [{"relation": "finetune", "model": "x/a"}],
                "teacher": ["x/a", "x/missing"]},
    }
    data["models"] = models
    from modelmap.knowledge.loader import KnowledgeIndex

    graph = build_graph(KnowledgeIndex(data), "x/a")
    assert {(e["child"], e["relation"], e["parent"]) for e in graph.edges} == {
        ("x/a", "finetune", "x/b"), ("x/b", "finetune", "x/a"), ("x/b", "distillation", "x/a"),
        ("x/b", "distillation", "x/missing")}
    assert [t["model"] for t in graph.teachers] == ["x/a", "x/missing"]
    assert graph.roots is None and not graph.complete  # a cycle has no root; x/missing is not in the KB


def test_parse_strips_router_prefixes_but_keeps_hub_orgs() -> None:
    prefixes = {"openai": "openai-api", "together_ai": "together-ai"}
    assert parse("openai/whisper-large-v3", prefixes).core == "openai/whisper-large-v3"
    assert parse("openai/gpt-4o", prefixes).core == "gpt-4o"
    assert parse("together_ai/Qwen/Qwen2.5-7B-Instruct", prefixes).core == "Qwen/Qwen2.5-7B-Instruct"


def test_family_index_agrees_with_a_linear_scan() -> None:
    """The first-token bucketing of family patterns must not change any answer."""
    kb = load()
    resolver = Resolver(kb)
    names = sorted(set(kb.alias_index) | set(kb.hf_index) | set(kb.name_index))
    patterns = kb.family_patterns()
    for name in names:
        try:
            parsed = parse(name, {})
        except IdentifierError:
            continue  # prose spellings with spaces ("claude 3 haiku") are aliases for discovery only
        linear = None
        candidates = [normalise(parsed.core), parsed.core.lower().replace(":", "-")]
        if "/" not in parsed.core and ":" in parsed.core:
            candidates.append(parsed.core.split(":", 1)[0].lower())  # an Ollama tag's library name
        for candidate in dict.fromkeys(candidates):
            linear = next((fid for pat, fid in patterns if pat.fullmatch(candidate)), None)
            if linear:
                break
        assert resolver._family(parsed) == linear, name


@pytest.mark.parametrize(("pattern", "prefix"), [(r"qwen2\.5-\d+b", "qwen2.5-"), (r"(meta-)?llama", ""),
                                                 (r"abc|xyz", ""), (r"gemma-?3", "gemma"), (r"o[134]", "o")])
def test_literal_prefix(pattern: str, prefix: str) -> None:
    assert literal_prefix(pattern) == prefix


def test_openai_fine_tune_id_is_a_finetune_of_its_base_with_no_named_publisher() -> None:
    res = resolve("ft:gpt-4o-mini-2024-07-18:acme:support-bot:9xyz1234")
    assert res.model is not None and res.model["id"] is None
    assert res.publisher is None  # the customer made it; who that is is not in any knowledge base
    assert (res.lineage[0]["relation"], res.lineage[0]["model"]) == ("finetune", "openai/gpt-4o-mini")
    assert res.origins == ("US",)
    assert res.served_by is not None and res.served_by["id"] == "openai-api"
    assert res.license is not None and res.license["id"] == "proprietary"
    assert res.confidence == "inferred" and "acme" in (res.reason or "")


def test_fine_tune_of_an_unknown_base_stays_unknown() -> None:
    res = resolve("ft:gpt-9-turbo:acme::x1")
    assert res.confidence == "unknown" and res.edges is None and res.origins is None


def test_every_hub_id_and_alias_in_the_kb_resolves_back_to_its_own_model() -> None:
    """A name the knowledge base lists for a model must trace to that model, with confidence `known`
    (catches aliases shadowed by another record, by a provider prefix such as `mistral:` or by a pattern), or
    `inferred` where the record's licence is inherited from the weights it quantizes rather than its own card, or
    `unknown` where the record's sources disagree on its licence (license_disputed)."""
    kb = load()
    resolver = Resolver(kb)
    wrong = []
    for mid, model in kb.models.items():
        for name in [model.get("hf"), *(model.get("aliases") or [])]:
            if not name:
                continue
            res = resolver.resolve(name)
            got = (res.model or {}).get("id")
            expected = ("unknown" if model.get("license_disputed")  # its sources disagree on the licence
                        else "inferred" if (res.license or {}).get("inherited_from") else "known")
            if got != mid or res.confidence != expected:
                wrong.append((name, mid, got, res.confidence))
    assert not wrong, wrong[:20]
