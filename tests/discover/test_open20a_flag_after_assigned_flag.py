"""A ``--flag=value`` word is a flag holding its own value, never the value of the word before it (a switch such as
``--no_dspy_gen`` takes none, and ``--n=1`` holds its own): ``--generator=o1-mini`` after either is read by the
exact-known-model rule like any other ``--flag=value`` (held-out-19, open20a: a launch script's ``--no_dspy_gen \\``
then a tab-indented ``--generator=o1-mini`` was read as the switch's value and dropped). A flag without ``=`` still
takes the next word (``--judge o3-mini``), and a place flag's value (``--output-dir``) stays no model.
"""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_LAUNCH = """\
#!/bin/bash
for difficulty in easy medium hard
do
    python evaluate.py \\
        --difficulty=${difficulty} \\
        --n=1 \\
        --no_dspy_gen \\
\t--generator=o1-mini \\
        --selection=random \\
        --judge o3-mini \\
        --result_json_path="results/o1_mini_${difficulty}.json"
done
"""


def test_flag_with_value_after_an_assigned_flag(tmp_path: Path) -> None:
    hits = found(tmp_path, "scripts/o1_mini_run.sh", _LAUNCH)
    assert (8, "o1-mini") in hits
    assert (10, "o3-mini") in hits


def test_one_liner_after_an_assigned_flag(tmp_path: Path) -> None:
    hits = found(tmp_path, "run.sh", "python eval.py --no_cache --seed=3 --test_generator=o4-mini --output-dir o1-mini\n")
    assert hits == {(1, "o4-mini")}
