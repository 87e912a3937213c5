"""insp38 (the opened inspect held-out-28): spaCy pipeline files identified by their content, not their names.

* a spaCy meta.json renamed (no ``meta.json`` name) is still read as one, by its ``spacy_version`` / lang / name;
* a spaCy ``config.cfg`` (INI with JSON values) is read by its ``[nlp]`` section: language, components, and the
  Hugging Face weights a transformer component loads, declared as the pipeline's base;
* a spacy-transformers component file (Thinc 8 msgpack) names the Hugging Face weights its ``hf-pytorch`` node loads;
* GiNZA is named from either (Megagon's ``transformers-ud-japanese`` weights); another transformer names no family;
* any other packaged pipeline is named by its own pipeline name, with no maker.

Synthetic files always run (each assertion fails without the change); the real held-out-28 members run when cached.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from modelmap.artifacts.classic import ThincReader
from modelmap.inspect import inspect_path
from tests.artifacts.test_inspect20_speech import _fam, _pub

from .conftest import real_file

GINZA_HF = "megagonlabs/transformers-ud-japanese-electra-base-ginza-v5.3"


def _meta(lang: str, name: str, author: str, url: str) -> bytes:
    return json.dumps({"lang": lang, "name": name, "version": "1.0.0", "spacy_version": ">=3.7.0,<3.9.0",
                       "author": author, "url": url, "license": "MIT License",
                       "pipeline": ["tok2vec", "ner"]}).encode()


def _config(transformer: str | None, lang: str = "ja") -> str:
    lines = ["[paths]", 'train = "corpus/train.spacy"', "vectors = null", "", "[system]", 'gpu_allocator = "pytorch"', "",
             "[nlp]", f'lang = "{lang}"', 'pipeline = ["transformer","parser","ner"]', "batch_size = 128", "",
             "[components]", "", "[components.transformer]", 'factory = "transformer"', "max_batch_items = 4096", ""]
    if transformer is not None:
        lines += ["[components.transformer.model]", '@architectures = "spacy-transformers.TransformerModel.v3"',
                  f'name = "{transformer}"', "mixed_precision = false", ""]
    lines += ["[training]", "seed = ${system.seed}", "dropout = 0.1"]
    return "\n".join(lines) + "\n"


def _thinc_transformer(hf_name: str) -> bytes:
    """A spacy-transformers component as Thinc 8's to_dict writes it: the hf-pytorch node's attrs hold the name as a
    msgpack str wrapped in bin8."""
    raw = hf_name.encode()
    inner = (bytes([0xA0 | len(raw)]) if len(raw) < 32 else b"\xd9" + bytes([len(raw)])) + raw
    node0 = b"\x84\xa5index\x00\xa4name\xabtransformer\xa4dims\x81\xa2nO\xcd\x03\x00\xa4refs\x80"
    node1 = b"\x84\xa5index\x01\xa4name\xaahf-pytorch\xa4dims\x82\xa2nI\xc0\xa2nO\xc0\xa4refs\x80"
    attrs = b"\x92\x81\xa4name\xc4" + bytes([len(inner)]) + inner + b"\x80"
    return b"\x84\xa5nodes\x92" + node0 + node1 + b"\xa5attrs" + attrs + b"\xa6params\x92\x80\x80\xa5shims\x90"


def test_renamed_spacy_meta_is_read_by_content(tmp_path: Path) -> None:
    f = tmp_path / "m10"
    f.write_bytes(_meta("ja", "ginza_bert_large", "Megagon Labs Tokyo.", "https://github.com/megagonlabs/ginza"))
    rec = inspect_path(f)
    assert _fam(rec) == "ginza" and _pub(rec) == ("megagon-labs", None)
    assert rec["declared"]["name"] == "ja_ginza_bert_large" and rec["declared"]["license"] == "MIT License"
    # other JSON without spacy_version stays unread
    other = tmp_path / "m11"
    other.write_text(json.dumps({"lang": "ja", "name": "x", "version": "1"}))
    assert inspect_path(other)["family"] is None


def test_community_pipeline_named_by_its_own_name_without_maker(tmp_path: Path) -> None:
    f = tmp_path / "blob"
    f.write_bytes(_meta("fi", "experimental_web_md", "Antti Ajanki", "https://github.com/aajanki/spacy-fi"))
    rec = inspect_path(f)
    assert _fam(rec) == "fi_experimental_web_md" and _pub(rec) == (None, None)
    # Explosion's own pipeline keeps its specific entry and maker
    g = tmp_path / "en"
    g.write_bytes(_meta("en", "core_web_sm", "Explosion", "https://explosion.ai"))
    rec = inspect_path(g)
    assert _fam(rec) == "en_core_web_sm" and rec["family"]["fingerprint"] == "spacy-explosion"
    assert _pub(rec)[0] == "explosion"


def test_spacy_config_names_its_transformer(tmp_path: Path) -> None:
    f = tmp_path / "m09"
    f.write_text(_config(GINZA_HF))
    rec = inspect_path(f)
    assert _fam(rec) == "ginza" and _pub(rec) == ("megagon-labs", None)
    assert rec["declared"]["base_model"] == GINZA_HF
    # inside a pipeline folder, config.cfg is read by name
    pipe = tmp_path / "pipe"
    pipe.mkdir()
    (pipe / "config.cfg").write_text(_config(GINZA_HF))
    assert _fam(inspect_path(pipe)) == "ginza"
    # another transformer: its weights are declared, no family is named
    o = tmp_path / "o"
    o.write_text(_config("cl-tohoku/bert-base-japanese-v3"))
    rec = inspect_path(o)
    assert rec["family"] is None and rec["declared"]["base_model"] == "cl-tohoku/bert-base-japanese-v3"


def test_spacy_config_sniff_is_strict_and_bounded(tmp_path: Path) -> None:
    no_pipeline = tmp_path / "a"
    no_pipeline.write_text("[nlp]\nlang = \"ja\"\n")
    assert "spacy-config" not in json.dumps(inspect_path(no_pipeline)["evidence"])
    big = tmp_path / "b"
    big.write_text(_config(GINZA_HF) + "# pad\n" * 60_000)  # over the 256 KB bound: not parsed
    assert inspect_path(big)["family"] is None
    bad_name = tmp_path / "c"
    bad_name.write_text(_config("megagonlabs/transformers-ud-japanese electra; rm -rf /"))
    rec = inspect_path(bad_name)
    assert rec["family"] is None and rec["declared"]["base_model"] is None


def test_thinc_transformer_component_names_its_weights(tmp_path: Path) -> None:
    f = tmp_path / "model"
    f.write_bytes(_thinc_transformer("megagonlabs/transformers-ud-japanese-electra-base-discriminator"))
    info = ThincReader().read(f)
    assert info.metadata["thinc.hf_model"] == "megagonlabs/transformers-ud-japanese-electra-base-discriminator"
    rec = inspect_path(f)
    assert _fam(rec) == "ginza" and rec["declared"]["base_model"].startswith("megagonlabs/")
    short = tmp_path / "short"
    short.write_bytes(_thinc_transformer("bert-base-uncased/x"))  # a fixstr inside the bin
    assert ThincReader().read(short).metadata["thinc.hf_model"] == "bert-base-uncased/x"
    assert inspect_path(short)["family"] is None
    junk = tmp_path / "junk"
    junk.write_bytes(_thinc_transformer("not an id"))
    assert "thinc.hf_model" not in ThincReader().read(junk).metadata


def test_real_heldout28_ginza_members() -> None:
    for pkg, member in (("ja-ginza-bert-large-5.3.0", "ja_ginza_bert_large/ja_ginza_bert_large-5.3.0/meta.json"),
                        ("ja-ginza-bert-large-5.3.0", "ja_ginza_bert_large/ja_ginza_bert_large-5.3.0/config.cfg"),
                        ("ja-ginza-electra-5.3.1", "ja_ginza_electra/ja_ginza_electra-5.3.1/config.cfg"),
                        ("ja-ginza-electra-5.3.1", "ja_ginza_electra/ja_ginza_electra-5.3.1/transformer/model")):
        rec = inspect_path(real_file(pkg, member))
        assert _fam(rec) == "ginza" and _pub(rec)[0] == "megagon-labs", member


def test_cog_pretrain_sentencepiece_named_by_its_training_name(tmp_path: Path) -> None:
    from tests.artifacts.test_inspect30_layouts import _spm

    pieces = [("<unk>", 2), ("<s>", 3), ("</s>", 3)] + [(f"\u2581c{i}", 1) for i in range(50000 - 3)]
    p = tmp_path / "m04"
    p.write_bytes(_spm(pieces, ids=(0, 1, 2, -1), prefix="cog-pretrain", inp="/data/sp/sentence_piece_raw.txt"))
    assert _fam(inspect_path(p)) == "glm" and _pub(inspect_path(p)) == ("zhipu", "CN")
    # the name alone, at another size, or another name at this size: nothing named
    q = tmp_path / "q"
    q.write_bytes(_spm(pieces[:32000], ids=(0, 1, 2, -1), prefix="cog-pretrain"))
    assert inspect_path(q)["family"] is None
    r = tmp_path / "r"
    r.write_bytes(_spm(pieces, ids=(0, 1, 2, -1), prefix="my-chinese-spm"))
    assert inspect_path(r)["family"] is None


def test_real_heldout28_cog_pretrain() -> None:
    f = real_file("swissarmytransformer-0.4.12", "sat/tokenization/embed_assets/chinese_sentencepiece/cog-pretrain.model")
    assert _fam(inspect_path(f)) == "glm"


# --- ONNX Runtime's ORT format (a FlatBuffer with identifier ORTM) ----------------------------------------------------

def _ort(path: Path, inits: list[tuple[str, list[int]]], inputs: dict[str, list[int | str]],
         outputs: dict[str, list[int | str]], producer: str = "pytorch", ident: bytes = b"ORTM") -> Path:
    from tests.artifacts.test_inspect28_heldout13 import _T, _V, _flatbuffer

    def dim(d: int | str) -> _T:  # Dimension{value: DimensionValue{dim_type, dim_value (int64), dim_param}}
        value = _T(("u32", 1), ("u32", d), None, ("u32", 0)) if isinstance(d, int) else _T(("u32", 2), None,
                                                                                            ("ref", d))
        return _T(("ref", value), None)

    def value_info(name: str, dims: list[int | str]) -> _T:
        shape = _T(("ref", _V("ref", [dim(d) for d in dims])))
        return _T(("ref", name), None, ("ref", _T(None, ("u32", 1), ("ref", _T(("u32", 1), ("ref", shape))))))

    tensors = [_T(("ref", n), None, ("ref", _V("u64", dims)), ("u32", 1)) for n, dims in inits]
    args = [value_info(n, d) for n, d in {**inputs, **outputs}.items()]
    graph = _T(("ref", _V("ref", tensors)), ("ref", _V("ref", args)), None, None, None,
               ("ref", _V("ref", list(inputs))), ("ref", _V("ref", list(outputs))))
    props = _V("ref", [_T(("ref", "converter"), ("ref", "test"))])
    model = _T(None, None, ("ref", producer), ("ref", "2.5.1"), None, None, None, ("ref", graph), None, ("ref", props))
    path.write_bytes(_flatbuffer(_T(("ref", "6"), ("ref", model)), ident))
    return path


_MOONSHINE_STEM = [("conv1.weight", [416, 1, 127]), ("conv2.weight", [832, 416, 7]), ("conv2.bias", [832]),
                   ("conv3.weight", [416, 832, 3])]


def test_ort_reader_reads_the_graph(tmp_path: Path) -> None:
    from modelmap.artifacts import reader_for

    f = _ort(tmp_path / "enc", _MOONSHINE_STEM, {"input_values": ["batch_size", "num_samples"]},
             {"last_hidden_state": ["batch_size", "frames", 416]})
    reader = reader_for(f)
    assert reader is not None and reader.id == "ort"
    info = reader.read(f)
    assert info.metadata["producer_name"] == "pytorch" and info.metadata["ort_version"] == "6"
    assert info.metadata["graph_inputs"] == ["input_values"]
    assert info.metadata["graph_output_shapes"] == {"last_hidden_state": ["batch_size", "frames", 416]}
    assert info.metadata["metadata_props"] == {"converter": "test"}
    assert (info.tensors[0].name, info.tensors[0].shape) == ("conv1.weight", (416, 1, 127))


def test_moonshine_graphs_named_by_shape(tmp_path: Path) -> None:
    enc = _ort(tmp_path / "m02", _MOONSHINE_STEM, {"input_values": ["batch_size", "num_samples"]},
               {"last_hidden_state": ["batch_size", "frames", 416]})
    rec = inspect_path(enc)
    assert _fam(rec) == "moonshine" and _pub(rec)[0] == "useful-sensors"
    dec = _ort(tmp_path / "m01", [("model.decoder.embed_tokens.weight", [32768, 416])],
               {"input_ids": ["b", "s"], "encoder_hidden_states": ["b", "t", 416]}, {"logits": ["b", "s", 32768]},
               producer="optimum-onnx")
    assert _fam(inspect_path(dec)) == "moonshine"
    # another width or kernel: not Moonshine Base
    other = _ort(tmp_path / "o", [("conv1.weight", [512, 1, 127]), ("conv2.weight", [1024, 512, 7]),
                                  ("conv3.weight", [512, 1024, 3])], {"input_values": ["b", "n"]},
                 {"last_hidden_state": ["b", "f", 512]})
    assert inspect_path(other)["family"] is None


@pytest.mark.parametrize("damage", ["truncated", "huge-count", "bad-offset"])
def test_ort_hostile_files_are_skipped(tmp_path: Path, damage: str) -> None:
    import struct

    from modelmap.artifacts.ort import OrtFormatReader
    from modelmap.errors import ReadError

    data = bytearray(_ort(tmp_path / "ok", _MOONSHINE_STEM, {"input_values": ["b", "n"]},
                          {"last_hidden_state": ["b", "f", 416]}).read_bytes())
    if damage == "truncated":
        data = data[: len(data) // 3]
    elif damage == "huge-count":  # the first vector's count (the initializers) made enormous
        at = data.find(struct.pack("<I", len(_MOONSHINE_STEM)))
        struct.pack_into("<I", data, at, 0xFFFFFFF0)
    else:
        struct.pack_into("<I", data, 0, 0x7FFFFFF0)  # the root offset points far outside the file
    f = tmp_path / "bad"
    f.write_bytes(bytes(data))
    with pytest.raises(ReadError):
        OrtFormatReader().read(f)
    rec = inspect_path(f)
    assert rec["family"] is None and rec["skipped"]


def test_real_heldout28_moonshine_ort() -> None:
    for member in ("moonshine_cpp-0.1.4.data/purelib/moonshine_cpp/models/base-en/encoder_model.ort",
                   "moonshine_cpp-0.1.4.data/purelib/moonshine_cpp/models/base-en/decoder_model_merged.ort"):
        rec = inspect_path(real_file("moonshine-cpp-0.1.4", member))
        assert _fam(rec) == "moonshine" and _pub(rec)[0] == "useful-sensors", member
