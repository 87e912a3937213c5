"""Compliant replacements for one model: ``modelmap alternatives``.

Candidates come in three groups:

* ``same-weights``: the same model at another host (from the price table's hosts, which come from the hosted
  catalog) or self-hosted when its weights are published;
* ``same-role-size``: another model family in the same role (generation, embedding, ...) and size class;
* ``same-family``: the same family at another size.

Every fact a candidate shows comes from the knowledge base (publisher, origins, license, open weights,
context, modality), providers.yaml (serving country) or the price table (price, features, context at that
host, with source and date). A candidate that breaks the scenario never appears: each candidate becomes a
synthetic usage (its resolution with its host as ``served_by``) in a flow carrying ``flow_tags`` (by default
the strictest tags, customer-facing, regulated and production, so rules scoped to such flows apply) and the
real policy engine evaluates the scenario over them.

Hand-written here, as documented judgement rather than facts: the size classes (``SIZE_CLASSES``), the
ranking, and the drop-in classes (A-E), which follow issue 14's definitions.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from modelmap.output import origins_text
from modelmap.switch.prices import Price, api_shape, blended, load_prices

if TYPE_CHECKING:
    from modelmap.knowledge.loader import KnowledgeIndex
    from modelmap.provenance.resolver import Resolver
    from modelmap.switch.scenario import Scenario

ALTERNATIVES_SCHEMA = "modelmap.alternatives/1"
GROUPS = ("same-weights", "same-role-size", "same-family")
#: flow tags of the synthetic flow candidates are checked in (rules scoped to these flows then apply)
STRICT_TAGS: tuple[str, ...] = ("customer-facing", "regulated", "production")
#: (upper bound in parameters, label): a hand-chosen ladder, so "same size class" is stated, not implied
SIZE_CLASSES: tuple[tuple[float, str], ...] = (
    (3e9, "tiny (<3B)"), (20e9, "small (3-20B)"), (100e9, "medium (20-100B)"), (400e9, "large (100-400B)"),
    (math.inf, "frontier (400B+)"),
)
DROP_IN = {
    "A": "base_url/model swap on the same API shape",
    "B": "SDK or API-shape change",
    "C": "embedding change: re-embed the stored vectors",
    "D": "fine-tune bound to its base: retrain",
    "E": "prompts and chat templates to revalidate",
}
_MODE_ROLE = {"chat": "generation", "completion": "generation", "responses": "generation",
              "embedding": "embedding", "rerank": "rerank"}
_NOT_A_SIZE = {"quantization", "merge", "adapter"}  # formats and community derivatives, not another size


def parse_params(value: Any) -> float | None:
    """'671B' -> 6.71e11, '335M' -> 3.35e8, '1.05T' -> 1.05e12; None when unknown or unreadable, and for what
    float() reads but is no parameter count ('nan', 'inf', '1e400B', '-7B', '0'): size_class('nan') raised
    StopIteration and plan's size step said 'nanx larger'."""
    count: float | None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        count = float(value)
    elif not isinstance(value, str) or not value:
        return None
    else:
        text = value.strip().upper()
        scale = {"K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}.get(text[-1:])
        try:
            count = float(text[:-1]) * scale if scale else float(text)
        except ValueError:
            return None
    return count if math.isfinite(count) and count > 0 else None


#: lineage steps that keep the parameter count: a fine-tune, an adapter's merged weights, a quantization
_SAME_SIZE = {"finetune", "quantization", "adapter"}


def params_of(kb: KnowledgeIndex, record: dict[str, Any] | None, depth: int = 0) -> str | None:
    """The record's own ``params``, else its base's through steps that keep the size (a fine-tune, adapter or
    quantization of a model whose size is published has that size); None when no step says."""
    if not record:
        return None
    if record.get("params") or depth >= 6:
        return record.get("params")
    bases = [b for b in record.get("base") or () if isinstance(b, dict) and b.get("relation") in _SAME_SIZE]
    if len(bases) != 1:  # no base, or a merge of several: the size is not one base's
        return None
    return params_of(kb, kb.models.get(str(bases[0].get("model"))), depth + 1)


def size_class(params: Any) -> str | None:
    count = parse_params(params)
    if count is None:
        return None
    return next(label for bound, label in SIZE_CLASSES if count < bound)


@dataclass
class Candidate:
    """One replacement: a model at a host (``provider`` None: self-hosted from published weights)."""

    group: str
    model: str
    name: str | None
    provider: str | None
    publisher: dict[str, Any] | None
    origins: list[str] | None
    origins_known: bool
    serving_country: str | None
    serving: list[str]
    license: dict[str, Any] | None
    open_weights: bool | None
    params: str | None
    size_class: str | None
    context: int | None
    modality: list[str] | None
    features: dict[str, bool | None]
    drop_in: str
    drop_in_reason: str
    price: Price | None
    why: str
    role: str | None = None
    key: str | None = None  # the id to call it by at ``provider``
    tuned: bool | None = field(default=None, repr=False)  # fine-tuned from a base in the knowledge base
    released: str | None = field(default=None, repr=False)  # the knowledge base's release date, for ranking
    #: embedding / rerank only: what the vectors are and which languages it covers, and how that fits the current
    #: model (``fit_rank``: 0 a known match, 1 unknown, 2 a known mismatch, for output kind and languages)
    embedding_output: list[str] | None = field(default=None, repr=False)
    languages: str | list[str] | None = field(default=None, repr=False)
    language_count: int | None = field(default=None, repr=False)
    fit: dict[str, Any] | None = field(default=None, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "group": self.group,
            "model": self.model,
            "name": self.name,
            "provider": self.provider,
            "key": self.key,
            "publisher": self.publisher,
            "origins": self.origins,
            "origins_known": self.origins_known,
            "serving_country": self.serving_country,
            "serving": list(self.serving),
            "license": self.license,
            "open_weights": self.open_weights,
            "params": self.params,
            "size_class": self.size_class,
            "context": self.context,
            "modality": self.modality,
            "features": dict(self.features),
            "drop_in": {"class": self.drop_in, "meaning": DROP_IN[self.drop_in], "reason": self.drop_in_reason},
            "price": self.price.to_dict() if self.price else None,
            "why": self.why,
            **({"embedding_output": self.embedding_output, "languages": self.languages,
                "language_count": self.language_count, "fit": self.fit} if self.fit is not None else {}),
        }


@dataclass
class Alternatives:
    """The answer for one model: what it is, the candidates, and why a group is empty."""

    query: str
    source: dict[str, Any]
    candidates: list[Candidate]
    scenario: Scenario | None = None
    excluded: dict[str, int] = field(default_factory=dict)  # group -> candidates the scenario removed
    notes: dict[str, str] = field(default_factory=dict)  # group -> why it is empty
    flow_tags: tuple[str, ...] = STRICT_TAGS

    def group(self, name: str) -> list[Candidate]:
        return [c for c in self.candidates if c.group == name]

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": ALTERNATIVES_SCHEMA,
            "query": self.query,
            "source": self.source,
            "scenario": self.scenario.to_dict() if self.scenario else None,
            "flow_tags": list(self.flow_tags),
            "groups": [{"id": g, "candidates": [c.to_dict() for c in self.group(g)],
                        "excluded_by_scenario": self.excluded.get(g, 0), "note": self.notes.get(g)}
                       for g in GROUPS],
        }


