"""tuneD34: a Baseten Truss config.yaml's top-level ``model_name`` is the name the Truss is deployed under, not a
model (the served weights are read from the Truss's own fields). Fixtures written here."""

from __future__ import annotations

from pathlib import Path

import modelmap

_TRUSS = """\
model_metadata:
  repo_id: Qwen/Qwen3-30B-A3B
  example_model_input:
    messages:
      - role: user
        content: Hello
    model: qwen30b
model_name: library-model-qwen3-30b-engine
python_version: py311
resources:
  accelerator: H100
  use_gpu: true
docker_server:
  start_command: sh -c "vllm serve Qwen/Qwen3-30B-A3B --served-model-name qwen30b --port 8000"
"""

# not a Truss: an app's settings file whose model_name is the model it calls
_SETTINGS = """\
model_name: gpt-4o-mini
temperature: 0.2
resources:
  max_tokens: 512
"""


def _found(tmp_path: Path, name: str, text: str) -> list[tuple[int, str]]:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return sorted((f.line, f.raw) for f in modelmap.scan(str(path), resolve=False).findings if f.kind != "endpoint")


def test_truss_top_level_model_name_is_the_deployment_name(tmp_path: Path) -> None:
    found = _found(tmp_path, "qwen-3-30b/config.yaml", _TRUSS)
    assert (8, "library-model-qwen3-30b-engine") not in found
    assert (2, "Qwen/Qwen3-30B-A3B") in found
    assert (14, "Qwen/Qwen3-30B-A3B") in found


def test_model_name_outside_a_truss_is_still_read(tmp_path: Path) -> None:
    assert (1, "gpt-4o-mini") in _found(tmp_path, "app/config.yaml", _SETTINGS)
