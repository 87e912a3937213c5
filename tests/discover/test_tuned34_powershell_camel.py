"""PowerShell variables named in camelCase (tuneD34): a deployment script's defaults file written as
``$varCompletionModel = "gpt-4o"`` / ``$varEmbeddingModel = "…"`` is read as the shell's VAR_EMBEDDING_MODEL=… is;
a camelCase name that is no model key gives nothing. Fixture written for this test."""

from __future__ import annotations

from modelmap.discover.base import SourceFile, file_budget
from modelmap.discover.shell import ShellSource
from modelmap.types import Finding

_DEFAULTS = """\
# Default values read by the deploy scripts
$varCompletionModel = "gpt-4o"
$varEmbeddingModel = "text-embedding-ada-002"
$defaultModelName="llama3.1:8b"
$varASPNetCore = "Development"
$varModelCount = "gpt-4o"
$varInstance = "https://login.microsoftonline.com"
"""


def _found(path: str, text: str) -> list[tuple[int, int, str]]:
    with file_budget():
        out = list(ShellSource().scan(SourceFile(path, text)))
    return sorted((f.line, f.column, f.raw) for f in out if isinstance(f, Finding))


def test_camel_case_powershell_model_variables_are_read() -> None:
    found = _found("scripts/Variables.ps1", _DEFAULTS)
    assert (2, 24, "gpt-4o") in found
    assert (3, 23, "text-embedding-ada-002") in found
    # no spaces around '=': the name's leading words give way, the value keeps its column
    assert (4, 20, "llama3.1:8b") in found
    # a count, an ASP.NET environment, a login URL: camelCase names that are no model key
    assert [f for f in found if f[0] in (5, 6, 7)] == []


def test_bash_camel_case_is_unchanged() -> None:
    # only PowerShell's naming convention is split; a shell script's variables keep their own reading
    assert _found("scripts/vars.sh", 'varEmbeddingModel="text-embedding-ada-002"\n') == []
