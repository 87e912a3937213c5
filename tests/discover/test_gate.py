"""The byte-level gate run before a Go/Java/Kotlin/C#/PHP/Rust/Ruby/Terraform file is parsed (issue 10,
"parse a file fully only when a cheap byte-level pass finds a candidate"): it must never turn away a file
in which the full analysis finds a model, and it should turn away files whose literals cannot be models."""

from __future__ import annotations

import pytest

from modelmap.discover.base import SourceFile
from modelmap.discover.candidates import extract
from modelmap.discover.classifier import could_decide, decide
from modelmap.discover.languages import language_for, parser_for, sdk_calls
from modelmap.discover.polyglot import PolyglotSource, _keep, _with_embedded, has_candidate
from modelmap.types import Finding
from tests.discover.test_polyglot import CASES

_TEXTS = [(path, text) for path, text, *_ in CASES if language_for(path) is not None] + [
    (s.path, s.text) for s in PolyglotSource.samples if language_for(s.path) is not None
]


@pytest.mark.parametrize(("path", "text"), _TEXTS, ids=[p for p, _ in _TEXTS])
def test_every_accepted_literal_passes_the_gate(path: str, text: str) -> None:
    lang = language_for(path)
    assert lang is not None
    data = text.encode()
    parser = parser_for(lang.id)
    decisions = [(c.value, decide(c, sdk_calls(lang.id)))
                 for c in _with_embedded(extract(parser.parse(data), data, parser.language, _keep))]
    accepted = [(value, d) for value, d in decisions if d is not None]
    for value, d in accepted:
        # binding-only values are let through by the gate from the model word before them, not by value
        assert could_decide(value) or "binding-only" in d.evidence, value
    found = [f for f in PolyglotSource().scan(SourceFile(path, text)) if isinstance(f, Finding)]
    if accepted or found:
        assert has_candidate(data)


@pytest.mark.parametrize("value", ["gpt-4o-mini", "qwen-max", "claude-3-5-haiku-latest", "llama3.1:8b",
                                   "aliyun::qwen-plus", "meta-llama/Llama-3.1-8B-Instruct", "my-llama-3-8b-ft"])
def test_model_values_could_be_decided(value: str) -> None:
    assert could_decide(value)


@pytest.mark.parametrize("value", ["encoding/json", "path/filepath", "hashicorp/azurerm", "application/json",
                                   "MISTRAL_AI_API_KEY", "your-model-name", "utf-8", "net/http"])
def test_values_no_evidence_can_make_a_model(value: str) -> None:
    assert not could_decide(value)


def test_go_file_of_imports_and_headers_is_not_parsed() -> None:
    # import paths look like org/name Hub ids, but no binding or SDK call makes them models
    go = (b'package api\n\nimport (\n\t"encoding/json"\n\t"net/http"\n\t"path/filepath"\n)\n\n'
          b'func h(w http.ResponseWriter) {\n\tw.Header().Set("Content-Type", "application/json")\n'
          b'\tkey := os.Getenv("MISTRAL_AI_API_KEY")\n\t_ = key\n}\n')
    assert not has_candidate(go)
    assert has_candidate(go.replace(b'"net/http"', b'"net/http"\n\t"github.com/sashabaranov/go-openai"')
                         + b'var m = openai.ChatCompletionRequest{Model: "gpt-4o"}\n')


def test_joined_api_patterns_agree_with_each_pattern() -> None:
    from modelmap.discover.identify import vocab
    from modelmap.knowledge import load

    voc = vocab()
    assert voc.api_any is not None
    kb = load()
    values = [
        *sorted(set(kb.alias_index) | set(kb.hf_index))[:20_000], "gpt-4o", "o3-mini", "ft:gpt-4o-mini:acme::abc123", "text-embedding-3-large", "utf-8", "0.5", "v1", ""]
    assert len(values) > 500
    for value in values:
        low = value.lower()
        assert (voc.api_any.fullmatch(low) is not None) == any(p.fullmatch(low) for p, _, _ in voc.api_patterns), low
