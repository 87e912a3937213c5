"""Lineage as a graph: who made the weights, what they were built on, which models taught them.

A model's provenance is not a chain. ``deepseek-r1-distill-qwen-14b`` is a fine-tune of Qwen2.5-14B
(its weights) *and* was distilled from DeepSeek-R1 (its teacher), which has a lineage of its own.
Printing that as one list ("finetune: qwen2.5-14b → distillation: r1 → finetune: v3-base") reads as
"Qwen2.5 was distilled from R1" and makes V3-Base the root. So the walk keeps:

* ``edges``: ``{child, relation, parent}`` for every base relation (finetune, quantization, merge,
  adapter, continued-pretrain) and every teacher (relation ``distillation``), the teachers' own
  lineage included;
* ``roots``: the roots of the *weight* chain of the queried model only (teachers never become roots);
  ``None`` when some weight ancestor's base is not recorded, since then the roots are not known;
* ``teachers``: every model distilled from, anywhere in the weight chain, each with its own roots;
* ``origins``: a country per node, each saying why it is there (``publisher``, ``base``, ``teacher``,
  ``vision tower``…), and ``complete`` only when every node's publisher country and every weight
  node's base are recorded;
* ``undisclosed``: the nodes whose record says ``lineage: undisclosed`` (an API-only model whose maker serves
  weights it never released and names nothing behind them). Such a node is neither a root (``base: []`` claims
  pre-training from scratch) nor a gap: the maker holds the weights, so its publisher's country is the node's
  origin and the walk is complete there; the roots above it are not known, so ``roots`` is None.

Written by hand: this is a walk over our own knowledge-base records; no graph library is needed for
a breadth-first search over a few dozen nodes, and the walk must stop on cycles and bad data.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any

from modelmap.knowledge.loader import KnowledgeIndex

MAX_NODES = 256
WEIGHT_RELATIONS = ("finetune", "quantization", "merge", "adapter", "continued-pretrain")
PART_REASON = {"vision-tower": "vision tower", "audio-encoder": "audio encoder", "projector": "projector"}


def publisher_ref(kb: KnowledgeIndex, pid: str | None) -> dict[str, Any] | None:
    pub = kb.publishers.get(pid or "")
    if not pub:
        return None
    return {"id": pub["id"], "name": pub.get("name") or pub["id"], "country": pub.get("country")}


@dataclass
class Graph:
    """The lineage graph of one model (see the module docstring)."""

    edges: list[dict[str, Any]] = field(default_factory=list)
    roots: list[str] | None = None
    teachers: list[dict[str, Any]] = field(default_factory=list)
    # (country or None, because, model id, publisher id) per node
    nodes: list[tuple[str | None, str, str, str | None]] = field(default_factory=list)
    complete: bool = True
    gaps: list[str] = field(default_factory=list)  # why it is not complete, one phrase per gap
    undisclosed: list[str] = field(default_factory=list)  # nodes whose lineage their maker does not disclose


def undisclosed(model: dict[str, Any]) -> bool:
    """An API-only record whose lineage its maker does not disclose (``lineage: undisclosed``, no ``base``)."""
    return model.get("lineage") == "undisclosed"


def _rel(entry: Any) -> tuple[str, str, str | None]:
    if isinstance(entry, dict):
        return (str(entry.get("model") or "").lower(), str(entry.get("relation") or "finetune"),
                entry.get("part") if isinstance(entry.get("part"), str) else None)
    return str(entry).lower(), "finetune", None


def _teacher_id(entry: Any) -> str:
    return str(entry.get("model") if isinstance(entry, dict) else entry).lower()


def build_graph(kb: KnowledgeIndex, model_id: str) -> Graph:
    """Walk the weight chain of ``model_id``, then each teacher's own graph (breadth-first, bounded)."""
    graph = Graph()
    seen_nodes: set[str] = set()
    seen_edges: set[tuple[str, str, str]] = set()
    # queue items: (model id, because, is the queried model's weight chain)
    queue: deque[tuple[str, str, bool]] = deque([(model_id, "publisher", True)])
    roots: list[str] = []
    roots_known = True
    while queue and len(seen_nodes) < MAX_NODES:
        mid, because, weight_chain = queue.popleft()
        if mid in seen_nodes:
            continue
        seen_nodes.add(mid)
        model = kb.models.get(mid)
        if model is None:
            graph.complete = False
            graph.gaps.append(f"{mid} is not in the knowledge base")
            graph.nodes.append((None, because, mid, None))
            if weight_chain:
                roots_known = False
            continue
        pid = model.get("publisher")
        country = (kb.publishers.get(pid or "") or {}).get("country")
        graph.nodes.append((country, because, mid, pid))
        if not country:
            graph.complete = False
            graph.gaps.append(f"no country is recorded for the publisher of {mid}")
        if undisclosed(model):
            # the maker serves weights it never released: their lineage is undisclosed, not unknown (the origin
            # is the maker's, who holds them) and not a foundation (no source says pre-trained from scratch)
            graph.undisclosed.append(mid)
            if weight_chain:
                roots_known = False
        elif "base" not in model:
            graph.complete = False
            graph.gaps.append(f"the base of {mid} is not recorded")
            if weight_chain:
                roots_known = False
        bases = model.get("base") or []
        if not bases and "base" in model and weight_chain:
            roots.append(mid)
        for entry in bases:
            parent, relation, part = _rel(entry)
            if not parent or (mid, relation, parent) in seen_edges:
                continue
            seen_edges.add((mid, relation, parent))
            edge: dict[str, Any] = {"child": mid, "relation": relation, "parent": parent,
                                    "parent_publisher": publisher_ref(kb, (kb.models.get(parent) or {}).get("publisher"))}
            if part:
                edge["part"] = part
            graph.edges.append(edge)
            why = PART_REASON.get(part or "", "base" if because == "publisher" else because)
            queue.append((parent, why, weight_chain))
        for entry in model.get("teacher") or []:
            teacher = _teacher_id(entry)
            if not teacher or (mid, "distillation", teacher) in seen_edges:
                continue
            seen_edges.add((mid, "distillation", teacher))
            up = kb.models.get(teacher) or {}
            graph.edges.append({"child": mid, "relation": "distillation", "parent": teacher,
                                "parent_publisher": publisher_ref(kb, up.get("publisher"))})
            if teacher not in {t["model"] for t in graph.teachers}:
                graph.teachers.append({"model": teacher, "student": mid,
                                       "publisher": publisher_ref(kb, up.get("publisher"))})
            queue.append((teacher, "teacher", False))
    if queue:
        graph.complete = False
        graph.gaps.append(f"the lineage has more than {MAX_NODES} models; the walk stopped there")
        roots_known = False
    # no root at all (a cycle in bad data) is not "no roots": it is unknown
    graph.roots = list(dict.fromkeys(roots)) if roots_known and roots else None
    for entry in graph.teachers:
        entry["roots"] = teacher_roots(kb, entry["model"])
    return graph


def teacher_roots(kb: KnowledgeIndex, model_id: str) -> list[str] | None:
    """The weight roots of one model (used for each teacher); None when a base is unrecorded or undisclosed."""
    roots: list[str] = []
    seen: set[str] = set()
    queue: deque[str] = deque([model_id])
    while queue and len(seen) < MAX_NODES:
        mid = queue.popleft()
        if mid in seen:
            continue
        seen.add(mid)
        model = kb.models.get(mid)
        if model is None or "base" not in model:
            return None
        bases = model.get("base") or []
        if not bases:
            roots.append(mid)
        queue.extend(p for p, _r, _part in (_rel(e) for e in bases) if p)
    return None if queue else roots


def origin_reasons(graph: Graph) -> list[dict[str, Any]]:
    """One entry per (country, because) with the models that put it there, in walk order."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for country, because, mid, pid in graph.nodes:
        if not country:
            continue
        entry = out.setdefault((country, because), {"country": country, "because": because, "models": [],
                                                     "publishers": []})
        if mid not in entry["models"]:
            entry["models"].append(mid)
        if pid and pid not in entry["publishers"]:
            entry["publishers"].append(pid)
    return list(out.values())

