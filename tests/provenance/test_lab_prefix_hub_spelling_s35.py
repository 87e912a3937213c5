"""A `<lab>/<name>` id whose name is the open-weights release's Hub name names no server (tryfix34 item 12).

`deepseek/deepseek-r1` is how OpenRouter, the Hub and litellm's alias table write DeepSeek-R1; DeepSeek's own API
serves it as `deepseek-reasoner` and takes no `deepseek-r1`. The shipped catalogue keeps litellm's key under the
DeepSeek API, so trace said "served by DeepSeek API (CN)" from the form alone, a CN serving fact no code showed.
A provider's own names (the catalogue's bare price-list names) prefixed by the lab stay the lab's API.
"""

from __future__ import annotations

import pytest

from modelmap.provenance.resolver import resolve


def _served(query: str) -> str | None:
    return (resolve(query).served_by or {}).get("id")


@pytest.mark.parametrize("query", ["deepseek/deepseek-r1", "deepseek/deepseek-v3.2-exp", "openai/gpt-oss-120b"])
def test_a_hub_release_name_behind_a_lab_prefix_names_no_server(query: str) -> None:
    res = resolve(query)
    assert res.model is not None  # still resolved to the release
    assert res.served_by is None


@pytest.mark.parametrize(("query", "server"), [
    ("deepseek/deepseek-chat", "deepseek-api"),
    ("deepseek/deepseek-reasoner", "deepseek-api"),
    ("openai/gpt-4.1-mini", "openai-api"),
    ("mistral/open-mistral-nemo", "mistral-api"),
])
def test_the_lab_apis_own_names_keep_their_server(query: str, server: str) -> None:
    assert _served(query) == server
