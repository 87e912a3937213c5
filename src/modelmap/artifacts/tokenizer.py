"""Tokenizer readers: tokenizer.json, tekken JSON, GPT-2 vocab.json, WordPiece vocab.txt,
tiktoken BPE files, SentencePiece ``.model`` files and word-frequency lexicons (jieba's dict.txt). The format is sniffed from content, never
from the file name (a Llama 3 ``tokenizer.model`` is tiktoken text, a Mistral one is SentencePiece,
and litellm stores tiktoken files under hash-like names).

Hand-written instead of using ``tokenizers``/``sentencepiece``/``tiktoken``: those libraries build a
runnable tokenizer (and are not dependencies); we only need the list of token strings, read with
bounded memory. The SentencePiece ``ModelProto`` is decoded with a ~40-line protobuf walker that reads
only field 1 (pieces) and checks every length against the bytes left.

Every reader returns the *ordinary* vocabulary as raw bytes (see :func:`canonical_tokens`), so that
the same vocabulary hashes the same whichever file it came from.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import heapq
import json
import re
from collections.abc import Iterator
from itertools import accumulate, filterfalse, islice, pairwise
from pathlib import Path
from typing import Any

from modelmap.artifacts.base import (
    DEFAULT_LIMITS,
    ArtifactInfo,
    Limits,
    TokenizerInfo,
    fail,
    parse_json_bounded,
    read_bounded,
)
from modelmap.errors import ReadError


def _bytes_to_unicode() -> dict[int, str]:
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return {b: chr(c) for b, c in zip(bs, cs, strict=False)}


_BYTE_ENCODER = _bytes_to_unicode()  # built once: each build is ~65k list lookups
_BYTE_DECODER = {c: b for b, c in _BYTE_ENCODER.items()}
# str.translate table: GPT-2 alphabet char -> the latin-1 char of its byte, so decoding runs in C.
_BYTE_TABLE = {ord(c): chr(b) for c, b in _BYTE_DECODER.items()}
_SP_BYTE = re.compile(r"^<0x[0-9A-Fa-f]{2}>$")
# Every spelling _SP_BYTE accepts, so byte-fallback pieces are dropped with a C-level set lookup.
_SP_BYTE_PIECES = frozenset(f"<0x{a}{b}>" for a in "0123456789ABCDEFabcdef" for b in "0123456789ABCDEFabcdef")
# GPT-2 alphabet -> bytes as a C charmap codec: one call encodes a whole joined vocabulary.
_BYTE_ENCODING = codecs.charmap_build("".join(_BYTE_ENCODER[b] for b in range(256)))
_WP_SPECIAL = re.compile(r"^\[[A-Za-z0-9_]+\]$")
_SPACE = "\u2581"  # SentencePiece's "▁"


def _split_by_lengths(blob: bytes, lengths: list[int]) -> list[bytes]:
    """Cut ``blob`` into consecutive pieces of the given lengths, with no Python-level loop."""
    ends = list(accumulate(lengths))
    starts = [0, *ends[:-1]] if ends else []
    return list(map(blob.__getitem__, map(slice, starts, ends)))


def _byte_level(tokens: list[str]) -> list[bytes]:
    # Fast path: every char is in GPT-2's alphabet, so char count == byte count and one C charmap encode
    # of the joined vocabulary does the work of 150k per-token translate() calls.
    try:
        blob = codecs.charmap_encode("".join(tokens), "strict", _BYTE_ENCODING)[0]
    except UnicodeEncodeError:
        blob = None
    if blob is not None:
        return _split_by_lengths(blob, list(map(len, tokens)))
    out: list[bytes] = []
    table = _BYTE_TABLE
    for tok in tokens:
        try:
            out.append(tok.translate(table).encode("latin-1"))
        except UnicodeEncodeError:  # a char outside GPT-2's alphabet: keep its UTF-8 bytes
            out.append(tok.encode("utf-8", errors="surrogatepass"))
    return out


def _utf8_replacing_space(tokens: list[str]) -> list[bytes]:
    """``▁`` → space, then UTF-8; one join/replace/encode/split when no token holds a NUL."""
    if not tokens:
        return []
    joined = "\x00".join(tokens)
    if joined.count("\x00") == len(tokens) - 1:
        return joined.replace(_SPACE, " ").encode("utf-8", errors="surrogatepass").split(b"\x00")
    return [tok.replace(_SPACE, " ").encode("utf-8", errors="surrogatepass") for tok in tokens]


def canonical_tokens(tokens: list[str], convention: str) -> list[bytes]:
    """Map token strings to the bytes they stand for, one form for every serialisation (order kept).

    byte-level: GPT-2's printable alphabet (``Ġ`` = space) back to bytes. sentencepiece: ``▁`` → space,
    ``<0xNN>`` byte-fallback pieces left out. wordpiece: ``##x`` → ``x``, a word-initial ``x`` → `` x``
    (the same form llama.cpp gives BERT vocabularies), bracketed specials left out.
    The common paths run in C (a charmap codec, one join/split); no per-token Python code.
    """
    if convention == "byte-level":
        return _byte_level(tokens)
    if convention == "sentencepiece":
        if not _SP_BYTE_PIECES.isdisjoint(tokens):
            tokens = list(filterfalse(_SP_BYTE_PIECES.__contains__, tokens))
        return _utf8_replacing_space(tokens)
    if convention == "bert-gguf":  # llama.cpp's BERT vocabularies: "▁" marks a word start, no "##"
        return _utf8_replacing_space([tok for tok in tokens if not _WP_SPECIAL.match(tok)])
    if convention == "wordpiece":
        return [(tok[2:] if tok.startswith("##") else " " + tok).encode("utf-8", errors="surrogatepass")
                for tok in tokens if not _WP_SPECIAL.match(tok)]
    return [t.encode("utf-8", errors="surrogatepass") for t in tokens]


# --- sniffing ---------------------------------------------------------------------------------

_B64 = re.compile(rb"^[A-Za-z0-9+/]*={0,2}$")
_TIKTOKEN_LINE = re.compile(rb"^[A-Za-z0-9+/]+={0,2} \d+\r?$")


_RWKV_LINE = re.compile(rb"^(\d+) (b?'.*'|b?\".*\") (\d+)\r?$")
MAX_RWKV_LINE = 1024  # one "<id> <Python literal> <byte length>" line of an RWKV vocabulary


# A word-frequency lexicon: one word per line, a space, its count or weight, optionally a space and a short tag (jieba's
# dict.txt "AT&T 3 nz" and idf.txt "word 13.9", SymSpell's frequency dictionaries, pkuseg / THULAC user dictionaries).
# Its word list is a vocabulary like any other: hashed, it names the lexicon a segmenter ships. Sniffed only when the
# first three lines of the head all have this shape and the first word is not a bare number (fastText's .vec header).
_WORDFREQ_LINE = re.compile(rb"^(\S{1,64}) (\d{1,12}(?:\.\d{1,12})?)(?: [A-Za-z]{1,8})?\r?$")
MAX_WORDFREQ_LINE = 256


# A BPE merges file as GPT-2's encoder.py and Hugging Face tokenizers write it (vocab.bpe / merges.txt): the line
# "#version: 0.2", then one merge per line, the two parts separated by one space, in merge order. Hugging Face
# tokenizers' BPE save (its early releases) writes "#version: 0.2 - Trained by `huggingface/tokenizers`" instead.
_MERGES_HEAD = re.compile(rb"^#version: \d{1,3}\.\d{1,3}(?: - Trained by `?[\w/.-]{1,64}`?)?\r?$")
# Some copies leave the "#version" line out (a merges.txt that starts with its first merge): taken as merges when every
# complete line of the head (at least four) is two symbols of GPT-2's byte alphabet and one of them holds its space
# mark "Ġ" (a byte-level BPE's first merges always do; a word list or a frequency lexicon does not)
_MERGE_LINE = re.compile(r"^(\S+) (\S+)\r?$")
# OpenAI CLIP's text BPE (bpe_simple_vocab_16e6.txt, as CLIP and OpenCLIP ship it gzipped): the header line carries the
# file's own name before "#version: 0.2" (a quote first), and the merges are of byte-alphabet symbols whose word-final
# forms end in "</w>". CLIP's SimpleTokenizer builds its vocabulary as the 256 byte symbols, the same with "</w>", then
# each merge joined; that is the vocabulary read here (all merges, so the hash is the file's).
_NAMED_MERGES_HEAD = re.compile(rb'^"?[\w.-]{1,64}#version: \d{1,3}\.\d{1,3}\r?$')
_WORD_END = "</w>"
MIN_HEADLESS_LINES = 4


# A byte-level BPE vocabulary listed one token a line in id order (CTranslate2's vocabulary.txt, written by its
# Transformers converters): its first lines are GPT-2's 256-symbol byte alphabet, one symbol a line, in that order
# ("!", "\"", "#" ...): at least MIN_ALPHABET_LINES of them open the file
MIN_ALPHABET_LINES = 16
_ALPHABET = list(_BYTE_ENCODER.values())
_ALPHABET_SET = frozenset(_ALPHABET)


def _alphabet_lines(head: bytes) -> bool:
    lines = head.split(b"\n")[:-1]  # the last piece may be cut
    if len(lines) < MIN_ALPHABET_LINES:
        return False
    try:
        text = [line.rstrip(b"\r").decode("utf-8") for line in lines]
    except UnicodeDecodeError:
        return False
    return text == _ALPHABET[: len(text)]


def _headless_merges(head: bytes) -> bool:
    lines = head.split(b"\n")[:-1]  # the last piece may be cut
    if len(lines) < MIN_HEADLESS_LINES:
        return False
    try:
        text = [line.decode("utf-8") for line in lines]
    except UnicodeDecodeError:
        return False
    return (all((m := _MERGE_LINE.match(t)) and set(m[1] + m[2]) <= _BYTE_DECODER.keys() for t in text)
            and any("\u0120" in t for t in text))


# SentencePiece's ModelProto (sentencepiece_model.proto): pieces are field 1, then trainer_spec 2, normalizer_spec 3,
# self_test_data 4, denormalizer_spec 5. sentencepiece's own writer puts the pieces first, but protobuf does not fix the
# order, and other writers put the specs first (MaxText's Gemma 4 tokenizer_gemma4.model opens with its normalizer
# spec, then its trainer spec, then the pieces): those leading spec fields are skipped, each whole within the head, up
# to the first piece, which must itself open with its string (SentencePiece field 1). At most MAX_SPM_LEADING of them.
_SPM_SPEC_TAGS = frozenset({0x12, 0x1A, 0x22, 0x2A})
MAX_SPM_LEADING = 4
MAX_SPM_PIECE = 1024  # bytes of one SentencePiece entry (piece string, score, type)


def _spm_head(head: bytes) -> bool:
    """Whether the head is a SentencePiece ModelProto: optional leading spec fields, then a piece (see above)."""
    i = 0
    for _ in range(MAX_SPM_LEADING + 1):
        if i + 4 > len(head):
            return False
        tag = head[i]
        n, j = _varint(head, i + 1)
        if n is None:
            return False
        if tag == 0x0A:  # a piece: its own first field is its string (after leading specs, a piece of sane size)
            opens = j < len(head) and head[j] == 0x0A
            return opens if i == 0 else opens and 0 < n <= MAX_SPM_PIECE
        if tag not in _SPM_SPEC_TAGS or j + n > len(head):
            return False
        i = j + n
    return False


def sniff_kind(head: bytes) -> str | None:
    """Guess the tokenizer kind from the first bytes (at least 64)."""
    stripped = head.lstrip()
    if stripped[:1] == b"{":
        return "json"
    if head.startswith(MS3P_JSON_MAGIC + b"{"):
        return "ms3p"
    first = head.split(b"\n", 1)[0]
    if _MERGES_HEAD.match(first):
        return "merges"
    if _NAMED_MERGES_HEAD.match(first):
        return "wordend-merges"
    if _RWKV_LINE.match(first):
        return "rwkv"
    if _TIKTOKEN_LINE.match(first):
        return "tiktoken"
    if re.match(rb"^\[[A-Za-z0-9_]+\]\r?$", first):
        return "wordpiece"
    lines = head.split(b"\n")
    if len(lines) >= 4 and all(_WORDFREQ_LINE.match(x) for x in lines[:3]) and not first.split(b" ")[0].isdigit():
        return "wordfreq"
    if _headless_merges(head):
        return "merges"
    if _alphabet_lines(head):
        return "bytelevel-lines"
    if _spm_head(head):
        return "sentencepiece"
    if _char_lines_head(head):
        return "char-lines"
    return _rank_table_kind(head)


# A character list: one character a line, in the model's class order (an OCR recogniser's CTC dictionary, PaddleOCR's
# ppocr_keys_v1.txt and ppocrv5_dict.txt; a character-level model's symbol table). Its list of characters is a
# vocabulary like any other: hashed, it names the recogniser it belongs to. Sniffed when every whole line of the
# head (at least MIN_CHAR_LINES) is one character; the whole file may hold a few longer lines (PaddleOCR's
# ppocrv4_doc_dict.txt has '懮!'), each of at most MAX_CHAR_LINE characters, and at least CHAR_LINE_SHARE of its
# lines one character. A line is the class's symbol as PaddleOCR reads it: its line break stripped, nothing else
# (PaddleOCR's dictionaries hold the ideographic space U+3000 as a class).
MIN_CHAR_LINES = 16
MAX_CHAR_LINE = 4
CHAR_LINE_SHARE = 0.9


def _char_lines_head(head: bytes) -> bool:
    lines = head.split(b"\n")[:-1]  # the last piece may be cut
    if len(lines) < MIN_CHAR_LINES:
        return False
    try:
        return all(len(line.rstrip(b"\r").decode("utf-8")) == 1 for line in lines)
    except UnicodeDecodeError:
        return False


# a line longer than MAX_CHAR_LINE characters of at most 4 UTF-8 bytes each, and a carriage return
_LONG_CHAR_LINE = re.compile(rb"[^\n]{%d}" % (4 * MAX_CHAR_LINE + 2))


def _one_char(line: bytes) -> bool:
    """The line (valid UTF-8) is one character: its length is what its lead byte says one character takes."""
    lead = line[0]
    return len(line) == (1 if lead < 0x80 else 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4)


def _char_lines(path: Path, data: bytes, limits: Limits) -> TokenizerInfo:
    # Worked on the bytes: a str per line (~76 bytes each for a CJK character) and then a bytes copy of each made a
    # 16 MB list of 4 million characters peak at 668 MB (probe s18-char-line-dictionaries); the lines' own bytes are
    # the tokens (the file is checked to be UTF-8 first), ~40 bytes each. A line too long for one is found by a scan
    # before any line is made (a 100 MB line cost a 100 MB str and a copy of it).
    if _LONG_CHAR_LINE.search(data) is not None:
        raise fail(path, f"not a character list (an empty line, or one of more than {MAX_CHAR_LINE} characters)")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise fail(path, f"a character list that is not UTF-8: {exc}") from exc
    lines = data.split(b"\n")
    while lines and not lines[-1].rstrip(b"\r"):
        lines.pop()
    if len(lines) > limits.max_items:
        raise fail(path, f"more than {limits.max_items} lines", "max_items")
    if b"\r" in data:
        lines = [line.rstrip(b"\r") for line in lines]
    single = 0
    for line in lines:
        if not line:
            raise fail(path, f"not a character list (an empty line, or one of more than {MAX_CHAR_LINE} characters)")
        if _one_char(line):
            single += 1
        elif len(line.decode("utf-8")) > MAX_CHAR_LINE:
            raise fail(path, f"not a character list (an empty line, or one of more than {MAX_CHAR_LINE} characters)")
    if single < CHAR_LINE_SHARE * len(lines):
        raise fail(path, "not a character list (too many lines of several characters)")
    return TokenizerInfo("char-lines", "bytes", lines, [], len(lines))


# A BPE rank table compiled to binary, one record per token in rank order: a u32 little-endian count, then for each
# token a u16 byte length, the token's raw bytes and its u32 rank (quicktok's ``.vocab``; a tiktoken file's ranks
# without the base64 and the text). Nothing names the format, so it is sniffed from its structure: a plausible count
# and, in the head, at least MIN_RANK_RECORDS whole records whose ranks run 0, 1, 2 ... (a byte-level BPE's first
# ranks are its single bytes; a table that does not start at rank 0 is not taken). The same layout with the rank
# first (u32 rank, u16 length, bytes) holds the special tokens that extend such a vocabulary (quicktok's
# ``.special``): its first rank is the ordinary vocabulary's size, and its ranks run up from there.
MIN_RANK_RECORDS = 4
MAX_RANK_TOKEN = 1024  # bytes in one token: BPE tokens are short (o200k's longest is 128 bytes)
MIN_RANK_TABLE, MAX_RANK_TABLE = 256, 1 << 22


def _rank_records(data: bytes, start: int, rank_first: bool, limit: int) -> Iterator[tuple[int, bytes, int]]:
    """(rank, token, end offset) for the whole records from ``start``, at most ``limit``; stops at a cut record."""
    i, n = start, len(data)
    for _ in range(limit):
        if rank_first:
            if i + 6 > n:
                return
            rank = int.from_bytes(data[i:i + 4], "little")
            length = int.from_bytes(data[i + 4:i + 6], "little")
            tok_at = i + 6
            end = tok_at + length
            if not 0 < length <= MAX_RANK_TOKEN or end > n:
                return
            yield rank, data[tok_at:end], end
        else:
            if i + 2 > n:
                return
            length = int.from_bytes(data[i:i + 2], "little")
            end = i + 2 + length + 4
            if not 0 < length <= MAX_RANK_TOKEN or end > n:
                return
            yield int.from_bytes(data[end - 4:end], "little"), data[i + 2:end - 4], end
        i = end


def _rank_table_kind(head: bytes) -> str | None:
    """"rank-table" / "special-table" when the head has that binary layout (see MIN_RANK_RECORDS), else None."""
    if len(head) < 8:
        return None
    count = int.from_bytes(head[:4], "little")
    if not 1 <= count <= MAX_RANK_TABLE:
        return None
    ranks = [r for r, _, _ in _rank_records(head, 4, False, MIN_RANK_RECORDS)]
    if count >= MIN_RANK_TABLE and len(ranks) >= min(MIN_RANK_RECORDS, count) and ranks == list(range(len(ranks))):
        return "rank-table"
    specials = list(_rank_records(head, 4, True, MIN_RANK_RECORDS))
    ranks = [r for r, _, _ in specials]
    if (len(ranks) >= min(2, count) and ranks[0] >= MIN_RANK_TABLE and ranks == list(range(ranks[0], ranks[0] + len(ranks)))
            and all(tok.isascii() and tok.decode().isprintable() for _, tok, _ in specials)):
        return "special-table"
    return None


def _rank_table(path: Path, data: bytes, limits: Limits, kind: str) -> TokenizerInfo:
    count = int.from_bytes(data[:4], "little")
    if count > limits.max_items:
        raise fail(path, f"a rank table of {count} tokens", "max_items")
    rank_first = kind == "special-table"
    tokens: list[bytes] = []
    end, last = 4, None
    for rank, tok, stop in _rank_records(data, 4, rank_first, count):
        if last is not None and not last <= rank <= last + 1:  # tiktoken's o200k_harmony gives two specials one id
            raise fail(path, f"rank {rank} after {last}: not a table in rank order")
        last, end = rank, stop
        tokens.append(tok)
    if not tokens:
        raise fail(path, "no whole rank record")
    extra: dict[str, Any] = {}
    if len(tokens) < count:
        extra["cut"] = (f"the file ends early: {len(tokens)} of the {count} tokens its header declares; read up to the "
                        "last whole record")
    elif end != len(data):
        raise fail(path, f"{len(data) - end} bytes after the {count} records the header declares")
    if rank_first:  # special tokens only: the first one's rank is the size of the vocabulary they extend
        specials = [t.decode("utf-8", errors="replace") for t in tokens]
        first = int.from_bytes(data[4:8], "little")
        return TokenizerInfo("special-table", "bytes", [], specials, first + len(specials),
                             {**extra, "first_rank": first})
    return TokenizerInfo("rank-table", "bytes", tokens, [], len(tokens), extra)


# --- protobuf -----------------------------------------------------------------------------------


def _varint(buf: bytes, i: int) -> tuple[int | None, int]:
    value = 0
    for shift in range(0, 70, 7):
        if i >= len(buf):
            return None, i
        b = buf[i]
        i += 1
        value |= (b & 0x7F) << shift
        if not b & 0x80:
            return value, i
    return None, i


def iter_fields(path: Path, buf: Any, start: int, end: int) -> Iterator[tuple[int, int, Any]]:
    """Yield (field number, wire type, value or (offset, length)) for one protobuf message, bounded."""
    i = start
    while i < end:
        key, i = _varint(buf, i)
        if key is None or i > end:
            raise fail(path, f"protobuf is truncated or malformed at offset {i}")
        field_no, wire = key >> 3, key & 7
        if wire == 0:
            v, i = _varint(buf, i)
            if v is None or i > end:
                raise fail(path, f"protobuf varint is truncated at offset {i}")
            yield field_no, wire, v
        elif wire == 1:
            if i + 8 > end:
                raise fail(path, f"file is truncated: protobuf fixed64 at offset {i}")
            yield field_no, wire, buf[i : i + 8]
            i += 8
        elif wire == 2:
            n, i = _varint(buf, i)
            if n is None or i + n > end:
                raise fail(path, f"file is truncated: protobuf field {field_no} at offset {i} claims "
                           f"{n} bytes, {end - i} left")
            yield field_no, wire, (i, n)
            i += n
        elif wire == 5:
            if i + 4 > end:
                raise fail(path, f"file is truncated: protobuf fixed32 at offset {i}")
            yield field_no, wire, buf[i : i + 4]
            i += 4
        else:
            raise fail(path, f"protobuf wire type {wire} at offset {i} is not supported")


# --- readers ------------------------------------------------------------------------------------


MIN_CUT_PIECES = 1000


# SentencePiece's TrainerSpec (sentencepiece_model.proto, ModelProto field 2): the fields kept as structure props -
# model_type (3: 1 unigram, 2 bpe, 3 word, 4 char), the ids of unk / bos / eos / pad (40-43; -1 = none; when a field is
# absent its proto default applies: 0, 1, 2, -1), the model_prefix (2) and the first training input path (1). The id
# layout is a toolkit's convention (T5's vocabularies: pad 0, eos 1, unk 2, no bos); the prefix and input are the
# names the trainer was given, which a vocabulary keeps wherever it is copied.
_SPM_TYPES = {1: "unigram", 2: "bpe", 3: "word", 4: "char"}
_SPM_ID_FIELDS = {40: "unk", 41: "bos", 42: "eos", 43: "pad"}
_SPM_ID_DEFAULTS = {"unk": 0, "bos": 1, "eos": 2, "pad": -1}
MAX_SPM_STRING = 256
HEAD_TOKENS = 4  # the first ids' tokens kept as a structure prop (tok.head)


def _int32(value: int) -> int:
    """A protobuf int32 read as an unsigned varint (a negative one is sign-extended to 64 bits) back to its value."""
    value &= (1 << 64) - 1
    return value - (1 << 64) if value >= 1 << 63 else value


def _trainer_spec(path: Path, data: bytes, off: int, n: int) -> dict[str, Any]:
    ids = dict(_SPM_ID_DEFAULTS)
    out: dict[str, Any] = {}
    for f2, w2, v2 in iter_fields(path, data, off, off + n):
        if w2 == 0 and f2 in _SPM_ID_FIELDS:
            ids[_SPM_ID_FIELDS[f2]] = _int32(v2)
        elif w2 == 0 and f2 == 3:
            out["type"] = _SPM_TYPES.get(v2, str(v2))
        elif w2 == 2 and f2 in (1, 2) and ("input" if f2 == 1 else "prefix") not in out:
            raw = data[v2[0] : v2[0] + min(v2[1], MAX_SPM_STRING)]
            out["input" if f2 == 1 else "prefix"] = raw.decode("utf-8", errors="replace")
    out["ids"] = " ".join(f"{k}={ids[k]}" for k in ("pad", "eos", "bos", "unk"))
    return out


def _sentencepiece(path: Path, data: bytes, limits: Limits) -> TokenizerInfo:
    core: list[str] = []
    special: list[str] = []
    user: list[str] = []
    head: list[str] = []
    trainer: dict[str, Any] = {}
    total = 0
    n_bytes = 0
    cut = False
    fields = iter_fields(path, data, 0, len(data))
    while True:
        try:
            field_no, wire, val = next(fields)
        except StopIteration:
            break
        except ReadError as exc:
            # a model cut short inside its pieces (a partial copy): the whole pieces before the cut are its
            # vocabulary's start; only after MIN_CUT_PIECES of them, so a file that merely sniffed as one still fails
            if "truncated" not in exc.message or total < MIN_CUT_PIECES:
                raise
            cut = True
            break
        if field_no == 2 and wire == 2 and not trainer:
            trainer = _trainer_spec(path, data, *val)
        if field_no != 1 or wire != 2:
            continue
        total += 1
        if total > limits.max_items:
            raise fail(path, f"more than {limits.max_items} pieces", "max_items")
        off, n = val
        piece, ptype = "", 1
        for f2, w2, v2 in iter_fields(path, data, off, off + n):
            if f2 == 1 and w2 == 2:
                piece = data[v2[0] : v2[0] + v2[1]].decode("utf-8", errors="replace")
            elif f2 == 3 and w2 == 0:
                ptype = v2
        if len(head) < HEAD_TOKENS:
            head.append(piece)
        if ptype == 1:
            core.append(piece)
        elif ptype == 6:
            n_bytes += 1
        elif ptype == 4:
            user.append(piece)
        elif ptype in (2, 3):
            special.append(piece)
    if total == 0:
        raise fail(path, "no SentencePiece pieces found")
    if core:
        special.extend(user)
    else:
        # a model whose whole vocabulary is USER_DEFINED (InternLM3's tokenizer.model: 127,877 user-defined pieces,
        # none NORMAL) has those pieces as its ordinary vocabulary, not as specials
        core = user
    extra: dict[str, Any] = {"byte_pieces": n_bytes, "head": head}
    if trainer:
        extra["spm"] = trainer
    if cut:
        extra["cut"] = f"the file ends early (cut short after {total} pieces); read up to its last whole piece"
    return TokenizerInfo("sentencepiece", "sentencepiece", canonical_tokens(core, "sentencepiece"),
                         sorted(set(special)), total, extra)


# The shape of one whole line of a line-based vocabulary, by kind: a file that does not end with a line break and
# whose last line does not have it was cut short inside that line (a partial download, a copy truncated to a size
# limit); that line is left out and the rest read. Any other bad line still fails the file.
_WHOLE_LINE = {
    "tiktoken": _TIKTOKEN_LINE,
    "rwkv": _RWKV_LINE,
    "merges": re.compile(rb"^\S+ \S+\r?$"),
}


def _drop_cut_line(data: bytes, kind: str) -> tuple[bytes, bool]:
    """``data`` less a last line cut short (see _WHOLE_LINE), and whether one was left out."""
    if not data or data.endswith(b"\n"):
        return data, False
    start = data.rfind(b"\n") + 1
    if start == 0:
        return data, False
    tail = data[start:]
    try:
        tail.decode("utf-8")
    except UnicodeDecodeError:  # cut inside a character
        return data[:start], True
    if _WHOLE_LINE[kind].match(tail):
        return data, False
    return data[:start], True


def _tiktoken(path: Path, data: bytes, limits: Limits) -> TokenizerInfo:
    tokens: list[bytes] = []
    for lineno, line in enumerate(_byte_lines(data), 1):
        if not line.strip():
            continue
        parts = line.split()
        if len(parts) != 2 or not parts[1].isdigit() or not _B64.match(parts[0]):
            raise fail(f"{path}:{lineno}", "not a tiktoken line (expected '<base64 token> <rank>')")
        try:
            tokens.append(binascii.a2b_base64(parts[0]))
        except (binascii.Error, ValueError) as exc:
            raise fail(f"{path}:{lineno}", f"bad base64 token: {exc}") from exc
        if len(tokens) > limits.max_items:
            raise fail(path, f"more than {limits.max_items} tokens", "max_items")
    if not tokens:
        raise fail(path, "no tiktoken ranks found")
    return TokenizerInfo("tiktoken", "bytes", tokens, [], len(tokens))


def _special_from_added(added: Any) -> tuple[list[str], set[str]]:
    specials: list[str] = []
    every: set[str] = set()
    if isinstance(added, list):
        for item in added:
            if isinstance(item, dict) and isinstance(item.get("content"), str):
                every.add(item["content"])
                specials.append(item["content"])
    return sorted(set(specials)), every


def _convention(doc: dict[str, Any]) -> str:
    model = doc.get("model") or {}
    text = json.dumps([doc.get("pre_tokenizer"), doc.get("decoder")], ensure_ascii=False)  # "▁" as itself
    mtype = model.get("type") if isinstance(model, dict) else None
    if mtype == "WordPiece":
        return "wordpiece"
    if mtype == "Unigram" or "Metaspace" in text or (isinstance(model, dict) and model.get("byte_fallback")):
        return "sentencepiece"
    if "ByteLevel" in text:
        return "byte-level"
    return "sentencepiece" if _SPACE in text else "byte-level"


def _tokenizer_json(path: Path, doc: dict[str, Any], limits: Limits) -> TokenizerInfo:
    model = doc["model"]
    vocab = model.get("vocab") if isinstance(model, dict) else None
    if isinstance(vocab, dict):
        names = list(vocab)  # JSON object keys are always str
    elif isinstance(vocab, list):
        names = [v[0] for v in vocab if isinstance(v, list) and v and isinstance(v[0], str)]
    else:
        raise fail(path, "tokenizer.json has no model.vocab")
    if len(names) > limits.max_items:
        raise fail(path, f"vocabulary has {len(names)} entries, more than {limits.max_items}", "max_items")
    specials, added = _special_from_added(doc.get("added_tokens"))
    convention = _convention(doc)
    core = names if added.isdisjoint(names) else list(filterfalse(added.__contains__, names))
    if isinstance(vocab, dict):  # keys are unique already: no 150k-entry set needed
        total = len(names) + sum(1 for a in added if a not in vocab)
    else:
        total = len(set(names) | added)
    ordered = _by_id(vocab) if isinstance(vocab, dict) else names
    extra: dict[str, Any] = {"pre_tokenizer": _pre_name(doc), "head": ordered[:HEAD_TOKENS]}
    renumbered = _renumbered_specials(doc, vocab)
    if renumbered:
        extra["renumbered"] = renumbered
    if convention == "byte-level" and _wordend_layout(ordered):
        extra["wordend"] = True
    return TokenizerInfo(f"tokenizer.json:{model.get('type', '?')}", convention,
                         canonical_tokens(core, convention), specials, total, extra)


LAYOUT_TOKENS = 512  # the first ids a layout prop looks at (CLIP's byte alphabet and its "</w>" twin)


MAX_POST_SPECIALS = 64  # post-processor special tokens compared with the vocabulary's ids


def _post_specials(proc: Any, depth: int = 0) -> list[tuple[str, int]]:
    """(token, id) pairs a tokenizer.json post_processor inserts: TemplateProcessing's ``special_tokens`` (each with
    its ``ids``), Bert / RobertaProcessing's ``cls`` / ``sep`` pairs, and those of a Sequence's processors."""
    out: list[tuple[str, int]] = []
    if not isinstance(proc, dict) or depth > 4:
        return out
    specials = proc.get("special_tokens")
    if isinstance(specials, dict):
        for spec in list(specials.values())[:MAX_POST_SPECIALS]:
            if not isinstance(spec, dict):
                continue
            toks, ids = spec.get("tokens"), spec.get("ids")
            if isinstance(toks, list) and isinstance(ids, list) and len(toks) == len(ids):
                out += [(t, i) for t, i in zip(toks, ids, strict=True)
                        if isinstance(t, str) and isinstance(i, int) and not isinstance(i, bool)]
    for key in ("cls", "sep"):
        pair = proc.get(key)
        if (isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], str) and isinstance(pair[1], int)
                and not isinstance(pair[1], bool)):
            out.append((pair[0], pair[1]))
    subs = proc.get("processors")
    if isinstance(subs, list):
        for sub in subs[:8]:
            out += _post_specials(sub, depth + 1)
    return out[:MAX_POST_SPECIALS]


def _renumbered_specials(doc: dict[str, Any], vocab: Any) -> list[str]:
    """The post-processor's special tokens whose id there is not the id the vocabulary (or added_tokens) gives them,
    as "token post_id->table_id": the table was renumbered after the post-processor was written (a tool that pruned
    the vocabulary and left the template as it was). [] when they agree or nothing can be compared."""
    table: dict[str, int] = {}
    if isinstance(vocab, dict):
        table.update({k: v for k, v in vocab.items() if isinstance(v, int) and not isinstance(v, bool)})
    added = doc.get("added_tokens")
    if isinstance(added, list):
        for a in added[:100_000]:
            if isinstance(a, dict) and isinstance(a.get("content"), str) and isinstance(a.get("id"), int):
                table.setdefault(a["content"], a["id"])
    return [f"{tok} {pid}->{table[tok]}" for tok, pid in _post_specials(doc.get("post_processor"))
            if tok in table and table[tok] != pid]


def _by_id(vocab: dict[str, Any]) -> list[str]:
    """A token -> id mapping's first LAYOUT_TOKENS tokens in id order (ids that are not ints sort last): the mapping's
    own order when its ids already ascend (one pass, as Hugging Face and GPT-2 write them), else a bounded heap."""
    ids = list(vocab.values())
    if all(isinstance(i, int) for i in ids) and all(a < b for a, b in pairwise(ids)):
        return list(islice(vocab, LAYOUT_TOKENS))
    return heapq.nsmallest(LAYOUT_TOKENS, vocab, key=lambda k: vocab[k] if isinstance(vocab[k], int) else 1 << 62)


def _wordend_layout(ordered: list[str]) -> bool:
    """True when a vocabulary in id order opens as CLIP's SimpleTokenizer (and Hugging Face's CLIPTokenizer) builds
    it: the 256 symbols of GPT-2's byte alphabet, then the same 256 in the same order, each followed by "</w>"."""
    if len(ordered) < 512 or set(ordered[:256]) != _ALPHABET_SET:
        return False
    return all(b == a + _WORD_END for a, b in zip(ordered[:256], ordered[256:512], strict=True))


