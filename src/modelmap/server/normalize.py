"""Turn an uploaded document into the rows the server stores: models, usages and endpoints.

Three formats are read, each validated before anything is taken from it:

* **modelmap scan JSON** (``modelmap.scan/1``): checked against our own schema
  (``report/schemas/scan.schema.json``), rebuilt into a :class:`~modelmap.types.ScanResult` and counted by
  :func:`modelmap.inventory.build_inventory`, the same inventory every CLI command reads. Findings uploaded
  without a resolution are resolved here with the shipped knowledge base (never with a client path).
* **CycloneDX 1.5, 1.6 or 1.7 JSON**: checked by cyclonedx-python-lib's JSON validator. ``modelmap bom``
  output carries ``modelmap:*`` properties (origins, publisher country, serving country, flows); a BOM from
  another producer has none, so its model names are resolved through the knowledge base, and what neither
  says stays unknown (``None``).
* **SPDX 3.0.1 JSON-LD** with AI packages: deserialised by spdx-python-model; modelmap's own ``bom --format
  spdx`` carries the same ``modelmap:*`` properties in a CycloneDX-properties extension.

An unknown list is ``None``, never ``[]``. Every problem raises :class:`DocumentError` with a message that
says what was expected; the API turns it into a 4xx and stores nothing.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from typing import Any

from modelmap.diff import MAX_DEPTH  # one nesting bound for every JSON document modelmap reads

CYCLONEDX_VERSIONS = ("1.5", "1.6", "1.7")


class DocumentError(ValueError):
    """The upload is not a document the server can take (HTTP 400 or 422)."""

    def __init__(self, message: str, status: int = 422) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class Normalized:
    """One upload reduced to rows. ``models`` and ``endpoints`` are keyed once; ``usages`` is one per place."""

    format: str  # scan | cyclonedx | spdx
    spec: str
    models: dict[str, dict[str, Any]] = field(default_factory=dict)
    usages: list[dict[str, Any]] = field(default_factory=list)
    endpoints: dict[str, dict[str, Any]] = field(default_factory=dict)
    # a BOM capped by ``modelmap bom --max-models`` lists only some models: its ``modelmap:truncated`` text
    # (CycloneDX metadata property, SPDX document comment), kept on the snapshot so nobody reads it as complete
    truncated: str | None = None


def depth_ok(value: Any, limit: int = MAX_DEPTH) -> bool:
    """True when no value of ``value`` sits inside more than ``limit`` containers: the same answer as
    :func:`modelmap.diff.depth_ok`, about 8 times faster on a 200-finding scan (1.7 ms instead of 14 ms), because
    only non-empty containers go on the stack, never a scalar (bench/SERVER.md)."""
    if not isinstance(value, (dict, list)):
        return True
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item
        if depth >= limit:
            if children:  # a child would sit at depth limit + 1
                return False
            continue
        for child in children:
            if child and isinstance(child, (dict, list)):
                stack.append((child, depth + 1))
    return True


def parse_json(body: bytes) -> Any:
    try:
        doc = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise DocumentError("the upload is not UTF-8 text; send a JSON document", 400) from None
    except RecursionError:
        raise DocumentError(f"the document is nested more than {MAX_DEPTH} levels deep", 400) from None
    except ValueError as exc:
        raise DocumentError(f"the upload is not valid JSON: {exc}", 400) from None
    if not depth_ok(doc):
        raise DocumentError(f"the document is nested more than {MAX_DEPTH} levels deep", 400)
    if _UNSTORABLE_ESCAPE.search(body):
        doc = _storable(doc)
    return doc


# JSON may spell a NUL (\u0000) or a lone UTF-16 surrogate (\ud800); json.loads keeps both in the str, and no
# database takes them: SQLite's driver cannot encode a surrogate to UTF-8 and PostgreSQL refuses NUL in text, so one
# such character anywhere in an upload (a model name, a path, a BOM's modelmap:truncated note) answered 500. Only a
# body that spells one of those escapes is walked (a pair is joined by json.loads and never matches _UNSTORABLE).
_UNSTORABLE_ESCAPE = re.compile(rb"\\u(?:0000|[dD][89a-fA-F])")
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _storable(value: Any) -> Any:
    """``value`` with every NUL and lone surrogate in its strings (keys included) replaced by U+FFFD."""
    if isinstance(value, str):
        return _UNSTORABLE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {_storable(k): _storable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_storable(v) for v in value]
    return value  # depth_ok bounds the recursion at MAX_DEPTH levels


def normalize(body: bytes) -> Normalized:
    """Detect the format of ``body``, validate it and return its rows (raises DocumentError)."""
    doc = parse_json(body)
    if not isinstance(doc, dict):
        raise DocumentError("expected a JSON object: a modelmap scan, a CycloneDX BOM or an SPDX 3 document")
    schema = doc.get("schema")
    if isinstance(schema, str) and schema.startswith("modelmap.scan/"):
        return from_scan(doc)
    if doc.get("bomFormat") == "CycloneDX":
        return from_cyclonedx(doc, body)
    if "@graph" in doc and "spdx" in json.dumps(doc.get("@context", "")).lower():
        return from_spdx(doc)
    raise DocumentError("unknown document: expected schema \"modelmap.scan/1\", bomFormat \"CycloneDX\", "
                        "or an SPDX 3 JSON-LD document with @context and @graph")


# --------------------------------------------------------------------------- modelmap scan JSON


def _load_scan_schema() -> dict[str, Any]:
    from importlib import resources

    text = resources.files("modelmap.report").joinpath("schemas/scan.schema.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


_SCAN_VALIDATOR: Any = None


def _distinct_resolutions(doc: dict[str, Any]) -> dict[str, Any]:
    """The document with each finding's resolution kept only where it first appears. A scan repeats one
    resolution for every place a model is used, and identical objects validate identically (the schema has
    no constraint across findings), so this validates the same document at a fraction of the cost
    (bench/SERVER.md). The document itself is left as it is."""
    findings = doc.get("findings")
    if not isinstance(findings, list):
        return doc
    seen: set[str] = set()
    slim = []
    for finding in findings:
        if isinstance(finding, dict) and "resolution" in finding:
            key = json.dumps(finding["resolution"], sort_keys=True)
            if key in seen:
                finding = {k: v for k, v in finding.items() if k != "resolution"}
            else:
                seen.add(key)
        slim.append(finding)
    return {**doc, "findings": slim}


_FAST_VALIDATOR: Any = None


def _fast_scan_validator() -> Any:
    """The scan schema compiled by jsonschema-rs when it is installed (about 0.5 ms for a 200-finding scan
    against about 55 ms in jsonschema: bench/SERVER.md), else None. Formats are not asserted, as in jsonschema
    without a format checker; a rejected document goes through jsonschema for the same message as before."""
    global _FAST_VALIDATOR
    if _FAST_VALIDATOR is None:
        try:
            import jsonschema_rs
        except ImportError:
            _FAST_VALIDATOR = False
        else:
            _FAST_VALIDATOR = jsonschema_rs.Draft202012Validator(_load_scan_schema(), validate_formats=False)
    return _FAST_VALIDATOR or None


def compile_validators() -> None:
    """Compile the scan validator now (``app.prepare_process``) rather than on the first upload, and import
    jsonschema (the fallback that words a rejection), whose import builds an RFC 3987 grammar: seconds on a busy
    machine, once per process."""
    import jsonschema  # noqa: F401

    _fast_scan_validator()


def _validate_scan(doc: dict[str, Any]) -> None:
    global _SCAN_VALIDATOR
    import jsonschema

    if doc.get("schema") != "modelmap.scan/1":
        raise DocumentError(f"unsupported scan schema {str(doc.get('schema'))[:40]!r}: this server reads "
                            "modelmap.scan/1; rescan with a matching modelmap")
    fast = _fast_scan_validator()
    if fast is not None and fast.is_valid(doc):
        return  # a compiled validator accepts it; only a document it rejects is walked again for the message
    if _SCAN_VALIDATOR is None:
        schema = _load_scan_schema()
        # the same schema with the finding definition inlined where findings are listed: jsonschema resolves a
        # $ref on every use, which was most of the cost of a 200-finding scan
        findings = schema.get("properties", {}).get("findings", {})
        if findings.get("items") == {"$ref": "#/$defs/finding"}:
            findings["items"] = schema["$defs"]["finding"]
        _SCAN_VALIDATOR = jsonschema.Draft202012Validator(schema)
    error = jsonschema.exceptions.best_match(_SCAN_VALIDATOR.iter_errors(_distinct_resolutions(doc)))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(document)"
        raise DocumentError(f"not a valid modelmap.scan/1 document at {where}: {error.message[:300]}")


def scan_result(doc: dict[str, Any]) -> Any:
    """A validated scan document as a ScanResult (the type every library function reads)."""
    from modelmap.types import Finding, Location, ScanResult, ScanStats, Skip

    findings = []
    for raw in doc["findings"]:
        data = dict(raw)
        if isinstance(data.get("definition"), dict):
            data["definition"] = Location(**data["definition"])
        if isinstance(data.get("evidence"), list):
            data["evidence"] = tuple(data["evidence"])
        known = set(Finding.__dataclass_fields__)
        findings.append(Finding(**{k: v for k, v in data.items() if k in known}))
    skips = [Skip(**{k: v for k, v in s.items() if k in Skip.__dataclass_fields__}) for s in doc["skipped"]]
    stats = doc.get("stats") or {}
    result = ScanResult(root=str(doc["root"]), findings=findings, skips=skips,
                        stats=ScanStats(files_scanned=int(stats.get("files_scanned") or 0)))
    if any(f.kind != "endpoint" and f.resolution is None for f in findings):
        from modelmap.provenance.resolver import default_resolver, resolve_findings

        # the shipped knowledge base only: the scan's root is a path on the client, never read here
        result = resolve_findings(result, resolver=default_resolver())
    return result


def _countries(values: Any) -> list[str]:
    return sorted({v for v in values or () if isinstance(v, str) and len(v) == 2 and v.isalpha()})


def _model_facts(res: dict[str, Any] | None) -> dict[str, Any]:
    res = res or {}
    publisher = res.get("publisher") or {}
    licence = res.get("license") or {}
    served = res.get("served_by")
    serving: list[str] | None = None
    served_by: list[str] | None = None
    if isinstance(served, dict):
        serving = _countries([served.get("country"), *(served.get("serving") or [])]) or None
        served_by = [str(served.get("operator") or served.get("id"))] if served.get("operator") or \
            served.get("id") else None
    origins = res.get("origins")
    return {
        "resolved": bool((res.get("model") or {}).get("id")),
        "publisher": publisher.get("name") or publisher.get("id"),
        "publisher_country": publisher.get("country"),
        "origins": None if origins is None else _countries(origins),
        "origins_known": bool(res.get("origins_known")),
        "serving_countries": serving,
        "served_by": served_by,
        "license": licence.get("spdx") or licence.get("id") or licence.get("name"),
        "confidence": res.get("confidence"),
    }


def from_scan(doc: dict[str, Any]) -> Normalized:
    from modelmap.inventory import build_inventory, is_identified, model_key, section_of

    _validate_scan(doc)
    try:
        result = scan_result(doc)
    except (TypeError, ValueError) as exc:
        raise DocumentError(f"a finding does not have the shape modelmap writes: {exc}") from None
    inventory = build_inventory(result)
    out = Normalized(format="scan", spec="modelmap.scan/1")
    # `scan --format json` in a project that declares flows writes each finding's flows (absent: unknown)
    placed: dict[tuple[Any, ...], list[str]] = {}
    for raw in doc.get("findings") or ():
        if isinstance(raw, dict) and isinstance(raw.get("flows"), list):
            placed[(raw.get("path"), raw.get("line"), raw.get("column"), raw.get("raw"))] = [
                str(x) for x in raw["flows"] if isinstance(x, str)]
    usages: list[tuple[Any, str, list[str] | None]] = []  # (finding, its model's key, its flows or None: unknown)
    model_flows: dict[str, set[str]] = {}
    for f in inventory.usages:
        key = model_key(f) if is_identified(f) else f"unresolved:{model_key(f)}"
        names = placed.get((f.path, f.line, f.column, f.raw)) if placed else None
        usages.append((f, key, names))
        if names is not None:
            model_flows.setdefault(key, set()).update(names)
    for key, entry in inventory.models.items():
        first = entry.first
        facts = _model_facts(first.resolution if first else None)
        if not facts["resolved"]:
            key = f"unresolved:{key}"
        flows = sorted(model_flows[key]) if key in model_flows else None
        out.models[key] = {"key": key, **facts, "identifiers": sorted(entry.identifiers),
                           "flows": flows or None, "usages": entry.usages}
    for f, key, names in usages:
        out.usages.append({"model": key, "path": f.path, "line": f.line,
                           "flow": names[0] if names and len(names) == 1 else None,
                           "section": section_of(f.context), "identifier": f.raw})
    for url, endpoint in inventory.endpoints.items():
        served = ((endpoint.first.resolution or {}).get("served_by") if endpoint.first else None) or {}
        out.endpoints[url] = {"url": url, "provider": endpoint.provider,
                              "serving": served.get("country") or None, "references": endpoint.references}
    return out


# --------------------------------------------------------------------------- CycloneDX

_CDX_VALIDATORS: dict[str, Any] = {}


def _canonical(value: Any) -> Any:
    """A value as jsonschema's ``equal`` compares it: an integral float is its int (1.0 == 1), a bool stays a bool
    (true != 1); containers recursively."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_canonical(v) for v in value]
    return value


