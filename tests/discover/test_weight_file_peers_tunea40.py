"""A file listed among a model's weight files of the same format is one of them: an ONNX export's download list
names its preprocessor graph (`nemo128.onnx`) beside `encoder-model.onnx` and `decoder_joint-model.onnx`. Other kinds
of file in the list (`vocab.txt`) and stand-ins (`test.onnx`) are not. Fixtures written for these tests."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found


def test_an_onnx_download_list(tmp_path: Path) -> None:
    text = ("fn files(quant: Quant) -> Vec<&'static str> {\n"
            "    match quant {\n"
            "        Quant::Int8 => vec![\n"
            '            "encoder-model.int8.onnx",\n'
            '            "decoder_joint-model.int8.onnx",\n'
            '            "melspec80.onnx",\n'
            '            "vocab.txt",\n'
            "        ],\n"
            '        Quant::Fp32 => vec!["encoder-model.onnx", "decoder_joint-model.onnx", "melspec80.onnx", "vocab.txt"],\n'
            "    }\n"
            "}\n")
    got = found(tmp_path, "src/asr/files.rs", text)
    assert {(6, "melspec80.onnx"), (9, "melspec80.onnx")} <= got
    assert not {raw for _, raw in got} & {"vocab.txt"}


def test_one_weight_peer_or_a_stand_in_is_not_enough(tmp_path: Path) -> None:
    text = ("fn files(quant: Quant) -> Vec<&'static str> {\n"
            "    match quant {\n"
            '        Quant::A => vec!["encoder-model.onnx", "frontend.onnx", "vocab.txt", "config.json"],\n'
            '        Quant::B => vec!["encoder-model.onnx", "decoder-model.onnx", "test.onnx", "broken.onnx"],\n'
            "    }\n"
            "}\n")
    got = found(tmp_path, "src/asr/more.rs", text)
    assert not {raw for _, raw in got} & {"test.onnx", "broken.onnx"}
