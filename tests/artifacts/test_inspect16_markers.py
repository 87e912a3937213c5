"""inspect16: OpenCV cascade classifier XML (old Haar format and opencv_traincascade's) and Sudachi binary
dictionaries, read from their first bytes only. Fixtures are written here in those layouts; no held-out file is used."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from modelmap.artifacts import reader_for
from modelmap.artifacts.markers import OpenCVCascadeReader, SudachiDictReader
from modelmap.errors import ReadError
from modelmap.inspect import inspect_path

from .safetensors_bytes import header as st_header

INTEL = """
    Stump-based 20x20 gentle adaboost frontal face detector.
    Created by Rainer Lienhart.

  IMPORTANT: READ BEFORE DOWNLOADING, COPYING, INSTALLING OR USING.

                        Intel License Agreement
                For Open Source Computer Vision Library

 Copyright (C) 2000, Intel Corporation, all rights reserved.
"""

STAGE = """    <_>
      <!-- stage 0 -->
      <trees>
        <_><_><feature><rects><_>3 7 14 4 -1.</_><_>3 9 14 2 2.</_></rects><tilted>0</tilted></feature>
          <threshold>4.0141958743333817e-003</threshold><left_val>0.0337941907346249</left_val>
          <right_val>0.8378106951713562</right_val></_></_>
      </trees>
      <stage_threshold>0.8226894140243530</stage_threshold><parent>-1</parent><next>-1</next></_>
