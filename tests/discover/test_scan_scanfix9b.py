"""Scan shapes read off held-out-7's false positives and misses after it was opened (scanfix9b, issue 10), written
here as our own fixtures."""

from __future__ import annotations

from pathlib import Path

import modelmap

GO_ROUTE_NAMES = """package gateway

type RouteName string

const (
	// RouteName is {vendor}/{version}/{operation}
	RouteChat       RouteName = "openai/v1/chatcompletions"
	RouteEmbed      RouteName = "openai/v1/embeddings"
	RouteRerank     RouteName = "cohere/v2/rerank"
	RouteGenerate   RouteName = "gemini/v1beta/generatecontent"
	RouteMessages   RouteName = "anthropic/v1/messages"
	RouteQwenTasks  RouteName = "qwen/v1/services/aigc"
)

var defaultModels = map[string]string{
	"chat":   "openai/gpt-4o-mini",
	"router": "openrouter/meta-llama/llama-3.1-8b-instruct",
}
"""


def _found(tmp_path: Path) -> set[tuple[int, str]]:
    return {(f.line, f.raw) for f in modelmap.scan(tmp_path).findings}


def test_a_vendor_version_operation_route_name_is_not_a_provider_prefixed_model(tmp_path: Path) -> None:
    (tmp_path / "routes.go").write_text(GO_ROUTE_NAMES)
    got = _found(tmp_path)
    raws = {raw for _, raw in got}
    for route in ("openai/v1/chatcompletions", "openai/v1/embeddings", "cohere/v2/rerank",
                  "gemini/v1beta/generatecontent", "anthropic/v1/messages", "qwen/v1/services/aigc"):
        assert route not in raws
    # a provider-prefixed model beside them is still found
    assert (16, "openai/gpt-4o-mini") in got
    assert (17, "openrouter/meta-llama/llama-3.1-8b-instruct") in got
