"""A Dockerfile whose RUN / WORKDIR lines spend the file's analysis budget inside the shared command scanner
(shell.scan_command_line returns what it found and leaves the budget spent) is reported as an
``analysis-budget`` skip, and stops there: before, the instruction loop went on calling the scanner, each call
returning nothing, so the rest of the file was lost without a skip and a 60,000-line file took 8 s of CPU."""

from __future__ import annotations

from modelmap.discover.base import SourceFile, file_budget
from modelmap.discover.dockerfiles import DockerfileSource
from modelmap.types import Finding, Skip


def _scan(text: str, steps: int) -> tuple[list[Finding], list[Skip]]:
    with file_budget(seconds=60.0, steps=steps):
        out = list(DockerfileSource().scan(SourceFile("Dockerfile", text)))
    return [f for f in out if isinstance(f, Finding)], [s for s in out if isinstance(s, Skip)]


def test_run_lines_past_the_budget_are_reported_not_lost() -> None:
    text = "FROM python:3.11\n" + "".join(f"RUN mkdir -p /opt/cache/d{i} && ls /opt/cache/d{i}\n" for i in range(3000))
    text += "RUN vllm serve Qwen/Qwen2.5-7B-Instruct\n"
    found, skips = _scan(text, steps=5_000)
    assert [s.reason for s in skips] == ["analysis-budget"]
    assert not found


def test_workdir_lines_past_the_budget_are_reported() -> None:
    text = "FROM x\n" + "".join(f"WORKDIR /models/org/Llama-3-{i}B-Instruct\n" for i in range(3000))
    found, skips = _scan(text, steps=5_000)
    assert [s.reason for s in skips] == ["analysis-budget"]
    assert found  # the lines read before the budget ran out are kept
    assert all(f.raw.startswith("/models/org/Llama-3-") for f in found)


def test_the_last_instruction_spending_the_budget_is_reported() -> None:
    # one RUN line, long enough that its own tokenising tick spends the steps: nothing after it ticks again
    text = "FROM x\nRUN echo " + "a " * 20_000 + "&& vllm serve Qwen/Qwen2.5-7B-Instruct\n"
    _, skips = _scan(text, steps=200)
    assert [s.reason for s in skips] == ["analysis-budget"]


def test_an_ordinary_dockerfile_is_not_downgraded() -> None:
    text = "FROM python:3.11\nWORKDIR /app/models\nRUN mkdir -p /var/lib/models/cache\nRUN cd ./models/\n"
    found, skips = _scan(text, steps=5_000_000)
    assert not skips
    assert not found
