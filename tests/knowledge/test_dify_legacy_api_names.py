"""Legacy hosted API names from Dify's official model plugins (langgenius/dify-official-plugins at 7af2283).

qwen-plus-chat / qwen-turbo-chat are Dify's names whose files say they correspond to qwen-plus / qwen-turbo;
chatglm_lite_32k is a Zhipu BigModel API name listed beside chatglm_lite. All API-only (proprietary, CN).
"""

from __future__ import annotations

import pytest

from modelmap.provenance.resolver import resolve


@pytest.mark.parametrize(
    ("query", "model"),
    [
        ("qwen-plus-chat", "qwen/qwen-plus"),
        ("qwen-turbo-chat", "qwen/qwen-turbo"),
        ("chatglm_lite_32k", "zhipu/chatglm_lite_32k"),
    ],
)
def test_legacy_api_names(query: str, model: str) -> None:
    res = resolve(query)
    assert res.model is not None and res.model["id"] == model
    assert res.license is not None and res.license["id"] == "proprietary"
    assert res.publisher is not None and res.publisher["country"] == "CN"
    assert list(res.origins) == ["CN"]


def test_chatglm_lite_is_still_itself() -> None:
    res = resolve("chatglm_lite")
    assert res.model is not None and res.model["id"] == "zhipu/chatglm_lite"
