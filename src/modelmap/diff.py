"""Compare two model inventories: what models a change adds or removes, and whose origins changed.

Each side can be a scan JSON (``modelmap.scan/1``, with resolutions), a CycloneDX JSON BOM (as
written by ``modelmap bom``; other producers' BOMs work with fewer facts), or a git revision, which
is exported with ``git archive`` into a temporary folder and scanned with the ``scan_fn`` the caller
passes (the CLI passes ``modelmap.scan(..., resolve=True)``).

The output document is ``modelmap.diff/1`` (schema in report/schemas/diff.schema.json);
``render_markdown`` turns it into a pull-request comment.
"""

from __future__ import annotations

import json
import subprocess
import tarfile
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from modelmap.errors import UsageError
from modelmap.types import ScanResult

SCHEMA_ID = "modelmap.diff/1"
FACTS = ("publisher", "publisher_country", "origins", "serving_countries", "license")


@dataclass
class Side:
    """One inventory reduced to what a diff compares: model key -> facts and usage count."""

    label: str
    kind: str  # scan | bom | git
    models: dict[str, dict[str, Any]] = field(default_factory=dict)


def _entry(models: dict[str, dict[str, Any]], key: str, facts: dict[str, Any]) -> dict[str, Any]:
    entry = models.get(key)
    if entry is None:
        entry = models[key] = {"model": key, **facts, "usages": 0, "paths": set()}
    return entry


def side_from_findings(findings: list[dict[str, Any]], label: str, kind: str) -> Side:
    side = Side(label=label, kind=kind)
    for finding in findings:
        res = finding.get("resolution") or {}
        model = (res.get("model") or {}).get("id")
        key = model or f"unresolved:{finding.get('raw')}"
        publisher = res.get("publisher") or {}
        served = res.get("served_by") or {}
        serving = {served["country"]} if served.get("country") else set()
        serving.update(s for s in served.get("serving") or () if isinstance(s, str) and len(s) == 2)
        licence = res.get("license") or {}
        facts = {
            "publisher": publisher.get("name") or publisher.get("id"),
            "publisher_country": publisher.get("country"),
            "origins": sorted(res.get("origins") or ()),
            "serving_countries": sorted(serving),
            "license": licence.get("spdx") or licence.get("name") or licence.get("id"),
            "resolved": model is not None,
        }
        entry = _entry(side.models, key, facts)
        entry["usages"] += 1
        entry["paths"].add(str(finding.get("path")))
    return side


def side_from_scan(result: ScanResult, label: str, kind: str = "scan") -> Side:
    return side_from_findings([f.to_dict() for f in result.findings], label, kind)


def side_from_bom(doc: dict[str, Any], label: str) -> Side:
    side = Side(label=label, kind="bom")
    for component in doc.get("components") or ():
        if component.get("type") != "machine-learning-model":
            continue
        props: dict[str, list[str]] = {}
        for prop in component.get("properties") or ():
            props.setdefault(prop.get("name", ""), []).append(str(prop.get("value", "")))
        resolved = props.get("modelmap:resolved", ["true"])[0] != "false"
        name = f"{component['group']}/{component['name']}" if component.get("group") else component.get("name", "")
        key = name if resolved else f"unresolved:{(props.get('modelmap:identifier') or [name])[0]}"
        licences = [entry.get("license", {}) for entry in component.get("licenses") or ()]
        licence = next((lic.get("id") or lic.get("name") for lic in licences if lic), None)
        supplier = (component.get("supplier") or {}).get("name")
        origins = props.get("modelmap:origins", [""])[0]
        occurrences = (component.get("evidence") or {}).get("occurrences") or ()
        facts = {
            "publisher": component.get("publisher") or supplier,
            "publisher_country": props.get("modelmap:publisher-country", [None])[0],
            "origins": sorted(o for o in origins.split(",") if o),
            "serving_countries": sorted(set(props.get("modelmap:serving-country", []))),
            "license": licence,
            "resolved": resolved,
        }
        entry = _entry(side.models, key, facts)
        usages = props.get("modelmap:usages")
        entry["usages"] += int(usages[0]) if usages and usages[0].isdigit() else max(1, len(occurrences))
        entry["paths"].update(str(o.get("location")) for o in occurrences if o.get("location"))
    return side


