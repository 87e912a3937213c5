"""Rank candidate families from an artifact's own evidence and explain why.

Evidence is collected into an :class:`Observation` (vocabulary hashes, special tokens, architecture
names, dimensions, GGUF pre-tokenizer) and scored against every entry of
``knowledge/data/fingerprints.yaml``. Each signal adds or subtracts a fixed weight, so a score can be
explained line by line: a shared vocabulary says "this tokenizer family", the special tokens and the
dimensions say which member (Qwen2.5 vs DeepSeek-R1-Distill-Qwen), and a contradiction costs points.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from modelmap.artifacts.fingerprint import ARCH_KEYS

FINGERPRINTS = Path(__file__).resolve().parent.parent / "knowledge" / "data" / "fingerprints.yaml"
STRUCTURES = FINGERPRINTS.with_name("structures.yaml")
W_VOCAB, W_VOCAB_MISS = 0.45, -0.35
# A vocabulary that is not the known one but nearly is (see near_vocabularies): weaker than an exact hash.
W_VOCAB_NEAR = 0.35
NEAR_MIN_SIMILARITY = 0.97  # estimated Jaccard from the bottom-k sketches (k=128: error about 0.09 at worst, far
#                             less near 1; two vocabularies one token apart estimate 1.0)
NEAR_SIZE_TOLERANCE = 0.001  # ordinary-token counts within 0.1 % (at least 16 tokens) of each other
NEAR_SIZE_MIN = 16
W_SPECIAL = 0.2
# a file with special tokens and no vocabulary (tokenizer_config.json alone) whose set equals an entry's, of at least
# MIN_EXACT_SPECIALS distinctive tokens: enough to name the family (0.2 + 0.15 passes the 0.3 to name one), never
# more than a vocabulary match
W_SPECIAL_EXACT = 0.15
# an entry's ``requires_special_tokens`` all present where the entry marks them ``required_tokens_distinguish`` (the
# tokens that tell a release from its predecessor on the same vocabulary): more than TIE, far less than a vocabulary
W_REQUIRED_TOKENS = 0.1
MIN_EXACT_SPECIALS = 12
W_TYPE, W_TYPE_MISS = 0.12, -0.25
W_SIZE = 0.25
# Four or more published dimensions equal, the vocabulary size and hidden width among them: a model's own shape
# signature (a safetensors header alone gives them), enough on its own to name the family (threshold 0.3), still
# far below a vocabulary or any combination of two signals.
W_SIZE_FULL = 0.3
W_PRE = 0.08
# A model's structure as its file declares it (ONNX graph inputs / outputs and their shapes, initializer shapes,
# the exporter's marks): every condition of one of a fingerprint's ``structure`` patterns holds. The patterns
# are written from published facts (export scripts, docs, model cards) or from other real files of the model.
W_STRUCTURE = 0.4
# A name the file gives itself (a TorchScript module path, a legacy ggml model-type string): a claim, weaker
# than structure; on its own it just reaches the family threshold and is reported as a claim.
W_NAME_CLAIM = 0.3
# A pattern marked ``level: format`` recognises only a toolkit's file format (CMU Sphinx's binary LM, a dlib
# serialisation): it names the toolkit's family, and a pattern for one published model in that format (its counts,
# its sizes) outranks it by more than TIE when both hold.
W_STRUCTURE_FORMAT = 0.34
TIE = 0.02
_FILLER = re.compile(r"^(\[PAD\d+\]|<\|reserved_special_token_\d+\|>|<unused\d+>|<\|place_holder_[a-z_0-9]+\|>"
                     r"|<\|extra_\d+\|>|<\|reserved_\d+\|>|\[unused\d+\]|<SPECIAL_\d+>|\s+|<0x[0-9A-F]{2}>)$")


@dataclass
class Observation:
    vocab_hashes: dict[str, str] = field(default_factory=dict)  # hash -> file it came from
    # known vocabulary hash -> (observed hash, estimated similarity) for an observed vocabulary whose hash is
    # unknown but whose sketch and size nearly match a known one (filled by note_near_vocabularies)
    near_vocab: dict[str, tuple[str, float]] = field(default_factory=dict)
    # known vocabulary hash -> the number of first tokens an observed vocabulary (cut short) shares with it; those
    # are in near_vocab too (similarity 1.0 over what the file holds), this says why (filled by add_tokenizer)
    prefix_vocab: dict[str, int] = field(default_factory=dict)
    # (publisher, tokens): an unknown vocabulary's special tokens that only that publisher's own models carry, at least
    # MIN_SIGNATURE of them and none only another's (set by inspect when no known vocabulary matched; see
    # signature_publisher)
    signature: tuple[str, frozenset[str]] | None = None
    specials: set[str] = field(default_factory=set)
    model_types: set[str] = field(default_factory=set)  # HF model_type / architectures class names
    gguf_arch: set[str] = field(default_factory=set)
    gguf_pre: set[str] = field(default_factory=set)
    dims: dict[str, int] = field(default_factory=dict)
    dims_source: str = ""
    # the special tokens came from a file with no vocabulary (a tokenizer_config.json alone): they are the evidence
    specials_only: bool = False
    # one dict per model file with a graph or names to match (see structure_features)
    structures: list[dict[str, Any]] = field(default_factory=list)
    # (id and size of ``specials`` when normalised, the normalised set): see ``norm_specials``
    _norm_cache: tuple[int, int, set[str]] | None = field(default=None, repr=False, compare=False)

    def norm_specials(self) -> set[str]:
        """``specials`` less fillers, worked out once per state of the set: ``rank`` scores every catalogue entry
        against the one observation, and a tokenizer with a million added tokens was normalised again for each entry
        (hundreds of regex passes over a million tokens: minutes of CPU)."""
        key = (id(self.specials), len(self.specials))
        if self._norm_cache is None or self._norm_cache[:2] != key:
            self._norm_cache = (*key, _norm_specials(self.specials))
        return self._norm_cache[2]

    def add_dims(self, sig: dict[str, Any], source: str) -> None:
        """Fill dimensions; earlier sources (config.json, GGUF metadata) win over tensor guesses."""
        for key in ARCH_KEYS:
            v = sig.get(key)
            if isinstance(v, int) and key not in self.dims:
                self.dims[key] = v
                self.dims_source = self.dims_source or source

    @property
    def empty(self) -> bool:
        return not (self.vocab_hashes or self.model_types or self.gguf_arch or self.dims or self.structures
                    or (self.specials_only and bool(self.specials)))


def _packaged_yaml(path: Path, loader: Any) -> dict[str, Any]:
    """A fingerprint file shipped in the package, as a mapping. A broken one is a packaging bug, said loudly: read as
    empty it would turn every answer into "unknown" without a word."""
    from modelmap.errors import KnowledgeError

    try:
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise KnowledgeError(f"cannot read {path.name}: {exc}", where=str(path)) from exc
    if not isinstance(doc, dict):
        raise KnowledgeError(f"{path.name} is not a mapping", where=str(path))
    return doc


@lru_cache(maxsize=1)
def load_fingerprints() -> dict[str, Any]:
    # libyaml's safe loader where PyYAML has it: the same documents, ~300 -> ~35 ms for this file
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    doc = _packaged_yaml(FINGERPRINTS, loader)
    if STRUCTURES.is_file():  # hand-written structure fingerprints (non-LLM models), merged after the generated ones
        extra = _packaged_yaml(STRUCTURES, loader)
        if isinstance(extra, dict) and isinstance(extra.get("structures"), list):
            hand = [e for e in extra["structures"] if isinstance(e, dict) and e.get("id") and e.get("family")]
            doc["fingerprints"] = list(doc.get("fingerprints") or []) + hand
            _resolve_extends(hand, doc["fingerprints"])
        if isinstance(extra, dict) and isinstance(extra.get("vocabularies"), list):
            doc["vocabularies"] = list(doc.get("vocabularies") or []) + [
                v for v in extra["vocabularies"] if isinstance(v, dict) and v.get("vocab_hash")]
        if isinstance(extra, dict) and isinstance(extra.get("vocabulary_origins"), list):
            doc["vocabulary_origins"] = {
                str(v["vocab_hash"]): str(v["family"]) for v in extra["vocabulary_origins"]
                if isinstance(v, dict) and v.get("vocab_hash") and v.get("family")}
    return doc


def vocab_origin(vocab_hash: str) -> str | None:
    """The family that made this vocabulary, where structures.yaml's ``vocabulary_origins`` records one (BERT's
    uncased WordPiece vocabulary is BERT's, whichever embedder ships it); None when none is recorded."""
    origins = load_fingerprints().get("vocabulary_origins")
    return origins.get(vocab_hash) if isinstance(origins, dict) else None


