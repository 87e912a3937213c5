"""``modelmap serve --demo``: a demo database from the demo app and two fixture repositories of a checkout.

Each repository is scanned here with the library (``modelmap.scan``, rendered as the scan JSON that
``modelmap scan --format json`` writes) and ingested as one snapshot of team ``demo``; the demo app is
tagged regulated and production. An org policy (preset ``no-cn-serving`` for every project, ``us-regulated``
for regulated ones) and one waiver about to expire are recorded, so every page has something to show.
Seeding again changes nothing (a repository seeded before is not scanned again; the same policy; the waiver
once) and gives a fresh read token.

The repositories are read from the checkout (``examples/`` and ``tests/fixtures/repos/``): they are not
part of an installed package, so the demo runs from a modelmap checkout.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

TEAM = "demo"
COMMIT = "demo-1"
#: project name -> (path in the checkout, upload tags)
REPOS: dict[str, tuple[str, dict[str, Any]]] = {
    "demo/demo-app": ("examples/demo-app", {"regulated": True, "environment": "production",
                                            "business_unit": "retail"}),
    "demo/py-rag-app": ("tests/fixtures/repos/py-rag-app", {"regulated": False, "environment": "production",
                                                            "business_unit": "research"}),
    "demo/rag-bge-qwen-deepseek": ("tests/fixtures/repos/rag-bge-qwen-deepseek",
                                   {"regulated": None, "environment": "staging", "business_unit": "research"}),
}
POLICY: dict[str, Any] = {"config": "version: 1\nfail_on: error\nexpiry_notice_days: 30\n", "presets": ["no-cn-serving"],
          "tag_presets": [{"tag": "regulated", "value": True, "presets": ["us-regulated"]}]}
WAIVER: dict[str, Any] = {"scope": "model", "rule": "no-country-of-concern-origin-regulated", "repo": "demo/demo-app", "flow": None,
          "model": "qwen/qwen2.5-7b-instruct", "owner": "Demo retrieval team", "approver": "Demo CISO",
          "reason": "Demo waiver: the local Qwen generator is being replaced; see the switch plan."}


class DemoError(Exception):
    """The demo cannot be seeded (no checkout to read the repositories from)."""


def find_checkout(start: Path | None = None, *, installed_from: bool = True) -> Path:
    """The modelmap checkout holding the demo repositories: ``start`` (default: the current folder) or a folder
    above it, else (``installed_from``) the checkout this package runs from (an editable install)."""
    base = (start or Path.cwd()).resolve()
    candidates = [base, *base.parents]
    if installed_from:
        candidates.append(Path(__file__).resolve().parents[3])  # src/modelmap/server/demo.py -> checkout
    for root in candidates:
        if all((root / path).is_dir() for path, _ in REPOS.values()):
            return root
    raise DemoError("the demo repositories (examples/demo-app, tests/fixtures/repos/…) were not found: "
                    "run modelmap serve --demo from a modelmap checkout")


def scan_json(path: Path) -> bytes:
    import modelmap
    from modelmap.policy.inventory import project_flows_of
    from modelmap.report import scan_renderers

    result = modelmap.scan([path])
    body: bytes = scan_renderers(project_flows_of(path))["json"].render(result)
    return body


@dataclass(frozen=True)
class Seeded:
    read_token: str
    projects: dict[str, str]  # repo -> created | unchanged | replaced
    # repo -> when its kept snapshot was uploaded (ISO UTC), for the repositories seeded by an earlier run: their
    # findings are that run's modelmap's, which the CLI says, with how to seed afresh
    kept_since: dict[str, str] = field(default_factory=dict)


def seed(sessions: Callable[[], Session], root: Path | None = None, *,
         scan: Callable[[Path], bytes] = scan_json) -> Seeded:
    from modelmap.server import orgpolicy, service, waivers
    from modelmap.server.auth import Principal
    from modelmap.server.db import Project, Snapshot, Team, Waiver
    from modelmap.server.normalize import normalize

    checkout = root or find_checkout()
    statuses: dict[str, str] = {}
    kept: dict[str, str] = {}
    with sessions() as session:
        team = session.scalar(select(Team).where(Team.name == TEAM))
        if team is None:
            team = Team(name=TEAM)
            session.add(team)
            session.commit()
        # the server itself seeds (token id 0: no token did it)
        who = Principal(token_id=0, team_id=team.id, team=TEAM, scopes=("policy", "read", "upload"), is_admin=False)
        for repo, (path, tags) in REPOS.items():
            seeded = session.scalar(select(Snapshot.uploaded_at).join(Project, Project.id == Snapshot.project_id)
                                    .where(Project.repo == repo, Snapshot.commit == COMMIT))
            if seeded is not None:  # seeded before: not scanned again (a scan's timing would differ)
                statuses[repo] = "unchanged"
                when = seeded if seeded.tzinfo else seeded.replace(tzinfo=dt.timezone.utc)
                kept[repo] = when.astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
                continue
            body = scan(checkout / path)
            status, _snap = service.ingest(session, who, repo, normalize(body), body, commit=COMMIT, branch="main",
                                           taken_at=None, **tags)
            statuses[repo] = status
        orgpolicy.put_policy(session, who, str(POLICY["config"]), list(POLICY["presets"]),
                             list(POLICY["tag_presets"]))
        have = session.scalar(select(Waiver.id).where(Waiver.team_id == team.id, Waiver.repo == WAIVER["repo"],
                                                      Waiver.model == WAIVER["model"]))
        if have is None:
            expires = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=20)
            waivers.create(session, who, expires=expires, **WAIVER)
        read = service.create_token(session, TEAM, "read")
    return Seeded(read_token=read, projects=statuses, kept_since=kept)