def _pre_name(doc: dict[str, Any]) -> str | None:
    pre = doc.get("pre_tokenizer")
    return pre.get("type") if isinstance(pre, dict) else None


def _tekken(path: Path, doc: dict[str, Any], limits: Limits) -> TokenizerInfo:
    vocab = doc["vocab"]
    cfg = doc.get("config") if isinstance(doc.get("config"), dict) else {}
    n_special = cfg.get("default_num_special_tokens", 0) if isinstance(cfg, dict) else 0
    size = cfg.get("default_vocab_size", len(vocab)) if isinstance(cfg, dict) else len(vocab)
    if not isinstance(n_special, int) or not isinstance(size, int) or not 0 <= n_special <= size:
        raise fail(path, "tekken config has bad vocabulary sizes")
    if len(vocab) > limits.max_items:
        raise fail(path, f"vocabulary has {len(vocab)} entries", "max_items")
    tokens: list[bytes] = []
    for item in vocab[: max(0, size - n_special)]:
        if not isinstance(item, dict) or not isinstance(item.get("token_bytes"), str):
            raise fail(path, "tekken vocab entry without token_bytes")
        try:
            tokens.append(base64.b64decode(item["token_bytes"], validate=True))
        except (binascii.Error, ValueError) as exc:
            raise fail(path, f"bad base64 in tekken vocab: {exc}") from exc
    specials = [s["token_str"] for s in doc.get("special_tokens", []) if isinstance(s, dict)
                and isinstance(s.get("token_str"), str)]
    return TokenizerInfo("tekken", "bytes", tokens, sorted(specials), size,
                         {"version": cfg.get("version") if isinstance(cfg, dict) else None})


