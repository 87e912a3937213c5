"""A command's flag value that is exactly a model the knowledge base records names that model, whatever the flag.

An evaluation script passes its model under the program's own flag name (``--api_name``, ``--judge``, ``--teacher``),
often inside a ``for`` loop and over ``\\`` continuations: a whole Hub id the knowledge base holds, that id behind a
LiteLLM provider route (``openai/<org>/<name>``) or a known API name with a separator (``o1-mini``) is the model.
Values that are only partly known, unknown ``org/name`` pairs (data sets, code), bare short words, apex's ``O1``
and the arguments of package tools are not.
"""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_SH = """\
#!/bin/bash

for split in easy medium hard
do
    python run_eval.py \\
        --split=${split} \\
        --api_name Qwen/Qwen2.5-Coder-7B-Instruct \\
        --api_base http://localhost:8000/v1 \\
        --judge_name=o1-mini \\
        --out results/${split}.json
done
python eval_codes.py --api_name openai/Qwen/Qwen2.5-Coder-14B-Instruct --n 4
python eval_codes.py --teacher deepseek-ai/DeepSeek-R1-Distill-Qwen-7B
python eval_codes.py --dataset openai/gsm8k --opt_level O1 --api_name acme/not-a-model-7b
python eval_codes.py --generator qwen7b --tag o1
pip install --index-url x Qwen/Qwen2.5-Coder-7B-Instruct
"""


def test_exact_known_models_under_any_flag(tmp_path: Path) -> None:
    got = found(tmp_path, "scripts/eval.sh", _SH)
    assert (7, "Qwen/Qwen2.5-Coder-7B-Instruct") in got
    assert (9, "o1-mini") in got
    assert (12, "openai/Qwen/Qwen2.5-Coder-14B-Instruct") in got
    assert (13, "deepseek-ai/DeepSeek-R1-Distill-Qwen-7B") in got


def test_unknown_or_short_values_are_left(tmp_path: Path) -> None:
    got = found(tmp_path, "scripts/eval.sh", _SH)
    raws = {raw for _, raw in got}
    for raw in ("openai/gsm8k", "O1", "acme/not-a-model-7b", "qwen7b", "o1", "results/easy.json"):
        assert raw not in raws, raw
    assert not any(line == 16 for line, _ in got)


# a launch script that names no model family: only the API name itself tells that it uses a model; the same model
# under two flags of one command is two uses
_O_SERIES = """\
#!/bin/bash
for difficulty in easy medium hard
do
    python evaluate.py \\
        --difficulty=${difficulty} \\
        --test_generator o1-mini \\
        --n=16 \\
        --generator o1-mini \\
        --result_json_path="results/o1_mini_${difficulty}.json"
done
"""


def test_api_name_in_a_script_without_family_words(tmp_path: Path) -> None:
    got = found(tmp_path, "scripts/baselines/run.sh", _O_SERIES)
    assert {(6, "o1-mini"), (8, "o1-mini")} <= got
