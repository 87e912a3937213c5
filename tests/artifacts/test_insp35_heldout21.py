"""insp35 (session 35, on the opened inspect held-out-21): what the bytes of Tesseract language data say.

* Tesseract traineddata: the version string of Google's official training runs (synth20170629, best2int2018032N)
  names Google; any other version string names the toolkit only; a file cut short is read up to the cut.

Every fixture is built here (traineddata bytes written by the tests); no set file is used.
"""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from modelmap.artifacts.ocrlang import TesseractReader
from modelmap.errors import ReadError
from modelmap.inspect import inspect_path
from tests.artifacts.test_inspect20_speech import _fam, _pub
from tests.artifacts.test_inspect28_heldout13 import _UNICHARSET, _traineddata

# --- Tesseract ---------------------------------------------------------------------------------------------------

_OFFICIAL = ["4.00.00alpha:eng:synth20170629:[1,36,0,1Ct3,3,16Mp3,3Lfys64Lfx96Lrx96Lfx512O1c1]",
             "4.00.00alpha:Arabic:synth20170629", "Pre-4.0.0+4.00.00alpha:deu:best2int20180322",
             "Pre-4.0.0+Pre-4.0.0:best2int20180321"]
_OTHER = ["4.1.1:eng:[1,36,0,1Ct3,3,16Mp3,3Lfys64Lfx96Lrx96Lfx256O1c1]", "5.3.0:myfont",
          "4.00.00alpha:eng:synth20170629:mytune:extra", "4.00.00alpha:eng:synth20200101"]


def _lstm_file(path: Path, version: str) -> Path:
    return _traineddata(path, {17: b"\x01" * 256, 21: _UNICHARSET, 22: b"\x02" * 32, 23: version.encode()})


@pytest.mark.parametrize("version", _OFFICIAL)
def test_official_run_names_google(tmp_path: Path, version: str) -> None:
    rec = inspect_path(_lstm_file(tmp_path / "t", version))
    assert (_fam(rec), *_pub(rec)) == ("tesseract", "google", "US")


@pytest.mark.parametrize("version", _OTHER)
def test_other_version_strings_name_the_toolkit_only(tmp_path: Path, version: str) -> None:
    rec = inspect_path(_lstm_file(tmp_path / "t", version))
    assert _fam(rec) == "tesseract" and _pub(rec) == (None, None)


def test_truncated_traineddata_reads_up_to_the_cut(tmp_path: Path) -> None:
    whole = _traineddata(tmp_path / "w", {0: b"# CJK mode\n", 1: _UNICHARSET, 3: b"\x00" * 4000, 17: b"\x01" * 4000,
                                          23: _OFFICIAL[0].encode()}).read_bytes()
    cut = tmp_path / "c"
    cut.write_bytes(whole[:len(whole) - 6000])  # inside inttemp: the LSTM and the version lie past the end
    info = TesseractReader().read(cut)
    assert info.metadata["truncated_at"] == len(whole) - 6000
    assert info.metadata["format_props"]["tesseract.components"] == "lang-config unicharset inttemp"
    assert "tesseract.version" not in info.metadata["format_props"]
    assert any(n.startswith("partial read") and "lstm, version" in n for n in info.notes)
    rec = inspect_path(cut)
    assert _fam(rec) == "tesseract" and _pub(rec) == (None, None)  # the run name was past the cut
    assert [s["reason"] for s in rec["skipped"]] == ["partial-read"]
    # cut inside the offset table, or inside the unicharset's count line: not read
    for n in (100, 4 + 8 * 24 + 12):
        short = tmp_path / f"s{n}"
        short.write_bytes(whole[:n])
        with pytest.raises(ReadError):
            TesseractReader().read(short)


def test_a_table_with_nothing_after_it_is_not_read(tmp_path: Path) -> None:
    table = struct.pack("<i24q", 24, -1, 196, 300, *([-1] * 21))
    assert TesseractReader().sniff(table)  # the head alone is a plausible table ...
    f = tmp_path / "t"
    f.write_bytes(table)
    with pytest.raises(ReadError):  # ... but no component starts inside the file
        TesseractReader().read(f)
