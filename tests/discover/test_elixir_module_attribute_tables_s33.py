"""A model table held in an Elixir module attribute (tuneD33).

Elixir modules keep their constant tables in module attributes (`@vertex_ai_models %{embedding_gemma:
"embeddinggemma"}`); tree-sitter-elixir parses `@name value` as a call of `name` under the `@` operator, so the
attribute's name reached an entry as a call's name, which says nothing, and a bare name the knowledge base knows
(`embeddinggemma`, `qwen3`) was dropped as a word. The attribute is the entry's table now (candidates._context binds
it, written `@name`), and a table named for models makes its entries' values model slots (classifier.context_hint),
as a constant table's name does in other languages. A table named otherwise keeps its words."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

ELIXIR = """\
defmodule MyApp.Models do
  @vertex_ai_models %{
    embedding_gemma: "embeddinggemma",
    default: "gemini-2.5-flash-lite"
  }

  @chat_models %{
    local: "qwen3",
    small: "phi4"
  }

  @voices %{
    calm: "aoede",
    bright: "puck"
  }

  @themes %{dark: "midnight", light: "paper"}
end
"""


def test_module_attribute_model_tables(tmp_path: Path) -> None:
    out = found(tmp_path, "lib/my_app/models.ex", ELIXIR)
    assert {(3, "embeddinggemma"), (4, "gemini-2.5-flash-lite"), (8, "qwen3"), (9, "phi4")} <= out
    assert not {raw for _, raw in out if raw in ("aoede", "puck", "midnight", "paper")}
