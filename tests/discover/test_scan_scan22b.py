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

