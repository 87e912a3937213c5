"""Hosted-model ids (issue 11, item 4): the platform form names who serves the request, the name inside it
names the model, and the knowledge base gives publisher, license and lineage.

The ids below are spellings that platform docs and SDKs publish (Amazon Bedrock "Supported foundation
models" and fine-tuning pages, Vertex AI publisher paths / MaaS ids, Azure ML registry paths, Fireworks
account paths, OpenRouter ':free' variants, SiliconFlow 'Pro/' names, Cloudflare Workers AI '@cf/' ids, the
litellm 1.110.2 price table keys, llama-stack's groq/cerebras/bedrock model maps). The expected model is the
record the docs say is served, written as this knowledge base's canonical id; None where the knowledge base
does not hold the model (unknown, never a guess).
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from modelmap.errors import IdentifierError
from modelmap.knowledge import load
from modelmap.provenance import hosted
from modelmap.provenance.hosted import CATALOG_PATH, Catalog, hosted_form, load_catalog
from modelmap.provenance.resolver import Resolver

ROOT = Path(__file__).resolve().parents[2]

CASES: list[tuple[str, str, str | None]] = [
    # Amazon Bedrock: [geo.]vendor.name-vN[:M], bedrock/<region>/..., foundation-model ARNs
    ("us.deepseek.r1-v1:0", "aws-bedrock", "deepseek-ai/deepseek-r1"),
    ("us.deepseek.v3.2", "aws-bedrock", "deepseek-ai/deepseek-v3.2"),
    # Bedrock's DeepSeek model cards list R1, V3.1 and V3.2: its "v3" id is V3.1, which the KB does not alias
    ("deepseek.v3-v1:0", "aws-bedrock", None),
    ("meta.llama3-1-70b-instruct-v1:0", "aws-bedrock", "meta-llama/llama-3.1-70b-instruct"),
    ("us.meta.llama3-1-405b-instruct-v1:0", "aws-bedrock", "meta-llama/llama-3.1-405b-instruct"),
    ("meta.llama3-1-8b-instruct-v1:0", "aws-bedrock", "meta-llama/llama-3.1-8b-instruct"),
    ("meta.llama3-8b-instruct-v1:0", "aws-bedrock", "meta-llama/meta-llama-3-8b-instruct"),
    ("meta.llama3-3-70b-instruct-v1:0", "aws-bedrock", "meta-llama/llama-3.3-70b-instruct"),
    ("us.meta.llama3-2-11b-instruct-v1:0", "aws-bedrock", "meta-llama/llama-3.2-11b-vision-instruct"),
    ("us.meta.llama4-scout-17b-instruct-v1:0", "aws-bedrock", "meta-llama/llama-4-scout-17b-16e-instruct"),
    ("meta.llama4-maverick-17b-instruct-v1:0", "aws-bedrock", "meta-llama/llama-4-maverick-17b-128e-instruct"),
    ("meta.llama2-13b-chat-v1", "aws-bedrock", "meta-llama/llama-2-13b-chat-hf"),
    ("amazon.titan-embed-text-v2:0", "aws-bedrock", "amazon/titan-embed-text-v2"),
    ("amazon.titan-text-express-v1", "aws-bedrock", "amazon/titan-text-express-v1"),
    ("amazon.titan-text-premier-v1:0", "aws-bedrock", "amazon/titan-text-premier-v1"),
    ("us.amazon.nova-pro-v1:0", "aws-bedrock", "amazon/nova-pro-v1"),
    ("eu.amazon.nova-lite-v1:0", "aws-bedrock", "amazon/nova-lite-v1"),
    ("apac.amazon.nova-micro-v1:0", "aws-bedrock", "amazon/nova-micro-v1"),
    ("amazon.nova-canvas-v1:0", "aws-bedrock", "amazon/nova-canvas-v1"),
    ("cohere.embed-english-v3", "aws-bedrock", "cohere/embed-english-v3.0"),
    ("cohere.embed-multilingual-v3", "aws-bedrock", "cohere/embed-multilingual-v3.0"),
    ("cohere.command-r-plus-v1:0", "aws-bedrock", "cohere/command-r-plus"),
    ("cohere.command-r-v1:0", "aws-bedrock", "cohere/command-r"),
    ("us.cohere.embed-v4:0", "aws-bedrock", "cohere/embed-v4.0"),
    ("us.amazon.nova-2-lite-v1:0", "aws-bedrock", "amazon/nova-2-lite-v1"),
    ("amazon_nova/nova-micro-v1", "amazon-nova-api", "amazon/nova-micro-v1"),
    ("mistral.mistral-large-2407-v1:0", "aws-bedrock", "mistral/mistral-large-2407"),
    ("mistral.mistral-large-2402-v1:0", "aws-bedrock", "mistral/mistral-large-2402"),
    ("mistral.mistral-7b-instruct-v0:2", "aws-bedrock", "mistralai/mistral-7b-instruct-v0.2"),
    ("mistral.mixtral-8x7b-instruct-v0:1", "aws-bedrock", "mistralai/mixtral-8x7b-instruct-v0.1"),
    ("mistral.mistral-large-3-675b-instruct", "aws-bedrock", "mistralai/mistral-large-3-675b-instruct-2512"),
    ("us-gov.mistral.ministral-3-8b-instruct", "aws-bedrock", "mistralai/ministral-3-8b-instruct-2512"),
    ("ai21.jamba-1-5-large-v1:0", "aws-bedrock", "ai21labs/ai21-jamba-large-1.5"),  # the released weights (prov28)
    ("ai21.jamba-1-5-mini-v1:0", "aws-bedrock", "ai21labs/ai21-jamba-mini-1.5"),
    ("anthropic.claude-3-5-sonnet-20240620-v1:0", "aws-bedrock", "anthropic/claude-3-5-sonnet"),
    ("us.anthropic.claude-3-7-sonnet-20250219-v1:0", "aws-bedrock", "anthropic/claude-3-7-sonnet"),
    ("openai.gpt-oss-120b-1:0", "aws-bedrock", "openai/gpt-oss-120b"),
    ("bedrock/us-east-1/meta.llama3-70b-instruct-v1:0", "aws-bedrock", "meta-llama/meta-llama-3-70b-instruct"),
    ("arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0", "aws-bedrock",
     "amazon/titan-embed-text-v2"),
    ("amazon.titan-embed-g1-text-02", "aws-bedrock", None),  # in litellm's table; no record, the Titan family
    ("twelvelabs.pegasus-1-2-v1:0", "aws-bedrock", "twelvelabs/pegasus-1.2"),  # Bedrock's dashed 1-2 is Pegasus 1.2
    # Vertex AI: publisher paths, MaaS ids, Claude '@' versions, customer endpoints
    ("publishers/google/models/gemini-1.5-pro", "vertex-ai", "google/gemini-1.5-pro"),
    ("projects/p/locations/us-central1/publishers/meta/models/llama-3.1-405b-instruct-maas", "vertex-ai",
     "meta-llama/llama-3.1-405b-instruct"),
    ("vertex_ai/meta/llama-3.3-70b-instruct-maas", "vertex-ai", "meta-llama/llama-3.3-70b-instruct"),
    ("meta/llama-3.1-8b-instruct-maas", "vertex-ai", "meta-llama/llama-3.1-8b-instruct"),
    ("vertex_ai/deepseek-ai/deepseek-r1-0528-maas", "vertex-ai", "deepseek-ai/deepseek-r1-0528"),
    ("vertex_ai/claude-3-5-sonnet@20240620", "vertex-ai", "anthropic/claude-3-5-sonnet"),
    ("claude-3-haiku@20240307", "vertex-ai", "anthropic/claude-3-haiku"),
    ("vertex_ai/mistral-large@2407", "vertex-ai", "mistral/mistral-large-2407"),
    ("projects/my-proj/locations/europe-west4/endpoints/1234567890", "vertex-ai", None),
    # Azure AI Foundry: registry paths and catalog names
    ("azureml://registries/azureml-meta/models/Meta-Llama-3.1-8B-Instruct/versions/4", "azure-ai-foundry",
     "meta-llama/llama-3.1-8b-instruct"),
    ("azureml://registries/azureml/models/Phi-4/versions/7", "azure-ai-foundry", "microsoft/phi-4"),
    ("azureml://registries/azureml-cohere/models/Cohere-embed-v3-english/labels/latest", "azure-ai-foundry",
     "cohere/embed-english-v3.0"),
    ("azure_ai/Phi-4", "azure-ai-foundry", "microsoft/phi-4"),
    ("azure_ai/DeepSeek-R1", "azure-ai-foundry", "deepseek-ai/deepseek-r1"),
    ("azure_ai/Meta-Llama-3.1-405B-Instruct", "azure-ai-foundry", "meta-llama/llama-3.1-405b-instruct"),
    ("azure_ai/mistral-large-2407", "azure-ai-foundry", "mistral/mistral-large-2407"),
    # Fireworks account paths ('p' for the version dot)
    ("accounts/fireworks/models/llama-v3p1-70b-instruct", "fireworks-ai", "meta-llama/llama-3.1-70b-instruct"),
    ("fireworks_ai/accounts/fireworks/models/qwen2p5-coder-32b-instruct", "fireworks-ai",
     "qwen/qwen2.5-coder-32b-instruct"),
    ("accounts/fireworks/models/deepseek-r1", "fireworks-ai", "deepseek-ai/deepseek-r1"),
    ("accounts/acme-corp/models/support-bot-v2", "fireworks-ai", None),  # a customer's own deployment
    # OpenRouter variants
    ("openrouter/meta-llama/llama-3.1-8b-instruct:free", "openrouter", "meta-llama/llama-3.1-8b-instruct"),
    ("meta-llama/llama-3.3-70b-instruct:free", "openrouter", "meta-llama/llama-3.3-70b-instruct"),
    ("openrouter/qwen/qwen-2.5-72b-instruct", "openrouter", "qwen/qwen2.5-72b-instruct"),
    ("deepseek/deepseek-r1:free", "openrouter", "deepseek-ai/deepseek-r1"),
    # SiliconFlow 'Pro/' names
    ("Pro/deepseek-ai/DeepSeek-V3", "siliconflow-cn", "deepseek-ai/deepseek-v3"),
    ("Pro/Qwen/Qwen2.5-7B-Instruct", "siliconflow-cn", "qwen/qwen2.5-7b-instruct"),
    # Cloudflare Workers AI
    ("@cf/meta/llama-3.1-8b-instruct", "cloudflare-workers-ai", "meta-llama/llama-3.1-8b-instruct"),
    ("@cf/qwen/qwq-32b", "cloudflare-workers-ai", "qwen/qwq-32b"),
    ("@cf/deepseek-ai/deepseek-r1-distill-qwen-32b", "cloudflare-workers-ai",
     "deepseek-ai/deepseek-r1-distill-qwen-32b"),
    # router/provider prefixes (Groq, Together, DeepInfra, Nebius, Novita, Hyperbolic, Cerebras)
    ("groq/llama3-70b-8192", "groq", "meta-llama/meta-llama-3-70b-instruct"),
    ("groq/llama-3.3-70b-versatile", "groq", "meta-llama/llama-3.3-70b-instruct"),
    ("groq/llama3-8b-8192", "groq", None),  # sources disagree (Llama 3 8B vs 3.1 8B): not guessed
    ("together_ai/meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo", "together-ai", "meta-llama/llama-3.1-70b-instruct"),
    ("deepinfra/meta-llama/Meta-Llama-3.1-8B-Instruct", "deepinfra", "meta-llama/llama-3.1-8b-instruct"),
    ("nebius/Qwen/Qwen2.5-72B-Instruct", "nebius", "qwen/qwen2.5-72b-instruct"),
    ("novita/deepseek/deepseek-r1", "novita", "deepseek-ai/deepseek-r1"),
    ("hyperbolic/deepseek-ai/DeepSeek-R1", "hyperbolic", "deepseek-ai/deepseek-r1"),
    ("cerebras/llama-3.3-70b", "cerebras", "meta-llama/llama-3.3-70b-instruct"),
    ("scaleway/llama-3.3-70b-instruct", "scaleway", "meta-llama/llama-3.3-70b-instruct"),
    ("nscale/meta-llama/Llama-3.3-70B-Instruct", "nscale", "meta-llama/llama-3.3-70b-instruct"),
    # Cerebras' llama3.1-8b is the instruct model (llama-stack's cerebras map); Meta's own 'Llama3.1-8B' is the base
    ("cerebras/llama3.1-8b", "cerebras", "meta-llama/llama-3.1-8b-instruct"),
]


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver()


@pytest.fixture(scope="module")
def second_resolver(resolver: Resolver) -> Resolver:
    return Resolver(resolver.kb)


def test_the_table_is_large_enough() -> None:
    assert len(CASES) >= 60
    assert len({q for q, _, _ in CASES}) == len(CASES)


@pytest.mark.parametrize(("query", "provider", "model"), CASES, ids=[c[0] for c in CASES])
def test_hosted_id_gives_its_platform_and_model(resolver: Resolver, query: str, provider: str,
                                                model: str | None) -> None:
    res = resolver.resolve(query)
    assert res.served_by is not None, res.reason
    assert res.served_by["id"] == provider
    assert (res.model or {}).get("id") == model, res.reason
    if model is None:
        assert res.confidence != "known"
        # no licence unless the answer names the family whose licence it is (amazon.titan-embed-g1-text-02: Amazon
        # Titan, API-only by its family record; prov39)
        assert res.license is None or (res.model or {}).get("family")


def test_an_unknown_bedrock_id_names_bedrock_and_no_model(resolver: Resolver) -> None:
    for query in ("amazon.foo-bar-v9:0", "us.meta.llama9-1b-instruct-v1:0", "mistral.mistral-huge-2999-v1:0"):
        res = resolver.resolve(query)
        assert res.served_by is not None and res.served_by["id"] == "aws-bedrock"
        assert res.model is None and res.license is None and res.open_weights is None
        assert res.confidence == "unknown"
        assert "aws-bedrock" in (res.reason or "")
        assert "Bedrock" in (res.served_by.get("evidence") or "")


def test_paid_mistral_large_on_bedrock_is_not_the_research_licensed_weights(resolver: Resolver) -> None:
    hosted_res = resolver.resolve("mistral.mistral-large-2407-v1:0")
    assert hosted_res.license is not None and hosted_res.license["id"] == "proprietary"
    assert hosted_res.publisher is not None and hosted_res.publisher["id"] == "mistral"
    assert hosted_res.open_weights is False
    # the open weights on the Hub keep their research license
    weights = resolver.resolve("mistralai/Mistral-Large-Instruct-2407")
    assert weights.license is not None and weights.license["id"] == "mistral-research"
    assert weights.served_by is None


def test_publisher_and_license_come_from_the_model_served_by_from_the_form(resolver: Resolver) -> None:
    res = resolver.resolve("us.meta.llama3-1-405b-instruct-v1:0")
    assert res.publisher is not None and res.publisher["id"] == "meta"
    assert res.license is not None and res.license["id"] == "llama3.1"
    assert res.served_by is not None and res.served_by["kind"] == "cloud"
    same_model = resolver.resolve("meta-llama/Llama-3.1-405B-Instruct")
    assert same_model.license == res.license and same_model.publisher == res.publisher
    assert same_model.served_by is None  # a Hub id says nothing about who serves it


def test_no_hosted_form_for_hub_ids_and_first_party_names() -> None:
    kb = load()
    for query in ("deepseek-ai/DeepSeek-V3", "Qwen/Qwen2.5-7B-Instruct", "gpt-4o", "claude-3-5-sonnet-20240620",
                  "qwq-32b", "whisper-large-v3", "llama-3.1-405b-instruct"):
        assert hosted_form(query, kb) is None, query


def test_malformed_names_inside_a_form_do_not_escape(resolver: Resolver) -> None:
    for query in ("azure_ai/...", "accounts/fireworks/models/.-.", "publishers/x/models/..."):
        res = resolver.resolve(query)
        assert res.model is None and res.served_by is not None


def test_bedrock_form_parts() -> None:
    form = hosted_form("apac.cohere.embed-multilingual-v3", load())
    assert form is not None
    assert (form.provider, form.form, form.vendor) == ("aws-bedrock", "bedrock", "cohere")
    assert form.alias == "cohere.embed-multilingual-v3"
    assert "embed-multilingual-v3.0" in form.lookups


def test_platform_spelling_from_the_catalog_names_the_platform(resolver: Resolver) -> None:
    # Fireworks' own spelling, without its account path: only the catalog says who uses it
    res = resolver.resolve("llama-v3p1-8b-instruct")
    assert res.served_by is not None and res.served_by["id"] == "fireworks-ai"
    assert (res.model or {}).get("id") == "meta-llama/llama-3.1-8b-instruct"


def test_a_provider_scoped_name_does_not_change_the_name_elsewhere(resolver: Resolver) -> None:
    plain = resolver.resolve("llama3.1-8b")
    assert (plain.model or {}).get("id") == "meta-llama/llama-3.1-8b" and plain.served_by is None
    served = resolver.resolve("cerebras/llama3.1-8b")
    assert (served.model or {}).get("id") == "meta-llama/llama-3.1-8b-instruct"
    assert "served-names" in (served.reason or "")


def test_served_names_are_sourced_and_name_known_models() -> None:
    kb = load()
    doc = json.loads(hosted.SERVED_NAMES_PATH.read_text(encoding="utf-8"))
    assert doc["schema"] == "modelmap.served-names/1"
    count = 0
    for provider, names in doc["providers"].items():
        assert provider in kb.providers
        for rec in names:
            count += 1
            assert rec["model"] in kb.models
            assert rec["sources"] and all(s["url"].startswith("https://") and s["as_of"] for s in rec["sources"])
    assert count == len(hosted.served_names())


# ---- the shipped catalog -------------------------------------------------------------------------------

def _ingest_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ingest_catalogs", ROOT / "scripts" / "ingest_catalogs.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("ingest_catalogs", mod)
    spec.loader.exec_module(mod)
    return mod


def test_catalog_records_its_sources_licence_and_exact_versions() -> None:
    doc = json.loads(CATALOG_PATH.read_text(encoding="utf-8"))
    assert doc["schema"] == "modelmap.hosted-catalog/1"
    ingest = _ingest_module()
    by_package = {s["package"]: s for s in doc["sources"]}
    assert by_package["litellm"]["version"] == ingest.LITELLM_VERSION
    assert by_package["genai-prices"]["version"] == ingest.GENAI_PRICES_VERSION
    for src in by_package.values():
        assert src["license"] == "MIT"
        assert src["url"] == f"https://pypi.org/project/{src['package']}/{src['version']}/"
        assert src["version"].count(".") == 2 and "*" not in src["version"]


def test_catalog_entries_use_knowledge_base_ids_or_null() -> None:
    kb = load()
    cat = load_catalog()
    assert len(cat.entries) > 1000
    for key, (provider, mode, model) in cat.entries.items():
        assert key == key.lower()
        assert provider in kb.providers, key
        assert mode is None or isinstance(mode, str)
        assert model is None or model in kb.models, key
    for name, key in cat.bare.items():
        assert key in cat.entries and name not in kb.hf_index


def test_malformed_or_foreign_catalog_files_are_empty(tmp_path: Path) -> None:
    bad = tmp_path / "hosted.json"
    for text in ("{not json", json.dumps({"schema": "other/1", "entries": {}, "bare": {}}),
                 json.dumps({"schema": "modelmap.hosted-catalog/1", "entries": [], "bare": {}})):
        bad.write_text(text, encoding="utf-8")
        cat = load_catalog(bad)
        assert cat.entries == {} and cat.bare == {}
    assert load_catalog(tmp_path / "missing.json").entries == {}


def test_without_a_catalog_rules_still_resolve_and_bare_names_do_not(resolver: Resolver) -> None:
    kb = load()
    empty = Catalog({}, {})
    assert hosted_form("llama-v3p1-8b-instruct", kb, empty) is None
    form = hosted_form("us.amazon.nova-pro-v1:0", kb, empty)
    assert form is not None and form.provider == "aws-bedrock" and form.model is None


def test_genai_prices_data_is_read_as_literals_not_run(tmp_path: Path) -> None:
    ingest = _ingest_module()
    marker = tmp_path / "ran"
    source = (
        "import os\n"
        f"os.system('touch {marker}')\n"
        "providers = [Provider(id='groq', name='Groq', models=[\n"
        "    ModelInfo(id='llama3-70b-8192', match=ClauseEquals(equals='llama3-70b-8192')),\n"
        "    ModelInfo(id=compute_name(), match=None),\n"
        "]), Provider(id='not-mapped', models=[ModelInfo(id='x')])]\n"
    )
    rows = ingest.genai_rows(source, {"groq": "groq"})
    assert rows == [("groq/llama3-70b-8192", "groq", None)]
    assert not marker.exists()


def test_litellm_rows_keep_models_and_drop_price_tiers() -> None:
    ingest = _ingest_module()
    data = {
        "sample_spec": {"litellm_provider": "openai", "mode": "chat"},
        "together-ai-21.1b-41b": {"litellm_provider": "together_ai", "mode": "chat"},
        "1024-x-1024/50-steps/stability.stable-diffusion-xl-v1": {"litellm_provider": "bedrock"},
        "vertex_ai/meta/llama3-8b-instruct-maas": {"litellm_provider": "vertex_ai-llama_models", "mode": "chat"},
        "us.deepseek.r1-v1:0": {"litellm_provider": "bedrock_converse", "mode": "chat"},
        "fal_ai/some-image-model": {"litellm_provider": "fal_ai", "mode": "image_generation"},
    }
    rows = ingest.litellm_rows(data, {"bedrock": "aws-bedrock", "together_ai": "together-ai"})
    assert sorted(rows) == [("us.deepseek.r1-v1:0", "aws-bedrock", "chat"),
                            ("vertex_ai/meta/llama3-8b-instruct-maas", "vertex-ai", "chat")]


def test_catalog_is_not_read_until_a_hosted_form_is_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hosted, "_catalog", None)
    load()  # the knowledge-base index does not include the catalog
    assert hosted._catalog is None
    hosted_form("groq/llama3-70b-8192", load())
    assert hosted._catalog is not None


_PIECES = st.sampled_from(["us.", "eu.", "global.", "amazon.", "meta.", "mistral.", "bedrock/", "us-east-1/", "-v1:0",
                           ":0", "-v0:2", "publishers/", "/models/", "projects/p/locations/l/", "@2407", "-maas",
                           "azureml://registries/", "azure_ai/", "accounts/", "fireworks_ai/", ":free", "openrouter/",
                           "Pro/", "@cf/", "llama3-1-70b-instruct", "titan", "/", ".", ":", "-", "x"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_PIECES, min_size=1, max_size=8).map("".join))
def test_hosted_forms_never_raise_and_resolution_is_stable(resolver: Resolver, second_resolver: Resolver,
                                                          text: str) -> None:
    form = hosted_form(text, load())
    assert form is None or form.provider in load().providers
    try:
        first = resolver.resolve(text)
    except IdentifierError:
        return  # a malformed identifier is refused with a message, as before
    again = second_resolver.resolve(text)
    assert (first.model or {}).get("id") == (again.model or {}).get("id")
    assert (first.served_by or {}).get("id") == (again.served_by or {}).get("id")

