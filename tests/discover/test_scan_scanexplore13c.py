"""scanexplore13c (issue 10): model paths, aliases and launch scripts on fresh serving / speech repositories.

* a weight file kept in a model folder (``pretrained_models/``, ``checkpoints/``, ``<name>_weights/``) is a model file
  whatever its own name and wherever it is written: a dict of versions to paths, a ``*_path`` variable, a YAML setting
  whose key does not say "model"; PyTorch Lightning's ``epoch=N-step=M.ckpt`` names included;
* a one-line bash array (``MODELS=(a b)``, ``FILES=(x-q8.gguf)`` after a ``case`` label): each item, under a model-named
  variable as a model, under any other name only a weight file or a known Hub repo;
* a model folder inside a weights folder written relative to the app without ``./``
  (``voice_clone/pretrained_models/chinese-roberta-wwm-ext-large``), as ``./…`` paths are read;
* gateway provider ids written before the model (Plano/archgw ``amazon_bedrock/…``, ``azure_openai/…``).

Fixtures are written for these tests (not copied from any repository). No timing assertions."""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.identify import classify
from tests.discover.scan_helpers import found as _found

_VOICE_CONFIG = '''\
import os

# the released base weights, per model version
pretrained_acoustic = {
    "v1": "voice_clone/pretrained_models/s2G488k.pth",
    "v2": "voice_clone/pretrained_models/v2-final/s2G2333k.pth",
}
pretrained_gpt_path = "voice_clone/pretrained_models/s1bert-epoch=68e-step=50232.ckpt"
denoise_path = "tools/uvr5/uvr5_weights/HP5_only_main_vocal.pth"
exp_root = "logs"
train_list = "data/train_list.bin"
icon = "assets/ui/logo.pth.png"
'''


def test_weight_files_in_model_folders_are_found_under_any_name(tmp_path: Path) -> None:
    got = _found(tmp_path, "config.py", _VOICE_CONFIG)
    assert {(5, "voice_clone/pretrained_models/s2G488k.pth"),
            (6, "voice_clone/pretrained_models/v2-final/s2G2333k.pth"),
            (8, "voice_clone/pretrained_models/s1bert-epoch=68e-step=50232.ckpt"),
            (9, "tools/uvr5/uvr5_weights/HP5_only_main_vocal.pth")} <= got
    # a data file outside any model folder, an image and a log folder are not models
    assert not {line for line, _ in got} & {10, 11, 12}


_INFER_YAML = '''\
custom:
  device: cuda
  is_half: true
  t2s_weights_path: voice_clone/pretrained_models/s1v3.ckpt
  vits_weights_path: voice_clone/pretrained_models/v2Pro/s2Gv2Pro.pth
  cache_file: runtime/cache/state.bin
'''


def test_weight_paths_under_unrelated_yaml_keys(tmp_path: Path) -> None:
    got = _found(tmp_path, "configs/tts_infer.yaml", _INFER_YAML)
    assert {(4, "voice_clone/pretrained_models/s1v3.ckpt"),
            (5, "voice_clone/pretrained_models/v2Pro/s2Gv2Pro.pth")} <= got
    assert not {line for line, _ in got} & {6}


def test_lightning_checkpoint_names_and_folder_words() -> None:
    assert classify("checkpoints/epoch=9-step=900.ckpt", "none") is not None
    # a folder named like a weights folder but holding the file as its own name part is not enough: the folder must
    # be above the file
    assert classify("data/checkpoints.bin", "none") is None
    # `=` only before a number: a key=value written as one string is not a file name
    assert classify("--model=weights/x.bin", "none") is None
    assert classify("src/modules/layer.pt", "none") is None