def _wordpiece_txt(path: Path, data: bytes, limits: Limits) -> TokenizerInfo | None:
    try:
        lines = _text_lines(data)
    except UnicodeDecodeError:
        return None
    batch = list(islice(lines, 2000))
    if not any(t in batch for t in ("[UNK]", "[CLS]", "[PAD]")):
        return None
    tokens: list[bytes] = []
    specials: set[str] = set()
    count = 0
    while batch:  # the lines a batch at a time (canonical_tokens runs in C over each), in file order
        count += len(batch)
        if count > limits.max_items:
            raise fail(path, f"vocabulary has more than {limits.max_items} lines", "max_items")
        specials.update(t for t in batch if _WP_SPECIAL.match(t) and not t.startswith("[unused"))
        tokens.extend(canonical_tokens(batch, "wordpiece"))
        batch = list(islice(lines, 65_536))
    if count < 100:
        return None
    return TokenizerInfo("vocab.txt", "wordpiece", tokens, sorted(specials), count)


# The line breaks str.splitlines() splits at, as UTF-8 (a CRLF is one): counted on the bytes, before a line-based
# vocabulary (tiktoken, RWKV, BPE merges, a word-frequency lexicon, WordPiece) is decoded and split, so that one of more
# lines than Limits.max_items is refused before its line strings exist: ~100 MB of short lines made 15-30 million of
# them, a 0.9-1.9 GB peak (BPE merges and lexicons: a MemoryError) before the count was checked (redteam13)
_LINE_BREAKS = (b"\n", b"\r", b"\x0b", b"\x0c", b"\x1c", b"\x1d", b"\x1e", b"\xc2\x85", b"\xe2\x80\xa8", b"\xe2\x80\xa9")