@lru_cache(maxsize=1)
def _pruned_vocab_rows() -> dict[int, tuple[str, ...]]:
    """Row count -> families: a known vocabulary's ordinary tokens plus the special tokens a family on it lists,
    fillers (unused / reserved slots) left out: the size of that vocabulary's table once a tool prunes the fillers."""
    out: dict[int, set[str]] = {}
    doc = load_fingerprints()
    sizes = {str(v["vocab_hash"]): int(v["vocab_size"]) for v in doc.get("vocabularies", [])
             if isinstance(v.get("vocab_size"), int)}
    for e in doc.get("fingerprints", []):
        specials = len(_norm_specials(e.get("special_tokens") or []))
        for h in e.get("vocab_hashes") or []:
            if h in sizes and specials:
                out.setdefault(sizes[h] + specials, set()).add(str(e["family"]))
    return {k: tuple(sorted(v)) for k, v in out.items()}


def pruned_vocab_families(rows: int) -> tuple[str, ...]:
    """The families whose vocabulary, less its filler slots, has exactly ``rows`` entries (see _pruned_vocab_rows)."""
    return _pruned_vocab_rows().get(rows, ())


def inherits_vocab(entry: dict[str, Any]) -> bool:
    """Whether an entry's vocabulary was made by another family (a recorded origin that is not its own)."""
    for h in entry.get("vocab_hashes") or []:
        origin = vocab_origin(str(h))
        if origin is not None and origin != entry.get("family"):
            return True
    return False


def _resolve_extends(hand: list[dict[str, Any]], table: list[dict[str, Any]]) -> None:
    """A hand-written entry with ``extends: <entry id>`` is a model whose published code adds special tokens to
    another entry's tokenizer (a vision-language processor adding its image tags to its LLM's vocabulary): it
    takes that entry's vocabulary hashes and special tokens, plus its own ``adds_special_tokens``. Only the
    tokens a published processor names are listed; the base's are the base entry's, not copied by hand."""
    by_id = {e.get("id"): e for e in table if isinstance(e, dict)}
    for e in hand:
        base = by_id.get(e.get("extends")) if isinstance(e.get("extends"), str) else None
        if base is None or base is e:
            continue
        if not e.get("vocab_hashes"):
            e["vocab_hashes"] = list(base.get("vocab_hashes") or [])
        adds = [t for t in e.get("adds_special_tokens") or [] if isinstance(t, str)]
        e["special_tokens"] = list(dict.fromkeys([*(base.get("special_tokens") or []), *adds]))


