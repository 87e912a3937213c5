"""Ollama Modelfiles: FROM and ADAPTER."""

from __future__ import annotations

from modelmap.discover.base import SourceFile
from modelmap.discover.modelfile import ModelfileSource
from modelmap.types import Finding
from tests.conftest import FIXTURES


def scan(text: str, path: str = "Modelfile") -> list[Finding]:
    return [f for f in ModelfileSource().scan(SourceFile(path, text)) if isinstance(f, Finding)]


def test_fixture() -> None:
    text = (FIXTURES / "repos" / "llm-infra" / "ollama" / "Modelfile").read_text()
    base, adapter = scan(text, "ollama/Modelfile")
    assert (base.line, base.column, base.raw, base.kind, base.source) == (
        2, 6, "qwen2.5:7b-instruct", "ollama-tag", "modelfile-from")
    assert (adapter.line, adapter.column, adapter.raw, adapter.kind, adapter.source) == (
        3, 9, "./adapters/support-lora.gguf", "model-file", "modelfile-adapter")


def test_gguf_path_dir_and_lowercase_keyword() -> None:
    found = scan("from /models/Llama-3.2-1B-Instruct\n", "Modelfile.llama")
    assert [(f.raw, f.kind, f.column) for f in found] == [("/models/Llama-3.2-1B-Instruct", "model-file", 6)]
    found = scan('FROM "./qwen2.5-7b-instruct-q4_k_m.gguf"\n')
    assert [(f.raw, f.kind, f.column) for f in found] == [("./qwen2.5-7b-instruct-q4_k_m.gguf", "model-file", 7)]


def test_no_from_in_parameters_or_template() -> None:
    assert scan('PARAMETER stop "FROM"\nTEMPLATE """{{ .System }} FROM x"""\nLICENSE """MIT"""\n') == []


def test_names() -> None:
    src = ModelfileSource()
    assert src.applies_to("ollama/Modelfile") and src.applies_to("Modelfile.qwen") and src.applies_to("x.modelfile")
    assert not src.applies_to("modelfile.py") and not src.applies_to("docs/Modelfile.md")
