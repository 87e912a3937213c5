"""Session 35 (litfix35): a literal over 300 characters first on a line no longer hides the literals after it.

The byte pre-pass (polyglot.has_candidate) paired quotes with literals of at most 300 units; a longer one was left
unmatched, its closing quote opened the next literal, and every quote after it on the line paired wrongly, so a file
whose only model literal sat after a long system prompt on the same line was never parsed (redteam35: a one-line C#
class with a 400-character string, then `"gpt-4o"`). Each language the polyglot reader covers, as real code writes it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from modelmap.discover.polyglot import has_candidate
from tests.discover.scan_helpers import found

# a system prompt written on one line, 430 characters, no quote inside
_PROMPT = ("You are a careful assistant for the support desk of an online shop. Answer in the language of the "
           "question, keep every answer under one hundred and twenty words, cite the order number when the customer "
           "gives one, never promise a refund or a delivery date, and hand the conversation over to a human agent "
           "when the customer asks for one or when the question is about a payment, an invoice, or the terms of "
           "the shop. Be friendly.")
assert len(_PROMPT) > 400

_CASES = {
    "Services/Support.cs": (
        "namespace Shop.Services;\n"
        "public static class SupportDefaults\n{\n"
        f'    public const string Prompt = "{_PROMPT}"; public const string ModelId = "gpt-4o-mini";\n'
        "}\n", 4),
    "src/main/java/shop/Support.java": (
        "package shop;\n"
        "class Support {\n"
        "  ChatModel build() {\n"
        f'    return OpenAiChatModel.builder().systemPrompt("{_PROMPT}").modelName("gpt-4o-mini").build();\n'
        "  }\n}\n", 4),
    "internal/support/chat.go": (
        "package support\n\n"
        "func request() openai.ChatCompletionRequest {\n"
        "\treturn openai.ChatCompletionRequest{Messages: []openai.ChatCompletionMessage{{Role: \"system\", "
        f'Content: "{_PROMPT}"}}}}, Model: "gpt-4o-mini"}}\n'
        "}\n", 4),
    "app/src/main/kotlin/shop/Support.kt": (
        "package shop\n\n"
        f'val request = ChatRequest(system = "{_PROMPT}", model = "gpt-4o-mini")\n', 3),
    "Sources/Shop/Support.swift": (
        "import OpenAI\n\n"
        f'let query = ChatQuery(system: "{_PROMPT}", model: "gpt-4o-mini")\n', 3),
    "src/support.rs": (
        "pub fn request() -> Request {\n"
        f'    Request::new("{_PROMPT}").model("gpt-4o-mini")\n'
        "}\n", 2),
    "src/Support.php": (
        "<?php\n"
        "$reply = $client->chat()->create(['messages' => [['role' => 'system', 'content' => "
        f"'{_PROMPT}']], 'model' => 'gpt-4o-mini']);\n", 2),
    "app/services/support.rb": (
        "class Support\n"
        "  def reply(client)\n"
        f'    client.chat(parameters: {{ messages: [{{ role: "system", content: "{_PROMPT}" }}], model: "gpt-4o-mini" }})\n'
        "  end\nend\n", 3),
}


@pytest.mark.parametrize("name", sorted(_CASES))
def test_a_model_after_a_long_literal_on_its_line_is_found(tmp_path: Path, name: str) -> None:
    text, line = _CASES[name]
    assert has_candidate(text.encode())
    assert (line, "gpt-4o-mini") in found(tmp_path, name, text)


def test_the_pre_pass_pairs_quotes_after_long_literals() -> None:
    long = "x" * 400
    # redteam35's one-line C# class
    assert has_candidate(f'class C {{ string a = "{long}"; string m = "gpt-4o"; }}\n'.encode())
    # a Go raw string, a single-quoted one and one with escaped quotes, each before the model
    assert has_candidate(f'var t = `{long}`; var m = "gpt-4o"\n'.encode())
    assert has_candidate(f"$t = '{long}'; $m = 'gpt-4o';\n".encode())
    assert has_candidate(('s = "' + 'say \\"hi\\" ' * 60 + '"; m = "gpt-4o";\n').encode())
    # 300 units, escapes counted once, are still judged as one literal; the inside of a longer one is still read
    assert has_candidate(('m = "' + "\\u0067" * 0 + "gpt-4o" + '";\n').encode())
    assert has_candidate(f"// it's a note {long} with 'gpt-4o' in it, isn't it\n".encode())
    # and nothing model-like stays nothing
    assert not has_candidate(f'class C {{ string a = "{long}"; string b = "hello"; }}\n'.encode())
    assert not has_candidate(f'var a = "{long}\n'.encode())  # never closed
