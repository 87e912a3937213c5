"""Compile the YAML knowledge base into an index, and cache that index as JSON.

Loading YAML for every run would cost a few hundred milliseconds; the compiled index is a
plain-JSON dict that loads in a few milliseconds. The index is stored under a key of what it is compiled from:
every data file's relative path and bytes, this module's own source and the loader's format version. Finding that
key means reading ~10 MB, so a small pointer file maps the cheap key (every data file's relative path, size and
mtime, and this module's) to it: an edited file is picked up at once, and two checkouts or installs of the same
knowledge base share one index. Writing the cache is best effort: a read-only home just means no cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from modelmap.errors import KnowledgeError
from modelmap.fsutil import read_cache, store_cache, touch_cache

DATA_DIR = Path(__file__).with_name("data")
INDEX_VERSION = 3
# compiled indexes kept side by side in the cache folder (~7 MB each), the most recently used ones: two installs or
# checkouts of modelmap whose knowledge bases differ and share the folder (a virtualenv and a pre-commit hook, git
# worktrees of two commits, an upgrade next to the old version) each keep theirs, instead of each run replacing the
# other's and compiling the YAML again (~2 s of CPU a run)
KEEP_INDEXES = 4
# pointer files (a few bytes each) from a checkout's cheap key to its index's content key, the most recently used
# ones: every fresh clone or worktree has data files of new modification times, so a cheap key of its own
KEEP_POINTERS = 64
_CONTENT_KEY = re.compile(r"[0-9a-f]{20}")
# a compiled index larger than this is no index of ours (~7 MB): refused unread and rebuilt (fsutil.read_cache); the
# 256 MB bound it had let a cache file of 250 MB cost 500 MB of memory before it was refused
MAX_INDEX_BYTES = 64 * 1024 * 1024
# ... and the bound a cache file must meet before it is decoded: JSON decodes to up to ~20 times its size (a 60 MB file
# of `{},` is 20 million dicts, 1.7 GB), so the bytes read are bounded by what this knowledge base can compile to (the
# index is ~1.1 times its YAML: at most INDEX_PER_DATA_BYTE times the data files' bytes plus INDEX_SLACK_BYTES), and its
# objects and arrays by their share of the bytes (~1 a 90 bytes in a compiled index; more than 1 a
# MIN_BYTES_PER_CONTAINER is no index of ours). What is left decodes to ~12 bytes a byte at most (two-character strings)
INDEX_PER_DATA_BYTE = 2
INDEX_SLACK_BYTES = 1024 * 1024
MIN_BYTES_PER_CONTAINER = 24


def data_files() -> list[Path]:
    return sorted(p for p in DATA_DIR.rglob("*.yaml") if p.is_file())


def _cache_dir() -> Path:
    env = os.environ.get("MODELMAP_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "modelmap"


_data_bytes: list[int] = []  # the data files' total size, noted by the last _walk_data


def _walk_data() -> list[str]:
    """Every data file's relative path, size and modification time (a line each), their total size noted in
    ``_data_bytes``. Walked with ``os.scandir`` (pathlib's ``rglob`` and ``relative_to`` cost ~10 ms of the warm load
    on 400 files)."""
    entries: list[str] = []
    total = 0
    stack = [(str(DATA_DIR), "")]
    while stack:
        folder, rel = stack.pop()
        with os.scandir(folder) as it:
            for entry in it:
                name = f"{rel}{entry.name}"
                if entry.is_dir(follow_symlinks=False):
                    stack.append((entry.path, name + "/"))
                elif entry.name.endswith(".yaml") and entry.is_file():
                    st = entry.stat()
                    total += st.st_size
                    entries.append(f"{name}:{st.st_size}:{st.st_mtime_ns}\n")
    _data_bytes[:] = [total]
    return entries


def _digest() -> str:
    """The cache key: every data file's relative path, size and modification time (``_walk_data``)."""
    h = hashlib.sha256(f"v{INDEX_VERSION}".encode())
    for line in sorted(_walk_data()):
        h.update(line.encode())
    return h.hexdigest()[:20]


