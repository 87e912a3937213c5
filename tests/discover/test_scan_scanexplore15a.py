"""scanexplore15a (issue 10): idioms found on fresh Python LLM services and their deployment configs (a RAG
backend's Kubernetes manifests, agent frameworks' provider tables, a Chinese RAG platform's LangChain wrappers).

* a settings file of another format kept as a literal block in YAML (a ConfigMap's or ExternalSecret template's
  ``app.toml: |`` / ``.env: |``, a Helm value holding the app's TOML) is read as that format and walked as if nested
  under its key, at the lines where it is written; a TOML block is also recognised by its opening ``[table]`` header.

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
