"""Claude 2.x as Anthropic's API and Amazon Bedrock name it (the Bedrock id through litellm's region path).

Expectations read from Anthropic's model status table (claude-2.0, claude-2.1) and litellm 1.80.0's
catalogue (anthropic.claude-v2:1 under litellm_provider bedrock), not from the resolver.
"""

from __future__ import annotations

import pytest

from modelmap.provenance.resolver import resolve


@pytest.mark.parametrize(
    "query",
    ["bedrock/eu-central-1/anthropic.claude-v2:1", "bedrock/anthropic.claude-v2:1", "anthropic.claude-v2:1", "claude-2.1"],
)
def test_claude_2_1_forms(query: str) -> None:
    res = resolve(query)
    assert res.model is not None and res.model["id"] == "anthropic/claude-2.1"
    assert res.license is not None and res.license["id"] == "proprietary"
    assert list(res.origins) == ["US"]


def test_bedrock_region_path_is_served_by_bedrock() -> None:
    res = resolve("bedrock/eu-central-1/anthropic.claude-v2:1")
    assert res.served_by is not None and res.served_by["id"] == "aws-bedrock"


def test_claude_2_0_is_not_claude_2_1() -> None:
    res = resolve("claude-2.0")
    assert res.model is not None and res.model["id"] == "anthropic/claude-2.0"
