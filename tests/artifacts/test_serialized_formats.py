"""Session 12 (brief inspect13): models that Python code saved as pickle / marshal (gzip'd or not), read as an outline
of keys and imports, never loaded; dlib's serialisation; CMU's US English Sphinx models carried to their maker.

Every fixture is built here from a published layout: Python's own pickle / marshal / gzip writers produce the
streams (nothing is ever read back with pickle.load or marshal.load), the dict layouts are those the libraries'
``save`` methods write (Jiagu perceptron.py / sentiment/bayes.py, SnowNLP seg/y09_2047.py / utils/tnt.py /
classification/bayes.py, pkuseg feature_extractor.pyx), dlib's integers / floats / strings follow dlib/serialize.h
and the objects dlib/dnn/loss.h and shape_predictor.h. Small and synthetic: no real weights."""

from __future__ import annotations

import contextlib
import gzip
import io
import marshal
import math
import pickle
import random
import struct
from pathlib import Path
from typing import Any

import pytest

from modelmap.artifacts import reader_for
from modelmap.artifacts.base import Limits
from modelmap.artifacts.pickle import pickle_outline
from modelmap.artifacts.serialized import DlibReader, GzipReader, MarshalReader, marshal_outline
from modelmap.errors import ReadError
from modelmap.inspect import inspect_path
from modelmap.knowledge import load

# --- writers -----------------------------------------------------------------------------------------------------


def gz(payload: bytes, name: str) -> bytes:
    """gzip the way Python's gzip.open(name, 'wb') does: FNAME is the base name."""
    buf = io.BytesIO()
    with gzip.GzipFile(filename=name, mode="wb", fileobj=buf, mtime=1575817907) as fh:
        fh.write(payload)
    return buf.getvalue()