def _unique_items(validator: Any, unique: Any, instance: Any, schema: Any) -> Any:
    """jsonschema's ``uniqueItems`` in O(n): each item keyed by its canonical JSON text. jsonschema's own check
    compares every pair of items that do not sort (objects: CycloneDX's components), which is quadratic: a 9 MB BOM
    of 60,000 components held an upload's worker for over 5 minutes (redteam29)."""
    from jsonschema.exceptions import ValidationError

    if not (unique and validator.is_type(instance, "array")):
        return
    seen: set[str] = set()
    for item in instance:
        key = json.dumps(_canonical(item), sort_keys=True, ensure_ascii=False)
        if key in seen:
            yield ValidationError(f"an array holds the same item twice: {key[:120]}")
            return
        seen.add(key)


def _cyclonedx_validator(spec: str) -> Any:
    """cyclonedx-python-lib's Draft 7 validator for ``spec``, with ``uniqueItems`` checked in linear time."""
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonValidator
    from jsonschema import validators

    inner = JsonValidator(SchemaVersion.from_version(spec))._validator
    cls = validators.extend(type(inner), {"uniqueItems": _unique_items})
    return cls(inner.schema, registry=inner._registry, format_checker=inner.format_checker)


def _validate_cyclonedx(doc: dict[str, Any], body: bytes) -> str:
    spec = doc.get("specVersion")
    if spec not in CYCLONEDX_VERSIONS:
        raise DocumentError(f"CycloneDX specVersion {str(spec)[:20]!r} is not supported: send 1.5, 1.6 or 1.7 "
                            "(an ML-BOM needs 1.5 or later)")
    validator = _CDX_VALIDATORS.get(spec)
    if validator is None:
        validator = _CDX_VALIDATORS[spec] = _cyclonedx_validator(spec)
    error = next(validator.iter_errors(json.loads(body.decode("utf-8"))), None)
    if error is not None:
        raise DocumentError(f"not a valid CycloneDX {spec} BOM: {str(error)[:300]}")
    return str(spec)


