"""scanexplore15a (issue 10): idioms found on fresh Python LLM services and their deployment configs (a RAG
backend's Kubernetes manifests, agent frameworks' provider tables, a Chinese RAG platform's LangChain wrappers).

* a settings file of another format kept as a literal block in YAML (a ConfigMap's or ExternalSecret template's
  ``app.toml: |`` / ``.env: |``, a Helm value holding the app's TOML) is read as that format and walked as if nested
  under its key, at the lines where it is written; a TOML block is also recognised by its opening ``[table]`` header.
* a Python dict whose keys are a provider's model ids (a price or context-window table) is weighed as one table
  counting the exact Hub names the knowledge base holds without their org (``qwen1.5-72b-chat``) as recognised, so
  the table's unknown ids (``baichuan2-13b-chat-v1``, ``chatglm-6b-v2``) are found on peer evidence;
* pydantic's ``Field`` takes its default first: ``model_name: str = Field('spark-1.5', alias='model')`` declares the
  model (Django's ``CharField("label")`` first argument is a label, not a default);
* a key that says what is written *for* a model (a ChatGPT plugin manifest's ``description_for_model``,
  ``name_for_model``) holds prose or a tool name, never a model;
* a literal ending in ``-`` or ``_`` (``"llama2-"`` in a list tested with ``in self.model``) is the start of names;
* a list of models under a plural key (``llm_model_ids:``, ``MODEL_NAMES``, ``model_paths``) is one under a model key;
* an app's own provider or gateway name in front of a served id (``truefoundry/openai-main/gpt-4o-mini``,
  ``local-infinity/mixedbread-ai/mxbai-rerank-xsmall-v1``) under a model key is that model, provider-prefixed, when
  the rest is a Hub id the knowledge base holds or a provider-named route to a known API model; path-like
  ``app/models/gpt-4o`` or ``api/v1/gpt-4o`` are not;
* a Python request or setting that writes its model as a record (``{"model": {"name": "gpt-4o-mini", "parameters":
  {…}}}``, ``"model_configuration": {"name": …}``) names the model by its ``name`` or ``id``.

Fixtures are written for these tests (not copied from any repository). No timing assertions."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found as _found

_CONFIGMAP = '''\
apiVersion: v1
kind: ConfigMap
metadata:
  name: rag-api-settings
data:
  rag.toml: |
    [app]
    # the model for short internal calls
    fast_llm = "openai/gpt-4o-mini"
    quality_llm = "anthropic/claude-3-7-sonnet-20250219"
    max_upload_size = 214748364800

    [embedding]
    provider = "litellm"
    base_model = "BAAI/bge-m3"
    base_dimension = 1024
    batch_size = 128

      [embedding.enrichment]
      generation_config = { model = "deepseek/deepseek-chat" }
  .env: |
    LOG_LEVEL=info
    OPENAI_BASE_URL=https://api.deepseek.com
    CHAT_MODEL=deepseek-reasoner
    EMBEDDING_MODEL=text-embedding-3-small
'''


def test_toml_and_dotenv_blocks_in_a_configmap_are_read_where_written(tmp_path: Path) -> None:
    got = _found(tmp_path, "deploy/k8s/configmap.yaml", _CONFIGMAP)
    assert got == {(9, "openai/gpt-4o-mini"), (10, "anthropic/claude-3-7-sonnet-20250219"), (15, "BAAI/bge-m3"),
                   (20, "deepseek/deepseek-chat"), (24, "deepseek-reasoner"), (25, "text-embedding-3-small")}


_VALUES = '''\
replicaCount: 1
settings: |
  # rendered into /app/config.toml by the chart
  [llm]
  model = "qwen-plus"
  temperature = 0.2

  [rerank]
  model = "BAAI/bge-reranker-v2-m3"
banner: |
  [notice]
  Maintenance window: Sunday 02:00
'''


def test_a_toml_block_is_known_by_its_first_table_header(tmp_path: Path) -> None:
    # `settings: |` names no format; the block opens with a [table] header and parses as TOML. The `banner` block
    # opens like one too but is not TOML, so nothing is read from it.
    assert _found(tmp_path, "charts/rag/values.yaml", _VALUES) == {(5, "qwen-plus"), (9, "BAAI/bge-reranker-v2-m3")}


_SECRET = '''\
apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata:
  name: app-secrets
spec:
  target:
    template:
      data:
        app.toml: |
          [completion]
          batch_size = 32
          batch_size = 64
          model = "openai/gpt-4.1-mini"
        notes.env: |
          no assignments here, only words
'''


def test_a_toml_file_block_with_a_repeated_key_is_read_leniently(tmp_path: Path) -> None:
    # tomllib refuses a key written twice; under a key named like a TOML file the block is still read
    assert _found(tmp_path, "deploy/externalsecret.yaml", _SECRET) == {(13, "openai/gpt-4.1-mini")}


def test_embedded_blocks_are_bounded(tmp_path: Path) -> None:
    # hostile: many TOML blocks in one file (only 32 a file are parsed)
    head = "kind: ConfigMap\napiVersion: v1\nmetadata: {name: x}\ndata:\n"
    many = "".join(f"  b{i}.toml: |\n    [s]\n    model = \"qwen-max\"\n" for i in range(200))
    got = _found(tmp_path / "a", "deploy/many.yaml", head + many)
    assert len(got) == 32 and {raw for _, raw in got} == {"qwen-max"}


def test_huge_and_broken_toml_blocks_read_nothing(tmp_path: Path) -> None:
    # a block over 64 KB is not parsed; a block of unclosed brackets is not TOML, even under a .toml key
    head = "kind: ConfigMap\napiVersion: v1\nmetadata: {name: x}\ndata:\n"
    big = "  big.toml: |\n" + "".join(f"    [t{i}]\n    k = \"qwen-max\"\n" for i in range(5_000))
    broken = "  bad.toml: |\n" + "    [[[[[[ model = \"qwen-max\"\n" * 2_000
    assert _found(tmp_path / "a", "deploy/big.yaml", head + big) == set()
    assert _found(tmp_path / "b", "deploy/bad.yaml", head + broken) == set()


_PRICES = """\
DASHSCOPE_PRICES = {
    "qwen1.5-72b-chat": {"prompt": 0.0007, "completion": 0.0014},
    "qwen1.5-14b-chat": {"prompt": 0.0003, "completion": 0.0006},
    "qwen1.5-7b-chat": {"prompt": 0.0001, "completion": 0.0003},
    "qwen2-7b-instruct": {"prompt": 0.0001, "completion": 0.0003},
    "qwen-max": {"prompt": 0.0055, "completion": 0.0166},
    "qwen-plus": {"prompt": 0.0005, "completion": 0.0016},
    "baichuan2-13b-chat-v1": {"prompt": 0.0011, "completion": 0.0011},
    "chatglm-6b-v2": {"prompt": 0.0011, "completion": 0.0011},
    "ziya-llama-13b-v1": {"prompt": 0.0, "completion": 0.0},
}

