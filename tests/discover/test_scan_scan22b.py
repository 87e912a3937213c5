"""scan22b: values that sit where models sit but name something else. An API's own object ids (``call_…``,
``item_…``) in a test's assertions beside the model it sent; a table of settings' key names whose name holds a model
word (``IMAGE_LLM_CONFIG_KEYS``); a Claude tier word without its generation (``claude-sonnet``); a test double's
name in JS/TS (``gpt-test``). Fixtures written for these tests."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_REALTIME_TESTS_SWIFT = '''\
import XCTest

final class SessionEventTests: XCTestCase {
  func testSessionModels() throws {
    let json = try encode(SessionUpdate(model: .gptRealtime))
    XCTAssertEqual(json["model"] as? String, "gpt-realtime")
    XCTAssertEqual(Model.gpt4o.value, "gpt-4o")
    XCTAssertEqual(Model.gpt4oMini.value, "gpt-4o-mini")
    XCTAssertEqual(Model.o3.value, "o3-mini")
  }

  func testToolOutput() throws {
    let json = try encode(ToolOutput(callId: "call_987"))
    XCTAssertEqual(json["call_id"] as? String, "call_987")
    XCTAssertEqual(json["item_id"] as? String, "item_user_42")
    XCTAssertEqual(json["response_id"] as? String, "resp_77")
    XCTAssertEqual(json["status"] as? String, "done-2")
  }
}
'''


def test_api_object_ids_among_asserted_models_are_not_models(tmp_path: Path) -> None:
    got = found(tmp_path, "Tests/RealtimeTests/SessionEventTests.swift", _REALTIME_TESTS_SWIFT)
    raws = {raw for _, raw in got}
    assert not raws & {"call_987", "item_user_42", "resp_77"}
    assert (6, "gpt-realtime") in got
    assert (7, "gpt-4o") in got


_CRASH_CONTEXT_KT = '''\
package com.example.chat.crash

object CrashContext {
    private val IMAGE_LLM_CONFIG_KEYS = setOf(
        "diffusion_steps",
        "diffusion_guidance_scale",
        "diffusion_seed",
    )
}

object ChatModels {
    val SUPPORTED_LLM_MODELS = setOf(
        "qwen2.5-1.5b-instruct",
        "llama-3.2-3b-instruct",
        "my-llm-v2",
    )
}
'''


def test_a_table_of_setting_keys_is_not_a_model_table(tmp_path: Path) -> None:
    got = found(tmp_path, "app/src/main/java/com/example/chat/crash/CrashContext.kt", _CRASH_CONTEXT_KT)
    assert not {raw for line, raw in got if 4 <= line <= 8}
    # a table named for models is still one
    assert (13, "qwen2.5-1.5b-instruct") in got
    assert (14, "llama-3.2-3b-instruct") in got
    assert (15, "my-llm-v2") in got


_CATALOG_TEST_TS = '''\
import { buildCatalog } from "./catalog";

const anthropicModels = {
  "claude-sonnet": { id: "claude-sonnet", displayName: "Sonnet" },
  "claude-haiku": { id: "claude-haiku", displayName: "Haiku" },
  "claude-sonnet-4-5": { id: "claude-sonnet-4-5", displayName: "Claude Sonnet 4.5" },
};

it("records the model", () => {
  record({ modelName: "gpt-test" });
  record({ modelName: "gpt-4.1-mini" });
  expect(buildCatalog(anthropicModels)).toBeDefined();
});
'''


def test_claude_tier_without_generation_is_not_a_model(tmp_path: Path) -> None:
    got = found(tmp_path, "src/catalog/catalog.test.ts", _CATALOG_TEST_TS)
    raws = {raw for _, raw in got}
    assert not raws & {"claude-sonnet", "claude-haiku"}
    assert (6, "claude-sonnet-4-5") in got


def test_js_test_double_name_is_not_a_model(tmp_path: Path) -> None:
    got = found(tmp_path, "src/catalog/catalog.test.ts", _CATALOG_TEST_TS)
    assert "gpt-test" not in {raw for _, raw in got}
    assert (11, "gpt-4.1-mini") in got


_LOCAL_CLIENT_JS = '''\
import { RealtimeSession } from "@openai/agents/realtime";

export function openSession(agent, transport) {
  return new RealtimeSession(agent, {
    transport,
    model: "voxa-local",
  });
}

export function openCloudSession(agent) {
  return new RealtimeSession(agent, { model: "gpt-4o-realtime-preview" });
}
'''

_LOCAL_SERVER_KT = '''\
package com.example.voxa.api

class ChunkFormatter {
    fun chunk(text: String) = ChatChunk(
        id = "chunk",
        model = "voxa-local",
        content = text,
    )

    fun fallback() = ChatChunk(id = "x", model = "llama-3.2-1b-instruct", content = "")
}
'''


def test_an_apps_own_local_model_name_is_not_a_model(tmp_path: Path) -> None:
    got = found(tmp_path, "web/realtime-client.js", _LOCAL_CLIENT_JS)
    assert "voxa-local" not in {raw for _, raw in got}
    assert (11, "gpt-4o-realtime-preview") in got
    got = found(tmp_path / "kt", "app/src/main/java/com/example/voxa/api/ChunkFormatter.kt", _LOCAL_SERVER_KT)
    assert "voxa-local" not in {raw for _, raw in got}
    assert (10, "llama-3.2-1b-instruct") in got


_PROXY_TEST_PY = '''\
from voxa.llm import ChatHandlerArguments


def test_proxy_forwards_model():
    args = ChatHandlerArguments(model_name="google/gemma-test")
    assert args.model_name == "google/gemma-test"


def test_proxy_real_model():
    args = ChatHandlerArguments(model_name="google/gemma-2-2b-it")
    assert args.model_name
'''


def test_a_made_up_repo_under_a_real_org_is_not_a_model(tmp_path: Path) -> None:
    got = found(tmp_path, "tests/test_proxy.py", _PROXY_TEST_PY)
    assert "google/gemma-test" not in {raw for _, raw in got}
    assert (10, "google/gemma-2-2b-it") in got


_DEPLOYMENT_TESTS_CS = '''\
namespace Acme.AI.Tests;

public sealed class DeploymentStoreTests
{
    [Fact]
    public async Task FindsDeployments()
    {
        var chat = CreateDeployment("dep-1", "gpt-4o", Purpose.Chat);
        var mini = CreateDeployment("dep-2", "gpt-4o-mini", Purpose.Chat);
        var embed = CreateDeployment("dep-3", "text-embedding-3-small", Purpose.Embedding);
        Assert.NotNull(await _store.FindAsync(chat.Id));
    }
}
'''


def test_a_deployments_own_name_among_models_is_not_a_model(tmp_path: Path) -> None:
    got = found(tmp_path, "tests/Acme.AI.Tests/DeploymentStoreTests.cs", _DEPLOYMENT_TESTS_CS)
    assert not {raw for _, raw in got} & {"dep-1", "dep-2", "dep-3"}
    assert (8, "gpt-4o") in got
    assert (10, "text-embedding-3-small") in got