@lru_cache(maxsize=1)
def known_vocab_hashes() -> frozenset[str]:
    """Every vocabulary hash the fingerprint table holds."""
    doc = load_fingerprints()
    out = {str(v.get("vocab_hash")) for v in doc.get("vocabularies", []) if isinstance(v, dict)}
    for e in doc.get("fingerprints", []):
        out.update(str(h) for h in e.get("vocab_hashes") or [])
    return frozenset(out)


def near_vocabularies(size: int, sketch: str, slack: int = 0) -> list[tuple[str, float, int]]:
    """Known vocabularies this one nearly is: (hash, estimated similarity, their size), best first.

    Near = ordinary-token counts within NEAR_SIZE_TOLERANCE (at least NEAR_SIZE_MIN tokens) and a sketch
    similarity of at least NEAR_MIN_SIMILARITY. A tolerant match for conversions that move a token or two
    between the ordinary vocabulary and the specials; a vocabulary extended by hundreds of tokens is not near.
    ``slack``: tokens the file is known to have written lossily (a whisper.cpp vocabulary with U+FFFD for the
    bytes of a cut UTF-8 character: those tokens collapse into fewer), added to the size tolerance.
    """
    from modelmap.artifacts.fingerprint import sketch_similarity

    out: list[tuple[str, float, int]] = []
    tol = max(NEAR_SIZE_MIN, int(size * NEAR_SIZE_TOLERANCE)) + max(0, slack)
    for v in load_fingerprints().get("vocabularies", []):
        other = v.get("vocab_size") if isinstance(v, dict) else None
        if not isinstance(other, int) or abs(other - size) > tol or not isinstance(v.get("sketch"), str):
            continue
        sim = sketch_similarity(sketch, v["sketch"])
        if sim is not None and sim >= NEAR_MIN_SIMILARITY:
            out.append((str(v["vocab_hash"]), sim, other))
    return sorted(out, key=lambda t: (-t[1], abs(t[2] - size), t[0]))


# Special-token signatures: a vocabulary the table does not know (a maker's new tokenizer version) that carries at least
# MIN_SIGNATURE special tokens which, among the table's entries that are not derivatives, only one publisher's carry,
# and none that only another publisher's carry, is that publisher's (W_SIGNATURE instead of the vocabulary-miss
# penalty: it names the family whose own tokens it shares most, and the maker; the version stays open). Tokens
# without markup (a bare "(" or "+" a tokenizer lists as added) never count; derivatives (``base:``) are left out, as
# they carry their base's tokens on their base's vocabulary. Nor do tokens any tokenizer may carry whichever maker made
# it, though the table has them from one maker only: a generic role (<bos>, [EOS], <PAD>, <SOS>, <EOS_TOKEN>: a home-made
# tokenizer picks those names) or an HTML tag (Gemma's </div>, Yi's <td/>: table and document models add them). A
# numbered series (<image_0> … <image_1023>, <<ST_0>> …) is one choice of the maker's, so it counts once towards
# MIN_SIGNATURE.
MIN_SIGNATURE = 3
W_SIGNATURE = 0.3
_MARKUP = re.compile(r"[<>\[\]|]")
_GENERIC_ROLE = re.compile(
    r"^(?:[<\[]\|?)(?:/)?(?:(?:pad|unk|bos|eos|sos|eot|eod|eop|eom|mask|cls|sep|start|end|s|begin|stop|null|none|empty|"
    r"unknown|padding|newline|nl|space|tab|sentence|text|bot|sot|user|assistant|system|human|bot|ai|gpt|agent|"
    r"html|head|body|div|span|p|a|b|i|u|s|em|strong|br|hr|img|table|thead|tbody|tfoot|tr|td|th|ul|ol|li|dl|dt|dd|"
    r"h[1-6]|pre|code|blockquote|caption|footer|header|sup|sub|section|article|nav|title|link|meta|script|style|"
    r"form|input|label|button|small|big|center|font|figure|figcaption|main|aside|iframe)(?:_token)?)\s*/?(?:\|?[>\]])$",
    re.IGNORECASE)


@lru_cache(maxsize=1)
def _special_owners() -> dict[str, frozenset[str]]:
    owners: dict[str, set[str]] = {}
    for e in load_fingerprints().get("fingerprints", []):
        pub = e.get("publisher")
        if not isinstance(pub, str) or e.get("base") or not e.get("vocab_hashes"):
            continue
        for tok in _norm_specials(e.get("special_tokens") or []):
            if len(tok) >= 4 and _MARKUP.search(tok) and not _GENERIC_ROLE.match(tok):
                owners.setdefault(tok, set()).add(pub)
    return {t: frozenset(p) for t, p in owners.items()}


def signature_publisher(specials: set[str] | list[str]) -> tuple[str, frozenset[str]] | None:
    """(publisher, its tokens) when the special tokens carry at least MIN_SIGNATURE that only one publisher's models
    carry and none that only another's do; None otherwise."""
    owners = _special_owners()
    by_pub: dict[str, set[str]] = {}
    for tok in _norm_specials(specials):
        pubs = owners.get(tok)
        if pubs is not None and len(pubs) == 1:
            by_pub.setdefault(next(iter(pubs)), set()).add(tok)
    if len(by_pub) != 1:
        return None
    pub, toks = next(iter(by_pub.items()))
    shapes = {re.sub(r"\d+", "#", t) for t in toks}  # a numbered series counts once
    return (pub, frozenset(toks)) if len(shapes) >= MIN_SIGNATURE else None


PREFIXES = FINGERPRINTS.with_name("vocab_prefixes.yaml")


