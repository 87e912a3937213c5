"""``modelmap bom``: a CycloneDX 1.6 ML-BOM (JSON or XML) built with cyclonedx-python-lib.

Models and endpoints are two kinds of thing (grouping in :mod:`modelmap.report.bom_inventory`):

**Models** are ``machine-learning-model`` components, one per distinct model:

* ``group``/``name`` from the model id (``qwen`` / ``qwen2.5-7b-instruct``);
* ``supplier`` = the publishing organisation, with ``address.country`` (ISO 3166-1 alpha-2) where the
  knowledge base records it; ``publisher`` = its name; ``licenses`` = SPDX id or license name;
* ``purl`` = ``pkg:huggingface/<org>/<name>`` (case kept, no version: the revision is not known) only
  for a model the knowledge base ties to a Hub repository (``resolution.model.hf``), none otherwise
  (purl type definition: github.com/package-url/purl-spec ``types/huggingface-definition.json``);
* ``externalReferences`` = the knowledge-base sources (with their ``as_of`` date);
* ``pedigree.ancestors`` = one component per model upstream in any known lineage edge: bases
  (finetune, quantization, merge, adapter…) and distillation teachers. Each carries
  ``modelmap:relation`` (``distillation`` for a teacher), ``modelmap:teacher`` = true/false and
  ``modelmap:lineage-child`` (the model it is a parent of, where the resolution says). The library sorts
  ancestors, so first-seen order is kept in the bom-ref suffix ``#lineage-0``, ``#lineage-1``...;
* ``evidence.occurrences`` = every place in the code that uses it;
* ``properties`` (``modelmap:*``) = resolved, confidence, origins (``unknown`` when not known),
  publisher country, open weights, serving (``served-by`` / ``serving-country`` per operator a use is served
  by, and ``serving-unknown-usages`` = how many uses have no serving evidence when others have some), flows, usages.

Identifiers the knowledge base could not resolve are model components too, marked
``modelmap:resolved = false`` with the reason, so the BOM never hides them.

**Endpoints and hosted APIs** are ``services``, never components: ``endpoints`` = the base URLs the
code names (a hosted API known only from the model name has none, and says so in
``modelmap:endpoint``), ``provider`` = the operator with its country (a self-hosted server has no
provider organisation: ``modelmap:hosting = self-hosted``), ``x-trust-boundary`` = true for
hosted APIs, and properties ``modelmap:kind`` (api, cloud, router, local), ``modelmap:serving`` (where
requests are processed: countries, ``self-hosted`` or ``unknown``) and ``modelmap:named-at`` (each place
the code names the URL). The **data flow** is the ``dependencies`` graph: the application
(``metadata.component``) depends on each service and on each model it uses directly; each service
depends on the models it serves.

**modelCard post-processing.** cyclonedx-python-lib 11.x does not model ``modelCard`` (its
docs/schema-support.rst lists it as unsupported). After the library serialises the BOM, we add a
``modelCard`` to *every* model component: ``modelParameters.task`` (from the roles the code uses it
for) and ``architectureFamily``, ``considerations.useCases`` (the product flows it powers) and
``technicalLimitations`` (knowledge-base flags, provenance confidence, why it is unresolved, unknown
origins), and ``properties`` (parameter count where known). An unresolved model gets a minimal card
with what is known; a lineage ancestor gets one that says only its publisher and relation are
recorded. In JSON it is a plain key; in XML it is inserted at the position the 1.6 XSD requires
(after ``evidence`` / ``releaseNotes``, before ``data`` / ``cryptoProperties`` / ``tags``).
Tests validate the final document with the library's JSON and XML validators.
"""

from __future__ import annotations

import json
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import PurePath
from typing import Any, ClassVar

from modelmap.output import dumps_json, to_utf8, xml_clean
from modelmap.policy.summary import tool_version
from modelmap.report.bom_inventory import (
    MAX_BOM_MODELS,
    UNDISCLOSED_LIMITATION,
    UNDISCLOSED_PROPERTY,
    BomInventory,
    ModelEntry,
    ServiceEntry,
    ancestor_license,
    capped,
    collect,
    countries,
    file_property,
    lineage_edges,
    lineage_undisclosed,
    model_files,
    single_file_sha256,
    split_id,
    teachers,
    truncation_note,
)
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


def app_name(result: ScanResult) -> str:
    """The scanned project's folder name (``application`` when the root is ``.`` or unnamed)."""
    name = PurePath(result.root or ".").name
    return name if name and name not in (".", "..") else "application"


