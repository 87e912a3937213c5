"""The byte-level prefilter: hyperscan and the pyahocorasick fallback agree, and both are case-insensitive."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from modelmap.discover import prefilter

WORDS = prefilter.keywords()
HS = prefilter._hyperscan_matcher(WORDS)
AC = prefilter._ahocorasick_matcher(WORDS)


@pytest.mark.parametrize("match", [HS, AC], ids=["hyperscan", "ahocorasick"])
def test_finds_keywords_in_any_case_and_rejects_plain_code(match) -> None:
    assert match(b'client.chat.completions.create(MODEL="x")')
    assert match(b'm = "DeepSeek-V3"')
    assert match(b"\xef\xbb\xbfEMBED = 'bge-m3'")  # BOM, then a keyword
    assert match("model: 百度/ernie".encode())  # a UTF-8 keyword ("百度/") as well as ASCII
    assert match(b"x = 1\n" * 10_000 + b"qwen")  # a keyword at the very end
    assert not match(b"def add(a, b):\n    return a + b\n")
    assert not match(b"")
    assert not match(b"caf\xe9 \xff\xfe invalid utf-8 but no keyword")


def test_keywords_are_lowercase_and_include_hosts_and_orgs() -> None:
    assert all(w == w.lower() for w in WORDS)
    assert "api.deepseek.com" in WORDS and "qwen/" in WORDS and "baai/" in WORDS


def test_env_var_forces_the_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    prefilter.matcher.cache_clear()
    monkeypatch.setenv("MODELMAP_PREFILTER", "ahocorasick")
    try:
        assert prefilter.matcher().__qualname__.startswith("_ahocorasick_matcher")
    finally:
        prefilter.matcher.cache_clear()
    monkeypatch.delenv("MODELMAP_PREFILTER")
    assert prefilter.matcher().__qualname__.startswith("_hyperscan_matcher")


_pieces = st.one_of(st.sampled_from([w.encode() for w in WORDS]), st.sampled_from([w.upper().encode() for w in WORDS]),
                    st.binary(max_size=40))


@settings(max_examples=400, deadline=None)
@given(st.lists(_pieces, max_size=8))
def test_both_engines_agree_on_arbitrary_bytes(parts: list[bytes]) -> None:
    data = b"".join(parts)
    assert HS(data) == AC(data)
