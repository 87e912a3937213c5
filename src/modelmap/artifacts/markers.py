"""Readers for two model formats that say what they are in their first bytes: OpenCV cascade classifiers and
Sudachi binary dictionaries. Header-only and bounded; nothing is parsed past the first 64 KiB.

* OpenCV cascade classifiers (``haarcascade_*.xml``, ``lbpcascade_*.xml``), written by OpenCV's FileStorage: an XML
  declaration, an optional comment (the bundled cascades carry their author and licence there), then
  ``<opencv_storage>`` whose first element is either the old Haar format, ``<NAME type_id="opencv-haar-classifier">``
  with ``<size>W H</size>`` (opencv/data/haarcascades, cvLoadHaarClassifierCascade), or the new format written by
  ``opencv_traincascade``, ``<cascade type_id="opencv-cascade-classifier">`` with ``<stageType>``, ``<featureType>``
  (HAAR, LBP, HOG), ``<height>`` and ``<width>`` (opencv/apps/traincascade, CascadeClassifier::read). Hand-written
  with regular expressions over the first 64 KiB, not an XML parser: only the head is read (the weights, up to
  megabytes of stages, never are), so no entity or DOCTYPE is ever expanded; a DOCTYPE is refused outright.
* Sudachi binary dictionaries (``system.dic``, ``user.dic``; WorksApplications/sudachi.rs
  ``sudachi/src/dic/header.rs``): the 16 ASCII bytes ``SudachiBinaryDic`` open a dictionary of the current layout,
  then a little-endian version and the build description; older dictionaries open with one of the eight-byte
  version constants ``SYSTEM_DICT_VERSION_1/2`` or ``USER_DICT_VERSION_1/2/3`` and a 256-byte description. The
  description (the build time and, for SudachiDict, its edition) is kept as a claim.

* Pronouncing dictionaries in CMUdict's format (``cmudict.dict`` of cmusphinx/cmudict: ``word PH PH ...`` per line,
  alternates as ``word(2)``, an optional ``# comment``; the older ``cmudict-0.7b``: upper-case words, two spaces,
  ``;;;`` comment lines): every phone one of the 39 ARPAbet phones cmudict.dict uses, vowels with a lexical
  stress digit 0 / 1 / 2. Only the first 256 KiB is read, line by line. The same phones without stress digits are
  CMU Sphinx's dictionary format (pocketsphinx ``cmudict-en-us.dict``), taken only as a whole dictionary's head.

* OpenCC dictionaries (``STCharacters.txt``, ``STPhrases.txt``, ...; BYVoid/OpenCC ``data/dictionary``): a text file
  of ``key<TAB>value[ value...]`` lines, which the project's files open with the comment lines
  ``# Open Chinese Convert (OpenCC) Dictionary``, ``# File:``, ``# License:``, ``# Source:``. The header is the
  file's own claim; the entry lines after it are checked to be that format (first 64 KiB).

* Word-label lexicons as JSON (a word, then the list of its labels: NRCLex's ``nrc_en.json``, ``{"abandon": ["fear",
  "negative", "sadness"], ...}``): the set of labels is what says which lexicon it is (its annotation scheme).
  Scanned entry by entry with one bounded regular expression over the first 16 MiB, never ``json.loads`` of the
  whole file: a truncated copy still reads, and nesting is refused outright (a value is a flat list of strings).

* PieceTokenizer models (Ismantic/PieceTokenizer's text ``.pt``: a ``[CounterSpec]`` section of ``key=value`` lines
  naming the training method and vocabulary size, then ``[NormalizerSpec]`` and ``[Pieces]``): the first section's
  values, from the first 64 KiB.

No library reads these headers without loading the whole model (OpenCV's CascadeClassifier, SudachiPy's
Dictionary, cmudict's loader), hence these few lines.
"""

from __future__ import annotations

import json
import re
import struct
from pathlib import Path

from modelmap.artifacts.base import DEFAULT_LIMITS, ArtifactInfo, Limits, fail, read_head

