"""The packaged fingerprint files load, and a broken one fails loudly instead of making every answer unknown
(insp30 saw a YAML slip in structures.yaml turn inspect silently into 'unknown' for everything)."""

from __future__ import annotations

from pathlib import Path

import pytest

from modelmap.artifacts import identify
from modelmap.errors import KnowledgeError


def test_shipped_files_load_with_structures() -> None:
    identify.load_fingerprints.cache_clear()
    doc = identify.load_fingerprints()
    ids = {e.get("id") for e in doc["fingerprints"]}
    hand = identify._packaged_yaml(identify.STRUCTURES, identify.yaml.SafeLoader)["structures"]
    assert hand and {e["id"] for e in hand if e.get("family")} <= ids


@pytest.mark.parametrize("text", ["structures: [\n  - {id: x, family: y\n", "- just\n- a list\n"])
def test_a_broken_structures_file_is_a_knowledge_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      text: str) -> None:
    bad = tmp_path / "structures.yaml"
    bad.write_text(text)
    monkeypatch.setattr(identify, "STRUCTURES", bad)
    identify.load_fingerprints.cache_clear()
    try:
        with pytest.raises(KnowledgeError, match=r"structures\.yaml"):
            identify.load_fingerprints()
    finally:
        monkeypatch.undo()
        identify.load_fingerprints.cache_clear()
