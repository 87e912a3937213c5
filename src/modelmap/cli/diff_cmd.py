"""``modelmap diff``: which AI models a change adds or removes, and whose origins changed."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from modelmap.cli.common import Debug, NoColor, Output, Quiet

CWD = Path(".")  # default PATH (a module-level value: no call in argument defaults)

HELP = """Compare two inventories: OLD and NEW are each a scan JSON (modelmap scan --format json), a
CycloneDX JSON BOM (modelmap bom), or a git revision of --repo (exported with git archive and
scanned). Reports models added and removed, changed origins, serving, publisher and license.
Use --format md for a pull-request comment, json for scripts (schema modelmap.diff/1).
Exits 0 when the comparison ran, 2 on a usage error.
"""

DIFF_FORMATS = ("table", "json", "md")


def render_table(doc: dict[str, Any]) -> str:
    from io import StringIO

    from rich.console import Console
    from rich.table import Table

    from modelmap.output import text

    buffer = StringIO()
    console = Console(file=buffer, width=140, force_terminal=False, color_system=None)
    table = Table(title=text(f"{doc['old']['source']} → {doc['new']['source']}"))
    for column in ("change", "model", "publisher", "origins", "served from", "details"):
        table.add_column(column, overflow="fold")
    for sign, rows in (("+ added", doc["added"]), ("- removed", doc["removed"])):
        for m in rows:
            table.add_row(sign, text(m["model"]), text(m["publisher"] or "unknown"),
                          text(", ".join(m["origins"]) or "unknown"),
                          text(", ".join(m["serving_countries"]) or "-"), f"{m['usages']} uses")
    for change in doc["changed"]:
        details = "; ".join(f"{k}: {v['old']} → {v['new']}" for k, v in change["changes"].items())
        table.add_row("~ changed", text(change["model"]), "", "", "", text(details))
    if table.row_count:
        console.print(table)
    s = doc["summary"]
    console.print(text(f"{s['added']} added, {s['removed']} removed, {s['changed']} changed, {s['unchanged']} unchanged"
                       + (f"; new origin countries: {', '.join(doc['origins']['added'])}" if doc["origins"]["added"]
                          else "")))
    return buffer.getvalue()


def diff(
    old: Annotated[str, typer.Argument(metavar="OLD", help="Old side: scan JSON, CycloneDX JSON, or a git revision.")],
    new: Annotated[str, typer.Argument(metavar="NEW", help="New side: scan JSON, CycloneDX JSON, or a git revision.")],
    format: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="Output: table, json or md.")] = "table",
    output: Output = None,
    repo: Annotated[Path, typer.Option("--repo", metavar="DIR", help="Git repository for revision arguments.")] = CWD,
    quiet: Quiet = False,
    no_color: NoColor = False,
    debug: Debug = False,
) -> None:
    from modelmap import diff as diffing
    from modelmap.cli import check_cmd
    from modelmap.cli.common import configure, emit, info, require_format, run_guarded
    from modelmap.output import to_utf8

    configure(quiet=quiet, no_color=no_color)
    require_format(format, DIFF_FORMATS)
    doc = run_guarded(lambda: diffing.diff(old, new, repo=repo, scan_fn=check_cmd._inventory), debug=debug)
    for side in ("old", "new"):
        for skip in doc[side].get("skipped", ()):
            info(f"warning: {doc[side]['source']}: skipped {skip['path']}: {skip['reason']}")
    if format == "json":
        emit(diffing.render_json(doc), output)
    elif format == "md":
        emit(diffing.render_markdown(doc), output)
    else:
        emit(to_utf8(render_table(doc)), output)
