"""A migration plan per flow under a scenario: ``modelmap plan`` (``modelmap.plan/1``).

For every usage that breaks the scenario (``scenario.affected``) the plan names a compliant replacement
(``alternatives.alternatives``, whose candidates never break the scenario) or says "none found" and why; its
drop-in class; the call sites and config keys to edit, with a concrete diff where the model is a literal on
the line; an effort estimate with its assumptions; and, per flow, the monthly cost before and after at the
given volume, a 48-hour verdict, the evaluation to run before cut-over and a rollback step.

Drop-in classes (issue 14):

* **A** base_url / model swap on the same API shape;
* **B** an SDK or API-shape change;
* **C** an embedding change: stored vectors must be re-embedded (corpus size × new price, new dimension,
  dual-index cut-over);
* **D** a fine-tune bound to its base (``ft:`` ids, a PEFT adapter's ``base_model_name_or_path``): retrain;
* **E** prompts or chat templates to revalidate.

C and D are decided here from the usage (its role, the ``ft:`` id, a PEFT adapter config or PEFT loading in
the same file); A, B and E come from the candidate (``alternatives``).

Costs use only sourced, dated prices (``switch.prices``) and the user's volume file (``switch.volume``); a
self-hosted model is priced only from the user's GPU-hour inputs, never from a per-token default. Effort hours
are modelmap's stated planning assumptions (``EFFORT``), shown in every output so a reader can change them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from modelmap.discover.links import binding_not_used
from modelmap.switch.volume import DEFAULT_NOTE, Volume

if TYPE_CHECKING:
    from modelmap.policy.config import ProjectConfig
    from modelmap.switch.scenario import ScenarioResult
    from modelmap.types import Finding, ScanResult

PLAN_SCHEMA = "modelmap.plan/1"
NO_FLOW = "(no flow)"
PER_M = 1_000_000
_LINE_LIMIT = 256 * 1024

#: hours per call site by drop-in class, with the assumption behind each (shown in every plan).
EFFORT: dict[str, tuple[float, str]] = {
    "A": (1.0, "swap the model name and base URL/key at the call site or config key, review and deploy: 1 h a call site"),
    "B": (4.0, "port the call to another SDK or API shape (request/response mapping, errors, streaming): 4 h a call site"),
    "C": (6.0, "swap the encoder, build a second index at the new dimension, dual-read, cut over and drop the "
               "old index: 6 h a call site, plus the re-embedding run itself"),
    "D": (16.0, "retrain the fine-tune or adapter on the new base (data prep, training run, checks): 16 h a call "
                "site, plus training compute"),
    "E": (3.0, "revalidate prompts and the chat template on the new model: 3 h a call site"),
}
#: per affected flow: the evaluation before cut-over.
EVAL_HOURS = (4.0, "run the pre-cut-over evaluation of the flow (50-200 real examples, jailbreak and "
                   "code-security probes): 4 h a flow")
#: the 48-hour rule, stated.
VERDICT_RULE = ("feasible in 48 hours when every affected usage has a compliant replacement, none needs a "
                "retrain (class D), every re-embedding (class C) has a known corpus size and a re-embed rate "
                "(reembed_tokens_per_hour) that finishes within 24 hours, and the effort fits 16 working hours")
FEASIBLE_HOURS = 16.0

AlternativesFn = Callable[..., Sequence[Any]]


# --------------------------------------------------------------------------- values

@dataclass
class Edit:
    """One place to change: a call site or config key, with a unified-diff hunk where concrete."""

    path: str
    line: int
    what: str
    kind: str  # "config" | "code" | "endpoint"
    diff: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "kind": self.kind, "what": self.what, "diff": self.diff}


@dataclass
class UsagePlan:
    path: str
    line: int
    raw: str
    model: str | None
    role: str
    served_by: str | None
    dropin: str | None
    dropin_reason: str
    replacement: dict[str, Any] | None
    none_found: str | None
    edits: list[Edit] = field(default_factory=list)
    effort_hours: float = 0.0
    effort_assumption: str = ""
    fallbacks: list[dict[str, Any]] = field(default_factory=list)
    live: dict[str, Any] | None = None  # plan --runtime: what production says (seen, served_by, requests, last_seen)
    # served_by is the provider discovery guessed from the model's name (qwen-plus -> dashscope-cn), not evidence in
    # the code (an endpoint, a client, a provider prefix): shown and priced as an assumption
    served_by_assumed: bool = False
    # the step in size from the current model to the replacement ("14B -> 3B, 4.4x smaller"); None when either
    # size is not published or they are the same
    size_step: str | None = None
    # the replacement's licence when it does not plainly allow commercial use: "licence cc-by-nc-4.0 forbids
    # commercial use", "licence llama3.1 allows commercial use only under conditions", "licence unknown"; None when
    # it allows it (or nothing was found)
    licence_note: str | None = None
    # nothing says who serves it (no endpoint, client, prefix or provider), and it is no model the code loads
    # itself (a Hub repo, a model file, an Ollama tag): its host is unknown, not "self-hosted"
    host_unknown: bool = False
    # class E: the usage ("path:line") of the same flow whose prompt revalidation covers this one (the same model at
    # the same host, replaced by the same model: one deployment written on several config lines); charged 0 h here
    effort_shared_with: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "raw": self.raw, "model": self.model, "role": self.role,
                "served_by": self.served_by, "dropin": self.dropin, "dropin_reason": self.dropin_reason,
                "replacement": self.replacement, "none_found": self.none_found,
                "fallbacks": self.fallbacks, "edits": [e.to_dict() for e in self.edits],
                "effort_hours": self.effort_hours, "effort_assumption": self.effort_assumption,
                **({"live": self.live} if self.live is not None else {}),
                **({"served_by_assumed": True} if self.served_by_assumed else {}),
                **({"size_step": self.size_step} if self.size_step else {}),
                **({"licence_note": self.licence_note} if self.licence_note else {}),
                **({"effort_shared_with": self.effort_shared_with} if self.effort_shared_with else {})}

    def effort_label(self) -> str:
        """The effort cell of the plan's table: the hours, and where a revalidation is charged once for the
        deployment, the usage that carries it."""
        if self.effort_shared_with:
            return f"{self.effort_hours:g} h (revalidated once, with {self.effort_shared_with})"
        return f"{self.effort_hours:g} h"

    def served_label(self) -> str:
        """How the plan names who serves this usage now: the provider, marked when it is only assumed."""
        if self.served_by is None:
            return HOST_UNKNOWN if self.host_unknown else "self-hosted"
        return f"{self.served_by}, {ASSUMED}" if self.served_by_assumed else self.served_by


# said wherever a provider comes from the model's name alone (discovery's guess), never from evidence in the code
ASSUMED = "provider assumed from the model name"


@dataclass
class CostLine:
    """The monthly cost of one model in a flow, before (current) or after (replacement)."""

    when: str  # "before" | "after" | "one-off"
    model: str
    provider: str | None
    usd: float | None
    basis: str
    price: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"when": self.when, "model": self.model, "provider": self.provider, "usd": self.usd,
                "basis": self.basis, "price": self.price}


@dataclass
class FlowPlan:
    name: str
    tags: list[str]
    usages: list[UsagePlan] = field(default_factory=list)
    volume: dict[str, Any] = field(default_factory=dict)
    cost_lines: list[CostLine] = field(default_factory=list)
    feasible_48h: bool = False
    verdict_reasons: list[str] = field(default_factory=list)
    evaluation: list[str] = field(default_factory=list)
    rollback: list[str] = field(default_factory=list)
    # API-served models the flow already uses that pass the scenario: fallbacks that need no new vendor
    in_use_compliant: list[dict[str, Any]] = field(default_factory=list)
    # the eval gate (switch/gate.py): ready / not-ready / needs-eval per replacement; set by plan_project
    readiness: dict[str, Any] | None = None

    @property
    def effort_hours(self) -> float:
        return round(sum(u.effort_hours for u in self.usages) + (EVAL_HOURS[0] if self.usages else 0.0), 2)

    def _total(self, when: str) -> tuple[float | None, bool]:
        lines = [c for c in self.cost_lines if c.when == when]
        known = [c.usd for c in lines if c.usd is not None]
        complete = len(known) == len(lines)
        return (round(sum(known), 2) if known else (0.0 if not lines else None)), complete

    def cost(self) -> dict[str, Any]:
        before, before_ok = self._total("before")
        after, after_ok = self._total("after")
        one_off, one_ok = self._total("one-off")
        return {"currency": "USD", "period": "month", "before": before, "after": after,
                "before_complete": before_ok, "after_complete": after_ok,
                "one_off": one_off, "one_off_complete": one_ok,
                "lines": [c.to_dict() for c in self.cost_lines]}

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "tags": self.tags, "volume": self.volume,
                "usages": [u.to_dict() for u in self.usages], "effort_hours": self.effort_hours,
                "cost": self.cost(),
                "verdict_48h": {"feasible": self.feasible_48h, "reasons": self.verdict_reasons},
                "evaluation": self.evaluation, "rollback": self.rollback,
                "in_use_compliant": self.in_use_compliant,
                **({"readiness": self.readiness} if self.readiness is not None else {})}


def _known_sum(totals: list[float | None]) -> float | None:
    """The plan's total of the flows' monthly costs: the sum of those known; None (unknown) when no flow's is known
    but some flow has a cost line (every one unpriced). It read $0.00 "before" for a gateway whose DeepSeek and Qwen
    routes had no sourced price, beside flows saying "before unknown"."""
    known = [t for t in totals if t is not None]
    if not known and any(t is None for t in totals):
        return None
    return round(sum(known), 2)


@dataclass
class Plan:
    root: str
    scenario: dict[str, Any]
    flows: list[FlowPlan]
    volume: Volume
    affected_models: int = 0

    def summary(self) -> dict[str, Any]:
        usages = [u for f in self.flows for u in f.usages]
        before = [f.cost()["before"] for f in self.flows]
        after = [f.cost()["after"] for f in self.flows]
        return {
            "flows": len(self.flows),
            "usages_affected": len(usages),
            "replaced": sum(1 for u in usages if u.replacement is not None),
            "none_found": sum(1 for u in usages if u.replacement is None),
            "feasible_48h": sum(1 for f in self.flows if f.feasible_48h),
            "effort_hours": round(sum(f.effort_hours for f in self.flows), 2),
            "cost_before": _known_sum(before),
            "cost_after": _known_sum(after),
            "cost_complete": all(f.cost()["before_complete"] and f.cost()["after_complete"] for f in self.flows),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": PLAN_SCHEMA,
            "root": self.root,
            "scenario": self.scenario,
            "volume": self.volume.to_dict(),
            "assumptions": {
                "effort": {k: {"hours": h, "assumption": a} for k, (h, a) in EFFORT.items()},
                "evaluation": {"hours": EVAL_HOURS[0], "assumption": EVAL_HOURS[1]},
                "verdict_48h": VERDICT_RULE,
                "volume": DEFAULT_NOTE,
                "prices": "USD per 1M tokens from the shipped, dated price table (switch/prices.py) or modelmap.yaml "
                          "prices:; self-hosting only from the volume file's self_hosting inputs",
            },
            "flows": [f.to_dict() for f in self.flows],
            "summary": self.summary(),
        }


# --------------------------------------------------------------------------- candidates

def candidate_dict(candidate: Any) -> dict[str, Any]:
    """A candidate from ``alternatives`` as a plain dict with the plan's keys (missing facts None)."""
    raw: dict[str, Any]
    if isinstance(candidate, dict):
        raw = dict(candidate)
    elif hasattr(candidate, "to_dict"):
        raw = dict(candidate.to_dict())
    else:
        raw = {k: getattr(candidate, k) for k in dir(candidate) if not k.startswith("_")
               and not callable(getattr(candidate, k))}
    price = raw.get("price")
    if price is not None and not isinstance(price, dict):
        price = price.to_dict() if hasattr(price, "to_dict") else None

    def first(*keys: str) -> Any:
        for key in keys:
            if raw.get(key) is not None:
                return raw[key]
        return None

    publisher = first("publisher")
    if isinstance(publisher, dict):
        publisher = publisher.get("id")
    license_ = first("license")
    if isinstance(license_, dict):
        license_ = license_.get("id")
    serving = first("serving_country", "serving", "served_country")
    if isinstance(serving, (list, tuple)):
        serving = ",".join(str(s) for s in serving) or None
    origins = first("origins")
    dropin = first("dropin", "drop_in", "dropin_class")
    if isinstance(dropin, dict):
        dropin = dropin.get("class")
    fit = raw.get("fit")  # an embedder's or reranker's output-kind and language fit (alternatives), when known
    return {
        **({"fit": dict(fit)} if isinstance(fit, dict) else {}),
        "model": first("model", "model_id", "id"),
        "provider": first("provider", "provider_id"),
        "publisher": publisher,
        "origins": list(origins) if origins is not None else None,
        "serving_country": serving,
        "license": license_,
        "open_weights": first("open_weights"),
        "dropin": dropin,
        "group": first("group", "kind"),
        "context": first("context"),
        "features": first("features"),
        "api_name": first("api_name", "key"),
        "name": first("name"),
        "params": first("params"),
        "price": price,
        "why": first("why", "reason"),
    }


