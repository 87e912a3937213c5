"""LiteLLM proxy config: deployments, endpoints, aliases, fallbacks; no double report with the config source."""

from __future__ import annotations

from modelmap.discover.base import SourceFile
from modelmap.discover.config_files import ConfigFileSource
from modelmap.discover.litellm import LiteLLMSource
from modelmap.types import Finding
from tests.conftest import FIXTURES

CONFIG = FIXTURES / "repos" / "llm-infra" / "litellm" / "config.yaml"


def findings() -> dict[tuple[int, str], Finding]:
    out = LiteLLMSource().scan(SourceFile("litellm/config.yaml", CONFIG.read_text(), "config"))
    return {(f.line, f.raw): f for f in out if isinstance(f, Finding)}


def test_deployment_carries_its_api_base() -> None:
    found = findings()
    dep = found[(5, "openai/deepseek-chat")]
    assert (dep.column, dep.kind, dep.source, dep.api) == (14, "provider-prefixed", "litellm-model-list", "litellm")
    assert (dep.provider, dep.endpoint) == ("deepseek-api", "https://api.deepseek.com/v1")
    ep = found[(6, "https://api.deepseek.com/v1")]
    assert (ep.column, ep.kind, ep.source) == (17, "endpoint", "litellm-endpoint")


def test_model_name_reported_only_when_it_names_a_model() -> None:
    found = findings()
    alias = found[(3, "gpt-4o-mini")]  # clients call gpt-4o-mini, DeepSeek serves it
    assert (alias.column, alias.kind, alias.source) == (17, "api-model", "litellm-model-name")
    assert (alias.provider, alias.endpoint) == ("deepseek-api", "https://api.deepseek.com/v1")
    assert not any(raw in ("smart", "embedder") for _, raw in found)  # pure aliases are skipped
    assert found[(14, "gpt-4o")].provider == "openai-api"  # what "smart" stands for


def test_dashscope_and_local_vllm_entries() -> None:
    found = findings()
    qwen = found[(10, "dashscope/qwen-plus")]
    assert qwen.endpoint == "https://dashscope.aliyuncs.com/compatible-mode/v1" and qwen.provider == "dashscope-cn"
    emb = found[(17, "hosted_vllm/BAAI/bge-m3")]
    assert (emb.role, emb.provider, emb.endpoint) == ("embedding", "vllm", "http://vllm-embed:8000/v1")


def test_fallbacks_follow_the_alias() -> None:
    found = findings()
    fb = found[(23, "gpt-4o-mini")]
    assert (fb.column, fb.source, fb.endpoint) == (43, "litellm-fallback", "https://api.deepseek.com/v1")
    assert found[(23, "claude-3-5-sonnet-20240620")].column == 59
    assert found[(23, "qwen-plus")].column == 27
    assert (23, "smart") not in found


def test_no_double_report_and_exact_count() -> None:
    text = CONFIG.read_text()
    assert list(ConfigFileSource().scan(SourceFile("litellm/config.yaml", text))) == []
    keys = [(f.line, f.column, f.raw) for f in findings().values()]
    assert len(keys) == len(set(keys)) == 12
    assert not any(raw.startswith("os.environ/") for _, _, raw in keys)


def test_not_a_litellm_config() -> None:
    text = "model_list:\n  - name: a\n    model: gpt-4o\n"
    assert list(LiteLLMSource().scan(SourceFile("other.yaml", text))) == []
    assert [f.raw for f in ConfigFileSource().scan(SourceFile("other.yaml", text))] == ["gpt-4o"]