def _line_count(data: bytes) -> int:
    return sum(data.count(brk) for brk in _LINE_BREAKS) - data.count(b"\r\n")


# A line-based vocabulary is split a piece at a time: its lines, never a list of them all (nor the whole text decoded).
# 3.99 million words of a 54 MB word-frequency lexicon held the text, its splitlines() and a bytes object per word:
# a 660 MB peak (a WordPiece vocab.txt of as many lines, 690 MB; redteam14)
_PIECE = 1 << 20


def _pieces(data: bytes) -> Iterator[bytes]:
    """``data`` in pieces of about ``_PIECE`` bytes, each ending just after a ``\\n`` (or at the end): no line, no
    UTF-8 character and no CRLF is cut, so the pieces' lines are the lines of the whole."""
    start, end = 0, len(data)
    while start < end:
        cut = data.find(b"\n", start + _PIECE)
        cut = end if cut < 0 else cut + 1
        yield data[start:cut]
        start = cut


def _byte_lines(data: bytes) -> Iterator[bytes]:
    """``data.splitlines()``, a piece at a time."""
    for piece in _pieces(data):
        yield from piece.splitlines()


def _text_lines(data: bytes) -> Iterator[str]:
    """``data.decode("utf-8").splitlines()``, decoded and split a piece at a time. The pieces are checked first, so that
    a file that is not UTF-8 raises the UnicodeDecodeError the whole would (the file's positions), before any line."""
    for piece in _pieces(data):
        try:
            piece.decode("utf-8")
        except UnicodeDecodeError:
            data.decode("utf-8")  # the error, as decoding the whole file gives it
            raise
    return (line for piece in _pieces(data) for line in piece.decode("utf-8").splitlines())


