"""A resolver over the bundled knowledge base plus a few test records (for rules about records the knowledge base
does not hold: quantization chains, licences), shared by the provenance and red-team tests."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from modelmap.knowledge import load
from modelmap.knowledge.loader import KnowledgeIndex
from modelmap.provenance.resolver import Resolver


def resolver_with(records: Iterable[dict[str, Any]]) -> Resolver:
    """The bundled index with ``records`` added (each also indexed by its own id as Hub id); the bundle is unchanged."""
    data = dict(load().data)
    models = dict(data["models"])
    hf_index = dict(data["hf_index"])
    for rec in records:
        models[rec["id"]] = rec
        hf_index[rec["id"]] = rec["id"]
    data["models"] = models
    data["hf_index"] = hf_index
    return Resolver(KnowledgeIndex(copy.copy(data)))
