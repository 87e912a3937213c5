"""Held-out-31 general fixes (tuneB37): Python test bindings (patched settings, unittest assertions, a model getter's
result, padded values, JSON-array settings), `Literal[...]` model types, a model API call's keyword as a binding, Scala
escaped literals and margin-stripped JSON blocks, vendor-and-version paths, the `amazon-bedrock/` prefix, Bedrock
`amazon-nova-*` keys, prefix-keyed maps."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_PY_SETTINGS_TEST = '''import unittest
from unittest.mock import patch

from app import settings
from app.settings import get_default_model, get_available_models


class TestSettings(unittest.TestCase):
    @patch.object(settings, "AVAILABLE_MODELS", '["acme-chat-7b", "claude-v3.5-sonnet"]')
    def test_available(self):
        result = get_available_models()
        self.assertEqual(result, ["acme-chat-7b", "claude-v3.5-sonnet"])

    @patch.object(settings, "DEFAULT_MODEL", "  llama3-3-70b-instruct  ")
    def test_strips(self):
        result = get_default_model()
        self.assertEqual(result, "llama3-3-70b-instruct")

    @patch.object(settings, "DEFAULT_MODEL", "amazon-nova-lite")
    def test_nova(self):
        pass

    def test_bot(self):
        bot = load_bot()
        self.assertEqual(bot.knowledge_base.embeddings_model, "titan_v2")
        self.assertEqual(bot.knowledge_base.chunking_strategy, "fixed_size")
        self.assertEqual(bot.title, "QS title")


def test_env(monkeypatch):
    monkeypatch.setenv("CHAT_MODEL", "acme-chat-9b")
    monkeypatch.setattr("app.settings.EMBEDDING_MODEL", "acme-embed-2")
    monkeypatch.setenv("LOG_LEVEL", "debug-2")
'''


def test_python_test_bindings(tmp_path: Path) -> None:
    got = found(tmp_path, "tests/test_settings.py", _PY_SETTINGS_TEST)
    # a JSON array patched into a model-list setting: each entry at its own place
    assert (9, "acme-chat-7b") in got and (9, "claude-v3.5-sonnet") in got
    # a padded value patched into a model setting, and the getter's result compared with the stripped name
    assert (14, "llama3-3-70b-instruct") in got and (17, "llama3-3-70b-instruct") in got
    assert (19, "amazon-nova-lite") in got
    # unittest's assertEqual on a model-named attribute is the comparison `==` writes
    assert (25, "titan_v2") in got
    assert (31, "acme-chat-9b") in got and (32, "acme-embed-2") in got
    raws = {raw for _, raw in got}
    assert not raws & {"fixed_size", "QS title", "debug-2"}
    assert not any(raw != raw.strip() or raw.startswith("[") for raw in raws)


_PY_LITERAL_TYPES = '''from typing import Literal, Optional

type_kb_embeddings_model = Literal["titan_v2", "cohere_multilingual_v3"]
type_kb_search_type = Literal["hybrid", "semantic_v2"]


class Request(BaseModel):
    model: Optional[Literal["acme-chat-7b", "acme-chat-9b"]] = None
    model_type: Literal["chat_v1", "completion_v1"] = "chat_v1"


def ask(question: str, llm_model: Literal["acme-reason-3"] = "acme-reason-3") -> str:
    return question
'''


def test_python_literal_type_of_a_model_name_lists_models(tmp_path: Path) -> None:
    got = found(tmp_path, "app/schemas.py", _PY_LITERAL_TYPES)
    assert {(3, "titan_v2"), (3, "cohere_multilingual_v3"), (8, "acme-chat-7b"), (8, "acme-chat-9b"),
            (12, "acme-reason-3")} <= got
    assert not {raw for _, raw in got} & {"semantic_v2", "chat_v1", "completion_v1"}


def test_model_api_call_keyword_binds_an_unknown_hyphenated_id(tmp_path: Path) -> None:
    text = ('from openai import OpenAI\n\nclient = OpenAI(base_url="https://ark.cn-beijing.volces.com/api/v3")\n'
            'r = client.chat.completions.create(model="skylark-pro-sc-preview", messages=[])\n')
    assert (4, "skylark-pro-sc-preview") in found(tmp_path, "app/run.py", text)


_SCALA_SPEC = '''class AgentSpec extends AnyWordSpec {
  "codec" should {
    "write a model config as a string" in {
      testCodec[ModelConfig](ModelConfig("acme-chat-7b"), "\\"claude-opus-4-6\\"")
      val one = """{"id":"x","model":{"id":"claude-haiku-4-5"}}"""
    }
    "read an agent" in {
      val json =
        """{
          |  "type": "agent",
          |  "model": { "id": "claude-sonnet-4-5", "speed": "standard" },
          |  "name": "a"
          |}""".stripMargin
      Json.parse(json)
    }
  }
}
'''


def test_scala_escaped_literal_and_margin_stripped_json(tmp_path: Path) -> None:
    got = found(tmp_path, "src/test/scala/AgentSpec.scala", _SCALA_SPEC)
    assert (4, "claude-opus-4-6") in got  # the escaped JSON string's content (the grammar gives it no node)
    assert (5, "claude-haiku-4-5") in got
    assert (11, "claude-sonnet-4-5") in got  # inside `| ` margins, after a one-line triple-quoted literal
    assert not {raw for _, raw in got if '"' in raw or "\\" in raw}


def test_vendor_and_api_version_is_a_path_not_a_hub_repo(tmp_path: Path) -> None:
    text = ('object Consts {\n  val defaultBasePath = "v1"\n  val openAIBasePath = "openai/v1"\n'
            '  val googleBasePath = "google/v1beta"\n  val model = "openai/gpt-oss-20b"\n}\n')
    got = found(tmp_path, "src/main/scala/Consts.scala", text)
    assert (5, "openai/gpt-oss-20b") in got
    assert not {raw for _, raw in got} & {"openai/v1", "google/v1beta"}


def test_amazon_bedrock_provider_prefix(tmp_path: Path) -> None:
    text = ('const agent = new Agent({\n  name: "a",\n'
            '  model: "amazon-bedrock/anthropic.claude-opus-4-1-20250805-v1:0",\n});\n')
    assert (3, "amazon-bedrock/anthropic.claude-opus-4-1-20250805-v1:0") in found(tmp_path, "src/index.ts", text)


_PHP_PREFIX_MAP = '''<?php
class Client
{
    protected const CONTEXT_WINDOWS = [
        'claude'      => 200000,
        'gpt-3.5'     => 16385,
        'gpt-4o'      => 128000,
        'gpt-4-turbo' => 128000,
        'gpt-4.1'     => 128000,
        'gpt-4'       => 8192,
    ];

    protected const MODELS = [
        'claude',
        'veo-2',
        'gpt-4o',
        'gpt-4-turbo',
        'gpt-4.1',
    ];
}
'''


def test_prefix_keyed_map_vouches_for_no_series_stem(tmp_path: Path) -> None:
    got = found(tmp_path, "src/Client.php", _PHP_PREFIX_MAP)
    assert {(7, "gpt-4o"), (10, "gpt-4")} <= got
    assert (6, "gpt-3.5") not in got  # a key of a map looked up by name starts
    assert (15, "veo-2") in got  # a list beside a family word still has its peers


def test_ark_dated_deepseek_version_ids(tmp_path: Path) -> None:
    # Ark's own version ids of DeepSeek models (name, then YYMMDD) under a name that does not say model
    text = ('DOUBAO_VLM_ENDPOINT = "doubao-1-5-vision-pro-32k-250115"\nDEEPSEEK_R1_ENDPOINT = "deepseek-r1-250120"\n'
            'BUILD_TAG = "deepseek-r1-20250120"\n')
    got = found(tmp_path, "app/main.py", text)
    assert (2, "deepseek-r1-250120") in got
    assert (3, "deepseek-r1-20250120") not in got


def test_patched_stand_ins_and_class_name_literals_are_no_models(tmp_path: Path) -> None:
    text = ('def test_env(monkeypatch):\n    monkeypatch.setenv("KIMI_MODEL_NAME", "kimi-env-model")\n'
            '    monkeypatch.setenv("CHAT_MODEL", "kimi-k2-turbo-preview")\n')
    got = found(tmp_path, "tests/test_env.py", text)
    assert (3, "kimi-k2-turbo-preview") in got
    assert (2, "kimi-env-model") not in got
    text = ('from dataclasses import dataclass, field\nfrom typing import Literal\n\n@dataclass\nclass Config:\n'
            '    extraction_model_name: Literal["openie_openai_gpt", "openie_vllm_offline"] = field(default="x")\n')
    got = found(tmp_path, "app/config.py", text)
    assert not {raw for _, raw in got} & {"openie_openai_gpt", "openie_vllm_offline"}
