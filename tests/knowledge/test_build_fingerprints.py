"""scripts/build_fingerprints.py regenerates its part of fingerprints.yaml without dropping the entries that
scripts/kb_fingerprints.py keeps between its markers in the same lists."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def _module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("build_fingerprints", ROOT / "scripts" / "build_fingerprints.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


BLOCK_V = "# BEGIN generated (kb_fingerprints)\n- vocab_hash: blake3:bb\n  families: [yi]\n# END generated (kb_fingerprints)\n"
BLOCK_A = "# BEGIN generated (kb_fingerprints)\n- id: arch-b\n# END generated (kb_fingerprints)\n"
OURS = "schema: modelmap.fingerprints/1\nvocabularies:\n- vocab_hash: blake3:aa\n  families: [qwen]\narchitectures:\n- id: arch-a\n"


def test_the_other_scripts_blocks_stay_at_the_end_of_their_own_lists() -> None:
    current = OURS.replace("architectures:", BLOCK_V + "architectures:") + BLOCK_A
    assert _module().keep_generated(current, OURS) == current
    doc = yaml.safe_load(current)
    assert [v["vocab_hash"] for v in doc["vocabularies"]] == ["blake3:aa", "blake3:bb"]
    assert [a["id"] for a in doc["architectures"]] == ["arch-a", "arch-b"]


def test_a_regenerated_part_keeps_the_blocks_and_changes_only_its_own_entries() -> None:
    current = OURS.replace("architectures:", BLOCK_V + "architectures:") + BLOCK_A
    regenerated = OURS.replace("blake3:aa", "blake3:a2")
    out = _module().keep_generated(current, regenerated)
    assert BLOCK_V in out and BLOCK_A in out and "blake3:a2" in out and "blake3:aa" not in out
    assert out.index(BLOCK_V) < out.index("architectures:") < out.index(BLOCK_A)


def test_without_blocks_the_text_is_what_this_script_renders() -> None:
    assert _module().keep_generated(OURS, OURS) == OURS


def test_the_shipped_file_has_both_scripts_parts() -> None:
    text = (ROOT / "src" / "modelmap" / "knowledge" / "data" / "fingerprints.yaml").read_text(encoding="utf-8")
    kept = _module().KEPT.findall(text)
    assert len(kept) == 2  # one block in vocabularies, one in architectures
    assert _module().keep_generated(text, _module().KEPT.sub("", text)) == text
