"""Unit checks of the session-36 red-team fixes (brief redteam40): bounds that the probes in probes_session36.py show
at full size, checked here on small inputs without timing."""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.config_files import _named_model_entries, _spells_model, parse_yaml


def test_an_entry_name_is_compared_only_with_a_model_id_of_sane_length() -> None:
    assert _spells_model("gpt4o", "gpt-4o-2024-08-06")
    # 506 characters: the release-tail regex (tried from each separator to the end, quadratic) is not run on it
    assert not _spells_model("gpt4o", "gpt-4o" + "-2024" * 100)


def test_an_agent_models_map_with_a_huge_model_value_is_still_read() -> None:
    doc = parse_yaml("models:\n  gpt4o:\n    provider: openai\n    model: gpt-4o" + "-2024" * 2000 + "x\n"
                     "  mini:\n    provider: openai\n    model: gpt-4o-mini\n")[0]
    assert doc is not None
    assert _named_model_entries(doc) == {"gpt4o": False, "mini": False}


def test_onnx_metadata_keys_are_cut_to_a_word(tmp_path: Path) -> None:
    from modelmap.artifacts.onnx import ONNXReader
    from tests.artifacts.protobuf import field

    p = tmp_path / "m.onnx"
    p.write_bytes(b"\x08\x08" + field(2, b"pytorch") + field(14, field(1, b"K" * 900_000) + field(2, b"v"))
                  + field(14, field(1, b"author") + field(2, b"acme")) + field(7, field(2, b"g")))
    props = ONNXReader().read(p).metadata["metadata_props"]
    assert props == {"K" * 256: "v", "author": "acme"}
