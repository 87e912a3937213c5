"""Hosted-model identifiers: the forms in which code names a model that a platform serves.

A platform id carries two facts: who serves the request (the form itself: ``us.meta.llama3-1-70b-instruct-v1:0``
is an Amazon Bedrock id) and which model it is (the name inside the form, resolved against the knowledge
base). ``hosted_form`` recognises the forms by rule (Bedrock, Vertex AI publisher paths and MaaS ids, Azure
ML registry paths and Azure AI Foundry catalog names, Fireworks account paths, OpenRouter variants,
SiliconFlow ``Pro/`` names, Cloudflare ``@cf/`` ids), by provider-scoped names (``catalogs/served-names.json``:
``cerebras/llama3.1-8b`` is the instruct model) and by the shipped catalog's platform-only spellings
(``knowledge/data/catalogs/hosted.json``, built by ``scripts/ingest_catalogs.py``). ``resolve_hosted`` turns a
form into a ``Resolution``: ``served_by`` from the form, publisher, license and lineage from the knowledge-base
model. A name that does not resolve stays unknown: the platform is still reported, the model is not guessed.
The resolver calls ``resolve_hosted`` first; lookups made while a form is being resolved are plain identifiers.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from modelmap.errors import IdentifierError
from modelmap.fsutil import read_cache

if TYPE_CHECKING:
    from modelmap.knowledge.loader import KnowledgeIndex
    from modelmap.provenance.resolver import Resolver
    from modelmap.types import Resolution

CATALOG_PATH = Path(__file__).resolve().parent.parent / "knowledge" / "data" / "catalogs" / "hosted.json"
CATALOG_SCHEMA = "modelmap.hosted-catalog/1"
_CATALOG_LIMIT = 8 * 1024 * 1024


@dataclass(frozen=True)
class HostedForm:
    """A recognised platform identifier.

    ``provider`` is the serving platform (a providers.yaml id); ``model`` a canonical knowledge-base model
    id when the catalog records one; ``lookups`` the identifiers to resolve for the model, most specific
    first; ``alias`` an exact knowledge-base alias to try before them (Bedrock ids such as
    ``amazon.titan-embed-text-v2:0``); ``served_as`` the model a provider documents for a provider-scoped name;
    ``form`` says which rule matched.
    """

    query: str
    provider: str
    form: str
    lookups: tuple[str, ...] = ()
    model: str | None = None
    alias: str | None = None
    mode: str | None = None
    vendor: str | None = None
    served_as: str | None = None  # the KB model the provider documents for this name (served-names.json)
    geo: str | None = None  # a Bedrock cross-Region inference profile's geography prefix (us, eu, apac, global ...)


# ---- the catalog (lazy) -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Catalog:
    entries: dict[str, list[Any]]  # key (lowercase) -> [provider, mode, model]
    bare: dict[str, str]  # platform-specific bare name (lowercase) -> key in entries
    sources: tuple[dict[str, Any], ...] = ()


_EMPTY = Catalog({}, {})
_catalog: Catalog | None = None
_lock = threading.Lock()


def load_catalog(path: Path | None = None) -> Catalog:
    """The shipped catalog, read once (bounded) on first use; a missing or malformed file is an empty one."""
    global _catalog
    if path is None and _catalog is not None:
        return _catalog
    with _lock:
        if path is None and _catalog is not None:
            return _catalog
        cat = _read_catalog(path or CATALOG_PATH)
        if path is None:
            _catalog = cat
        return cat


# a model name's dated-snapshot suffix as labs' APIs write it: YYMM or MMDD (Mistral, xAI, older OpenAI), YYYYMMDD
# (Anthropic), YYYY-MM-DD (OpenAI)
DATED_SNAPSHOT = re.compile(r"(?P<stem>[a-z][\w.-]*?)-(?:\d{4}|20\d{6}|20\d{2}-\d{2}-\d{2})")
_dated: tuple[Catalog, frozenset[str]] | None = None


def dated_snapshot_providers() -> frozenset[str]:
    """Providers whose API names dated snapshots after an undated name it also takes: the catalog lists both
    ``<prefix>/<name>-<date>`` and ``<prefix>/<name>`` for the same provider (Mistral's ``codestral-2508`` beside
    ``codestral``). A provider with no such pair (DeepSeek's API takes ``deepseek-chat``, never a dated name) is
    not one."""
    global _dated
    cat = load_catalog()
    if _dated is not None and _dated[0] is cat:
        return _dated[1]
    found: set[str] = set()
    for key, entry in cat.entries.items():
        head, sep, tail = key.partition("/")
        m = DATED_SNAPSHOT.fullmatch(tail) if sep and "/" not in tail else None
        undated = cat.entries.get(f"{head}/{m['stem']}") if m else None
        if undated is not None and undated[0] == entry[0]:
            found.add(str(entry[0]))
    _dated = (cat, frozenset(found))
    return _dated[1]


def use_catalog(catalog: Catalog | None) -> None:
    """Replace the process-wide catalog (``None``: no catalog; the ingest script resolves by rules alone)."""
    global _catalog
    _catalog = _EMPTY if catalog is None else catalog


def _read_catalog(path: Path) -> Catalog:
    raw = read_cache(path, _CATALOG_LIMIT)
    try:
        doc = json.loads(raw) if raw is not None else None
    except ValueError:
        return _EMPTY
    if not isinstance(doc, dict) or doc.get("schema") != CATALOG_SCHEMA:
        return _EMPTY
    entries = doc.get("entries")
    bare = doc.get("bare")
    if not isinstance(entries, dict) or not isinstance(bare, dict):
        return _EMPTY
    good = {str(k): v for k, v in entries.items() if isinstance(v, list) and len(v) == 3 and isinstance(v[0], str)}
    return Catalog(good, {str(k): str(v) for k, v in bare.items() if str(v) in good},
                   tuple(s for s in doc.get("sources") or () if isinstance(s, dict)))


SERVED_NAMES_PATH = CATALOG_PATH.with_name("served-names.json")
_served: dict[tuple[str, str], str] | None = None


def served_names(path: Path | None = None) -> dict[tuple[str, str], str]:
    """(provider id, name) -> KB model id for names one provider uses for a specific model
    (``catalogs/served-names.json``; each entry cites its source). Read once, bounded."""
    global _served
    if path is None and _served is not None:
        return _served
    raw = read_cache(path or SERVED_NAMES_PATH, 1024 * 1024)
    out: dict[tuple[str, str], str] = {}
    try:
        doc = json.loads(raw) if raw is not None else {}
    except ValueError:
        doc = {}
    providers = doc.get("providers") if isinstance(doc, dict) and doc.get("schema") == "modelmap.served-names/1" else None
    for provider, names in (providers or {}).items() if isinstance(providers, dict) else ():
        for rec in names if isinstance(names, list) else ():
            if isinstance(rec, dict) and isinstance(rec.get("name"), str) and isinstance(rec.get("model"), str):
                out[(str(provider), rec["name"].lower())] = rec["model"].lower()
    if path is None:
        _served = out
    return out


_prefix_maps: dict[int, dict[str, str]] = {}


def _prefix_map(kb: KnowledgeIndex) -> dict[str, str]:
    """Router/provider prefix -> provider id, as the resolver reads them (recognition.yaml, providers.yaml)."""
    hit = _prefix_maps.get(id(kb))
    if hit is None:
        hit = {str(k).lower(): str(v) for k, v in (kb.recognition.get("prefixes") or {}).items()}
        for prefix, prov in kb.prefix_index.items():
            hit.setdefault(prefix, prov)
        _prefix_maps.clear()
        _prefix_maps[id(kb)] = hit
    return hit


# ---- rules ------------------------------------------------------------------------------------------

_BEDROCK_VENDORS = (
    "amazon|anthropic|meta|mistral|cohere|ai21|deepseek|qwen|openai|writer|twelvelabs|stability|moonshot|moonshotai|"
    "minimax|nvidia|google|zai|xai|luma"
)
# [arn:...:foundation-model/ | bedrock/[converse|invoke/][<region>/][<n>-month-commitment/]]
# [<geo>.]<vendor>.<name>  (https://docs.aws.amazon.com/bedrock/latest/userguide/models-supported.html)
_BEDROCK = re.compile(
    r"(?:arn:aws(?:-[a-z]+)*:bedrock:[a-z0-9-]*:\d*:(?:foundation-model|inference-profile)/|"
    r"(?:bedrock|bedrock_converse|bedrock_mantle)/(?:(?:converse|invoke)/)?(?:[a-z]{2}(?:-gov)?-[a-z]+-\d/)?"
    r"(?:\*/)?(?:\d+-month-commitment/)?)?"
    r"(?:(?P<geo>us|eu|apac|global|jp|au|ca|us-gov)\.)?"
    rf"(?P<vendor>{_BEDROCK_VENDORS})\.(?P<name>[a-z0-9][a-z0-9._-]*(?::\d+)?(?::\d+k)?)",
    re.IGNORECASE,
)
_VERTEX_PATH = re.compile(
    r"(?:vertex_ai(?:_beta)?/)?(?:projects/[\w.-]+/locations/[\w-]+/)?publishers/(?P<vendor>[\w.-]+)/models/"
    r"(?P<name>[\w.-]+?)(?:@(?P<version>[\w.-]+))?",
    re.IGNORECASE,
)
_VERTEX_ENDPOINT = re.compile(r"(?:vertex_ai/)?projects/[\w.-]+/locations/[\w-]+/endpoints/[\w-]+", re.IGNORECASE)
# litellm spelling of Vertex partner models: vertex_ai/<publisher>/<name>[-maas][@version] or vertex_ai/<name>@version
_VERTEX_PREFIXED = re.compile(
    r"vertex_ai(?:_beta)?/(?:(?P<vendor>[\w.-]+)/)?(?P<name>[\w.-]+?)(?:@(?P<version>[\w.-]+))?", re.IGNORECASE)
# Anthropic names Claude on Vertex with an '@' version (claude-3-5-sonnet@20240620)
_VERTEX_CLAUDE = re.compile(r"(?P<name>claude-[\w.-]+)@(?P<version>\d{8}|latest|\d{3})", re.IGNORECASE)
_AZUREML = re.compile(
    r"azureml://registries/(?P<registry>[\w.-]+)/models/(?P<name>[\w.-]+)(?:/(?:versions|labels)/[\w.-]+)?",
    re.IGNORECASE,
)
# litellm's catalogue spells an Azure AI Foundry Global Standard deployment azure_ai/global/<name>
# (azure_ai/global/grok-3, azure_ai/global/grok-3-mini in litellm 1.80.0): the same catalogue model
_AZURE_AI = re.compile(r"azure_ai/(?:global/)?(?P<name>[\w.-]+)", re.IGNORECASE)
# litellm's catalogue keys an Azure OpenAI deployment by its processing location: azure/eu/gpt-4o,
# azure/us/o3-mini, azure/global/gpt-4o, azure/global-standard/gpt-4o-mini (Data Zone EU / US and Global Standard
# deployments, learn.microsoft.com azure/ai-services/openai/how-to/deployment-types); the model is the name after it
_AZURE_ZONE = re.compile(r"azure/(?P<zone>eu|us|apac|us-gov|global|global-standard)/(?P<name>[\w.-]+)", re.IGNORECASE)
# Nebius AI Studio sells a model in a standard and a fast speed tier; the fast one is the Hub id with "-fast"
# (nebius/deepseek-ai/DeepSeek-R1-0528-fast; docs.cline.bot provider-config/nebius: "fast/standard speed tiers").
# Read only under the nebius/ prefix: elsewhere "-fast" may be part of a model's own name.
_NEBIUS_FAST = re.compile(r"nebius/(?P<repo>[\w.-]+/[\w.-]+?)-fast", re.IGNORECASE)
# Without the prefix, "<Hub repo>-fast" spelled with the repo's own capitals (Qwen/Qwen3-Next-80B-A3B-Thinking-fast,
# meta-llama/Meta-Llama-3.1-70B-Instruct-fast: llama-index's Nebius example, Cline's Nebius model list) is the same
# Nebius id: Nebius writes Hub ids as the Hub does, while gateways that also sell a fast tier write lowercase slugs
# (Vercel AI Gateway: anthropic/claude-opus-4.8-fast) and Cloudflare writes @cf/... So the rule needs a repo the
# knowledge base holds, written exactly as on the Hub with at least one capital, and no model of its own named so.
_HUB_FAST = re.compile(r"(?P<repo>[\w.-]+/[\w.-]+?)-fast")
_FIREWORKS = re.compile(r"(?:fireworks_ai/)?accounts/(?P<account>[\w-]+)/models/(?P<name>[\w.-]+)", re.IGNORECASE)
_OPENROUTER_VARIANTS = "free|nitro|floor|online|extended|beta|thinking|exacto"
# Lab slugs that only OpenRouter writes: its catalogue spells xAI x-ai and Z.ai z-ai (x-ai/grok-4.1-fast,
# z-ai/glm-4.6), where xAI's and Z.ai's own APIs, litellm and Vercel AI Gateway write xai / zai and the labs' Hub orgs
# are xai-org / zai-org (in the litellm catalogue that data/catalogs/hosted.json is built from, the two slugs occur
# only under openrouter/: 20 and 22 ids). An id in such an org is an OpenRouter model id without the openrouter/
# prefix, as Dify's OpenRouter plugin lists them (x-ai/grok-4.1-fast). Labs whose slug other platforms share (openai/,
# google/, anthropic/) stay undecided by this rule: a gateway, litellm or the lab's own API may be meant.
_OPENROUTER_ONLY_ORGS = frozenset({"x-ai", "z-ai"})
_OPENROUTER = re.compile(
    rf"(?:(?P<prefix>openrouter)/)?(?P<org>[\w.-]+)/(?P<name>[\w.-]+?)(?::(?P<variant>{_OPENROUTER_VARIANTS}))?",
    re.IGNORECASE,
)
# Cloudflare Workers AI: @cf/<org>/<name> or @hf/<org>/<name> (https://developers.cloudflare.com/workers-ai/models/)
_CLOUDFLARE = re.compile(r"(?:cloudflare/)?@(?:cf|hf)/(?P<org>[\w.-]+)/(?P<name>[\w.-]+)", re.IGNORECASE)
# a Vertex MaaS id without the vertex_ai/ prefix: <publisher>/<name>-maas
_VERTEX_MAAS = re.compile(r"(?P<vendor>[\w.-]+)/(?P<name>[\w.-]+-maas)(?:@(?P<version>[\w.-]+))?", re.IGNORECASE)
_SILICONFLOW = re.compile(r"(?:siliconflow/)?(?P<tier>Pro|LoRA)/(?P<rest>[\w.-]+/[\w.-]+)", re.IGNORECASE)

_RULE_FORMS = ("bedrock", "vertex", "azureml", "azure-ai", "azure-zone", "fireworks", "openrouter", "siliconflow")


def hosted_form(query: str, kb: KnowledgeIndex, catalog: Catalog | None = None) -> HostedForm | None:
    """The platform form of ``query``, or None when it names no platform by its form.

    A knowledge-base model id or Hub repo id (``deepseek-ai/DeepSeek-V3``) is never a hosted form: any
    platform may serve those weights, so the name alone says nothing about who serves them.
    """
    q = query.strip()
    low = q.lower()
    if not q or len(q) > 300 or low in kb.hf_index:
        return None
    cat = load_catalog() if catalog is None else catalog
    form = _served_name_form(q, low, kb) or _hub_fast_form(q, kb) or _rule_form(q, low)
    # Of the catalog only the platform's own bare spellings name a platform ("bare", built by the ingest
    # script: one platform uses the name, it is not the publisher's own API name, and without that platform
    # our rules find no model for it). A first-party name such as "gpt-4o" says nothing about who serves it,
    # and a prefixed key ("groq/...") is already read by the resolver's prefix rules.
    key = cat.bare.get(low)
    entry = cat.entries.get(key) if key is not None else None
    if form is None and entry is None:
        return None
    if form is None:
        assert entry is not None
        # the catalog knows the key: resolve the key itself (a router prefix is stripped by the resolver)
        return HostedForm(q, str(entry[0]), "catalog", lookups=(q,), model=_str(entry[2]), mode=_str(entry[1]))
    if entry is not None and str(entry[0]) == form.provider:
        form = replace(form, model=_str(entry[2]), mode=_str(entry[1]))
    return form


def catalog_entry(key: str) -> tuple[str, str | None, str | None] | None:
    """The shipped catalog's (provider, mode, model) for a hosted key as the catalogs spell it, or None."""
    entry = load_catalog().entries.get(key.strip().lower())
    return (str(entry[0]), _str(entry[1]), _str(entry[2])) if entry is not None else None


def _str(value: Any) -> str | None:
    return str(value) if isinstance(value, str) and value else None


def _served_name_form(q: str, low: str, kb: KnowledgeIndex) -> HostedForm | None:
    head, sep, tail = low.partition("/")
    provider = _prefix_map(kb).get(head) if sep else None
    if provider is None:
        return None
    prov_id = provider if provider in kb.providers else None
    model = served_names().get((prov_id or provider, tail))
    if model is None or prov_id is None or model not in kb.models:
        return None
    return HostedForm(q, prov_id, "served-name", served_as=model, vendor=head)


def _hub_fast_form(q: str, kb: KnowledgeIndex) -> HostedForm | None:
    m = _HUB_FAST.fullmatch(q)
    if not m or q.lower() in kb.alias_index or q.lower() in kb.models:
        return None
    repo = m.group("repo")
    mid = kb.hf_index.get(repo.lower())
    rec = kb.models.get(mid) if mid else None
    if rec is None or rec.get("hf") != repo or repo == repo.lower():
        return None
    return HostedForm(q, "nebius", "nebius-fast", lookups=(repo,))


def _rule_form(q: str, low: str) -> HostedForm | None:
    m = _BEDROCK.fullmatch(q)
    if m:
        vendor = m.group("vendor").lower()
        name = m.group("name")
        geo = (m.group("geo") or "").lower() or None
        return HostedForm(q, "aws-bedrock", "bedrock", lookups=_bedrock_lookups(vendor, name),
                          alias=f"{vendor}.{name}".lower(), vendor=vendor, geo=geo)
    m = _VERTEX_PATH.fullmatch(q)
    if m:
        vendor = m.group("vendor").lower()
        return HostedForm(q, "vertex-ai", "vertex", lookups=_vertex_lookups(vendor, m.group("name"), m.group("version")),
                          vendor=vendor)
    if _VERTEX_ENDPOINT.fullmatch(q):
        return HostedForm(q, "vertex-ai", "vertex")  # a customer's own endpoint: the model behind it is not named
    m = _VERTEX_PREFIXED.fullmatch(q)
    if m and (m.group("vendor") or m.group("version") or low.endswith("-maas")):
        vendor = (m.group("vendor") or "").lower() or None
        return HostedForm(q, "vertex-ai", "vertex", lookups=_vertex_lookups(vendor, m.group("name"), m.group("version")),
                          vendor=vendor)
    m = _VERTEX_MAAS.fullmatch(q)
    if m:
        vendor = m.group("vendor").lower()
        return HostedForm(q, "vertex-ai", "vertex", lookups=_vertex_lookups(vendor, m.group("name"), m.group("version")),
                          vendor=vendor)
    m = _VERTEX_CLAUDE.fullmatch(q)
    if m:
        return HostedForm(q, "vertex-ai", "vertex", lookups=_vertex_lookups("anthropic", m.group("name"),
                                                                            m.group("version")), vendor="anthropic")
    m = _AZUREML.fullmatch(q)
    if m:
        registry = m.group("registry").lower()
        vendor = registry.removeprefix("azureml-") if registry.startswith("azureml-") else None
        return HostedForm(q, "azure-ai-foundry", "azureml", lookups=_azure_lookups(m.group("name")), vendor=vendor)
    m = _NEBIUS_FAST.fullmatch(q)
    if m:
        return HostedForm(q, "nebius", "nebius-fast", lookups=(m.group("repo"),))
    m = _AZURE_ZONE.fullmatch(q)
    if m:
        name = m.group("name")
        return HostedForm(q, "azure-openai", "azure-zone", lookups=(f"azure/{name}", name))
    m = _AZURE_AI.fullmatch(q)
    if m:
        return HostedForm(q, "azure-ai-foundry", "azure-ai", lookups=_azure_lookups(m.group("name")))
    m = _FIREWORKS.fullmatch(q)
    if m:
        name = m.group("name")
        # the resolver applies Fireworks' spellings (v3p1, qwen2p5) under its prefix
        return HostedForm(q, "fireworks-ai", "fireworks", lookups=(f"fireworks_ai/{name}",),
                          vendor=m.group("account").lower())
    m = _CLOUDFLARE.fullmatch(q)
    if m:
        org, name = m.group("org").lower(), m.group("name").lower()
        hub_org = {"meta": "meta-llama"}.get(org, org)
        return HostedForm(q, "cloudflare-workers-ai", "cloudflare",
                          lookups=_dedupe([f"{hub_org}/{name}", name, re.sub(r"-fast$", "", name)]), vendor=org)
    m = _SILICONFLOW.fullmatch(q)
    if m:
        return HostedForm(q, "siliconflow-cn", "siliconflow", lookups=(m.group("rest"),))
    m = _OPENROUTER.fullmatch(q)
    if m and "/" not in m.group("org") and (
        m.group("prefix") or m.group("variant") or m.group("org").lower() in _OPENROUTER_ONLY_ORGS
    ):
        org, name = m.group("org"), m.group("name")
        return HostedForm(q, "openrouter", "openrouter", lookups=_openrouter_lookups(org, name), vendor=org.lower())
    return None


def _dedupe(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in items if i))


