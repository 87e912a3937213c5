"""Runtime records: ``modelmap.runtime/1`` documents (``modelmap runtime --format json``) uploaded per project,
compared with the project's latest code snapshot by :func:`modelmap.runtime.drift.drift`.

An upload is validated against our own schema (``report/schemas/runtime.schema.json``) before anything is
stored; the raw document is kept, and each model seen serving becomes a ``runtime_models`` row keyed like the
snapshot models (the resolved model id, else ``unresolved:<name>``).

The code side of drift is the latest snapshot's scan document when it was uploaded as a scan. A snapshot
uploaded as CycloneDX or SPDX keeps no findings, so its code side is rebuilt from the stored usages and
endpoints (names, paths, resolved ids and providers): drift then has fewer hosts to compare, never invented
ones. A project with no code snapshot declares nothing: every model it serves is undeclared.
"""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from modelmap.server.auth import Principal
from modelmap.server.db import Endpoint, Project, RuntimeModel, RuntimeRecord, Snapshot, Usage, utcnow
from modelmap.server.normalize import DocumentError, parse_json

_VALIDATOR: Any = None


def _validate(doc: Any) -> dict[str, Any]:
    global _VALIDATOR
    import jsonschema

    if not isinstance(doc, dict) or doc.get("schema") != "modelmap.runtime/1":
        raise DocumentError('expected a runtime inventory: a JSON object with "schema": "modelmap.runtime/1" '
                            "(modelmap runtime --format json)")
    if _VALIDATOR is None:
        import json
        from importlib import resources

        schema = json.loads(resources.files("modelmap.report").joinpath("schemas/runtime.schema.json")
                            .read_text(encoding="utf-8"))
        _VALIDATOR = jsonschema.Draft202012Validator(schema)
    error = next(iter(sorted(_VALIDATOR.iter_errors(doc), key=lambda e: list(e.absolute_path))), None)
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(top)"
        raise DocumentError(f"not a valid modelmap.runtime/1 document at {where}: {error.message[:300]}")
    return doc


def model_key(entry: dict[str, Any]) -> str:
    model = ((entry.get("resolution") or {}).get("model") or {})
    mid = model.get("id") if isinstance(model, dict) else None
    return str(mid) if mid else f"unresolved:{str(entry['model']).strip().lower()}"


def ingest(session: Session, who: Principal, repo: str, body: bytes, environment: str | None) -> RuntimeRecord:
    """Store one runtime document for ``repo`` (created for the caller's team when new). Raises DocumentError
    (nothing stored) or service.NotFound for another team's project."""
    from modelmap.server import service

    doc = _validate(parse_json(body))
    project = session.scalar(select(Project).where(Project.repo == repo))
    if project is None:
        project = Project(repo=repo, team_id=who.team_id)
        session.add(project)
        session.flush()
    elif not who.can_see(project.team_id):
        raise service.NotFound(repo)
    summary = doc.get("summary") or {}
    record = RuntimeRecord(project_id=project.id, uploaded_at=utcnow(), environment=environment,
                           first_seen=summary.get("first_seen"), last_seen=summary.get("last_seen"), raw=body,
                           raw_sha256=hashlib.sha256(body).hexdigest(), models_count=len(doc["models"]))
    session.add(record)
    session.flush()
    for m in doc["models"]:
        res = m.get("resolution") or {}
        publisher = res.get("publisher") or {}
        origins = res.get("origins")
        session.add(RuntimeModel(record_id=record.id, model_key=model_key(m), model=m["model"],
                                 requested_as=m.get("requested_as"), hosts=m.get("hosts"),
                                 publisher=publisher.get("name") or publisher.get("id"),
                                 origins=sorted(set(origins)) if isinstance(origins, list) else None,
                                 requests=m.get("requests"), last_seen=m.get("last_seen")))
    session.commit()
    return record


def record_dict(r: RuntimeRecord) -> dict[str, Any]:
    from modelmap.server.service import _iso

    return {"id": r.id, "uploaded_at": _iso(r.uploaded_at), "environment": r.environment,
            "first_seen": r.first_seen, "last_seen": r.last_seen, "models": r.models_count}


