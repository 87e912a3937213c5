"""Go struct tags' default values (candidates._tag_defaults): Go has no default-value syntax for a struct field, so
the option libraries (kong, go-flags, envconfig: ``default:"…"``; caarlos0/env: ``envDefault:"…"``; cleanenv:
``env-default:"…"``) read it from the field's tag. The default of a model-named setting is a model."""

from __future__ import annotations

from modelmap.discover.base import SourceFile
from modelmap.discover.polyglot import PolyglotSource
from modelmap.types import Finding

OPTIONS = """package openai

type Options struct {
	BaseURL      string `usage:"OpenAI base URL" name:"openai-base-url" env:"OPENAI_BASE_URL"`
	APIKey       string `usage:"OpenAI API KEY" name:"openai-api-key" env:"OPENAI_API_KEY"`
	DefaultModel string `usage:"Default LLM model to use" default:"gpt-4o-mini"`
	Embedder     string `env:"EMBEDDINGS" envDefault:"nomic-embed-text"`
	Chat         string `name:"chat-model" env-default:"qwen2.5:7b"`
	Color        string `default:"blue" help:"the colour of the model card"`
	Timeout      int    `default:"30"`
	Model        string `json:"model" yaml:"model"`
}
"""


def _found(text: str) -> list[tuple[str, int, int]]:
    out = PolyglotSource().scan(SourceFile("pkg/openai/client.go", text, "app"))
    return [(f.raw, f.line, f.column) for f in out if isinstance(f, Finding)]


def test_a_struct_tags_default_for_a_model_setting_is_its_model() -> None:
    assert _found(OPTIONS) == [("gpt-4o-mini", 6, 65), ("nomic-embed-text", 7, 52), ("qwen2.5:7b", 8, 54)]


def test_other_defaults_and_tags_without_a_default_are_not_models() -> None:
    text = ('package x\n\ntype T struct {\n\tColor string `default:"blue"`\n'
            '\tMode string `usage:"the model to use, e.g. gpt-4o" name:"mode"`\n}\n')
    assert _found(text) == []


def test_a_known_model_as_a_tag_default_is_found_where_no_other_literal_names_a_model() -> None:
    """The byte-level prefilter judged a tag as one literal (`env:"JUDGE" envDefault:"gpt-4o"`), so a file whose
    only model was a tag default under a name that says nothing of models was never parsed (CI, session 37:
    the s23 probe's file lost once the machine was fast enough to analyse it within its budget)."""
    text = 'package cfg\n\ntype C struct {\n\tJudge string `env:"JUDGE" envDefault:"gpt-4o"`\n}\n'
    assert _found(text) == [("gpt-4o", 4, 40)]
    assert _found(text.replace("gpt-4o", "hello-world")) == []


def test_a_long_usage_text_before_the_default_does_not_hide_it() -> None:
    """A tag over the 300-unit literal limit (a long `help:"…"` first) was dropped as text before its default was read
    (redteam41); the tag is a list of settings, so its default is read whatever the usage text's length."""
    usage = "the chat model that answers the user; " * 12
    text = f'package cfg\n\ntype C struct {{\n\tModel string `help:"{usage}" default:"gpt-4o"`\n}}\n'
    assert len(usage) > 400
    assert _found(text) == [("gpt-4o", 4, 33 + len(usage))]
