"""The policy decision for one gateway deployment: may a request of these flows reach this upstream model?

A gateway (LiteLLM's proxy, see ``integrations/litellm.py``) knows, per request, the model group the client
asked for, the deployments behind it (each an upstream model such as ``deepseek/deepseek-chat`` and an
``api_base``) and who is asking (tags, key alias, team). ``Gate`` turns that into the same question
``modelmap check`` answers for code:

* **Flow.** A request belongs to the flows of modelmap.yaml that it names: a request tag ``flow:<name>`` or
  ``<name>``, the key's or team's metadata field ``modelmap_flow``, or a key alias / team alias equal to a
  flow name. A request that names no flow is *unknown*: rejected when ``unknown_flow`` is ``reject`` (the
  default, fail closed), else checked as a usage in no flow (``flow.name == null``), as ``check`` does.
* **Model.** The upstream is resolved by the modelmap resolver (the project's overlay included). Who serves
  it comes from evidence: with an ``api_base``, the provider whose documented hosts match it (unknown when
  none does: a prefix such as ``openai/`` then names the wire protocol, not the operator); without one, the
  provider prefix of the upstream.
* **Rules.** The policy's usage rules run on that (model, flow) with the variables ``check`` gives them
  (docs/policy.md); ``usage.path`` is ``litellm:<model group>``. Unknown facts fail closed as in ``check``
  (origins or lineage null). Usage rules that read ``inventory`` or ``runtime`` describe the code base or
  past traffic, not one request: they are listed in ``skipped_rules`` and not run here. Flow- and
  inventory-scope rules are not run either. A rule that cannot be evaluated counts as broken (fail closed).
* **Waivers.** An active waiver whose match covers the rule, the model (resolved id or upstream as
  written) and the flow lets the deployment through, as in ``check`` (a waiver with a ``path`` never does).

Decisions are memoised per (upstream, api_base, flows, model group), at most ``MAX_MEMO``: the policy and the knowledge base do not change
while the gateway runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any

from modelmap.policy.config import ProjectConfig
from modelmap.types import Finding

UNKNOWN_FLOW_RULE = "modelmap-unknown-flow"
UNREADABLE_RULE = "modelmap-rule-error"
FLOW_FIELD = "modelmap_flow"
UNKNOWN_FLOW_CHOICES = ("reject", "allow")
#: variables a usage rule may read that describe more than one request; such rules are not run at the gateway
NOT_PER_REQUEST = frozenset({"inventory", "runtime"})
#: decisions kept in memory; requests can name any subset of flows, so the memo is emptied when it is full
MAX_MEMO = 10_000


@dataclass(frozen=True)
class Broken:
    """One rule a deployment breaks in one flow."""

    rule: str
    severity: str
    message: str
    flow: str | None
    model: str

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "severity": self.severity, "message": self.message, "flow": self.flow,
                "model": self.model}


@dataclass(frozen=True)
class Decision:
    """Whether ``upstream`` may serve a request of ``flows`` (None: the request names no flow)."""

    upstream: str
    api_base: str | None
    flows: tuple[str, ...] | None
    model: str | None  # resolved model id, None when the resolver does not know it
    served_by: str | None  # provider id, None when unknown
    broken: tuple[Broken, ...] = ()
    waived: tuple[str, ...] = ()

    @property
    def allowed(self) -> bool:
        return not self.broken

    def to_dict(self) -> dict[str, Any]:
        return {"upstream": self.upstream, "api_base": self.api_base,
                "flows": list(self.flows) if self.flows is not None else None, "model": self.model,
                "served_by": self.served_by, "allowed": self.allowed,
                "broken": [b.to_dict() for b in self.broken], "waived": list(self.waived)}


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [v for v in value if isinstance(v, str)]
    return []


@dataclass
class Gate:
    """The project's policy, ready to judge deployments. Build it with ``Gate.from_config``."""

    config: ProjectConfig
    today: date
    unknown_flow: str = "reject"
    resolve: Callable[[str], Any] | None = None
    rules: list[Any] = field(default_factory=list)
    skipped_rules: list[str] = field(default_factory=list)
    _memo: dict[tuple[str, str | None, tuple[str, ...] | None, str | None], Decision] = field(default_factory=dict)

    @classmethod
    def from_config(cls, config: ProjectConfig, *, today: date | None = None, unknown_flow: str = "reject",
                    resolve: Callable[[str], Any] | None = None) -> Gate:
        if unknown_flow not in UNKNOWN_FLOW_CHOICES:
            raise ValueError(f"unknown_flow must be one of {', '.join(UNKNOWN_FLOW_CHOICES)}, not {unknown_flow!r}")
        usage = [r for r in config.rules if r.scope == "usage"]
        run = [r for r in usage if not (r.names & NOT_PER_REQUEST)]
        skipped = sorted(r.id for r in config.rules if r not in run)
        if resolve is None:
            from modelmap.provenance.resolver import resolve as resolve_default
            from modelmap.provenance.resolver import resolver_for

            resolver = resolver_for(config.root)

            def resolve(name: str) -> Any:
                return resolve_default(name, resolver=resolver)
        from modelmap.runtime.probe import safe_resolver

        return cls(config=config, today=today or datetime.now(timezone.utc).date(), unknown_flow=unknown_flow,
                   resolve=safe_resolver(resolve), rules=run, skipped_rules=skipped)

    # --- flows -------------------------------------------------------------------------------------------

    def flows_for(self, metadata: Mapping[str, Any] | None, tags: Iterable[str] = ()) -> tuple[str, ...] | None:
        """The configured flows a request names (see the module doc), in config order; None when it names none."""
        names = {f.name for f in self.config.flows}
        wanted: set[str] = set()
        meta = metadata if isinstance(metadata, Mapping) else {}
        for tag in [*tags, *_strings(meta.get("tags"))]:
            tag = tag.strip()
            name = tag[5:].strip() if tag.lower().startswith("flow:") else tag
            if name in names:
                wanted.add(name)
        for key in ("user_api_key_metadata", "user_api_key_team_metadata", "team_metadata"):
            inner = meta.get(key)
            if isinstance(inner, Mapping):
                wanted.update(n for n in _strings(inner.get(FLOW_FIELD)) if n in names)
        for key in ("user_api_key_alias", "user_api_key_team_alias"):
            value = meta.get(key)
            if isinstance(value, str) and value in names:
                wanted.add(value)
        if not wanted:
            return None
        return tuple(f.name for f in self.config.flows if f.name in wanted)

    # --- deployments -------------------------------------------------------------------------------------

    def decide(self, upstream: str, *, api_base: str | None = None, flows: tuple[str, ...] | None,
               model_group: str | None = None) -> Decision:
        """Judge one deployment for a request of ``flows``. Never raises for what the policy finds."""
        key = (upstream, api_base or None, flows, model_group)
        found = self._memo.get(key)
        if found is None:
            if len(self._memo) >= MAX_MEMO:
                self._memo.clear()
            found = self._memo[key] = self._decide(upstream, api_base or None, flows, model_group)
        return found

    def _finding(self, upstream: str, api_base: str | None, model_group: str | None) -> Finding:
        assert self.resolve is not None
        res = self.resolve(upstream)
        provider = _provider_of(upstream, api_base)
        served: dict[str, Any] | None = res.served_by if api_base is None else None
        if provider is not None:
            from modelmap.provenance.resolver import default_resolver

            evidence = f"api_base {api_base}" if api_base else f"provider prefix in {upstream!r}"
            served = default_resolver().served_by(provider, evidence=evidence) or served
        from dataclasses import replace

        res = replace(res, served_by=served)
        return Finding(path=f"litellm:{model_group or upstream}", line=0, column=0, raw=upstream,
                       kind="provider-prefixed" if "/" in upstream else "model-name", source="litellm-deployment",
                       provider=(served or {}).get("id"), endpoint=api_base, resolution=res.to_dict())

    def _decide(self, upstream: str, api_base: str | None, flows: tuple[str, ...] | None,
                model_group: str | None) -> Decision:
        import cel

        from modelmap.errors import ConfigError
        from modelmap.policy import inventory as inv

        finding = self._finding(upstream, api_base, model_group)
        res = finding.resolution or {}
        model_id = (res.get("model") or {}).get("id")
        label = str(model_id or upstream)
        served_id = (res.get("served_by") or {}).get("id")
        if flows is None and self.unknown_flow == "reject":
            flow_text = "no flow of modelmap.yaml"
            return Decision(upstream, api_base, None, model_id, served_id, broken=(Broken(
                UNKNOWN_FLOW_RULE, "error",
                f"The request names {flow_text}: tag it flow:<name>, or give its key or team the metadata "
                f"{FLOW_FIELD}. Unknown flows are rejected (fail closed).", None, label),))
        values = {name: build(finding) for name, build in inv.RESOLUTION_BUILDERS}
        values["usage"] = inv.usage_var(finding)
        broken: list[Broken] = []
        waived: list[str] = []
        active = [w for w in self.config.waivers if w.is_active(self.today)]
        for flow_name in flows or (None,):
            flow = self.config.flow_index.get(flow_name) if flow_name else None
            values["flow"] = ({"name": flow.name, "tags": list(flow.tags), "paths": list(flow.paths),
                               "description": flow.description} if flow is not None else
                              {"name": None, "tags": [], "paths": [], "description": ""})
            for rule in self.rules:
                context = cel.Context(variables={n: values[n] for n in rule.names if n in values})
                try:
                    hit = rule.is_violated(context)
                except ConfigError as exc:
                    broken.append(Broken(UNREADABLE_RULE, "error",
                                         f"rule {rule.id!r} could not be evaluated ({exc.message}); rejected "
                                         "(fail closed)", flow_name, label))
                    continue
                if not hit:
                    continue
                if any(w.covers(rule.id, model_ids=(label, upstream), path=None, flow=flow_name) for w in active):
                    waived.append(rule.id)
                    continue
                broken.append(Broken(rule.id, rule.severity, rule.message, flow_name, label))
        return Decision(upstream, api_base, flows, model_id, served_id, broken=tuple(broken),
                        waived=tuple(sorted(set(waived))))

    def error_body(self, decisions: list[Decision], *, model_group: str | None) -> dict[str, Any]:
        """The JSON error a rejected request gets: which rule, which model, which flow."""
        first = next((d for d in decisions if d.broken), None)
        broken = first.broken[0] if first else None
        return {"error": {
            "type": "modelmap_policy_violation",
            "code": "modelmap-policy",
            "rule": broken.rule if broken else None,
            "model": broken.model if broken else None,
            "flow": broken.flow if broken else None,
            "model_group": model_group,
            "message": (f"modelmap policy: {broken.rule}: {broken.message} (model {broken.model}"
                        + (f", flow {broken.flow}" if broken.flow else "") + ")") if broken else
                       "modelmap policy: no deployment may serve this request",
            "policy": self.config.display_path,
            "deployments": [d.to_dict() for d in decisions],
        }}


def _provider_of(upstream: str, api_base: str | None) -> str | None:
    """Provider id from evidence: the api_base's host (providers.yaml hosts), else the upstream's prefix."""
    from modelmap.knowledge import load

    providers = load().providers
    if api_base:
        from modelmap.runtime.drift import host_of
        from modelmap.runtime.ingest import _provider_for_host

        host = host_of(api_base)
        found = _provider_for_host(host, providers) if host else None
        if found is None and host and ":" in host:
            found = _provider_for_host(host.split(":", 1)[0], providers)
        return str(found["id"]) if found else None
    prefix = upstream.split("/", 1)[0].lower() if "/" in upstream else None
    if prefix is None:
        return None
    hits = [p for p in providers.values() if prefix in [str(x).lower() for x in p.get("prefixes") or ()]]
    return str(hits[0]["id"]) if len(hits) == 1 else None
