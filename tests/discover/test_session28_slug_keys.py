"""A page's URL slug named after the model it serves (`seo_slug: "azure-gpt-5-1"`) is not the model; the
`model_name` beside it is. Fixture written for this test, shaped like a hosted chat app's global model config."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_CONFIG = """global_llm_configs:
  - id: -1
    name: "Azure GPT 5.1"
    billing_tier: "premium"
    seo_enabled: true
    seo_slug: "azure-gpt-5-1"
    provider: "azure"
    model_name: "gpt-5.1"
  - id: -2
    name: "GPT 4o mini (free)"
    slug: gpt-4o-mini
    model_name: "gpt-4o-mini"
"""


def test_a_slug_is_not_a_model(tmp_path: Path) -> None:
    got = found(tmp_path, "app/config/global_llm_config.example.yaml", _CONFIG)
    assert {(8, "gpt-5.1"), (12, "gpt-4o-mini")} <= got
    assert (6, "azure-gpt-5-1") not in got and (11, "gpt-4o-mini") not in got
