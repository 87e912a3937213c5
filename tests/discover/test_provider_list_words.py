"""Issue 10, session 30 (tuneB30): provider model lists.

* ``includes("gpt-4-1106")`` tests the start of API ids the knowledge base knows (gpt-4-1106-preview), not an id;
* a provider's one-word id (``command``, ``sonar``) among that provider's other ids is a model.
"""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_TS_PROVIDER = """\
export default class CohereProvider extends BaseProvider {
  staticModels: ModelInfo[] = [
    { name: 'command-r-plus', label: 'Command R plus', provider: 'Cohere', maxTokenAllowed: 4096 },
    { name: 'command-r', label: 'Command R', provider: 'Cohere', maxTokenAllowed: 4096 },
    { name: 'command', label: 'Command', provider: 'Cohere', maxTokenAllowed: 4096 },
    { name: 'command-light', label: 'Command Light', provider: 'Cohere', maxTokenAllowed: 4096 },
  ];

  limits(m: any) {
    if (m.id?.includes('gpt-4-1106')) {
      return 128000;
    } else if (m.id?.includes('claude-4')) {
      return 32000;
    } else if (m.id?.includes('gpt-4-turbo')) {
      return 128000;
    }
    return 8000;
  }
}
"""


def test_provider_one_word_id_and_id_prefixes(tmp_path: Path) -> None:
    got = found(tmp_path, "app/providers/cohere.ts", _TS_PROVIDER)
    assert (5, "command") in got  # Cohere's own one-word id among its other ids
    assert (14, "gpt-4-turbo") in got  # a whole id tested as a substring is still one
    raws = {raw for _, raw in got}
    assert not raws & {"gpt-4-1106", "claude-4"}  # the start of ids (gpt-4-1106-preview, claude-4-opus-…)


def test_one_word_id_among_another_providers_ids(tmp_path: Path) -> None:
    text = _TS_PROVIDER.replace("'command-r-plus'", "'gpt-4o'").replace("'command-r'", "'gpt-4o-mini'") \
        .replace("'command-light'", "'gpt-4.1'")
    got = found(tmp_path, "app/providers/openai.ts", text)
    assert "command" not in {raw for _, raw in got}
