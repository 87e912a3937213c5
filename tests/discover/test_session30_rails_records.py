"""A Rails chat app's records: the SQL a migration keeps in a heredoc compares a model column with API names
(`WHERE api_name IN ('…')`), which are read as literals; an assistant's URL slug spelled after its model
(`slug: gpt-4o` beside `language_model_api_name: gpt-4o`, `assistant.update(slug: "gpt-4o")`,
`assert_equal "gpt-4o", a.slug`) is not the model, nor is a fixture's reference to another fixture's row by its
label (`language_model: gpt_4o`). A models catalogue keyed by a slug that is the model id is still read. Fixtures
written for these tests, shaped like a self-hosted chat app's migrations, seeds and tests."""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.polyglot import _ruby_sql_literals
from tests.discover.scan_helpers import found

_MIGRATION = """class AddSupportsVisionToLanguageModels < ActiveRecord::Migration[7.1]
  def change
    add_column :language_models, :supports_vision, :boolean, default: false

    execute <<~SQL
      UPDATE language_models
      SET supports_vision = true
      WHERE (api_name like 'gpt%' AND api_name <> 'gpt-3.5-turbo-0125')
         OR api_name IN ('claude-3-5-sonnet-20241022', 'gemini-1.5-flash-002');
    SQL
    say "updated"
  end
end
"""


def test_sql_in_a_migration_heredoc_names_its_models(tmp_path: Path) -> None:
    got = found(tmp_path, "db/migrate/20240901120000_add_supports_vision_to_language_models.rb", _MIGRATION)
    assert got == {(8, "gpt-3.5-turbo-0125"), (9, "claude-3-5-sonnet-20241022"), (9, "gemini-1.5-flash-002")}


def test_sql_literals_positions_and_columns() -> None:
    cands = {(c.value, c.line, c.column, c.compared_to) for c in _ruby_sql_literals(_MIGRATION)}
    assert ("gpt-3.5-turbo-0125", 8, 52, "api_name") in cands
    assert ("gemini-1.5-flash-002", 9, 57, "api_name") in cands
    assert ("gpt%", 8, 29, None) in cands  # a LIKE pattern: no comparison column, and no model
    text = 'x = <<~TEXT\n  api_name IN (\'gpt-4o\')\nTEXT\n'
    assert _ruby_sql_literals(text) == []  # a heredoc that does not say SQL


_SEEDS = """assistants:
- name: GPT-4o
  slug: gpt-4o
  description: "Model gpt-4o on OpenAI"
  language_model_api_name: gpt-4o
- name: Claude
  slug: claude-3-5-sonnet
  language_model_api_name: claude-3-5-sonnet-20241022
"""


def test_an_assistants_slug_beside_its_model_is_not_a_model(tmp_path: Path) -> None:
    got = found(tmp_path, "config/assistants.yml", _SEEDS)
    assert (5, "gpt-4o") in got and (8, "claude-3-5-sonnet-20241022") in got
    assert (3, "gpt-4o") not in got


def test_a_catalogue_slug_without_another_model_field_is_still_read(tmp_path: Path) -> None:
    text = '{"models": [{"slug": "gpt-4.1-mini", "display_name": "GPT-4.1 mini", "context_window": 1047576}]}\n'
    assert (1, "gpt-4.1-mini") in found(tmp_path, "registry/models.json", text)


_FIXTURES = """keith_gpt4:
  user: keith
  slug: gpt-4o
  language_model: gpt_4o
  name: OpenAI GPT-4o

keith_gemini:
  user: keith
  slug: gemini-1-5-pro
  language_model: gemini-1.5-pro-002
"""


def test_a_fixture_references_rows_by_label(tmp_path: Path) -> None:
    got = found(tmp_path, "test/fixtures/assistants.yml", _FIXTURES)
    assert (10, "gemini-1.5-pro-002") in got  # the row is labelled with the model id as written
    assert not {line for line, _ in got} & {3, 4, 9}


_TEST = """require "test_helper"

class SlugTest < ActiveSupport::TestCase
  test "slugs" do
    assistant = assistants(:keith_gpt4)
    assert_equal "gpt-4o", assistant.slug
    assistant.update(slug: "gpt-4o-mini")
    assistant.seo_slug = "gpt-4o-mini"
    assert_equal "gpt-4o-mini", assistant.language_model.api_name
    chat = client.chat(parameters: { model: "gpt-4o-mini", messages: [] })
  end
end
"""


def test_a_records_slug_in_code_is_not_a_model(tmp_path: Path) -> None:
    got = found(tmp_path, "test/models/assistant/slug_test.rb", _TEST)
    assert (9, "gpt-4o-mini") in got and (10, "gpt-4o-mini") in got
    assert not {line for line, _ in got} & {6, 7, 8}
