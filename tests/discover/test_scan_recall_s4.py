"""Issue 10, session 4: recall on the classes the issue names (model-field defaults and migrations, JS tables of
embedding models, binding-only ids, Ruby symbol-key tables, family words in Ollama calls) without the false
positives it names (a server's own name in its responses, weight file names, DB field names, prefix checks)."""

from __future__ import annotations

from pathlib import Path

import modelmap
from modelmap.types import Finding


def _scan(tmp_path: Path, files: dict[str, str]) -> list[Finding]:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return [f for f in modelmap.scan(str(tmp_path), resolve=False).findings if f.kind != "endpoint"]


def _raws(tmp_path: Path, files: dict[str, str]) -> set[tuple[str, int, str]]:
    return {(f.path, f.line, f.raw) for f in _scan(tmp_path, files)}


def test_django_field_defaults_and_migrations(tmp_path: Path) -> None:
    models = (
        "from django.db import models\n"
        "\n"
        "class KnowledgeBase(models.Model):\n"
        "    title = models.CharField(max_length=100, default='acme-ai/handbook-v2')\n"
        "    embedding_model = models.CharField(max_length=200, default='acme-ai/gte-small-zh')\n"
        "    asr_id = models.CharField(max_length=64, default='')\n"
    )
    migration = (
        "from django.db import migrations, models\n"
        "\n"
        "class Migration(migrations.Migration):\n"
        "    operations = [\n"
        "        migrations.AddField(\n"
        "            model_name='knowledgebase',\n"
        "            name='rerank_model',\n"
        "            field=models.CharField(default='acme-ai/bge-reranker-zh', max_length=200),\n"
        "        ),\n"
        "        migrations.AlterField(\n"
        "            model_name='knowledgebase',\n"
        "            name='title',\n"
        "            field=models.CharField(default='acme-ai/handbook-v3', max_length=200),\n"
        "        ),\n"
        "    ]\n"
    )
    found = _raws(tmp_path, {"kb/models.py": models, "kb/migrations/0004_rerank.py": migration})
    assert found == {
        ("kb/models.py", 5, "acme-ai/gte-small-zh"),
        ("kb/migrations/0004_rerank.py", 8, "acme-ai/bge-reranker-zh"),
    }


def test_pydantic_and_sqlalchemy_field_defaults(tmp_path: Path) -> None:
    code = (
        "from pydantic import BaseModel, Field\n"
        "from sqlalchemy import Column, String\n"
        "\n"
        "class RagSettings(BaseModel):\n"
        "    rerank_model: str = Field(default='acme-rerank-v2', description='reranker')\n"
        "    collection: str = Field(default='acme-docs-v2')\n"
        "\n"
        "class Tenant(Base):\n"
        "    llm_model = Column(String(64), default='acme-chat-7b')\n"
    )
    found = _raws(tmp_path, {"app/config.py": code})
    assert found == {("app/config.py", 5, "acme-rerank-v2"), ("app/config.py", 9, "acme-chat-7b")}


def test_python_binding_only_but_not_in_a_response_body(tmp_path: Path) -> None:
    code = (
        "IMAGE = {'model': 'sd-turbo', 'steps': 1}\n"
        "DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3'}}\n"
        "embedding_model_dims = 768\n"
        "\n"
        "def list_models():\n"
        "    return {'object': 'list', 'data': [{'id': 'acme-rag', 'object': 'model', 'owned_by': 'acme-rag'}]}\n"
        "\n"
        "def chat(req):\n"
        "    return {'id': 'chatcmpl-1', 'object': 'chat.completion', 'model': 'acme-rag-server', 'choices': []}\n"
    )
    found = _scan(tmp_path, {"server/app.py": code})
    assert [(f.line, f.raw) for f in found] == [(1, "sd-turbo")]
    assert found[0].evidence is not None and "binding-only" in found[0].evidence


def test_family_word_in_an_ollama_call_is_the_library_tag(tmp_path: Path) -> None:
    code = (
        "import ollama\n"
        "\n"
        "reply = ollama.chat(model='qwen', messages=[{'role': 'user', 'content': 'hi'}])\n"
        "TEAM = 'qwen'\n"
        "vendor = {'name': 'qwen', 'country': 'CN'}\n"
    )
    found = _scan(tmp_path, {"bot.py": code})
    assert [(f.line, f.raw, f.kind) for f in found] == [(3, "qwen", "ollama-tag")]


