"""scanexplore15c (issue 10): idioms found on fresh TypeScript / Go / Java / C# apps (a Java agent framework's dialect
tests, a TypeScript UI-automation SDK's model-family settings, an IDE assistant's tool-support tables).

* peer tables: the arguments of *different* calls at the same place in a class's methods are not one table (a test
  class's ``config("gpt-5")`` calls beside ``Utils.asMap("type", "enabled", "budget_tokens", 5000)``), so the option
  words of the map are not taken for models on the strength of the models passed to ``config``;
* TypeScript: the values of a family-named name (``modelFamily: "qwen2.5-vl"``, ``MIDSCENE_MODEL_FAMILY``, a
  ``TModelFamily`` union, a ``MODEL_FAMILY_VALUES`` list) are family words, not models (an org/name still is one);
* TypeScript: entries tested against a model's name as prefixes (``[…].some((p) => model.startsWith(p))``,
  ``for (const prefix of supportedPrefixes) { if (model.startsWith(prefix)) … }``) are family words, and a
  substring test (``model.includes("gpt-oss")``, ``[…].some((p) => model.includes(p))``) keeps only complete ids
  the knowledge base knows that are not the start of other known names (the classifier's contains rule).

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


_FAMILY_TYPES = '''\
export type TModelFamily =
  | 'qwen2.5-vl'
  | 'qwen3-vl'
  | 'doubao-vision'
  | 'gpt-5';

export const MODEL_FAMILY_VALUES: TModelFamily[] = ['qwen2.5-vl', 'qwen3-vl', 'doubao-vision', 'gpt-5'];

export interface ModelSettings {
  modelName: string;
  modelFamily?: TModelFamily;
}

export const defaults: ModelSettings = {
  modelName: 'qwen3-vl-plus',
  modelFamily: 'qwen3-vl',
};

export const envDefaults = {
  [MIDSCENE_MODEL_NAME]: 'gpt-4o-mini',
  [MIDSCENE_MODEL_FAMILY]: 'gpt-5' as const,
  architecture: 'llama',
  repoFamily: 'Qwen/Qwen2.5-VL-7B-Instruct',
};
'''


def test_values_under_a_family_name_are_not_models_in_typescript(tmp_path: Path) -> None:
    got = _found(tmp_path, "packages/shared/src/env/types.ts", _FAMILY_TYPES)
    # the model ids are found; the family words under modelFamily / TModelFamily / *_FAMILY_VALUES are not,
    # while an org/name under a family-named key still names one model
    assert got == {(15, "qwen3-vl-plus"), (20, "gpt-4o-mini"), (23, "Qwen/Qwen2.5-VL-7B-Instruct")}


def test_a_family_name_over_a_huge_union_is_bounded(tmp_path: Path) -> None:
    # hostile: a 20k-member union and a 20k-entry list under family names; only the first strings are looked at
    members = "\n".join(f"  | 'fam-{i}'" for i in range(20_000))
    items = ", ".join(f"'fam-{i}'" for i in range(20_000))
    text = f"export type TModelFamily =\n{members};\nexport const MODEL_FAMILIES = [{items}];\n" \
           "export const model = 'gpt-4o';\n"
    got = _found(tmp_path, "src/families.ts", text)
    assert (20_003, "gpt-4o") in got


_TOOL_SUPPORT = '''\
export const PROVIDER_TOOL_SUPPORT: Record<string, (model: string) => boolean> = {
  bedrock: (model) => {
    if (model.includes("claude-2") || model.includes("gpt-oss")) {
      return false;
    }
    return [
      "nova-pro",
      "llama-4",
      "deepseek",
    ].some((part) => model.toLowerCase().includes(part));
  },
  mistral: (model) =>
    ["codestral-2501", "mistral-large"].some((part) => model.toLowerCase().startsWith(part)),
  openrouter: (model) => {
    const supportedPrefixes = ["anthropic/claude", "qwen/qwen3", "openai/gpt-"];
    for (const prefix of supportedPrefixes) {
      if (model.toLowerCase().startsWith(prefix)) {
        return true;
      }
    }
    const exactMatches = ["deepseek/deepseek-r1-0528", "moonshotai/kimi-k2-instruct"];
    return exactMatches.includes(model.toLowerCase());
  },
};

export const DEFAULT_MODEL = "gpt-4o-mini";
'''


def test_entries_tested_as_prefixes_or_substrings_are_family_words(tmp_path: Path) -> None:
    got = {raw for _, raw in _found(tmp_path, "core/llm/toolSupport.ts", _TOOL_SUPPORT)}
    # a complete known id in a substring test stays a model; the start of a family's names does not
    assert "claude-2" in got and "gpt-oss" not in got and "llama-4" not in got
    # prefixes tested with startsWith, in a callback or a for-of loop, are never models
    assert not got & {"codestral-2501", "mistral-large", "anthropic/claude", "qwen/qwen3", "openai/gpt-"}
    # an array compared whole (`exactMatches.includes(model)`) lists models
    assert {"deepseek/deepseek-r1-0528", "moonshotai/kimi-k2-instruct", "gpt-4o-mini"} <= got


def test_element_tests_are_bounded_on_hostile_input(tmp_path: Path) -> None:
    # hostile: a 20k-entry array tested by a callback, and a callback body of 20k statements; only the first
    # MAX_CHECK_ITEMS entries / MAX_CHECK_NODES nodes are looked at, and the scan still ends
    items = ", ".join(f'"fam-{i}"' for i in range(20_000))
    body = "\n".join(f"  x{i} = {i};" for i in range(20_000))
    text = f"const ok = [{items}].some((p) => model.startsWith(p));\n" \
           f"const bad = [\"gpt-4o\"].some(function (p) {{\n{body}\n  return model.includes(p);\n}});\n"
    got = _found(tmp_path, "src/hostile.ts", text)
    assert (2, "gpt-4o") in got
