"""Regression tests for idioms found by scanexplore13b on real code nobody here labelled (session 13).

Fixtures are written for these tests (Semantic Kernel-style C# service registration, a Kotlin client, a LocalAI-style
model gallery larger than the YAML parse limit); no outside code is copied.
"""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_CS_SERVICES = """\
using Microsoft.SemanticKernel;

public static class Setup
{
    private const string ServiceKeyGood = "chat-good";
    private const string ServiceKeyBad = "chat-bad";

    public static Kernel Build(string apiKey)
    {
        var builder = Kernel.CreateBuilder();
        builder.AddOpenAIChatCompletion("gpt-4o-mini", apiKey, serviceId: "chat-fast");
        builder.AddOpenAIChatCompletion(modelId: "gpt-4o", apiKey: apiKey, serviceId: ServiceKeyGood);
        builder.AddOpenAIChatCompletion("o4-mini", "bad-key", serviceId: ServiceKeyBad);
        builder.AddAzureOpenAIChatCompletion(deploymentName: "gpt-4o-prod", endpoint: "https://x.openai.azure.com/",
            apiKey: apiKey, serviceId: "azure-main");
        return builder.Build();
    }
}
"""


def test_named_argument_of_an_sdk_call_that_is_not_the_model(tmp_path: Path) -> None:
    # serviceId: names the registration (a key to pick it by), not the model the call registers
    got = found(tmp_path, "Setup.cs", _CS_SERVICES)
    raws = {raw for _, raw in got}
    assert {"gpt-4o-mini", "gpt-4o", "o4-mini", "gpt-4o-prod"} <= raws
    assert not raws & {"chat-good", "chat-bad", "chat-fast", "azure-main"}


_KT_CLIENT = """\
package com.example.ai

import com.google.ai.client.generativeai.GenerativeModel

class Assistant(key: String) {
    private val flash = GenerativeModel("gemini-1.5-flash", apiKey = key)
    private val pro = GenerativeModel(modelName = "gemini-1.5-pro", apiKey = key)
    private val named = GenerativeModel(name = "gemini-2.0-flash", apiKey = key)
    private val tagged = GenerativeModel("gemini-1.5-flash-8b", apiKey = key, requestTag = "chat-fast-path")
}
"""


def test_named_arguments_in_kotlin_keep_the_model_and_drop_the_rest(tmp_path: Path) -> None:
    got = found(tmp_path, "Assistant.kt", _KT_CLIENT)
    raws = {raw for _, raw in got}
    # the positional model, a model-named argument and a generic `name =` still count
    assert {"gemini-1.5-flash", "gemini-1.5-pro", "gemini-2.0-flash", "gemini-1.5-flash-8b"} <= raws
    assert "chat-fast-path" not in raws
