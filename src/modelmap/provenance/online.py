"""Optional enrichment from the Hugging Face Hub (``--online`` only).

Reads ``model_info`` (author, card ``base_model`` and ``license``) through huggingface_hub,
caches each answer on disk as JSON with a TTL, and falls back to the offline answer with a
warning when the network or the package is unavailable. Never required, never in tests
except against recorded responses.
"""

from __future__ import annotations

import json
import os
import time
import warnings
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from modelmap.types import Resolution

TTL_SECONDS = 7 * 24 * 3600
Fetcher = Callable[[str], dict[str, Any]]


def _cache_path(repo_id: str) -> Path:
    base = os.environ.get("MODELMAP_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "modelmap")
    return Path(base) / "hub" / (repo_id.replace("/", "__") + ".json")


def _hub_fetch(repo_id: str) -> dict[str, Any]:
    from huggingface_hub import model_info  # optional dependency: modelmap[online]

    info = model_info(repo_id, timeout=10)
    card = getattr(info, "card_data", None) or getattr(info, "cardData", None) or {}
    card_dict = card.to_dict() if hasattr(card, "to_dict") else dict(card)
    return {"id": info.id, "author": getattr(info, "author", None), "base_model": card_dict.get("base_model"),
            "license": card_dict.get("license"), "fetched_at": time.time()}


def lookup(repo_id: str, fetch: Fetcher | None = None) -> dict[str, Any] | None:
    path = _cache_path(repo_id)
    try:
        data = json.loads(path.read_text())
        if time.time() - float(data.get("fetched_at", 0)) < TTL_SECONDS:
            return data
    except (OSError, ValueError):
        pass
    try:
        data = (fetch or _hub_fetch)(repo_id)
    except Exception as exc:  # any network/package failure falls back to offline, with a warning
        warnings.warn(f"--online: Hugging Face Hub lookup for {repo_id} failed ({exc.__class__.__name__}); "
                      "using the offline knowledge base", stacklevel=2)
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data))
    except OSError:
        pass
    return data


def enrich(res: Resolution, fetch: Fetcher | None = None) -> Resolution:
    """Fill unknown base / license from the Hub card; marks the result as inferred."""
    query = res.query
    if "/" not in query or query.count("/") != 1 or ":" in query:
        return res
    data = lookup(query, fetch)
    if not data:
        return res
    from modelmap.provenance.resolver import default_resolver

    lineage = list(res.lineage)
    origins = set(res.origins)
    base = data.get("base_model")
    bases = base if isinstance(base, list) else [base] if base else []
    if not lineage and bases:
        for b in bases:
            up = default_resolver().resolve(str(b))
            lineage.append({"relation": "finetune", "model": (up.model or {}).get("id") or str(b).lower(),
                            "publisher": up.publisher})
            origins.update(up.origins)
    license_ = res.license
    if license_ is None and data.get("license"):
        license_ = default_resolver()._license(str(data["license"]))
    sources = [*res.sources, {"url": f"https://huggingface.co/{query}", "as_of": time.strftime("%Y-%m-%d")}]
    return replace(res, lineage=tuple(lineage), origins=tuple(sorted(origins)), license=license_,
                   sources=tuple(sources), confidence="inferred" if res.confidence == "unknown" else res.confidence,
                   reason=(res.reason or "") + "; enriched from the Hugging Face Hub card")
