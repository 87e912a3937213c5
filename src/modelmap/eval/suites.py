"""Suites: one folder each with a ``suite.yaml`` and a data file (hand-written loader, bounded reads).

``suite.yaml`` names the suite, its ``kind`` (``cases``, ``jailbreak``, ``insecure-code``, ``slant``), its
scorer, the data's licence and source, and the sha256 of the data file. A shipped suite whose data no
longer matches its sha256 is refused; a user's suite without a sha256 is hashed and the hash recorded in
the result (so the evidence says which data was run). The data file is JSONL or CSV, read with a size cap.

Built-in suites live in ``modelmap/eval/suites/<name>/`` and are named on the command line by that name;
anything else is a path to a suite folder, a ``suite.yaml`` or a bare ``.jsonl`` / ``.csv`` of your cases.
A ``.txt`` data file holds one case per non-empty line, in the field ``text`` (e.g. a list of prompts).

A suite that ships someone else's data names its licence file (``licence_file``, beside suite.yaml) and may pin
it (``licence_sha256``): a missing or changed licence file is refused like changed data. Upstream files kept
beside a derived data file (``upstream_files``: name -> sha256) are checked the same way.

A ``slant`` suite's records each carry ``prompts`` (language -> text) for at least one of its ``languages``
and, optionally, ``facts`` (language -> gold keyword groups) for factual coverage. A suite without gold facts
says ``gold_facts: false``: its records may carry none, and coverage is then not scored (null), never 0.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from modelmap.errors import UsageError
from modelmap.fsutil import read_input
from modelmap.yamlbound import SafeConfigLoader

SUITES_DIR = Path(__file__).resolve().parent / "suites"
KINDS = ("cases", "jailbreak", "insecure-code", "slant")
DATA_LIMIT = 16 * 1024 * 1024
YAML_LIMIT = 256 * 1024
MAX_RECORDS = 20000


@dataclass(frozen=True)
class Suite:
    name: str
    kind: str
    scorer: str
    licence: str | None
    source: str | None
    source_url: str | None
    data_path: Path
    sha256: str
    sha256_declared: bool
    records: tuple[dict[str, Any], ...]
    meta: dict[str, Any] = field(default_factory=dict)
    builtin: bool = False

    def describe(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "scorer": self.scorer, "licence": self.licence,
                "source": self.source, "source_url": self.source_url, "builtin": self.builtin,
                "data": self.data_path.name, "sha256": self.sha256, "sha256_declared": self.sha256_declared,
                "records": len(self.records), "licence_file": self.meta.get("licence_file"),
                "upstream_url": self.meta.get("upstream_url"),
                **({"gold_facts": bool(self.meta.get("gold_facts", True))} if self.kind == "slant" else {})}


def builtin_names() -> list[str]:
    return sorted(p.name for p in SUITES_DIR.iterdir() if (p / "suite.yaml").is_file())


def _read(path: Path, limit: int) -> bytes:
    """A suite file, bounded; a named pipe or device (which would block or never end) is refused."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        mode = None  # read_input names the error
    if mode is not None and not stat.S_ISREG(mode):
        raise UsageError("not a regular file (a named pipe, device or folder)", where=str(path))
    return read_input(path, limit, too_large_hint="split the suite into smaller files")


def load_suite(ref: str) -> Suite:
    """A built-in suite by name, or a suite folder / suite.yaml / bare JSONL or CSV of cases."""
    builtin = SUITES_DIR / ref
    if "/" not in ref and (builtin / "suite.yaml").is_file():
        return _load_dir(builtin, builtin=True)
    path = Path(ref)
    if path.is_dir():
        if not (path / "suite.yaml").is_file():
            raise UsageError("no suite.yaml in this folder", where=ref,
                             hint=f"built-in suites: {', '.join(builtin_names())}")
        return _load_dir(path, builtin=False)
    if path.is_file() and path.name.endswith((".yaml", ".yml")):
        return _load_dir(path.parent, builtin=False, yaml_name=path.name)
    if path.is_file() and path.suffix.lower() in (".jsonl", ".csv"):
        return _make(path.stem, {"kind": "cases", "scorer": "includes"}, path, builtin=False)
    raise UsageError(f"no such suite {ref!r}", hint=f"built-in suites: {', '.join(builtin_names())}; "
                     "or pass a folder with a suite.yaml, or a .jsonl/.csv of cases")


