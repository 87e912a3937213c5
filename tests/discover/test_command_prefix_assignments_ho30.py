"""Variables a command line sets for its program (``CHECKPOINT_PATH=/model/X TOKENIZER_PATH=/model/X python3 -m
server``): each is read as the assignment it is, by its name, in its own column, in a shell script and in a
container's ``sh -c`` command (held-out-30, tuneA36). A variable named for nothing a model is kept in stays out."""

from __future__ import annotations

from pathlib import Path

import modelmap

SCRIPT = """\
#!/bin/sh
MODEL_TYPE=qwen_2 START_PORT=8000 CHECKPOINT_PATH=/model/Qwen1.5-4B-Chat TOKENIZER_PATH=/model/Qwen1.5-4B-Chat python3 -m rtp.start_server
CUDA_VISIBLE_DEVICES=0 LLM_MODEL="qwen2.5:7b" LOG_DIR=/var/log/app python app.py
MODEL=gpt-4o python app.py
"""

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: rtp-llm
spec:
  template:
    spec:
      containers:
        - name: rtp-llm
          image: registry.example.com/rtp_llm:0.1.12
          command:
            - "sh"
            - "-c"
            - "MODEL_TYPE=qwen_2 CHECKPOINT_PATH=/model/Qwen1.5-4B-Chat TOKENIZER_PATH=/model/Qwen1.5-4B-Chat python3 -m rtp.start_server"
"""


def _found(tmp_path: Path, name: str, text: str) -> list[tuple[int, int, str]]:
    (tmp_path / name).write_text(text)
    return sorted((f.line, f.column, f.raw) for f in modelmap.scan(str(tmp_path), resolve=False).findings
                  if f.kind != "endpoint")


def test_each_variable_before_the_program_in_a_script(tmp_path: Path) -> None:
    assert _found(tmp_path, "serve.sh", SCRIPT) == [
        (2, 51, "/model/Qwen1.5-4B-Chat"), (2, 89, "/model/Qwen1.5-4B-Chat"), (3, 35, "qwen2.5:7b"), (4, 7, "gpt-4o")]


def test_each_variable_before_the_program_in_a_container_command(tmp_path: Path) -> None:
    got = _found(tmp_path, "deploy.yaml", DEPLOYMENT)
    assert [(line, raw) for line, _, raw in got] == [(14, "/model/Qwen1.5-4B-Chat")] * 2
    assert len({col for _, col, _ in got}) == 2
