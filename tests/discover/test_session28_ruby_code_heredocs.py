"""Ruby code kept in a heredoc whose delimiter says so (`<<~RUBY` … `RUBY`: a test's workflow written inline) is read
as Ruby, each literal at its own line and column; a heredoc of prose or another delimiter is not. Fixture written for
these tests, shaped like a workflow DSL's functional tests."""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.polyglot import _ruby_code_heredocs
from tests.discover.scan_helpers import found

_TEST = """# frozen_string_literal: true

require "test_helper"

class ExamplesTest < ActiveSupport::TestCase
  test "chat base_url configuration is respected" do
    workflow_code = <<~RUBY
      config do
        chat(:test) do
          model("gpt-4o")
          api_key("dummy-test-key")
        end
      end
    RUBY
    notes = <<~TEXT
      model("claude-3-haiku-20240307") is only mentioned here
    TEXT
    run_workflow(workflow_code, notes)
  end
end
"""


def test_a_ruby_heredoc_is_read_as_ruby(tmp_path: Path) -> None:
    got = found(tmp_path, "test/examples/functional/examples_test.rb", _TEST)
    assert (10, "gpt-4o") in got
    assert not any(line == 16 for line, _ in got)  # a TEXT heredoc is prose


def test_the_masked_text_keeps_lines_and_columns() -> None:
    masked = _ruby_code_heredocs(_TEST)
    assert masked is not None and len(masked) == len(_TEST)
    assert masked.splitlines()[9] == _TEST.splitlines()[9]
    assert masked.splitlines()[6].strip() == "" and masked.splitlines()[15].strip() == ""
    assert _ruby_code_heredocs('x = <<~SQL\n  select 1\nSQL\n') is None