XML_HEAD = 64 * 1024
_XML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s{0,64}(?:<\?xml[^>]{0,200}\?>\s{0,64})?(?:<!--|<opencv_storage\b)")
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_COMMENT = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]{0,200}\?>\s*)?<!--(.{0,60000}?)-->", re.DOTALL)
_STORAGE = re.compile(rb"<opencv_storage>\s*(?:<!--.{0,4096}?-->\s*)*<([A-Za-z_][A-Za-z0-9_.-]{0,127})"
                      rb"(?:\s+type_id=\"(opencv-haar-classifier|opencv-cascade-classifier)\")?\s*>", re.DOTALL)
_TAG = {name: re.compile(rb"<" + name.encode() + rb">\s*([^<]{1,64}?)\s*</" + name.encode() + rb">")
        for name in ("size", "stageType", "featureType", "height", "width", "stageNum")}
_DIMS = re.compile(r"^(\d{1,5}) (\d{1,5})$")
MAX_COMMENT_KEPT = 2048

SUDACHI_MAGIC = b"SudachiBinaryDic"
# sudachi.rs sudachi/src/dic/header.rs: HeaderVersion constants (u64, little-endian on disk)
SUDACHI_VERSIONS = {
    0x7366D3F18BD111E7: ("system", 1),
    0xCE9F011A92394434: ("system", 2),
    0xA50F31188BD211E7: ("user", 1),
    0x9FDEB5A90168D868: ("user", 2),
    0xCA9811756FF64FB0: ("user", 3),
}
_PRINTABLE = re.compile(r"[^\x20-\x7e\u00a0-\uffff]")
_RUNS = re.compile(rb"[\x21-\x7e]{4,}")


def _tag(text: bytes, name: str) -> str | None:
    m = _TAG[name].search(text)
    return m.group(1).decode("ascii", "replace").strip() if m else None


class OpenCVCascadeReader:
    id = "opencv-cascade"
    description = "OpenCV cascade classifier XML (Haar / LBP / HOG): format, feature type, window size, comment"

    def sniff(self, head: bytes) -> bool:
        return _XML_START.match(head) is not None

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        head = read_head(path, XML_HEAD)
        if _DOCTYPE.search(head):
            raise fail(path, "XML with a DOCTYPE: not an OpenCV cascade (FileStorage writes none); not read further")
        m = _STORAGE.search(head)
        if m is None:
            raise fail(path, "XML, but no OpenCV cascade classifier (<opencv_storage> then an element of type_id "
                             "opencv-haar-classifier or opencv-cascade-classifier) in its first 64 KiB")
        body = head[m.end():]
        if m.group(2) is None and (m.group(1) != b"cascade" or _tag(body, "stageType") is None
                                   or _tag(body, "featureType") is None):
            # opencv_traincascade's newer saves write a bare <cascade> (no type_id): taken only with its <stageType>
            # and <featureType>, so another FileStorage document (a calibration matrix) is not a cascade
            raise fail(path, "XML under <opencv_storage>, but neither a typed cascade element nor a <cascade> with "
                             "<stageType> and <featureType> in its first 64 KiB")
        kind = "haar-old" if m.group(2) == b"opencv-haar-classifier" else "cascade"
        props: dict[str, str | int] = {"cascade.format": kind}
        if kind == "haar-old":
            props["cascade.features"] = "HAAR"
            dims = _DIMS.match(_tag(body, "size") or "")
            if dims:
                props["cascade.width"], props["cascade.height"] = int(dims.group(1)), int(dims.group(2))
        else:
            for tag, key in (("stageType", "cascade.stage_type"), ("featureType", "cascade.features")):
                val = _tag(body, tag)
                if val:
                    props[key] = val[:32]
            for tag in ("width", "height", "stageNum"):
                val = _tag(body, tag)
                if val and val.isdigit():
                    props[f"cascade.{tag.lower()}"] = int(val)
        c = _COMMENT.match(head)
        comment = " ".join(c.group(1).decode("utf-8", "replace").split()) if c else ""
        props["cascade.comment"] = _PRINTABLE.sub("", comment)[:MAX_COMMENT_KEPT]  # "" when none (patterns test it)
        info = ArtifactInfo(path=str(path), format="opencv-cascade")
        info.metadata["format_props"] = props
        size = f"{props['cascade.width']}x{props['cascade.height']} " if "cascade.width" in props \
            and "cascade.height" in props else ""
        info.notes.append(f"OpenCV {size}{props.get('cascade.features', '?')} cascade classifier "
                          f"({'old Haar format' if kind == 'haar-old' else 'traincascade format'}); the format is "
                          "OpenCV's, whose detector it is the file's own comment may claim")
        return info


