"""JS/TS precision (issue 10): UI text, web routes, icon names and UI lookup tables are not model uses.

Each snippet is written the way front-end code writes these things; each test also checks that the model
id next to the UI text is still found, so a rule that drops everything would fail.
"""

from __future__ import annotations

from pathlib import Path

import modelmap
from modelmap.discover.base import SourceFile
from modelmap.discover.identify import classify
from modelmap.discover.javascript import JavascriptSource
from modelmap.types import Finding

SOURCE = JavascriptSource()


def findings(path: str, text: str) -> list[Finding]:
    return [i for i in SOURCE.scan(SourceFile(path, text)) if isinstance(i, Finding) and i.kind != "endpoint"]


def raws(path: str, text: str) -> list[tuple[str, int]]:
    return sorted((f.raw, f.line) for f in findings(path, text))


def test_display_name_beside_the_model_id_is_not_a_model() -> None:
    text = (
        'import { LLM } from "@/types"\n'
        "const GPT4o: LLM = {\n"
        '  modelId: "gpt-4o",\n'
        '  modelName: "GPT-4o",\n'
        '  provider: "openai",\n'
        '  hostedId: "gpt-4o",\n'
        "  imageInput: true,\n"
        "}\n"
        "const OPTIONS = [\n"
        "  { label: 'DeepSeek-V3', value: 'deepseek-chat' },\n"
        "  { label: 'Qwen-Max', value: 'qwen-max' },\n"
        "]\n"
    )
    assert raws("lib/models/openai-llm-list.ts", text) == [
        ("deepseek-chat", 10), ("gpt-4o", 3), ("gpt-4o", 6), ("qwen-max", 11),
    ]


def test_model_name_without_an_id_beside_it_is_still_the_model() -> None:
    # LangChain.js spells the API model "modelName"; there is no id next to it, so it is the model
    text = 'import { ChatOpenAI } from "@langchain/openai";\nconst llm = new ChatOpenAI({ modelName: "GPT-4o" });\n'
    assert raws("src/llm.ts", text) == [("GPT-4o", 2)]


def test_jsx_title_and_placeholder_are_ui_text() -> None:
    text = (
        "export function Picker() {\n"
        "  return (\n"
        '    <select title="GPT-4o" defaultValue="gpt-4o-mini">\n'
        '      <option value="gpt-4o" title="GPT-4o">GPT-4o</option>\n'
        '      <input placeholder="e.g. claude-3-5-sonnet-latest" />\n'
        "    </select>\n"
        "  )\n"
        "}\n"
    )
    assert raws("components/picker.tsx", text) == [("gpt-4o", 4), ("gpt-4o-mini", 3)]


def test_web_routes_are_not_model_directories() -> None:
    text = (
        "import { useRouter } from 'next/navigation'\n"
        "export const routes = [\n"
        "  { path: '/models/gpt-4o', name: 'model-gpt-4o' },\n"
        "  { path: '/models/qwen2-7b-instruct', component: ModelPage },\n"
        "]\n"
        "export function Go() {\n"
        "  const router = useRouter()\n"
        "  router.push('/chat/llama-3-8b')\n"
        "  fetch('/api/models/qwen2-7b-instruct')\n"
        "  return <a href=\"/models/deepseek-r1-7b\">x</a>\n"
        "}\n"
        "const local = { modelPath: '/data/models/qwen2-7b-instruct' }\n"
    )
    # only the folder under a model key is a model; every route is left out
    assert raws("src/router.tsx", text) == [("/data/models/qwen2-7b-instruct", 12)]


def test_iconify_icon_names_are_not_ollama_tags() -> None:
    text = (
        "export function iconOf(type: string) {\n"
        "  switch (type) {\n"
        "    case 'openaiimage':\n"
        "      return 'solar:pallete-2-linear'\n"
        "    case 'chat':\n"
        "      return 'solar:chat-round-line-linear'\n"
        "  }\n"
        "  return 'llama3.1:8b-instruct-q4_K_M'\n"
        "}\n"
    )
    assert raws("src/utils/workflow-util.ts", text) == [("llama3.1:8b-instruct-q4_K_M", 8)]


