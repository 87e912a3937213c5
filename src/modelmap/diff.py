"""Compare two model inventories: what models a change adds or removes, and whose origins changed.

Each side can be a scan JSON (``modelmap.scan/1``, with resolutions), a CycloneDX JSON BOM (as
written by ``modelmap bom``; other producers' BOMs work with fewer facts), or a git revision, which
is exported with ``git archive`` into a temporary folder and scanned with the ``scan_fn`` the caller
passes (the CLI passes ``modelmap.scan(..., resolve=True)``).

The output document is ``modelmap.diff/3`` (schema in report/schemas/diff.schema.json);
``render_markdown`` turns it into a pull-request comment. Version 2 (session 25) says unknown as null: a model
whose origins no side states has ``origins: null`` (``/1`` wrote ``[]``, which reads as "no country"), and it adds
flow membership: with the project's flows (modelmap.yaml) each model lists the flows that use it, ``flows``
at the top says which models enter and leave each flow, and a model whose flows changed is ``changed``. Without
declared flows every ``flows`` is null (unknown), never ``[]``.

Version 3 (session 27) adds ``policy``: when both sides are git revisions (scanned here) and the caller passes the
project's policy, each side is checked against that one policy (``modelmap check``'s engine) and the diff lists the
violations the change introduces and those it resolves, matched by the violations' line-free fingerprints. A pull
request that puts a Chinese-served model into a regulated flow then says so as a broken rule, not only as "new
serving country CN". A scan or BOM file side carries no policy result (its findings are not re-checked), so
``policy`` is null there: unknown, never "no violations".
"""

from __future__ import annotations

import json
import subprocess
import tarfile
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from modelmap.errors import UsageError
from modelmap.output import dumps_json, md_code, md_text, to_utf8, visible
from modelmap.types import ScanResult

if TYPE_CHECKING:
    from modelmap.policy.config import Flow

SCHEMA_ID = "modelmap.diff/3"
FACTS = ("publisher", "publisher_country", "origins", "serving_countries", "license")


@dataclass
class Side:
    """One inventory reduced to what a diff compares: model key -> facts and usage count."""

    label: str
    kind: str  # scan | bom | git
    models: dict[str, dict[str, Any]] = field(default_factory=dict)
    skipped: list[dict[str, str]] = field(default_factory=list)  # archive members not extracted, with why
    flows_known: bool = False  # the project declares flows: every model's ``flows`` is a list, else null
    # the policy's violations on this side (``Violation.to_dict()`` rows, grouped by fingerprint: a file that uses a
    # model three times breaks a rule three times under one fingerprint); None: not checked
    violations: dict[str, list[dict[str, Any]]] | None = None


def _flows_at(flows: tuple[Flow, ...] | None, path: str | None, evidence: Any = None) -> set[str]:
    """The declared flows a usage at ``path`` belongs to (policy.inventory.flows_at: a finding read as JSON, whose
    evidence counts only when it is a list)."""
    from modelmap.policy.inventory import flows_at

    if not flows or not path:
        return set()
    return set(flows_at(flows, path, evidence if isinstance(evidence, list) else None))


def _entry(models: dict[str, dict[str, Any]], key: str, facts: dict[str, Any]) -> dict[str, Any]:
    entry = models.get(key)
    if entry is None:
        entry = models[key] = {"model": key, **facts, "usages": 0, "paths": set(), "flows": set()}
    return entry


class _Malformed(ValueError):
    """Part of an input document does not have the shape modelmap writes."""