_CANDIDATES: dict[tuple[str, str | None, str | None, str, str], list[Any]] = {}
_NOTES: dict[tuple[str, str | None, str | None], str] = {}  # (model, role, host) -> why a group is empty


def _alternatives_fn() -> AlternativesFn:
    """``alternatives.alternatives``, memoised for the process: the knowledge base and the price table are
    read-only data, so the candidates of one (model, role, host, scenario) never change within a run."""
    from modelmap.switch import alternatives

    def find(model: str, *, scenario: Any = None, role: str | None = None, provider: str | None = None) -> list[Any]:
        key = (model, role, provider, str(getattr(scenario, "id", "")), str(getattr(scenario, "deny", "")))
        if key not in _CANDIDATES:
            found = alternatives.find_alternatives(model, scenario=scenario, role=role, provider=provider)
            _CANDIDATES[key] = list(found.candidates)
            _NOTES[(model, role, provider)] = "; ".join(f"{group}: {note}" for group, note in found.notes.items())
        return _CANDIDATES[key]

    find.notes = _NOTES  # type: ignore[attr-defined]
    return find


# --------------------------------------------------------------------------- usage facts

def _served(finding: Finding) -> tuple[str | None, bool]:
    """Who serves this usage, and whether that is only assumed: the resolution's served_by (evidence: an endpoint,
    a client, a provider prefix, a hosted form; a linked self-hosted endpoint wins), else the provider discovery
    guessed from the model's name (assumed)."""
    served = (finding.resolution or {}).get("served_by")
    if isinstance(served, dict) and served.get("id"):
        return str(served["id"]), False
    return finding.provider, finding.provider is not None


