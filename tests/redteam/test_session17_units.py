"""Red-team unit probes (brief redteam17), as work counters rather than timings.

* artifacts/identify.py's ``rank`` scored every catalogue entry against one observation and normalised the
  observation's special tokens (a filler regex over each) again for every entry, then built the union of the entry's
  and the file's specials for the Jaccard score: a gzip'd tokenizer.json with a million added tokens (probe
  s17-gzip-vocabulary-bombs-and-members, f/tokenizer.json.gz) took 39 s of CPU, 200,000 added tokens 60 s under a
  profiler (26 million regex matches). The observation now normalises its specials once per state of the set, and the
  union's size is worked out from the intersection's: 5 s for the million.
"""

from __future__ import annotations

from typing import Any

import pytest

from modelmap.artifacts import identify
from modelmap.artifacts.identify import Observation, rank


def _obs(n: int) -> Observation:
    obs = Observation(specials_only=True)
    obs.specials = {f"<|t{i}|>" for i in range(n)} | {"<|begin_of_text|>", "<|eot_id|>", "<|image|>"}
    return obs


def test_rank_normalises_the_observations_specials_once(monkeypatch: pytest.MonkeyPatch) -> None:
    obs = _obs(2_000)
    seen: list[int] = []
    real = identify._norm_specials

    def counting(specials: Any) -> set[str]:
        if specials is obs.specials:
            seen.append(len(specials))
        return real(specials)

    monkeypatch.setattr(identify, "_norm_specials", counting)
    rows = rank(obs)
    assert len(seen) <= 1, f"the file's specials were normalised {len(seen)} times for one ranking"
    assert rows == rank(_obs(2_000))  # the same ranking as a fresh observation's


def test_a_changed_set_of_specials_is_normalised_again() -> None:
    obs = _obs(10)
    assert "<|image|>" in obs.norm_specials()
    obs.specials.add("<|vision_start|>")
    assert "<|vision_start|>" in obs.norm_specials()
    obs.specials = {"<|reserved_special_token_3|>", "<|im_start|>"}
    assert obs.norm_specials() == {"<|im_start|>"}  # a filler slot says nothing about the maker


def test_the_specials_score_is_the_jaccard_of_the_two_sets() -> None:
    entry = {"id": "x", "family": "x", "special_tokens": ["<|a|>", "<|b|>", "<|c|>"]}
    obs = Observation()
    obs.specials = {"<|b|>", "<|c|>", "<|d|>", "<|e|>"}
    score, why, _size, signals = identify.score_entry_signals(entry, obs)
    assert signals == ["specials"] and why[0].startswith("2/3 special tokens shared")
    assert score == pytest.approx(identify.W_SPECIAL * 2 / 5)


# discover/candidates.py (6f7d832's case-clause labels): every label of a clause walked the clause's children to find
# its -> / => / :, and a Kotlin `when` entry of 50,000 labels is one clause of 100,000 children (probe
# s17-case-clause-50k-labels-kt-rs-java: the 2 s budget stopped d/Norm.kt after 32 labels, 3.2M generator steps)
class _Tok:
    def __init__(self, type: str, start: int, named: bool = False) -> None:
        self.type, self.start_byte, self.end_byte, self.is_named = type, start, start + 1, named


class _Clause:
    def __init__(self, labels: int) -> None:
        self.id, self.type, self.start_byte = 12345, "when_entry", 0
        self._children = [_Tok("string_literal", 2 * i, True) for i in range(labels)] \
            + [_Tok("->", 2 * labels), _Tok("string_literal", 2 * labels + 3, True)]
        self.end_byte = 2 * labels + 10
        self.walks = 0

    @property
    def children(self) -> list[_Tok]:
        self.walks += 1
        return self._children


def test_a_case_clauses_arrow_is_found_once_for_all_its_labels() -> None:
    from modelmap.discover.candidates import _first_arrow

    clause = _Clause(5_000)
    at = [_first_arrow(clause) for _ in range(5_000)]
    assert clause.walks == 1, f"the clause's children were walked {clause.walks} times for its labels"
    assert set(at) == {10_000}  # labels before it (start < 10,000), the clause's value after it
    other = _Clause(3)
    other.id = 999
    assert _first_arrow(other) == 6 and other.walks == 1
    none = _Clause(2)
    none._children = none._children[:2]
    none.id, none.end_byte = 7, 40
    assert _first_arrow(none) == 41  # no arrow: every literal is a label