@lru_cache(maxsize=1)
def _prefix_table() -> list[dict[str, Any]]:
    if not PREFIXES.is_file():
        return []
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    doc = yaml.load(PREFIXES.read_text(encoding="utf-8"), Loader=loader)
    rows = doc.get("vocabularies") if isinstance(doc, dict) else None
    return [r for r in rows or [] if isinstance(r, dict) and isinstance(r.get("prefix"), dict)
            and isinstance(r.get("vocab_size"), int) and r.get("vocab_hash")]


def prefix_vocabularies(size: int, prefixes: dict[str, str]) -> list[tuple[str, int, int]]:
    """Known vocabularies whose start this vocabulary is (a copy cut short): (hash, tokens matched, their size).

    ``prefixes`` are the observed vocabulary's prefix hashes (fingerprint.vocab_prefixes), ``size`` its ordinary-token
    count. A known vocabulary qualifies when it is at least as large (within the near-match tolerance: a conversion
    moves a token or two) and has the same hash at every prefix size the observed one reaches; the largest is the
    evidence. Several vocabularies that begin alike (Llama 3's begins with cl100k's 100k tokens) all qualify: the
    observed file cannot tell them apart, and the caller reports the tie."""
    if not prefixes:
        return []
    sizes = sorted((int(n) for n in prefixes if str(n).isdigit()), reverse=True)
    if not sizes:
        return []
    tol = max(NEAR_SIZE_MIN, int(size * NEAR_SIZE_TOLERANCE))
    out: list[tuple[str, int, int]] = []
    for row in _prefix_table():
        known = row["prefix"]
        if row["vocab_size"] + tol < size or str(sizes[0]) not in known:
            continue
        if all(known.get(str(n)) == prefixes.get(str(n)) for n in sizes):
            out.append((str(row["vocab_hash"]), sizes[0], int(row["vocab_size"])))
    return sorted(out, key=lambda t: (t[2], t[0]))


def _norm_specials(specials: set[str] | list[str]) -> set[str]:
    return {s for s in specials if not _FILLER.match(s)}


def distinctive_specials(specials: set[str] | list[str]) -> set[str]:
    """Special tokens minus fillers (reserved/unused/padding slots), which say nothing about who made a file."""
    return _norm_specials(specials)


def _size_match(obs: dict[str, int], sizes: list[dict[str, Any]]) -> tuple[float, str | None, list[str]]:
    best, best_name, best_keys = 0.0, None, []
    for s in sizes:
        keys = [k for k in ARCH_KEYS if k in obs and isinstance(s.get(k), int)]
        if len(keys) < 2:
            continue
        same = [k for k in keys if obs[k] == s[k]]
        frac = len(same) / len(keys)
        if frac > best:
            best, best_name, best_keys = frac, str(s.get("name")), same
    return best, best_name, best_keys


def score_entry(entry: dict[str, Any], obs: Observation) -> tuple[float, list[str], str | None]:
    score, why, size, _signals = score_entry_signals(entry, obs)
    return score, why, size


def _signature_tokens(entry: dict[str, Any], obs: Observation) -> list[str] | None:
    """The observation's signature tokens this entry carries (sorted) when the signature's maker made the entry, the
    entry is no derivative and it carries at least MIN_SIGNATURE of them; else None."""
    if not obs.signature or entry.get("publisher") != obs.signature[0] or entry.get("base"):
        return None
    mine = sorted(obs.signature[1] & set(entry.get("special_tokens") or []))
    return mine if len(mine) >= MIN_SIGNATURE else None


def _signature_says(obs: Observation, mine: list[str]) -> str:
    assert obs.signature is not None
    return (f"{obs.signature[0]}'s own models carry ({', '.join(mine[:4])}{' …' if len(mine) > 4 else ''}): a "
            f"tokenizer of {obs.signature[0]}'s; which family or version is not known from it")