def _is_self_hosted(finding: Finding) -> bool:
    served = (finding.resolution or {}).get("served_by")
    if isinstance(served, dict) and served.get("id"):
        return served.get("kind") == "local"
    return finding.provider is None and finding.kind in ("hf-repo", "model-file", "ollama-tag")


def _model_of(finding: Finding) -> str | None:
    model = (finding.resolution or {}).get("model")
    return str(model["id"]) if isinstance(model, dict) and model.get("id") else None


class _Lines:
    """Bounded line reads of scanned files, cached (diffs and PEFT detection)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._cache: dict[str, list[str] | None] = {}

    def lines(self, rel: str) -> list[str] | None:
        if rel not in self._cache:
            path = self.root / rel
            try:
                with path.open("rb") as handle:
                    data = handle.read(_LINE_LIMIT + 1)
                self._cache[rel] = None if len(data) > _LINE_LIMIT else data.decode("utf-8", "replace").splitlines()
            except OSError:
                self._cache[rel] = None
        return self._cache[rel]

    def line(self, rel: str, number: int) -> str | None:
        lines = self.lines(rel)
        if lines is None or not 1 <= number <= len(lines):
            return None
        return lines[number - 1]


_PEFT = re.compile(r"\b(PeftModel|get_peft_model|from\s+peft\s+import|import\s+peft)\b")


def fine_tune_binding(finding: Finding, files: _Lines) -> str | None:
    """Why a usage is a fine-tune bound to its base (class D), or None."""
    raw = finding.raw.strip()
    if raw.startswith("ft:"):
        return f"{raw} is a hosted fine-tune ('ft:' id): it exists only on its base and must be retrained"
    if Path(finding.path).name == "adapter_config.json":
        return (f"{finding.path} is a PEFT adapter whose base_model_name_or_path is {raw}: the adapter must be "
                "retrained on the new base")
    lines = files.lines(finding.path)
    if lines is not None and finding.path.endswith(".py") and any(_PEFT.search(line) for line in lines):
        return (f"{finding.path} loads or trains a PEFT adapter on {raw}: the adapter is bound to this base and "
                "must be retrained")
    return None


def dropin_for(finding: Finding, candidate: dict[str, Any] | None, files: _Lines) -> tuple[str | None, str]:
    """The drop-in class of replacing ``finding`` by ``candidate``, and why."""
    bound = fine_tune_binding(finding, files)
    if bound:
        return "D", bound
    if finding.role == "embedding" or (candidate or {}).get("dropin") == "C":
        return "C", ("an embedding model: stored vectors must be re-embedded with the new model (new dimension), "
                     "with a dual-index cut-over")
    if candidate is None:
        return None, "no replacement"
    cls = candidate.get("dropin")
    if cls in ("A", "B", "E"):
        why = {"A": "same API shape: swap the model name (and base URL/key)",
               "B": "another SDK or API shape: the call must be ported",
               "E": "prompts or chat template must be revalidated on the new model"}[cls]
        return str(cls), why
    return "B", "drop-in class not given by the candidate: treated as an API change (B)"


# --------------------------------------------------------------------------- edits

def _replacement_name(candidate: dict[str, Any], finding: Finding) -> str:
    """The model string to write at the call site: the provider's API name without a litellm provider
    prefix for SDK calls, else the candidate's model id."""
    name = candidate.get("api_name") or candidate.get("model") or ""
    name = str(name)
    litellm = finding.api == "litellm" or finding.source == "litellm" or "call:litellm" in (finding.evidence or ())
    if not litellm and "/" in name:
        prefix, rest = name.split("/", 1)
        if prefix in _litellm_prefixes(candidate.get("provider")):
            name = rest
    if litellm and candidate.get("provider") is None and "/" in finding.raw:
        # new weights on the same self-hosted server: LiteLLM still needs the route's prefix
        # (hosted_vllm/Qwen/... -> hosted_vllm/ibm-granite/...), or it no longer knows which provider to call
        prefix = finding.raw.split("/", 1)[0]
        if prefix in _local_litellm_prefixes() and not name.startswith(prefix + "/"):
            name = f"{prefix}/{name}"
    return name


def _local_litellm_prefixes() -> frozenset[str]:
    """LiteLLM provider prefixes of self-hosted servers (providers.yaml kind local: hosted_vllm, ollama, ...)."""
    from modelmap.knowledge.loader import load_index

    return frozenset(str(p) for rec in load_index().providers.values() if rec.get("kind") == "local"
                     for p in rec.get("prefixes") or ())


def _litellm_prefixes(provider: Any) -> tuple[str, ...]:
    if not provider:
        return ()
    from modelmap.knowledge.loader import load_index

    record = load_index().providers.get(str(provider)) or {}
    return tuple(record.get("prefixes") or ())


def _provider_host(provider: Any) -> str | None:
    if not provider:
        return None
    from modelmap.knowledge.loader import load_index

    hosts = (load_index().providers.get(str(provider)) or {}).get("hosts") or ()
    plain = [h for h in hosts if "*" not in h]
    return plain[0] if plain else None


def _diff(path: str, number: int, old: str, new: str) -> str:
    return f"--- a/{path}\n+++ b/{path}\n@@ -{number} +{number} @@\n-{old}\n+{new}"


def edits_for(finding: Finding, candidate: dict[str, Any] | None, endpoints: dict[tuple[str, str], Finding],
              files: _Lines) -> list[Edit]:
    """The edits of one usage: the model string (a diff where it is a literal on its line), and the base URL
    when the replacement is served by another provider."""
    kind = "config" if finding.context == "config" or not finding.path.endswith(
        (".py", ".js", ".ts", ".go", ".java", ".rb", ".rs", ".kt", ".cs", ".php", ".scala", ".swift")) else "code"
    where = finding.definition or None
    out: list[Edit] = []
    if candidate is None:
        out.append(Edit(finding.path, finding.line, f"remove or replace {finding.raw} (no compliant replacement found)",
                        kind))
        return out
    new_name = _replacement_name(candidate, finding)
    text = files.line(finding.path, finding.line)
    if new_name == finding.raw:
        # the same name at another host (same weights): nothing to change in the model string; the host edits below
        pass
    elif text is not None and finding.raw in text and new_name:
        out.append(Edit(finding.path, finding.line, f"model {finding.raw} → {new_name}", kind,
                        _diff(finding.path, finding.line, text, text.replace(finding.raw, new_name))))
    else:
        out.append(Edit(finding.path, finding.line, f"model {finding.raw} → {new_name} (set where the value comes "
                                                    "from; it is not a literal on this line)", kind))
    if where is not None and new_name != finding.raw:
        dtext = files.line(where.path, where.line)
        if dtext is not None and finding.raw in dtext:
            out.append(Edit(where.path, where.line, f"defined here: {finding.raw} → {new_name}", "config",
                            _diff(where.path, where.line, dtext, dtext.replace(finding.raw, new_name))))
    old_provider, _ = _served(finding)
    new_provider = candidate.get("provider")
    if finding.endpoint and new_provider and new_provider != old_provider:
        ep = endpoints.get((finding.path, finding.endpoint.rstrip("/")))
        host = _provider_host(new_provider)
        target = f"the {new_provider} endpoint" + (f" (host {host})" if host else "")
        out.append(Edit(ep.path if ep else finding.path, ep.line if ep else finding.line,
                        f"base URL {finding.endpoint} → {target}; set its API key", "endpoint"))
    elif old_provider and new_provider and new_provider != old_provider and not _is_self_hosted(finding):
        # another host named by the model string alone (a LiteLLM provider prefix): the old host's key stays
        # unless someone changes it, and calls fail at cut-over
        key = _key_line(files, finding)
        if key is not None:
            number, text = key
            out.append(Edit(finding.path, number, f"API key {text.strip()} is {old_provider}'s: set the "
                                                  f"{new_provider} key here", "endpoint"))
        else:
            out.append(Edit(finding.path, finding.line, f"host {old_provider} → {new_provider}: set the "
                                                        f"{new_provider} API key where {old_provider}'s is set",
                            "endpoint"))
    return out


