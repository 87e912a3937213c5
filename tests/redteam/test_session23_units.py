"""Unit tests of brief redteam26's fixes (the two open red-team findings of redteam25).

* artifacts/pickle.py handed fickling up to 500,000 opcodes of a stream: a legacy pickle of 2,450 dicts of 100
  short-string / int pairs (495,000 opcodes, 3.5 MB) cost 8.9-13.5 s of CPU and 446 MB RSS, nearly all in fickling's
  interpretation. The cap is 200,000 opcodes and 16 MiB a stream; a stream past it keeps its imports (our own
  pickletools walk) and is reported in the file's notes.
* report/cyclonedx.py: a CycloneDX document of 30,000 distinct models ran past 180 s (about 2-3 ms of CPU a model
  component inside cyclonedx-python-lib). It lists the 1,000 models used in the most places and says so.
"""

from __future__ import annotations

import json
import struct
import time
from dataclasses import replace
from pathlib import Path
from typing import Any


def _uni(s: str) -> bytes:
    b = s.encode()
    return b"X" + struct.pack("<I", len(b)) + b


def _wide_pickle(keys: int) -> bytes:
    """A legacy pickle built by opcode (never unpickled): a top dict of ``keys`` dicts of 100 string -> int pairs."""
    out = b"\x80\x02}q\x00(" + _uni("model_state") + b"}(" + _uni("a") + b"K\x01u"
    for j in range(keys):
        out += _uni(f"opt{j}") + b"}(" + b"".join(_uni(f"p{j}_{i}") + b"K\x01" for i in range(100)) + b"u"
    return out + b"u."


def _count_fickling(monkeypatch: Any) -> list[int]:
    from modelmap.artifacts import pickle

    handed: list[int] = []
    real = pickle._fickling_verdict

    def counting(data: bytes) -> tuple[str, str]:
        handed.append(len(data))
        return real(data)

    monkeypatch.setattr(pickle, "_fickling_verdict", counting)
    return handed


def test_a_wide_pickle_past_the_fickling_cap_is_reported_not_analysed(tmp_path: Path, monkeypatch: Any) -> None:
    from modelmap.artifacts.pickle import PickleReader

    handed = _count_fickling(monkeypatch)
    path = tmp_path / "encoder.pt"
    path.write_bytes(_wide_pickle(1_200))  # 242,000 opcodes: under the old 500,000 cap, ~4.5 s in fickling
    started = time.process_time()
    info = PickleReader().read(path)
    assert handed == []  # was: the whole stream
    assert time.process_time() - started < 4.0
    assert any("not analysed by fickling" in n and "opcodes" in n for n in info.notes), info.notes
    assert info.metadata["pickle_imports"] == []


def test_a_stream_over_the_byte_budget_is_not_handed_to_fickling(tmp_path: Path, monkeypatch: Any) -> None:
    from modelmap.artifacts.pickle import MAX_FICKLING_BYTES, PickleReader

    handed = _count_fickling(monkeypatch)
    path = tmp_path / "model.pkl"
    # few opcodes, many bytes: a key of 17 MiB and a global the walk must still report
    path.write_bytes(b"\x80\x02}q\x00(" + _uni("k" * (MAX_FICKLING_BYTES + 1_000_000))
                     + b"cposix\nsystem\nq\x01u.")
    info = PickleReader().read(path)
    assert handed == []
    assert any("bytes (more than" in n for n in info.notes), info.notes
    evil = [f for f in info.security if f.get("imports") == ["posix.system"]]
    assert evil and evil[0]["fickling"] == "UNKNOWN" and "bytes (more than" in evil[0]["detail"]


def test_a_pickle_under_both_caps_is_still_analysed(tmp_path: Path, monkeypatch: Any) -> None:
    from modelmap.artifacts.pickle import PickleReader

    handed = _count_fickling(monkeypatch)
    path = tmp_path / "model.pkl"
    path.write_bytes(b"\x80\x02cposix\nsystem\nq\x00X\x02\x00\x00\x00idq\x01\x85q\x02Rq\x03.")
    info = PickleReader().read(path)
    assert len(handed) == 1 and not info.notes
    assert info.security and info.security[0]["fickling"] not in ("UNKNOWN", "LIKELY_SAFE")


def _many_models(n: int) -> Any:
    from tests.fixtures.inventory import sample_result

    base = sample_result()
    model = next(f for f in base.findings if f.kind != "endpoint")
    extra = [replace(model, raw=f"qwen.qwen3-{i}b-v1:0", resolution=None, line=i + 1) for i in range(n)]
    # one extra model used in three places: the cut keeps the models used most
    extra += [replace(model, raw="qwen.qwen3-9999b-v1:0", resolution=None, line=n + k) for k in range(3)]
    return replace(base, findings=[*base.findings, *extra])