def _bedrock_lookups(vendor: str, name: str) -> tuple[str, ...]:
    """Names to try for a Bedrock ``<vendor>.<name>``: Bedrock appends ``-v<N>[:<M>]`` (and ``:<ctx>k`` for
    fine-tunable variants) and spells versions with dashes (``llama3-1``, ``jamba-1-5``, ``rerank-v3-5``)."""
    n = re.sub(r":\d+k$", "", name.lower())
    if vendor == "mistral":
        n = re.sub(r"-v0:(\d)$", r"-v0.\1", n)  # mistral-7b-instruct-v0:2 is Mistral-7B-Instruct-v0.2
    keep_version = re.sub(r":\d+$", "", n)  # titan-embed-text-v2, embed-v4
    core = re.sub(r"-v\d+(?::\d+)?$|-\d+:\d+$", "", n)  # llama3-1-70b-instruct, gpt-oss-120b
    out: list[str] = []
    for cand in dict.fromkeys((n, keep_version, core)):
        out += _vendor_spellings(vendor, cand)
    return _dedupe(out)


def _vendor_spellings(vendor: str, n: str) -> list[str]:
    if vendor == "meta":
        m = re.fullmatch(r"llama(\d)-(\d)-(.+)", n)
        if m:
            return [f"llama-{m.group(1)}.{m.group(2)}-{m.group(3)}"]
        m = re.fullmatch(r"llama(\d)-(.+)", n)
        if m:
            # Llama 3 repos are Meta-Llama-3-<size>-Instruct; Llama 2 are Llama-2-<size>-chat
            major, rest = m.group(1), m.group(2)
            return [f"meta-llama-{major}-{rest}" if major == "3" else f"llama-{major}-{rest}"]
        return [n]
    if vendor == "cohere":
        n = re.sub(r"^(embed-(?:english|multilingual)(?:-light)?-v3)$", r"\1.0", n)
        n = re.sub(r"^(embed-v4)$", r"\1.0", n)
        n = re.sub(r"^rerank-v(\d)-(\d)$", r"rerank-v\1.\2", n)
        return [n]
    if vendor == "ai21":
        return [re.sub(r"^jamba-(\d)-(\d)-", r"jamba-\1.\2-", n)]
    if vendor == "deepseek" and not n.startswith("deepseek"):
        # Bedrock's deepseek.v3-v1:0 is not DeepSeek-V3: its DeepSeek model cards list R1, V3.1 and V3.2 only
        # (docs.aws.amazon.com/bedrock/latest/userguide/model-cards-deepseek), so a bare "v3" is not mapped
        return [] if re.fullmatch(r"v3(-v\d+(:\d+)?)?", n) else [f"deepseek-{n}"]
    # the maker's own dotted version after Bedrock's dashed one (twelvelabs.pegasus-1-2 is Pegasus 1.2,
    # marengo-embed-2-7 is Marengo Embed 2.7), tried only after the name as Bedrock writes it
    dotted = re.sub(r"-(\d+)-(\d+)$", r"-\1.\2", n)
    return [n, dotted] if dotted != n else [n]