def test_js_tables_of_embedding_and_speech_models(tmp_path: Path) -> None:
    code = (
        # an embedding vendor's ids that no knowledge base lists yet (names made up for this test)
        "export const EMBEDDING_MODEL = 'nimbus-embed-large-2';\n"
        "export const EMBEDDING_MODELS = [\n"
        "  { id: 'nimbus-embed-2', dimensions: 1024, provider: 'nimbus-ai', icon: 'nimbus-logo' },\n"
        "  { id: 'nimbus-code-2', dimensions: 1024, provider: 'nimbus-ai', icon: 'nimbus-logo' },\n"
        "];\n"
        "export const speechModels = { tiny: 'Xenova/whisper-tiny.en', base: 'Xenova/whisper-base' };\n"
        "export const MODEL_PROVIDERS = ['nimbus-ai', 'open-ai'];\n"
    )
    found = _scan(tmp_path, {"src/lib/models.ts": code})
    assert sorted((f.line, f.raw) for f in found) == [
        (1, "nimbus-embed-large-2"), (3, "nimbus-embed-2"), (4, "nimbus-code-2"),
        (6, "Xenova/whisper-base"), (6, "Xenova/whisper-tiny.en"),
    ]


def test_js_server_name_in_a_response_is_not_a_model(tmp_path: Path) -> None:
    code = (
        "export function reply(res) {\n"
        "  res.json({ id: 'chatcmpl-1', object: 'chat.completion', model: 'acme-rag-server', choices: [] });\n"
        "}\n"
        "export const request = { model: 'acme-chat-v2', messages: [] };\n"
    )
    found = _raws(tmp_path, {"server/routes.js": code})
    assert found == {("server/routes.js", 4, "acme-chat-v2")}


def test_ruby_symbol_keys_of_a_frozen_model_table(tmp_path: Path) -> None:
    code = (
        "module Acme\n"
        "  EMBEDDING_SIZES = {\n"
        "    llama2: 4_096,\n"
        "    \"dolphin-mixtral\": 4_096,\n"
        "    mistral: 4_096\n"
        "  }.freeze\n"
        "  DEFAULTS = { temperature: 0.0, options: {}, chat_model: \"gpt-4o\" }.freeze\n"
        "end\n"
    )
    found = _raws(tmp_path, {"lib/acme/llm.rb": code})
    assert found == {
        ("lib/acme/llm.rb", 3, "llama2"), ("lib/acme/llm.rb", 4, "dolphin-mixtral"),
        ("lib/acme/llm.rb", 5, "mistral"), ("lib/acme/llm.rb", 7, "gpt-4o"),
    }


def test_weight_files_and_prefix_checks_stay_out(tmp_path: Path) -> None:
    code = (
        "def test_shards(tmp_path):\n"
        "    for n in ['model-00001-of-00002.safetensors', 'model-00002-of-00002.safetensors']:\n"
        "        (tmp_path / n).write_bytes(b'')\n"
        "    model_file = 'model.safetensors'\n"
        "\n"
        "def pick(model_name):\n"
        "    if model_name.startswith('gemini-3'):\n"
        "        return 'vertex'\n"
    )
    assert _raws(tmp_path, {"tests/test_load.py": code}) == set()


def test_hub_uri_as_a_container_argument(tmp_path: Path) -> None:
    job = (
        "apiVersion: batch/v1\n"
        "kind: Job\n"
        "metadata:\n"
        "  name: fetch-adapter\n"
        "spec:\n"
        "  template:\n"
        "    spec:\n"
        "      containers:\n"
        "        - name: downloader\n"
        "          image: quay.io/example/storage-initializer:v1\n"
        "          args:\n"
        "            - \"hf://acme-lab/opt-350m-lora\"\n"
        "            - \"/mnt/adapters/opt-350m-lora\"\n"
    )
    found = _scan(tmp_path, {"deploy/fetch-adapter.yaml": job})
    assert [(f.line, f.raw, f.kind) for f in found] == [(12, "hf://acme-lab/opt-350m-lora", "hf-repo")]