def score_entry_signals(entry: dict[str, Any], obs: Observation) -> tuple[float, list[str], str | None, list[str]]:
    """Score, reasons, matched size, and which kinds of evidence agreed (vocab, specials, type, gguf-arch,
    pre, size): the publisher claim depends on whether anything beyond a shared vocabulary agreed."""
    score = 0.0
    why: list[str] = []
    signals: list[str] = []
    required = entry.get("requires_special_tokens")
    if isinstance(required, list) and required and not set(required) <= obs.specials:
        # a model defined as another tokenizer plus the tokens its published processor adds is that model
        # only when those tokens are there (without them the file is the base's tokenizer)
        return 0.0, why, None, signals
    if isinstance(required, list) and required and entry.get("required_tokens_distinguish"):
        # the tokens a release introduced over its predecessor on the same vocabulary (Gemma 4's control tokens on
        # Gemma 3's pieces), as its maker's own page names them: with a base that carries many special tokens, the
        # Jaccard share of a few more barely moves the score, so their presence counts on its own
        score += W_REQUIRED_TOKENS
        signals.append("specials")
        why.append(f"carries the tokens it introduced ({', '.join(sorted(required)[:4])}"
                   f"{' …' if len(required) > 4 else ''})")
    required_types = entry.get("requires_model_types")
    if isinstance(required_types, list) and required_types and not set(required_types) & obs.model_types:
        # a model defined as another family's vocabulary in its own architecture (English-only Whisper keeps GPT-2's
        # vocabulary) is that model only where the file's header says the architecture
        return 0.0, why, None, signals
    hashes = set(entry.get("vocab_hashes") or [])
    if obs.vocab_hashes and hashes:
        hit = [h for h in obs.vocab_hashes if h in hashes]
        near = [h for h in hashes if h in obs.near_vocab]
        if hit:
            score += W_VOCAB
            signals.append("vocab")
            why.append(f"vocabulary {hit[0][:19]}… matches")
        elif near:
            score += W_VOCAB_NEAR
            signals.append("vocab-near")
            if near[0] in obs.prefix_vocab:
                why.append(f"the vocabulary's first {obs.prefix_vocab[near[0]]} tokens are those of {near[0][:19]}… "
                           "(a copy cut short, or one that starts as it does; not the same hash)")
            else:
                why.append(f"vocabulary nearly matches {near[0][:19]}… (estimated similarity "
                           f"{obs.near_vocab[near[0]][1]:.3f}; not the same hash)")
        elif (mine := _signature_tokens(entry, obs)) is not None:
            score += W_SIGNATURE
            signals.append("specials-signature")
            why.append(f"the vocabulary is none the table knows, but it carries {len(mine)} special tokens that only "
                       f"{_signature_says(obs, mine)}")
        else:
            score += W_VOCAB_MISS
            why.append("vocabulary differs")
    elif obs.specials_only and not obs.vocab_hashes and (mine := _signature_tokens(entry, obs)) is not None:
        # a tokenizer_config.json alone whose added tokens are one maker's own, though not the exact set of any
        # recorded family (a release that added or renamed a few): that maker's tokenizer, the version left open
        score += W_SIGNATURE
        signals.append("specials-signature")
        why.append(f"no vocabulary to compare, but the added tokens carry {len(mine)} that only "
                   f"{_signature_says(obs, mine)}")
    fam_specials = _norm_specials(entry.get("special_tokens") or [])
    obs_specials = obs.norm_specials()
    if fam_specials and obs_specials:
        inter = fam_specials & obs_specials
        # the union's size from the intersection's (building the union copied the file's specials for every entry)
        jacc = len(inter) / (len(fam_specials) + len(obs_specials) - len(inter))
        score += W_SPECIAL * jacc
        if inter:
            signals.append("specials")
            why.append(f"{len(inter)}/{len(fam_specials)} special tokens shared ({', '.join(sorted(inter)[:3])}…)")
        if (obs.specials_only and not obs.vocab_hashes and fam_specials == obs_specials
                and len(inter) >= MIN_EXACT_SPECIALS):
            # no vocabulary to compare (a tokenizer_config.json alone): the very same set of many added tokens
            score += W_SPECIAL_EXACT
            why.append(f"the same {len(inter)} special tokens exactly, and no vocabulary to compare")
    arch = entry.get("arch") or {}
    types = set(arch.get("model_types") or []) | set(arch.get("architectures") or [])
    if obs.model_types and types:
        if obs.model_types & types:
            score += W_TYPE
            signals.append("type")
            why.append(f"model_type {sorted(obs.model_types & types)[0]}")
        else:
            score += W_TYPE_MISS
    gg = set(arch.get("gguf_arch") or [])
    if obs.gguf_arch and gg:
        if obs.gguf_arch & gg:
            score += W_TYPE
            signals.append("gguf-arch")
            why.append(f"GGUF architecture {sorted(obs.gguf_arch)[0]}")
        else:
            score += W_TYPE_MISS
    if obs.gguf_pre & set(arch.get("gguf_pre") or []):
        score += W_PRE
        signals.append("pre")
        why.append(f"GGUF pre-tokenizer {sorted(obs.gguf_pre)[0]}")
    w, pat_name, signal = match_structure(entry, obs)
    if signal:
        score += w
        signals.append(signal)
        if signal == "name-claim":
            why.append(f"the file names itself as {pat_name} (a name found in the file: a claim, not structure)")
        else:
            why.append(f"structure matches {pat_name}")
    size_name = None
    if obs.dims and entry.get("sizes"):
        frac, size_name, keys = _size_match(obs.dims, entry["sizes"])
        if frac >= 0.99:
            score += W_SIZE_FULL if len(keys) >= 4 and {"vocab_size", "hidden_size"} <= set(keys) else W_SIZE
            signals.append("size")
            why.append(f"dimensions equal {entry['family']} {size_name} ({', '.join(keys)})")
        elif frac >= 0.5:
            score += W_SIZE * frac * 0.5
            signals.append("size-partial")
            why.append(f"dimensions partly match {size_name} ({', '.join(keys)})")
        else:
            size_name = None
    return max(0.0, min(1.0, score)), why, size_name, signals


_PADDLE_GRAPH_NAMES = ("Model from PaddlePaddle.", "PaddlePaddle Graph in PIR mode", "paddle-onnx")


def _graph_interface(out: dict[str, Any], meta: dict[str, Any]) -> None:
    """Copy a reader's graph inputs / outputs and their declared shapes (``graph_*`` metadata) into ``out``."""
    out["inputs"] = list(meta.get("graph_inputs") or [])
    out["outputs"] = list(meta.get("graph_outputs") or [])
    out["input_shapes"] = dict(meta.get("graph_input_shapes") or {})
    out["output_shapes"] = dict(meta.get("graph_output_shapes") or {})


