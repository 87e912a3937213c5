"""scanexplore14b (issue 10): idioms found on fresh C# / Java / Kotlin / Go apps that the scanner got wrong.

* a vendor and an API operation or role word (`api.MapPost("openai/chat", …)`, `groq/chat`): a route, not a model;

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
