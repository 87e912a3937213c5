"""A training checkpoint's state dict one level down (session 21, inspect24, on the opened held-out-9).

pickle_outline now also lists the string keys of a dict that is the value of a top-level key (a checkpoint's
{"step", "model_state": {...}, "optimizer_state": {...}}), as the prop pickle.nested.<key>.keyset. A model_state of
exactly Real-Time-Voice-Cloning's SpeakerEncoder names (3-layer LSTM, linear, GE2E similarity_weight / bias) is a GE2E
speaker encoder: family ge2e, no publisher (Resemblyzer's pretrained.pt and every RTVC-style encoder share the layout).

The real file is resemblyzer 0.1.4's pretrained.pt (skipped when not cached); the synthetic ones always run.
"""

from __future__ import annotations

import collections
import pickle
import time
from pathlib import Path

from modelmap.artifacts.pickle import PickleReader, pickle_outline
from modelmap.inspect import inspect_path

from .conftest import real_file
from .test_inspect20_speech import _fam, _pub

GE2E_KEYS = [f"lstm.{w}_{d}_l{n}" for n in range(3) for w in ("weight", "bias") for d in ("ih", "hh")] + [
    "linear.weight", "linear.bias", "similarity_weight", "similarity_bias"]


def _checkpoint(path: Path, keys: list[str], optimizer: bool = True) -> Path:
    """The dict RTVC's encoder/train.py saves, with plain lists where torch would put tensors."""
    state = collections.OrderedDict((k, [0.0, 1.0]) for k in keys)
    ckpt: dict[str, object] = {"step": 1000, "model_state": state}
    if optimizer:
        ckpt["optimizer_state"] = {"state": {}, "param_groups": [{"lr": 1e-4}]}
    path.write_bytes(pickle.dumps(ckpt, protocol=2))
    return path


def test_outline_lists_a_nested_state_dict() -> None:
    data = pickle.dumps({"step": 3, "model_state": collections.OrderedDict(a=1, b=2), "meta": {"x": 1}}, protocol=2)
    out = pickle_outline(data)
    assert out["keys"] == ["step", "model_state", "meta"]
    assert out["nested"] == {"model_state": ["a", "b"], "meta": ["x"]}


def test_outline_nested_is_one_level_and_bounded() -> None:
    deep: dict[str, object] = {"leaf": 1}
    for i in range(200):  # deep nesting: only the top-level value's own keys are listed
        deep = {f"k{i}": deep}
    out = pickle_outline(pickle.dumps({"model_state": deep}, protocol=2))
    assert out["nested"] == {"model_state": ["k199"]}
    many = {f"p{i}": {f"q{j}": j for j in range(100)} for i in range(20)}
    out = pickle_outline(pickle.dumps(many, protocol=2))
    assert len(out["nested"]) <= 8 and all(len(v) <= 64 for v in out["nested"].values())


def test_synthetic_rtvc_checkpoint_is_ge2e(tmp_path: Path) -> None:
    path = _checkpoint(tmp_path / "ckpt", GE2E_KEYS)
    props = PickleReader().read(path).metadata["format_props"]
    assert props["pickle.nested.model_state.keyset"] == "|".join(sorted(GE2E_KEYS))
    rec = inspect_path(path)
    assert _fam(rec) == "ge2e" and _pub(rec) == (None, None)


def test_other_state_dicts_are_not_ge2e(tmp_path: Path) -> None:
    # a 2-layer LSTM, or a projection named proj (another speaker encoder), is not RTVC's layout
    two = [k for k in GE2E_KEYS if not k.endswith("_l2")]
    assert _fam(inspect_path(_checkpoint(tmp_path / "two", two))) is None
    proj = [k.replace("linear.", "proj.") for k in GE2E_KEYS]
    assert _fam(inspect_path(_checkpoint(tmp_path / "proj", proj))) is None


def test_hostile_cut_checkpoint_names_nothing_and_stays_fast(tmp_path: Path) -> None:
    whole = _checkpoint(tmp_path / "whole", GE2E_KEYS).read_bytes()
    cut = tmp_path / "cut"
    cut.write_bytes(whole[:len(whole) // 2])  # inside model_state: its SETITEMS never comes
    rec = inspect_path(cut)
    assert _fam(rec) is None
    wide = tmp_path / "wide"  # a million-key nested dict: the outline stops at its opcode budget
    start = time.process_time()
    wide.write_bytes(pickle.dumps({"model_state": {str(i): i for i in range(300_000)}}, protocol=2))
    PickleReader().read(wide)
    many = tmp_path / "many"  # 100,000 one-key dicts under one top-level batch: each SETITEM checks a short stack
    many.write_bytes(pickle.dumps({f"k{i}": {"x": i} for i in range(100_000)}, protocol=2))
    PickleReader().read(many)
    assert time.process_time() - start < 30


def test_real_resemblyzer_encoder(tmp_path: Path) -> None:
    src = real_file("resemblyzer-0.1.4", "resemblyzer/pretrained.pt")
    bare = tmp_path / "data"
    bare.write_bytes(src.read_bytes())
    props = PickleReader().read(bare).metadata["format_props"]
    assert props["pickle.keys"] == "step|model_state|optimizer_state"
    rec = inspect_path(bare)
    assert _fam(rec) == "ge2e" and _pub(rec) == (None, None)
