"""``modelmap alternatives``: compliant replacements for one model."""

from __future__ import annotations

from typing import Annotated

import typer

from modelmap.cli.common import Debug, NoColor, Output, Quiet

HELP = """Rank compliant replacements for one model: the same weights on another host, another model of the same role and size class, and the same family at another size.

Each candidate shows its publisher, origins, serving country, license, open weights, context,
features, drop-in class (A base_url/model swap, B SDK or API change, C re-embed, D retrain a
fine-tune, E revalidate prompts) and price per million tokens with its source and date. With
--scenario, candidates that break it (checked by the policy engine in a flow tagged
customer-facing, regulated and production, or --flow-tag) never appear. Exit 0 when the search
ran, 2 on a usage error.
"""

FORMATS = ("table", "json")


def alternatives(
    identifier: Annotated[str, typer.Argument(metavar="ID", help="A model id, Hub repo id or API model name.")],
    scenario: Annotated[str | None, typer.Option("--scenario", "-s", metavar="NAME", help="Leave out candidates that break this shipped scenario.")] = None,
    role: Annotated[str | None, typer.Option("--role", metavar="ROLE", help="The role to replace (generation, embedding, rerank, ...), when the model's own is unknown or different.")] = None,
    provider: Annotated[str | None, typer.Option("--provider", metavar="ID", help="The current host (a providers.yaml id), for drop-in classes.")] = None,
    flow_tag: Annotated[list[str] | None, typer.Option("--flow-tag", metavar="TAG", help="Tags of the flow the replacement serves (repeatable; default: customer-facing, regulated, production).")] = None,
    limit: Annotated[int, typer.Option("--limit", metavar="N", help="At most N candidates per group.")] = 10,
    format: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="Output: table or json.")] = "table",
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
    from modelmap.errors import EXIT_OK, UsageError
    from modelmap.output import dumps_json, to_utf8
    from modelmap.switch.alternatives import STRICT_TAGS, Alternatives, find_alternatives, table_grids

    configure(quiet=quiet, no_color=no_color)
    require_format(format, FORMATS)

    def run() -> Alternatives:
        from modelmap.switch.scenario import load_scenario

        if limit < 1:
            raise UsageError("--limit must be at least 1", hint="for example --limit 5")
        chosen = load_scenario(scenario) if scenario else None
        return find_alternatives(identifier, scenario=chosen, role=role, provider=provider,
                                 flow_tags=tuple(flow_tag) if flow_tag else STRICT_TAGS, limit=limit)

    result = run_guarded(run, debug=debug)
    if format == "json":
        emit(dumps_json(result.to_dict(), indent=2), output)
    else:
        from modelmap.report.table import render_grids

        grids = table_grids(result)
        if output is None:
            text = render_grids(grids, width=terminal_width(), terminal=stdout_is_terminal(), color=color())
        else:
            text = render_grids(grids, width=0, terminal=False)
        emit(to_utf8(text if text.endswith("\n") else text + "\n"), output)
    src = result.source
    if src["model"] is None and src["family"] is None:
        if result.candidates:
            # not one model (a time-varying API alias such as deepseek-chat), yet priced: candidates were ranked by
            # that price; saying "nothing can be ranked" above a ranked table contradicted it
            from modelmap.switch.alternatives import resolution_reason

            info(f"note: {identifier!r} is not identified as one model ({resolution_reason(identifier)}); "
                 "candidates of its role are ranked by its price, not by its size")
        else:
            _unknown_hint(identifier)
    counts = ", ".join(f"{g}: {len(result.group(g))}" for g in ("same-weights", "same-role-size", "same-family"))
    excluded = sum(result.excluded.values())
    info(f"alternatives for {identifier} ({src['model'] or 'model unknown'}, role {src['role'] or 'unknown'}, "
         f"size {src['size_class'] or 'unknown'}): {counts}"
         + (f"; {excluded} candidates left out by scenario {scenario}" if scenario else ""))
    raise typer.Exit(EXIT_OK)


# A typo is the usual reason an id is unknown here; the hint ranks spellings more loosely than trace's (0.85),
# because alternatives takes one id and a wrong one yields nothing at all: "gpt-4p" is 0.83 from "gpt-4o".
HINT_CUTOFF = 0.75


def _unknown_hint(identifier: str) -> None:
    """Say that ``identifier`` is not known (so nothing can be ranked) and name the nearest known ids."""
    from modelmap.cli.common import info
    from modelmap.cli.trace_cmd import close_ids

    close = close_ids(identifier, limit=3, cutoff=HINT_CUTOFF)
    shown = identifier if len(identifier) <= 120 else identifier[:100] + "…"
    if close:
        info(f"hint: {shown!r} is not in the knowledge base, so no replacement can be ranked; did you mean "
             f"{', '.join(close[:-1]) + ' or ' + close[-1] if len(close) > 1 else close[0]}? "
             f"(modelmap alternatives {close[0]})")
    else:
        info(f"hint: {shown!r} is not in the knowledge base and no known id is spelled like it, so no replacement "
             "can be ranked; give the id as code or a Hub repo names it (modelmap trace shows what is known)")
