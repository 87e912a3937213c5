"""``modelmap bom``: a CycloneDX 1.6 ML-BOM (JSON or XML) built with cyclonedx-python-lib.

Each distinct model is a ``machine-learning-model`` component:

* ``group``/``name`` from the model id (``qwen`` / ``qwen2.5-7b-instruct``), ``supplier`` and
  ``publisher`` = the publishing organisation, ``licenses`` = SPDX id or license name;
* ``externalReferences`` = the knowledge-base sources (with their ``as_of`` date);
* ``pedigree.ancestors`` = the lineage (base models, distillation teachers); the library sorts them, so
  the nearest-first order is kept in the bom-ref suffix ``#lineage-0``, ``#lineage-1``...;
* ``evidence.occurrences`` = every place in the code that uses it;
* ``properties`` (``modelmap:*``) = origins, publisher country, open weights, serving, confidence.

Identifiers the knowledge base could not resolve are components too, marked
``modelmap:resolved = false`` with the reason, so the BOM never hides them.

**modelCard post-processing.** cyclonedx-python-lib 11.x does not model ``modelCard`` (its
docs/schema-support.rst lists it as unsupported). After the library serialises the BOM, we add a
small ``modelCard`` to each resolved model component: ``modelParameters.task`` (from the roles the
code uses it for) and ``architectureFamily``, and ``considerations.useCases`` (the product flows it
powers) / ``technicalLimitations`` (knowledge-base flags and provenance confidence). In JSON it is a
plain key; in XML it is inserted at the position the 1.6 XSD requires (after ``evidence`` /
``releaseNotes``, before ``data`` / ``cryptoProperties`` / ``tags``). Tests validate the final
document with the library's JSON and XML validators.
"""

from __future__ import annotations

import json
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any, ClassVar

from modelmap.output import dumps_json, to_utf8, xml_clean
from modelmap.policy.summary import tool_version
from modelmap.types import Finding, ScanResult

CDX_NS = "http://cyclonedx.org/schema/bom/1.6"
TASKS = {
    "generation": "text-generation",
    "embedding": "feature-extraction",
    "rerank": "text-ranking",
    "vision": "image-text-to-text",
    "speech": "automatic-speech-recognition",
    "image": "text-to-image",
}
_XML_AFTER_MODELCARD = ("data", "cryptoProperties", "tags")


def _split(model_id: str) -> tuple[str | None, str]:
    if "/" in model_id:
        group, name = model_id.split("/", 1)
        return group, name
    return None, model_id


class _Model:
    def __init__(self, ref: str, finding: Finding) -> None:
        self.ref = ref
        self.res: dict[str, Any] = finding.resolution or {}
        self.findings: list[Finding] = []
        self.flows: set[str] = set()


def _collect(result: ScanResult, flows_of: Callable[[Finding], list[str]] | None) -> dict[str, _Model]:
    models: dict[str, _Model] = {}
    for finding in result.findings:
        model = ((finding.resolution or {}).get("model") or {}).get("id")
        ref = f"model:{model}" if model else f"unresolved:{finding.raw}"
        entry = models.setdefault(ref, _Model(ref, finding))
        entry.findings.append(finding)
        if flows_of is not None:
            entry.flows.update(flows_of(finding))
    return models


def _properties(entry: _Model) -> list[tuple[str, str]]:
    res = entry.res
    props: list[tuple[str, str]] = []
    resolved = bool((res.get("model") or {}).get("id"))
    props.append(("modelmap:resolved", "true" if resolved else "false"))
    props.append(("modelmap:confidence", str(res.get("confidence") or "unknown")))
    if not resolved and res.get("reason"):
        props.append(("modelmap:reason", str(res["reason"])))
    if res.get("origins"):
        props.append(("modelmap:origins", ",".join(sorted(res["origins"]))))
    publisher = res.get("publisher") or {}
    if publisher.get("country"):
        props.append(("modelmap:publisher-country", publisher["country"]))
    if res.get("open_weights") is not None:
        props.append(("modelmap:open-weights", "true" if res["open_weights"] else "false"))
    served = res.get("served_by") or {}
    if served.get("id") or served.get("operator"):
        props.append(("modelmap:served-by", str(served.get("operator") or served.get("id"))))
    if served.get("country"):
        props.append(("modelmap:serving-country", served["country"]))
    for teacher in res.get("distilled_from") or ():
        props.append(("modelmap:distilled-from", str(teacher)))
    for identifier in sorted({f.raw for f in entry.findings}):
        props.append(("modelmap:identifier", identifier))
    for flow in sorted(entry.flows):
        props.append(("modelmap:flow", flow))
    props.append(("modelmap:usages", str(len(entry.findings))))
    return props