def load_side(path: str | Path) -> Side:
    """Read a scan JSON or CycloneDX JSON file (raises UsageError naming the file otherwise)."""
    target = Path(path)
    try:
        doc = json.loads(target.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"cannot read {target} as JSON: {exc}", where=str(target),
                         hint="pass a `modelmap scan --format json` output, a `modelmap bom` JSON file, "
                              "or a git revision") from exc
    if isinstance(doc, dict) and str(doc.get("schema", "")).startswith("modelmap.scan/"):
        if doc["schema"] != "modelmap.scan/1":
            raise UsageError(f"unsupported scan schema {doc['schema']!r}", where=str(target),
                             hint="this modelmap reads modelmap.scan/1; rescan with this version")
        return side_from_findings(doc.get("findings") or [], str(target), "scan")
    if isinstance(doc, dict) and doc.get("bomFormat") == "CycloneDX":
        return side_from_bom(doc, str(target))
    raise UsageError(f"{target} is neither a modelmap scan nor a CycloneDX BOM", where=str(target),
                     hint="expected a JSON object with schema: modelmap.scan/1 or bomFormat: CycloneDX")


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)


def export_revision(repo: Path, revision: str, into: Path) -> None:
    """``git archive`` a revision into a folder (no worktree bookkeeping, nothing left behind)."""
    check = _git(repo, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if check.returncode != 0:
        raise UsageError(f"{revision!r} is not a file or a git revision in {repo}", where=revision,
                         hint="pass two scan/BOM JSON files, or two revisions such as origin/main HEAD")
    archive = _git(repo, "archive", "--format=tar", revision)
    if archive.returncode != 0:
        raise UsageError(f"git archive {revision} failed: {archive.stderr.decode(errors='replace').strip()}",
                         where=revision)
    tar_path = into.parent / f"{into.name}.tar"
    tar_path.write_bytes(archive.stdout)
    with tarfile.open(tar_path) as tar:
        if hasattr(tarfile, "data_filter"):  # 3.10.12+ / 3.11.4+: refuse links and paths outside `into`
            tar.extractall(into, filter="data")
        else:  # pragma: no cover - older patch releases; git archive output has no absolute paths
            tar.extractall(into)
    tar_path.unlink()


def side_from_revision(repo: Path, revision: str, scan_fn: Callable[[Path], ScanResult]) -> Side:
    with tempfile.TemporaryDirectory(prefix="modelmap-diff-") as tmp:
        folder = Path(tmp) / "tree"
        folder.mkdir()
        export_revision(repo, revision, folder)
        return side_from_scan(scan_fn(folder), revision, kind="git")


def resolve_side(arg: str, *, repo: Path, scan_fn: Callable[[Path], ScanResult] | None) -> Side:
    """A file path if one exists, otherwise a git revision of ``repo`` (needs ``scan_fn``)."""
    if Path(arg).is_file():
        return load_side(arg)
    if scan_fn is None:
        raise UsageError(f"{arg!r} is not a file", where=arg, hint="pass a scan or BOM JSON file")
    return side_from_revision(repo, arg, scan_fn)


def _public(entry: dict[str, Any]) -> dict[str, Any]:
    return {
        "model": entry["model"],
        "resolved": entry["resolved"],
        "publisher": entry["publisher"],
        "publisher_country": entry["publisher_country"],
        "origins": entry["origins"],
        "serving_countries": entry["serving_countries"],
        "license": entry["license"],
        "usages": entry["usages"],
        "paths": sorted(entry["paths"]),
    }


def _countries(side: Side, key: str) -> set[str]:
    return {c for m in side.models.values() for c in m[key]}


def diff_sides(old: Side, new: Side) -> dict[str, Any]:
    added = [_public(new.models[k]) for k in sorted(set(new.models) - set(old.models))]
    removed = [_public(old.models[k]) for k in sorted(set(old.models) - set(new.models))]
    changed = []
    for key in sorted(set(old.models) & set(new.models)):
        before, after = old.models[key], new.models[key]
        changes = {fact: {"old": before[fact], "new": after[fact]} for fact in FACTS if before[fact] != after[fact]}
        if before["usages"] != after["usages"]:
            changes["usages"] = {"old": before["usages"], "new": after["usages"]}
        if changes:
            changed.append({"model": key, "changes": changes})
    origin_old, origin_new = _countries(old, "origins"), _countries(new, "origins")
    serving_old, serving_new = _countries(old, "serving_countries"), _countries(new, "serving_countries")
    return {
        "schema": SCHEMA_ID,
        "old": {"source": old.label, "kind": old.kind, "models": len(old.models),
                "usages": sum(m["usages"] for m in old.models.values())},
        "new": {"source": new.label, "kind": new.kind, "models": len(new.models),
                "usages": sum(m["usages"] for m in new.models.values())},
        "added": added,
        "removed": removed,
        "changed": changed,
        "origins": {"added": sorted(origin_new - origin_old), "removed": sorted(origin_old - origin_new)},
        "serving_countries": {"added": sorted(serving_new - serving_old), "removed": sorted(serving_old - serving_new)},
        "summary": {"added": len(added), "removed": len(removed), "changed": len(changed),
                    "unchanged": len(set(old.models) & set(new.models)) - len(changed)},
    }


def render_json(doc: dict[str, Any]) -> bytes:
    return (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _fmt(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(value) if value else "none"
    return "unknown" if value is None else str(value)


def render_markdown(doc: dict[str, Any]) -> bytes:
    s = doc["summary"]
    lines = ["### modelmap: AI model changes", ""]
    if not (s["added"] or s["removed"] or s["changed"]):
        lines += [f"No model changes between `{doc['old']['source']}` and `{doc['new']['source']}`."]
        return ("\n".join(lines) + "\n").encode("utf-8")
    lines += [f"`{doc['old']['source']}` → `{doc['new']['source']}`: **{s['added']} added**, "
              f"**{s['removed']} removed**, {s['changed']} changed.", ""]
    if doc["origins"]["added"]:
        lines += [f"⚠️ New origin countries: **{', '.join(doc['origins']['added'])}**", ""]
    if doc["serving_countries"]["added"]:
        lines += [f"⚠️ New serving countries: **{', '.join(doc['serving_countries']['added'])}**", ""]
    for title, rows in (("Added", doc["added"]), ("Removed", doc["removed"])):
        if not rows:
            continue
        lines += [f"#### {title}", "", "| Model | Publisher | Origins | Served from | License | Uses |",
                  "| --- | --- | --- | --- | --- | --- |"]
        lines += [f"| `{m['model']}` | {_fmt(m['publisher'])} | {_fmt(m['origins'])} | "
                  f"{_fmt(m['serving_countries'])} | {_fmt(m['license'])} | {m['usages']} |" for m in rows]
        lines.append("")
    if doc["changed"]:
        lines += ["#### Changed", "", "| Model | What | Before | After |", "| --- | --- | --- | --- |"]
        for change in doc["changed"]:
            for fact, values in change["changes"].items():
                lines.append(f"| `{change['model']}` | {fact.replace('_', ' ')} | {_fmt(values['old'])} | "
                             f"{_fmt(values['new'])} |")
        lines.append("")
    return ("\n".join(lines).rstrip() + "\n").encode("utf-8")


def diff(old: str, new: str, *, repo: str | Path = ".",
         scan_fn: Callable[[Path], ScanResult] | None = None) -> dict[str, Any]:
    """Diff two inventories given as files (scan JSON / CycloneDX JSON) or git revisions."""
    root = Path(repo)
    return diff_sides(resolve_side(old, repo=root, scan_fn=scan_fn), resolve_side(new, repo=root, scan_fn=scan_fn))
