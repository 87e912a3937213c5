"""Counts of one read in the singular on the lines people read (tryout20): a scan of one file said
"2 models in 2 places; 1 files scanned", and `modelmap diff` printed "1 uses" for a model used once."""
from __future__ import annotations

import json
from pathlib import Path

import modelmap
from modelmap import diff
from modelmap.cli.diff_cmd import render_table
from modelmap.report.table import summary_line

ONE = ("from openai import OpenAI\n"
       "OpenAI().chat.completions.create(model='gpt-4o', messages=[])\n")


def test_scan_summary_of_one_file_one_model(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(ONE)
    line = summary_line(modelmap.scan([str(tmp_path)], resolve=False))
    assert line.startswith("1 model in 1 place; 1 file scanned"), line


def test_scan_summary_plural_unchanged(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(ONE + "OpenAI().embeddings.create(model='text-embedding-3-small', input='x')\n")
    (tmp_path / "b.py").write_text(ONE)
    line = summary_line(modelmap.scan([str(tmp_path)], resolve=False))
    assert line.startswith("2 models in 3 places; 2 files scanned"), line


def test_diff_table_says_one_use(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    new.mkdir()
    (new / "app.py").write_text(ONE)
    docs = []
    for folder in (old, new):
        out = tmp_path / f"{folder.name}.json"
        out.write_text(json.dumps(modelmap.scan([str(folder)], resolve=True).to_dict()))
        docs.append(str(out))
    shown = render_table(diff.diff(*docs))
    assert "1 use" in shown and "1 uses" not in shown


def test_runtime_and_drift_summaries_say_one_model_and_one_mismatch() -> None:
    """tryout22: `modelmap runtime probe.json` said "1 models, no requests from 1 records (0 GenAI spans)" and
    `modelmap diff CODE RUNTIME` "1 alias mismatches"."""
    from modelmap.cli.diff_cmd import render_drift_table
    from modelmap.cli.runtime_cmd import render_table as render_runtime

    summary = {"models": 1, "requests": None, "genai_spans": 0, "records": 1, "skipped": 0, "before_since": 0,
               "over_key_limit": 0, "first_seen": None, "last_seen": None}
    shown = render_runtime({"models": [], "summary": summary})
    assert "1 model, no requests from 1 record (0 GenAI spans); 0 skipped" in shown, shown
    shown = render_runtime({"models": [], "summary": {**summary, "models": 2, "requests": 1, "records": 3,
                                                      "genai_spans": 1}})
    assert "2 models, 1 request from 3 records (1 GenAI span)" in shown, shown
    drift_doc = {"code": {"source": "code"}, "runtime": {"source": "rt"}, "shadow": [], "alias_mismatch": [],
                 "host_mismatch": [], "declared_not_seen": [],
                 "summary": {"shadow": 0, "alias_mismatch": 1, "host_mismatch": 2, "declared_not_seen": 0, "matched": 1}}
    assert "1 alias mismatch, 2 host mismatches" in render_drift_table(drift_doc)
