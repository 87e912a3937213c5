"""A shell ``for NAME in w1 w2 …; do`` list is an inline array bound to NAME: under a model-named loop variable its
words are model names (a script that pulls, builds or benchmarks several models); under any other name only weight
files and known Hub repos count, and lists built from expansions are left alone. Fixtures written for these tests."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found


def test_words_under_a_model_named_loop_variable(tmp_path: Path) -> None:
    text = ("#!/bin/bash\n"
            'for MODEL in "llama-3.2-1b-instruct" "phi-3.5-3.8b-instruct" "mixtral-8x7b-instruct"; do\n'
            '    echo "building $MODEL"\n'
            "done\n"
            "for model in llama3.1:8b qwen2.5:7b\n"
            "do\n"
            "  ollama pull $model\n"
            "done\n")
    got = found(tmp_path, "scripts/build-all.sh", text)
    assert {(2, "llama-3.2-1b-instruct"), (2, "phi-3.5-3.8b-instruct"), (2, "mixtral-8x7b-instruct"),
            (5, "llama3.1:8b"), (5, "qwen2.5:7b")} <= got


def test_other_loop_variables_and_expanded_lists_are_not_models(tmp_path: Path) -> None:
    text = ("#!/bin/bash\n"
            "for arch in amd64 arm64 riscv64; do echo $arch; done\n"
            "for size in 7b 13b 70b; do echo $size; done\n"
            'for MODEL in "${MODELS[@]}"; do echo "$MODEL"; done\n'
            "for model in $(ls models/); do echo $model; done\n"
            "for model in models/*; do echo $model; done\n"
            "for backend in cuda rocm vulkan; do echo $backend; done\n")
    assert found(tmp_path, "scripts/loop.sh", text) == set()


def test_a_weight_file_in_any_loop_list(tmp_path: Path) -> None:
    text = ("#!/bin/sh\n"
            "for f in qwen2.5-7b-instruct-q4_k_m.gguf notes.txt; do sha256sum $f; done\n")
    assert (2, "qwen2.5-7b-instruct-q4_k_m.gguf") in found(tmp_path, "scripts/check.sh", text)
