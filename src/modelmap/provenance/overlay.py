"""The company's own models: declarations that extend the shipped knowledge base.

A company knows facts no public source has: its internal fine-tunes ("support-llm-v3 is our
fine-tune of Qwen2.5-7B-Instruct"), its private deployments ("gpt-4o is our Azure OpenAI
deployment in East US") and its vendors. It declares them in the ``models:`` section of
``modelmap.yaml`` or in a standalone overlay file that several repositories share::

    # modelmap.yaml
    models:
      include: [../platform/company-models.yaml]     # shared overlay files (relative to this file)
      declare:
        - id: acme/support-llm-v3                    # a new model: publisher, base, license, served_by
          match: ["support-llm-v3*", "acme-support"] # identifiers as code writes them (globs, any case)
          publisher: {id: acme, name: Acme Corp, country: US}
          base: qwen/qwen2.5-7b-instruct             # a knowledge-base id or another declared id
          relation: finetune
          license: proprietary
          served_by: {id: acme-vllm, operator: Acme platform team, country: US}
        - model: openai/gpt-4o                       # a deployment of a model the knowledge base knows
          match: ["gpt-4o", "prod-gpt4o"]
          served_by: {id: azure-openai, operator: Microsoft Azure OpenAI (East US), country: US}

    # company-models.yaml (standalone)
    schema: modelmap.models/1
    declare: [...]                                   # the same entries

``trace``, ``scan``, ``check``, ``bom`` and ``report`` read the overlay of the project they work on.
Every fact from it is labelled as the company's claim: the record's ``sources`` carry
``{"claim": "company", "file", "line"}``, its origin reasons say ``company claim``, and ``served_by``
says ``evidence: company claim in <file>:<line>``.

Written by hand: a small validator over our own YAML shape, reusing the knowledge-base index.
"""

from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from modelmap.errors import ConfigError

OVERLAY_SCHEMA = "modelmap.models/1"
ENTRY_KEYS = ("id", "model", "name", "match", "publisher", "base", "relation", "license", "served_by", "role",
              "open_weights", "note")
PUBLISHER_KEYS = ("id", "name", "country")
SERVED_KEYS = ("id", "operator", "country")
RELATIONS = ("finetune", "quantization", "merge", "adapter", "continued-pretrain")
MAX_ENTRIES = 5_000
MAX_INCLUDES = 16
MAX_FILE_BYTES = 2 * 1024 * 1024
_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*/[a-z0-9][a-z0-9._-]*$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True)
class Declared:
    """One declaration: a new model (``id``) or a deployment of a known one (``model``)."""

    target: str  # the model id matching identifiers resolve to
    new: bool  # True: a model the company adds; False: a deployment of a knowledge-base model
    match: tuple[str, ...]
    record: dict[str, Any]  # knowledge-base-shaped model record (new models only)
    publisher: dict[str, Any] | None
    served_by: dict[str, Any] | None
    file: str
    line: int

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass
class Overlay:
    entries: list[Declared] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.entries)

    def declared_ids(self) -> set[str]:
        return {e.target for e in self.entries if e.new}

    def match(self, query: str) -> Declared | None:
        """The first declaration whose id, model or match globs fit ``query`` (case-insensitive)."""
        q = query.strip().lower()
        for entry in self.entries:
            if q == entry.target or any(fnmatch.fnmatchcase(q, pat) for pat in entry.match):
                return entry
        return None

    def by_target(self, model_id: str) -> Declared | None:
        return next((e for e in self.entries if e.target == model_id), None)

    def apply(self, kb: Any) -> Any:
        """A knowledge index with the declared publishers and models added (the shipped one is untouched)."""
        from modelmap.knowledge.loader import KnowledgeIndex

        data = dict(kb.data)
        publishers = dict(kb.publishers)
        models = dict(kb.models)
        org_index = dict(kb.org_index)
        hf_index = dict(kb.hf_index)
        for entry in self.entries:
            if not entry.new:
                continue
            pub = entry.publisher or {}
            pid = str(pub.get("id") or "")
            if pid and pid not in publishers:
                publishers[pid] = {"id": pid, "name": pub.get("name") or pid, "country": pub.get("country"),
                                   "kind": "company", "sources": [{"claim": "company", "file": entry.file,
                                                                   "line": entry.line}]}
                org_index.setdefault(pid, pid)
            models[entry.target] = {**entry.record, "publisher": pid or None}
            hf_index[entry.target] = entry.target
        data.update(publishers=publishers, models=models, org_index=org_index, hf_index=hf_index)
        return KnowledgeIndex(data)


