"""``modelmap check``: enforce the project's model-provenance policy (for CI)."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from modelmap.policy.config import ProjectConfig
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


def load_project_config(path: Path, config: Path | None) -> ProjectConfig:
    from modelmap.policy import load_config

    root = path if path.is_dir() else path.parent
    return load_config(config if config is not None else root, root=root)


def run_check(path: Path, config: Path | None, today: str | None) -> CheckResult:
    """Load the config, scan and resolve, evaluate. Raises ModelmapError on bad input."""
    from modelmap.errors import UsageError
    from modelmap.policy import evaluate

    if not path.exists():
        raise UsageError(f"{path} does not exist", hint="pass the folder of the repository to check")
    when = parse_today(today)
    project = load_project_config(path, config)
    return evaluate(_inventory(path), project, when)


def render_table(result: CheckResult) -> str:
    from io import StringIO

    from rich.console import Console
    from rich.table import Table

    from modelmap.output import text
    from modelmap.policy.summary import describe

    buffer = StringIO()
    console = Console(file=buffer, width=140, force_terminal=False, color_system=None)
    table = Table(title="modelmap check", show_lines=False)
    for column in ("severity", "rule", "where", "what the rule says", "details"):
        table.add_column(column, overflow="fold")
    for v in result.violations:
        if v.is_waived:
            continue
        table.add_row(text(v.severity), text(v.rule_id), text(f"{v.path}:{v.line}"), text(v.message),
                      text(describe(v, with_message=False)))
    if table.row_count:
        console.print(table)
    return buffer.getvalue()


def summary_line(result: CheckResult) -> str:
    counts = {s: sum(1 for v in result.unwaived if v.severity == s) for s in ("error", "warning", "note")}
    verdict = "PASS" if result.passed else "FAIL"
    text = (f"{verdict}: {len(result.config.rules)} rules over {result.inventory.usages} model usages; "
            f"{counts['error']} errors, {counts['warning']} warnings, {counts['note']} notes, "
            f"{len(result.waived)} waived")
    if result.expiring:
        text += f"; {len(result.expiring)} waiver(s) expire within {result.config.expiry_notice_days} days"
    if result.config.path is None:
        text += " (no modelmap.yaml found: nothing to enforce)"
    return text


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
    path: Annotated[Path, typer.Argument(help="Repository folder to check (default: the current directory).")] = CWD,
    config: Annotated[Path | None, typer.Option("--config", "-c", help="Policy file (default: modelmap.yaml or "
                                       "[tool.modelmap] in pyproject.toml at PATH).")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="Output: table, json, sarif or junit.")] = "table",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the result to this file instead of stdout.")] = None,
    today: Annotated[str | None, typer.Option("--today", help="Check waiver expiry as of this date (YYYY-MM-DD).")] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")] = False,
) -> None:
    from modelmap.cli.common import emit, err, require_format, run_guarded
    from modelmap.output import to_utf8

    require_format(format, CHECK_FORMATS)
    result = run_guarded(lambda: run_check(path, config, today), debug=debug)
    if format == "table":
        text = render_table(result)
        if output is not None or text:
            emit(to_utf8(text), output)
    else:
        emit(renderer_for(format).render(result), output)
    err(summary_line(result))
    raise typer.Exit(result.exit_code)
