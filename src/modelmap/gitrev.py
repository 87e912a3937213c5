"""Git revisions from the command line, checked before they reach git.

A revision that starts with ``-`` would be read by git as an option (``--output=FILE`` makes
``git diff`` write a file), so it is refused outright; anything else is resolved with
``git rev-parse --verify --end-of-options REV^{commit}`` and callers pass git the commit id it
returns, never the text the user typed.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from modelmap.errors import UsageError
from modelmap.output import visible


def verify_revision(repo: Path | str, revision: str, *, what: str, or_file: bool = False) -> str:
    """The full commit id ``revision`` names in ``repo``; UsageError (exit 2) if it names none.
    ``or_file``: the argument could also have been a file (diff), and the message says so."""
    shown = visible(revision)
    kind = "a file or a git revision" if or_file else "a git revision"
    if not revision.strip() or revision.startswith("-") or "\0" in revision:
        raise UsageError(f"{what} {shown!r} is not {kind}",
                         hint="revisions cannot start with '-'; pass a branch, tag or commit such as origin/main")
    try:
        proc = subprocess.run(["git", "-C", str(repo), "rev-parse", "--verify", "--quiet", "--end-of-options",
                               f"{revision}^{{commit}}"], capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise UsageError(f"{what} needs git: {visible(exc)}", hint="install git, or leave the option out") from None
    commit = proc.stdout.strip()
    if proc.returncode != 0 or len(commit) not in (40, 64) or any(c not in "0123456789abcdef" for c in commit):
        raise UsageError(f"{what} {shown!r} is not {kind} in {visible(repo)}",
                         hint="pass a revision that exists in this repository, e.g. origin/main or HEAD~1")
    return commit