_ENTRY_START = re.compile(r"^\s*-\s")  # a YAML list item: the next LiteLLM model_list entry
_API_KEY = re.compile(r"^\s*[\"']?api_key[\"']?\s*[:=]")


def _key_line(files: _Lines, finding: Finding) -> tuple[int, str] | None:
    """The ``api_key`` line of the config entry that holds this model (a LiteLLM model_list item: the lines around
    the model, up to the neighbouring list items), or None."""
    lines = files.lines(finding.path)
    if lines is None or not 1 <= finding.line <= len(lines) or finding.kind == "endpoint":
        return None
    start = finding.line - 1
    while start > 0 and not _ENTRY_START.match(lines[start]) and finding.line - start < 12:
        start -= 1
    end = finding.line
    while end < len(lines) and not _ENTRY_START.match(lines[end]) and end - finding.line < 12:
        end += 1
    for number in range(start, end):
        if _API_KEY.match(lines[number]):
            return number + 1, lines[number]
    return None


# --------------------------------------------------------------------------- cost

def _price_of(provider: str | None, model: str | None, query: str, overrides: Any) -> Any:
    from modelmap.switch import prices

    if not provider:
        return None
    base_ft = ":".join(query.split(":")[:2]) if query.startswith("ft:") else None
    for key in (model, query, query.split("/", 1)[-1] if "/" in query else None, base_ft):
        if key:
            found = prices.price(provider, key, overrides=overrides)
            if found is not None:
                return found
    return None


def _token_cost(price: dict[str, Any] | None, input_tokens: float, output_tokens: float) -> float | None:
    if not price or price.get("input") is None:
        return None
    usd = input_tokens / PER_M * float(price["input"])
    if output_tokens:
        if price.get("output") is None:
            return None
        usd += output_tokens / PER_M * float(price["output"])
    return round(usd, 2)


def _price_basis(price: dict[str, Any], input_tokens: float, output_tokens: float) -> str:
    src = f"{price.get('source')}" + (f" {price.get('version')}" if price.get("version") else "")
    return (f"{input_tokens:,.0f} in x ${price.get('input')}/1M + {output_tokens:,.0f} out x "
            f"${price.get('output')}/1M ({src}, as of {price.get('as_of')})")


# --------------------------------------------------------------------------- the plan

def _live(facts: Any) -> dict[str, Any] | None:
    """A usage's runtime facts (policy/inventory.attach_runtime) for the plan; None without runtime data."""
    return {k: facts.get(k) for k in ("seen", "served_by", "requests", "last_seen")} if isinstance(facts, dict) else None


def _flow_tags(config: ProjectConfig | None) -> dict[str, list[str]]:
    return {f.name: list(f.tags) for f in getattr(config, "flows", ()) or ()}


def build_plan(result: ScanResult, scenario_result: ScenarioResult, config: ProjectConfig | None = None,
               volume: Volume | None = None, *, alternatives_fn: AlternativesFn | None = None,
               price_overrides: Any = None) -> Plan:
    """The plan for the usages of ``scenario_result`` (from ``scenario.affected`` over ``result``)."""
    from modelmap.policy.inventory import flows_of

    volume = volume or Volume()
    find_alternatives = alternatives_fn or _alternatives_fn()
    files = _Lines(Path(result.root))
    flows_cfg = tuple(getattr(config, "flows", ()) or ())
    tags = _flow_tags(config)
    endpoints = {(f.path, (f.endpoint or f.raw).rstrip("/")): f for f in result.findings if f.kind == "endpoint"}
    cache: dict[tuple[str, str | None, str | None], list[dict[str, Any]]] = {}
    scenario = scenario_result.scenario
    plans: dict[str, FlowPlan] = {}

    def candidates(model: str, role: str | None, provider: str | None) -> list[dict[str, Any]]:
        key = (model, role, provider)
        if key not in cache:
            role_arg = role if role not in (None, "unknown") else None
            try:
                found = find_alternatives(model, scenario=scenario, role=role_arg, provider=provider)
            except Exception as exc:  # a candidate lookup that fails is a "none found" with its reason
                cache[key] = []
                cache_errors[key] = f"alternatives failed: {exc.__class__.__name__}: {exc}"
                return []
            cache[key] = [candidate_dict(c) for c in found or ()]
        return cache[key]

    cache_errors: dict[tuple[str, str | None, str | None], str] = {}
    flow_names: dict[tuple[str, int], list[str]] = {}  # (path, group) -> flows it breaks the scenario in
    group_flows: dict[int, tuple[Any, ...]] = {}
    for group in scenario_result.affected:
        if group.role == "endpoint":
            continue  # an endpoint is edited with the model usages that call it
        for finding in group.findings:
            role = finding.role if finding.role != "unknown" else (group.role or "unknown")
            model_id = _model_of(finding)
            lookup = model_id or finding.raw
            served_by, assumed = _served(finding)
            # a model the company serves itself (weights in a Helm chart, a Transformers call) is replaced first
            # by open weights it can serve the same way
            host = served_by or ("self-hosted" if _is_self_hosted(finding) else None)
            found = candidates(lookup, role, host)
            bound = fine_tune_binding(finding, files)
            chosen = _choose(found, needs_weights=bound is not None and not finding.raw.startswith("ft:"))
            none_found = None
            if chosen is None:
                role_arg = role if role not in (None, "unknown") else None
                notes = getattr(find_alternatives, "notes", {}).get((lookup, role_arg, host))
                none_found = cache_errors.get((lookup, role, host)) or _none_reason(
                    finding, model_id, found, bound, notes)
            dropin, why = dropin_for(finding, chosen, files)
            hours, assumption = EFFORT.get(dropin or "", (0.0, "nothing to change until a replacement is found"))
            usage = UsagePlan(
                path=finding.path, line=finding.line, raw=finding.raw, model=model_id, role=role,
                served_by=served_by, dropin=dropin, dropin_reason=why, replacement=chosen,
                none_found=none_found, edits=edits_for(finding, chosen, endpoints, files),
                effort_hours=hours, effort_assumption=assumption,
                fallbacks=[c for c in found if c is not chosen][:2],
                live=_live((finding.resolution or {}).get("runtime")),
                served_by_assumed=assumed, size_step=_size_step(model_id, chosen), licence_note=_licence_note(chosen),
                host_unknown=served_by is None and not _is_self_hosted(finding),
            )
            # the flows of this usage in which it breaks the scenario (a rule may apply to some flows only)
            broken = group_flows.get(id(group))
            if broken is None:
                broken = group_flows[id(group)] = tuple(f for f in flows_cfg if f.name in group.flows)
            key = (finding.path, id(group))
            names = flow_names.get(key) if not binding_not_used(finding.evidence) else None
            if names is None:
                names = flows_of(finding, broken) if broken else []
                # a usage in no declared flow broke the scenario where it stands (checked with flow.name == null),
                # even when the same model breaks it inside a flow elsewhere: it is planned under "(no flow)"
                names = names or ([] if broken and flows_of(finding, flows_cfg) else [NO_FLOW])
                if not binding_not_used(finding.evidence):
                    flow_names[key] = names
            for name in names:
                plan = plans.get(name)
                if plan is None:
                    plan = plans[name] = FlowPlan(name=name, tags=tags.get(name, []))
                plan.usages.append(usage)
    _add_in_use_compliant(plans, result, scenario_result, flows_cfg, price_overrides)
    order = [f.name for f in flows_cfg] + [NO_FLOW]
    flows = sorted(plans.values(), key=lambda p: order.index(p.name) if p.name in order else len(order))
    for plan in flows:
        plan.usages.sort(key=lambda u: (u.path, u.line))
        _share_revalidation(plan)
        _cost_flow(plan, result, volume, price_overrides)
        _verdict(plan, volume)
        plan.evaluation = _evaluation(plan)
        plan.rollback = _rollback(plan)
    models = {g.model or g.query for g in scenario_result.affected if g.role != "endpoint"}
    return Plan(root=result.root, scenario=scenario.to_dict(), flows=flows, volume=volume,
                affected_models=len(models))


