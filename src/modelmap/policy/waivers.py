"""Waivers: a written, owned, dated decision to accept a specific violation.

A waiver names the rule it covers, what it matches (a model, a path glob and/or a flow — all given
parts must match), why, who approved it and when, and when it expires. An expired waiver or one
without an owner covers nothing and is itself reported as a violation (``waiver-expired``,
``waiver-unowned``), so the check fails until someone renews or removes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from modelmap.policy.globs import matches

#: Built-in rule ids used for problems with waivers themselves.
WAIVER_EXPIRED = "waiver-expired"
WAIVER_UNOWNED = "waiver-unowned"
WAIVER_UNUSED = "waiver-unused"
WAIVER_RULES: dict[str, tuple[str, str]] = {
    WAIVER_EXPIRED: ("error", "A waiver has passed its expiry date: renew it with a new approval, or fix the code."),
    WAIVER_UNOWNED: ("error", "A waiver has no approver: every accepted risk needs a named owner."),
    WAIVER_UNUSED: ("note", "A waiver matches nothing any more: remove it to keep the list honest."),
}
#: Built-in rule id for a declared flow that no model usage falls in (its paths likely miss the files that call
#: the models); like the waiver rules it is reserved, listed with the rules in effect and can be waived.
FLOW_EMPTY = "flow-empty"
BUILTIN_RULES: dict[str, tuple[str, str]] = {
    **WAIVER_RULES,
    FLOW_EMPTY: ("warning", "A declared flow has no model usage: its paths may miss the files that call the models."),
}


@dataclass(frozen=True)
class Waiver:
    rule: str
    reason: str
    approved_by: str
    approved_on: date
    expires: date
    model: str | None = None
    path: str | None = None
    flow: str | None = None
    where: str = ""

    @property
    def is_owned(self) -> bool:
        return bool(self.approved_by.strip())

    def is_expired(self, today: date) -> bool:
        return self.expires < today

    def expires_within(self, today: date, days: int) -> bool:
        # counted as a difference: `today + days` is past date.max for a --today near 9999-12-31 (OverflowError)
        return today <= self.expires and (self.expires - today).days <= days

    def is_active(self, today: date) -> bool:
        """Only an owned, unexpired waiver covers anything."""
        return self.is_owned and not self.is_expired(today)

    def covers(self, rule_id: str, *, model_ids: tuple[str, ...], path: str | None, flow: str | None) -> bool:
        """Does this waiver's match cover a violation of ``rule_id`` at this place?

        ``model_ids`` holds the resolved model id and the identifier as written; comparison is
        case-insensitive. A waiver with a ``path`` or ``model`` never covers a flow- or
        inventory-level violation, which has neither.
        """
        if rule_id != self.rule:
            return False
        if self.model is not None:
            wanted = self.model.strip().lower()
            if wanted not in {m.strip().lower() for m in model_ids if m}:
                return False
        if self.path is not None and (path is None or not matches(self.path, path)):
            return False
        return not (self.flow is not None and flow != self.flow)

    def describe_match(self) -> str:
        parts = []
        if self.model:
            parts.append(f"model {self.model}")
        if self.path:
            parts.append(f"path {self.path}")
        if self.flow:
            parts.append(f"flow {self.flow}")
        return ", ".join(parts) or "everything"

    def to_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "match": {k: v for k, v in (("model", self.model), ("path", self.path), ("flow", self.flow)) if v},
            "reason": self.reason,
            "approved_by": self.approved_by,
            "approved_on": self.approved_on.isoformat(),
            "expires": self.expires.isoformat(),
            "where": self.where,
        }