def _component(entry: _Model) -> Any:
    from cyclonedx.model import ExternalReference, ExternalReferenceType, Property, XsUri
    from cyclonedx.model.component import Component, ComponentType, Pedigree
    from cyclonedx.model.component_evidence import ComponentEvidence, Occurrence
    from cyclonedx.model.contact import OrganizationalEntity
    from cyclonedx.model.license import DisjunctiveLicense

    res = entry.res
    model = res.get("model") or {}
    model_id = model.get("id") or entry.findings[0].raw
    group, name = _split(model_id)
    publisher = res.get("publisher") or {}
    publisher_name = publisher.get("name") or publisher.get("id")
    licenses = []
    licence = res.get("license") or {}
    if licence.get("spdx"):
        licenses.append(DisjunctiveLicense(id=licence["spdx"]))
    elif licence.get("name") or licence.get("id"):
        licenses.append(DisjunctiveLicense(name=licence.get("name") or licence["id"]))
    references = []
    for source in res.get("sources") or ():
        url = source.get("url") if isinstance(source, dict) else None
        if url:
            comment = f"as of {source['as_of']}" if source.get("as_of") else None
            references.append(ExternalReference(type=ExternalReferenceType.DOCUMENTATION, url=XsUri(url), comment=comment))
    ancestors = []
    for index, step in enumerate(res.get("lineage") or ()):
        step_publisher = step.get("publisher") or {}
        a_group, a_name = _split(str(step.get("model")))
        ancestors.append(
            Component(
                type=ComponentType.MACHINE_LEARNING_MODEL,
                name=a_name,
                group=a_group,
                bom_ref=f"{entry.ref}#lineage-{index}",
                supplier=OrganizationalEntity(name=step_publisher["name"]) if step_publisher.get("name") else None,
                properties=[Property(name="modelmap:relation", value=str(step.get("relation")))]
                + ([Property(name="modelmap:publisher-country", value=step_publisher["country"])]
                   if step_publisher.get("country") else []),
            )
        )
    # explicit bom-refs: the library orders occurrences by bom-ref, and a missing one is random
    occurrences = [
        Occurrence(bom_ref=f"{entry.ref}#use-{i:05d}", location=f.path, line=f.line if f.line > 0 else None,
                   symbol=f.raw)
        for i, f in enumerate(sorted(entry.findings, key=lambda f: (f.path, f.line, f.raw)))
    ]
    return Component(
        type=ComponentType.MACHINE_LEARNING_MODEL,
        name=name,
        group=group,
        bom_ref=entry.ref,
        supplier=OrganizationalEntity(name=publisher_name) if publisher_name else None,
        publisher=publisher_name,
        description=f"{model.get('family')} model" if model.get("family") else None,
        licenses=licenses,
        external_references=references,
        pedigree=Pedigree(ancestors=ancestors) if ancestors else None,
        evidence=ComponentEvidence(occurrences=occurrences),
        properties=[Property(name=k, value=v) for k, v in _properties(entry)],
    )


def _model_card(entry: _Model, flow_tags: dict[str, tuple[str, ...]]) -> dict[str, Any] | None:
    res = entry.res
    model = res.get("model") or {}
    if not model.get("id"):
        return None
    params: dict[str, Any] = {}
    roles = sorted({f.role for f in entry.findings if f.role in TASKS})
    if len(roles) == 1:
        params["task"] = TASKS[roles[0]]
    if model.get("family"):
        params["architectureFamily"] = str(model["family"])
    use_cases = []
    for flow in sorted(entry.flows):
        tags = flow_tags.get(flow, ())
        use_cases.append(f"Powers the {flow} flow" + (f" ({', '.join(tags)})" if tags else ""))
    limitations = []
    for flag in res.get("flags") or ():
        if isinstance(flag, dict):
            limitations.append(f"{flag.get('id')}: {flag.get('detail', '')}".rstrip(": "))
        else:
            limitations.append(str(flag))
    if res.get("confidence") and res["confidence"] != "known":
        limitations.append(f"Provenance confidence: {res['confidence']}")
    considerations: dict[str, Any] = {}
    if use_cases:
        considerations["useCases"] = use_cases
    if limitations:
        considerations["technicalLimitations"] = limitations
    card: dict[str, Any] = {}
    if params:
        card["modelParameters"] = params
    if considerations:
        card["considerations"] = considerations
    return card or None


