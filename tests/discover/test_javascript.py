"""JavaScript / TypeScript source (issue 2): SDK calls, same-file flow, registries, endpoints."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from modelmap.discover.base import SourceFile
from modelmap.discover.javascript import JavascriptSource
from modelmap.types import Finding, Skip

REPO = Path(__file__).resolve().parents[1] / "fixtures" / "repos" / "js-chat-app"
SOURCE = JavascriptSource()


def scan_text(path: str, text: str) -> list[Finding | Skip]:
    return list(SOURCE.scan(SourceFile(path, text)))


def scan_fixture(rel: str) -> list[Finding]:
    items = scan_text(rel, (REPO / rel).read_text(encoding="utf-8"))
    assert all(isinstance(i, Finding) for i in items), items
    return sorted((i for i in items if isinstance(i, Finding)), key=lambda f: (f.line, f.column))


def rows(findings: list[Finding]) -> list[tuple[object, ...]]:
    """(raw, line, column, kind, role, source, provider, endpoint) per finding."""
    return [(f.raw, f.line, f.column, f.kind, f.role, f.source, f.provider, f.endpoint) for f in findings]


def raws(items: list[Finding | Skip]) -> list[str]:
    return [i.raw for i in items if isinstance(i, Finding) and i.kind != "endpoint"]


# -- fixtures: a realistic Next.js chat app ------------------------------------------------------------


def test_ai_sdk_route_with_create_openai_pointing_at_deepseek() -> None:
    deepseek = "https://api.deepseek.com/v1"
    assert rows(scan_fixture("app/api/chat/route.ts")) == [
        ("https://api.deepseek.com/v1", 9, 45, "endpoint", "unknown", "js-endpoint", "deepseek-api", deepseek),
        ("deepseek-coder", 16, 28, "api-model", "generation", "js-ai-sdk", "deepseek-api", deepseek),
        ("claude-3-5-sonnet-latest", 16, 58, "api-model", "generation", "js-ai-sdk", "anthropic-api", None),
        ("openai/text-embedding-3-small", 23, 46, "provider-prefixed", "embedding", "js-ai-sdk", "openai-api", None),
        ("xai/grok-3", 24, 35, "provider-prefixed", "generation", "js-ai-sdk", "xai-api", None),
    ]


def test_ai_sdk_custom_provider_gateway_and_embedding() -> None:
    found = scan_fixture("lib/ai/providers.ts")
    assert rows(found) == [
        ("gpt-4o", 6, 26, "api-model", "generation", "js-ai-sdk", "openai-api", None),
        ("google/gemini-2.5-flash-lite", 7, 28, "provider-prefixed", "generation", "js-ai-sdk", "google-ai-studio",
         None),
        ("text-embedding-3-small", 10, 37, "api-model", "embedding", "js-ai-sdk", "openai-api", None),
    ]
    # "chat-model" / "title-model" are the app's own aliases, not models
    assert {f.api for f in found} == {"ai-sdk"}


def test_langchain_rag_file() -> None:
    dashscope = "https://dashscope.aliyuncs.com/compatible-mode/v1"
    assert rows(scan_fixture("lib/rag.ts")) == [
        ("text-embedding-3-large", 6, 56, "api-model", "embedding", "js-langchain", "openai-api", None),
        ("qwen-plus", 11, 14, "api-model", "generation", "js-langchain", "dashscope-cn", dashscope),
        ("https://dashscope.aliyuncs.com/compatible-mode/v1", 13, 29, "endpoint", "unknown", "js-endpoint",
         "dashscope-cn", dashscope),
        ("llama3.1:8b", 16, 46, "ollama-tag", "generation", "js-langchain", "ollama", "http://localhost:11434"),
        ("http://localhost:11434", 16, 70, "endpoint", "unknown", "js-endpoint", "ollama", "http://localhost:11434"),
        ("anthropic:claude-3-7-sonnet-latest", 19, 24, "provider-prefixed", "generation", "js-langchain",
         "anthropic-api", None),
    ]


def test_transformers_js_worker_role_from_task() -> None:
    found = scan_fixture("workers/embed.worker.js")
    assert rows(found) == [
        ("Xenova/all-MiniLM-L6-v2", 8, 54, "hf-repo", "embedding", "js-transformers", None, None),
        ("Xenova/bert-base-uncased", 9, 57, "hf-repo", "unknown", "js-transformers", None, None),
    ]
    assert found[0].api == "transformers.js"


def test_ollama_js_script_default_param_and_host() -> None:
    gpu = "http://gpu-box:11434"
    found = scan_fixture("scripts/pull-models.mjs")
    assert rows(found) == [
        ("http://gpu-box:11434", 4, 32, "endpoint", "unknown", "js-endpoint", "ollama", gpu),
        ("qwen2.5:7b", 6, 29, "ollama-tag", "generation", "js-ollama", "ollama", None),  # the KB's role
        ("llama3.2", 8, 44, "ollama-tag", "generation", "js-ollama", "ollama", None),
        ("nomic-embed-text", 9, 44, "ollama-tag", "embedding", "js-ollama", "ollama", gpu),
    ]
    assert found[1].symbol == "main"


def test_provider_sdks_openai_anthropic_google_hf() -> None:
    groq = "https://api.groq.com/openai/v1"
    found = scan_fixture("lib/providers.ts")
    assert rows(found) == [
        ("https://api.groq.com/openai/v1", 7, 36, "endpoint", "unknown", "js-endpoint", "groq", groq),
        ("llama-3.3-70b-versatile", 13, 52, "api-model", "generation", "js-openai", "groq", groq),
        ("claude-3-5-sonnet-20241022", 18, 45, "api-model", "generation", "js-anthropic", "anthropic-api", None),
        ("gemini-1.5-pro", 22, 52, "api-model", "unknown", "js-google", "google-ai-studio", None),
        ("gemini-2.0-flash", 23, 56, "api-model", "generation", "js-google", "google-ai-studio", None),
        ("mistralai/Mistral-7B-Instruct-v0.3", 28, 37, "hf-repo", "generation", "js-hf-inference", None, None),
        ("whisper-large-v3", 32, 58, "api-model", "speech", "js-openai", "groq", groq),
    ]
    assert [f.symbol for f in found[1:3]] == ["fast", "careful"]


def test_tsx_dropdown_registry_and_false_positives() -> None:
    found = scan_fixture("components/model-picker.tsx")
    assert rows(found) == [
        ("gpt-4o", 6, 24, "api-model", "unknown", "js-model-key", "openai-api", None),
        ("gpt-4o-mini", 6, 34, "api-model", "unknown", "js-model-key", "openai-api", None),
        # the knowledge base's role for the model (issue 13: API reached, then the KB, then the key name)
        ("claude-3-5-haiku-latest", 6, 49, "api-model", "generation", "js-model-key", "anthropic-api", None),
        ("dall-e-3", 9, 12, "api-model", "image", "js-model-key", "openai-api", None),
        ("gpt-4o", 16, 46, "api-model", "unknown", "js-literal", "openai-api", None),
        ("o3-mini", 24, 23, "api-model", "unknown", "js-literal", "openai-api", None),
    ]
    # not models: the JSX comment, JSX text, the GitHub slug, the MIME type, the image path, the npm package


def test_vue_script_block_keeps_positions() -> None:
    found = scan_fixture("components/settings.vue")
    assert rows(found) == [("gpt-4.1-mini", 8, 61, "api-model", "generation", "js-openai", "openai-api", None)]


# -- value flow and shapes -----------------------------------------------------------------------------


def test_env_defaults_and_object_properties() -> None:
    text = (
        'const cfg = { chat: process.env.CHAT_MODEL || "gpt-4.1", emb: "text-embedding-3-small" };\n'
        'const MODEL = import.meta.env.VITE_MODEL ?? `claude-3-5-haiku-latest`;\n'
        "await client.chat.completions.create({ model: cfg.chat });\n"
        'await client.embeddings.create({ model: cfg["emb"] });\n'
        "await anthropic.messages.create({ model: MODEL });\n"
    )
    got = {(f.raw, f.line, f.source, f.role) for f in scan_text("a.ts", text) if isinstance(f, Finding)}
    assert got == {
        ("gpt-4.1", 1, "js-openai", "generation"),
        ("text-embedding-3-small", 1, "js-openai", "embedding"),
        ("claude-3-5-haiku-latest", 2, "js-anthropic", "generation"),
    }


def test_template_literal_with_substitution_is_skipped() -> None:
    text = 'const v = "4o";\nawait openai.chat.completions.create({ model: `gpt-${v}` });\n'
    assert raws(scan_text("a.js", text)) == []


def test_columns_count_characters_not_bytes() -> None:
    text = 'const greeting = "héllo wörld"; const model = "gpt-4o";\n'
    (finding,) = [f for f in scan_text("a.js", text) if isinstance(f, Finding)]
    assert (finding.line, finding.column) == (1, 47)


def test_typed_registries_union_enum_and_record_keys() -> None:
    text = (
        'export type OpenAILLMID = "gpt-4o" | "gpt-4-turbo-preview";\n'
        'export const LLM_LIST = { GPT4o: "gpt-4o", Sonar: "pplx-7b-online" };\n'
        'export enum Models { Fast = "llama3-8b-8192", Version = "v1.1" }\n'
        'const LIMITS: Record<LLMID, Limits> = { "claude-2.1": { max: 4096 } };\n'
        'type VersionKey = "v1.1" | "v1.0";\n'
        'const modelTabs = ["chat", "vision", "/icons/icon_qwen.png"];\n'
    )
    got = [(f.raw, f.line) for f in scan_text("llms.ts", text) if isinstance(f, Finding)]
    assert sorted(got, key=lambda x: x[1]) == [
        ("gpt-4o", 1), ("gpt-4-turbo-preview", 1), ("gpt-4o", 2), ("pplx-7b-online", 2), ("llama3-8b-8192", 3),
        ("claude-2.1", 4),
    ]


def test_model_record_objects_in_typed_constants() -> None:
    text = (
        "const GPT4o: LLM = {\n"
        '  modelId: "gpt-4o",\n'
        '  provider: "openai",\n'
        '  hostedId: "gpt-4o",\n'
        '  pricing: { currency: "USD", unit: "1M tokens" },\n'
        "};\n"
    )
    assert [(f.raw, f.line) for f in scan_text("list.ts", text) if isinstance(f, Finding)] == [
        ("gpt-4o", 2), ("gpt-4o", 4),
    ]


def test_local_web_servers_are_not_endpoints_unless_a_client_uses_them() -> None:
    text = (
        'await page.goto("http://localhost:3000/login");\n'
        'const vllm = new OpenAI({ baseURL: "http://localhost:8000/v1" });\n'
        'await vllm.chat.completions.create({ model: "Qwen/Qwen2.5-7B-Instruct" });\n'
    )
    got = [(f.raw, f.kind, f.endpoint) for f in scan_text("a.ts", text) if isinstance(f, Finding)]
    assert got == [
        ("http://localhost:8000/v1", "endpoint", "http://localhost:8000/v1"),
        ("Qwen/Qwen2.5-7B-Instruct", "hf-repo", "http://localhost:8000/v1"),
    ]


def test_imports_requires_and_comments_are_not_models() -> None:
    text = (
        'import { openai } from "@ai-sdk/openai";\nconst g = require("gpt-3-encoder");\n'
        'export * from "./gpt-4o";\n// model: "gpt-4o"\n/* claude-3-opus-20240229 */\n'
    )
    assert raws(scan_text("a.js", text)) == []


@pytest.mark.parametrize("path", ["a.js", "a.mjs", "a.cjs", "a.jsx", "a.ts", "a.mts", "a.cts", "a.tsx", "a.vue",
                                  "a.svelte"])
def test_applies_to_js_family(path: str) -> None:
    assert SOURCE.applies_to(path)
    assert not SOURCE.applies_to(path + ".map")


def test_samples() -> None:
    for sample in SOURCE.samples:
        found = raws(list(SOURCE.scan(SourceFile(sample.path, sample.text))))
        if sample.expect:
            assert set(sample.expect) <= set(found), (sample.path, found)
        else:
            assert found == [], (sample.path, found)


# -- bad input -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [")))}}}((( ]] [[", "\x00\x01\x02", "[" * 100_000, "<<<>>>>"])
def test_unparseable_text_is_a_parse_error_skip(text: str) -> None:
    (item,) = scan_text("broken.js", text)
    assert isinstance(item, Skip) and item.reason == "parse-error"


def test_deep_nesting_does_not_raise() -> None:
    text = "const model = " + "(" * 20_000 + '"gpt-4o"' + ")" * 20_000 + ";\n"
    items = scan_text("deep.js", text)
    assert all(isinstance(i, (Finding, Skip)) for i in items)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_never_raises(text: str) -> None:
    for path in ("x.js", "x.tsx", "x.vue"):
        for item in scan_text(path, text):
            assert isinstance(item, (Finding, Skip))
