"""A gateway's model string with a provider and / or API-version segment before a known model
(``apigee/vertex_ai/v1beta/gemini-1.5-flash``, ``apigee/openai/v1/gpt-4o``) is a provider-prefixed model; an API route
or a placeholder tail is not. An OpenAI fine-tuning job's checkpoint id (``ft:…:ckpt-step-2000``) is a model as the
fine-tune's id is. Fixtures written for these tests (the shape of an agent SDK's proxy-model parser test)."""

from __future__ import annotations

from pathlib import Path

import pytest

from modelmap.discover.identify import classify
from tests.discover.scan_helpers import found


@pytest.mark.parametrize("value", [
    "apigee/v1/gemini-1.5-flash",
    "apigee/vertex_ai/gemini-1.5-flash",
    "apigee/gemini/v1/gemini-1.5-flash",
    "apigee/vertex_ai/v1beta/gemini-1.5-flash",
    "apigee/openai/v1/gpt-4o",
    "edge/openai/gpt-4o-mini",
])
def test_gateway_routes_to_known_models(value: str) -> None:
    match = classify(value, "none")
    assert match is not None and match.kind == "provider-prefixed", (value, match)
    assert match.provider is None  # the gateway serves it; the bare name's provider is not claimed


@pytest.mark.parametrize("value", [
    "apigee/openai/v1/gpt",  # no model after the route
    "apigee/unknown/model",
    "apigee/vertex_ai/v1/model/extra",
    "openai/v1/chat/completions",  # an API route
    "api/v1/gpt-4o",  # a web route's head
    "proxy/tenant-a/gpt-4o",  # a middle word that is neither a provider nor a version
])
def test_routes_that_name_no_model(value: str) -> None:
    match = classify(value, "none")
    assert match is None or match.kind != "provider-prefixed", (value, match)


def test_openrouter_style_prefix_keeps_its_provider() -> None:
    match = classify("openrouter/anthropic/claude-3-opus", "none")
    assert match is not None and match.provider == "openrouter"


GO_TEST = '''package apigee

import "testing"

func TestNewModelWithValidModelStrings(t *testing.T) {
	valid := []string{
		"apigee/v1/gemini-1.5-flash",
		"apigee/vertex_ai/v1beta/gemini-1.5-flash",
		"apigee/openai/v1/gpt",
	}
	for _, name := range valid {
		_ = name
	}
}
'''


def test_gateway_strings_in_a_go_test(tmp_path: Path) -> None:
    got = found(tmp_path, "model/apigee/apigee_test.go", GO_TEST)
    assert {(7, "apigee/v1/gemini-1.5-flash"), (8, "apigee/vertex_ai/v1beta/gemini-1.5-flash")} <= got, got
    assert "apigee/openai/v1/gpt" not in {raw for _, raw in got}, got


def test_fine_tune_checkpoint_ids() -> None:
    for value in ("ft:gpt-4o-mini-2024-07-18:my-org:custom-suffix:96olL566:ckpt-step-2000",
                  "ft:gpt-4o-mini:acme:suffix:abc123"):
        match = classify(value, "none")
        assert match is not None and match.kind == "api-model" and match.provider == "openai-api", (value, match)
    assert classify("ft:gpt-4o-mini:a:b:c:d", "none") is None  # not the documented form


def test_fine_tune_checkpoint_resolves_to_its_base() -> None:
    from modelmap.provenance.resolver import _OPENAI_FT

    m = _OPENAI_FT.fullmatch("ft:gpt-4o-mini-2024-07-18:my-org:custom-suffix:96olL566:ckpt-step-2000")
    assert m is not None and m.group(1) == "gpt-4o-mini-2024-07-18" and m.group(2) == "my-org"
