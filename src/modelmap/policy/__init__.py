"""Model-provenance policy: project config, CEL rules, waivers, evaluation.

Public entry points::

    config = load_config("path/to/repo")          # or a modelmap.yaml / pyproject.toml path
    result = evaluate(scan_result, config, today=date.today())
    result.exit_code                               # 0 pass, 1 unwaived violations

Imports stay light: ``cel`` is loaded when the engine is first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path

    from modelmap.policy.config import ProjectConfig
    from modelmap.policy.engine import CheckResult, Violation
    from modelmap.types import ScanResult

__all__ = ["CheckResult", "ProjectConfig", "Violation", "evaluate", "load_config"]


def load_config(path_or_root: str | Path, *, root: str | Path | None = None) -> ProjectConfig:
    """Load and validate ``modelmap.yaml`` / ``[tool.modelmap]`` (raises ConfigError with file:line).

    ``root``: the repository the config belongs to, for relative file names (default: its folder).
    """
    from modelmap.policy.config import load_config as _load

    return _load(path_or_root, root=root)


def evaluate(result: ScanResult, config: ProjectConfig, today: date) -> CheckResult:
    """Evaluate the policy over a resolved scan result as of ``today`` (waiver expiry)."""
    from modelmap.policy.engine import evaluate as _evaluate

    return _evaluate(result, config, today)


def __getattr__(name: str) -> Any:
    if name in ("CheckResult", "Violation"):
        from modelmap.policy import engine

        return getattr(engine, name)
    if name == "ProjectConfig":
        from modelmap.policy.config import ProjectConfig

        return ProjectConfig
    raise AttributeError(name)
