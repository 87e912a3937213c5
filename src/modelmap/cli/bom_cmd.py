"""``modelmap bom``: write a CycloneDX 1.6 ML-BOM of every AI model the code uses."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

CWD = Path(".")  # default PATH (a module-level value: no call in argument defaults)

HELP = """Write a CycloneDX 1.6 machine-learning BOM (JSON or XML) of the models the code uses.

Each model is a machine-learning-model component with its supplier, license, sources, lineage
(pedigree ancestors), the places it is used (evidence) and a model card; unidentified references
are listed too. When modelmap.yaml defines flows, each model card names the flows it powers.
The timestamp honours SOURCE_DATE_EPOCH for reproducible output.
"""

BOM_FORMATS = ("json", "xml")


def bom(
    path: Annotated[Path, typer.Argument(help="Repository folder to scan (default: the current directory).")] = CWD,
    format: Annotated[str, typer.Option("--format", "-f", help="Output: json or xml.")] = "json",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the BOM to this file instead of stdout.")] = None,
    config: Annotated[Path | None, typer.Option("--config", "-c", help="Project config, for flow names (optional).")] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")] = False,
) -> None:
    from modelmap.cli import check_cmd
    from modelmap.cli.common import emit, require_format, run_guarded
    from modelmap.errors import UsageError

    require_format(format, BOM_FORMATS)

    def run() -> bytes:
        from modelmap.policy.inventory import flows_of
        from modelmap.report.cyclonedx import CycloneDxRenderer

        if not path.exists():
            raise UsageError(f"{path} does not exist", hint="pass the folder of the repository to describe")
        project = check_cmd.load_project_config(path, config)
        result = check_cmd._inventory(path)
        renderer = CycloneDxRenderer(
            format, clock=check_cmd.clock,
            flows_of=(lambda f: flows_of(f, project.flows)) if project.flows else None,
            flow_tags={f.name: f.tags for f in project.flows},
        )
        return renderer.render(result)

    emit(run_guarded(run, debug=debug), output)
