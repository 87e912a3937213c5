"""Red-team unit probes (brief redteam13), as work counters rather than timings.

* polyglot.has_candidate, the byte pre-pass run before a file is parsed, classified literals without any bound: a
  distinct hyphenated value costs ~50 us, a comma list 16 of them (dbc52c2), and 340,000 such literals in a 3.9 MB Go
  file took 17-22 s of CPU with no skip (probes s13-go-gate-*). The pass now has an allowance of its own, as large as
  the file's budget: one step per literal and per list item; past it the file is an ``analysis-budget`` skip.
* artifacts/pickle.py handed every pickle of one file to fickling (each up to MAX_FICKLING_OPCODES, ~3 s) and walked
  each up to ``max_items`` opcodes: a 2 KB zip of 24 deflated 1 MB pickles, or a legacy file of 8 back-to-back ones,
  cost 20-70 s (probes s13-pickle-*). One file's pickles now share one allowance (pickle.Allowance).
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest

from modelmap.discover import polyglot
from modelmap.discover.base import BudgetExceeded, SourceFile, file_budget
from modelmap.types import Skip


def _comma_lists(n: int) -> str:
    """A Go file of ``n`` literals, each a comma list of 16 distinct hyphenated ids no rule knows; the model word at the
    end, so that no literal passes the gate by a nearby binding."""
    return "package a\n\n" + "".join(
        f'var a{i} = "{",".join(f"zq{i}-{k}x" for k in range(16))}"\n' for i in range(n)) + "// model ids\n"


def test_the_pre_pass_stops_at_its_allowance(monkeypatch: Any) -> None:
    decided = 0
    real = polyglot.could_decide

    def counting(value: str) -> bool:
        nonlocal decided
        decided += 1
        return bool(real(value))

    monkeypatch.setattr(polyglot, "could_decide", counting)
    data = _comma_lists(3_000).encode()
    with file_budget(seconds=600.0, steps=4_000), pytest.raises(BudgetExceeded):
        polyglot.has_candidate(data)
    # was every literal and every item: 3,000 x 17 = 51,000 classifications, with no bound at all. A literal's
    # verdict is worked out before its steps are counted (it is kept per literal, polyglot._VERDICTS), so the last
    # literal's items (at most 16, and the literal itself) may run past the allowance
    assert decided <= 4_000 + 17, decided


def test_a_file_whose_pre_pass_runs_out_is_a_reported_skip() -> None:
    text = _comma_lists(3_000)
    with file_budget(seconds=600.0, steps=4_000):
        out = list(polyglot.PolyglotSource().scan(SourceFile("a.go", text)))
    skips = [s for s in out if isinstance(s, Skip)]
    assert [s.reason for s in skips] == ["analysis-budget"], out[:3]
    assert "not analysed" in skips[0].detail and "4000 analysis steps" in skips[0].detail


def test_the_pre_pass_leaves_the_files_own_budget_to_the_analysis() -> None:
    # the allowance is the pre-pass's own: a file it passes (or turns away) within it is analysed with the whole
    # budget, as before the pre-pass had one
    with file_budget(seconds=600.0, steps=5_000) as b:
        assert not polyglot.has_candidate(_comma_lists(200).encode())  # 200 x 17 steps of its own
        assert polyglot.has_candidate(b'package a\nvar m = openai.ChatCompletionRequest{Model: "gpt-4o"}\n')
    assert b.left == 5_000


_ONE = b"\x80\x02" + b"N0" * 45_000 + b"N."  # 90,003 opcodes: two fit MAX_FICKLING_OPCODES (200,000), three not
_ONE_200K = b"\x80\x02" + b"N0" * 100_000 + b"N."  # 200,003 opcodes


def _count_fickling(monkeypatch: Any) -> list[int]:
    from modelmap.artifacts import pickle

    handed: list[int] = []
    real = pickle._fickling_verdict

    def counting(data: bytes) -> tuple[str, str]:
        handed.append(len(data) // 2)
        return real(data)

    monkeypatch.setattr(pickle, "_fickling_verdict", counting)
    return handed


def test_the_members_of_a_zip_checkpoint_share_one_fickling_allowance(tmp_path: Path, monkeypatch: Any) -> None:
    from modelmap.artifacts.pickle import MAX_FICKLING_OPCODES, PickleReader

    handed = _count_fickling(monkeypatch)
    path = tmp_path / "ckpt.pt"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for i in range(6):
            z.writestr(f"archive/data{i}.pkl", _ONE)
        z.writestr("archive/evil.pkl", b"\x80\x02" + b"N0" * 75_000
                   + b"cposix\nsystem\nq\x00X\x02\x00\x00\x00idq\x01\x85q\x02Rq\x03.")
    info = PickleReader().read(path)
    # each member was handed to fickling (6 x 200,003 opcodes, ~1.2 s each); now MAX_FICKLING_OPCODES in all
    assert len(handed) == 2 and sum(handed) <= MAX_FICKLING_OPCODES, handed
    # a member past the allowance still has its imports read from its opcodes, and an unsafe one reported
    evil = [f for f in info.security if f.get("imports") == ["posix.system"]]
    assert evil and evil[0]["fickling"] == "UNKNOWN" and "one file may hand it" in evil[0]["detail"]


def test_back_to_back_legacy_pickles_share_one_fickling_allowance(tmp_path: Path, monkeypatch: Any) -> None:
    from modelmap.artifacts.pickle import MAX_FICKLING_OPCODES, PickleReader

    handed = _count_fickling(monkeypatch)
    path = tmp_path / "model.pt"
    path.write_bytes(_ONE * 8)
    PickleReader().read(path)
    assert len(handed) == 2 and sum(handed) <= MAX_FICKLING_OPCODES, handed  # was 8


def test_one_files_pickles_walk_a_bounded_number_of_opcodes_and_bytes(tmp_path: Path) -> None:
    from modelmap.artifacts.base import Limits
    from modelmap.artifacts.pickle import PickleReader
    from modelmap.errors import ReadError

    path = tmp_path / "ckpt.pt"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for i in range(5):
            z.writestr(f"archive/data{i}.pkl", _ONE_200K)
    # opcodes: each member up to max_items, and no member walked once the file's pickles used max_items in all
    with pytest.raises(ReadError, match="more than 300000 opcodes in all"):
        PickleReader().read(path, Limits(max_items=300_000))
    # bytes: the members' bytes in all are bounded as one legacy file's are (max_pickle_bytes)
    with pytest.raises(ReadError, match="bytes in all"):
        PickleReader().read(path, Limits(max_pickle_bytes=500_000))
    PickleReader().read(path, Limits(max_items=1_100_000, max_pickle_bytes=1_100_000))  # 5 x 200,003: within both


def test_a_lexicon_of_more_lines_than_max_items_is_refused_before_it_is_decoded(tmp_path: Path) -> None:
    # artifacts/tokenizer.py _wordfreq (57f9e05) decoded the whole file and split it into line strings before counting
    # its words: 120 MB of short lines made 30 million strings (a 1.9 GB peak, then a MemoryError). The line breaks are
    # counted on the bytes first, every break str.splitlines() knows (here CR alone); a bad byte after them is never
    # decoded (it was: the error was "not UTF-8"). The same count guards tiktoken, RWKV, BPE merges and WordPiece
    from modelmap.artifacts.base import Limits
    from modelmap.artifacts.tokenizer import TokenizerReader
    from modelmap.errors import ReadError

    path = tmp_path / "dict.txt"
    path.write_bytes(b"ab 1 n\ncd 2 n\nef 3 n\n" + b"w 1\r" * 2_000 + b"\xff\xfe 1\n")
    with pytest.raises(ReadError, match="more than 1000 lines"):
        TokenizerReader().read(path, Limits(max_items=1_000))
    path.write_bytes(b"ab 1 n\r\ncd 2 n\r\nef 3 n\r\n" + b"w 1\r\n" * 990)  # a CRLF is one break: 993 lines
    info = TokenizerReader().read(path, Limits(max_items=1_000))
    assert info.tokenizer is not None and len(info.tokenizer.tokens) == 993


def test_xml_text_pieces_and_attributes_are_budget_steps() -> None:
    # discover/xml_files.py (a87ff17): expat hands an element's text over in pieces (a line, an entity each), and the
    # text kept so far was summed on every piece, with no budget step: a 120 KB element of 60,000 lines took 106 s of
    # CPU, 40,000 entities 50 s; each attribute's place was searched for in up to 64 KiB of text, also unstepped (20,000
    # attributes of one element: 24 s). Each piece and each attribute is a step now, and the length is kept, not summed
    from modelmap.discover.xml_files import XmlFileSource
    from modelmap.types import Finding

    text = ("<project><properties><model>gpt-4o-mini</model></properties><description>" + "a\n" * 60_000
            + "</description></project>\n")
    with file_budget(seconds=600.0, steps=1_000_000):
        out = list(XmlFileSource().scan(SourceFile("pom.xml", text)))
    assert [f.raw for f in out if isinstance(f, Finding)] == ["gpt-4o-mini"], out[:3]
    with file_budget(seconds=600.0, steps=20_000):  # fewer steps than the text's pieces: the parse stops, and says so
        out = list(XmlFileSource().scan(SourceFile("pom.xml", text)))
    assert [s.reason for s in out if isinstance(s, Skip)] == ["analysis-budget"], out[:3]
    attrs = "<project><x " + " ".join(f'a{i}="1"' for i in range(20_000)) + "/></project>\n"
    with file_budget(seconds=600.0, steps=5_000):
        out = list(XmlFileSource().scan(SourceFile("pom.xml", attrs)))
    assert [s.reason for s in out if isinstance(s, Skip)] == ["analysis-budget"], out[:3]
