"""A GitHub Actions expression's fallback model, template and tool-format names that are no models, fill-in values,
and a switch clause's spellings of the model it gives back. Fixtures written for these tests."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_WORKFLOW = '''\
name: notes
on: [push]
jobs:
  notes:
    runs-on: ubuntu-latest
    steps:
      - name: Generate notes
        env:
          LLM_API_KEY: ${{ secrets.OPENAI_API_KEY }}
          LLM_MODEL: ${{ vars.LLM_MODEL || secrets.LLM_MODEL || 'openai/gpt-4o-mini' }}
          SUMMARY_MODEL: ${{ inputs.model != '' && inputs.model || 'gpt-4.1-mini' }}
          LOG_LEVEL: ${{ vars.LOG_LEVEL || 'debug' }}
        run: python notes.py
'''


def test_a_workflow_expressions_fallback_under_a_model_key(tmp_path: Path) -> None:
    got = found(tmp_path, ".github/workflows/notes.yml", _WORKFLOW)
    assert {(10, "openai/gpt-4o-mini"), (11, "gpt-4.1-mini")} <= got
    assert not any(raw == "debug" for _, raw in got)


_TEMPLATES = '''\
from .conversation import Conversation, register_conv_template
from .tools import GLM4ToolUtils, Llama3ToolUtils, DefaultToolUtils

register_conv_template(
    Conversation(
        name="chatglm3",
        system_prompt="",
    )
)

TOOLS = {
    "default": DefaultToolUtils(),
    "glm4": GLM4ToolUtils(),
    "llama3": Llama3ToolUtils(),
}

MODELS = {"llama3": Llama3(), "qwen2.5": Qwen25Chat()}


def format_observation(value, tool_fmt):
    if tool_fmt == "glm4":
        return value
    return value


def pick(model_name):
    if model_name == "glm4":
        return 1
'''


def test_template_tool_and_format_names_are_no_models(tmp_path: Path) -> None:
    got = found(tmp_path, "training/template.py", _TEMPLATES)
    assert not any(line in (6, 13, 14, 21) for line, _ in got)
    # a model compared with a model variable, and a map whose values are named for the key alone, are still read
    assert (27, "glm4") in got
    assert (17, "llama3") in got


def test_fill_in_values_are_no_models(tmp_path: Path) -> None:
    text = ('python3 tools/model_quant.py --unquantized_model_path /path/to/unquantized/model '
            '--quantized_model_output_path /path/to/save/quantized/model\n'
            'python3 infer.py --model_path /data/checkpoints/qwen-7b-sft/model\n')
    got = found(tmp_path, "scripts/run_quant.sh", text)
    assert not any(raw.startswith("/path/to/") for _, raw in got)
    py = 'CONFIG = {"doubao": {"base_url": "https://ark.cn-beijing.volces.com/api/v3", "default_model": "ep-xxx"}}\n'
    assert not any(raw == "ep-xxx" for _, raw in found(tmp_path, "app/llm_client.py", py))


_RUBY_SWITCH = '''\
module Boxcars
  class Engines
    def self.engine(model: nil, **kw_args)
      case model
      when "online", "sonar"
        Boxcars::Perplexityai.new(model: "sonar", **kw_args)
      when "huge", "online_huge", "sonar_huge", "sonar-pro"
        Boxcars::Perplexityai.new(model: "sonar-pro", **kw_args)
      when "fast_lane", "gpt-4o"
        Boxcars::Openai.new(model: "gpt-4o-mini", **kw_args)
      end
    end
  end
end
'''


def test_a_clauses_labels_spell_the_model_it_gives_back(tmp_path: Path) -> None:
    got = found(tmp_path, "lib/boxcars/engines.rb", _RUBY_SWITCH)
    assert {(7, "sonar_huge"), (7, "sonar-pro")} <= got
    # bare words, a label not spelt from the model's first word, and a clause giving back another model
    assert not any(raw in ("huge", "online", "online_huge", "fast_lane") for _, raw in got)


def test_a_tests_value_that_says_what_it_expects_is_no_model(tmp_path: Path) -> None:
    text = ('package config\n\nfunc TestFilter(t *testing.T) {\n\tparams := map[string]any{\n'
            '\t\t"model":       "should-be-filtered",\n\t\t"temperature": 0.7,\n\t}\n'
            '\tkept := map[string]any{"model": "qwen2.5-7b-instruct"}\n\t_ = params\n\t_ = kept\n}\n')
    got = found(tmp_path, "internal/config/filters_test.go", text)
    assert (8, "qwen2.5-7b-instruct") in got
    assert not any(raw == "should-be-filtered" for _, raw in got)