def _share_revalidation(plan: FlowPlan) -> None:
    """Charge a flow's prompt revalidation (class E) once per deployment and replacement. One deployment is often
    written on several config lines (a Helm chart's model name and its ``--model`` argument, a LiteLLM route to the
    same server): each is a usage with the same model at the same host and the same replacement, but the prompts of
    the flow are revalidated on the new model once. The first usage (by path and line) keeps the hours; the others
    are charged 0 h and name it, so each row, the flow's total and the summary agree in every output format. A usage
    planned in several flows is copied before it is changed: the other flow charges it on its own."""
    first: dict[tuple[str, str, str, str], UsagePlan] = {}
    for i, u in enumerate(plan.usages):
        if u.dropin != "E" or not u.replacement:
            continue
        key = (u.model or u.raw, u.served_label(), str(u.replacement.get("model") or ""),
               str(u.replacement.get("provider") or "self-hosted"))
        carrier = first.setdefault(key, u)
        if carrier is not u:
            plan.usages[i] = replace(u, effort_hours=0.0, effort_shared_with=f"{carrier.path}:{carrier.line}",
                                     effort_assumption=f"{u.effort_assumption}; charged once for this deployment and "
                                     f"replacement, at {carrier.path}:{carrier.line}")


def _add_in_use_compliant(plans: dict[str, FlowPlan], result: ScanResult, scenario_result: ScenarioResult,
                          flows_cfg: tuple[Any, ...], overrides: Any) -> None:
    """Per planned flow, the API-served models it already uses that pass the scenario (not affected), with their
    provenance: the emitted router config adds them as the last fallbacks of the same role."""
    from modelmap.inventory import IN_USE, section_of
    from modelmap.policy.inventory import flows_of

    planned = tuple(f for f in flows_cfg if f.name in plans)
    if not planned:
        return
    affected_ids = {id(f) for g in scenario_result.affected for f in g.findings}
    seen: set[tuple[str, str, str]] = set()
    by_path: dict[str, list[str]] = {}
    for finding in result.findings:
        if finding.kind == "endpoint" or id(finding) in affected_ids or section_of(finding.context) not in IN_USE:
            continue
        res = finding.resolution or {}
        served = res.get("served_by")
        if not isinstance(served, dict) or not served.get("id") or served.get("kind") == "local":
            continue
        names = by_path.get(finding.path) if not binding_not_used(finding.evidence) else None
        if names is None:
            names = flows_of(finding, planned)
            if not binding_not_used(finding.evidence):
                by_path[finding.path] = names
        model_id = _model_of(finding)
        for name in names:
            key = (name, model_id or finding.raw, str(served["id"]))
            if key in seen:
                continue
            seen.add(key)
            found = _price_of(str(served["id"]), model_id, finding.raw, overrides)
            license_: dict[str, Any] = res["license"] if isinstance(res.get("license"), dict) else {}
            origins = res.get("origins")
            plans[name].in_use_compliant.append({
                "model": model_id or finding.raw, "provider": served["id"],
                "publisher": (res.get("publisher") or {}).get("id"),
                "origins": list(origins) if origins else None, "serving_country": served.get("country"),
                "license": license_.get("id"), "open_weights": res.get("open_weights"), "dropin": None,
                "api_name": finding.raw, "role": finding.role, "price": found.to_dict() if found else None,
                "why": f"already used in this flow ({finding.path}:{finding.line}) and passes the scenario",
            })


def _choose(found: list[dict[str, Any]], *, needs_weights: bool) -> dict[str, Any] | None:
    """The candidate to plan with: the best drop-in class, then ``alternatives``' own order. A PEFT adapter
    needs open weights to retrain on."""
    pool = [c for c in found if c.get("open_weights")] if needs_weights else list(found)
    if not pool:
        return None
    from modelmap.switch.alternatives import DROP_IN_ORDER

    last = len(DROP_IN_ORDER)
    best = min(enumerate(pool), key=lambda ic: (DROP_IN_ORDER.get(str(ic[1].get("dropin")), last), ic[0]))[1]
    if needs_weights and best.get("provider"):
        # the adapter is retrained and served on these weights: self-hosted, priced by the user's GPU inputs
        from modelmap.knowledge.loader import load_index

        hub = (load_index().models.get(str(best.get("model"))) or {}).get("hf")
        best = {**best, "provider": None, "serving_country": None, "price": None, "api_name": hub,
                "why": f"{best.get('why') or 'a compliant open-weights model'}; self-hosted, since the adapter is "
                       "retrained and served on its weights"}
    return best


def _size_step(model_id: str | None, chosen: dict[str, Any] | None) -> str | None:
    """"14B -> 3B, 4.7x smaller" when both sizes are published and differ by more than a quarter."""
    from modelmap.knowledge.loader import load_index
    from modelmap.switch.alternatives import params_of, parse_params

    if not model_id or not chosen:
        return None
    kb = load_index()
    before = params_of(kb, kb.models.get(model_id))  # as alternatives sized it: a fine-tune takes its base's size
    after = chosen.get("params")
    a, b = parse_params(before), parse_params(after)
    if not a or not b or max(a, b) / min(a, b) < 1.25:
        return None
    return f"{before} -> {after}, {max(a, b) / min(a, b):.1f}x {'smaller' if b < a else 'larger'}"


def fit_note(chosen: dict[str, Any]) -> str | None:
    """'multi-vector: re-index with a ColBERT (late-interaction) index': what the plan says beside an embedding or
    rerank replacement whose output kind or languages are known not to match, or are not known; None otherwise."""
    fit = chosen.get("fit") or {}
    notes = [str(fit[k]) for k in ("output", "languages") if fit.get(f"{k}_rank") and fit.get(k)]
    return "; ".join(notes) or None


def _licence_note(chosen: dict[str, Any] | None) -> str | None:
    """What the plan says beside a replacement whose licence does not plainly allow commercial use (the plan table
    named no licence, so a CC-BY-NC embedder went into a regulated flow's job unremarked)."""
    from modelmap.knowledge.loader import load_index

    if not chosen:
        return None
    lid = chosen.get("license")
    if not lid or lid == "unknown":
        return "licence unknown"
    use = (load_index().licenses.get(str(lid)) or {}).get("commercial_use")
    if use is True:
        return None
    if use is False:
        return f"licence {lid} forbids commercial use"
    if use == "conditional":
        return f"licence {lid} allows commercial use only under conditions"
    return f"licence {lid}: commercial use not recorded"


