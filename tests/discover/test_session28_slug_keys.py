"""A page's URL slug named after the model it serves (`seo_slug: "azure-gpt-5-1"`, `url_slug`) is not the model; the
`model_name` beside it is. A bare `slug` is a catalogue's model id in some formats (a coding agent's models file) and
is left to the other rules. Fixtures written for these tests, shaped like a hosted chat app's global model config and
a models catalogue."""

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
    url_slug: gpt-4o-mini-free
    model_name: "gpt-4o-mini"
"""


def test_a_slug_is_not_a_model(tmp_path: Path) -> None:
    got = found(tmp_path, "app/config/global_llm_config.example.yaml", _CONFIG)
    assert {(8, "gpt-5.1"), (12, "gpt-4o-mini")} <= got
    assert (6, "azure-gpt-5-1") not in got and (11, "gpt-4o-mini-free") not in got


def test_a_bare_slug_in_a_models_catalogue_is_still_read(tmp_path: Path) -> None:
    text = '{\n  "models": [\n    {\n      "slug": "gpt-5.4",\n      "display_name": "GPT-5.4"\n    }\n  ]\n}\n'
    assert (4, "gpt-5.4") in found(tmp_path, "internal/registry/models/client_models.json", text)