def _vertex_lookups(vendor: str | None, name: str, version: str | None) -> tuple[str, ...]:
    n = re.sub(r"-maas$", "", name.lower())
    out: list[str] = []
    # a dated version may carry Vertex's three-digit revision after the date (litellm's vertex_ai/mistral-large@2411-001:
    # Mistral Large 24.11, revision 001, as Vertex's own <name>-<date>@001 ids write it); the date names the release
    dated = re.fullmatch(r"(\d{4}|\d{8})(?:-\d{3})?", version or "")
    if dated:
        version = dated.group(1)
        out.append(f"{n}-{version}")  # claude-3-5-sonnet@20240620, mistral-large@2407
        # Vertex marks a later release of the same name with -vN before the date: "Claude 3.5 Sonnet v2, use
        # claude-3-5-sonnet-v2@20241022" (cloud.google.com vertex-ai partner-models/claude/use-claude), which is
        # Anthropic's claude-3-5-sonnet-20241022; the dated name identifies it, the -vN is only Vertex's label
        unmarked = re.sub(r"-v\d+$", "", n)
        if unmarked != n:
            out.append(f"{unmarked}-{version}")
    elif version and re.fullmatch(r"\d{3}", version):
        # Google's own model versions on Vertex: <name>@<three-digit version> is the model's versioned name
        # (imagegeneration@006 is Imagen 2 v.006, beside @005 and @002 on the Imagen model-versions page;
        # textembedding-gecko@003), tried before the unversioned name
        out.append(f"{n}@{version}")
    out.append(n)
    return _dedupe(out)


