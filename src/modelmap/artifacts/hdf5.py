"""HDF5 files as Keras saves weights (``model.save_weights('x.h5')`` / ``.hdf5``): the format, and the model's layer
names where Keras wrote them.

Keras 2 (keras/saving/hdf5_format.py ``save_weights_to_hdf5_group``) sets the attribute ``layer_names`` on the file's
root group (on ``model_weights`` for a whole-model save): a one-dimensional array of fixed-length byte strings, one per
layer, in the model's order. A model's layer names are its author's choices (textgenrnn names its layers input,
embedding, rnn_1 ..., rnn_concat, attention, output), so they are what a ``structure`` pattern can test.

Read by hand, not with h5py: h5py wraps the HDF5 C library, a compiled dependency whose parsing of malformed files has
a record of memory-safety bugs, and identification needs one attribute of one group. Only the first SCAN_BYTES
are looked at, for an attribute message (HDF5 file format specification, "Attribute Message", versions 1-3) whose
name is ``layer_names``; its datatype must be a fixed-length string (class 3) and its dataspace one-dimensional, and
the values must lie within the bytes read. Anything else is not read as a model (HDF5 holds any kind of data): the file
is skipped with that reason, as it was before this reader.
"""

from __future__ import annotations

import struct
from pathlib import Path

from modelmap.artifacts.base import DEFAULT_LIMITS, ArtifactInfo, Limits, fail, read_head

HDF5_MAGIC = b"\x89HDF\r\n\x1a\n"
SCAN_BYTES = 1 << 20  # Keras writes the root group's attributes right after the superblock
MAX_HITS = 16  # "layer_names" occurrences tried
MAX_LAYERS = 4096
MAX_NAME = 256  # bytes of one fixed-length name
MAX_PROP = 8192  # characters of the joined names kept
_ATTR = b"layer_names\x00"


def _pad8(n: int) -> int:
    return (n + 7) & ~7


def _layer_names_at(buf: bytes, at: int) -> list[str] | None:
    """The names of a ``layer_names`` attribute message whose name starts at ``at``; None if it is not one."""
    for version, hdr in ((1, 8), (2, 8), (3, 9)):
        start = at - hdr
        if start < 0 or buf[start] != version:
            continue
        name_size, dt_size, ds_size = struct.unpack_from("<HHH", buf, start + 2)
        if name_size != len(_ATTR) or not 8 <= dt_size <= 64 or not 8 <= ds_size <= 64:
            continue
        pad = _pad8 if version == 1 else (lambda n: n)
        dt = at + pad(name_size)
        ds = dt + pad(dt_size)
        data = ds + pad(ds_size)
        if data > len(buf) or buf[dt] & 0x0F != 3:  # class 3: a fixed-length string
            continue
        size = struct.unpack_from("<I", buf, dt + 4)[0]
        ds_version, rank = buf[ds], buf[ds + 1]
        dims_at = ds + 8 if ds_version == 1 else ds + 4 if ds_version == 2 else -1
        if dims_at < 0 or rank != 1 or not 1 <= size <= MAX_NAME or dims_at + 8 > len(buf):
            continue
        n = struct.unpack_from("<Q", buf, dims_at)[0]
        if not 1 <= n <= MAX_LAYERS or data + n * size > len(buf):
            continue
        names = [buf[data + i * size:data + (i + 1) * size].split(b"\x00", 1)[0].decode("utf-8", "replace")
                 for i in range(n)]
        if all(name and name.isprintable() and " " not in name for name in names):
            return names
    return None


class HDF5Reader:
    id = "hdf5"
    description = "HDF5 (Keras weights .h5 / .hdf5): the format, and the layer names Keras saves"

    def sniff(self, head: bytes) -> bool:
        return head.startswith(HDF5_MAGIC)

    def read(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> ArtifactInfo:
        buf = read_head(path, min(SCAN_BYTES, limits.max_header_bytes))
        if not buf.startswith(HDF5_MAGIC):
            raise fail(path, "not an HDF5 file (no signature at offset 0)")
        names = None
        at = buf.find(_ATTR)
        for _ in range(MAX_HITS):
            if at < 0:
                break
            names = _layer_names_at(buf, at)
            if names is not None:
                break
            at = buf.find(_ATTR, at + 1)
        if names is None:
            # HDF5 holds any data (a data set, features, a cache), not only models: without Keras's layer names it is
            # not taken for a model file
            raise fail(path, "HDF5 file without a Keras layer_names attribute (fixed-length strings) in its first "
                             "bytes: not read as a model")
        info = ArtifactInfo(path=str(path), format="hdf5")
        info.metadata["format_props"] = {"keras.layer_names": " ".join(names)[:MAX_PROP], "keras.layers": len(names)}
        info.notes.append(f"Keras weights (HDF5) of {len(names)} layers: {', '.join(names[:8])}"
                          f"{' …' if len(names) > 8 else ''}")
        return info
