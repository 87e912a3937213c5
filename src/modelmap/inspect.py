"""``modelmap inspect``: identify a model from its files, not from its name.

Reads headers only (see :mod:`modelmap.artifacts`), gathers evidence (vocabulary fingerprint, special
tokens, architecture and dimensions, tensor names), ranks families with
:mod:`modelmap.artifacts.identify`, and compares the result with what the files *claim* (config name,
GGUF ``general.*``, README model-card front matter). Returns a ``modelmap.inspect/2`` record.

Identity goes through the knowledge base ``trace`` uses: the identified family names its maker (the
``publisher``: for a distill, the distiller), the maker's country, and, where the files pin down one model
(a fingerprint size with ``kb_model``) or the base every such model shares (``kb_base``), the lineage graph
and origins from :func:`modelmap.provenance.resolver.resolve`. ``architecture_family`` is the architecture the
files declare (config ``model_type``, GGUF ``general.architecture``), which for a distill is its base's.
Unknown stays ``None``: no lineage is claimed for a family whose exact model the files do not show.
"""

from __future__ import annotations

import configparser
import json
import os
import re
import stat
from pathlib import Path
from typing import Any

import yaml

from modelmap.artifacts import DEFAULT_LIMITS, ArtifactInfo, Limits, reader_for
from modelmap.artifacts.base import open_regular, read_bounded
from modelmap.artifacts.cache import cached_read
from modelmap.artifacts.classic import HF_REPO_ID
from modelmap.artifacts.fingerprint import arch_from_config, artifact_arch, tokenizer_fingerprint
from modelmap.artifacts.ggml import llama_ffn
from modelmap.artifacts.identify import (
    TIE,
    Observation,
    distinctive_specials,
    families_for_pre,
    families_named,
    family_publisher_id,
    fingerprint_entry,
    known_vocab_hashes,
    load_fingerprints,
    near_vocabularies,
    prefix_vocabularies,
    pruned_vocab_families,
    rank,
    signature_publisher,
    structure_features,
    vocab_families,
    vocab_makers,
    vocab_publishers,
)
from modelmap.artifacts.ollama import find_store, list_manifests
from modelmap.artifacts.tokenizer import LINE_KINDS, added_tokens_only, parse_json, special_tokens_from_config
from modelmap.errors import ModelmapError, ReadError, UsageError
from modelmap.types import ScanResult
from modelmap.yamlbound import ConfigLoader as YAML_LOADER
from modelmap.yamlbound import SafeConfigLoader, nesting_error

SCHEMA = "modelmap.inspect/2"
# Signals that say only what shape a model has (its declared type and its dimensions): evidence of an architecture,
# which several families can share, never alone of one family (see _Inspection.shared_shape)
_SHAPE_SIGNALS = frozenset({"type", "size"})
MAX_FILES = 2000
MAX_CARD = 256 * 1024
MAX_SPACY_META = 4 * 1024 * 1024  # a spaCy meta.json (labels and accuracy tables included)
# a spaCy pipeline's packaged name, lang + "_" + name (en_core_web_sm, zh_core_web_trf, xx_ent_wiki_sm): named as the
# family only in this shape, so a hostile meta.json cannot put arbitrary text there
_PIPELINE_NAME = re.compile(r"[a-z]{2,3}(?:_[A-Za-z0-9]{1,32}){1,5}")
# Which tokenizer file to read when a folder has several (one is enough, and they agree).
# A BPE merges.txt alone (vocab.json missing) is read as the vocabulary it defines (tokenizer._merges).
_TOKENIZER_ORDER = ("tokenizer.json", "tekken.json", "tokenizer.model", "vocab.json", "vocab.txt", "merges.txt")
_META_FILES = {"config.json", "tokenizer_config.json", "special_tokens_map.json", "generation_config.json",
               "readme.md", "model.safetensors.index.json", "pytorch_model.bin.index.json", "added_tokens.json"}
_IGNORED_SUFFIXES = (".md", ".txt", ".py", ".gitattributes", ".jinja", ".png", ".jpg", ".jpeg", ".lock",
                     ".yaml", ".yml", ".npz", ".index.json")
# Without the vocabulary, a folder is identified when config/tensor/special-token evidence scores at least
# this much and no family with a different vocabulary is tied with it (see _Inspection.vocab_needed).
CONFIDENT_WITHOUT_VOCAB = 0.5
STRUCTURE_TENSORS = 4096  # initializer / tensor shapes kept for structure patterns
VOCAB_MODES = ("auto", "always")
_ORIGINAL_CLAIM = re.compile(r"\b(trained (?:in[- ]house|from scratch)|in[- ]house|from scratch|our own (?:base )?model|"
                             r"proprietary model|original model)\b", re.I)


def _publisher_by_id(pid: str | None) -> dict[str, Any] | None:
    """{id, name, country} for a publisher id from knowledge/data/publishers (name = id when unrecorded)."""
    if not pid:
        return None
    pub: Any = None
    try:
        from modelmap.knowledge import load

        pub = load().publishers.get(pid)
    except (ImportError, AttributeError, OSError, ValueError, ModelmapError):
        pub = None
    if isinstance(pub, dict):
        return {"id": pid, "name": pub.get("name") or pid, "country": pub.get("country")}
    return {"id": pid, "name": pid, "country": None}


def _entry_publisher(entry: dict[str, Any], family: str) -> dict[str, Any] | None:
    """The publisher a fingerprint entry records (``publisher:``), else the knowledge base's publisher of its
    ``kb_family`` (or of the family id itself)."""
    if entry.get("publisher"):
        return _publisher_by_id(str(entry["publisher"]))
    if "publisher" in entry:  # explicitly null: nobody is recorded, do not guess from the name
        return None
    return _publisher(str(entry.get("kb_family") or family))


def _family_publisher(family: str) -> dict[str, Any] | None:
    pid = family_publisher_id(family)
    return _publisher_by_id(pid) if pid else _publisher(family)


def _publisher(family: str | None) -> dict[str, Any] | None:
    if not family:
        return None
    try:
        from modelmap.knowledge import publisher_for_family
    except (ImportError, AttributeError):
        return None
    try:
        pub = publisher_for_family(family)
    except (LookupError, ValueError, ModelmapError):
        return None
    if pub is None:
        return None
    return {"id": getattr(pub, "id", None), "name": getattr(pub, "name", None), "country": getattr(pub, "country", None)}


MAX_CARD_DEPTH = 64  # nesting of the card's YAML front matter


class _CardLoader(SafeConfigLoader):
    """Safe YAML without timestamps: a card's ``date: 2024-13-45`` stays a string instead of raising. Its integers are
    bounded as a config's are (``yamlbound.SafeConfigLoader``): a 5,000-digit one made the whole front matter a
    ValueError (licence and base lost), and a 240 KB sexagesimal one cost seconds of CPU (quadratic)."""


_CardLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _flow_depth(text: str) -> int:
    depth = best = 0
    for ch in text:
        if ch in "[{":
            depth += 1
            best = max(best, depth)
        elif ch in "]}":
            depth = max(0, depth - 1)
    return best


def _front_matter(path: Path) -> tuple[dict[str, Any], str, str | None]:
    """(front matter, body, why the front matter was not read or None). Never raises on card content."""
    with open_regular(path) as fh:  # a FIFO named README.md is refused, never waited on
        text = fh.read(MAX_CARD).decode("utf-8", errors="replace")
    meta: dict[str, Any] = {}
    body = text
    problem = None
    m = re.match(r"^---\s*\n(.*?)\n---\s*(?:\n|$)", text, re.S)
    if m:
        block = m.group(1)
        loaded: Any = None
        if _flow_depth(block) > MAX_CARD_DEPTH:
            problem = f"front matter nested deeper than {MAX_CARD_DEPTH} levels; not read"
        else:
            try:
                loaded = yaml.load(block, Loader=_CardLoader)  # a SafeLoader subclass: nothing is constructed
            except (yaml.YAMLError, RecursionError, ValueError, TypeError, OverflowError) as exc:
                problem = f"front matter is not valid YAML: {exc.__class__.__name__}"
        if isinstance(loaded, dict):
            meta = loaded
        body = text[m.end():]
    return meta, body, problem


def _first(v: Any) -> str | None:
    if isinstance(v, list):
        v = v[0] if v else None
    return str(v) if isinstance(v, str | int | float) and str(v).strip() else None


_LFS_POINTER = re.compile(rb"version https://git-lfs\.github\.com/spec/v\d+\n(?:[a-z0-9.-]+ [^\n]*\n){1,8}")
_LFS_OID = re.compile(rb"^oid (sha256):([0-9a-f]{64})$", re.M)
_LFS_SIZE = re.compile(rb"^size (\d{1,20})$", re.M)