def test_js_constant_exported_in_one_module_and_used_in_another(tmp_path: Path) -> None:
    constants = (
        "export const CHAT_DEFAULT = process.env.CHAT_MODEL ?? 'gpt-4o-mini';\n"
        "export const TITLE_MODEL = 'gpt-4.1-nano';\n"
    )
    chat = (
        "import OpenAI from 'openai';\n"
        "import { CHAT_DEFAULT } from '../config/constants';\n"
        "\n"
        "const client = new OpenAI();\n"
        "export async function ask(question: string) {\n"
        "  return client.chat.completions.create({ model: CHAT_DEFAULT, messages: [{ role: 'user', content: question }] });\n"
        "}\n"
    )
    found = _scan(tmp_path, {"src/config/constants.ts": constants, "src/api/chat.ts": chat})
    by_place = {(f.path, f.line, f.raw): f for f in found}
    # the use sits where the constant reaches the API, and points back at its definition
    use = by_place[("src/api/chat.ts", 6, "gpt-4o-mini")]
    assert use.api == "openai"
    assert use.definition is not None and (use.definition.path, use.definition.line) == ("src/config/constants.ts", 1)
    assert use.evidence is not None and "binding:CHAT_DEFAULT" in use.evidence
    assert ("src/config/constants.ts", 1, "gpt-4o-mini") not in by_place
    # an exported constant no scanned code passes to a model API stays where it is defined, marked so
    unused = by_place[("src/config/constants.ts", 2, "gpt-4.1-nano")]
    assert unused.evidence is not None and "binding-not-used" in unused.evidence


def test_js_required_constant_and_a_repacked_hub_name(tmp_path: Path) -> None:
    constants = "export const RERANK_DEFAULT = 'Xenova/ms-marco-MiniLM-L-6-v2';\n"
    worker = (
        "const { pipeline } = require('@xenova/transformers');\n"
        "const { RERANK_DEFAULT: RERANKER } = require('./constants');\n"
        "async function load() {\n"
        "  return pipeline('text-classification', RERANKER);\n"
        "}\n"
    )
    settings = (
        "# Ollama's copy of BAAI/bge-large-zh-v1.5, under a name that says nothing about models\n"
        "DEFAULT_EMBEDDING = 'quentinz/bge-large-zh-v1.5'\n"
        "DOCS_ROOT = 'handbook/v1.5-draft'\n"
    )
    found = _raws(tmp_path, {"worker/constants.js": constants, "worker/rerank.js": worker, "app/settings.py": settings})
    assert found == {
        ("worker/rerank.js", 4, "Xenova/ms-marco-MiniLM-L-6-v2"),
        ("app/settings.py", 2, "quentinz/bge-large-zh-v1.5"),
    }


def test_vendor_prefixed_ids_in_a_constants_table(tmp_path: Path) -> None:
    code = (
        "pub mod ids {\n"
        "    pub const GPT_4O: &str = \"relay-gpt-4o\";\n"
        "    pub const SONNET: &str = \"relay-claude-3-5-sonnet-20241022\";\n"
        "    pub const ICON: &str = \"icon-gpt-4\";\n"
        "    pub const STEP: &str = \"section-4\";\n"
        "}\n"
    )
    found = _raws(tmp_path, {"src/ids.rs": code})
    assert found == {("src/ids.rs", 2, "relay-gpt-4o"), ("src/ids.rs", 3, "relay-claude-3-5-sonnet-20241022")}


def test_backend_prefixed_known_ids(tmp_path: Path) -> None:
    kotlin = (
        "object EmbeddingIds {\n"
        "    const val SMALL = \"onnx:bge-small-zh-v1.5\"\n"
        "    const val CLOCK = \"12:30\"\n"
        "    const val IMAGE = \"registry:tag-1.2\"\n"
        "}\n"
    )
    yaml = "rag:\n  embedding-model: onnx:bge-small-zh-v1.5\n  cache-key: page:v2\n"
    found = _raws(tmp_path, {"src/EmbeddingIds.kt": kotlin, "config/application.yml": yaml})
    assert found == {("src/EmbeddingIds.kt", 2, "onnx:bge-small-zh-v1.5"),
                     ("config/application.yml", 2, "onnx:bge-small-zh-v1.5")}


def test_family_word_in_langchain_ollama_classes(tmp_path: Path) -> None:
    code = (
        "from langchain_ollama import ChatOllama\n"
        "from langchain_openai import ChatOpenAI\n"
        "\n"
        "local = ChatOllama(model='qwen', temperature=0)\n"
        "remote = ChatOpenAI(model='qwen', temperature=0)\n"
    )
    found = _scan(tmp_path, {"app/llm.py": code})
    assert [(f.line, f.raw, f.kind) for f in found] == [(4, "qwen", "ollama-tag")]
