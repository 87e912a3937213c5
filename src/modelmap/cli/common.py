"""Helpers shared by the command modules: errors to exit codes, output to stdout or a file.

Everything a command prints goes through :mod:`modelmap.output` (sanitised text, safe writes);
these helpers only add the CLI's exit codes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import typer

from modelmap.errors import EXIT_BROKEN_PIPE, EXIT_USAGE, ModelmapError

T = TypeVar("T")


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


def require_format(format: str, choices: tuple[str, ...]) -> None:
    """Exit 2 with one clear message when ``--format`` is not one of ``choices``."""
    if format not in choices:
        err(f"modelmap: error: unknown --format {format!r}; choose one of {', '.join(choices)}")
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
    err(f"wrote {output}")


def echo(text: str) -> None:
    """Print text (already sanitised, e.g. rendered by Rich from Text cells) to stdout."""
    from modelmap import output as out

    _write(lambda: out.write_stdout_text(text))


def print_rich(*renderables: Any, width: int | None = None) -> None:
    """Render Rich renderables (built from output.text cells) and print them to stdout."""
    from modelmap.output import render_rich

    echo(render_rich(*renderables, width=width))
