"""The provenance bench scorer reads a key's null base by what the key says it means.

Keys 21 and 22 wrote ``base: null`` for "no source read states the base"; older keys meant "no base". From key 23
on a row says which (``base_null``). A base the knowledge base states must count as wrong only against a key that
says the model has none.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("provenance_score", ROOT / "bench" / "provenance" / "score.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


ROW = {"query": "meta-llama/Meta-Llama-3-8B-Instruct", "form": "hf-repo", "model": "meta-llama/meta-llama-3-8b-instruct",
       "publisher_country": "US", "origins": ["US"], "base": None, "license": "llama3"}


def test_a_null_base_without_reason_is_no_base_by_default() -> None:
    r = _scorer().score_entry(dict(ROW))
    assert r["got"]["base"] == "meta-llama/meta-llama-3-8b"
    assert r["ok"]["base"] is False
    assert r["confidently_wrong"] is True


def test_the_unestablished_reading_leaves_the_base_unscored() -> None:
    r = _scorer().score_entry(dict(ROW), "unestablished")
    assert r["ok"]["base"] is None
    assert r["confidently_wrong"] is False


def test_base_null_reasons_decide_per_row() -> None:
    score = _scorer()
    assert score.score_entry({**ROW, "base_null": "not-established"})["ok"]["base"] is None
    # a key that says the model is a foundation model is scored as "no base", whatever the reading
    for reading in ("none", "unestablished"):
        assert score.score_entry({**ROW, "base_null": "foundation"}, reading)["ok"]["base"] is False
    # a key that names a base is always scored
    assert score.score_entry({**ROW, "base": "meta-llama/meta-llama-3-8b"}, "unestablished")["ok"]["base"] is True


def test_a_key_declares_its_reading_of_bare_null_bases() -> None:
    score = _scorer()
    assert score.key_null_base({"base_null_default": "not-established", "entries": []}) == "unestablished"
    assert score.key_null_base({"entries": []}) == "none"


def test_keys_20_to_22_declare_null_as_not_established_and_key_23_does_not() -> None:
    import yaml

    score = _scorer()
    readings = {}
    for n in (20, 21, 22, 23):
        doc = yaml.safe_load((ROOT / "bench" / "provenance" / f"table-heldout{n}.yaml").read_text(encoding="utf-8"))
        readings[n] = score.key_null_base(doc)
    assert readings == {20: "unestablished", 21: "unestablished", 22: "unestablished", 23: "none"}


def test_main_follows_the_declaration_unless_told_otherwise(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    import yaml

    key = tmp_path / "key.yaml"
    key.write_text(yaml.safe_dump({"schema": "modelmap.provenance-bench/1", "base_null_default": "not-established",
                                   "entries": [dict(ROW)]}), encoding="utf-8")
    score = _scorer()
    score.main(["--table", str(key), "--no-fail", "--json"])
    import json

    out = json.loads(capsys.readouterr().out)
    assert out["summary"]["overall"]["confidently_wrong_n"] == 0
    score.main(["--table", str(key), "--no-fail", "--json", "--key-null-base", "none"])
    out = json.loads(capsys.readouterr().out)
    assert out["summary"]["overall"]["confidently_wrong_n"] == 1
