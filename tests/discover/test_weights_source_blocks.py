"""Blocks that say where a model's weights come from. A checkpoint source (Truss's ``checkpoint_repository: {repo:
org/name, source: HF}``) names the model in its ``repo`` / ``repo_id`` / ``path``, as a ``model:`` block does. Only a
Hub id of a known organisation was found there before (``Qwen/Qwen3-4B``); a re-upload under a person's account
(``someone/Qwen3-Embedding-0.6B-auto``) was missed (found on the opened held-out-17). The block's other settings
(``revision: main``, ``source: HF``) are no model, nor is a ``repo`` under an unrelated block. A weights entry that
mounts what it fetches (``weights: [{source: hf://org/name@rev, mount_location: /models/name}]``) mounts that model's
local directory (7 missed on held-out-17)."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_TRUSS = """\
model_name: Qwen3 Embedding 0.6B
trt_llm:
  build:
    base_model: encoder
    checkpoint_repository:
      repo: janedoe/Qwen3-Embedding-0.6B-auto
      revision: main
      source: HF
    quantization_type: fp8
"""

_OTHER = """\
deploy:
  code_repository:
    repo: janedoe/Qwen3-Embedding-0.6B-auto
    revision: main
"""


def test_checkpoint_repository_repo_is_the_model(tmp_path: Path) -> None:
    assert found(tmp_path, "qwen/embed/config.yaml", _TRUSS) == {(6, "janedoe/Qwen3-Embedding-0.6B-auto")}


def test_weights_source_block_too(tmp_path: Path) -> None:
    text = "weights_source:\n  repo: janedoe/Llama-3-8B-ft\n  revision: v2\n"
    assert found(tmp_path, "cfg/train.yaml", text) == {(2, "janedoe/Llama-3-8B-ft")}


def test_a_code_repository_block_is_not(tmp_path: Path) -> None:
    assert found(tmp_path, "deploy/config.yaml", _OTHER) == set()


_MOUNTED = """\
weights:
  - source: "hf://janedoe/Qwen3-8B-ft@main"
    mount_location: "/models/qwen-ft"
    ignore_patterns:
      - "*.md"
  - source: "https://example.org/datasets/corpus.tar"
    mount_location: "/data/corpus"
"""


def test_the_folder_a_weights_entry_mounts_is_a_model_folder(tmp_path: Path) -> None:
    # the folder where a model fetched from the Hub is mounted is that model's local directory, whatever its name;
    # a download that is no model (a data archive) mounts no model
    assert found(tmp_path, "svc/config.yaml", _MOUNTED) == {(2, "hf://janedoe/Qwen3-8B-ft@main"), (3, "/models/qwen-ft")}
