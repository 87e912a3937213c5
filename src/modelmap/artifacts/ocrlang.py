"""Two small, documented language-data formats read by hand: Tesseract ``.traineddata`` and libhyphen ``.dic``.

Both are read here rather than through a library because the formats are a few fields long and the libraries that
read them (tesseract's C++ TessdataManager, libhyphen's C hnj_hyphen_load) are native code that would load the whole
file; nothing is executed or deserialised, and a file that does not hold together raises ReadError (a skipped file).

* Tesseract traineddata (tesseract ``src/ccutil/tessdatamanager.cpp`` / ``.h``): an int32 count of component slots
  (TESSDATA_NUM_ENTRIES: 24 since 4.00; the legacy sets have fewer), then one int64 offset per slot (-1 for an absent
  component), then the components back to back. Slot 0 is the language config, 1 the unicharset (text: its first
  line is the number of unichars), 17 the LSTM network, 21 the LSTM unicharset, 23 the version string (4.00 on, e.g.
  ``4.00.00alpha:eng:synth20170629:[...]``). The offsets must start right after the table and grow; the reader keeps
  which components are present, the unichar counts and the version string (at most 256 bytes). The format is
  Tesseract's, written by its training tools for anyone's language data: it names the toolkit (family tesseract),
  not who trained the file. The version string is the trainer's own record: Google's official sets keep the name
  of their training run in it (structures.yaml ``tesseract-google-official``), which a fine-tune started from an
  official file keeps too. A file cut short (offsets past its end) is read as far as it goes: the table lists every
  component, those that start inside the file are read, the rest are reported as cut (``truncated_at``).
* libhyphen hyphenation dictionaries (hyph_<lang>.dic, LibreOffice / OpenOffice.org / Hunspell's hyphen library,
  ``hyphen.c`` hnj_hyphen_load): the first line names the character set (UTF-8, ISO8859-1, KOI8-R,
  microsoft-cp1251 ...), then optional ``%`` / ``#`` comments and keywords (LEFTHYPHENMIN, RIGHTHYPHENMIN,
  COMPOUNDLEFTHYPHENMIN, COMPOUNDRIGHTHYPHENMIN, NOHYPHEN, NEXTLEVEL), then Liang / TeX patterns, one a line (letters
  with inter-letter digits: ``.a2ch4``, ``4m1p``, optionally ``/`` non-standard replacements). The reader decodes the
  first HYPHEN_HEAD bytes in the declared charset and requires at least MIN_PATTERNS pattern lines, with at most one
  line in 50 that is none of these (a line of letters alone is a pattern whose values are all 0, and neither counts
  for nor against). The format names the library (family hyphen); the patterns' authors differ per
  language and are not named.
"""

from __future__ import annotations

import codecs
import itertools
import re
import struct
from pathlib import Path
from typing import Any

from modelmap.artifacts.base import DEFAULT_LIMITS, ArtifactInfo, Limits, fail, mapped, read_head

# --- Tesseract traineddata ---------------------------------------------------------------------------------------

TESS_MIN_SLOTS, TESS_MAX_SLOTS = 8, 31  # 3.0x files have 13..16 slots, 4.00+ 24; 31 fit the 256-byte sniff head
TESS_SLOTS = ("lang-config", "unicharset", "ambigs", "inttemp", "pffmtable", "normproto", "punc-dawg", "word-dawg",
              "number-dawg", "freq-dawg", "fixed-length-dawgs", "cube-unicharset", "cube-system-dawg",
              "shapetable", "bigram-dawg", "unambig-dawg", "params-model", "lstm", "lstm-punc-dawg",
              "lstm-word-dawg", "lstm-number-dawg", "lstm-unicharset", "lstm-recoder", "version")
TESS_UNICHARSET, TESS_LSTM_UNICHARSET, TESS_VERSION = 1, 21, 23
MAX_VERSION = 256
_PRINTABLE = re.compile(r"^[\x20-\x7e]{1,256}$")