def _none_reason(finding: Finding, model_id: str | None, found: list[dict[str, Any]], bound: str | None,
                 notes: str | None = None) -> str:
    if found and bound:
        return ("no open-weights candidate complies with the scenario, and the adapter needs open weights to be "
                "retrained on")
    if model_id is None:
        return (f"{finding.raw} is not identified as one model in the knowledge base "
                f"({(finding.resolution or {}).get('reason') or 'unknown'}), and no compliant candidate was found "
                "for it" + (f" ({notes})" if notes else ""))
    if notes:
        return f"no candidate for {model_id} in the role {finding.role} passes the scenario ({notes})"
    return (f"no candidate for {model_id} in the role {finding.role} passes the scenario "
            "(the knowledge base and price table hold none)")


def _cost_flow(plan: FlowPlan, result: ScanResult, volume: Volume, overrides: Any) -> None:
    """Before/after per distinct (model, provider) in the flow; re-embedding as a one-off."""
    hosting = volume.self_hosting
    plan.volume = volume.for_flow(plan.name if plan.name != NO_FLOW else None).to_dict()
    seen_before: set[tuple[str, str | None]] = set()
    seen_after: set[tuple[str, str | None]] = set()
    for usage in plan.usages:
        label = usage.model or usage.raw
        vol = volume.for_flow(plan.name if plan.name != NO_FLOW else None, label)
        tokens_out = 0.0 if usage.role in ("embedding", "rerank") else vol.output_tokens
        # one self-hosted deployment per model: the Helm values that name the weights (no serving evidence) and the
        # call that reaches the server (served by vllm or self-hosted) are the same deployment, priced once
        key = (label, "self-hosted" if _priced_as_self_hosted(usage.served_by) else usage.served_by)
        if key not in seen_before:
            seen_before.add(key)
            plan.cost_lines.append(_before_line(usage, vol.input_tokens, tokens_out, hosting, overrides))
        cand = usage.replacement
        if cand is None:
            continue
        akey = (str(cand.get("model")), cand.get("provider"))
        if akey in seen_after:
            continue
        seen_after.add(akey)
        plan.cost_lines.append(_after_line(cand, vol.input_tokens, tokens_out, hosting))
        if usage.dropin == "C":
            plan.cost_lines.append(_reembed_line(cand, vol.corpus_tokens, vol.corpus_documents))


def _self_hosted_line(when: str, model: str, hosting: Any, tokens: float = 0.0) -> CostLine:
    """One deployment of ``gpus`` GPUs for ``hours_per_month``; with ``tokens_per_second`` (a deployment's
    throughput), as many deployments as the flow's monthly tokens need."""
    import math

    monthly = hosting.monthly_usd
    if monthly is None:
        return CostLine(when, model, "self-hosted", None,
                        "self-hosted: not priced (give self_hosting gpu_hour_usd, gpus and hours_per_month in the "
                        "volume file; modelmap never assumes a per-token price for self-hosting)")
    basis = (f"{hosting.gpus:g} GPU x {hosting.hours_per_month:g} h x ${hosting.gpu_hour_usd:g}/GPU-hour "
             "(your self_hosting inputs)")
    if hosting.tokens_per_second:
        capacity = hosting.tokens_per_second * 3600 * hosting.hours_per_month
        replicas = max(1, math.ceil(tokens / capacity)) if capacity else 1
        basis = (f"{replicas} deployment(s) for {tokens:,.0f} tokens at {hosting.tokens_per_second:g} tokens/s "
                 f"each; each {basis}")
        return CostLine(when, model, "self-hosted", round(monthly * replicas, 2), basis)
    return CostLine(when, model, "self-hosted", monthly, basis)


_SELF_HOSTED_SERVERS = ("self-hosted", "vllm", "ollama", "llamacpp", "lm-studio", "tgi", "llamafile")


def _priced_as_self_hosted(served_by: str | None) -> bool:
    """Whether a usage's current cost is the company's own deployment (no host in code, or a model server)."""
    return served_by is None or served_by in _SELF_HOSTED_SERVERS


HOST_UNKNOWN = "host unknown"


def _before_line(usage: UsagePlan, input_tokens: float, output_tokens: float, hosting: Any, overrides: Any) -> CostLine:
    label = usage.model or usage.raw
    if usage.host_unknown:
        # not the company's GPUs by default: pricing it from the self_hosting inputs would be a guess
        return CostLine("before", label, None, None, f"{HOST_UNKNOWN}: nothing in the code says who serves {label} "
                                                     "(no endpoint, client or provider), so it is not priced")
    if _priced_as_self_hosted(usage.served_by):
        return _self_hosted_line("before", label, hosting, input_tokens + output_tokens)
    found = _price_of(usage.served_by, usage.model, usage.raw, overrides)
    assumed = f" ({ASSUMED}: the code names no endpoint for it)" if usage.served_by_assumed else ""
    if found is None:
        return CostLine("before", label, usage.served_by, None,
                        f"no sourced price for {label} at {usage.served_by}{assumed}")
    price = found.to_dict()
    return CostLine("before", label, usage.served_by, _token_cost(price, input_tokens, output_tokens),
                    _price_basis(price, input_tokens, output_tokens) + assumed, price)


def _after_line(cand: dict[str, Any], input_tokens: float, output_tokens: float, hosting: Any) -> CostLine:
    model = str(cand.get("model"))
    provider = cand.get("provider")
    if not provider or provider in ("self-hosted", "vllm", "ollama"):
        return _self_hosted_line("after", model, hosting, input_tokens + output_tokens)
    price = cand.get("price")
    if not price or price.get("input") is None:
        return CostLine("after", model, provider, None, f"no sourced price for {model} at {provider}")
    return CostLine("after", model, provider, _token_cost(price, input_tokens, output_tokens),
                    _price_basis(price, input_tokens, output_tokens), price)


def _reembed_line(cand: dict[str, Any], corpus_tokens: float | None, documents: float | None) -> CostLine:
    model = str(cand.get("model"))
    price = cand.get("price")
    docs = f"{documents:,.0f} documents, " if documents is not None else ""
    if corpus_tokens is None:
        return CostLine("one-off", model, cand.get("provider"), None,
                        "re-embedding the corpus: size unknown (give corpus_tokens and corpus_documents for the flow)")
    if not price or price.get("input") is None:
        return CostLine("one-off", model, cand.get("provider"), None,
                        f"re-embedding {docs}{corpus_tokens:,.0f} tokens: no sourced price for {model}"
                        + ("" if cand.get("provider") else " (self-hosted: priced by your GPU time)"))
    usd = round(corpus_tokens / PER_M * float(price["input"]), 2)
    return CostLine("one-off", model, cand.get("provider"), usd,
                    f"re-embed {docs}{corpus_tokens:,.0f} tokens x ${price['input']}/1M ({price.get('source')}, "
                    f"as of {price.get('as_of')})", price)


