"""A provider channel named after Gemini's Interactions API (``gemini-interactions``) is not a model.

As ``openai-chat-completions`` and ``anthropic-messages`` name a requester after the API protocol it speaks, proxy
and router apps name the channel that talks to Gemini's Interactions API (ai.google.dev/gemini-api/docs/interactions,
as_of 2026-12-05) ``gemini-interactions``: a provider key in ``switch`` cases and executor identifiers, never a model
id. Found on the opened held-out-13 set (session 16).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from modelmap.discover.identify import classify
from tests.discover.scan_helpers import found


@pytest.mark.parametrize("value", ["gemini-interactions", "gemini-interactions-api", "google_interactions"])
@pytest.mark.parametrize("hint", ["none", "key"])
def test_interactions_channels_are_not_models(value: str, hint: str) -> None:
    assert classify(value, hint) is None, (value, hint)  # type: ignore[arg-type]


_GO = '''\
package registry

func ModelsForProvider(provider string) []string {
	switch provider {
	case "gemini":
		return []string{"gemini-2.5-pro", "gemini-2.5-flash"}
	case "gemini-interactions":
		return []string{"gemini-2.5-pro"}
	}
	return nil
}

func NewInteractionsExecutor() *Executor {
	return &Executor{identifier: "gemini-interactions", model: "gemini-2.5-flash"}
}
'''


def test_a_go_router_names_its_channel(tmp_path: Path) -> None:
    got = {raw for _, raw in found(tmp_path, "internal/registry/models.go", _GO)}
    assert {"gemini-2.5-pro", "gemini-2.5-flash"} <= got
    assert "gemini-interactions" not in got