def _tess_table(head: bytes, size: int | None = None) -> list[int] | None:
    """The component offsets when the head opens with a plausible table (None otherwise): a slot count in range,
    every offset -1 or past the table, the present ones strictly growing from right after the table, at least two."""
    if len(head) < 4:
        return None
    (n,) = struct.unpack_from("<i", head, 0)
    if not TESS_MIN_SLOTS <= n <= TESS_MAX_SLOTS or len(head) < 4 + 8 * n:
        return None
    offsets = list(struct.unpack_from(f"<{n}q", head, 4))
    present = [o for o in offsets if o != -1]
    if len(present) < 2 or present[0] != 4 + 8 * n or any(b <= a for a, b in itertools.pairwise(present)):
        return None
    if size is not None and present[0] >= size:  # nothing past the table: no component to read
        return None
    return offsets


def _unichar_count(data: bytes) -> int | None:
    """The unicharset's first line, the number of unichars; None unless the whole line is there (a file cut inside
    it would give a shorter number)."""
    if b"\n" not in data[:16]:
        return None
    line = data[:16].split(b"\n", 1)[0].strip()
    return int(line) if line.isdigit() else None


class TesseractReader:
    id = "tesseract"
    description = "Tesseract .traineddata: components present, unichar counts, version string"

    def sniff(self, head: bytes) -> bool:
        return _tess_table(head) is not None

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        with mapped(path) as buf:
            size = len(buf)
            offsets = _tess_table(bytes(buf[:4 + 8 * TESS_MAX_SLOTS]), size)
            if offsets is None:
                raise fail(path, "no Tesseract component table (slot count, growing offsets inside the file)")
            present = [(i, o) for i, o in enumerate(offsets) if o != -1]
            # a component that starts past the end was cut off (a truncated file); the last one inside ends at the cut
            cut_off = [i for i, o in present if o >= size]
            present = [(i, o) for i, o in present if o < size]
            spans = {i: (o, min(size, present[k + 1][1] if k + 1 < len(present) else size))
                     for k, (i, o) in enumerate(present)}
            props: dict[str, Any] = {"tesseract.slots": len(offsets),
                                     "tesseract.components": " ".join(
                                         TESS_SLOTS[i] if i < len(TESS_SLOTS) else str(i) for i in spans)}
            for slot, key in ((TESS_UNICHARSET, "tesseract.unichars"), (TESS_LSTM_UNICHARSET, "tesseract.lstm_unichars")):
                if slot in spans:
                    count = _unichar_count(bytes(buf[spans[slot][0]:spans[slot][0] + 16]))
                    if count is None:
                        raise fail(path, f"the {TESS_SLOTS[slot]} component does not open with a unichar count")
                    props[key] = count
            if TESS_VERSION in spans:
                start, end = spans[TESS_VERSION]
                text = bytes(buf[start:min(end, start + MAX_VERSION)]).decode("ascii", "replace").strip("\x00\n ")
                if not _PRINTABLE.match(text):
                    raise fail(path, "the version component is not a printable version string")
                props["tesseract.version"] = text
        if "tesseract.unichars" not in props and "tesseract.lstm_unichars" not in props:
            raise fail(path, "a component table, but no unicharset: not a traineddata file")
        info = ArtifactInfo(path=str(path), format="tesseract-traineddata")
        info.metadata["format_props"] = props
        info.notes.append(f"Tesseract traineddata: {props['tesseract.components']}"
                          + (f"; version {props['tesseract.version']!r}" if "tesseract.version" in props else "")
                          + "; Tesseract's own format, written by its training tools for anyone's data")
        if cut_off:
            info.metadata["truncated_at"] = size
            names = ", ".join(TESS_SLOTS[i] if i < len(TESS_SLOTS) else str(i) for i in cut_off)
            info.notes.append(f"partial read: the file ends at byte {size}, before the start of {len(cut_off)} "
                              f"component(s) its table lists ({names}); the components before the cut were read")
        return info