def _verdict(plan: FlowPlan, volume: Volume) -> None:
    reasons: list[str] = []
    vol = volume.for_flow(plan.name if plan.name != NO_FLOW else None)
    rate = volume.flows.get(plan.name, {}).get("reembed_tokens_per_hour")
    for usage in plan.usages:
        where = f"{usage.path}:{usage.line}"
        if usage.replacement is None:
            reasons.append(f"{where}: no compliant replacement for {usage.model or usage.raw} ({usage.none_found})")
        elif usage.dropin == "D":
            reasons.append(f"{where}: retrain needed: {usage.dropin_reason}")
        elif usage.dropin == "C":
            if vol.corpus_tokens is None:
                reasons.append(f"{where}: re-embedding needed and the corpus size is unknown")
            elif not rate:
                docs = f"{vol.corpus_documents:,.0f} documents / " if vol.corpus_documents is not None else ""
                reasons.append(f"{where}: re-embed of {docs}{vol.corpus_tokens:,.0f} tokens; no re-embed rate given "
                               "(reembed_tokens_per_hour), so it is not shown to finish within 24 hours")
            elif vol.corpus_tokens / rate > 24:
                reasons.append(f"{where}: re-embed of {vol.corpus_tokens:,.0f} tokens takes "
                               f"{vol.corpus_tokens / rate:.1f} h at {rate:,.0f} tokens/h (over 24 h)")
    if plan.effort_hours > FEASIBLE_HOURS:
        reasons.append(f"effort {plan.effort_hours:g} h is over {FEASIBLE_HOURS:g} working hours")
    plan.feasible_48h = not reasons
    plan.verdict_reasons = reasons or [
        f"every affected usage has a compliant replacement in class {', '.join(sorted({u.dropin or '?' for u in plan.usages}))}"
        f" and the effort is {plan.effort_hours:g} h"]


def _evaluation(plan: FlowPlan) -> list[str]:
    roles = {u.role for u in plan.usages}
    regulated = "regulated" in plan.tags
    steps = [f"run 50-200 real {plan.name} examples through the current and the new model and compare the outputs "
             "(exact-match or graded), before cut-over"]
    if roles & {"generation", "unknown", "vision"}:
        steps.append("jailbreak and prompt-injection probes on the new model")
        steps.append("code-security probes (insecure code suggestions) where the flow generates code or tool calls")
    if "embedding" in roles:
        steps.append("retrieval recall@k on a labelled query set: new index against the old one")
    if "rerank" in roles:
        steps.append("reranking nDCG@k on the same labelled queries")
    if any(u.dropin == "D" for u in plan.usages):
        steps.append("the fine-tune's own acceptance set on the retrained adapter/model")
    if regulated:
        steps.append("re-run `modelmap check` with the new configuration: the regulated flow must pass the policy")
    return steps


def _rollback(plan: FlowPlan) -> list[str]:
    steps: list[str] = []
    classes = {u.dropin for u in plan.usages}
    if classes & {"A", "B", "E"}:
        steps.append("keep the old model name and base URL behind a config flag; revert the config change (or route "
                     "the Router back) if the evaluation or the first day's metrics fail")
    if "C" in classes:
        steps.append("keep the old index read-only until the new one passes; switch the read alias back to roll back")
    if "D" in classes:
        steps.append("keep the current fine-tune/adapter deployed until the retrained one passes its acceptance set")
    if None in classes:
        steps.append("nothing to roll back for usages without a replacement: they stay as they are (and stay "
                     "non-compliant)")
    return steps


# --------------------------------------------------------------------------- entry point

def plan_project(path: str | Path, scenario: str | None = None, *, deny: str | None = None,
                 volume_path: str | Path | None = None, config_path: str | Path | None = None,
                 alternatives_fn: AlternativesFn | None = None, eval_path: str | Path | None = None,
                 require: Sequence[str] = (), runtime: dict[str, Any] | None = None) -> tuple[Plan, ScanResult, Any]:
    """Scan ``path`` (the project of its nearest modelmap.yaml), run the scenario and plan. Returns the plan,
    the scan and the project config. Each flow's readiness comes from the eval gate (``switch.gate``): the
    evaluation at ``eval_path`` against the ``require`` rules and modelmap.yaml's ``switch: require:``."""
    import modelmap
    from modelmap.cli.check_cmd import find_project
    from modelmap.switch import scenario as scenarios
    from modelmap.switch.volume import load_volume

    project = find_project(Path(path), Path(config_path) if config_path else None)
    chosen = scenarios.scenario_for(scenario, deny)
    volume = load_volume(volume_path)
    result = modelmap.scan([project.root], resolve=True)
    if runtime is not None:  # plan --runtime: each usage says whether its model is seen serving
        from modelmap.policy.inventory import attach_runtime

        result = attach_runtime(result, runtime)
    affected = scenarios.affected(result, chosen, project.config)
    from modelmap.switch import prices

    # the project's own prices (prices: in modelmap.yaml) win; a malformed entry is a ConfigError (exit 2)
    overrides = prices.load_overrides(project.root) or None if project.config.path is not None else None
    plan = build_plan(result, affected, project.config, volume, alternatives_fn=alternatives_fn,
                      price_overrides=overrides)
    _apply_eval_gate(plan, project.root if project.config.path is not None else None, eval_path, require)
    return plan, result, project.config


def _apply_eval_gate(plan: Plan, root: Path | None, eval_path: str | Path | None, require: Sequence[str]) -> None:
    """The eval gate (issue 16, ``switch/gate.py``): without an evaluation every replacement needs one."""
    from modelmap.switch import gate

    rules = [*(gate.rules_from_config(root) if root is not None else []), *(gate.parse_rule(r) for r in require)]
    doc = gate.load_eval(Path(eval_path)) if eval_path is not None else None
    gate.apply(plan, doc, rules, str(eval_path) if eval_path is not None else None)


# --------------------------------------------------------------------------- rendering

def render_json(plan: Plan) -> bytes:
    from modelmap.output import dumps_json

    return dumps_json(plan.to_dict())


def _usd(value: float | None) -> str:
    return "unknown" if value is None else f"${value:,.2f}"


