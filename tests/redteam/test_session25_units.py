"""Unit checks behind the session-25 red-team findings (brief redteam29): CycloneDX uniqueItems in linear time, and
digits that str.isdigit accepts but int() refuses in uploaded BOMs, diffed BOMs, runtime host:port and semgrep CWEs,
and bpetokenizer saves."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from modelmap.server import normalize


def _cdx(components: list[dict[str, Any]]) -> bytes:
    return json.dumps({"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
                       "components": components}).encode()


def _model(i: int, used_at: str = "a.py:1") -> dict[str, Any]:
    return {"type": "machine-learning-model", "name": f"org/m-{i}", "bom-ref": f"m{i}",
            "properties": [{"name": "modelmap:used-at", "value": used_at}]}


def test_cyclonedx_unique_items_is_not_pairwise(monkeypatch: pytest.MonkeyPatch) -> None:
    """jsonschema's uniqueItems compares every pair of components (objects do not sort): 1,500 components were
    1.1 million comparisons. The server's check keys each item once."""
    from jsonschema import _utils

    calls = 0
    real = _utils.equal

    def counting(one: Any, two: Any) -> bool:
        nonlocal calls
        calls += 1
        return bool(real(one, two))

    monkeypatch.setattr(_utils, "equal", counting)
    out = normalize.normalize(_cdx([_model(i) for i in range(1_500)]))
    assert len(out.models) == 1_500
    assert calls < 15_000


def test_cyclonedx_unique_items_still_refuses_duplicates() -> None:
    with pytest.raises(normalize.DocumentError, match="same item twice"):
        normalize.normalize(_cdx([_model(1), _model(2), _model(1)]))
    # jsonschema's equality: 1 == 1.0, true != 1
    same = normalize._unique_items
    from jsonschema.validators import Draft7Validator

    v = Draft7Validator({})
    assert list(same(v, True, [{"a": 1}, {"a": 1.0}], {}))
    assert not list(same(v, True, [{"a": True}, {"a": 1}], {}))
    assert not list(same(v, True, [{"a": 1, "b": 2}, {"b": 2, "a": 3}], {}))
    assert list(same(v, True, [{"a": 1, "b": 2}, {"b": 2, "a": 1}], {}))


def test_upload_line_number_in_superscript_digits() -> None:
    out = normalize.normalize(_cdx([_model(0, "src/a.py:\u00b2"), _model(1, "src/b.py:" + "1" * 5_000),
                                    _model(2, "src/c.py:12")]))
    assert sorted((u["path"], u["line"]) for u in out.usages) == [
        ("src/a.py:\u00b2", None), ("src/b.py:" + "1" * 5_000, None), ("src/c.py", 12)]


def test_diff_usages_in_superscript_digits(tmp_path: Path) -> None:
    from modelmap.diff import load_side

    comp = {"type": "machine-learning-model", "name": "gpt-4o", "bom-ref": "m1",
            "properties": [{"name": "modelmap:usages", "value": "\u00b2"}]}
    f = tmp_path / "bom.cdx.json"
    f.write_bytes(_cdx([comp]))
    side = load_side(f)
    assert [m["usages"] for m in side.models.values()] == [1]


def test_runtime_host_port_and_semgrep_cwe_digits() -> None:
    from modelmap.eval.semgrep import _cwe
    from modelmap.runtime.drift import split_host

    assert split_host("h:\u00b2") == ("h", None)
    assert split_host("[::1]:" + "1" * 5_000) == ("::1", None)
    assert split_host("h:8080") == ("h", 8080)
    assert _cwe({"cwe": "CWE-\u00b2"}) is None
    assert _cwe({"cwe": ["CWE-78: OS Command Injection"]}) == 78


def test_bpetokenizer_ids_must_be_ascii_digits(tmp_path: Path) -> None:
    from modelmap.artifacts.tokenizer import TokenizerReader
    from modelmap.errors import ReadError

    vocab = {str(i): f"t{i}" for i in range(300)}
    vocab["\u00b2"] = "x"
    f = tmp_path / "tokenizer.json"
    f.write_text(json.dumps({"version": "1", "pattern": "x", "special_tokens": {"<s>": 300}, "merges": {},
                             "vocab": vocab}))
    with pytest.raises(ReadError, match="not a tokenizer file this reader knows"):  # was ValueError from int()
        TokenizerReader().read(f)
