"""Models to evaluate, straight from a ``modelmap plan --format json`` file (``modelmap.plan/1``).

For one flow, the baseline is the model the code calls today and the candidates are the plan's
replacements (and, when asked, its fallbacks). Only generation usages qualify: the eval suites are chat
prompts, and an embedding or reranking model is judged by retrieval metrics instead. Each model is named
``provider/model`` (a providers.yaml id and the model as the price table keys it) so that its cost is
priced from the same table as the plan; the endpoint (a LiteLLM proxy, say) must serve those names.
Hand-written: it only reads fields the plan schema defines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from modelmap.errors import UsageError
from modelmap.fsutil import load_json_document

PLAN_LIMIT = 16 * 1024 * 1024
SELF_HOSTED = ("vllm", "ollama", "llamacpp", "lm-studio", "tgi", "llamafile", "self-hosted", "sglang")


def _name(provider: str | None, model: str | None) -> str | None:
    if not model:
        return None
    return f"{provider}/{model}" if provider and provider not in SELF_HOSTED else model


def _dicts(value: Any, what: str, path: Path) -> list[dict[str, Any]]:
    """A list of objects, as the plan schema says; null is an empty list, any other shape a UsageError."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise UsageError(f"'{what}' is not a list of objects, so this is not a modelmap.plan/1 document",
                         where=str(path), hint="write one with: modelmap plan PATH --scenario NAME --format json -o plan.json")
    return value


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def models_from_plan(path: Path, flow: str | None = None, *, fallbacks: bool = False) -> list[str]:
    """[baseline, candidate, ...] model names for one flow of a plan (deduplicated, baseline first)."""
    return plan_models(path, flow, fallbacks=fallbacks).names


@dataclass(frozen=True)
class PlanModels:
    """What ``--from-plan`` evaluates: the baseline and its replacements, and the flow's other current models."""

    names: list[str]  # [baseline, candidate, ...]
    # the flow's other current generation models with their replacements, as 'current -> replacement (path:line)':
    # each is its own comparison (a current model is never a candidate against another one)
    left_out: list[str] = field(default_factory=list)


def plan_models(path: Path, flow: str | None = None, *, fallbacks: bool = False) -> PlanModels:
    """The baseline (the flow's first current generation model, in the plan's order), its replacements (and
    fallbacks), and the flow's other current models left for their own runs. A flow that calls several models (a
    LiteLLM route to a self-hosted model and an API fallback) used to give one baseline and the other current models
    as candidates against it, and the same weights written two ways (``Qwen/…`` in a KServe manifest,
    ``hosted_vllm/Qwen/…`` in the LiteLLM config) as a candidate against themselves."""
    doc = load_json_document(path, PLAN_LIMIT, "modelmap.plan/1",
                             hint="write one with: modelmap plan PATH --scenario NAME --format json -o plan.json")
    eligible: dict[str, list[dict[str, Any]]] = {}
    for f in _dicts(doc.get("flows"), "flows", path):
        usages = [u for u in _dicts(f.get("usages"), "flows[].usages", path)
                  if u.get("role") == "generation" and isinstance(u.get("replacement"), dict)]
        if usages:
            eligible[str(f.get("name"))] = usages
    if not eligible:
        raise UsageError("the plan has no generation usage with a replacement to evaluate", where=str(path))
    if flow is None:
        if len(eligible) > 1:
            raise UsageError(f"the plan has several flows to evaluate: {', '.join(sorted(eligible))}",
                             where=str(path), hint="choose one with --flow NAME")
        flow = next(iter(eligible))
    if flow not in eligible:
        raise UsageError(f"no flow {flow!r} with a generation replacement", where=str(path),
                         hint=f"flows: {', '.join(sorted(eligible)) or 'none'}")
    # one comparison per current model: usages of the same model (its knowledge-base id, else as written) share it
    groups: dict[str, list[dict[str, Any]]] = {}
    for usage in eligible[flow]:
        key = _str(usage.get("model")) or _str(usage.get("raw")) or ""
        groups.setdefault(key, []).append(usage)
    first, *others = groups.values()
    names: list[str] = []
    current = next((n for u in first if (n := _name(_str(u.get("served_by")), _str(u.get("raw"))))), None)
    if current:
        names.append(current)
    for usage in first:
        picks = [usage["replacement"], *(_dicts(usage.get("fallbacks"), "fallbacks", path) if fallbacks else [])]
        for name in (_name(_str(p.get("provider")), _str(p.get("model"))) for p in picks):
            if name and name not in names:
                names.append(name)
    left_out = []
    for group in others:
        u = group[0]
        now = _name(_str(u.get("served_by")), _str(u.get("raw")))
        repl = _name(_str(u["replacement"].get("provider")), _str(u["replacement"].get("model")))
        left_out.append(f"{now} -> {repl} ({u.get('path')}:{u.get('line')})")
    return PlanModels(names=names, left_out=left_out)
