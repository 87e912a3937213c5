"""JS/TS recall (issue 10): provider factories called in place, WebLLM, schema defaults, roles from key names,
and constants exported by one module and passed to a model API by another (export clauses, CommonJS,
namespace imports, ids only the use vouches for)."""

from __future__ import annotations

from pathlib import Path

import modelmap
from modelmap.discover.base import SourceFile
from modelmap.discover.javascript import JavascriptSource
from modelmap.discover.links import PENDING, link_uses
from modelmap.types import Finding, SymbolUse

SOURCE = JavascriptSource()


def findings(path: str, text: str) -> list[Finding]:
    return sorted((i for i in SOURCE.scan(SourceFile(path, text)) if isinstance(i, Finding) and i.kind != "endpoint"),
                  key=lambda f: (f.line, f.column))


def write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")


def scan(root: Path) -> list[Finding]:
    return [f for f in modelmap.scan(str(root), resolve=False).findings if f.kind != "endpoint"]


def test_provider_factory_called_in_place_is_an_ai_sdk_model() -> None:
    text = (
        "import { createDeepSeek } from '@ai-sdk/deepseek'\n"
        "import { createOpenAI } from '@ai-sdk/openai'\n"
        "import { streamText } from 'ai'\n"
        "export const a = streamText({ model: createDeepSeek({ apiKey: process.env.KEY })('deepseek-reasoner') })\n"
        "export const b = streamText({ model: createOpenAI({ baseURL: 'https://api.moonshot.cn/v1' })('kimi-k2-0711-preview') })\n"
    )
    got = [(f.raw, f.source, f.api, f.provider) for f in findings("app/api/chat/route.ts", text)]
    assert got == [
        ("deepseek-reasoner", "js-ai-sdk", "ai-sdk", "deepseek-api"),
        ("kimi-k2-0711-preview", "js-ai-sdk", "ai-sdk", "moonshot-cn"),
    ]


def test_webllm_engine_model_ids() -> None:
    text = (
        "import * as webllm from '@mlc-ai/web-llm'\n"
        "const engine = await webllm.CreateMLCEngine('Llama-3.1-8B-Instruct-q4f32_1-MLC', { initProgressCallback })\n"
        "await engine.reload('Qwen2.5-1.5B-Instruct-q4f16_1-MLC')\n"
    )
    got = [(f.raw, f.source, f.role) for f in findings("src/worker.ts", text)]
    assert got == [
        ("Llama-3.1-8B-Instruct-q4f32_1-MLC", "js-webllm", "generation"),
        ("Qwen2.5-1.5B-Instruct-q4f16_1-MLC", "js-webllm", "generation"),
    ]


def test_schema_defaults_and_choices_under_a_model_key() -> None:
    text = (
        "import { z } from 'zod'\n"
        "export const settings = z.object({\n"
        "  model: z.enum(['gpt-4.1', 'o4-mini']).default('o4-mini'),\n"
        "  rerankModel: z.string().default('jina-reranker-v2-base-multilingual'),\n"
        "  temperature: z.number().default(0.2),\n"
        "})\n"
    )
    got = [(f.raw, f.line, f.source) for f in findings("src/settings.ts", text)]
    assert ("gpt-4.1", 3, "js-model-key") in got
    assert ("o4-mini", 3, "js-model-key") in got
    assert ("jina-reranker-v2-base-multilingual", 4, "js-model-key") in got


def test_role_comes_from_the_key_when_nothing_stronger_says() -> None:
    text = (
        "export const DASHSCOPE = {\n"
        "  asrModel: 'paraformer-realtime-v2',\n"
        "  ttsModel: 'cosyvoice-v1',\n"
        "  rerankModel: 'gte-rerank',\n"
        "}\n"
    )
    roles = {f.raw: f.role for f in findings("src/config/dashscope.ts", text)}
    assert roles == {"paraformer-realtime-v2": "speech", "cosyvoice-v1": "speech", "gte-rerank": "rerank"}


