"""scanexplore14c: model references that deployment configs hold in shapes the scanner did not read.

* a YAML string value that is JSON (a Helm chart's per-environment values passing an app its model list as a folded
  block, ``MODELS: >`` then ``[{"id": "org/name", …}]``; a quoted one-line JSON object): read as JSON where it is
  written, its lines those of the file.
* a quoted default inside an environment placeholder (``${APP_LLM_MODELNAME:-"meta/llama-3.1-70b-instruct"}``
  in a Compose file): the model without its quotes.
* a bash array written over several lines (``CPU_MODELS=(`` then one quoted model a line, with comments): each
  item on its own line, as one-line arrays were read.
* a LoRA adapter's id under ``adapter_id`` / ``lora_id`` (LoRAX, TGI, Predibase requests; a model registry) and a
  ``*_MODEL_DIRECTORY`` setting are model keys (identify._KEY).
* ``distilbert`` and ``modernbert`` are model family words (recognition.yaml model_tokens), as ``bert`` was.
* an ``env/`` folder that is not a Python environment (a Helm chart's ``chart/env/prod.yaml``): scanned; one with
  ``pyvenv.cfg``, ``conda-meta`` or ``bin`` + ``lib`` at its top is still skipped as vendored.

Fixtures are written for these tests (not copied from any repository)."""

from __future__ import annotations

from pathlib import Path

import modelmap
from tests.discover.scan_helpers import found as _found

_HELM_ENV_VALUES = """\
replicas: 2
image:
  repository: ghcr.io/acme/chat
  tag: "1.4.0"
envVars:
  OPENAI_BASE_URL: "https://router.example.net/v1"
  APP_NAME: "AcmeChat"
  TASK_MODEL: "Qwen/Qwen2.5-7B-Instruct"
  MODELS: >
    [
      { "id": "deepseek-ai/DeepSeek-V3", "description": "General chat.", "parameters": { "max_tokens": 8192 } },
      { "id": "meta-llama/Llama-3.3-70B-Instruct", "description": "Long answers." },
      {
        "id": "Qwen/Qwen2.5-Coder-32B-Instruct",
        "description": "Code."
      }
    ]
  BANNERS: >
    [{"title": "New", "link": "/settings/appearance", "cta": "Open"}]
  EMBEDDER: '{"provider": "local", "model": "BAAI/bge-m3", "batch": 16}'
  LIMITS: |
    [10, 20, 30]
"""


def test_a_helm_values_json_block_lists_its_models_on_their_own_lines(tmp_path: Path) -> None:
    found = _found(tmp_path, "chart/values-prod.yaml", _HELM_ENV_VALUES)
    assert (8, "Qwen/Qwen2.5-7B-Instruct") in found
    assert (11, "deepseek-ai/DeepSeek-V3") in found
    assert (12, "meta-llama/Llama-3.3-70B-Instruct") in found
    assert (14, "Qwen/Qwen2.5-Coder-32B-Instruct") in found  # an object written over several lines
    assert (20, "BAAI/bge-m3") in found  # a single-quoted one-line JSON object
    # nothing else: not the announcement's link, the numbers, the image or the app's name
    assert {raw for _line, raw in found} == {
        "Qwen/Qwen2.5-7B-Instruct", "deepseek-ai/DeepSeek-V3", "meta-llama/Llama-3.3-70B-Instruct",
        "Qwen/Qwen2.5-Coder-32B-Instruct", "BAAI/bge-m3"}, found


def test_json_that_does_not_parse_or_needs_unescaping_stays_one_value(tmp_path: Path) -> None:
    text = (
        "env:\n"
        "  MODELS: >\n"
        "    [ { \"id\": \"deepseek-ai/DeepSeek-V3\", ]\n"  # broken: a trailing comma inside an object, then ]
        "  ESCAPED: \"[{\\\"id\\\": \\\"Qwen/Qwen2.5-7B-Instruct\\\"}]\"\n"
        "  CHAT_MODEL: \"gpt-4o-mini\"\n"
    )
    found = _found(tmp_path, "values.yaml", text)
    assert (5, "gpt-4o-mini") in found  # the rest of the file is still read
    assert not any(raw == "deepseek-ai/DeepSeek-V3" and line != 3 for line, raw in found)


