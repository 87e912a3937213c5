"""scanexplore14b (issue 10): idioms found on fresh C# / Java / Kotlin / Go apps that the scanner got wrong.

* a vendor and an API operation or role word (`api.MapPost("openai/chat", …)`, `groq/chat`): a route, not a model;
* an ordinal word and a number (`"step3"`: a wizard's step, a test's tool-call id) is a model (StepFun's step3)
  only where a model is expected;
* a test's value for a model that is not there (`does-not-exist`, `unknown-model-xyz`) or an example's own object
  (`…:inference-profile/my-profile`) is a test double, also among real ids in the same table;
* a translation key's dotted path (`labelKey: "admin.models.modelTypes.chat"`) is not a model under a model-ish key;
* a JSON/YAML catalogue of model records (`"defaultModels": [{"id": …}, …]`) takes its unrecognised model-shaped ids
  on its recognised peers' evidence, as code tables already did;
* an agent skill's or an app's name built on a family and the word api (`"gemini-api-dev": {…}` in skills-lock.json,
  `claude-api`) is not a model unless a model key or call takes it;

Fixtures are written for these tests (not copied from any repository). No timing assertions."""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.identify import classify
from modelmap.discover.peers import MAX_TABLE
from tests.discover.scan_helpers import found as _found

_ROUTES_CS = """\
namespace MinimalApi.Extensions;

internal static class WebApplicationExtensions
{
    internal static WebApplication MapApi(this WebApplication app)
    {
        var api = app.MapGroup("api");
        api.MapPost("openai/chat", OnPostChatPromptAsync);
        api.MapPost("anthropic/messages", OnPostMessagesAsync);
        api.MapGet("groq/chat", OnGetChatAsync);
        return app;
    }

    private static IChatClient Client(OpenAIClient client) =>
        client.GetChatClient("openai/gpt-4o-mini").AsIChatClient();
}
"""


def test_a_vendor_and_an_api_operation_is_a_route_not_a_model(tmp_path: Path) -> None:
    got = _found(tmp_path, "app/backend/Extensions/WebApplicationExtensions.cs", _ROUTES_CS)
    assert got == {(15, "openai/gpt-4o-mini")}


def test_a_vendor_and_an_operation_word_names_no_model_whatever_the_hint() -> None:
    for value in ("openai/chat", "openai/embeddings", "anthropic/messages", "openai/completions", "groq/chat",
                  "dashscope/embeddings"):
        assert all(classify(value, hint) is None for hint in ("none", "api", "key")), value
    # a model under the same vendors still is one
    for value in ("openai/gpt-4o", "google/gemma-2-9b-it", "ollama/llama3", "BAAI/bge-m3"):
        assert classify(value, "key") is not None, value


_WIZARD_CS = """\
public sealed class SetupWizard
{
    private readonly Dictionary<string, string> _titles = new()
    {
        ["step1"] = "Connect",
        ["step3"] = "Finish",
    };

    public string Current { get; set; } = "step3";
}
"""

_FLOW_GO = """\
package flow

var steps = []string{"step1", "step2", "step3"}

func Next(cur string) string {
\tif cur == "step3" {
\t\treturn "done"
\t}
\treturn "step3"
}
"""

_TOOL_TEST_KT = """\
package com.example.ai.provider

import kotlin.test.Test
import kotlin.test.assertEquals

class RequestMessageTest {
    @Test
    fun keepsExecutedToolsInOrder() {
        val parts = listOf(
            createExecutedTool("step1", "search", "{}", "found"),
            createExecutedTool("step3", "finalize", "{}", "done"),
        )
        val request = buildRequest(model = "step3", parts = parts)
        assertEquals(2, request.tools.size)
    }
}
"""


def test_numbered_step_names_in_csharp_and_go_are_not_stepfuns_model(tmp_path: Path) -> None:
    assert _found(tmp_path, "src/SetupWizard.cs", _WIZARD_CS) == set()
    assert _found(tmp_path, "flow/flow.go", _FLOW_GO) == set()


def test_a_numbered_step_id_in_a_test_is_not_a_model_but_the_model_argument_is(tmp_path: Path) -> None:
    got = _found(tmp_path, "ai/src/test/kotlin/RequestMessageTest.kt", _TOOL_TEST_KT)
    assert got == {(13, "step3")}


def test_an_ordinal_id_is_a_model_only_where_one_is_expected() -> None:
    assert classify("step3", "none") is None and classify("stage2", "none") is None
    assert classify("step3", "key") is not None and classify("stepfun-ai/step3", "none") is not None
    # a family word and its version stays a model anywhere
    assert classify("llama3", "none") is not None and classify("step-3.5-flash", "none") is not None


_BEDROCK_TEST_GO = """\
package ai

import "testing"

func TestModelFromString(t *testing.T) {
\ttests := []struct {
\t\tname  string
\t\tmodel string
\t\twant  string
\t}{
\t\t{"dated id", "anthropic.claude-3-5-sonnet-20240620-v1:0", "anthropic.claude-3-5-sonnet-20240620-v1:0"},
\t\t{"cross-region", "us.anthropic.claude-3-7-sonnet-20250219-v1:0", "us.anthropic.claude-3-7-sonnet-20250219-v1:0"},
\t\t{"nova", "amazon.nova-lite-v1:0", "amazon.nova-lite-v1:0"},
\t\t{"unknown model falls back", "does-not-exist", "anthropic.claude-3-5-sonnet-20240620-v1:0"},
\t}
\tfor _, tt := range tests {
\t\t_ = tt
\t}
\tprofileARN := "arn:aws:bedrock:us-east-1:123456789012:inference-profile/my-profile"
\t_ = profileARN
}
"""

