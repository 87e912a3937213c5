"""scanexplore15c (issue 10): idioms found on fresh TypeScript / Go / Java / C# apps (a Java agent framework's dialect
tests, a TypeScript UI-automation SDK's model-family settings, an IDE assistant's tool-support tables).

* peer tables: the arguments of *different* calls at the same place in a class's methods are not one table (a test
  class's ``config("gpt-5")`` calls beside ``Utils.asMap("type", "enabled", "budget_tokens", 5000)``), so the option
  words of the map are not taken for models on the strength of the models passed to ``config``.

Fixtures are written for these tests (not copied from any repository). No timing assertions."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found as _found

_DIALECT_TEST = '''\
package demo.chat;

import java.util.Map;

class ThinkingOptionsTest {
    private final RequestBuilder builder = new RequestBuilder();

    @Test
    void claudeBudget() {
        Node a = builder.build(config("claude-sonnet-4-5"), high, prompt());
        Node b = builder.build(config("gpt-5"), low, prompt());
        Node c = builder.build(config("gemini-2.5-pro"), medium, prompt());
        Node d = builder.build(config("qwen-plus"), none, prompt());
        Node e = builder.build(config("deepseek-reasoner"), high, prompt());
        Node f = builder.build(config("glm-4.5"), high, prompt());
    }

    @Test
    void explicitOptionsWin() {
        Node o = builder.build(Utils.asMap("type", "enabled", "budget_tokens", 2048), prompt());
        Node e = builder.build(Utils.asMap("effort", "vendor_specific"), prompt());
    }
}
'''


def test_arguments_of_different_calls_are_not_one_peer_table(tmp_path: Path) -> None:
    got = _found(tmp_path, "src/test/java/demo/chat/ThinkingOptionsTest.java", _DIALECT_TEST)
    assert {raw for _, raw in got} >= {"claude-sonnet-4-5", "gpt-5", "gemini-2.5-pro", "qwen-plus", "deepseek-reasoner", "glm-4.5"}
    assert not {raw for _, raw in got} & {"budget_tokens", "vendor_specific", "enabled", "effort"}

