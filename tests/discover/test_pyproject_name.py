"""A pyproject.toml's ``[project]`` / ``[tool.poetry]`` ``name`` is the package's own name, never a model.

BentoML's deployment repositories keep one package per served model and name it after the model
(``name = "qwen3-8b"``); the model itself is set elsewhere in the same file (``model_id = "Qwen/Qwen3-8B"`` under
``[tool.bentoml.build.args]``), and that one must stay found. Found on the opened held-out-13 set (session 16).
"""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_PYPROJECT = '''\
[project]
name = "qwen3-8b"
version = "1.2.0"
description = "Serve an LLM with vLLM"
requires-python = ">=3.11"

[tool.bentoml.build]
service = "service.py:LLM"

[tool.bentoml.build.args]
name = "qwen3-8b"
model_id = "Qwen/Qwen3-8B"
gpu_type = "nvidia-h100-80gb"
'''

_POETRY = '''\
[tool.poetry]
name = "llama3.2-3b-instruct"
version = "0.1.0"

[tool.myapp]
model = "meta-llama/Llama-3.2-3B-Instruct"
'''


def test_the_package_name_is_not_a_model(tmp_path: Path) -> None:
    got = found(tmp_path, "qwen3-8b/pyproject.toml", _PYPROJECT)
    assert (12, "Qwen/Qwen3-8B") in got
    assert (2, "qwen3-8b") not in got, got


def test_a_poetry_package_name_is_not_a_model(tmp_path: Path) -> None:
    got = found(tmp_path, "pyproject.toml", _POETRY)
    assert (6, "meta-llama/Llama-3.2-3B-Instruct") in got
    assert (2, "llama3.2-3b-instruct") not in got, got


def test_a_name_in_another_toml_file_is_still_read(tmp_path: Path) -> None:
    # the rule is the package manifest's: a settings file's [project] table is an app's own
    got = found(tmp_path, "config/models.toml", '[project]\nname = "x"\nmodel = "qwen3-8b"\n')
    assert (3, "qwen3-8b") in got
