"""inspect15: CRFsuite models (crf1m_model.c: a 48-byte lCRF / FOMC header; labels and attributes in CQDB chunks,
cqdb.c: header, 256 hash tables, id / size / key records, a backward array). Fixtures are written here in that layout
with PyThaiNLP crfcut.py's label and feature names; no held-out file is used."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from modelmap.artifacts import reader_for
from modelmap.artifacts.classic import CRFSuiteReader
from modelmap.errors import ReadError
from modelmap.inspect import inspect_path


def cqdb(keys: list[str], bad_id: bool = False) -> bytes:
    records = b""
    offsets = []
    base = 24 + 256 * 8
    for i, k in enumerate(keys):
        raw = k.encode() + b"\x00"
        offsets.append(base + len(records))
        records += struct.pack("<iI", i + (7 if bad_id else 0), len(raw)) + raw
    bwd_offset = base + len(records)
    size = bwd_offset + 4 * len(keys)
    head = b"CQDB" + struct.pack("<5I", size, 0, 0x62445371, len(keys), bwd_offset)
    return head + b"\x00" * (256 * 8) + records + struct.pack(f"<{len(keys)}I", *offsets)


def crfsuite(labels: list[str], attrs: list[str], **kw: bool) -> bytes:
    lab, att = cqdb(labels, **kw), cqdb(attrs)
    off_labels = 48 + 16
    off_attrs = off_labels + len(lab)
    size = off_attrs + len(att)
    head = b"lCRF" + struct.pack("<I", size) + b"FOMC" + struct.pack(
        "<9I", 100, 0, len(labels), len(attrs), 48, off_labels, off_attrs, size, size)
    return head + b"FEAT" + b"\x00" * 12 + lab + att


CRFCUT_ATTRS = ["bias", "word_1_-2_-1=xxpad", "ender_1_-2_-1=normal", "starter_1_-2_-1=normal", "word_1_-1_0=xxpad"]


def test_crfcut_by_labels_and_feature_templates(tmp_path: Path) -> None:
    f = tmp_path / "m"
    f.write_bytes(crfsuite(["I", "E"], CRFCUT_ATTRS))
    assert reader_for(f).id == "crfsuite"  # type: ignore[union-attr]
    props = CRFSuiteReader().read(f).metadata["format_props"]
    assert props["crfsuite.labels"] == "E I" and props["crfsuite.num_attrs"] == 5
    assert props["crfsuite.attrs_head"].startswith("bias word_1_-2_-1=xxpad")
    rec = inspect_path(f)
    assert rec["family"]["id"] == "crfcut" and rec["publisher"]["id"] == "pythainlp"


@pytest.mark.parametrize(("labels", "attrs"), [
    (["B-PER", "I-PER", "O"], ["bias", "word.lower=the"]),  # an NER tagger
    (["E", "I"], ["bias", "w[0]=x"]),  # the same labels, other features
])
def test_other_crf_models_name_nothing(tmp_path: Path, labels: list[str], attrs: list[str]) -> None:
    f = tmp_path / "m"
    f.write_bytes(crfsuite(labels, attrs))
    assert CRFSuiteReader().read(f).format == "crfsuite"
    assert not (inspect_path(f).get("family") or {}).get("id")


def test_hostile_models(tmp_path: Path) -> None:
    good = crfsuite(["I", "E"], CRFCUT_ATTRS)
    f = tmp_path / "m"
    for blob in (good[:-10],  # shorter than its header says
                 crfsuite(["I", "E"], CRFCUT_ATTRS, bad_id=True),  # a record that is not its id
                 good[:32] + struct.pack("<I", 1 << 30) + good[36:],  # the label chunk offset off the file
                 good[:20] + struct.pack("<I", 5000) + good[24:]):  # more labels than any tagger has
        f.write_bytes(blob)
        with pytest.raises(ReadError):
            CRFSuiteReader().read(f)
