"""``modelmap diff``: which AI models a change adds or removes, and whose origins changed."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from modelmap.cli.common import Debug, NoColor, Output, Quiet

CWD = Path(".")  # default PATH (a module-level value: no call in argument defaults)

HELP = """Compare two inventories: OLD and NEW are each a scan JSON (modelmap scan --format json), a
CycloneDX JSON BOM (modelmap bom), or a git revision of --repo (exported with git archive and
scanned). Reports models added and removed, changed origins, serving, publisher and license,
and, where the project declares flows (modelmap.yaml found from --repo, or --config), which
models enter or leave each flow. When both sides are git revisions and the project has a policy,
each side is checked against it and the diff lists the violations the change introduces and
resolves (--fail-on-new makes introduced ones fail the run, for a pull-request gate). Use --format
md for a pull-request comment, json for scripts (schema modelmap.diff/3).

Code against production: when NEW is a runtime inventory (modelmap runtime --format json), OLD is
the code (a scan JSON or a folder) and the result is drift (schema modelmap.drift/1): models serving
that no code declares (shadow AI), models declared but never seen, aliases answered by other weights,
and serving hosts that differ from the endpoint in code.
Exits 0 when the comparison ran, 1 with --fail-on-new when the change introduces an unwaived
violation at or above the policy's fail_on severity, 2 on a usage error.
"""

DIFF_FORMATS = ("table", "json", "md")


def render_table(doc: dict[str, Any], *, width: int = 0, terminal: bool = False, color: bool = False) -> str:
    """The inventory diff: laid out for a terminal of ``width`` columns, plain lines off one (report/table.py)."""
    from modelmap.diff import fact_text, policy_lines
    from modelmap.report.table import KEY, Column, Grid, render_grids, render_lines

    grid = Grid(f"{doc['old']['source']} → {doc['new']['source']}", (
        Column("change", KEY, head=True), Column("model", KEY, head=True), Column("publisher", joined=True, min_width=10),
        Column("origins", joined=True, min_width=7), Column("served from", joined=True, min_width=7), Column("details")))
    for sign, rows in (("+ added", doc["added"]), ("- removed", doc["removed"])):
        for m in rows:
            grid.rows.append((sign, m["model"], m["publisher"] or "unknown", fact_text("origins", m["origins"]),
                              fact_text("serving_countries", m["serving_countries"]),
                              f"{m['usages']} use{'' if m['usages'] == 1 else 's'}"))
    for change in doc["changed"]:
        # the values as the Markdown comment words them, not Python reprs (`serving_countries: [] → ['US']`)
        details = "; ".join(f"{k.replace('_', ' ')}: {fact_text(k, v['old'])} → {fact_text(k, v['new'])}"
                            for k, v in change["changes"].items())
        grid.rows.append(("~ changed", change["model"], "", "", "", details))
    out = render_grids([grid], width=width, terminal=terminal, color=color) if grid.rows else ""
    s = doc["summary"]
    flow_lines = [f"flow {flow}: " + "; ".join(part for part in (
        f"now uses {', '.join(delta['added'])}" if delta["added"] else "",
        f"no longer uses {', '.join(delta['removed'])}" if delta["removed"] else "") if part)
        for flow, delta in (doc.get("flows") or {}).items()]
    summary = (f"{s['added']} added, {s['removed']} removed, {s['changed']} changed, {s['unchanged']} unchanged"
               + (f"; new origin countries: {', '.join(doc['origins']['added'])}" if doc["origins"]["added"] else "")
               + (f"; new serving countries: {', '.join(doc['serving_countries']['added'])}"
                  if doc["serving_countries"]["added"] else ""))
    return out + render_lines([*flow_lines, *policy_lines(doc.get("policy")), summary], width=width,
                              terminal=terminal, color=color)


def render_drift_table(doc: dict[str, Any], *, width: int = 0, terminal: bool = False, color: bool = False) -> str:
    """Code against runtime: laid out for a terminal of ``width`` columns, plain lines off one (report/table.py)."""
    from modelmap.report.table import KEY, NUMBER, Column, Grid, render_grids, render_lines

    grid = Grid(f"code {doc['code']['source']} → runtime {doc['runtime']['source']}", (
        Column("drift", KEY, head=True), Column("model", KEY, head=True), Column("where", KEY),
        Column("requests", NUMBER, joined=True), Column("details")))

    def count(value: Any) -> str:
        return "not counted" if value is None else str(value)

    for m in doc["shadow"]:
        origin = ", ".join(m["origins"] or []) or "unknown"
        grid.rows.append(("shadow", m["model"], ", ".join(m["hosts"]) or "-", count(m["requests"]),
                          f"not declared in code; publisher {m['publisher'] or 'unknown'}, origins {origin}"))
    for a in doc["alias_mismatch"]:
        grid.rows.append(("alias", a["declared"], ", ".join(a["hosts"]) or "-", count(a["requests"]), a["message"]))
    for h in doc["host_mismatch"]:
        grid.rows.append(("host", h["model"], h["served_from"], count(h["requests"]), h["message"]))
    for n in doc["declared_not_seen"]:
        grid.rows.append(("not seen", n["model"], ", ".join(n["paths"]), "0", "declared in code, never seen serving"))
    out = render_grids([grid], width=width, terminal=terminal, color=color) if grid.rows else ""
    s = doc["summary"]
    def mismatches(n: int, kind: str) -> str:
        return f"{n} {kind} mismatch{'' if n == 1 else 'es'}"

    summary = (f"{s['shadow']} shadow, {mismatches(s['alias_mismatch'], 'alias')}, "
               f"{mismatches(s['host_mismatch'], 'host')}, "
               f"{s['declared_not_seen']} declared but not seen, {s['matched']} matched")
    return out + render_lines([summary], width=width, terminal=terminal, color=color)


def render_drift_markdown(doc: dict[str, Any]) -> bytes:
    from modelmap.output import md_code, md_text, to_utf8

    s = doc["summary"]
    lines = ["### modelmap: code vs production", "",
             f"{s['shadow']} shadow · {s['alias_mismatch']} alias mismatches · {s['host_mismatch']} host mismatches · "
             f"{s['declared_not_seen']} declared but not seen · {s['matched']} matched", ""]
    for title, rows, fmt in (
        ("Serving, not declared in code (shadow AI)", doc["shadow"],
         lambda m: f"- {md_code(m['model'])} at {md_text(', '.join(m['hosts']) or 'unknown host')}"),
        ("Aliases answered by other weights", doc["alias_mismatch"], lambda a: f"- {md_text(a['message'])}"),
        ("Served from another host than the code's endpoint", doc["host_mismatch"],
         lambda h: f"- {md_text(h['message'])}"),
        ("Declared in code, never seen serving", doc["declared_not_seen"],
         lambda n: f"- {md_code(n['model'])} ({md_text(', '.join(n['paths']))})"),
    ):
        if rows:
            lines += [f"**{title}**", "", *(fmt(r) for r in rows), ""]
    return to_utf8("\n".join(lines) + "\n")


def diff(
    old: Annotated[str, typer.Argument(metavar="OLD", help="Old side: scan JSON, CycloneDX JSON, or a git revision.")],
    new: Annotated[str, typer.Argument(metavar="NEW", help="New side: scan JSON, CycloneDX JSON, or a git revision.")],
    format: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="Output: table, json or md.")] = "table",
    output: Output = None,
    repo: Annotated[Path, typer.Option("--repo", metavar="DIR", help="Git repository for revision arguments.")] = CWD,
    config: Annotated[Path | None, typer.Option(
        "--config", "-c", metavar="FILE",
        help="Policy file whose flows place each usage and whose rules check each revision (default: the "
             "modelmap.yaml found from --repo).")] = None,
    today: Annotated[str | None, typer.Option(
        "--today", metavar="YYYY-MM-DD", help="Day waivers are checked against (default: today, UTC).")] = None,
    fail_on_new: Annotated[bool, typer.Option(
        "--fail-on-new", help="Exit 1 when the change introduces an unwaived policy violation at or above the "
                              "policy's fail_on severity (both sides git revisions).")] = False,
    quiet: Quiet = False,
    no_color: NoColor = False,
    debug: Debug = False,
) -> None:
    from modelmap import diff as diffing
    from modelmap.cli import check_cmd
    from modelmap.cli.common import configure, emit, info, require_format, run_guarded, table_layout
    from modelmap.output import to_utf8

    configure(quiet=quiet, no_color=no_color)
    require_format(format, DIFF_FORMATS)
    from modelmap.runtime import drift

    if drift.is_runtime(old):
        from modelmap.cli.common import err

        err("modelmap: error: a runtime inventory goes second: modelmap diff CODE RUNTIME")
        raise typer.Exit(2)
    if drift.is_runtime(new):
        try:
            drift_doc = drift.drift_paths(old, new, scan_fn=check_cmd._inventory)
        except drift.DriftInputError as exc:
            if debug:
                raise
            from modelmap.cli.common import err

            err(f"modelmap: error: {exc}")
            raise typer.Exit(2) from None
        from modelmap.output import dumps_json

        if format == "json":
            emit(dumps_json(drift_doc), output)
        elif format == "md":
            emit(render_drift_markdown(drift_doc), output)
        else:
            width, terminal, colored = table_layout(output)
            emit(to_utf8(render_drift_table(drift_doc, width=width, terminal=terminal, color=colored)), output)
        return
    def run() -> tuple[dict[str, Any], str | None]:
        """The diff, and the fail_on of the policy the revisions were checked against (None: no policy)."""
        from modelmap.policy import evaluate

        project = check_cmd.find_project(repo, config) if repo.exists() or config else None
        policy = None
        # a policy that was found and read (`--config DIR` searches DIR upward like the default and may find none: that
        # is no policy, as without --config; redteam32: it checked both sides against no rules and --fail-on-new passed)
        if project is not None and project.config.path is not None:
            cfg, day = project.config, check_cmd.parse_today(today)

            def policy(result: Any) -> list[dict[str, Any]]:
                return [v.to_dict() for v in evaluate(result, cfg, day).violations]
        flows = project.config.flows if project is not None else ()
        doc = diffing.diff(old, new, repo=repo, scan_fn=check_cmd._inventory, flows=flows or None, policy=policy)
        return doc, project.config.fail_on if policy is not None and project is not None else None

    doc, fail_on = run_guarded(run, debug=debug)
    for side in ("old", "new"):
        skipped = doc[side].get("skipped", ())
        for skip in skipped[:diffing.SKIPS_SHOWN]:
            info(f"warning: {doc[side]['source']}: skipped {skip['path']}: {skip['reason']}")
        if len(skipped) > diffing.SKIPS_SHOWN:
            info(f"warning: {doc[side]['source']}: {len(skipped) - diffing.SKIPS_SHOWN} more skipped "
                 "(--format json lists them all)")
    if format == "json":
        emit(diffing.render_json(doc), output)
    elif format == "md":
        emit(diffing.render_markdown(doc), output)
    else:
        width, terminal, colored = table_layout(output)
        emit(to_utf8(render_table(doc, width=width, terminal=terminal, color=colored)), output)
    if fail_on_new:
        from modelmap.cli.common import err
        from modelmap.errors import EXIT_VIOLATIONS
        from modelmap.policy.engine import SEVERITY_RANK

        if doc.get("policy") is None or fail_on is None:
            err("modelmap: error: --fail-on-new needs a policy (modelmap.yaml or --config) and two git revisions")
            raise typer.Exit(2)
        threshold = SEVERITY_RANK[fail_on]
        if any(not v["waived"] and SEVERITY_RANK[v["severity"]] >= threshold for v in doc["policy"]["introduced"]):
            raise typer.Exit(EXIT_VIOLATIONS)
