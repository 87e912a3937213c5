"""Unit tests of redteam28b's fix (session 24b): a Jupyter notebook whose bulk is its outputs is read up to 8 times the
size limit, because the notebook reader drops the outputs unread; any other file keeps the limit."""

from __future__ import annotations

import json
from pathlib import Path

import modelmap
from modelmap.discover.engine import NOTEBOOK_SIZE_FACTOR, size_limit

_CALL = 'from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4o")\n'


def _notebook(plot_bytes: int) -> str:
    """A notebook as Jupyter saves it after a run: one code cell calling a model, its output a plot (base64 PNG)."""
    cell = {"cell_type": "code", "execution_count": 3, "metadata": {}, "source": _CALL.splitlines(keepends=True),
            "outputs": [{"output_type": "display_data", "metadata": {},
                         "data": {"image/png": "iVBORw0KGgo" + "A" * plot_bytes, "text/plain": ["<Figure>"]}}]}
    return json.dumps({"cells": [cell], "metadata": {"kernelspec": {"name": "python3"}}, "nbformat": 4,
                       "nbformat_minor": 5}, indent=1)


def _scan(tmp: Path, max_file_bytes: int) -> tuple[set[str], dict[str, str]]:
    res = modelmap.scan(tmp, max_file_bytes=max_file_bytes, jobs=1, cache=None)
    return {f.raw for f in res.findings}, {s.path: s.reason for s in res.skips}


def test_a_notebook_with_a_large_plot_is_read(tmp_path: Path) -> None:
    (tmp_path / "eval.ipynb").write_text(_notebook(300_000), encoding="utf-8")  # ~300 KB, past a 100 KB limit
    found, skipped = _scan(tmp_path, 100_000)
    assert "gpt-4o" in found
    assert "eval.ipynb" not in skipped


def test_the_same_bytes_in_a_python_file_stay_too_large(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(_CALL + "PLOT = '" + "A" * 300_000 + "'\n", encoding="utf-8")
    found, skipped = _scan(tmp_path, 100_000)
    assert "gpt-4o" not in found
    assert skipped.get("app.py") == "too-large"


def test_a_notebook_past_its_own_limit_is_a_too_large_skip(tmp_path: Path) -> None:
    (tmp_path / "eval.ipynb").write_text(_notebook(900_000), encoding="utf-8")  # ~900 KB > 8 x 100 KB
    found, skipped = _scan(tmp_path, 100_000)
    assert skipped.get("eval.ipynb") == "too-large"
    assert "gpt-4o" not in found


def test_size_limit() -> None:
    assert size_limit(1000, "Eval.IPYNB") == 1000 * NOTEBOOK_SIZE_FACTOR
    assert size_limit(1000, "app.py") == 1000
    assert size_limit(1000, "notes.ipynb.txt") == 1000
