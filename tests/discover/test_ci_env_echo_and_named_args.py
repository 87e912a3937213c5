"""Shell lines that set or pass a model without a model command (issue 10): a CI step's ``echo "NAME=value" >>
$GITHUB_ENV`` (GitHub Actions reads that file as variables for the job's later steps) is an assignment, and a model URI
passed as a ``name=value`` argument (``docker build --build-arg source=huggingface://org/name``) is found as one
passed after a flag's ``=`` is. An echo that only prints, and a ``name=value`` argument whose value is no model
location, stay out."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

# written in the shape of a GitHub Actions matrix job that picks a model per protocol, then builds an image with it
WORKFLOW = """\
name: test-docker-args
on: [push]
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - name: set url
        run: |
          if [ "${{ matrix.protocol }}" = "oci" ]; then
            echo "MODEL_URL=oci://registry.ollama.ai/library/llama3.2:1b" >> $GITHUB_ENV
            echo "MODEL_NAME=llama3.2" >> "$GITHUB_ENV"
          else
            echo "MODEL_NAME=llama3.2"
            echo "model=Qwen/Qwen3-8B" >> ${GITHUB_OUTPUT}
            echo "RUN_NAME=nightly" >> $GITHUB_ENV
          fi
      - name: build
        run: |
          docker buildx build . \\
            --build-arg source=huggingface://Qwen/Qwen3-0.6B \\
            --build-arg layer_packaging=raw \\
            --build-arg base=docker.io/library/ubuntu:22.04 \\
            --output=type=local,dest=out
"""


def test_ci_env_file_echo_and_build_arg_uri(tmp_path: Path) -> None:
    got = found(tmp_path, ".github/workflows/test-docker-args.yaml", WORKFLOW)
    assert (10, "oci://registry.ollama.ai/library/llama3.2:1b") in got
    assert (11, "llama3.2") in got
    assert (14, "Qwen/Qwen3-8B") in got
    assert (20, "huggingface://Qwen/Qwen3-0.6B") in got
    # a printed line (no redirect into the CI's env file), a run name, the build's other arguments: nothing
    assert {line for line, _ in got} == {10, 11, 14, 20}


def test_shell_script_echo_to_env_file(tmp_path: Path) -> None:
    text = ("#!/bin/bash\n"
            "echo 'EMBEDDING_MODEL=BAAI/bge-m3' >> \"$GITHUB_ENV\"\n"
            "echo \"EMBEDDING_MODEL=BAAI/bge-m3\" > model.txt\n")
    assert found(tmp_path, "ci/set-model.sh", text) == {(2, "BAAI/bge-m3")}


def test_assignment_before_the_program_is_no_named_argument(tmp_path: Path) -> None:
    # a variable set on a line of its own, or for the command after it, is read by its name (where a run writes is
    # no model); a `name=value` argument of the program still is
    text = ("#!/bin/bash\n"
            "hdfs_path=hdfs://user/exp/sft/gemma-1.1-7b-it/\n"
            "OUT=s3://acme-runs/llama-3-8b-instruct/ python train.py --epochs 1\n"
            "make pack SOURCE=hf://Qwen/Qwen3-0.6B\n")
    assert found(tmp_path, "scripts/run_sft.sh", text) == {(4, "hf://Qwen/Qwen3-0.6B")}
