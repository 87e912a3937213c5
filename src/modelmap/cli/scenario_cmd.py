"""``modelmap scenario``: what breaks under a hypothetical rule."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from modelmap.cli.common import Debug, NoColor, Output, Quiet

HELP = """Show what breaks under a hypothetical rule: every affected model, its flows and usages (path:line), and the share of the inventory affected.

NAME is a shipped preset (no-cn-origin, no-cn-origin-regulated, no-cn-serving, us-eu-serving-only,
permissive-licenses-only, no-entity-list-publishers, us-regulated); or give an ad-hoc CEL deny
expression with --deny (docs/policy.md lists the names it can read). The project's flows come
from its modelmap.yaml; its own rules and waivers are not applied. Exit 0 when the scenario ran
(whatever it found), 2 on a usage or config error.
"""

FORMATS = ("table", "json", "md")


def scenario(
    name: Annotated[str | None, typer.Argument(metavar="NAME", help="A shipped scenario (preset) name.")] = None,
    path: Annotated[Path, typer.Argument(metavar="PATH", help="The project folder (default: the current directory).")] = Path("."),
    deny: Annotated[str | None, typer.Option("--deny", metavar="CEL", help="An ad-hoc rule: a CEL expression, true when a usage breaks it.")] = None,
    format: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="Output: table, json or md.")] = "table",
    output: Output = None,
    quiet: Quiet = False,
    no_color: NoColor = False,
    debug: Debug = False,
) -> None:
    from modelmap.cli.common import (
        color,
        configure,
        emit,
        info,
        require_format,
        run_guarded,
        stdout_is_terminal,
        terminal_width,
    )
    from modelmap.errors import EXIT_OK
    from modelmap.output import dumps_json, to_utf8

    configure(quiet=quiet, no_color=no_color)
    require_format(format, FORMATS)
    if name is not None and deny is not None and path == Path("."):
        # `modelmap scenario --deny CEL PATH`: the one positional argument is the path
        path, name = Path(name), None

    def run() -> object:
        import modelmap
        from modelmap.cli.check_cmd import find_project
        from modelmap.switch.scenario import affected, scenario_for

        chosen = scenario_for(name, deny)
        project = find_project(path, None)
        return affected(modelmap.scan([project.root], resolve=True), chosen, project.config)

    from modelmap.switch.scenario import (
        ScenarioResult,
        flowless_note,
        render_markdown,
        summary_line,
        table_grid,
    )

    result = run_guarded(run, debug=debug)
    assert isinstance(result, ScenarioResult)
    if format == "json":
        emit(dumps_json(result.to_dict(), indent=2), output)
    elif format == "md":
        emit(to_utf8(render_markdown(result)), output)
    else:
        from modelmap.report.table import render_grids

        grid = table_grid(result)
        if output is None:
            text = render_grids([grid], width=terminal_width(), terminal=stdout_is_terminal(), color=color())
        else:
            text = render_grids([grid], width=0, terminal=False)
        if grid.rows or output is not None:
            emit(to_utf8(text if text.endswith("\n") else text + "\n"), output)
    info(summary_line(result))
    note = flowless_note(result.scenario.deny, len(result.flows_total), len(result.affected))
    if note:
        info(note)
    raise typer.Exit(EXIT_OK)