def test_bare_ollama_tags_keep_their_usual_shapes() -> None:
    for tag in ("mixtral:8x7b", "solar:10.7b", "codellama:python", "nomic-embed-text:v1.5", "gemma3:e4b",
                "phi3:3.8b-mini-4k-instruct-q4_0", "llava:7b-v1.6-mistral-q4_0"):
        match = classify(tag, "none")
        assert match is not None and match.kind == "ollama-tag", tag
    for icon in ("solar:pallete-2-linear", "solar:chat-round-line-linear"):
        assert classify(icon, "none") is None
        # an Ollama API still takes whatever tag it is given
        assert classify(icon, "ollama") is not None


def test_ui_lookup_tables_are_catalog_entries(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "icons.ts").write_text(
        "import OpenAIIcon from './openai.svg'\nimport ClaudeIcon from './claude.svg'\n"
        "export const MODEL_ICONS: Record<string, string> = {\n"
        "  'gpt-4o': OpenAIIcon,\n"
        "  'claude-3-opus-20240229': ClaudeIcon,\n"
        "}\n"
        "export const modelColors = { 'deepseek-chat': 'bg-sky-600', llama: 'bg-violet-500' }\n"
        "export const DEFAULT_MODEL = 'gpt-4o-mini'\n",
        encoding="utf-8",
    )
    result = modelmap.scan(str(tmp_path), resolve=False)
    by_raw = {f.raw: f for f in result.findings if f.kind != "endpoint"}
    assert set(by_raw) == {"gpt-4o", "claude-3-opus-20240229", "deepseek-chat", "gpt-4o-mini"}
    for raw, table in (("gpt-4o", "MODEL_ICONS"), ("claude-3-opus-20240229", "MODEL_ICONS"),
                       ("deepseek-chat", "modelColors")):
        assert by_raw[raw].context == "catalog"
        assert f"ui-lookup:{table}" in (by_raw[raw].evidence or ())
    assert by_raw["gpt-4o-mini"].context == "app"


def test_ui_table_in_a_test_file_stays_a_test() -> None:
    text = "export const MODEL_ICONS = { 'gpt-4o': 'openai.svg' }\n"
    found = SOURCE.scan(SourceFile("src/__tests__/icons.test.ts", text, "test"))
    assert [(f.raw, f.context) for f in found if isinstance(f, Finding)] == [("gpt-4o", "test")]


def test_storage_keys_messages_and_markup_are_not_models() -> None:
    text = (
        "import { useTranslation } from 'react-i18next'\n"
        "export function Card({ model }: { model: string }) {\n"
        "  const { t } = useTranslation()\n"
        "  const saved = localStorage.getItem('gpt-4o-settings')\n"
        "  localStorage.setItem('claude-3-opus-20240229', 'deepseek-chat')\n"
        "  const cacheKey = `gpt-4o-cache`\n"
        "  return (\n"
        "    <div className=\"llama-3-card\" id=\"gpt-4o\" style={{ fontFamily: 'qwen2.5' }}>\n"
        "      {t('deepseek-reasoner')}\n"
        "      <ModelBadge model=\"gpt-4o-mini\" />\n"
        "    </div>\n"
        "  )\n"
        "}\n"
    )
    # the value stored under a storage key and the model given to a component are kept
    assert raws("components/card.tsx", text) == [("deepseek-chat", 5), ("gpt-4o-mini", 10)]


def test_app_suffixes_end_no_model_id() -> None:
    for name in ("gpt-4o-settings", "deepseek-r1-history", "qwen-max-cache", "claude-3-opus-button", "gpt-4o-tokenizer",
                 "llama-3.1-worker"):
        assert classify(name, "none") is None, name
    for name in ("gpt-4o-mini", "gemini-1.5-pro-latest", "tts-1-hd", "text-embedding-3-large", "step-audio-tokenizer"):
        assert classify(name, "none") is not None, name


def test_asset_files_named_after_models_are_not_models() -> None:
    text = (
        "export const avatars = [\n"
        "  { id: 'gpt-4o', avatar: '/icons/gpt-4o.png' },\n"
        "  { id: 'qwen-max', avatar: 'qwen-max.svg', readme: 'docs/qwen-max.md' },\n"
        "]\n"
        "const notes = require('./claude-3-opus.json')\n"
    )
    assert raws("src/ui/avatars.ts", text) == [("gpt-4o", 2), ("qwen-max", 3)]
    for name in ("gpt-4o.png", "claude-3-opus.webp", "deepseek-r1.json"):
        assert classify(name, "key") is None, name
    # weight files keep their own kind
    found = classify("/models/qwen2-7b/model.safetensors", "none")
    assert found is not None and found.kind == "model-file"
