"""Waivers as records: owner, approver, reason, scope and expiry, with every change kept.

A waiver belongs to a team. It names one repository of that team, or none (then it covers every repository
of the team). Scopes:

* ``project``: every rule, in one repository (``repo`` required, no ``rule``);
* ``rule``: one rule, in one repository or team-wide;
* ``model``: one rule for one model (resolved id or the name as written), in one repository or team-wide;
* ``flow``: one rule in one flow of one repository (server-side a project is one flow named after it).

Waivers are never deleted: a revoke stamps ``revoked_at``. Each create, change and revoke adds a
``waiver_events`` row with the record before and after, and who did it. The policy status gives only active
waivers (not revoked, not past ``expires``) to the policy engine, so an expired waiver hides nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from modelmap.server.auth import Principal
from modelmap.server.db import Project, Team, Waiver, WaiverEvent, utcnow

SCOPES = ("project", "rule", "model", "flow")
EDITABLE = ("owner", "approver", "reason", "expires")
MAX_YEARS = 3


class WaiverError(ValueError):
    """A waiver that cannot be recorded; the message says why (HTTP 422)."""


class NotFound(LookupError):
    pass


def _aware(value: dt.datetime) -> dt.datetime:
    """A stored time in UTC (SQLite hands back naive datetimes; they were stored in UTC)."""
    return (value if value.tzinfo is not None else value.replace(tzinfo=dt.timezone.utc)).astimezone(dt.timezone.utc)


def state(w: Waiver, today: dt.date) -> str:
    if w.revoked_at is not None:
        return "revoked"
    return "expired" if _aware(w.expires).date() < today else "active"


def waiver_dict(w: Waiver, today: dt.date | None = None, team: str | None = None) -> dict[str, Any]:
    from modelmap.server.service import _iso

    today = today or utcnow().date()
    out = {"id": w.id, "scope": w.scope, "rule": w.rule, "repo": w.repo, "flow": w.flow, "model": w.model,
           "owner": w.owner, "approver": w.approver, "reason": w.reason, "created_at": _iso(w.created_at),
           "updated_at": _iso(w.updated_at), "expires": _iso(w.expires), "revoked_at": _iso(w.revoked_at),
           "state": state(w, today), "days_left": (_aware(w.expires).date() - today).days}
    if team is not None:
        out["team"] = team
    return out


def _snapshot(w: Waiver) -> dict[str, Any]:
    from modelmap.server.service import _iso

    return {"scope": w.scope, "rule": w.rule, "repo": w.repo, "flow": w.flow, "model": w.model, "owner": w.owner,
            "approver": w.approver, "reason": w.reason, "expires": _iso(w.expires),
            "revoked_at": _iso(w.revoked_at)}


def _check_shape(scope: str, rule: str | None, repo: str | None, flow: str | None, model: str | None) -> None:
    from modelmap.policy.rules import RULE_ID

    if scope not in SCOPES:
        raise WaiverError(f"scope {scope!r}: choose from {', '.join(SCOPES)}")
    if scope == "project":
        if repo is None or rule is not None or flow is not None or model is not None:
            raise WaiverError("a project waiver names a repo and nothing else (it covers every rule there)")
        return
    if rule is None or not RULE_ID.match(rule):
        raise WaiverError(f"a {scope} waiver names the rule it covers (a rule id such as no-cn-origin-regulated)")
    if scope == "rule" and (flow is not None or model is not None):
        raise WaiverError("a rule waiver names a rule (and optionally a repo), not a flow or model")
    if scope == "model" and (model is None or flow is not None):
        raise WaiverError("a model waiver names a rule and a model (and optionally a repo), not a flow")
    if scope == "flow" and (repo is None or flow is None or model is not None):
        raise WaiverError("a flow waiver names a rule, a repo and a flow")


def _check_expiry(expires: dt.datetime, now: dt.datetime) -> dt.datetime:
    expires = _aware(expires).astimezone(dt.timezone.utc).replace(microsecond=0)
    if expires <= now:
        raise WaiverError("expires must be in the future: a waiver is a decision with an end date")
    if expires > now + dt.timedelta(days=366 * MAX_YEARS):
        raise WaiverError(f"expires is more than {MAX_YEARS} years away: decisions get reviewed; pick an earlier date")
    return expires


def _owning_team(session: Session, who: Principal, repo: str | None, team: str | None) -> int:
    """The team the waiver belongs to: the repository's, or for a team-wide waiver the caller's (an org admin
    may name another team). Another team's repository is not found (its existence is not revealed)."""
    if repo is not None:
        project = session.scalar(select(Project).where(Project.repo == repo))
        if project is None or not who.can_see(project.team_id):
            raise NotFound(f"project {repo!r}")
        if team is not None:
            raise WaiverError("give repo or team, not both: a repository's waiver belongs to its team")
        return project.team_id
    if team is None:
        return who.team_id
    row = session.scalar(select(Team).where(Team.name == team))
    if row is None or not who.can_see(row.id):
        raise NotFound(f"team {team!r}")
    return row.id


