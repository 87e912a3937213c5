"""``modelmap plan --emit litellm``: a LiteLLM proxy / Router ``config.yaml`` that enforces the scenario.

One model group per replaced model in a flow, named ``<flow>/<current model>`` (what the code calls instead of
the old model), served by the plan's compliant replacement; each next compliant candidate is its own group,
``<flow>/<current model>/fallback-<n>``, listed in ``router_settings.fallbacks``. Every deployment comes from
``alternatives``, whose candidates never break the scenario, so no fallback chain reaches a non-compliant
deployment; ``check_config`` re-checks the written config against the scenario's country rules.

* ``model_info`` carries the provenance: publisher, origins, serving country, license, the flow and the model
  it replaces.
* Deployments of flows tagged ``regulated`` (or the scenario's strict tags) carry ``tags`` and the router
  filters on them (``enable_tag_filtering``): a request tagged ``regulated`` only reaches those deployments.
* A candidate served by OpenRouter is routed with ``provider: {only: [...], allow_fallbacks: false}`` naming
  the compliant upstream hosts of the same weights that OpenRouter knows (``OPENROUTER_SLUGS``); with none
  known the deployment is left out (fail closed) and the comment block says so.
* API keys are ``os.environ/<PROVIDER>_API_KEY`` references, never values.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from modelmap.switch.plan import Plan

#: providers.yaml id -> OpenRouter provider slug, for ``provider.only``. Slugs as OpenRouter's provider-routing
#: docs and its SDK reference write them (https://openrouter.ai/docs/guides/routing/llms-full.txt,
#: https://openrouter.ai/docs/client-sdks/typescript/models/batchproviderpreferences.md; read 2026-12-03).
OPENROUTER_SLUGS: dict[str, str] = {
    "openai-api": "openai",
    "anthropic-api": "anthropic",
    "deepinfra": "deepinfra",
    "fireworks-ai": "fireworks",
}
SELF_HOSTED_PREFIX = "hosted_vllm"
REGULATED_TAG = "regulated"


def _env(provider: str) -> str:
    name = provider[:-4] if provider.endswith("-api") else provider
    return re.sub(r"[^A-Z0-9]+", "_", name.upper()).strip("_")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9._-]+", "-", text.lower().rsplit("/", 1)[-1]).strip("-") or "model"


def _provider_record(provider: str | None) -> dict[str, Any]:
    if not provider:
        return {}
    from modelmap.knowledge.loader import load_index

    return dict(load_index().providers.get(provider) or {})


def litellm_model(candidate: dict[str, Any]) -> str | None:
    """The ``litellm_params.model`` string of a candidate: its LiteLLM key when that names the provider, else
    the provider's LiteLLM prefix + the key; ``hosted_vllm/<id>`` for self-hosting. None when unknown."""
    provider = candidate.get("provider")
    key = str(candidate.get("api_name") or candidate.get("model") or "")
    if not key:
        return None
    if not provider:
        return f"{SELF_HOSTED_PREFIX}/{key}"
    prefixes = tuple(_provider_record(provider).get("prefixes") or ())
    if not prefixes:
        return None
    if key.split("/", 1)[0] in prefixes:
        return key
    if provider == "openai-api" and "/" not in key:
        return key  # LiteLLM's bare OpenAI names
    return f"{prefixes[0]}/{key}"


def _openrouter_only(candidate: dict[str, Any], pool: list[dict[str, Any]], scenario: Any = None) -> list[str]:
    """OpenRouter slugs of the compliant hosts of the same weights: those among the plan's candidates, and, given
    the scenario, the same-weights hosts ``alternatives`` finds for the model (every one passes the scenario)."""
    same = [c for c in pool if c.get("model") == candidate.get("model") and c.get("provider") != "openrouter"]
    hosts = {str(c.get("provider")) for c in same}
    if scenario is not None and candidate.get("model"):
        from modelmap.switch import alternatives

        found = alternatives.find_alternatives(str(candidate["model"]), scenario=scenario, provider="openrouter")
        hosts |= {str(c.provider) for c in found.candidates if c.group == "same-weights" and c.provider}
    return sorted({OPENROUTER_SLUGS[h] for h in hosts if h in OPENROUTER_SLUGS})