_DOWNLOAD_SH = """\
#!/usr/bin/env bash
set -euo pipefail
MODELS=(Qwen/Qwen2.5-7B-Instruct meta-llama/Llama-3.1-8B-Instruct)
case "${VARIANT:-q8}" in
  q8)  FILES=(sensevoice-small-q8.gguf) ;;
  q4)  FILES=("asr-encoder-f16.gguf" 'qwen3-0.6b-q4km.gguf') ;;
  *)   echo "unknown variant" >&2; exit 1 ;;
esac
SOURCES=(src/main.c src/util.c)
DEPS=("numpy" "requests")
EXTRA=(${OUT}/*.gguf)
for f in "${FILES[@]}"; do huggingface-cli download acme/speech-gguf "$f" --local-dir "$OUT"; done
"""


def test_one_line_bash_arrays_are_read_item_by_item(tmp_path: Path) -> None:
    got = _found(tmp_path, "download-model.sh", _DOWNLOAD_SH)
    assert {(3, "Qwen/Qwen2.5-7B-Instruct"), (3, "meta-llama/Llama-3.1-8B-Instruct"),
            (5, "sensevoice-small-q8.gguf"), (6, "asr-encoder-f16.gguf"), (6, "qwen3-0.6b-q4km.gguf")} <= got
    # no half-item with a parenthesis, no source files, packages or globs
    assert not {raw for _, raw in got if "(" in raw or ")" in raw}
    assert not {line for line, _ in got} & {9, 10, 11}


def test_bash_array_columns_point_at_each_item(tmp_path: Path) -> None:
    import modelmap

    text = 'q4)  FILES=("asr-encoder-f16.gguf" qwen3-0.6b-q4km.gguf) ;;\n'
    (tmp_path / "get.sh").write_text(text)
    for f in modelmap.scan(str(tmp_path), resolve=False).findings:
        assert text[f.column - 1:f.column - 1 + len(f.raw)] == f.raw


def test_hostile_bash_array_lines_stay_bounded(tmp_path: Path) -> None:
    # an unclosed array, a huge one-line array of non-model words and a run of parentheses: read without error,
    # nothing taken from words that name no model
    text = "A=(" + "x " * 50_000 + "\nB=(" + "(" * 20_000 + "\nC=(" + "word " * 20_000 + ")\n"
    got = _found(tmp_path, "bad.sh", text)
    assert got == set()


def test_gateway_provider_ids_before_the_model() -> None:
    bedrock = classify("amazon_bedrock/us.amazon.nova-premier-v1:0", "key")
    assert bedrock is not None and bedrock.kind == "provider-prefixed" and bedrock.provider == "aws-bedrock"
    azure = classify("azure_openai/gpt-5-mini", "key")
    assert azure is not None and azure.kind == "provider-prefixed" and azure.provider == "azure-openai"
    assert classify("amazon_bedrock/not-a-model", "key") is None


_BERT_PATHS = '''\
import os
from transformers import AutoModelForMaskedLM

bert_path = os.environ.get("bert_path", "voice_clone/pretrained_models/chinese-roberta-wwm-ext-large")
tokenizer_dir = "voice_clone/pretrained_models/tokenizers"
runs_dir = "voice_clone/checkpoints/latest"
route = "api/v1/models/gpt-4o-mini"
bert_model = AutoModelForMaskedLM.from_pretrained(bert_path)
'''


def test_model_folders_in_weights_folders_written_without_dot_slash(tmp_path: Path) -> None:
    got = _found(tmp_path, "text/bert_features.py", _BERT_PATHS)
    assert (4, "voice_clone/pretrained_models/chinese-roberta-wwm-ext-large") in got
    # a folder with no model's name, a run's folder, and a bare `models` route part are not model folders
    assert not {raw for _, raw in got if raw.startswith(("voice_clone/pretrained_models/tokenizers",
                                                         "voice_clone/checkpoints", "api/"))}
    model_file = classify("app/pretrained_models/chinese-roberta-wwm-ext-large", "none")
    assert model_file is not None and model_file.kind == "model-file"
    vertex = classify("publishers/google/models/gemini-1.5-pro", "none")
    assert vertex is not None and vertex.kind != "model-file"
