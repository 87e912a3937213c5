"""inspect14 (opened held-out-5): a byte-level BPE merges file read as the vocabulary it defines, a gzip'd text's
first line as a header claim (CLIP's BPE), Picovoice's other engines' parameter files, MediaPipe Iris's subgraph
name. Fixtures are built here from the published layouts (GPT-2's encoder.py byte alphabet and merges format, the
'#version: 0.2' header, Picovoice's leading engine+version text, the TFLite schema); no held-out file is used."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from modelmap.artifacts import DEFAULT_LIMITS, reader_for
from modelmap.artifacts.fingerprint import vocab_hash
from modelmap.artifacts.serialized import GzipReader
from modelmap.artifacts.tokenizer import _BYTE_ENCODER, TokenizerReader, sniff_kind
from modelmap.errors import ReadError
from modelmap.inspect import inspect_path
from tests.artifacts.test_classic_heldout4_formats import tflite_bytes

ALPHABET = [_BYTE_ENCODER[b] for b in range(256)]
MERGES = [("Ġ", "t"), ("Ġ", "a"), ("h", "e"), ("i", "n"), ("Ġt", "he"), ("e", "r")]


def _merges_text(merges: list[tuple[str, str]]) -> bytes:
    return ("#version: 0.2\n" + "".join(f"{a} {b}\n" for a, b in merges)).encode()


def test_merges_file_hashes_as_its_vocab_json(tmp_path: Path) -> None:
    merges = tmp_path / "m"
    merges.write_bytes(_merges_text(MERGES))
    vocab = tmp_path / "v"
    # a vocab.json is read only from 100 entries up: pad both with the same extra merges
    extra = [("Ġ", ALPHABET[i]) for i in range(33, 133)]
    merges.write_bytes(_merges_text(MERGES + extra))
    names = ALPHABET + [a + b for a, b in MERGES + extra] + ["<|endoftext|>"]
    vocab.write_text(json.dumps({t: i for i, t in enumerate(names)}), encoding="utf-8")
    assert sniff_kind(merges.read_bytes()[:64]) == "merges"
    assert reader_for(merges).id == "tokenizer"  # type: ignore[union-attr]
    got = TokenizerReader().read(merges).tokenizer
    want = TokenizerReader().read(vocab).tokenizer
    assert got is not None and want is not None
    assert got.kind == "merges" and got.total_size == 256 + len(MERGES) + len(extra)
    assert vocab_hash(got.tokens) == vocab_hash(want.tokens)


def test_merges_outside_the_byte_alphabet_or_malformed(tmp_path: Path) -> None:
    text_level = tmp_path / "t"
    text_level.write_bytes("#version: 0.2\n▁ t\nh e\n".encode())  # SentencePiece's ▁ is no GPT-2 byte symbol
    assert TokenizerReader().parse(text_level, text_level.read_bytes(), DEFAULT_LIMITS) is None
    bad = tmp_path / "b"
    bad.write_bytes(b"#version: 0.2\nh e x\n")
    with pytest.raises(ReadError):
        TokenizerReader().read(bad)
    assert sniff_kind(b"#version 2 of my notes\nfoo\n") is None


def test_gpt2_merges_prefix_is_gpt2_when_whole(tmp_path: Path) -> None:
    """A real GPT-2 vocab.bpe is needed for the hash; a prefix of it matches nothing (no partial guess)."""
    f = tmp_path / "vocab.bpe"
    f.write_bytes(_merges_text(MERGES))
    rec = inspect_path(f)
    assert rec["format"] == "tokenizer:merges"
    assert not (rec.get("family") or {}).get("id")


def test_gzip_text_first_line_names_clip_bpe(tmp_path: Path) -> None:
    f = tmp_path / "blob"
    f.write_bytes(gzip.compress(b'"bpe_simple_vocab_16e6.txt#version: 0.2\ni n\nt h\na n\n'))
    info = GzipReader().read(f)
    assert info.metadata["format_props"]["gzip.first_line"] == '"bpe_simple_vocab_16e6.txt#version: 0.2'
    rec = inspect_path(f)
    assert rec["family"]["id"] == "clip" and rec["family"]["signals"] == ["name-claim"]
    assert rec["publisher"]["id"] == "openai" and rec["publisher"]["country"] == "US"
    other = tmp_path / "other"
    other.write_bytes(gzip.compress(b"#version: 0.2\ni n\n"))
    assert not (inspect_path(other).get("family") or {}).get("id")
    binary = tmp_path / "bin"
    binary.write_bytes(gzip.compress(bytes(range(256)) * 4))
    assert "gzip.first_line" not in GzipReader().read(binary).metadata["format_props"]


@pytest.mark.parametrize(("head", "family"), [
    (b"rhino4.1.0\x9a\x02\x00\x00\x06\x00", "picovoice-rhino"),
    (b"orca3.1.0\x01\x01\x01\x01\x01\x00", "picovoice-orca"),
    (b"eagle3.0.0 \x00\x00\x00\x02\x00", "picovoice-eagle"),
])
def test_picovoice_engines_claim(tmp_path: Path, head: bytes, family: str) -> None:
    f = tmp_path / "params"
    f.write_bytes(head + bytes(range(256)))
    rec = inspect_path(f)
    assert rec["format"] == "picovoice-params"
    assert rec["family"]["id"] == family and rec["family"]["signals"] == ["name-claim"]
    assert rec["publisher"]["id"] == "picovoice" and rec["publisher"]["country"] == "CA"


def test_mediapipe_iris_subgraph_name(tmp_path: Path) -> None:
    f = tmp_path / "blob"
    f.write_bytes(tflite_bytes(subgraph=b"faceeyenbrow_iris_full_2019_09_13_v0"))
    rec = inspect_path(f)
    assert rec["family"]["id"] == "mediapipe-iris" and rec["publisher"]["id"] == "google"
    for name in (b"main", b"irish_setter_classifier", b"osiris"):
        g = tmp_path / name.decode()
        g.write_bytes(tflite_bytes(subgraph=name))
        assert not (inspect_path(g).get("family") or {}).get("id")


def _legacy_torch(keys: list[str]) -> bytes:
    """torch/serialization.py _legacy_save's layout: four protocol-2 pickles (magic number, protocol version, sys
    info, the object). Built with pickle.dumps of plain values (never loaded); the state dict's values are floats."""
    import pickle
    from collections import OrderedDict

    from modelmap.artifacts.pickle import TORCH_LEGACY_MAGIC

    magic = pickle.dumps(0x1950A86A20F9469CFC6C, protocol=2)
    assert magic == TORCH_LEGACY_MAGIC
    return (magic + pickle.dumps(1001, protocol=2)
            + pickle.dumps({"protocol_version": 1001, "little_endian": True}, protocol=2)
            + pickle.dumps(OrderedDict((k, 0.5) for k in keys), protocol=2))


