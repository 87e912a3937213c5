"""Scan fixes from the held-out-12 misses (session 14, round 2, r2scan-b): a model record's namespaced id of its own
model (TaskingAI's per-model YAML resources)."""

from __future__ import annotations

from modelmap.discover.base import SourceFile
from modelmap.discover.config_files import ConfigFileSource
from modelmap.types import Finding


def found(path: str, text: str) -> dict[tuple[int, str], Finding]:
    return {(f.line, f.raw): f for f in ConfigFileSource().scan(SourceFile(path, text, "config"))
            if isinstance(f, Finding)}


# a per-model resource file of a provider plugin: the platform's schema id is the provider's name in the app and the
# provider's own model id
MODEL_YML = """\
model_schema_id: tongyi/qwen-long
provider_model_id: qwen-long
type: chat_completion
name: "i18n:qwen_long_name"
default_endpoint_url: https://dashscope.aliyuncs.com/api/v1/services/aigc/text-generation/generation
properties:
  function_call: false
  input_token_limit: 10000000
"""


def test_record_namespaced_own_model_id() -> None:
    out = found("inference/providers/tongyi/resources/models/qwen-long.yml", MODEL_YML)
    prefixed = out[(1, "tongyi/qwen-long")]
    assert (prefixed.column, prefixed.kind, prefixed.provider) == (18, "provider-prefixed", "dashscope-cn")
    assert out[(2, "qwen-long")].kind == "api-model"


def test_namespaced_id_in_a_json_catalogue() -> None:
    text = '[{"slug": "acme/yi-large", "model": "yi-large", "ctx": 32768},\n {"slug": "acme/other", "model": "yi-large"}]\n'
    out = found("catalog.json", text)
    assert (1, "acme/yi-large") in out and (1, "yi-large") in out
    assert not any(raw == "acme/other" for _, raw in out)


def test_namespaced_value_needs_the_records_model() -> None:
    # a route or a folder beside an unrelated model, a path with more parts, a template: not the record's model
    text = """\
route: tongyi/qwen-long
model: qwen-max
folder: data/qwen-max/v1
target: ${PROVIDER}/qwen-max
"""
    out = found("config.yaml", text)
    assert set(out) == {(2, "qwen-max")}


def test_namespaced_without_a_model_key() -> None:
    # no model key in the record: the namespaced value is not promoted
    out = found("config.yaml", "model_schema_id: tongyi/qwen-long\nprovider_name: qwen-long\n")
    assert (1, "tongyi/qwen-long") not in out


def test_hostile_record() -> None:
    # a huge record and long values: bounded (first 32 pairs), no crash, the model still found
    pairs = "".join(f"k{i}: v{i}/x\n" for i in range(5000))
    long = "a" * 300
    text = f"model: qwen-max\nid: {long}/qwen-max\nother: p/{'q' * 5000}\n" + pairs
    out = found("big.yaml", text)
    assert (1, "qwen-max") in out
    assert not any("/" in raw for _, raw in out)
