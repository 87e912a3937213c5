"""Two formats of the opened inspect held-out-9 named from what the file holds (session 21, inspect24):

* eSpeak / eSpeak NG's compiled pronunciation dictionary (<lang>_dict), read by EspeakDictReader: int32 1024 (hash
  chains), int32 rules offset, 1024 chains of length-prefixed entries that must end exactly at that offset, a rules
  section that opens with RULE_GROUP_START and ends RULE_GROUP_END, 0 (espeak-ng dictionary.c LoadDictionary);
* jiojio's CRF weights.npz: exactly sizes, bi_ratio, node_weight, edge_weight as jiojio's Model.save writes them
  (a file cut after node_weight still matches; pkuseg's sizes + w does not).

Real files are cached members of the held-out-9 packages (skipped when absent); the synthetic ones always run.
"""

from __future__ import annotations

import struct
import time
from pathlib import Path

import numpy as np
import pytest

from modelmap.artifacts import reader_for
from modelmap.artifacts.base import ReadError
from modelmap.artifacts.classic import EspeakDictReader
from modelmap.inspect import inspect_path

from .conftest import real_file
from .test_inspect20_speech import _fam, _pub

# --- eSpeak compiled dictionaries ------------------------------------------------------------------------------------


def _espeak_dict(path: Path, entries: dict[int, list[bytes]] | None = None, rules: bytes | None = None,
                 offset_delta: int = 0) -> Path:
    """A compiled <lang>_dict laid out as compiledict.c writes it: header, 1024 chains (each entry prefixed by its
    own length, each chain ended by 0), then the rules (a group start, a group name, a rule, group end, final 0)."""
    entries = entries if entries is not None else {7: [b"hello\x00h@l'oU"], 300: [b"word\x00w3:d", b"ab\x00eIbi:"]}
    chains = b""
    for h in range(1024):
        for e in entries.get(h, []):
            chains += bytes([len(e) + 1]) + e
        chains += b"\x00"
    rules = rules if rules is not None else b"\x06\x00a\x00\x03a\x00\x07\x00"
    path.write_bytes(struct.pack("<ii", 1024, 8 + len(chains) + offset_delta) + chains + rules)
    return path


def test_synthetic_espeak_dict_read_and_named(tmp_path: Path) -> None:
    path = _espeak_dict(tmp_path / "x")
    info = EspeakDictReader().read(path)
    assert info.format == "espeak-dict"
    assert info.metadata["format_props"]["espeak.entries"] == 3
    rec = inspect_path(path)
    assert _fam(rec) == "espeak-ng" and _pub(rec) == ("espeak-ng", None)


def test_synthetic_espeak_chains_must_end_at_the_rules_offset(tmp_path: Path) -> None:
    for delta in (-3, 5):  # the header's rules offset before / after where the chains really end
        path = _espeak_dict(tmp_path / f"x{delta}", offset_delta=delta)
        with pytest.raises(ReadError):
            EspeakDictReader().read(path)
        assert inspect_path(path)["family"] is None


def test_synthetic_espeak_needs_its_rules_section(tmp_path: Path) -> None:
    path = _espeak_dict(tmp_path / "x", rules=b"\x41\x42\x43\x00")
    with pytest.raises(ReadError):
        EspeakDictReader().read(path)


def test_hostile_espeak_truncated_and_huge_offsets(tmp_path: Path) -> None:
    whole = _espeak_dict(tmp_path / "whole").read_bytes()
    cut = tmp_path / "cut"
    cut.write_bytes(whole[:600])  # cut inside the chains: the rules offset is past the end
    with pytest.raises(ReadError):
        EspeakDictReader().read(cut)
    assert inspect_path(cut)["family"] is None
    huge = tmp_path / "huge"
    huge.write_bytes(struct.pack("<ii", 1024, 0x7FFFFFFF) + bytes(2000))  # past LoadDictionary's 0x8000000 limit
    assert not EspeakDictReader().sniff(huge.read_bytes()[:256])
    tiny = tmp_path / "tiny"
    tiny.write_bytes(struct.pack("<ii", 1024, 100) + bytes(200))  # an offset inside the hash table itself
    assert not EspeakDictReader().sniff(tiny.read_bytes())