RETRY_STATUS = {
    "rate-limited": 429,
    "server-error": 500,
    "qwen-max": 3,
    "qwen-plus": 3,
    "gpt-4o": 2,
    "bad-gateway": 502,
}
"""


def test_a_price_table_keyed_by_hub_names_finds_its_unknown_ids(tmp_path: Path) -> None:
    got = {raw for _, raw in _found(tmp_path, "app/llm/costs.py", _PRICES)}
    assert {"baichuan2-13b-chat-v1", "chatglm-6b-v2", "ziya-llama-13b-v1", "qwen1.5-72b-chat", "qwen-max"} <= got
    # a table with fewer recognised keys than others keeps its status words out
    assert not got & {"rate-limited", "server-error", "bad-gateway"}


_FIELDS = """\
from typing import Optional

from django.db import models
from pydantic import BaseModel, Field


class ChatSpark(BaseModel):
    model_name: str = Field('spark-1.5', alias='model')
    temperature: float = Field(0.95)
    api_key: Optional[str] = Field(None, alias='key')
    fallback_model: str = Field(..., description="set by the caller")


class Profile(models.Model):
    model_name = models.CharField("chat-model-label", max_length=64)
"""


def test_pydantic_field_positional_default_is_the_model(tmp_path: Path) -> None:
    assert _found(tmp_path, "app/chat_models/spark.py", _FIELDS) == {(8, "spark-1.5")}


_PLUGIN = """\
{
  "schema_version": "v1",
  "name_for_model": "text_tools",
  "description_for_model": "Plugins for text-to-speech, text-to-image, text-to-embedding, summaries.",
  "name_for_human": "Text tools",
  "default_model": "gpt-4o-mini"
}
"""


def test_keys_written_for_a_model_hold_no_model(tmp_path: Path) -> None:
    assert _found(tmp_path, "docs/.well-known/ai-plugin.json", _PLUGIN) == {(6, "gpt-4o-mini")}


_PREFIXES = """\
class DashScopeLLM:
    def __init__(self, model: str):
        self.model = model
        support_system_models = [
            "qwen-",
            "llama2-",
            "baichuan2-7b-chat-v1",
            "chatglm3-6b",
        ]
        self.use_system_prompt = any(m in self.model for m in support_system_models)
