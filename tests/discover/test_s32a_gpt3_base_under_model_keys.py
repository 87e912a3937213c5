"""A GPT-3 base model's one-word API name (`davinci`, `curie`, `babbage`, `ada`) is a model where a key or call says
"model" in every reader that classifies through Collector.model (JSON / YAML configs, Python), as it already was for
the tree-sitter readers; the same word elsewhere is an ordinary word. Fixtures written for these tests (the shape of
a fine-tune API reply kept as a test fixture)."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

FINE_TUNE_JSON = '''{
  "id": "ft-AF1WoRqd3aJAHsqc9NY7iL8F",
  "object": "fine-tune",
  "model": "curie",
  "status": "pending",
  "training_files": [{"purpose": "fine-tune", "filename": "ada.jsonl"}]
}
'''

PY = '''import openai

def complete(prompt):
    return openai.Completion.create(model="davinci", prompt=prompt)

TEAM = "ada"
'''


def test_json_model_key(tmp_path: Path) -> None:
    got = found(tmp_path, "src/test/resources/fixtures/FineTune.json", FINE_TUNE_JSON)
    assert (4, "curie") in got, got
    assert not any(raw.startswith("ada") for _, raw in got), got


def test_python_model_keyword(tmp_path: Path) -> None:
    got = found(tmp_path, "app/complete.py", PY)
    assert (4, "davinci") in got, got
    assert "ada" not in {raw for _, raw in got}, got
