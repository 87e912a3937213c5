"""Held-out-31 (tuneA37): a bash array of the other names a model is called by (`CHAT_MODEL_ALIASES=(…)`)."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found


def test_model_aliases_array_items_are_models(tmp_path: Path) -> None:
    text = (
        "#!/usr/bin/env bash\n"
        'CHAT_MODEL="${CHAT_MODEL:-llama3.2:3b}"\n'
        '# the names the examples ask for; the pulled model is copied to each\n'
        'CHAT_MODEL_ALIASES=("qwen3:4b" "gemma3:12b")\n'
        "EMBED_MODEL_ALIASES=(\n"
        '  "mxbai-embed-large"\n'
        ")\n"
        'HOST_ALIASES=("ollama" "gemma3:12b")\n'
        'for alias in "${CHAT_MODEL_ALIASES[@]}"; do ollama cp "$CHAT_MODEL" "$alias"; done\n'
    )
    got = found(tmp_path, "ci/pull_models.sh", text)
    assert {(4, "qwen3:4b"), (4, "gemma3:12b"), (6, "mxbai-embed-large")} <= got
    # a host's aliases are no model's
    assert not {r for r in got if r[0] == 8}


def test_served_model_name_as_a_bare_family_word(tmp_path: Path) -> None:
    text = (
        "#!/bin/sh\n"
        "python3 -m vllm.entrypoints.openai.api_server --model /models/Llama-3.1-8B-Instruct/ \\\n"
        "    --served-model-name llama --port 8000\n"
        "python3 -m vllm.entrypoints.openai.api_server --model /models/Llama-3.1-8B-Instruct/ \\\n"
        "    --served-model-name support-bot --port 8001\n"
        "python3 -m vllm.entrypoints.openai.api_server --model /models/Llama-3.1-8B-Instruct/ \\\n"
        "    --served-model-name model --port 8002\n"
    )
    got = found(tmp_path, "serve.sh", text)
    assert (3, "llama") in got
    # a name of the app's own and the generic word name no model
    assert not {r for r in got if r[0] in (5, 7)}
