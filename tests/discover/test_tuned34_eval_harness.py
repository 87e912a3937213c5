"""tuneD34: an evaluation harness's command line (lm-evaluation-harness ``lm_eval``, lmms-eval ``lmms_eval``, as a
program or ``-m`` module): ``--model`` names the harness's backend class (``hf``, ``vllm``, ``llava``,
``qwen2_vl``), the model evaluated is ``pretrained=`` in ``--model_args``. Fixture written here."""

from __future__ import annotations

from pathlib import Path

import modelmap

_EVAL = """\
#!/bin/bash
accelerate launch --num_processes 8 --main_process_port 12345 -m lmms_eval \\
    --model llava \\
    --model_args pretrained="/ckpts/llava-v1.6-vicuna-7b-sft" \\
    --tasks ok_vqa,textvqa
lm_eval --model hf --model_args pretrained=EleutherAI/pythia-160m,dtype=float --tasks hellaswag
python3 -m lmms_eval --model qwen2_vl --model_args=pretrained=${CKPT},max_pixels=2359296 --tasks mme
vllm serve Qwen/Qwen2.5-7B-Instruct --port 8000
"""


def test_eval_harness_backend_is_no_model_and_pretrained_is(tmp_path: Path) -> None:
    path = tmp_path / "eval.sh"
    path.write_text(_EVAL)
    found = sorted((f.line, f.raw) for f in modelmap.scan(str(path), resolve=False).findings)
    raws = [raw for _, raw in found]
    assert "llava" not in raws and "qwen2_vl" not in raws and "hf" not in raws
    assert (4, "/ckpts/llava-v1.6-vicuna-7b-sft") in found
    assert (6, "EleutherAI/pythia-160m") in found
    assert (8, "Qwen/Qwen2.5-7B-Instruct") in found  # other commands keep their reading