def create(session: Session, who: Principal, *, scope: str, rule: str | None, repo: str | None,
           flow: str | None, model: str | None, owner: str, approver: str, reason: str,
           expires: dt.datetime, team: str | None = None) -> dict[str, Any]:
    now = utcnow()
    _check_shape(scope, rule, repo, flow, model)
    when = _check_expiry(expires, now)
    team_id = _owning_team(session, who, repo, team)
    row = Waiver(team_id=team_id, scope=scope, rule=rule, repo=repo, flow=flow,
                 model=model.strip() if model else None, owner=owner.strip(), approver=approver.strip(),
                 reason=reason.strip(), created_at=now, updated_at=now, expires=when)
    session.add(row)
    session.flush()
    session.add(WaiverEvent(waiver_id=row.id, action="create", at=now, actor=who.team, actor_token_id=who.token_id or None,
                            before=None, after=_snapshot(row)))
    session.commit()
    return waiver_dict(row, now.date())


def _get(session: Session, who: Principal, waiver_id: int) -> Waiver:
    row = session.get(Waiver, waiver_id)
    if row is None or not who.can_see(row.team_id):
        raise NotFound(f"waiver {waiver_id}")
    return row


def update(session: Session, who: Principal, waiver_id: int, changes: dict[str, Any]) -> dict[str, Any]:
    """Change owner, approver, reason or expiry (a renewal). A revoked waiver cannot be changed."""
    now = utcnow()
    row = _get(session, who, waiver_id)
    if row.revoked_at is not None:
        raise WaiverError(f"waiver {waiver_id} was revoked; record a new one")
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown or not changes:
        raise WaiverError(f"change one or more of {', '.join(EDITABLE)}")
    before = _snapshot(row)
    for key, value in changes.items():
        if key == "expires":
            row.expires = _check_expiry(value, now)
        else:
            setattr(row, key, str(value).strip())
    row.updated_at = now
    session.add(WaiverEvent(waiver_id=row.id, action="update", at=now, actor=who.team, actor_token_id=who.token_id or None,
                            before=before, after=_snapshot(row)))
    session.commit()
    return waiver_dict(row, now.date())


def revoke(session: Session, who: Principal, waiver_id: int) -> dict[str, Any]:
    now = utcnow()
    row = _get(session, who, waiver_id)
    if row.revoked_at is None:
        before = _snapshot(row)
        row.revoked_at = row.updated_at = now
        session.add(WaiverEvent(waiver_id=row.id, action="revoke", at=now, actor=who.team,
                                actor_token_id=who.token_id or None, before=before, after=_snapshot(row)))
        session.commit()
    return waiver_dict(row, now.date())


def listing(session: Session, who: Principal, state_filter: str | None = None) -> list[dict[str, Any]]:
    today = utcnow().date()
    query = select(Waiver, Team.name).join(Team, Team.id == Waiver.team_id)
    if not who.is_admin:
        query = query.where(Waiver.team_id == who.team_id)
    out = [waiver_dict(w, today, team) for w, team in session.execute(query.order_by(Waiver.expires, Waiver.id))]
    return [w for w in out if state_filter is None or w["state"] == state_filter]


def detail(session: Session, who: Principal, waiver_id: int) -> dict[str, Any]:
    from modelmap.server.service import _iso

    row = _get(session, who, waiver_id)
    events = session.scalars(select(WaiverEvent).where(WaiverEvent.waiver_id == row.id).order_by(WaiverEvent.id))
    return {**waiver_dict(row), "history": [{"action": e.action, "at": _iso(e.at), "by": e.actor,
                                             "before": e.before, "after": e.after} for e in events]}
