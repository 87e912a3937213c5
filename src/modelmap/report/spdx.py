"""``modelmap bom --format spdx``: an SPDX 3.0.1 JSON-LD document with AI-profile packages, built with
spdx-python-model.

The same inventory as the CycloneDX BOM (:mod:`modelmap.report.bom_inventory`), in SPDX terms:

* one ``software_Sbom`` (type ``analyzed``) whose root is a ``software_Package`` for the scanned
  application (primary purpose ``application``), inside one ``SpdxDocument``;
* every model is an ``ai_AIPackage`` (primary purpose ``model``): ``suppliedBy`` = the publisher as an
  ``Organization``, its country as the extension property ``modelmap:country`` (SPDX 3.0.1 gives an
  organisation no address); ``software_packageUrl`` = ``pkg:huggingface/<org>/<name>`` and
  ``software_downloadLocation`` = the Hub page, only for models with a Hub repository;
  ``ai_typeOfModel`` = the task the code uses it for (``text-generation``, ``feature-extraction``…)
  where known; ``ai_informationAboutApplication`` = the flows it powers; ``ai_limitation`` = why it is
  unresolved, flags, confidence; ``externalRef`` = the knowledge-base sources. Unresolved identifiers
  are packages too, with ``modelmap:resolved = false``;
* licences: exactly one ``hasDeclaredLicense`` per model, to a ``simplelicensing_LicenseExpression``
  (the SPDX id, or ``LicenseRef-modelmap-<kb id>`` named after the licence when SPDX has no id) or to
  ``NoAssertionLicense`` when unknown (a lineage ancestor's is the knowledge base's record of that exact id, as
  ``modelmap trace`` gives it); exactly one ``hasConcludedLicense``, always ``NoAssertionLicense``
  (modelmap records what publishers declare; it concludes nothing);
* lineage: ``descendantOf`` from a model to each base it was built on (``comment`` = the relation:
  finetune, quantization, merge…). SPDX 3.0.1 has no distillation relationship (``trainedOn`` is for
  training data), so a teacher is an ``other`` relationship whose comment reads ``distillation teacher``
  and whose extension property ``modelmap:relation`` is ``distillation``. Ancestors that are not used
  directly are ``ai_AIPackage`` elements too;
* endpoints and hosted APIs are ``software_Package`` elements with no primary purpose, marked
  ``modelmap:kind = service``, the URLs in ``externalRef`` (type ``other``), ``suppliedBy`` = the
  operator for hosted APIs. Never an ``ai_AIPackage``;
* data flow: ``dependsOn`` (``LifecycleScopedRelationship``, scope ``runtime``) from the application to
  each service and to each model it uses directly, and from each service to the models it serves.

Profile conformance claimed: core, software, simpleLicensing, extension. The AI profile's classes are
used, but ``ai`` is not claimed: 3.0.1 requires ``packageVersion``, ``releaseTime`` and
``downloadLocation`` on every AI package, and code rarely pins a model revision, so those are not known;
we leave them out rather than make them up. Tests deserialize the output with spdx-python-model
(type and cardinality checks, every reference resolved) and re-serialize it.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any, ClassVar
from urllib.parse import quote

from modelmap.output import dumps_json
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
    teachers,
    truncation_note,
)
from modelmap.report.cyclonedx import TASKS, app_name
from modelmap.types import Finding, ScanResult

CONTEXT = "https://spdx.org/rdf/3.0.1/spdx-context.jsonld"
NO_ASSERTION_LICENSE = "https://spdx.org/rdf/3.0.1/terms/ExpandedLicensing/NoAssertionLicense"
PROFILES = ("core", "software", "simpleLicensing", "extension")
_LICENSE_REF = re.compile(r"[^A-Za-z0-9.-]+")


def _set(cls: Any, **kwargs: Any) -> Any:
    """Construct ``cls`` from the facts that are known (the bindings reject ``None`` for a property)."""
    return cls(**{k: v for k, v in kwargs.items() if v is not None})


def _props(spdx: Any, pairs: list[tuple[str, str]]) -> list[Any]:
    if not pairs:
        return []
    return [spdx.extension_CdxPropertiesExtension(extension_cdxProperty=[
        spdx.extension_CdxPropertyEntry(extension_cdxPropName=k, extension_cdxPropValue=v) for k, v in pairs])]


class _Builder:
    def __init__(self, spdx: Any, base: str, now: datetime, version: str) -> None:
        self.spdx = spdx
        self.base = base
        self.agent = spdx.SoftwareAgent(spdxId=base + "agent/modelmap", name="modelmap")
        self.info = spdx.CreationInfo(specVersion="3.0.1", created=now, createdBy=[self.agent],
                                      createdUsing=[])
        self.agent.creationInfo = self.info
        tool = spdx.Tool(spdxId=base + "tool/modelmap", name=f"modelmap {version}", creationInfo=self.info)
        self.info.createdUsing = [tool]
        self.elements: dict[str, Any] = {self.agent.spdxId: self.agent, tool.spdxId: tool}
        self.relationships: list[Any] = []

    def iri(self, kind: str, key: str) -> str:
        return f"{self.base}{kind}/{quote(key, safe='')}"

    def add(self, element: Any) -> Any:
        return self.elements.setdefault(element.spdxId, element)

    def org(self, publisher: dict[str, Any] | None) -> Any:
        publisher = publisher if isinstance(publisher, dict) else {}
        name = publisher.get("name") or publisher.get("id")
        if not name:
            return None
        key = str(publisher.get("id") or name)
        iri = self.iri("organization", key)
        if iri not in self.elements:
            pairs = [("modelmap:country", str(publisher["country"]))] if publisher.get("country") else []
            self.add(_set(self.spdx.Organization, spdxId=iri, name=str(name), creationInfo=self.info,
                                            extension=_props(self.spdx, pairs)))
        return self.elements[iri]

    def relate(self, source: Any, kind: str, targets: list[Any], *, comment: str | None = None,
               runtime: bool = False, pairs: list[tuple[str, str]] | None = None) -> None:
        spdx = self.spdx
        key = "\n".join([source.spdxId if hasattr(source, "spdxId") else str(source), kind]
                        + [t.spdxId if hasattr(t, "spdxId") else str(t) for t in targets])
        iri = f"{self.base}relationship/{kind}-{hashlib.sha256(key.encode()).hexdigest()[:16]}"
        cls = spdx.LifecycleScopedRelationship if runtime else spdx.Relationship
        rel = _set(cls, spdxId=iri, from_=source, to=targets, relationshipType=getattr(spdx.RelationshipType, kind),
                  creationInfo=self.info, comment=comment, extension=_props(spdx, pairs or []))
        if runtime:
            rel.scope = spdx.LifecycleScopeType.runtime
        self.relationships.append(rel)

    def license(self, licence: dict[str, Any] | None) -> Any:
        licence = licence if isinstance(licence, dict) else {}
        if licence.get("spdx"):
            expression, name = str(licence["spdx"]), licence.get("name")
        elif licence.get("id") or licence.get("name"):
            ident = _LICENSE_REF.sub("-", str(licence.get("id") or licence.get("name"))).strip("-") or "unnamed"
            expression, name = f"LicenseRef-modelmap-{ident}", licence.get("name") or licence.get("id")
        else:
            return NO_ASSERTION_LICENSE
        iri = self.iri("license", expression)
        if iri not in self.elements:
            self.add(_set(self.spdx.simplelicensing_LicenseExpression,
                spdxId=iri, simplelicensing_licenseExpression=expression, name=str(name) if name else None,
                creationInfo=self.info))
        return self.elements[iri]

    def model_package(self, model_id: str, publisher: dict[str, Any] | None) -> Any:
        """An ancestor (or any model known only by id): name, supplier, purpose."""
        iri = self.iri("model", model_id)
        if iri not in self.elements:
            supplier = self.org(publisher)
            package = self.add(_set(self.spdx.ai_AIPackage, spdxId=iri, name=model_id, creationInfo=self.info,
                                    suppliedBy=supplier,
                                    software_primaryPurpose=self.spdx.software_SoftwarePurpose.model))
            self.relate(package, "hasDeclaredLicense", [self.license(ancestor_license(model_id))])
            self.relate(package, "hasConcludedLicense", [NO_ASSERTION_LICENSE])
        return self.elements[iri]


def _limitations(entry: ModelEntry) -> list[str]:
    res = entry.res
    out = []
    if not entry.resolved:
        out.append(f"Not identified by the knowledge base: {res.get('reason') or 'no reason recorded'}")
    for flag in res.get("flags") or ():
        out.append(f"{flag.get('id')}: {flag.get('detail', '')}".rstrip(": ") if isinstance(flag, dict) else str(flag))
    if (res.get("confidence") or "unknown") != "known":
        out.append(f"Provenance confidence: {res.get('confidence') or 'unknown'}")
    if countries(res.get("origins")) is None:
        out.append("Origin countries: unknown")
    elif res.get("origins_known") is False:
        out.append("Origin countries may be incomplete: a publisher country or a base is not recorded")
    if lineage_undisclosed(res, entry.model_id):
        out.append(UNDISCLOSED_LIMITATION)
    return out


def _model(b: _Builder, entry: ModelEntry, flow_tags: dict[str, tuple[str, ...]],
           files: list[dict[str, Any]] | None = None) -> Any:
    """``files``: the entry's model files in the scanned tree (bom_inventory.model_files): a package that is one
    file is ``verifiedUsing`` its SHA-256; every file is a ``modelmap:file-sha256`` property."""
    spdx = b.spdx
    files = files or []
    res = entry.res
    pairs = [("modelmap:resolved", "true" if entry.resolved else "false"),
             ("modelmap:confidence", str(res.get("confidence") or "unknown"))]
    origins = countries(res.get("origins"))
    pairs.append(("modelmap:origins", ",".join(origins) if origins else "unknown"))
    if isinstance(res.get("origins_known"), bool):
        pairs.append(("modelmap:origins-known", "true" if res["origins_known"] else "false"))
    if lineage_undisclosed(res, entry.model_id):
        pairs.append(UNDISCLOSED_PROPERTY)
    if not entry.publisher.get("name") and not entry.publisher.get("id"):
        pairs.append(("modelmap:supplier", "unknown"))
    if res.get("open_weights") is not None:
        pairs.append(("modelmap:open-weights", "true" if res["open_weights"] else "false"))
    if entry.model.get("params") is not None:
        pairs.append(("modelmap:parameters", str(entry.model["params"])))
    pairs += [("modelmap:identifier", raw) for raw in sorted({f.raw for f in entry.findings})]
    pairs += [("modelmap:used-at", f"{f.path}:{f.line}" if f.line > 0 else f.path)
              for f in sorted(entry.findings, key=lambda f: (f.path, f.line, f.raw))]
    pairs.append(("modelmap:usages", str(len(entry.findings))))
    pairs += [("modelmap:file-sha256", file_property(f)) for f in files]
    refs = []
    for source in res.get("sources") or ():
        if isinstance(source, dict) and source.get("url"):
            refs.append(_set(spdx.ExternalRef, externalRefType=spdx.ExternalRefType.documentation, locator=[source["url"]],
                                         comment=f"as of {source['as_of']}" if source.get("as_of") else None))
    uses = []
    for flow in sorted(entry.flows):
        tags = flow_tags.get(flow, ())
        uses.append(f"Powers the {flow} flow" + (f" ({', '.join(tags)})" if tags else ""))
    limitations = _limitations(entry)
    iri = b.iri("model", entry.model_id if entry.resolved else f"unresolved:{entry.model_id}")
    package = _set(
        spdx.ai_AIPackage,
        spdxId=iri, name=entry.model_id, creationInfo=b.info, suppliedBy=b.org(entry.publisher),
        software_primaryPurpose=spdx.software_SoftwarePurpose.model,
        description=f"{entry.model.get('family')} model" if entry.model.get("family") else None,
        ai_typeOfModel=sorted({TASKS[r] for r in entry.roles if r in TASKS}),
        ai_informationAboutApplication="; ".join(uses) or None,
        ai_limitation="; ".join(limitations) or None,
        externalRef=refs, extension=_props(spdx, pairs),
    )
    if digest := single_file_sha256(files):
        package.verifiedUsing = [_set(spdx.Hash, algorithm=spdx.HashAlgorithm.sha256, hashValue=digest)]
    if entry.hf_repo:
        org, repo = entry.hf_repo.split("/")
        package.software_packageUrl = f"pkg:huggingface/{org}/{repo}"
        package.software_downloadLocation = f"https://huggingface.co/{entry.hf_repo}"
    # a model used directly may also be an ancestor of another: the used one (with its facts) wins
    b.elements[iri] = package
    b.relate(package, "hasDeclaredLicense", [b.license(res.get("license"))])
    b.relate(package, "hasConcludedLicense", [NO_ASSERTION_LICENSE])
    return package


def _lineage(b: _Builder, entry: ModelEntry, package: Any) -> None:
    nodes: dict[str, Any] = {entry.model_id: package}
    edges = lineage_edges(entry.res, entry.model_id)
    for edge in edges:
        nodes.setdefault(edge["parent"], b.model_package(edge["parent"], edge["parent_publisher"]))
    teacher_ids = set(teachers(entry.res))
    for edge in edges:
        child = nodes.get(str(edge["child"])) if edge["child"] else package
        if child is None:
            child = nodes[str(edge["child"])] = b.model_package(str(edge["child"]), None)
        parent = nodes[edge["parent"]]
        if edge["teacher"] or (edge["child"] is None and edge["parent"] in teacher_ids):
            b.relate(child, "other", [parent], comment="distillation teacher",
                     pairs=[("modelmap:relation", edge["relation"])])
        else:
            b.relate(child, "descendantOf", [parent], comment=edge["relation"],
                     pairs=[("modelmap:relation", edge["relation"])])


def _service(b: _Builder, entry: ServiceEntry) -> Any:
    spdx = b.spdx
    pairs = [("modelmap:kind", "service"), ("modelmap:service-kind", entry.kind or "unknown")]
    if entry.provider_id:
        pairs.append(("modelmap:provider-id", entry.provider_id))
    if entry.kind == "local":
        pairs.append(("modelmap:hosting", "self-hosted"))
    if not entry.urls:
        pairs.append(("modelmap:endpoint", "not named in the code"))
    pairs += [("modelmap:serving", str(s)) for s in entry.serving or ()] or [("modelmap:serving", "unknown")]
    if entry.country:
        pairs.append(("modelmap:country", str(entry.country)))
    pairs += [("modelmap:named-at", f"{f.path}:{f.line}" if f.line > 0 else f.path)
              for f in sorted(entry.findings, key=lambda f: (f.path, f.line, f.raw))]
    refs = [_set(spdx.ExternalRef, externalRefType=spdx.ExternalRefType.other, locator=sorted(entry.urls),
                             comment="endpoint")] if entry.urls else []
    supplier = b.org({"id": entry.provider_id, "name": entry.operator, "country": entry.country}) \
        if entry.kind != "local" else None
    return b.add(_set(
        spdx.software_Package,
        spdxId=b.iri("service", entry.ref.removeprefix("service:")), name=entry.name, creationInfo=b.info,
        suppliedBy=supplier, comment="Model-serving endpoint or hosted API: a service, not a model",
        externalRef=refs, extension=_props(spdx, pairs)))


def build_document(result: ScanResult, *, now: datetime, inventory: BomInventory,
                   flow_tags: dict[str, tuple[str, ...]], version: str, name: str | None = None,
                   truncated: str | None = None) -> dict[str, Any]:
    """The SPDX 3.0.1 JSON-LD document as a dict; ``truncated``: the document's comment when models were left out."""
    from spdx_python_model.bindings import v3_0_1 as spdx

    digest = json.dumps([[ref, len(m.findings)] for ref, m in inventory.models.items()] + sorted(inventory.services),
                        sort_keys=True)
    serial = uuid.uuid5(uuid.NAMESPACE_URL, f"modelmap-spdx:{now.isoformat()}:{digest}")
    b = _Builder(spdx, f"urn:uuid:{serial}#", now, version)
    name = name or app_name(result)
    app = b.add(spdx.software_Package(spdxId=b.iri("application", name), name=name, creationInfo=b.info,
                                      software_primaryPurpose=spdx.software_SoftwarePurpose.application))
    models = {ref: _model(b, entry, flow_tags, model_files(entry, result)) for ref, entry in inventory.models.items()}
    for ref, entry in inventory.models.items():
        _lineage(b, entry, models[ref])
    services = {ref: _service(b, entry) for ref, entry in inventory.services.items()}
    targets = [services[ref] for ref in inventory.services] + [models[ref] for ref in inventory.direct_models]
    if targets:
        b.relate(app, "dependsOn", targets, runtime=True)
    for ref, service in inventory.services.items():
        if service.models:
            b.relate(services[ref], "dependsOn", [models[m] for m in sorted(service.models)], runtime=True,
                     comment="serves")
    for rel in b.relationships:
        b.add(rel)
    elements = [b.elements[k] for k in sorted(b.elements)]
    sbom = spdx.software_Sbom(spdxId=b.base + "sbom", name=f"AI BOM of {name}", creationInfo=b.info,
                              software_sbomType=[spdx.software_SbomType.analyzed], rootElement=[app],
                              element=elements, profileConformance=[getattr(spdx.ProfileIdentifierType, p) for p in PROFILES])
    document = spdx.SpdxDocument(spdxId=b.base + "document", name=f"modelmap AI BOM of {name}", creationInfo=b.info,
                                 rootElement=[sbom], element=[sbom, *elements],
                                 profileConformance=[getattr(spdx.ProfileIdentifierType, p) for p in PROFILES])
    if truncated:
        document.comment = truncated
    objects = spdx.SHACLObjectSet([document, sbom, *elements])
    data = spdx.JSONLDSerializer().serialize_data(objects, force_at_graph=True)
    return data if isinstance(data, dict) else {"@context": CONTEXT, "@graph": data}


