"""Scan shapes grouped from the opened splits' misses and false positives per language (scanfix10b, issue 10),
written here as our own fixtures (no corpus code)."""

from __future__ import annotations

from pathlib import Path

import modelmap

RUST_CONSTANTS = """//! Orbit provider model ids.

pub const ORBIT_V3_MINI: &str = "orbit-v3-mini";
const ORBIT_V3_VISION: &str = "orbit-v3-vision";
const ORBIT_V2_PRO: &str = "orbit-v2-pro";
pub const ROUTER_AUTO: &str = "orbit-auto";
pub const REGION: &str = "eu-west-1";

pub const DEFAULT_MODEL: &str = ORBIT_V3_MINI;
pub const FALLBACK_MODEL: &str = ROUTER_AUTO;

pub const SUPPORTED_MODELS: &[&str] = &[ORBIT_V3_MINI, ORBIT_V3_VISION, ORBIT_V2_PRO];

pub fn client() -> Client {
    Client::builder().region(REGION).build()
}
"""

GO_CONSTANTS = """package orbit

const (
	orbitFast   = "orbit-v2-fast"
	orbitLabel  = "orbit-v2-fast-settings"
	apiVersion  = "2024-10-01"
)

func newRequest(prompt string) Request {
	return Request{Model: orbitFast, Prompt: prompt, Version: apiVersion, Label: orbitLabel}
}
"""

JAVA_CONSTANTS = """package com.acme.orbit;

public class OrbitClient {
    private static final String STELLAR_LARGE = "stellar-v4-large";
    private static final String TIMEOUT_KEY = "orbit-timeout-v1";

    public ChatModel build() {
        return OrbitChatModel.builder().modelName(STELLAR_LARGE).property(TIMEOUT_KEY).build();
    }
}
"""


def _found(tmp_path: Path) -> set[tuple[str, int, str]]:
    return {(f.path, f.line, f.raw) for f in modelmap.scan(tmp_path, resolve=False).findings if f.kind != "endpoint"}


def test_a_named_constant_used_in_a_model_slot_is_found_at_its_literal(tmp_path: Path) -> None:
    (tmp_path / "models.rs").write_text(RUST_CONSTANTS)
    (tmp_path / "client.go").write_text(GO_CONSTANTS)
    (tmp_path / "OrbitClient.java").write_text(JAVA_CONSTANTS)
    got = _found(tmp_path)
    # through a model-named constant, a model list of constants, a struct's Model field and a modelName() call
    assert ("models.rs", 3, "orbit-v3-mini") in got
    assert ("models.rs", 4, "orbit-v3-vision") in got
    assert ("models.rs", 5, "orbit-v2-pro") in got
    assert ("client.go", 4, "orbit-v2-fast") in got
    assert ("OrbitClient.java", 4, "stellar-v4-large") in got
    raws = {raw for _, _, raw in got}
    # a router's pick-for-me setting, a region, an app key and a version reach no model slot as models
    for other in ("orbit-auto", "eu-west-1", "orbit-v2-fast-settings", "2024-10-01", "orbit-timeout-v1"):
        assert other not in raws
    # each literal once, however many uses reach it
    findings = [f for f in modelmap.scan(tmp_path, resolve=False).findings if f.raw == "orbit-v3-mini"]
    assert len(findings) == 1
    evidence = findings[0].evidence or ()
    assert "via:ORBIT_V3_MINI" in evidence


PY_TEMPLATES = '''"""Chat prompt formats for the models this server hosts."""

TEMPLATES = {}


def register_template(name):
    def wrap(cls):
        TEMPLATES[name] = cls
        return cls
    return wrap


class BaseTemplate:
    name = "base"

    def match(self, name) -> bool:
        return name == self.name


@register_template("qwen2")
class Qwen2ChatTemplate(BaseTemplate):
    name = "qwen2"
    allow_models = ["qwen2", "qwen2-1.5b-instruct"]
    stop = ["<|im_end|>"]

    def match(self, name) -> bool:
        return name == "qwen2"


class Engine:
    def __init__(self, model_name, template_name=None):
        self.model_name = model_name
        self.template_name = template_name or "llama3"
        if "chatglm3" in model_name.lower():
            self.stream = "glm"
        if self.template_name == "baichuan2":
            self.stop = ["</s>"]
        if model_name in ["glm-4-9b-chat", "qwen2-7b-instruct"]:
            self.vision = False


def patch(model):
    model.config.model_type = "internvl2"
    return model


client_model = "qwen2-72b-instruct"
DEFAULT_MODEL = "Qwen/Qwen2-7B-Instruct"
MODEL_TYPE = "Qwen/Qwen2-1.5B"
model_type = "qwen2-0.5b-instruct"
'''


