"""Models companies ship beside LLMs (issue 11 item 7, session 11, opened held-out-3 misses): fastText, CMU Sphinx,
ARPA LMs, spaCy/Thinc component weights (modelmap.artifacts.classic), ONNX class labels (Ultralytics ``names``,
Paddle ``character``), and a tokenizer that extends Llama 2's vocabulary with its own added tokens (Moonshine).

The fixtures are built here from the formats' published layouts (small, synthetic, no real weights)."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from modelmap.artifacts import DEFAULT_LIMITS, reader_for
from modelmap.artifacts.classic import FASTTEXT_MAGIC, FastTextReader, SphinxReader
from modelmap.artifacts.identify import Observation, _pattern_holds, class_labels, load_fingerprints, rank
from modelmap.errors import ReadError
from modelmap.inspect import _Inspection, inspect_path

LANGS = ["en", "zh", "ja", "de", "fr", "ru"] + [f"x{i:03d}" for i in range(170)]  # 176 labels


def fasttext_bytes(labels: list[str], words: list[str], *, model: int = 3, dim: int = 16,
                   quant: bool = True, sizes: tuple[int, int, int] | None = None) -> bytes:
    """fastText saveModel: magic, version 12, Args::save, Dictionary::save (words then labels), pruneidx, quant."""
    out = struct.pack("<ii", FASTTEXT_MAGIC, 12)
    out += struct.pack("<12i", dim, 5, 5, 1, 5, 1, 1, model, 2_000_000, 2, 4, 100) + struct.pack("<d", 1e-4)
    size, nwords, nlabels = sizes or (len(words) + len(labels), len(words), len(labels))
    out += struct.pack("<iiiqq", size, nwords, nlabels, 1000, 0)
    for w in words:
        out += w.encode() + b"\x00" + struct.pack("<qb", 10, 0)
    for lab in labels:
        out += f"__label__{lab}".encode() + b"\x00" + struct.pack("<qb", 10, 1)
    return out + bytes([1 if quant else 0]) + b"\x00" * 64


def test_fasttext_lid176_is_the_published_language_identifier(tmp_path: Path) -> None:
    f = tmp_path / "blob"
    f.write_bytes(fasttext_bytes(LANGS, ["</s>", "de", "in"]))
    info = FastTextReader().read(f)
    assert info.format == "fasttext"
    assert info.metadata["format_props"]["fasttext.labels"] == 176
    assert info.metadata["format_props"]["fasttext.quantized"] is True
    assert info.metadata["labels"][:2] == ["__label__en", "__label__zh"]
    rec = inspect_path(f)
    assert rec["family"]["id"] == "fasttext-lid"
    assert rec["publisher"]["id"] == "meta" and rec["publisher"]["country"] == "US"


def test_other_fasttext_models_are_recognised_but_not_named(tmp_path: Path) -> None:
    f = tmp_path / "clf.bin"
    f.write_bytes(fasttext_bytes(["spam", "ham"], ["a", "b"]))
    rec = inspect_path(f)
    assert rec["format"] == "fasttext"
    assert rec["family"] is None and rec["publisher"] is None
    vec = tmp_path / "vectors.bin"  # unsupervised vectors with no labels: format only
    vec.write_bytes(fasttext_bytes([], ["a", "b"], model=2, dim=300, quant=False))
    assert inspect_path(vec)["family"] is None


def test_fasttext_bad_headers_are_read_errors(tmp_path: Path) -> None:
    f = tmp_path / "bad"
    f.write_bytes(fasttext_bytes(LANGS, ["a"], sizes=(5, 1, 176)))  # words + labels != size
    with pytest.raises(ReadError):
        FastTextReader().read(f)
    cut = tmp_path / "cut"
    cut.write_bytes(fasttext_bytes(LANGS, ["a"])[:200])  # the dictionary cut inside an entry
    with pytest.raises(ReadError):
        FastTextReader().read(cut)
    noend = tmp_path / "noend"  # an entry with no NUL inside the bound: an error, not a scan of the whole file
    noend.write_bytes(fasttext_bytes([], [], sizes=(1, 1, 0))[:-65] + b"x" * 10_000)
    with pytest.raises(ReadError):
        FastTextReader().read(noend)
    assert inspect_path(cut)["family"] is None  # inspect reports the skip, never crashes


def sendump_bytes() -> bytes:
    strings = [b"BEGIN FILE FORMAT DESCRIPTION", b"(int32) <#codewords>", b"END FILE FORMAT DESCRIPTION",
               b"cluster_count 0", b"codebook_count 1", b"feature_count 3"]
    out = b"".join(struct.pack("<i", len(s) + 1) + s + b"\x00" for s in strings)
    # counts other than CMU's published en-us model's (128 / 5126: test_serialized_formats names that one CMU's)
    return out + struct.pack("<iii", 0, 128, 4000) + bytes(range(256)) * 4


@pytest.mark.parametrize("kind,data,fmt", [
    ("trie", b"Trie Language Model" + bytes([3]) + struct.pack("<3I", 50, 2000, 30000) + b"\x00" * 64,
     "sphinx-lm-trie"),
    ("dmp", struct.pack("<i", 17) + b"Darpa Trigram LM\x00" + b"\x00" * 64, "sphinx-lm-dmp"),
    ("sendump", sendump_bytes(), "sphinx-sendump"),
    ("mdef", b"BMDF" + b"\x00" * 64, "sphinx-mdef"),
])
def test_cmu_sphinx_formats_name_the_toolkit_not_a_maker(tmp_path: Path, kind: str, data: bytes, fmt: str) -> None:
    f = tmp_path / kind
    f.write_bytes(data)
    assert reader_for(f) is not None and reader_for(f).id == "sphinx"  # type: ignore[union-attr]
    assert SphinxReader().read(f).format == fmt
    rec = inspect_path(f)
    assert rec["family"]["id"] == "cmusphinx"
    assert rec["publisher"] is None  # the format says which toolkit wrote it, not who trained the model


def test_sphinx_bad_headers(tmp_path: Path) -> None:
    f = tmp_path / "t"
    f.write_bytes(b"Trie Language Model" + bytes([99]))
    with pytest.raises(ReadError):
        SphinxReader().read(f)
    s = tmp_path / "s"  # a header string longer than the bytes there
    s.write_bytes(struct.pack("<i", 30) + b"BEGIN FILE FORMAT DESCRIPTION\x00" + struct.pack("<i", 1 << 30))
    with pytest.raises(ReadError):
        SphinxReader().read(s)


def test_arpa_lm_is_a_format_only(tmp_path: Path) -> None:
    f = tmp_path / "lm"
    f.write_bytes(b"\\data\\\nngram 1=5\nngram 2=7\n\n\\1-grams:\n-1.0 <s>\n")
    assert reader_for(f).id == "arpa-lm"  # type: ignore[union-attr]
    rec = inspect_path(f)
    assert rec["family"] is None


def test_thinc_component_weights_are_read_but_name_no_family(tmp_path: Path) -> None:
    # spaCy is the framework, not a model family: a component's weights alone do not say which pipeline (session 31)
    v2 = tmp_path / "model"
    v2.write_bytes(b"\x81\xc4\x07weights\xdc\x00\x02\x82\xc4\x04dims\x80\xc4\x06params\x90" * 2)
    rec = inspect_path(v2)
    assert rec["format"] == "thinc" and rec["family"] is None and rec["publisher"] is None
    v3 = tmp_path / "model3"
    v3.write_bytes(b"\x84\xa5nodes\x90\xa5attrs\x90\xa6params\x90\xa5shims\x90")
    assert inspect_path(v3)["format"] == "thinc" and inspect_path(v3)["family"] is None
    other = tmp_path / "other"  # some other msgpack map is not Thinc
    other.write_bytes(b"\x81\xa3foo\x01")
    assert inspect_path(other)["family"] is None


def test_class_labels_from_onnx_metadata() -> None:
    names = "{0: 'FACE_FEMALE', 1: \"it's\", 2: 'BELLY_EXPOSED'}"
    assert class_labels({"names": names}) == {"FACE_FEMALE", "it's", "BELLY_EXPOSED"}
    assert class_labels({"character": "0\n90\n180\n270\n"}) == {"0", "90", "180", "270"}
    assert class_labels({"names": "__import__('os').system('x')"}) == {"os", "x"}  # read, never evaluated
    assert class_labels({"names": "'a'," * 100_000}) == {"a"}


def _entry(eid: str) -> dict:
    return next(e for e in load_fingerprints()["fingerprints"] if e["id"] == eid)


def test_nudenet_and_pulc_by_their_published_class_lists() -> None:
    nudenet = _entry("nudenet")["structure"][0]
    labels = set(nudenet["labels"])
    feat = {"format": "onnx", "labels": labels | {"extra"}}
    assert _pattern_holds(nudenet, feat)
    assert not _pattern_holds(nudenet, {"format": "onnx", "labels": labels - {"FACE_MALE"}})
    pulc = _entry("pulc-text-image-orientation")["structure"][0]
    feat = {"format": "onnx", "exporter": "paddle", "input_shapes": {"x": [None, 3, 224, 224]},
            "output_shapes": {"fetch_name_0": [None, 4]}, "labels": {"0", "90", "180", "270"}}
    assert _pattern_holds(pulc, feat)
    feat["output_shapes"] = {"fetch_name_0": [None, 2]}  # PaddleOCR's 0/180 text-line classifier is not PULC
    assert not _pattern_holds(pulc, feat)


def test_open_nsfw_by_its_thin_resnet_shapes() -> None:
    shapes = {(64, 3, 7, 7), (32, 128, 1, 1), (128, 32, 1, 1), (256, 1024, 1, 1), (1024, 256, 1, 1), (1024, 2)}
    obs = Observation(structures=[{"format": "onnx", "tensor_shapes": shapes}])
    assert rank(obs)[0]["family"] == "open-nsfw"
    full_resnet50 = {(64, 3, 7, 7), (256, 64, 1, 1), (64, 256, 1, 1), (2048, 512, 1, 1), (2048, 2)}
    assert all(r["family"] != "open-nsfw" for r in rank(Observation(structures=[{"format": "onnx",
                                                                              "tensor_shapes": full_resnet50}])))


def test_moonshine_is_llama2_vocabulary_plus_its_added_tokens(tmp_path: Path) -> None:
    llama2 = _entry("llama2")
    run = _Inspection(tmp_path, DEFAULT_LIMITS, False)
    run.obs.vocab_hashes.update({llama2["vocab_hashes"][0]: "tokenizer.json"})
    run.obs.specials.update(["<s>", "</s>", "<unk>"] + [f"<<ST_{i}>>" for i in range(768)])
    out = run.conclude()
    assert out["family"]["id"] == "moonshine"
    assert out["publisher"]["id"] == "useful-sensors" and out["publisher"]["country"] is None
    assert any("built on llama2's vocabulary" in w for w in out["family"]["why"])
    plain = _Inspection(tmp_path, run.limits, False)  # Llama 2's tokenizer alone stays Llama 2
    plain.obs.vocab_hashes.update({llama2["vocab_hashes"][0]: "tokenizer.json"})
    plain.obs.specials.update(["<s>", "</s>", "<unk>"])
    assert plain.conclude()["family"]["id"] == "llama2"


def _spacy_folder(root: Path, author: str) -> Path:
    pipe = root / "en_core_web_sm-2.2.5"
    (pipe / "ner").mkdir(parents=True)
    (pipe / "ner" / "model").write_bytes(b"\x81\xc4\x07weights\xdc\x00\x02\x82\xc4\x04dims\x80\xc4\x06params\x90")
    meta = {"lang": "en", "name": "core_web_sm", "version": "2.2.5", "spacy_version": ">=2.2.2", "author": author,
            "url": "https://explosion.ai" if author == "Explosion" else "https://acme.example", "license": "MIT",
            "pipeline": ["tagger", "parser", "ner"]}
    (pipe / "meta.json").write_text(__import__("json").dumps(meta), encoding="utf-8")
    return pipe


def test_spacy_meta_json_names_the_pipeline_and_its_author(tmp_path: Path) -> None:
    pipe = _spacy_folder(tmp_path / "a", "Explosion")
    for target in (pipe, pipe / "ner" / "model"):  # the folder, or a component file with meta.json one level up
        rec = inspect_path(target)
        assert rec["family"]["id"] == "en_core_web_sm" and rec["publisher"]["id"] == "explosion"
        assert rec["declared"]["name"] == "en_core_web_sm"
    # someone else's pipeline: no maker named; since session 38 the family is the pipeline name the file claims
    # (the generic spacy-pipeline entry, format-level weight), never Explosion's
    other = _spacy_folder(tmp_path / "b", "Acme Corp")
    rec = inspect_path(other)
    assert rec["family"]["fingerprint"] == "spacy-pipeline" and rec["family"]["id"] == "en_core_web_sm"
    assert rec["publisher"] is None and rec["declared"]["name"] == "en_core_web_sm"
    junk = tmp_path / "c"
    junk.mkdir()
    (junk / "meta.json").write_text('{"name": "x"}', encoding="utf-8")  # not a spaCy meta.json: ignored
    assert inspect_path(junk)["family"] is None


def test_a_large_fasttext_dictionary_is_not_walked(tmp_path: Path) -> None:
    """More entries than MAX_FT_ENTRIES: the header's counts are read, the labels are not listed (bounded work)."""
    from modelmap.artifacts.classic import MAX_FT_ENTRIES

    n = MAX_FT_ENTRIES + 1
    f = tmp_path / "big.bin"
    f.write_bytes(fasttext_bytes(LANGS, [], sizes=(n + 176, n, 176)))  # the entries themselves are absent
    info = FastTextReader().read(f)
    assert info.metadata["format_props"]["fasttext.labels"] == 176
    assert "labels" not in info.metadata
    assert any("not walked" in note for note in info.notes)
    assert inspect_path(f)["family"] is None  # lid.176 needs its label names, not only a count


def test_sendump_with_endless_header_strings_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "s"
    f.write_bytes(struct.pack("<i", 30) + b"BEGIN FILE FORMAT DESCRIPTION\x00" + (struct.pack("<i", 2) + b"x\x00") * 600)
    with pytest.raises(ReadError):
        SphinxReader().read(f)