def _load_dir(folder: Path, *, builtin: bool, yaml_name: str = "suite.yaml") -> Suite:
    where = str(folder / yaml_name)
    try:
        meta = yaml.load(_read(folder / yaml_name, YAML_LIMIT), Loader=SafeConfigLoader)  # integers bounded
    except yaml.YAMLError as exc:
        raise UsageError(f"not valid YAML: {exc}", where=where) from exc
    except RecursionError:
        raise UsageError("nested too deeply to be a suite.yaml", where=where) from None
    if not isinstance(meta, dict):
        raise UsageError("a suite.yaml must be a mapping", where=where)
    _check_shapes(meta, where)
    data = meta.get("data")
    if not isinstance(data, str) or not data or "/" in data or "\\" in data or data.startswith("."):
        raise UsageError("'data' must name a file beside suite.yaml", where=where)
    _check_licence_file(folder, meta, where)
    _check_upstream_files(folder, meta, where)
    return _make(str(meta.get("name") or folder.name), meta, folder / data, builtin=builtin, where=where)


def _check_licence_file(folder: Path, meta: dict[str, Any], where: str) -> None:
    name = meta.get("licence_file")
    if name is None:
        return
    if not isinstance(name, str) or not name or "/" in name or "\\" in name or name.startswith("."):
        raise UsageError("'licence_file' must name a file beside suite.yaml", where=where)
    digest = hashlib.sha256(_read(folder / name, YAML_LIMIT)).hexdigest()
    declared = meta.get("licence_sha256")
    if declared is not None and str(declared).lower() != digest:
        raise UsageError(f"{name} does not match the licence_sha256 in suite.yaml", where=where,
                         hint="the licence file changed: review it, then update licence_sha256")


def _check_upstream_files(folder: Path, meta: dict[str, Any], where: str) -> None:
    files = meta.get("upstream_files")
    if files is None:
        return
    if not isinstance(files, dict) or not files:
        raise UsageError("'upstream_files' must map file names beside suite.yaml to their sha256", where=where)
    for name, declared in files.items():
        if not isinstance(name, str) or not name or "/" in name or "\\" in name or name.startswith("."):
            raise UsageError(f"upstream file {name!r} must name a file beside suite.yaml", where=where)
        digest = hashlib.sha256(_read(folder / name, DATA_LIMIT)).hexdigest()
        if str(declared).lower() != digest:
            raise UsageError(f"{name} does not match its sha256 in upstream_files", where=where,
                             hint="the upstream file changed: review it, then update upstream_files")


def _check_shapes(meta: dict[str, Any], where: str) -> None:
    """The suite.yaml fields the runner reads have the documented types (a wrong one is a clear error, not a crash)."""
    templates = meta.get("templates")
    if templates is not None and not (isinstance(templates, list) and all(
            isinstance(t, dict) and isinstance(t.get("id"), str | int) and not isinstance(t.get("id"), bool)
            and isinstance(t.get("text"), str) for t in templates)):
        raise UsageError("'templates' must be a list of {id, text} mappings (text holds {goal})", where=where)
    personas = meta.get("personas")
    if personas is not None and not (isinstance(personas, dict) and all(
            isinstance(k, str) and (v is None or isinstance(v, str)) for k, v in personas.items())):
        raise UsageError("'personas' must map a persona name to its system prompt (or null)", where=where)
    languages = meta.get("languages")
    if languages is not None and not (isinstance(languages, list) and all(isinstance(x, str) for x in languages)):
        raise UsageError("'languages' must be a list of language codes", where=where)
    for key in ("goal_field", "scorer", "case_scorer"):
        if meta.get(key) is not None and not isinstance(meta[key], str):
            raise UsageError(f"'{key}' must be a string", where=where)


def _check_scorers(records: list[dict[str, Any]], meta: dict[str, Any], where: str) -> None:
    """Every case names a scorer modelmap has (a typo is an error before any prompt is sent)."""
    from modelmap.eval.scorers import CASE_SCORERS

    suite_scorer = meta.get("scorer")
    if suite_scorer is not None and suite_scorer not in (*CASE_SCORERS, "per-case"):
        raise UsageError(f"unknown scorer {str(suite_scorer)[:80]!r}", where=where,
                         hint=f"per-case, or one of {', '.join(CASE_SCORERS)}")
    for rec in records:
        scorer = rec.get("scorer")
        if scorer not in (None, "") and scorer not in CASE_SCORERS:
            raise UsageError(f"case {rec['id']}: unknown scorer {str(scorer)[:80]!r}", where=where,
                             hint=f"one of {', '.join(CASE_SCORERS)}")
    default = meta.get("case_scorer")
    if default not in (None, "") and default not in CASE_SCORERS:
        raise UsageError(f"unknown case_scorer {str(default)[:80]!r}", where=where, hint=f"one of {', '.join(CASE_SCORERS)}")


