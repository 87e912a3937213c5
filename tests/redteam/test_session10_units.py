"""Red-team unit probes (brief redteam10): the two bench misses of session 9, as work counters rather than timings.

* memory: a tree-sitter tree costs 16-150 bytes per byte of ordinary source and ~430 for dense tokens, so a 3.9 MB
  HCL file peaked at 580 MB (s9-hcl-parse-past-budget) and a 4 MB dense Go / Ruby / PHP list at 400-530 MB; a parse
  that adds ``MAX_PARSE_GROWTH`` of resident memory is now cancelled and reported as an ``analysis-budget`` skip;
* time: a callback-parsed tree (every file over 32 KiB since 59c51a0) reads each ``node.text`` through the parse's
  read callback, which handed back a 64 KiB slice per call; ``huge-line-200k-all-types`` spent 10-80 us per literal
  on those copies (27.7 s of CPU for 20 files of 200 KB). Python's module-level ``binding:`` evidence looked up a
  name's literals once per assignment (``m = 'x'; m = 'x'; ...``: assignments x 256 unbudgeted steps).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from modelmap.discover import base
from modelmap.discover import python as pysrc
from modelmap.discover.base import SourceFile, file_budget, parse_within_budget
from modelmap.discover.engine import ScanOptions, scan_paths
from modelmap.discover.languages import parser_for
from modelmap.discover.polyglot import PolyglotSource
from modelmap.discover.python import scan_python_text
from modelmap.types import Finding, SymbolUse

_ROW = "1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1\n"


@pytest.mark.skipif(base._resident() is None, reason="resident memory is read from /proc (Linux)")
def test_a_parse_whose_tree_outgrows_its_memory_is_cancelled_and_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    # 400 KB of dense tokens: ~100 MB of tree; the allowance lowered to 8 MB so that the case stays small
    text = 'model = "gpt-4o"\nx = [\n' + _ROW * 5_000 + "]\n"
    monkeypatch.setattr(base, "MAX_PARSE_GROWTH", 8 * 1024 * 1024)
    with file_budget(seconds=600.0):  # never the clock: the memory watch stops it
        items = list(PolyglotSource().scan(SourceFile("main.tf", text)))
    skips = [i for i in items if not isinstance(i, Finding)]
    assert [s.reason for s in skips] == ["analysis-budget"], skips
    assert "grew past 8 MB" in (skips[0].detail or "")
    monkeypatch.setattr(base, "MAX_PARSE_GROWTH", 256 * 1024 * 1024)
    with file_budget(seconds=600.0):  # the parser is usable afterwards, and the file is read within the default
        items = list(PolyglotSource().scan(SourceFile("main.tf", text)))
    assert [i.raw for i in items if isinstance(i, Finding)] == ["gpt-4o"]


class _Counted(bytes):
    """Source bytes that count what the parse's read callback slices out of them."""

    sliced = 0

    def __getitem__(self, key: Any) -> Any:
        out = bytes.__getitem__(self, key)
        if isinstance(key, slice):
            _Counted.sliced += len(out)
        return out


def test_node_text_of_a_callback_parsed_tree_reads_small_slices() -> None:
    # a 200 KB one-line Java file: 10,000 literals, each one's text read back through the read callback
    src = "class A { void f() { " + 'String m = "zz-1"; ' * 10_000 + "} }\n"
    parser = parser_for("java")
    data = _Counted(src.encode())
    with file_budget(seconds=600.0):
        tree = parse_within_budget(parser, data)
    assert len(data) > base._PARSE_UNCHECKED  # the callback path
    nodes = [n for n in _walk(tree.root_node) if n.type == "string_literal"]
    assert len(nodes) == 10_000
    _Counted.sliced = 0
    texts = [n.text for n in nodes]
    assert set(texts) == {b'"zz-1"'}
    # one small slice per text (a 64 KiB one each before: 655 MB copied for these 10,000 reads)
    assert _Counted.sliced <= len(nodes) * base._TEXT_CHUNK, _Counted.sliced


def _walk(node: Any) -> Iterator[Any]:
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(n.children)


def test_python_binding_evidence_reads_each_name_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # one name bound 3,000 times: its literals (up to 256) were re-read at every assignment, outside the budget
    calls = [0]
    real = pysrc._unquote

    def counted(value: str) -> tuple[str, int]:
        calls[0] += 1
        return real(value)

    monkeypatch.setattr(pysrc, "_unquote", counted)
    text = ("import openai\nMODEL = 'gpt-4o'\nopenai.OpenAI().chat.completions.create(model=MODEL)\n"
            + "m = 'zz-1'\n" * 3_000)
    uses: list[SymbolUse] = []
    with file_budget(seconds=600.0):
        out = scan_python_text(SourceFile("app.py", text), "python", uses=uses)
    found = [f for f in out if isinstance(f, Finding)]
    assert any(f.raw == "gpt-4o" and "binding:MODEL" in (f.evidence or ()) for f in found), found
    assert not [s for s in out if not isinstance(s, Finding)]
    # pass 2 reads each literal once (3,000); the binding evidence MODEL's one literal and m's (at most
    # MAX_FLOW_VALUES) once each: linear, where it read m's 256 literals at each of its 3,000 assignments (768,000)
    assert calls[0] <= 3_000 + 2 * pysrc.MAX_FLOW_VALUES + 50, calls[0]