def _azure_lookups(name: str) -> tuple[str, ...]:
    """Azure AI Foundry catalog names: ``Meta-Llama-3.1-8B-Instruct``, ``Cohere-command-r-plus-08-2024``,
    ``AI21-Jamba-1.5-Large``, ``Cohere-embed-v3-english``; ``FW-`` marks a Fireworks-operated deployment."""
    n = name.lower()
    n = n.removeprefix("fw-")
    out = [n]
    m = re.fullmatch(r"cohere-(embed|rerank)-v3-(english|multilingual)", n)
    if m:
        # Azure's "Cohere Rerank v3 - Multilingual" is Cohere's rerank-multilingual-v3.0 (Microsoft Learn, "How to
        # deploy Cohere Rerank models with Azure AI Foundry"; litellm's catalogue id azure_ai/cohere-rerank-v3-
        # multilingual), as its "Cohere-embed-v3-english" is embed-english-v3.0
        out.append(f"{m.group(1)}-{m.group(2)}-v3.0")
    out.append(re.sub(r"^(cohere|ai21)-", "", n))
    # Cohere's "embed-v-4-0" in the Azure AI catalog is Cohere's embed-v4.0
    out.append(re.sub(r"^(?:cohere-)?embed-v-(\d)-(\d)$", r"embed-v\1.\2", n))
    # and its "Cohere-Embed-V5-Fast" is Cohere's embed-v5.0-fast: Cohere writes a major version as vN.0
    out.append(re.sub(r"^(?:cohere-)?(embed|rerank)-v(\d)(-[a-z]+)?$", r"\1-v\2.0\3", n))
    # a deployment name cannot hold the version's dot everywhere, so catalogue names write it as a hyphen
    # (grok-4-20-reasoning for xAI's grok-4.20-reasoning, grok-4-1-fast-reasoning): tried after the name as written,
    # only for a one-digit major and a one- or two-digit minor between hyphens (never a date such as 05-2026 or 0324)
    out.append(re.sub(r"(?<=-)(\d)-(\d{1,2})(?=-|$)", r"\1.\2", n))
    return _dedupe(out)