def _bytelevel_lines(path: Path, data: bytes, limits: Limits) -> TokenizerInfo | None:
    """A byte-level vocabulary one token a line (see _alphabet_lines): ``<|...|>`` lines and lines with a symbol
    outside GPT-2's byte alphabet (added tokens written as text) are specials, the rest the ordinary vocabulary."""
    try:
        lines = _text_lines(data)
    except UnicodeDecodeError:
        return None
    alphabet = _BYTE_DECODER.keys()
    ordinary: list[str] = []
    specials: set[str] = set()
    count = 0
    for line in lines:
        count += 1
        if count > limits.max_items:
            raise fail(path, f"vocabulary has more than {limits.max_items} lines", "max_items")
        if (line.startswith("<|") and line.endswith("|>")) or not set(line) <= alphabet:
            specials.add(line)
        elif line:
            ordinary.append(line)
    return TokenizerInfo("vocabulary.txt", "byte-level", canonical_tokens(ordinary, "byte-level"), sorted(specials),
                         count)


def _wordfreq(path: Path, data: bytes, limits: Limits) -> TokenizerInfo:
    """A word-frequency lexicon (see _WORDFREQ_LINE): its words in file order, as UTF-8 bytes. Every line must have
    the shape (a blank line is skipped); a word repeated keeps its first place (the hash is of the set)."""
    try:
        lines = _text_lines(data)
    except UnicodeDecodeError as exc:
        raise fail(path, f"word-frequency lexicon is not UTF-8: {exc}") from exc
    words: list[bytes] = []
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        raw = line.encode("utf-8")
        m = _WORDFREQ_LINE.match(raw) if len(raw) <= MAX_WORDFREQ_LINE else None
        if m is None:
            raise fail(f"{path}:{lineno}", "not a word-frequency line (expected '<word> <count> [<tag>]')")
        words.append(m.group(1))
        if len(words) > limits.max_items:
            raise fail(path, f"more than {limits.max_items} words", "max_items")
    return TokenizerInfo("wordfreq", "bytes", words, [], len(words))


def _joined_merges(path: Path, data: bytes, limits: Limits, first: int) -> list[str] | None:
    """Each merge line's two symbols joined, skipping the first ``first`` lines (a version header); None when the
    file is not UTF-8 text. A line that is not two symbols separated by one space, or more than ``max_items`` merges,
    fails the file (one reader for _merges and _wordend_merges)."""
    try:
        lines = _text_lines(data)
    except UnicodeDecodeError:
        return None
    merged: list[str] = []
    for lineno, line in enumerate(islice(lines, first, None), first + 1):
        if lineno - 1 > limits.max_items:
            raise fail(path, f"more than {limits.max_items} merges", "max_items")
        if not line:
            continue
        parts = line.split(" ")
        if len(parts) != 2 or not parts[0] or not parts[1]:
            raise fail(f"{path}:{lineno}", "not a merge line (expected two symbols separated by one space)")
        merged.append(parts[0] + parts[1])
    return merged


def _merges(path: Path, data: bytes, limits: Limits) -> TokenizerInfo | None:
    """A byte-level BPE merges file read as the vocabulary it defines: the 256 symbols of GPT-2's byte alphabet,
    then each merge's result (the two parts joined), as GPT-2's encoder.py and Hugging Face's BPE build it. Its
    ordinary vocabulary is therefore the same set as the matching vocab.json's, and hashes the same. A merge with a
    symbol outside the byte alphabet (a text-level BPE) is not read this way."""
    first = 1 if _MERGES_HEAD.match(data[: data.find(b"\n") if b"\n" in data else len(data)]) else 0
    merged = _joined_merges(path, data, limits, first)
    if not merged:
        return None
    joined = "".join(merged)
    if not set(joined) <= _BYTE_DECODER.keys():
        return None
    if any(m.endswith(_WORD_END) for m in merged[:WORDEND_SCAN]):
        # CLIP's merges as Hugging Face saves them (merges.txt, "#version: 0.2" then merges whose word-final symbols
        # end in "</w>"): its CLIPTokenizer, like CLIP's SimpleTokenizer, builds the vocabulary as the byte alphabet,
        # the alphabet with "</w>", then each merge joined - the vocabulary of the matching vocab.json
        return _wordend_vocab(merged, "merges")
    tokens = [_BYTE_ENCODER[b] for b in range(256)] + merged
    return TokenizerInfo("merges", "byte-level", canonical_tokens(tokens, "byte-level"), [], len(tokens),
                         extra={"merges": len(merged)})


WORDEND_SCAN = 4096  # merges looked at for a "</w>" word end


def _wordend_vocab(merged: list[str], kind: str) -> TokenizerInfo:
    alphabet = [_BYTE_ENCODER[b] for b in range(256)]
    tokens = alphabet + [a + _WORD_END for a in alphabet] + merged
    return TokenizerInfo(kind, "byte-level", canonical_tokens(tokens, "byte-level"), [], len(tokens),
                         extra={"merges": len(merged), "wordend": True})


def parse_json(path: Path, data: bytes, limits: Limits = DEFAULT_LIMITS) -> Any:
    """JSON with its parsed size bounded before parsing (see ``parse_json_bounded``)."""
    return parse_json_bounded(path, data, limits)


_PY_ESC = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|.)", re.S)
_PY_SIMPLE = {"\\": "\\", "'": "'", '"': '"', "n": "\n", "r": "\r", "t": "\t", "a": "\a", "b": "\b", "f": "\f",
              "v": "\v"}


def _py_unescape(text: str, is_bytes: bool) -> str:
    def one(m: re.Match[str]) -> str:
        e = m.group(1)
        if e in _PY_SIMPLE:
            return _PY_SIMPLE[e]
        if e[0] == "x":
            return chr(int(e[1:], 16))
        if e[0] in "uU" and not is_bytes:
            return chr(int(e[1:], 16))
        if e[0] in "01234567":
            return chr(int(e, 8) & (0xFF if is_bytes else 0x1FFFFF))
        raise ValueError(f"escape \\{e} is not supported")
    return _PY_ESC.sub(one, text)


def _py_literal(raw: bytes) -> bytes:
    """The bytes of a Python str or bytes literal as repr() writes them (``'a'``, ``b'\\xe4'``, ``'\\u4e00'``)."""
    is_bytes = raw[:1] == b"b"
    body = raw[2:-1] if is_bytes else raw[1:-1]
    text = body.decode("utf-8")
    if "\\" in text:
        text = _py_unescape(text, is_bytes)
    if is_bytes:
        return text.encode("latin-1")  # every char is < 256: ASCII text and \xNN escapes
    return text.encode("utf-8")  # a lone surrogate raises UnicodeEncodeError


