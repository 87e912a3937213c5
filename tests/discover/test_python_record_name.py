"""A Python record that names its model under a model key has a ``name`` of its own, not a second model.

BentoML's service settings (``class BentoArgs(pydantic.BaseModel): name: str = 'llama3.1-8b-instruct'`` beside
``model_id: str = 'meta-llama/Meta-Llama-3.1-8B-Instruct'``), agent and preset records (``{"name": …, "model": …}``)
give the deployment, agent or preset a name, often the model's short name or, in a copied template, another
model's. The model key's value stays found. Found on the opened held-out-13 set (session 16).
"""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_SERVICE = '''\
import pydantic


class BentoArgs(pydantic.BaseModel):
    tp: int = 1
    port: int = 8000

    name: str = 'llama3.1-8b-instruct'
    gpu_type: str = 'nvidia-h100-80gb'
    model_id: str = 'meta-llama/Meta-Llama-3.1-8B-Instruct'
'''

_PRESETS = '''\
PRESETS = [
    {"name": "qwen2.5-7b-instruct", "model": "Qwen/Qwen2.5-7B-Instruct", "temperature": 0.7},
    {"name": "gpt-4o-mini", "model": "gpt-4.1-mini"},
]
'''

_NO_MODEL_KEY = '''\
class Preset:
    name = "gpt-4o-mini"
    temperature = 0.2
'''

_PATH_ONLY = '''\
SERVED = {"name": "qwen2.5-7b-instruct", "model_path": "/srv/weights"}
'''


def test_a_settings_class_name_beside_its_model_id(tmp_path: Path) -> None:
    got = found(tmp_path, "service.py", _SERVICE)
    assert (10, "meta-llama/Meta-Llama-3.1-8B-Instruct") in got
    assert (8, "llama3.1-8b-instruct") not in got, got


def test_dict_records_with_a_model_key(tmp_path: Path) -> None:
    got = {raw for _, raw in found(tmp_path, "presets.py", _PRESETS)}
    assert {"Qwen/Qwen2.5-7B-Instruct", "gpt-4.1-mini"} <= got
    assert not got & {"qwen2.5-7b-instruct", "gpt-4o-mini"}, got


def test_a_name_with_no_model_beside_it_is_still_read(tmp_path: Path) -> None:
    assert (2, "gpt-4o-mini") in found(tmp_path, "preset.py", _NO_MODEL_KEY)


def test_a_model_path_beside_it_leaves_the_name(tmp_path: Path) -> None:
    # a path is no model the record names: its name is still the one that says which model
    assert (1, "qwen2.5-7b-instruct") in found(tmp_path, "served.py", _PATH_ONLY)
