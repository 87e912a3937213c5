"""inspect15: word-frequency lexicons (jieba's dict.txt '<word> <count> <tag>' and idf.txt '<word> <idf>' lines) are
read as the vocabulary they list, so a lexicon hashes and names its segmenter like any tokenizer vocabulary. Fixtures
are written here in that layout; no held-out file is used."""

from __future__ import annotations

from pathlib import Path

import pytest

from modelmap.artifacts import DEFAULT_LIMITS, Limits
from modelmap.artifacts.tokenizer import TokenizerReader, sniff_kind
from modelmap.errors import ReadError

LEX = "AT&T 3 nz\nB超 3 n\nc# 3 nz\nC# 3 nz\n一一列举 34 i\n一一对应 43 l\n"


def test_wordfreq_lexicon_is_a_vocabulary(tmp_path: Path) -> None:
    f = tmp_path / "d"
    f.write_text(LEX, encoding="utf-8")
    assert sniff_kind(f.read_bytes()[:64]) == "wordfreq"
    info = TokenizerReader().read(f)
    assert info.format == "tokenizer:wordfreq" and info.tokenizer is not None
    assert info.tokenizer.tokens == [w.split(" ")[0].encode() for w in LEX.splitlines()]
    idf = tmp_path / "i"
    idf.write_text("劳动防护 13.900677652\n生化学 13.900677652\n奥萨贝尔 13.900677652\n考察队员 13.900677652\n",
                   encoding="utf-8")  # three CJK lines outgrow 64 bytes: the 256-byte head decides
    assert TokenizerReader().read(idf).tokenizer.total_size == 4  # type: ignore[union-attr]


@pytest.mark.parametrize("text", ["2000000 300\n0.1 0.2\n", "the 0.1 0.2 0.3\nof 0.3 0.1 0.2\nand 1 2 3\nx 1 2 3\n",
                                  "hello world\nfoo bar\nbaz qux\nx y\n", "a 1\nb 2\n"])
def test_wordfreq_sniff_refuses_other_text(text: str) -> None:
    assert sniff_kind(text.encode()[:64]) != "wordfreq"


def test_wordfreq_hostile(tmp_path: Path) -> None:
    bad = tmp_path / "b"
    bad.write_bytes(("a 1 n\nb 2 n\nc 3 n\n" + "x" * 300 + " 4 n\n").encode())  # an over-long line
    with pytest.raises(ReadError):
        TokenizerReader().read(bad)
    junk = tmp_path / "j"
    junk.write_bytes(b"a 1 n\nb 2 n\nc 3 n\n\xff\xfe 4 n\n")  # not UTF-8
    with pytest.raises(ReadError):
        TokenizerReader().read(junk)
    many = tmp_path / "m"
    many.write_bytes(b"".join(b"w%d 1 n\n" % i for i in range(50)))
    with pytest.raises(ReadError):
        TokenizerReader().read(many, Limits(max_items=10))
    assert TokenizerReader().read(many, DEFAULT_LIMITS).tokenizer.total_size == 50  # type: ignore[union-attr]
