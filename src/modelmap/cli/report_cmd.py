"""``modelmap report``: a self-contained HTML (or Markdown) report for the board."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from modelmap.cli.common import Debug, NoColor, Output, Quiet
from modelmap.errors import EXIT_USAGE

CWD = Path(".")  # default PATH (a module-level value: no call in argument defaults)

HELP = """Write a report for people who are not engineers: which models power which products, where
they come from (charts by origin country, publisher and serving jurisdiction), where we stand
against the policy (violations, waivers, decisions about to expire) and how exposed we are to
stricter rules. HTML is one self-contained file (no scripts, works offline); md is Markdown.
With --runtime FILE (modelmap runtime --format json) it adds "What runs in production": per flow,
which declared models are serving, never seen, answered by other weights or served from another host,
and the models serving that no code declares.
With --eval FILE (modelmap eval -o DIR writes DIR/eval.json) it adds "Model evaluation": each model's rates
with 95% intervals and n, the paired comparisons with the incumbent and their CIs, the per-CWE table, the
gates and the evidence hashes.
Exits 0 whenever the report was written, even if the policy fails (use `check` to gate CI).
"""

REPORT_FORMATS = ("html", "md")


def report(
    path: Annotated[Path, typer.Argument(metavar="PATH", help="A folder of the project (default: the current "
                                         "directory); as for check, the project is the folder of the nearest "
                                         "modelmap.yaml upward, else PATH.")] = CWD,
    format: Annotated[str | None, typer.Option("--format", "-f", metavar="FORMAT", help="Output: html or md "
                                               "(default: from -o's suffix, .md or .html; else html).")] = None,
    output: Output = None,
    config: Annotated[Path | None, typer.Option("--config", "-c", metavar="FILE",
                                                help="Policy file (default: found from PATH upward, as for check).")] = None,
    today: Annotated[str | None, typer.Option("--today", metavar="DATE", help="Check waiver expiry as of this date (YYYY-MM-DD).")] = None,
    runtime: Annotated[Path | None, typer.Option("--runtime", metavar="FILE", help="A runtime inventory (modelmap "
                                                 "runtime --format json): adds 'What runs in production' and "
                                                 "gives policy rules their runtime facts.")] = None,
    eval_file: Annotated[Path | None, typer.Option("--eval", metavar="FILE", help="A model evaluation (modelmap "
                                                   "eval's eval.json): adds 'Model evaluation'.")] = None,
    quiet: Quiet = False,
    no_color: NoColor = False,
    debug: Debug = False,
) -> None:
    from modelmap.cli import check_cmd
    from modelmap.cli.common import configure, emit, require_format, run_guarded

    configure(quiet=quiet, no_color=no_color)
    if format is None:
        format = _format_from_suffix(output)
    require_format(format, REPORT_FORMATS)

    def run() -> bytes:
        runtime_doc = check_cmd.load_runtime(runtime) if runtime is not None else None
        eval_doc = None
        if eval_file is not None:
            from modelmap.report import eval_section

            eval_doc = eval_section.load(eval_file)
        result = check_cmd.run_check(path, config, today, runtime=runtime_doc)
        source = str(runtime) if runtime is not None else "runtime"
        if format == "html":
            from modelmap.report.html import HtmlRenderer

            page = HtmlRenderer(clock=check_cmd.clock, runtime=runtime_doc, runtime_source=source).render(result)
            return page if eval_doc is None else eval_section.embed_html(page, eval_doc, str(eval_file))
        from modelmap.report.markdown import MarkdownRenderer

        text = MarkdownRenderer(clock=check_cmd.clock, runtime=runtime_doc, runtime_source=source).render(result)
        return text if eval_doc is None else text + b"\n" + eval_section.markdown(eval_doc, str(eval_file)).encode()

    emit(run_guarded(run, debug=debug), output)


_SUFFIX_FORMATS = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md"}


def _format_from_suffix(output: Path | None) -> str:
    """The format -o's file name asks for, with no --format: .md / .markdown -> md, .html / .htm -> html, no file or
    no suffix -> html. Any other suffix is a usage error (``-o report.pdf`` wrote HTML under a PDF name)."""
    if output is None or str(output) == "-" or not output.suffix:
        return "html"
    found = _SUFFIX_FORMATS.get(output.suffix.lower())
    if found is None:
        from modelmap.cli.common import err

        err(f"modelmap: error: cannot tell the report format from {output.name!r}: report writes html or md; "
            "name the file .html or .md, or give --format")
        raise typer.Exit(EXIT_USAGE)
    return found