def _pointer_key() -> str:
    """The cheap key of this checkout's index (``_digest``: paths, sizes and modification times of the data files)
    and of this module's source file (its size and modification time): the name of the pointer to the content key."""
    try:
        st = os.stat(__file__)
        own = f"{st.st_size}:{st.st_mtime_ns}"
    except OSError:
        own = "-"
    h = hashlib.sha256(f"{_digest()}\0{own}".encode())
    return h.hexdigest()[:20]


def _content_key() -> str:
    """What the index is compiled from: every data file's relative path and bytes, this module's source (the
    compiler) and INDEX_VERSION. Two checkouts or installs with the same knowledge base and loader have the same key
    whatever their files' modification times; ~40 ms of CPU, paid only where the pointer file is missing."""
    h = hashlib.sha256(f"v{INDEX_VERSION}\0".encode())
    try:
        with open(__file__, "rb") as fh:
            own = fh.read()
    except OSError:
        own = b""
    h.update(f"loader\0{len(own)}\0".encode())
    h.update(own)
    for path in data_files():
        with path.open("rb") as fh:
            data = fh.read()
        h.update(f"{path.relative_to(DATA_DIR).as_posix()}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()[:20]


def _load_yaml(path: Path) -> Any:
    import yaml  # only to compile: a warm load reads the JSON cache and never needs PyYAML

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        with path.open("rb") as fh:
            return yaml.load(fh, Loader=loader)
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"invalid YAML: {exc}", where=str(path)) from exc