def _publisher(kb: KnowledgeIndex, pid: Any) -> dict[str, Any] | None:
    pub = kb.publishers.get(str(pid)) if pid else None
    if not pub:
        return None
    return {"id": pub.get("id"), "name": pub.get("name"), "country": pub.get("country")}


def _license(kb: KnowledgeIndex, lid: Any) -> dict[str, Any] | None:
    if not lid:
        return None
    rec = kb.licenses.get(str(lid)) or {}
    return {"id": str(lid), "spdx": rec.get("spdx"), "permissive": rec.get("permissive"),
            "commercial_use": rec.get("commercial_use")}


_TUNED = {"finetune", "adapter"}  # an adapter (LoRA) is a fine-tune of its base
_SAME_KIND = {"quantization", "merge"}  # a quantized or merged copy is as tuned as what it was made from


def _is_tuned(record: dict[str, Any] | None, kb: KnowledgeIndex | None = None, _depth: int = 0) -> bool | None:
    """Whether the model is tuned (instruct, chat, task) rather than a pretrained base, from its lineage: a
    ``finetune`` or ``adapter`` edge, or a quantization or merge of a tuned model (an AWQ / GPTQ / GGUF copy of an
    instruct model is an instruct model). None when the knowledge base has no record."""
    if not record:
        return None
    bases = [b for b in record.get("base") or () if isinstance(b, dict)]
    if any(b.get("relation") in _TUNED for b in bases):
        return True
    if kb is not None and _depth < 4:
        for b in bases:
            if b.get("relation") in _SAME_KIND and _is_tuned(kb.models.get(str(b.get("model"))), kb, _depth + 1):
                return True
    return False