def _rwkv(path: Path, data: bytes, limits: Limits) -> TokenizerInfo:
    """RWKV's TRIE tokenizer vocabulary (``rwkv_vocab_v20230424.txt``): ``<id> <str or bytes literal> <length>``
    per line. The literal's escapes are decoded by hand (nothing is evaluated), one bounded line at a time; the
    byte length must agree."""
    tokens: list[bytes] = []
    for lineno, line in enumerate(_byte_lines(data), 1):
        if not line.strip():
            continue
        m = _RWKV_LINE.match(line) if len(line) <= MAX_RWKV_LINE else None
        if not m:
            raise fail(f"{path}:{lineno}", "not an RWKV vocabulary line (expected '<id> <literal> <byte length>')")
        try:
            tok = _py_literal(m.group(2))
        except (ValueError, UnicodeError) as exc:
            raise fail(f"{path}:{lineno}", f"bad token literal: {exc}") from exc
        if len(tok) != int(m.group(3)):
            raise fail(f"{path}:{lineno}", "token length does not match the line's byte count")
        tokens.append(tok)
        if len(tokens) > limits.max_items:
            raise fail(path, f"more than {limits.max_items} tokens", "max_items")
    if not tokens:
        raise fail(path, "no RWKV vocabulary lines found")
    return TokenizerInfo("rwkv", "bytes", tokens, [], len(tokens))


# Vocabularies written one token (or merge) a line in id order: a copy cut at a line break reads as a whole file of
# fewer lines, so nothing in it says it was cut. One that is a known vocabulary's first lines is taken as a copy of
# it cut short (inspect.py: prefix hashes); no format among these re-declares ordinary tokens as specials.
def _wordend_merges(path: Path, data: bytes, limits: Limits) -> TokenizerInfo | None:
    """A CLIP-style merges file (see _NAMED_MERGES_HEAD) read as the vocabulary CLIP's SimpleTokenizer builds from it:
    the byte alphabet, the alphabet with "</w>", then every merge joined. None unless its merges use "</w>" and every
    symbol is of the byte alphabet (with "</w>" ends)."""
    merged = _joined_merges(path, data, limits, 1)
    if not merged or not any(m.endswith(_WORD_END) for m in merged[:WORDEND_SCAN]):
        return None
    if not set("".join(m.replace(_WORD_END, "") for m in merged)) <= _BYTE_DECODER.keys():
        return None
    return _wordend_vocab(merged, "merges:wordend")


_SENTINEL = re.compile(r"^\u2581?<extra_id_\d{1,5}>$")  # T5's sentinel tokens (<extra_id_0> ...), "▁" first in mT5's
MAX_SPECIALS_PROP = 8192


def tokenizer_props(tok: TokenizerInfo) -> dict[str, Any]:
    """What a vocabulary's layout says, as structure props (knowledge/data/structures.yaml patterns test them): its
    size in all (tok.total), how many T5-style sentinels it declares (tok.sentinels), its first ids' tokens
    (tok.head, space-separated), whether it opens as CLIP's byte alphabet with "</w>" word ends (tok.wordend) and
    how many merges it was built from (tok.merges), its special tokens (tok.specials, sorted, space-separated) and a
    SentencePiece model's trainer settings (spm.type, spm.ids, spm.prefix, spm.input)."""
    props: dict[str, Any] = {"tok.total": tok.total_size}
    sentinels = sum(1 for s in tok.special_tokens if _SENTINEL.match(s))
    if sentinels:
        props["tok.sentinels"] = sentinels
    head = tok.extra.get("head")
    if isinstance(head, list) and head:
        props["tok.head"] = " ".join(str(t)[:64] for t in head[:HEAD_TOKENS])
    if tok.extra.get("wordend") is True:
        props["tok.wordend"] = True
    if isinstance(tok.extra.get("merges"), int):
        props["tok.merges"] = tok.extra["merges"]
    if tok.special_tokens:
        props["tok.specials"] = " ".join(sorted(tok.special_tokens))[:MAX_SPECIALS_PROP]
    spm = tok.extra.get("spm")
    if isinstance(spm, dict):
        props.update({f"spm.{k}": v for k, v in spm.items() if isinstance(v, str)})
    return props


LINE_KINDS = frozenset({"tiktoken", "rwkv", "merges", "wordend-merges", "vocabulary.txt", "wordfreq", "vocab.txt"})


class TokenizerReader:
    id = "tokenizer"
    description = "tokenizer vocabularies: tokenizer.json, tekken, vocab.json/txt, tiktoken, SentencePiece"

    def sniff(self, head: bytes) -> bool:
        return sniff_kind(head) is not None

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        data = read_bounded(path, limits.max_text_bytes)
        tok = self.parse(path, data, limits)
        if tok is None:
            raise fail(path, "not a tokenizer file this reader knows (tokenizer.json, tekken, vocab.json, "
                       "vocab.txt, tiktoken, SentencePiece)")
        info = ArtifactInfo(path=str(path), format=f"tokenizer:{tok.kind.split(':')[0]}", tokenizer=tok)
        info.metadata["format_props"] = tokenizer_props(tok)
        if tok.extra.get("cut"):
            info.notes.append(str(tok.extra["cut"]))
        return info

    def parse(self, path: Path, data: bytes, limits: Limits) -> TokenizerInfo | None:
        kind = sniff_kind(data[:64])
        if kind is None and (wide := sniff_kind(data[:256])) in ("wordfreq", "char-lines", "sentencepiece"):
            # three lines of CJK words, or sixteen CJK characters a line each, outgrow 64 bytes; so do a SentencePiece
            # model's spec fields written before its pieces
            kind = wide
        if kind not in ("json", "sentencepiece", "rank-table", "special-table") and _line_count(data) > limits.max_items + 1:
            raise fail(path, f"more than {limits.max_items} lines", "max_items")
        if kind in ("tiktoken", "rwkv", "merges"):
            data, cut_line = _drop_cut_line(data, kind)
            tok = (_tiktoken if kind == "tiktoken" else _rwkv if kind == "rwkv" else _merges)(path, data, limits)
            if tok is not None and cut_line:
                tok.extra = {**tok.extra, "cut": "the file ends early (cut short inside a line); read up to its last "
                                                 "whole line"}
            return tok
        if kind == "wordend-merges":
            data, _cut = _drop_cut_line(data, "merges")
            return _wordend_merges(path, data, limits)
        if kind in ("rank-table", "special-table"):
            return _rank_table(path, data, limits, kind)
        if kind == "char-lines":
            return _char_lines(path, data, limits)
        if kind == "bytelevel-lines":
            return _bytelevel_lines(path, data, limits)
        if kind == "wordfreq":
            return _wordfreq(path, data, limits)
        if kind == "sentencepiece":
            return _sentencepiece(path, data, limits)
        if kind == "ms3p":
            return _ms3p(path, parse_json(path, data[len(MS3P_JSON_MAGIC):], limits), limits)
        if kind == "json":
            try:
                doc = parse_json(path, data, limits)
            except ReadError as exc:
                cut = _cut_tokenizer_json(path, data, limits) if exc.limit is None else None
                if cut is None and exc.limit is None:
                    cut = _cut_json(path, data, limits)
                if cut is None:
                    raise
                return cut
            if not isinstance(doc, dict):
                return None
            if isinstance(doc.get("model"), dict):
                return _tokenizer_json(path, doc, limits)
            if isinstance(doc.get("vocab"), list):
                return _tekken(path, doc, limits)
            if _BPE_STATE_REQUIRED <= doc.keys() <= _BPE_STATE_KEYS:
                return _bpe_state(path, doc, limits)
            if _ION_REQUIRED <= doc.keys() <= _ION_KEYS:
                return _ion(path, doc, limits)
            if doc.keys() == _BPETOKENIZER_KEYS:
                bpet = _bpetokenizer(path, doc, limits)
                if bpet is not None:
                    return bpet
            if doc.keys() == {"meta", "tokens"}:
                ctok = _ctok_pieces(path, doc, limits)
                if ctok is not None:
                    return ctok
            tok = _vocab_json(path, doc, limits)
            return tok if tok is not None else _tokenizer_config(path, doc, limits)
        return _wordpiece_txt(path, data, limits)


# amharic-tokenizer's saved BPE state (amharic_tokenizer/serialization.py, 0.2.7: _REQUIRED_KEYS and
# ModelState.to_dict): vocabulary, merge_rank_map ("a b" -> rank), token_to_id, id_to_token (ids as strings), next_id,
# and optionally format_version, num_merges, max_vocab_size. A JSON document whose top-level keys are exactly
# within that set, holding all five required ones, is that format (kind bpe-state); the vocabulary is token_to_id.
_BPE_STATE_REQUIRED = frozenset({"vocabulary", "merge_rank_map", "token_to_id", "id_to_token", "next_id"})
_BPE_STATE_KEYS = _BPE_STATE_REQUIRED | {"format_version", "num_merges", "max_vocab_size"}


def _bpe_state(path: Path, doc: dict[str, Any], limits: Limits) -> TokenizerInfo | None:
    """amharic-tokenizer's BPE state: the vocabulary from token_to_id (token -> int id); None when it is not that."""
    split = _token_id_vocab(path, doc.get("token_to_id"), limits)
    if split is None:
        return None
    names, specials, size = split
    merges = doc.get("merge_rank_map")
    return TokenizerInfo("bpe-state", "plain", canonical_tokens(names, "plain"), specials, size,
                         {"merges": len(merges) if isinstance(merges, dict) else 0})


