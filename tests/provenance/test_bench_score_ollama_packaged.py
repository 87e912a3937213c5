"""The provenance bench scorer reads an Ollama user tag the way the bench README says a tag resolves.

``maayan/Qwen2.5-14B-Instruct-GGUF`` is an Ollama user model name shaped like a Hub repo id. The resolver answers a
re-packaging (model: the repo, base: Qwen2.5-14B-Instruct); a key following "Ollama tags and GGUF files resolve to the
original model they package. Their base is that model's base." names Qwen2.5-14B-Instruct with base Qwen2.5-14B. Both
describe the same chain; only for the ``ollama-tag`` form is the answer read the key's way.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("provenance_score_pk", ROOT / "bench" / "provenance" / "score.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


ROW = {"query": "maayan/Qwen2.5-14B-Instruct-GGUF", "form": "ollama-tag", "model": "qwen/qwen2.5-14b-instruct",
       "publisher": "qwen", "publisher_country": "CN", "origins": ["CN"], "base": "qwen/qwen2.5-14b",
       "license": "apache-2.0"}


def test_an_ollama_tag_answered_as_a_repack_is_read_as_the_packaged_model() -> None:
    r = _scorer().score_entry(dict(ROW))
    assert r["got"]["model"] == "qwen/qwen2.5-14b-instruct"
    assert r["got"]["packaged_by"] == "maayan/qwen2.5-14b-instruct-gguf"
    assert r["got"]["base"] == "qwen/qwen2.5-14b"
    assert r["ok"]["base"] is True and r["ok"]["pub_country"] is True
    assert r["confidently_wrong"] is False


def test_the_packaged_models_own_base_is_still_judged() -> None:
    # a key naming another base for the packaged model is still a wrong base
    r = _scorer().score_entry({**ROW, "base": "qwen/qwen2.5-7b"})
    assert r["ok"]["base"] is False
    assert r["confidently_wrong"] is True


def test_other_forms_keep_the_repack_reading() -> None:
    # the same string as a community quant (Hub repo): the repo itself is the model, as the README says
    r = _scorer().score_entry({**ROW, "form": "community-quant"})
    assert "packaged_by" not in r["got"]
    assert r["got"]["model"] == "maayan/qwen2.5-14b-instruct-gguf"
    assert r["ok"]["base"] is False
