"""Held-out-32 general fixes (tuneB38): Go testify assertions (the `t` handle is not the value compared), records of
an anonymous struct type, `ModelInfo`-typed records, YAML a test writes (flow lists, escaped lines, a `name:` nested
under a model section, an env line), TOML in a multi-line literal, a chat bot's `/model <id>` command, Rust / Java
default-value calls, PHP lists of records as one table, ElevenLabs and Stability AI API ids; and the false
positives: media types, cloud regions by city, a chat's record id, `custom-` / place-word stand-ins, a `-test` name,
an engine settings table's keys."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_GO_TESTIFY = '''package ollama

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewClient(t *testing.T) {
	client := NewClient(WithBaseURL("http://localhost:8080"))
	assert.Equal(t, "mistral", client.Model)
	require.Equal(t, "acme-chat-7b", client.ModelName)
	assert.Equal(t, "acme-7b", req.Label)
}

func TestList(t *testing.T) {
	response := struct {
		Models []struct {
			Name string `json:"name"`
		} `json:"models"`
	}{
		Models: []struct {
			Name string `json:"name"`
		}{
			{Name: "llama2"},
			{Name: "codellama"},
		},
	}
	resp := ModelsResponse{
		Data: []ModelInfo{
			{ID: "mistral-7b", Object: "model"},
		},
	}
	_ = response
	_ = resp
}
'''


def test_go_testify_and_records(tmp_path: Path) -> None:
    got = found(tmp_path, "pkg/llm/ollama/client_test.go", _GO_TESTIFY)
    # testify's `assert.Equal(t, expected, actual)`: the value is compared with `client.Model`, not with `t`
    assert (12, "mistral") in got and (13, "acme-chat-7b") in got
    assert (14, "acme-7b") not in got  # compared with a label, not a model
    # an anonymous struct's record: its `Name` is bound to the `Models` field, not to the type's `string`
    assert (27, "codellama") in got
    # a `ModelInfo` record's ID is the model's
    assert (32, "mistral-7b") in got


_GO_WRITES_CONFIG = '''package config

import (
	"os"
	"testing"
)

func TestLoad(t *testing.T) {
	if err := os.WriteFile(path, []byte("providers:\\n  - provider: openai\\n    models: [acme-chat-7b, \\"claude-sonnet-4-6\\"]\\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	const cfg = `providers:
  - name: openai
    models: [gpt-4o]
    apiKey: test-key
`
	_, _ = fd.WriteString("MODEL_AGENT_NAME=doubao-seed-1-6-250615")
	_, _ = fd.WriteString(`model:
  agent:
    name: "doubao-seed-1-6-250615"
    api_base: "test"
  other:
    name: "my-agent-7"`)
	_ = cfg
}
'''


def test_go_yaml_a_test_writes(tmp_path: Path) -> None:
    got = found(tmp_path, "internal/config/load_test.go", _GO_WRITES_CONFIG)
    # a flow list under a model-named key, on one line with `\\n` escapes (quoted items as written) and in a raw string
    assert (9, "acme-chat-7b") in got and (9, "claude-sonnet-4-6") in got
    assert (14, "gpt-4o") in got
    # an env line whose name carries MODEL; a `name:` nested under a `model:` section (known to the knowledge base)
    assert (17, "doubao-seed-1-6-250615") in got and (20, "doubao-seed-1-6-250615") in got
    # ... a nested name the knowledge base does not know is no model (no model-named key of its own)
    assert (23, "my-agent-7") not in got
    assert not any(raw in ("openai", "test-key", "test") for _, raw in got)


_RUST_COMMANDS = '''use std::fs;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_model_commands() {
        assert_eq!(parse_runtime_command("discord", "/model --user gpt-4o"), Some(ShowModel));
        assert_eq!(parse_runtime_command("wecom", "/model qwen-max"), None);
        assert_eq!(extract(" /MODEL@zeroclaw qwen-max "), None);
        assert_eq!(extract("please /model gpt-5"), None);
        assert_eq!(extract("/models openrouter"), None);
        assert_eq!(extract("/model"), None);
        assert_eq!(extract("/model <name>"), None);
    }

    #[test]
    fn writes_config() {
        fs::write(
            &path,
            r#"
[agents.demo]
provider = "openrouter"
model = "meta-llama/llama-3.1-8b-instruct"
temperature = 0.3
"#,
        )
        .unwrap();
    }
}

pub fn provider(config: &Config) -> Provider {
    Provider {
        model_id: config
            .model
            .clone()
            .filter(|m| !m.trim().is_empty())
            .unwrap_or_else(|| "acme_voice_v2".to_string()),
        voice: config.voice.clone().unwrap_or_else(|| "acme-voice-7".to_string()),
    }
}
'''


def test_rust_commands_toml_and_defaults(tmp_path: Path) -> None:
    got = found(tmp_path, "src/channels.rs", _RUST_COMMANDS)
    # a chat bot's `/model <id>` switch (flags, a `@bot` suffix, words before it); `/models` lists, no id after `/model`
    assert (9, "gpt-4o") in got and (10, "qwen-max") in got and (11, "qwen-max") in got and (12, "gpt-5") in got
    assert not any(line in (13, 14, 15) for line, _ in got)
    # a TOML line of a config file written from a multi-line literal
    assert (25, "meta-llama/llama-3.1-8b-instruct") in got
    assert not any(raw in ("openrouter", "0.3") for _, raw in got)
    # `unwrap_or_else(|| "…")`: the default the model-named field holds when nothing is set
    assert (39, "acme_voice_v2") in got
    assert (41, "acme-voice-7") not in got  # bound to a voice


_PHP_DRIVER = '''<?php

class AcmeDriver
{
    public function getAvailableModels(): array
    {
        return [
            ['id' => 'deepseek-chat', 'name' => 'DeepSeek Chat'],
            ['id' => 'deepseek-coder', 'name' => 'DeepSeek Coder'],
            ['id' => 'deepseek-math', 'name' => 'DeepSeek Math'],
            ['id' => 'deepseek-reasoner', 'name' => 'DeepSeek Reasoner'],
        ];
    }

    public function voices(): array
    {
        return [
            ['id' => 'eleven_multilingual_v2', 'name' => 'Eleven Multilingual v2'],
            ['id' => 'scribe_v2', 'name' => 'Scribe v2'],
            ['id' => 'sd3-large', 'name' => 'Stable Diffusion 3 Large'],
        ];
    }
}
'''


def test_php_list_of_records_and_api_ids(tmp_path: Path) -> None:
    got = found(tmp_path, "src/Drivers/AcmeDriver.php", _PHP_DRIVER)
    # the records of one list are one table: deepseek-math beside three known DeepSeek ids
    assert (10, "deepseek-math") in got
    # ElevenLabs' and Stability AI's own API ids (knowledge: recognition.yaml)
    assert (18, "eleven_multilingual_v2") in got and (19, "scribe_v2") in got and (20, "sd3-large") in got
    assert not any(raw.startswith(("DeepSeek ", "Eleven ", "Scribe ")) for _, raw in got)


_GO_FALSE_POSITIVES = '''package gemini

const (
	DEFAULT_MODEL_REGION     = "cn-beijing"
	DEFAULT_MODEL_AGENT_NAME = "doubao-seed-1-6-250615"
	DEFAULT_MODEL_IMAGE_NAME = "doubao-seedream-4-5-251128"
	DEFAULT_MODEL_EDIT_NAME  = "doubao-seededit-3-0-i2i-250628"
	DEFAULT_MODEL_VIDEO_NAME = "doubao-seedance-1-0-pro-250528"
)

func capabilities(model string) ModelCapabilities {
	switch model {
	case ModelGemini25Pro:
		return ModelCapabilities{
			SupportedMimeTypes: []string{
				"image/png", "audio/mp3", "video/mp4", "video/3gpp", "application/pdf",
			},
		}
	}
	return ModelCapabilities{}
}
'''


def test_go_media_types_and_regions(tmp_path: Path) -> None:
    got = found(tmp_path, "pkg/llm/gemini/types.go", _GO_FALSE_POSITIVES)
    raws = {raw for _, raw in got}
    assert not raws & {"audio/mp3", "video/mp4", "video/3gpp", "image/png", "application/pdf"}
    assert "cn-beijing" not in raws  # a region beside the models, not one of them
    assert (5, "doubao-seed-1-6-250615") in got


_GO_STAND_INS = '''package tools

import "testing"

func TestImage(t *testing.T) {
	cases := []Config{
		{ModelName: "doubao-seedream-3-0-test"},
		{ModelName: "doubao-seedream-4-5-251128"},
	}
	_ = cases
}
'''


def test_test_named_stand_in(tmp_path: Path) -> None:
    got = found(tmp_path, "tool/image_test.go", _GO_STAND_INS)
    assert (7, "doubao-seedream-3-0-test") not in got
    assert (8, "doubao-seedream-4-5-251128") in got


_RUST_STAND_INS = '''#[cfg(test)]
mod tests {
    #[test]
    fn routes() {
        let routes = vec![EmbeddingRouteConfig {
            hint: "semantic".into(),
            model: "custom-embed-v2".into(),
        }];
        let cfg = MemoryConfig {
            embedding_model: "custom-embed".into(),
        };
        let other = MemoryConfig {
            embedding_model: "text-embedding-3-small".into(),
        };
        assert_eq!(
            events.as_slice(),
            [("test-channel".to_string(), "chat-42".to_string(), "gpt-4o".to_string(), "gpt-4o-mini".to_string(),
              "gpt-4.1".to_string())]
        );
    }
}
'''


def test_custom_names_and_record_ids(tmp_path: Path) -> None:
    got = found(tmp_path, "src/memory.rs", _RUST_STAND_INS)
    raws = {raw for _, raw in got}
    assert not raws & {"custom-embed-v2", "custom-embed", "chat-42"}
    assert (13, "text-embedding-3-small") in got and (17, "gpt-4o") in got


_PHP_ENGINE_SETTINGS = '''<?php
return [
    'engines' => [
        'local_audio' => [
            'tts' => [
                'mode' => env('LOCAL_AUDIO_TTS_MODE', 'openai_compatible'),
                'model' => env('LOCAL_AUDIO_TTS_MODEL', 'local-tts'),
                'command' => data_get($defaults, 'engines.local_audio.tts.command', []),
            ],
            'stt' => [
                'model' => env('LOCAL_AUDIO_STT_MODEL', 'local-whisper'),
            ],
        ],
        'cohere' => [
            'models' => ['command' => ['name' => 'Command'], 'command-r' => ['name' => 'Command R']],
        ],
    ],
];
'''


def test_engine_settings_keys_and_place_names(tmp_path: Path) -> None:
    got = found(tmp_path, "config/ai-engine.php", _PHP_ENGINE_SETTINGS)
    # `command` is a key of the tts engine's settings (beside `model`), not Cohere's model; Cohere's table keeps it
    assert (8, "command") not in got and (15, "command") in got and (15, "command-r") in got
    # the app's own name for its local speech engine
    assert (11, "local-whisper") not in got


def test_embedded_yaml_readers_are_bounded() -> None:
    """Hostile YAML text: a flow list of thousands of items, an unclosed bracket, deep nesting under a model
    section; each reader stops at its bounds (_MAX_EMBEDDED pairs, 4096 lines) and raises nothing."""
    from modelmap.discover.candidates import _MAX_EMBEDDED, yaml_model_pairs

    wide = b"models: [" + b", ".join(b"m-%d" % i for i in range(5000)) + b"]"
    assert len(list(yaml_model_pairs([wide]))) == 0  # past the flow list's 400 bytes: not read at all
    many = [b"models: [" + b", ".join(b"acme-%d" % i for i in range(40)) + b"]"] * 100
    assert len(list(yaml_model_pairs(many))) == _MAX_EMBEDDED
    unclosed = [b"models: [gpt-4o, " + b"x" * 10_000]
    assert list(yaml_model_pairs(unclosed)) == []
    deep = [b"model:"] + [b" " * (i + 1) + b"name: acme-7b" for i in range(10_000)]
    assert len(list(yaml_model_pairs(deep, nested=True))) <= _MAX_EMBEDDED


def test_hostile_literals_scan(tmp_path: Path) -> None:
    """A Go file of one-line literals with thousands of `\\n` escapes, `/model` commands and TOML lines: scanned
    within its bounds, the values read only as far as the readers allow."""
    escaped = "\\n".join(["  models: [acme-chat-7b]"] * 3000)
    commands = " ".join(["/model --a --b --c --d gpt-4o"] * 500)
    toml = "\n".join(['model = "acme-chat-7b"'] * 3000)
    text = (f'package x\n\nvar a = "{escaped}"\nvar b = "{commands}"\nvar c = `{toml}`\n')
    got = found(tmp_path, "x_test.go", text)
    assert len(got) <= 3 * 256


_JAVA_AGENT = '''package org.acme.agent;

public class AgentUtils {
    public static final String LLM_INTERFACE_BEDROCK_CONVERSE_CLAUDE = "bedrock/converse/claude";
    public static final String LLM_INTERFACE_BEDROCK_CONVERSE_DEEPSEEK_R1 = "bedrock/converse/deepseek_r1";
    public static final String ROUTED = "bedrock/converse/anthropic.claude-3-5-sonnet-20240620-v1:0";

    public static final String EXAMPLE = "Output (with model_id): { \\"query\\": { \\"neural\\": { \\"model_id\\": \\"m-dense-001\\", \\"k\\": 200 } } }\\n";
    public static final String MAPPING = "Mapping: { \\"description\\": {\\"type\\":\\"semantic\\", \\"model_id\\":\\"m-sem-123\\"} }\\n";
    public static final String EVENT = "data: { \\"model\\": \\"acme-chat-7b\\" }";
}
'''


def test_bedrock_routes_and_prompt_examples(tmp_path: Path) -> None:
    got = found(tmp_path, "src/main/java/org/acme/agent/AgentUtils.java", _JAVA_AGENT)
    raws = {raw for _, raw in got}
    # an LLM interface kind named for a family under Bedrock's converse route; a routed Bedrock id stays
    assert not raws & {"bedrock/converse/claude", "bedrock/converse/deepseek_r1"}
    assert (6, "bedrock/converse/anthropic.claude-3-5-sonnet-20240620-v1:0") in got
    # a prompt's worked example quotes JSON: its `model_id` alone makes no model; a recorded event's JSON keeps it
    assert not raws & {"m-dense-001", "m-sem-123"}
    assert (10, "acme-chat-7b") in got


_JAVA_ENTITY = '''package org.acme.common;

public class MLModel {
    private static final String BEDROCK = "bedrock";
    private static final String OPENAI = "openai";
    private static final String COHERE = "cohere";
    private static final String MISTRAL = "mistral";
    private static final String DEFAULT_LLM = "mistral-large-latest";
}
'''


def test_keyword_constants_of_an_entity_type(tmp_path: Path) -> None:
    got = found(tmp_path, "src/main/java/org/acme/common/MLModel.java", _JAVA_ENTITY)
    assert (7, "mistral") not in got  # a provider keyword beside OPENAI and COHERE, not Ollama's model
    assert (8, "mistral-large-latest") in got


_GO_FRONT_MATTER = '''package config

import "testing"

func TestParse(t *testing.T) {
	content := `---
name: Test Agent
model: acme-chat-7b
tools:
  - tool1
---
Agent instructions here.
`
	tests := []struct {
		name      string
		model     string
		wantModel string
	}{
		{"extra slash", "openai/model/extra", "model/extra"},
		{"single slash", "openai/gpt-4o", "gpt-4o"},
		{"options", "openrouter/auto", "option_v1"},
	}
	_, _ = content, tests
}
'''


def test_front_matter_and_path_cases(tmp_path: Path) -> None:
    got = found(tmp_path, "pkg/config/frontmatter_test.go", _GO_FRONT_MATTER)
    # the only model in the file is in a front matter's `model:` line: the file is parsed for it
    assert (8, "acme-chat-7b") in got
    raws = {raw for _, raw in got}
    assert not raws & {"openai/model/extra", "model/extra", "option_v1", "tool1"}
    assert (20, "gpt-4o") in got


_PHP_STABILITY = '''<?php

class StabilityDriver
{
    private function endpoint(string $model): string
    {
        return match ($model) {
            Engine::SDXL => '/v1/generation/stable-diffusion-xl-1024-v1-0/text-to-image',
            Engine::ACME => 'https://api.stability.ai/v1/generation/acme-engine-v2/image-to-image/masking',
            default => '/v1/generation/' . $model . '/text-to-image',
        };
    }
}
'''


def test_stability_generation_path(tmp_path: Path) -> None:
    got = found(tmp_path, "src/Drivers/StabilityDriver.php", _PHP_STABILITY)
    # Stability's v1 route names the engine (the model) in its path
    assert (8, "stable-diffusion-xl-1024-v1-0") in got and (9, "acme-engine-v2") in got


_JAVA_ENUM = '''package org.acme.ollama;

public enum OllamaModel {
    LLAMA3("llama3"),
    MISTRAL("mistral"),
    OPENAI_COMPAT("openai");

    private final String id;

    OllamaModel(String id) {
        this.id = id;
    }
}
'''


def test_enum_of_models_keeps_its_constants(tmp_path: Path) -> None:
    got = found(tmp_path, "src/main/java/org/acme/ollama/OllamaModel.java", _JAVA_ENUM)
    assert (5, "mistral") in got  # an enum of Ollama models lists `mistral` as one of them


_PY_DOWNLOADS = '''MODELS = [
    ("bigvgan", "nvidia/bigvgan_v2_22khz_80band_256x", "config.json"),
    ("w2v-bert-2.0", "facebook/w2v-bert-2.0", "config.json"),
    ("campplus", "funasr/campplus", "campplus_cn_common.bin"),
    ("MaskGCT", "amphion/MaskGCT", "README.md"),
    ("gpt", "openai-community/gpt2", "config.json"),
]
'''


def test_hub_repo_of_plain_words_keeps_its_peers(tmp_path: Path) -> None:
    got = found(tmp_path, "tests/test_download.py", _PY_DOWNLOADS)
    # an org and a name in plain words (no generic word) is a Hub repository among its peers, not a path case
    assert (5, "amphion/MaskGCT") in got


_CS_GEMINI = '''namespace Acme;

public static class GoogleAIModels
{
    public const string Gemini15Pro = "models/gemini-1.5-pro";
    public const string Gemini15Flash = "models/gemini-1.5-flash";
    public const string TextEmbedding = "models/text-embedding-004";
    public const string Aqa = "models/aqa";
}
'''


def test_gemini_resource_names_keep_their_peers(tmp_path: Path) -> None:
    got = found(tmp_path, "src/Constants/GoogleAIModels.cs", _CS_GEMINI)
    assert (8, "models/aqa") in got  # Gemini's `models/` resource name, not a path of plain words
