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
