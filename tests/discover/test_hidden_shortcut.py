"""discover.hidden's shortcut (speed19): ``_may_hold`` skips the slow ``_FOUND`` search only when it cannot match.

``_FOUND`` opens with a character class or a look-behind, so the regex engine tries it at every position of a file;
``hidden_value_skip`` now asks first whether the text holds a hidden character or a backslash before ``u``, ``x``,
``0`` or ``3``. These tests hold the shortcut to being exact: it never says no where ``_FOUND`` finds something.
"""

from __future__ import annotations

import itertools

import pytest

from modelmap.discover import hidden
from modelmap.discover.hidden import _FOUND, _may_hold, hidden_value_skip

# every code point of the Basic Multilingual Plane's first block and the formatting ranges, alone and in text
_POINTS = [*range(0x00, 0x250), *range(0x2000, 0x2070), 0xFEFF, 0xFFFD, 0x1F600]


@pytest.mark.parametrize("wrap", ["{}", 'MODEL = "gpt-4o{}"\n', "é {} ü", "{}\\n"])
def test_never_says_no_where_found_matches_a_character(wrap: str) -> None:
    for point in _POINTS:
        text = wrap.format(chr(point))
        assert _may_hold(text) or _FOUND.search(text) is None, hex(point)


def test_never_says_no_where_found_matches_an_escape() -> None:
    # every escape shape _ESCAPED knows, after 0-3 backslashes, in ASCII and non-ASCII text
    bodies = ["u001b", "u009f", "u200e", "u202e", "u2066", "ufeff", "u{1b}", "u{0202e}", "x1b", "x7f", "x9B", "033",
              "33", "u0041", "x41", "n", "t", "0", "3"]
    for body, slashes, lead in itertools.product(bodies, range(4), ["", "ä"]):
        text = f'{lead}"model": "gpt{chr(92) * slashes}{body}"'
        assert _may_hold(text) or _FOUND.search(text) is None, text


def test_says_no_for_plain_code() -> None:
    plain = 'import re\nPAT = re.compile(r"\\d+\\s*")\nprint("a\\tb\\n")\nmodel = "gpt-4o"  # déjà vu\n'
    assert _FOUND.search(plain) is None
    assert not _may_hold(plain)


def test_skip_still_reported_and_found_search_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    text = 'MODEL="gpt-4o\\u202e"\n'
    skip = hidden_value_skip(".env", text)
    assert skip is not None and skip.reason == "hidden-characters" and "U+202E" in skip.detail

    class Boom:
        def search(self, *args: object) -> None:
            raise AssertionError("the slow search ran on text that cannot match")

    monkeypatch.setattr(hidden, "_FOUND", Boom())
    assert hidden_value_skip("app.py", 'MODEL = "gpt-4o"\nprint("x\\n")\n') is None