@lru_cache(maxsize=4)
def _pretrained_bases(kb: KnowledgeIndex) -> frozenset[str]:
    """Models the knowledge base records as what a tuned model was fine-tuned from and that are not tuned
    themselves: pretrained bases (Qwen2.5-14B under Qwen2.5-14B-Instruct). A model with no recorded base is not
    taken for a pretrained one from that alone: only a recorded fine-tune child says so."""
    parents = {str(b.get("model")) for rec in kb.models.values() for b in rec.get("base") or ()
               if isinstance(b, dict) and b.get("relation") in _TUNED}
    return frozenset(m for m in parents if m in kb.models and not _is_tuned(kb.models[m], kb))


def _derived_kind(record: dict[str, Any]) -> bool:
    return any(isinstance(b, dict) and b.get("relation") in _NOT_A_SIZE for b in record.get("base") or ())


def _is_finetune_bound(query: str, resolution: dict[str, Any]) -> bool:
    """D: an OpenAI-style ``ft:`` id or a model that is an adapter on its base."""
    if query.strip().lower().startswith("ft:"):
        return True
    return any(e.get("relation") == "adapter" and e.get("child") == (resolution.get("model") or {}).get("id")
               for e in resolution.get("edges") or () if isinstance(e, dict))


def _drop_in(source: dict[str, Any], model: str, provider: str | None, role: str | None) -> tuple[str, str]:
    if source["finetune_bound"]:
        return "D", "the current model is a fine-tune or adapter trained on its base: retrain it on the replacement"
    same = model == source["model"]
    if role == "embedding" and not same:
        return "C", "another embedding model gives other vectors: re-embed the corpus and cut over to a new index"
    if source["self_hosted"] and provider is None:
        if same:
            return "A", f"the same weights on your own {source['provider']} server"
        return "E", (f"another open-weights model on your own {source['provider']} server: load its weights, keep "
                     "the endpoint; revalidate prompts and templates")
    where = provider or "self-hosted (vLLM serves the OpenAI API)"
    if provider is not None and provider == source["provider"]:
        # the host the code already calls: its own API, whatever shape the price table records for it (OpenRouter
        # has none there, and read as "openrouter and openrouter do not share a known API shape", class B)
        if same:
            return "A", f"the same weights at {provider}, the host the code already calls"
        return "E", f"another model at {provider}, the host the code already calls: revalidate prompts and templates"
    src_shape = api_shape(source["provider"]) if source["provider"] else None
    dst_shape = api_shape(provider) if provider else api_shape("vllm")
    if src_shape and dst_shape and src_shape == dst_shape:
        if same:
            return "A", f"same weights; {source['provider']} and {where} both speak the {src_shape} API"
        return "E", f"same API shape ({src_shape}); another model: revalidate prompts and templates"
    if source["provider"] is None:
        reason = "the current host is unknown, so whether the API shape matches is unknown"
    else:
        reason = f"{source['provider']} and {where} do not share a known API shape"
    return "B", reason + ("" if same else "; another model: revalidate prompts too")


