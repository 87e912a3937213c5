"""``bom``: CycloneDX 1.6 ML-BOM, validated with the library's JSON and XML validators (issues 4 and 13).

Issue 13: endpoints are services, never model components; every model component has a supplier (with
its country where the knowledge base records one) and a modelCard; a pkg:huggingface purl only for
Hub models; the dependency graph runs application -> service -> model."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator
from cyclonedx.validation.xml import XmlValidator

from modelmap.policy.inventory import flows_of
from modelmap.report.cyclonedx import CDX_NS, CycloneDxRenderer
from modelmap.types import Finding
from tests.conftest import GOLDEN, assert_golden
from tests.fixtures.inventory import DEEPSEEK, QWEN, resolution, sample_result

from .bom_cases import CASES, endpoint_urls, model_findings, scanned
from .conftest import fixed_clock

Q = f"{{{CDX_NS}}}"


def renderer(fmt: str, config=None) -> CycloneDxRenderer:
    if config is None:
        return CycloneDxRenderer(fmt, clock=fixed_clock, version="test")
    return CycloneDxRenderer(fmt, clock=fixed_clock, version="test", flows_of=lambda f: flows_of(f, config.flows),
                             flow_tags={f.name: f.tags for f in config.flows})


def props(node: dict[str, Any], name: str) -> list[str]:
    return [p["value"] for p in node.get("properties", []) if p["name"] == name]


def validate(fmt: str, data: str) -> None:
    validator = JsonStrictValidator(SchemaVersion.V1_6) if fmt == "json" else XmlValidator(SchemaVersion.V1_6)
    assert validator.validate_str(data) is None


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_validates_and_matches_golden(fmt: str, sample_config) -> None:
    data = renderer(fmt, sample_config).render(sample_result()).decode()
    validate(fmt, data)
    assert_golden(data, GOLDEN / "cyclonedx" / f"sample.{fmt}")


def test_components_carry_provenance(sample_config) -> None:
    doc = json.loads(renderer("json", sample_config).render(sample_result()))
    assert doc["specVersion"] == "1.6" and doc["metadata"]["timestamp"].startswith("2025-06-01T12:00:00")
    by_ref = {c["bom-ref"]: c for c in doc["components"]}
    assert all(c["type"] == "machine-learning-model" for c in by_ref.values())
    distill = by_ref["model:deepseek-ai/deepseek-r1-distill-llama-8b"]
    assert distill["supplier"] == {"name": "DeepSeek", "address": {"country": "CN"}}
    assert distill["licenses"] == [{"license": {"name": "Llama 3.1 Community License"}}]
    # the library orders ancestors itself; lineage order survives in the bom-ref suffix (#lineage-N)
    ancestors = sorted(distill["pedigree"]["ancestors"], key=lambda a: a["bom-ref"])
    assert [(a["name"], props(a, "modelmap:relation"), props(a, "modelmap:teacher")) for a in ancestors] == [
        ("llama-3.1-8b", ["finetune"], ["false"]), ("deepseek-r1", ["distillation"], ["true"])]
    assert {c for a in ancestors for c in props(a, "modelmap:lineage-child")} == {
        "deepseek-ai/deepseek-r1-distill-llama-8b"}
    assert ancestors[0]["supplier"] == {"name": "Meta", "address": {"country": "US"}}
    assert distill["externalReferences"][0]["url"].startswith("https://github.com/deepseek-ai/")
    assert props(distill, "modelmap:origins") == ["CN,US"]
    assert distill["modelCard"]["modelParameters"] == {"task": "text-generation", "architectureFamily": "deepseek-r1"}
    assert distill["modelCard"]["properties"] == [{"name": "modelmap:parameters", "value": "8000000000"}]
    qwen = by_ref["model:qwen/qwen2.5-7b-instruct"]
    assert qwen["licenses"] == [{"license": {"id": "Apache-2.0"}}]
    assert qwen["modelCard"]["considerations"]["useCases"] == [
        "Powers the checkout flow (customer-facing, production, regulated)"]
    assert "purl" not in qwen  # the sample's resolution names no Hub repository
    unresolved = by_ref["unresolved:acme/secret-model-v2"]
    assert props(unresolved, "modelmap:resolved") == ["false"]
    assert props(unresolved, "modelmap:supplier") == ["unknown"] and "supplier" not in unresolved
    assert props(unresolved, "modelmap:origins") == ["unknown"]
    limitations = unresolved["modelCard"]["considerations"]["technicalLimitations"]
    assert limitations[0] == "Not identified by the knowledge base: not in the knowledge base"


def test_sample_services_and_data_flow() -> None:
    doc = json.loads(renderer("json").render(sample_result()))
    services = {s["bom-ref"]: s for s in doc["services"]}
    assert set(services) == {"service:deepseek-api", "service:openai"}
    deepseek = services["service:deepseek-api"]
    assert deepseek["endpoints"] == ["https://api.deepseek.com/v1"]
    assert deepseek["provider"] == {"name": "DeepSeek", "address": {"country": "CN"}}
    assert "endpoints" not in services["service:openai"]  # gpt-4o-mini via the client: no URL in the code
    assert props(services["service:openai"], "modelmap:endpoint") == ["not named in the code"]
    deps = {d["ref"]: set(d.get("dependsOn", [])) for d in doc["dependencies"]}
    app = doc["metadata"]["component"]
    assert app["type"] == "application" and deps[app["bom-ref"]] >= {"service:deepseek-api", "service:openai"}
    assert deps["service:deepseek-api"] == {"model:deepseek-ai/deepseek-v3"}
    assert deps["service:openai"] == {"model:openai/gpt-4o-mini"}
    # weights loaded in-process: the application uses the model directly
    assert "model:qwen/qwen2.5-7b-instruct" in deps[app["bom-ref"]]
    assert "model:openai/gpt-4o-mini" not in deps[app["bom-ref"]]


def test_lineage_graph_edges_teachers_and_unknown_origins() -> None:
    """The resolution's lineage graph (edges, roots, teachers) and origins None (unknown): every edge
    becomes an ancestor, teachers are marked, and unknown origins say 'unknown'."""
    distill = resolution(
        "deepseek-ai/DeepSeek-R1-Distill-Qwen-14B",
        model={"id": "deepseek-ai/deepseek-r1-distill-qwen-14b", "family": "deepseek-r1", "params": None,
               "hf": "deepseek-ai/DeepSeek-R1-Distill-Qwen-14B"},
        publisher=DEEPSEEK, origins=None,
        edges=[
            {"child": "deepseek-ai/deepseek-r1-distill-qwen-14b", "relation": "finetune",
             "parent": "qwen/qwen2.5-14b", "parent_publisher": QWEN},
            {"child": "deepseek-ai/deepseek-r1-distill-qwen-14b", "relation": "distillation",
             "parent": "deepseek-ai/deepseek-r1", "parent_publisher": DEEPSEEK},
            {"child": "deepseek-ai/deepseek-r1", "relation": "finetune",
             "parent": "deepseek-ai/deepseek-v3-base", "parent_publisher": DEEPSEEK},
        ],
        roots=["qwen/qwen2.5-14b"], teachers=[{"model": "deepseek-ai/deepseek-r1", "roots": None}],
    )
    finding = Finding(path="app/reason.py", line=3, column=1, raw="deepseek-ai/DeepSeek-R1-Distill-Qwen-14B",
                      kind="hf-repo", role="generation", source="python-from-pretrained", resolution=distill)
    for fmt in ("json", "xml"):
        validate(fmt, renderer(fmt).render(sample_result([finding])).decode())
    doc = json.loads(renderer("json").render(sample_result([finding])))
    (component,) = doc["components"]
    assert component["purl"] == "pkg:huggingface/deepseek-ai/DeepSeek-R1-Distill-Qwen-14B"
    ancestors = {f"{a['group']}/{a['name']}": a for a in component["pedigree"]["ancestors"]}
    assert set(ancestors) == {"qwen/qwen2.5-14b", "deepseek-ai/deepseek-r1", "deepseek-ai/deepseek-v3-base"}
    assert props(ancestors["deepseek-ai/deepseek-r1"], "modelmap:teacher") == ["true"]
    assert props(ancestors["qwen/qwen2.5-14b"], "modelmap:teacher") == ["false"]
    assert props(ancestors["qwen/qwen2.5-14b"], "modelmap:lineage-child") == ["deepseek-ai/deepseek-r1-distill-qwen-14b"]
    assert props(ancestors["deepseek-ai/deepseek-v3-base"], "modelmap:lineage-child") == ["deepseek-ai/deepseek-r1"]
    assert ancestors["qwen/qwen2.5-14b"]["supplier"]["address"] == {"country": "CN"}
    assert props(component, "modelmap:distilled-from") == ["deepseek-ai/deepseek-r1"]
    assert props(component, "modelmap:origins") == ["unknown"]
    assert "Origin countries: unknown" in component["modelCard"]["considerations"]["technicalLimitations"]


@pytest.mark.parametrize("case", sorted(CASES))
def test_real_inventory_models_and_endpoints_apart(case: str) -> None:
    result = scanned(case)
    urls = endpoint_urls(result)
    findings = model_findings(result)
    assert findings, f"{case}: expected model references"
    for fmt in ("json", "xml"):
        validate(fmt, CycloneDxRenderer(fmt, clock=fixed_clock, version="test").render(result).decode())
    doc = json.loads(CycloneDxRenderer("json", clock=fixed_clock, version="test").render(result))
    components = {c["bom-ref"]: c for c in doc["components"]}
    # an endpoint is never a model component; every model component, lineage ancestors included, has a card
    assert all(c["type"] == "machine-learning-model" and "modelCard" in c for c in all_models(doc["components"]))
    named = {c.get("name") for c in components.values()} | {f"{c.get('group')}/{c.get('name')}" for c in components.values()}
    assert not {u for u in urls if u in named or f"unresolved:{u}" in components}
    # every model reference has its component; every component has a modelCard and a supplier where known
    for finding in findings:
        res = finding.resolution or {}
        model_id = (res.get("model") or {}).get("id")
        component = components[f"model:{model_id}" if model_id else f"unresolved:{finding.raw}"]
        assert "modelCard" in component
        publisher = res.get("publisher") or {}
        if publisher.get("name"):
            assert component["supplier"]["name"] == publisher["name"]
            if publisher.get("country"):  # the country the knowledge base records
                assert component["supplier"]["address"]["country"] == publisher["country"]
        else:
            assert props(component, "modelmap:supplier") == ["unknown"]
        hf = (res.get("model") or {}).get("hf")
        if hf and "/" in hf:
            assert component["purl"] == f"pkg:huggingface/{hf}"
        else:
            assert "purl" not in component
    services = {s["bom-ref"]: s for s in doc.get("services", [])}
    # every URL the code names is an endpoint of a service
    service_urls = {u for s in services.values() for u in s.get("endpoints", [])}
    assert urls <= service_urls
    # data flow: a model reached through a named endpoint is served by that endpoint's service
    deps = {d["ref"]: set(d.get("dependsOn", [])) for d in doc["dependencies"]}
    for finding in findings:
        if finding.endpoint:
            (service,) = [ref for ref, s in services.items() if finding.endpoint in s.get("endpoints", [])]
            model_id = ((finding.resolution or {}).get("model") or {}).get("id")
            assert (f"model:{model_id}" if model_id else f"unresolved:{finding.raw}") in deps[service]
    assert deps[doc["metadata"]["component"]["bom-ref"]] >= set(services)


def test_demo_app_services() -> None:
    doc = json.loads(CycloneDxRenderer("json", clock=fixed_clock, version="test").render(scanned("demo-app")))
    services = {s["bom-ref"]: s for s in doc["services"]}
    vllm = services["service:vllm"]
    assert vllm["endpoints"] == ["http://localhost:8000/v1", "http://vllm:8000/v1"]
    assert "provider" not in vllm and props(vllm, "modelmap:hosting") == ["self-hosted"]
    deepseek = services["service:deepseek-api"]
    assert deepseek["endpoints"] == ["https://api.deepseek.com"] and deepseek["x-trust-boundary"] is True
    assert deepseek["provider"]["address"] == {"country": "CN"}
    deps = {d["ref"]: set(d.get("dependsOn", [])) for d in doc["dependencies"]}
    assert "model:qwen/qwen2.5-7b-instruct" in deps["service:vllm"]
    # dev.sh pulls the Ollama tag qwen2.5:7b and names the Ollama endpoint: the provider ties them
    assert deps["service:ollama"] == {"model:qwen/qwen2.5-7b-instruct"}
    assert deps["service:deepseek-api"] == {"unresolved:deepseek-chat"}
    assert doc["metadata"]["component"]["name"] == "demo-app"
    assert not [c for c in doc["components"] if c["name"].startswith(("/api.", "http"))]


def test_xml_model_card_on_every_model_component() -> None:
    root = ET.fromstring(renderer("xml").render(sample_result()))
    components = root.find(Q + "components")
    assert components is not None and len(components)
    for component in components:
        names = [child.tag.removeprefix(Q) for child in component]
        assert "modelCard" in names and names.index("modelCard") > names.index("evidence")
    ancestors = list(components.iter(Q + "ancestors"))
    assert ancestors  # the sample has lineage
    for group in ancestors:
        for component in group:
            names = [child.tag.removeprefix(Q) for child in component]
            assert names[-1] == "modelCard" and names.index("modelCard") > names.index("properties")


def all_models(components: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for component in components:
        out.append(component)
        out += all_models((component.get("pedigree") or {}).get("ancestors") or [])
    return out


def test_deterministic() -> None:
    assert renderer("json").render(sample_result()) == renderer("json").render(sample_result())
    assert renderer("xml").render(sample_result()) == renderer("xml").render(sample_result())
