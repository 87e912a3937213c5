"""Held-out-33 general fixes (tuneB39): an agent file's own `models:` map (entry names are aliases only where they
spell the model they configure, and an agent's `model:` that names an entry follows the entry), Docker Hub's `ai/`
model references (Docker Model Runner) under a model key without a tag and in a Go table with one, and a Go map from
provider to default model whose keys are providers, not models."""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.config_files import _spells_model
from modelmap.discover.identify import classify
from tests.discover.scan_helpers import found

_AGENT_FILE = """\
agents:
  root:
    model: lead
    description: Coordinates the team
    sub_agents: [frontend, backend]
  frontend:
    model: gpt4o
    description: Writes the web client
  backend:
    model: fast-gemini,lead
    description: Writes the server
  reviewer:
    model: claude-3-7-sonnet-thinking
    description: Reviews every change
  triage:
    model: anthropic/claude-haiku-4-5
    description: Sorts issues

models:
  lead:
    provider: anthropic
    model: claude-opus-4-1
    max_tokens: 32000
  gpt4o:
    provider: openai
    model: gpt-4o-2024-08-06
  fast-gemini:
    provider: google
    model: gemini-2.5-flash
  claude-3-7-sonnet-thinking:
    provider: anthropic
    model: claude-3-7-sonnet-latest
    thinking_budget: 2048
"""


def test_agent_file_entry_names(tmp_path: Path) -> None:
    got = found(tmp_path, "agents/team.yaml", _AGENT_FILE)
    # the models the entries configure, where each is written
    assert {(22, "claude-opus-4-1"), (26, "gpt-4o-2024-08-06"), (29, "gemini-2.5-flash"),
            (32, "claude-3-7-sonnet-latest"), (16, "anthropic/claude-haiku-4-5")} <= got
    # an entry named with its model's own words is the name the agents send it by: an alias, where defined and used
    assert {(7, "gpt4o"), (24, "gpt4o"), (13, "claude-3-7-sonnet-thinking"), (30, "claude-3-7-sonnet-thinking")} <= got
    # the file's own labels (`lead`, `fast-gemini`: a word or number of the model left out) are no model, neither
    # where the entry is defined nor where an agent names it (one name of a comma-separated list too)
    assert not {r for _, r in got} & {"lead", "fast-gemini"}


def test_spells_model() -> None:
    assert _spells_model("gpt4o", "gpt-4o")
    assert _spells_model("gateway_gpt4o", "gpt-4o")
    assert _spells_model("claude-4-5-sonnet-min", "claude-sonnet-4-5-20250929")
    assert _spells_model("gpt-5-minimal", "gpt-5")
    assert not _spells_model("openai-o3", "o3-mini")
    assert not _spells_model("gemini-flash", "gemini-2.5-flash")
    assert not _spells_model("gpt4_vision", "gpt-4o")
    assert not _spells_model("dmr-rerank", "hf.co/ggml-org/qwen3-reranker-0.6b-q8_0-gguf")


def test_named_models_need_the_agent_shape(tmp_path: Path) -> None:
    # a settings map keyed by a model name whose entries carry no provider is read as before (the key a model)
    text = "models:\n  llama-3.1-8b-instruct:\n    model: meta-llama/Llama-3.1-8B-Instruct\n    max_tokens: 4096\n"
    got = found(tmp_path, "config/serving.yaml", text)
    assert (3, "meta-llama/Llama-3.1-8B-Instruct") in got


def test_docker_hub_ai_namespace() -> None:
    # under a model key: the runner's default build, no tag, a model the knowledge base knows
    assert classify("ai/embeddinggemma", "key") is not None
    assert classify("ai/qwen3", "key") is not None
    # a bare literal is no model by its namespace alone (a label, a path)
    assert classify("ai/qwen3:latest", "none") is None
    assert classify("ai/react", "key") is None
    assert classify("ai/foo:latest", "none") is None


_GO_DEFAULTS = """package config

var DefaultModels = map[string]string{
	"openai":    "gpt-5-mini",
	"anthropic": "claude-sonnet-4-5",
	"dmr":       "ai/qwen3:latest",
	"mistral":   "mistral-small-latest",
}

var ContextWindows = map[string]int{
	"mistral":    32000,
	"gpt-4o":     128000,
	"qwen2.5:7b": 32000,
}

func EmbeddingConfigs() []ModelConfig {
	return []ModelConfig{
		{Provider: "openai", Model: "text-embedding-3-small"},
		{Provider: "dmr", Model: "ai/embeddinggemma"},
	}
}
"""