def _sudachi_description(raw: bytes) -> str:
    text = raw.split(b"\x00", 1)[0].decode("utf-8", "replace")
    return _PRINTABLE.sub("", text)[:256]


class SudachiDictReader:
    id = "sudachi-dic"
    description = "Sudachi binary dictionary (system.dic / user.dic): kind, version, build description"

    def sniff(self, head: bytes) -> bool:
        if head.startswith(SUDACHI_MAGIC):
            return True
        return len(head) >= 8 and struct.unpack_from("<Q", head, 0)[0] in SUDACHI_VERSIONS

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        head = read_head(path, 1024)
        props: dict[str, str | int] = {}
        if head.startswith(SUDACHI_MAGIC):
            if len(head) < 24:
                raise fail(path, "Sudachi dictionary header cut short")
            (version,) = struct.unpack_from("<Q", head, 16)
            props["sudachi.layout"] = "binary-dic"
            props["sudachi.version"] = version
            # then length-prefixed fields before the section table (ConnMatrix, POS, ...): the printable runs of
            # the build description (date, build id) are kept, a claim
            end = head.find(b"ConnMatrix", 24)
            runs = _RUNS.findall(head[24:end if 24 < end < 1024 else 280])
            props["sudachi.description"] = " ".join(r.decode("ascii") for r in runs)[:256]
        else:
            if len(head) < 16 + 256:
                raise fail(path, "Sudachi dictionary header cut short")
            kind, version = SUDACHI_VERSIONS[struct.unpack_from("<Q", head, 0)[0]]
            props["sudachi.layout"] = "header-v1"
            props["sudachi.kind"] = kind
            props["sudachi.version"] = version
            props["sudachi.description"] = _sudachi_description(head[16:16 + 256])
        info = ArtifactInfo(path=str(path), format="sudachi-dic")
        info.metadata["format_props"] = props
        info.notes.append("Sudachi binary dictionary" + (f" ({props['sudachi.kind']})" if "sudachi.kind" in props else "")
                          + f"; description {props['sudachi.description']!r} (its own claim)")
        return info


# the 39 ARPAbet phones cmudict.dict uses (every one of its lines read; vowels take a stress digit there)
ARPABET = frozenset([
    "AA", "AE", "AH", "AO", "AW", "AY", "B", "CH", "D", "DH", "EH", "ER", "EY", "F", "G", "HH", "IH", "IY", "JH", "K",
    "L", "M", "N", "NG", "OW", "OY", "P", "R", "S", "SH", "T", "TH", "UH", "UW", "V", "W", "Y", "Z", "ZH",
])
_PHONE = re.compile(r"^([A-Z]{1,2})([012]?)$")
LEXICON_HEAD = 256 * 1024
MIN_LEXICON_LINES = 20
# Without stress digits the same 39 phones are CMU Sphinx's dictionary format (pocketsphinx model/en-us/
# cmudict-en-us.dict: CMUdict, lower-case, stress removed, alternates word(2)). Such lines are also what anyone's
# small hand-made Sphinx lexicon looks like, so only a whole dictionary's head is taken: at least this many entries,
# at least one alternate pronunciation, and no other line at all.
MIN_UNSTRESSED_LINES = 1000
MIN_UNSTRESSED_SNIFF = 8  # entries in the 256-byte sniff head, every one valid
_ALTERNATE = re.compile(r"^\S+\(\d{1,2}\)$")
# CMUdict's licence as the dictionary's own header states it (cmusphinx/cmudict LICENSE; ttstokenizer 1.1.0's
# cmudict.dict opens with it): '# Copyright (C) 1993-2015 Carnegie Mellon University. All rights reserved.'
_CMU_HEADER = re.compile(r"^#\s*Copyright \(C\) 1993-20\d\d Carnegie Mellon University")


