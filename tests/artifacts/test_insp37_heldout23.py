"""Session 33 (brief insp37), held-out-23 opened: llama.cpp's pre-GGUF containers (ggml / ggmf / ggjt: hyper-parameters
and the scored vocabulary) and Paddle inference programs (op histogram, feeds / fetches, the export-time source files
their ops record), with red-team cases for truncated and lying headers."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from modelmap.artifacts import reader_for
from modelmap.artifacts.classic import PaddleProgramReader
from modelmap.artifacts.fingerprint import tokenizer_fingerprint, vocab_hash
from modelmap.artifacts.ggml import MAX_LLAMA_VOCAB, MAX_PIECE, GGMLReader, llama_ffn
from modelmap.errors import ReadError
from modelmap.inspect import inspect_path

from .conftest import real_file
from .protobuf import field, varint

UNK = " \u2047 ".encode()
ORDINARY = [b" the", b"er", b" a", b"in", b"ing", b" of", b"ou", b"at"]
LLAMA_7B = (4096, 256, 32, 32, 128, 1)  # n_embd, n_mult, n_head, n_layer, n_rot, ftype


def llama_file(pieces: list[bytes], magic: bytes = b"tjgg", version: int | None = 1, scored: bool = True,
               n_vocab: int | None = None, hparams: tuple[int, ...] = LLAMA_7B, tail: bytes = b"") -> bytes:
    """llama.cpp's 2023 layout: magic, (version,) seven int32 hyper-parameters, then each entry as uint32 length +
    bytes (+ float32 score)."""
    out = magic + (struct.pack("<I", version) if version is not None else b"")
    out += struct.pack("<7i", len(pieces) if n_vocab is None else n_vocab, *hparams)
    for i, p in enumerate(pieces):
        out += struct.pack("<I", len(p)) + p + (struct.pack("<f", -float(i)) if scored else b"")
    return out + tail


def spm_pieces() -> list[bytes]:
    """The shape of a converted SentencePiece vocabulary: the unknown mark, two empty control entries, the 256
    byte-fallback bytes in order, then ordinary pieces (one of them the single byte 'a', also a byte piece)."""
    return [UNK, b"", b""] + [bytes((j,)) for j in range(256)] + ORDINARY + [b"a"]


def test_ggjt_header_and_vocabulary(tmp_path: Path) -> None:
    f = tmp_path / "vocab.bin"
    f.write_bytes(llama_file(spm_pieces()))
    assert isinstance(reader_for(f), GGMLReader)
    info = GGMLReader().read(f)
    assert info.format == "ggjt" and info.metadata["ggml.version"] == 1
    assert info.metadata["ggml.llama_hparams"]["n_embd"] == 4096
    tok = info.tokenizer
    assert tok is not None and tok.total_size == len(spm_pieces())
    # the ordinary pieces only: the byte run, the unknown mark and the control entries are left out
    assert tok.tokens == [*ORDINARY, b"a"]
    assert tok.extra["byte_fallback_ids"] == [3, 258] and tok.extra["unknown_ids"] == [0]
    assert tok.extra["control_ids"] == [1, 2] and tok.extra["scores"]["min"] == -float(len(spm_pieces()) - 1)
    # hashed like the same ordinary pieces from any other container
    assert tokenizer_fingerprint(tok)["vocab_hash"] == vocab_hash([*ORDINARY, b"a"])


def test_unversioned_and_ggmf_layouts(tmp_path: Path) -> None:
    f = tmp_path / "m.bin"
    f.write_bytes(llama_file(spm_pieces(), magic=b"lmgg", version=None, scored=False))
    info = GGMLReader().read(f)
    assert info.format == "ggml" and info.tokenizer is not None and info.tokenizer.tokens == [*ORDINARY, b"a"]
    assert "scores" not in info.tokenizer.extra
    f.write_bytes(llama_file(spm_pieces(), magic=b"fmgg"))
    assert GGMLReader().read(f).format == "ggmf"
    # pieces written as <0xNN> text (no raw byte run) are left out as byte pieces
    f.write_bytes(llama_file([UNK, b"<s>", b"</s>", b"<0x00>", b"<0x0A>", *ORDINARY]))
    tok = GGMLReader().read(f).tokenizer
    assert tok is not None and tok.tokens == ORDINARY and tok.special_tokens == ["</s>", "<s>"]


def test_ffn_width_is_llama_cpp_derivation() -> None:
    assert llama_ffn(4096, 256) == 11008 and llama_ffn(5120, 256) == 13824


def test_ggjt_inspect_reports_llama_dimensions(tmp_path: Path) -> None:
    f = tmp_path / "vocab.bin"
    f.write_bytes(llama_file(spm_pieces()))
    rec = inspect_path(f)
    assert rec["format"] == "ggjt"
    assert rec["dimensions"]["hidden_size"] == 4096 and rec["dimensions"]["intermediate_size"] == 11008
    details = " ".join(e["detail"] for e in rec["evidence"])
    assert "llama.cpp ggjt v1 header" in details and "256 byte-fallback pieces (ids 3-258)" in details


def test_real_ggjt_llama_vocabulary_is_meta_llama() -> None:
    f = real_file("llamacpp-0.1.14", "llamacpp-0.1.14/vendor/llama.cpp/models/ggml-vocab.bin")
    rec = inspect_path(f)
    assert rec["format"] == "ggjt"
    assert rec["family"]["id"] == "llama2" and rec["family"]["size"] == "7B"
    assert "vocab" in rec["family"]["signals"] and rec["publisher"]["id"] == "meta"


# --- red team: truncated and lying llama.cpp headers --------------------------------------------------------------


@pytest.mark.parametrize("cut", [6, 20, 40, 300, -3])
def test_ggjt_truncated_is_a_reported_skip(tmp_path: Path, cut: int) -> None:
    data = llama_file(spm_pieces())
    f = tmp_path / "vocab.bin"
    f.write_bytes(data[:cut])
    with pytest.raises(ReadError) as err:
        GGMLReader().read(f)
    assert "truncated" in err.value.message
    rec = inspect_path(f)
    assert any(s["path"].endswith("vocab.bin") for s in rec["skipped"])


def test_ggjt_lying_headers_are_refused(tmp_path: Path) -> None:
    f = tmp_path / "vocab.bin"
    f.write_bytes(llama_file(ORDINARY, n_vocab=MAX_LLAMA_VOCAB + 1))  # a count past the bound: refused, not walked
    with pytest.raises(ReadError) as err:
        GGMLReader().read(f)
    assert "max_items" in str(err.value.limit) or "LLaMA" in err.value.message
    f.write_bytes(llama_file(ORDINARY, n_vocab=2_000_000_000))
    with pytest.raises(ReadError):
        GGMLReader().read(f)
    # one entry claiming more bytes than a piece can have
    bad = llama_file([b"x"])
    bad = bad[:36] + struct.pack("<I", MAX_PIECE + 1) + bad[40:]
    f.write_bytes(bad)
    with pytest.raises(ReadError) as err:
        GGMLReader().read(f)
    assert "claims" in err.value.message
    # a version llama.cpp never wrote (rwkv.cpp's ggmf files are version 100+), and hyper-parameters that are not LLaMA's
    f.write_bytes(llama_file(ORDINARY, magic=b"fmgg", version=100))
    with pytest.raises(ReadError):
        GGMLReader().read(f)
    f.write_bytes(llama_file(ORDINARY, hparams=(4096, 256, 32, 32, 64, 1)))
    with pytest.raises(ReadError) as err:
        GGMLReader().read(f)
    assert "not LLaMA's" in err.value.message


def test_unversioned_ggml_that_is_not_llama_stays_a_bare_ggml(tmp_path: Path) -> None:
    # ggml's GPT-2 example layout (n_vocab, n_ctx, n_embd, n_head, n_layer, ftype): no LLaMA relation, no vocabulary
    f = tmp_path / "gpt2.bin"
    f.write_bytes(b"lmgg" + struct.pack("<6i", 50257, 1024, 768, 12, 12, 1) + b"\0" * 64)
    info = GGMLReader().read(f)
    assert info.format == "ggml" and info.tokenizer is None


# --- Paddle inference programs --------------------------------------------------------------------------------------


def _lod_var(name: str, dims: list[int], persistable: bool = False) -> bytes:
    tensor = varint(1 << 3) + varint(5) + b"".join(varint(2 << 3) + varint(d % (1 << 64)) for d in dims)
    vtype = varint(1 << 3) + varint(7) + field(3, field(1, tensor))
    return field(1, name.encode()) + field(2, vtype) + varint(3 << 3) + varint(int(persistable))


def _io(param: str, args: list[str]) -> bytes:
    return field(1, param.encode()) + b"".join(field(2, a.encode()) for a in args)


def _attr_strings(name: str, strings: list[str]) -> bytes:
    return field(1, name.encode()) + varint(2 << 3) + varint(4) + b"".join(field(8, s.encode()) for s in strings)


STACK = ['  File "/usr/lib/python3.10/site-packages/paddle/nn/layer/layers.py", line 1, in __call__',
         '  File "/tmp/tmpab12cd34.py", line 9, in forward',
         '  File "/home/me/PaddleOCR/ppocr/modeling/heads/rec_multi_head.py", line 80, in forward',
         '  File "tools/export_model.py", line 12, in export',
         '  File "/root/.cache/paddle/to_static_tmp/42/MultiHead_forwardab_cd123.py", line 3, in forward',
         "    out = self.head(x)"]


def paddle_program(stack: list[str], extra_ops: int = 2) -> bytes:
    block = varint(1 << 3) + varint(0) + varint(2 << 3) + varint((1 << 64) - 1)
    block += field(3, _lod_var("x", [-1, 3, 48, -1])) + field(3, _lod_var("out", [-1, -1, 97]))
    block += field(3, _lod_var("conv2d_0.w_0", [16, 3, 3, 3], persistable=True))
    block += field(4, field(2, _io("Out", ["x"])) + field(3, b"feed"))
    for _ in range(extra_ops):
        block += field(4, field(1, _io("Input", ["x"])) + field(3, b"conv2d") + field(4, _attr_strings("op_callstack", stack))
                       + field(4, _attr_strings("data_format", ["NCHW"])))
    block += field(4, field(1, _io("X", ["out"])) + field(3, b"fetch"))
    return field(1, block) + field(4, varint(1 << 3) + varint(2004000))


def test_paddle_program_histogram_io_and_sources(tmp_path: Path) -> None:
    f = tmp_path / "inference.pdmodel"
    f.write_bytes(paddle_program(STACK))
    info = PaddleProgramReader().read(f)
    assert info.metadata["paddle.op_counts"] == {"conv2d": 2, "feed": 1, "fetch": 1}
    assert info.metadata["graph_inputs"] == ["x"] and info.metadata["graph_outputs"] == ["out"]
    assert info.metadata["graph_input_shapes"] == {"x": [None, 3, 48, None]}
    # the framework's files, dy2static's generated files and the non-path line are left out
    assert info.metadata["paddle.sources"] == ["/home/me/PaddleOCR/ppocr/modeling/heads/rec_multi_head.py",
                                               "tools/export_model.py"]
    assert info.metadata["paddle.static_classes"] == ["MultiHead"]
    rec = inspect_path(f)
    assert rec["family"]["id"] == "pp-ocr" and rec["publisher"]["id"] == "baidu"
    assert any("export-time source files" in e["detail"] for e in rec["evidence"])
    # the declared parameter is counted where its shape is listed (the line said "0 tensors" before)
    assert any(e["kind"] == "tensor-shapes" and e["detail"].startswith("1 tensors") for e in rec["evidence"])


def test_paddle_program_without_a_known_module_names_nothing(tmp_path: Path) -> None:
    f = tmp_path / "inference.pdmodel"
    f.write_bytes(paddle_program(['  File "/home/me/mynet/model.py", line 3, in forward']))
    rec = inspect_path(f)
    assert rec["format"] == "paddle-program" and rec["family"] is None


def test_picodet_modules_name_picodet_and_a_layout_feed_ties(tmp_path: Path) -> None:
    stack = ['  File "/w/PaddleDetection/ppdet/modeling/architectures/picodet.py", line 5, in _forward']
    f = tmp_path / "model.pdmodel"
    f.write_bytes(paddle_program(stack))
    rec = inspect_path(f)
    assert rec["family"]["id"] == "picodet" and rec["publisher"]["id"] == "baidu"
    block = varint(1 << 3) + varint(0) + varint(2 << 3) + varint((1 << 64) - 1)
    block += field(3, _lod_var("image", [-1, 3, 800, 608])) + field(3, _lod_var("out", [-1, 6]))
    block += field(4, field(2, _io("Out", ["image"])) + field(3, b"feed"))
    block += field(4, field(3, b"conv2d") + field(4, _attr_strings("op_callstack", stack)))
    block += field(4, field(1, _io("X", ["out"])) + field(3, b"fetch"))
    f.write_bytes(field(1, block))
    rec = inspect_path(f)
    fams = {rec["family"]["id"], *rec["family"]["indistinguishable_from"]}
    assert fams == {"picodet", "pp-structure-layout"}


def test_paddle_program_truncated_and_lying_callstacks(tmp_path: Path) -> None:
    data = paddle_program(STACK, extra_ops=50)
    f = tmp_path / "inference.pdmodel"
    f.write_bytes(data[: len(data) // 2])
    info = PaddleProgramReader().read(f)  # a cut program reads as far as it goes, and says so
    assert any("truncated" in n for n in info.notes)
    # thousands of distinct source lines in one op: only MAX_CALLSTACK_LINES lines are read, the path set is capped
    many = [f'  File "/p/ppocr/m{i}.py", line 1, in f' for i in range(5000)]
    f.write_bytes(paddle_program(many, extra_ops=1))
    info = PaddleProgramReader().read(f)
    assert 0 < len(info.metadata["paddle.sources"]) <= 256
    # a length that lies about the op_callstack attribute: refused as malformed, never read past the block
    bad = paddle_program(STACK, extra_ops=1)
    i = bad.index(b"op_callstack")
    f.write_bytes(bad[: i - 2] + b"\xff\xff\xff\x7f" + bad[i:])
    with pytest.raises(ReadError):
        PaddleProgramReader().read(f)
