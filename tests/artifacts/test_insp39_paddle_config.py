"""Session 35 (held-out-25 opened): Paddle inference configs and renamed model configs read by content, and ONNX
files that name their converter (madmom's). Own miniature fixtures; the real held-out-25 members are the bench's."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from modelmap.artifacts.identify import structure_features
from modelmap.inspect import inspect_path
from tests.artifacts.protobuf import field


def _id(path: Path) -> tuple[str | None, str | None, dict]:
    rec = inspect_path(path)
    fam = rec["family"]["id"] if rec.get("family") else None
    pub = rec["publisher"]["id"] if rec.get("publisher") else None
    return fam, pub, rec


def _paddle_cfg(model_name: object, arch: str = "DETR", mode: str = "paddle") -> dict:
    return {"mode": mode, "draw_threshold": 0.5, "metric": "COCO", "Global": {"model_name": model_name},
            "arch": arch, "Preprocess": [{"type": "Resize", "target_size": [800, 800]}, {"type": "Permute"}],
            "label_list": ["abstract", "chart", "doc_title", "footer", "table", "text"]}


@pytest.mark.parametrize(("name", "want"), [("PP-DocLayoutV2", "pp-doclayout"), ("PP-DocLayout-L", "pp-doclayout"),
                                            ("PP-DocLayout_plus-L", "pp-doclayout"), ("PP-DocLayoutV3", "pp-doclayout"),
                                            ("PP-OCRv5_server_det", "pp-ocr"), ("PP-OCRv4_mobile_rec", "pp-ocr"),
                                            ("PP-DocLayoutX", None), ("MyLayoutNet", None), ("RT-DETR-L", None)])
def test_renamed_paddle_inference_json_names_its_model(tmp_path: Path, name: str, want: str | None) -> None:
    f = tmp_path / "m11"  # renamed, no extension: read by content
    f.write_text(json.dumps(_paddle_cfg(name), indent=4))
    fam, pub, rec = _id(f)
    assert fam == want
    assert pub == ("baidu" if want else None)
    assert any(e["detail"].startswith("Paddle inference config: paddle.model_name=") for e in rec["evidence"])
    assert rec["declared"]["name"] == name


def test_paddle_inference_yml_in_a_model_folder(tmp_path: Path) -> None:
    d = tmp_path / "PP-OCRv5_server_det_infer"
    d.mkdir()
    (d / "inference.yml").write_text("mode: paddle\nGlobal:\n  model_name: PP-OCRv5_server_det\narch: DB\n"
                                     "PreProcess:\n  transform_ops:\n  - DecodeImage: {channel_first: false}\n")
    (d / "notes.yml").write_text("Global:\n  model_name: PP-DocLayoutV2\nmode: paddle\n")  # other YAML: ignored
    fam, pub, rec = _id(d)
    assert (fam, pub) == ("pp-ocr", "baidu")
    assert rec["declared"]["sources"]["name"].endswith("inference.yml:Global.model_name")


def test_config_without_paddle_marks_is_not_a_paddle_config(tmp_path: Path) -> None:
    f = tmp_path / "c"
    f.write_text(json.dumps({"Global": {"model_name": "PP-DocLayoutV2"}}))  # no mode / arch: not an export config
    fam, _, rec = _id(f)
    assert fam is None and not rec["evidence"] and rec["declared"]["name"] is None
    assert [s["reason"] for s in rec["skipped"]] == ["unreadable"]


def test_renamed_hf_config_is_read_as_config_and_tokenizer_json_stays_a_tokenizer(tmp_path: Path) -> None:
    f = tmp_path / "noext"
    f.write_text(json.dumps({"model_type": "qwen2", "architectures": ["Qwen2ForCausalLM"], "hidden_size": 896,
                             "num_hidden_layers": 24, "vocab_size": 151936}))
    rec = inspect_path(f)
    assert "qwen2" in rec["architecture_family"]
    assert any(e["kind"] == "architecture" for e in rec["evidence"])
    tok = tmp_path / "tok"
    tok.write_text(json.dumps({"version": "1.0", "added_tokens": [], "model_type": "x",
                               "model": {"type": "BPE", "vocab": {"a": 0, "b": 1, "ab": 2}, "merges": ["a b"]}}))
    rec = inspect_path(tok)
    assert not any(e["kind"] == "architecture" for e in rec["evidence"])


def test_hostile_paddle_configs_are_bounded_or_skipped(tmp_path: Path) -> None:
    big = tmp_path / "big"
    big.write_text(json.dumps(_paddle_cfg("PP-DocLayoutV2" + "x" * 100_000)))
    fam, _, rec = _id(big)
    assert fam is None and len(rec["declared"]["name"]) <= 200
    odd = tmp_path / "odd"
    odd.write_text(json.dumps({"mode": "paddle", "Global": {"model_name": ["PP-DocLayoutV2"] * 5},
                               "arch": {"deep": [1] * 10}, "label_list": list(range(5000))}))
    rec = inspect_path(odd)  # non-string fields: no crash; a list name is its first item at most
    assert rec["schema"] == "modelmap.inspect/2"
    d = tmp_path / "m"
    d.mkdir()
    (d / "inference.yml").write_text("mode: paddle\nGlobal: [unclosed\n")
    (d / "config.json").write_text(json.dumps({"model_type": "bert", "hidden_size": 384, "num_hidden_layers": 6}))
    rec = inspect_path(d)  # the broken YAML is one reported skip; the folder is still read
    assert any(s["path"] == "inference.yml" and s["reason"] == "unreadable" for s in rec["skipped"])
    assert "bert" in rec["architecture_family"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_named_inference_yml_is_never_opened_for_reading(tmp_path: Path) -> None:
    d = tmp_path / "m"
    d.mkdir()
    os.mkfifo(d / "inference.yml")
    (d / "config.json").write_text(json.dumps({"model_type": "bert", "hidden_size": 384, "num_hidden_layers": 6}))
    rec = inspect_path(d)
    assert any(s["path"] == "inference.yml" and s["reason"] == "not-a-file" for s in rec["skipped"])


def _onnx(producer: str, graph_name: str) -> bytes:
    graph = field(2, graph_name.encode())
    return bytes([0x08, 8]) + field(2, producer.encode()) + field(7, graph) + field(8, bytes([0x10, 18]))


@pytest.mark.parametrize(("producer", "graph", "want"), [
    ("madmom-model-converter", "madmom_primitive_network", "madmom"),
    ("madmom-model-converter", "main", "madmom"),
    ("pytorch", "madmom_primitive_network", "madmom"),
    ("pytorch", "main_graph", None), ("madmom-model-converter-x", "g", None)])
def test_onnx_converter_name_claims_madmom(tmp_path: Path, producer: str, graph: str, want: str | None) -> None:
    f = tmp_path / "m15"
    f.write_bytes(_onnx(producer, graph))
    fam, pub, _ = _id(f)
    assert fam == want
    assert pub == ("cpjku" if want else None)


def test_onnx_producer_is_a_bounded_prop() -> None:
    feat = structure_features("onnx", {"producer_name": "p" * 5000, "graph_name": "g"}, [])
    assert feat["props"]["onnx.producer_name"] == "p" * 256


def test_large_or_unmarked_json_is_not_parsed_by_the_config_sniff(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import modelmap.inspect as insp

    calls: list[str] = []
    real = insp.parse_json

    def counting(path, raw, limits):  # type: ignore[no-untyped-def]
        calls.append(Path(path).name)
        return real(path, raw, limits)

    monkeypatch.setattr(insp, "parse_json", counting)
    vocab = {f"tok{i}": i for i in range(60_000)}
    big = tmp_path / "t1"  # a tokenizer.json over 1 MiB, renamed: left to its reader, never parsed by the sniff
    big.write_text(json.dumps({"version": "1.0", "model_type": "x", "added_tokens": [],
                               "model": {"type": "WordLevel", "vocab": vocab, "unk_token": "tok0"}}))
    assert big.stat().st_size > 1024 * 1024
    inspect_path(big)
    plain = tmp_path / "t2"  # small, but names no config key
    plain.write_text(json.dumps({"a": 1, "b": [1, 2]}))
    inspect_path(plain)
    assert calls == []
    cfg = tmp_path / "t3"
    cfg.write_text(json.dumps({"model_type": "bert", "hidden_size": 384, "num_hidden_layers": 6}))
    assert "bert" in inspect_path(cfg)["architecture_family"]
    assert "t3" in calls
