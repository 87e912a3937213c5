"""TypeScript readings added for held-out-32's error classes, each on a fixture written for it:

* a model reference written ``<provider>::<api-version>::<model>`` (a catalogue's `id` / `modelRef`, a test's input,
  a comparison or a default) is one reference, provider-prefixed; a tier word alone after the version
  (`anthropic::unknown::sonnet`) and an unknown provider are not;
* a proxy route's URL named for the model it serves (`…/api/big_model_glm-4.5-flash`) names that model, a picture's
  or notebook's file name does not;
* a list of family words tested with `list.some((part) => model.includes(part))` above which it is declared has its
  fragments (`gemini-1.5`, `3-5-sonnet`) left out, its complete ids kept;
* a version-and-tier fragment (`modelID: '3.5-sonnet'`, the end of claude-3-5-sonnet) is no model."""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.classifier import model_ref_match
from tests.discover.scan_helpers import found

_CATALOGUE = """import type { Model } from './model'

export const CATALOGUE: Model[] = [
    {
        id: 'anthropic::2024-10-22::claude-3-5-sonnet-latest',
        title: 'Claude 3.5 Sonnet',
    },
    { id: 'fireworks::v1::starcoder', title: 'StarCoder' },
    { modelRef: 'anthropic::unknown::sonnet', title: 'Sonnet' },
    { id: 'acmecorp::v1::gpt-4o', title: 'ours' },
]

export function pick(models: Model[]): Model | undefined {
    return models.find(m => m.id === 'openai::unknown::gpt-4o-mini')
}

export const FALLBACK = settings.chat || 'google::v1::gemini-2.0-flash'
"""


def test_provider_version_model_references(tmp_path: Path) -> None:
    got = found(tmp_path, "src/models/catalogue.ts", _CATALOGUE)
    assert got == {(5, "anthropic::2024-10-22::claude-3-5-sonnet-latest"), (8, "fireworks::v1::starcoder"),
                   (14, "openai::unknown::gpt-4o-mini"), (17, "google::v1::gemini-2.0-flash")}


def test_model_ref_shape() -> None:
    hit = model_ref_match("anthropic::unknown::anthropic.claude-3-opus-20240229-v1_0")
    assert hit is not None and hit.kind == "provider-prefixed"
    assert model_ref_match("anthropic::unknown::sonnet") is None
    assert model_ref_match("acmecorp::v1::gpt-4o") is None  # no provider the knowledge base knows
    assert model_ref_match("openai::beta channel::gpt-4o") is None
    assert model_ref_match("a::b::c::d") is None


_ROUTES = """const BASE_URL = 'https://api.chat.example.dev/api/big_model_glm-4.5-flash';
const MIRROR = 'https://gw.example.dev/v1/llm_siliconflow_THUDM_glm-4-9b-chat?stream=1';
const LOGO = 'https://cdn.example.dev/img/logo_qwen2.5.png';
const NOTEBOOK = 'https://github.com/acme/demos/blob/main/rag_crag_mistral-7b.ipynb';
const PLAIN = 'https://api.chat.example.dev/api/chat_completions';
"""


def test_a_route_named_for_its_model(tmp_path: Path) -> None:
    got = found(tmp_path, "docs/demos/chat.tsx", _ROUTES)
    assert got == {(1, "glm-4.5-flash"), (2, "glm-4-9b-chat")}


_FRAGMENTS = """const modelsWithLongWindow = ['opus', 'gemini-1.5', 'gpt-4o', '3-5-sonnet']

export function hasLongWindow(model: string): boolean {
    return modelsWithLongWindow.some(part => model.toLowerCase().includes(part))
}
"""


def test_a_substring_list_declared_above_its_test(tmp_path: Path) -> None:
    assert found(tmp_path, "src/models/window.ts", _FRAGMENTS) == {(1, "gpt-4o")}


def test_a_version_and_tier_fragment_is_no_model(tmp_path: Path) -> None:
    text = ("import { mixin } from './mixin'\n\n"
            "it('adds the hedging note', () => {\n"
            "    const got = mixin({ text: 'hi', modelID: '3.5-sonnet' })\n"
            "    const other = mixin({ text: 'hi', modelID: 'claude-3-5-sonnet-20241022' })\n"
            "})\n")
    assert found(tmp_path, "src/prompt/mixin.test.ts", text) == {(5, "claude-3-5-sonnet-20241022")}


def test_a_quantised_build_after_at_and_an_expected_model(tmp_path: Path) -> None:
    text = ("export const LOCAL = [\n"
            "    { id: 'groq/deepseek-r1-distill-qwen-14b@4bit', title: 'R1 distill' },\n"
            "]\n"
            "it('strips the prefix', () => {\n"
            "    const config = completionsConfig(LOCAL[0].id)\n"
            "    expect(config?.model).toBe('deepseek-r1-distill-qwen-14b@4bit')\n"
            "    expect(config.title).toBe('starling-7b-beta')\n"
            "    expect(config.model).not.toBe('acme-chat-9b')\n"
            "})\n")
    assert found(tmp_path, "src/models/local.test.ts", text) == {
        (2, "groq/deepseek-r1-distill-qwen-14b@4bit"), (6, "deepseek-r1-distill-qwen-14b@4bit")}


_DOC_PAGE = """export const PAGES = {
  'request/EXAMPLES.md': `# Examples

\\`\\`\\`typescript
const request = XRequest('https://api.example.com/chat', {
  params: {
    model: 'gpt-3.5-turbo',
    max_tokens: 1000,
  },
});
\\`\\`\\`

Set \\`model: 'your-model'\\` to the model you serve.
model: 'deepseek-chat'
`,
  'request/NOTES.md': `A page with no code block.
model: 'deepseek-chat'
`,
}
"""


def test_a_code_example_in_a_documentation_literal(tmp_path: Path) -> None:
    # the object line inside the fenced block is read; a line outside any fenced block is not, nor a literal
    # without a code fence
    got = found(tmp_path, "docs/skill/pages.ts", _DOC_PAGE)
    assert (7, "gpt-3.5-turbo") in got
    assert (14, "deepseek-chat") not in got
    assert (17, "deepseek-chat") not in got


def test_hostile_fences_are_bounded(tmp_path: Path) -> None:
    # thousands of unclosed fences and long runs of blanks and key words in one literal: read within bounds, and the
    # lines outside any fence name nothing
    body = ("\\`\\`\\`ts\n" + " " * 30 + "model" * 30 + ": " + " " * 50 + "\n") * 3000
    text = "export const PAGE = `" + body + "model: 'gpt-4o-mini'\n`\n"
    got = found(tmp_path, "docs/hostile.ts", text)
    assert got <= {(6002, "gpt-4o-mini")}
