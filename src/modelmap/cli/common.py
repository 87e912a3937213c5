"""Helpers shared by the command modules: errors to exit codes, output to stdout or a file."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import typer

from modelmap.errors import EXIT_USAGE, ModelmapError

T = TypeVar("T")


def err(message: str) -> None:
    typer.echo(message, err=True)


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
        err(f"modelmap: error: {exc}")
        raise typer.Exit(exc.exit_code) from None


def emit(data: bytes, output: Path | None) -> None:
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    from modelmap.fsutil import write_atomic

    try:
        write_atomic(output, data)
    except OSError as exc:
        err(f"modelmap: error: cannot write {output}: {exc.strerror or exc}")
        raise typer.Exit(EXIT_USAGE) from None
    err(f"wrote {output}")