def _openrouter_lookups(org: str, name: str) -> tuple[str, ...]:
    n = name.lower()
    out = [f"{org}/{n}"]
    qwen = re.sub(r"^qwen-(\d)", r"qwen\1", n)  # qwen/qwen-2.5-72b-instruct is Qwen2.5-72B-Instruct
    if qwen != n:
        out.append(f"{org}/{qwen}")
    out.append(n)
    return _dedupe(out)


# ---- resolution -------------------------------------------------------------------------------------

_FORM_NAMES = {
    "bedrock": "an Amazon Bedrock model id", "vertex": "a Vertex AI model path or MaaS id",
    "azureml": "an Azure ML registry path", "azure-ai": "an Azure AI Foundry model name",
    "azure-zone": "an Azure OpenAI data-zone or global deployment key",
    "nebius-fast": "a Nebius AI Studio fast-tier model id",
    "fireworks": "a Fireworks AI model path", "openrouter": "an OpenRouter model id",
    "siliconflow": "a SiliconFlow model name", "cloudflare": "a Cloudflare Workers AI model id",
    "catalog": "a hosted-model key in the shipped catalog", "served-name": "a provider-prefixed model name",
}
_active = threading.local()


def resolve_hosted(resolver: Resolver, query: str) -> Resolution | None:
    """``query`` as a hosted form: the served model's record with ``served_by`` from the form; None when
    ``query`` is no hosted form (or while a hosted form is being resolved: lookups are plain identifiers)."""
    if getattr(_active, "on", False):
        return None
    form = hosted_form(query, resolver.kb)
    if form is None:
        return None
    _active.on = True
    try:
        return _resolve_form(resolver, form)
    finally:
        _active.on = False


