"""A quantization keeps the license of the weights it quantizes (issue 11, licence of the long tail): a record whose
own card licence the knowledge base does not hold takes its base's licence when the only base edge is a
quantization, says so (``license.inherited_from`` and the reason), and never when the link is a fine-tune or merge
(whose author may relicense) or the quantizer is another lab (which may add its own terms)."""

from __future__ import annotations

from typing import Any

import pytest

from modelmap.knowledge import load
from modelmap.provenance.resolver import Resolver
from tests.provenance.kb_overlay import resolver_with

BASE = "qwen/qwen2.5-7b-instruct"


def _record(mid: str, publisher: str, base: str | None, relation: str = "quantization",
            license: str | None = None) -> dict[str, Any]:
    rec: dict[str, Any] = {"id": mid, "hf": mid, "publisher": publisher, "family": "qwen2.5", "open_weights": True,
                           "sources": [{"url": f"https://huggingface.co/{mid}", "as_of": "2026-12-03"}]}
    if base:
        rec["base"] = [{"relation": relation, "model": base}]
    rec["license"] = license or "unknown"
    return rec


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    assert load().models[BASE]["license"] == "apache-2.0"
    return resolver_with([
        _record("quantco/qwen2.5-7b-instruct-q4", "bartowski", BASE),
        _record("quantco/qwen2.5-7b-instruct-q4-mlx", "mlx-community", "quantco/qwen2.5-7b-instruct-q4"),
        _record("tuneco/qwen2.5-7b-instruct-sft", "bartowski", BASE, relation="finetune"),
        _record("tuneco/qwen2.5-7b-instruct-sft-q4", "bartowski", "tuneco/qwen2.5-7b-instruct-sft"),
        _record("labco/qwen2.5-7b-instruct-fp8", "nvidia", BASE),
        _record("quantco/qwen2.5-7b-instruct-own", "bartowski", BASE, license="mit"),
    ])


def test_a_quantization_with_no_recorded_license_keeps_its_bases(resolver: Resolver) -> None:
    res = resolver.resolve("quantco/qwen2.5-7b-instruct-q4")
    assert res.license is not None
    assert res.license["id"] == "apache-2.0"
    assert res.license["inherited_from"] == BASE
    assert "a quantization keeps" in (res.reason or "")


def test_a_chain_of_quantizations_is_followed(resolver: Resolver) -> None:
    res = resolver.resolve("quantco/qwen2.5-7b-instruct-q4-mlx")
    assert res.license is not None and res.license["id"] == "apache-2.0"
    assert res.license["inherited_from"] == BASE


def test_a_fine_tune_does_not_inherit_and_neither_does_its_quantization(resolver: Resolver) -> None:
    assert resolver.resolve("tuneco/qwen2.5-7b-instruct-sft").license is None
    assert resolver.resolve("tuneco/qwen2.5-7b-instruct-sft-q4").license is None


def test_another_labs_quantization_does_not_inherit(resolver: Resolver) -> None:
    assert resolver.resolve("labco/qwen2.5-7b-instruct-fp8").license is None


def test_a_recorded_license_wins_and_is_not_marked_inherited(resolver: Resolver) -> None:
    res = resolver.resolve("quantco/qwen2.5-7b-instruct-own")
    assert res.license is not None and res.license["id"] == "mit"
    assert "inherited_from" not in res.license


@pytest.mark.parametrize(("query", "model_id", "served"), [
    ("deepinfra/meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo", "meta-llama/llama-3.1-70b-instruct", "deepinfra"),
    ("together_ai/Qwen/Qwen3-235B-A22B-fp8-tput", "qwen/qwen3-235b-a22b", "together-ai"),
    # the Together SDK takes the id without a prefix: the weights are known, the host is not
    ("meta-llama/Meta-Llama-3.1-70B-Instruct-Turbo", "meta-llama/llama-3.1-70b-instruct", None),
])
def test_a_hosts_serving_suffix_on_a_hub_id(query: str, model_id: str, served: str | None) -> None:
    res = Resolver().resolve(query)
    assert (res.model or {}).get("id") == model_id
    assert (res.served_by or {}).get("id") == served
    assert res.confidence == "inferred"


@pytest.mark.parametrize(("query", "model_id"), [
    ("qwen-max-0403", "qwen/qwen-max"),            # DashScope's -MMDD snapshot
    ("glm-4-air-0111", "zhipu/glm-4-air"),         # Zhipu's
    ("qwen3-vl-plus-2025-09-23", "qwen/qwen3-vl-plus"),
])
def test_a_dated_snapshot_of_an_api_model(query: str, model_id: str) -> None:
    res = Resolver().resolve(query)
    assert (res.model or {}).get("id") == model_id
    assert res.confidence == "inferred"
    assert res.license is not None and res.license["id"] == "proprietary"


def test_a_number_that_is_not_a_date_is_not_a_snapshot() -> None:
    assert (Resolver().resolve("qwen-max-1399").model or {}).get("id") != "qwen/qwen-max"
