"""tuneD34: a family word with its parameter count fused on (``qwen30b``, ``llama70B``) is a model name where a model
is expected, as ``qwen-30b`` is. Fixtures written here."""

from __future__ import annotations

from pathlib import Path

import modelmap
from modelmap.discover.identify import classify

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


def _found(tmp_path: Path, name: str, text: str) -> list[tuple[int, str]]:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return sorted((f.line, f.raw) for f in modelmap.scan(str(path), resolve=False).findings if f.kind != "endpoint")


def test_fused_family_size_is_a_model_where_one_is_expected(tmp_path: Path) -> None:
    found = _found(tmp_path, "qwen-3-30b/config.yaml", _TRUSS)
    assert (7, "qwen30b") in found
    assert (14, "qwen30b") in found
    for value in ("qwen30b", "llama70B", "mistral7b"):
        assert classify(value, "key") is not None
        assert classify(value, "none") is None  # a bare literal needs more than the shape
    for value in ("model7b", "test7b", "web3b"):
        assert classify(value, "key") is None  # no family word before the size
