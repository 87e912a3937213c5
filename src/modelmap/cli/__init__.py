"""The ``modelmap`` console command: one thin function per command in its own module.

Each command parses options, calls the library, renders, and picks the exit code. Command
modules import only Typer at module level (heavy imports happen inside the functions), so
``modelmap --help`` stays fast. Registration is the explicit list below.
"""

from __future__ import annotations

from typing import Any

import typer

from modelmap.cli import (
    alternatives_cmd,
    bom_cmd,
    check_cmd,
    diff_cmd,
    eval_cmd,
    inspect_cmd,
    plan_cmd,
    probe_cmd,
    report_cmd,
    runtime_cmd,
    scan_cmd,
    scenario_cmd,
    serve_cmd,
    trace_cmd,
)
from modelmap.cli.common import NoColor, Quiet, configure


def _help(text: str) -> str:
    """A command's help: paragraphs reflowed to the terminal (the source wraps at 120 columns, which left
    ragged breaks). Help is rendered by Click's plain formatter (``rich_markup_mode=None``): Typer's Rich help
    imports rich.markdown, markdown-it and Pygments, ~250 ms of start-up for every ``--help`` (bench/startup.py),
    and plain help keeps "[tool.modelmap]" literal with no escaping."""
    paragraphs = [" ".join(line.strip() for line in p.splitlines()) for p in text.strip().split("\n\n")]
    return "\n\n".join(paragraphs)


def _short(text: str) -> str:
    """First sentence of a command's help, for the command list."""
    return _help(text).split("\n\n", 1)[0].split(". ")[0].rstrip(".")


def _human_argument_labels() -> None:
    """Typer 0.2x appends a Python type label to every argument's help (``paths <list[Path]>``).
    Every argument here has a metavar that already says what to pass (PATH, ID), so show only
    that. Options show their metavar instead of the type already (FILE, FORMAT, TEXT)."""
    from typer import core

    argument = getattr(core, "TyperArgument", None)
    original = getattr(argument, "display_type", None)
    if argument is None or original is None:
        return

    def display_type(self: Any, ctx: Any) -> str:
        return "" if self.metavar is not None else str(original(self, ctx))

    argument.display_type = display_type


_human_argument_labels()

app = typer.Typer(
    name="modelmap",
    help=(
        "Know which AI models power your products, where each one comes from, whether that fits "
        "your policy, and how fast you could switch."
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

app.command("scan", help=_help(scan_cmd.HELP), short_help=_short(scan_cmd.HELP))(scan_cmd.scan)
app.command("trace", help=_help(trace_cmd.HELP), short_help=_short(trace_cmd.HELP))(trace_cmd.trace)
app.command("inspect", help=_help(inspect_cmd.HELP), short_help=_short(inspect_cmd.HELP))(inspect_cmd.inspect)
app.command("check", help=_help(check_cmd.HELP), short_help=_short(check_cmd.HELP))(check_cmd.check)
app.command("bom", help=_help(bom_cmd.HELP), short_help=_short(bom_cmd.HELP))(bom_cmd.bom)
app.command("report", help=_help(report_cmd.HELP), short_help=_short(report_cmd.HELP))(report_cmd.report)
app.command("diff", help=_help(diff_cmd.HELP), short_help=_short(diff_cmd.HELP))(diff_cmd.diff)
app.command("probe", help=_help(probe_cmd.HELP), short_help=_short(probe_cmd.HELP))(probe_cmd.probe)
app.command("runtime", help=_help(runtime_cmd.HELP), short_help=_short(runtime_cmd.HELP))(runtime_cmd.runtime)
app.command("scenario", help=_help(scenario_cmd.HELP), short_help=_short(scenario_cmd.HELP))(scenario_cmd.scenario)
app.command("alternatives", help=_help(alternatives_cmd.HELP),
            short_help=_short(alternatives_cmd.HELP))(alternatives_cmd.alternatives)
app.command("plan", help=_help(plan_cmd.HELP), short_help=_short(plan_cmd.HELP))(plan_cmd.plan)
app.command("eval", help=_help(eval_cmd.HELP), short_help=_short(eval_cmd.HELP))(eval_cmd.eval_)
app.command("serve", help=_help(serve_cmd.HELP), short_help=_short(serve_cmd.HELP))(serve_cmd.serve)


def _version(value: bool) -> None:
    if value:
        from modelmap import __version__
        from modelmap.cli.common import echo

        echo(f"modelmap {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", "-V", callback=_version, is_eager=True,
                                 help="Show the version and exit."),
    quiet: Quiet = False,
    no_color: NoColor = False,
) -> None:
    """modelmap: an inventory of the AI models in your code, with their provenance."""
    configure(quiet=quiet, no_color=no_color, root=True)


def main() -> None:
    """The console entry point: no error ends in a traceback unless --debug is given.

    Commands turn ModelmapError into exit 2 themselves; this is the net below them: a closed pipe
    ends quietly (exit 141), a write failure or any unexpected error prints one clear line and
    exits 2 (with --debug the traceback is shown instead)."""
    import sys

    from modelmap.errors import EXIT_BROKEN_PIPE, EXIT_USAGE, ModelmapError
    from modelmap.output import BrokenPipe, silence_stdout, visible, write_stderr

    debug = "--debug" in sys.argv[1:]
    if not debug:
        import warnings

        def _show(message: Warning | str, *_args: object, **_kwargs: object) -> None:
            # a library warning reaches the user as one plain line, not Python's file:line format
            write_stderr(f"warning: {visible(message)}")

        warnings.showwarning = _show
    try:
        app()
    except SystemExit:
        raise
    except (BrokenPipe, BrokenPipeError):
        silence_stdout()
        sys.exit(EXIT_BROKEN_PIPE)
    except ModelmapError as exc:
        if debug:
            raise
        write_stderr(f"modelmap: error: {exc}")
        sys.exit(exc.exit_code)
    except (Exception, RecursionError) as exc:
        if debug:
            raise
        write_stderr(f"modelmap: internal error: {exc.__class__.__name__}: {visible(exc)}\n"
                     "  hint: this is a bug in modelmap; rerun with --debug for the traceback and report it")
        sys.exit(EXIT_USAGE)
