"""``modelmap bom``: write a CycloneDX 1.6 ML-BOM (JSON/XML) or an SPDX 3.0.1 document (JSON-LD) of
every AI model the code uses and every endpoint that serves one."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from modelmap.cli.common import Debug, NoColor, Output, Quiet

CWD = Path(".")  # default PATH (a module-level value: no call in argument defaults)

HELP = """Write a bill of materials of the AI models the code uses: CycloneDX 1.6 (json, xml) or SPDX 3.0.1 (spdx).

Models and endpoints are two kinds of thing. Each model is a machine-learning-model component
(SPDX: an AI package) with its supplier and the supplier's country, license, sources, lineage
(bases and distillation teachers), the places it is used, a model card, and a pkg:huggingface purl
when it has a Hub repository; unidentified references are listed too, with the reason. Endpoints
and hosted APIs are services (SPDX: packages that are not models) with their URLs and operator,
and the BOM records which service serves which model. When modelmap.yaml defines flows, each
model card names the flows it powers. The timestamp honours SOURCE_DATE_EPOCH for reproducible
output.
"""

BOM_FORMATS = ("json", "xml", "spdx")


def bom(
    path: Annotated[Path, typer.Argument(metavar="PATH", help="A folder of the project (default: the current "
                                         "directory); as for check, the project is the folder of the nearest "
                                         "modelmap.yaml upward, else PATH.")] = CWD,
    format: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="Output: json or xml (CycloneDX "
                                        "1.6), or spdx (SPDX 3.0.1 JSON-LD).")] = "json",
    output: Output = None,
    config: Annotated[Path | None, typer.Option("--config", "-c", metavar="FILE",
                                                help="Project config, for flow names (optional).")] = None,
    upload: Annotated[str | None, typer.Option("--upload", metavar="URL", help="Also send the BOM (json or spdx) "
                                               "to a modelmap serve at URL; token from MODELMAP_TOKEN; the snapshot's tags "
                                               "from MODELMAP_ENVIRONMENT, MODELMAP_REGULATED (true|false) and "
                                               "MODELMAP_BUSINESS_UNIT.")] = None,
    project: Annotated[str | None, typer.Option("--project", metavar="NAME", help="Project name for --upload "
                                                "(default: the CI's repository, else the folder name).")] = None,
    max_models: Annotated[int, typer.Option("--max-models", metavar="N", min=0, help="List at most N models "
                                            "(default 1000; 0: all of them, about 2 ms of CPU each). Past it the "
                                            "models used in the most places are listed and the cut is recorded in "
                                            "the document (modelmap:truncated) and on stderr.")] = 1_000,
    quiet: Quiet = False,
    no_color: NoColor = False,
    debug: Debug = False,
) -> None:
    from modelmap.cli import check_cmd
    from modelmap.cli.common import configure, emit, require_format, run_guarded

    configure(quiet=quiet, no_color=no_color)
    require_format(format, BOM_FORMATS)

    def run() -> bytes:
        from modelmap.policy.inventory import flows_of
        from modelmap.report.bom_inventory import MAX_BOM_MODELS
        from modelmap.report.cyclonedx import CycloneDxRenderer
        from modelmap.report.spdx import SpdxRenderer

        found = check_cmd.find_project(path, config)
        project = found.config
        result = check_cmd._inventory(found.root)
        options: dict[str, Any] = {
            "clock": check_cmd.clock,
            "flows_of": (lambda f: flows_of(f, project.flows)) if project.flows else None,
            "flow_tags": {f.name: f.tags for f in project.flows},
            "name": found.root.resolve().name or None,  # the project, as found from PATH (same from any subfolder)
            "max_models": max_models,
        }
        if max_models == 0 or max_models > MAX_BOM_MODELS:
            # a model costs about 2.7 ms of CPU and 60 KB (10,000 distinct Bedrock ids with --max-models 0: 27 s,
            # 590 MB, redteam27): a BOM listing more than the default cap says so before the long part starts
            from modelmap.cli.common import info
            from modelmap.report.bom_inventory import count_models

            count = count_models(result)
            listed = count if max_models == 0 else min(count, max_models)
            if listed > MAX_BOM_MODELS:
                info(f"modelmap: note: --max-models {max_models} lists {listed} models; at about 3 ms of CPU each "
                     f"this takes about {max(1, round(listed * 0.003))} s")
        renderer = SpdxRenderer(**options) if format == "spdx" else CycloneDxRenderer(format, **options)
        body = renderer.render(result)
        left_out = int(getattr(renderer, "left_out", 0))
        if left_out:
            from modelmap.cli.common import err

            err(f"modelmap: warning: the BOM lists {max_models} of {max_models + left_out} models "
                "(those used in the most places); see modelmap:truncated in the document, or use --max-models 0")
        return body

    if upload and format == "xml":
        from modelmap.cli.common import err

        err("modelmap: error: --upload sends JSON: use --format json or spdx")
        raise typer.Exit(2)
    body = run_guarded(run, debug=debug)
    emit(body, output)
    if upload:
        from modelmap.cli.common import info
        from modelmap.server.upload import upload_from_cli

        root = path if path.is_dir() else path.parent
        info(run_guarded(lambda: upload_from_cli(upload, body, root, project), debug=debug))