def _obj(value: Any, what: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _Malformed(f"{what} should be an object, not {type(value).__name__}")
    return value


def _arr(value: Any, what: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise _Malformed(f"{what} should be a list, not {type(value).__name__}")
    return value


def _str(value: Any, what: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise _Malformed(f"{what} should be text, not {type(value).__name__}")
    return str(value)


def _strs(value: Any, what: str) -> list[str]:
    return [s for s in (_str(v, what) for v in _arr(value, what)) if s]


def side_from_findings(findings: list[dict[str, Any]], label: str, kind: str,
                       flows: tuple[Flow, ...] | None = None) -> Side:
    side = Side(label=label, kind=kind, flows_known=bool(flows))
    for index, raw_finding in enumerate(_arr(findings, "findings")):
        finding = _obj(raw_finding, f"findings[{index}]")
        if finding.get("kind") == "endpoint":
            # a base URL is a service, not a model: a BOM side lists only machine-learning-model components, so
            # counting endpoints here made a scan and the BOM of the same code differ by every endpoint
            continue
        res = _obj(finding.get("resolution"), f"findings[{index}].resolution")
        model = _str(_obj(res.get("model"), "resolution.model").get("id"), "resolution.model.id")
        key = model or f"unresolved:{_str(finding.get('raw'), 'raw')}"
        publisher = _obj(res.get("publisher"), "resolution.publisher")
        served = _obj(res.get("served_by"), "resolution.served_by")
        country = _str(served.get("country"), "served_by.country")
        serving = {country} if country else set()
        serving.update(s for s in _strs(served.get("serving"), "served_by.serving") if len(s) == 2)
        licence = _obj(res.get("license"), "resolution.license")
        facts = {
            "publisher": _str(publisher.get("name") or publisher.get("id"), "publisher.name"),
            "publisher_country": _str(publisher.get("country"), "publisher.country"),
            # null origins (the resolver's "unknown") stay null: [] would read as "no country"
            "origins": None if res.get("origins") is None else sorted(_strs(res.get("origins"), "resolution.origins")),
            "serving_countries": sorted(serving),
            "license": _str(licence.get("spdx") or licence.get("name") or licence.get("id"), "license"),
            "resolved": model is not None,
        }
        entry = _entry(side.models, key, facts)
        _merge_facts(entry, facts)
        entry["usages"] += 1
        path = str(_str(finding.get("path"), "path"))
        entry["paths"].add(path)
        entry["flows"] |= _flows_at(flows, path, finding.get("evidence"))
        if finding.get("flows") is not None:  # `scan --format json` in a project with flows states each finding's
            side.flows_known = True  # ([] = in none), as a BOM's modelmap:flow properties do; absent: unknown
            entry["flows"].update(_strs(finding["flows"], f"findings[{index}].flows"))
    return side


def _merge_facts(entry: dict[str, Any], facts: dict[str, Any]) -> None:
    """Fold one more usage's facts into its model's entry.

    Serving is a fact of each usage, not of the model: one use of `gpt-4o` goes through the OpenAI client (US),
    another is a `.env` default no endpoint serves. The model's serving countries are the union over its usages,
    as a BOM side reads them from all its `modelmap:serving-country` properties; keeping the first usage's only made
    the diff depend on file order, flag a country the model was already served from as new when an unserved use
    went away, and miss a new one when a use served elsewhere was added. A fact one usage leaves unknown is taken
    from another that states it."""
    for fact in FACTS:
        value = facts[fact]
        if isinstance(value, list):
            entry[fact] = sorted(set(entry[fact] or ()) | set(value))
        elif entry[fact] is None:
            entry[fact] = value


def side_from_scan(result: ScanResult, label: str, kind: str = "scan",
                   flows: tuple[Flow, ...] | None = None) -> Side:
    return side_from_findings([f.to_dict() for f in result.findings], label, kind, flows)


def side_from_bom(doc: dict[str, Any], label: str, flows: tuple[Flow, ...] | None = None) -> Side:
    """A CycloneDX side. Flows: the BOM's own ``modelmap:flow`` properties (``modelmap bom`` in a project with
    flows writes them) and, with the project's flows, those of the occurrences' paths."""
    side = Side(label=label, kind="bom", flows_known=bool(flows))
    for index, raw_component in enumerate(_arr(doc.get("components"), "components")):
        component = _obj(raw_component, f"components[{index}]")
        if component.get("type") != "machine-learning-model":
            continue
        props: dict[str, list[str]] = {}
        for prop in _arr(component.get("properties"), "properties"):
            prop = _obj(prop, "a property")
            props.setdefault(_str(prop.get("name"), "property name") or "", []).append(
                _str(prop.get("value"), "property value") or "")
        resolved = props.get("modelmap:resolved", ["true"])[0] != "false"
        group, name = _str(component.get("group"), "group"), _str(component.get("name"), "name") or ""
        name = f"{group}/{name}" if group else name
        key = name if resolved else f"unresolved:{(props.get('modelmap:identifier') or [name])[0]}"
        licences = [_obj(_obj(entry, "a license entry").get("license"), "license")
                    for entry in _arr(component.get("licenses"), "licenses")]
        licence = next((_str(lic.get("id") or lic.get("name"), "license id") for lic in licences if lic), None)
        supplier = _str(_obj(component.get("supplier"), "supplier").get("name"), "supplier name")
        origins = props.get("modelmap:origins", [""])[0]
        occurrences = [_obj(o, "an occurrence") for o in
                       _arr(_obj(component.get("evidence"), "evidence").get("occurrences"), "occurrences")]
        facts = {
            "publisher": _str(component.get("publisher"), "publisher") or supplier,
            "publisher_country": props.get("modelmap:publisher-country", [None])[0],
            # "unknown" (or no property) is how a BOM writes null origins; it is not a country
            "origins": sorted(o for o in origins.split(",") if o and o != "unknown") or None,
            "serving_countries": sorted(set(props.get("modelmap:serving-country", []))),
            "license": licence,
            "resolved": resolved,
        }
        entry = _entry(side.models, key, facts)
        usages = props.get("modelmap:usages")
        entry["usages"] += int(usages[0]) if usages and usages[0].isascii() and usages[0].isdigit() and len(usages[0]) < 10 \
            else max(1, len(occurrences))
        locations = [str(_str(o.get("location"), "location")) for o in occurrences if o.get("location")]
        entry["paths"].update(locations)
        if props.get("modelmap:flow"):
            side.flows_known = True
            entry["flows"].update(f for f in props["modelmap:flow"] if f)
        for location in locations:
            entry["flows"] |= _flows_at(flows, location)
    # a BOM that lists only some of its models (bom_inventory.capped): the others are not "removed", say so
    for prop in _arr(_obj(doc.get("metadata"), "metadata").get("properties"), "metadata.properties"):
        if isinstance(prop, dict) and prop.get("name") == "modelmap:truncated":
            side.skipped.append({"path": "components", "reason": str(prop.get("value"))[:300]})
    return side


#: Input documents nest a few levels; much deeper is hostile or broken (and would exhaust the stack).
MAX_DEPTH = 64
#: A scan or BOM is read whole; a larger file is refused before any of it is read (a scan of a big monorepo is
#: tens of megabytes).
MAX_DOCUMENT = 256 * 1024 * 1024


def depth_ok(value: Any, limit: int = MAX_DEPTH) -> bool:
    """True when ``value`` nests at most ``limit`` levels (checked without recursion)."""
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return False
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return True


def load_side(path: str | Path, flows: tuple[Flow, ...] | None = None) -> Side:
    """Read a scan JSON or CycloneDX JSON file (raises UsageError naming the file otherwise)."""
    target = Path(path)
    shown = visible(str(target))
    hint = ("pass a `modelmap scan --format json` output, a `modelmap bom` JSON file, or a git revision")
    try:
        size = target.stat().st_size
        if size > MAX_DOCUMENT:  # read whole below: a bigger file would exhaust memory before json saw it
            raise UsageError(f"{shown} is larger than {MAX_DOCUMENT // (1024 * 1024)} MiB", where=shown, hint=hint)
        with target.open("rb") as handle:
            raw = handle.read(MAX_DOCUMENT + 1)
        if len(raw) > MAX_DOCUMENT:
            raise UsageError(f"{shown} is larger than {MAX_DOCUMENT // (1024 * 1024)} MiB", where=shown, hint=hint)
        doc = json.loads(raw.decode("utf-8"))
    except RecursionError:
        raise UsageError(f"{shown} is nested too deeply to be a scan or BOM", where=shown, hint=hint) from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:  # ValueError: bad JSON, or a 5,000-digit number
        raise UsageError(f"cannot read {shown} as JSON: {visible(exc)}", where=shown, hint=hint) from None
    if not depth_ok(doc):
        raise UsageError(f"{shown} is nested more than {MAX_DEPTH} levels deep", where=shown, hint=hint)
    try:
        if isinstance(doc, dict) and str(doc.get("schema", "")).startswith("modelmap.scan/"):
            if doc["schema"] != "modelmap.scan/1":
                raise UsageError(f"unsupported scan schema {visible(doc['schema'])!r}", where=shown,
                                 hint="this modelmap reads modelmap.scan/1; rescan with this version")
            return side_from_findings(doc.get("findings") or [], str(target), "scan", flows)
        if isinstance(doc, dict) and doc.get("bomFormat") == "CycloneDX":
            return side_from_bom(doc, str(target), flows)
    except _Malformed as exc:
        raise UsageError(f"{shown} is not a well-formed scan or BOM: {visible(exc)}", where=shown,
                         hint="regenerate it with modelmap scan --format json or modelmap bom") from None
    raise UsageError(f"{shown} is neither a modelmap scan nor a CycloneDX BOM", where=shown,
                     hint="expected a JSON object with schema: modelmap.scan/1 or bomFormat: CycloneDX")


def export_revision(repo: Path, revision: str, into: Path) -> list[dict[str, str]]:
    """``git archive`` a revision into a folder (no worktree bookkeeping, nothing left behind).

    Members the tar "data" filter refuses (a committed symlink to an absolute path or out of the
    tree, a device file) are skipped, each with its reason in the returned list."""
    from modelmap.gitrev import verify_revision

    commit = verify_revision(repo, revision, what="revision", or_file=True)
    tar_path = into.parent / f"{into.name}.tar"
    # streamed to the file: captured, the whole archive sat in memory (a revision with a 400 MB committed file peaked
    # at 876 MB; one of 2 GB passes the memory a CI runner has; redteam32); and git itself streams a blob only past
    # core.bigFileThreshold (512 MiB by default: below it, the blob is held whole, 397 MB for that file -> 6 MB)
    with tar_path.open("wb") as sink:
        archive = subprocess.run(["git", "-C", str(repo), "-c", "core.bigFileThreshold=16m", "archive", "--format=tar",
                                  commit], stdout=sink, stderr=subprocess.PIPE, check=False)
    if archive.returncode != 0:
        raise UsageError(f"git archive {visible(revision)} failed: "
                         f"{visible(archive.stderr.decode(errors='replace').strip()[:2000])}", where=visible(revision))
    skipped: list[dict[str, str]] = []
    with tarfile.open(tar_path) as tar:
        if hasattr(tarfile, "data_filter"):  # 3.10.12+ / 3.11.4+: refuse links and paths outside `into`

            def keep_safe(member: tarfile.TarInfo, dest: str) -> tarfile.TarInfo | None:
                try:
                    return tarfile.data_filter(member, dest)
                except tarfile.FilterError as exc:
                    skipped.append({"path": member.name, "reason": str(exc)})
                    return None

            tar.extractall(into, filter=keep_safe)
        else:  # pragma: no cover - older patch releases; git archive output has no absolute paths
            tar.extractall(into)
    tar_path.unlink()
    return skipped


# checks one side's scan against the project's policy: its violations as ``Violation.to_dict()`` rows
PolicyFn = Callable[[ScanResult], list[dict[str, Any]]]


def side_from_revision(repo: Path, revision: str, scan_fn: Callable[[Path], ScanResult],
                       flows: tuple[Flow, ...] | None = None, policy: PolicyFn | None = None) -> Side:
    with tempfile.TemporaryDirectory(prefix="modelmap-diff-") as tmp:
        folder = Path(tmp) / "tree"
        folder.mkdir()
        skipped = export_revision(repo, revision, folder)
        result = scan_fn(folder)
        side = side_from_scan(result, revision, kind="git", flows=flows)
        side.skipped = skipped
        if policy is not None:
            side.violations = {}
            for v in policy(result):
                side.violations.setdefault(v["fingerprint"], []).append(v)
        return side


def resolve_side(arg: str, *, repo: Path, scan_fn: Callable[[Path], ScanResult] | None,
                 flows: tuple[Flow, ...] | None = None, policy: PolicyFn | None = None) -> Side:
    """A file path if one exists, otherwise a git revision of ``repo`` (needs ``scan_fn``), checked against
    ``policy`` when one is given (a file side is not re-checked)."""
    if Path(arg).is_file():
        return load_side(arg, flows)
    if scan_fn is None:
        raise UsageError(f"{visible(arg)!r} is not a file", where=visible(arg), hint="pass a scan or BOM JSON file")
    return side_from_revision(repo, arg, scan_fn, flows, policy)


def _public(entry: dict[str, Any], flows_known: bool = False) -> dict[str, Any]:
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
        "flows": sorted(entry["flows"]) if flows_known else None,
    }


def _side_summary(side: Side) -> dict[str, Any]:
    out: dict[str, Any] = {"source": side.label, "kind": side.kind, "models": len(side.models),
                           "usages": sum(m["usages"] for m in side.models.values())}
    if side.skipped:
        out["skipped"] = side.skipped
    return out


def _countries(side: Side, key: str) -> set[str]:
    return {c for m in side.models.values() for c in m[key] or ()}


def _flow_delta(old: Side, new: Side) -> dict[str, dict[str, list[str]]] | None:
    """Per flow, the models that enter it and leave it (only flows with a change); null without declared flows."""
    if not (old.flows_known and new.flows_known):
        return None
    members: dict[str, tuple[set[str], set[str]]] = {}
    for index, side in enumerate((old, new)):
        for key, entry in side.models.items():
            for flow in entry["flows"]:
                members.setdefault(flow, (set(), set()))[index].add(key)
    return {flow: {"added": sorted(after - before), "removed": sorted(before - after)}
            for flow, (before, after) in sorted(members.items()) if before != after}


def _policy_delta(old: Side, new: Side) -> dict[str, Any] | None:
    """The violations the change introduces and resolves (by fingerprint: a moved line is the same violation);
    null unless both sides were checked against the policy."""
    if old.violations is None or new.violations is None:
        return None
    # both sides were checked against the policy, so its code is loaded already
    from modelmap.policy.engine import SEVERITY_RANK

    introduced: list[dict[str, Any]] = []
    resolved: list[dict[str, Any]] = []
    for key in new.violations.keys() | old.violations.keys():
        added, gone = _unmatched(new.violations.get(key, []), old.violations.get(key, []))
        introduced += added
        resolved += gone

    def order(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return sorted(rows, key=lambda v: (v["waived"], -SEVERITY_RANK[v["severity"]], v["rule"],
                                           v["location"]["path"], v["location"]["line"], v["fingerprint"]))

    return {"introduced": order(introduced), "resolved": order(resolved),
            "unwaived_introduced": sum(1 for v in introduced if not v["waived"]),
            "old_total": sum(map(len, old.violations.values())),
            "new_total": sum(map(len, new.violations.values()))}


def _unmatched(new: list[dict[str, Any]], old: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The violations of one fingerprint that only the new side has, and those only the old side has. A fingerprint
    is line-free (a moved line is the same violation), so it is counted, not only compared: a change that adds a
    second use of a forbidden model in the same file introduces one violation (redteam32: the rows were kept in a dict
    by fingerprint, so it introduced none and new_total counted fingerprints, not violations). Rows at the same line
    are paired first, then the rest in line order; what is left over is introduced or resolved."""
    if len(new) == len(old):
        return [], []

    def line(v: dict[str, Any]) -> int:
        return int(v["location"]["line"] or 0)

    left = Counter(line(v) for v in old)  # old rows not yet paired, by line
    new_rest = []
    for v in sorted(new, key=line):
        if left[line(v)] > 0:
            left[line(v)] -= 1
        else:
            new_rest.append(v)
    right = Counter(line(v) for v in new)
    old_rest = []
    for v in sorted(old, key=line):
        if right[line(v)] > 0:
            right[line(v)] -= 1
        else:
            old_rest.append(v)
    # the rest pair in line order (moved rows); the rows past the other side's count are the difference
    return new_rest[len(old_rest):], old_rest[len(new_rest):]



def diff_sides(old: Side, new: Side) -> dict[str, Any]:
    known = old.flows_known and new.flows_known
    added = [_public(new.models[k], known) for k in sorted(set(new.models) - set(old.models))]
    removed = [_public(old.models[k], known) for k in sorted(set(old.models) - set(new.models))]
    changed = []
    for key in sorted(set(old.models) & set(new.models)):
        before, after = old.models[key], new.models[key]
        changes = {fact: {"old": before[fact], "new": after[fact]} for fact in FACTS if before[fact] != after[fact]}
        if before["usages"] != after["usages"]:
            changes["usages"] = {"old": before["usages"], "new": after["usages"]}
        if known and before["flows"] != after["flows"]:
            changes["flows"] = {"old": sorted(before["flows"]), "new": sorted(after["flows"])}
        if changes:
            changed.append({"model": key, "changes": changes})
    origin_old, origin_new = _countries(old, "origins"), _countries(new, "origins")
    serving_old, serving_new = _countries(old, "serving_countries"), _countries(new, "serving_countries")
    return {
        "schema": SCHEMA_ID,
        "old": _side_summary(old),
        "new": _side_summary(new),
        "added": added,
        "removed": removed,
        "changed": changed,
        "origins": {"added": sorted(origin_new - origin_old), "removed": sorted(origin_old - origin_new)},
        "serving_countries": {"added": sorted(serving_new - serving_old), "removed": sorted(serving_old - serving_new)},
        "flows": _flow_delta(old, new),
        "policy": _policy_delta(old, new),
        "summary": {"added": len(added), "removed": len(removed), "changed": len(changed),
                    "unchanged": len(set(old.models) & set(new.models)) - len(changed)},
    }


def render_json(doc: dict[str, Any]) -> bytes:
    return dumps_json(doc, indent=2)


# what an empty list of countries means: no usage's endpoint, client or prefix names a host (a self-hosted server,
# or a name no code path says who serves) / no recorded origin; "none" read as "served from nowhere"
EMPTY = {"serving_countries": "self-hosted or unknown", "origins": "unknown", "flows": "no flow"}


def fact_text(fact: str, value: Any) -> str:
    """One fact of a diff as plain text, for the table and the Markdown comment alike."""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) if value else EMPTY.get(fact, "none")
    return "unknown" if value is None else str(value)  # a null list (origins, flows) is unknown too


def _fmt(value: Any, fact: str = "") -> str:
    """A fact as escaped Markdown text."""
    return md_text(fact_text(fact, value))


POLICY_SHOWN = 20  # violations listed per group in a comment or table; the rest counted
# the skipped archive members a side lists in the PR comment and on stderr; the rest are counted (redteam32: a revision
# with 5,000 absolute symlinks made a 393 KB comment, past the 65,536 characters GitHub posts, its changes at the end)
SKIPS_SHOWN = 20


def violation_text(v: dict[str, Any], code: Callable[[str], str] = str, text: Callable[[str], str] = str) -> str:
    """One violation of the delta on one line: rule and severity, where, which model and flow, the rule's message."""
    where = [f"at {code(v['location']['path'] + ':' + str(v['location']['line']))}"]
    # an endpoint's violation (a base URL served from a forbidden country) names the URL: say so, as check does
    what = "endpoint" if "://" in str(v.get("model") or "") else "model"
    where += [f"{what} {code(v['model'])}"] if v.get("model") else []
    where += [f"flow {code(v['flow'])}"] if v.get("flow") else []
    return f"{code(v['rule'])} ({v['severity']}) {', '.join(where)}: {text(v['message'])}"


def policy_lines(delta: dict[str, Any] | None, *, code: Callable[[str], str] = str,
                 text: Callable[[str], str] = str, head: Callable[[str], str] = str, gap: bool = False) -> list[str]:
    """The policy delta as lines (Markdown or plain text by ``code``/``text``); none without one or without change.
    ``gap``: a blank line between the groups (Markdown: a heading line right after a list item would be read as
    that item's lazy continuation, so "Violations resolved" would render inside the last new violation)."""
    if not delta or not (delta["introduced"] or delta["resolved"]):
        return []
    out: list[str] = []
    unwaived = [v for v in delta["introduced"] if not v["waived"]]
    waived = [v for v in delta["introduced"] if v["waived"]]
    for title, rows in ((f"New policy violations: {len(unwaived)}", unwaived),
                        (f"New violations covered by a waiver: {len(waived)}", waived),
                        (f"Violations resolved: {len(delta['resolved'])}", delta["resolved"])):
        if rows:
            out += [""] if gap and out else []
            out.append(head(title))
            out += [f"- {violation_text(v, code, text)}" for v in rows[:POLICY_SHOWN]]
            if len(rows) > POLICY_SHOWN:
                out.append(f"- ... and {len(rows) - POLICY_SHOWN} more (--format json lists them all)")
    return out


def render_markdown(doc: dict[str, Any]) -> bytes:
    s = doc["summary"]
    old, new = md_code(doc["old"]["source"], in_table=False), md_code(doc["new"]["source"], in_table=False)
    lines = ["### modelmap: AI model changes", ""]
    for side in ("old", "new"):
        skipped = doc[side].get("skipped", ())
        for skip in skipped[:SKIPS_SHOWN]:
            lines += [f"- skipped {md_code(skip['path'], in_table=False)} in {md_code(doc[side]['source'], in_table=False)}: "
                      f"{md_text(skip['reason'])}"]
        if len(skipped) > SKIPS_SHOWN:
            lines.append(f"- ... and {len(skipped) - SKIPS_SHOWN} more skipped in "
                         f"{md_code(doc[side]['source'], in_table=False)} (--format json lists them all)")
    if lines[-1] != "":
        lines.append("")
    policy = policy_lines(doc.get("policy"), code=lambda t: md_code(t, in_table=False), text=md_text,
                          head=lambda t: f"**{t}**", gap=True)
    if not (s["added"] or s["removed"] or s["changed"]):
        lines += [f"No model changes between {old} and {new}.", *(["", *policy] if policy else [])]
        return to_utf8("\n".join(lines) + "\n")
    lines += [f"{old} → {new}: **{s['added']} added**, "
              f"**{s['removed']} removed**, {s['changed']} changed.", ""]
    if doc["origins"]["added"]:
        lines += [f"⚠️ New origin countries: **{_fmt(doc['origins']['added'])}**", ""]
    if doc["serving_countries"]["added"]:
        lines += [f"⚠️ New serving countries: **{_fmt(doc['serving_countries']['added'])}**", ""]
    if policy:
        lines += [*policy, ""]
    for flow, delta in (doc.get("flows") or {}).items():
        for verb, keys in (("now uses", delta["added"]), ("no longer uses", delta["removed"])):
            if keys:
                lines += [f"- Flow {md_code(flow, in_table=False)} {verb}: "
                          + ", ".join(md_code(k, in_table=False) for k in keys)]
    if doc.get("flows"):
        lines.append("")
    with_flows = doc.get("flows") is not None
    for title, rows in (("Added", doc["added"]), ("Removed", doc["removed"])):
        if not rows:
            continue
        lines += [f"#### {title}", "", "| Model | Publisher | Origins | Served from | License | Uses |"
                  + (" Flows |" if with_flows else ""), "| --- | --- | --- | --- | --- | --- |"
                  + (" --- |" if with_flows else "")]
        lines += [f"| {md_code(m['model'])} | {_fmt(m['publisher'])} | {_fmt(m['origins'], 'origins')} | "
                  f"{_fmt(m['serving_countries'], 'serving_countries')} | {_fmt(m['license'])} | {m['usages']} |"
                  + (f" {_fmt(m['flows'], 'flows')} |" if with_flows else "")
                  for m in rows]
        lines.append("")
    if doc["changed"]:
        lines += ["#### Changed", "", "| Model | What | Before | After |", "| --- | --- | --- | --- |"]
        for change in doc["changed"]:
            for fact, values in change["changes"].items():
                lines.append(f"| {md_code(change['model'])} | {fact.replace('_', ' ')} | {_fmt(values['old'], fact)} | "
                             f"{_fmt(values['new'], fact)} |")
        lines.append("")
    return to_utf8("\n".join(lines).rstrip() + "\n")


def diff(old: str, new: str, *, repo: str | Path = ".",
         scan_fn: Callable[[Path], ScanResult] | None = None, flows: tuple[Flow, ...] | None = None,
         policy: PolicyFn | None = None) -> dict[str, Any]:
    """Diff two inventories given as files (scan JSON / CycloneDX JSON) or git revisions; ``flows``: the
    project's declared flows (ProjectConfig.flows), which places each usage in its flows; ``policy``: checks a
    revision's scan against the project's rules (the delta is ``policy``; null unless both sides are revisions)."""
    root = Path(repo)
    return diff_sides(resolve_side(old, repo=root, scan_fn=scan_fn, flows=flows, policy=policy),
                      resolve_side(new, repo=root, scan_fn=scan_fn, flows=flows, policy=policy))