def _lexicon_line(line: str) -> tuple[bool, bool] | None:
    """(valid, has stress) for one entry line, None for a comment or blank line."""
    if not line.strip() or line.startswith((";;;", "#")):
        return None  # ;;; opens CMUdict 0.7's comments, # the licence header a packaged copy carries (ttstokenizer)
    body = line.split(" #", 1)[0].split()
    if len(body) < 2 or len(body[0]) > 200:
        return False, False
    stress = False
    for ph in body[1:]:
        m = _PHONE.match(ph)
        if m is None or m.group(1) not in ARPABET:
            return False, False
        stress = stress or bool(m.group(2))
    return True, stress


def _lexicon_lines(data: bytes, *, complete_only: bool) -> list[str] | None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:  # a cut multi-byte character at the end is fine
        if exc.start < len(data) - 3:
            return None
        text = data[:exc.start].decode("utf-8")
    lines = text.split("\n")
    if complete_only:
        lines = lines[:-1]
    return [ln.rstrip("\r") for ln in lines]


class ArpabetLexiconReader:
    id = "arpabet-lexicon"
    description = "pronouncing dictionary in CMUdict's format (word, then ARPAbet phones with stress digits)"

    def sniff(self, head: bytes) -> bool:
        lines = _lexicon_lines(head, complete_only=True)
        if not lines:
            return False
        seen = [_lexicon_line(ln) for ln in lines]
        entries = [v for v in seen if v is not None]
        if not entries and _CMU_HEADER.search(" ".join(lines)):
            # A head of comment lines only that carries CMU's copyright line: CMUdict with its licence prepended
            # (ttstokenizer's cmudict.dict). The 256-byte head holds no entry yet; read() then requires at least
            # MIN_LEXICON_LINES ARPAbet entries, so a commented file that is no lexicon is refused there.
            return all(ln.startswith("#") or not ln.strip() for ln in lines)
        if not entries or not all(v[0] for v in entries):
            return False
        return (len(entries) >= 3 and any(v[1] for v in entries)) or len(entries) >= MIN_UNSTRESSED_SNIFF

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        data = read_head(path, LEXICON_HEAD)
        lines = _lexicon_lines(data, complete_only=len(data) == LEXICON_HEAD)
        if lines is None:
            raise fail(path, "not UTF-8 text")
        if lines and not data.endswith(b"\n") and _lexicon_line(lines[-1]) == (False, False):
            lines.pop()  # a truncated copy's cut last line is not counted against it
        ok = bad = stressed = alternates = 0
        first = ""
        upper = lower = 0
        for ln in lines:
            v = _lexicon_line(ln)
            if v is None:
                continue
            if v[0]:
                ok += 1
                stressed += v[1]
                word = ln.split(None, 1)[0]
                upper += word.isupper()
                lower += word.islower()
                alternates += _ALTERNATE.match(word) is not None
                first = first or " ".join(ln.split(" #", 1)[0].split())[:64]
            else:
                bad += 1
        if ok < MIN_LEXICON_LINES or bad * 50 > ok:
            raise fail(path, f"not a pronouncing dictionary in CMUdict's format ({ok} ARPAbet entries, {bad} other "
                             "lines in the first 256 KiB)")
        if not stressed and (ok < MIN_UNSTRESSED_LINES or bad or not alternates):
            raise fail(path, f"ARPAbet lines without stress digits ({ok} entries, {alternates} alternates, {bad} "
                             "other lines in the first 256 KiB): not a whole dictionary in CMU Sphinx's format")
        info = ArtifactInfo(path=str(path), format="arpabet-lexicon")
        info.metadata["format_props"] = {"lexicon.phoneset": "arpabet-stress" if stressed else "arpabet",
                                         "lexicon.entries_read": ok,
                                         "lexicon.case": "upper" if upper > lower else "lower",
                                         "lexicon.first": first}
        if stressed:
            info.notes.append(f"pronouncing dictionary in CMUdict's format: {ok} entries read of ARPAbet phones "
                              f"with lexical stress (first {first!r}); the phone set is CMUdict's")
        else:
            info.notes.append(f"pronouncing dictionary in CMU Sphinx's format: {ok} entries read of ARPAbet phones "
                              f"without stress, {alternates} alternate pronunciations (first {first!r}); CMUdict's "
                              "phone set with the stress removed, as pocketsphinx ships it")
        return info


