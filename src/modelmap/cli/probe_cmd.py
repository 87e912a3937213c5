"""``modelmap probe``: ask live inference servers what they really serve."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from modelmap.cli.common import Debug, NoColor, Output, Quiet

HELP = """Ask live inference servers what they really serve, with the evidence for each field.
Servers: vLLM, Ollama, TGI, llama.cpp, SGLang, LM Studio, a LiteLLM proxy, or any OpenAI-compatible
/v1/models. Each model is listed with the weights behind
its served name, every field with the endpoint it came from, and a finding when an alias hides
other weights ("served as gpt-4o, weights Qwen2.5-72B").

Loopback and private addresses are probed only with --allow-private. A bearer token is read from
the MODELMAP_PROBE_TOKEN environment variable (or the one --token-env names) and never printed.
Replies are capped in size and time; redirects to another host are refused.
Use --format json for scripts (schema modelmap.probe/1). Exits 0 when every URL answered, 1 when
one could not be read, 2 on a usage error.
"""

PROBE_FORMATS = ("table", "json")


def render_table(doc: dict[str, Any], *, width: int = 0, terminal: bool = False, color: bool = False) -> str:
    """The probe table: laid out for a terminal of ``width`` columns, plain lines off one (report/table.py)."""
    from modelmap.report.table import KEY, Column, Grid, render_grids, render_lines

    grid = Grid("What the servers say they serve", (
        Column("endpoint", KEY, head=True), Column("server", KEY, head=True), Column("served as", KEY, head=True),
        Column("weights", KEY, head=True), Column("publisher", joined=True, min_width=10),
        Column("origins", joined=True, min_width=7), Column("note")))
    for ep in doc["endpoints"]:
        if ep["models"] is None:
            grid.rows.append((ep["url"], ep["server"] or "?", "", "", "", "", f"error: {ep['error']}"))
            continue
        flagged = {f["served_name"] for f in ep["findings"]}
        for m in ep["models"]:
            res = m["resolution"]
            note = "served name differs from weights" if m["served_name"] in flagged else ""
            if m["adapter_of"]:
                note = (note + "; " if note else "") + f"adapter of {m['adapter_of']}"
            grid.rows.append((ep["url"], ep["server"] or "?", m["served_name"], m["weights"] or "not said",
                              (res.get("publisher") or {}).get("name") or "unknown",
                              ", ".join(res.get("origins") or []) or "unknown", note))
    findings = [f"finding: {ep['url']}: {f['message']}" for ep in doc["endpoints"] for f in ep["findings"]]
    return (render_grids([grid], width=width, terminal=terminal, color=color)
            + render_lines(findings, width=width, terminal=terminal, color=color))


def probe(
    urls: Annotated[list[str], typer.Argument(metavar="URL...", help="Base URLs of the servers to probe.")],
    format: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="Output: table or json.")] = "table",
    output: Output = None,
    allow_private: Annotated[bool, typer.Option("--allow-private", help="Allow loopback and private addresses.")] = False,
    token_env: Annotated[str, typer.Option("--token-env", metavar="VAR",
                                           help="Environment variable holding a bearer token.")] = "MODELMAP_PROBE_TOKEN",
    timeout: Annotated[float, typer.Option("--timeout", metavar="SECONDS", help="Time allowed per request.")] = 10.0,
    quiet: Quiet = False,
    no_color: NoColor = False,
    debug: Debug = False,
) -> None:
    from modelmap.cli.common import configure, emit, info, require_format, table_layout
    from modelmap.output import dumps_json, to_utf8
    from modelmap.runtime import probe as probing

    configure(quiet=quiet, no_color=no_color)
    require_format(format, PROBE_FORMATS)
    if not 0 < timeout <= 300:
        from modelmap.cli.common import err

        err("modelmap: error: --timeout must be more than 0 and at most 300 seconds")
        raise typer.Exit(2)
    doc = probing.probe(urls, allow_private=allow_private, token_env=token_env, deadline=timeout)
    for ep in doc["endpoints"]:
        if ep["error"]:
            info(f"warning: {ep['url']}: {ep['error']}")
    if format == "json":
        emit(dumps_json(doc), output)
    else:
        width, terminal, colored = table_layout(output)
        emit(to_utf8(render_table(doc, width=width, terminal=terminal, color=colored)), output)
    raise typer.Exit(1 if any(ep["error"] for ep in doc["endpoints"]) else 0)


_ = Path  # Output's annotation refers to pathlib.Path at runtime
