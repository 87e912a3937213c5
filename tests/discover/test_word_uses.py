"""candidates._word_uses: the few-names search (bytes.find per name) finds exactly what the pass over every word
(``_WORD``) finds, in the same order; the const_uses value flow of Go/Java/Kotlin/C#/Rust rests on it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from modelmap.discover import candidates
from modelmap.discover.candidates import _WORD, Candidate, _word_uses


def _by_every_word(data: bytes, single: dict[str, Candidate]) -> list[tuple[int, int, str]]:
    out = []
    for m in _WORD.finditer(data):
        lit = single.get(m.group(0).decode("ascii", "replace"))
        if lit is not None:
            out.append((m.start(), m.end(), lit.value))
    return out


def _found(data: bytes, single: dict[str, Candidate]) -> list[tuple[int, int, str]]:
    return [(start, end, lit.value) for start, end, lit in _word_uses(data, single)]


def _table(names: list[str]) -> dict[str, Candidate]:
    return {n: Candidate(f"value-of-{n}", 1, 1, (n,)) for n in names}


_NAMES = ["MODEL", "MODEL_2", "Gpt4", "gpt4o", "_x1", "AB", "DEFAULT_MODEL", "deepseekChat", "モデル", "a$b"]
_PIECES = st.sampled_from([*_NAMES, " ", ".", "$", "_", "(", "\n", "\"", "x", "9", "é", "=", "::", "MODEL_2x"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=60), st.lists(st.sampled_from(_NAMES), min_size=1, max_size=len(_NAMES),
                                                 unique=True))
def test_few_names_search_equals_every_word_pass(pieces: list[str], names: list[str]) -> None:
    data = "".join(pieces).encode("utf-8")
    single = _table(names)
    assert _found(data, single) == _by_every_word(data, single)


def test_boundaries_as_a_go_file_writes_them() -> None:
    src = (b'package llm\n\nconst DefaultModel = "qwen-max"\n\nfunc New() *Client {\n'
           b'\treturn &Client{Model: DefaultModel, Alt: cfg.DefaultModel, Other: DefaultModelX, S: "DefaultModel"}\n}\n')
    single = _table(["DefaultModel"])
    found = _found(src, single)
    # the declaration, the use after `Model:` and the one inside the string; not `cfg.DefaultModel` (a field of
    # another value) nor the longer name `DefaultModelX`
    assert [src[s:e] for s, e, _ in found] == [b"DefaultModel"] * 3
    assert found == _by_every_word(src, single)
    assert src.index(b"Model: DefaultModel") + len(b"Model: ") in [s for s, _, _ in found]


def test_many_names_take_the_every_word_pass() -> None:
    names = [f"NAME_{i:03d}" for i in range(candidates._FEW_NAMES + 5)]
    data = " ".join(reversed(names)).encode()
    single = _table(names)
    assert _found(data, single) == _by_every_word(data, single)
    assert len(_found(data, single)) == len(names)