def _props(entries: Any) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for p in entries or ():
        if isinstance(p, dict) and isinstance(p.get("name"), str):
            out.setdefault(p["name"], []).append(str(p.get("value", "")))
    return out


def _split_location(text: str) -> tuple[str, int | None]:
    path, _, line = text.rpartition(":")
    if path and line.isascii() and line.isdigit() and len(line) < 10:  # '\u00b2'.isdigit() is true
        return path, int(line)
    return text, None


def _from_properties(name: str, props: dict[str, list[Any]], *, publisher: str | None,
                     publisher_country: str | None, license_id: str | None,
                     kb_lookup: bool) -> dict[str, Any]:
    """Model facts from ``modelmap:*`` properties, or, for another producer's component, from the knowledge
    base when it identifies the name; what neither says stays None."""
    if "modelmap:resolved" in props:
        resolved = props["modelmap:resolved"][0] != "false"
        origins_prop = props.get("modelmap:origins")
        origins = None if origins_prop is None else \
            _countries(o for o in origins_prop[0].split(",") if o != "unknown") or None
        serving = _countries(props.get("modelmap:serving-country"))
        return {
            "key": name if resolved else f"unresolved:{(props.get('modelmap:identifier') or [name])[0].strip().lower()}",
            "resolved": resolved,
            "publisher": publisher,
            "publisher_country": (props.get("modelmap:publisher-country") or [publisher_country])[0],
            "origins": origins,
            "origins_known": (props.get("modelmap:origins-known") or ["false"])[0] == "true",
            "serving_countries": serving or None,
            "served_by": sorted(set(props.get("modelmap:served-by", []))) or None,
            "license": license_id,
            "confidence": (props.get("modelmap:confidence") or [None])[0],
            "identifiers": sorted(set(props.get("modelmap:identifier", []))) or [name],
            "flows": sorted(set(props.get("modelmap:flow", []))) or None,
        }
    facts: dict[str, Any] = {"resolved": False, "publisher": publisher, "publisher_country": publisher_country,
                             "origins": None, "origins_known": False, "serving_countries": None,
                             "served_by": None, "license": license_id, "confidence": "unknown"}
    key = f"unresolved:{name.strip().lower()}"
    if kb_lookup and name:
        from modelmap.errors import IdentifierError
        from modelmap.provenance.resolver import default_resolver

        try:
            res = default_resolver().resolve(name).to_dict()
        except IdentifierError:
            res = {}
        if (res.get("model") or {}).get("id"):
            kb = _model_facts(res)
            key = str(res["model"]["id"])
            # the document's own statements win; the knowledge base fills what it leaves out
            facts = {k: (facts[k] if facts.get(k) not in (None, False, "unknown") else kb[k]) for k in kb}
    return {"key": key, **facts, "identifiers": [name], "flows": None}


