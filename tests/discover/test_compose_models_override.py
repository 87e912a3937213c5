"""A compose override file that only declares Docker Model Runner models (``compose.offload.yaml``) is a compose
file: its ``models:`` entry names are model keys, each entry's ``model`` is what is pulled.

Docker Compose's top-level ``models`` element (docs.docker.com/compose/how-tos/model-runner/, as_of 2026-12-05) can
sit in an override file merged with ``-f`` that has no ``services``; read as a plain config it yielded the entry
names (``gemma3``) as models and missed the references. Found on the opened held-out-13 set (session 16).
"""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_OVERRIDE = '''\
models:
  gemma3:
    # a bigger model when offloading to a cloud GPU
    model: ai/gemma3-qat:27B-Q4_K_M
    context_size: 10000
'''


def test_a_models_only_override_file(tmp_path: Path) -> None:
    got = found(tmp_path, "agent/compose.offload.yaml", _OVERRIDE)
    assert (4, "ai/gemma3-qat:27B-Q4_K_M") in got
    assert (2, "gemma3") not in got, got


def test_a_models_section_in_another_yaml_file_is_still_a_config(tmp_path: Path) -> None:
    # only a compose-named file is read so: an app's settings.yaml with `models:` is the config source's
    got = found(tmp_path, "config/settings.yaml", "models:\n  chat:\n    model: gpt-4o-mini\n")
    assert (3, "gpt-4o-mini") in got
