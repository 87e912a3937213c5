"""scanexplore14b (issue 10): idioms found on fresh C# / Java / Kotlin / Go apps that the scanner got wrong.

* a vendor and an API operation or role word (`api.MapPost("openai/chat", …)`, `groq/chat`): a route, not a model;
* an ordinal word and a number (`"step3"`: a wizard's step, a test's tool-call id) is a model (StepFun's step3)
  only where a model is expected;

Fixtures are written for these tests (not copied from any repository). No timing assertions."""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.identify import classify
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
