"""``bom``: CycloneDX 1.6 ML-BOM, validated with the library's JSON and XML validators (issue 4)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator
from cyclonedx.validation.xml import XmlValidator

from modelmap.policy.inventory import flows_of
from modelmap.report.cyclonedx import CDX_NS, CycloneDxRenderer
from tests.conftest import GOLDEN, assert_golden
from tests.fixtures.inventory import sample_result

from .conftest import fixed_clock


def renderer(fmt: str, config=None) -> CycloneDxRenderer:
    if config is None:
        return CycloneDxRenderer(fmt, clock=fixed_clock, version="test")
    return CycloneDxRenderer(fmt, clock=fixed_clock, version="test", flows_of=lambda f: flows_of(f, config.flows),
                             flow_tags={f.name: f.tags for f in config.flows})


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_validates_and_matches_golden(fmt: str, sample_config) -> None:
    data = renderer(fmt, sample_config).render(sample_result()).decode()
    validator = JsonStrictValidator(SchemaVersion.V1_6) if fmt == "json" else XmlValidator(SchemaVersion.V1_6)
    assert validator.validate_str(data) is None
    assert_golden(data, GOLDEN / "cyclonedx" / f"sample.{fmt}")


def test_components_carry_provenance(sample_config) -> None:
    doc = json.loads(renderer("json", sample_config).render(sample_result()))
    assert doc["specVersion"] == "1.6" and doc["metadata"]["timestamp"].startswith("2025-06-01T12:00:00")
    by_ref = {c["bom-ref"]: c for c in doc["components"]}
    assert all(c["type"] == "machine-learning-model" for c in by_ref.values())
    distill = by_ref["model:deepseek-ai/deepseek-r1-distill-llama-8b"]
    assert distill["supplier"]["name"] == "DeepSeek"
    assert distill["licenses"] == [{"license": {"name": "Llama 3.1 Community License"}}]
    # the library orders ancestors itself; lineage order survives in the bom-ref suffix (#lineage-N)
    ancestors = sorted(distill["pedigree"]["ancestors"], key=lambda a: a["bom-ref"])
    relation = [next(p["value"] for p in a["properties"] if p["name"] == "modelmap:relation") for a in ancestors]
    assert list(zip([a["name"] for a in ancestors], relation, strict=True)) == [
        ("llama-3.1-8b", "base"), ("deepseek-r1", "teacher")]
    assert distill["externalReferences"][0]["url"].startswith("https://github.com/deepseek-ai/")
    props = {p["name"]: p["value"] for p in distill["properties"]}
    assert props["modelmap:origins"] == "CN,US"
    assert distill["modelCard"]["modelParameters"] == {"task": "text-generation", "architectureFamily": "deepseek-r1"}
    qwen = by_ref["model:qwen/qwen2.5-7b-instruct"]
    assert qwen["licenses"] == [{"license": {"id": "Apache-2.0"}}]
    assert qwen["modelCard"]["considerations"]["useCases"] == [
        "Powers the checkout flow (customer-facing, production, regulated)"]
    unresolved = by_ref["unresolved:acme/secret-model-v2"]
    assert {"name": "modelmap:resolved", "value": "false"} in unresolved["properties"]
    assert "modelCard" not in unresolved


def test_xml_model_card_position() -> None:
    root = ET.fromstring(renderer("xml").render(sample_result()))
    q = f"{{{CDX_NS}}}"
    for component in root.iter(q + "component"):
        names = [child.tag.removeprefix(q) for child in component]
        if "modelCard" in names:
            assert names.index("modelCard") > names.index("evidence")


def test_deterministic() -> None:
    assert renderer("json").render(sample_result()) == renderer("json").render(sample_result())
    assert renderer("xml").render(sample_result()) == renderer("xml").render(sample_result())
