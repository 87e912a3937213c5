"""scan20b: model ids in a model slot in any language: a model imported into a local server under a GGUF
quantisation tag (`phi-3-medium-128k-instruct:Q8_0`), Cloudflare Workers AI's `@cf/` ids, names of Anthropic's
client apps (`claude-code-20250219`, a beta flag), and values made only of an app's words for its own objects
(`old-profile`, `some-deployment`) under a name that says model. Fixtures written for these tests."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_GO = '''\
package main

import "github.com/example/llmkit"

func main() {
	workers := []llmkit.ConfigOption{
		llmkit.SetProvider("ollama"),
		llmkit.SetModel("phi-3-medium-128k-instruct:Q8_0"),
	}
	aggregator := []llmkit.ConfigOption{
		llmkit.SetModel("llama-3.1:8b-instruct-Q8_0"),
	}
	_ = llmkit.SetModel("notes:q4_0")
	_, _ = workers, aggregator
}
'''


def test_quantised_local_import_names(tmp_path: Path) -> None:
    got = found(tmp_path, "examples/moa/main.go", _GO)
    assert (8, "phi-3-medium-128k-instruct:Q8_0") in got
    assert (11, "llama-3.1:8b-instruct-Q8_0") in got
    assert "notes:q4_0" not in {raw for _, raw in got}  # the name before the tag reads as no model


def test_quantised_tag_needs_a_model_slot() -> None:
    from modelmap.discover.identify import classify

    assert classify("phi-3-medium-128k-instruct:Q8_0", "key") is not None
    assert classify("phi-3-medium-128k-instruct:Q8_0", "none") is None  # a bare literal: no model slot
    assert classify("mdi:q4_0", "key") is None


_STAND_IN_TS = '''\
import { expect, it } from "vitest";
import { buildConfig, renameProfile } from "../src/profiles";

it("renames the selected profile", () => {
  const original = buildConfig({ model: "old-profile", upstreamModel: "grok-4.5" });
  const renamed = renameProfile(original, { model: "new-profile" });
  const env = { ANTHROPIC_SMALL_FAST_MODEL: "legacy-small", ANTHROPIC_MODEL: "voyage-3-large" };
  expect(renamed + env).toBeTruthy();
});
'''

_STAND_IN_JAVA = '''\
package example;

class AzureClientTest {
    void buildsTheDeploymentUrl() {
        var expected = HttpRequestData.builder()
                .url("https://example.org/openai/deployments/some-deployment/chat/completions")
                .body("{\\"model\\":\\"some-deployment\\"}");
        var other = HttpRequestData.builder().body("{\\"model\\":\\"deployment-1\\"}");
        var real = HttpRequestData.builder().body("{\\"model\\":\\"voyage-3-large\\"}");
    }
}
'''


def test_app_words_under_a_model_name_are_no_model(tmp_path: Path) -> None:
    got = found(tmp_path, "tests/profiles.test.ts", _STAND_IN_TS)
    raws = {raw for _, raw in got}
    assert not raws & {"old-profile", "new-profile", "legacy-small"}
    assert (5, "grok-4.5") in got and (7, "voyage-3-large") in got  # a family word: still read on the same evidence
    got = found(tmp_path / "java", "src/test/java/example/AzureClientTest.java", _STAND_IN_JAVA)
    raws = {raw for _, raw in got}
    assert not raws & {"some-deployment", "deployment-1"}
    assert (9, "voyage-3-large") in got


_EX = '''\
defmodule MyApp.WorkersAITest do
  use ExUnit.Case

  test "calls a Workers AI model through the OpenAI-compatible endpoint" do
    {:ok, chat} =
      ChatOpenAI.new(%{
        endpoint: "https://api.cloudflare.com/client/v4/accounts/abc/ai/v1/chat/completions",
        model: "@cf/moonshotai/kimi-k2.6",
        temperature: 0
      })

    assert chat.model == "@cf/moonshotai/kimi-k2.6"
    assert Package.name() == "@types/node"
  end
end
'''


def test_workers_ai_ids(tmp_path: Path) -> None:
    from modelmap.discover.identify import classify

    got = found(tmp_path, "test/workers_ai_test.exs", _EX)
    assert (8, "@cf/moonshotai/kimi-k2.6") in got
    assert "@types/node" not in {raw for _, raw in got}
    match = classify("@hf/thebloke/llama-2-13b-chat-awq", "none")
    assert match is not None and match.provider == "cloudflare-workers-ai"
    assert classify("@cf/meta", "key") is None


_GO_BETA = '''\
package executor

const (
	claudeCodeBeta = "claude-code-20250219"
	defaultModel   = "claude-sonnet-4-20250514"
)

var clientIDs = map[string]string{
	"claude-desktop-3p": "claude-desktop-3p",
}
'''


def test_claude_client_names_are_no_model(tmp_path: Path) -> None:
    got = found(tmp_path, "internal/executor/claude.go", _GO_BETA)
    raws = {raw for _, raw in got}
    assert "claude-code-20250219" not in raws and "claude-desktop-3p" not in raws
    assert (5, "claude-sonnet-4-20250514") in got