def test_export_clause_commonjs_and_namespace_imports_link_across_files(tmp_path: Path) -> None:
    write(tmp_path, {
        "src/lib/constants.ts": (
            "const CHAT_MODEL = 'qwen-plus'\n"
            "const SUMMARY = 'glm-4-flash'\n"
            "export { CHAT_MODEL, SUMMARY as SUMMARY_MODEL }\n"
            "export const VISION_MODEL = 'qwen-vl-max'\n"
        ),
        "src/lib/cjs.js": "module.exports = { REWRITE_MODEL: 'deepseek-chat' }\nexports.EMBED_MODEL = 'text-embedding-v3'\n",
        "src/app/use.ts": (
            "import OpenAI from 'openai'\n"
            "import * as C from '../lib/constants'\n"
            "import { CHAT_MODEL, SUMMARY_MODEL } from '../lib/constants'\n"
            "const { REWRITE_MODEL, EMBED_MODEL } = require('../lib/cjs')\n"
            "const client = new OpenAI({ baseURL: 'https://dashscope.aliyuncs.com/compatible-mode/v1' })\n"
            "export async function run() {\n"
            "  await client.chat.completions.create({ model: CHAT_MODEL, messages: [] })\n"
            "  await client.chat.completions.create({ model: SUMMARY_MODEL, messages: [] })\n"
            "  await client.chat.completions.create({ model: C.VISION_MODEL, messages: [] })\n"
            "  await client.chat.completions.create({ model: REWRITE_MODEL, messages: [] })\n"
            "  await client.embeddings.create({ model: EMBED_MODEL, input: 'x' })\n"
            "}\n"
        ),
    })
    used = {(f.raw, f.line): f for f in scan(tmp_path) if f.path == "src/app/use.ts"}
    assert set(used) == {("qwen-plus", 7), ("glm-4-flash", 8), ("qwen-vl-max", 9), ("deepseek-chat", 10),
                         ("text-embedding-v3", 11)}
    assert used[("glm-4-flash", 8)].definition is not None
    assert used[("glm-4-flash", 8)].definition.path == "src/lib/constants.ts"
    assert "binding:SUMMARY_MODEL" in (used[("glm-4-flash", 8)].evidence or ())
    assert used[("deepseek-chat", 10)].definition is not None
    assert used[("deepseek-chat", 10)].definition.path == "src/lib/cjs.js"
    assert used[("text-embedding-v3", 11)].role == "embedding"


def test_an_unknown_id_is_reported_only_where_another_module_calls_a_model_with_it(tmp_path: Path) -> None:
    write(tmp_path, {
        # (the file needs a keyword such as "llm" to pass the byte prefilter: a module of unknown ids alone is not read)
        "src/lib/config.ts": (
            "// LLM settings of the support bot\n"
            "export const SUPPORT_BOT = 'acme-support-v2'\n"
            "export const LOCALE = 'en-US'\n"
            "export const THEME = 'dark-v2'\n"
        ),
        "src/app/bot.ts": (
            "import OpenAI from 'openai'\n"
            "import { SUPPORT_BOT, THEME } from '../lib/config'\n"
            "const client = new OpenAI({ baseURL: 'https://llm.internal.acme.dev/v1' })\n"
            "export const reply = () => client.chat.completions.create({ model: SUPPORT_BOT, messages: [] })\n"
            "export const theme = THEME\n"
        ),
    })
    found = scan(tmp_path)
    assert [(f.path, f.line, f.raw) for f in found] == [("src/app/bot.ts", 4, "acme-support-v2")]
    (only,) = found
    assert only.api == "openai"
    assert "use-only" in (only.evidence or ())
    assert only.definition is not None and (only.definition.path, only.definition.line) == ("src/lib/config.ts", 2)


def test_pending_definitions_never_leave_the_scan_on_their_own(tmp_path: Path) -> None:
    write(tmp_path, {"src/lib/config.ts": "export const SUPPORT_BOT = 'acme-support-v2'\n// model\n"})
    assert scan(tmp_path) == []
    # the source itself keeps it for the linker, marked as pending
    pending = findings("src/lib/config.ts", "export const SUPPORT_BOT = 'acme-support-v2'\n")
    assert [(f.raw, PENDING in (f.evidence or ())) for f in pending] == [("acme-support-v2", True)]
    assert link_uses(pending, []) == []
    use = SymbolUse(path="src/other.ts", line=3, column=10, module="js:src/unrelated", name="SUPPORT_BOT",
                    source="js-openai", api="openai")
    assert link_uses(pending, [use]) == []


def test_model_tables_nested_in_provider_tables() -> None:
    text = (
        "export const PROVIDERS = {\n"
        "  openai: { models: ['gpt-4o', 'acme-gpt-router'], defaultModel: 'gpt-4o-mini' },\n"
        "  zhipu: { chatModels: [{ id: 'acme-roleplay-4', contextLength: 8192, owner: 'zhipu-ai' }] },\n"
        "  voyage: { embeddingModels: ['voyage-3-large'], docs: 'voyage-docs-v2' },\n"
        "}\n"
    )
    got = {f.raw: f for f in findings("src/config/providers.ts", text)}
    assert set(got) == {"gpt-4o", "acme-gpt-router", "gpt-4o-mini", "acme-roleplay-4", "voyage-3-large"}
    assert "binding-only" in (got["acme-roleplay-4"].evidence or ())
    assert got["voyage-3-large"].role == "embedding"


