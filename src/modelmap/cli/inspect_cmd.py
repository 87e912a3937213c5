"""``modelmap inspect PATH...``: identify models from their files. Registered in the CLI app by the lead.

Heavy imports (readers, numpy via gguf, fickling) happen inside the function so ``modelmap --help``
stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from modelmap.cli.common import Debug, NoColor, Output, Quiet

HELP = """Identify family, publisher and origin of a model from its own files, and compare with what they claim.

Reads only headers, configs and tokenizer files (never unpickles or runs anything). Exits 0 when
every PATH was read as a model (its weights, tokenizer, card or config), 2 when one could not be read or
holds nothing modelmap recognises as a model, such as a report or a README alone (the others are still shown).
With --fail-on-security, exits 1 when a file has a security finding (a pickle that imports code, a pickle named
as a code-free format) and nothing exits 2.
"""


def inspect(
    paths: Annotated[list[Path], typer.Argument(metavar="PATH", help="Model folders, model files (GGUF, "
                                                "safetensors, ONNX, .bin/.pt, tokenizer files) or an Ollama "
                                                "store/manifest.")],
    format: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT",
                                        help="Output: table or json.")] = "table",
    output: Output = None,
    hash: Annotated[bool, typer.Option("--hash", help="Also BLAKE3-hash the tensor data (reads the weights).")] = False,
    verify_vocab: Annotated[bool, typer.Option(
        "--verify-vocab", help="Always hash a folder's tokenizer vocabulary, even when config.json, tensor headers "
                               "and special tokens already single out one family.")] = False,
    fail_on_security: Annotated[bool, typer.Option(
        "--fail-on-security", help="Exit 1 when any file has a security finding (CI: block a pickle that would run "
                                   "code when loaded).")] = False,
    quiet: Quiet = False,
    no_color: NoColor = False,
    debug: Debug = False,
) -> None:
    from modelmap.cli.common import configure, emit, err, require_format
    from modelmap.errors import EXIT_USAGE, EXIT_VIOLATIONS, ModelmapError
    from modelmap.inspect import inspect_path
    from modelmap.output import dumps_json

    configure(quiet=quiet, no_color=no_color)
    require_format(format, ("table", "json"))
    records = []
    failed = False
    for path in paths:
        try:
            rec = inspect_path(path, hash=hash, vocab="always" if verify_vocab else "auto")
            records.append(rec)
            if _nothing_read(rec):
                # a script running `modelmap inspect FILE && ...` must not take a report or a README for a model
                # that was read: exit 2 as for an unreadable PATH (the record is still shown)
                reasons = sorted({s["reason"] for s in rec["skipped"]})
                lfs = " (Git LFS pointers in place of the weights: git lfs pull fetches them)" \
                    if "lfs-pointer" in reasons else ""
                err(f"modelmap: error: {rec['path']}: nothing in it is a model file modelmap can read "
                    f"({', '.join(reasons)}){lfs}")
                failed = True
        except ModelmapError as exc:
            if debug:
                raise
            err(f"modelmap: error: {exc}")
            failed = True
    if format == "json":
        doc = records[0] if len(records) == 1 else records
        emit(dumps_json(doc, indent=2, sort_keys=True), output)
    elif records:
        from modelmap.cli.common import table_layout
        from modelmap.output import render_rich, to_utf8, visible
        from modelmap.report.table import plain_fields

        width, terminal, colored = table_layout(output)
        if terminal:
            body = render_rich(*_tables(records), width=width, no_color=not colored)
        else:  # a pipe or a file: one line per field, paths and ids never wrapped (report/table.py's rule)
            body = "".join(plain_fields(rec["path"], [(f, visible(v)) for f, v, _ in _rows(rec)]) for rec in records)
        emit(to_utf8(body), output)
    if failed:
        raise typer.Exit(EXIT_USAGE)
    flagged = sum(len(rec.get("security") or []) for rec in records)
    if fail_on_security and flagged:
        err(f"modelmap: {flagged} security finding{'s' if flagged != 1 else ''}: failing (--fail-on-security)")
        raise typer.Exit(EXIT_VIOLATIONS)


def _nothing_read(rec: dict[str, Any]) -> bool:
    """True when no file of the PATH was read as a model artifact, card or config: only skipped files."""
    declared = rec.get("declared") or {}
    return bool(rec.get("skipped")) and not rec.get("format") and not rec.get("evidence") \
        and not declared.get("sources") and not rec.get("fingerprint") and not rec.get("architecture_family")


def _tables(records: list[dict[str, Any]]) -> list[Any]:
    """One field/value table per record (a terminal). Every value comes from the files: Text cells, never markup."""
    from rich.table import Table

    from modelmap.output import text

    out = []
    for rec in records:
        table = Table(title=text(rec["path"]), show_header=False, title_justify="left")
        table.add_column("field", style="bold", no_wrap=True)
        table.add_column("value", overflow="fold")
        for field, value, style in _rows(rec):
            table.add_row(text(field, style=style), text(value))
        out.append(table)
    return out


def _rows(rec: dict[str, Any]) -> list[tuple[str, str, str]]:
    """A record's (field, value, style) rows, for the terminal table and the plain lines alike."""
    rows: list[tuple[str, str, str]] = []

    def row(field: str, value: Any, style: str = "") -> None:
        rows.append((field, str(value), style))

    fam = rec.get("family") or {}
    pub = rec.get("publisher") or {}
    declared = rec.get("declared") or {}
    # an unknown is said in words, never printed as Python's None
    row("format", str(rec.get("format") or "unknown (no weight file read)"))
    stated = [f"{key}={declared[key]}" for key in ("name", "base_model", "license") if declared.get(key) is not None]
    row("declared", "  ".join(stated) or "nothing (no card or config names the model, its base or license)")
    if fam:
        extra = f" (also fits {', '.join(fam['indistinguishable_from'])})" if fam.get("indistinguishable_from") else ""
        row("family", f"{fam['id']} {fam.get('size') or ''}  score {fam['score']}{extra}")
        row("why", "; ".join(fam.get("why", [])))
    elif rec.get("family_candidates"):
        fits = ", ".join(f"{c['id']} {c.get('size') or ''}".strip() for c in rec["family_candidates"])
        row("family", f"unknown: only the dimensions speak, and they fit several families ({fits})")
    elif rec.get("vocabulary_origin"):
        origin = rec["vocabulary_origin"]
        by = f", made by {', '.join(origin['publishers'])}" if origin.get("publishers") else ""
        row("family", f"unknown: a derivative's renumbered copy of the vocabulary of "
                      f"{', '.join(origin.get('families') or [])}{by}")
    else:
        row("family", "unknown: no fingerprint matched")
    cands = ", ".join(str(c.get("id")) for c in rec.get("publisher_candidates") or [])
    row("publisher", f"{pub.get('name')} ({pub.get('country') or 'country unknown'})" if pub else
        (f"unknown (could be: {cands})" if cands else "unknown"))
    if rec.get("architecture_family"):
        row("architecture", str(rec["architecture_family"]))
    if rec.get("vocabulary_reused_by"):
        row("also shipped by", ", ".join(str(c.get("id")) for c in rec["vocabulary_reused_by"]))
    if rec.get("kb_model"):
        row("model", str(rec["kb_model"]))
    lineage = rec.get("lineage")
    row("lineage", "unknown" if lineage is None else ("; ".join(
        f"{e['child']} ←{e['relation']}— {e['parent']}" for e in lineage) or "none recorded"))
    reasons = ", ".join(f"{r['country']} ({r['because']})" for r in rec.get("origin_reasons") or [])
    known = "" if rec.get("origins_known") else " — may be incomplete"
    row("origins", (reasons + known) if rec.get("origins") else "unknown")
    for m in rec.get("mismatches", []):
        row("mismatch", m["message"], style="red")
    for s in rec.get("security", []):  # which file (and pickle stream) it is in: a folder holds many (tryfix35)
        where = f"{s['where']}: " if s.get("where") else ""
        row("security", f"{s['id']}: {where}{s['message']}", style="red")
    # evidence lines (tryout23): a detail that already starts with its source ("tokenizer.json: tokenizer.json:BPE
    # vocabulary") names it once; a detail's trailing separator (tensor shapes "…;") is dropped; an evidence kind
    # that is also a summary row above ("origins") is labelled as the evidence for it, so no field appears twice
    shown = {field for field, _, _ in rows}
    for e in rec.get("evidence", []):
        source, detail = str(e["source"]), str(e["detail"]).strip().rstrip(";,").rstrip()
        if detail.startswith(source + ":"):
            detail = detail[len(source) + 1:].lstrip()
        kind = str(e["kind"])
        row(f"{kind} (evidence)" if kind in shown else kind, f"{source}: {detail}")
    if rec.get("hash"):
        for h in rec["hash"]["files"]:
            row("hash", f"{h['file']}: {h['digest']}")
    for s in rec.get("skipped", []):
        row("skipped", f"{s['path']}: {s['reason']} {s.get('detail', '')}")
    return rows