def count(n: int, noun: str) -> str:
    """``1 affected usage``, ``2 flows``: the plan's summary read "1 affected usages in 1 flows"."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def render_markdown(plan: Plan) -> str:
    from modelmap.output import md_code, md_text

    s = plan.summary()
    lines = [f"# Migration plan: scenario `{plan.scenario.get('id')}`", "",
             f"Rule (CEL deny): {md_code(plan.scenario.get('deny'), in_table=False)}", "",
             f"**{count(s['usages_affected'], 'affected usage')}** in **{count(s['flows'], 'flow')}**: {s['replaced']} "
             "with a compliant "
             f"replacement, {s['none_found']} with none found. **{s['feasible_48h']} of {s['flows']} flows** can "
             f"switch within 48 hours. Effort {s['effort_hours']:g} h. Monthly cost {_usd(s['cost_before'])} before, "
             f"{_usd(s['cost_after'])} after" + ("" if s["cost_complete"] else " (some lines are not priced; see below)")
             + ".", ""]
    if plan.volume.source is None:
        lines += [f"Volume: {md_text(DEFAULT_NOTE)}.", ""]
    else:
        lines += [f"Volume: {md_text(plan.volume.source)}; flows it does not name use the default.", ""]
    for flow in plan.flows:
        cost = flow.cost()
        verdict = "feasible" if flow.feasible_48h else "not feasible"
        lines += [f"## Flow `{flow.name}`" + (f" ({md_text(', '.join(flow.tags))})" if flow.tags else ""), "",
                  f"**48-hour verdict: {verdict}.** " + md_text("; ".join(flow.verdict_reasons)), "",
                  *_readiness_md(flow),
                  "| usage | now | replacement | class | effort |", "| --- | --- | --- | --- | --- |"]
        for u in flow.usages:
            if u.replacement:
                r = u.replacement
                repl = f"{md_code(r.get('model'))} at {md_text(r.get('provider') or 'self-hosted')}" + (
                    f" (size {md_text(u.size_step)})" if u.size_step else "") + (
                    f" ({md_text(u.licence_note)})" if u.licence_note else "") + (
                    f" ({md_text(note)})" if (note := fit_note(r)) else "")
            else:
                repl = "none found: " + md_text(u.none_found or "")
            live = "" if u.live is None else (
                f"; live: {'not counted' if u.live['requests'] is None else u.live['requests']} requests"
                if u.live["seen"] else "; not seen serving")
            lines.append(f"| {md_text(f'{u.path}:{u.line}')} | {md_code(u.raw)} ({md_text(u.served_label() + live)}) "
                         f"| {repl} | {md_text(u.dropin or '-')} | {md_text(u.effort_label())} |")
        lines += ["", "**Edits**", ""]
        for u in flow.usages:
            for e in u.edits:
                lines.append(f"- {md_text(f'{e.path}:{e.line}')}: {md_text(e.what)}")
                if e.diff:
                    lines += ["", "```diff", e.diff, "```", ""]
        lines += ["", f"**Cost a month** (USD): before {_usd(cost['before'])}, after {_usd(cost['after'])}"
                  + (f"; one-off {_usd(cost['one_off'])}" if cost["lines"] and any(
                      c["when"] == "one-off" for c in cost["lines"]) else "") + ".", ""]
        for c in flow.cost_lines:
            host = c.provider or (HOST_UNKNOWN if c.basis.startswith(HOST_UNKNOWN) else "self-hosted")
            lines.append(f"- {c.when}: {md_code(c.model, in_table=False)} at {md_text(host)}: "
                         f"{_usd(c.usd)} = {md_text(c.basis)}")
        lines += ["", f"**Effort**: {flow.effort_hours:g} h ({md_text(EVAL_HOURS[1])}).", "",
                  "**Evaluate before cut-over**", ""]
        lines += [f"- {md_text(step)}" for step in flow.evaluation]
        lines += ["", "**Rollback**", ""]
        lines += [f"- {md_text(step)}" for step in flow.rollback]
        lines.append("")
    lines += ["## Assumptions", "", f"- 48-hour verdict: {md_text(VERDICT_RULE)}."]
    lines += [f"- class {k}: {md_text(a)}" for k, (_, a) in EFFORT.items()]
    lines += [f"- {md_text(EVAL_HOURS[1])}", ""]
    return "\n".join(lines)


def _readiness_md(flow: FlowPlan) -> list[str]:
    from modelmap.output import md_text

    r = flow.readiness
    if r is None:
        return []
    lines = [f"**Switch readiness (eval gate): {md_text(r['status'])}.**"
             + (f" Rules: {md_text('; '.join(x['rule'] for x in r['rules']))}." if r["rules"] else ""), ""]
    for u in r["usages"]:
        lines.append(f"- {md_text(u['path'])}:{u['line']} {md_text(u['candidate'] or '?')} "
                     f"({md_text(u['status'])}): {md_text('; '.join(u['reasons']))}")
    return [*lines, ""] if r["usages"] else lines


def render_html(plan: Plan) -> bytes:
    """A self-contained HTML page of the plan (no scripts)."""
    from modelmap.output import html_text, to_utf8

    s = plan.summary()
    parts = ["<!doctype html><html lang=en><meta charset=utf-8>",
             f"<title>Migration plan: {html_text(plan.scenario.get('id'))}</title>",
             "<style>body{font:15px/1.45 system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem}"
             "table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3rem .5rem;"
             "text-align:left;vertical-align:top}pre{background:#f6f6f6;padding:.5rem;overflow-x:auto}"
             ".ok{color:#176b2c}.no{color:#a4161a}</style>",
             f"<h1>Migration plan: scenario <code>{html_text(plan.scenario.get('id'))}</code></h1>",
             f"<p>{count(s['usages_affected'], 'affected usage')} in {count(s['flows'], 'flow')}: {s['replaced']} replaced, "
             f"{s['none_found']} none found; {s['feasible_48h']} of {s['flows']} flows feasible in 48 hours; "
             f"monthly cost {html_text(_usd(s['cost_before']))} before, {html_text(_usd(s['cost_after']))} after"
             + ("" if s["cost_complete"] else " (some lines are not priced; see below)") + ".</p>"]
    for flow in plan.flows:
        cls = "ok" if flow.feasible_48h else "no"
        parts.append(f"<h2>Flow <code>{html_text(flow.name)}</code></h2>")
        parts.append(f"<p class={cls}><strong>48-hour verdict: {'feasible' if flow.feasible_48h else 'not feasible'}"
                     f"</strong>: {html_text('; '.join(flow.verdict_reasons))}</p>")
        if flow.readiness is not None:
            r = flow.readiness
            parts.append(f"<p class={'ok' if r['status'] == 'ready' else 'no'}><strong>Switch readiness (eval gate): "
                         f"{html_text(r['status'])}</strong></p><ul>")
            parts += [f"<li>{html_text(str(u['path']) + ':' + str(u['line']))} {html_text(u['candidate'])} "
                      f"({html_text(u['status'])}): {html_text('; '.join(u['reasons']))}</li>" for u in r["usages"]]
            parts.append("</ul>")
        parts.append("<table><tr><th>usage</th><th>now</th><th>replacement</th><th>class</th><th>effort</th></tr>")
        for u in flow.usages:
            repl = (f"<code>{html_text(u.replacement.get('model'))}</code> at "
                    f"{html_text(u.replacement.get('provider') or 'self-hosted')}"
                    + (f" ({html_text(u.licence_note)})" if u.licence_note else "")) if u.replacement else \
                f"none found: {html_text(u.none_found)}"
            parts.append(f"<tr><td>{html_text(f'{u.path}:{u.line}')}</td><td><code>{html_text(u.raw)}</code> "
                         f"({html_text(u.served_label())})</td>"
                         f"<td>{repl}</td><td>{html_text(u.dropin or '-')}</td><td>{html_text(u.effort_label())}</td></tr>")
        parts.append("</table><h3>Edits</h3><ul>")
        for u in flow.usages:
            for e in u.edits:
                parts.append(f"<li>{html_text(f'{e.path}:{e.line}')}: {html_text(e.what)}"
                             + (f"<pre>{html_text(e.diff)}</pre>" if e.diff else "") + "</li>")
        cost = flow.cost()
        parts.append(f"</ul><h3>Cost a month</h3><p>before {html_text(_usd(cost['before']))}, after "
                     f"{html_text(_usd(cost['after']))}</p><ul>")
        parts += [f"<li>{html_text(c.when)}: <code>{html_text(c.model)}</code>: {html_text(_usd(c.usd))} = "
                  f"{html_text(c.basis)}</li>" for c in flow.cost_lines]
        parts.append("</ul><h3>Evaluate before cut-over</h3><ul>")
        parts += [f"<li>{html_text(step)}</li>" for step in flow.evaluation]
        parts.append("</ul><h3>Rollback</h3><ul>")
        parts += [f"<li>{html_text(step)}</li>" for step in flow.rollback]
        parts.append("</ul>")
    parts.append(f"<h2>Assumptions</h2><p>{html_text(VERDICT_RULE)}</p><ul>")
    parts += [f"<li>class {k}: {html_text(a)}</li>" for k, (_, a) in EFFORT.items()]
    parts.append("</ul></html>\n")
    return to_utf8("".join(parts))