def test_go_provider_defaults_table(tmp_path: Path) -> None:
    got = found(tmp_path, "pkg/config/defaults.go", _GO_DEFAULTS)
    assert {(4, "gpt-5-mini"), (5, "claude-sonnet-4-5"), (6, "ai/qwen3:latest"), (7, "mistral-small-latest"),
            (19, "ai/embeddinggemma")} <= got
    # the values of a provider → model table are model settings (the local runner's `ai/qwen3:latest` beside the
    # cloud defaults); its provider keys are providers, though `mistral` is also a model's name
    assert (7, "mistral") not in got
    # a table keyed by model (no model value under its keys) is not a provider table: its keys stay models
    assert (12, "gpt-4o") in got and (13, "qwen2.5:7b") in got


_TS_TABLE = """export const ACME_MODELS = {
  "sonar-pro": {
    contextWindow: 200000,
  },
  sonar: {
    contextWindow: 128000,
  },
  "r1-1776": {
    contextWindow: 128000,
  },
  defaults: {
    temperature: 0.2,
  },
};

export const LIMITS = {
  "gpt-4o": { contextWindow: 128000 },
  o3: { contextWindow: 200000 },
};
"""


def test_ts_unquoted_key_of_a_quoted_model_table(tmp_path: Path) -> None:
    got = found(tmp_path, "src/llm.ts", _TS_TABLE)
    assert {(2, "sonar-pro"), (8, "r1-1776")} <= got
    # a key left unquoted by the formatter (a valid identifier) among quoted model ids is one of them
    assert (5, "sonar") in got
    # a settings entry is no model; one quoted key is no quoted table (`o3` left to the rules it had)
    assert not {r for _, r in got} & {"defaults", "o3", "contextWindow"}


_RAKE = """namespace :evals do
  task :compare, [ :dataset ] => :environment do |_t, args|
    models = (ENV["EVAL_MODELS"] || "gpt-4.1,gpt-4o-mini").split(",").map(&:strip)
    judge = ENV["JUDGE_MODEL"] || "o3-mini"
    label = ENV["RUN_LABEL"] || "nightly-7b"
  end
end
"""


def test_ruby_env_fallback_binds_the_variable(tmp_path: Path) -> None:
    got = found(tmp_path, "lib/tasks/evals.rake", _RAKE)
    # `ENV["X"] || "…"`: the fallback is the variable's value, a model list read item by item
    assert {(3, "gpt-4.1"), (3, "gpt-4o-mini"), (4, "o3-mini")} <= got
    assert (3, "gpt-4.1,gpt-4o-mini") not in got
    assert not {r for _, r in got} & {"nightly-7b"}


def test_external_place_word_stand_in(tmp_path: Path) -> None:
    text = ('class Assistant::Remote\n  def reply\n    AssistantMessage.new(content: "", ai_model: "external-agent")\n'
            '    AssistantMessage.new(content: "", ai_model: "claude-sonnet-4-5")\n  end\nend\n')
    got = found(tmp_path, "app/models/assistant/remote.rb", text)
    assert (4, "claude-sonnet-4-5") in got
    # an app's name for the agent it calls elsewhere (a place word first, as `remote-…`, `local-…`): no model
    assert (3, "external-agent") not in got


def test_snake_case_spelling_of_a_known_hub_model(tmp_path: Path) -> None:
    java = """package com.acme.filters;

import java.util.Map;

class FilterTest {
  void filters() {
    var results = Map.of(
        "azure_content_safety", Map.of("Hate", 6),
        "llama_guard_3_8b", Map.of("violent_crimes", true),
        "shield_3_8b", Map.of("x", true));
  }
}
"""
    got = found(tmp_path, "src/test/java/com/acme/filters/FilterTest.java", java)
    # Llama-Guard-3-8B (a Hub model the knowledge base holds) written as a filter's id
    assert (9, "llama_guard_3_8b") in got
    # the same shape naming nothing known is left alone
    assert not {r for _, r in got} & {"shield_3_8b", "azure_content_safety"}
    assert classify("llama_guard_3_8b", "none") is not None and classify("gpt_4o", "none") is None


_GO_SWITCH = """package model

func ProcessModelName(modelName string) (string, error) {
	switch modelName {
	case "acme-4":
		return "llama3:70b", nil
	case "acme-3.5":
		return "llama3:8b", nil
	case "acme-mixtral":
		return "mixtral:instruct", nil
	case "external_agent":
		return "external_agent", nil
	}
	return modelName, nil
}
"""


def test_place_word_name_among_switch_peers(tmp_path: Path) -> None:
    got = found(tmp_path, "api/pkg/model/models.go", _GO_SWITCH)
    assert {(6, "llama3:70b"), (8, "llama3:8b")} <= got
    # the app's own name for an agent configured elsewhere is no peer of the models beside it
    assert not {r for _, r in got} & {"external_agent"}