def _source(query: str, resolver: Resolver, kb: KnowledgeIndex, role: str | None,
            provider: str | None) -> dict[str, Any]:
    from modelmap.errors import IdentifierError
    from modelmap.types import Resolution

    try:
        res = resolver.resolve(query).to_dict()
    except IdentifierError as exc:
        res = Resolution(query=query, confidence="unknown", reason=str(exc)).to_dict()
    model = (res.get("model") or {}).get("id")
    record = kb.models.get(str(model)) if model else None
    served = res.get("served_by") or {}
    host = provider or served.get("id")
    if host is None and model is None:  # an API name such as deepseek-chat: the catalog names its platform
        from modelmap.provenance.hosted import catalog_entry

        entry = catalog_entry(query)
        host = entry[0] if entry else None
    current = None
    if host:
        # as written, then without a gateway's provider prefix (LiteLLM's deepseek/deepseek-chat is the
        # DeepSeek API's deepseek-chat), as plan prices it
        for key in (model or query, query.split("/", 1)[1] if "/" in query and not model else None):
            current = load_prices().get(host, key) if key else None
            if current is not None:
                break
    # the price that ranks candidates of an unknown size by nearest tier: the model's own, else, for an OpenAI-style
    # fine-tune (ft:BASE:org::id), its base model's at the same host (the fine-tune's own price is not shown as it)
    tier = current
    if tier is None and host and query.strip().lower().startswith("ft:"):
        base = query.strip().split(":")[1]
        try:
            base_id = (resolver.resolve(base).to_dict().get("model") or {}).get("id") if base else None
        except IdentifierError:
            base_id = None
        tier = load_prices().get(host, str(base_id)) if base_id else None
    if role is None:
        role = (record or {}).get("role") or res.get("role")
    if role is None and current is not None and current.mode:
        role = _MODE_ROLE.get(current.mode)
    params = params_of(kb, record)
    return {
        "query": query,
        "model": model,
        "self_hosted": bool(host) and (kb.providers.get(str(host)) or {}).get("kind") == "local",
        "family": (record or {}).get("family"),
        "publisher": res.get("publisher"),
        "origins": res.get("origins"),
        "provider": host,
        "role": role,
        "params": params,
        "size_class": size_class(params),
        "context": (current.context if current and current.context else None) or (record or {}).get("context"),
        "open_weights": (record or {}).get("open_weights", res.get("open_weights")),
        "price": current,
        "tier_price": tier,
        "finetune_bound": _is_finetune_bound(query, res),
        "tuned": _is_tuned(record, kb),
        "reason": res.get("reason"),
        **_vector_facts(record),
    }


#: what switching to a model of another output kind takes beyond re-embedding: another kind of index
REINDEX = {
    "dense": "re-index with a dense vector index",
    "multi-vector": "re-index with a ColBERT (late-interaction) index",
    "sparse": "re-index with a sparse (inverted) index",
}
_VECTOR_ROLES = {"embedding", "rerank"}


def _vector_facts(record: dict[str, Any] | None) -> dict[str, Any]:
    """The knowledge base's ``embedding_output`` (the first listed is what the model's standard loader returns) and
    ``languages`` / ``language_count`` of an embedding or rerank record; None where the record does not say."""
    rec = record or {}
    out = rec.get("embedding_output")
    langs = rec.get("languages")
    count = rec.get("language_count")
    return {
        "embedding_output": [str(k) for k in out] if isinstance(out, list) and out else None,
        "languages": (langs if langs == "multilingual" else [str(x) for x in langs] if isinstance(langs, list) and langs
                      else None),
        "language_count": count if isinstance(count, int) and not isinstance(count, bool) and count > 0 else None,
    }


def _languages_text(langs: str | list[str] | None, count: int | None) -> str:
    if langs == "multilingual":
        return f"multilingual ({count} languages)" if count else "multilingual (count not stated)"
    return ", ".join(langs or ()) + " only" if langs else "languages unknown"


def output_fit(source: dict[str, Any], out: list[str] | None) -> tuple[int, str]:
    """How a candidate's output kind fits the current model's: (0 emits the kind the current model's loader
    returns, 1 unknown, 2 another kind; the note). Nothing is ranked where the current model's kind is unknown."""
    want = source.get("embedding_output")
    if not want:
        return 0, ""
    if not out:
        return 1, "output kind unknown"
    if want[0] in out:
        return 0, f"{want[0]} vectors, as now"
    return 2, f"{out[0]}: {REINDEX.get(out[0], 're-index')}"


def language_fit(source: dict[str, Any], langs: str | list[str] | None, count: int | None) -> tuple[int, str]:
    """How a candidate's language coverage fits the current model's: (0 known to include it, 1 unknown or not
    comparable, 2 known to cover less; the note). Codes compare as sets; a ``multilingual`` card's stated count
    against another's count or a list's length; a list against a multilingual count not stated, and a
    multilingual card against a list of codes it does not enumerate, are not comparable."""
    want, want_n = source.get("languages"), source.get("language_count")
    if not want:
        return 0, ""
    have = _languages_text(langs, count)
    now = _languages_text(want, want_n)
    if not langs:
        return 1, have
    if want == "multilingual":
        if langs == "multilingual":
            if want_n and count and count < want_n:
                return 2, f"covers fewer languages: {have}, now {now}"
            return (0, have) if count or not want_n else (1, f"{have}, now {now}")
        if want_n and len(langs) >= want_n:
            return 0, f"{len(langs)} languages"
        if want_n or len(langs) == 1:
            return 2, f"covers fewer languages: {have}, now {now}"
        return 1, f"{have}, now {now}"
    if langs == "multilingual":
        return 1, f"{have}; whether it covers {', '.join(want)} is not stated"
    if set(want) <= set(langs):
        return 0, have
    return 2, f"covers fewer languages: {have}, now {', '.join(want)}"


