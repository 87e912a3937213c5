"""Walk base and teacher relations up to the root foundation models.

The walk is breadth-first, nearest upstream first, and stops on cycles and on ids the
knowledge base does not hold (the test suite checks that every relation resolves and that
no cycle exists, but a walk must end even on bad data).
"""

from __future__ import annotations

from collections import deque
from typing import Any

from modelmap.knowledge.loader import KnowledgeIndex

MAX_DEPTH = 32


def _pub(kb: KnowledgeIndex, pid: str | None) -> dict[str, Any] | None:
    pub = kb.publishers.get(pid or "")
    if not pub:
        return None
    return {"id": pub["id"], "name": pub.get("name") or pub["id"], "country": pub.get("country")}


def walk_lineage(kb: KnowledgeIndex, model_id: str) -> tuple[list[dict[str, Any]], list[str], list[str | None]]:
    """Returns (lineage entries, teacher ids, publisher ids of every ancestor and teacher)."""
    lineage: list[dict[str, Any]] = []
    teachers: list[str] = []
    pubs: list[str | None] = []
    seen = {model_id}
    queue: deque[tuple[str, int]] = deque([(model_id, 0)])
    while queue:
        mid, depth = queue.popleft()
        if depth >= MAX_DEPTH:
            break
        model = kb.models.get(mid) or {}
        for rel in model.get("base") or []:
            target = str(rel.get("model") or "").lower() if isinstance(rel, dict) else str(rel).lower()
            if not target or target in seen:
                continue
            seen.add(target)
            up = kb.models.get(target)
            relation = rel.get("relation", "finetune") if isinstance(rel, dict) else "finetune"
            pid = up.get("publisher") if up else None
            lineage.append({"relation": relation, "model": target, "publisher": _pub(kb, pid)})
            pubs.append(pid)
            if up:
                queue.append((target, depth + 1))
        for teacher in model.get("teacher") or []:
            target = str(teacher.get("model") if isinstance(teacher, dict) else teacher).lower()
            if not target or target in seen:
                continue
            seen.add(target)
            up = kb.models.get(target)
            pid = up.get("publisher") if up else None
            teachers.append(target)
            lineage.append({"relation": "distillation", "model": target, "publisher": _pub(kb, pid)})
            pubs.append(pid)
            if up:
                queue.append((target, depth + 1))
    return lineage, teachers, pubs
