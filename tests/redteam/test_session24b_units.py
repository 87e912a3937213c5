"""Unit tests of redteam28b's fix (session 24b): a Jupyter notebook whose bulk is its outputs is read up to 8 times the
size limit, because the notebook reader drops the outputs unread; any other file keeps the limit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import modelmap
from modelmap.discover.engine import NOTEBOOK_SIZE_FACTOR, json_values_bound, size_limit

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


def test_a_notebook_past_the_limit_holding_millions_of_values_is_not_parsed(tmp_path: Path) -> None:
    # past the ordinary limit only a notebook whose bulk is a few large outputs is parsed: 150,000 empty lists in an
    # output would be as many Python objects
    doc = _notebook(10).replace('"outputs": [', '"outputs": [' + "[]," * 150_000, 1)
    (tmp_path / "eval.ipynb").write_text(doc, encoding="utf-8")
    found, skipped = _scan(tmp_path, 100_000)
    assert skipped.get("eval.ipynb") == "too-large"
    assert "gpt-4o" not in found


def test_a_notebook_at_the_limit_with_many_values_is_still_read(tmp_path: Path) -> None:
    doc = _notebook(10).replace('"outputs": [', '"outputs": [' + "[]," * 20_000, 1)  # 60 KB < 100 KB
    (tmp_path / "eval.ipynb").write_text(doc, encoding="utf-8")
    found, _ = _scan(tmp_path, 100_000)
    assert "gpt-4o" in found


def test_code_cells_past_the_code_cap_are_a_too_large_skip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from modelmap.discover import notebooks

    monkeypatch.setattr(notebooks, "MAX_CODE_CHARS", 2_000)
    cells = [{"cell_type": "code", "execution_count": i, "metadata": {}, "outputs": [],
              "source": [f"x{i}_{j} = {j}\n" for j in range(100)]} for i in range(3)]
    cells.append({"cell_type": "code", "execution_count": 9, "metadata": {}, "outputs": [], "source": [_CALL]})
    (tmp_path / "eval.ipynb").write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4,
                                                     "nbformat_minor": 5}), encoding="utf-8")
    found, skipped = _scan(tmp_path, 1_000_000)
    assert skipped.get("eval.ipynb") == "too-large"
    assert "gpt-4o" not in found
    monkeypatch.setattr(notebooks, "MAX_CODE_CHARS", 1_000_000)
    found, _ = _scan(tmp_path, 1_000_000)
    assert "gpt-4o" in found


def test_json_values_bound() -> None:
    assert json_values_bound(b'{"a": [1, 2, {"b": "c,d"}]}') >= 6
    assert json_values_bound(b'"' + b"A" * 1000 + b'"') == 1
