"""A CycloneDX model component served by one operator in some uses and by nothing known in others says so.

A tryout (session 34): gpt-4o-mini is called by a Go gateway through OpenRouter and by an iOS app through the
company's own proxy (no serving evidence). The report said "OpenRouter (1 of 2 uses: self-hosted or unknown)"; the
BOM said only modelmap:served-by OpenRouter and modelmap:serving-country US, as if every use were served there.
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from modelmap.cli import app

GATEWAY = '''package main

import (
\topenai "github.com/sashabaranov/go-openai"
)

const openRouterBaseURL = "https://openrouter.ai/api/v1"

func newClient(key string) *openai.Client {
\tcfg := openai.DefaultConfig(key)
\tcfg.BaseURL = openRouterBaseURL
\treturn openai.NewClientWithConfig(cfg)
}

func request(prompt string) openai.ChatCompletionRequest {
\treturn openai.ChatCompletionRequest{Model: "openai/gpt-4o-mini", Messages: []openai.ChatCompletionMessage{{Role: "user", Content: prompt}}}
}
'''

SWIFT = '''import Foundation

struct ChatRequest: Codable {
    let model: String
    let temperature: Double
}

final class ChatService {
    private let proxyURL = URL(string: "https://llm-proxy.acme.example/v1/chat/completions")!
    private let model = "gpt-4o-mini"

    func body() throws -> Data {
        try JSONEncoder().encode(ChatRequest(model: model, temperature: 0.2))
    }
}
'''


def _component(root: Path, name: str) -> dict:
    out = root / "bom.cdx.json"
    result = CliRunner().invoke(app, ["bom", str(root), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return next(c for c in json.loads(out.read_text())["components"] if c["name"] == name)


def test_mixed_serving_counts_the_uses_without_evidence(tmp_path: Path) -> None:
    (tmp_path / "gateway").mkdir()
    (tmp_path / "gateway" / "routes.go").write_text(GATEWAY)
    (tmp_path / "ios").mkdir()
    (tmp_path / "ios" / "ChatService.swift").write_text(SWIFT)
    comp = _component(tmp_path, "gpt-4o-mini")
    props = [(p["name"], p["value"]) for p in comp["properties"]]
    assert ("modelmap:usages", "2") in props, props
    assert ("modelmap:served-by", "OpenRouter") in props
    assert ("modelmap:serving-unknown-usages", "1") in props


def test_every_use_served_has_no_unknown_count(tmp_path: Path) -> None:
    (tmp_path / "gateway").mkdir()
    (tmp_path / "gateway" / "routes.go").write_text(GATEWAY)
    props = [p["name"] for p in _component(tmp_path, "gpt-4o-mini")["properties"]]
    assert "modelmap:served-by" in props and "modelmap:serving-unknown-usages" not in props
