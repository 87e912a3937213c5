"""Models to evaluate, straight from a ``modelmap plan --format json`` file (``modelmap.plan/1``).

For one flow, the baseline is the model the code calls today and the candidates are the plan's
replacements (and, when asked, its fallbacks). Only generation usages qualify: the eval suites are chat
prompts, and an embedding or reranking model is judged by retrieval metrics instead. Each model is named
``provider/model`` (a providers.yaml id and the model as the price table keys it) so that its cost is
priced from the same table as the plan; the endpoint (a LiteLLM proxy, say) must serve those names.
Hand-written: it only reads fields the plan schema defines.
"""

from __future__ import annotations

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
    names: list[str] = []
    for usage in eligible[flow]:
        current = _name(_str(usage.get("served_by")), _str(usage.get("raw")))
        picks = [usage["replacement"], *(_dicts(usage.get("fallbacks"), "fallbacks", path) if fallbacks else [])]
        for name in [current, *(_name(_str(p.get("provider")), _str(p.get("model"))) for p in picks)]:
            if name and name not in names:
                names.append(name)
    return names
