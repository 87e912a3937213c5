"""``modelmap check``: enforce the project's model-provenance policy (for CI)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from modelmap.cli.common import Debug, NoColor, Output, Quiet

if TYPE_CHECKING:
    from modelmap.policy.config import ConfigSearch, ProjectConfig
    from modelmap.policy.engine import CheckResult
    from modelmap.types import ScanResult

CWD = Path(".")  # default PATH (a module-level value: no call in argument defaults)

HELP = """Check every AI model the code uses against the policy in modelmap.yaml (or [tool.modelmap]).

Exit codes: 0 when nothing fails the policy, 1 when there are violations no waiver covers (or a
waiver has expired or has no approver), 2 on a usage or config error (the message names the
file and line). Use --format sarif for GitHub code scanning, junit for CI test reports, json for
scripts (schema modelmap.check/1).
"""

CHECK_FORMATS = ("table", "json", "sarif", "junit")
FAIL_ON = ("error", "warning", "note", "never")


def _inventory(path: Path) -> ScanResult:
    """Scan and resolve ``path``; the one place check/bom/report call the scanner."""
    import modelmap

    return modelmap.scan([path], resolve=True)


def parse_today(value: str | None) -> date:
    """``--today`` (YYYY-MM-DD) or the current UTC date: the day waivers are checked against."""
    from modelmap.errors import UsageError

    if value is None:
        return datetime.now(timezone.utc).date()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--today {value!r} is not a date", hint="write it as YYYY-MM-DD") from None


def clock() -> datetime:
    """Report timestamps: SOURCE_DATE_EPOCH when set (reproducible builds), else now (UTC)."""
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    return datetime.now(timezone.utc).replace(microsecond=0)


@dataclass(frozen=True)
class Project:
    """What ``check`` (and ``report``, ``bom``) work on: the folder to scan, the parsed policy, and
    where the policy was looked for (None when --config named it)."""

    root: Path
    config: ProjectConfig
    search: ConfigSearch | None = None

    @property
    def has_policy(self) -> bool:
        return self.config.path is not None


def find_project(path: Path, config: Path | None) -> Project:
    """With --config: that file, over PATH. Otherwise the nearest modelmap.yaml / [tool.modelmap]
    from PATH upward to the repository root (``find_config``); the project is the folder that
    holds it, so running from any folder inside gives the same result (issue 13, item 7). With
    no config anywhere: PATH, under the default policy (no rules)."""
    from modelmap.errors import UsageError
    from modelmap.policy.config import ProjectConfig, find_config, load_config

    if not path.exists():
        raise UsageError(f"{path} does not exist", hint="pass the folder of the repository to check")
    start = path if path.is_dir() else path.parent
    if config is not None:
        return Project(start, load_config(config, root=start))
    search = find_config(start)
    if search.found is None:
        return Project(start, ProjectConfig(root=str(start)), search)
    return Project(search.project_root, load_config(search.found), search)


def load_project_config(path: Path, config: Path | None) -> ProjectConfig:
    return find_project(path, config).config


def _shown(path: Path) -> str:
    from modelmap.report.table import shown_root

    return shown_root(str(path.absolute()))


def no_policy_note(project: Project, *, strict: bool = False) -> str:
    """Why nothing was enforced, where modelmap looked, the default it used, and what to do."""
    search = project.search
    where = ""
    if search is not None:
        stop = "the repository root" if (search.stop / ".git").exists() else "the filesystem root"
        where = (f" in {_shown(search.start)}" + (f" or its parent folders up to {stop} ({_shown(search.stop)})"
                                                   if search.stop != search.start else ""))
    found = (f"no policy: no modelmap.yaml found (nor modelmap.yml, .modelmap.yaml, or [tool.modelmap] in "
             f"pyproject.toml){where}.")
    if strict:
        return found + " --strict needs one.\n  hint: add a modelmap.yaml (see docs/policy.md) or pass --config FILE"
    return (found + " Used the default policy, which has no rules: nothing was checked. Add a modelmap.yaml "
            "(see docs/policy.md) or pass --config FILE; --strict makes a missing policy exit 2.")


def load_runtime(path: Path) -> dict[str, Any]:
    """A ``modelmap.runtime/1`` document (``--runtime FILE``); UsageError (exit 2) when it is not one."""
    from modelmap.errors import UsageError
    from modelmap.runtime.drift import RUNTIME_SCHEMA, DriftInputError, clean_runtime, load_json

    what = "a runtime inventory (modelmap runtime --format json)"
    try:
        doc = load_json(path, what)
    except DriftInputError as exc:
        raise UsageError(f"--runtime {exc}", hint="build one with: modelmap runtime SOURCE... --format json -o FILE") from None
    if doc.get("schema") != RUNTIME_SCHEMA or not isinstance(doc.get("models"), list):
        raise UsageError(f"--runtime {path}: is not {what}; its schema is {doc.get('schema')!r}",
                         hint="build one with: modelmap runtime SOURCE... --format json -o FILE")
    return clean_runtime(doc)  # wrong-typed entries emptied, as plan and diff read them


def run_check(path: Path, config: Path | None, today: str | None, *, fail_on: str | None = None,
              project: Project | None = None, runtime: dict[str, Any] | None = None) -> CheckResult:
    """Find the project and its config, scan and resolve, evaluate. Raises ModelmapError on bad input.
    ``fail_on`` (error, warning or note) overrides the config's fail_on. ``runtime`` (a ``modelmap.runtime/1``
    document) gives rules their ``runtime`` facts; without it every runtime fact is null."""
    import dataclasses

    from modelmap.policy import evaluate

    when = parse_today(today)
    project = project or find_project(path, config)
    policy = project.config
    if fail_on is not None and fail_on != "never":
        policy = dataclasses.replace(policy, fail_on=fail_on)
    scanned = _inventory(project.root)
    if runtime is not None:
        from modelmap.policy.inventory import attach_runtime

        scanned = attach_runtime(scanned, runtime)
    return evaluate(scanned, policy, when)


def render_table(result: CheckResult, *, width: int = 100, terminal: bool = False, color: bool = False) -> str:
    from modelmap.report.table import render_check

    return render_check(result, width=width, terminal=terminal, color=color)


def summary_line(result: CheckResult, *, fail_on: str | None = None) -> str:
    counts = {s: sum(1 for v in result.unwaived if v.severity == s) for s in ("error", "warning", "note")}
    if result.config.path is None:
        verdict = "NO POLICY"
    elif fail_on == "never":
        verdict = "PASS (--fail-on never)" if result.passed else "FAIL (not enforced: --fail-on never)"
    else:
        verdict = "PASS" if result.passed else "FAIL"
    text = (f"{verdict}: {len(result.config.rules)} rule{'' if len(result.config.rules) == 1 else 's'} over "
            f"{result.inventory.usages} model usage{'' if result.inventory.usages == 1 else 's'}; "
            f"{_count(counts['error'], 'error')}, {_count(counts['warning'], 'warning')}, "
            f"{_count(counts['note'], 'note')}, {len(result.waived)} waived")
    if result.config.path is not None:
        text += f"; policy {result.config.path}, fails on {result.config.fail_on}"
    if result.expiring:
        n = len(result.expiring)
        text += (f"; {_count(n, 'waiver')} {'expires' if n == 1 else 'expire'} within "
                 f"{_count(result.config.expiry_notice_days, 'day')}")
    return text


def _count(n: int, noun: str) -> str:
    """``1 error``, ``2 warnings``: the summary read "1 errors" and "1 waiver(s) expire"."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def renderer_for(fmt: str) -> Any:
    if fmt == "json":
        from modelmap.report.check_json import CheckJsonRenderer

        return CheckJsonRenderer()
    if fmt == "sarif":
        from modelmap.report.sarif import SarifRenderer

        return SarifRenderer()
    from modelmap.report.junit import JunitRenderer

    return JunitRenderer()


