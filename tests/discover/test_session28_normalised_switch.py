"""A switch on a normalised model value (`case model.to_s`, `switch strings.ToLower(model)`) is a switch on the
model: its case labels are read as literals compared with `model` are; a provider's name as a label (an engine
factory's provider shortcut) is not a model. Fixtures written for these tests, shaped like an LLM library's engine
factory."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_RUBY = """module Kit
  class Engines
    def self.engine(model: nil, **kw_args)
      case model.to_s
      when "anthropic", "sonnet"
        Kit::Anthropic.new(model: "claude-sonnet-4-0", **kw_args)
      when "online", "sonar"
        Kit::Perplexity.new(model: "sonar", **kw_args)
      when "mistral"
        Kit::Groq.new(model: "mistral-saba-24b", **kw_args)
      else
        raise ArgumentError, "unknown model #{model}"
      end
    end
  end
end
"""

_GO = """package engines

import "strings"

func ForModel(model string) Engine {
	switch strings.ToLower(model) {
	case "opus":
		return NewAnthropic("claude-opus-4-0")
	case "deepseek":
		return NewGroq("deepseek-r1-distill-llama-70b")
	}
	return nil
}
"""


def test_ruby_case_on_model_to_s(tmp_path: Path) -> None:
    got = found(tmp_path, "lib/kit/engines.rb", _RUBY)
    assert {(5, "sonnet"), (7, "sonar")} <= got
    assert (9, "mistral") not in got and (5, "anthropic") not in got


def test_go_switch_on_lowered_model(tmp_path: Path) -> None:
    got = found(tmp_path, "engines/engines.go", _GO)
    assert (7, "opus") in got
    assert (9, "deepseek") not in got