def _resolve_form(resolver: Resolver, form: HostedForm) -> Resolution:
    from modelmap.types import Resolution

    kb = resolver.kb
    what = _FORM_NAMES.get(form.form, "a hosted-model id")
    served = _geo_served(resolver.served_by(form.provider, evidence=f"the identifier's form: {form.query!r} is {what}"),
                         form.geo)
    best: Resolution | None = None
    how = ""
    verbatim: str | None = None  # the name that matched, when the query spells it as is
    alias_hit = kb.alias_index.get(form.alias) if form.alias else None
    if form.served_as:
        best, how = resolver.resolve(form.served_as), "the provider's documented name (served-names.json)"
        verbatim = form.query.split("/", 1)[-1]
    elif alias_hit:
        best, how, verbatim = resolver.resolve(alias_hit), "an exact knowledge-base alias", form.alias
    if best is None or not _model_id(best):
        # the first lookup that resolves exactly wins; else the first that resolves at all
        for lookup in form.lookups:
            try:
                res = resolver.resolve(lookup)
            except IdentifierError:  # a respelled name the resolver refuses ("azure_ai/..." -> "...")
                continue
            if _model_id(res) and (res.confidence == "known" or best is None or not _model_id(best)):
                best, how, verbatim = res, f"the served name {lookup!r}", lookup.split("/", 1)[-1]
                if res.confidence == "known":
                    break
            elif best is None or (not _model_id(best) and res.publisher and not best.publisher):
                best = res
    if (best is None or not _model_id(best)) and form.model and form.model in kb.models:
        res = resolver.resolve(form.model)
        if _model_id(res):
            best, how = replace(res, confidence="inferred"), "the shipped hosted-model catalog"
    if best is None or not _model_id(best):
        why = f"{what}, served by {form.provider}; the model it serves is not in the knowledge base"
        maker = _bedrock_maker(kb, form)
        if (maker and best is not None and (best.publisher or {}).get("id") == maker
                and (best.model or {}).get("family")):
            # the served name matches a family pattern of the very maker the vendor segment names
            # (amazon.titan-embed-g1-text-02: Amazon Titan): the family's facts hold, as they do for the bare name
            return replace(best, query=form.query, served_by=served, reason=f"{why}; {best.reason or ''}".rstrip("; "))
        if maker:
            # a Bedrock id is [<geo>.]<provider>.<model>: the provider segment names the model's maker (amazon., anthropic.,
            # meta., mistral., qwen., deepseek., openai.), never the host, so the maker and its country are known even where
            # the model is not (qwen.qwen3-235b-a22b-2507: Instruct or Thinking; deepseek.v3, see _vendor_spellings)
            return replace(resolver.maker_only(form.query, maker, reason=f"{why}; made by {maker} (the id's vendor "
                                                                          f"segment {form.vendor!r})"),
                           served_by=served)
        if best is not None and (best.publisher or (best.model or {}).get("family")) and form.form != "bedrock":
            return replace(best, query=form.query, served_by=served, reason=f"{why}; {best.reason or ''}".rstrip("; "))
        return Resolution(query=form.query, served_by=served, confidence="unknown", reason=why)
    mid = _model_id(best) or ""
    last = form.query.rsplit("/", 1)[-1]
    builds = [m for m in kb.name_index.get(last.lower()) or () if m != mid and resolver.names_build(last, m)
              and resolver.first_party_original(m) == mid]
    if len(builds) == 1:
        # "azure_ai/Llama-4-Maverick-17B-128E-Instruct-FP8", "novita/qwen/qwen3-4b-fp8": the name of the publisher's
        # own build (its Hub repo name, case aside), which a bare-name lookup reads as the model it packages: the
        # build is what is served. A host's lowercase slug is its spelling of that name, not the repo quoted, so
        # which checkpoint it loaded is the name's reading (inferred); the repo name as published is quoted (known)
        best, verbatim = resolver.resolve(builds[0]), last
        how = f"the publisher's build {builds[0]}, named as is"
        if not resolver.quotes_build(last, builds[0]):
            best, how = replace(best, confidence="inferred"), f"the publisher's build {builds[0]}, named in lower case"
        mid = builds[0]
    original = resolver.first_party_original(mid) if mid in kb.models else mid
    if (original != mid and (best.publisher or {}).get("id") == kb.models[mid].get("publisher")
            and not resolver.quotes_build(form.query, mid) and not resolver.names_build(form.query, mid)):
        # the served name reached the publisher's build by a respelling that drops or changes its precision word
        # (a documented served name, an alias): the platform serves the open model in a precision it chose, as
        # Together's "-Turbo" ids do. An id that spells the build's own repo name ("@cf/qwen/qwen3-30b-a3b-fp8",
        # Qwen/Qwen3-30B-A3B-FP8) is that build: Resolver.names_build
        best = replace(resolver.resolve(original), confidence="inferred")
        how = f"{how}, the publisher's own build {mid} of {original}"
    elif original != mid and not resolver.quotes_build(form.query, mid) and best.confidence == "known":
        best = replace(best, confidence="inferred")  # the host's lowercase spelling of the build's repo name
    note = f"{what}, served by {form.provider}; model from {how}"
    confidence = best.confidence
    if verbatim is None or verbatim.lower() not in form.query.lower():
        confidence = "inferred" if confidence == "known" else confidence  # the name was respelled by a rule
    return replace(best, query=form.query, served_by=served, confidence=confidence,
                   reason=note if not best.reason else f"{note}; {best.reason}")