def _scenario_of(plan: Plan) -> Any:
    """The plan's scenario object (a shipped preset by id, else the ad-hoc deny), or None."""
    from modelmap.switch import scenario as scenarios

    sid, deny = plan.scenario.get("id"), plan.scenario.get("deny")
    try:
        if sid and sid != scenarios.ADHOC_ID:
            return scenarios.load_scenario(str(sid))
        return scenarios.adhoc_scenario(str(deny)) if deny else None
    except Exception:  # no scenario object: only the plan's own candidates pin OpenRouter
        return None


def _deployment(group: str, candidate: dict[str, Any], flow: str, replaces: str, tags: list[str],
                pool: list[dict[str, Any]], skipped: list[str], index: int, scenario: Any = None) -> dict[str, Any] | None:
    model = litellm_model(candidate)
    provider = candidate.get("provider")
    if model is None:
        skipped.append(f"{candidate.get('model')} at {provider}: no LiteLLM route known")
        return None
    params: dict[str, Any] = {"model": model}
    if provider:
        params["api_key"] = f"os.environ/{_env(str(provider))}_API_KEY"
    else:
        params["api_base"] = f"os.environ/{_env(_slug(str(candidate.get('model'))))}_API_BASE"
    if provider == "openrouter":
        only = _openrouter_only(candidate, pool, scenario)
        if not only:
            skipped.append(f"{candidate.get('model')} at openrouter: no compliant upstream host known for "
                           "provider.only, so it is left out (fail closed)")
            return None
        params["extra_body"] = {"provider": {"only": only, "allow_fallbacks": False}}
    if tags:
        params["tags"] = list(tags)
    publisher = candidate.get("publisher")
    info = {
        "id": f"{group}#{index}",
        "modelmap_flow": flow,
        "replaces": replaces,
        "model": candidate.get("model"),
        "provider": provider or "self-hosted",
        "publisher": publisher.get("id") if isinstance(publisher, dict) else publisher,
        "origins": candidate.get("origins"),
        "serving_country": candidate.get("serving_country"),
        "license": candidate.get("license"),
        "open_weights": candidate.get("open_weights"),
    }
    price = candidate.get("price") or {}
    if price.get("input") is not None:
        info["input_cost_per_token"] = round(float(price["input"]) / 1_000_000, 15)
    if price.get("output") is not None:
        info["output_cost_per_token"] = round(float(price["output"]) / 1_000_000, 15)
    return {"model_name": group, "litellm_params": params, "model_info": info}