def test_binding_evidence_past_the_budget_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    # 2,000 names each bound to the same 200 literals: the lookups are budget steps now, and running out of them
    # keeps the findings and says so (it was caught and dropped silently)
    text = ("import openai\nopenai.OpenAI().chat.completions.create(model='gpt-4o')\n"
            + "".join(f"v{i} = 'zz-{i}'\n" for i in range(200))
            + "x = " + " or ".join(f"v{i}" for i in range(200)) + "\n"
            + "".join(f"a{i} = x\n" for i in range(2_000)))
    with file_budget(seconds=600.0, steps=20_000):
        out = scan_python_text(SourceFile("app.py", text), "python", uses=[])
    skips = [s for s in out if not isinstance(s, Finding)]
    assert any(f.raw == "gpt-4o" for f in out if isinstance(f, Finding))
    assert [s.reason for s in skips] == ["analysis-budget"], skips
    assert "binding" in (skips[0].detail or "")


# the persistent result cache (82b5544): an entry is checked field by field, but one of the right shape could carry
# findings for another file (or a path outside the root), or values no scan writes, and they came back as findings
def _forge(row: list[Any]) -> list[list[Any]]:
    out = []
    for i, value in ((0, "other.py"), (0, "../../etc/passwd"), (4, "zzz-kind"), (5, "zzz-role"), (6, "zzz-context"),
                     (1, -5), (2, -1), (11, 1e308), (11, -0.5)):
        forged = list(row)
        forged[i] = value
        out.append(forged)
    return out


def test_a_forged_cache_entry_cannot_add_findings(tmp_path: Path) -> None:
    tree, cache = tmp_path / "t", tmp_path / "c"
    tree.mkdir()
    (tree / "app.py").write_text('import openai\nopenai.OpenAI().chat.completions.create(model="gpt-4o")\n')
    (tree / "other.py").write_text("x = 1\n")

    def scan() -> list[tuple[str, str, str, int]]:
        res = scan_paths([tree], ScanOptions(jobs=1, cache=cache))
        return sorted((f.path, f.raw, f.kind, f.line) for f in res.findings) + \
            sorted((s.path, s.reason, s.detail or "", 0) for s in res.skips)

    fresh = scan()
    assert fresh == [("app.py", "gpt-4o", "api-model", 2)]
    (path,) = list(cache.glob("scan-*.json"))
    doc = json.loads(path.read_text())
    entry = doc["entries"]["app.py"]
    good = entry[1][0]
    for forged in _forge(good):  # each forged row alone beside the real one: the entry is a miss, re-analysed
        entry[1] = [good, forged]
        path.write_text(json.dumps(doc))
        assert scan() == fresh, forged
    entry[1], entry[2] = [good], [["other.py", "parse-error", "x"]]  # a skip for another file
    path.write_text(json.dumps(doc))
    assert scan() == fresh
    assert json.loads(path.read_text())["entries"]["app.py"][1] == [good]  # and the entry rewritten good


# TorchScript / torch zip (3a85456 reads member names): zipfile builds every central directory entry before a
# count can be checked, so a 73 MB archive of 1M entries cost 584 MB; the directory's size is read first now
def test_a_zip_with_a_huge_central_directory_is_refused_before_it_is_listed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import zipfile

    from modelmap.artifacts import pickle as torchzip
    from modelmap.artifacts.base import ReadError

    path = tmp_path / "model.pt"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("archive/data.pkl", b"\x80\x02}q\x00.")
        for i in range(200):
            zf.writestr(f"archive/code/__torch__/m{i}.py", b"")
    opened: list[object] = []

    class Counted(zipfile.ZipFile):
        def __init__(self, *args: Any, **kw: Any) -> None:
            opened.append(args)
            super().__init__(*args, **kw)

    monkeypatch.setattr(zipfile, "ZipFile", Counted)
    info = torchzip.PickleReader().read(path)  # within the default: listed as before
    assert len(info.metadata["torchscript_modules"]) == 200 and len(opened) == 1
    monkeypatch.setattr(torchzip, "MAX_ZIP_DIRECTORY", 4096)
    with pytest.raises(ReadError, match="central directory"):
        torchzip.PickleReader().read(path)
    assert len(opened) == 1  # refused from the end record alone: the directory was never parsed


