"""Errors and exit codes, defined once.

Exit codes are a public contract (README "Exit codes" table):

* ``0`` — the command ran and found nothing that fails (or only reported).
* ``1`` — policy violations that no waiver covers (``modelmap check``).
* ``2`` — a usage, configuration or input error: nothing could be evaluated as asked, or the
  result could not be written (disk full, unwritable ``-o``).

A closed standard output (``modelmap scan | head -c1``) ends the command quietly with ``141``
(128 + SIGPIPE), as a shell reports a program killed by SIGPIPE.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_USAGE = 2
EXIT_BROKEN_PIPE = 141


class ModelmapError(Exception):
    """Root of every error modelmap raises on purpose.

    ``where`` is a location prefix such as ``modelmap.yaml:14`` and ``hint`` says what to try.
    """

    exit_code = EXIT_USAGE

    def __init__(self, message: str, *, where: str | None = None, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.where = where
        self.hint = hint

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class UsageError(ModelmapError):
    """Bad command-line arguments or API parameters."""


class ConfigError(ModelmapError):
    """A project config (modelmap.yaml / [tool.modelmap]) or policy file is invalid."""


class KnowledgeError(ModelmapError):
    """The bundled knowledge base is invalid (a packaging bug, never the user's fault)."""


class ReadError(ModelmapError):
    """A model artifact could not be read within its limits (truncated, hostile or unsupported)."""

    def __init__(self, path: str, message: str, *, limit: str | None = None) -> None:
        super().__init__(message, where=path, hint=f"limit hit: {limit}" if limit else None)
        self.path = path
        self.limit = limit


class IdentifierError(ModelmapError):
    """An identifier given to ``trace`` is empty or malformed."""


class OutputError(ModelmapError):
    """The result could not be written (standard output or ``-o``)."""
