"""Unit checks of the session-37 red-team fixes (brief redteam41): bounds that the probes in probes_session37.py show
at full size, checked here on small inputs without timing."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

from modelmap.discover.candidates import _SQL_VALUE

# the value reader as it was: an unquoted value's `[^,']*` between two blank runs
_SQL_VALUE_BEFORE = re.compile(rb"[ \t\r\n]*(?:'((?:[^'\\\n]|'')*)'|[^,']*)[ \t\r\n]*(?:,|$)")


def _read(rx: re.Pattern[bytes], text: bytes) -> object:
    m = rx.match(text, 0, len(text))
    return m and (m.span(), m.group(1), m.start(1))


def test_an_insert_value_is_read_as_before() -> None:
    for n in range(7):
        for chars in itertools.product(b" ,'x\n\\", repeat=n):
            text = bytes(chars)
            assert _read(_SQL_VALUE, text) == _read(_SQL_VALUE_BEFORE, text), text
    assert _read(_SQL_VALUE, b"  'gpt-4o' , 'x'") == ((0, 12), b"gpt-4o", 3)
    assert _read(_SQL_VALUE, b"'it''s' ,") == ((0, 9), b"it''s", 1)


def test_a_value_of_blanks_before_a_stray_quote_is_read_in_linear_time() -> None:
    # 300,000 blanks: with the old reader's backtracking 4.5e10 steps (hours); linear, a millisecond
    for text in (b"x" + b" " * 300_000 + b"'", b"\n" * 300_000 + b"x'", b"'a'" + b" " * 300_000 + b"x"):
        assert _SQL_VALUE.match(text, 0, len(text)) is None


def test_a_card_front_matter_with_a_huge_integer_keeps_its_other_fields(tmp_path: Path) -> None:
    from modelmap.inspect import _front_matter

    card = tmp_path / "README.md"
    card.write_text("---\nlicense: mit\nbase_model: acme/base\nsteps: 9" + "9" * 5000 + "\nlr: 1" + ":59" * 2000
                    + "\nepochs: 3\n---\n# card\n", encoding="utf-8")
    meta, _body, problem = _front_matter(card)
    assert problem is None
    assert meta["license"] == "mit" and meta["base_model"] == "acme/base" and meta["epochs"] == 3
    assert meta["steps"] == "9" * 5001 and meta["lr"].startswith("1:59:")


def test_a_cache_file_over_its_bound_is_refused_unread_and_one_under_it_read_in_one_buffer(tmp_path: Path) -> None:
    import os
    import tracemalloc

    from modelmap.fsutil import read_cache

    big, small = tmp_path / "big.json", tmp_path / "small.json"
    with open(big, "wb") as fh:
        fh.truncate(64 * 1024 * 1024)  # sparse
    small.write_bytes(b"x" * (16 * 1024 * 1024))
    os.mkfifo(tmp_path / "fifo")
    tracemalloc.start()
    try:
        assert read_cache(big, 32 * 1024 * 1024) is None
        refused_peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.reset_peak()
        data = read_cache(small, 32 * 1024 * 1024)
        read_peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert data is not None and len(data) == 16 * 1024 * 1024
    assert refused_peak < 1024 * 1024  # was 64 MB: read in chunks, joined, then refused
    assert read_peak < 24 * 1024 * 1024  # was 32 MB: the chunks and their join
    assert read_cache(tmp_path / "fifo", 100) is None
    assert read_cache(small, 16 * 1024 * 1024 - 1) is None
    assert read_cache(small, 16 * 1024 * 1024) == data


def test_a_long_sexagesimal_float_stays_text_and_a_short_one_is_a_float() -> None:
    import yaml

    from modelmap.yamlbound import ConfigLoader, SafeConfigLoader

    long = "1" + ":59" * 200 + ".5"  # 200 parts: the integer base passes what a float holds (OverflowError)
    for loader in (ConfigLoader, SafeConfigLoader):
        doc = yaml.load(f"model_name: PP-OCRv4\nlr: {long}\nshort: 1:30.5\nexp: 1.5e+3\nbig: !!float '1{'0' * 400}'\n",
                        Loader=loader)
        assert doc["model_name"] == "PP-OCRv4" and doc["lr"] == long
        assert doc["short"] == 90.5 and doc["exp"] == 1500.0 and doc["big"] == float("inf")


def test_a_card_front_matter_with_a_long_sexagesimal_float_keeps_its_fields(tmp_path: Path) -> None:
    from modelmap.inspect import _front_matter

    card = tmp_path / "README.md"
    card.write_text("---\nlicense: mit\nwd: 1" + ":59" * 200 + ".5\n---\n# card\n", encoding="utf-8")
    meta, _body, problem = _front_matter(card)
    assert problem is None and meta["license"] == "mit"