def resolution_reason(query: str) -> str:
    """Why ``query`` resolves to no one model, as the resolver says it ('not in the knowledge base' when silent)."""
    from modelmap.errors import IdentifierError
    from modelmap.provenance.resolver import resolve

    try:
        reason = resolve(query).reason
    except IdentifierError as exc:
        return str(exc)
    return reason or "not in the knowledge base"


def _pool(source: dict[str, Any], kb: KnowledgeIndex) -> dict[str, list[str]]:
    """Candidate model ids per group, before hosts and the scenario."""
    table = load_prices()
    model, family, role = source["model"], source["family"], source["role"]
    out: dict[str, list[str]] = {g: [] for g in GROUPS}
    if model:
        out["same-weights"].append(model)
    if role is None:
        return out
    src_class = source["size_class"]
    # a pretrained base does not replace a tuned (instruct, chat) model: it answers no prompt as the app expects
    bases = _pretrained_bases(kb) if source["tuned"] else frozenset()
    for mid, rec in kb.models.items():
        if mid == model or rec.get("role") != role or _derived_kind(rec) or mid in bases:
            continue
        hosted = bool(table.hosts(mid))
        callable_ = hosted or rec.get("open_weights") is True
        if not callable_:
            continue
        if family and rec.get("family") == family:
            if parse_params(params_of(kb, rec)) != parse_params(source["params"]):
                out["same-family"].append(mid)
            continue
        if src_class is not None:
            if size_class(params_of(kb, rec)) == src_class:
                out["same-role-size"].append(mid)
        elif hosted and source["tier_price"] is not None:
            # size unknown (an API model): priced models of the same role, ranked by the nearest price tier. With
            # no price either (an unidentified name: a gateway alias, an internal deployment) nothing says which
            # candidate is comparable, and ranking by price alone would offer the cheapest model of the role
            out["same-role-size"].append(mid)
    return out


def _hosts(model: str, open_weights: bool | None, exclude: str | None) -> list[tuple[str | None, Price | None]]:
    rows: list[tuple[str | None, Price | None]] = [(p.provider, p) for p in load_prices().hosts(model)
                                                   if p.provider != exclude]
    if open_weights is True:
        rows.append((None, None))
    return rows


def _compliant(pairs: list[tuple[str, str | None]], scenario: Scenario | None, resolver: Resolver,
               role: str | None, flow_tags: tuple[str, ...]) -> list[bool]:
    """Whether each (model, provider) passes ``scenario``, by the policy engine over synthetic usages."""
    if scenario is None or not pairs:
        return [True] * len(pairs)
    import dataclasses
    from datetime import date

    from modelmap.policy import evaluate
    from modelmap.policy.config import Flow, ProjectConfig
    from modelmap.types import Finding, ScanResult, ScanStats

    findings: list[Finding] = []
    resolved: dict[str, dict[str, Any]] = {}
    for i, (model, provider) in enumerate(pairs):
        if model not in resolved:
            resolved[model] = resolver.resolve(model).to_dict()
        res = dict(resolved[model])
        res["served_by"] = resolver.served_by(provider, evidence="candidate host") if provider else None
        findings.append(Finding(path=f"candidates/{i}", line=1, column=1, raw=model,
                                kind="provider-prefixed" if provider else "hf-repo",
                                role=role or "unknown", context="app", source="alternatives", provider=provider,
                                resolution=res))
    flow = Flow(name="candidate", paths=("**",), tags=flow_tags)
    config = ProjectConfig(flows=(flow,), rules=scenario.rules, flow_index={"candidate": flow}, fail_on="note")
    result = ScanResult(root=".", findings=findings, skips=[], stats=ScanStats())
    check = evaluate(result, dataclasses.replace(config), date.today())
    broken = {id(v.finding) for v in check.violations if v.finding is not None}
    return [id(f) not in broken for f in findings]


