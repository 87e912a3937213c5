"""open23a (held-out-21, MedicalGPT-style training notebooks): a notebook's shell is read as a shell script.

IPython joins a `!` escape ending in a backslash with the lines after it into one command, as a shell does, and a
`%%bash` cell is a shell script as a whole. Before, only the escape's first line went to the shell reader and the
continuation lines (`    --model_name_or_path Qwen/Qwen2.5-0.5B \\`) were handed to the Python parser, so a model
given on any later line of the command was missed. Fixtures are written for these tests.
"""

from __future__ import annotations

import json

from modelmap.discover.base import SourceFile
from modelmap.discover.notebooks import NotebookSource
from modelmap.types import Finding


def _notebook(*cells: list[str]) -> str:
    doc = {"cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": src}
                     for src in cells], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(doc, indent=1)


def _found(text: str) -> list[tuple[str, int, int, int | None, str]]:
    """(raw, file line, column, cell line, source) of each finding, and each finding's raw is on its file line."""
    out = []
    for f in NotebookSource().scan(SourceFile("notebooks/finetune.ipynb", text, "notebook")):
        if isinstance(f, Finding):
            assert f.raw in text.splitlines()[f.line - 1]
            out.append((f.raw, f.line, f.column, f.cell_line, f.source))
    return out


def test_flags_on_continuation_lines_of_a_shell_escape() -> None:
    text = _notebook(
        ["!python training/pretraining.py \\\n",
         "    --model_name_or_path Qwen/Qwen2.5-0.5B \\\n",
         "    --train_file_dir ./data/pretrain \\\n",
         "    --output_dir outputs-pt-v1\n"],
        ["!python tools/merge_peft_adapter.py \\\n",
         "    --base_model Qwen/Qwen2.5-0.5B --lora_model outputs-pt-v1 --output_dir merged-pt/"])
    found = {(raw, cell_line, source) for raw, _line, _col, cell_line, source in _found(text)}
    assert ("Qwen/Qwen2.5-0.5B", 2, "notebook-shell") in found
    assert ("outputs-pt-v1", 2, "notebook-shell") in found
    assert len([x for x in _found(text) if x[0] == "Qwen/Qwen2.5-0.5B"]) == 2


def test_the_python_after_a_continued_escape_is_still_python() -> None:
    text = _notebook(["!pip install openai \\\n", "    tiktoken\n", "from openai import OpenAI\n",
                      "OpenAI().chat.completions.create(model='gpt-4o-mini', messages=[])\n"])
    assert [(raw, cell_line) for raw, _l, _c, cell_line, _s in _found(text)] == [("gpt-4o-mini", 4)]


def test_a_bash_cell_is_a_shell_script() -> None:
    text = _notebook(["%%bash\n", "MODEL=Qwen/Qwen2.5-7B-Instruct\n",
                      "vllm serve $MODEL \\\n", "    --served-model-name qwen2.5-7b-instruct\n",
                      "ollama pull llama3.1:8b\n"])
    found = {(raw, cell_line) for raw, _l, _c, cell_line, _s in _found(text)}
    assert ("Qwen/Qwen2.5-7B-Instruct", 2) in found
    assert ("llama3.1:8b", 5) in found


def test_other_cell_magics_stay_python_and_shell_without_models_finds_nothing() -> None:
    text = _notebook(["%%time\n", "model = 'gpt-4o-mini'\n"],
                     ["!python train.py \\\n", "    --data /data/corpus \\\n", "    --epochs 3\n"])
    assert [(raw, cell_line) for raw, _l, _c, cell_line, _s in _found(text)] == [("gpt-4o-mini", 2)]