"""


def test_name_starts_in_a_model_list_are_not_models(tmp_path: Path) -> None:
    got = {raw for _, raw in _found(tmp_path, "app/provider/dashscope.py", _PREFIXES)}
    assert "llama2-" not in got and "qwen-" not in got
    assert "chatglm3-6b" in got


_CONTEXT = """\
CONTEXT_WINDOWS = {
    "llama-3.3-70b": 128000,
    "llama-3.1-70b": 128000,
    "llama-3.1-8b": 128000,
    "llama-3": 8192,
    "deepseek-r1-distill-llama-70b": 128000,
    "gemini-2.5": 1000000,
    "gemini-2.5-flash": 1000000,
    "gemini-2.5-pro": 1000000,
}
"""


def test_family_words_in_a_model_table_are_not_peers(tmp_path: Path) -> None:
    # "llama-3" begins known models' names (llama-3-8b, …): a series' catch-all row, not a model
    got = {raw for _, raw in _found(tmp_path, "app/llm/limits.py", _CONTEXT)}
    assert {"llama-3.3-70b", "gemini-2.5-flash", "deepseek-r1-distill-llama-70b"} <= got
    assert "llama-3" not in got


_PROVIDERS = """\
model_providers:
  - provider_name: gateway
    base_url: https://llm-gateway.example.com/api/inference/openai
    llm_model_ids:
      - "openai-main/gpt-4o-mini"
      - "together-ai/llama-3-70b-chat-hf"
    embedding_model_ids:
      - "mixedbread-ai/mxbai-embed-large-v1"
    reranking_model_ids: []
"""

_PAYLOAD = """\
QUERY = {
    "collection_name": "finance",
    "retriever_config": {
        "compressor_model_name": "local-infinity/mixedbread-ai/mxbai-rerank-xsmall-v1",
        "top_k": 5,
    },
    "reader_model_name": "gateway/openai-main/gpt-4o-mini",
    "asset_path": "app/models/gpt-4o",
    "route_model_name": "api/v1/gpt-4o",
}
"""


def test_plural_model_keys_and_gateway_prefixed_ids(tmp_path: Path) -> None:
    assert _found(tmp_path / "a", "models_config.yaml", _PROVIDERS) == {
        (5, "openai-main/gpt-4o-mini"), (6, "together-ai/llama-3-70b-chat-hf"), (8, "mixedbread-ai/mxbai-embed-large-v1")}
    assert _found(tmp_path / "b", "backend/payload.py", _PAYLOAD) == {
        (4, "local-infinity/mixedbread-ai/mxbai-rerank-xsmall-v1"), (7, "gateway/openai-main/gpt-4o-mini")}


_RECORDS = """\
QUERY = {
    "query": "Explain key operating metrics of FY20",
    "model_configuration": {
        "name": "gateway/openai-main/gpt-4o-mini",
        "parameters": {"temperature": 0.1, "max_tokens": 1024},
    },
}
AGENT = {"model": {"id": "qwen-plus", "provider": "dashscope"}}
SCHEMA = {"model": {"name": "Article", "fields": ["title", "body"]}}
LLM = {"llm": {"name": "openai", "id": "default"}}
PYDANTIC = {"model_config": {"name": "strict-settings"}}
"""


def test_a_model_written_as_a_record_in_a_python_dict(tmp_path: Path) -> None:
    assert _found(tmp_path, "backend/payloads.py", _RECORDS) == {(4, "gateway/openai-main/gpt-4o-mini"),
                                                                  (8, "qwen-plus")}