def test_switch_and_comparison_on_a_model_named_value() -> None:
    text = (
        "export function contextOf(model: string) {\n"
        "  switch (model) {\n"
        "    case 'ernie-speed-128k': return 128000\n"
        "    case 'acme-summarizer-v3': return 32000\n"
        "    case 'claude': return 200000\n"
        "  }\n"
        "  return 4096\n"
        "}\n"
        "export const isReasoning = (cfg: { modelId: string }) => cfg.modelId === 'kimi-thinking-preview'\n"
        "export function theme(provider: string, modelType: string) {\n"
        "  switch (provider) { case 'acme-router-v2': return 1 }\n"
        "  return modelType === 'chat-lite-v2' ? 1 : 0\n"
        "}\n"
    )
    got = [(f.raw, f.line) for f in findings("src/lib/limits.ts", text)]
    # family words ('claude') and values compared with names that do not say "model" are left out
    assert got == [("ernie-speed-128k", 3), ("acme-summarizer-v3", 4), ("kimi-thinking-preview", 9)]


def test_env_example_files_read_by_js_apps_are_config(tmp_path: Path) -> None:
    write(tmp_path, {
        "env.example": "OPENAI_MODEL=gpt-4o-mini\nNEXT_PUBLIC_EMBEDDING_MODEL=acme-embed-v2\n",
        ".env.local.example": "VITE_DEFAULT_MODEL=qwen-plus\n",
        "src/env.ts": "export const model = process.env.OPENAI_MODEL ?? 'gpt-4o'\n",
    })
    got = {(f.path, f.raw): f.context for f in scan(tmp_path)}
    assert got == {
        ("env.example", "gpt-4o-mini"): "config",
        ("env.example", "acme-embed-v2"): "config",
        (".env.local.example", "qwen-plus"): "config",
        ("src/env.ts", "gpt-4o"): "app",
    }


def test_tables_built_with_map_freeze_and_from_entries() -> None:
    text = (
        "export const MODEL_CONTEXT_WINDOWS = new Map<string, number>([\n"
        "  ['acme-chat-v2', 8192],\n"
        "  ['qwen-long', 1000000],\n"
        "])\n"
        "export const EMBEDDING_MODELS = Object.freeze(['acme-embed-v3', 'text-embedding-v3'])\n"
        "export const PRICES = new Map([['acme-chat-v2', 0.1]])\n"
    )
    got = sorted((f.raw, f.line) for f in findings("src/lib/limits.ts", text))
    # PRICES says nothing about models: only the knowledge base could vouch there, and it does not know the id
    assert got == [("acme-chat-v2", 2), ("acme-embed-v3", 5), ("qwen-long", 3), ("text-embedding-v3", 5)]


def test_default_of_a_model_named_environment_variable_inside_a_template() -> None:
    text = (
        "const BASE = 'https://generativelanguage.googleapis.com/v1beta'\n"
        "export const url = `${BASE}/models/${process.env.GEMINI_MODEL ?? 'acme-gemini-tuned-v2'}:generateContent`\n"
        "export const region = `${process.env.AWS_REGION || 'us-east-1'}`\n"
        "export const vite = import.meta.env.VITE_CHAT_MODEL || 'acme-chat-v3'\n"
    )
    got = [(f.raw, f.line) for f in findings("src/lib/gemini.ts", text)]
    assert got == [("acme-gemini-tuned-v2", 2), ("acme-chat-v3", 4)]


def test_initial_state_of_a_model_named_ui_variable() -> None:
    preact = (
        "import { signal } from '@preact/signals'\n"
        "export const chatModel = signal('acme-chat-v3')\n"
        "export const theme = signal('dark-v2')\n"
    )
    assert [(f.raw, f.line) for f in findings("src/state.ts", preact)] == [("acme-chat-v3", 2)]
    vue = (
        "<template><div /></template>\n"
        "<script setup lang=\"ts\">\n"
        "import { ref } from 'vue'\n"
        "const embeddingModel = ref('acme-embed-v2')\n"
        "const locale = ref('zh-cn')\n"
        "</script>\n"
    )
    assert [(f.raw, f.line) for f in findings("components/Settings.vue", vue)] == [("acme-embed-v2", 4)]
    svelte = "<script lang=\"ts\">\n  let rerankModel = $state('acme-rerank-v1');\n</script>\n"
    assert [(f.raw, f.line) for f in findings("src/routes/+page.svelte", svelte)] == [("acme-rerank-v1", 2)]
