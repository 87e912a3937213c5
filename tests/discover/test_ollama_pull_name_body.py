"""Ollama's model-management routes (/api/pull, /api/show, /api/delete, /api/push) take the model in the JSON body,
first under "name" (still accepted beside "model"): on a line calling one of them, the "name" value is the model, in
a shell script and in a CI step's `run: |` block alike. A "name" elsewhere (another API's body, /api/create's new
model name, /api/copy's source / destination) is not read."""

from __future__ import annotations

from pathlib import Path

import modelmap

SCRIPT = """\
#!/usr/bin/env bash
set -e
curl -X POST http://localhost:11434/api/pull -d '{"name": "phi4"}'
curl -s http://ollama:11434/api/show -d "{\\"name\\": \\"llama3.2:3b\\"}"
curl -X POST http://localhost:8080/v1/users -d '{"name": "alice-1b"}'
curl http://localhost:11434/api/create -d '{"name": "my-assistant", "from": "llama3.2"}'
curl http://localhost:11434/api/copy -d '{"source": "llama3.2", "destination": "llama3-backup"}'
"""

WORKFLOW = """\
name: ollama
on: push
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - name: Pull required Ollama models
        run: |
          curl -X POST http://localhost:11434/api/pull -d '{"name": "qwen3-embedding:latest"}'
          curl -X POST http://localhost:11434/api/pull -d '{"name": "nomic-embed-text"}'
"""


def _found(path: Path) -> set[tuple[int, str]]:
    result = modelmap.scan(str(path), resolve=False)
    return {(f.line, f.raw) for f in result.findings if f.kind != "endpoint"}


def test_shell_script_pull_and_show_bodies(tmp_path: Path) -> None:
    script = tmp_path / "pull.sh"
    script.write_text(SCRIPT, encoding="utf-8")
    found = _found(script)
    assert (3, "phi4") in found
    assert (4, "llama3.2:3b") in found
    raws = {raw for _line, raw in found}
    assert "alice-1b" not in raws  # not an Ollama route
    assert "my-assistant" not in raws  # /api/create: the name the new model gets


def test_workflow_run_block(tmp_path: Path) -> None:
    wf = tmp_path / ".github" / "workflows"
    wf.mkdir(parents=True)
    (wf / "ollama.yml").write_text(WORKFLOW, encoding="utf-8")
    found = _found(wf / "ollama.yml")
    assert (9, "qwen3-embedding:latest") in found
    assert (10, "nomic-embed-text") in found
