"""A model table's stand-in entries (tuneB32): an app's ``gpt-best`` / ``claude-best`` ("Best OpenAI Model") or
``gemini-auto`` resolves to whichever model of that family it picks, and names none, as a router's ``openrouter/auto``
does; the table's real ids, its unknown versioned entries and a pick word after an unknown service's name (its own
router id) are still models. The fixture is written for this test
in the shape of a Rails migration seeding a language-model table."""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.peers import peer_shaped
from tests.discover.scan_helpers import found

MIGRATION = """\
class CreateLanguageModels < ActiveRecord::Migration[7.1]
  def up
    [
      [1, "gpt-best", "Best OpenAI Model", true],
      [2, "claude-best", "Best Anthropic Model", true],
      [3, "gpt-4o", "GPT-4o", true],
      [4, "gpt-4o-2024-05-13", "GPT-4o Omni", true],
      [5, "gpt-4-turbo", "GPT-4 Turbo", true],
      [6, "claude-3-opus-20240229", "Claude 3 Opus", true],
      [7, "claude-3-haiku-20240307", "Claude 3 Haiku", true],
      [8, "acme-chat-2", "Acme Chat 2", true],
    ].each do |id, api_name, name, supports_images|
      LanguageModel.create!(id: id, api_name: api_name, name: name, supports_images: supports_images)
    end
  end
end
"""


def test_pick_word_entries_of_a_model_table_are_no_models(tmp_path: Path) -> None:
    got = found(tmp_path, "db/migrate/20240101000000_create_language_models.rb", MIGRATION)
    assert (4, "gpt-best") not in got
    assert (5, "claude-best") not in got
    assert (6, "gpt-4o") in got
    assert (9, "claude-3-opus-20240229") in got
    assert (11, "acme-chat-2") in got  # an unknown entry with a version, accepted by its known peers


def test_pick_word_after_an_unknown_service_name_stays_peer_shaped() -> None:
    # a service's own router id under a word that is no family or provider the knowledge base knows: left to the table
    assert peer_shaped("relay-auto")
    assert not peer_shaped("gemini-auto")
    assert not peer_shaped("gpt-best")
