"""Red-team unit probes (brief redteam11), as work counters rather than timings.

* Kthena ModelBooster ``spec.name`` (1c86792): before adding a document's served name, the kubernetes source looked
  for the same (line, raw) among every finding of the file so far, so a stream of N ModelBooster documents compared
  ~N^2/2 findings outside the budget (10,000 documents: 5*10^7); only the document's own findings can stand on its
  line, and only those are looked at now.
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from typing import Any

import pytest

from modelmap.discover import kubernetes
from modelmap.discover.base import SourceFile, file_budget
from modelmap.discover.kubernetes import KubernetesSource
from modelmap.types import Finding

_MB = ("---\napiVersion: workload.serving.volcano.sh/v1alpha1\nkind: ModelBooster\nmetadata:\n  name: m{i}\nspec:\n"
       "  name: qwen-served-{i}\n  backend:\n    modelURI: hf://Qwen/Qwen3-{i}B\n")


def test_modelbooster_served_names_are_checked_against_their_own_document_only(
        monkeypatch: pytest.MonkeyPatch) -> None:
    looked_at = 0

    def counting_any(items: Iterable[Any]) -> bool:
        nonlocal looked_at
        for item in items:
            looked_at += 1
            if item:
                return True
        return False

    monkeypatch.setattr(kubernetes, "any", counting_any, raising=False)
    docs = 1_000
    with file_budget(seconds=600.0, steps=50_000_000):
        out = list(KubernetesSource().scan(SourceFile("mb.yaml", "".join(_MB.format(i=i) for i in range(docs)))))
    found = {f.raw for f in out if isinstance(f, Finding)}
    assert {"qwen-served-0", "qwen-served-999", "hf://Qwen/Qwen3-999B"} <= found
    assert not [s for s in out if not isinstance(s, Finding)]
    # each document's check sees that document's few findings, not all of the file's (was ~docs^2, 10^6 here)
    assert looked_at <= 10 * docs, looked_at
    assert builtins.any is not counting_any


def test_a_continued_commands_findings_are_relocated_without_walking_every_line(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from modelmap.discover import shell

    walked = 0

    def counting_reversed(items: Any) -> Any:
        nonlocal walked
        for item in builtins.reversed(items):
            walked += 1
            yield item

    # shell.py _relocate walked a continued command's pieces from the end for each finding, outside the budget:
    # findings x lines (50,000 continued lines: 12.5 s of CPU on the 2 s budget, 51 s on a 600 s one); a bisect now
    monkeypatch.setattr(shell, "reversed", counting_reversed, raising=False)
    lines = 3_000
    text = ('#!/bin/bash\nCMD="python eval.py \\\n'
            + "".join(f"  --embedder_name_or_path BAAI/bge-m3-{i} \\\n" for i in range(lines)) + '"\n$CMD\n')
    with file_budget(seconds=600.0, steps=50_000_000):
        out = list(shell.ShellSource().scan(SourceFile("run.sh", text)))
    found = [f for f in out if isinstance(f, Finding)]
    assert len(found) >= lines // 2
    assert {f.line for f in found if f.raw == "BAAI/bge-m3-2999"} == {lines + 2}  # still on its physical line
    # a look-up per finding, not a walk over the command's 3,000 lines (was ~lines^2 / 2 = 4.5 * 10^6)
    assert walked <= 20 * lines, walked


def test_nested_kotlin_raw_strings_are_read_within_the_step_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    # 5f51ab6 made Kotlin's raw strings literals; nested in string templates (""" ${ """ ${ … } """ } """) each one
    # holds the rest of the nest, so reading each for embedded JSON was quadratic and took no budget step: 5,000 of
    # them read ~150 MB (13 s of CPU on a 2 s budget). Now a step per KiB of a long literal: a spent budget says so.
    from modelmap.discover import candidates
    from modelmap.discover.polyglot import PolyglotSource
    from modelmap.types import Skip

    read = 0
    real = candidates._embedded_pairs

    def counting(node: Any, columns: Any) -> Any:
        nonlocal read
        read += node.end_byte - node.start_byte
        return real(node, columns)

    monkeypatch.setattr(candidates, "_embedded_pairs", counting)
    text = ('package x\nval s = """' + '${ """' * 5_000 + "model" + '""" }' * 5_000 + '"""\n'
            'val m = GenerativeModel(modelName = "gemini-1.5-flash")\n')
    with file_budget(seconds=600.0, steps=5_000):
        out = list(PolyglotSource().scan(SourceFile("T.kt", text)))
    assert [s.reason for s in out if isinstance(s, Skip)] == ["analysis-budget"]
    assert read <= 8 * 1024 * 1024, read  # ~5,000 KiB of steps (was ~150 MB)
