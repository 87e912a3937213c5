"""Unit tests of brief redteam25's fixes (session 22).

* shell.py (9c1869a's exact-known-model flag values): the rule read a long flag's value only among a command's first
  256 words, the window the other per-word rules share. A command continued over hundreds of lines (`python eval.py
  \\` then one `--flag value \\` a line) or a one-line `for` loop of many items (`for t in t1 ... t300; do python r.py
  --judge o1-mini; done`) passes its model later, and it was dropped silently: no finding, no skip. Now every later
  word is read for that rule too, one budget step each, so a line too long for the budget ends in the file's reported
  analysis-budget skip.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

import modelmap
from tests.discover.scan_helpers import found


def test_a_flag_value_past_the_256th_word_of_a_continued_command(tmp_path: Path) -> None:
    text = ("#!/bin/bash\npython run.py \\\n" + "".join(f"  --a{i} {i} \\\n" for i in range(200))
            + "  --api_name Qwen/Qwen2.5-7B-Instruct --judge=o1-mini\n")
    got = found(tmp_path, "scripts/eval.sh", text)
    assert (203, "Qwen/Qwen2.5-7B-Instruct") in got
    assert (203, "o1-mini") in got


def test_a_flag_value_in_the_body_of_a_long_one_line_for_loop(tmp_path: Path) -> None:
    items = " ".join(f"t{j}" for j in range(300))
    got = found(tmp_path, "bench.sh", f"#!/bin/bash\nfor t in {items}; do python r.py --task $t --judge o1-mini; done\n")
    assert (2, "o1-mini") in got


def test_places_and_package_tools_stay_out_past_the_window(tmp_path: Path) -> None:
    """The rule's own exclusions hold past the window as inside it: a place flag, a package tool."""
    pad = " ".join(f"--a{i} {i}" for i in range(150))
    got = found(tmp_path, "x.sh", f"#!/bin/bash\nrsync {pad} --output-dir Qwen/Qwen2.5-7B-Instruct x\n"
                                  f"pip install {pad} --index Qwen/Qwen2.5-7B-Instruct\n")
    assert not [raw for _line, raw in got if raw == "Qwen/Qwen2.5-7B-Instruct"]


def test_a_line_of_150k_flags_is_a_reported_skip(tmp_path: Path) -> None:
    """150,000 distinct values (each one a knowledge-base look-up) on one line: past the file's 2 s budget the scan
    stops and says so."""
    (tmp_path / "eval.sh").write_text("#!/bin/sh\npython eval.py " + " ".join(f"--f{i} o{i}-mini-x" for i in range(150_000))
                                      + "\n" + "echo ok\n" * 2_000)
    start = time.process_time()
    result = modelmap.scan(str(tmp_path), resolve=False)
    assert time.process_time() - start < 15.0
    assert [s.reason for s in result.skips] == ["analysis-budget"]


# -- bom: the dependency graph is indexed, not scanned once per registration ----------------------------------------------
def _bom(n: int, indexed: bool) -> Any:
    from cyclonedx.model.bom import Bom
    from cyclonedx.model.component import Component, ComponentType

    from modelmap.report.cyclonedx import _index_dependencies

    app = Component(type=ComponentType.APPLICATION, name="app", bom_ref="app:app")
    models = [Component(type=ComponentType.MACHINE_LEARNING_MODEL, name=f"m{i}", bom_ref=f"model:m{i}")
              for i in range(n)]
    bom = Bom(components=models)
    bom.metadata.component = app
    if indexed:
        _index_dependencies(bom)
    bom.register_dependency(app, models[: n // 2])
    for m in models:
        bom.register_dependency(m)
    bom.register_dependency(app, models[n // 2:])
    return bom


def _graph(bom: Any) -> list[tuple[str, list[str]]]:
    return [(str(d.ref), [str(x.ref) for x in d.dependencies]) for d in bom.dependencies]


def test_the_indexed_graph_is_the_librarys_graph() -> None:
    assert _graph(_bom(50, True)) == _graph(_bom(50, False))
    bom = _bom(50, True)
    bom.validate()  # the outputters' call: every component registered again, nothing added
    assert _graph(bom) == _graph(_bom(50, False))


def test_registering_3000_models_is_not_quadratic() -> None:
    """3,000 models registered twice and validated (the outputters' path): 4.5 M ref comparisons with the library's
    linear look-up (about 15 s of CPU here; 5,000 took 41 s), a dict look-up each now (about 2.5 s, most of it the
    library's sorted sets)."""
    start = time.process_time()
    _bom(3_000, True).validate()
    assert time.process_time() - start < 8.0


# -- RE2: every module-level pattern over a 1 MB line of each Unicode general category -----------------------------------
def _category_lines(size: int = 1_000_000) -> dict[str, str]:
    """A line of ``size`` characters for each general category (16 code points of it, spread over the category's
    range below U+30000, repeated): the classes RE2's DFA builds states for differ by category."""
    import unicodedata

    chars: dict[str, list[str]] = {}
    for cp in range(0x20, 0x30000):
        if not 0xD800 <= cp <= 0xDFFF:
            chars.setdefault(unicodedata.category(chr(cp)), []).append(chr(cp))
    out = {}
    for cat, cs in chars.items():
        pick = "".join(cs[i * len(cs) // 16] for i in range(16)) if len(cs) >= 16 else "".join(cs)
        out[cat] = (pick * (size // len(pick) + 1))[:size]
    return out


def test_no_module_pattern_logs_dfa_oom_on_megabyte_lines_of_any_category(capfd: pytest.CaptureFixture[str]) -> None:
    from tests.redteam.test_session21_units import _module_patterns

    patterns = list(_module_patterns().values())
    lines = _category_lines()
    assert len(patterns) >= 10 and len(lines) >= 25
    capfd.readouterr()
    bad = []
    for rx in patterns:
        for cat, line in lines.items():
            for n, _ in enumerate(rx.finditer(line)):
                if n > 2_000:
                    break
            if "DFA out of memory" in capfd.readouterr().err:
                bad.append((cat, rx.pattern[:100]))
    assert bad == []