def size_gap(params: Any, source_params: Any) -> float | None:
    """How far a candidate's size is from the current model's, in doublings (0 = same size; None = unknown)."""
    a, b = parse_params(params), parse_params(source_params)
    if not a or not b:
        return None
    return abs(math.log2(a / b))


#: drop-in classes by the work a switch takes: a model / base-URL swap, then prompt revalidation on the same API,
#: another API, a re-embed, a retrain (candidates are ranked by it here, and plan picks its candidate by it)
DROP_IN_ORDER = {"A": 0, "E": 1, "B": 2, "C": 3, "D": 4}


def _rank_key(source: dict[str, Any], c: Candidate) -> tuple[Any, ...]:
    cost = blended(c.price)
    src_cost = blended(source["tier_price"])
    # size unknown (an API model): the closest price tier first
    tier = abs(math.log(cost / src_cost)) if source["size_class"] is None and src_cost and cost else 0.0
    short = 1 if (source["context"] and c.context and c.context < source["context"]) else 0
    missing = sum(1 for k in ("tools", "json_mode") if c.features.get(k) is False)
    # a tuned (instruct, chat) model replaces a tuned one, a pretrained base a base
    kind = 1 if source["tuned"] is not None and c.tuned != source["tuned"] else 0
    # a licence the knowledge base does not know cannot be shown to allow the use: after every known one. A licence
    # known to forbid commercial use (CC-BY-NC, a research licence) comes after every other candidate, priced or not:
    # a company replacing a model in its product cannot ship it, however near its size (bge-m3's nearest embedder
    # was a CC-BY-NC one, and plan wrote it into a regulated flow's job)
    lic = c.license or {}
    forbids = 1 if lic.get("commercial_use") is False else 0
    # an embedder or reranker does the same job only if it gives the same kind of vectors (a ColBERT model needs
    # another index) and covers the current model's languages: both known to match first, anything unknown next, a
    # known mismatch of either last (a dense English model is no better a replacement for a multilingual one than
    # a model of unknown languages), then the output kind before the languages; all before size and price
    # (bge-m3's nearest embedders were a ColBERT model and Korean / Dutch ones)
    fit = c.fit or {}
    out_fit, lang_fit = fit.get("output_rank", 0), fit.get("languages_rank", 0)
    fit_tier = max(out_fit, lang_fit)
    unlicensed = 1 if not lic.get("id") or lic.get("id") == "unknown" else 0
    # a self-hosted model of known size is replaced first by open weights it can serve itself (no per-token price
    # to compare, the endpoint stays); a hosted replacement moves the traffic off the company's servers. Of
    # unknown size, the priced hosted models come first (nothing says which self-hosted one is comparable)
    if source.get("self_hosted") and source["size_class"] is not None:
        unpriced = 0 if c.provider is None else 1
    else:
        unpriced = 1 if c.price is None else 0
    # within a size class (3-20B spans a 3B and a 14B model) the nearest size first, in whole doublings
    gap = size_gap(c.params, source["params"])
    near = round(gap) if gap is not None else 9
    # after the size (or, of an unknown size, the price tier) the least work to switch (DROP_IN_ORDER: the host the
    # code calls, or its API shape, before another vendor's API), then the price. The same weights at two hosts used
    # to keep the cheapest, so plan moved a route of an OpenRouter client to Bedrock (class B, a new vendor, the
    # shared base URL rewritten) though OpenRouter serves the replacement too
    work = DROP_IN_ORDER.get(c.drop_in, len(DROP_IN_ORDER))
    # then the newer release (an unknown date last): among equals, the model a team would pick today
    date = (c.released or "")[:10].replace("-", "")
    newest = -int(date) if date.isdigit() else 0
    return (forbids, fit_tier, out_fit, lang_fit, unpriced, kind, unlicensed, near, short, missing, round(tier, 3), work,
            cost if cost is not None else math.inf, newest, c.model, c.provider or "")


