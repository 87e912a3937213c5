"""Formats from the opened held-out-4 set (session 11, brief inspect12): TensorFlow Lite (MediaPipe's TFLite
metadata and the converter's record), PaddlePaddle ``__model__`` program descriptions (Baidu LAC's lex_net), NumPy
.npz archives (pkuseg's weights.npz) and OpenFst binary FSTs (format-level only).

Every fixture is built here from the format's published layout (TFLite schema.fbs / metadata_schema.fbs, Paddle's
framework.proto, NEP 1 and the zip APPNOTE, OpenFst's FstHeader); small and synthetic, no real weights."""

from __future__ import annotations

import contextlib
import random
import struct
import zipfile
from pathlib import Path

import pytest

from modelmap.artifacts import reader_for
from modelmap.artifacts.classic import (
    FST_MAGIC,
    NpzReader,
    OpenFstReader,
    PaddleProgramReader,
    PaddleTensorReader,
    TFLiteReader,
)
from modelmap.artifacts.identify import _pattern_holds
from modelmap.errors import ReadError
from modelmap.inspect import inspect_path
from tests.artifacts.protobuf import field, varint


class FB:
    """A minimal FlatBuffer writer: objects are appended, every reference points forward (as uoffset must)."""

    def __init__(self, ident: bytes) -> None:
        self.b = bytearray(struct.pack("<I", 0) + ident)

    def _align(self) -> None:
        self.b += b"\x00" * (-len(self.b) % 4)

    def table(self, fields: dict[int, int | None]) -> tuple[int, dict[int, int]]:
        """A table whose fields are u32 scalars (an int) or references to patch later (None): (table, ref slots)."""
        self._align()
        n = max(fields) + 1
        order = sorted(fields)
        vt = struct.pack("<HH", 4 + 2 * n, 4 + 4 * len(order))
        vt += b"".join(struct.pack("<H", 4 + 4 * order.index(i) if i in fields else 0) for i in range(n))
        vt += b"\x00" * (-len(vt) % 4)
        vpos = len(self.b)
        self.b += vt
        tpos = len(self.b)
        self.b += struct.pack("<i", tpos - vpos)
        slots = {}
        for i in order:
            if fields[i] is None:
                slots[i] = len(self.b)
            self.b += struct.pack("<I", fields[i] or 0)
        return tpos, slots

    def string(self, s: bytes) -> int:
        self._align()
        pos = len(self.b)
        self.b += struct.pack("<I", len(s)) + s + b"\x00"
        return pos

    def vector(self, n: int) -> tuple[int, list[int]]:
        """A vector of n u32 elements (references or ints): (position, element slots)."""
        self._align()
        pos = len(self.b)
        self.b += struct.pack("<I", n) + b"\x00" * (4 * n)
        return pos, [pos + 4 + 4 * i for i in range(n)]

    def put(self, at: int, value: int) -> None:
        self.b[at:at + 4] = struct.pack("<I", value)

    def link(self, at: int, target: int) -> None:
        self.put(at, target - at)

    def root(self, table: int) -> bytes:
        self.put(0, table)
        return bytes(self.b)


def model_metadata(name: bytes) -> bytes:
    """metadata_schema.fbs ModelMetadata (identifier M001): 0 name, 1 description, 2 version."""
    fb = FB(b"M001")
    t, slots = fb.table({0: None, 1: None, 2: None})
    for i, s in ((0, name), (1, b"a test model"), (2, b"1")):
        fb.link(slots[i], fb.string(s))
    return fb.root(t)


