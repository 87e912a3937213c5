"""Session 35 (brief prov39): key 32's misses by general cause.

* litellm's ``qwencloud`` and ``qwen_ai_platform`` prefixes are Alibaba Model Studio (DashScope) endpoints (litellm
  1.110.2, ``litellm/llms/dashscope/qwencloud.py`` and ``qwen_ai_platform.py``): a DashScope name behind them,
  dated snapshots included, resolves as it does behind ``dashscope/``.
"""

from __future__ import annotations

import pytest

from modelmap.provenance.resolver import resolve


@pytest.mark.parametrize(("query", "model_id", "served_by"), [
    ("qwencloud/qwen-plus-2025-09-11", "qwen/qwen-plus", "dashscope-intl"),
    ("qwencloud/qwen3-max-2026-01-23", "qwen/qwen3-max", "dashscope-intl"),
    ("qwen_ai_platform/qwen-flash-2025-07-28", "qwen/qwen-flash", "dashscope-cn"),
    ("qwen_ai_platform/qwen-turbo-2025-04-28", "qwen/qwen-turbo", "dashscope-cn"),
])
def test_alibaba_gateway_prefixes_resolve_the_dashscope_name(query: str, model_id: str, served_by: str) -> None:
    res = resolve(query).to_dict()
    assert res["model"]["id"] == model_id
    assert res["license"]["id"] == "proprietary"
    assert res["publisher"]["country"] == "CN"
    assert res["served_by"]["id"] == served_by