_REGISTRY_TEST_KT = """\
package com.example.ai.registry

import kotlin.test.Test
import kotlin.test.assertEquals

class ModelRegistryTest {
    @Test
    fun contextLengths() {
        assertEquals(1_000_000, ModelRegistry.contextLength("gemini-2.5-pro"))
        assertEquals(200_000, ModelRegistry.contextLength("claude-sonnet-4-5"))
        assertEquals(128_000, ModelRegistry.contextLength("gpt-4o"))
        assertEquals(64_000, ModelRegistry.contextLength("deepseek-chat"))
        assertEquals(null, ModelRegistry.contextLength("unknown-model-xyz"))
    }
}
"""


def test_test_doubles_among_real_ids_in_a_go_test_table_are_not_models(tmp_path: Path) -> None:
    got = {raw for _, raw in _found(tmp_path, "pkg/ai/bedrock_test.go", _BEDROCK_TEST_GO)}
    assert {"anthropic.claude-3-5-sonnet-20240620-v1:0", "amazon.nova-lite-v1:0"} <= got
    assert not got & {"does-not-exist", "my-profile"}


def test_an_unknown_model_test_value_is_not_taken_on_its_peers_evidence(tmp_path: Path) -> None:
    got = {raw for _, raw in _found(tmp_path, "ai/src/test/kotlin/ModelRegistryTest.kt", _REGISTRY_TEST_KT)}
    assert {"gemini-2.5-pro", "gpt-4o", "deepseek-chat"} <= got
    assert "unknown-model-xyz" not in got


_MODEL_TYPES_TSX = """\
"use client";

const modelTypes = [
  { value: "chat", labelKey: "admin.models.modelTypes.chat" },
  { value: "embedding", labelKey: "admin.models.modelTypes.embedding" },
];

const defaults = { chatModel: "gpt-4o-mini", embeddingModel: "text-embedding-3-small" };

export function ModelTypeSelect() {
  return modelTypes.map((t) => t.value).concat(Object.values(defaults));
}
"""


def test_a_translation_keys_dotted_path_is_not_a_model(tmp_path: Path) -> None:
    got = _found(tmp_path, "web/app/admin/tools/models/page.tsx", _MODEL_TYPES_TSX)
    assert got == {(8, "gpt-4o-mini"), (8, "text-embedding-3-small")}
    assert classify("admin.models.modelTypes.chat", "key") is None
    # dotted model ids and weight files keep their meaning (a weight file named for its model: a bare `model.int8.onnx`
    # is sherpa-onnx's generic name, like `model_int8.onnx`, no model by itself since scan16c)
    for value in ("anthropic.claude-v2", "meta.llama3-8b-instruct-v1:0", "whisper-small.int8.onnx"):
        assert classify(value, "key") is not None, value


_PRESETS_JSON = """\
[
  {"builtinId": "gitee-ai", "name": "Gitee AI", "type": "openai-chat",
   "defaultModels": [
     {"id": "DeepSeek-V3", "name": "DeepSeek V3", "enabled": true, "contextLength": 65536},
     {"id": "Qwen3-32B", "name": "Qwen3 32B", "enabled": true},
     {"id": "GLM-4.5", "name": "GLM 4.5", "enabled": true},
     {"id": "moark-m1", "name": "Moark M1", "enabled": true},
     {"id": "HealthGPT-L14", "name": "HealthGPT L14", "enabled": true}
   ]},
  {"builtinId": "acme", "name": "Acme", "type": "openai-chat",
   "defaultModels": [
     {"id": "gpt-4o", "enabled": true},
     {"id": "acme-router", "enabled": true},
     {"id": "acme-fast", "enabled": true}
   ]}
]
"""


def test_a_catalogue_of_model_records_takes_unknown_ids_on_their_peers_evidence(tmp_path: Path) -> None:
    got = {raw for _, raw in _found(tmp_path, "src/Services/AI/ProviderPresets.json", _PRESETS_JSON)}
    assert {"DeepSeek-V3", "Qwen3-32B", "GLM-4.5", "moark-m1", "HealthGPT-L14", "gpt-4o"} <= got
    # one recognised id of three is no evidence for the others; display names are not ids
    assert not got & {"acme-router", "acme-fast", "Moark M1", "HealthGPT L14"}


def test_a_catalogue_past_the_table_limit_is_not_weighed(tmp_path: Path) -> None:
    import json

    known = [{"id": m} for m in ("gpt-4o", "gpt-4o-mini", "deepseek-chat", "qwen-max")]
    records = known + [{"id": f"house-model-{i}"} for i in range(MAX_TABLE)]
    got = {raw for _, raw in _found(tmp_path, "models.json", json.dumps({"models": records}, indent=0))}
    assert {"gpt-4o", "deepseek-chat"} <= got
    assert not {raw for raw in got if raw.startswith("house-model-")}


_SKILLS_LOCK = """\
{
  "version": 1,
  "skills": {
    "claude-api": {"source": "example-org/skills", "sourceType": "github", "skillPath": "skills/claude-api/SKILL.md"},
    "gemini-api-dev": {"source": "example-org/gemini-skills", "sourceType": "github"},
    "gemini-interactions-api": {"source": "example-org/gemini-skills", "sourceType": "github"}
  },
  "defaults": {"model": "gemini-2.5-flash"}
}
"""


def test_agent_skill_names_built_on_a_family_and_api_are_not_models(tmp_path: Path) -> None:
    assert _found(tmp_path, "skills-lock.json", _SKILLS_LOCK) == {(8, "gemini-2.5-flash")}