def _add_model(out: Normalized, model: dict[str, Any], places: list[tuple[str, int | None]]) -> None:
    key = model["key"]
    existing = out.models.get(key)
    if existing is None:
        out.models[key] = {**model, "usages": 0}
        existing = out.models[key]
    else:
        existing["identifiers"] = sorted(set(existing["identifiers"]) | set(model["identifiers"]))
    flows = model.get("flows")
    for path, line in places:
        out.usages.append({"model": key, "path": path, "line": line,
                           "flow": flows[0] if flows and len(flows) == 1 else None,
                           "section": None, "identifier": model["identifiers"][0]})
    existing["usages"] += len(places)


def _truncated(text: Any) -> str | None:
    """The truncation note as stored: a string of at most 300 characters, or None."""
    return str(text)[:300] if text not in (None, "") else None


@functools.lru_cache(maxsize=1)
def _licence_ids_by_name() -> dict[str, str]:
    """The knowledge base's licences by name (lower-cased): a CycloneDX BOM names a licence without an SPDX id
    ("Proprietary (API-only model ...)"), where a scan or SPDX upload of the same project gives its id."""
    from modelmap.provenance.resolver import default_resolver

    out: dict[str, str] = {}
    for lic_id, rec in default_resolver().kb.licenses.items():
        if isinstance(rec, dict) and isinstance(rec.get("name"), str):
            out.setdefault(rec["name"].strip().lower(), str(rec.get("spdx") or rec.get("id") or lic_id))
    return out