def _org(name: str | None, country: str | None) -> Any:
    from cyclonedx.model.contact import OrganizationalEntity, PostalAddress

    if not name:
        return None
    return OrganizationalEntity(name=name, address=PostalAddress(country=country) if country else None)


def _served(entry: ModelEntry) -> list[dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for finding in entry.findings:
        served = (finding.resolution or {}).get("served_by")
        if isinstance(served, dict) and (served.get("id") or served.get("operator")):
            out.setdefault(str(served.get("id") or served.get("operator")), served)
    return [out[k] for k in sorted(out)]


def _has_serving(finding: Any) -> bool:
    served = (finding.resolution or {}).get("served_by")
    return isinstance(served, dict) and bool(served.get("id") or served.get("operator"))


def _properties(entry: ModelEntry) -> list[tuple[str, str]]:
    res = entry.res
    props: list[tuple[str, str]] = []
    props.append(("modelmap:resolved", "true" if entry.resolved else "false"))
    props.append(("modelmap:confidence", str(res.get("confidence") or "unknown")))
    if not entry.resolved and res.get("reason"):
        props.append(("modelmap:reason", str(res["reason"])))
    origins = countries(res.get("origins"))
    props.append(("modelmap:origins", ",".join(origins) if origins else "unknown"))
    if isinstance(res.get("origins_known"), bool):
        props.append(("modelmap:origins-known", "true" if res["origins_known"] else "false"))
    if lineage_undisclosed(res, entry.model_id):
        props.append(UNDISCLOSED_PROPERTY)
    if not entry.publisher.get("name") and not entry.publisher.get("id"):
        props.append(("modelmap:supplier", "unknown"))
    if entry.publisher.get("country"):
        props.append(("modelmap:publisher-country", str(entry.publisher["country"])))
    if res.get("open_weights") is not None:
        props.append(("modelmap:open-weights", "true" if res["open_weights"] else "false"))
    served_all = _served(entry)
    for served in served_all:
        props.append(("modelmap:served-by", str(served.get("operator") or served.get("id"))))
        if served.get("country"):
            props.append(("modelmap:serving-country", str(served["country"])))
    if served_all:
        # uses with no serving evidence beside those with some: the served-by above is not every use's (gpt-4o-mini
        # through OpenRouter in a gateway and through a company proxy in an iOS app read "served by OpenRouter, US")
        unknown = sum(1 for f in entry.findings if not _has_serving(f))
        if unknown:
            props.append(("modelmap:serving-unknown-usages", str(unknown)))
    for teacher in teachers(res):
        props.append(("modelmap:distilled-from", teacher))
    for identifier in sorted({f.raw for f in entry.findings}):
        props.append(("modelmap:identifier", identifier))
    for flow in sorted(entry.flows):
        props.append(("modelmap:flow", flow))
    props.append(("modelmap:usages", str(len(entry.findings))))
    return props


def _ancestor_groups(entry: ModelEntry) -> list[tuple[str, str, list[dict[str, Any]]]]:
    """(bom-ref, parent model id, its edges) per distinct upstream model, in first-seen order."""
    by_parent: dict[str, list[dict[str, Any]]] = {}
    for edge in lineage_edges(entry.res, entry.model_id):
        by_parent.setdefault(edge["parent"], []).append(edge)
    return [(f"{entry.ref}#lineage-{i}", parent, edges) for i, (parent, edges) in enumerate(by_parent.items())]


def _licenses(licence: dict[str, Any] | None) -> list[Any]:
    """The component's ``licenses``: the SPDX id, else the licence's name; none when unknown."""
    from cyclonedx.model.license import DisjunctiveLicense

    licence = licence if isinstance(licence, dict) else {}
    if licence.get("spdx"):
        return [DisjunctiveLicense(id=licence["spdx"])]
    if licence.get("name") or licence.get("id"):
        return [DisjunctiveLicense(name=licence.get("name") or licence["id"])]
    return []


def _ancestors(entry: ModelEntry) -> list[Any]:
    from cyclonedx.model import Property
    from cyclonedx.model.component import Component, ComponentType

    out = []
    for ref, parent, edges in _ancestor_groups(entry):
        publisher = next((e["parent_publisher"] for e in edges if isinstance(e["parent_publisher"], dict)), None) or {}
        group, name = split_id(parent)
        props = [("modelmap:relation", r) for r in sorted({e["relation"] for e in edges})]
        props.append(("modelmap:teacher", "true" if any(e["teacher"] for e in edges) else "false"))
        props += [("modelmap:lineage-child", c) for c in sorted({str(e["child"]) for e in edges if e["child"]})]
        if publisher.get("country"):
            props.append(("modelmap:publisher-country", str(publisher["country"])))
        out.append(Component(
            type=ComponentType.MACHINE_LEARNING_MODEL, name=name, group=group, bom_ref=ref,
            supplier=_org(publisher.get("name") or publisher.get("id"), publisher.get("country")),
            licenses=_licenses(ancestor_license(parent)),
            properties=[Property(name=k, value=v) for k, v in props],
        ))
    return out


def _component(entry: ModelEntry, files: list[dict[str, Any]] | None = None) -> Any:
    """``files``: the entry's model files in the scanned tree (bom_inventory.model_files): a component that is one
    file gets its SHA-256 as ``hashes``; every file is a ``modelmap:file-sha256`` property."""
    from cyclonedx.model import (
        ExternalReference,
        ExternalReferenceType,
        HashAlgorithm,
        HashType,
        Property,
        XsUri,
    )
    from cyclonedx.model.component import Component, ComponentType, Pedigree
    from cyclonedx.model.component_evidence import ComponentEvidence, Occurrence
    from packageurl import PackageURL

    res = entry.res
    group, name = split_id(entry.model_id)
    publisher_name = entry.publisher.get("name") or entry.publisher.get("id")
    licenses = _licenses(res.get("license"))
    references = []
    for source in res.get("sources") or ():
        url = source.get("url") if isinstance(source, dict) else None
        if url:
            comment = f"as of {source['as_of']}" if source.get("as_of") else None
            references.append(ExternalReference(type=ExternalReferenceType.DOCUMENTATION, url=XsUri(url), comment=comment))
    purl = None
    if entry.hf_repo:
        org, repo = entry.hf_repo.split("/")
        purl = PackageURL(type="huggingface", namespace=org, name=repo)
    ancestors = _ancestors(entry)
    # explicit bom-refs: the library orders occurrences by bom-ref, and a missing one is random
    occurrences = [
        Occurrence(bom_ref=f"{entry.ref}#use-{i:05d}", location=f.path, line=f.line if f.line > 0 else None,
                   symbol=f.raw)
        for i, f in enumerate(sorted(entry.findings, key=lambda f: (f.path, f.line, f.raw)))
    ]
    files = files or []
    digest = single_file_sha256(files)
    props = _properties(entry) + [("modelmap:file-sha256", file_property(f)) for f in files]
    return Component(
        type=ComponentType.MACHINE_LEARNING_MODEL,
        name=name,
        group=group,
        bom_ref=entry.ref,
        supplier=_org(publisher_name, entry.publisher.get("country")),
        publisher=publisher_name,
        purl=purl,
        description=f"{entry.model.get('family')} model" if entry.model.get("family") else None,
        licenses=licenses,
        external_references=references,
        pedigree=Pedigree(ancestors=ancestors) if ancestors else None,
        evidence=ComponentEvidence(occurrences=occurrences),
        hashes=[HashType(alg=HashAlgorithm.SHA_256, content=digest)] if digest else [],
        properties=[Property(name=k, value=v) for k, v in props],
    )


def _service(entry: ServiceEntry) -> Any:
    from cyclonedx.exception.model import InvalidUriException
    from cyclonedx.model import Property, XsUri
    from cyclonedx.model.service import Service

    endpoints = []
    props: list[tuple[str, str]] = []
    for url in sorted(entry.urls):
        try:
            endpoints.append(XsUri(url))
        except InvalidUriException:
            props.append(("modelmap:endpoint", url))  # not a valid URI: kept as text
    if not entry.urls:
        props.append(("modelmap:endpoint", "not named in the code"))
    if entry.provider_id:
        props.append(("modelmap:provider-id", entry.provider_id))
    props.append(("modelmap:kind", entry.kind or "unknown"))
    if entry.kind == "local":
        props.append(("modelmap:hosting", "self-hosted"))
    # where requests are processed: countries, or "self-hosted"
    props += [("modelmap:serving", str(s)) for s in entry.serving or ()] or [("modelmap:serving", "unknown")]
    for finding in sorted(entry.findings, key=lambda f: (f.path, f.line, f.raw)):
        props.append(("modelmap:named-at", f"{finding.path}:{finding.line}" if finding.line > 0 else finding.path))
    return Service(
        name=entry.name,
        bom_ref=entry.ref,
        provider=_org(entry.operator, entry.country) if entry.kind != "local" else None,
        endpoints=endpoints,
        x_trust_boundary=True if entry.hosted else None,
        properties=[Property(name=k, value=v) for k, v in props],
    )


def build_bom(result: ScanResult, *, now: datetime, flows_of: Callable[[Finding], list[str]] | None = None,
              version: str | None = None, inventory: BomInventory | None = None, name: str | None = None) -> Any:
    """Build the library Bom (everything except model cards, which are added after serialisation)."""
    from cyclonedx.model.bom import Bom, BomMetaData
    from cyclonedx.model.component import Component, ComponentType

    inv = inventory or collect(result, flows_of)
    components = {ref: _component(entry, model_files(entry, result)) for ref, entry in inv.models.items()}
    services = {ref: _service(entry) for ref, entry in inv.services.items()}
    tool = Component(type=ComponentType.APPLICATION, name="modelmap", version=version or tool_version(),
                     bom_ref="tool:modelmap")
    name = name or app_name(result)
    app = Component(type=ComponentType.APPLICATION, name=name, bom_ref=f"app:{name}")
    metadata = BomMetaData(timestamp=now, tools=None, component=app)
    metadata.tools.components.add(tool)
    digest = json.dumps([[ref, len(m.findings)] for ref, m in inv.models.items()] + sorted(inv.services),
                        sort_keys=True)
    serial = uuid.uuid5(uuid.NAMESPACE_URL, f"modelmap:{now.isoformat()}:{digest}")
    bom = Bom(components=components.values(), services=services.values(), metadata=metadata, serial_number=serial)
    _index_dependencies(bom)
    bom.register_dependency(app, [services[ref] for ref in inv.services]
                            + [components[ref] for ref in inv.direct_models])
    for ref, entry in inv.services.items():
        bom.register_dependency(services[ref], [components[m] for m in sorted(entry.models)])
    for ref in inv.models:
        bom.register_dependency(components[ref])
    return bom


def _index_dependencies(bom: Any) -> None:
    """Give ``bom`` a ``register_dependency`` that finds a target's entry by its ref in a dict. The library's own
    (cyclonedx-python-lib 11) looks for it with a linear scan of every registered dependency, and its outputters call
    ``Bom.validate``, which registers every component again: quadratic in the number of models (redteam25: a tree
    naming 4,000 distinct models took 28 s of CPU, 30,000 over 180 s). Same entries, same order of calls, so the
    document is unchanged. Set on the instance, so the class and its serialisation metadata stay the library's."""
    from cyclonedx.model.dependency import Dependency

    index: dict[Any, Any] = {d.ref: d for d in bom.dependencies}

    def register_dependency(target: Any, depends_on: Any = None) -> None:
        entry = index.get(target.bom_ref)
        if entry is None:
            entry = Dependency(ref=target.bom_ref, dependencies=[Dependency(ref=d.bom_ref) for d in depends_on or ()])
            index[target.bom_ref] = entry
            bom.dependencies.add(entry)
        elif depends_on:
            entry.dependencies.update(Dependency(ref=d.bom_ref) for d in depends_on)
        for d in depends_on or ():
            register_dependency(d)

    bom.register_dependency = register_dependency


def _model_card(entry: ModelEntry, flow_tags: dict[str, tuple[str, ...]]) -> dict[str, Any]:
    res = entry.res
    params: dict[str, Any] = {}
    roles = sorted({f.role for f in entry.findings if f.role in TASKS})
    if len(roles) == 1:
        params["task"] = TASKS[roles[0]]
    if entry.model.get("family"):
        params["architectureFamily"] = str(entry.model["family"])
    use_cases = []
    for flow in sorted(entry.flows):
        tags = flow_tags.get(flow, ())
        use_cases.append(f"Powers the {flow} flow" + (f" ({', '.join(tags)})" if tags else ""))
    limitations = []
    if not entry.resolved:
        limitations.append(f"Not identified by the knowledge base: {res.get('reason') or 'no reason recorded'}")
    for flag in res.get("flags") or ():
        if isinstance(flag, dict):
            limitations.append(f"{flag.get('id')}: {flag.get('detail', '')}".rstrip(": "))
        else:
            limitations.append(str(flag))
    if (res.get("confidence") or "unknown") != "known":
        limitations.append(f"Provenance confidence: {res.get('confidence') or 'unknown'}")
    if countries(res.get("origins")) is None:
        limitations.append("Origin countries: unknown")
    elif res.get("origins_known") is False:
        limitations.append("Origin countries may be incomplete: a publisher country or a base is not recorded")
    if lineage_undisclosed(res, entry.model_id):
        limitations.append(UNDISCLOSED_LIMITATION)
    considerations: dict[str, Any] = {}
    if use_cases:
        considerations["useCases"] = use_cases
    if limitations:
        considerations["technicalLimitations"] = limitations
    properties = []
    if entry.model.get("params") is not None:
        properties.append({"name": "modelmap:parameters", "value": str(entry.model["params"])})
    card: dict[str, Any] = {}
    if params:
        card["modelParameters"] = params
    if considerations:
        card["considerations"] = considerations
    if properties:
        card["properties"] = properties
    return card


def _ancestor_card(entry: ModelEntry, edges: list[dict[str, Any]]) -> dict[str, Any]:
    relations = ", ".join(sorted({e["relation"] for e in edges}))
    children = ", ".join(sorted({str(e["child"]) for e in edges if e["child"]})) or entry.model_id
    return {"considerations": {"technicalLimitations": [
        f"Lineage ancestor ({relations}) of {children}: only its publisher, its licence where the knowledge base "
        "records it, and this relation are recorded here"]}}


def model_cards(inventory: BomInventory, flow_tags: dict[str, tuple[str, ...]]) -> dict[str, dict[str, Any]]:
    """A card for every model component (lineage ancestors too), keyed by bom-ref."""
    cards = {}
    for ref, entry in inventory.models.items():
        cards[ref] = _model_card(entry, flow_tags)
        for ancestor_ref, _parent, edges in _ancestor_groups(entry):
            cards[ancestor_ref] = _ancestor_card(entry, edges)
    return cards


def _with_cards(components: list[dict[str, Any]], cards: dict[str, dict[str, Any]]) -> None:
    for component in components:
        card = cards.get(component.get("bom-ref", ""))
        if card is not None:
            component["modelCard"] = card
        _with_cards((component.get("pedigree") or {}).get("ancestors") or [], cards)


def add_model_cards_json(text: str, cards: dict[str, dict[str, Any]]) -> str:
    doc = json.loads(text)
    _with_cards(doc.get("components", []), cards)
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
    properties = card.get("properties")
    if properties:
        node = ET.SubElement(element, q + "properties")
        for prop in properties:
            ET.SubElement(node, q + "property", name=prop["name"]).text = prop["value"]
    return element


def add_model_cards_xml(text: str, cards: dict[str, dict[str, Any]]) -> str:
    ET.register_namespace("", CDX_NS)
    root = ET.fromstring(xml_clean(text))  # a control character in a path would make it malformed
    q = f"{{{CDX_NS}}}"
    components = root.find(q + "components")
    for component in components.iter(q + "component") if components is not None else ():
        card = cards.get(component.get("bom-ref", ""))
        if card is None:
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
    the project config so model cards can say which flows each model powers. ``name`` names the
    application component (default: the last part of the scan root)."""

    media_types: ClassVar[dict[str, str]] = {"json": "application/vnd.cyclonedx+json", "xml": "application/vnd.cyclonedx+xml"}

    def __init__(self, fmt: str = "json", *, clock: Callable[[], datetime] | None = None,
                 flows_of: Callable[[Finding], list[str]] | None = None,
                 flow_tags: dict[str, tuple[str, ...]] | None = None, version: str | None = None,
                 name: str | None = None, max_models: int = MAX_BOM_MODELS) -> None:
        if fmt not in self.media_types:
            raise ValueError(f"unknown CycloneDX format {fmt!r}")
        self.id = f"cyclonedx-{fmt}"
        self.fmt = fmt
        self.media_type = self.media_types[fmt]
        self.clock = clock or (lambda: datetime.now(timezone.utc).replace(microsecond=0))
        self.flows_of = flows_of
        self.flow_tags = flow_tags or {}
        self.version = version
        self.name = name
        self.max_models = max_models  # model components listed at most (0: all); see bom_inventory.capped
        self.left_out = 0  # models the last render left out (bom_inventory.capped), for the command to report

    def render(self, result: ScanResult) -> bytes:
        from cyclonedx.output import make_outputter
        from cyclonedx.schema import OutputFormat, SchemaVersion

        inventory, self.left_out = capped(collect(result, self.flows_of), self.max_models)
        bom = build_bom(result, now=self.clock(), version=self.version, inventory=inventory, name=self.name)
        if self.left_out:
            from cyclonedx.model import Property

            bom.metadata.properties.add(Property(name="modelmap:truncated",
                                                 value=truncation_note(len(inventory.models), self.left_out)))
        cards = model_cards(inventory, self.flow_tags)
        if self.fmt == "json":
            text = make_outputter(bom, OutputFormat.JSON, SchemaVersion.V1_6).output_as_string(indent=2)
            return to_utf8(add_model_cards_json(text, cards))
        text = make_outputter(bom, OutputFormat.XML, SchemaVersion.V1_6).output_as_string()
        return to_utf8(add_model_cards_xml(text, cards))
