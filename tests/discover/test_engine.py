"""The scan engine: what is scanned, what is skipped and why, and that a scan always finishes."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

import modelmap
from modelmap.errors import UsageError
from tests.conftest import FIXTURES

APP = FIXTURES / "repos" / "py-rag-app"


def raws(result, path: str | None = None) -> list[str]:
    return [f.raw for f in result.findings if f.kind != "endpoint" and (path is None or f.path == path)]


def test_python_fixture_findings_and_positions() -> None:
    result = modelmap.scan(APP)
    by = {(f.path, f.raw): f for f in result.findings}
    f = by[("src/rag/config.py", "gpt-4o-mini")]
    assert (f.line, f.column, f.kind, f.context) == (3, 37, "api-model", "app")  # column of the identifier, inside the quotes
    # issue 13: the constant defined in config.py is used where it reaches SentenceTransformer
    bge = by[("src/rag/pipeline.py", "BAAI/bge-small-en-v1.5")]
    assert bge.kind == "hf-repo" and bge.role == "embedding" and bge.api == "sentence-transformers"
    assert bge.definition is not None and (bge.definition.path, bge.definition.line) == ("src/rag/config.py", 4)
    assert ("src/rag/config.py", "BAAI/bge-small-en-v1.5") not in by
    qwen = [x for x in result.findings if x.raw == "Qwen/Qwen2.5-1.5B-Instruct"]
    assert [x.line for x in qwen] == [19, 20]
    assert {x.role for x in qwen} == {"generation", "unknown"} or {x.role for x in qwen} == {"generation"}
    kimi = by[("src/rag/pipeline.py", "moonshot-v1-8k")]
    assert kimi.endpoint == "https://api.moonshot.cn/v1"
    assert kimi.provider and kimi.provider.startswith("moonshot")
    assert by[("src/rag/config.py", "claude-3-5-sonnet-20241022")].kind == "api-model"
    # not models: GitHub slug, MIME type, docker image, data file
    assert not {"langchain-ai/langchain", "application/json", "vllm/vllm-openai:latest", "data/docs.csv"} & set(raws(result))


def test_context_and_gitignore(tmp_path: Path) -> None:
    # the ignored file cannot be committed (git ignores it too), so the test writes it into a copy
    app = tmp_path / "app"
    shutil.copytree(APP, app)
    (app / "secret_models.py").write_text('MODEL = "gpt-4-turbo"\n')
    result = modelmap.scan(app)
    test_hits = [f for f in result.findings if f.path == "tests/test_pipeline.py"]
    assert test_hits and all(f.context == "test" for f in test_hits)
    assert "gpt-4-turbo" not in raws(result), "secret_models.py is gitignored"
    assert result.stats.skipped.get("ignored", 0) >= 1
    unignored = modelmap.scan(app, gitignore=False)
    assert "gpt-4-turbo" in raws(unignored)


def test_notebook_lines_point_into_the_ipynb_file() -> None:
    result = modelmap.scan(APP)
    nb = [f for f in result.findings if f.path == "notebooks/explore.ipynb"]
    by = {f.raw: f for f in nb}
    lines = (APP / "notebooks" / "explore.ipynb").read_text().splitlines()
    minilm = by["sentence-transformers/all-MiniLM-L6-v2"]
    assert "all-MiniLM-L6-v2" in lines[minilm.line - 1]
    assert (minilm.cell, minilm.cell_line, minilm.context, minilm.role) == (1, 3, "notebook", "embedding")
    llama = by["llama3.1:8b"]
    assert "llama3.1:8b" in lines[llama.line - 1] and llama.kind == "ollama-tag" and llama.cell == 2
    assert "gpt-4o" not in by, "markdown cells are not code"


def _write(path: Path, data: bytes | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)


def test_bad_inputs_become_counted_skips(tmp_path: Path) -> None:
    _write(tmp_path / "ok.py", 'MODEL = "gpt-4o"\n')
    _write(tmp_path / "latin1.py", b'MODEL = "gpt-4o"  # caf\xe9\n')
    _write(tmp_path / "broken.py", 'def f(:\n  MODEL = "gpt-4o"\n')
    _write(tmp_path / "broken.ipynb", '{"cells": [{"source": "model = ')
    _write(tmp_path / "binary.py", b"\x00\x01\x02 gpt-4o")
    _write(tmp_path / "huge.py", "# model\n" + "x = 1\n" * 300_000)
    _write(tmp_path / "package-lock.json", '{"model": "gpt-4o"}')
    _write(tmp_path / "dist.min.js", "var a='gpt-4o';" * 500)
    _write(tmp_path / "node_modules" / "openai" / "index.js", 'const m = "gpt-4o"')
    os.symlink(tmp_path, tmp_path / "loop")
    os.symlink(tmp_path / "missing.py", tmp_path / "dangling.py")
    result = modelmap.scan(tmp_path, max_file_bytes=1_000_000)
    reasons = {s.path: s.reason for s in result.skips}
    assert reasons["latin1.py"] == "invalid-utf8"
    assert reasons["broken.py"] == "parse-error"
    assert reasons["broken.ipynb"] == "parse-error"
    assert reasons["binary.py"] == "binary"
    assert reasons["huge.py"] == "too-large"
    assert reasons["package-lock.json"] == "lock-file"
    assert reasons["dist.min.js"] == "minified"
    assert reasons["node_modules/"] == "vendored-dir"
    assert reasons["loop"] == "symlink-dir"
    assert reasons["dangling.py"] == "broken-symlink"
    # a Python file that does not parse is still read through the tree-sitter grammar (scan22a): its literal is found
    # beside the parse-error skip
    assert sorted((f.path, f.raw) for f in result.findings) == [("broken.py", "gpt-4o"), ("ok.py", "gpt-4o")]
    assert sum(result.stats.skipped.values()) == len(result.skips)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file, so an unreadable file cannot be made")
def test_unreadable_file_is_a_skip(tmp_path: Path) -> None:
    target = tmp_path / "secret.py"
    _write(target, 'M = "gpt-4o"')
    target.chmod(0)
    result = modelmap.scan(tmp_path)
    assert [s.reason for s in result.skips] == ["unreadable"]


def test_modelmapignore_include_exclude_and_several_paths(tmp_path: Path) -> None:
    _write(tmp_path / "a" / "one.py", 'MODEL = "gpt-4o"\n')
    _write(tmp_path / "a" / "two.py", 'MODEL = "gpt-4o-mini"\n')
    _write(tmp_path / "b" / "three.py", 'MODEL = "o3-mini"\n')
    _write(tmp_path / ".modelmapignore", "a/two.py\n")
    assert sorted(raws(modelmap.scan(tmp_path))) == ["gpt-4o", "o3-mini"]
    assert raws(modelmap.scan(tmp_path, include=["b/**"])) == ["o3-mini"]
    assert raws(modelmap.scan(tmp_path, exclude=["b/"])) == ["gpt-4o"]
    both = modelmap.scan([tmp_path / "a", tmp_path / "b"])
    assert sorted(f.path for f in both.findings) == ["a/one.py", "b/three.py"]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_changed_since_scans_only_changed_files(tmp_path: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(tmp_path), *args], check=True, capture_output=True)

    git("init", "-q")
    git("config", "user.email", "t@example.com")
    git("config", "user.name", "t")
    _write(tmp_path / "old.py", 'MODEL = "gpt-4o"\n')
    git("add", ".")
    git("commit", "-qm", "one")
    _write(tmp_path / "new.py", 'MODEL = "deepseek-chat"\n')
    _write(tmp_path / "old2.py", 'MODEL = "o3-mini"\n')
    git("add", "new.py")
    result = modelmap.scan(tmp_path, changed_since="HEAD")
    assert sorted(raws(result)) == ["deepseek-chat", "o3-mini"]
    assert result.stats.skipped["unchanged"] == 1
    with pytest.raises(UsageError):
        modelmap.scan(tmp_path, changed_since="no-such-rev")


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        modelmap.scan(tmp_path / "nope")


def test_parallel_and_serial_scans_agree(tmp_path: Path) -> None:
    for i in range(450):
        _write(tmp_path / f"pkg{i % 9}" / f"m{i}.py", f'MODEL_{i} = "gpt-4o"\nX = {i}\n' if i % 3 == 0 else f"X = {i}\n")
    serial = modelmap.scan(tmp_path, jobs=1)
    parallel = modelmap.scan(tmp_path, jobs=2)
    assert [f.to_dict() for f in serial.findings] == [f.to_dict() for f in parallel.findings]
    assert serial.stats.files_scanned == parallel.stats.files_scanned == 450
    assert len(serial.findings) == 150


def _wide_tree(root: Path) -> None:
    """40 top-level directories (more than the 32 the parent lists before handing directories to
    workers), nested ignore files, vendored dirs and binaries deep inside the handed-out parts."""
    _write(root / ".gitignore", "*.log\nbuild-out/\n")
    for d in range(40):
        base = root / f"svc{d:02d}" / "src"
        _write(base / "llm.py", f'MODEL = "qwen2.5:{d}b"\n' if d % 2 else "X = 1\n")
        _write(base / "emb.ts", 'import {{ pipeline }} from "@huggingface/transformers";\n'
               'const e = await pipeline("feature-extraction", "BAAI/bge-m3");\n'.replace("{{", "{").replace("}}", "}"))
        _write(base / "debug.log", 'model = "gpt-4o"\n')  # ignored by the root .gitignore
        _write(base / "build-out" / "gen.py", 'M = "gpt-4o"\n')  # ignored directory
        _write(base / "node_modules" / "x" / "i.js", 'const m = "gpt-4o"\n')
        _write(base / "img.png", b"\x89PNG\r\n\x1a\n" + bytes(64))
    _write(root / "svc07" / ".modelmapignore", "src/emb.ts\n")  # nested ignore file in a handed-out dir


def test_parallel_scan_with_directories_handed_to_workers_matches_serial(tmp_path: Path) -> None:
    _wide_tree(tmp_path)
    serial = modelmap.scan(tmp_path, jobs=1)
    parallel = modelmap.scan(tmp_path, jobs=2)
    assert [f.to_dict() for f in parallel.findings] == [f.to_dict() for f in serial.findings]
    assert [(s.path, s.reason) for s in parallel.skips] == [(s.path, s.reason) for s in serial.skips]
    assert parallel.stats.skipped == serial.stats.skipped
    assert parallel.stats.files_scanned == serial.stats.files_scanned == 80 - 1
    raws_seen = raws(parallel)
    assert raws_seen.count("BAAI/bge-m3") == 39  # svc07's copy is ignored by its .modelmapignore
    assert raws_seen.count("gpt-4o") == 0
    assert sum(1 for r in raws_seen if r.startswith("qwen2.5:")) == 20
    reasons = {s.path: s.reason for s in parallel.skips}
    assert reasons["svc03/src/debug.log"] == "ignored"
    assert reasons["svc03/src/build-out/"] == "ignored"
    assert reasons["svc03/src/node_modules/"] == "vendored-dir"
    assert reasons["svc07/src/emb.ts"] == "ignored"


def test_a_helper_process_that_dies_loses_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from modelmap.discover import engine

    _wide_tree(tmp_path)
    expected = modelmap.scan(tmp_path, jobs=1)
    parent = os.getpid()
    real = engine._run_unit

    def crash_in_helper(index: int):  # the forked helper dies on the first unit it takes
        if os.getpid() != parent:
            os._exit(3)
        return real(index)

    monkeypatch.setattr(engine, "_run_unit", crash_in_helper)
    result = modelmap.scan(tmp_path, jobs=3)
    assert [f.to_dict() for f in result.findings] == [f.to_dict() for f in expected.findings]
    assert result.stats.files_scanned == expected.stats.files_scanned


def test_progress_in_a_parallel_scan_counts_up_to_the_end(tmp_path: Path) -> None:
    _wide_tree(tmp_path)
    calls: list[tuple[int, int]] = []
    modelmap.scan(tmp_path, jobs=2, progress=lambda done, total: calls.append((done, total)))
    assert calls, "no progress reported"
    assert calls[-1][0] == calls[-1][1] > 0
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert len({t for _, t in calls}) == 1


def test_without_fork_the_scan_runs_in_one_process_and_finds_the_same(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from modelmap.discover import engine

    _wide_tree(tmp_path)
    expected = modelmap.scan(tmp_path, jobs=2)
    monkeypatch.setattr(engine, "_can_fork", lambda: False)
    monkeypatch.setattr(engine, "_worker", None)  # would raise if a helper were started
    result = modelmap.scan(tmp_path, jobs=2)
    assert [f.to_dict() for f in result.findings] == [f.to_dict() for f in expected.findings]
    assert result.stats.files_scanned == expected.stats.files_scanned
