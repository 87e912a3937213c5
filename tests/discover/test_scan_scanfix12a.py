"""scanfix12a (issue 10): data sets, bare volume claims and storage objects' names in YAML configs.

Fixtures are written for these tests (not copied from the corpus). No timing assertions."""

from __future__ import annotations

from pathlib import Path

import modelmap
from tests.discover.scan_helpers import found as _found

_RECIPE = """\
base_model: mistralai/Mistral-7B-v0.1
tokenizer_type: AutoTokenizer

datasets:
  - path: someuser/chat_pairs_7b_sample
    type: alpaca
  - path: acme/llama-3-70b-distill-corpus
    split: train
    message_mappings:
      from: acme/qwen2-7b-replies
test_datasets:
  - path: acme/mistral-7b-evalset
pretraining_dataset: acme/gpt4-cleaned-3k
rl:
  datasets:
    - path: acme/phi-3-mini-prefs
output_dir: ./out
"""


def test_hub_ids_under_dataset_keys_are_data_sets(tmp_path: Path) -> None:
    got = _found(tmp_path, "recipe.yaml", _RECIPE)
    assert got == {(1, "mistralai/Mistral-7B-v0.1")}


def test_a_model_key_inside_a_dataset_entry_is_still_read(tmp_path: Path) -> None:
    got = _found(tmp_path, "eval.yaml",
                 "datasets:\n  - path: acme/qa-set\n    judge_model: meta-llama/Llama-3.1-8B-Instruct\n")
    assert (3, "meta-llama/Llama-3.1-8B-Instruct") in got
    assert not [raw for _, raw in got if raw == "acme/qa-set"]


_ISVC = """\
apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: chat-server
spec:
  predictor:
    model:
      modelFormat:
        name: custom-runtime
      storageUri: pvc://shared-cache-pvc/
---
apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: chat-server-2
spec:
  predictor:
    model:
      modelFormat:
        name: custom-runtime
      storageUri: pvc://qwen2-7b-instruct-pvc
---
apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  name: chat-server-3
spec:
  predictor:
    model:
      modelFormat:
        name: custom-runtime
      storageUri: pvc://shared-cache-pvc/checkpoints/mistral-7b-instruct
"""


def test_a_bare_claim_with_no_model_in_it_is_no_model_uri(tmp_path: Path) -> None:
    got = _found(tmp_path, "isvc.yaml", _ISVC)
    raws = {raw for _, raw in got}
    assert "pvc://shared-cache-pvc/" not in raws
    assert (21, "pvc://qwen2-7b-instruct-pvc") in got
    assert (32, "pvc://shared-cache-pvc/checkpoints/mistral-7b-instruct") in got


def test_a_cache_objects_name_is_no_model(tmp_path: Path) -> None:
    text = ("apiVersion: apps.example.com/v1\nkind: InferenceServer\nmetadata:\n  name: srv\nspec:\n"
            "  storage:\n    modelStore:\n      name: qwen2-7b-instruct-store\n    nimCache:\n"
            "      name: llama3-8b-instruct\n  model: mistralai/Mistral-7B-Instruct-v0.3\n")
    got = _found(tmp_path, "server.yaml", text)
    assert (11, "mistralai/Mistral-7B-Instruct-v0.3") in got
    assert not [raw for _, raw in got if raw == "llama3-8b-instruct"]


_CONFIGMAP = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: bench-script
data:
  bench.sh: |
    #!/usr/bin/env bash
    set -e
    export TARGET_MODEL="mistralai/Mistral-7B-Instruct-v0.3"
    export CONCURRENCY="8 16 32"
    echo "done"
  settings.txt: |
    plain text, no model here
"""


def test_a_shell_script_kept_in_a_configmap_is_read_as_one(tmp_path: Path) -> None:
    (tmp_path / "cm.yaml").write_text(_CONFIGMAP)
    found = [f for f in modelmap.scan(str(tmp_path), resolve=False).findings if f.kind != "endpoint"]
    got = {(f.line, f.column, f.raw) for f in found}
    assert got == {(9, 26, "mistralai/Mistral-7B-Instruct-v0.3")}


_ENTRIES = """\
{
    "mistral-7b-api": {
        "type": "openai",
        "model": "mistral-7b-instruct",
        "top_p": 0.8
    },
    "default": {
        "type": "openai",
        "model": "mistral-7b-instruct"
    },
    "summarizer": {"model": "phi-3-mini-4k-instruct"},
    "ui-theme-dark": {"color": "black"}
}
"""


def test_the_name_of_an_entry_that_configures_one_model_is_its_alias(tmp_path: Path) -> None:
    got = _found(tmp_path, "model_config.json", _ENTRIES)
    assert (2, "mistral-7b-api") in got
    assert (4, "mistral-7b-instruct") in got
    assert (11, "phi-3-mini-4k-instruct") in got
    # a generic entry name (a default, a task) is no model
    assert not [raw for _, raw in got if raw in ("default", "summarizer", "ui-theme-dark")]


def test_a_catalogs_series_name_is_no_model_its_listed_models_are(tmp_path: Path) -> None:
    text = ('[\n  {\n    "Company": "Acme",\n    "Series": "DeepSeek-V3",\n    "Models": [\n'
            '      "DeepSeek-V3-0324-4bit",\n      "DeepSeek-R1-4bit"\n    ]\n  }\n]\n')
    got = _found(tmp_path, "catalog.json", text)
    assert (6, "DeepSeek-V3-0324-4bit") in got
    assert (7, "DeepSeek-R1-4bit") in got
    assert not [raw for line, raw in got if line == 4]
