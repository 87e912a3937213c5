"""The company's own models (issue 11 item 6): a `models:` section in modelmap.yaml and shared overlay files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from modelmap.errors import ConfigError
from modelmap.provenance.overlay import find_overlay, parse_overlay
from modelmap.provenance.resolver import Resolver, resolver_for

CONFIG = """\
version: 1
flows:
  support: {paths: ["app/**"], tags: [regulated, customer-facing]}
models:
  include: [platform/company-models.yaml]
  declare:
    - id: acme/support-llm-v3
      match: ["support-llm-v3*"]
      publisher: {id: acme, name: Acme Corp, country: US}
      base: qwen/qwen2.5-7b-instruct
      license: apache-2.0
      served_by: {id: acme-vllm, operator: Acme platform team, country: US}
"""
SHARED = """\
schema: modelmap.models/1
declare:
  - model: openai/gpt-4o
    match: ["prod-gpt4o"]
    served_by: {id: azure-openai, operator: Azure OpenAI East US, country: US}
  - id: acme/ranker-v1
    publisher: {id: acme, name: Acme Corp, country: US}
    base: []
"""
APP = """\
from openai import OpenAI
client = OpenAI()
client.chat.completions.create(model="support-llm-v3-2026-01", messages=[])
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "modelmap.yaml").write_text(CONFIG)
    (tmp_path / "platform").mkdir()
    (tmp_path / "platform" / "company-models.yaml").write_text(SHARED)
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "llm.py").write_text(APP)
    return tmp_path


def test_declared_model_gets_the_company_facts_labelled_as_claims(project: Path) -> None:
    res = resolver_for(project).resolve("support-llm-v3-2026-01")
    assert res.model and res.model["id"] == "acme/support-llm-v3"
    assert res.publisher == {"id": "acme", "name": "Acme Corp", "country": "US"}
    assert res.immediate_base() == "qwen/qwen2.5-7b-instruct" and res.roots == ("qwen/qwen2.5-7b",)
    assert set(res.origins or ()) == {"US", "CN"}  # the base's country comes along: it is Qwen's
    assert {(r["country"], r["because"]) for r in res.origin_reasons} >= {("US", "company claim"), ("CN", "base")}
    assert res.sources[0] == {"claim": "company", "file": "modelmap.yaml", "line": 7}
    assert res.served_by and res.served_by["evidence"] == "company claim in modelmap.yaml:7"
    assert res.license and res.license["id"] == "apache-2.0"


def test_a_shared_overlay_declares_a_deployment_of_a_known_model(project: Path) -> None:
    res = resolver_for(project).resolve("prod-gpt4o")
    assert res.model and res.model["id"] == "openai/gpt-4o"
    assert res.publisher and res.publisher["id"] == "openai"  # the knowledge base's fact, not overridden
    assert res.served_by and res.served_by["id"] == "azure-openai"
    assert "company-models.yaml:3" in (res.served_by["evidence"] or "")
    trained_from_scratch = resolver_for(project).resolve("acme/ranker-v1")
    assert trained_from_scratch.roots == ("acme/ranker-v1",) and trained_from_scratch.origins_known


def test_no_overlay_means_the_shipped_knowledge_base_alone(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    assert not find_overlay(tmp_path)
    assert resolver_for(tmp_path).resolve("support-llm-v3").model is None


@pytest.mark.parametrize(("section", "message"), [
    ([{"id": "acme/x"}], "needs a publisher"),
    ([{"id": "acme/x", "model": "openai/gpt-4o"}], "exactly one of"),
    ([{"model": "openai/gpt-4o", "served_by": {"id": "x", "country": "USA"}}], "ISO 3166-1"),
    ([{"id": "Not An Id", "publisher": {"id": "a"}}], "org/name"),
    ([{"id": "acme/x", "publisher": {"id": "a"}, "relation": "stolen"}], "relation must be"),
    ({"declare": [], "bogus": 1}, "unknown key 'bogus'"),
    ([{"model": "openai/gpt-4o", "colour": "red"}], "unknown key 'colour'"),
])
def test_bad_declarations_are_clear_config_errors(section: object, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_overlay(section, "modelmap.yaml")


def test_an_overlay_that_includes_itself_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("schema: modelmap.models/1\ninclude: [a.yaml]\n")
    with pytest.raises(ConfigError, match="include themselves"):
        parse_overlay({"include": ["a.yaml"]}, "modelmap.yaml", base_dir=tmp_path)


def test_the_overlay_never_changes_the_shared_knowledge_base(project: Path) -> None:
    resolver_for(project).resolve("support-llm-v3")
    assert Resolver().resolve("acme/support-llm-v3").model is None


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-c", "from modelmap.cli import main; main()", *args]
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=120, check=False)


def test_scan_and_trace_use_the_project_overlay(project: Path) -> None:
    scan = _cli("scan", ".", "--format", "json", cwd=project)
    assert scan.returncode == 0, scan.stderr
    found = {f["raw"]: f.get("resolution") or {} for f in json.loads(scan.stdout)["findings"]}
    assert found["support-llm-v3-2026-01"]["model"]["id"] == "acme/support-llm-v3"
    assert "modelmap.yaml" not in {f["path"] for f in json.loads(scan.stdout)["findings"]}
    trace = _cli("trace", "support-llm-v3", "--format", "json", cwd=project)
    assert trace.returncode == 0, trace.stderr
    assert json.loads(trace.stdout)["publisher"]["name"] == "Acme Corp"
