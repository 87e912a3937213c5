"""Finding.to_dict: the JSON shape every renderer starts from (issue 10 made it cheaper; the shape is unchanged)."""

from __future__ import annotations

from dataclasses import asdict

from modelmap.types import Finding, Location


def _reference(f: Finding) -> dict[str, object]:
    """The conversion to_dict used to make through dataclasses.asdict (the behaviour it must keep)."""
    data = asdict(f)
    if data["resolution"] is None:
        data.pop("resolution")
    for key in ("cell", "cell_line", "api", "symbol", "provider", "endpoint", "evidence", "definition"):
        if data[key] is None:
            data.pop(key)
    if "evidence" in data:
        data["evidence"] = list(data["evidence"])
    return data


def _resolved() -> Finding:
    resolution = {
        "schema": "modelmap.trace/2", "query": "Qwen/Qwen2.5-7B-Instruct",
        "model": {"id": "qwen/qwen2.5-7b-instruct", "params": 7.6e9, "hf": "Qwen/Qwen2.5-7B-Instruct"},
        "publisher": {"id": "qwen", "country": "CN"}, "license": None, "open_weights": True,
        "edges": [{"child": "qwen/qwen2.5-7b-instruct", "relation": "finetune", "parent": "qwen/qwen2.5-7b"}],
        "origins": ["CN"], "roots": None, "pair": ("a", 1),
    }
    return Finding("app/llm.py", 12, 8, "Qwen/Qwen2.5-7B-Instruct", "hf-repo", role="generation", source="python",
                   symbol="MODEL", confidence=0.9, evidence=("binding:MODEL", "shape:hf-repo"),
                   resolution=resolution, definition=Location("app/settings.py", 3, 0))


def test_to_dict_matches_the_asdict_conversion() -> None:
    plain = Finding("a.go", 1, 2, "gpt-4o", "api-model")
    for f in (_resolved(), plain):
        got = f.to_dict()
        assert got == _reference(f)
        assert list(got) == list(_reference(f))  # same key order, so the same JSON text
    got = _resolved().to_dict()
    assert got["definition"] == {"path": "app/settings.py", "line": 3, "column": 0}
    assert got["evidence"] == ["binding:MODEL", "shape:hf-repo"]
    assert got["resolution"]["pair"] == ("a", 1)
    assert "cell" not in plain.to_dict() and "resolution" not in plain.to_dict()


def test_to_dict_is_a_copy() -> None:
    f = _resolved()
    got = f.to_dict()
    got["resolution"]["model"]["id"] = "changed"
    got["resolution"]["edges"].append({"child": "x"})
    assert f.resolution is not None
    assert f.resolution["model"]["id"] == "qwen/qwen2.5-7b-instruct"
    assert len(f.resolution["edges"]) == 1