# Amazon Bedrock cross-Region inference profiles: the id's geography prefix says where a request may be processed.
# A geographic profile (us., eu., apac., us-gov., jp., au., ca.) keeps the request within the AWS Regions of that
# geography; a global. profile may route it to any commercial AWS Region. Sources (as_of 2026-12-06):
# https://docs.aws.amazon.com/bedrock/latest/userguide/geographic-cross-region-inference.html (geographic profiles
# stay in their geography), https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-support.html
# (destination Regions depend on the model; global: all commercial Regions), and the geography identifiers in
# https://docs.aws.amazon.com/cdk/api/v2/docs/@aws-cdk_aws-bedrock-alpha.CrossRegionInferenceProfileRegion.html.
# ``serving``: the jurisdictions, where one country or the EU (ISO 3166-1's reserved "EU") holds them all. apac. lists
# the countries of the APAC destination Regions AWS documents (ap-northeast-1 Tokyo, ap-northeast-2 Seoul, ap-south-1
# Mumbai, ap-southeast-1 Singapore, ap-southeast-2 Sydney: "according to the model chosen, this might include",
# https://awslabs.github.io/generative-ai-cdk-constructs/apidocs/namespaces/bedrock/enumerations/CrossRegionInferenceProfileRegion.html,
# as_of 2026-12-06): where a request may be processed, a model's own set may be smaller, and ``region`` says so.
# global. may use any commercial Region: no list is given (not guessed), ``region`` still names the geography.
BEDROCK_GEOGRAPHIES: dict[str, tuple[tuple[str, ...], str]] = {
    "us": (("US",), "us: AWS Regions in the United States"),
    "us-gov": (("US",), "us-gov: AWS GovCloud (US) Regions"),
    "eu": (("EU",), "eu: AWS Regions in the European Union"),
    "jp": (("JP",), "jp: AWS Regions in Japan"),
    "au": (("AU",), "au: AWS Regions in Australia"),
    "ca": (("CA",), "ca: AWS Regions in Canada"),
    "apac": (("AU", "IN", "JP", "KR", "SG"), "apac: AWS Regions in Asia Pacific (documented destinations in Japan, "
                                              "Korea, India, Singapore and Australia; which ones depends on the model)"),
    "global": ((), "global: any commercial AWS Region"),
}
BEDROCK_GEO_SOURCE = "https://docs.aws.amazon.com/bedrock/latest/userguide/geographic-cross-region-inference.html"


def _geo_served(served: dict[str, Any] | None, geo: str | None) -> dict[str, Any] | None:
    """``served`` narrowed to a Bedrock inference profile's geography: the id's prefix is evidence of where the
    request is processed (``eu.anthropic...`` -> EU), which the customer-selected region of a bare id is not."""
    if served is None or geo is None or geo not in BEDROCK_GEOGRAPHIES:
        return served
    serving, region = BEDROCK_GEOGRAPHIES[geo]
    return {**served, "serving": list(serving), "region": region,
            "evidence": f"{served.get('evidence')}; its {geo}. prefix is a cross-Region inference profile ({region}; "
                        f"{BEDROCK_GEO_SOURCE})"}


def _bedrock_maker(kb: KnowledgeIndex, form: HostedForm) -> str | None:
    """The knowledge-base publisher a Bedrock id's vendor segment names (``qwen`` -> qwen, ``zai`` -> zhipu)."""
    if form.form != "bedrock" or not form.vendor:
        return None
    pid = kb.org_index.get(form.vendor) or (form.vendor if form.vendor in kb.publishers else None)
    return str(pid) if pid else None


def _model_id(res: Resolution) -> str | None:
    model = res.model or {}
    mid = model.get("id")
    return str(mid) if mid else None
