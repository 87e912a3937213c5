"""scanfix15a: names that are not models though they are built on a model's or vendor's name: an app's requesters
named after the API protocol they speak (``openai-chat-completions``, ``anthropic-messages``) and ``your-…`` fill-ins
in an .env example.

Fixtures are written for these tests (not copied from the corpus)."""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.identify import classify
from tests.discover.scan_helpers import found as _found

_REQUESTERS = """\
REQUESTER_FAMILIES = {
    'openai-chat-completions': 'openai',
    'anthropic-messages': 'anthropic',
    'deepseek-chat-completions': 'deepseek',
    'doubao-chat-completions': 'doubao',
}

CASES = [
    ('openai', 'openai-chat-completions', 'gpt-5'),
    ('anthropic', 'anthropic-messages', 'claude-sonnet-4-5'),
    ('deepseek', 'deepseek-chat-completions', 'deepseek-chat'),
    ('openai', 'doubao-chat-completions', 'doubao-seed-1-6-250615'),
]
"""


def test_a_requester_named_after_its_api_protocol_is_not_a_model(tmp_path: Path) -> None:
    found = _found(tmp_path, "test_requesters.py", _REQUESTERS)
    raws = {raw for _line, raw in found}
    assert not any(raw.endswith(("-chat-completions", "-messages")) for raw in raws), raws
    assert (9, "gpt-5") in found and (11, "deepseek-chat") in found  # the models beside them still count


def test_protocol_tails_are_refused_under_every_hint_but_models_are_not() -> None:
    for hint in ("none", "api", "key"):
        assert classify("deepseek-chat-completions", hint) is None
        assert classify("openai-responses", hint) is None
        assert classify("anthropic-messages", hint) is None
    assert classify("gpt-4o", "none") is not None
    assert classify("deepseek-chat", "api") is not None


_ENV_EXAMPLE = """\
# Copy to .env.local and fill in your values
ARK_BASE_URL=your-ark-base-url
DOUBAO_1_5_VP=your-doubao-1-5-vp-model-id
DOUBAO_SEED_1_6=your-doubao-seed-1-6-model-id
OPENAI_MODEL=gpt-4o
"""


def test_a_your_fill_in_is_not_a_model_even_outside_a_model_key(tmp_path: Path) -> None:
    found = _found(tmp_path, ".env.local.example", _ENV_EXAMPLE)
    assert found == {(5, "gpt-4o")}


_MODES_TS = """\
export function parseAction(input: {
  text: string;
  mode?: 'bc' | 'o1';
}): string {
  const { text, mode = 'bc' } = input;
  if (mode === 'o1') {
    return text.trim();
  }
  return text;
}

export function promptFor(version: 'ui-tars-1.5' | 'doubao-1.5-ui-tars-20b' | undefined): string {
  return version === 'doubao-1.5-ui-tars-20b' ? 'a' : 'b';
}
"""


def test_a_model_shaped_option_of_a_union_of_words_is_an_option(tmp_path: Path) -> None:
    found = _found(tmp_path, "src/actionParser.ts", _MODES_TS)
    assert not {raw for _line, raw in found} & {"o1"}, found
    # a union of versioned names has no plain word: its models still count
    assert (13, "doubao-1.5-ui-tars-20b") in found


_HINTS_PY = """\
class Requester:
    _EMBEDDING_MODEL_HINTS = ('embedding', 'embed', 'bge-', 'e5-', 'm3e', 'gte-', 'text-embedding')
    REASONING_MODEL_PREFIXES = ['o1', 'o3', 'deepseek-r1']
    VISION_MODELS = ['gpt-4o', 'qwen-vl-max']

    def is_embedding(self, name: str) -> bool:
        return any(h in name.lower() for h in self._EMBEDDING_MODEL_HINTS)
"""


def test_a_list_of_substring_hints_is_not_a_model_list(tmp_path: Path) -> None:
    found = _found(tmp_path, "requester.py", _HINTS_PY)
    raws = {raw for _line, raw in found}
    assert not raws & {"e5-", "m3e", "text-embedding", "bge-", "gte-"}, raws
    assert (4, "gpt-4o") in found and (4, "qwen-vl-max") in found  # a list of models beside them still counts


_LLM_RB = """\
module Ai
  class Llm
    def self.presets
      [
        {
          id: "mistral_preset",
          models: [{ name: "mistral-large-latest", tokens: 128_000 }],
          endpoint: "https://api.mistral.ai/v1/chat/completions",
          provider: "mistral",
        },
      ]
    end

    def self.provider_names
      providers = %w[anthropic open_ai mistral]
      providers
    end
  end
end
"""


def test_a_provider_id_under_a_provider_name_is_not_a_model(tmp_path: Path) -> None:
    found = _found(tmp_path, "lib/llm.rb", _LLM_RB)
    assert not {raw for _line, raw in found} & {"mistral"}, found
    assert (7, "mistral-large-latest") in found