def test_capped_keeps_the_most_used_models_and_filters_services() -> None:
    from modelmap.report.bom_inventory import capped, collect

    inv = collect(_many_models(40))
    small, left_out = capped(inv, 10)
    assert len(small.models) == 10 and left_out == len(inv.models) - 10
    assert "unresolved:qwen.qwen3-9999b-v1:0" in small.models
    assert all(entry.models <= set(small.models) for entry in small.services.values())
    assert capped(inv, len(inv.models)) == (inv, 0)


def test_a_bom_of_more_models_than_the_cap_says_so() -> None:
    from modelmap.report.bom_inventory import MAX_BOM_MODELS
    from modelmap.report.cyclonedx import CycloneDxRenderer
    from tests.report.conftest import fixed_clock

    renderer = CycloneDxRenderer("json", clock=fixed_clock, version="test")
    started = time.process_time()
    doc = json.loads(renderer.render(_many_models(MAX_BOM_MODELS + 200)))
    assert time.process_time() - started < 8.0
    models = [c for c in doc["components"] if c["type"] == "machine-learning-model"]
    assert len(models) == MAX_BOM_MODELS and renderer.left_out > 200
    note = [p["value"] for p in doc["metadata"]["properties"] if p["name"] == "modelmap:truncated"]
    assert note and f"{renderer.left_out} left out" in note[0]
    assert "unresolved:qwen.qwen3-9999b-v1:0" in {c["bom-ref"] for c in models}


def test_a_recorded_body_too_deep_to_read_is_a_reported_skip() -> None:
    # expectations.py passed over a body its JSON / YAML reader refused for nesting (config_files.MAX_DEPTH): a
    # 100,000-deep golden lost its model with no finding and no skip (probe s23-golden-deep-huge-binary)
    from modelmap.discover.base import SourceFile
    from modelmap.discover.expectations import ExpectationSource
    from modelmap.types import Finding, Skip

    src = ExpectationSource()
    model = '{"model": "gpt-4o"}'
    for path, text in (("testdata/deep.golden", "[" * 100_000 + model + "]" * 100_000 + "\n"),
                       ("testdata/deep201.golden", "[" * 201 + model + "]" * 201 + "\n"),
                       ("__snapshots__/a.test.js.snap", "// Jest Snapshot v1\n\nexports[`a 1`] = `" + "[" * 300
                        + model + "]" * 300 + "`;\n\nexports[`b 1`] = `" + "[" * 300 + "]" * 300 + "`;\n"),
                       ("tests/snapshots/x.snap", "---\nsource: a.rs\n---\nk: " + "[" * 300 + "]" * 300 + "\n")):
        out = list(src.scan(SourceFile(path, text, "test")))
        skips = [o for o in out if isinstance(o, Skip)]
        assert len(skips) == 1 and skips[0].reason == "parse-error" and "deeper" in skips[0].detail, (path, out)
    # a body that is not data stays quiet (by design), a shallow one is read as before
    assert list(src.scan(SourceFile("testdata/log.golden", "[INFO] started\n[INFO] model gpt-4o\n", "test"))) == []
    found = list(src.scan(SourceFile("testdata/ok.golden", "[" * 20 + model + "]" * 20 + "\n", "test")))
    assert [f.raw for f in found if isinstance(f, Finding)] == ["gpt-4o"]


def test_an_spdx_bom_of_more_models_than_the_cap_says_so() -> None:
    # spdx_python_model costs ~1.5 ms of CPU a model: 10,000 distinct Bedrock ids took 20 s (probe s23-bom-spdx-10k-ids)
    from modelmap.report.bom_inventory import MAX_BOM_MODELS
    from modelmap.report.spdx import SpdxRenderer
    from tests.report.conftest import fixed_clock

    renderer = SpdxRenderer(clock=fixed_clock, version="test")
    doc = json.loads(renderer.render(_many_models(MAX_BOM_MODELS + 50)))
    assert renderer.left_out > 50
    comments = [e.get("comment", "") for e in doc["@graph"] if e.get("type") == "SpdxDocument"]
    assert comments and comments[0].startswith("modelmap:truncated") and f"{renderer.left_out} left out" in comments[0]
    names = {e.get("name") for e in doc["@graph"]}
    assert "qwen.qwen3-9999b-v1:0" in names or any("9999b" in str(n) for n in names)


def test_a_diff_against_a_capped_bom_says_the_bom_lists_only_some_models(tmp_path: Path) -> None:
    # a capped BOM's missing models would read as removed with no word of the cut
    from modelmap.diff import load_side
    from modelmap.report.bom_inventory import MAX_BOM_MODELS
    from modelmap.report.cyclonedx import CycloneDxRenderer
    from tests.report.conftest import fixed_clock

    path = tmp_path / "bom.cdx.json"
    path.write_bytes(CycloneDxRenderer("json", clock=fixed_clock, version="test")
                     .render(_many_models(MAX_BOM_MODELS + 20)))
    side = load_side(path)
    assert len(side.models) == MAX_BOM_MODELS
    assert side.skipped and "left out" in side.skipped[0]["reason"]