def _check_slant(records: list[dict[str, Any]], meta: dict[str, Any], where: str) -> None:
    langs = meta.get("languages") or ["en"]
    gold = meta.get("gold_facts", True)
    if not isinstance(gold, bool):
        raise UsageError("'gold_facts' must be true or false", where=where)
    for rec in records:
        prompts = rec.get("prompts")
        if not isinstance(prompts, dict) or not any(isinstance(prompts.get(lang), str) for lang in langs):
            raise UsageError(f"case {rec['id']}: 'prompts' must give a text in one of {', '.join(map(str, langs))}",
                             where=where)
        facts = rec.get("facts")
        if facts is not None and not (isinstance(facts, dict) and all(isinstance(v, list) for v in facts.values())):
            raise UsageError(f"case {rec['id']}: 'facts' must map a language to its list of gold facts", where=where)
        if not gold and rec.get("facts"):
            raise UsageError(f"case {rec['id']} has gold facts, but suite.yaml says gold_facts: false",
                             where=where, hint="drop gold_facts: false to score coverage")


def _make(name: str, meta: dict[str, Any], data_path: Path, *, builtin: bool, where: str | None = None) -> Suite:
    where = where or str(data_path)
    kind = meta.get("kind", "cases")
    if kind not in KINDS:
        raise UsageError(f"unknown kind {kind!r}", where=where, hint=f"one of {', '.join(KINDS)}")
    raw = _read(data_path, DATA_LIMIT)
    digest = hashlib.sha256(raw).hexdigest()
    declared = meta.get("sha256")
    if declared is not None and str(declared).lower() != digest:
        raise UsageError(f"{data_path.name} does not match the sha256 in suite.yaml (data {digest[:12]}…, "
                         f"declared {str(declared)[:12]}…)", where=where,
                         hint="the data changed: review it, then update sha256")
    records = _records(raw, data_path)
    for i, rec in enumerate(records):
        rec.setdefault("id", f"{i + 1:04d}")
        rec["id"] = str(rec["id"])
    ids = [r["id"] for r in records]
    if len(set(ids)) != len(ids):
        raise UsageError("case ids are not unique", where=str(data_path))
    if kind == "slant":
        _check_slant(records, meta, where)
    if kind == "cases":
        _check_scorers(records, meta, where)
    return Suite(name=name, kind=kind, scorer=str(meta.get("scorer") or _DEFAULT_SCORER[kind]),
                 licence=meta.get("licence"), source=meta.get("source"), source_url=meta.get("source_url"),
                 data_path=data_path, sha256=digest, sha256_declared=declared is not None,
                 records=tuple(records), meta=meta, builtin=builtin)


_DEFAULT_SCORER = {"cases": "includes", "jailbreak": "refusal", "insecure-code": "bandit+semgrep", "slant": "refusal+coverage"}


def _records(raw: bytes, path: Path) -> list[dict[str, Any]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError("not UTF-8", where=str(path)) from exc
    records: list[dict[str, Any]] = []
    if path.suffix.lower() == ".txt":
        for line in text.splitlines():
            if line.strip():
                records.append({"text": line.strip()})
            if len(records) > MAX_RECORDS:
                break
    elif path.suffix.lower() == ".csv":
        reader = csv.DictReader(io.StringIO(text))
        try:
            for row in reader:
                records.append({k: v for k, v in row.items() if k is not None})
                if len(records) > MAX_RECORDS:
                    break
        except csv.Error as exc:  # a field over the csv module's limit, a bad quote
            raise UsageError(f"line {reader.line_num} is not valid CSV: {exc}", where=str(path)) from None
    else:
        for lineno, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except ValueError as exc:
                raise UsageError(f"line {lineno} is not JSON: {exc}", where=str(path)) from exc
            except RecursionError:
                raise UsageError(f"line {lineno} is nested too deeply", where=str(path)) from None
            if not isinstance(rec, dict):
                raise UsageError(f"line {lineno} is not a JSON object", where=str(path))
            records.append(rec)
            if len(records) > MAX_RECORDS:
                break
    if len(records) > MAX_RECORDS:
        raise UsageError(f"more than {MAX_RECORDS} cases", where=str(path))
    if not records:
        raise UsageError("no cases", where=str(path))
    return records