"""


def old_haar(comment: str | None = INTEL, stages: int = 3) -> str:
    head = '<?xml version="1.0"?>\n' + (f"<!--{comment}-->\n" if comment is not None else "")
    return (head + '<opencv_storage>\n<haarcascade_frontalface_alt type_id="opencv-haar-classifier">\n'
            "  <size>20 20</size>\n  <stages>\n" + STAGE * stages + "  </stages>\n"
            "</haarcascade_frontalface_alt>\n</opencv_storage>\n")


def traincascade(features: str = "LBP") -> str:
    return ('<?xml version="1.0"?>\n<opencv_storage>\n<cascade type_id="opencv-cascade-classifier">\n'
            f"  <stageType>BOOST</stageType>\n  <featureType>{features}</featureType>\n  <height>24</height>\n"
            "  <width>24</width>\n  <stageParams><maxWeakCount>3</maxWeakCount></stageParams>\n"
            "  <stageNum>20</stageNum>\n  <stages></stages>\n</cascade>\n</opencv_storage>\n")


def test_bundled_haar_cascade_is_named_by_its_intel_comment(tmp_path: Path) -> None:
    f = tmp_path / "c"
    f.write_text(old_haar(), encoding="utf-8")
    assert reader_for(f).id == "opencv-cascade"  # type: ignore[union-attr]
    props = OpenCVCascadeReader().read(f).metadata["format_props"]
    assert props["cascade.format"] == "haar-old" and props["cascade.features"] == "HAAR"
    assert (props["cascade.width"], props["cascade.height"]) == (20, 20)
    rec = inspect_path(f)
    assert rec["family"]["id"] == "haarcascade" and rec["publisher"]["id"] == "intel"


def test_a_cascade_without_the_comment_is_the_format_only(tmp_path: Path) -> None:
    # session 30: a Haar cascade is named as one (family haarcascade, the format's detector family); with no comment
    # naming its maker it has no publisher
    f = tmp_path / "c"
    f.write_text(old_haar(comment=None), encoding="utf-8")
    rec = inspect_path(f)
    assert rec["format"] == "opencv-cascade" and rec["family"]["id"] == "haarcascade" and rec["publisher"] is None


def test_traincascade_format_reads_its_parameters(tmp_path: Path) -> None:
    f = tmp_path / "c"
    f.write_text(traincascade(), encoding="utf-8")
    props = OpenCVCascadeReader().read(f).metadata["format_props"]
    assert props == {"cascade.format": "cascade", "cascade.stage_type": "BOOST", "cascade.features": "LBP",
                     "cascade.width": 24, "cascade.height": 24, "cascade.stagenum": 20,
                     "cascade.comment": ""}  # "" when the file has no comment (session 30: patterns test it)
    assert inspect_path(f)["family"] is None  # an LBP cascade anyone could train names no maker


def test_other_xml_and_a_doctype_are_refused(tmp_path: Path) -> None:
    f = tmp_path / "x"
    f.write_text('<?xml version="1.0"?>\n<!-- a Maven pom -->\n<project><version>1</version></project>\n')
    with pytest.raises(ReadError):
        OpenCVCascadeReader().read(f)
    g = tmp_path / "y"
    g.write_text('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">]>\n<opencv_storage>'
                 '<c type_id="opencv-haar-classifier"><size>&lol; 1</size></c></opencv_storage>\n')
    assert reader_for(g) is None or reader_for(g).id != "opencv-cascade"  # type: ignore[union-attr]
    with pytest.raises(ReadError, match="DOCTYPE"):
        OpenCVCascadeReader().read(g)
    h = tmp_path / "z"  # a DOCTYPE after a comment is refused as well
    h.write_text('<?xml version="1.0"?>\n<!-- x -->\n<!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
                 '<opencv_storage><c type_id="opencv-haar-classifier"><size>&e;</size></c></opencv_storage>\n')
    with pytest.raises(ReadError, match="DOCTYPE"):
        OpenCVCascadeReader().read(h)


def test_hostile_cascade_heads_stay_bounded(tmp_path: Path) -> None:
    f = tmp_path / "c"  # a comment that never ends, 8 MB: only the first 64 KiB is read, and nothing is found
    f.write_bytes(b'<?xml version="1.0"?>\n<!--' + b"A" * 8_000_000)
    with pytest.raises(ReadError, match="64 KiB"):
        OpenCVCascadeReader().read(f)
    g = tmp_path / "d"  # the cascade element after 64 KiB of comment is not reached
    g.write_text(old_haar(comment="x" * 70_000), encoding="utf-8")
    with pytest.raises(ReadError):
        OpenCVCascadeReader().read(g)
    h = tmp_path / "e"  # invalid UTF-8 and control bytes in the comment are dropped from the kept text
    h.write_bytes(old_haar(comment="Intel License Agreement \x01\x02").encode().replace(b"\x01", b"\xff\xfe"))
    props = OpenCVCascadeReader().read(h).metadata["format_props"]
    assert "\x02" not in props["cascade.comment"] and props["cascade.features"] == "HAAR"


def sudachi_binary(description: bytes = b"20261015") -> bytes:
    return (b"SudachiBinaryDic" + struct.pack("<Q", 1) + bytes([len(description)]) + description
            + b"\x17" + b"20261015160052-8d882485" + b"\x00" * 8 + b"\x0aConnMatrix" + b"\x00" * 64)


def test_sudachi_binary_dictionary_is_named(tmp_path: Path) -> None:
    f = tmp_path / "d"
    f.write_bytes(sudachi_binary() + b"\x00" * 4096)
    assert reader_for(f).id == "sudachi-dic"  # type: ignore[union-attr]
    props = SudachiDictReader().read(f).metadata["format_props"]
    assert props["sudachi.layout"] == "binary-dic" and props["sudachi.version"] == 1
    assert props["sudachi.description"] == "20261015 20261015160052-8d882485"
    rec = inspect_path(f)
    assert rec["family"]["id"] == "sudachi" and rec["publisher"]["id"] == "works-applications"
    assert rec["publisher"]["country"] is None


def test_sudachi_older_headers(tmp_path: Path) -> None:
    f = tmp_path / "s"
    f.write_bytes(struct.pack("<QQ", 0x7366D3F18BD111E7, 1_600_000_000_000)
                  + b"2020-02-13T17:00:00+09:00 system_core".ljust(256, b"\x00") + b"\x00" * 512)
    props = SudachiDictReader().read(f).metadata["format_props"]
    assert props["sudachi.kind"] == "system" and props["sudachi.version"] == 1
    assert props["sudachi.description"].startswith("2020-02-13")
    assert inspect_path(f)["family"]["id"] == "sudachi"
    u = tmp_path / "u"  # a user dictionary is anyone's: the format only
    u.write_bytes(struct.pack("<QQ", 0xCA9811756FF64FB0, 0) + b"my words".ljust(256, b"\x00"))
    assert SudachiDictReader().read(u).metadata["format_props"]["sudachi.kind"] == "user"
    assert inspect_path(u)["family"] is None


def test_sudachi_cut_headers_are_read_errors(tmp_path: Path) -> None:
    f = tmp_path / "s"
    f.write_bytes(b"SudachiBinaryDic\x01")
    with pytest.raises(ReadError):
        SudachiDictReader().read(f)
    g = tmp_path / "t"
    g.write_bytes(struct.pack("<Q", 0xCE9F011A92394434) + b"\x00" * 20)
    with pytest.raises(ReadError):
        SudachiDictReader().read(g)


def test_paddle_ocr_shapes_name_the_models(tmp_path: Path) -> None:
    from tests.artifacts.test_classic_heldout4_formats import paddle_tensor

    det = tmp_path / "det"  # PP-OCRv4 mobile det's stem, depthwise and pointwise shapes among others
    det.write_bytes(paddle_tensor([16, 3, 3, 3]) + paddle_tensor([16]) + paddle_tensor([384, 1, 5, 5])
                    + paddle_tensor([360, 384, 1, 1]) + paddle_tensor([96, 360, 1, 1]))
    rec = inspect_path(det)
    # pp-ocr, not pp-ocrv4: PP-OCRv5 mobile det has the same shapes (inspect27, held-out-12)
    assert rec["family"]["id"] == "pp-ocr" and rec["publisher"]["country"] == "CN"
    part = tmp_path / "part"  # one of the four shapes missing: not named
    part.write_bytes(paddle_tensor([16, 3, 3, 3]) + paddle_tensor([384, 1, 5, 5]) + paddle_tensor([96, 360, 1, 1]))
    assert inspect_path(part)["family"] is None
    ctc = tmp_path / "rec"  # a 6,625-class CTC head over 120-wide features
    ctc.write_bytes(paddle_tensor([120]) + paddle_tensor([6625]) + paddle_tensor([120, 6625]))
    assert inspect_path(ctc)["family"]["id"] == "pp-ocr"


CMU_LINES = ["'bout B AW1 T", "'cause K AH0 Z", "'course K AO1 R S", "a AH0", "a(2) EY1", "aalborg AO1 L B AO0 R G # place",
             "aardvark AA1 R D V AA2 R K", "abandon AH0 B AE1 N D AH0 N", "abbey AE1 B IY0", "able EY1 B AH0 L"]


def test_cmudict_format_lexicon_is_named(tmp_path: Path) -> None:
    from modelmap.artifacts.markers import ArpabetLexiconReader

    f = tmp_path / "d"
    f.write_text("\n".join(CMU_LINES * 5) + "\n", encoding="utf-8")
    assert reader_for(f).id == "arpabet-lexicon"  # type: ignore[union-attr]
    props = ArpabetLexiconReader().read(f).metadata["format_props"]
    assert props["lexicon.entries_read"] == 50 and props["lexicon.first"] == "'bout B AW1 T"
    rec = inspect_path(f)
    assert rec["family"]["id"] == "cmudict" and rec["publisher"]["country"] == "US"
    old = tmp_path / "o"  # cmudict-0.7b: ;;; comments, upper case, two spaces
    old.write_text(";;; # CMUdict  --  Major Version: 0.07\n" + "\n".join(
        ln.split(" #")[0].upper().replace(" ", "  ", 1) for ln in CMU_LINES * 3) + "\n", encoding="utf-8")
    assert ArpabetLexiconReader().read(old).metadata["format_props"]["lexicon.case"] == "upper"


def test_text_that_is_not_an_arpabet_lexicon_is_not_taken(tmp_path: Path) -> None:
    from modelmap.artifacts.markers import ArpabetLexiconReader

    merges = tmp_path / "m"  # BPE merges and a word list: no stressed ARPAbet phones
    merges.write_text("#version: 0.2\nT H\nA N\nI N\nS T\n" * 20, encoding="utf-8")
    assert reader_for(merges) is None or reader_for(merges).id != "arpabet-lexicon"  # type: ignore[union-attr]
    mixed = tmp_path / "x"  # a lexicon head followed by many other lines is refused on read
    mixed.write_text("\n".join(CMU_LINES) + "\n" + "hello world 12\n" * 200, encoding="utf-8")
    with pytest.raises(ReadError):
        ArpabetLexiconReader().read(mixed)
    g = tmp_path / "g"  # 20 MB in one line after a valid head: only 256 KiB is read
    g.write_bytes(("\n".join(CMU_LINES) + "\n").encode() + b"Z" * 20_000_000)
    with pytest.raises(ReadError):
        ArpabetLexiconReader().read(g)
    b = tmp_path / "b"  # invalid UTF-8 early
    b.write_bytes(("\n".join(CMU_LINES) + "\n").encode() + b"\xff\xfe" * 10 + b"\n" + b"a AH0\n" * 30)
    with pytest.raises(ReadError, match="UTF-8"):
        ArpabetLexiconReader().read(b)


def test_zipped_model_folder_reads_the_safetensors_header(tmp_path: Path) -> None:
    import zipfile

    head = st_header({"embeddings.word_embeddings.weight": [30522, 384],
                             "encoder.layer.0.attention.self.query.weight": [384, 384]})
    z = tmp_path / "m"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("1_Pooling/config.json", '{"word_embedding_dimension": 384}')
        zf.writestr("model.safetensors", head + b"\x00" * 4096)  # the data cut: never inflated anyway
    info = reader_for(z).read(z)  # type: ignore[union-attr]
    assert info.format == "safetensors" and len(info.tensors) == 2
    assert any("zip archive of 2 members" in n for n in info.notes)
    bad = tmp_path / "b"  # a header length larger than the member
    with zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("model.safetensors", (1 << 40).to_bytes(8, "little") + b"{}")
    with pytest.raises(ReadError):
        reader_for(bad).read(bad)  # type: ignore[union-attr]
    plain = tmp_path / "p"  # a zip of text, as before: not a model
    with zipfile.ZipFile(plain, "w") as zf:
        zf.writestr("idf.txt", "word 1.0\n")
    with pytest.raises(ReadError, match=r"no \.pkl member"):
        reader_for(plain).read(plain)  # type: ignore[union-attr]


OPENCC_HEADER = ("# Open Chinese Convert (OpenCC) Dictionary\n# File: STCharacters.txt\n# License: Apache-2.0 (see LICENSE)\n"
                 "# Source: https://github.com/BYVoid/OpenCC\n\n")


def test_opencc_dictionary_is_named_by_its_header(tmp_path: Path) -> None:
    from modelmap.artifacts.markers import OpenCCDictReader

    f = tmp_path / "d"
    f.write_text(OPENCC_HEADER + "㐷\t傌\n㐹\t㑶 㐹\n㐽\t偑\n万\t萬 万\n与\t與 与\n", encoding="utf-8")
    assert reader_for(f).id == "opencc-dict"  # type: ignore[union-attr]
    props = OpenCCDictReader().read(f).metadata["format_props"]
    assert props["opencc.entries_read"] == 5 and props["opencc.file"] == "STCharacters.txt"
    rec = inspect_path(f)
    assert rec["family"]["id"] == "opencc" and rec["publisher"]["id"] == "byvoid"
    other = tmp_path / "o"  # the header on a file of other lines is refused; another source is the format only
    other.write_text(OPENCC_HEADER + "not a dictionary line at all\n" * 50, encoding="utf-8")
    with pytest.raises(ReadError):
        OpenCCDictReader().read(other)
    fork = tmp_path / "f"
    fork.write_text(OPENCC_HEADER.replace("BYVoid/OpenCC", "someone/else") + "万\t萬\n与\t與\n丑\t醜\n", encoding="utf-8")
    assert inspect_path(fork)["family"] is None
    cut = tmp_path / "c"  # 10 MB of one line after the header: 64 KiB read
    cut.write_bytes(OPENCC_HEADER.encode() + b"x" * 10_000_000)
    with pytest.raises(ReadError):
        OpenCCDictReader().read(cut)
