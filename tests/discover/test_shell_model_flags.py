"""Shell scripts that deploy, export and fine-tune models (issue 10): flags written with ``_`` (ms-swift,
training scripts), LoRA adapter lists, any long flag named like a model key, the model directory an export or
quantisation writes, served names at their own line, and a script whose last line still ends in ``\\``."""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.engine import ScanOptions, scan_paths
from modelmap.types import Finding

DEPLOY = """\
#!/bin/bash
# serve the chat model and two adapters
CUDA_VISIBLE_DEVICES=0,1 swift deploy \\
    --model Qwen/Qwen2.5-14B-Instruct \\
    --adapters support=acme-ai/support-lora-v3 sales=./adapters/sales-lora \\
    --infer_backend vllm \\
    --vllm_max_model_len 16384 \\
    --served_model_name Qwen2.5-14B-Instruct
"""

EXPORT = """\
#!/bin/sh
# 4-bit AWQ export of the chat model
CUDA_VISIBLE_DEVICES=0 swift export \\
    --model_id_or_path Qwen/Qwen2.5-14B-Instruct \\
    --quant_method awq \\
    --quant_bits 4 \\
    --output_dir Qwen2.5-14B-Instruct-AWQ

# merge a LoRA: the output is named for a run, not a model
swift export --adapters output/v3-20240101/checkpoint-100 --merge_lora true --output_dir output/merged
"""

# a directory that names a model, written by a command that loads none, is just a directory
COPY = """\
#!/bin/sh
mkdir -p Llama-3.1-8B-Instruct-GGUF
rsync -a /mnt/share/ ./ --output-dir Llama-3.1-8B-Instruct-GGUF
"""

RLHF = """\
#!/bin/bash
python3 -m sglang.launch_server --model-path deepseek-ai/DeepSeek-R1-Distill-Qwen-7B --port 30000 &
torchrun --nproc_per_node 8 train_ppo.py \\
    --reward_model acme-ai/helpful-rm-8b \\
    --max_model_len 4096 \\
    --save_path ./ckpt
"""

# no newline after the last `\\`: the command still runs
TRAILING = "#!/bin/sh\nvllm serve \\\n    mistralai/Mistral-7B-Instruct-v0.3 \\\n    --port 8000 \\\n"


def _line(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def _scan(tmp_path: Path, files: dict[str, str]) -> list[Finding]:
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    result = scan_paths([tmp_path], ScanOptions(jobs=1))
    assert not [s for s in result.skips if s.reason in ("source-error", "scan-error")]
    return [f for f in result.findings if f.kind != "endpoint"]


def test_adapters_and_served_names_with_underscored_flags(tmp_path: Path) -> None:
    found = {(f.raw, f.line) for f in _scan(tmp_path, {"examples/deploy.sh": DEPLOY})}
    assert ("Qwen/Qwen2.5-14B-Instruct", _line(DEPLOY, "--model Qwen")) in found
    assert ("acme-ai/support-lora-v3", _line(DEPLOY, "--adapters")) in found
    # the served name is reported where it is written, not inside the Hub id two lines up
    assert ("Qwen2.5-14B-Instruct", _line(DEPLOY, "--served_model_name")) in found
    assert ("Qwen2.5-14B-Instruct", _line(DEPLOY, "--model Qwen")) not in found
    # the adapter's label, a backend and a context length are not models
    assert not {raw for raw, _ in found} & {"support", "sales", "vllm", "16384"}


def test_an_export_reports_the_model_directory_it_writes(tmp_path: Path) -> None:
    found = {f.raw: f for f in _scan(tmp_path, {"examples/export.sh": EXPORT})}
    assert found["Qwen/Qwen2.5-14B-Instruct"].line == _line(EXPORT, "--model_id_or_path")
    awq = found["Qwen2.5-14B-Instruct-AWQ"]
    assert (awq.kind, awq.line) == ("model-file", _line(EXPORT, "--output_dir Qwen"))
    assert "output/merged" not in found
    assert "output/v3-20240101/checkpoint-100" not in found


def test_an_output_directory_of_a_command_that_loads_no_model_is_not_reported(tmp_path: Path) -> None:
    assert _scan(tmp_path, {"scripts/copy.sh": COPY}) == []


def test_launchers_and_flags_named_like_model_keys(tmp_path: Path) -> None:
    found = {(f.raw, f.line) for f in _scan(tmp_path, {"scripts/ppo.sh": RLHF})}
    assert ("deepseek-ai/DeepSeek-R1-Distill-Qwen-7B", 2) in found
    assert ("acme-ai/helpful-rm-8b", _line(RLHF, "--reward_model")) in found
    assert "4096" not in {raw for raw, _ in found}
    assert "./ckpt" not in {raw for raw, _ in found}


def test_a_script_ending_inside_a_continued_command(tmp_path: Path) -> None:
    found = [(f.raw, f.line) for f in _scan(tmp_path, {"serve.sh": TRAILING})]
    assert found == [("mistralai/Mistral-7B-Instruct-v0.3", 3)]
