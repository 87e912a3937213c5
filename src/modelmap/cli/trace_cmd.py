"""``modelmap trace``: where a model comes from."""

from __future__ import annotations

from typing import Any

import typer

from modelmap.cli.common import Debug, NoColor, Output, Quiet

HELP = """Trace model identifiers to publisher, country, license, lineage and serving jurisdiction.

Accepts Hugging Face repo ids, API model names, Ollama tags, GGUF file names and
provider-prefixed strings (together_ai/..., openrouter/..., openai:...). Unknown facts are
reported as null, never guessed. Exit 0 when at least one identifier was valid, 2 when
none was (an empty or malformed identifier).
"""


# "Did you mean" hints are for a person reading: a batch of many unknown identifiers gets them for its first
# MAX_HINTS only (each costs a difflib pass over the ~14,000 known spellings, 4-25 ms: 100,000 unknown ids took
# over 20 minutes of CPU before this bound; redteam15)
MAX_HINTS = 32
# how provenance.resolver begins the reason of an identifier the knowledge base lists as rejected (rejected.yaml)
DELIBERATELY_UNMAPPED = "deliberately not mapped to one model"
_SPELLINGS: dict[int, tuple[object, dict[str, str]]] = {}  # id(kb) -> (kb, lower-case spelling -> shown form)


def _spellings(kb: Any) -> dict[str, str]:
    """Every known model id, Hugging Face name and alias of ``kb`` (lower case -> as shown), built once per
    knowledge base rather than once per identifier."""
    held = _SPELLINGS.get(id(kb))
    if held is not None and held[0] is kb:
        return held[1]
    shown: dict[str, str] = {}
    for model_id, model in kb.models.items():
        shown.setdefault(str(model_id).lower(), str(model.get("hf") or model_id))
        for alias in model.get("aliases") or ():
            shown.setdefault(str(alias).lower(), str(alias))
    for name in kb.name_index:
        shown.setdefault(str(name).lower(), str(name))
    _SPELLINGS.clear()
    _SPELLINGS[id(kb)] = (kb, shown)
    return shown


def close_ids(query: str, limit: int = 3, cutoff: float = 0.85) -> list[str]:
    """Known model ids, Hugging Face names and aliases spelled like ``query`` (difflib ratio >= ``cutoff``),
    nearest first, for a "did you mean" hint; none for a name the knowledge base deliberately does not map."""
    import difflib

    from modelmap.knowledge import load

    kb = load()
    wanted = query.strip().lower()
    if not wanted or wanted in kb.rejected:
        return []
    shown = _spellings(kb)
    out: list[str] = []
    for match in difflib.get_close_matches(wanted, [k for k in shown if k != wanted], n=limit * 2, cutoff=cutoff):
        if shown[match] not in out:
            out.append(shown[match])
    return out[:limit]


def _suggestions(hints: dict[str, list[str]]) -> Any:
    """A "did you mean" table: unidentified identifiers and the known ids spelled like them (the
    provenance table itself carries each record's reason, as the JSON does)."""
    from modelmap.report.table import KEY, Column, Grid

    grid = Grid("Did you mean", (Column("identifier", KEY, head=True), Column("known ids spelled like it")))
    grid.rows += [(query, ", ".join(close)) for query, close in hints.items() if close]
    return grid


def trace(
    identifiers: list[str] = typer.Argument(..., metavar="ID", help="Model identifiers, as written in code."),
    format: str = typer.Option("table", "--format", "-f", metavar="FORMAT", help="Output: table, json or jsonl."),
    output: Output = None,
    online: bool = typer.Option(False, "--online", help="Also ask the Hugging Face Hub (cached; falls back offline)."),
    quiet: Quiet = False,
    no_color: NoColor = False,
    debug: Debug = False,
) -> None:
    import warnings
    from pathlib import Path

    from modelmap.cli.common import configure, emit, err, info, require_format, table_layout
    from modelmap.errors import EXIT_USAGE, IdentifierError
    from modelmap.output import dumps_json, render_rich, to_utf8
    from modelmap.provenance.resolver import resolve, resolver_for

    configure(quiet=quiet, no_color=no_color)
    require_format(format, ("table", "json", "jsonl"))
    project = resolver_for(Path.cwd())  # the shipped knowledge base plus the company's declared models
    records: list[dict] = []
    bad = 0
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for ident in identifiers:
            try:
                records.append(resolve(ident, online=online, resolver=project).to_dict())
            except IdentifierError as exc:
                if debug:
                    raise
                bad += 1
                shown = ident if len(ident) <= 120 else ident[:100] + "…"  # not 100 KB of a hostile id back
                err(f"modelmap: error: {shown!r}: {exc}")
    for w in caught:
        info(f"warning: {w.message}")
    if not records:
        raise typer.Exit(EXIT_USAGE)
    # an alias the knowledge base deliberately maps to no one model (``deepseek/deepseek-chat``, a time-varying API
    # alias) is known: its record says why, and a "did you mean" would offer one specific model it is not
    unknown = [r["query"] for r in records if r.get("model") is None
               and not str(r.get("reason") or "").startswith(DELIBERATELY_UNMAPPED)]
    hints = {query: close_ids(query) for query in unknown[:MAX_HINTS]}
    if len(unknown) > MAX_HINTS:
        info(f"note: 'did you mean' hints for the first {MAX_HINTS} of {len(unknown)} unidentified identifiers only")
    if format == "json":
        data = records[0] if len(identifiers) == 1 else records
        emit(dumps_json(data, indent=2), output)
    elif format == "jsonl":
        emit(b"".join(dumps_json(rec, indent=None) for rec in records), output)
    else:
        from modelmap.report.table import plain_fields, render_grids
        from modelmap.report.trace_table import _rows, trace_table

        notes = _suggestions(hints)
        width, terminal, colored = table_layout(output)
        if terminal:
            body = render_rich(trace_table(records, width=width), width=width, no_color=not colored)
        else:  # a pipe or a file: one line per field, ids never wrapped (report/table.py's rule)
            body = "".join(plain_fields(rec["query"], _rows(rec)) for rec in records)
        emit(to_utf8(body + (render_grids([notes], width=width, terminal=terminal, color=colored) if notes.rows
                             else "")), output)
        return
    for query, close in hints.items():
        if close:
            info(f"hint: {query!r} is not in the knowledge base; did you mean {' or '.join(close)}?")
