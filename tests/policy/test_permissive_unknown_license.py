"""permissive-licenses-only warns on every usage whose licence is unknown, unidentified models included.

A tryout found the preset silent on a model modelmap could not identify: its licence-known rule only looked at
resolved models, so an in-house or misspelled id passed a licence policy without a word (unknown is never "fine").
"""

from __future__ import annotations

from datetime import date

from modelmap.policy import evaluate
from modelmap.policy.config import parse_config
from modelmap.policy.yamlmarks import load_yaml
from modelmap.provenance.resolver import resolve
from modelmap.types import Finding, ScanResult, ScanStats

TODAY = date(2026, 12, 6)


def _finding(raw: str, line: int) -> Finding:
    return Finding(path="app/chat.py", line=line, column=1, raw=raw, kind="api-model", source="test",
                   resolution=resolve(raw).to_dict())


def _violations(*raws: str) -> dict[str, set[str]]:
    result = ScanResult(root=".", findings=[_finding(r, i + 1) for i, r in enumerate(raws)], skips=[],
                        stats=ScanStats())
    config = parse_config(load_yaml("version: 1\npreset: [permissive-licenses-only]\n", "modelmap.yaml"),
                          "modelmap.yaml")
    out: dict[str, set[str]] = {}
    for v in evaluate(result, config, TODAY).violations:
        assert v.finding is not None
        out.setdefault(v.finding.raw, set()).add(v.rule_id)
    return out


def test_unidentified_model_gets_the_unknown_licence_warning() -> None:
    got = _violations("acme-in-house-llm-7b", "thenlper/gte-small", "qwen-max")
    assert got.get("acme-in-house-llm-7b") == {"license-known"}
    # an MIT-licensed embedder passes every licence rule
    assert "thenlper/gte-small" not in got
    # an API-only proprietary model fails the permissive and commercial-use rules, and its licence is known
    assert got.get("qwen-max") == {"license-permissive", "license-commercial-use"}


def test_the_warning_is_a_warning_not_an_error() -> None:
    result = ScanResult(root=".", findings=[_finding("acme-in-house-llm-7b", 1)], skips=[], stats=ScanStats())
    config = parse_config(load_yaml("version: 1\npreset: [permissive-licenses-only]\n", "modelmap.yaml"),
                          "modelmap.yaml")
    (violation,) = evaluate(result, config, TODAY).violations
    assert violation.severity == "warning"


def test_a_repack_declaring_mit_over_llama_weights_fails_on_the_weights_licence() -> None:
    # hierholzer's GGUF repo declares MIT; the Llama 3.1 70B Instruct weights it packages stay under llama3.1
    got = _violations("hierholzer/Llama-3.1-70B-Instruct-GGUF", "thenlper/gte-small")
    assert got.get("hierholzer/Llama-3.1-70B-Instruct-GGUF") == {"license-permissive", "license-commercial-use"}
    assert "thenlper/gte-small" not in got  # a plain MIT model (no governing licence) still passes


def test_the_policy_variable_carries_the_declared_and_the_governing_licence() -> None:
    from modelmap.policy.inventory import license_var

    repack = license_var(_finding("hierholzer/Llama-3.1-70B-Instruct-GGUF", 1))
    assert repack["id"] == "mit" and repack["permissive"] is True
    assert repack["governing"] == {"id": "llama3.1", "spdx": None, "name": "Llama 3.1 Community License Agreement",
                                   "permissive": False, "commercial_use": "conditional",
                                   "from": "meta-llama/llama-3.1-70b-instruct"}
    assert license_var(_finding("thenlper/gte-small", 2))["governing"] is None
