"""Facts read on 2026-12-07 (kb42) for 2025-2026 open-weight records that had no licence or teacher: Hub page headers
of the repos themselves, and, where the repo's page was not reachable, readers of it that cite its LICENSE and agree.
Each test resolves the record as a user's id would and checks the fact and that a source covers it, so a record that
loses the fact (a generator's rerun, a hand edit) fails here. Licences whose readers disagree or whose text was not
read stay unknown, and a test pins that too."""

from __future__ import annotations

import pytest

from modelmap.knowledge.loader import load_index
from modelmap.provenance.resolver import resolve
from tests.provenance.record_fields import license_id, model_id


def _covers(mid: str, field: str) -> list[str]:
    rec = load_index().models[mid]
    return [s["url"] for s in rec.get("sources") or [] if field in (s.get("covers") or [])]


@pytest.mark.parametrize(("query", "licence"), [
    ("zai-org/GLM-5.2", "mit"),                    # readers of the card; license_link of its quantizations
    ("XiaomiMiMo/MiMo-V2.5-Pro", "mit"),           # readers citing the repo's LICENSE; MiMo-V2.5's own header is mit
    ("Qwen/Qwen3.8-27B", "apache-2.0"),            # readers citing the repo's LICENSE
    ("OpenGVLab/InternVL2_5-78B", "qwen"),         # the repo's Hub header: License: qwen
    ("google/owlvit-base-patch32", "apache-2.0"),  # the repo's Hub header
    ("OpenGVLab/InternVL3-1B", "apache-2.0"),      # InternVL3 licences differ by size: each repo's Hub header
    ("OpenGVLab/InternVL3-2B", "apache-2.0"),
    ("OpenGVLab/InternVL3-8B", "apache-2.0"),
    ("OpenGVLab/InternVL3-9B", "mit"),             # the InternLM3-based size
    ("OpenGVLab/InternVL3-14B", "apache-2.0"),
    ("OpenGVLab/InternVL3-78B", "qwen"),           # the Qwen2.5-72B-based size
    ("OpenGVLab/InternVL2-Llama3-76B", "llama3"),
    ("OpenGVLab/InternVL2_5-4B", "mit"),
    ("OpenGVLab/InternViT-300M-448px-V2_5", "mit"),   # generated records: corrections.yaml
    ("OpenGVLab/InternViT-6B-448px-V2_5", "mit"),
    ("Qwen/Qwen2.5-Math-1.5B", "apache-2.0"),
    ("Qwen/CodeQwen1.5-7B-Chat", "qwen"),          # license_name tongyi-qianwen
])
def test_licence_read_for_the_release(query: str, licence: str) -> None:
    rec = resolve(query).to_dict()
    assert license_id(rec) == licence
    assert _covers(model_id(rec) or "", "license"), "the licence cites a source that covers it"


def test_a_quantization_by_the_same_lab_inherits_the_licence_now_known() -> None:
    # the lab's own FP8 of GLM-5.2 has no licence of its own recorded: it takes the original's, marked inherited
    rec = resolve("zai-org/GLM-5.2-FP8").to_dict()
    assert license_id(rec) == "mit"


def test_llama4_scout_names_behemoth_as_teacher() -> None:
    # Meta's Llama 4 announcement: Scout and Maverick are distilled from Llama 4 Behemoth
    idx = load_index()
    assert idx.models["meta-llama/llama-4-scout-17b-16e"].get("teacher") == ["meta-llama/llama-4-behemoth"]
    assert _covers("meta-llama/llama-4-scout-17b-16e", "teacher")
    rec = resolve("meta-llama/Llama-4-Scout-17B-16E").to_dict()
    assert [t["model"] for t in rec.get("teachers") or []] == ["meta-llama/llama-4-behemoth"]
    assert rec.get("origins") == ["US"]   # the teacher is Meta's own: the origins stay US


@pytest.mark.parametrize("query", ["MiniMaxAI/MiniMax-M3", "deepseek-ai/DeepSeek-V4-Flash-0731"])
def test_licences_not_read_from_the_text_stay_unknown(query: str) -> None:
    # MiniMax-M3: a new "MiniMax Community License" whose text was not read; V4-Flash-0731: readers disagree
    assert license_id(resolve(query).to_dict()) in (None, "unknown")
