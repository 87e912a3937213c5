"""``modelmap runtime``: what ran in production, from telemetry, gateway logs and probe results."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from modelmap.cli.common import Debug, NoColor, Output, Quiet

HELP = """Build a runtime inventory of the models seen serving, from telemetry, gateway logs and probes.
Sources: OpenTelemetry GenAI spans or metrics exported as OTLP JSON (file exporter or Collector
output), LiteLLM spend logs or callback JSONL, and modelmap probe results. Files are streamed, one line at a time. Each model is listed with the
names it was requested as, hosts, request and token counts, first and last seen, and its origin.

Use --since (an ISO date/time, or 30m, 24h, 7d) to keep only recent records. Compare with the code
using modelmap diff SCAN_JSON RUNTIME_JSON. Use --format json for scripts (schema
modelmap.runtime/1). Exits 0 when the sources were read, 2 on a usage or input error.
"""

RUNTIME_FORMATS = ("table", "json")


def render_table(doc: dict[str, Any], *, width: int = 0, terminal: bool = False, color: bool = False) -> str:
    """The runtime table: laid out for a terminal of ``width`` columns, plain lines off one (report/table.py)."""
    from modelmap.report.table import KEY, NUMBER, Column, Grid, count_of, render_grids, render_lines

    grid = Grid("What ran in production", (
        Column("model", KEY, head=True), Column("requested as", KEY), Column("hosts", KEY),
        Column("requests", NUMBER, joined=True), Column("tokens in/out", NUMBER, joined=True),
        Column("last seen", KEY, joined=True), Column("publisher", joined=True, min_width=10),
        Column("origins", joined=True, min_width=7)))
    for m in doc["models"]:
        res = m["resolution"]
        tokens = m["tokens"]
        grid.rows.append((m["model"], ", ".join(m["requested_as"]), ", ".join(m["hosts"]) or "-",
                          "not counted" if m["requests"] is None else str(m["requests"]),
                          "not counted" if tokens is None else f"{tokens['input'] or 0}/{tokens['output'] or 0}",
                          m["last_seen"] or "unknown", (res.get("publisher") or {}).get("name") or "unknown",
                          ", ".join(res.get("origins") or []) or "unknown"))
    grids = [grid]
    failed = doc.get("failed_attempts") or []
    if failed:
        # attempts that got no answer (an upstream error, or the modelmap guardrail's rejection): never a model seen
        # serving, and for a security review the rejected ones are the evidence that the policy held
        rejected = Grid("Failed or rejected attempts (no model answered)", (
            Column("model group", KEY, head=True), Column("attempts", NUMBER, joined=True),
            Column("rejected by rule", KEY), Column("errors", KEY), Column("upstreams tried", KEY),
            Column("last seen", KEY, joined=True)))
        for f in failed:
            rejected.rows.append((f["model_group"], str(f["attempts"]),
                                  ", ".join(f"{r} ({n})" for r, n in (f.get("rules") or {}).items()) or "-",
                                  ", ".join(f"{e} ({n})" for e, n in (f.get("errors") or {}).items()) or "-",
                                  ", ".join(f.get("upstreams") or []) or "-", f.get("last_seen") or "unknown"))
        grids.append(rejected)
    s = doc["summary"]
    requests = "no requests" if s["requests"] is None else count_of(s["requests"], "request")
    summary = (f"{count_of(s['models'], 'model')}, {requests} from {count_of(s['records'], 'record')} "
               f"({count_of(s['genai_spans'], 'GenAI span')}); {s['skipped']} skipped"
               + (f"; {count_of(s['failed_attempts'], 'failed attempt')}" if s.get("failed_attempts") else "")
               + (f"; {s['over_key_limit']} over the key limit" if s["over_key_limit"] else ""))
    counting = s.get("request_counting") or {}
    lines = [summary]
    if counting.get("note"):
        per = ", ".join(f"{k} {n}" for k, n in (counting.get("by_source") or {}).items())
        lines.append(f"requests counted {counting['method']} ({per}): {counting['note']}")
    return (render_grids(grids, width=width, terminal=terminal, color=color)
            + render_lines(lines, width=width, terminal=terminal, color=color))


def runtime(
    sources: Annotated[list[Path], typer.Argument(metavar="SOURCE...", help="OTLP JSON, LiteLLM log or probe files.")],
    since: Annotated[str | None, typer.Option("--since", metavar="WHEN",
                                              help="Only records from WHEN on: ISO date/time, or 30m, 24h, 7d.")] = None,
    format: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="Output: table or json.")] = "table",
    output: Output = None,
    quiet: Quiet = False,
    no_color: NoColor = False,
    debug: Debug = False,
) -> None:
    from modelmap.cli.common import configure, emit, err, info, require_format, table_layout
    from modelmap.output import dumps_json, to_utf8
    from modelmap.runtime import ingest

    configure(quiet=quiet, no_color=no_color)
    require_format(format, RUNTIME_FORMATS)
    since_ns = None
    if since is not None:
        try:
            since_ns = ingest.parse_since(since)
        except ValueError as exc:
            err(f"modelmap: error: {exc}")
            raise typer.Exit(2) from None
    try:
        doc = ingest.build(sources, since_ns=since_ns)
    except ingest.RuntimeInputError as exc:
        if debug:
            raise
        err(f"modelmap: error: {exc}")
        raise typer.Exit(2) from None
    for src in doc["sources"]:
        for reason, count in src["skip_reasons"].items():
            info(f"warning: {src['path']}: skipped {count} ({reason})")
    if format == "json":
        emit(dumps_json(doc), output)
    else:
        width, terminal, colored = table_layout(output)
        emit(to_utf8(render_table(doc, width=width, terminal=terminal, color=colored)), output)