# --- libhyphen .dic ----------------------------------------------------------------------------------------------

HYPHEN_HEAD = 4 * 1024 * 1024
MIN_PATTERNS = 50
_CHARSET = re.compile(rb"^(UTF-8|ISO[-_]?8859-\d{1,2}|KOI8-[RU]|microsoft-cp125\d|cp125\d|windows-125\d|TIS-?620)"
                      rb"[ \t]*\r?\n", re.I)
_HYPHEN_KEYWORD = re.compile(r"^(LEFTHYPHENMIN|RIGHTHYPHENMIN|COMPOUNDLEFTHYPHENMIN|COMPOUNDRIGHTHYPHENMIN)\s+(\d{1,2})$")
_HYPHEN_FLAG = re.compile(r"^(NOHYPHEN\s+\S{1,200}|NEXTLEVEL)$")
# a Liang pattern: letters (any script, plus ' and - and the word boundary .) with at least one digit between them,
# optionally a non-standard change after '/' (c1k/k=k,1,1)
_PATTERN = re.compile(r"^\.?(?:[^\W\d_]|['\-])*\d(?:[^\W_]|['\-])*\.?(?:/\S{1,64})?$")
# a pattern of letters alone (all inter-letter values 0: German's compound-level lists have many, "her", "hinter")
_LETTERS = re.compile(r"^\.?(?:[^\W\d_]|['\-])+\.?$")
_HYPHEN_CODECS = {"microsoft-cp1250": "cp1250", "microsoft-cp1251": "cp1251", "microsoft-cp1252": "cp1252",
                  "microsoft-cp1253": "cp1253", "microsoft-cp1254": "cp1254", "microsoft-cp1257": "cp1257",
                  "tis620": "tis-620", "tis-620": "tis-620"}


def _codec(charset: str) -> str:
    name = _HYPHEN_CODECS.get(charset.lower(), charset)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return "latin-1"


class HyphenDictReader:
    id = "hyphen-dic"
    description = "libhyphen hyphenation dictionary (hyph_<lang>.dic): charset, keywords and pattern count"

    def sniff(self, head: bytes) -> bool:
        return bool(_CHARSET.match(head))

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        data = read_head(path, HYPHEN_HEAD)
        m = _CHARSET.match(data)
        if m is None:
            raise fail(path, "no charset line (UTF-8, ISO8859-n, KOI8-R, microsoft-cp125n ...)")
        charset = m.group(1).decode("ascii")
        body = data[m.end():]
        if len(data) == HYPHEN_HEAD:  # cut: drop the partial last line
            body = body[:body.rfind(b"\n") + 1]
        text = body.decode(_codec(charset), "replace")
        props: dict[str, Any] = {"hyphen.charset": charset}
        patterns = other = 0
        for raw in text.splitlines():
            ln = raw.strip()
            if not ln or ln[0] in "%#":
                continue
            k = _HYPHEN_KEYWORD.match(ln)
            if k:
                props[f"hyphen.{k.group(1).lower()}"] = int(k.group(2))
            elif _PATTERN.match(ln):
                patterns += 1
            elif _HYPHEN_FLAG.match(ln) or _LETTERS.match(ln):
                continue
            else:
                other += 1
        if patterns < MIN_PATTERNS or other * 50 > patterns:
            raise fail(path, f"a charset line, but {patterns} hyphenation patterns and {other} other lines")
        props["hyphen.patterns"] = patterns
        info = ArtifactInfo(path=str(path), format="hyphen-dic")
        info.metadata["format_props"] = props
        info.notes.append(f"libhyphen hyphenation patterns ({charset}, {patterns} patterns read); the format names the "
                          "hyphenation library, not who wrote the language's patterns")
        return info
