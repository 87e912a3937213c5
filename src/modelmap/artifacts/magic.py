"""Model files known only by the magic their writer puts first: Kaldi's binary objects, UDPipe 1 models and three
small projects' own containers (hama's HAMAPK packs, genderfluid's GFT files, Nexaloid's NXBMES perceptrons).

Written by hand: these readers look at the first bytes only (at most HEAD bytes), which no maintained Python library
reads without loading the whole model (kaldi-io reads matrices, ufal.udpipe loads the model into its C++ engine, the
three projects' formats are read by their own native code). Nothing is executed or decoded beyond the header; what is
read goes into ``format_props`` for the structure patterns of knowledge/data/structures.yaml.

* Kaldi (kaldi-asr/kaldi, util/kaldi-io.cc and base/io-funcs.cc): a binary object opens with ``\\0B`` and then its
  first token, e.g. ``<TransitionModel>`` (an acoustic model's final.mdl: TransitionModel::Write) or
  ``<IvectorExtractor>`` (final.ie). The token is kept as ``kaldi.token``.
  Snowboy (KITT.AI) writes its universal models and its detector resource in the same layout (``<UniversalModel>``,
  ``<ResourceFile>``), some with every token stored XOR 0x43 after a ``\\0E`` mark; that token is decoded and kept
  too, with ``kaldi.obfuscated``.
* UDPipe 1 (ufal/udpipe, src/model/model.cpp): one length byte, then the model's method name, of which the only
  one is ``morphodita_parsito``, then a version byte. The format is read, and names no family: UDPipe trains a model
  from any treebank, so which model it is, and whose, is not in these bytes.
* hama (hamanlp): ``HAMAPK`` then a version; genderfluid: ``GFT\\0``, a uint32 version, a uint32 length and a JSON
  header (its keys are kept); Nexaloid: ``NXBMES01``.
"""

from __future__ import annotations

import json
import re
import struct
from pathlib import Path

from modelmap.artifacts.base import DEFAULT_LIMITS, ArtifactInfo, Limits, fail, read_head

HEAD = 4096
_KALDI = re.compile(rb"^\x00B<([A-Za-z][A-Za-z0-9]{1,63})> ")
# Snowboy (KITT.AI) stores some of its Kaldi-style models obfuscated: after "\0B" each token is written as "\0E" and
# the token's bytes XOR 0x43 ("<" is stored as 0x7f, ">" as 0x7d; a letter whose XOR would be a space or a control
# character - "c", "I", "N", "O" - is kept as itself), the separating space left as it is
_KALDI_XOR = re.compile(rb"^\x00B\x00E\x7f([^\x7d]{2,64})\x7d ")
KALDI_XOR_KEY = 0x43
_TOKEN = re.compile(r"^[A-Za-z][A-Za-z0-9]{1,63}$")
_UDPIPE_METHOD = b"morphodita_parsito"
MAX_GFT_HEADER = 1 << 16  # genderfluid's JSON header: a few hundred bytes in real files


class MagicReader:
    id = "magic"
    description = ("model files known by their writer's magic: Kaldi binary objects, UDPipe 1 models, hama HAMAPK "
                   "packs, genderfluid GFT, Nexaloid NXBMES")

    def sniff(self, head: bytes) -> bool:
        udpipe = head[:1] == bytes([len(_UDPIPE_METHOD)]) and head[1:1 + len(_UDPIPE_METHOD)] == _UDPIPE_METHOD
        return bool(_KALDI.match(head) or _xor_token(head)) or udpipe or head.startswith((b"HAMAPK", b"GFT\x00", b"NXBMES01"))

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        head = read_head(path, HEAD)
        props: dict[str, str | int] = {}
        kaldi = _KALDI.match(head)
        hidden = None if kaldi else _xor_token(head)
        if kaldi:
            fmt = "kaldi"
            props["kaldi.token"] = kaldi.group(1).decode("ascii")
            note = f"Kaldi binary object opening with <{props['kaldi.token']}>"
        elif hidden:
            fmt = "kaldi"
            props["kaldi.token"] = hidden
            props["kaldi.obfuscated"] = "xor-0x43"
            note = f"Kaldi-style binary object opening with <{hidden}>, its tokens stored XOR 0x43 (Snowboy's obfuscation)"
        elif head[:1] == bytes([len(_UDPIPE_METHOD)]) and head[1:1 + len(_UDPIPE_METHOD)] == _UDPIPE_METHOD:
            fmt = "udpipe"
            if len(head) <= 1 + len(_UDPIPE_METHOD):
                raise fail(path, "UDPipe model cut before its version byte")
            props["udpipe.method"] = _UDPIPE_METHOD.decode("ascii")
            props["udpipe.version"] = head[1 + len(_UDPIPE_METHOD)]
            note = f"UDPipe 1 model (method morphodita_parsito, version {props['udpipe.version']})"
        elif head.startswith(b"HAMAPK"):
            fmt = "hama-pack"
            if len(head) < 8:
                raise fail(path, "HAMAPK header cut short")
            props["hama.version"] = head[6]
            note = "hama HAMAPK model pack"
        elif head.startswith(b"GFT\x00"):
            fmt = "genderfluid"
            if len(head) < 12:
                raise fail(path, "GFT header cut short")
            version, length = struct.unpack_from("<II", head, 4)
            props["gft.version"] = version
            if 0 < length <= MAX_GFT_HEADER:
                raw = head[12:12 + length] if 12 + length <= len(head) else read_head(path, 12 + length)[12:]
                try:
                    doc = json.loads(raw.decode("utf-8"))
                except (UnicodeDecodeError, ValueError):
                    doc = None
                if isinstance(doc, dict):
                    props["gft.keys"] = "|".join(sorted(str(k) for k in doc)[:32])
            note = f"genderfluid GFT model (version {version})"
        elif head.startswith(b"NXBMES01"):
            fmt = "nexaloid-bmes"
            if len(head) < 12:
                raise fail(path, "NXBMES01 header cut short")
            props["nxbmes.field0"] = struct.unpack_from("<I", head, 8)[0]  # the uint32 after the magic (2 in the file read)
            note = "Nexaloid NXBMES01 BMES perceptron"
        else:
            raise fail(path, "no known magic")
        info = ArtifactInfo(path=str(path), format=fmt)
        info.metadata["format_props"] = props
        info.notes.append(note + ": the format names the toolkit that wrote it, not who trained the model")
        return info


def _xor_token(head: bytes) -> str | None:
    """The first token of a Kaldi-style object whose tokens are stored XOR 0x43 (see _KALDI_XOR), or None."""
    m = _KALDI_XOR.match(head)
    if m is None:
        return None
    # a byte whose XOR would be a space or a control character is stored as itself ("c", "I", "N", "O" stay)
    token = bytes(b if b ^ KALDI_XOR_KEY < 0x21 else b ^ KALDI_XOR_KEY for b in m.group(1)).decode("latin-1")
    return token if _TOKEN.match(token) else None