def _cyclonedx_licence(comp: dict[str, Any]) -> str | None:
    """A component's licence as a scan upload stores it: the SPDX id, else the knowledge base's id for a licence
    named as the knowledge base names it, else the name or expression as written."""
    for lic in comp.get("licenses") or ():
        if not isinstance(lic, dict):
            continue
        found = lic.get("license")
        entry: dict[str, Any] = found if isinstance(found, dict) else {}
        if entry.get("id"):
            return str(entry["id"])
        if isinstance(entry.get("name"), str) and entry["name"].strip():
            return _licence_ids_by_name().get(entry["name"].strip().lower(), entry["name"])
        if lic.get("expression"):
            return str(lic["expression"])
    return None


def from_cyclonedx(doc: dict[str, Any], body: bytes) -> Normalized:
    spec = _validate_cyclonedx(doc, body)
    out = Normalized(format="cyclonedx", spec=f"CycloneDX {spec}")
    metadata = doc.get("metadata")
    metadata = metadata if isinstance(metadata, dict) else {}
    out.truncated = _truncated((_props(metadata.get("properties")).get("modelmap:truncated") or [None])[0])
    for comp in doc.get("components") or ():
        if comp.get("type") != "machine-learning-model":
            continue
        props = _props(comp.get("properties"))
        name = f"{comp['group']}/{comp['name']}" if comp.get("group") else str(comp.get("name"))
        supplier = comp.get("supplier") or {}
        licence = _cyclonedx_licence(comp)
        address = supplier.get("address") or {}
        model = _from_properties(name, props, publisher=comp.get("publisher") or supplier.get("name"),
                                 publisher_country=address.get("country"), license_id=licence,
                                 kb_lookup="modelmap:resolved" not in props)
        occurrences = (comp.get("evidence") or {}).get("occurrences") or ()
        places = [(str(o["location"]), o.get("line")) for o in occurrences if o.get("location")]
        if not places:
            places = [_split_location(v) for v in props.get("modelmap:used-at", [])]
        _add_model(out, model, places)
    for service in doc.get("services") or ():
        props = _props(service.get("properties"))
        serving = (props.get("modelmap:serving") or [None])[0]
        provider = (props.get("modelmap:provider-id") or [service.get("name")])[0]
        for url in service.get("endpoints") or ():
            out.endpoints[url] = {"url": url, "provider": provider,
                                  "serving": serving if serving and len(serving) == 2 else None,
                                  "references": len(props.get("modelmap:named-at", [])) or 1}
    return out


