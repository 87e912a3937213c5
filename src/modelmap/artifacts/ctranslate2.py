"""CTranslate2 model files (``model.bin``): the binary version, the model spec's name and its revision.

CTranslate2's ``ModelSpec.save`` (python/ctranslate2/specs/model_spec.py) writes a uint32 binary version, the spec's
name as a uint16 length (the name's bytes + 1) then the name and a NUL, a uint32 spec revision and a uint32 variable
count, then the variables (name, rank, dims, dtype, byte count, data). Only those first fields are read: the spec
name (``WhisperSpec``, ``TransformerSpec``, ``TransformerDecoderModelSpec`` ...) is the architecture the converter
wrote, a name the file gives itself. Hand-written: reading it with CTranslate2 would load the whole model.
"""

from __future__ import annotations

import struct
from pathlib import Path

from modelmap.artifacts.base import DEFAULT_LIMITS, ArtifactInfo, Limits, fail, read_head

HEAD = 256
MAX_VERSION = 64  # binary versions so far: 1 .. 6
MAX_NAME = 128


def _spec(head: bytes) -> tuple[int, str, int, int] | None:
    """(binary version, spec name, revision, variable count) when the head has CTranslate2's layout, else None."""
    if len(head) < 6:
        return None
    (version,) = struct.unpack_from("<I", head, 0)
    (n,) = struct.unpack_from("<H", head, 4)
    if not 1 <= version <= MAX_VERSION or not 2 <= n <= MAX_NAME or len(head) < 6 + n + 8:
        return None
    raw = head[6 : 6 + n]
    name = raw[:-1]
    if raw[-1:] != b"\0" or not name.endswith(b"Spec") or not all(0x30 <= b < 0x7F and chr(b).isalnum() for b in name):
        return None
    revision, count = struct.unpack_from("<II", head, 6 + n)
    return version, name.decode("ascii"), revision, count


class CTranslate2Reader:
    id = "ctranslate2"
    description = "CTranslate2 model.bin: binary version, model spec name and revision, variable count"

    def sniff(self, head: bytes) -> bool:
        return _spec(head[:HEAD]) is not None

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        head = read_head(path, HEAD)
        spec = _spec(head)
        if spec is None:
            raise fail(path, "no CTranslate2 model header")
        version, name, revision, count = spec
        info = ArtifactInfo(path=str(path), format="ctranslate2")
        info.metadata.update({"ct2.binary_version": version, "ct2.spec": name, "ct2.spec_revision": revision,
                              "ct2.variables": count})
        info.metadata["format_props"] = {"ct2.spec": name, "ct2.spec_revision": revision}
        return info
