"""Prices as sourced, dated data (issue 14 item 4): the shipped table, its reader, the ingest parsers and
user overrides from modelmap.yaml."""

from __future__ import annotations

import importlib.util
import json
import sys
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest

from modelmap.errors import ConfigError
from modelmap.knowledge import load
from modelmap.switch import prices
from modelmap.switch.prices import (
    PRICES_PATH,
    api_shape,
    load_overrides,
    load_prices,
    overrides_from_config,
    price,
)
from tests.conftest import ROOT

COMPROMISED_LITELLM = {"1.82.7", "1.82.8", "1.107.0"}


def _ingest() -> ModuleType:
    scripts = str(ROOT / "scripts")
    if scripts not in sys.path:
        sys.path.insert(0, scripts)
    spec = importlib.util.spec_from_file_location("ingest_prices", ROOT / "scripts" / "ingest_prices.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_table_header_records_pinned_packages_license_and_retrieval_date() -> None:
    doc = json.loads(PRICES_PATH.read_text())
    assert doc["schema"] == "modelmap.prices/1"
    lit, gen = doc["sources"]["litellm"], doc["sources"]["genai-prices"]
    assert lit["package"] == "litellm" and lit["license"] == "MIT"
    assert lit["version"] not in COMPROMISED_LITELLM
    assert gen["package"] == "genai-prices" and gen["license"] == "MIT"
    for src in (lit, gen):
        date.fromisoformat(src["retrieved"])
        assert src["url"].startswith("https://pypi.org/project/")


def test_every_entry_maps_to_known_ids_and_every_price_has_source_and_date() -> None:
    kb = load()
    table = load_prices()
    assert len(table.entries) > 1000
    for (provider, _name), p in table.entries.items():
        assert provider in kb.providers, provider
        assert p.model is None or p.model in kb.models, p.model
        assert p.source in ("litellm", "genai-prices")
        date.fromisoformat(p.as_of)
        assert p.quotes and any(q.source == p.source for q in p.quotes)
        for q in p.quotes:
            date.fromisoformat(q.as_of)
            assert q.version
            assert q.input is None or q.input >= 0
            assert q.output is None or q.output >= 0
        assert (p.input, p.output) != (None, None)


def test_deepseek_chat_keeps_both_sources_where_they_disagree() -> None:
    # issue 14 names deepseek-chat: LiteLLM 1.110.2 lists 0.28 / 0.42 (its source: DeepSeek's pricing page),
    # genai-prices 0.2.3 a default of 0.135 / 0.55 next to a time-of-day price
    p = price("deepseek-api", "deepseek-chat")
    assert p is not None
    assert p.model is None  # the KB deliberately maps this time-varying alias to no single model
    assert (p.source, p.input, p.output) == ("litellm", 0.28, 0.42)
    assert p.source_url == "https://api-docs.deepseek.com/quick_start/pricing"
    quotes = {q.source: (q.input, q.output) for q in p.quotes}
    assert quotes == {"litellm": (0.28, 0.42), "genai-prices": (0.135, 0.55)}
    assert p.disagree
    assert p.to_dict()["disagree"] is True and len(p.to_dict()["quotes"]) == 2


def test_same_weights_have_several_hosts_cheapest_first() -> None:
    hosts = load_prices().hosts("deepseek-ai/deepseek-v3")
    providers = [h.provider for h in hosts]
    assert {"deepseek-api", "together-ai", "fireworks-ai"} <= set(providers)
    blended = [prices.blended(h) for h in hosts]
    known = [b for b in blended if b is not None]
    assert known == sorted(known)
    together = price("together-ai", "deepseek-ai/deepseek-v3")
    assert together is not None and together.key == "together_ai/deepseek-ai/DeepSeek-V3"
    assert together.features["tools"] is True


def test_api_shape_comes_from_litellms_openai_compatible_list() -> None:
    assert api_shape("openai-api") == "openai"
    assert api_shape("together-ai") == "openai"
    assert api_shape("deepseek-api") == "openai"
    assert api_shape("aws-bedrock") is None  # Bedrock has its own API
    assert api_shape(None) is None


def test_ingest_reads_genai_prices_literals_default_price_and_tiers() -> None:
    ingest = _ingest()
    source = '''
data = [
    Provider(
        id='deepseek',
        models=[
            ModelInfo(
                id='deepseek-chat',
                context_window=64000,
                prices=[
                    ConditionalPrice(prices=ModelPrice(input_mtok=Decimal('0.135'), output_mtok=Decimal('0.55'))),
                    ConditionalPrice(constraint=TimeOfDateConstraint(), prices=ModelPrice(input_mtok=Decimal('0.27'))),
                ],
            ),
            ModelInfo(id='tiered', prices=ModelPrice(
                input_mtok=TieredPrices(base=Decimal('1.25'), tiers=[Tier(start=200000, price=Decimal('2.5'))]),
                output_mtok=Decimal('10'))),
            ModelInfo(id='no-price', prices=ModelPrice()),
        ],
    ),
    Provider(id='not-mapped', models=[ModelInfo(id='x', prices=ModelPrice(input_mtok=Decimal('1')))]),
]
'''
    got = ingest.genai_prices(source, {"deepseek-api": "deepseek"})
    assert got == {
        "deepseek/deepseek-chat": {"provider": "deepseek-api", "input": 0.135, "output": 0.55, "context": 64000},
        "deepseek/tiered": {"provider": "deepseek-api", "input": 1.25, "output": 10.0, "context": None},
    }


def test_ingest_reads_openai_compatible_providers_without_importing_litellm() -> None:
    ingest = _ingest()
    source = 'from typing import Final, List\nopenai_compatible_providers: Final[List[str]] = ["groq", "deepseek"]\n'
    assert ingest.openai_compatible(source) == ["groq", "deepseek"]
    assert ingest.openai_compatible("x = 1\n") == []


def test_overrides_win_and_keep_the_shipped_quotes() -> None:
    raw = [{"provider": "together-ai", "model": "deepseek-ai/deepseek-v3", "input": 0.6, "output": 0.6,
            "source": "contract with Together, 2026-11", "as_of": date(2026, 11, 30)}]
    overrides = overrides_from_config(raw)
    p = price("together-ai", "deepseek-ai/deepseek-v3", overrides=overrides)
    assert p is not None
    assert (p.input, p.output, p.source, p.as_of) == (0.6, 0.6, "modelmap.yaml", "2026-11-30")
    assert p.version == "contract with Together, 2026-11"
    assert [q.source for q in p.quotes] == ["modelmap.yaml", "litellm"]
    assert p.disagree  # the contract price differs from LiteLLM's 1.25 / 1.25
    shipped = price("together-ai", "deepseek-ai/deepseek-v3")
    assert shipped is not None and shipped.input == 1.25


@pytest.mark.parametrize("entry, message", [
    ({"provider": "x", "model": "m", "input": 1, "as_of": "2026-11-30"}, "needs source"),
    ({"provider": "x", "model": "m", "input": 1, "source": "s", "as_of": "last week"}, "not a date"),
    ({"provider": "x", "model": "m", "input": -1, "source": "s", "as_of": "2026-11-30"}, "must be a number"),
    ({"provider": "x", "model": "m", "source": "s", "as_of": "2026-11-30"}, "needs input or output"),
    ({"provider": "x", "model": "m", "input": 1, "source": "s", "as_of": "2026-11-30", "currency": "EUR"}, "unknown key"),
])
def test_bad_overrides_are_config_errors(entry: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        overrides_from_config([entry])


def test_modelmap_yaml_accepts_prices_and_they_are_read(tmp_path: Path) -> None:
    from modelmap.policy import load_config

    (tmp_path / "modelmap.yaml").write_text(
        "version: 1\n"
        "preset: [no-cn-serving]\n"
        "prices:\n"
        "  - {provider: fireworks-ai, model: deepseek-ai/deepseek-v3, input: 0.5, output: 0.7,\n"
        "     source: 'negotiated rate', as_of: 2026-12-01}\n"
    )
    config = load_config(tmp_path)  # the policy parser accepts the key
    assert config.path == "modelmap.yaml"
    overrides = load_overrides(tmp_path)
    p = price("fireworks-ai", "deepseek-ai/deepseek-v3", overrides=overrides)
    assert p is not None and (p.input, p.output, p.as_of) == (0.5, 0.7, "2026-12-01")
