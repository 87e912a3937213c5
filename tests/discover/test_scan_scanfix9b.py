"""Scan shapes read off held-out-7's false positives and misses after it was opened (scanfix9b, issue 10), written
here as our own fixtures."""

from __future__ import annotations

from pathlib import Path

import modelmap

GO_ROUTE_NAMES = """package gateway

type RouteName string

const (
	// RouteName is {vendor}/{version}/{operation}
	RouteChat       RouteName = "openai/v1/chatcompletions"
	RouteEmbed      RouteName = "openai/v1/embeddings"
	RouteRerank     RouteName = "cohere/v2/rerank"
	RouteGenerate   RouteName = "gemini/v1beta/generatecontent"
	RouteMessages   RouteName = "anthropic/v1/messages"
	RouteQwenTasks  RouteName = "qwen/v1/services/aigc"
)

var defaultModels = map[string]string{
	"chat":   "openai/gpt-4o-mini",
	"router": "openrouter/meta-llama/llama-3.1-8b-instruct",
}
"""


def _found(tmp_path: Path) -> set[tuple[int, str]]:
    return {(f.line, f.raw) for f in modelmap.scan(tmp_path).findings}


def test_a_vendor_version_operation_route_name_is_not_a_provider_prefixed_model(tmp_path: Path) -> None:
    (tmp_path / "routes.go").write_text(GO_ROUTE_NAMES)
    got = _found(tmp_path)
    raws = {raw for _, raw in got}
    for route in ("openai/v1/chatcompletions", "openai/v1/embeddings", "cohere/v2/rerank",
                  "gemini/v1beta/generatecontent", "anthropic/v1/messages", "qwen/v1/services/aigc"):
        assert route not in raws
    # a provider-prefixed model beside them is still found
    assert (16, "openai/gpt-4o-mini") in got
    assert (17, "openrouter/meta-llama/llama-3.1-8b-instruct") in got


RUBY_FAMILY_TABLE = """module Acme
  module Families
    PATTERNS = {
      gpt4o_mini: /^gpt-4o-mini/,
      o3: /^o3(?!-mini)/,
      o3_mini: /^o3-mini/,
      claude_haiku: /^claude-3-5-haiku/
    }.freeze

    PRICES = {
      o3: { input: 2.0, output: 8.0 },
      o3_mini: { input: 1.1, output: 4.4 }
    }.freeze

    DEFAULTS = {
      chat: 'gpt-4o-mini',
      o4: 'o4-mini'
    }.freeze

    def context_window(family)
      case family
      when 'o3', 'o3_mini' then 200_000
      else 128_000
      end
    end

    def family_of(model_id)
      case model_id
      when /mistral-large/ then 'mistral-large'
      when /codestral/ then 'codestral'
      else 'mistral'
      end
    end

    def default_for(kind)
      case kind
      when :code then 'codestral-2501'
      end
    end
  end
end
"""


def test_ruby_regex_pattern_names_and_regex_buckets_are_family_keys_not_models(tmp_path: Path) -> None:
    (tmp_path / "families.rb").write_text(RUBY_FAMILY_TABLE)
    got = _found(tmp_path)
    raws = {raw for _, raw in got}
    # a symbol key whose value is a regex names the pattern; the same name elsewhere in the file is that family
    for name in ("gpt4o_mini", "o3", "o3_mini", "claude_haiku"):
        assert name not in raws
    # the name a `when /regex/ then` clause returns is the family the regex matched
    assert (29, "mistral-large") not in got
    # real model ids beside them are still found: a string value, a symbol key whose value is not a regex,
    # and a `then` after a non-regex `when`
    assert (16, "gpt-4o-mini") in got
    assert (17, "o4-mini") in got
    assert (37, "codestral-2501") in got


SLURM_SERVE = """#!/bin/bash
#SBATCH --job-name=llm-server
#SBATCH --partition=gpu
#SBATCH --nodes=2
#SBATCH --gpus-per-node=8

set -euo pipefail

MODEL_PATH="Qwen/Qwen2.5-72B-Instruct"
SERVER_PORT=30000

srun python -m sglang.launch_server --model-path "$MODEL_PATH" --tp 16 --port $SERVER_PORT
"""


def test_a_slurm_batch_script_is_read_as_shell(tmp_path: Path) -> None:
    (tmp_path / "serve.slurm").write_text(SLURM_SERVE)
    (tmp_path / "serve.sbatch").write_text(SLURM_SERVE)
    got = {(f.path, f.line, f.raw) for f in modelmap.scan(tmp_path).findings}
    assert ("serve.slurm", 9, "Qwen/Qwen2.5-72B-Instruct") in got
    assert ("serve.sbatch", 9, "Qwen/Qwen2.5-72B-Instruct") in got


PY_MODEL_SWITCH = """import argparse

TRANSLATORS = {
    "openai": OpenAITranslator,
    "gpt4omini": OpenAITranslator,
    "o3mini": OpenAITranslator,
    "deepl": DeepLTranslator,
}


def configure(options):
    if options.model == "gpt4omini":
        options.translator.set_models(["gpt-4o-mini"])
    elif options.model == "o1preview":
        options.translator.set_models(["o1-preview"])
    label = "loading4x"
    return label
"""


def test_an_api_models_name_without_its_separators_is_found_where_a_model_is_expected(tmp_path: Path) -> None:
    (tmp_path / "cli.py").write_text(PY_MODEL_SWITCH)
    got = _found(tmp_path)
    assert (12, "gpt4omini") in got
    assert (14, "o1preview") in got
    # the real ids beside them still are, and a word that spells no model is not
    assert (13, "gpt-4o-mini") in got
    assert not any(raw == "loading4x" for _, raw in got)


GO_ROUTE_PREFIX = """package proxy

func TestRoutePrefix(t *testing.T) {
	config := map[string]interface{}{
		"provider": "acme",
		"basePath": "/baichuan-v2",
		"modelPath": "/models/deepseek-v3",
	}
	require.NotContains(t, path, "/baichuan-v2")
	weights := "/qwen2-7b"
	_ = weights
}
"""


def test_one_versioned_name_under_the_root_is_a_route_prefix_not_a_model_folder(tmp_path: Path) -> None:
    (tmp_path / "route_test.go").write_text(GO_ROUTE_PREFIX)
    got = _found(tmp_path)
    assert (6, "/baichuan-v2") not in got
    assert (9, "/baichuan-v2") not in got
    # a folder under a models directory, and a root folder named with a parameter count, still are
    assert (7, "/models/deepseek-v3") in got
    assert (10, "/qwen2-7b") in got
