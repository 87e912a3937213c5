"""Minitest's `assert_equal expected, actual` (and `refute_equal`) compares the expected value with the actual one,
as JUnit's assertEquals does: a one-word model id the provider serves, expected of a model accessor, is found.
Fixture written for this test, shaped like a workflow tool's chat config tests."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_TEST = """# frozen_string_literal: true

require "test_helper"

class ChatConfigTest < ActiveSupport::TestCase
  setup do
    @config = Chat::Config.new
  end

  test "valid_model returns perplexity default model when provider is perplexity" do
    @config.provider(:perplexity)
    assert_equal "sonar", @config.valid_model
  end

  test "the provider's name is not a model" do
    assert_equal "perplexity", @config.provider_name
  end
end
"""


def test_assert_equal_on_a_model_accessor(tmp_path: Path) -> None:
    got = found(tmp_path, "test/chat/config_test.rb", _TEST)
    assert (12, "sonar") in got
    assert not any(raw == "perplexity" for _, raw in got)
