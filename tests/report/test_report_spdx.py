"""``bom --format spdx``: SPDX 3.0.1 JSON-LD with AI-profile packages (issue 13).

Each document is deserialized with spdx-python-model (property types, enumerations and IRI/blank-node
kinds are checked as objects are built, every reference must resolve) and serialized again (which
checks required properties and cardinalities). The official SPDX 3.0.1 JSON schema is not shipped by
spdx-python-model; set MODELMAP_SPDX_SCHEMA to a copy of spdx-json-schema.json to validate against it too
(slow: about five minutes for the sample with jsonschema, because of the schema's unevaluatedProperties).
"""

from __future__ import annotations

import io
import json
import os
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import spdx_python_model
from spdx_python_model.bindings import v3_0_1 as spdx
from typer.testing import CliRunner

from modelmap.report.spdx import SpdxRenderer
from modelmap.types import Finding
from tests.conftest import GOLDEN, assert_golden
from tests.fixtures.inventory import DEEPSEEK, QWEN, resolution, sample_result

from .bom_cases import CASES, endpoint_urls, model_findings, scanned
from .conftest import fixed_clock

NO_ASSERTION = "expandedlicensing_NoAssertionLicense"


def render(result: Any) -> dict[str, Any]:
    return json.loads(SpdxRenderer(clock=fixed_clock, version="test").render(result))


def validate(doc: dict[str, Any]) -> None:
    """Deserialize with spdx-python-model, require every reference to resolve, serialize again."""
    model, objects = spdx_python_model.load_data(doc)
    assert model is spdx
    assert objects.link() == set()
    spdx.JSONLDSerializer().write(objects, io.BytesIO())
    (document,) = objects.foreach_type(spdx.SpdxDocument)
    assert document.creationInfo.specVersion == "3.0.1"


