"""Issue 10, session 30 (tuneB30): hub downloads and what is not a model around them.

* ModelScope's ``snapshot_download(model_id=…)`` takes the repository, as huggingface_hub's ``repo_id=`` does;
* a picture or document kept in a hub repository (``…/resolve/master/sample.pdf``) is no model;
* ``"x" in m`` after ``m = str(model).lower()`` is a substring test on the model's name, not a model;
* a run named after what it measures (``…_benchmark``, ``…-eval``) is no model.
"""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_PYTHON = """\
import os

from modelscope import snapshot_download


def download_layout_models():
    model_id: str = 'acme/layout-models'
    return snapshot_download(model_id=model_id)


def patch_ocr(detection_models):
    detection_models['craft']['url'] = 'https://modelscope.cn/models/acme/craft_mlt_25k/resolve/master/craft_mlt_25k.zip'
    EXAMPLE = 'https://modelscope.cn/models/acme/acme_resources/resolve/master/sample_paper.pdf'
    LOGO = 'https://huggingface.co/acme/acme-7b/resolve/main/assets/logo.png'
    return EXAMPLE, LOGO


def family_of(model):
    m = str(model).strip().lower()
    if 'qwen/qwen3-8b' in m or 'acme3-7b' in m:
        return 'acme-3'
    return 'base'
"""


def test_modelscope_download_assets_and_substring_tests(tmp_path: Path) -> None:
    got = found(tmp_path, "app/models.py", _PYTHON)
    assert (7, "acme/layout-models") in got  # ModelScope's snapshot_download(model_id=…)
    assert (12, "https://modelscope.cn/models/acme/craft_mlt_25k/resolve/master/craft_mlt_25k.zip") in got
    raws = {raw for _, raw in got}
    assert not {r for r in raws if r.endswith((".pdf", ".png"))}  # a document and a picture kept in a hub repo
    assert not raws & {"qwen/qwen3-8b", "acme3-7b"}  # substring tests on the model's name, through `m`


def test_substring_variable_must_hold_a_model_name(tmp_path: Path) -> None:
    text = _PYTHON.replace("m = str(model).strip().lower()", "m = load_catalogue(model)")
    got = found(tmp_path, "app/models.py", text)
    assert (20, "qwen/qwen3-8b") in got  # `m` may be a collection: membership in it, not a substring test


_SHELL = """\
#!/bin/bash
MODEL_NAME="${MODEL_NAME:-acme_research_v2_benchmark}"
CHAT_MODEL="${CHAT_MODEL:-acme_research_v2}"
python run.py --name "$MODEL_NAME" --model "$CHAT_MODEL"
"""


def test_benchmark_run_name_is_no_model(tmp_path: Path) -> None:
    got = found(tmp_path, "scripts/run_benchmark.sh", _SHELL)
    assert (3, "acme_research_v2") in got
    assert "acme_research_v2_benchmark" not in {raw for _, raw in got}