def tflite_bytes(*, meta_name: bytes | None = None, blob: bytes | None = None, subgraph: bytes = b"main") -> bytes:
    """schema.fbs Model: 0 version, 2 subgraphs, 3 description, 4 buffers, 5 metadata_buffer, 6 metadata."""
    fb = FB(b"TFL3")
    model, ms = fb.table({0: 3, 2: None, 3: None, 4: None, 5: None, 6: None})
    sg_vec, sg_slots = fb.vector(1)
    fb.link(ms[2], sg_vec)
    sg, sgs = fb.table({4: None})
    fb.link(sg_slots[0], sg)
    fb.link(sgs[4], fb.string(subgraph))
    fb.link(ms[3], fb.string(b"MLIR Converted."))
    payloads = [b"", model_metadata(meta_name) if meta_name else b"", blob or b""]
    bvec, bslots = fb.vector(3)
    fb.link(ms[4], bvec)
    for slot, data in zip(bslots, payloads, strict=True):
        buf, bs = fb.table({0: None})
        fb.link(slot, buf)
        fb._align()
        fb.b += b"\x00" * 4  # keep the nested buffer 8-aligned as flatc does
        vec = len(fb.b)
        fb.b += struct.pack("<I", len(data)) + data
        fb.link(bs[0], vec)
    mb, mbs = fb.vector(1)
    fb.link(ms[5], mb)
    fb.put(mbs[0], 2)
    mvec, mslots = fb.vector(1)
    fb.link(ms[6], mvec)
    entry, es = fb.table({0: None, 1: 1})
    fb.link(mslots[0], entry)
    fb.link(es[0], fb.string(b"TFLITE_METADATA"))
    return fb.root(model)


def test_tflite_metadata_and_converter_record_are_read(tmp_path: Path) -> None:
    f = tmp_path / "blob"
    f.write_bytes(tflite_bytes(meta_name=b"HandLandmarkDetector",
                               blob=b"MSMD....(location //tools:keras2tflite) --output=x "
                                    b"(location handskeleton_test_model_v0.hdf5) out"))
    assert isinstance(reader_for(f), TFLiteReader)
    props = TFLiteReader().read(f).metadata["format_props"]
    assert props["tflite.version"] == 3 and props["tflite.subgraph"] == "main"
    assert props["tflite.metadata.name"] == "HandLandmarkDetector"
    assert props["tflite.source"] == "handskeleton_test_model_v0"
    doc = inspect_path(f)
    assert doc["format"] == "tflite"
    assert doc["family"]["id"] == "mediapipe-hands" and doc["family"]["signals"] == ["name-claim"]
    assert doc["publisher"]["id"] == "google" and doc["publisher"]["country"] == "US"


@pytest.mark.parametrize(("meta", "blob", "family"), [
    (b"Short Range Face Detection", None, "blazeface"),
    (None, b"(location blazepose_ghum_test_full.hdf5)", "blazepose"),
    (b"ImageSegmenter", b"(location selfiesegmentation_test-256x256.hdf5)", "mediapipe-selfie-segmentation"),
    (b"Face landmarks detection", None, "mediapipe-face-mesh"),
])
def test_mediapipe_models_are_named_from_their_own_metadata(tmp_path: Path, meta: bytes | None,
                                                            blob: bytes | None, family: str) -> None:
    f = tmp_path / "blob"
    f.write_bytes(tflite_bytes(meta_name=meta, blob=blob))
    assert inspect_path(f)["family"]["id"] == family


def test_a_tflite_model_without_names_stays_unknown(tmp_path: Path) -> None:
    f = tmp_path / "blob"
    f.write_bytes(tflite_bytes(meta_name=b"ImageSegmenter", blob=b"(location my_own_model.hdf5)"))
    doc = inspect_path(f)
    assert doc["format"] == "tflite"
    assert not doc.get("family") or not doc["family"].get("id")
    assert not (doc.get("publisher") or {}).get("id")


def test_tflite_bad_offsets_fail_cleanly(tmp_path: Path) -> None:
    good = tflite_bytes(meta_name=b"HandLandmarkDetector", blob=b"(location handskeleton_x.hdf5)")
    rng = random.Random(7)
    f = tmp_path / "blob"
    for _ in range(200):
        data = bytearray(good)
        for _ in range(rng.randint(1, 6)):
            i = rng.randrange(8, len(data))
            data[i] = rng.randrange(256)
        f.write_bytes(bytes(data[:rng.randint(8, len(data))]))
        with contextlib.suppress(ReadError):
            TFLiteReader().read(f)


def _var(name: str, persistable: bool) -> bytes:
    return field(1, name.encode()) + field(2, varint(1 << 3) + varint(7)) + varint(3 << 3) + varint(int(persistable))


def _op(kind: str) -> bytes:
    return field(3, kind.encode())


def paddle_program(params: list[str], ops: list[str]) -> bytes:
    """framework.proto ProgramDesc: blocks (idx 0, parent_idx -1, vars, ops), then a version."""
    block = varint(1 << 3) + varint(0) + varint(2 << 3) + varint((1 << 64) - 1)
    block += b"".join(field(3, _var(p, True)) for p in params) + field(3, _var("words", False))
    block += b"".join(field(4, _op(o)) for o in ops)
    return field(1, block) + field(4, varint(1 << 3) + varint(1006000))