def find_alternatives(query: str, *, scenario: Scenario | None = None, role: str | None = None,
                      kb: KnowledgeIndex | None = None, provider: str | None = None,
                      flow_tags: tuple[str, ...] = STRICT_TAGS, limit: int = 10,
                      resolver: Resolver | None = None) -> Alternatives:
    """Replacements for ``query`` (a model id, Hub id or API name) in three groups, at most ``limit`` each.

    ``provider`` is the current host (a providers.yaml id; default: the one the identifier names, if any).
    ``role`` overrides the model's role. Candidates that break ``scenario`` in a flow tagged ``flow_tags``
    are left out and counted in ``excluded``. With the shipped knowledge base the answer is memoised per
    argument set (a plan over 10,000 usages asks once per distinct model, host and flow tags); treat the
    result as read-only."""
    from modelmap.knowledge import load
    from modelmap.provenance.resolver import Resolver, default_resolver

    memo_key = None
    if kb is None and resolver is None:
        memo_key = (query, scenario, role, provider, tuple(flow_tags), limit)
        hit = _MEMO.get(memo_key)
        if hit is not None:
            return hit
    kb = kb or load()
    resolver = resolver or (default_resolver() if kb is load() else Resolver(kb))
    source = _source(query, resolver, kb, role, provider)
    pool = _pool(source, kb)
    out = Alternatives(query=query, source=_source_dict(source), candidates=[], scenario=scenario,
                       flow_tags=tuple(flow_tags))
    for group in GROUPS:
        rows: list[tuple[str, str | None, Price | None]] = []
        for model in pool[group]:
            rec = kb.models.get(model) or {}
            exclude = source["provider"] if group == "same-weights" else None
            rows += [(model, host, p) for host, p in _hosts(model, rec.get("open_weights"), exclude)]
        ok = _compliant([(m, h) for m, h, _ in rows], scenario, resolver, source["role"], tuple(flow_tags))
        out.excluded[group] = sum(1 for passed in ok if not passed)
        cands = [_candidate(group, m, h, p, source, kb, resolver) for (m, h, p), passed in zip(rows, ok, strict=True)
                 if passed]
        cands.sort(key=lambda c: _rank_key(source, c))
        if group != "same-weights":  # one row per model: its best compliant host
            best: dict[str, Candidate] = {}
            for c in cands:
                best.setdefault(c.model, c)
            cands = sorted(best.values(), key=lambda c: _rank_key(source, c))
        out.candidates += cands[:limit]
        if not cands:
            out.notes[group] = _empty_note(group, source, pool[group], out.excluded[group])
    if memo_key is not None:
        if len(_MEMO) >= _MEMO_SIZE:
            _MEMO.pop(next(iter(_MEMO)))
        _MEMO[memo_key] = out
    return out


_MEMO: dict[tuple[Any, ...], Alternatives] = {}
_MEMO_SIZE = 512


def alternatives(model_id: str, *, scenario: Scenario | None = None, role: str | None = None,
                 kb: KnowledgeIndex | None = None, **options: Any) -> list[Candidate]:
    """The candidates of ``find_alternatives`` (same arguments), grouped and ranked."""
    return find_alternatives(model_id, scenario=scenario, role=role, kb=kb, **options).candidates


def _empty_note(group: str, source: dict[str, Any], pool: list[str], excluded: int) -> str:
    if excluded:
        return f"all {excluded} candidates break the scenario"
    if group == "same-weights":
        if not source["model"]:
            why = f"; {source['reason']}" if source.get("reason") else ""
            return "the model behind this identifier is not known, so its weights cannot be found elsewhere" + why
        return "no other host prices these weights and they are not published for self-hosting"
    if source["role"] is None:
        return "the model's role (generation, embedding, ...) is unknown"
    if group == "same-family" and not source["family"]:
        return "the model's family is unknown"
    if group == "same-role-size" and source["size_class"] is None and source["tier_price"] is None:
        return ("the model's size and price are unknown, so nothing says which candidate is comparable; say what "
                "it is (a known id, or a declaration under models: in modelmap.yaml)")
    if not pool:
        return "the knowledge base has no other model here that is hosted or has published weights"
    return "no candidate found"