def build_bom(result: ScanResult, *, now: datetime, flows_of: Callable[[Finding], list[str]] | None = None,
              version: str | None = None) -> Any:
    """Build the library Bom (everything except model cards, which are added after serialisation)."""
    from cyclonedx.model.bom import Bom, BomMetaData
    from cyclonedx.model.component import Component, ComponentType

    models = _collect(result, flows_of)
    components = [_component(models[ref]) for ref in sorted(models)]
    tool = Component(type=ComponentType.APPLICATION, name="modelmap", version=version or tool_version(),
                     bom_ref="tool:modelmap")
    metadata = BomMetaData(timestamp=now, tools=None)
    metadata.tools.components.add(tool)
    digest = json.dumps([[m.ref, len(m.findings)] for m in models.values()], sort_keys=True)
    serial = uuid.uuid5(uuid.NAMESPACE_URL, f"modelmap:{now.isoformat()}:{digest}")
    return Bom(components=components, metadata=metadata, serial_number=serial)


def _cards(result: ScanResult, flows_of: Callable[[Finding], list[str]] | None,
           flow_tags: dict[str, tuple[str, ...]]) -> dict[str, dict[str, Any]]:
    out = {}
    for ref, entry in sorted(_collect(result, flows_of).items()):
        card = _model_card(entry, flow_tags)
        if card:
            out[ref] = card
    return out


def add_model_cards_json(text: str, cards: dict[str, dict[str, Any]]) -> str:
    doc = json.loads(text)
    for component in doc.get("components", []):
        card = cards.get(component.get("bom-ref", ""))
        if card:
            component["modelCard"] = card
    return dumps_json(doc, indent=2).decode("utf-8")


def _card_xml(card: dict[str, Any]) -> ET.Element:
    q = f"{{{CDX_NS}}}"
    element = ET.Element(q + "modelCard")
    params = card.get("modelParameters")
    if params:
        node = ET.SubElement(element, q + "modelParameters")
        for key in ("task", "architectureFamily"):  # XSD order
            if key in params:
                ET.SubElement(node, q + key).text = params[key]
    considerations = card.get("considerations")
    if considerations:
        node = ET.SubElement(element, q + "considerations")
        for key, item in (("useCases", "useCase"), ("technicalLimitations", "technicalLimitation")):  # XSD order
            if key in considerations:
                group = ET.SubElement(node, q + key)
                for text in considerations[key]:
                    ET.SubElement(group, q + item).text = text
    return element


def add_model_cards_xml(text: str, cards: dict[str, dict[str, Any]]) -> str:
    ET.register_namespace("", CDX_NS)
    root = ET.fromstring(xml_clean(text))  # a control character in a path would make it malformed
    q = f"{{{CDX_NS}}}"
    components = root.find(q + "components")
    for component in components if components is not None else ():
        card = cards.get(component.get("bom-ref", ""))
        if not card:
            continue
        position = len(component)
        for index, child in enumerate(component):
            if child.tag.removeprefix(q) in _XML_AFTER_MODELCARD:
                position = index
                break
        component.insert(position, _card_xml(card))
    ET.indent(root)
    return xml_clean(ET.tostring(root, encoding="unicode", xml_declaration=True)) + "\n"


class CycloneDxRenderer:
    """``render(result)`` takes a resolved ScanResult. ``flows_of``/``flow_tags`` (optional) come from
    the project config so model cards can say which flows each model powers."""

    media_types: ClassVar[dict[str, str]] = {"json": "application/vnd.cyclonedx+json", "xml": "application/vnd.cyclonedx+xml"}

    def __init__(self, fmt: str = "json", *, clock: Callable[[], datetime] | None = None,
                 flows_of: Callable[[Finding], list[str]] | None = None,
                 flow_tags: dict[str, tuple[str, ...]] | None = None, version: str | None = None) -> None:
        if fmt not in self.media_types:
            raise ValueError(f"unknown CycloneDX format {fmt!r}")
        self.id = f"cyclonedx-{fmt}"
        self.fmt = fmt
        self.media_type = self.media_types[fmt]
        self.clock = clock or (lambda: datetime.now(timezone.utc).replace(microsecond=0))
        self.flows_of = flows_of
        self.flow_tags = flow_tags or {}
        self.version = version

    def render(self, result: ScanResult) -> bytes:
        from cyclonedx.output import make_outputter
        from cyclonedx.schema import OutputFormat, SchemaVersion

        bom = build_bom(result, now=self.clock(), flows_of=self.flows_of, version=self.version)
        cards = _cards(result, self.flows_of, self.flow_tags)
        if self.fmt == "json":
            text = make_outputter(bom, OutputFormat.JSON, SchemaVersion.V1_6).output_as_string(indent=2)
            return to_utf8(add_model_cards_json(text, cards))
        text = make_outputter(bom, OutputFormat.XML, SchemaVersion.V1_6).output_as_string()
        return to_utf8(add_model_cards_xml(text, cards))