def _latest_record(session: Session, project_id: int) -> RuntimeRecord | None:
    return session.scalar(select(RuntimeRecord).where(RuntimeRecord.project_id == project_id)
                          .order_by(RuntimeRecord.uploaded_at.desc(), RuntimeRecord.id.desc()).limit(1))


def code_document(session: Session, snap: Snapshot | None) -> dict[str, Any]:
    """The code side for drift: the scan as uploaded, or one rebuilt from a BOM snapshot's stored rows."""
    if snap is None:
        return {"schema": "modelmap.scan/1", "findings": []}
    if snap.format == "scan":
        doc: dict[str, Any] = parse_json(snap.raw)
        return doc
    findings: list[dict[str, Any]] = []
    for u in session.scalars(select(Usage).where(Usage.snapshot_id == snap.id).order_by(Usage.id)):
        resolved = not u.model_key.startswith("unresolved:")
        findings.append({"kind": "model", "raw": u.identifier, "path": u.path, "line": u.line,
                         "resolution": {"model": {"id": u.model_key}} if resolved else None})
    for e in session.scalars(select(Endpoint).where(Endpoint.snapshot_id == snap.id).order_by(Endpoint.id)):
        findings.append({"kind": "endpoint", "raw": e.url, "endpoint": e.url, "provider": e.provider, "path": ""})
    return {"schema": "modelmap.scan/1", "findings": findings}


def project_drift(session: Session, who: Principal, repo: str) -> dict[str, Any]:
    """``modelmap.drift/1`` of the project's latest runtime record against its latest code snapshot. Raises
    service.NotFound when the project is not visible or has no runtime record."""
    from modelmap.server import service

    project, _team = service.get_project(session, who, repo)
    return _drift(session, project)


def _drift(session: Session, project: Project) -> dict[str, Any]:
    from modelmap.runtime.drift import drift
    from modelmap.server import service

    record = _latest_record(session, project.id)
    if record is None:
        raise service.NotFound(f"runtime record of {project.repo}")
    snap = service._latest(session, [project.id]).get(project.id)
    code_label = f"{project.repo}@{snap.commit}" if snap is not None else f"{project.repo} (no code snapshot)"
    doc = drift(code_document(session, snap), parse_json(record.raw), code_source=code_label,
                runtime_source=f"runtime record {record.id}")
    return {**doc, "repo": project.repo, "runtime_record": record_dict(record),
            "snapshot": service.snapshot_dict(snap) if snap is not None else None}


def shadow_models(session: Session, who: Principal) -> dict[str, Any]:
    """Org-wide: models serving in production that no code of their project declares, by model, with the
    repositories (each project's latest runtime record against its latest code snapshot)."""
    from modelmap.server import service

    by_model: dict[str, dict[str, Any]] = {}
    checked = 0
    for project, team in service._visible_projects(session, who):
        if _latest_record(session, project.id) is None:
            continue
        checked += 1
        doc = _drift(session, project)
        for s in doc["shadow"]:
            entry = by_model.setdefault(s["model"], {"model": s["model"], "publisher": s.get("publisher"),
                                                     "origins": s.get("origins"), "repos": [], "requests": None})
            entry["repos"].append({"repo": project.repo, "team": team, "hosts": s.get("hosts"),
                                   "requests": s.get("requests"), "last_seen": s.get("last_seen")})
            if s.get("requests") is not None:
                entry["requests"] = (entry["requests"] or 0) + s["requests"]
    models = sorted(by_model.values(), key=lambda e: (-len(e["repos"]), e["model"]))
    return {"projects_with_runtime": checked, "models": models,
            "summary": {"shadow_models": len(models), "repos_affected": len({r["repo"] for m in models
                                                                              for r in m["repos"]})}}


def history(session: Session, who: Principal, repo: str) -> list[dict[str, Any]]:
    from modelmap.server import service

    project, _team = service.get_project(session, who, repo)
    rows = session.scalars(select(RuntimeRecord).where(RuntimeRecord.project_id == project.id)
                           .order_by(RuntimeRecord.uploaded_at.desc(), RuntimeRecord.id.desc()))
    return [record_dict(r) for r in rows]
