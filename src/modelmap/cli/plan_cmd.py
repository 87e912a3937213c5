"""``modelmap plan``: a migration plan per flow under a scenario, and a LiteLLM config that enforces it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from modelmap.cli.common import Debug, NoColor, Output, Quiet

CWD = Path(".")  # default PATH (a module-level value: no call in argument defaults)

HELP = """Plan the switch away from what a scenario forbids: for every usage that breaks it, a compliant
replacement (or "none found" and why), its drop-in class (A model/base-URL swap, B API change, C re-embed,
D retrain, E prompt revalidation), the call sites and config keys to edit with a diff, the effort in hours,
the monthly cost before and after at your volume (--volume, YAML or CSV; a stated default otherwise), a
48-hour verdict, the evaluation to run before cut-over and a rollback step, per flow.

--emit litellm writes a LiteLLM proxy/Router config.yaml instead: compliant deployments with their provenance
and fallbacks that never reach a non-compliant one. Exits 0 when the plan was written.

Switch readiness (eval gate): --eval eval.json (from `modelmap eval --from-plan`) marks a replacement ready
only when it is not worse than the incumbent on each --require rule (or modelmap.yaml switch: require:), e.g.
"candidate.eval.vulnerable_rate <= incumbent.eval.vulnerable_rate + 0.02": the 95% CI of the paired difference
must stay within the margin. Without --eval every replacement is needs-eval, never ready (docs/eval.md).
"""

PLAN_FORMATS = ("md", "json", "html")
EMITS = ("litellm",)


def plan(
    path: Annotated[Path, typer.Argument(metavar="PATH", help="A folder of the project (default: the current "
                                         "directory); its flows come from the nearest modelmap.yaml upward.")] = CWD,
    scenario: Annotated[str | None, typer.Option("--scenario", "-s", metavar="NAME",
                                                 help="A shipped scenario (no-cn-origin, no-cn-serving, "
                                                      "us-eu-serving-only, ...).")] = None,
    deny: Annotated[str | None, typer.Option("--deny", metavar="CEL", help="An ad-hoc scenario: a CEL deny "
                                             "expression over the usage object model (docs/policy.md).")] = None,
    volume: Annotated[Path | None, typer.Option("--volume", metavar="FILE", help="Monthly tokens per flow "
                                                "(YAML or CSV, docs/switch.md).")] = None,
    format: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="Output: md, json or html.")] = "md",
    emit: Annotated[str | None, typer.Option("--emit", metavar="TARGET", help="Write a router config instead of "
                                             "the plan: litellm.")] = None,
    eval_file: Annotated[Path | None, typer.Option("--eval", metavar="FILE", help="A modelmap eval result "
                                                   "(eval.json) for the switch readiness gate.")] = None,
    require: Annotated[list[str] | None, typer.Option("--require", metavar="RULE", help="A not-worse rule, e.g. "
                                                      "'candidate.eval.vulnerable_rate <= "
                                                      "incumbent.eval.vulnerable_rate' (repeat).")] = None,
    runtime: Annotated[Path | None, typer.Option("--runtime", metavar="FILE", help="A runtime inventory (modelmap "
                                                 "runtime --format json): marks the usages seen serving.")] = None,
    output: Output = None,
    config: Annotated[Path | None, typer.Option("--config", "-c", metavar="FILE",
                                                help="Policy file with the flows (default: found from PATH upward).")] = None,
    quiet: Quiet = False,
    no_color: NoColor = False,
    debug: Debug = False,
) -> None:
    from modelmap.cli.common import configure, err, info, require_format, run_guarded
    from modelmap.cli.common import emit as write
    from modelmap.errors import EXIT_USAGE

    configure(quiet=quiet, no_color=no_color)
    require_format(format, PLAN_FORMATS)
    if emit is not None and emit not in EMITS:
        err(f"modelmap: error: unknown --emit {emit!r}; choose one of {', '.join(EMITS)}")
        raise typer.Exit(EXIT_USAGE)
    if (scenario is None) == (deny is None):
        err("modelmap: error: give --scenario NAME or --deny CEL (one of the two)\n"
            "  hint: modelmap plan --scenario no-cn-origin")
        raise typer.Exit(EXIT_USAGE)

    def run() -> tuple[bytes, str]:
        from modelmap.cli.check_cmd import load_runtime  # cleans wrong-typed runtime entries
        from modelmap.switch import plan as planner

        result, _, project_config = planner.plan_project(
            path, scenario, deny=deny, volume_path=volume, config_path=config, eval_path=eval_file,
            require=tuple(require or ()), runtime=load_runtime(runtime) if runtime is not None else None)
        s = result.summary()
        line = (f"plan {result.scenario.get('id')}: {planner.count(s['usages_affected'], 'affected usage')} in "
                f"{planner.count(s['flows'], 'flow')}; {s['replaced']} replaced, {s['none_found']} none found; "
                f"{planner.count(s['feasible_48h'], 'flow')} feasible in 48 h")
        from modelmap.switch.scenario import flowless_note

        note = flowless_note(str(result.scenario.get("deny") or ""), len(project_config.flows),
                             int(s["usages_affected"]))
        gated = [f.readiness["status"] for f in result.flows if f.readiness is not None]
        if gated:
            line += "; switch readiness: " + ", ".join(f"{gated.count(k)} {k}" for k in
                                                         ("ready", "not-ready", "needs-eval") if gated.count(k))
        if note:
            line += "\n" + note
        if emit == "litellm":
            from modelmap.switch import emit_litellm

            return emit_litellm.render(result), line
        if format == "json":
            return planner.render_json(result), line
        if format == "html":
            return planner.render_html(result), line
        from modelmap.output import to_utf8

        return to_utf8(planner.render_markdown(result)), line

    data, line = run_guarded(run, debug=debug)
    write(data, output)
    info(line)