ONET = ["conv1.weight", "conv1.bias", "prelu1.weight", "conv2.weight", "conv2.bias", "prelu2.weight", "conv3.weight",
        "conv3.bias", "prelu3.weight", "conv4.weight", "conv4.bias", "prelu4.weight", "dense5.weight", "dense5.bias",
        "prelu5.weight", "dense6_1.weight", "dense6_1.bias", "dense6_2.weight", "dense6_2.bias", "dense6_3.weight",
        "dense6_3.bias"]
PNET = ["conv1.weight", "conv1.bias", "prelu1.weight", "conv2.weight", "conv2.bias", "prelu2.weight", "conv3.weight",
        "conv3.bias", "prelu3.weight", "conv4_1.weight", "conv4_1.bias", "conv4_2.weight", "conv4_2.bias"]


@pytest.mark.parametrize("keys", [ONET, PNET])
def test_legacy_torch_state_dict_keys_name_mtcnn(tmp_path: Path, keys: list[str]) -> None:
    f = tmp_path / "blob"
    f.write_bytes(_legacy_torch(keys))
    info = reader_for(f).read(f)  # type: ignore[union-attr]
    assert info.metadata["format_props"]["pickle.keys"].startswith("conv1.weight|conv1.bias|prelu1.weight")
    rec = inspect_path(f)
    assert rec["family"]["id"] == "mtcnn" and rec["family"]["signals"] == ["structure"]
    assert rec["publisher"]["id"] == "siat" and rec["publisher"]["country"] == "CN"


def test_legacy_torch_without_an_mtcnn_head_or_magic(tmp_path: Path) -> None:
    import pickle

    f = tmp_path / "blob"
    f.write_bytes(_legacy_torch([*ONET[:12], "fc.weight", "fc.bias"]))  # conv1/prelu1 alone: any small CNN
    assert not (inspect_path(f).get("family") or {}).get("id")
    g = tmp_path / "plain"  # back-to-back pickles without torch's magic: the first one is outlined, as before
    g.write_bytes(pickle.dumps(7, protocol=2) + pickle.dumps(1001, protocol=2) + pickle.dumps({}, protocol=2)
                  + pickle.dumps(dict.fromkeys(ONET, 0.5), protocol=2))
    props = reader_for(g).read(g).metadata["format_props"]  # type: ignore[union-attr]
    assert "pickle.keys" not in props
    assert not (inspect_path(g).get("family") or {}).get("id")
