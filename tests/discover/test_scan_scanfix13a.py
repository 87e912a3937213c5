"""scanfix13a (issue 10): config-side readers: copy-me config files, model-list entry versions, other objects' names,
LoRA adapter resources, bare model folders under a path key, relative weight files and checkpoint folders in shell
lines, and the one YAML line reader shared by the config and Kubernetes sources.

Fixtures are written for these tests (not copied from the corpus). No timing assertions: loops are bounded by the
file's budget, checked by budget steps."""

from __future__ import annotations

from pathlib import Path

import pytest

import modelmap
from modelmap.discover.base import BudgetExceeded, Collector, SourceFile, file_budget
from modelmap.discover.config_files import scan_yaml_lines
from modelmap.discover.kubernetes import KubernetesSource


def _found(tmp_path: Path, name: str, text: str) -> set[tuple[int, str]]:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return {(f.line, f.raw) for f in modelmap.scan(str(tmp_path), resolve=False).findings if f.kind != "endpoint"}


# --------------------------------------------------------------------------- the shared YAML line reader

def test_the_line_reader_is_bounded_by_budget_steps() -> None:
    text = "".join(f"svc{i}:\n  replicas: {i}\n" for i in range(500)) + "llm:\n  model: Qwen/Qwen2.5-7B\n"
    file = SourceFile("values.yaml", text, None)
    with file_budget(steps=10_000):
        collector = Collector(file, "config-model-key")
        scan_yaml_lines(file, collector)
    assert [(f.line, f.raw) for f in collector.findings] == [(1002, "Qwen/Qwen2.5-7B")]
    with file_budget(steps=200), pytest.raises(BudgetExceeded):
        scan_yaml_lines(file, Collector(file, "config-model-key"))


def test_the_line_reader_neutralises_template_actions_for_the_kubernetes_source() -> None:
    text = ("{{- if .Values.enabled }}\napiVersion: v1\nkind: ConfigMap\ndata:\n"
            "  MODEL_NAME: {{ .Values.model | default \"mistral-7b-instruct\" | quote }}\n"
            "  command: vllm serve meta-llama/Llama-3.1-8B-Instruct\n  bad: [unclosed\n{{- end }}\n")
    out = KubernetesSource()._lines(SourceFile("chart/templates/cm.yaml", text, None), "test")
    got = {(f.line, f.raw) for f in out if not hasattr(f, "reason")}
    assert got == {(5, "mistral-7b-instruct"), (6, "meta-llama/Llama-3.1-8B-Instruct")}
