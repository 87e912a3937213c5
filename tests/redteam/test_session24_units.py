"""Unit tests of brief redteam28's fixes (session 24 of the red-team log).

* server/normalize.py: an upload spelling a NUL (``\\u0000``) or a lone UTF-16 surrogate (``\\ud800``) kept it in
  the str json.loads returns; SQLite's driver cannot encode a surrogate (500) and PostgreSQL refuses NUL in text (500
  there). Both become U+FFFD before anything is read from the document.
* discover/engine.py: ``--jobs N`` forked N - 1 helpers whatever the CPU count; now at most 4 per CPU, at least 1.
* artifacts/ncnn.py: a layer line's blob counts were tested with str.isdigit (true of '²', and of 5,000 digits,
  both of which int() refuses): an 'unreadable: ValueError' skip instead of the reader's own message.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest


def _cdx(note: str, name: str) -> bytes:
    return json.dumps({"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
                       "metadata": {"properties": [{"name": "modelmap:truncated", "value": note}]},
                       "components": [{"type": "machine-learning-model", "name": name, "bom-ref": "m1"}]}).encode()


def test_nul_and_lone_surrogates_become_replacement_characters() -> None:
    pytest.importorskip("cyclonedx")
    from modelmap.server.normalize import normalize

    doc = normalize(_cdx("3 models\u0000 found \ud800", "gpt-4o\udfff\u0000"))
    assert doc.truncated == "3 models\ufffd found \ufffd"
    assert list(doc.models) == ["unresolved:gpt-4o\ufffd\ufffd"]
    text = json.dumps(doc.models, ensure_ascii=False) + json.dumps(doc.usages, ensure_ascii=False)
    text.encode("utf-8")  # nothing a database cannot store: a lone surrogate would raise here
    assert "\x00" not in text


def test_a_surrogate_pair_and_an_escaped_backslash_are_kept() -> None:
    pytest.importorskip("cyclonedx")
    from modelmap.server.normalize import parse_json

    body = json.dumps({"a": "\U0001f600", "b": "C:\\udp\\u0000"}).encode()  # a pair; the text '\u0000', not a NUL
    assert parse_json(body) == {"a": "\U0001f600", "b": "C:\\udp\\u0000"}


@pytest.mark.parametrize(("requested", "cpus", "expected"), [
    (None, 2, 2), (0, 2, 1), (1, 2, 1), (8, 2, 8), (9, 2, 8), (1000, 2, 8), (10**30, 16, 64), (3, None, 3)])
def test_jobs_are_at_least_one_and_at_most_four_per_cpu(monkeypatch: pytest.MonkeyPatch, requested: int | None,
                                                       cpus: int | None, expected: int) -> None:
    from modelmap.discover import engine

    monkeypatch.setattr(engine.os, "cpu_count", lambda: cpus)
    assert engine.effective_jobs(requested) == (1 if requested is None and cpus is None else expected)


@pytest.mark.parametrize("count", ["\u00b2", "1" * 5_000, "\u0663"], ids=["superscript", "5000-digits", "arabic-indic"])
def test_ncnn_odd_blob_counts_are_the_readers_own_refusal(tmp_path: Path, count: str) -> None:
    from modelmap.artifacts.base import ReadError
    from modelmap.artifacts.ncnn import NcnnParamReader

    path = tmp_path / "m.param"
    path.write_text(f"7767517\n2 2\nInput in0 0 1 in0\nConvolution conv0 {count} 1 in0 out0 0=64 6=1728\n")
    with pytest.raises(ReadError, match="not an ncnn layer line"):
        NcnnParamReader().read(path)


def test_ncnn_ordinary_file_still_reads(tmp_path: Path) -> None:
    from modelmap.artifacts.ncnn import NcnnParamReader

    path = tmp_path / "m.param"
    path.write_text("7767517\n2 2\nInput in0 0 1 in0\nConvolution conv0 1 1 in0 out0 0=64 6=1728\n")
    info = NcnnParamReader().read(path)
    assert info.metadata["format_props"]["ncnn.weighted"] == "conv64/1728"


# discover/engine.own_output: modelmap's own documents kept in the scanned tree are a 'modelmap-output' skip
@pytest.mark.parametrize(("head", "what"), [
    (b'{\n  "schema": "modelmap.scan/1",\n  "root": "/src",\n  "findings": []}', "a modelmap.scan document"),
    (b'{"schema": "modelmap.check/1", "tool": {"name": "modelmap"}}', "a modelmap.check document"),
    (b'{\n  "components": [],\n  "metadata": {"tools": {"components": [{"bom-ref": "tool:modelmap"}]}}}', "a BOM"),
    (b'<bom><metadata><tools><components><component type="application" bom-ref="tool:modelmap">', "a BOM"),
    (b'{"@graph": [{"createdUsing": ["urn:uuid:f3#tool/modelmap"]}]}', "a BOM"),
    (b'{"runs": [{"tool": {"driver": {"name": "modelmap", "informationUri": "https://github.com/modelmap/modelmap"}}}]}',
     "a SARIF log"),
    (b'<?xml version="1.0"?>\n<testsuites name="modelmap check" tests="3">', "a JUnit report"),
    (b'{"path": "src/a \\"b\\".py", "line": 2, "column": 48, "raw": "gpt-4o", "kind": "api-model"}\n',
     "a scan in JSON Lines"),
])
def test_modelmap_outputs_are_recognised(head: bytes, what: str) -> None:
    from modelmap.discover.engine import own_output

    assert own_output(head) == what


@pytest.mark.parametrize("data", [
    b'{"schema": "https://json-schema.org/draft/2020-12/schema", "model": "gpt-4o", "tool": "modelmap"}',
    b'{"name": "modelmap-demo", "dependencies": {"modelmap": "^0.1"}, "model": "gpt-4o"}',
    b'{"path": "a.py", "model": "gpt-4o"}\n',
    b'<testsuites name="unit"><property name="model" value="gpt-4o" /></testsuites>',
])
def test_other_documents_naming_modelmap_are_read(data: bytes) -> None:
    from modelmap.discover.engine import own_output

    assert own_output(data) is None


def test_a_scan_beside_its_saved_outputs_counts_the_model_once(tmp_path: Path) -> None:
    import modelmap
    from modelmap.report import scan_renderers

    (tmp_path / "app.py").write_text("import openai\nopenai.OpenAI().chat.completions.create(model='gpt-4o')\n")
    first = modelmap.scan([tmp_path], resolve=True, jobs=1)
    (tmp_path / "scan.json").write_bytes(scan_renderers()["json"].render(first))
    again = modelmap.scan([tmp_path], resolve=True, jobs=1)
    assert [f.path for f in again.findings] == [f.path for f in first.findings] == ["app.py"]
    assert [(s.path, s.reason) for s in again.skips] == [("scan.json", "modelmap-output")]


# discover/walk.gitignore_spec: past re2's Set budget, pathspec's pure-Python backend matches the same paths
def test_ignore_rules_past_the_re2_set_budget_still_match() -> None:
    from modelmap.discover.walk import gitignore_spec

    spec = gitignore_spec(["gen/", *(f"d{i}/**/x{i}*.py" for i in range(3_000))])
    assert spec.match_file("gen/b.py")
    assert spec.match_file("d2999/a/b/x2999q.py")
    assert not spec.match_file("d2999/a/b/y2999q.py")
    assert not spec.match_file("src/app.py")


def test_a_long_gitignore_is_honoured(tmp_path: Path) -> None:
    import modelmap

    (tmp_path / "gen").mkdir()
    (tmp_path / "gen" / "b.py").write_text("import openai\nopenai.OpenAI().chat.completions.create(model='gpt-4o')\n")
    (tmp_path / ".gitignore").write_text("gen/\n" + "".join(f"d{i}/**/x{i}*.py\n" for i in range(3_000)))
    result = modelmap.scan([tmp_path], jobs=1)
    assert result.findings == []
    assert ("gen/", "ignored") in [(s.path, s.reason) for s in result.skips]