def test_hostile_espeak_entry_flood_is_bounded(tmp_path: Path) -> None:
    """1.2 million one-byte 'entries' (each length byte 1) in one chain: the reader stops at its entry cap."""
    n = 1_200_000
    path = tmp_path / "flood"
    path.write_bytes(struct.pack("<ii", 1024, 8 + n + 1024) + b"\x01" * n + bytes(1024) + b"\x06\x00\x07\x00")
    start = time.process_time()
    with pytest.raises(ReadError, match="more than"):
        EspeakDictReader().read(path)
    assert time.process_time() - start < 10


def test_other_file_opening_with_1024_is_not_espeak(tmp_path: Path) -> None:
    path = tmp_path / "blob"
    path.write_bytes(struct.pack("<ii", 1024, 5000) + bytes(range(256)) * 40)
    assert inspect_path(path)["family"] is None


@pytest.mark.parametrize("member,entries", [("en_dict", 7250), ("cmn_dict", 83359)])
def test_real_espeak_ng_dicts(member: str, entries: int, tmp_path: Path) -> None:
    src = real_file("espeakng-loader-0.2.4", f"espeakng_loader/espeak-ng-data/{member}")
    bare = tmp_path / "data"  # renamed: the name says nothing
    bare.write_bytes(src.read_bytes())
    info = EspeakDictReader().read(bare)
    assert info.metadata["format_props"]["espeak.entries"] == entries
    rec = inspect_path(bare)
    assert _fam(rec) == "espeak-ng" and _pub(rec) == ("espeak-ng", None)


# --- jiojio CRF weights -------------------------------------------------------------------------------------------


def _jiojio_npz(path: Path, pos: bool = False, **extra: np.ndarray) -> Path:
    """Model.save's np.savez: sizes [n_tag, n_feature], bi_ratio, node_weight, edge_weight (cws: one float16
    column of node weights; pos: n_feature x n_tag float32)."""
    n_tag, n_feat = (24, 50) if pos else (2, 60)
    node = np.zeros((n_feat, n_tag), np.float32) if pos else np.zeros(n_feat, np.float16)
    edge = np.zeros((n_tag, n_tag), np.float32 if pos else np.float16)
    with path.open("wb") as fh:
        np.savez(fh, sizes=np.array([n_tag, n_feat], np.int64), bi_ratio=np.array(0.3, np.float32),
                 node_weight=node, edge_weight=edge, **extra)
    return path


@pytest.mark.parametrize("pos", [False, True])
def test_synthetic_jiojio_weights(pos: bool, tmp_path: Path) -> None:
    path = _jiojio_npz(tmp_path / "w", pos=pos)
    assert reader_for(path) is not None and reader_for(path).id == "npz"  # type: ignore[union-attr]
    rec = inspect_path(path)
    assert _fam(rec) == "jiojio" and _pub(rec) == ("dongrixinyu", None)


def test_synthetic_jiojio_cut_after_node_weight(tmp_path: Path) -> None:
    whole = _jiojio_npz(tmp_path / "w", pos=True).read_bytes()
    cut = tmp_path / "cut"
    cut.write_bytes(whole[:whole.index(b"edge_weight") - 30 + 10])  # inside edge_weight's local header
    assert _fam(inspect_path(cut)) == "jiojio"


def test_other_npz_layouts_are_not_jiojio(tmp_path: Path) -> None:
    pku = tmp_path / "pku"
    with pku.open("wb") as fh:  # pkuseg's Model.save: sizes and w
        np.savez(fh, sizes=np.array([5, 10], np.int64), w=np.zeros(75, np.float64))
    assert _fam(inspect_path(pku)) != "jiojio"
    more = _jiojio_npz(tmp_path / "more", extra_array=np.zeros(3, np.float32))  # a fifth array: not jiojio's save
    assert _fam(inspect_path(more)) is None


@pytest.mark.parametrize("model,cut", [("default_cws_model", None), ("default_pos_model", 24 << 20)])
def test_real_jiojio_weights(model: str, cut: int | None, tmp_path: Path) -> None:
    src = real_file("jiojio-1.2.8", f"jiojio/models/{model}/weights.npz")
    bare = tmp_path / "data"
    with src.open("rb") as fh:
        bare.write_bytes(fh.read(cut) if cut else fh.read())
    rec = inspect_path(bare)
    assert _fam(rec) == "jiojio" and _pub(rec) == ("dongrixinyu", None)
