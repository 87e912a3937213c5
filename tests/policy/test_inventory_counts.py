"""Issue 13 item 4: scan, check, report and bom count the same project the same way, because they all
read the one inventory (modelmap.inventory). Checked on the demo and two realistic fixture repos."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

import modelmap
from modelmap.inventory import build_inventory, inventory_for
from modelmap.policy import evaluate, load_config
from modelmap.policy.summary import build_summary, describe
from modelmap.report.check_json import check_document
from modelmap.report.json import ScanJsonRenderer
from modelmap.report.markdown import MarkdownRenderer
from modelmap.types import Finding, ScanResult, ScanStats, Skip

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "examples" / "demo-app"
REPOS = ROOT / "tests" / "fixtures" / "repos"
CASES = [DEMO, REPOS / "py-rag-app", REPOS / "js-chat-app"]
TODAY = date(2026, 12, 3)
COUNTED = ("models", "identified", "unidentified", "usages", "endpoints", "files_scanned")


def clock() -> datetime:
    return datetime(2026, 12, 3, tzinfo=timezone.utc)


@pytest.fixture(scope="module", params=CASES, ids=lambda p: p.name)
def project(request: pytest.FixtureRequest) -> tuple[Path, ScanResult]:
    return request.param, modelmap.scan([request.param], resolve=True)


def _expected(result: ScanResult) -> dict[str, int]:
    """Counted here, independently of modelmap.inventory, from the findings themselves."""
    models = [f for f in result.findings if f.kind != "endpoint"]

    def key(f: Finding) -> str:
        mid = ((f.resolution or {}).get("model") or {}).get("id")
        return str(mid) if mid else f.raw.strip().lower()

    keys = {key(f) for f in models}
    identified = {key(f) for f in models if ((f.resolution or {}).get("model") or {}).get("id")}
    return {
        "models": len(keys), "identified": len(identified), "unidentified": len(keys - identified),
        "usages": len(models),
        "endpoints": len({(f.endpoint or f.raw).strip().rstrip("/") for f in result.findings if f.kind == "endpoint"}),
        "files_scanned": result.stats.files_scanned,
        "files_skipped": len({s.path for s in result.skips}),
    }


def test_scan_check_report_and_bom_agree(project: tuple[Path, ScanResult]) -> None:
    root, result = project
    expected = _expected(result)
    assert expected["usages"] > 0

    scan_summary = json.loads(ScanJsonRenderer().render(result))["summary"]
    assert {k: scan_summary[k] for k in (*COUNTED, "files_skipped")} == expected

    config = load_config(root, root=root)
    check = evaluate(result, config, TODAY)
    check_summary = check_document(check, version="test")["summary"]
    assert {k: check_summary[k] for k in COUNTED} == {k: expected[k] for k in COUNTED}
    assert check_summary["skipped"] == expected["files_skipped"]
    assert check_summary["sections"] == scan_summary["sections"]
    assert check.inventory.usages == expected["usages"]  # the CEL `inventory.usages` too

    report = build_summary(check)
    assert report["totals"]["models"] == expected["models"]
    assert report["totals"]["skipped"] == expected["files_skipped"]
    assert len(report["endpoints"]) == expected["endpoints"]
    production = report["sections"]["production"]
    markdown = MarkdownRenderer(clock=clock, version="test").render(check).decode()
    line = next(ln for ln in markdown.splitlines() if "in production code" in ln)
    numbers = [int(n) for n in re.findall(r"(\d+) (?:model|place)s?\b", line)]
    assert numbers[:2] == [production["models"], production["usages"]]
    assert f"{expected['files_skipped']} file" in markdown
    if expected["models"] != production["models"]:
        assert f"{expected['models']} distinct model" in markdown

    # report: exposure counts configured flows only, never "(no flow)"
    for scenario in report["exposure"]:
        assert scenario["flows_total"] <= max(len(config.flows), 1)


def test_bom_lists_each_model_once_and_no_endpoint_as_a_model(project: tuple[Path, ScanResult]) -> None:
    pytest.importorskip("modelmap.report.bom_inventory", reason="the BOM rework (models vs services) has not landed")
    from modelmap.report.cyclonedx import CycloneDxRenderer

    _, result = project
    expected = _expected(result)
    bom = json.loads(CycloneDxRenderer("json", clock=clock).render(result))
    models = [c for c in bom.get("components", []) if c.get("type") == "machine-learning-model"]
    assert len(models) == expected["models"]
    assert not [c["name"] for c in models if "://" in c["name"] or c["name"].startswith("/")]


def test_demo_flows_count_use_sites_and_no_flow_is_not_a_flow() -> None:
    result = modelmap.scan([DEMO], resolve=True)
    config = load_config(DEMO, root=DEMO)
    report = build_summary(evaluate(result, config, TODAY))
    flows = {f["name"]: f for f in report["flows"]}
    assert set(flows["retrieval"]["models"]) == {"baai/bge-m3", "baai/bge-reranker-v2-m3"}  # not deepseek or gpt-4o
    assert not any("deepseek" in m for m in flows["retrieval"]["models"])
    assert report["totals"]["flows"] == 3
    assert all(s["flows_total"] == 3 for s in report["exposure"])  # "(no flow)" is not counted as a flow
    violations = [v for v in report["violations"] if v["model"] and "deepseek" in v["model"]]
    assert violations and all(v["flow"] != "retrieval" for v in violations)


def _synthetic(findings: list[Finding], skips: list[Skip]) -> ScanResult:
    stats = ScanStats(files_scanned=4)
    for s in skips:
        stats.add_skip(s.reason)
    return ScanResult(root="/x", findings=findings, skips=skips, stats=stats)


def test_skipped_files_count_once_and_endpoints_are_not_models() -> None:
    def finding(path: str, raw: str, kind: str = "api-model", context: str = "app") -> Finding:
        return Finding(path=path, line=1, column=1, raw=raw, kind=kind, context=context, source="t")

    result = _synthetic(
        [finding("app.py", "gpt-4o"), finding("app.py", "https://api.openai.com/v1", kind="endpoint"),
         finding("app.py", "GPT-4o"), finding("prices.json", "gpt-4o-mini", context="catalog"),
         finding("tests/t.py", "o3-mini", context="test")],
        [Skip("big.py", "analysis-budget"), Skip("big.py", "findings-capped"), Skip("a.bin", "binary")],
    )
    counts = build_inventory(result).counts()
    assert counts["models"] == 3 and counts["usages"] == 4 and counts["endpoints"] == 1
    assert counts["files_skipped"] == 2  # big.py once, although it has two reasons
    assert counts["sections"]["production"] == {"models": 1, "usages": 2, "unidentified": 1}
    assert counts["sections"]["catalog"]["models"] == 1 and counts["sections"]["test"]["models"] == 1
    headline = inventory_for(result).headline()
    assert headline.startswith("1 model in 2 places in production code")
    assert "1 endpoint" in headline and "2 files skipped" in headline


def test_require_resolved_does_not_fire_on_endpoints(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(
        'from openai import OpenAI\nclient = OpenAI(base_url="https://api.deepseek.com")\n'
        'r = client.chat.completions.create(model="acme-corp/widget-llm-7b-instruct", messages=[])\n')
    (tmp_path / "modelmap.yaml").write_text(
        "version: 1\nrules:\n"
        "  - {id: model-identified, severity: error, message: Identify every model., require: model.resolved}\n"
        "  - {id: no-cn-serving, severity: error, message: No CN serving., deny: \"'CN' in served_by.countries\"}\n")
    result = modelmap.scan([tmp_path], resolve=True)
    config = load_config(tmp_path, root=tmp_path)
    check = evaluate(result, replace(config), TODAY)
    identified = [v for v in check.violations if v.rule_id == "model-identified"]
    assert identified and all(v.finding is not None and v.finding.kind != "endpoint" for v in identified)
    serving = [v for v in check.violations if v.rule_id == "no-cn-serving"]
    at_endpoint = [v for v in serving if v.finding is not None and v.finding.kind == "endpoint"]
    assert at_endpoint  # a rule about serving still applies to a service
    assert describe(at_endpoint[0]).startswith("No CN serving. Endpoint https://api.deepseek.com")
    assert "Model https://" not in " ".join(describe(v) for v in check.violations)


def test_policy_scopes_out_catalogs_by_context(tmp_path: Path) -> None:
    ids = [f"gpt-4o-2024-0{m}-1{d}" for m in range(1, 6) for d in range(6)]
    (tmp_path / "pricing.py").write_text("PRICES = {\n" + "".join(f'    "{i}": 2.5,\n' for i in ids) + "}\n")
    (tmp_path / "chat.py").write_text('from openai import OpenAI\nclient = OpenAI()\n'
                                      'r = client.chat.completions.create(model="gpt-4o-2024-01-10", messages=[])\n')
    (tmp_path / "modelmap.yaml").write_text(
        "version: 1\nrules:\n  - id: no-dated-gpt\n    severity: error\n    message: Pin an alias.\n"
        "    when: \"usage.context in ['app', 'config']\"\n    deny: \"usage.raw.startsWith('gpt-4o-2024')\"\n")
    result = modelmap.scan([tmp_path], resolve=True)
    check = evaluate(result, load_config(tmp_path, root=tmp_path), TODAY)
    assert [(v.path, v.line) for v in check.violations] == [("chat.py", 3)]  # not the 30 price-table rows
    counts = check_document(check, version="test")["summary"]["sections"]
    assert counts["catalog"]["usages"] == 30 and counts["production"]["usages"] == 1
