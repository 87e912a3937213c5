"""``modelmap inspect PATH...``: identify models from their files. Registered in the CLI app by the lead.

Heavy imports (readers, numpy via gguf, fickling) happen inside the function so ``modelmap --help``
stays fast.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer


def inspect(
    paths: Annotated[list[Path], typer.Argument(help="Model folders, model files (GGUF, safetensors, ONNX, "
                                                     ".bin/.pt, tokenizer files) or an Ollama store/manifest.")],
    format: Annotated[str, typer.Option("--format", "-f", help="Output format: table or json.")] = "table",
    hash: Annotated[bool, typer.Option("--hash", help="Also BLAKE3-hash the tensor data (reads the weights).")] = False,
    verify_vocab: Annotated[bool, typer.Option(
        "--verify-vocab", help="Always hash a folder's tokenizer vocabulary, even when config.json, tensor headers "
                               "and special tokens already single out one family.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
) -> None:
    """Identify family, publisher and origin of a model from its own files, and compare with what they claim."""
    from modelmap.errors import EXIT_USAGE, ModelmapError
    from modelmap.inspect import inspect_path

    if format not in ("table", "json"):
        typer.echo(f"--format: {format!r} is not one of: table, json", err=True)
        raise typer.Exit(EXIT_USAGE)
    records = []
    failed = False
    for path in paths:
        try:
            records.append(inspect_path(path, hash=hash, vocab="always" if verify_vocab else "auto"))
        except ModelmapError as exc:
            if debug:
                raise
            typer.echo(f"error: {exc}", err=True)
            failed = True
    if format == "json":
        doc = records[0] if len(records) == 1 else records
        sys.stdout.write(json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    else:
        _table(records)
    if failed:
        raise typer.Exit(EXIT_USAGE)


def _table(records: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    for rec in records:
        fam = rec.get("family") or {}
        pub = rec.get("publisher") or {}
        table = Table(title=rec["path"], show_header=False, title_justify="left")
        table.add_column("field", style="bold")
        table.add_column("value", overflow="fold")
        declared = rec.get("declared") or {}
        table.add_row("format", str(rec.get("format")))
        table.add_row("declared", f"name={declared.get('name')}  base_model={declared.get('base_model')}  "
                                  f"license={declared.get('license')}")
        if fam:
            extra = f" (also fits {', '.join(fam['indistinguishable_from'])})" if fam.get("indistinguishable_from") else ""
            table.add_row("family", f"{fam['id']} {fam.get('size') or ''}  score {fam['score']}{extra}")
            table.add_row("why", "; ".join(fam.get("why", [])))
        else:
            table.add_row("family", "unknown: no fingerprint matched")
        cands = ", ".join(str(c.get("id")) for c in rec.get("publisher_candidates") or [])
        table.add_row("publisher", f"{pub.get('name')} ({pub.get('country')})" if pub else
                      (f"unknown (could be: {cands})" if cands else "unknown"))
        origins = ", ".join(f"{o['family']} ({o['relation']}, {(o.get('publisher') or {}).get('country') or '?'})"
                            for o in rec.get("origins", []))
        table.add_row("origins", origins or "-")
        for m in rec.get("mismatches", []):
            table.add_row("[red]mismatch[/red]", m["message"])
        for s in rec.get("security", []):
            table.add_row("[red]security[/red]", f"{s['id']}: {s['message']}")
        for e in rec.get("evidence", []):
            table.add_row(e["kind"], f"{e['source']}: {e['detail']}")
        if rec.get("hash"):
            for h in rec["hash"]["files"]:
                table.add_row("hash", f"{h['file']}: {h['digest']}")
        for s in rec.get("skipped", []):
            table.add_row("skipped", f"{s['path']}: {s['reason']} {s.get('detail', '')}")
        console.print(table)