def graph(doc: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [node for node in doc["@graph"] if node["type"] == kind]


def props(node: dict[str, Any], name: str) -> list[str]:
    return [entry["extension_cdxPropValue"] for ext in node.get("extension", [])
            for entry in ext.get("extension_cdxProperty", []) if entry["extension_cdxPropName"] == name]


def relationships(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return graph(doc, "Relationship") + graph(doc, "LifecycleScopedRelationship")


def official_schema() -> Path | None:
    package = Path(str(resources.files("spdx_python_model")))
    shipped = sorted(p for p in package.rglob("*.json") if "schema" in p.name)
    if shipped:
        return shipped[0]
    env = os.environ.get("MODELMAP_SPDX_SCHEMA")
    return Path(env) if env else None


def test_validates_and_matches_golden(sample_config) -> None:
    from modelmap.policy.inventory import flows_of

    renderer = SpdxRenderer(clock=fixed_clock, version="test", flows_of=lambda f: flows_of(f, sample_config.flows),
                            flow_tags={f.name: f.tags for f in sample_config.flows})
    data = renderer.render(sample_result()).decode()
    validate(json.loads(data))
    assert_golden(data, GOLDEN / "spdx" / "sample.json")


def test_official_json_schema() -> None:
    schema = official_schema()
    if schema is None:
        pytest.skip("spdx-python-model ships no SPDX 3.0.1 JSON schema; set MODELMAP_SPDX_SCHEMA to validate")
    import jsonschema

    validator = jsonschema.Draft202012Validator(json.loads(schema.read_text()))
    assert [e.message for e in validator.iter_errors(render(sample_result()))] == []


def test_sample_models_licences_and_lineage() -> None:
    doc = render(sample_result())
    validate(doc)
    packages = {p["name"]: p for p in graph(doc, "ai_AIPackage")}
    orgs = {o["spdxId"]: o for o in graph(doc, "Organization")}
    qwen = packages["qwen/qwen2.5-7b-instruct"]
    assert qwen["software_primaryPurpose"] == "model" and qwen["ai_typeOfModel"] == ["text-generation"]
    assert orgs[qwen["suppliedBy"]]["name"] == QWEN["name"] and props(orgs[qwen["suppliedBy"]], "modelmap:country") == ["CN"]
    assert "software_packageUrl" not in qwen  # the sample names no Hub repository
    by_id = {n["spdxId"]: n for n in doc["@graph"] if "spdxId" in n}
    rels = relationships(doc)

    def targets(source: dict[str, Any], kind: str) -> list[list[str]]:
        return [r["to"] for r in rels if r["from"] == source["spdxId"] and r["relationshipType"] == kind]

    # AI profile licence rule: exactly one declared and one concluded licence per AI package
    for package in packages.values():
        assert len(targets(package, "hasDeclaredLicense")) == 1 and len(targets(package, "hasConcludedLicense")) == 1
    (declared,) = targets(qwen, "hasDeclaredLicense")
    assert by_id[declared[0]]["simplelicensing_licenseExpression"] == "Apache-2.0"
    (declared,) = targets(packages["meta-llama/llama-3.1-8b-instruct"], "hasDeclaredLicense")
    assert by_id[declared[0]]["simplelicensing_licenseExpression"] == "LicenseRef-modelmap-llama3.1"
    assert by_id[declared[0]]["name"] == "Llama 3.1 Community License"
    unresolved = packages["acme/secret-model-v2"]
    assert targets(unresolved, "hasDeclaredLicense") == [[NO_ASSERTION]]
    assert "suppliedBy" not in unresolved and props(unresolved, "modelmap:supplier") == ["unknown"]
    assert props(unresolved, "modelmap:resolved") == ["false"]
    assert unresolved["ai_limitation"].startswith("Not identified by the knowledge base: not in the knowledge base")
    distill = packages["deepseek-ai/deepseek-r1-distill-llama-8b"]
    (base,) = targets(distill, "descendantOf")
    assert by_id[base[0]]["name"] == "meta-llama/llama-3.1-8b"
    (teacher,) = [r for r in rels if r["from"] == distill["spdxId"] and r["relationshipType"] == "other"]
    assert by_id[teacher["to"][0]]["name"] == "deepseek-ai/deepseek-r1" and teacher["comment"] == "distillation teacher"


def test_sample_services_are_not_models() -> None:
    doc = render(sample_result())
    services = [p for p in graph(doc, "software_Package") if props(p, "modelmap:kind") == ["service"]]
    assert {s["name"] for s in services} == {"DeepSeek", "OpenAI"}
    deepseek = next(s for s in services if s["name"] == "DeepSeek")
    assert deepseek["externalRef"] == [{"type": "ExternalRef", "externalRefType": "other",
                                        "locator": ["https://api.deepseek.com/v1"], "comment": "endpoint"}]
    assert not {s["spdxId"] for s in services} & {p["spdxId"] for p in graph(doc, "ai_AIPackage")}
    serves = [r for r in graph(doc, "LifecycleScopedRelationship") if r["from"] == deepseek["spdxId"]]
    assert [(r["relationshipType"], r["scope"]) for r in serves] == [("dependsOn", "runtime")]
    names = {n["spdxId"]: n.get("name") for n in doc["@graph"] if "spdxId" in n}
    assert [names[t] for t in serves[0]["to"]] == ["deepseek-ai/deepseek-v3"]


def test_lineage_graph_with_teacher_lineage() -> None:
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
    )
    finding = Finding(path="app/reason.py", line=3, column=1, raw="deepseek-ai/DeepSeek-R1-Distill-Qwen-14B",
                      kind="hf-repo", role="generation", source="python-from-pretrained", resolution=distill)
    doc = render(sample_result([finding]))
    validate(doc)
    names = {n["spdxId"]: n.get("name") for n in doc["@graph"] if "spdxId" in n}
    edges = sorted((names[r["from"]], r["relationshipType"], names[r["to"][0]]) for r in relationships(doc)
                   if r["relationshipType"] in ("descendantOf", "other"))
    assert edges == [
        ("deepseek-ai/deepseek-r1", "descendantOf", "deepseek-ai/deepseek-v3-base"),
        ("deepseek-ai/deepseek-r1-distill-qwen-14b", "descendantOf", "qwen/qwen2.5-14b"),
        ("deepseek-ai/deepseek-r1-distill-qwen-14b", "other", "deepseek-ai/deepseek-r1"),
    ]
    package = next(p for p in graph(doc, "ai_AIPackage") if p["name"] == "deepseek-ai/deepseek-r1-distill-qwen-14b")
    assert package["software_packageUrl"] == "pkg:huggingface/deepseek-ai/DeepSeek-R1-Distill-Qwen-14B"
    assert package["software_downloadLocation"] == "https://huggingface.co/deepseek-ai/DeepSeek-R1-Distill-Qwen-14B"
    assert props(package, "modelmap:origins") == ["unknown"] and "Origin countries: unknown" in package["ai_limitation"]


@pytest.mark.parametrize("case", sorted(CASES))
def test_real_inventory(case: str) -> None:
    result = scanned(case)
    doc = render(result)
    validate(doc)
    packages = graph(doc, "ai_AIPackage")
    by_id = {n["spdxId"]: n for n in doc["@graph"] if "spdxId" in n}
    services = [p for p in graph(doc, "software_Package") if props(p, "modelmap:kind") == ["service"]]
    # no endpoint URL is a model; every URL the code names is on a service
    urls = endpoint_urls(result)
    assert not urls & {p["name"] for p in packages}
    assert urls <= {u for s in services for ref in s.get("externalRef", []) for u in ref["locator"]}
    used = {p["name"]: p for p in packages if props(p, "modelmap:usages")}
    for finding in model_findings(result):
        res = finding.resolution or {}
        model = res.get("model") or {}
        package = used[model.get("id") or finding.raw]
        publisher = res.get("publisher") or {}
        if publisher.get("name"):
            supplier = by_id[package["suppliedBy"]]
            assert supplier["name"] == publisher["name"]
            if publisher.get("country"):
                assert props(supplier, "modelmap:country") == [publisher["country"]]
        hf = model.get("hf")
        if hf and "/" in hf:
            assert package["software_packageUrl"] == f"pkg:huggingface/{hf}"
        else:
            assert "software_packageUrl" not in package
    declared = Counter(r["from"] for r in relationships(doc) if r["relationshipType"] == "hasDeclaredLicense")
    assert all(declared[p["spdxId"]] == 1 for p in packages)


def test_cli_writes_spdx() -> None:
    from modelmap.cli import app

    result = CliRunner().invoke(app, ["bom", str(CASES["demo-app"]), "--format", "spdx"],
                                env={"SOURCE_DATE_EPOCH": "1748779200"})
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    validate(doc)
    assert doc["@context"] == "https://spdx.org/rdf/3.0.1/spdx-context.jsonld"
    assert {p["name"] for p in graph(doc, "software_Package")} >= {"demo-app"}
    assert graph(doc, "CreationInfo")[0]["created"] == "2025-06-01T12:00:00Z"


def test_deterministic() -> None:
    assert SpdxRenderer(clock=fixed_clock).render(sample_result()) == SpdxRenderer(clock=fixed_clock).render(sample_result())
