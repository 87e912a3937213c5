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