def _token_id_vocab(path: Path, vocab: Any, limits: Limits) -> tuple[list[str], list[str], int] | None:
    """A token -> int id mapping split into (plain tokens, ``<...>`` special tokens, size); None when ``vocab`` is not
    such a mapping. Shared by the JSON saves whose vocabulary is one such dict (bpe-state, Ion)."""
    if not isinstance(vocab, dict) or not vocab or not all(isinstance(v, int) for v in vocab.values()):
        return None
    if len(vocab) > limits.max_items:
        raise fail(path, f"vocabulary has {len(vocab)} entries", "max_items")
    specials = sorted(k for k in vocab if k.startswith("<") and k.endswith(">") and len(k) <= 16)
    special_set = set(specials)
    return [k for k in vocab if k not in special_set], specials, len(vocab)


# Ion's saved tokenizer (ion-tokenizer 1.0.8, ion/tokenizer.py IonTokenizer.to_dict): version, vocab_size,
# fallback_mode, preserve_case, max_word_length, typo_correction, streaming_phrases, vocab (token -> id) and
# token_classes. A JSON document holding fallback_mode, typo_correction, streaming_phrases and vocab, with no top-level
# key outside that set, is that format (kind ion); the vocabulary is vocab (phrases, words and fallback characters).
_ION_REQUIRED = frozenset({"fallback_mode", "typo_correction", "streaming_phrases", "vocab"})
_ION_KEYS = _ION_REQUIRED | {"version", "vocab_size", "preserve_case", "max_word_length", "token_classes"}


def _ion(path: Path, doc: dict[str, Any], limits: Limits) -> TokenizerInfo | None:
    """Ion's tokenizer: the vocabulary from vocab (token -> int id); None when it is not that."""
    split = _token_id_vocab(path, doc.get("vocab"), limits)
    if split is None:
        return None
    names, specials, size = split
    return TokenizerInfo("ion", "plain", canonical_tokens(names, "plain"), specials, size,
                         {"fallback_mode": str(doc.get("fallback_mode"))[:32]})


# bpetokenizer's JSON save (bpetokenizer 1.2.1, bpetokenizer/base.py Tokenizer.save(mode="json")): exactly version,
# pattern (the split regex), special_tokens (token -> id), merges ("(a, b)" -> id) and vocab (id -> rendered token).
# A document of exactly these keys, of those types, is that format (kind bpetokenizer); the vocabulary is vocab's values.
_BPETOKENIZER_KEYS = frozenset({"version", "pattern", "special_tokens", "merges", "vocab"})


def _bpetokenizer(path: Path, doc: dict[str, Any], limits: Limits) -> TokenizerInfo | None:
    vocab, specials, merges = doc.get("vocab"), doc.get("special_tokens"), doc.get("merges")
    if not (isinstance(doc.get("pattern"), str) and isinstance(vocab, dict) and vocab and isinstance(merges, dict)
            and isinstance(specials, dict) and all(isinstance(v, int) for v in specials.values())):
        return None
    # ids in ASCII digits of at most 9 (str.isdigit is also true of '\u00b2' and of 5,000 digits, which int() refuses)
    if not all(k.isascii() and k.isdigit() and len(k) <= 9 and isinstance(v, str) for k, v in vocab.items()):
        return None
    if len(vocab) > limits.max_items:
        raise fail(path, f"vocabulary has {len(vocab)} entries", "max_items")
    names = [v for _k, v in sorted(vocab.items(), key=lambda kv: int(kv[0]))]
    return TokenizerInfo("bpetokenizer", "plain", canonical_tokens(names, "plain"), sorted(specials),
                         len(vocab) + len(specials), {"merges": len(merges)})


# MS3P Sushima's JSON save (ms3p-sushima-tokenizer 3.0.0, ms3p_sushima_engine/ms3p_token_engine_v3.py save with
# use_msgpack False): the 8-byte marker JSON0001, then a JSON object of schema_version, version, config,
# special_tokens, next_token_id, vocab (token -> id) and merge_order. (Its MSGPACK1 form is not read.)
MS3P_JSON_MAGIC = b"JSON0001"
_MS3P_REQUIRED = frozenset({"schema_version", "special_tokens", "next_token_id", "vocab"})
_MS3P_KEYS = _MS3P_REQUIRED | {"version", "config", "merge_order"}


def _ms3p(path: Path, doc: Any, limits: Limits) -> TokenizerInfo | None:
    if not isinstance(doc, dict) or not _MS3P_REQUIRED <= doc.keys() <= _MS3P_KEYS:
        return None
    vocab, specials = doc.get("vocab"), doc.get("special_tokens")
    if not (isinstance(vocab, dict) and vocab and all(isinstance(v, int) for v in vocab.values())
            and isinstance(specials, dict)):
        return None
    if len(vocab) > limits.max_items:
        raise fail(path, f"vocabulary has {len(vocab)} entries", "max_items")
    names = [k for k in vocab if k not in specials]
    return TokenizerInfo("ms3p", "plain", canonical_tokens(names, "plain"), sorted(specials), len(vocab),
                         {"ms3p.schema_version": doc.get("schema_version")})


# ctok's piece tables (ctok 1.3.0 ctok/data/pieces_<family>.json): {"meta": {...}, "tokens": {category: {piece:
# {"probe", "raw", "kind"}}}}, where meta records how each piece was measured (family, source_model, base,
# message_overhead, witness: the probe standard and the model measured on). A document of exactly these two keys whose
# meta holds those measurement fields and whose tokens are categories of probed pieces is that format (kind
# ctok-pieces): a tokenizer reconstructed from API token counts, not a model maker's own vocabulary file.
_CTOK_META = frozenset({"family", "source_model", "base", "message_overhead", "witness"})


def _ctok_pieces(path: Path, doc: dict[str, Any], limits: Limits) -> TokenizerInfo | None:
    """ctok's piece table: the pieces of every category as the vocabulary; None when it is not that format."""
    meta, cats = doc.get("meta"), doc.get("tokens")
    if not isinstance(meta, dict) or not meta.keys() >= _CTOK_META or not isinstance(meta.get("witness"), dict):
        return None
    if not isinstance(cats, dict) or not cats or not all(isinstance(v, dict) for v in cats.values()):
        return None
    pieces: list[str] = []
    specials: set[str] = set()
    for table in cats.values():
        if len(pieces) + len(table) > limits.max_items:
            raise fail(path, "more pieces than max_items", "max_items")
        for piece, rec in table.items():
            if not isinstance(rec, dict):
                return None
            if rec.get("kind") == "special":  # ctok's own markers (word boundaries), not measured pieces
                specials.add(piece)
            elif "probe" in rec:
                pieces.append(piece)
            else:
                return None
    if not pieces:
        return None
    seen = set(pieces)
    return TokenizerInfo("ctok-pieces", "plain", canonical_tokens(sorted(seen), "plain"), sorted(specials),
                         len(seen) + len(specials),
                         {"ctok.family": str(meta.get("family"))[:64],
                          "ctok.measured_on": str(meta.get("source_model"))[:128]})


# characters GPT-2's bytes_to_unicode never produces (it maps these bytes to U+0100..U+0143)
_NOT_BYTE_LEVEL = re.compile("[\x00-\x20\x7f-\xa0\xad]")
MIN_RAW_TEXT = 50


