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


def test_served_name_called_by_a_request_in_the_same_script(tmp_path: Path) -> None:
    text = (
        "#!/bin/bash\n"
        "python3 -m vllm.entrypoints.openai.api_server \\\n"
        "    --model ./merged-checkpoint \\\n"
        "    --served-model-name tutor \\\n"
        "    --port 8000 &\n"
        "sleep 30\n"
        "curl http://localhost:8000/v1/chat/completions \\\n"
        "  -H 'Content-Type: application/json' \\\n"
        "  -d '{\n"
        '      "model": "tutor",\n'
        '      "messages": [{"role": "user", "content": "hi"}]\n'
        "  }'\n"
        "# curl … -d '{\"model\": \"tutor\"}'\n"
    )
    got = found(tmp_path, "scripts/serve_and_test.sh", text)
    assert (4, "tutor") in got
    assert (10, "tutor") in got
    assert (13, "tutor") not in got  # a commented-out request


def test_served_name_nobody_calls_is_not_reported(tmp_path: Path) -> None:
    text = (
        "vllm serve ./ckpt --served-model-name pod-affinity-sim --port 8000\n"
        'curl -s localhost:8000/v1/completions -d \'{"model": "other-name", "prompt": "x"}\'\n'
    )
    got = found(tmp_path, "run.sh", text)
    assert not {r for r in got if r[1] in ("pod-affinity-sim", "other-name")}