def _candidate(group: str, model: str, provider: str | None, p: Price | None, source: dict[str, Any],
               kb: KnowledgeIndex, resolver: Resolver) -> Candidate:
    rec = kb.models.get(model) or {}
    prov = kb.providers.get(provider) if provider else None
    res = resolver.resolve(model).to_dict()
    role = rec.get("role") or source["role"]
    drop, reason = _drop_in(source, model, provider, role)
    params = params_of(kb, rec)
    klass = size_class(params)
    if group == "same-weights":
        why = ("the same weights, self-hosted (published weights)" if provider is None
               else f"the same weights served by {prov.get('name') if prov else provider}")
    elif group == "same-family":
        why = f"same family ({rec.get('family')}) at {rec.get('params') or 'an unknown size'}"
    elif source["size_class"]:
        why = f"another {role} model in the same size class ({klass})"
    else:
        why = f"another {role} model; the current model's size is not published, ranked by nearest price"
    serving = [str(c) for c in (prov or {}).get("serving") or () if isinstance(c, str)]
    vec: dict[str, Any] = {}
    if source["role"] in _VECTOR_ROLES:
        vec = _vector_facts(rec)
        out_rank, out_note = output_fit(source, vec["embedding_output"])
        lang_rank, lang_note = language_fit(source, vec["languages"], vec["language_count"])
        vec["fit"] = {"output_rank": out_rank, "output": out_note or None,
                      "languages_rank": lang_rank, "languages": lang_note or None}
    return Candidate(
        group=group, model=model, name=rec.get("name"), provider=provider,
        publisher=_publisher(kb, rec.get("publisher")), origins=res.get("origins"),
        origins_known=bool(res.get("origins_known")), serving_country=(prov or {}).get("country"), serving=serving,
        license=_license(kb, rec.get("license")), open_weights=rec.get("open_weights"), params=params,
        size_class=klass, context=(p.context if p and p.context else None) or rec.get("context"),
        modality=rec.get("modality"), features=dict(p.features) if p else {"tools": None, "json_mode": None, "vision": None},
        drop_in=drop, drop_in_reason=reason, price=p, why=why, role=role, key=p.key if p else rec.get("hf"),
        tuned=_is_tuned(rec, kb), released=str(rec["released"]) if rec.get("released") else None, **vec,
    )


def _source_dict(source: dict[str, Any]) -> dict[str, Any]:
    out = {k: source[k] for k in ("query", "model", "family", "publisher", "origins", "provider", "role", "params",
                                  "size_class", "context", "open_weights")}
    out["price"] = source["price"].to_dict() if source["price"] else None
    if source["role"] in _VECTOR_ROLES:
        out.update({k: source[k] for k in ("embedding_output", "languages", "language_count")})
    return out


# --------------------------------------------------------------------------- rendering

def table_grids(alts: Alternatives) -> list[Any]:
    from modelmap.report.table import KEY, NUMBER, Column, Grid

    grids = []
    titles = {"same-weights": "Same weights, another host", "same-role-size": "Same role and size class",
              "same-family": "Same family, another size"}
    # an embedder's or reranker's table says how each candidate's vectors and languages fit the current model's
    vectors = alts.source.get("role") in _VECTOR_ROLES
    for group in GROUPS:
        columns = (Column("model", KEY, head=True), Column("host", KEY), Column("publisher"),
                   Column("origins", KEY), Column("serves from", KEY), Column("license", KEY),
                   Column("drop-in", KEY), Column("$/1M in", NUMBER), Column("$/1M out", NUMBER),
                   Column("price source"))
        grid = Grid(titles[group], (*columns, Column("fit")) if vectors else columns)
        for c in alts.group(group):
            p = c.price
            row = (
                c.model, c.provider or "self-hosted", (c.publisher or {}).get("name") or "unknown",
                origins_text(c.origins, c.origins_known), _serves_from(c),
                (c.license or {}).get("spdx") or (c.license or {}).get("id") or "unknown", c.drop_in,
                _money(p.input if p else None), _money(p.output if p else None),
                f"{p.source} {p.version or ''} ({p.as_of})".replace("  ", " ") if p else "-",
            )
            grid.rows.append((*row, fit_text(c.fit)) if vectors else row)
        if not grid.rows:
            empty = ("none found", "", "", "", "", "", "", "", "", alts.notes.get(group, ""))
            grid.rows.append((*empty, "") if vectors else empty)
        grids.append(grid)
    return grids


def fit_text(fit: dict[str, Any] | None) -> str:
    """'dense vectors, as now; multilingual (100 languages)': the candidate's output kind and language notes."""
    fit = fit or {}
    return "; ".join(str(fit[k]) for k in ("output", "languages") if fit.get(k)) or "-"


def _serves_from(c: Candidate) -> str:
    """Where the host answers calls (its serving regions), never its home country in their place: a host whose
    regions the knowledge base does not give (Amazon Bedrock, Azure OpenAI: whichever Region is chosen) says so."""
    serving = [s for s in c.serving if s != "self-hosted"]
    if serving:
        return ", ".join(serving)
    if c.provider is not None and c.serving_country:
        return f"region not known (based in {c.serving_country})"
    return "-"


def _money(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"