def test_prompt_template_names_and_substring_tests_are_not_models(tmp_path: Path) -> None:
    (tmp_path / "templates.py").write_text(PY_TEMPLATES)
    got = _found(tmp_path)
    raws = {raw for _, _, raw in got}
    # a template's registered name, its class attribute and match(), a template_name default and comparison, a
    # substring test on the model name, an architecture name assigned to model_type
    for family in ("qwen2", "llama3", "chatglm3", "baichuan2", "internvl2"):
        assert family not in raws
    # membership in a literal list of models, model-named bindings, a repo id under MODEL_TYPE: still models
    # a checkpoint with its size among a template's allowed models is one
    assert ("templates.py", 23, "qwen2-1.5b-instruct") in got
    assert ("templates.py", 38, "glm-4-9b-chat") in got
    assert ("templates.py", 38, "qwen2-7b-instruct") in got
    assert ("templates.py", 47, "qwen2-72b-instruct") in got
    assert ("templates.py", 48, "Qwen/Qwen2-7B-Instruct") in got
    assert ("templates.py", 49, "Qwen/Qwen2-1.5B") in got
    # a local model_type (how some SDKs name the model to call) is not an object's architecture attribute
    assert ("templates.py", 50, "qwen2-0.5b-instruct") in got


CS_ROUTER = """namespace Acme.Llm;

public static class EditionRouter
{
    public static string Host(string model, string region)
    {
        if (model is "lyra-v2.5" or "lyra-v2.5-long")
            return "https://a.example.com";
        if (model.Equals("lyra-v3.1-max", StringComparison.OrdinalIgnoreCase))
            return "https://b.example.com";
        if (string.Equals(model, "lyra-v1.5-lite"))
            return "https://c.example.com";
        if (region.Equals("eu-west-1"))
            return "https://eu.example.com";
        return "https://d.example.com";
    }
}
"""

JAVA_EQUALS = """package com.acme.llm;

class Picker {
    int budget(String modelName) {
        if ("lyra-v4-pro".equals(modelName)) { return 8; }
        if (modelName.equalsIgnoreCase("lyra-v4-flash")) { return 2; }
        return 1;
    }
}
"""


def test_equality_calls_and_is_patterns_compare_with_the_model(tmp_path: Path) -> None:
    (tmp_path / "EditionRouter.cs").write_text(CS_ROUTER)
    (tmp_path / "Picker.java").write_text(JAVA_EQUALS)
    got = _found(tmp_path)
    for line, raw in ((7, "lyra-v2.5"), (7, "lyra-v2.5-long"), (9, "lyra-v3.1-max"), (11, "lyra-v1.5-lite")):
        assert ("EditionRouter.cs", line, raw) in got
    assert ("Picker.java", 5, "lyra-v4-pro") in got
    assert ("Picker.java", 6, "lyra-v4-flash") in got
    assert "eu-west-1" not in {raw for _, _, raw in got}


PHP_NOWDOC = """<?php

it('parses a chat reply', function () {
    $body = <<<'JSON'
    {
      "id": "chatcmpl-1",
      "model": "lyra-v2.5-mini",
      "choices": []
    }
    JSON;
    $note = <<<EOT
    Ask the model "anything" you like, with more words here
    EOT;
    expect(Reply::from(json_decode($body, true))->id)->toBe('chatcmpl-1');
});
"""

RUBY_HEREDOC = """RSpec.describe Acme::Reply do
  let(:body) do
    <<~JSON
      {
        "id": "resp-1",
        "model": "lyra-v3-pro",
        "output": []
      }
    JSON
  end

  it "reads the id" do
    expect(described_class.parse(body).id).to eq("resp-1")
  end
end
"""


