"""``modelmap trace``: where a model comes from."""

from __future__ import annotations

import typer

HELP = """Trace model identifiers to publisher, country, license, lineage and serving jurisdiction.

Accepts Hugging Face repo ids, API model names, Ollama tags, GGUF file names and
provider-prefixed strings (together_ai/..., openrouter/..., openai:...). Unknown facts are
reported as null, never guessed. Exit 0 when at least one identifier was valid, 2 when
none was (an empty or malformed identifier).
"""


def trace(
    identifiers: list[str] = typer.Argument(..., help="Model identifiers, as written in code."),
    format: str = typer.Option("table", "--format", "-f", help="Output format: table, json or jsonl."),
    online: bool = typer.Option(False, "--online", help="Also ask the Hugging Face Hub (cached; falls back offline)."),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks for errors."),
) -> None:
    import warnings
    from pathlib import Path

    from modelmap.cli.common import emit, err, print_rich, require_format
    from modelmap.errors import EXIT_USAGE, IdentifierError
    from modelmap.output import dumps_json
    from modelmap.provenance.resolver import resolve, resolver_for

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
                err(f"modelmap: error: {ident!r}: {exc}")
    for w in caught:
        err(f"warning: {w.message}")
    if not records:
        raise typer.Exit(EXIT_USAGE)
    if format == "json":
        data = records[0] if len(identifiers) == 1 else records
        emit(dumps_json(data, indent=2), None)
    elif format == "jsonl":
        emit(b"".join(dumps_json(rec, indent=None) for rec in records), None)
    else:
        from rich.console import Console

        from modelmap.report.trace_table import trace_table

        print_rich(trace_table(records, width=Console().width))