def test_a_gguf_with_a_million_metadata_keys_is_refused_from_its_header(tmp_path: Path) -> None:
    # every key was read into a dict first (1M keys: 300 MB, 5.7 s; max_items allowed 4M): the header's count
    # is checked against the metadata-key limit before any key is read
    import struct

    from modelmap.artifacts.base import ReadError
    from modelmap.artifacts.gguf import MAX_METADATA_KEYS, GGUFReader

    def kv(i: int) -> bytes:
        key = f"k{i}".encode()
        return struct.pack("<Q", len(key)) + key + struct.pack("<II", 4, i)

    n = MAX_METADATA_KEYS + 1
    path = tmp_path / "many.gguf"
    path.write_bytes(b"GGUF" + struct.pack("<IQQ", 3, 0, n) + b"".join(kv(i) for i in range(n)))
    with pytest.raises(ReadError, match="metadata keys"):
        GGUFReader().read(path)
    path.write_bytes(b"GGUF" + struct.pack("<IQQ", 3, 0, 3) + b"".join(kv(i) for i in range(3)))
    assert GGUFReader().read(path).metadata["k2"] == 2


# false positives on ordinary web code (brief redteam10 item 3): every local URL on port 3000, 8000 or 8080 was a
# TGI / vLLM endpoint at 0.95 (Flask's test suite: client.get("/", "http://127.0.0.1:3000/"); an app's
# WEB_DOMAIN = "http://localhost:3000", a compose healthcheck curl http://localhost:8080/health, a code interpreter's
# http://localhost:8000); on those shared ports a model API's path is asked for
@pytest.mark.parametrize(("url", "provider"), [
    ("http://127.0.0.1:3000/", None), ("http://localhost:3000", None), ("http://localhost:3000/login", None),
    ("http://localhost:8000", None), ("http://localhost:8080/health", None), ("http://app:8080/api/v1", None),
    ("http://0.0.0.0:8080", None), ("http://localhost:3000/api/", None),
    ("http://localhost:8000/v1", "vllm"), ("http://vllm:8000/v1/", "vllm"), ("http://127.0.0.1:8000/v1/chat/completions", "vllm"),
    ("http://localhost:8080/generate", "tgi"), ("http://tgi:8080/v1/chat/completions", "tgi"),
    ("http://localhost:11434", "ollama"), ("http://localhost:1234/v1", "lm-studio"),
    ("https://api.openai.com/v1", "openai-api"),
])
def test_a_local_web_address_on_a_shared_port_is_not_a_model_server(url: str, provider: str | None) -> None:
    from modelmap.discover.identify import classify_endpoint

    hit = classify_endpoint(url)
    assert (hit[0] if hit else None) == provider


def test_ordinary_web_code_reports_no_endpoint(tmp_path: Path) -> None:
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests/test_basic.py").write_text(
        'def test_x(client):\n    rv = client.get("/", "http://127.0.0.1:3000/")\n')
    (tmp_path / "settings.py").write_text('import os\nWEB_DOMAIN = os.environ.get("WEB_DOMAIN") or "http://localhost:3000"\n'
                                          'OPENAI_BASE_URL = "http://localhost:8000/v1"\n')
    (tmp_path / "docker-compose.yml").write_text(
        'services:\n  app:\n    healthcheck:\n      test: ["CMD", "curl", "-f", "http://localhost:8080/health"]\n')
    res = scan_paths([tmp_path], ScanOptions(jobs=1))
    assert [(f.path, f.raw) for f in res.findings] == [("settings.py", "http://localhost:8000/v1")]


# the session-9 xfail (s9-fp-ordinary-shell-paths): `cd /opt/llama.cpp-b3000` made the line a server's (llama.cpp in
# any of the first six words) and its path a positional model folder; a key file under ./models was a model folder
def test_file_utilities_and_key_files_are_not_models(tmp_path: Path) -> None:
    (tmp_path / "ops.sh").write_text(
        "#!/bin/bash\ncd /opt/llama.cpp-b3000\nchmod 600 ./models/openai-gpt-4o.key\nrm -rf /srv/vllm-0.6.3\n"
        "cat ./models/Qwen2.5-7B-Instruct.txt\n"
        # still models: a server's positional folder, a folder under models, a weight file
        "python -m vllm.entrypoints.openai.api_server /models/Qwen2.5-7B-Instruct\n"
        "mkdir -p ./models/Llama-3.1-8B-Instruct\nsha256sum ./Llama-3-8B-Q5_K_M.gguf\n")
    res = scan_paths([tmp_path], ScanOptions(jobs=1))
    assert sorted(f.raw for f in res.findings) == [
        "./Llama-3-8B-Q5_K_M.gguf", "./models/Llama-3.1-8B-Instruct", "/models/Qwen2.5-7B-Instruct"]


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-q"]))