def _jsonable(value: Any) -> Any:
    """YAML gives dates as datetime.date; the index keeps ISO strings."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


#: embedding / rerank facts a correction may set over a generated record (docs/knowledge-format.md)
_VECTOR_FACTS = ("embedding_output", "languages", "language_count")


def _apply_corrections(models: dict[str, Any], corrections: list[dict[str, Any]]) -> None:
    """Sourced corrections (data/corrections.yaml) over generated records, which a generator's rerun would
    otherwise overwrite: a licence read from the model's own card, or a record withdrawn because the repo
    does not exist (a configuration file's example checkpoint). A correction for an id no file holds is an
    error, so that a stale correction is noticed."""
    for fix in corrections:
        if not isinstance(fix, dict):
            raise KnowledgeError(f"a correction must be a mapping, not {type(fix).__name__}", where="corrections.yaml")
        mid = str(fix.get("id")).lower()
        if mid not in models:
            raise KnowledgeError(f"correction for {mid}, which no publisher file holds", where="corrections.yaml")
        sources = fix.get("sources")
        if not (isinstance(sources, list) and sources and all(
                isinstance(src, dict) and src.get("url") and src.get("as_of") for src in sources)):
            # every fact cites its source: a licence changed or a record withdrawn on no one's word is refused
            raise KnowledgeError(f"correction for {mid} cites no source (a list of url and as_of)",
                                 where="corrections.yaml")
        if not fix.get("withdraw") and not any(k in fix for k in ("license", "base", *_VECTOR_FACTS)):
            raise KnowledgeError(f"correction for {mid} neither withdraws it nor sets a licence, base, output "
                                 "kind or languages", where="corrections.yaml")
        if fix.get("withdraw"):
            del models[mid]
            continue
        model = dict(models[mid])
        covers = []
        if "license" in fix:
            model["license"] = fix["license"]
            covers.append("license")
        if fix.get("license_disputed"):
            # other licences the sources read state for the same weights (a Hub tag against the licence text)
            model["license_disputed"] = [str(x) for x in fix["license_disputed"]]
        if "base" in fix:
            # the immediate base(s) the model's own card states; each must be a record this index holds
            base = fix["base"]
            if not (isinstance(base, list) and base and all(
                    isinstance(b, dict) and b.get("relation") and str(b.get("model")).lower() in models
                    for b in base)):
                raise KnowledgeError(f"correction for {mid} sets a base that is not a list of relation and a "
                                     "model this index holds", where="corrections.yaml")
            model["base"] = [{"relation": b["relation"], "model": str(b["model"]).lower()} for b in base]
            model.pop("lineage", None)  # a base read from a source replaces "undisclosed"
            covers.append("base")
        for key in _VECTOR_FACTS:  # an embedder's or reranker's output kind and languages, read from its card
            if key in fix:
                model[key] = fix[key]
                covers.append(key)
        model["sources"] = [*(model.get("sources") or []),
                            *({**src, "covers": covers} for src in fix.get("sources") or [])]
        models[mid] = model


def _check_undisclosed(models: dict[str, Any], families: dict[str, Any]) -> None:
    """``lineage: undisclosed`` (docs/knowledge-format.md) is the state of an API-only model: weights never
    released (``open_weights: false``, its own or its family's, and no Hub repo) and no base named. A record that
    also names a base, or whose weights are open, contradicts itself and fails the build."""
    for mid, model in models.items():
        if "lineage" not in model:
            continue
        where = f"model {mid}"
        if model["lineage"] != "undisclosed":
            raise KnowledgeError(f"lineage must be 'undisclosed', not {model['lineage']!r}", where=where)
        if "base" in model:
            raise KnowledgeError("lineage: undisclosed and a base contradict each other: keep one", where=where)
        fam = families.get(model.get("family") or "") or {}
        if model.get("hf") or model.get("open_weights", fam.get("open_weights")) is not False:
            raise KnowledgeError("lineage: undisclosed is for API-only models (open_weights: false, hf: null)",
                                 where=where)


def compile_index(files: list[Path]) -> dict[str, Any]:
    """Turn the YAML files into one flat, JSON-serialisable index."""
    publishers: dict[str, Any] = {}
    families: dict[str, Any] = {}
    models: dict[str, Any] = {}
    providers: dict[str, Any] = {}
    licenses: dict[str, Any] = {}
    rejected: dict[str, Any] = {}
    corrections: list[dict[str, Any]] = []
    extra: dict[str, Any] = {}
    for path in files:
        doc = _jsonable(_load_yaml(path)) or {}
        if not isinstance(doc, dict):
            raise KnowledgeError("top level must be a mapping", where=str(path))
        rel = path.relative_to(DATA_DIR).as_posix()
        if "publisher" in doc:
            pub = dict(doc["publisher"])
            pid = pub["id"]
            pub["file"] = rel
            publishers[pid] = pub
            for fam in doc.get("families") or []:
                fam = dict(fam)
                fam["publisher"] = pid
                families[fam["id"]] = fam
            for model in doc.get("models") or []:
                model = dict(model)
                model["publisher"] = pid
                model["id"] = str(model["id"]).lower()
                models[model["id"]] = model
        for prov in doc.get("providers") or []:
            providers[prov["id"]] = prov
        for lic in doc.get("licenses") or []:
            licenses[str(lic["id"]).lower()] = lic
        for rej in doc.get("rejected") or []:
            rejected[str(rej["name"]).lower()] = rej
        corrections.extend(doc.get("corrections") or [])
        for key in ("recognition", "fingerprints"):
            if key in doc:
                extra[key] = doc[key]

    _apply_corrections(models, corrections)
    _check_undisclosed(models, families)
    org_index: dict[str, str] = {}
    for pid, pub in publishers.items():
        for name in [pid, *(pub.get("orgs") or []), *(pub.get("aliases") or [])]:
            org_index.setdefault(str(name).lower(), pid)
    hf_index: dict[str, str] = {}
    alias_index: dict[str, str] = {}
    name_index: dict[str, list[str]] = {}
    for mid, model in models.items():
        hf = model.get("hf")
        if hf:
            hf_index[str(hf).lower()] = mid
        hf_index.setdefault(mid, mid)
        for alias in model.get("aliases") or []:
            alias_index.setdefault(str(alias).lower(), mid)
        short = mid.split("/", 1)[-1]
        name_index.setdefault(short, []).append(mid)
        if model.get("name"):
            n = str(model["name"]).lower()
            if n != short:
                name_index.setdefault(n, []).append(mid)
    host_index: dict[str, str] = {}
    prefix_index: dict[str, str] = {}
    for prid, prov in providers.items():
        ports = prov.get("ports") or []
        for host in prov.get("hosts") or []:
            if prov.get("kind") == "local":
                # a local server is known by its port, not by "localhost"
                for port in ports:
                    host_index.setdefault(f"{str(host).lower()}:{port}", prid)
            else:
                host_index[str(host).lower()] = prid
        for prefix in prov.get("prefixes") or []:
            prefix_index.setdefault(str(prefix).lower(), prid)
    return {
        "version": INDEX_VERSION,
        "publishers": publishers,
        "families": families,
        "models": models,
        "providers": providers,
        "licenses": licenses,
        "rejected": rejected,
        "org_index": org_index,
        "hf_index": hf_index,
        "alias_index": alias_index,
        "name_index": name_index,
        "host_index": host_index,
        "prefix_index": prefix_index,
        **extra,
    }


@dataclass(frozen=True)
class PublisherRef:
    id: str
    name: str
    country: str | None


class KnowledgeIndex:
    """Read-only view over the compiled index. Lookups are dict hits; regexes compile lazily."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.publishers: dict[str, Any] = data["publishers"]
        self.families: dict[str, Any] = data["families"]
        self.models: dict[str, Any] = data["models"]
        self.providers: dict[str, Any] = data["providers"]
        self.licenses: dict[str, Any] = data["licenses"]
        self.rejected: dict[str, Any] = data["rejected"]
        self.org_index: dict[str, str] = data["org_index"]
        self.hf_index: dict[str, str] = data["hf_index"]
        self.alias_index: dict[str, str] = data["alias_index"]
        self.name_index: dict[str, list[str]] = data["name_index"]
        self.host_index: dict[str, str] = data["host_index"]
        self.prefix_index: dict[str, str] = data["prefix_index"]
        self.recognition: dict[str, Any] = data.get("recognition") or {}
        self.fingerprints: Any = data.get("fingerprints") or []
        self._family_patterns: list[tuple[re.Pattern[str], str]] | None = None

    def family_patterns(self) -> list[tuple[re.Pattern[str], str]]:
        if self._family_patterns is None:
            compiled: list[tuple[re.Pattern[str], str]] = []
            for fid, fam in self.families.items():
                for pat in fam.get("patterns") or []:
                    try:
                        compiled.append((re.compile(pat, re.IGNORECASE), fid))
                    except re.error as exc:
                        raise KnowledgeError(f"family {fid}: bad pattern {pat!r}: {exc}") from exc
            # Longer patterns are more specific: try them first.
            compiled.sort(key=lambda item: -len(item[0].pattern))
            self._family_patterns = compiled
        return self._family_patterns

    def publisher_for_family(self, family_id: str) -> PublisherRef | None:
        fam = self.families.get(family_id)
        if not fam:
            return None
        pub = self.publishers.get(fam["publisher"])
        if not pub:
            return None
        return PublisherRef(id=pub["id"], name=pub.get("name") or pub["id"], country=pub.get("country"))


_INDEX_MAPS = ("publishers", "families", "models", "providers", "licenses", "rejected", "org_index", "hf_index",
               "alias_index", "name_index", "host_index", "prefix_index")


def _is_index(data: Any) -> bool:
    """The shape compile_index writes: a cache file that is anything else is rebuilt, never trusted."""
    return (isinstance(data, dict) and all(isinstance(data.get(k), dict) for k in _INDEX_MAPS)
            and isinstance(data.get("recognition") or {}, dict) and isinstance(data.get("fingerprints") or [], list | dict))


def _loads(raw: bytes) -> Any:
    """orjson where it is installed (a base dependency: the 5 MB index decodes in ~15 ms instead of ~40 ms with
    ``json``), else the standard library; both read the same JSON, and a cache neither can read is rebuilt."""
    import gc

    # the index is ~1.5 million objects, all kept: the collector's passes while they are made find nothing to free
    # and cost ~20 % of the decode; it is paused for the decode only, and left as it was found
    paused = gc.isenabled()
    gc.disable()
    try:
        try:
            import orjson
        except ImportError:
            return json.loads(raw)
        return orjson.loads(raw)
    finally:
        if paused:
            gc.enable()


def index_bound() -> int:
    """The most bytes a compiled index of this knowledge base may have (INDEX_PER_DATA_BYTE), MAX_INDEX_BYTES at most."""
    if not _data_bytes:
        _walk_data()
    return min(MAX_INDEX_BYTES, INDEX_PER_DATA_BYTE * _data_bytes[0] + INDEX_SLACK_BYTES)


def _plausible_index(raw: bytes) -> bool:
    """Whether a cache file's bytes may be decoded: at most one ``{`` or ``[`` a MIN_BYTES_PER_CONTAINER bytes (the
    count includes brackets inside strings, so it overstates a real index's objects). Two ``bytes.count`` passes,
    ~5 ms for 13 MB, where the decode of a hostile file would make millions of objects."""
    return (raw.count(b"{") + raw.count(b"[")) * MIN_BYTES_PER_CONTAINER <= len(raw) + MIN_BYTES_PER_CONTAINER


# the stored index: its JSON wrapped with a CRC-32 of those bytes (`{"index":<json>,"crc32":<n>}`, still one JSON
# document). A cache file that is not byte for byte what store_index wrote - cut, edited, written by another tool or an
# older version - is rebuilt: an index of the right outer shape whose entries were of other types (a model entry 5, a
# name index of nulls) passed _is_index and stopped every later run with an internal error until the file was removed
_INDEX_HEAD = b'{"index":'
_INDEX_TAIL = b',"crc32":'


def wrap_index(body: bytes) -> bytes:
    return _INDEX_HEAD + body + _INDEX_TAIL + str(zlib.crc32(body)).encode("ascii") + b"}"


def unwrap_index(raw: bytes) -> bytes | None:
    """The index JSON inside a cache file written by wrap_index, or None where its CRC does not match."""
    cut = raw.rfind(_INDEX_TAIL)
    if not raw.startswith(_INDEX_HEAD) or cut < 0 or raw[-1:] != b"}":
        return None
    crc = raw[cut + len(_INDEX_TAIL):-1]
    if not crc.isdigit() or len(crc) > 10:
        return None
    body = raw[len(_INDEX_HEAD):cut]
    return body if zlib.crc32(body) == int(crc) else None


def _cached_index(folder: Path, content: str) -> KnowledgeIndex | None:
    """The index stored under ``content``, or None (absent, unreadable, larger than index_bound(), more objects than
    its bytes allow, or not an index: then rebuilt)."""
    cache_file = folder / f"kb-{content}.json"
    try:
        raw = read_cache(cache_file, index_bound() + len(_INDEX_HEAD) + len(_INDEX_TAIL) + 11)
        body = unwrap_index(raw) if raw is not None else None
        cached = _loads(body) if body is not None and _plausible_index(body) else None
    except Exception:
        return None
    if cached is None or not _is_index(cached):
        return None
    touch_cache(cache_file)  # used now: kept over the builds used longer ago (KEEP_INDEXES)
    return KnowledgeIndex(cached)


@cache
def load_index() -> KnowledgeIndex:
    folder = _cache_dir()
    pointer = folder / f"kbkey-{_pointer_key()}"
    content: str | None = None
    if os.environ.get("MODELMAP_NO_CACHE") != "1":
        raw = read_cache(pointer, 64)
        known = raw.decode("ascii", "replace").strip() if raw is not None else ""
        if _CONTENT_KEY.fullmatch(known) and (index := _cached_index(folder, known)) is not None:
            touch_cache(pointer)
            return index
        # a checkout or install this cache has not seen (new modification times): its knowledge base may still be
        # one compiled before, by another checkout of the same commit
        content = _content_key()
        if (index := _cached_index(folder, content)) is not None:
            store_cache(pointer, content.encode("ascii"), replaces="kbkey-*", keep=KEEP_POINTERS)
            return index
    data = compile_index(data_files())
    content = content or _content_key()
    # indexes of earlier knowledge-base versions are never read again
    store_cache(folder / f"kb-{content}.json", wrap_index(json.dumps(data, separators=(",", ":")).encode("utf-8")),
                replaces="kb-*.json", keep=KEEP_INDEXES)
    store_cache(pointer, content.encode("ascii"), replaces="kbkey-*", keep=KEEP_POINTERS)
    return KnowledgeIndex(data)