def test_json_blocks_are_bounded_in_size_count_and_depth(tmp_path: Path) -> None:
    big = ", ".join(f'{{"id": "org/name-{i}"}}' for i in range(4000))  # over 64 KB: left as one value
    deep = "[" * 300 + "]" * 300  # deeper than the JSON reader's bound (200), within YAML's (500)
    many = "\n".join(f'  M{i}: \'{{"model": "Qwen/Qwen2.5-{i}B-Instruct"}}\'' for i in range(40))
    text = f"a:\n  BIG: '[{big}]'\n  DEEP: '{deep}'\nb:\n{many}\n"
    found = _found(tmp_path, "values.yaml", text)
    assert not any(raw.startswith("org/name-") for _line, raw in found)
    # 32 embedded values of a file are parsed (the deep one and 31 more; the big one is refused before), no more
    assert len([raw for _line, raw in found if raw.startswith("Qwen/")]) == 31


def test_an_env_folder_of_per_environment_values_is_scanned(tmp_path: Path) -> None:
    found = _found(tmp_path, "chart/env/prod.yaml", "envVars:\n  TASK_MODEL: \"Qwen/Qwen2.5-7B-Instruct\"\n")
    assert (2, "Qwen/Qwen2.5-7B-Instruct") in found


def _venv(root: Path, marker: str) -> None:
    (root / "env" / "lib" / "python3.11" / "site-packages" / "pkg").mkdir(parents=True)
    (root / "env" / "lib" / "python3.11" / "site-packages" / "pkg" / "defaults.py").write_text(
        'MODEL = "gpt-4o-mini"\n')
    if marker == "pyvenv.cfg":
        (root / "env" / marker).write_text("home = /usr/bin\n")
    else:
        (root / "env" / marker).mkdir()


def test_a_python_environment_named_env_is_still_vendored(tmp_path: Path) -> None:
    for i, marker in enumerate(("pyvenv.cfg", "conda-meta", "bin")):
        root = tmp_path / str(i)
        _venv(root, marker)
        result = modelmap.scan(str(root), resolve=False)
        assert not result.findings, marker
        assert any(s.path == "env/" and s.reason == "vendored-dir" for s in result.skips), marker


_COMPOSE_QUOTED_DEFAULTS = """\
services:
  rag-server:
    image: ghcr.io/acme/rag-server:2.1.0
    environment:
      APP_LLM_MODELNAME: ${APP_LLM_MODELNAME:-"meta/llama-3.1-70b-instruct"}
      APP_RANKING_MODELNAME: ${APP_RANKING_MODELNAME:-'nvidia/nv-rerankqa-mistral-4b-v3'} # blank: no reranking
      APP_EMBED_MODELNAME: ${APP_EMBED_MODELNAME:-nvidia/nv-embedqa-e5-v5}
      APP_LLM_SERVERURL: ${APP_LLM_SERVERURL:-""}
      APP_NAME: ${APP_NAME:-"rag"}
"""


def test_a_quoted_default_inside_an_env_placeholder_is_the_model(tmp_path: Path) -> None:
    path = tmp_path / "deploy" / "docker-compose.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(_COMPOSE_QUOTED_DEFAULTS)
    found = {(f.line, f.column, f.raw) for f in modelmap.scan(str(tmp_path), resolve=False).findings}
    assert found == {(5, 48, "meta/llama-3.1-70b-instruct"), (6, 56, "nvidia/nv-rerankqa-mistral-4b-v3"),
                     (7, 51, "nvidia/nv-embedqa-e5-v5")}, found


_TRAIN_SH = """\
#!/bin/bash
set -e
EPOCHS=3

CPU_MODELS=(
    "bert-base-uncased"     # 110M params - most CPU-friendly, the 2-epoch baseline
    "roberta-base"          # 125M params
)
EVAL_MODELS=( "Qwen/Qwen2.5-0.5B-Instruct"
  # a comment line inside the array
  meta-llama/Llama-3.2-1B-Instruct )
DATASETS=(
  "tatsu-lab/alpaca"
)
for MODEL in "${CPU_MODELS[@]}"; do
  python train.py --model "$MODEL" --epochs "$EPOCHS"
done
vllm serve Qwen/Qwen2.5-7B-Instruct --port 8000
"""