# --------------------------------------------------------------------------- SPDX 3


def _validate_spdx(doc: dict[str, Any]) -> Any:
    try:
        import spdx_python_model

        model, objects = spdx_python_model.load_data(doc)
    except Exception as exc:  # the deserialiser raises many types on a malformed graph; all mean "invalid"
        raise DocumentError(f"not a valid SPDX 3 JSON-LD document: {type(exc).__name__}: {str(exc)[:300]}") \
            from None
    missing = objects.link()
    if missing:
        raise DocumentError(f"SPDX document refers to {len(missing)} element(s) it does not contain, e.g. "
                            f"{sorted(missing)[0][:120]}")
    return model


def _spdx_props(element: dict[str, Any]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for ext in element.get("extension") or ():
        for p in ext.get("extension_cdxProperty") or ():
            out.setdefault(str(p.get("extension_cdxPropName")), []).append(str(p.get("extension_cdxPropValue")))
    return out


def from_spdx(doc: dict[str, Any]) -> Normalized:
    _validate_spdx(doc)
    graph = [e for e in doc.get("@graph") or () if isinstance(e, dict)]
    by_id = {e.get("spdxId"): e for e in graph if e.get("spdxId")}
    packages = [e for e in graph if e.get("type") == "ai_AIPackage"]
    if not packages:
        raise DocumentError("the SPDX document has no AI package (ai_AIPackage): nothing to record")
    ours = [p for p in packages if "modelmap:resolved" in _spdx_props(p)]
    licences: dict[str, str] = {}
    for rel in graph:
        if rel.get("type") == "Relationship" and rel.get("relationshipType") == "hasDeclaredLicense":
            target = by_id.get((rel.get("to") or [None])[0]) or {}
            if target.get("simplelicensing_licenseExpression"):
                licences[str(rel.get("from"))] = str(target["simplelicensing_licenseExpression"])
    out = Normalized(format="spdx", spec="SPDX 3.0.1")
    for element in graph:
        comment = element.get("comment")
        if element.get("type") == "SpdxDocument" and isinstance(comment, str) \
                and comment.startswith("modelmap:truncated: "):
            out.truncated = _truncated(comment.removeprefix("modelmap:truncated: "))
    for package in ours or packages:
        props = _spdx_props(package)
        supplier = by_id.get(package.get("suppliedBy")) or {}
        supplier_props = _spdx_props(supplier)
        licence = licences.get(str(package.get("spdxId")))
        if licence and licence.startswith("LicenseRef-modelmap-"):
            licence = licence.removeprefix("LicenseRef-modelmap-")
        model = _from_properties(str(package.get("name")), props, publisher=supplier.get("name"),
                                 publisher_country=(supplier_props.get("modelmap:country") or [None])[0],
                                 license_id=licence, kb_lookup=not ours)
        _add_model(out, model, [_split_location(v) for v in props.get("modelmap:used-at", [])])
    return out
