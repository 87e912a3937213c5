"""Test doubles named after a family (`gpt-duration`), numbered stand-in secrets, and provider / preset names
(`using('mistral')`, `gemini-oai`, `moonshot-kimi`) that are no models (held-out-27, session 33)."""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.identify import classify, stand_in_family_name
from tests.discover.scan_helpers import found

REGRESSION_TEST = """<?php
it('reports the duration', function () {
    $request = new InferenceRequest(
        messages: Messages::fromString('hello'),
        model: 'gpt-duration',
    );
    $other = new InferenceRequest(model: 'gpt-lifecycle');
    $embed = new EmbeddingsRequest(input: ['a'], model: 'text-embedding-test');
    $real = new InferenceRequest(model: 'gpt-4o-mini');
})->with([
    'embeddings config' => [EmbeddingsConfig::class, 'embed-dsn-secret-456'],
]);
"""


def test_test_doubles_named_after_a_family_are_not_models(tmp_path: Path) -> None:
    hits = found(tmp_path, "tests/Regression/LifecycleTest.php", REGRESSION_TEST)
    assert hits == {(9, "gpt-4o-mini")}


def test_stand_in_family_name_keeps_model_words() -> None:
    assert stand_in_family_name("gpt-duration")
    assert stand_in_family_name("claude-crosspath")
    for real in ("gpt-turbo", "claude-instant", "gemini-exp", "mistral-large", "gpt-4o", "llama-guard"):
        assert not stand_in_family_name(real), real


PRESETS = """<?php
$a = Inference::using('mistral')->get();
$b = LLMProvider::using('gemini-oai');
$c = Inference::using('moonshot-kimi');
$d = Prism::text()->using('ollama', 'mistral');
"""


def test_provider_and_preset_names_given_to_using(tmp_path: Path) -> None:
    hits = found(tmp_path, "examples/Presets/run.php", PRESETS)
    assert hits == {(5, "mistral")}  # Prism's model argument after the provider


def test_preset_name_shapes() -> None:
    assert classify("gemini-oai", "key") is None
    assert classify("moonshot-kimi", "key") is None
    assert classify("gemini-2.5-flash", "key") is not None
    assert classify("kimi-k2", "key") is not None