def _fail(message: str, where: str, hint: str | None = None) -> ConfigError:
    return ConfigError(message, where=where, hint=hint)


def _line(obj: Any, key: Any = None) -> int:
    if key is not None and hasattr(obj, "line_of"):
        return int(obj.line_of(key))
    return int(getattr(obj, "line", 0) or 0)


def _mapping(value: Any, what: str, where: str, keys: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _fail(f"{what} must be a mapping", where)
    for key in value:
        if key not in keys:
            raise _fail(f"unknown key {key!r} in {what}", where, f"allowed keys: {', '.join(keys)}")
    return value


def _text(value: Any, what: str, where: str, *, limit: int = 200) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > limit or any(ord(c) < 32 for c in value):
        raise _fail(f"{what} must be a short line of text", where)
    return value.strip()


def _country(value: Any, what: str, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _COUNTRY.match(value.strip().upper()):
        raise _fail(f"{what} must be an ISO 3166-1 alpha-2 code such as US, DE or CN", where)
    return value.strip().upper()


def _party(value: Any, what: str, where: str, keys: tuple[str, ...]) -> dict[str, Any]:
    spec = _mapping(value, what, where, keys)
    ident = _text(spec.get("id"), f"{what}.id", where, limit=100).lower()
    return {"id": ident, "name": _text(spec["name"], f"{what}.name", where) if spec.get("name") else ident,
            **({"operator": _text(spec["operator"], f"{what}.operator", where)} if spec.get("operator") else {}),
            "country": _country(spec.get("country"), f"{what}.country", where)}


def _entry(spec: Any, file: str, line: int) -> Declared:
    where = f"{file}:{line}"
    spec = _mapping(spec, "a model declaration", where, ENTRY_KEYS)
    if ("id" in spec) == ("model" in spec):
        raise _fail("a model declaration needs exactly one of `id` (a model of your own) or `model` (a "
                    "knowledge-base model you deploy)", where)
    new = "id" in spec
    target = _text(spec.get("id") or spec.get("model"), "id", where, limit=200).lower()
    if not _ID.match(target):
        raise _fail(f"model id {target!r} must look like org/name (lowercase)", where)
    raw_match = spec.get("match") or []
    if isinstance(raw_match, str):
        raw_match = [raw_match]
    if not isinstance(raw_match, list) or len(raw_match) > 100:
        raise _fail("match must be a list of identifier globs", where)
    match = tuple(_text(m, "match", where).lower() for m in raw_match)
    publisher = _party(spec["publisher"], "publisher", where, PUBLISHER_KEYS) if spec.get("publisher") else None
    if new and publisher is None:
        raise _fail(f"{target}: a model of your own needs a publisher (id, name, country)", where,
                    "for a deployment of a public model, write `model:` instead of `id:`")
    served = None
    if spec.get("served_by"):
        party = _party(spec["served_by"], "served_by", where, SERVED_KEYS)
        served = {"id": party["id"], "operator": party.get("operator") or party["name"],
                  "country": party["country"], "serving": [party["country"]] if party["country"] else [],
                  "kind": "company", "evidence": f"company claim in {where}"}
    record: dict[str, Any] = {}
    if new:
        relation = spec.get("relation") or "finetune"
        if relation not in RELATIONS:
            raise _fail(f"relation must be one of {', '.join(RELATIONS)}", where)
        bases = spec.get("base")
        bases = [bases] if isinstance(bases, str) else bases
        record = {"id": target, "name": _text(spec.get("name") or target.split("/", 1)[1], "name", where),
                  "license": _text(spec["license"], "license", where, limit=64).lower() if spec.get("license")
                  else "unknown",
                  "sources": [{"claim": "company", "file": file, "line": line}]}
        if bases is not None:  # absent: unknown; []: trained from scratch
            if not isinstance(bases, list) or not all(isinstance(b, str) for b in bases):
                raise _fail("base must be a model id or a list of them", where)
            record["base"] = [{"relation": relation, "model": b.strip().lower()} for b in bases]
        if spec.get("role"):
            record["role"] = _text(spec["role"], "role", where, limit=20)
        if isinstance(spec.get("open_weights"), bool):
            record["open_weights"] = spec["open_weights"]
    return Declared(target, new, match, record, publisher, served, file, line)


def parse_overlay(section: Any, file: str, *, base_dir: Path | None = None, depth: int = 0,
                  seen: set[str] | None = None) -> Overlay:
    """Parse a ``models:`` section (a list of declarations, or {include, declare}) or a standalone file."""
    overlay = Overlay(files=[file])
    seen = seen if seen is not None else set()
    if section is None:
        return overlay
    if isinstance(section, list):
        section = {"declare": section}
    if not isinstance(section, dict):
        raise _fail("models must be a list of declarations or a mapping with include/declare", file)
    allowed = ("include", "declare", "schema")
    for key in section:
        if key not in allowed:
            raise _fail(f"unknown key {key!r} in models", f"{file}:{_line(section, key)}",
                        f"allowed keys: {', '.join(allowed)}")
    if "schema" in section and section["schema"] != OVERLAY_SCHEMA:
        raise _fail(f"unsupported overlay schema {section['schema']!r}", file, f"write schema: {OVERLAY_SCHEMA}")
    includes = section.get("include") or []
    if isinstance(includes, str):
        includes = [includes]
    if not isinstance(includes, list) or len(includes) > MAX_INCLUDES:
        raise _fail(f"include must be a list of at most {MAX_INCLUDES} files", file)
    for inc in includes:
        path = ((base_dir or Path(".")) / _text(inc, "include", file, limit=500)).resolve()
        overlay_inc = load_overlay_file(path, depth=depth + 1, seen=seen)
        overlay.entries.extend(overlay_inc.entries)
        overlay.files.extend(overlay_inc.files)
    declare = section.get("declare") or []
    if not isinstance(declare, list):
        raise _fail("declare must be a list of model declarations", file)
    if len(declare) + len(overlay.entries) > MAX_ENTRIES:
        raise _fail(f"more than {MAX_ENTRIES} model declarations", file)
    for i, spec in enumerate(declare):
        line = declare.line_of(i) if hasattr(declare, "line_of") else 0
        overlay.entries.append(_entry(spec, file, line))
    return overlay


def load_overlay_file(path: Path, *, depth: int = 0, seen: set[str] | None = None) -> Overlay:
    """A standalone overlay file (``schema: modelmap.models/1``), bounded in size and include depth."""
    from modelmap.fsutil import read_regular
    from modelmap.policy.yamlmarks import load_yaml

    seen = seen if seen is not None else set()
    key = str(path)
    if depth > 4 or key in seen:
        raise _fail("overlay includes nest too deep or include themselves", key)
    seen.add(key)
    try:
        data = read_regular(path, MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise _fail(f"cannot read the model overlay: {exc.strerror or exc}", key) from exc
    if data is None or len(data) > MAX_FILE_BYTES:
        raise _fail(f"the model overlay is not a regular file of at most {MAX_FILE_BYTES} bytes", key)
    doc = load_yaml(data.decode("utf-8", "replace"), key)
    if not isinstance(doc, dict):
        raise _fail("a model overlay file must be a mapping with schema and declare", key)
    return parse_overlay(doc, key, base_dir=path.parent, depth=depth, seen=seen)


def find_overlay(start: str | Path) -> Overlay:
    """The overlay for the project at ``start``: the ``models:`` section of its modelmap.yaml (found
    upward to the repository root, as ``check`` does), plus files named in ``MODELMAP_MODELS``
    (os.pathsep-separated)."""
    from modelmap.policy.config import find_config
    from modelmap.policy.yamlmarks import load_yaml

    overlay = Overlay()
    found = find_config(start).found
    if found is not None and found.suffix in (".yaml", ".yml"):
        from modelmap.fsutil import read_regular

        try:
            data = read_regular(found, MAX_FILE_BYTES)
        except OSError:
            data = None  # `check` reports an unreadable config; resolving goes on without the overlay
        doc = load_yaml(data.decode("utf-8", "replace"), str(found)) if data is not None else None
        if isinstance(doc, dict) and doc.get("models") is not None:
            part = parse_overlay(doc["models"], found.name, base_dir=found.parent)
            overlay.entries.extend(part.entries)
            overlay.files.extend(part.files)
    for item in (os.environ.get("MODELMAP_MODELS") or "").split(os.pathsep):
        if item.strip():
            part = load_overlay_file(Path(item.strip()).absolute())
            overlay.entries.extend(part.entries)
            overlay.files.extend(part.files)
    return overlay