OPENCC_HEAD = b"# Open Chinese Convert (OpenCC) Dictionary"
_OPENCC_META = re.compile(r"^# (File|License|Source): (.{1,200})$")
_OPENCC_ENTRY = re.compile(r"^[^\t ]{1,64}\t[^\t ]{1,64}(?: [^\t ]{1,64}){0,32}$")


class OpenCCDictReader:
    id = "opencc-dict"
    description = "OpenCC conversion dictionary text (key, a tab, values) with its header comment"

    def sniff(self, head: bytes) -> bool:
        return head.lstrip(b"\xef\xbb\xbf").startswith(OPENCC_HEAD)

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        data = read_head(path, XML_HEAD)
        lines = _lexicon_lines(data, complete_only=len(data) == XML_HEAD)
        if lines is None:
            raise fail(path, "not UTF-8 text")
        props: dict[str, str | int] = {"opencc.header": OPENCC_HEAD[2:].decode()}
        ok = bad = 0
        for ln in lines[1:]:
            m = _OPENCC_META.match(ln)
            if m:
                props[f"opencc.{m.group(1).lower()}"] = m.group(2)
            elif ln.startswith("#") or not ln.strip():
                continue
            elif _OPENCC_ENTRY.match(ln):
                ok += 1
            else:
                bad += 1
        if ok < 3 or bad * 50 > ok:
            raise fail(path, f"an OpenCC header, but {ok} key/value lines and {bad} others in the first 64 KiB")
        props["opencc.entries_read"] = ok
        info = ArtifactInfo(path=str(path), format="opencc-dict")
        info.metadata["format_props"] = props
        info.notes.append(f"OpenCC dictionary by its own header ({props.get('opencc.file', 'no file name')}, "
                          f"source {props.get('opencc.source', 'not given')}); {ok} entries read")
        return info


LABEL_LEXICON_HEAD = 16 * 1024 * 1024
MIN_LABEL_ENTRIES = 1000  # a lexicon, not a config's one list
MAX_LABELS = 64  # distinct labels: an annotation scheme, not a second vocabulary
_JSTR = r'"(?:[^"\\\n]|\\.){0,200}"'
# one entry: "word": ["label", "label", ...] (at most 64 labels of at most 200 characters each; no nesting)
_LEX_ENTRY = re.compile(r"\s*(?:,\s*)?(" + _JSTR + r")\s*:\s*\[\s*((?:" + _JSTR + r"\s*(?:,\s*)?){0,64})\]")
_LEX_LABEL = re.compile(_JSTR)