def lfs_pointer_fields(path: Path) -> tuple[str | None, int | None] | None:
    """(sha256 hex of the content, its size) a Git LFS pointer file states, or None when ``path`` is not one."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(1025)
    except OSError:
        return None
    if len(head) > 1024 or not _LFS_POINTER.fullmatch(head):
        return None
    oid, size = _LFS_OID.search(head), _LFS_SIZE.search(head)
    return (oid.group(2).decode() if oid else None, int(size.group(1)) if size else None)


def lfs_pointer(path: Path) -> str | None:
    """What a Git LFS pointer file says (the object's sha256 and size), or None when ``path`` is not one.

    A repository that tracks weights with Git LFS holds these ~130-byte text files in place of the weights until
    ``git lfs pull``; no artifact reader recognises them, and "unrecognised content" hid what they are (tryfix35).
    """
    fields = lfs_pointer_fields(path)
    if fields is None:
        return None
    oid, size = fields
    what = ([f"oid sha256:{oid}"] if oid else []) + ([f"size {size:,} bytes"] if size is not None else [])
    return (f"a Git LFS pointer ({', '.join(what) or 'no oid'}), not the model file: its content is not in this "
            "checkout (git lfs pull fetches it), so nothing of the model could be read")


# file suffixes of weight formats that hold no code: a pickle under one of these names is disguised
_CODE_FREE_SUFFIXES = {".safetensors": "safetensors", ".gguf": "GGUF", ".onnx": "ONNX", ".tflite": "TFLite"}


# A Paddle inference.yml is a few KB (a label list of some hundred names at most): 1 MiB is parsed, larger is a reported
# skip (pure-Python PyYAML spent over 30 s of CPU on 18 MB without finishing). libyaml's loader where installed; nesting
# past 500 levels is refused before composing (yamlbound: libyaml before 0.2.6 crashes on it), RecursionError covers the
# pure-Python loader.
_CONFIG_YAML_BYTES = 1 << 20
_CONFIG_YAML_NODES = 200_000  # nodes a document stands for once aliases and merge keys are expanded


def _expanded_nodes(root: yaml.Node, limit: int) -> int:
    """How many nodes ``root`` stands for once every alias is expanded (each shared node counted where it is used),
    stopping past ``limit``. Iterative, memoised per node: a billion-laughs document, or one of ``<<: [*a, *a ...]``
    merge keys (SafeConstructor's flatten_mapping copies the merged pairs in, so merges multiply too), costs one pass
    over its distinct nodes."""
    sizes: dict[int, int] = {}
    open_: set[int] = set()  # nodes whose children are being counted: an alias back to one (a cycle) counts 1
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            sizes[id(node)] = 1
            continue
        kids = node.value if isinstance(node, yaml.SequenceNode) else [n for kv in node.value for n in kv]
        if done:
            open_.discard(id(node))
            sizes[id(node)] = min(1 + sum(sizes.get(id(k), 1) for k in kids), limit + 1)
            continue
        if id(node) in sizes or id(node) in open_:
            continue
        open_.add(id(node))
        stack.append((node, True))
        stack.extend((k, False) for k in kids if id(k) not in sizes and id(k) not in open_)
    return sizes.get(id(root), 1)


def _load_config_yaml(path: Path, raw: bytes) -> Any:
    """One YAML document of a config file, bounded: its size (read_bounded), nesting (the loader's), and the nodes its
    aliases and merge keys expand to (an alias bomb is refused before anything is constructed). ReadError otherwise."""
    text = raw.decode("utf-8", "replace")
    loader = YAML_LOADER(text)
    try:
        why = nesting_error(text)
        if why is not None:
            raise ReadError(str(path), f"not read as YAML: {why}", limit="max_yaml_depth")
        node = loader.get_single_node()
        if node is None:
            return None
        if _expanded_nodes(node, _CONFIG_YAML_NODES) > _CONFIG_YAML_NODES:
            raise ReadError(str(path), f"YAML aliases expand to more than {_CONFIG_YAML_NODES} nodes (alias bomb)",
                            limit="max_config_yaml_nodes")
        return loader.construct_document(node)
    except yaml.YAMLError as exc:
        raise ReadError(str(path), f"not YAML: {str(exc)[:200]}") from exc
    except (RecursionError, ValueError, TypeError) as exc:
        raise ReadError(str(path), f"not YAML: {exc.__class__.__name__}") from exc
    finally:
        loader.dispose()


# renamed-config sniff: a JSON model config (HF config.json, a Paddle export's inference.json) is at most this
# big, and one of these keys appears in it
_CONFIG_SNIFF_BYTES = 1024 * 1024
_CONFIG_MARKS = (b'"model_type"', b'"architectures"', b'"Global"', b'"spacy_version"')
# a spaCy training / pipeline config (config.cfg, INI with JSON values): small, and names its [nlp] section
MAX_SPACY_CONFIG = 256 * 1024
_SPACY_CFG_NLP = re.compile(rb"^\[nlp\][ \t]*\r?$", re.M)
_SPACY_CFG_PIPELINE = re.compile(rb"^pipeline[ \t]*=[ \t]*\[", re.M)


class _Inspection:
    def __init__(self, root: Path, limits: Limits, do_hash: bool, vocab: str = "auto") -> None:
        self.root = root
        self.limits = limits
        self.do_hash = do_hash
        self.vocab = vocab
        self.defer_tokenizers = False
        self.deferred: list[Path] = []
        self.pending_evidence: list[dict[str, Any]] = []
        self.obs = Observation()
        self.evidence: list[dict[str, Any]] = []
        # the families a shared shape leaves open when no family is named (see shared_shape)
        self.family_candidates: list[dict[str, Any]] = []
        # post-processor special tokens whose ids the vocabulary no longer gives them (see tokenizer._renumbered_specials)
        self.renumbered: list[str] = []
        self.vocabulary_origin: dict[str, Any] | None = None
        self.security: list[dict[str, Any]] = []
        self.skipped: list[dict[str, Any]] = []
        self.declared: dict[str, Any] = {"name": None, "base_model": None, "license": None}
        self.claims: list[str] = []
        # names and marks a model file carries (exporter, graph name, archive and module names): claims, not proof
        self.file_claims: list[str] = []
        self.formats: list[str] = []
        self.hashes: list[dict[str, Any]] = []
        self.tokenizer_read = False
        self.fingerprint: dict[str, Any] | None = None
        self.architectures: list[str] = []  # what the files declare: config model_type, GGUF general.architecture

    # --- evidence gathering --------------------------------------------------------------------
    def rel(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root)) if self.root.is_dir() else path.name
        except ValueError:
            return str(path)

    def declare(self, key: str, value: Any, source: str) -> None:
        v = _first(value)
        if v and not self.declared.get(key):
            self.declared[key] = v
            self.declared.setdefault("sources", {})[key] = source

    def add_tokenizer(self, info: ArtifactInfo, where: str) -> None:
        tok = info.tokenizer
        if tok is None:
            return
        if tok.kind in ("tokenizer_config", "special-table"):
            # a tokenizer_config.json alone, or a binary table of special tokens (their ranks, no ordinary token): its
            # added tokens, no vocabulary to hash
            self.obs.specials.update(tok.special_tokens)
            self.obs.specials_only = True
            cls = tok.extra.get("tokenizer_class")
            what = ("tokenizer_config.json" if tok.kind == "tokenizer_config" else
                    f"a table of special tokens from rank {tok.extra.get('first_rank')},")
            self.evidence.append({"kind": "special-tokens", "source": where, "supports": [],
                                  "detail": f"{what} without a vocabulary: {len(tok.special_tokens)} "
                                            f"added / special tokens ({', '.join(tok.special_tokens[:8])}"
                                            f"{' …' if len(tok.special_tokens) > 8 else ''})"
                                            + (f", tokenizer_class {cls}" if isinstance(cls, str) else "")})
            return
        fp = tokenizer_fingerprint(tok)
        self.fingerprint = self.fingerprint or {"file": where, **{k: fp[k] for k in ("vocab_hash", "vocab_size",
                                                                                    "total_size", "kind")}}
        self.obs.vocab_hashes.setdefault(fp["vocab_hash"], where)
        self.obs.specials.update(fp["special_tokens"])
        fams = vocab_families(fp["vocab_hash"])
        detail = (f"{fp['kind']} vocabulary of {fp['vocab_size']} ordinary tokens ({fp['total_size']} in all), "
                  f"hash {fp['vocab_hash'][:23]}…")
        near: list[tuple[str, float, int]] = []
        if not fams and fp["vocab_hash"] not in known_vocab_hashes() and isinstance(fp.get("sketch"), str):
            lossy = tok.extra.get("lossy_tokens")
            near = near_vocabularies(int(fp["vocab_size"]), fp["sketch"],
                                     lossy if isinstance(lossy, int) and not isinstance(lossy, bool) else 0)
        prefix: list[tuple[str, int, int]] = []
        if (not fams and not near and isinstance(fp.get("prefix"), dict)
                and (tok.extra.get("cut") or fp.get("kind") in LINE_KINDS)):
            # only for a file cut short (or, one token a line, that may be): a whole tokenizer.json or SentencePiece
            # model that merely starts as a known one does (hundreds of its tokens re-declared as specials) is not
            prefix = prefix_vocabularies(int(fp["vocab_size"]), fp["prefix"])
        if fams:
            detail += f"; the same vocabulary is used by {', '.join(fams)}"
        elif prefix:
            for known, n, _size in prefix:
                self.obs.near_vocab.setdefault(known, (fp["vocab_hash"], 1.0))
                self.obs.prefix_vocab.setdefault(known, n)
            fams = sorted({f for known, _n, _size in prefix for f in vocab_families(known)})
            cut = " (the file is cut short)" if tok.extra.get("cut") else ""
            detail += (f"; no known vocabulary has this hash, but its first {prefix[0][1]} tokens are those of the "
                       f"vocabulary {', '.join(fams)} use ({prefix[0][2]} ordinary tokens){cut}: a copy cut short, or "
                       "one that starts as it does; weaker evidence than the same hash")
        elif near:
            for known, sim, _size in near:
                self.obs.near_vocab.setdefault(known, (fp["vocab_hash"], sim))
            known, sim, size = near[0]
            fams = vocab_families(known)
            detail += (f"; no known vocabulary has this hash, but it nearly matches the one {', '.join(fams)} use "
                       f"({size} ordinary tokens, estimated similarity {sim:.3f}): weaker evidence than the same hash")
        else:
            detail += "; matches no known vocabulary"
        self.evidence.append({"kind": "vocabulary", "source": where, "detail": detail, "supports": fams})
        renumbered = tok.extra.get("renumbered")
        if isinstance(renumbered, list) and renumbered:
            self.renumbered.extend(str(r) for r in renumbered[:8])
            self.evidence.append({"kind": "vocabulary", "source": where, "supports": [],
                                  "detail": f"the post-processor gives {', '.join(str(r) for r in renumbered[:4])} "
                                            "(its id -> the vocabulary's): the table was renumbered after the tokenizer "
                                            "was made (a derivative that pruned or rebuilt it), so the vocabulary tells "
                                            "where the tokens come from, not which model this is"})
        if fp["special_tokens"]:
            shown = ", ".join(fp["special_tokens"][:8])
            self.evidence.append({"kind": "special-tokens", "source": where, "supports": [],
                                  "detail": f"{len(fp['special_tokens'])} special tokens: {shown}"})

    def add_artifact(self, path: Path, info: ArtifactInfo) -> None:
        where = self.rel(path)
        self.formats.append(info.format)
        self.security.extend(info.security)
        claimed = _CODE_FREE_SUFFIXES.get(path.suffix.lower())
        if claimed and info.format in ("pickle", "pytorch-zip"):
            # a pickle under the name of a format that cannot run code (tryfix35): the reader goes by the content,
            # a reviewer and an allow-list by the name; the disguise is itself the finding, whatever it imports
            self.security.append({
                "id": "pickle-disguised", "severity": "high", "where": where,
                "message": f"named {path.suffix} ({claimed}, a format that cannot run code when loaded) but its content "
                           f"is a {'PyTorch zip checkpoint (pickle)' if info.format == 'pytorch-zip' else 'pickle'}: "
                           "a loader that goes by the content would unpickle it"})
        for note in info.notes:
            self.evidence.append({"kind": "note", "source": where, "detail": note, "supports": []})
        meta = info.metadata
        if isinstance(meta.get("truncated_at"), int):  # what the file holds was read; the rest is not there
            self.skipped.append({"path": where, "reason": "partial-read",
                                 "detail": next((n for n in info.notes if n.startswith("partial read")),
                                                f"file is truncated at byte {meta['truncated_at']}")})
        if info.format in ("gguf", "ollama"):
            arch = meta.get("general.architecture")
            if isinstance(arch, str):
                self.obs.gguf_arch.add(arch)
                self.architectures.append(arch)
            pre = meta.get("tokenizer.ggml.pre")
            if isinstance(pre, str) and pre != "default":
                self.obs.gguf_pre.add(pre)
            sig = artifact_arch(info)
            self.obs.add_dims(sig, where)
            self.evidence.append({"kind": "architecture", "source": where, "supports": [],
                                  "detail": f"GGUF general.architecture={arch}, tokenizer.ggml.pre={pre}, " +
                                  ", ".join(f"{k}={v}" for k, v in sig.items() if v is not None and k != "architecture")})
            self.declare("name", meta.get("general.name") or meta.get("general.basename"), f"{where}:general.name")
            self.declare("base_model", meta.get("general.base_model.0.name") or meta.get("general.base_model.0.repo_url"),
                         f"{where}:general.base_model.0")
            self.declare("license", meta.get("general.license"), f"{where}:general.license")
            if info.format == "ollama":
                self.declare("name", meta.get("ollama.name"), f"{where}:manifest")
                lic = meta.get("ollama.license")
                if isinstance(lic, str):
                    self.declare("license", lic.strip().splitlines()[0][:120] if lic.strip() else None,
                                 f"{where}:license layer")
        elif info.format == "ggml" and isinstance(meta.get("ggml.whisper_hparams"), dict):
            # whisper.cpp's speech-model header: audio and text context, states, heads and layers of an
            # encoder-decoder, then the mel filter bank (modelmap.artifacts.ggml): Whisper's architecture, as a
            # config.json's model_type would say it
            hp = meta["ggml.whisper_hparams"]
            self.obs.model_types.add("whisper")
            self.architectures.append("whisper")
            self.evidence.append({"kind": "architecture", "source": where, "supports": [],
                                  "detail": "whisper.cpp ggml header (hyper-parameters, mel filters, vocabulary): " +
                                  ", ".join(f"{k}={v}" for k, v in hp.items())})
        elif info.format in ("ggml", "ggmf", "ggjt") and isinstance(meta.get("ggml.llama_hparams"), dict):
            # llama.cpp's pre-GGUF containers (modelmap.artifacts.ggml): its loader took only LLaMA's architecture,
            # whose seven hyper-parameters the header holds; the feed-forward width is llama.cpp's own derivation from
            # n_mult, and there is no separate key / value head count (grouped-query attention came with GGUF)
            hp = meta["ggml.llama_hparams"]
            sig = {"model_type": "llama", "architecture": None, "hidden_size": hp["n_embd"],
                   "num_layers": hp["n_layer"], "num_heads": hp["n_head"], "num_kv_heads": hp["n_head"],
                   "intermediate_size": llama_ffn(hp["n_embd"], hp["n_mult"]), "vocab_size": hp["n_vocab"]}
            self.obs.model_types.add("llama")
            self.architectures.append("llama")
            self.obs.add_dims(sig, where)
            tok = info.tokenizer
            ex = tok.extra if tok is not None else {}
            sc = ex.get("scores") if isinstance(ex.get("scores"), dict) else None
            version = f" v{meta['ggml.version']}" if "ggml.version" in meta else " (unversioned)"
            self.evidence.append({"kind": "architecture", "source": where, "supports": [],
                                  "detail": f"llama.cpp {info.format}{version} header (the pre-GGUF format of its "
                                            "LLaMA-only loader): " + ", ".join(f"{k}={v}" for k, v in hp.items())
                                            + f"; feed-forward width {sig['intermediate_size']} as llama.cpp derived "
                                              "it from n_embd and n_mult"})
            if tok is not None:
                parts = [f"{ex.get('entries')} entries, {len(tok.tokens)} ordinary pieces"]
                if ex.get("unknown_ids"):
                    parts.append(f"the unknown piece at id {ex['unknown_ids'][0]}")
                if ex.get("control_ids"):
                    parts.append(f"{len(ex['control_ids'])} empty control entries (ids "
                                 f"{', '.join(map(str, ex['control_ids'][:4]))})")
                if ex.get("byte_fallback_ids"):
                    parts.append("256 byte-fallback pieces (ids {}-{})".format(*ex["byte_fallback_ids"]))
                parts.append(f"scores from {sc['min']:g} to {sc['max']:g}" if sc else "no scores (unversioned layout)")
                self.evidence.append({"kind": "vocabulary", "source": where, "supports": [],
                                      "detail": "llama.cpp vocabulary section: " + "; ".join(parts) + "; the tensors "
                                                "after it are not read"})
        elif info.tensors:
            sig = artifact_arch(info)
            self.obs.add_dims(sig, where)
            if sig.get("model_type") and not self.obs.model_types:
                self.obs.model_types.add(str(sig["model_type"]))
            shown = ", ".join(f"{k}={v}" for k, v in sig.items() if v is not None)
            self.evidence.append({"kind": "tensor-shapes", "source": where, "supports": [],
                                  "detail": f"{info.tensor_count} tensors ({info.tensors[0].name} …); {shown}"})
            for key in ("name", "model_name", "base_model", "license"):
                if key in meta:
                    self.declare("name" if key == "model_name" else key, meta[key], f"{where}:__metadata__.{key}")
            props = meta.get("metadata_props")
            if isinstance(props, dict):
                self.declare("name", props.get("name") or props.get("model_name"), f"{where}:metadata_props")
        feat = structure_features(info.format, meta, [t.shape for t in info.tensors[:STRUCTURE_TENSORS]],
                                  {t.name: t.shape for t in info.tensors[:STRUCTURE_TENSORS]})
        static = self.static_table(info)
        if static and feat:
            feat.setdefault("props", {})["static.rows"] = "pruned-known-vocabulary"
            self.evidence.append({"kind": "structure", "source": where, "supports": [],
                                  "detail": f"one 2-D 'embeddings' table of {info.tensors[0].shape[0]} x "
                                            f"{info.tensors[0].shape[1]} and nothing else a network needs: a static "
                                            f"embedding table whose rows are the vocabulary of {', '.join(static)} with "
                                            "its filler slots pruned (one vector per token, Model2Vec's layout); the "
                                            "vocabulary says where the tokens come from, not whose table it is"})
        if feat:
            self.obs.structures.append(feat)
            self.add_structure_evidence(where, info.format, meta)
        if info.format == "pytorch-zip" or info.format == "pickle":
            self.evidence.append({"kind": "pickle", "source": where, "supports": [],
                                  "detail": f"pickle imports: {', '.join(meta.get('pickle_imports', [])[:12]) or 'none'}"})
        self.add_tokenizer(info, where)
        if self.do_hash and info.format in ("gguf", "safetensors", "onnx", "pytorch-zip", "pickle", "ollama"):
            from modelmap.artifacts.hashing import hash_range

            target = path
            if info.format == "ollama":
                store = find_store(path)
                blob = meta.get("ollama.blob")
                target = store / "blobs" / str(blob) if store and blob else path
            start = info.data_offset or 0
            length = info.data_bytes if info.format in ("gguf", "safetensors", "ollama") else None
            self.hashes.append({"file": where, "region": "tensor-data" if start else "file", "offset": start,
                                "digest": hash_range(target, start, length)})

    @staticmethod
    def static_table(info: ArtifactInfo) -> tuple[str, ...]:
        """The families whose pruned vocabulary (see identify.pruned_vocab_families) has as many rows as a safetensors
        file's lone 2-D ``embeddings`` tensor (beside at most Model2Vec's per-token ``weights``); () otherwise. One
        vector per token of a known vocabulary, fillers pruned, is a static embedding model's table, not a
        cache of document vectors (whose count is the documents')."""
        if info.format != "safetensors" or not info.tensors:
            return ()
        names = {t.name: t.shape for t in info.tensors[:4]}
        if set(names) - {"embeddings", "weights"} or len(names.get("embeddings") or ()) != 2:
            return ()
        return pruned_vocab_families(int(names["embeddings"][0]))

    def add_structure_evidence(self, where: str, fmt: str, meta: dict[str, Any]) -> None:
        """The graph interface and the names a file gives itself, as evidence and claims."""
        if fmt == "onnx":
            def io(names: list[str], shapes: dict[str, Any]) -> str:
                return ", ".join(f"{n}{shapes[n]}" if n in shapes else n for n in names[:8]) + (
                    " …" if len(names) > 8 else "")
            ops = ", ".join(f"{k or 'ai.onnx'} {v}" for k, v in sorted((meta.get("opset_import") or {}).items()))
            self.evidence.append({
                "kind": "graph", "source": where, "supports": [],
                "detail": f"ONNX inputs {io(meta.get('graph_inputs') or [], meta.get('graph_input_shapes') or {})}; "
                          f"outputs {io(meta.get('graph_outputs') or [], meta.get('graph_output_shapes') or {})}; "
                          f"opset {ops}; {meta.get('node_count', 0)} nodes"})
            marks = [f"{k}={str(meta[k])[:80]!r}" for k in ("producer_name", "producer_version", "domain",
                                                               "graph_name", "doc_string") if meta.get(k)]
            props = meta.get("metadata_props")
            if isinstance(props, dict) and props:
                marks.append("metadata_props keys " + ", ".join(sorted(props)[:8]))
            if marks:
                self.file_claims.append(f"{where}: ONNX {'; '.join(marks)}")
        if meta.get("torchscript_modules"):
            mods = meta["torchscript_modules"]
            self.file_claims.append(f"{where}: TorchScript archive {meta.get('archive_name') or '?'!r} defines "
                               f"{', '.join(mods[:6])}{' …' if len(mods) > 6 else ''}")
        if isinstance(meta.get("ggml.model_type"), str):
            self.file_claims.append(f"{where}: legacy ggml file, model type {meta['ggml.model_type']!r}")
        if isinstance(meta.get("thinc.hf_model"), str):  # a spacy-transformers component names the weights it wraps
            self.declare("base_model", meta["thinc.hf_model"], f"{where}:hf-pytorch name")
            self.file_claims.append(f"{where}: spaCy transformer component loads {meta['thinc.hf_model']!r}")

    def read_config(self, path: Path) -> None:
        cfg = parse_json(path, read_bounded(path, self.limits.max_text_bytes), self.limits)
        if not isinstance(cfg, dict):
            raise ReadError(str(path), "config.json is not a JSON object")
        self.read_config_object(path, cfg)

    def read_config_object(self, path: Path, cfg: dict[str, Any]) -> None:
        """What a parsed Hugging Face config (config.json, or one found by content) says: architecture, dimensions,
        the name it was saved under."""
        where = self.rel(path)
        sig = arch_from_config(cfg)
        for key in ("model_type", "architecture"):
            if sig.get(key):  # config.json names the architecture outright
                self.obs.model_types.add(str(sig[key]))
        if isinstance(cfg.get("model_type"), str) and cfg["model_type"].strip():
            self.architectures.insert(0, cfg["model_type"].strip()[:100])
        self.obs.add_dims(sig, where)
        self.evidence.append({"kind": "architecture", "source": where, "supports": [],
                              "detail": ", ".join(f"{k}={v}" for k, v in sig.items() if v is not None)})
        self.declare("name", cfg.get("_name_or_path"), f"{where}:_name_or_path")

    def read_paddle_config(self, path: Path, cfg: dict[str, Any]) -> None:
        """A PaddleX / PaddleDetection inference config (``inference.yml``, or its JSON form): ``Global.model_name``
        is the exported model's own name and ``arch`` its architecture (``DETR``, ``DB`` ...): both names the file
        gives itself, kept as claims and as a ``paddle-config`` structure for the knowledge base's rules."""
        where = self.rel(path)
        glob = cfg.get("Global")
        name = glob.get("model_name") if isinstance(glob, dict) else None
        props = {k: str(v)[:200] for k, v in (("paddle.model_name", name), ("paddle.arch", cfg.get("arch")),
                                               ("paddle.mode", cfg.get("mode"))) if isinstance(v, str) and v}
        labels = cfg.get("label_list")
        feat: dict[str, Any] = {"format": "paddle-config", "props": props}
        if isinstance(labels, list) and labels:  # scalars only: str() of a nested (aliased) value has no bound
            feat["labels"] = {str(v)[:100] for v in labels[:1000] if isinstance(v, (str, int, float))}
        self.obs.structures.append(feat)
        self.formats.append("paddle-config")
        if isinstance(name, str) and name.strip():
            self.declare("name", name.strip()[:200], f"{where}:Global.model_name")
            self.file_claims.append(f"{where}: Paddle inference config names {name.strip()[:100]!r}"
                                    f"{' (arch ' + props['paddle.arch'] + ')' if 'paddle.arch' in props else ''}")
        self.evidence.append({"kind": "note", "source": where, "supports": [],
                              "detail": "Paddle inference config: " + ", ".join(f"{k}={v}" for k, v in props.items())
                                        + (f", {len(labels)} labels" if isinstance(labels, list) else "")})

    def sniff_config(self, path: Path, single: bool) -> bool:
        """A model config whose file name does not say so (renamed, no extension), or a Paddle ``inference.yml``:
        read it as what its content shows and return True; False leaves the file to the artifact readers. Only a
        JSON object of at most ``_CONFIG_SNIFF_BYTES`` naming a config key (or that YAML file, bounded by
        ``_load_config_yaml``) is parsed, once; anything else is not a config."""
        name = path.name.lower()
        paddle_yaml = name in ("inference.yml", "inference.yaml")
        if not (single or paddle_yaml or name == "inference.json"):
            return False
        if paddle_yaml:
            if single and self.sniff_spacy_config(path):
                return True
            cfg = _load_config_yaml(path, read_bounded(path, _CONFIG_YAML_BYTES, "max_config_yaml_bytes"))
        else:
            try:
                with open_regular(path) as fh:
                    head = fh.read(_CONFIG_SNIFF_BYTES + 1)
            except OSError:
                return False
            if single and self.spacy_config_from(path, head):
                return True  # one read of the head serves both sniffs
            if not (head.lstrip().startswith(b"{") and len(head) <= _CONFIG_SNIFF_BYTES
                    and any(m in head for m in _CONFIG_MARKS)):
                # a model config is small and names its kind: a larger JSON (a tokenizer.json, 2-30 MB) or one without
                # these keys is left to the artifact readers unparsed, so it is never parsed twice
                return False
            try:
                cfg = parse_json(path, head, self.limits)  # the whole file: head is all of it
            except ReadError:
                return False  # not one JSON object: the artifact readers may still know it
        if not isinstance(cfg, dict):
            return False
        if isinstance(cfg.get("Global"), dict) and (cfg.get("mode") == "paddle" or isinstance(cfg.get("arch"), str)):
            self.read_paddle_config(path, cfg)
            return True
        if single and self.read_spacy_meta_object(path, cfg):
            return True  # a spaCy meta.json under another name: what its content says, as for the named file
        if single and (isinstance(cfg.get("model_type"), str) or isinstance(cfg.get("architectures"), list)) \
                and not isinstance(cfg.get("model"), dict) and "added_tokens" not in cfg:
            self.read_config_object(path, cfg)  # a Hugging Face config.json under another name (a tokenizer.json has model{})
            return True
        return False

    def read_spacy_meta(self, path: Path) -> None:
        """A spaCy pipeline's meta.json (lang, name, version, author, url): the pipeline's own claim of who made it.
        Other meta.json files are ignored."""
        self.read_spacy_meta_object(path, parse_json(path, read_bounded(path, MAX_SPACY_META), self.limits))

    def read_spacy_meta_object(self, path: Path, meta: Any) -> bool:
        """What a parsed spaCy meta.json says; False (nothing recorded) when the object is not one: it must name
        ``spacy_version`` and give ``lang`` and ``name`` as strings."""
        if not (isinstance(meta, dict) and "spacy_version" in meta and isinstance(meta.get("lang"), str)
                and isinstance(meta.get("name"), str)):
            return False
        where = self.rel(path)
        props = {f"spacy.{k}": str(meta[k])[:200] for k in ("author", "url", "lang", "name", "version")
                 if isinstance(meta.get(k), str)}
        self.obs.structures.append({"format": "spacy-meta", "props": props})
        self.formats.append("spacy-meta")
        full = f"{meta['lang']}_{meta['name']}"[:200]
        if _PIPELINE_NAME.fullmatch(full):  # the pipeline's name as spaCy packages it (en_core_web_sm), for family_from
            props["spacy.pipeline"] = full
        self.declare("name", full, f"{where}:lang+name")
        self.declare("license", meta.get("license"), f"{where}:license")
        self.evidence.append({"kind": "note", "source": where, "supports": [],
                              "detail": f"spaCy pipeline {full} {props.get('spacy.version', '')}, author "
                                        f"{props.get('spacy.author')!r}, url {props.get('spacy.url')!r} "
                                        f"(spacy_version {str(meta['spacy_version'])[:40]})"})
        self.file_claims.append(f"{where}: spaCy meta.json names {full}, author {props.get('spacy.author')!r}")
        return True

    def sniff_spacy_config(self, path: Path) -> bool:
        """A spaCy config.cfg (named so, or a renamed file whose content is one): read it and return True.

        Only a file of at most ``MAX_SPACY_CONFIG`` bytes with an ``[nlp]`` section header and a ``pipeline = [``
        line is parsed (stdlib configparser, no interpolation: spaCy's ``${...}`` references stay text)."""
        try:
            with open_regular(path) as fh:
                raw = fh.read(MAX_SPACY_CONFIG + 1)
        except (OSError, ReadError):
            return False
        return self.spacy_config_from(path, raw)

    def spacy_config_from(self, path: Path, raw: bytes) -> bool:
        """``sniff_spacy_config`` on bytes already read from the file's start (more than ``MAX_SPACY_CONFIG`` of them:
        too large, not one)."""
        if len(raw) > MAX_SPACY_CONFIG or not (_SPACY_CFG_NLP.search(raw) and _SPACY_CFG_PIPELINE.search(raw)):
            return False
        parser = configparser.ConfigParser(interpolation=None, strict=False, delimiters=("=",),
                                           comment_prefixes=("#",), inline_comment_prefixes=None)
        try:
            parser.read_string(raw.decode("utf-8"))
        except (configparser.Error, UnicodeDecodeError, ValueError):
            return False
        if not parser.has_section("nlp"):
            return False
        self.read_spacy_config(path, parser)
        return True

    def read_spacy_config(self, path: Path, parser: configparser.ConfigParser) -> None:
        """What a spaCy config says: the language, the pipeline's components, and the Hugging Face weights a
        transformer component loads (``[components.transformer.model] name = "org/repo"``): the pipeline's
        declared base, which the knowledge base's ``spacy-config`` structure rules read."""
        where = self.rel(path)

        def value(section: str, key: str) -> Any:
            try:
                return json.loads(parser.get(section, key, fallback="null"))
            except ValueError:
                return None

        props: dict[str, str] = {}
        lang = value("nlp", "lang")
        if isinstance(lang, str):
            props["spacy.lang"] = lang[:20]
        pipeline = value("nlp", "pipeline")
        if isinstance(pipeline, list):
            props["spacy.components"] = ",".join(str(c)[:40] for c in pipeline[:40])
        for section in parser.sections()[:2000]:
            if not (section.startswith("components.") or section.startswith("initialize.components.")):
                continue
            name = value(section, "name")
            if isinstance(name, str) and HF_REPO_ID.fullmatch(name):
                props["spacy.transformer"] = name
                break
        self.obs.structures.append({"format": "spacy-config", "props": props})
        self.formats.append("spacy-config")
        if "spacy.transformer" in props:
            self.declare("base_model", props["spacy.transformer"], f"{where}:transformer model name")
        self.evidence.append({"kind": "note", "source": where, "supports": [],
                              "detail": "spaCy config: " + ", ".join(f"{k}={v}" for k, v in props.items())})
        self.file_claims.append(f"{where}: spaCy config, lang {props.get('spacy.lang')!r}"
                                + (f", transformer {props['spacy.transformer']!r}" if "spacy.transformer" in props
                                   else ""))

    def read_spacy_meta_near(self, path: Path) -> None:
        """A lone spaCy component file (ner/model): the pipeline's meta.json one or two folders up, if there."""
        for folder in (path.parent, path.parent.parent):
            meta = folder / "meta.json"
            try:
                if meta.is_file():
                    self.read_spacy_meta(meta)
                    return
            except (OSError, ReadError) as exc:
                self.skipped.append({"path": str(meta), "reason": "unreadable", "detail": str(exc)[:300]})
                return

    def read_card(self, path: Path) -> None:
        meta, body, problem = _front_matter(path)
        where = self.rel(path)
        if problem:
            self.skipped.append({"path": where, "reason": "card-front-matter", "detail": problem})
        index = meta.get("model-index")
        first = index[0] if isinstance(index, list) and index else None
        indexed = first.get("name") if isinstance(first, dict) else None  # model-index: [1] names nothing
        self.declare("name", meta.get("model_name") or indexed, f"{where}:front matter")
        heading = re.search(r"^#\s+(.+)$", body, re.M)
        if heading:
            self.declare("name", heading.group(1).strip()[:200], f"{where}:heading")
        self.declare("base_model", meta.get("base_model"), f"{where}:front matter base_model")
        self.declare("license", meta.get("license"), f"{where}:front matter license")
        m = _ORIGINAL_CLAIM.search(body)
        if m:
            self.claims.append(f"{where}: card says {m.group(0)!r}")

    def read_file(self, path: Path) -> None:
        name = path.name.lower()
        single = not self.root.is_dir()  # a file named on the command line, not a folder's member
        top = path.parent == self.root or single
        try:
            if name == "config.json" and top:
                self.read_config(path)
                return
            if name == "readme.md" and top:
                self.read_card(path)
                return
            if name == "meta.json":
                self.read_spacy_meta(path)
                return
            if name == "config.cfg" and self.sniff_spacy_config(path):
                return
            if self.sniff_config(path, single):
                return
            if name in ("tokenizer_config.json", "special_tokens_map.json") and (
                    not single or name == "special_tokens_map.json"):
                # in a folder, a companion of the vocabulary; named alone on the command line, a tokenizer_config.json
                # is read as what it is (its added tokens: TokenizerReader's tokenizer_config kind)
                self.obs.specials.update(special_tokens_from_config(path, self.limits))
                return
            # a file named on the command line is sniffed whatever its suffix; in a folder, a .txt whose name says
            # vocab is (rwkv_vocab_v20230424.txt), other text and images are not
            if (name in _META_FILES and not (single and name == "tokenizer_config.json")) or name == "config.json" or (name.endswith(_IGNORED_SUFFIXES) and name not in _TOKENIZER_ORDER
                                       and not name.endswith(".tiktoken") and not single
                                       and not (name.endswith(".txt") and "vocab" in name)):
                return
            reader = reader_for(path)
            if reader is None and name.endswith(".json"):
                return  # other JSON (modules.json, data_config.json) is metadata, not a model artifact
            if reader is None:
                pointer = lfs_pointer(path)
                if pointer is not None:
                    self.skipped.append({"path": self.rel(path), "reason": "lfs-pointer", "detail": pointer})
                    return
                self.skipped.append({"path": self.rel(path), "reason": "unrecognised",
                                     "detail": "content matches no artifact reader"})
                return
            if reader.id == "tokenizer":
                if self.defer_tokenizers:
                    self.deferred.append(path)
                    return
                if self.tokenizer_read:
                    return
                self.tokenizer_read = True
            self.add_artifact(path, cached_read(reader, path, self.limits))
        except ReadError as exc:
            reason = "not-a-file" if exc.limit == "not-a-file" else "unreadable"
            self.skipped.append({"path": self.rel(path), "reason": reason, "detail": str(exc)})
        except OSError as exc:
            self.skipped.append({"path": self.rel(path), "reason": "unreadable", "detail": str(exc)})
        except MemoryError:
            self.skipped.append({"path": self.rel(path), "reason": "too-large",
                                 "detail": "does not fit in memory once parsed"})
        except Exception as exc:  # hostile content a reader did not foresee: one file, never the whole run
            self.skipped.append({"path": self.rel(path), "reason": "unreadable",
                                 "detail": f"{exc.__class__.__name__}: {exc}"[:300]})

    def walk(self) -> None:
        root = self.root
        if root.is_file():
            store = find_store(root)
            if store is not None and (store / "manifests") in root.parents:
                self.read_file_as_ollama(root)
            else:
                self.read_file(root)
                if self.formats == ["thinc"]:
                    self.read_spacy_meta_near(root)
            return
        store = find_store(root) if (root / "manifests").is_dir() else None
        if store is not None:
            manifests = list_manifests(store)
            if manifests:
                self.read_file_as_ollama(manifests[0])
                for m in manifests[1:]:
                    self.skipped.append({"path": self.rel(m), "reason": "another-model",
                                         "detail": "inspect this manifest path on its own"})
            return
        files: list[Path] = []
        for p in sorted(root.rglob("*")):
            if ".git" in p.relative_to(root).parts:
                continue
            try:
                mode = p.stat().st_mode  # follows a symlink to a file, as is_file() did
            except OSError as exc:
                self.skipped.append({"path": self.rel(p), "reason": "unreadable", "detail": str(exc)})
                continue
            if stat.S_ISREG(mode):
                files.append(p)
            elif not stat.S_ISDIR(mode):  # a FIFO, socket or device is listed, never opened
                self.skipped.append({"path": self.rel(p), "reason": "not-a-file",
                                     "detail": "not a regular file (FIFO, socket or device)"})
        if len(files) > MAX_FILES:
            for p in files[MAX_FILES:]:
                self.skipped.append({"path": self.rel(p), "reason": "too-many-files", "detail": f"> {MAX_FILES}"})
            files = files[:MAX_FILES]
        self.read_files(files)

    def read_files(self, files: list[Path]) -> None:
        """Read everything but the vocabulary first; then the vocabulary only if it can change the answer."""
        order = {n: i for i, n in enumerate(_TOKENIZER_ORDER)}
        files = sorted(files, key=lambda p: (order.get(p.name.lower(), len(order)), len(p.parts), str(p)))
        self.defer_tokenizers = True
        for p in files:
            self.read_file(p)
        self.defer_tokenizers = False
        if not self.deferred:
            return
        first = self.deferred[0]
        # one PATH is read as one model, with one tokenizer: tokenizer files in another folder are most likely another
        # model's, and were dropped without a word (tryfix35: `inspect models/` read a DeepSeek tokenizer and left a
        # Llama 3 tokenizer.model and a renamed Qwen tokenizer unmentioned). Listed once per folder; the same
        # folder's other tokenizer files (vocab.json beside tokenizer.json) describe the same vocabulary
        others: dict[Path, list[str]] = {}
        for other in self.deferred[1:]:
            if other.parent != first.parent and "config" not in other.name.lower():
                others.setdefault(other.parent, []).append(other.name)
        read_in = self.rel(first.parent) if first.parent != self.root else "."
        for folder, names in others.items():
            where = self.rel(folder) if folder != self.root else "."
            self.skipped.append({"path": where, "reason": "another-model",
                                 "detail": f"tokenizer files not read ({', '.join(names[:6])}"
                                           f"{' …' if len(names) > 6 else ''}): only the tokenizer in {read_in} was; "
                                           f"one PATH is read as one model, so inspect {where} on its own"})
        if self.vocab == "always" or self.vocab_needed(first):
            self.read_file(first)
            return
        top = rank(self.obs)[0]
        self.evidence.extend(self.pending_evidence)
        self.evidence.append({
            "kind": "vocabulary", "source": self.rel(first), "supports": [],
            "detail": f"not hashed: config.json, tensor headers and special tokens already single out {top['family']} "
                      f"(score {top['score']}), and no family with a different vocabulary is close; "
                      "inspect with --verify-vocab to hash it"})

    def vocab_needed(self, tok_path: Path) -> bool:
        """False when the evidence without the vocabulary is confident and the vocabulary could not break a tie."""
        if tok_path.name.lower() == "tokenizer.json":
            try:
                specials = added_tokens_only(tok_path, self.limits)
            except ReadError:
                specials = None
            if specials:
                self.obs.specials.update(specials)
                self.pending_evidence.append({"kind": "special-tokens", "source": self.rel(tok_path), "supports": [],
                                              "detail": f"{len(specials)} special tokens (added_tokens only): "
                                                        f"{', '.join(specials[:8])}"})
        if self.obs.empty:
            return True
        ranked = rank(self.obs)
        if not ranked or ranked[0]["score"] < CONFIDENT_WITHOUT_VOCAB:
            return True
        top = ranked[0]
        tied = [r for r in ranked if top["score"] - r["score"] <= TIE]
        vocabs = {frozenset(fingerprint_entry(r["fingerprint"]).get("vocab_hashes") or []) for r in tied}
        return len(vocabs) > 1 or not next(iter(vocabs))

    def read_file_as_ollama(self, manifest: Path) -> None:
        from modelmap.artifacts.ollama import OllamaReader

        try:
            self.add_artifact(manifest, cached_read(OllamaReader(), manifest, self.limits))
        except ReadError as exc:
            self.skipped.append({"path": self.rel(manifest), "reason": "unreadable", "detail": str(exc)})
        except Exception as exc:  # MemoryError, RecursionError …: a skipped manifest, never a crash
            self.skipped.append({"path": self.rel(manifest), "reason": "unreadable",
                                 "detail": f"{exc.__class__.__name__}: {exc}"[:300]})

    # --- conclusions ---------------------------------------------------------------------------
    def conclude(self) -> dict[str, Any]:
        if ((self.obs.vocab_hashes and not self.obs.near_vocab
                and not set(self.obs.vocab_hashes) & known_vocab_hashes())
                or (self.obs.specials_only and not self.obs.vocab_hashes)):
            # no known vocabulary (or none at all: a tokenizer_config.json alone): the special tokens may still be
            # one maker's own (a new tokenizer version, a config whose added tokens differ from every recorded set)
            self.obs.signature = signature_publisher(self.obs.specials)
        ranked = rank(self.obs) if not self.obs.empty else []
        ranked = self.promote_marked_derivative(ranked)
        family: dict[str, Any] | None = None
        shared = self.shared_shape(ranked)
        if shared:
            # nothing but a model type and dimensions agree, and several recorded families publish exactly those
            # dimensions (a 12-layer, 384-wide uncased BERT is bge-small, e5-small-v2 and MiniLM-L12 alike): the shape
            # is a candidate list, not one family's evidence, so none of them (and no maker of theirs) is named
            self.family_candidates = [{"id": r["family"], "score": r["score"], "size": r["size"]} for r in shared]
            fits = ", ".join(f"{r['family']} {r['size']}" for r in shared)
            self.evidence.append({"kind": "family", "source": "(conclusion)", "supports": [],
                                  "detail": f"no family named: only the model type and dimensions agree, and they are "
                                            f"the published dimensions of several families ({fits}); a weight "
                                            "fingerprint or a name in the files would be needed to tell them apart"})
            # the shape's rows carry no family evidence: whatever else the files show (a head's structure) decides
            dropped = {r["family"] for r in shared}
            ranked = [r for r in ranked if r["family"] not in dropped]
        if (self.renumbered and ranked and ranked[0]["score"] >= 0.3
                and set(ranked[0].get("signals") or []) <= {"vocab", "vocab-near", "specials"}):
            # only the tokenizer speaks, and its table was renumbered after it was made: a derivative rebuilt a known
            # vocabulary (Model2Vec prunes BERT's unused slots), so the vocabulary's families and maker are where the
            # tokens come from, not the model: no family or maker is named
            top = ranked[0]
            fams = [top["family"], *(r["family"] for r in ranked[1:] if top["score"] - r["score"] <= TIE)]
            makers = sorted({str(m) for h in self.obs.vocab_hashes for m in vocab_makers(h) if m})
            self.vocabulary_origin = {"families": fams, "publishers": makers}
            self.evidence.append({"kind": "family", "source": "(conclusion)", "supports": [],
                                  "detail": f"no family named: the vocabulary is that of {', '.join(fams)}"
                                            + (f" (made by {', '.join(makers)})" if makers else "")
                                            + ", but the file renumbers it, so it is a derivative's tokenizer; which "
                                            "model and whose is not in the file"})
            ranked = []
        if ranked and ranked[0]["score"] >= 0.3:
            top = ranked[0]
            ties = [r["family"] for r in ranked[1:] if top["score"] - r["score"] <= 0.02]
            why = list(top["why"])
            if "specials-signature" in (top.get("signals") or []):
                # only the maker's special tokens speak (no known vocabulary): every family of that maker they fit
                # is as likely (a new version of any of them), so the family is not chosen among them
                ties += [r["family"] for r in ranked[1:]
                         if "specials-signature" in (r.get("signals") or []) and r["family"] not in ties]
            open_gen = self.generation_open(top, ranked)
            if open_gen:
                ties += [f for f in open_gen if f not in ties]
                why.append(f"the special tokens are a strict subset of {top['family']}'s own, so they do not single out "
                           f"a generation: {', '.join(open_gen)} (same vocabulary, same maker) fit the files as well")
            for pre in sorted(self.obs.gguf_pre):
                named = families_for_pre(pre)
                if len(named) != 1 or named[0] == top["family"] or named[0] in ties:
                    continue
                theirs = _family_publisher(named[0])
                ours = _entry_publisher(fingerprint_entry(top["fingerprint"]), top["family"])
                if theirs and ours and theirs.get("id") == ours.get("id"):
                    ties.append(named[0])
                    why.append(f"tokenizer.ggml.pre {pre!r} is llama.cpp's pre-tokenizer name for {named[0]} (a name "
                               f"the converter wrote: a claim), while the vocabulary and dimensions point to "
                               f"{top['family']}: {named[0]} is listed as tied, not chosen")
            added = self.unknown_specials(top)
            if added:
                why.append(f"the files add special tokens no known model on this vocabulary has ({', '.join(added[:4])}"
                           f"{' …' if len(added) > 4 else ''}): a model built on {top['family']}'s vocabulary (a variant, "
                           "or another maker's model) fits as well; the family and maker named are the vocabulary's")
            base_id = fingerprint_entry(top["fingerprint"]).get("extends")
            if isinstance(base_id, str) and fingerprint_entry(base_id):
                base_fam = fingerprint_entry(base_id).get("family")
                why.append(f"built on {base_fam}'s vocabulary: the added special tokens its published tokenizer or "
                           f"processor names are {top['family']}'s own, so {top['family']} is named, not {base_fam}")
            if set(top.get("signals") or []) <= {"vocab", "vocab-near", "specials"}:
                why.append("only the tokenizer identifies it: a later model that kept this tokenizer would look the same")
            pipeline = self.family_from_props(top)
            if pipeline is not None:
                why.append(f"the family is the name the files give their pipeline ({pipeline}): {top['family']} is "
                           "the framework it runs on, not a model family")
            family = {"id": pipeline or top["family"], "fingerprint": top["fingerprint"], "score": top["score"],
                      "size": top["size"], "base": top["base"], "why": why, "signals": top.get("signals", []),
                      "indistinguishable_from": ties,
                      "alternatives": [{"id": r["family"], "score": r["score"]} for r in ranked[1:6]]}
        publisher, candidates, reused = self.attribute(family, ranked)
        out: dict[str, Any] = {
            "family": family,
            "publisher": publisher,
            "mismatches": self.mismatches(family),
            **identity_from_kb(family, publisher, self.evidence),
        }
        if candidates is None and family is None and self.family_candidates:
            shape_makers = {(_family_publisher(str(c["id"])) or {}).get("id") for c in self.family_candidates}
            candidates = [_publisher_by_id(p) or {"id": None, "name": None, "country": None}
                          for p in sorted(shape_makers, key=lambda x: (x is None, x or ""))]
        if candidates is not None:
            out["publisher_candidates"] = candidates
        if reused:
            out["vocabulary_reused_by"] = reused
        return out

    def shared_shape(self, ranked: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The rows tied at the top (within TIE) when the top pick rests on dimensions alone (its signals are the
        model type and a full size match, nothing else) and at least one other family matches the same dimensions
        as fully, the families (derivatives aside) coming from more than one maker: the candidates that shape leaves
        open, best first. [] when the top pick has any other evidence (a vocabulary, special tokens, structure, a
        name), no other family shares its shape, or only one maker's families do."""
        if not ranked or ranked[0]["score"] < 0.3 or not set(ranked[0].get("signals") or []) <= _SHAPE_SIGNALS \
                or "size" not in (ranked[0].get("signals") or []):
            return []
        top = ranked[0]
        same = [r for r in ranked[1:] if top["score"] - r["score"] <= TIE and "size" in (r.get("signals") or [])
                and set(r.get("signals") or []) <= _SHAPE_SIGNALS]
        # one maker's families and the derivatives built on them (Qwen2-7B, Qwen2.5-7B, R1-Distill-Qwen-7B) leave the
        # maker known: the usual tie handling names it; several makers' own families leave it open
        makers = {(_entry_publisher(fingerprint_entry(r["fingerprint"]), r["family"]) or {}).get("id")
                  for r in [top, *same] if not r["base"]}
        return [top, *same] if same and len(makers) > 1 else []

    def family_from_props(self, top: dict[str, Any]) -> str | None:
        """The family name a matched entry takes from the files (its ``family_from`` prop: a spaCy pipeline's
        lang_name from its meta.json), where one observed file states it; None otherwise."""
        key = fingerprint_entry(top["fingerprint"]).get("family_from")
        if not isinstance(key, str):
            return None
        for feat in self.obs.structures:
            value = (feat.get("props") or {}).get(key)
            if isinstance(value, str) and value:
                return value
        return None

    def unknown_specials(self, top: dict[str, Any]) -> list[str]:
        """The file's distinctive special tokens that no fingerprint entry on the top pick's vocabulary has (sorted);
        [] unless only the tokenizer identifies the family."""
        if not set(top.get("signals") or []) <= {"vocab", "vocab-near", "specials"}:
            return []
        vocab = set(fingerprint_entry(top["fingerprint"]).get("vocab_hashes") or [])
        if not vocab:
            return []
        known: set[str] = set()
        for e in load_fingerprints().get("fingerprints", []):
            if vocab & set(e.get("vocab_hashes") or []):
                known |= distinctive_specials(e.get("special_tokens") or [])
        return sorted(distinctive_specials(self.obs.specials) - known)[:64]

    def generation_open(self, top: dict[str, Any], ranked: list[dict[str, Any]]) -> list[str]:
        """Families the files cannot tell from the top pick when only the tokenizer speaks and the file's special
        tokens are a strict subset of the top entry's own (it lacks some of them and adds none): every other
        entry of the same maker on the same vocabulary whose specials are a subset of the file's, or a superset
        lacking no more of them than the top pick lacks. Derivatives (``base:``) are left out: their own tokens would be in the file."""
        if not set(top.get("signals") or []) <= {"vocab", "vocab-near", "specials"}:
            return []
        ent = fingerprint_entry(top["fingerprint"])
        seen = distinctive_specials(self.obs.specials)
        own = distinctive_specials(ent.get("special_tokens") or [])
        if not seen or not seen < own:
            return []
        vocab = set(ent.get("vocab_hashes") or [])
        maker = ent.get("publisher")
        out: list[str] = []
        for r in ranked[1:]:
            other = fingerprint_entry(r["fingerprint"])
            if r["base"] or other.get("publisher") != maker or not vocab & set(other.get("vocab_hashes") or []):
                continue
            theirs = distinctive_specials(other.get("special_tokens") or [])
            # a subset: the file could be theirs plus tokens a variant adds; a superset: the file lacks their tokens
            # as it lacks the top pick's, which only counts when it lacks no more of theirs than of the top's
            fits = theirs <= seen or (seen <= theirs and len(theirs - seen) <= len(own - seen))
            if theirs and fits and r["family"] not in out:
                out.append(r["family"])
        return out

    def attribute(self, family: dict[str, Any] | None, ranked: list[dict[str, Any]]
                  ) -> tuple[dict[str, Any] | None, list[dict[str, Any]] | None, list[dict[str, Any]]]:
        """(publisher, candidates, reused_by): the maker, where the files single one out.

        A vocabulary, special tokens or dimensions that one maker's own families use are that maker's, even when
        a derivative (a fingerprint entry with ``base:``, e.g. DeepSeek-R1-Distill-Qwen) or a recorded reuser
        (``vocab_reused_by``: DBRX ships cl100k) ships them unchanged: the maker is named and the others are listed
        in ``reused_by``. Not claimed, with the candidates listed instead, when the tied families come from
        several makers, or when nothing but a vocabulary agreed and several makers' own families use it.
        """
        if family is None:
            return None, None, []
        top = ranked[0]
        ent = fingerprint_entry(top["fingerprint"])
        pub = _entry_publisher(ent, family["id"])
        pid = pub["id"] if pub else None
        if top["base"] and (exclusive := self.exclusive_specials(ent, pid)):
            # a derivative whose maker's own special tokens are in the files: that maker, whatever it is built on
            # (the base stays in the lineage and among the tied families)
            self.evidence.append({"kind": "publisher", "source": "(conclusion)", "supports": [family["id"]],
                                  "detail": f"the files carry special tokens that only {pid}'s models on this vocabulary "
                                            f"have ({', '.join(exclusive[:4])}): the maker is {pid}, built on "
                                            f"{top['base']}"})
            return pub, None, []
        pids: set[str | None] = {pid}
        makers: set[str | None] = set() if top["base"] else {pid}
        seen = distinctive_specials(self.obs.specials)
        own_specials = distinctive_specials(ent.get("special_tokens") or [])
        hints: list[str] = []  # special tokens only a tied derivative has: the files point at the derivative's maker
        for fam in family.get("indistinguishable_from") or []:
            row = next((r for r in ranked if r["family"] == fam), None)
            other_ent = fingerprint_entry(row["fingerprint"]) if row else {}
            other = _entry_publisher(other_ent, fam) if row else _family_publisher(fam)
            oid = other["id"] if other else None
            pids.add(oid)
            if not (row and (row["base"] or row.get("vocab_inherited"))):
                makers.add(oid)
            elif oid != pid:
                extra = sorted((distinctive_specials(other_ent.get("special_tokens") or []) - own_specials) & seen)
                if extra:
                    hints.append(f"{', '.join(extra[:3])} ({fam}, {oid})")
        reused: set[str | None] = set()
        reason = None
        if len(pids) > 1:
            if not top["base"] and makers == {pid} and pid and not hints:
                reused |= pids - {pid}  # derivatives tied with it inherited this evidence from pid's family
            elif hints:
                reason = (f"the evidence is {pid}'s {family['id']}, but the files also carry special tokens that only "
                          f"a derivative made by another publisher adds: {'; '.join(hints)}")
            else:
                reason = (f"{family['id']} is tied with {', '.join(family['indistinguishable_from'])}, "
                          "which different publishers make")
        signals = set(top.get("signals") or [])
        # an entry defined as a base's tokenizer plus the special tokens its maker's published code adds matched only
        # because those tokens are there: they are that maker's, whoever else uses the base vocabulary
        own_tokens = bool(ent.get("requires_special_tokens"))
        # only for a maker that did not make the vocabulary itself (the vocabulary's maker is named below anyway,
        # with the derivatives that reuse it listed)
        vocab_made_by_pid = any(pid in vocab_makers(h) for h in [*self.obs.vocab_hashes, *self.obs.near_vocab]
                                if h in (ent.get("vocab_hashes") or []))
        exclusive = self.exclusive_specials(ent, pid) if not own_tokens and not vocab_made_by_pid else []
        if reason is None and exclusive and signals <= {"vocab", "vocab-near", "specials"}:
            own_tokens = True
            self.evidence.append({"kind": "publisher", "source": "(conclusion)", "supports": [family["id"]],
                                  "detail": f"the files carry special tokens that only {pid}'s models on this vocabulary "
                                            f"have ({', '.join(exclusive[:4])}): the maker is {pid}, whoever made the "
                                            "vocabulary"})
        if reason is None and signals <= {"vocab", "vocab-near", "specials"} and not own_tokens:
            shared: set[str | None] = set()
            own: set[str | None] = set()
            for h in [*self.obs.vocab_hashes, *self.obs.near_vocab]:
                if h in (ent.get("vocab_hashes") or []):
                    shared |= vocab_publishers(h)
                    own |= vocab_makers(h)
            if len(shared | {pid}) > 1:
                if own == {pid} and pid:
                    reused |= shared - {pid}
                else:
                    pids |= shared
                    reason = ("only the vocabulary identifies it, and the families of several makers use that "
                              "vocabulary; the files show no architecture or dimensions that would single one out")
        if reason is not None:
            cands = [_publisher_by_id(p) or {"id": None, "name": None, "country": None}
                     for p in sorted(pids, key=lambda x: (x is None, x or ""))]
            named = ", ".join(str(c["id"]) if c["id"] else "unrecorded" for c in cands)
            self.evidence.append({"kind": "publisher", "source": "(conclusion)", "supports": [],
                                  "detail": f"no publisher claimed: {reason} (candidates: {named})"})
            return None, cands, []
        others = [_publisher_by_id(p) or {"id": None, "name": None, "country": None}
                  for p in sorted(reused, key=lambda x: (x is None, x or ""))]
        if others:
            named = ", ".join(str(c["id"]) if c["id"] else "unrecorded" for c in others)
            self.evidence.append({"kind": "publisher", "source": "(conclusion)", "supports": [],
                                  "detail": f"{pid} made this evidence ({family['id']}); {named} ship it unchanged in "
                                            "derivatives or reuse it, and nothing in the files points to one of them"})
        return pub, None, others

    def promote_marked_derivative(self, ranked: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """A derivative tied with the top pick (within TIE) is put first when the files carry special tokens that only
        its maker's models have on this vocabulary (DeepSeek-R1-0528-Qwen3-8B: Qwen3's vocabulary and tokens plus
        DeepSeek's <｜User｜>): the files are that maker's model built on the top pick, which stays listed as tied."""
        if not ranked or ranked[0]["score"] < 0.3:
            return ranked
        top = ranked[0]
        top_pub = fingerprint_entry(top["fingerprint"]).get("publisher")
        for i, r in enumerate(ranked[1:], 1):
            if top["score"] - r["score"] > TIE:
                break
            ent = fingerprint_entry(r["fingerprint"])
            maker = ent.get("publisher")
            if r["base"] and maker and maker != top_pub and self.exclusive_specials(ent, str(maker)):
                row = dict(r)
                if r["base"] != top["family"]:
                    # the entry records another base (R1-Distill-Qwen: Qwen2.5), but the top pick fits the files
                    # better: built on the top pick's line when the same maker made both, else on nothing named
                    same = family_publisher_id(str(r["base"])) == top_pub
                    row["base"] = top["family"] if same else None
                    row["why"] = [*r["why"], f"the files fit {top['family']} better than {r['base']}, the base "
                                  f"{r['family']}'s recorded model uses: "
                                  + (f"built on {top['family']}" if same else "the base is not named")]
                return [row, *ranked[:i], *ranked[i + 1:]]
        return ranked

    def exclusive_specials(self, ent: dict[str, Any], pid: str | None) -> list[str]:
        """The file's distinctive special tokens that the top entry lists and that no entry of another publisher on
        the same vocabulary lists (sorted): tokens its maker added to a vocabulary another maker made (the
        DeepSeek-R1 distills' <｜User｜> on Qwen's or Llama's vocabulary). [] without a publisher or such tokens."""
        if not pid:
            return []
        vocab = set(ent.get("vocab_hashes") or [])
        mine = distinctive_specials(self.obs.specials) & distinctive_specials(ent.get("special_tokens") or [])
        if not vocab or not mine:
            return []
        for e in load_fingerprints().get("fingerprints", []):
            if e.get("publisher") != pid and vocab & set(e.get("vocab_hashes") or []):
                mine -= distinctive_specials(e.get("special_tokens") or [])
        return sorted(mine)

    def mismatches(self, family: dict[str, Any] | None) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        if family is None:
            return out
        fam = family["id"]
        accepted = {fam, *(family.get("indistinguishable_from") or [])}
        if family.get("base"):
            accepted.add(family["base"])
        named: dict[str, list[str]] = {}
        for key in ("name", "base_model"):
            v = self.declared.get(key)
            if v:
                named[key] = families_named(str(v))
        mentioned = {f for fams in named.values() for f in fams}
        consistent = any(f in accepted or _related(f, accepted) for f in mentioned)
        for key, fams in named.items():
            wrong = [f for f in fams if f not in accepted and not _related(f, accepted)]
            if wrong and not consistent:
                out.append({"field": key, "declared": self.declared[key], "observed": fam,
                            "message": f"declared {key} {self.declared[key]!r} names {', '.join(wrong)}, "
                                       f"but the files' evidence says {fam}"})
        name = self.declared.get("name")
        if not consistent and family["score"] >= 0.5 and (name or self.claims):
            # a name or a card's claim to contradict: a bare file that declares nothing (a tokenizer.json alone) has
            # no mismatch, only the family its evidence shows
            said = f"declared as {name!r}" if name else "declared under no name"
            claim = f"; {'; '.join(self.claims)}" if self.claims else ""
            out.append({"field": "base_model", "declared": self.declared.get("base_model"), "observed": fam,
                        "message": f"{said} with no {fam} base declared, but the files' evidence "
                                   f"(" + "; ".join(family["why"][:3]) + f") says {fam}" + claim})
        return out


def _size_entry(family: dict[str, Any]) -> dict[str, Any]:
    ent = fingerprint_entry(str(family.get("fingerprint") or ""))
    return next((z for z in ent.get("sizes") or [] if z.get("name") == family.get("size")), {})


def _resolve(model_id: str) -> Any:
    try:
        from modelmap.provenance.resolver import resolve

        res = resolve(model_id)
    except (ImportError, LookupError, ValueError, ModelmapError):
        return None
    return res if getattr(res, "model", None) and getattr(res, "edges", None) is not None else None


def _reason(country: str, because: str, models: list[str], publishers: list[str]) -> dict[str, Any]:
    return {"country": country, "because": because, "models": models, "publishers": publishers}


def _merge_reasons(reasons: list[dict[str, Any]]) -> list[dict[str, Any]]:
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for r in reasons:
        key = (r["country"], r["because"])
        cur = merged.setdefault(key, {**r, "models": [], "publishers": []})
        cur["models"] = sorted({*cur["models"], *r["models"]})
        cur["publishers"] = sorted({*cur["publishers"], *r["publishers"]})
    return sorted(merged.values(), key=lambda r: (r["country"], r["because"]))


def identity_from_kb(family: dict[str, Any] | None, publisher: dict[str, Any] | None,
                     evidence: list[dict[str, Any]]) -> dict[str, Any]:
    """kb_model, lineage, teachers, origins, origin_reasons, origins_known for an identified family.

    Lineage comes from the knowledge base only where the files pin it down: the matched fingerprint size names
    one model (``kb_model``: its lineage as ``trace`` resolves it) or the base that every recorded model of that
    size shares (``kb_base``: these files are a finetune of it). A distill entry without either gives the
    family-level edge to its base family. Otherwise lineage and teachers are None (unknown, never []), and origins
    hold the maker's country with ``origins_known`` false: a finetune by another party would look the same.
    """
    unknown: dict[str, Any] = {"kb_model": None, "lineage": None, "teachers": None, "origins": None,
                               "origin_reasons": [], "origins_known": False}
    if family is None or publisher is None:
        return unknown
    pid = publisher.get("id")
    reasons: list[dict[str, Any]] = []
    if publisher.get("country"):
        reasons.append(_reason(str(publisher["country"]), "publisher", [], [str(pid)]))
    missing = [] if publisher.get("country") else [f"no country is recorded for {pid}"]
    size = _size_entry(family)
    this = "(these files)"
    out = dict(unknown)
    res = _resolve(str(size["kb_model"])) if size.get("kb_model") else None
    if res is not None:
        out["kb_model"] = res.model["id"]
        out["lineage"] = [dict(e) for e in res.edges]
        out["teachers"] = [dict(t) for t in res.teachers or ()]
        reasons = [dict(r) for r in res.origin_reasons]
        known = bool(res.origins_known)
        missing = [] if known else [res.reason or "the knowledge base's origins are incomplete"]
        if (res.publisher or {}).get("id") != pid:
            missing.append(f"the knowledge base names {(res.publisher or {}).get('id')} for {res.model['id']}")
        evidence.append({"kind": "lineage", "source": "(knowledge base)", "supports": [],
                         "detail": f"fingerprint {family['fingerprint']} size {family.get('size')} is "
                                   f"{res.model['id']}; lineage and origins as trace resolves it"})
    elif size.get("kb_base") and (base := _resolve(str(size["kb_base"]))) is not None:
        edge = {"child": this, "relation": "finetune", "parent": base.model["id"], "parent_publisher": base.publisher}
        out["lineage"] = [edge, *(dict(e) for e in base.edges)]
        out["teachers"] = [dict(t) for t in base.teachers or ()]
        for r in base.origin_reasons:
            reasons.append({**r, "because": "base" if r["because"] == "publisher" else r["because"],
                            "models": sorted({*r.get("models", []), base.model["id"]})})
        if not base.origins_known:
            # the base's reason already opens with the phrase the evidence line adds below
            missing.append((base.reason or "").replace("origins may be incomplete: ", "")
                           or f"origins of {base.model['id']} are incomplete")
        evidence.append({"kind": "lineage", "source": "(knowledge base)", "supports": [],
                         "detail": f"fingerprint {family['fingerprint']} size {family.get('size')}: every recorded "
                                   f"model of this size is a finetune of {base.model['id']} "
                                   f"({size.get('kb_base_note') or 'see fingerprints.yaml'})"})
    elif family.get("base"):
        base_pub = _family_publisher(str(family["base"]))
        out["lineage"] = [{"child": family["id"], "relation": "finetune", "parent": family["base"],
                           "parent_publisher": base_pub}]
        if base_pub and base_pub.get("country"):
            reasons.append(_reason(str(base_pub["country"]), "base", [str(family["base"])], [str(base_pub.get("id"))]))
        else:
            missing.append(f"no country is recorded for the maker of {family['base']}")
        missing.append("the exact model (and so its teachers) is not known from the files")
    else:
        missing.append("the exact model is not known from the files; a finetune by another party would look the same")
    out["origin_reasons"] = _merge_reasons(reasons)
    countries = sorted({r["country"] for r in reasons})
    out["origins"] = countries or None
    out["origins_known"] = bool(countries) and not missing
    if missing and countries:
        evidence.append({"kind": "origins", "source": "(knowledge base)", "supports": [],
                         "detail": "origins may be incomplete: " + "; ".join(missing)})
    return out


def _related(fam: str, accepted: set[str]) -> bool:
    """Same line: 'qwen2' is accepted where 'qwen2.5' is, 'llama3' where 'llama3.1' is."""
    return any(a.startswith(fam) or fam.startswith(a) for a in accepted)


def inspect_path(path: str | Path, *, limits: Limits = DEFAULT_LIMITS, hash: bool = False,
                 vocab: str = "auto") -> dict[str, Any]:
    """Identify the model at ``path`` (a folder, a file, or an Ollama store/manifest) from its evidence.

    ``vocab="auto"`` hashes a folder's tokenizer vocabulary only when config.json, tensor headers and
    special tokens leave a tie it could break (or are not confident); ``"always"`` hashes it regardless.
    """
    if vocab not in VOCAB_MODES:
        raise UsageError(f"vocab={vocab!r} is not one of: {', '.join(VOCAB_MODES)}")
    root = Path(path)
    if not root.exists():
        raise UsageError(f"{root}: no such file or folder", hint="give a model folder, a model file or an Ollama store")
    if not (root.is_file() or root.is_dir()):
        raise UsageError(f"{root}: not a regular file or folder")
    run = _Inspection(root, limits, hash, vocab)
    run.walk()
    return _record(run, root)


def _record(run: _Inspection, root: Path) -> dict[str, Any]:
    result = run.conclude()
    fmt = sorted(set(run.formats))
    declared = {k: run.declared.get(k) for k in ("name", "base_model", "license")}
    declared["sources"] = run.declared.get("sources", {})
    if run.claims:
        declared["claims"] = run.claims
    if run.file_claims:
        declared["file_claims"] = run.file_claims[:32]
    return {
        "schema": SCHEMA,
        "path": str(root),
        "format": fmt[0] if len(fmt) == 1 else ("+".join(fmt) if fmt else None),
        "declared": declared,
        "family": result["family"],
        "architecture_family": run.architectures[0].lower() if run.architectures else None,
        "publisher": result["publisher"],
        "kb_model": result["kb_model"],
        "lineage": result["lineage"],
        "teachers": result["teachers"],
        "origins": result["origins"],
        "origin_reasons": result["origin_reasons"],
        "origins_known": result["origins_known"],
        **({"publisher_candidates": result["publisher_candidates"]} if "publisher_candidates" in result else {}),
        **({"family_candidates": run.family_candidates} if run.family_candidates else {}),
        **({"vocabulary_origin": run.vocabulary_origin} if run.vocabulary_origin else {}),
        **({"vocabulary_reused_by": result["vocabulary_reused_by"]} if "vocabulary_reused_by" in result else {}),
        "fingerprint": run.fingerprint,
        "dimensions": dict(run.obs.dims),
        "evidence": run.evidence,
        "mismatches": result["mismatches"],
        "security": run.security,
        "hash": ({"algorithm": "blake3", "files": run.hashes} if run.do_hash else None),
        "skipped": run.skipped,
    }


# --- scan integration ------------------------------------------------------------------------------

SCAN_MAX_TARGETS = 64  # model folders / files inspected per scan; the rest get a note
# Files next to a weight file that say what it is (read only when the folder looks like a model folder).
_SIDECARS = ("config.json", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "tokenizer.model",
             "tekken.json", "vocab.json", "vocab.txt", "readme.md")


def _scan_target(path: Path) -> tuple[Path, list[Path]]:
    """(root, files) to inspect for one model file: its folder's sidecars when it sits in a Hugging Face
    style folder (a config.json naming a model_type or architectures), else the file alone. Never recursive."""
    folder = path.parent
    cfg = folder / "config.json"
    try:
        if cfg.is_file():
            doc = parse_json(cfg, read_bounded(cfg, 1024 * 1024))
            if isinstance(doc, dict) and (doc.get("model_type") or doc.get("architectures")):
                files = sorted(p for p in folder.iterdir() if p.is_file() and p.name.lower() in _SIDECARS)
                return folder, [*files, path]
    except (OSError, ReadError):
        pass  # no usable config.json: the file is inspected on its own
    return path, [path]


SCAN_SECURITY_SHOWN = 8  # security findings named per inspected model file in a scan (the count has them all)


def _summary(record: dict[str, Any], notes: list[str]) -> dict[str, Any]:
    security = record.get("security") or []
    return {
        "family": (record.get("family") or {}).get("id"),
        "publisher": (record.get("publisher") or {}).get("id"),
        "origins": list(record["origins"]) if record.get("origins") else None,  # unknown is None, never []
        "mismatches": len(record.get("mismatches") or []),
        "security": len(security),
        # which findings (tryfix35): a count alone could not tell an os.system payload from a benign checkpoint
        "security_findings": [{"id": str(s.get("id")), "severity": str(s.get("severity")), "where": str(s.get("where")),
                               "message": str(s.get("message")),
                               "imports": [str(i) for i in (s.get("imports") or [])][:10]}
                              for s in security[:SCAN_SECURITY_SHOWN]],
        "notes": notes + [f"{s['path']}: {s['reason']} {s.get('detail', '')}".strip() for s in record.get("skipped", [])],
    }


def inspect_findings(result: ScanResult, *, limits: Limits = DEFAULT_LIMITS,
                     max_targets: int = SCAN_MAX_TARGETS) -> ScanResult:
    """Header-only identification of the ``model-file`` findings of a scan (``modelmap scan --inspect``).

    For each weight file found on disk, and each reference in code or config to a weight file that exists under
    ``result.root`` (or one of ``result.roots``), reads the file's
    headers, plus its folder's config/tokenizer files when it sits in a model folder, and stores a compact
    summary in ``finding.resolution["inspected"]``: family, publisher, origins (ISO countries), mismatches
    and security counts, and notes. A read error becomes a note, never an exception. Returns a new
    ScanResult; each folder is inspected once however many shards it has.
    """
    import dataclasses

    roots = [Path(r) for r in [result.root, *result.roots] if r]
    done: dict[Path, dict[str, Any]] = {}
    findings = []
    for f in result.findings:
        if f.kind != "model-file":
            findings.append(f)
            continue
        # a weight file on disk is its own finding (source "model-file"); a reference to one in code or config
        # names it in ``raw`` (the file around it is YAML or code, nothing to inspect): inspect the file named,
        # when it lies under the scanned root
        on_disk = f.source == "model-file"
        path = _under_roots(f.path, roots) if on_disk else (
            _under_roots(f.raw, roots) if f.raw and "://" not in f.raw else None)
        if path is None:
            findings.append(f)
            continue
        summary: dict[str, Any]
        target, files = _scan_target(path)
        if target in done:
            summary = done[target]
        elif len(done) >= max_targets:
            summary = {"family": None, "publisher": None, "origins": None, "mismatches": 0, "security": 0,
                       "security_findings": [],
                       "notes": [f"not inspected: more than {max_targets} model folders/files in this scan"]}
        else:
            try:
                run = _Inspection(target, limits, False, "auto")
                run.read_files(files)
                summary = _summary(_record(run, target), [])
                for sec in summary["security_findings"]:  # scan paths are relative to the root scanned
                    sec["where"] = _relative_to_roots(sec["where"], roots)
            except Exception as exc:  # one model folder never aborts the scan (MemoryError included)
                summary = {"family": None, "publisher": None, "origins": None, "mismatches": 0, "security": 0,
                           "security_findings": [], "notes": [f"not inspected: {exc}"]}
            done[target] = summary
        findings.append(dataclasses.replace(f, resolution={**(f.resolution or {}), "inspected": summary}))
    return dataclasses.replace(result, findings=findings)


def _relative_to_roots(where: str, roots: list[Path]) -> str:
    for root in roots:
        for base in {str(root), str(root.resolve())}:
            if base not in ("", ".") and where.startswith(base.rstrip("/") + "/"):
                return where[len(base.rstrip("/")) + 1:]
    return where


def _under_roots(rel: str, roots: list[Path]) -> Path | None:
    for root in roots:
        joined = root / rel
        # one stat first: a reference to a path that is no file here (a deployment path, /models/… in a script) is
        # the common case, and resolve() costs a system call per path component (10,000 model paths in one
        # script spent 5 s here); the kernel follows the same links and ``..`` as resolve(), so the answer is kept
        try:
            if not os.path.isfile(joined):
                continue
            base = root.resolve()
            p = joined.resolve()
        except (OSError, ValueError):
            continue
        if p.is_relative_to(base) and p.is_file():
            return p
    return None


def to_json(record: dict[str, Any]) -> str:
    return json.dumps(record, indent=2, sort_keys=True, ensure_ascii=False)