def structure_features(fmt: str, meta: dict[str, Any], tensor_shapes: list[tuple[int, ...]],
                       named_shapes: dict[str, tuple[int, ...]] | None = None) -> dict[str, Any]:
    """What one file says about its model's structure, for ``structure`` patterns; {} when nothing.

    ``exporter`` is inferred from the marks an exporter leaves (Paddle2ONNX names the graph "Model from
    PaddlePaddle." or, in PIR mode, "PaddlePaddle Graph in PIR mode", and its older releases set producer_name
    "PaddlePaddle"); the rest is copied: graph inputs / outputs with their declared shapes, metadata_props keys,
    initializer shapes, TorchScript module paths, a legacy ggml model-type string.
    """
    out: dict[str, Any] = {"format": fmt}
    if fmt == "onnx":
        graph_name = str(meta.get("graph_name") or "")
        producer = str(meta.get("producer_name") or "")
        if graph_name in _PADDLE_GRAPH_NAMES or producer == "PaddlePaddle":
            out["exporter"] = "paddle"
        elif producer:
            out["exporter"] = producer.lower()
        _graph_interface(out, meta)
        props = meta.get("metadata_props")
        out["metadata_keys"] = sorted(props) if isinstance(props, dict) else []
        labels = class_labels(props) if isinstance(props, dict) else set()
        if labels:
            out["labels"] = labels
        params = meta.get("node_params")
        if isinstance(params, list) and params:
            # the weights' names as the graph's nodes use them (kept where a truncated file lost its initializers):
            # the module tree the exporting code built (Ultralytics' model.10.m.0.attn..., model.23.dfl...)
            out["param_names"] = {str(p) for p in params[:MAX_PARAM_NAMES]}
    if fmt == "rten":  # an ONNX graph converted by rten-convert: names and shapes kept, ONNX patterns apply
        out["graph_format"] = "onnx"
        if isinstance(meta.get("exporter"), str):
            out["exporter"] = meta["exporter"]
        _graph_interface(out, meta)
        out["metadata_keys"] = []
    if fmt == "ort":  # an ONNX graph saved in ONNX Runtime's ORT format: names, shapes and producer kept
        out["graph_format"] = "onnx"
        producer = str(meta.get("producer_name") or "")
        if producer:
            out["exporter"] = producer.lower()
        _graph_interface(out, meta)
        props = meta.get("metadata_props")
        out["metadata_keys"] = sorted(props) if isinstance(props, dict) else []
    if fmt == "coreml":  # a Core ML model's declared interface (artifacts.coreml): names and multi-array shapes
        _graph_interface(out, meta)
    if fmt == "paddle-program" and meta.get("graph_inputs"):  # a PIR program's feeds and fetches, as a graph's
        out["exporter"] = "paddle"
        _graph_interface(out, meta)
    fmt_props = meta.get("format_props")
    if isinstance(fmt_props, dict) and fmt_props:  # what a non-graph format reader read from its header
        out["props"] = dict(fmt_props)
    if fmt == "onnx":  # the model's own domain, graph name and producer (ModelProto.domain / producer_name,
        # GraphProto.name): names it gives itself
        for key, prop in (("domain", "onnx.domain"), ("graph_name", "onnx.graph_name"),
                          ("producer_name", "onnx.producer_name")):
            if isinstance(meta.get(key), str) and meta[key]:
                out.setdefault("props", {})[prop] = meta[key][:256]
    if isinstance(meta.get("labels"), list) and meta["labels"]:
        out["labels"] = set(out.get("labels") or set()) | {str(v) for v in meta["labels"][:MAX_LABELS]}
    if tensor_shapes:
        out["tensor_shapes"] = {tuple(t) for t in tensor_shapes}
    if named_shapes:  # weight name -> shape, for ``named_shapes`` patterns (a head's size under its own name)
        out["named_shapes"] = {str(k): list(v) for k, v in named_shapes.items()}
    if meta.get("torchscript_modules"):
        out["torchscript_modules"] = list(meta["torchscript_modules"])
    if isinstance(meta.get("ggml.model_type"), str):
        out["ggml_model_type"] = meta["ggml.model_type"]
    if fmt in ("gguf", "ollama") and isinstance(meta.get("tokenizer.ggml.pre"), str):
        out["gguf_pre"] = meta["tokenizer.ggml.pre"]
    if fmt in ("gguf", "ollama") and isinstance(meta.get("tokenizer.ggml.model"), str):
        out["tokenizer_kind"] = "gguf:" + meta["tokenizer.ggml.model"]
    if fmt.startswith("tokenizer:"):
        out["tokenizer_kind"] = fmt.split(":", 1)[1]
    return out if len(out) > 1 else {}


MAX_LABELS = 4096
MAX_PARAM_NAMES = 8192  # parameter names kept per graph for ``param_names`` patterns
_QUOTED = re.compile(r"'((?:[^'\\]|\\.){1,200})'" + r'|"((?:[^"\\]|\\.){1,200})"')


def class_labels(props: dict[str, Any]) -> set[str]:
    """The class names an ONNX file declares in its metadata_props, as its exporter writes them: Ultralytics
    writes ``names`` as a Python dict literal ``{0: 'person', ...}`` (read with a regex, never evaluated),
    Paddle (PaddleClas / PaddleOCR exports read by RapidAI's tools) writes ``character`` one label per line."""
    out: set[str] = set()
    names = props.get("names")
    if isinstance(names, str) and len(names) <= 1 << 20:
        for m in _QUOTED.finditer(names):
            out.add(m.group(1) if m.group(1) is not None else m.group(2))
            if len(out) >= MAX_LABELS:
                break
    char = props.get("character")
    if isinstance(char, str) and len(char) <= 1 << 20:
        lines = char.split("\n", MAX_LABELS)[:MAX_LABELS]
        out.update(x.strip() for x in lines if x.strip())
    return out


def _dims_fit(observed: Any, pattern: list[Any]) -> bool:
    """A declared shape fits a pattern: same rank, and each int of the pattern equals the observed int (None in
    the pattern, and a dynamic dimension in the file where the pattern says None, accept anything)."""
    if not isinstance(observed, list) or len(observed) != len(pattern):
        return False
    return all(p is None or (isinstance(o, int) and not isinstance(o, bool) and o == p)
               for o, p in zip(observed, pattern, strict=True))


