"""Parents and API names read on the maker's own card or a gateway's page for the model (prov36)."""

from __future__ import annotations

import pytest

from modelmap.provenance.resolver import resolve
from tests.provenance.record_fields import model_id, parents


@pytest.mark.parametrize("size", ["1.5B", "7B", "72B"])
def test_acemath_instruct_is_developed_from_qwen25_math_base(size: str) -> None:
    rec = resolve(f"nvidia/AceMath-{size}-Instruct").to_dict()
    assert parents(rec) == [f"qwen/qwen2.5-math-{size.lower()}"]
    assert sorted(rec["origins"]) == ["CN", "US"]


def test_grok_3_mini_beta_is_the_mini_model_served_by_xai() -> None:
    rec = resolve("xai/grok-3-mini-beta").to_dict()
    assert model_id(rec) == "xai/grok-3-mini"
    assert (rec.get("served_by") or {}).get("id") == "xai-api"


def test_model_studio_realtime_asr_name_is_qwens_api_only_model() -> None:
    rec = resolve("qwen3-asr-flash-realtime").to_dict()
    assert model_id(rec) == "qwen/qwen3-asr-flash-realtime"
    assert rec["origins"] == ["CN"]
    assert rec["license"]["id"] == "proprietary"