class LabelLexiconReader:
    id = "label-lexicon"
    description = "word-label lexicon as one JSON object (word -> list of labels): the labels it uses"

    def sniff(self, head: bytes) -> bool:
        text = head.decode("utf-8", "ignore").lstrip("\ufeff")
        if not text.lstrip().startswith("{"):
            return False
        pos, n = text.index("{") + 1, 0
        while n < 3:
            m = _LEX_ENTRY.match(text, pos)
            if m is None:
                return False
            pos, n = m.end(), n + 1
        return True

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        data = read_head(path, LABEL_LEXICON_HEAD)
        text = data.decode("utf-8", "ignore").lstrip("\ufeff")
        start = text.find("{")
        if start < 0 or text[:start].strip():
            raise fail(path, "not a JSON object")
        pos, entries, cut = start + 1, 0, False
        labels: dict[str, int] = {}
        while entries < limits.max_items:
            m = _LEX_ENTRY.match(text, pos)
            if m is None:
                tail = text[pos:pos + 8192]
                if tail.lstrip(" \t\r\n,").startswith("}"):
                    break
                if len(text) - pos < 8192 and "]" not in tail:
                    cut = True  # the head's end or a truncated copy, inside an entry: the entries before it stand
                    break
                raise fail(path, f"entry {entries + 1} is not a word and a flat list of labels")
            for lab in _LEX_LABEL.findall(m.group(2)):
                try:
                    word = json.loads(lab)
                except ValueError:
                    raise fail(path, f"a label that is not a JSON string ({lab[:40]!r})") from None
                labels[word] = labels.get(word, 0) + 1
                if len(labels) > MAX_LABELS:
                    raise fail(path, f"more than {MAX_LABELS} distinct labels: not a word-label lexicon")
            pos, entries = m.end(), entries + 1
        if entries < MIN_LABEL_ENTRIES or not labels:
            raise fail(path, f"{entries} word-label entries, {len(labels)} labels: too few for a lexicon")
        info = ArtifactInfo(path=str(path), format="label-lexicon")
        info.metadata["format_props"] = {"lexicon.labelset": "|".join(sorted(labels)), "lexicon.entries_read": entries}
        info.notes.append(f"word-label lexicon: {entries} entries read{' (cut)' if cut else ''}, {len(labels)} "
                          f"labels ({', '.join(sorted(labels)[:12])})")
        return info


PIECE_SPEC_HEAD = b"[CounterSpec]"
_PIECE_KV = re.compile(r"^([a-z_]{1,40})=(.{0,200})$")
_PIECE_SECTION = re.compile(r"^\[([A-Za-z]{1,40})\]$")
MAX_PIECE_KEYS = 64


class PieceSpecReader:
    id = "piece-tokenizer-model"
    description = "PieceTokenizer text model (.pt): its [CounterSpec] section (method, vocab_size) and sections"

    def sniff(self, head: bytes) -> bool:
        return head.lstrip(b"\xef\xbb\xbf").startswith(PIECE_SPEC_HEAD + b"\n") or \
            head.lstrip(b"\xef\xbb\xbf").startswith(PIECE_SPEC_HEAD + b"\r\n")

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        data = read_head(path, XML_HEAD)
        lines = _lexicon_lines(data.lstrip(b"\xef\xbb\xbf"), complete_only=len(data) == XML_HEAD)
        if not lines or lines[0] != PIECE_SPEC_HEAD.decode():
            raise fail(path, "does not open with [CounterSpec]")
        props: dict[str, str | int] = {}
        sections: list[str] = []
        section = "CounterSpec"
        for ln in lines[1:]:
            if not ln.strip():
                continue
            m = _PIECE_SECTION.match(ln)
            if m:
                section = m.group(1)
                sections.append(section)
                continue
            kv = _PIECE_KV.match(ln)
            if kv is None:
                if section == "Pieces":
                    break  # the piece table itself: not read
                raise fail(path, f"a [{section}] line that is not key=value")
            if section == "CounterSpec" and len(props) < MAX_PIECE_KEYS:
                props[f"piece.{kv.group(1)}"] = kv.group(2)
            elif section == "Pieces" and kv.group(1) == "size":
                props["piece.pieces"] = kv.group(2)
        if "piece.method" not in props or not str(props.get("piece.vocab_size", "")).isdigit():
            raise fail(path, "a [CounterSpec] without method and vocab_size")
        props["piece.sections"] = "|".join(["CounterSpec", *sections])
        info = ArtifactInfo(path=str(path), format="piece-tokenizer-model")
        info.metadata["format_props"] = props
        info.notes.append(f"PieceTokenizer model: method {props['piece.method']!r}, vocabulary "
                          f"{props['piece.vocab_size']} (its own [CounterSpec] header)")
        return info