MAX_DIMS_MATCHED = 6  # graphs with more inputs / outputs than this are never matched name-free


def _dims_match(observed: list[Any], wanted: list[Any]) -> bool:
    """The graph's declared shapes are exactly the pattern's, in some order: as many of them, and each pattern
    shape fits a different one (_dims_fit). For exporters that name a graph's inputs and outputs after their own
    layer counters (keras2onnx writes input_3 / dense_5 / softmax_2, whatever the model), where only the shapes are
    the model's: names would tie a pattern to one conversion, the shapes hold for any. Bounded: at most
    MAX_DIMS_MATCHED each side, so the permutations tried stay few."""
    if len(observed) != len(wanted) or not wanted or len(wanted) > MAX_DIMS_MATCHED:
        return False
    return any(all(_dims_fit(o, w) for o, w in zip(perm, wanted, strict=True))
               for perm in itertools.permutations(observed))


def _pattern_holds(pat: dict[str, Any], feat: dict[str, Any]) -> bool:
    checks = 0
    if "format" in pat:
        checks += 1
        fmts = pat["format"] if isinstance(pat["format"], list) else [pat["format"]]
        if feat.get("format") not in fmts and feat.get("graph_format") not in fmts:
            return False
    if "exporter" in pat:
        checks += 1
        if feat.get("exporter") != pat["exporter"]:
            return False
    for key in ("inputs", "outputs"):
        if key in pat:
            checks += 1
            if sorted(feat.get(key) or []) != sorted(pat[key]):
                return False
    if "n_outputs" in pat:
        checks += 1
        if len(feat.get("outputs") or []) != pat["n_outputs"]:
            return False
    for key, feat_key in (("input_shapes", "input_shapes"), ("output_shapes", "output_shapes")):
        if key in pat:
            checks += 1
            shapes = feat.get(feat_key) or {}
            for name, want in pat[key].items():
                if name == "*":  # every one of them
                    if not shapes or not all(_dims_fit(v, want) for v in shapes.values()):
                        return False
                elif not _dims_fit(shapes.get(name), want):
                    return False
    for key, feat_key in (("input_dims", "input_shapes"), ("output_dims", "output_shapes")):
        if key in pat:  # the declared shapes alone, whatever the exporter named them (see _dims_match)
            checks += 1
            if not _dims_match(list((feat.get(feat_key) or {}).values()), pat[key]):
                return False
    if "param_names" in pat:  # every listed weight name is among the graph's parameter names
        checks += 1
        if not set(pat["param_names"]) <= (feat.get("param_names") or set()):
            return False
    if "metadata_keys" in pat:
        checks += 1
        if not set(pat["metadata_keys"]) <= set(feat.get("metadata_keys") or []):
            return False
    if "tensor_shapes" in pat:
        checks += 1
        have = feat.get("tensor_shapes") or set()
        if not all(tuple(t) in have for t in pat["tensor_shapes"]):
            return False
    if "named_shapes" in pat:  # each listed weight is there under that name, with a shape that fits (_dims_fit)
        checks += 1
        have_named = feat.get("named_shapes") or {}
        if not all(_dims_fit(have_named.get(name), list(want)) for name, want in pat["named_shapes"].items()):
            return False
    if "torchscript_module" in pat:
        checks += 1
        if pat["torchscript_module"] not in (feat.get("torchscript_modules") or []):
            return False
    if "ggml_model_type" in pat:
        checks += 1
        if feat.get("ggml_model_type") != pat["ggml_model_type"]:
            return False
    if "tokenizer_kind" in pat:
        checks += 1
        if feat.get("tokenizer_kind") not in (pat["tokenizer_kind"] if isinstance(pat["tokenizer_kind"], list)
                                              else [pat["tokenizer_kind"]]):
            return False
    if "labels" in pat:  # every class name listed is among the file's declared class names
        checks += 1
        if not {str(x) for x in pat["labels"]} <= set(feat.get("labels") or set()):
            return False
    if "props" in pat:  # header values a format reader read (fastText's label count, an n-gram order ...)
        checks += 1
        have = feat.get("props") or {}
        if not all(k in have and have[k] == v for k, v in pat["props"].items()):
            return False
    if "props_re" in pat:  # header strings a format reader read, each matching a regular expression (searched)
        checks += 1
        have = feat.get("props") or {}
        if not all(isinstance(have.get(k), str) and re.search(str(v), have[k]) for k, v in pat["props_re"].items()):
            return False
    if "gguf_pre" in pat:
        checks += 1
        if feat.get("gguf_pre") != pat["gguf_pre"]:
            return False
    return checks > 0


def match_structure(entry: dict[str, Any], obs: Observation) -> tuple[float, str | None, str | None]:
    """(weight, pattern name, signal) of the first ``structure`` pattern of the entry that one observed file
    satisfies; (0, None, None) when none does. A pattern with ``claim: true`` holds names only (weaker)."""
    pats = entry.get("structure") or []
    if not pats or not obs.structures:
        return 0.0, None, None
    for pat in pats:
        if not isinstance(pat, dict):
            continue
        if any(_pattern_holds(pat, feat) for feat in obs.structures):
            if pat.get("claim"):
                return W_NAME_CLAIM, str(pat.get("name") or "a name"), "name-claim"
            if pat.get("level") == "format":
                return W_STRUCTURE_FORMAT, str(pat.get("name") or "a format"), "structure"
            return W_STRUCTURE, str(pat.get("name") or "a structure"), "structure"
    return 0.0, None, None


