"""``modelmap scan``: find every AI model a codebase uses."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import typer

from modelmap.cli.common import Debug, NoColor, Output, Quiet

HELP = """Find every AI model that code, configs, notebooks, containers, manifests and model files reference.

Prints a table grouped by origin country (or JSON / JSON Lines with --format). Exits 0 when the
scan ran (whatever it found) and 2 on a usage error. Files that cannot be scanned are counted
as skips with a reason, never dropped silently.
"""


def scan(
    paths: list[Path] = typer.Argument(None, metavar="PATH", help="Files or directories to scan (default: the current directory)."),
    format: str = typer.Option("table", "--format", "-f", metavar="FORMAT", help="Output: table, json or jsonl."),
    output: Output = None,
    include: list[str] = typer.Option([], "--include", metavar="GLOB", help="Only scan paths matching GLOB (repeatable)."),
    exclude: list[str] = typer.Option([], "--exclude", metavar="GLOB", help="Skip paths matching GLOB (repeatable)."),
    changed_since: str | None = typer.Option(None, "--changed-since", metavar="REV", help="Only scan files changed since this git revision (for pull requests)."),
    no_gitignore: bool = typer.Option(False, "--no-gitignore", help="Do not honour .gitignore (.modelmapignore still applies)."),
    resolve: bool = typer.Option(True, "--resolve/--no-resolve", help="Attach provenance (publisher, origin, license, serving) to each finding."),
    inspect_models: bool = typer.Option(True, "--inspect/--no-inspect", help="Read the headers of model files found on disk to identify them from evidence."),
    max_file_size: int = typer.Option(4 * 1024 * 1024, "--max-file-size", metavar="BYTES", min=0, help="Skip text files larger than this many bytes (a Jupyter notebook: 8 times this; its outputs are not read)."),
    jobs: int | None = typer.Option(None, "--jobs", "-j", metavar="N", min=0, help="Worker processes (default: one per CPU; at most 4 per CPU)."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar on stderr (only on a terminal)."),
    cache: bool = typer.Option(True, "--cache/--no-cache", help="Reuse the analysis of files unchanged since the last scan of this folder (kept in ~/.cache/modelmap/scan, or $MODELMAP_CACHE_DIR/scan)."),
    upload: str | None = typer.Option(None, "--upload", metavar="URL", help="Also send the scan (JSON) to a modelmap serve at URL; token from MODELMAP_TOKEN; the snapshot's tags from MODELMAP_ENVIRONMENT, MODELMAP_REGULATED (true|false) and MODELMAP_BUSINESS_UNIT."),
    project: str | None = typer.Option(None, "--project", metavar="NAME", help="Project name for --upload (default: the CI's repository, else the folder name)."),
    quiet: Quiet = False,
    no_color: NoColor = False,
    debug: Debug = False,
) -> None:
    from modelmap.cli.common import (
        color,
        configure,
        echo,
        emit,
        info,
        require_format,
        run_guarded,
        stdout_is_terminal,
        terminal_width,
        ui,
    )

    configure(quiet=quiet, no_color=no_color)
    formats = ("table", "json", "jsonl")
    require_format(format, formats)
    targets = paths or [Path(".")]
    if changed_since is not None:
        from modelmap.gitrev import verify_revision

        first, revision = targets[0], changed_since
        changed_since = run_guarded(lambda: verify_revision(first if first.is_dir() else first.parent,
                                                            revision, what="--changed-since"), debug=debug)

    import modelmap
    from modelmap.report import scan_renderers

    if jobs is not None:
        from modelmap.discover.engine import MAX_JOBS_PER_CPU, effective_jobs

        if jobs > effective_jobs(jobs):
            info(f"modelmap: note: --jobs {jobs} is more than {MAX_JOBS_PER_CPU} per CPU ({os.cpu_count() or 1} "
                 f"CPUs); scanning with {effective_jobs(jobs)} processes")

    cache_dir = None
    if cache and os.environ.get("MODELMAP_NO_CACHE") != "1":  # the variable turns every cache off, as for the KB
        from modelmap.discover.resultcache import default_dir

        cache_dir = default_dir()

    def run() -> object:
        if progress and not ui.quiet and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            with Progress(TextColumn("scanning"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                          console=Console(stderr=True, no_color=ui.no_color), transient=True) as bar:
                task = bar.add_task("scan", total=None)

                def tick(done: int, total: int) -> None:
                    bar.update(task, completed=done, total=total)

                return modelmap.scan(targets, resolve=resolve, inspect_models=inspect_models, progress=tick, include=include, exclude=exclude,
                                     changed_since=changed_since, gitignore=not no_gitignore,
                                     max_file_bytes=max_file_size, jobs=jobs, cache=cache_dir)
        return modelmap.scan(targets, resolve=resolve, inspect_models=inspect_models, include=include, exclude=exclude, changed_since=changed_since,
                             gitignore=not no_gitignore, max_file_bytes=max_file_size, jobs=jobs, cache=cache_dir)

    result = run_guarded(run, debug=debug)
    # the JSON forms write each finding's declared flows: the project's config is looked up once, only for them
    flows_of = None
    if format != "table" or upload:
        from modelmap.policy.inventory import project_flows_of

        problems: list[str] = []
        flows_of = project_flows_of(targets[0], problems)
        for problem in problems:
            info(f"warning: the project's policy file could not be read, so no finding carries its flows: {problem} "
                 "(modelmap check lists every problem)")
    if format == "table" and output is None:
        from modelmap.report.table import render_scan, summary_line

        echo(render_scan(result, width=terminal_width(), terminal=stdout_is_terminal(), color=color()))  # type: ignore[arg-type]
        info(summary_line(result))  # type: ignore[arg-type]
    else:
        from modelmap.discover.engine import fewer_collections

        with fewer_collections():  # the document's hundreds of thousands of objects live until it is written
            body = scan_renderers(flows_of)[format].render(result)
        emit(body, output)
        del body
    for line in security_warnings(result.findings):  # type: ignore[attr-defined]
        info(line)
    for skip in [s for s in result.skips if s.reason in ("parse-error", "invalid-utf8", "unreadable", "source-error", "symlink-loop", "too-large")][:20]:  # type: ignore[attr-defined]
        info(f"warning: skipped {skip.path}: {skip.reason}{': ' + skip.detail if skip.detail else ''}")
    if upload:
        from modelmap.server.upload import upload_from_cli

        body = scan_renderers(flows_of)["json"].render(result)
        root = targets[0] if targets[0].is_dir() else targets[0].parent
        info(run_guarded(lambda: upload_from_cli(upload, body, root, project), debug=debug))


MAX_SECURITY_WARNINGS = 20


def security_warnings(findings: list[Any]) -> list[str]:
    """One stderr line per security finding of the model files the scan inspected (``resolution.inspected``): a
    pickle that would run code when loaded is named in every output form, not only counted in the JSON."""
    lines: list[str] = []
    seen: set[tuple[str, str]] = set()
    more = 0
    for f in findings:
        inspected = (f.resolution or {}).get("inspected") if f.kind == "model-file" else None
        if not isinstance(inspected, dict):
            continue
        named = inspected.get("security_findings") or []
        for s in named:
            key = (str(s.get("where")), str(s.get("id")))
            if key in seen:
                continue
            seen.add(key)
            if len(lines) >= MAX_SECURITY_WARNINGS:
                more += 1
                continue
            lines.append(f"warning: security: {s.get('where')}: {s.get('id')} ({s.get('severity')}): {s.get('message')}")
        rest = int(inspected.get("security") or 0) - len(named)
        if rest > 0 and (str(f.path), "more") not in seen:
            seen.add((str(f.path), "more"))
            more += rest
    if more:
        lines.append(f"warning: security: {more} more security finding(s) of inspected model files: "
                     "modelmap inspect PATH lists them all")
    return lines
