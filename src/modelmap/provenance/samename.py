"""Which knowledge-base record a name denotes when several records share it (issue 11).

The knowledge base holds third parties' repos under an original's exact name: re-uploads, copies and mirrors
(``PrimeIntellect/Qwen3-4B`` beside ``Qwen/Qwen3-4B``, ``EnnoAi/Llama-3.1-SuperNova-Lite`` beside
``arcee-ai/Llama-3.1-SuperNova-Lite``, ``unsloth/Qwen3-4B``). A name claim ("6block/Qwen3-4B-AWQ", a bare
"qwen3-4b") must still name the original, and say why; when nothing the knowledge base records ranks the records,
the claim stays unknown (no guess).

The ranking uses only recorded, sourced facts, strongest first:

1. lineage: a record whose base edges reach another of the records (directly or through its own bases) is
   derived from it, so it is not the original the name denotes; when one record is left, it is the one;
2. the family: the record whose publisher is the publisher of its family (the knowledge base's family record
   names the lab whose line it is) over records filed under another publisher's family or none;
3. the publisher's kind: the only record whose publisher the knowledge base records as a ``lab``.

Rules 2 and 3 rank publishers: they must not point at different records, and the record they point at must be its
publisher's only one left (a lab's "-Instruct-2512" and "-Instruct-2512-BF16" repos are not ranked by them); when
they do not single out one record, there is no answer.
Hand-written: it is a few set operations over the index's own base edges, which no library holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

_MAX_STEPS = 64  # base edges walked per record: bounded however the knowledge base grows (a chain, a merge tree)
_MEMO_MAX = 100_000


class SameNameRanker:
    """Ranks records that share one name; memoised per set of records (bounded)."""

    def __init__(self, kb: Any) -> None:
        self.kb = kb
        self._ancestors: dict[str, frozenset[str]] = {}
        self._memo: dict[tuple[str, ...], tuple[str, str] | None] = {}

    def ancestors(self, mid: str) -> frozenset[str]:
        """Every model ``mid``'s base edges reach (any relation; teachers are not weights it was built on)."""
        got = self._ancestors.get(mid)
        if got is not None:
            return got
        seen: set[str] = set()
        stack = [mid]
        steps = 0
        while stack and steps < _MAX_STEPS:
            node = stack.pop()
            steps += 1
            for entry in (self.kb.models.get(node) or {}).get("base") or ():
                parent = str(entry.get("model") or "").lower() if isinstance(entry, dict) else ""
                if parent and parent != mid and parent not in seen:
                    seen.add(parent)
                    stack.append(parent)
        found = frozenset(seen)
        if len(self._ancestors) < _MEMO_MAX:
            self._ancestors[mid] = found
        return found

    def rank(self, ids: Sequence[str]) -> tuple[str, str] | None:
        """``(record, why)`` for the record the shared name denotes among ``ids`` (why is "" for a single record),
        or None when nothing recorded ranks them."""
        unique = tuple(dict.fromkeys(ids))
        if len(unique) == 1:
            return unique[0], ""
        key = tuple(sorted(unique))
        if key in self._memo:
            return self._memo[key]
        found = self._rank(key)
        if len(self._memo) < _MEMO_MAX:
            self._memo[key] = found
        return found

    def _rank(self, ids: tuple[str, ...]) -> tuple[str, str] | None:
        derived = {m: [o for o in ids if o != m and o in self.ancestors(m)] for m in ids}
        roots = [m for m in ids if not derived[m]]
        if not roots:
            return None  # records that name each other as base: nothing ranks them
        if len(roots) == 1:
            chosen = roots[0]
            others = [m for m in ids if m != chosen]
            direct = all(chosen in self._parents(m) for m in others)
            one = len(others) == 1
            return chosen, (f"{', '.join(_shown(others))} {'names' if one else 'name'} it as {'its' if one else 'their'} "
                            "base" + ("" if direct else " (directly or through the bases it names)"))
        models = self.kb.models
        own = [m for m in roots if self._owns_family(models[m])]
        labs = [m for m in roots if self._kind(models[m].get("publisher")) == "lab"]
        picks = {own[0]} if len(own) == 1 else set()
        if len(labs) == 1:
            picks.add(labs[0])
        if len(picks) != 1:
            return None
        chosen = next(iter(picks))
        rec = models[chosen]
        if sum(models[m].get("publisher") == rec.get("publisher") for m in roots) > 1:
            # two records of one publisher ("-Instruct-2512" and its "-BF16" repo, an API record and the open
            # weights): these rules rank publishers, not one lab's own repos
            return None
        why: list[str] = []
        if own == [chosen]:
            fam = self.kb.families.get(rec.get("family") or "") or {}
            why.append(f"its publisher ({rec.get('publisher')}) is the publisher of its family "
                       f"({fam.get('name') or rec.get('family')}), and no other's is")
        if labs == [chosen]:
            why.append("its publisher is the only one the knowledge base records as a lab")
        dropped = [m for m in ids if derived[m]]
        if dropped:
            why.append(f"{', '.join(_shown(dropped))} {'names' if len(dropped) == 1 else 'name'} another of them "
                       "as base")
        return chosen, "; ".join(why)

    def _parents(self, mid: str) -> set[str]:
        return {str(e.get("model") or "").lower() for e in self.kb.models[mid].get("base") or ()
                if isinstance(e, dict)}

    def _owns_family(self, rec: dict[str, Any]) -> bool:
        fam = self.kb.families.get(rec.get("family") or "")
        return bool(fam) and fam.get("publisher") == rec.get("publisher")

    def _kind(self, pid: Any) -> str | None:
        pub = self.kb.publishers.get(pid or "")
        return pub.get("kind") if pub else None


def _shown(ids: list[str]) -> list[str]:
    return ids[:3] + ([f"{len(ids) - 3} more"] if len(ids) > 3 else [])