def families_for_pre(pre: str) -> list[str]:
    """The families whose fingerprints list this GGUF pre-tokenizer name (llama.cpp's convert_hf_to_gguf.py
    ``get_vocab_base_pre`` table names one per tokenizer it knows), sorted."""
    out = {str(e["family"]) for e in load_fingerprints().get("fingerprints", [])
           if pre in ((e.get("arch") or {}).get("gguf_pre") or [])}
    return sorted(out)


def rank(obs: Observation) -> list[dict[str, Any]]:
    """All fingerprint entries with a positive score, best first, one row per family (its best entry)."""
    best: dict[str, dict[str, Any]] = {}
    for entry in load_fingerprints().get("fingerprints", []):
        score, why, size, signals = score_entry_signals(entry, obs)
        if score <= 0:
            continue
        fam = entry["family"]
        row = {"family": fam, "fingerprint": entry["id"], "score": round(score, 3), "size": size,
               "base": entry.get("base"), "why": why, "signals": signals}
        if inherits_vocab(entry):
            row["vocab_inherited"] = True
        if fam not in best or row["score"] > best[fam]["score"] or (
                row["score"] == best[fam]["score"] and best[fam]["base"] and not row["base"]):
            best[fam] = row
    # At an equal score the family that made the evidence ranks before a derivative that inherited it: a Qwen
    # vocabulary with nothing else is Qwen's, not DeepSeek-R1-Distill-Qwen's (which is listed as tied with it);
    # likewise a family whose vocabulary another family made (vocabulary_origins) ranks after that family.
    return sorted(best.values(), key=lambda r: (-r["score"], bool(r["base"]), bool(r.get("vocab_inherited")),
                                                r["family"]))


@lru_cache(maxsize=1)
def _entries() -> dict[str, dict[str, Any]]:
    return {str(e["id"]): e for e in load_fingerprints().get("fingerprints", [])}


def fingerprint_entry(fingerprint_id: str) -> dict[str, Any]:
    """The fingerprints.yaml entry with this id ({} when there is none)."""
    return _entries().get(fingerprint_id, {})


def family_entries(family: str) -> list[dict[str, Any]]:
    return [e for e in load_fingerprints().get("fingerprints", []) if e.get("family") == family]


def family_publisher_id(family: str) -> str | None:
    """The publisher id recorded for a fingerprint family (first entry that names one)."""
    for e in family_entries(family):
        if e.get("publisher"):
            return str(e["publisher"])
    return None


def vocab_publishers(vocab_hash: str) -> set[str | None]:
    """Every publisher known to ship this vocabulary: the families that use it, plus recorded reuse.

    None stands for a family with no publisher record (someone, not known who).
    """
    out: set[str | None] = set()
    for fam in vocab_families(vocab_hash):
        ents = family_entries(fam)
        out.update(e.get("publisher") for e in ents if vocab_hash in (e.get("vocab_hashes") or []))
    for e in load_fingerprints().get("fingerprints", []):
        if vocab_hash in (e.get("vocab_hashes") or []):
            out.update(r.get("publisher") for r in e.get("vocab_reused_by") or [])
    return out


def vocab_makers(vocab_hash: str) -> set[str | None]:
    """The publishers whose own families use this vocabulary: entries that inherited it from a base (``base:``)
    and recorded reuse (``vocab_reused_by``) are left out. One maker means the vocabulary is that maker's."""
    out: set[str | None] = set()
    for e in load_fingerprints().get("fingerprints", []):
        if vocab_hash in (e.get("vocab_hashes") or []) and not e.get("base") and not inherits_vocab(e):
            out.add(e.get("publisher"))
    return out


def vocab_families(vocab_hash: str) -> list[str]:
    for v in load_fingerprints().get("vocabularies", []):
        if v.get("vocab_hash") == vocab_hash:
            return list(v.get("families", []))
    return []


def family_aliases() -> dict[str, str]:
    """Normalised spellings → family id, for reading what a name or card claims."""
    out: dict[str, str] = {}
    for entry in load_fingerprints().get("fingerprints", []):
        fam = entry["family"]
        out[normalise(fam)] = fam
    extra = {"qwen25": "qwen2.5", "qwen15": "qwen1.5", "llama31": "llama3.1", "llama32": "llama3.2",
             "metallama3": "llama3", "llama-2": "llama2", "minilm": "minilm", "phi-3": "phi3", "phi3": "phi3",
             "smollm2": "smollm2", "deepseekr1": "deepseek-r1", "deepseekv3": "deepseek-v3",
             "deepseekv2": "deepseek-v2", "mistral": "mistral", "gemma-3": "gemma3", "glm-4": "glm4",
             "chatglm": "glm4", "bge": "bge", "gpt-2": "gpt2",
             # family lines: a name that says only "llama" is consistent with any Llama
             "llama": "llama", "deepseek": "deepseek", "phi": "phi", "gemma": "gemma", "qwen": "qwen"}
    for k, v in extra.items():
        out[normalise(k)] = v
    return out


def normalise(text: str) -> str:
    return re.sub(r"[\s_\-]+", "", text.lower())


def families_named(text: str) -> list[str]:
    """Family ids a free-text name mentions, longest spelling first (``Qwen2.5-7B`` → qwen2.5, not qwen)."""
    norm = normalise(text)
    found: list[str] = []
    for alias, fam in sorted(family_aliases().items(), key=lambda kv: -len(kv[0])):
        if alias and alias in norm and fam not in found:
            if any(alias in normalise(f) for f in found):
                continue
            found.append(fam)
            norm = norm.replace(alias, " ")
    return found
