"""Helpers shared by the command modules: errors to exit codes, output to stdout or a file.

Everything a command prints goes through :mod:`modelmap.output` (sanitised text, safe writes);
these helpers only add the CLI's exit codes.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer

from modelmap.errors import EXIT_BROKEN_PIPE, EXIT_USAGE, ModelmapError

T = TypeVar("T")


@dataclass
class UI:
    """How this run talks to people: set once per run from -q/--quiet, --no-color and NO_COLOR
    (either before the command, ``modelmap -q scan``, or after it, ``modelmap scan -q``)."""

    quiet: bool = False
    no_color: bool = False
    root_quiet: bool = False  # given before the command (modelmap -q scan)
    root_no_color: bool = False


ui = UI()

# Shared options (every command takes them; the root command too).
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Print only the result: no summary, notes, "
                                     "warnings or progress on stderr (errors are still shown).")]
NoColor = Annotated[bool, typer.Option("--no-color", help="No colours or styles (also when the NO_COLOR "
                                       "environment variable is set).")]
def _preflight_output(value: Path | None) -> Path | None:
    """Refuse an ``-o`` target that would be refused at the end (a symlink, a folder, a socket) before the
    command does its work, with the same message and exit code."""
    if value is not None and str(value) != "-":
        from modelmap.output import check_output_target

        try:
            check_output_target(value)
        except ModelmapError as exc:
            fail(exc)
    return value


Output = Annotated[Path | None, typer.Option("--output", "-o", metavar="FILE", callback=_preflight_output,
                                             help="Write the result to FILE instead of stdout (- for stdout).")]
Debug = Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")]


def configure(quiet: bool = False, no_color: bool = False, *, root: bool = False) -> None:
    """Record the run's -q / --no-color: ``root`` for the flags given before the command (the
    root callback, which runs first), else the command's own; either place counts."""
    if root:
        ui.root_quiet, ui.root_no_color = quiet, no_color
    ui.quiet = quiet or ui.root_quiet
    ui.no_color = no_color or ui.root_no_color or bool(os.environ.get("NO_COLOR"))


def color() -> bool:
    """Whether stdout gets colours and styles: a terminal, and neither --no-color nor NO_COLOR."""
    return stdout_is_terminal() and not ui.no_color and not os.environ.get("NO_COLOR")


def stdout_is_terminal() -> bool:
    """Rich's view of stdout: a TTY (or TTY_COMPATIBLE=1 / FORCE_COLOR); not a pipe, a file or a CI log."""
    from rich.console import Console

    return Console().is_terminal


def terminal_width() -> int:
    """The terminal's width in columns (COLUMNS when set; 80 when unknown)."""
    from rich.console import Console

    return Console().width


def table_layout(output: Path | None = None) -> tuple[int, bool, bool]:
    """(width, terminal, color) for a command's table: laid out for the terminal's width when it goes to a
    terminal; plain lines (width 0, report/table.py's rule) when it goes to a pipe or a file (-o)."""
    if output is not None and str(output) != "-":
        return 0, False, False
    terminal = stdout_is_terminal()
    return (terminal_width(), True, color()) if terminal else (0, False, False)


def info(message: str) -> None:
    """A note, summary or warning on stderr: left out with -q."""
    if not ui.quiet:
        err(message)


def err(message: str) -> None:
    """A diagnostic on stderr; data in it is shown with visible escapes."""
    from modelmap.output import write_stderr

    write_stderr(message)


def fail(exc: ModelmapError) -> NoReturn:
    err(f"modelmap: error: {exc}")
    raise typer.Exit(exc.exit_code)


def broken_pipe() -> NoReturn:
    from modelmap.output import silence_stdout

    silence_stdout()
    raise typer.Exit(EXIT_BROKEN_PIPE)


# formats another command writes: a user asking `scan -f sarif` for code scanning is pointed at `check`
FORMAT_ELSEWHERE = {
    "sarif": "modelmap check --format sarif (policy violations for code scanning)",
    "junit": "modelmap check --format junit (policy results for CI test reports)",
    "spdx": "modelmap bom --format spdx (SPDX 3.0.1)",
    "cyclonedx": "modelmap bom --format json (CycloneDX 1.6 ML-BOM; xml too)",
    "cdx": "modelmap bom --format json (CycloneDX 1.6 ML-BOM; xml too)",
    "xml": "modelmap bom --format xml (CycloneDX 1.6 ML-BOM)",
    "html": "modelmap report --format html",
}


def require_format(format: str, choices: tuple[str, ...]) -> None:
    """Exit 2 with one clear message when ``--format`` is not one of ``choices``, and a hint naming the command
    that writes it (``bom -f cyclonedx``: bom's own json)."""
    if format not in choices:
        err(f"modelmap: error: unknown --format {format!r}; choose one of {', '.join(choices)}")
        elsewhere = FORMAT_ELSEWHERE.get(format.lower())
        if elsewhere:
            err(f"  hint: that format is written by {elsewhere}")
        raise typer.Exit(EXIT_USAGE)



def run_guarded(fn: Callable[[], T], *, debug: bool = False) -> T:
    """Run library code; a ModelmapError becomes a clear message and exit code 2."""
    try:
        return fn()
    except ModelmapError as exc:
        if debug:
            raise
        fail(exc)


def _write(fn: Callable[[], Any]) -> None:
    from modelmap.output import BrokenPipe

    try:
        fn()
    except BrokenPipe:
        broken_pipe()
    except ModelmapError as exc:
        fail(exc)


def emit(data: bytes, output: Path | None) -> None:
    """Write a rendered result to stdout, or to ``-o`` (see output.write_output)."""
    from modelmap import output as out

    if output is None or str(output) == "-":
        _write(lambda: out.write_stdout(data))
        return
    _write(lambda: out.write_output(output, data))
    info(f"wrote {output}")


def echo(text: str) -> None:
    """Print text (already sanitised, e.g. rendered by Rich from Text cells) to stdout."""
    from modelmap import output as out

    _write(lambda: out.write_stdout_text(text))


def print_rich(*renderables: Any, width: int | None = None) -> None:
    """Render Rich renderables (built from output.text cells) and print them to stdout."""
    from modelmap.output import render_rich

    echo(render_rich(*renderables, width=width, no_color=ui.no_color))
