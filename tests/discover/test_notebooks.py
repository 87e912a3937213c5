"""Notebook source: code cells scanned as Python, shell escapes as command lines (issue 2)."""

from __future__ import annotations

import json

from modelmap.discover.base import SourceFile
from modelmap.discover.notebooks import NotebookSource
from modelmap.types import Finding, Skip


def notebook(*cells: tuple[str, list[str]]) -> str:
    doc = {"cells": [{"cell_type": kind, "metadata": {}, "source": src} for kind, src in cells],
           "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(doc, indent=1)


def scan(text: str) -> list[Finding | Skip]:
    return list(NotebookSource().scan(SourceFile("nb/demo.ipynb", text, "notebook")))


def test_lines_are_file_lines_with_cell_positions() -> None:
    text = notebook(("markdown", ["# gpt-4o notes\n"]),
                    ("code", ["from langchain_openai import ChatOpenAI\n", "llm = ChatOpenAI(model='gpt-4o-mini')\n"]))
    found = [f for f in scan(text) if isinstance(f, Finding)]
    assert [(f.raw, f.cell, f.cell_line, f.context) for f in found] == [("gpt-4o-mini", 1, 2, "notebook")]
    assert "gpt-4o-mini" in text.splitlines()[found[0].line - 1]


def test_shell_escape_with_a_local_model_directory() -> None:
    # issue 2: `!python finetune.py data /path/to/chatglm3-6b cfg.yaml` names the model by its directory
    text = notebook(("code", ['!CUDA_VISIBLE_DEVICES=0 python finetune_hf.py data/AdvertiseGen_fix '
                              '/media/zr/Data/Models/LLM/chatglm3-6b configs/lora.yaml']))
    found = [f for f in scan(text) if isinstance(f, Finding)]
    assert [(f.raw, f.kind, f.source) for f in found] == [
        ("/media/zr/Data/Models/LLM/chatglm3-6b", "model-file", "notebook-shell")]
    assert "chatglm3-6b" in text.splitlines()[found[0].line - 1]


def test_shell_escape_paths_that_name_no_model() -> None:
    text = notebook(("code", ["!python train.py /data/corpus /tmp/output-2024 --epochs 3\n"]))
    assert [f for f in scan(text) if isinstance(f, Finding)] == []


def test_docstring_and_comment_sources_are_renamed_for_notebooks() -> None:
    text = notebook(("code", ["# 'model': 'qwen2.5-72b-instruct',\n", "x = 1\n"]))
    found = [f for f in scan(text) if isinstance(f, Finding)]
    assert [(f.raw, f.source) for f in found] == [("qwen2.5-72b-instruct", "notebook-comment")]


def test_broken_notebooks_are_skips() -> None:
    assert [s.reason for s in scan("{not json") if isinstance(s, Skip)] == ["parse-error"]
    bad_cell = notebook(("code", ["def f(:\n"]))
    assert [s.reason for s in scan(bad_cell) if isinstance(s, Skip)] == ["parse-error"]
