"""Recent open-weight releases carry the licence (and size) their maker states, read from the maker's own README or
card; the lab's own FP8 / base repos of the same release report the same licence."""

from __future__ import annotations

import pytest

from modelmap.knowledge.loader import load_index
from modelmap.provenance.resolver import resolve
from tests.provenance.record_fields import license_id, parents

QWEN36_README = "https://github.com/QwenLM/Qwen3.6/blob/3fe6331717372ce85bd3e9f2ce877adb39bc6fd5/README.md"


@pytest.mark.parametrize("query", ["Qwen/Qwen3.6-35B-A3B", "Qwen/Qwen3.6-27B", "qwen3.6:35b",
                                   "Qwen/Qwen3.6-27B-FP8", "Qwen/Qwen3.6-35B-A3B-FP8",
                                   "Qwen/Qwen3.5-0.8B-Base", "Qwen/Qwen3.5-2B-Base", "Qwen/Qwen3.5-4B-Base"])
def test_qwen35_36_open_weights_are_apache(query: str) -> None:
    assert license_id(resolve(query).to_dict()) == "apache-2.0"


def test_qwen36_35b_a3b_size_and_release_cite_their_source() -> None:
    rec = load_index().models["qwen/qwen3.6-35b-a3b"]
    assert (rec.get("params"), rec.get("active_params"), str(rec.get("released"))) == ("35B", "3B", "2026-04-16")
    assert any(s["url"] == QWEN36_README for s in rec["sources"])


def test_qwen3_omni_captioner_is_the_instruct_models_fine_tune() -> None:
    assert parents(resolve("Qwen/Qwen3-Omni-30B-A3B-Captioner").to_dict()) == ["qwen/qwen3-omni-30b-a3b-instruct"]