def _vocab_json(path: Path, doc: dict[str, Any], limits: Limits) -> TokenizerInfo | None:
    """GPT-2's vocab.json / encoder.json: token -> id, more than 100 of them (None: not that shape)."""
    if not (doc and len(doc) > 100 and all(isinstance(v, int) for v in doc.values())):
        return None
    if len(doc) > limits.max_items:
        raise fail(path, f"vocabulary has {len(doc)} entries", "max_items")
    names = [k for k in doc if not (k.startswith("<|") and k.endswith("|>"))]
    specials = sorted(set(doc) - set(names))
    raw = sum(1 for k in names if _NOT_BYTE_LEVEL.search(k))
    ordered = _by_id(doc)
    if raw < max(MIN_RAW_TEXT, len(names) // 100):
        layout: dict[str, Any] = {"head": ordered[:HEAD_TOKENS]}
        if _wordend_layout(ordered):
            layout["wordend"] = True
        return TokenizerInfo("vocab.json", "byte-level", canonical_tokens(names, "byte-level"), specials, len(doc),
                             layout)
    # Tokens in plain text (a raw space, newline or control character, which GPT-2's byte-level alphabet never holds):
    # a byte vocabulary (tiktoken's ranks) exported as {token.decode("utf-8", "replace"): id}. Its tokens are their
    # own UTF-8 bytes; the byte tokens that are no UTF-8 became U+FFFD strings and collided, each collision dropping
    # an id. The ids missing from the contiguous range are those collisions: kept as lossy_tokens, which the near
    # match allows as a size difference (as for whisper.cpp's text vocabularies), when the file has U+FFFD keys.
    extra: dict[str, Any] = {"head": ordered[:HEAD_TOKENS]}
    replaced = sum(1 for k in names if "\ufffd" in k)
    if replaced:
        ids = doc.values()
        gaps = max(ids) - min(ids) + 1 - len(doc)
        if 0 < gaps <= len(doc) // 20:
            extra["lossy_tokens"] = gaps + replaced
    return TokenizerInfo("vocab.json", "text", canonical_tokens(names, "text"), specials, len(doc), extra)


_CONFIG_TOKEN_KEYS = ("bos_token", "eos_token", "unk_token", "pad_token", "sep_token", "cls_token", "mask_token")


def _tokenizer_config(path: Path, doc: dict[str, Any], limits: Limits) -> TokenizerInfo | None:
    """A tokenizer_config.json on its own (transformers' ``added_tokens_decoder``: id -> {content, special ...}):
    no vocabulary, only the added and special tokens it names (and its ``tokenizer_class``), which is what it can
    say about the model. None when it names no added tokens."""
    decoder = doc.get("added_tokens_decoder")
    if not isinstance(decoder, dict) or not decoder:
        return None
    if len(decoder) > limits.max_items:
        raise fail(path, f"added_tokens_decoder has {len(decoder)} entries", "max_items")
    found = {v["content"] for v in decoder.values() if isinstance(v, dict) and isinstance(v.get("content"), str)}
    extra = doc.get("additional_special_tokens")
    if isinstance(extra, list):
        found.update(t if isinstance(t, str) else t.get("content") for t in extra[: limits.max_items]
                     if isinstance(t, str) or (isinstance(t, dict) and isinstance(t.get("content"), str)))
    for key in _CONFIG_TOKEN_KEYS:
        v = doc.get(key)
        v = v.get("content") if isinstance(v, dict) else v
        if isinstance(v, str):
            found.add(v)
    found.discard("")
    if not found:
        return None
    cls = doc.get("tokenizer_class")
    return TokenizerInfo("tokenizer_config", "byte-level", [], sorted(found), len(decoder),
                         {"tokenizer_class": cls[:100]} if isinstance(cls, str) else {})


_ADDED_KEY = re.compile(rb'"added_tokens"\s*:\s*\[')
_MODEL_KEY = re.compile(rb'"model"\s*:\s*\{')
_VOCAB_KEY = re.compile(rb'"vocab"\s*:\s*')
_TYPE_KEY = re.compile(rb'"type"\s*:\s*"(BPE|WordPiece|Unigram|WordLevel)"')


def _cut_tokenizer_json(path: Path, data: bytes, limits: Limits) -> TokenizerInfo | None:
    """A tokenizer.json cut short (a partial copy; the end, usually part of ``merges``, is missing): read when every
    key before ``model`` and the whole ``model.vocab`` are there, which is all a fingerprint uses. The
    ``tokenizers`` library writes ``added_tokens``, the normaliser, pre-tokenizer, post-processor and decoder before
    ``model``, and ``vocab`` before ``merges``; a key followed by ``:`` cannot occur inside a JSON string, so the
    first ``"model": {`` is the model. The parts are parsed with json's own decoder on the already size-checked
    bytes (parse_json_bounded ran first). None when the file is not cut that way (the caller keeps its error)."""
    if data.lstrip()[:1] != b"{":
        return None
    m = _MODEL_KEY.search(data)
    if m is None:
        return None
    head = data[: m.start()].rstrip()
    if head.endswith(b","):
        head = head[:-1]
    v = _VOCAB_KEY.search(data, m.end())
    t = _TYPE_KEY.search(data, m.end(), v.start() if v else m.end())
    if v is None or t is None:
        return None
    vocab_text = data[v.end():].decode("utf-8", "ignore")
    cut_in_vocab = False
    try:
        doc = json.loads(head + b"}")
        vocab, _end = json.JSONDecoder().raw_decode(vocab_text)
    except (ValueError, RecursionError):
        # cut inside the vocabulary itself: the entries before the cut are its start
        vocab = _close_cut(vocab_text, "}" if vocab_text[:1] == "{" else "]")
        cut_in_vocab = True
        try:
            doc = json.loads(head + b"}")
        except (ValueError, RecursionError):
            return None
    if not isinstance(doc, dict) or not isinstance(vocab, (dict, list)):
        return None
    model: dict[str, Any] = {"type": t.group(1).decode()}
    # the model's own keys written before its vocab ("dropout": null, "byte_fallback": true ...): plain values, kept
    # (byte_fallback says how the tokens spell bytes); a key that does not parse on its own is left out
    scalars = data[m.end() : v.start()].strip().rstrip(b",").strip()
    if scalars:
        try:
            fields = json.loads(b"{" + scalars + b"}")
        except (ValueError, RecursionError):
            fields = None
        if isinstance(fields, dict):
            model.update((k, val) for k, val in fields.items() if k != "vocab" and (val is None or isinstance(
                val, (str, int, float, bool))))
    doc["model"] = {**model, "vocab": vocab}
    info = _tokenizer_json(path, doc, limits)
    info.extra = {**info.extra, "cut": "the file ends early (cut short inside model.vocab); read up to its last whole "
                                       "entry" if cut_in_vocab else
                  "the file ends early (cut short); read up to the end of model.vocab"}
    return info


CUT_TRIES = 8


def _close_cut(text: str, closer: str) -> Any:
    """The JSON value that ``text`` (an object or array cut short) holds up to its last whole item, closed with
    ``closer``; None when that does not parse. Tried at the last CUT_TRIES commas (a comma inside the cut item's
    string, or inside a nested pair, is passed over). Only a single-level container, or one whose items are closed
    before the cut comma, closes this way: enough for a vocabulary (token -> id, [piece, score] pairs, tekken's
    records). The text was size-checked by parse_json_bounded before (its container and item counts). A try that
    fails on a string left open (the cut token's, when the comma was inside it) fails the same way at every comma
    inside that string, so the next try is at the comma before the string: a cut token holding commas costs one
    parse of the whole text more, not CUT_TRIES (a 3.9M-entry vocab.json cut inside a string of 20 commas: 8 parses,
    32 s of CPU; redteam15)."""
    pos = len(text)
    for _ in range(CUT_TRIES):
        pos = text.rfind(",", 0, pos)
        if pos <= 0:
            return None
        try:
            return json.loads(text[:pos] + closer)
        except json.JSONDecodeError as exc:
            if exc.msg.startswith("Unterminated string"):
                pos = min(pos, exc.pos)
        except (ValueError, RecursionError):
            continue
    return None


def _cut_json(path: Path, data: bytes, limits: Limits) -> TokenizerInfo | None:
    """A vocabulary JSON other than tokenizer.json cut short: GPT-2's flat vocab.json / encoder.json (token -> id),
    a Tekken file (``config`` then the ``vocab`` records) or Ion's tokenizer (its settings, then ``vocab``), read up to
    its last whole entry."""
    text = data.decode("utf-8", "ignore")
    stripped = text.lstrip()
    if re.match(r'\{\s*"(?:[^"\\]|\\.){0,256}"\s*:\s*\d', stripped):  # {"!": 0, ... a flat token -> id object
        doc = _close_cut(stripped, "}")
        tok = _vocab_json(path, doc, limits) if isinstance(doc, dict) else None
    elif re.match(r'\{\s*"config"\s*:', stripped) and re.search(r'"vocab"\s*:\s*\[', stripped):
        doc = _close_cut(stripped, "]}")
        tok = _tekken(path, doc, limits) if isinstance(doc, dict) and isinstance(doc.get("vocab"), list) else None
    elif re.match(r'\{\s*"version"\s*:', stripped) and re.search(r'"fallback_mode"\s*:', stripped[:4096]):
        # Ion's to_dict cut short: whole up to token_classes (after vocab), or cut inside vocab
        at = stripped.find('"token_classes"')
        try:
            doc = _close_cut(stripped, "}}") if at < 0 else json.loads(stripped[:at].rstrip().rstrip(",") + "}")
        except (ValueError, RecursionError):
            doc = None
        ok = isinstance(doc, dict) and _ION_REQUIRED <= doc.keys() <= _ION_KEYS
        tok = _ion(path, doc, limits) if ok and isinstance(doc, dict) else None
    else:
        return None
    if tok is not None:
        tok.extra = {**tok.extra, "cut": "the file ends early (cut short); read up to its last whole entry"}
    return tok


def added_tokens_only(path: Path, limits: Limits = DEFAULT_LIMITS) -> list[str] | None:
    """The ``added_tokens`` of a tokenizer.json without parsing its vocabulary and merges (~1 % of the file).

    In every serialisation of the ``tokenizers`` library ``added_tokens`` is a top-level key written before
    ``model``, and a key followed by ``:`` cannot occur inside a JSON string, so the first match is it.
    None when the file does not look like that (the caller then reads the whole file).
    """
    data = read_bounded(path, limits.max_text_bytes)
    if data.lstrip()[:1] != b"{":
        return None
    m = _ADDED_KEY.search(data)
    if m is None:
        return None
    model = re.compile(rb'"model"\s*:').search(data, m.end())
    chunk = data[m.end() - 1 : model.start() if model else len(data)]
    try:
        added, _ = json.JSONDecoder().raw_decode(chunk.decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    if not isinstance(added, list):
        return None
    specials, _every = _special_from_added(added)
    return specials


def special_tokens_from_config(path: Path, limits: Limits = DEFAULT_LIMITS) -> list[str]:
    """Special tokens named in a tokenizer_config.json / special_tokens_map.json (bounded)."""
    doc = parse_json(path, read_bounded(path, limits.max_text_bytes), limits)
    found: set[str] = set()
    if not isinstance(doc, dict):
        return []
    decoder = doc.get("added_tokens_decoder")
    if isinstance(decoder, dict):
        for v in decoder.values():
            if isinstance(v, dict) and isinstance(v.get("content"), str):
                found.add(v["content"])
    for key in ("bos_token", "eos_token", "unk_token", "pad_token", "sep_token", "cls_token", "mask_token"):
        v = doc.get(key)
        if isinstance(v, dict):
            v = v.get("content")
        if isinstance(v, str):
            found.add(v)
    return sorted(found)