def test_a_bash_array_written_over_several_lines_lists_its_models(tmp_path: Path) -> None:
    path = tmp_path / "scripts" / "train_all.sh"
    path.parent.mkdir(parents=True)
    path.write_text(_TRAIN_SH)
    found = {(f.line, f.column, f.raw) for f in modelmap.scan(str(tmp_path), resolve=False).findings}
    assert (6, 6, "bert-base-uncased") in found and (7, 6, "roberta-base") in found
    assert (9, 16, "Qwen/Qwen2.5-0.5B-Instruct") in found and (11, 3, "meta-llama/Llama-3.2-1B-Instruct") in found
    assert (18, 12, "Qwen/Qwen2.5-7B-Instruct") in found  # the lines after the arrays are read as before
    raws = {raw for _line, _col, raw in found}
    assert not raws & {"tatsu-lab/alpaca", "110M", "params", "CPU-friendly", "2-epoch"}, raws


def test_an_array_never_closed_holds_at_most_its_bound_of_lines(tmp_path: Path) -> None:
    from modelmap.discover.shell import ARRAY_MAX_LINES

    filler = "\n".join(f'  "item-{i}"' for i in range(ARRAY_MAX_LINES + 50))
    opened = "\n".join("MODELS=(" for _ in range(20_000))  # each opens an array that the next line is read in
    text = f"MODELS=(\n{filler}\nMODEL=Qwen/Qwen2.5-7B-Instruct\n{opened}\n"
    path = tmp_path / "run.sh"
    path.write_text(text)
    result = modelmap.scan(str(tmp_path), resolve=False)
    assert (ARRAY_MAX_LINES + 52, "Qwen/Qwen2.5-7B-Instruct") in {(f.line, f.raw) for f in result.findings}
    assert not any(s.reason == "analysis-budget" for s in result.skips)


_LORAX_CLIENT = """\
from lorax import Client

SPECIALISTS = {
    "pii": {"base": "Qwen/Qwen2.5-1.5B-Instruct", "lora_id": "acme-ai/Qwen2.5-1.5B-pii-detector-lora"},
}
client = Client("http://127.0.0.1:8080")
adapter_id = "acme-ai/Mistral-7B-Instruct-v0.2-medusa"
print(client.generate("Why is the sky blue?", adapter_id="acme-ai/llama-3.1-8b-support-lora").generated_text)
request = {"adapter_id": 42, "lora_id": "1"}
"""


def test_a_lora_adapter_id_names_the_adapter_model(tmp_path: Path) -> None:
    found = _found(tmp_path, "app/client.py", _LORAX_CLIENT)
    assert {(4, "acme-ai/Qwen2.5-1.5B-pii-detector-lora"), (7, "acme-ai/Mistral-7B-Instruct-v0.2-medusa"),
            (8, "acme-ai/llama-3.1-8b-support-lora")} <= found, found
    assert not any(line == 9 for line, _raw in found)  # a numeric id is no model


def test_a_model_directory_setting_is_a_model_key(tmp_path: Path) -> None:
    from modelmap.discover.identify import is_model_key

    assert is_model_key("EMBEDDING_MODEL_DIRECTORY") and is_model_key("model_directory")
    assert is_model_key("adapter_id") and is_model_key("adapterId") and is_model_key("lora_id")
    assert not is_model_key("lora_int_id") and not is_model_key("adapter_ids")
    # the model folder is found; a cache folder under the same kind of key is not a model
    text = ("services:\n  embed:\n    environment:\n      EMBEDDING_MODEL_DIRECTORY: /opt/models/bge-large-en-v1.5\n"
            "      MODEL_DIRECTORY: ${MODEL_DIRECTORY:-~/.cache/models/}\n")
    found = _found(tmp_path, "deploy/docker-compose.yaml", text)
    assert found == {(4, "/opt/models/bge-large-en-v1.5")}, found


_BERT_FAMILY = """\
import argparse

from transformers import AutoTokenizer, DistilBertTokenizer

CONFIG = {"name": "ner", "model_id": "acme-nlp/distilbert-NER"}
parser = argparse.ArgumentParser()
parser.add_argument("--model", choices=["modernbert-base", "bert-base-uncased"], default="modernbert-base")
tokenizer = DistilBertTokenizer.from_pretrained("distilbert-base-uncased")
"""


def test_distilbert_and_modernbert_are_model_family_words(tmp_path: Path) -> None:
    found = _found(tmp_path, "train/ner.py", _BERT_FAMILY)
    assert (5, "acme-nlp/distilbert-NER") in found  # an org/name under a model key, its family a BERT variant
    assert (8, "distilbert-base-uncased") in found
    assert (7, "modernbert-base") in found
