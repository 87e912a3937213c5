"""A CI step's multi-line ``run: |`` (GitHub Actions) or a job's ``script: |`` is a shell script: read by the shell
reader as well as command by command, so a request body written over several lines of a ``curl -d '{…}'`` names its
model, and a ``for MODEL in …`` list its models. Fixtures written for these tests."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_WORKFLOW = """\
name: smoke
on: [push]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: query the server
        run: |
          result=$(curl --fail http://127.0.0.1:8080/v1/chat/completions -H "Content-Type: application/json" -d '{
            "model": "phi-3.5-mini-instruct",
            "messages": [{"role": "user", "content": "hello"}]
          }')
          echo "$result"
      - name: pull models
        run: |
          for MODEL in qwen2.5:0.5b llama3.2:1b; do
            docker exec ollama ollama pull "$MODEL"
          done
"""


def test_a_run_block_is_read_as_a_shell_script(tmp_path: Path) -> None:
    got = found(tmp_path, ".github/workflows/smoke.yaml", _WORKFLOW)
    assert {(11, "phi-3.5-mini-instruct"), (17, "qwen2.5:0.5b"), (17, "llama3.2:1b")} <= got


_GITLAB = """\
test:
  image: python:3.12
  script: |
    curl -s http://localhost:8000/v1/embeddings -d '{
      "model": "bge-small-en-v1.5",
      "input": "hello"
    }'
"""


def test_a_gitlab_script_block(tmp_path: Path) -> None:
    assert (5, "bge-small-en-v1.5") in found(tmp_path, ".gitlab-ci.yml", _GITLAB)


_PLAIN = """\
name: build
on: [push]
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - name: release notes
        run: |
          curl -X POST https://api.github.com/repos/acme/app/releases -d '{
            "name": "v1.2.0",
            "target_commitish": "main"
          }'
          for arch in amd64 arm64; do make build ARCH=$arch; done
"""


def test_a_run_block_naming_no_model_adds_nothing(tmp_path: Path) -> None:
    assert found(tmp_path, ".github/workflows/build.yaml", _PLAIN) == set()