def check(
    path: Annotated[Path, typer.Argument(metavar="PATH", help="A folder of the project to check (default: the current "
                                         "directory). modelmap looks for modelmap.yaml or [tool.modelmap] in pyproject.toml there and in "
                                         "each parent folder up to the repository root, and checks the folder that "
                                         "holds it.")] = CWD,
    config: Annotated[Path | None, typer.Option("--config", "-c", metavar="FILE", help="Policy file (default: "
                                                "found from PATH upward, as above); PATH is then the project.")] = None,
    format: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="Output: table, json, sarif or junit.")] = "table",
    output: Output = None,
    fail_on: Annotated[str | None, typer.Option("--fail-on", metavar="LEVEL", help="Lowest severity that fails the "
                                                "check (exit 1): error, warning, note, or never (report only, exit "
                                                "0). Default: fail_on in the policy, else error.")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 2 when no policy is found, instead of checking "
                                         "against the default policy (no rules).")] = False,
    today: Annotated[str | None, typer.Option("--today", metavar="DATE", help="Check waiver expiry as of this date (YYYY-MM-DD).")] = None,
    runtime: Annotated[Path | None, typer.Option("--runtime", metavar="FILE", help="A runtime inventory (modelmap "
                                                 "runtime --format json): rules can then read runtime.seen, "
                                                 "runtime.served_by, runtime.requests; without it they are null.")] = None,
    quiet: Quiet = False,
    no_color: NoColor = False,
    debug: Debug = False,
) -> None:
    from modelmap.cli.common import (
        color,
        configure,
        emit,
        err,
        info,
        require_format,
        run_guarded,
        stdout_is_terminal,
        terminal_width,
    )
    from modelmap.errors import EXIT_OK, EXIT_USAGE
    from modelmap.output import to_utf8

    configure(quiet=quiet, no_color=no_color)
    require_format(format, CHECK_FORMATS)
    if fail_on is not None and fail_on not in FAIL_ON:
        err(f"modelmap: error: unknown --fail-on {fail_on!r}; choose one of {', '.join(FAIL_ON)}")
        raise typer.Exit(EXIT_USAGE)
    project = run_guarded(lambda: find_project(path, config), debug=debug)
    if not project.has_policy:
        if strict:
            err(f"modelmap: error: {no_policy_note(project, strict=True)}")
            raise typer.Exit(EXIT_USAGE)
        info(f"note: {no_policy_note(project)}")
    elif project.search is not None and project.root.absolute() != Path(path).absolute():
        info(f"note: using the policy in {_shown(project.root / (project.config.path or ''))}; "
             f"checking {_shown(project.root)}")
    runtime_doc = run_guarded(lambda: load_runtime(runtime), debug=debug) if runtime is not None else None
    result = run_guarded(lambda: run_check(path, config, today, fail_on=fail_on, project=project,
                                           runtime=runtime_doc), debug=debug)
    if format == "table":
        if output is None:
            text = render_table(result, width=terminal_width(), terminal=stdout_is_terminal(), color=color())
        else:
            text = render_table(result, terminal=False)
        if output is not None or text:
            emit(to_utf8(text), output)
    else:
        emit(renderer_for(format).render(result), output)
    info(summary_line(result, fail_on=fail_on))
    raise typer.Exit(EXIT_OK if fail_on == "never" else result.exit_code)