def test_json_in_php_and_ruby_heredocs_is_read(tmp_path: Path) -> None:
    (tmp_path / "ChatTest.php").write_text(PHP_NOWDOC)
    (tmp_path / "reply_spec.rb").write_text(RUBY_HEREDOC)
    found = [f for f in modelmap.scan(tmp_path, resolve=False).findings if f.kind != "endpoint"]
    got = {(f.path, f.line, f.column, f.raw) for f in found}
    assert ("ChatTest.php", 7, 17, "lyra-v2.5-mini") in got
    assert ("reply_spec.rb", 6, 19, "lyra-v3-pro") in got
    assert len(found) == 2


JS_MODEL_KEYS = """export const lyraApiModelKeys = [
  'lyraApi25',
  'lyraApi25_32k',
  'lyraApi3Mini_128k',
  'lyraWebFree',
]

export const Models = {
  lyraApi25: { value: 'lyra-v2.5', desc: 'Lyra (API, 2.5)' },
  lyraApi25_32k: { value: 'lyra-v2.5-32k', desc: 'Lyra (API, 2.5 32k)' },
  lyraApi3Mini_128k: { value: 'lyra-v3-mini-128k', desc: 'Lyra (API, 3 mini)' },
}

export const defaultConfig = {
  modelName: 'lyraApi25',
}
"""


def test_camel_case_model_keys_are_the_apps_own_names(tmp_path: Path) -> None:
    (tmp_path / "config.mjs").write_text(JS_MODEL_KEYS)
    raws = {raw for _, _, raw in _found(tmp_path)}
    for key in ("lyraApi25", "lyraApi25_32k", "lyraApi3Mini_128k", "lyraWebFree"):
        assert key not in raws


JS_SSE_TEST = """import { describe, expect, it } from 'vitest'

describe('stream parser', () => {
  it('joins the chunks', () => {
    const chunks = [
      `data: {"id":"c-1","object":"chat.completion.chunk","model":"lyra-v2.5-mini","choices":[]}\\n\\n`,
      '{"model_type":"llama","model":"lyra-v3-pro"}',
      `data: {"id":"c-2","model":"${name}"}\\n\\n`,
    ]
    expect(parse(chunks).length).toBe(2)
  })
})
"""


def test_json_in_js_string_literals_is_read(tmp_path: Path) -> None:
    (tmp_path / "stream.test.ts").write_text(JS_SSE_TEST)
    got = _found(tmp_path)
    assert ("stream.test.ts", 6, "lyra-v2.5-mini") in got
    assert ("stream.test.ts", 7, "lyra-v3-pro") in got
    assert "llama" not in {raw for _, _, raw in got}  # under model_type: an architecture, not a model key


PY_CURL_BODY = '''import subprocess


def test_curl_chat():
    cmd = """curl http://localhost:8000/v1/chat/completions \\\\
  -H "Content-Type: application/json" \\\\
  -d '{
    "model": "lyra-v2.5-7b",
    "messages": [{"role": "user", "content": "Hello"}]
  }'"""
    subprocess.run(cmd, shell=True, check=True)


PROMPT = """Answer in JSON like {"answer": "yes", "confidence": "high"}.
Do not name any model."""
'''


def test_json_in_python_multiline_strings_is_read(tmp_path: Path) -> None:
    (tmp_path / "test_curl.py").write_text(PY_CURL_BODY)
    got = _found(tmp_path)
    assert ("test_curl.py", 8, "lyra-v2.5-7b") in got
    assert {raw for _, _, raw in got} == {"lyra-v2.5-7b"}


PHP_FIXTURE = """<?php

it('returns the reply', function () {
    $response = Transport::from(fixture('Qwen/chat-response'), ['x-request-id' => '1']);
    $chat = new LyraChat(model: 'lyra-v2.5-mini');
    expect($chat->generate('hi'))->toBe('Hello');
});
"""


def test_a_fixture_files_name_is_not_a_model(tmp_path: Path) -> None:
    (tmp_path / "LyraChatTest.php").write_text(PHP_FIXTURE)
    got = _found(tmp_path)
    assert "Qwen/chat-response" not in {raw for _, _, raw in got}