LEX_NET = (["word_emb", "crfw", "gru_0.w_0", "gru_0.b_0", "fc_0.w_0", "fc_0.b_0"],
           ["feed", "lookup_table", "mul", "elementwise_add", "gru", "concat", "crf_decoding", "fetch"])


def test_paddle_program_lac_lex_net_is_named(tmp_path: Path) -> None:
    f = tmp_path / "__model__"
    f.write_bytes(paddle_program(*LEX_NET))
    assert isinstance(reader_for(f), PaddleProgramReader)
    props = PaddleProgramReader().read(f).metadata["format_props"]
    assert "word_emb" in props["paddle.params"].split() and "words" not in props["paddle.params"].split()
    assert "crf_decoding" in props["paddle.ops"].split()
    doc = inspect_path(f)
    assert doc["family"]["id"] == "lac" and doc["publisher"]["id"] == "baidu" and doc["publisher"]["country"] == "CN"


def test_paddle_program_any_crf_is_not_lac(tmp_path: Path) -> None:
    # crfw is the CRF parameter name of every Paddle CRF example (SRL, NER): without LAC's GRU + word_emb, no name
    f = tmp_path / "__model__"
    f.write_bytes(paddle_program(["emb", "crfw", "lstm_0.w_0"], ["lookup_table", "lstm", "crf_decoding"]))
    doc = inspect_path(f)
    assert doc["format"] == "paddle-program"
    assert not doc.get("family") or not doc["family"].get("id")


