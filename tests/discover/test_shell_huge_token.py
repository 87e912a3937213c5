"""A shell line with one huge argument (an 800 KB token, a million comma pieces) is analysed within the file's
budget: shlex built such a token a character at a time (10-17 s of CPU, 130 s for 2.8 MB) before the budget could
stop it, and the comma pieces of the path-argument rule took no budget steps (redteam8)."""

from __future__ import annotations

from modelmap.discover.base import SourceFile, file_budget
from modelmap.discover.shell import ShellSource, _tokens
from modelmap.types import Finding, Skip


def _scan(text: str, steps: int | None = None) -> tuple[list[Finding], list[Skip]]:
    with file_budget() if steps is None else file_budget(seconds=60.0, steps=steps):
        out = list(ShellSource().scan(SourceFile("run.sh", text)))
    return [f for f in out if isinstance(f, Finding)], [s for s in out if isinstance(s, Skip)]


def test_a_long_line_is_split_on_white_space() -> None:
    assert _tokens("mkdir " + "a" * 30_000 + " 'b c'") == ["mkdir", "a" * 30_000, "'b", "c'"]
    assert _tokens("mkdir 'b c' # note") == ["mkdir", "b c"]  # a short line keeps shell quoting


def test_one_huge_token_then_a_model() -> None:
    # split on white space, not by shlex a character at a time: well inside the default budget, so no skip
    found, skips = _scan("#!/bin/sh\nmkdir " + "a" * 800_000 + "\nvllm serve Qwen/Qwen2.5-7B-Instruct\n")
    assert [f.raw for f in found] == ["Qwen/Qwen2.5-7B-Instruct"] and not skips, skips


def test_a_million_comma_pieces_stop_at_the_budget() -> None:
    # each comma piece is a budget step: a step budget (no clock in tests) stops the line, and a budget spent on the
    # file's last line is still reported (it was not: the helper left it spent for a next step that never came)
    _, skips = _scan("#!/bin/sh\nmkdir " + "a," * 1_000_000 + "\n", steps=200_000)
    assert [s.reason for s in skips] == ["analysis-budget"] and "200000 analysis steps" in (skips[0].detail or "")
    _, skips = _scan("#!/bin/sh\nmkdir " + "a," * 1_000 + "\n", steps=200_000)
    assert not skips


def test_a_bind_mount_reports_its_host_folder() -> None:
    found, _ = _scan("#!/bin/sh\ndocker run -v /data/models/Qwen2.5-7B-Instruct:/models/Qwen2.5-7B-Instruct:ro img\n"
                     "podman run -v ./models/Llama-3-8B-Instruct:/models/llama img\n")
    assert [f.raw for f in found] == ["/data/models/Qwen2.5-7B-Instruct", "./models/Llama-3-8B-Instruct"]