class SpdxRenderer:
    """``render(result)`` takes a resolved ScanResult; ``flows_of``/``flow_tags`` as for CycloneDX."""

    id = "spdx-json"
    media_type = "application/spdx+json"
    formats: ClassVar[tuple[str, ...]] = ("spdx",)

    def __init__(self, *, clock: Callable[[], datetime] | None = None,
                 flows_of: Callable[[Finding], list[str]] | None = None,
                 flow_tags: dict[str, tuple[str, ...]] | None = None, version: str | None = None,
                 name: str | None = None, max_models: int = MAX_BOM_MODELS) -> None:
        self.clock = clock or (lambda: datetime.now(timezone.utc).replace(microsecond=0))
        self.flows_of = flows_of
        self.flow_tags = flow_tags or {}
        self.version = version
        self.name = name
        self.max_models = max_models  # model components listed at most (0: all); see bom_inventory.capped
        self.left_out = 0  # models the last render left out (bom_inventory.capped), for the command to report

    def render(self, result: ScanResult) -> bytes:
        # spdx_python_model costs about 1.5 ms of CPU a model (its objects, index and JSON-LD encoding): 10,000
        # distinct models took 20 s (redteam26), so the document lists the models used most, as CycloneDX does
        inventory, self.left_out = capped(collect(result, self.flows_of), self.max_models)
        now = self.clock().astimezone(timezone.utc).replace(microsecond=0)
        truncated = (f"modelmap:truncated: {truncation_note(len(inventory.models), self.left_out)}"
                     if self.left_out else None)
        doc = build_document(result, now=now, inventory=inventory, flow_tags=self.flow_tags,
                             version=self.version or tool_version(), name=self.name, truncated=truncated)
        return dumps_json(doc, indent=2)
