"""A schemeless Ollama registry reference (``registry.ollama.ai/library/deepseek-r1:7b``), the fully qualified model
name ``ollama pull`` accepts and Ollama tools parse, is an Ollama model wherever it is written (open21a)."""

from __future__ import annotations

from modelmap.discover.base import SourceFile
from modelmap.discover.identify import classify
from modelmap.discover.polyglot import PolyglotSource
from modelmap.types import Finding

PULLER = """package puller

import "fmt"

func refs() []string {
	return []string{
		"registry.ollama.ai/library/qwen2.5:7b",
		"ollama.com/acme/support-bot:q4_K_M",
		"ollama.com/download/linux",
		"registry.ollama.ai/v2/library",
	}
}

func main() { fmt.Println(refs()) }
"""


def test_registry_reference_in_go_code() -> None:
    out = PolyglotSource().scan(SourceFile("pkg/puller/refs.go", PULLER, "app"))
    found = {(f.raw, f.line): f for f in out if isinstance(f, Finding)}
    ref = found[("registry.ollama.ai/library/qwen2.5:7b", 7)]
    assert (ref.kind, ref.provider) == ("ollama-tag", "ollama")
    assert found[("ollama.com/acme/support-bot:q4_K_M", 8)].kind == "ollama-tag"
    # a site page and the registry API's path are no model
    assert not any(raw.startswith(("ollama.com/download", "registry.ollama.ai/v2")) for raw, _ in found)


def test_classify_registry_reference() -> None:
    match = classify("registry.ollama.ai/library/deepseek-r1:7b", "none")
    assert match is not None and match.kind == "ollama-tag"
    assert classify("ollama.com/blog/new-models", "none") is None
    assert classify("registry.ollama.ai/library", "none") is None