def d_int(v: int) -> bytes:
    """dlib/serialize.h pack_int: a control byte (bits 0-3 the size, bit 7 the sign), then the bytes little-endian."""
    mag = abs(v)
    raw = mag.to_bytes(max(1, (mag.bit_length() + 7) // 8), "little")
    return bytes([len(raw) | (0x80 if v < 0 else 0)]) + raw


def d_float(f: float) -> bytes:
    """dlib float: mantissa and exponent as two packed integers (value = mantissa * 2**exponent)."""
    if f == 0:
        return d_int(0) + d_int(0)
    fr, ex = math.frexp(f)
    return d_int(int(fr * (1 << 24))) + d_int(ex - 24)


def d_str(s: str) -> bytes:
    return d_int(len(s)) + s.encode()


FEATURES = ["bias", "i suffix 如", "i pref1 如", "i-1 tag -START-", "i-2 tag -START2-", "i tag+i-2 tag -START- -START2-",
            "i word 如", "i-1 tag+i word -START- 如", "i-1 word -START2-", "i+1 word 果", "i+2 word 可"]


def jiagu_perceptron(extra: int = 50) -> bytes:
    weights = {f: {"B": 1.5, "S": -0.5} for f in FEATURES}
    for i in range(extra):
        weights[f"i word 词{i}"] = {"E": 0.25}
    return pickle.dumps((weights, {"B", "M", "E", "S"}), protocol=3)


def snownlp_seg() -> bytes:
    prob = {"d": {("b", "m"): 3.0, ("e", "s"): 1.0}, "total": 4.0, "none": 0.0}
    return marshal.dumps({"l1": 0.1, "l2": 0.3, "l3": 0.6, "status": ("b", "m", "e", "s"), "uni": prob,
                          "bi": prob, "tri": prob})


def snownlp_tnt() -> bytes:
    add_one = {"d": {"w": 2}, "total": 3.0, "none": 1}
    return marshal.dumps({"N": 1000, "l1": 0.2, "l2": 0.3, "l3": 0.5, "status": {"n", "v"}, "wd": add_one,
                          "eos": add_one, "eosd": add_one, "uni": add_one, "bi": add_one, "tri": add_one,
                          "word": {"我": {"r"}}, "trans": {}})


def bayes(classes: tuple[str, str], total_first: bool) -> bytes:
    d = {c: {"d": {"好": 3}, "total": 10.0, "none": 1} for c in classes}
    return marshal.dumps({"total": 20, "d": d} if total_first else {"d": d, "total": 20})


def write(tmp: Path, name: str, data: bytes) -> Path:
    p = tmp / name
    p.write_bytes(data)
    return p


def family(rec: dict[str, Any]) -> str | None:
    return (rec.get("family") or {}).get("id")


def publisher(rec: dict[str, Any]) -> str | None:
    return (rec.get("publisher") or {}).get("id")


# --- pickle outline ------------------------------------------------------------------------------------------------


def test_pickle_outline_lists_top_level_keys_and_imports_without_loading() -> None:
    data = pickle.dumps({"unigram": ["a", "b"], "bigram": ["ab"], "nested": {"inner": 1}}, protocol=4)
    out = pickle_outline(data)
    assert out["top"] == "dict" and out["complete"]
    assert out["keys"] == ["unigram", "bigram", "nested"]  # the nested dict's key is not a top-level key
    assert out["imports"] == []
    # a GLOBAL is listed, never resolved: a protocol-0 stream naming os.system
    evil = b"cos\nsystem\n(S'echo hi'\ntR."
    assert pickle_outline(evil)["imports"] == ["os.system"]


def test_pickle_outline_of_a_cut_stream_keeps_the_open_batch_keys() -> None:
    data = pickle.dumps({"unigram": [f"w{i}" for i in range(3000)], "bigram": [f"b{i}" for i in range(3000)],
                         "feature_to_idx": {}, "tag_to_idx": {}}, protocol=4)
    cut = data[: len(data) * 2 // 3]  # inside bigram's list: SETITEMS never reached
    out = pickle_outline(cut)
    assert not out["complete"]
    assert out["keys"] == ["unigram", "bigram"]


def test_pickle_outline_is_bounded_by_opcode_steps() -> None:
    data = pickle.dumps({"k": list(range(10_000))}, protocol=4)
    out = pickle_outline(data, max_ops=50)
    assert out["ops"] <= 51 and not out["complete"]


def test_cut_pkuseg_features_pickle_is_pkuseg(tmp_path: Path) -> None:
    data = pickle.dumps({"unigram": sorted(f"词{i}" for i in range(5000)), "bigram": sorted(f"词{i}*" for i in
                                                                                          range(5000)),
                         "feature_to_idx": {"c0": 0}, "tag_to_idx": {"B": 0}}, protocol=pickle.HIGHEST_PROTOCOL)
    path = write(tmp_path, "features", data[: len(data) * 3 // 4])
    info = reader_for(path).read(path)  # type: ignore[union-attr]
    assert info.format == "pickle" and info.metadata["format_props"]["pickle.keys"] == "unigram|bigram"
    rec = inspect_path(path)
    assert family(rec) == "pkuseg" and publisher(rec) == "pku-lanco"
    assert rec["publisher"]["country"] == load().publishers["pku-lanco"]["country"] == "CN"


def test_cut_pickle_still_reports_an_unsafe_import(tmp_path: Path) -> None:
    payload = {"model": ("x" * 1000,), "n": 1}
    data = pickle.dumps(payload, protocol=2)
    evil = b"\x80\x02cos\nsystem\nq\x00" + data[2:]
    path = write(tmp_path, "blob", evil[: len(evil) - 200])
    info = reader_for(path).read(path)  # type: ignore[union-attr]
    assert any("os.system" in f["imports"] for f in info.security)


def test_garbage_after_a_pickle_protocol_byte_is_still_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "blob", b"\x80\x04\xff\xfe\xfd")
    with pytest.raises(ReadError):
        reader_for(path).read(path)  # type: ignore[union-attr]


# --- gzip'd pickle / marshal -----------------------------------------------------------------------------------------


def test_gzip_header_name_and_pickle_outline(tmp_path: Path) -> None:
    path = write(tmp_path, "m", gz(jiagu_perceptron(), "ap.model"))
    info = GzipReader().read(path)
    props = info.metadata["format_props"]
    assert info.format == "gzip-pickle" and props["gzip.name"] == "ap.model"
    assert props["pickle.keys"].split("|")[:2] == ["bias", "i suffix 如"]


@pytest.mark.parametrize("name", ["ap.model", "renamed.bin"])
def test_jiagu_perceptron_is_jiagu_whatever_its_name(tmp_path: Path, name: str) -> None:
    rec = inspect_path(write(tmp_path, "model", gz(jiagu_perceptron(), name)))
    assert family(rec) == "jiagu" and publisher(rec) == "ownthink"
    assert rec["publisher"]["country"] is None  # no source names one: unknown, not guessed


def test_an_ungzipped_perceptron_pickle_is_not_jiagu(tmp_path: Path) -> None:
    # NLTK's PerceptronTagger names its features the same way and pickles them without gzip
    rec = inspect_path(write(tmp_path, "model", jiagu_perceptron()))
    assert family(rec) != "jiagu"


@pytest.mark.parametrize(("data", "fam", "pub"), [
    (snownlp_seg(), "snownlp", "isnowfy"),
    (snownlp_tnt(), "snownlp", "isnowfy"),
    (bayes(("neg", "pos"), total_first=False), "snownlp", "isnowfy"),
    (bayes(("negative", "positive"), total_first=True), "jiagu", "ownthink"),
])
def test_marshal_models_gzipped_or_not(tmp_path: Path, data: bytes, fam: str, pub: str) -> None:
    for i, blob in enumerate((gz(data, "x.marshal.3"), data)):
        rec = inspect_path(write(tmp_path, f"m{i}", blob))
        assert (family(rec), publisher(rec)) == (fam, pub), i


def test_an_other_marshal_dict_names_no_family(tmp_path: Path) -> None:
    rec = inspect_path(write(tmp_path, "m", gz(marshal.dumps({"weights": [1.0, 2.0], "labels": ("a", "b")}), "m")))
    assert rec["family"] is None


def test_marshal_outline_reads_tuple_keys_refs_and_values() -> None:
    out = marshal_outline(snownlp_seg())
    assert out["complete"] and out["top"] == "dict"
    assert set(out["keys"]) == {"l1", "l2", "l3", "status", "uni", "bi", "tri"}
    assert out["values"]["status"] == ["b", "m", "e", "s"]
    assert "uni.d" in out["keys2"]
    bounded = marshal_outline(snownlp_seg(), max_steps=5)
    assert not bounded["complete"] and len(bounded["keys"]) <= 5


def test_marshal_outline_stops_at_a_code_object() -> None:
    data = marshal.dumps({"a": 1, "code": compile("1", "x", "eval"), "z": 2})
    out = marshal_outline(data)
    assert out["keys"] == ["a", "code"] and not out["complete"]


def test_json_is_not_taken_for_marshal(tmp_path: Path) -> None:
    path = write(tmp_path, "x", b'{"a": 1}')
    assert not MarshalReader().sniff(path.read_bytes())


def test_a_gzip_bomb_costs_only_the_bounded_prefix(tmp_path: Path) -> None:
    path = write(tmp_path, "bomb", gz(b"\x80\x04" + b"N" * (64 * 1024 * 1024), "bomb"))
    info = GzipReader().read(path, Limits(max_pickle_bytes=1 << 20))
    assert info.format == "gzip-pickle" and "outlined from the first" in info.notes[-1]


# --- dlib -----------------------------------------------------------------------------------------------------------


def shape_predictor(landmarks: int, cascades: int = 15, trees: int = 500, depth: int = 4) -> bytes:
    out = d_int(1) + d_int(-2 * landmarks) + d_int(-1)
    rnd = random.Random(landmarks)
    out += b"".join(d_float(rnd.random()) for _ in range(2 * landmarks))
    out += d_int(cascades) + d_int(trees)
    splits = (1 << depth) - 1
    out += d_int(splits) + b"".join(d_int(rnd.randrange(500)) + d_int(rnd.randrange(500)) + d_float(rnd.random() * 50)
                                    for _ in range(splits))
    out += d_int(splits + 1)  # leaf_values: a vector of matrices (not read further)
    return out + b"\x00" * 64


def dnn(loss: bytes, input_layer: bytes, layers: list[str], fc: int | None) -> bytes:
    out = d_int(1) + loss + input_layer
    for name in layers:
        out += d_str(name) + d_int(2) + d_float(0.5) * 4
    if fc is not None:
        out += d_str("fc_2") + d_int(fc) + d_int(256)
    return out


def metric_loss() -> bytes:
    return d_str("loss_metric_2") + d_float(0.04) + d_float(0.6)


def sized_input(n: int) -> bytes:
    return d_str("input_rgb_image_sized") + d_float(122.782) + d_float(117.001) + d_float(104.298) + d_int(n) + d_int(n)


def test_dlib_shape_predictor_header(tmp_path: Path) -> None:
    info = DlibReader().read(write(tmp_path, "sp", shape_predictor(68)))
    assert info.metadata["format_props"] == {"dlib.kind": "shape-predictor", "dlib.landmarks": 68, "dlib.cascades": 15,
                                             "dlib.trees": 500, "dlib.tree_depth": 4}


@pytest.mark.parametrize("landmarks", [5, 68])
def test_dlibs_published_shape_predictors(tmp_path: Path, landmarks: int) -> None:
    rec = inspect_path(write(tmp_path, "sp", shape_predictor(landmarks)))
    assert family(rec) == "dlib-shape-predictor" and publisher(rec) == "dlib"


def test_another_shape_predictor_is_dlibs_format_only(tmp_path: Path) -> None:
    rec = inspect_path(write(tmp_path, "sp", shape_predictor(68, cascades=10)))  # the trainer's default depth
    assert family(rec) == "dlib" and publisher(rec) is None


def test_dlib_face_recognition_resnet(tmp_path: Path) -> None:
    data = dnn(metric_loss(), sized_input(150), ["con_4", "affine_", "max_pool_2", "avg_pool_2"], 128)
    path = write(tmp_path, "net", data)
    props = DlibReader().read(path).metadata["format_props"]
    assert props["dlib.input_size"] == "150x150" and props["dlib.fc_outputs"] == 128
    assert props["dlib.metric.margin"] == pytest.approx(0.04, abs=1e-6)
    rec = inspect_path(path)
    assert family(rec) == "dlib-face-recognition-resnet" and publisher(rec) == "dlib"
    other = inspect_path(write(tmp_path, "net2", dnn(metric_loss(), sized_input(112), ["con_4"], 128)))
    assert family(other) == "dlib" and publisher(other) is None


def test_dlib_mmod_face_detector(tmp_path: Path) -> None:
    loss = d_str("loss_mmod_") + d_int(1) + d_int(80) + d_int(80) + d_float(1.0) + d_float(1.0)
    pyramid = d_str("input_rgb_image_pyramid") + d_float(122.782) * 3
    rec = inspect_path(write(tmp_path, "det", dnn(loss, pyramid, ["con_4", "bn_con2"], None)))
    assert family(rec) == "dlib-mmod-face-detector" and publisher(rec) == "dlib"
    loss40 = d_str("loss_mmod_") + d_int(1) + d_int(40) + d_int(40) + d_float(1.0) + d_float(1.0)
    rec40 = inspect_path(write(tmp_path, "det40", dnn(loss40, pyramid, ["con_4"], None)))
    assert family(rec40) == "dlib" and publisher(rec40) is None


# --- CMU Sphinx: the published US English models carry CMU ----------------------------------------------------------


def trie_lm(counts: list[int]) -> bytes:
    return b"Trie Language Model" + bytes([len(counts)]) + struct.pack(f"<{len(counts)}I", *counts) + b"\x00" * 64


def test_cmu_us_english_lm_names_cmu_and_its_country(tmp_path: Path) -> None:
    rec = inspect_path(write(tmp_path, "lm", trie_lm([72547, 2051547, 1669625])))
    assert family(rec) == "cmusphinx-en-us" and publisher(rec) == "cmu"
    assert rec["publisher"]["country"] == "US" == load().publishers["cmu"]["country"]
    other = inspect_path(write(tmp_path, "lm2", trie_lm([1000, 5000, 7000])))
    assert family(other) == "cmusphinx" and publisher(other) is None


# --- robustness -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(6))
def test_mutated_fixtures_only_ever_raise_read_errors(tmp_path: Path, seed: int) -> None:
    rnd = random.Random(seed)
    samples = [gz(jiagu_perceptron(5), "ap.model"), gz(snownlp_tnt(), "t"), snownlp_seg(), shape_predictor(5),
               dnn(metric_loss(), sized_input(150), ["con_4"], 128), bayes(("neg", "pos"), False)]
    small = Limits(max_header_bytes=1 << 20, max_items=10_000, max_string_bytes=1 << 16, max_text_bytes=1 << 20,
                   max_pickle_bytes=1 << 20)
    for i, base in enumerate(samples):
        for j in range(40):
            blob = bytearray(base)
            for _ in range(rnd.randint(1, 6)):
                pos = rnd.randrange(2, len(blob))  # keep the magic so the same reader is chosen
                blob[pos] = rnd.randrange(256)
            if rnd.random() < 0.3:
                blob = blob[: rnd.randrange(3, len(blob))]
            path = write(tmp_path, f"f{i}-{j}", bytes(blob))
            reader = reader_for(path)
            if reader is None:
                continue
            with contextlib.suppress(ReadError):
                reader.read(path, small)


# --- THULAC character-based model (thulac/character/CBModel.py) ------------------------------------------------------


def cb_model(labels: int, features: int, n_weights: int | None = None) -> bytes:
    """int32 l_size, int32 f_size, then int32 weights (small: averaged perceptron weights x 1000)."""
    rnd = random.Random(labels)
    n = labels * labels + features * labels if n_weights is None else n_weights
    return struct.pack("<ii", labels, features) + struct.pack(f"<{n}i", *(rnd.randint(-50_000, 50_000) for _ in
                                                                          range(n)))


def test_thulac_cb_model_header(tmp_path: Path) -> None:
    from modelmap.artifacts.classic import ThulacModelReader

    whole = write(tmp_path, "m", cb_model(4, 60))
    info = ThulacModelReader().read(whole)
    assert info.format == "thulac-cb-model"
    assert info.metadata["format_props"] == {"cb.labels": 4, "cb.features": 60}
    assert inspect_path(whole)["family"] is None  # the layout alone names no model
    longer = write(tmp_path, "l", cb_model(4, 60) + b"\x00" * 4)
    with pytest.raises(ReadError):
        ThulacModelReader().read(longer)
    big = write(tmp_path, "b", struct.pack("<ii", 4, 60) + struct.pack("<48i", *([1 << 30] * 48)))
    assert not ThulacModelReader().sniff(big.read_bytes())


def test_thulacs_published_segmentation_model_cut_is_thunlps(tmp_path: Path) -> None:
    rec = inspect_path(write(tmp_path, "cws", cb_model(4, 2453880, n_weights=4096)))  # cut: far shorter than declared
    assert family(rec) == "thulac" and publisher(rec) == "thunlp"
    assert rec["publisher"]["country"] == "CN" == load().publishers["thunlp"]["country"]


def test_cmu_en_us_phone_lm_and_sendump_are_cmus(tmp_path: Path) -> None:
    strings = [b"BEGIN FILE FORMAT DESCRIPTION", b"cluster_count 0", b"END FILE FORMAT DESCRIPTION"]
    sendump = b"".join(struct.pack("<i", len(s) + 1) + s + b"\x00" for s in strings)
    sendump += struct.pack("<iii", 0, 128, 5126) + bytes(range(256)) * 4
    for name, data in (("phone", trie_lm([43, 1509, 21837])), ("sendump", sendump)):
        rec = inspect_path(write(tmp_path, name, data))
        assert (family(rec), publisher(rec)) == ("cmusphinx-en-us", "cmu"), name


# --- a Paddle program's declared parameter shapes; Picovoice's parameter file claim ---------------------------------


def paddle_var(name: str, dims: list[int] | None, dtype: int = 5) -> bytes:
    """framework.proto VarDesc: 1 name, 2 VarType (1 type LOD_TENSOR=7, 3 lod_tensor -> 1 tensor -> TensorDesc
    1 data_type, 2 dims), 3 persistable."""
    from tests.artifacts.protobuf import field, varint

    vtype = varint(1 << 3) + varint(7)
    if dims is not None:
        desc = varint(1 << 3) + varint(dtype) + b"".join(varint(2 << 3) + varint(d % (1 << 64)) for d in dims)
        vtype += field(3, field(1, desc))
    return field(1, name.encode()) + field(2, vtype) + varint(3 << 3) + varint(1)


def paddle_program_with_shapes(vars_: list[tuple[str, list[int] | None]], ops: list[str]) -> bytes:
    from tests.artifacts.protobuf import field, varint

    block = varint(1 << 3) + varint(0) + varint(2 << 3) + varint((1 << 64) - 1)
    block += b"".join(field(3, paddle_var(n, d)) for n, d in vars_)
    block += b"".join(field(4, field(3, o.encode())) for o in ops)
    return field(1, block) + field(4, varint(1 << 3) + varint(1006000))


def test_paddle_program_declared_shapes_and_lacs_rank_model(tmp_path: Path) -> None:
    from modelmap.artifacts.classic import PaddleProgramReader

    rank = [("word_emb", [58224, 128]), ("lstm_0.w_0", [128, 512]), ("lstm_0.b_0", [1, 896]),
            ("embedding_1.w_0", [58, 24]), ("fc_0.w_0", [152, 512]), ("feed", None)]
    path = write(tmp_path, "__model__", paddle_program_with_shapes(rank, ["lookup_table", "lstm", "arg_max"]))
    info = PaddleProgramReader().read(path)
    shapes = {t.name: (t.dtype, t.shape) for t in info.tensors}
    assert shapes["word_emb"] == ("FP32", (58224, 128)) and "feed" not in shapes
    rec = inspect_path(path)
    assert family(rec) == "lac" and publisher(rec) == "baidu"
    other = write(tmp_path, "other", paddle_program_with_shapes([("word_emb", [30000, 128]), ("lstm_0.w_0", [128, 512])],
                                                                 ["lookup_table", "lstm"]))
    assert inspect_path(other)["family"] is None  # an LSTM over another dictionary is not LAC's


def test_picovoice_params_claim(tmp_path: Path) -> None:
    from modelmap.artifacts.classic import PicovoiceParamsReader

    path = write(tmp_path, "params", b"porcupine4.0.0\x9a\x02\x00\x00\x06" + bytes(range(256)))
    assert reader_for(path).id == "picovoice-params"  # type: ignore[union-attr]
    assert PicovoiceParamsReader().read(path).metadata["format_props"] == {"pv.engine": "porcupine",
                                                                           "pv.version": "4.0.0"}
    rec = inspect_path(path)
    assert family(rec) == "porcupine" and publisher(rec) == "picovoice" and rec["publisher"]["country"] == "CA"
    assert "claim" in " ".join(rec["family"]["why"])
    other = write(tmp_path, "cobra", b"cobra1.0.1\x00" + bytes(64))  # an engine no entry names (yet)
    assert reader_for(other).id == "picovoice-params" and inspect_path(other)["family"] is None  # type: ignore[union-attr]
    assert not PicovoiceParamsReader().sniff(b"porcupine is a rodent\n")


def test_pickle_outline_stack_is_bounded() -> None:
    from modelmap.artifacts import pickle as pk

    data = b"\x80\x04" + b"\x8c\x01a" * (pk.OUTLINE_STACK + 10)  # pushes that are never popped, no STOP
    out = pickle_outline(data)
    assert not out["complete"] and out["ops"] <= pk.OUTLINE_STACK + 3