def test_paddle_program_truncated_and_garbage(tmp_path: Path) -> None:
    data = paddle_program(*LEX_NET)
    f = tmp_path / "__model__"
    f.write_bytes(data[:len(data) // 2])
    info = PaddleProgramReader().read(f)
    assert any("truncated" in n for n in info.notes)
    f.write_bytes(b"\x0a\x05" + b"\x08\x00\x10" + b"\xff" * 9 + b"\x01" + b"\x99" * 40)
    with contextlib.suppress(ReadError):
        PaddleProgramReader().read(f)


def npy(dtype: str, shape: tuple[int, ...], body: bytes) -> bytes:
    """NEP 1 .npy v1.0: magic, version, header length, a dict literal padded to 64 bytes, the data."""
    header = f"{{'descr': '{dtype}', 'fortran_order': False, 'shape': {shape!r}, }}".encode()
    header += b" " * (-(10 + len(header) + 1) % 64) + b"\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header + body


def npz(path: Path, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:  # numpy.savez stores, never compresses
        for name, data in members.items():
            zf.writestr(name + ".npy", data)


def test_npz_pkuseg_weights_are_named(tmp_path: Path) -> None:
    n_tag, n_feature = 5, 100
    f = tmp_path / "blob"
    npz(f, {"sizes": npy("<i8", (2,), struct.pack("<qq", n_tag, n_feature)),
            "w": npy("<f8", (n_tag * (n_feature + n_tag),), b"\x00" * 8 * n_tag * (n_feature + n_tag))})
    assert isinstance(reader_for(f), NpzReader)
    props = NpzReader().read(f).metadata["format_props"]
    assert props["npz.arrays"] == "sizes:<i8:2 w:<f8:525" and props["npz.values.sizes"] == "5,100"
    doc = inspect_path(f)
    assert doc["family"]["id"] == "pkuseg"
    assert doc["publisher"]["id"] == "pku-lanco" and doc["publisher"]["country"] == "CN"
    cut = tmp_path / "cut"  # a truncated download: the members before the cut are still listed
    cut.write_bytes(f.read_bytes()[:400])
    info = NpzReader().read(cut)
    assert info.metadata["format_props"]["npz.arrays"] == "sizes:<i8:2 w:<f8:525"
    assert "truncated" in info.notes[0]


def test_npz_other_arrays_stay_unknown(tmp_path: Path) -> None:
    f = tmp_path / "blob"
    npz(f, {"embeddings": npy("<f4", (4, 2), b"\x00" * 32), "w": npy("<f8", (3,), b"\x00" * 24)})
    doc = inspect_path(f)
    assert doc["format"] == "npz"
    assert not doc.get("family") or not doc["family"].get("id")


def test_openfst_header_is_format_level_only(tmp_path: Path) -> None:
    f = tmp_path / "blob"
    head = struct.pack("<i", FST_MAGIC)
    for s in (b"vector", b"standard"):
        head += struct.pack("<i", len(s)) + s
    head += struct.pack("<iiQqqq", 2, 0, 3, 0, 42, 0)
    f.write_bytes(head + b"\x00" * 64)
    assert isinstance(reader_for(f), OpenFstReader)
    props = OpenFstReader().read(f).metadata["format_props"]
    assert props["fst.type"] == "vector" and props["fst.arc_type"] == "standard" and props["fst.states"] == 42
    doc = inspect_path(f)
    assert doc["format"] == "openfst"
    assert not doc.get("family") or not doc["family"].get("id")
    assert not (doc.get("publisher") or {}).get("country")
    f.write_bytes(struct.pack("<ii", FST_MAGIC, 1 << 20))
    with pytest.raises(ReadError):
        OpenFstReader().read(f)


def test_props_re_condition() -> None:
    pat = {"format": "npz", "props_re": {"npz.arrays": r"^sizes:<i8:2 w:<f8:\d+$"}}
    assert _pattern_holds(pat, {"format": "npz", "props": {"npz.arrays": "sizes:<i8:2 w:<f8:9"}})
    assert not _pattern_holds(pat, {"format": "npz", "props": {"npz.arrays": "sizes:<i8:2 w:<f8:9 x:<f4:1"}})
    assert not _pattern_holds(pat, {"format": "npz", "props": {"npz.arrays": 3}})
    assert not _pattern_holds(pat, {"format": "npz"})


def test_npz_and_fst_garbage_fails_cleanly(tmp_path: Path) -> None:
    good = tmp_path / "good"
    npz(good, {"sizes": npy("<i8", (2,), struct.pack("<qq", 2, 3)), "w": npy("<f8", (10,), b"\x00" * 80)})
    rng = random.Random(11)
    f = tmp_path / "blob"
    for _ in range(200):
        data = bytearray(good.read_bytes())
        for _ in range(rng.randint(1, 6)):
            i = rng.randrange(4, len(data))
            data[i] = rng.randrange(256)
        f.write_bytes(bytes(data[:rng.randint(30, len(data))]))
        with contextlib.suppress(ReadError):
            NpzReader().read(f)


def paddle_tensor(dims: list[int], dtype: int = 5, width: int = 4, cut: int | None = None) -> bytes:
    """lod_tensor.cc SerializeToStream: version 0, LoD level 0, tensor version 0, TensorDesc size, TensorDesc, data."""
    desc = varint(1 << 3) + varint(dtype) + b"".join(varint(2 << 3) + varint(d) for d in dims)
    count = 1
    for d in dims:
        count *= d
    data = struct.pack("<IQIi", 0, 0, 0, len(desc)) + desc + b"\x00" * (count * width)
    return data[:cut] if cut else data


def test_paddle_tensor_lac_word_embedding(tmp_path: Path) -> None:
    f = tmp_path / "blob"
    f.write_bytes(paddle_tensor([58224, 128], cut=4096))  # a truncated download: the header is all it needs
    assert isinstance(reader_for(f), PaddleTensorReader)
    info = PaddleTensorReader().read(f)
    assert info.tensors[0].shape == (58224, 128) and "truncated" in info.notes[0]
    doc = inspect_path(f)
    assert doc["family"]["id"] == "lac" and doc["publisher"]["id"] == "baidu"


def test_paddle_tensor_other_shapes_and_garbage(tmp_path: Path) -> None:
    f = tmp_path / "blob"
    f.write_bytes(paddle_tensor([30, 8]))
    doc = inspect_path(f)
    assert doc["format"] == "paddle-tensor"
    assert not doc.get("family") or not doc["family"].get("id")
    f.write_bytes(paddle_tensor([30, 8]) + b"\x00" * 9)  # longer than the tensor: not one
    with pytest.raises(ReadError):
        PaddleTensorReader().read(f)
    f.write_bytes(struct.pack("<IQIi", 0, 0, 0, 4) + b"\x08\x63\x10\x05")  # data type 99
    with pytest.raises(ReadError):
        PaddleTensorReader().read(f)
