"""``modelmap eval``: run suites against models and compare them prompt by prompt (issue 16)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any

import typer

from modelmap.cli.common import Debug, NoColor, Quiet

HELP = """Test models on your own cases, jailbreak probes, insecure code and political slant before a
switch, and compare them prompt by prompt. SUITE is a built-in suite (cases-demo, jailbreak, harmbench,
strongreject, insecure-code, slant), a folder with a suite.yaml, or a .jsonl/.csv/.txt of cases. Give --model two or more times: the
first is the baseline (the incumbent), the others are candidates compared with it (paired bootstrap CIs,
McNemar's exact test, Wilson intervals; n and CI always shown). --from-plan plan.json takes them from a
modelmap plan instead: the flow's current model, then its replacements, named provider/model. Models are
reached through an
OpenAI-compatible endpoint: ID@http://host:port/v1, or --base-url / MODELMAP_EVAL_BASE_URL; the key comes
from the environment variable named by --api-key-env (default MODELMAP_EVAL_API_KEY, then OPENAI_API_KEY)
and is never printed. This is the only modelmap command that sends prompts over the network.

With -o DIR, writes eval.json (modelmap.eval/1), eval.html, eval.junit.xml and transcript.jsonl (the
evidence; its sha256 is in eval.json). --engine inspect runs each suite as an inspect-ai task (pip install
'modelmap[eval]') and keeps its logs, with their sha256, as evidence (DIR/inspect-logs with -o). Exit 0 when the run finished; with --gate, exit 1 when a candidate
is significantly worse than the baseline on a suite's headline metric.
"""

FORMATS = ("table", "json", "junit", "html")
ENGINES = ("auto", "inspect", "http")


def eval_(
    suites: Annotated[list[str], typer.Argument(metavar="SUITE", help="Built-in suite name, suite folder, "
                                                "suite.yaml, or a .jsonl/.csv of cases.")],
    model: Annotated[list[str] | None, typer.Option("--model", "-m", metavar="ID[@ENDPOINT]",
                                                    help="A model to evaluate (repeat; the first is the "
                                                    "baseline).")] = None,
    from_plan: Annotated[Path | None, typer.Option("--from-plan", metavar="FILE",
                                                   help="Take the baseline and candidates from a `modelmap plan "
                                                   "--format json` file (one flow's generation usages).")] = None,
    flow: Annotated[str | None, typer.Option("--flow", metavar="NAME",
                                             help="The plan's flow to evaluate (needed when it has several).")] = None,
    plan_fallbacks: Annotated[bool, typer.Option("--plan-fallbacks",
                                                 help="Also evaluate the plan's fallbacks.")] = False,
    base_url: Annotated[str | None, typer.Option("--base-url", metavar="URL", envvar="MODELMAP_EVAL_BASE_URL",
                                                 help="OpenAI-compatible base URL for models without @ENDPOINT "
                                                 "(env MODELMAP_EVAL_BASE_URL).")] = None,
    api_key_env: Annotated[str | None, typer.Option("--api-key-env", metavar="NAME",
                                                    help="Environment variable holding the API key.")] = None,
    judge: Annotated[str | None, typer.Option("--judge", metavar="ID[@ENDPOINT]",
                                              help="Grader model for judge-scored cases and slant stance.")] = None,
    format: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT",
                                        help="stdout format: table, json, junit or html.")] = "table",
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="DIR",
                                                help="Write eval.json, eval.html, eval.junit.xml and "
                                                "transcript.jsonl into DIR.")] = None,
    limit: Annotated[int | None, typer.Option("--limit", metavar="N", min=1,
                                              help="Only the first N cases of each suite.")] = None,
    concurrency: Annotated[int, typer.Option("--concurrency", metavar="N", min=1, max=64,
                                             help="Requests in flight per model.")] = 8,
    max_tokens: Annotated[int, typer.Option("--max-tokens", metavar="N", min=1, help="Answer length cap.")] = 1024,
    temperature: Annotated[float, typer.Option("--temperature", metavar="T", min=0.0)] = 0.0,
    timeout: Annotated[float, typer.Option("--timeout", metavar="SECONDS", min=1.0,
                                           help="Per-request timeout.")] = 120.0,
    engine: Annotated[str, typer.Option("--engine", metavar="ENGINE",
                                        help="auto (inspect-ai when installed, else http), inspect or http.")] = "auto",
    no_semgrep: Annotated[bool, typer.Option("--no-semgrep", help="Scan generated code with bandit only (semgrep "
                                             "runs with modelmap's local rules when it is installed).")] = False,
    gate: Annotated[bool, typer.Option("--gate", help="Exit 1 when a candidate is significantly worse "
                                       "than the baseline.")] = False,
    quiet: Quiet = False,
    no_color: NoColor = False,
    debug: Debug = False,
) -> None:
    from modelmap.cli.common import configure, emit, info, require_format, run_guarded

    configure(quiet=quiet, no_color=no_color)
    require_format(format, FORMATS)
    if engine not in ENGINES:
        from modelmap.cli.common import err
        from modelmap.errors import EXIT_USAGE

        err(f"modelmap: error: unknown --engine {engine!r}; choose one of {', '.join(ENGINES)}")
        raise typer.Exit(EXIT_USAGE)

    def run() -> tuple[dict[str, Any], bytes]:
        from modelmap.errors import UsageError
        from modelmap.eval.engine import HttpEngine, parse_model
        from modelmap.eval.runner import Settings, run_eval
        from modelmap.eval.suites import load_suite

        names = list(model or [])
        if from_plan is not None:
            from modelmap.eval.candidates import plan_models

            picked = plan_models(from_plan, flow, fallbacks=plan_fallbacks)
            planned = picked.names
            info(f"from {from_plan}: baseline {planned[0]}, candidates {', '.join(planned[1:])}")
            if picked.left_out:
                info(f"note: the flow's other current models are not compared with this baseline; evaluate each "
                     f"with --model CURRENT --model REPLACEMENT: {'; '.join(picked.left_out)}")
            names = planned + [n for n in names if n not in planned]
        if not names:
            raise UsageError("no model to evaluate", hint="give --model ID (twice or more to compare) or --from-plan")
        specs = [parse_model(m, base_url) for m in names]
        if len({s.id for s in specs}) != len(specs):
            raise UsageError("the same --model is given twice")
        names = [api_key_env] if api_key_env else ["MODELMAP_EVAL_API_KEY", "OPENAI_API_KEY"]
        if api_key_env and api_key_env not in os.environ:
            raise UsageError(f"--api-key-env {api_key_env}: that environment variable is not set")
        key = next((os.environ[n] for n in names if os.environ.get(n)), None)
        loaded = [load_suite(s) for s in suites]
        settings = Settings(temperature=temperature, max_tokens=max_tokens, concurrency=concurrency, limit=limit,
                            semgrep=not no_semgrep, judge=parse_model(judge, base_url) if judge else None)
        from modelmap.eval import inspect_engine

        use_inspect = engine == "inspect" or (engine == "auto" and inspect_engine.is_available())
        if use_inspect:
            import tempfile

            log_dir = output / "inspect-logs" if output is not None else \
                Path(tempfile.mkdtemp(prefix="modelmap-eval-")) / "inspect-logs"
            info(f"inspect-ai logs (the evidence) go to {log_dir}")
            chosen: Any = inspect_engine.InspectEngine(key, log_dir, timeout=timeout)
        else:
            chosen = HttpEngine(key, timeout=timeout)
        result = run_eval(loaded, specs, chosen, settings, engine_id="inspect-ai" if use_inspect else "http")
        return result.document, result.transcript

    doc, transcript = run_guarded(run, debug=debug)
    for m in doc["models"]:
        if m["errors"]:
            info(f"warning: {m['id']}: {m['errors']} of {m['requests']} requests failed "
                 f"(first: {m['first_error']}); they are left out of every rate and comparison")
    from modelmap.eval import render

    if output is not None:
        from modelmap import output as out

        def write_all() -> None:
            from modelmap.errors import OutputError

            try:
                output.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise OutputError(f"cannot create {output}: {exc.strerror or exc}") from exc
            out.write_output(output / "transcript.jsonl", transcript)
            out.write_output(output / "eval.json", render.render_json(doc))
            out.write_output(output / "eval.html", render.render_html(doc))
            out.write_output(output / "eval.junit.xml", render.render_junit(doc))

        run_guarded(write_all, debug=debug)
        info(f"wrote eval.json, eval.html, eval.junit.xml and transcript.jsonl to {output}")
    emit(render.render(doc, format), None)
    failed = [g for g in doc["gates"] if not g["passed"]]
    if gate and failed:
        from modelmap.errors import EXIT_VIOLATIONS

        raise typer.Exit(EXIT_VIOLATIONS)
