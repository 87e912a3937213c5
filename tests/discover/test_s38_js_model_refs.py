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
