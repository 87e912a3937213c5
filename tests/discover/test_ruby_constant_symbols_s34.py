"""A Ruby enum module writes each id as a symbol: quoted where the id is no Ruby name (``O3_MINI = :"o3-mini"``), bare
where it is one (``O3 = :o3``). A bare symbol that is the whole value of a constant is read as the quoted one is;
elsewhere a bare symbol is the program's own word (``role: :user``) and stays unread."""

from __future__ import annotations

from pathlib import Path

from .scan_helpers import found

CHAT_MODEL_ENUM = '''# frozen_string_literal: true

module OpenAI
  module Models
    module ChatModel
      extend OpenAI::Internal::Type::Enum

      O4_MINI = :"o4-mini"
      O3 = :o3
      O3_MINI = :"o3-mini"
      O1 = :o1
      O1_MINI = :"o1-mini"
      GPT_4O = :"gpt-4o"

      # @!method self.values
      #   @return [Array<Symbol>]
    end
  end
end
'''

ROLES = '''module Chat
  module Role
    USER = :user
    ASSISTANT = :assistant
  end

  def send(client)
    client.chat(role: :user, model: :o3_pending, modes: %i[fast slow])
  end
end
'''


def test_bare_symbol_constants_of_an_enum_module(tmp_path: Path) -> None:
    got = found(tmp_path, "lib/openai/models/chat_model.rb", CHAT_MODEL_ENUM)
    assert {(9, "o3"), (11, "o1")} <= got
    assert {(8, "o4-mini"), (10, "o3-mini"), (12, "o1-mini"), (13, "gpt-4o")} <= got


def test_other_bare_symbols_stay_unread(tmp_path: Path) -> None:
    assert found(tmp_path, "lib/chat.rb", ROLES) == set()
