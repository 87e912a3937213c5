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
    """A project config (modelmap.yaml / [tool.modelmap]) or policy file is invalid. A message that quotes a huge value
    (``fail_on`` set to 6 MB of text was printed whole) keeps its first ``MAX_MESSAGE`` characters and says how long
    it was."""

    def __init__(self, message: str, *, where: str | None = None, hint: str | None = None) -> None:
        if len(message) > MAX_MESSAGE:
            message = f"{message[:MAX_MESSAGE]}… (a message of {len(message):,} characters, cut)"
        super().__init__(message, where=where, hint=hint)


MAX_MESSAGE = 2_000


class ConfigErrors(ConfigError):
    """Every problem found in one config file, reported together so that one run lists them all (each a
    ConfigError, in line order; ``message``, ``where`` and ``hint`` are the first one's)."""

    errors: list[ConfigError]

    def __init__(self, errors: list[ConfigError]) -> None:
        flat: list[ConfigError] = []
        for error in errors:
            flat.extend(error.errors if isinstance(error, ConfigErrors) else [error])
        flat.sort(key=_line_of)
        first = flat[0]
        super().__init__(first.message, where=first.where, hint=first.hint)
        self.errors = flat

    def __str__(self) -> str:
        if len(self.errors) == 1:
            return str(self.errors[0])
        shown = self.errors[:MAX_LISTED_PROBLEMS]
        more = len(self.errors) - len(shown)
        return f"{len(self.errors)} problems in the config:\n" + "\n".join(
            "- " + str(e).replace("\n", "\n  ") for e in shown) + (
            f"\n- … and {more:,} more problems (the first {len(shown)} are listed: fix them and run again)"
            if more > 0 else "")


# how many of a config's problems ConfigErrors lists (45,000 unknown keys printed 8.7 MB): the count says the rest
MAX_LISTED_PROBLEMS = 200


def _line_of(error: ModelmapError) -> tuple[str, int]:
    """(file, line) of ``where`` ("modelmap.yaml:14"), for ordering; line 0 when it names none."""
    name, _, line = (error.where or "").rpartition(":")
    return (name, int(line)) if line.isdigit() else (error.where or "", 0)


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
