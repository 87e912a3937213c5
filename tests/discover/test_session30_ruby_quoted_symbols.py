"""A Ruby symbol written with quotes (`:"gemini-1.5-pro-002"`: a bare symbol cannot hold `-` or `.`) is read as a
string literal is: a fixture accessor's row named with the model id, a hash keyed by model ids. Other quoted symbols
(`:"content-type"`) name no model. Fixture written for these tests, shaped like a Rails app's model test."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_TEST = """require "test_helper"

class LanguageModelTest < ActiveSupport::TestCase
  PRICES = { :"gpt-4o-mini" => 0.15, :"content-type" => "json" }

  test "logo_filename" do
    assert_equal "google_logo.svg", language_models(:"gemini-1.5-pro-002").logo_filename
  end
end
"""


def test_quoted_symbols_are_read_as_strings(tmp_path: Path) -> None:
    got = found(tmp_path, "test/models/language_model_test.rb", _TEST)
    assert got == {(4, "gpt-4o-mini"), (7, "gemini-1.5-pro-002")}