def build_config(plan: Plan) -> tuple[dict[str, Any], list[str]]:
    """The Router config (model_list, router_settings) and the notes of deployments left out.

    Per flow: a group per model the flow already uses that passes the scenario (API-served), then a group per
    replaced model whose chain is its next compliant candidates and, last, the flow's in-use compliant groups of
    the same role. The first deployment that can be written takes the group's name."""
    model_list: list[dict[str, Any]] = []
    fallbacks: list[dict[str, list[str]]] = []
    skipped: list[str] = []
    seen: set[str] = set()
    tagged = False
    pools = [c for f in plan.flows for c in f.in_use_compliant]
    pools += [c for f in plan.flows for u in f.usages for c in [u.replacement or {}, *u.fallbacks]]
    scenario = _scenario_of(plan) if any(c.get("provider") == "openrouter" for c in pools) else None

    def add_group(group: str, pool: list[dict[str, Any]], flow: str, replaces: str | None,
                  tags: list[str]) -> list[str]:
        """Deployments of ``pool`` under ``group`` (then ``group/fallback-<n>``); returns the fallback names."""
        names: list[str] = []
        for cand in pool:
            name = group if not names else f"{group}/fallback-{len(names)}"
            dep = _deployment(name, cand, flow, replaces or "", tags, pool, skipped, len(names), scenario)
            if dep is None:
                continue
            if replaces is None:
                dep["model_info"]["replaces"] = None
                dep["model_info"]["in_use"] = True
            model_list.append(dep)
            names.append(name)
        return names

    for flow in plan.flows:
        tags = [REGULATED_TAG] if REGULATED_TAG in flow.tags else []
        tagged = tagged or bool(tags)
        in_use: dict[str, list[str]] = {}  # role -> groups of models the flow already uses
        for cand in flow.in_use_compliant:
            group = f"{flow.name}/{_slug(str(cand.get('api_name') or cand.get('model')))}"
            if group in seen:
                continue
            seen.add(group)
            if add_group(group, [cand], flow.name, None, tags):
                in_use.setdefault(str(cand.get("role")), []).append(group)
        for usage in flow.usages:
            if usage.replacement is None or usage.dropin == "D":
                continue  # nothing compliant to route to, or a retrain must come first
            group = f"{flow.name}/{_slug(usage.raw)}"
            if group in seen:
                continue
            seen.add(group)
            names = add_group(group, [usage.replacement, *usage.fallbacks], flow.name, usage.model or usage.raw, tags)
            chain = names[1:] + in_use.get(usage.role, [])
            if names and chain:
                fallbacks.append({group: chain})
    settings: dict[str, Any] = {"fallbacks": fallbacks, "num_retries": 0}
    if tagged:
        settings["enable_tag_filtering"] = True
    return {"model_list": model_list, "router_settings": settings}, skipped


def render(plan: Plan) -> bytes:
    """The config.yaml text: a comment block naming the policy, then the YAML."""
    import yaml

    from modelmap.output import to_utf8

    config, skipped = build_config(plan)
    deny = " ".join(str(plan.scenario.get("deny") or "").split())
    head = [
        "# LiteLLM proxy / Router config written by `modelmap plan --emit litellm`.",
        f"# Policy enforced: scenario {plan.scenario.get('id')}",
        f"#   deny (CEL, modelmap docs/policy.md): {deny}",
        "# Every deployment below passes that rule (origins, serving country, license in model_info);",
        "# fallbacks name only these deployments, so no fallback reaches a non-compliant one.",
        "# Requests tagged 'regulated' reach only deployments of regulated flows (enable_tag_filtering).",
        "# OpenRouter routes pin their upstream hosts: provider.only with allow_fallbacks false (fail closed).",
        "# Call <flow>/<old model> instead of the old model name. API keys are read from the environment.",
    ]
    head += [f"# Left out: {note}" for note in skipped]
    body = yaml.safe_dump(config, sort_keys=False, default_flow_style=False, allow_unicode=True)
    return to_utf8("\n".join(head) + "\n" + body)


def check_config(config: dict[str, Any], denied_countries: set[str]) -> list[str]:
    """Problems of a config against country rules: a deployment whose origins or serving country is denied
    or unknown, or a fallback naming a group with such a deployment. [] when none."""
    problems: list[str] = []
    bad_groups: set[str] = set()
    for dep in config.get("model_list") or ():
        info = dep.get("model_info") or {}
        origins = info.get("origins")
        serving = info.get("serving_country")
        if origins is None or set(origins) & denied_countries:
            problems.append(f"{info.get('id')}: origins {origins}")
            bad_groups.add(dep.get("model_name"))
        if serving in denied_countries:
            problems.append(f"{info.get('id')}: served from {serving}")
            bad_groups.add(dep.get("model_name"))
    for entry in (config.get("router_settings") or {}).get("fallbacks") or ():
        for group, chain in entry.items():
            for name in chain:
                if name in bad_groups:
                    problems.append(f"fallback {group} -> {name} reaches a denied deployment")
    return problems
