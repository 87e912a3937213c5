"""A tracked file is scanned though a .gitignore pattern matches it (git ignores only untracked files): the walk reads
the repository's index (discover/gitindex.py). Repositories are made with the real git command (skipped without it)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import modelmap
from modelmap.discover.gitindex import Tracked, find_git_dir, parse_index

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="the git command makes the test repositories")


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.email=t@example.com", "-c", "user.name=t", *args], cwd=cwd, check=True,
                   capture_output=True)


def _repo(tmp_path: Path, index_version: int = 2) -> Path:
    root = tmp_path / "repo"
    (root / "basic_usage" / "untracked").mkdir(parents=True)
    (root / "other").mkdir()
    # a Go project lists its example folders to keep their compiled binaries out, and commits their sources
    (root / ".gitignore").write_text("basic_usage\n*.log\n")
    (root / "basic_usage" / "main.go").write_text('package main\n\nconst model = "qwen2.5-7b-instruct"\n')
    (root / "other" / "app.py").write_text('model = "gpt-4o"\n')
    (root / "other" / "run.log").write_text('model = "deepseek-chat"\n')
    (root / "basic_usage" / "untracked" / "x.py").write_text('model = "glm-4-plus"\n')
    _git(root, "init", "-q")
    _git(root, "add", "-f", ".gitignore", "basic_usage/main.go", "other/app.py")
    _git(root, "update-index", "--index-version", str(index_version))
    return root


@pytest.mark.parametrize("version", [2, 3, 4])
def test_tracked_file_under_an_ignored_folder_is_scanned(tmp_path: Path, version: int) -> None:
    root = _repo(tmp_path, version)
    result = modelmap.scan(str(root), resolve=False)
    found = {(f.path, f.raw) for f in result.findings}
    assert ("basic_usage/main.go", "qwen2.5-7b-instruct") in found
    assert ("other/app.py", "gpt-4o") in found
    # untracked and ignored: still left out, and said so
    skips = {s.path: s.reason for s in result.skips}
    assert skips.get("basic_usage/untracked/") == "ignored" and skips.get("other/run.log") == "ignored"
    assert not any(raw in {"deepseek-chat", "glm-4-plus"} for _, raw in found)


def test_scan_of_a_subfolder_strips_its_path_below_the_top(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    svc = root / "svc"
    (svc / "examples").mkdir(parents=True)
    (svc / ".gitignore").write_text("examples/\n")
    (svc / "examples" / "demo.py").write_text('model = "qwen3-8b"\n')
    _git(root, "add", "-f", "svc/.gitignore", "svc/examples/demo.py")
    result = modelmap.scan(str(svc), resolve=False)
    # index paths are svc/examples/demo.py; the scan root svc is stripped before the lookup
    assert ("examples/demo.py", "qwen3-8b") in {(f.path, f.raw) for f in result.findings}


def test_worktree_gitdir_file_is_followed(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    _git(root, "commit", "-q", "-m", "x")
    wt = tmp_path / "wt"
    _git(root, "worktree", "add", "-q", str(wt))
    (wt / "basic_usage" / "untracked").mkdir(exist_ok=True)
    assert (wt / ".git").is_file()
    top, git_dir = find_git_dir(str(wt / "basic_usage")) or ("", "")
    assert Path(top) == wt and (Path(git_dir) / "index").is_file()
    result = modelmap.scan(str(wt), resolve=False)
    assert ("basic_usage/main.go", "qwen2.5-7b-instruct") in {(f.path, f.raw) for f in result.findings}


def test_tracked_lookup_of_files_and_folders(tmp_path: Path) -> None:
    root = _repo(tmp_path, 4)
    tracked = Tracked(str(root))
    assert tracked.has("basic_usage/main.go", False) and tracked.has("basic_usage", True)
    assert not tracked.has("basic_usage/untracked", True) and not tracked.has("other/run.log", False)


def test_no_repository_or_a_bad_index_leaves_gitignore_in_charge(tmp_path: Path) -> None:
    (tmp_path / "plain").mkdir()
    assert not Tracked(str(tmp_path / "plain")).has("x", False)
    root = _repo(tmp_path)
    (root / ".git" / "index").write_bytes(b"DIRC\0\0\0\x02\xff\xff\xff\xff")  # 4 billion entries claimed, none there
    result = modelmap.scan(str(root), resolve=False)
    skips = {s.path: s.reason for s in result.skips}
    assert skips.get("basic_usage/") == "ignored"


@pytest.mark.parametrize("data", [b"", b"DIRC", b"XXXX\0\0\0\x02\0\0\0\x01", b"DIRC\0\0\0\x05\0\0\0\x00",
                                  b"DIRC\0\0\0\x02\0\0\0\x01" + b"\0" * 30, b"DIRC\0\0\0\x04\0\0\0\x01" + b"\0" * 62
                                  + b"\xff\xff\xff\xff\xff"])
def test_parse_index_refuses_malformed_data(data: bytes) -> None:
    assert parse_index(data) is None


def test_hostile_index_files_are_bounded(tmp_path: Path) -> None:
    import os

    root = _repo(tmp_path)
    index = root / ".git" / "index"
    index.unlink()
    os.mkfifo(index)  # a FIFO is never opened for reading (the walk would block on it)
    assert not Tracked(str(root)).has("basic_usage", True)
    index.unlink()
    with index.open("wb") as fh:  # a sparse 3 GB file: read only up to the cap, then refused
        fh.truncate(3 << 30)
    assert not Tracked(str(root)).has("basic_usage", True)
    assert {s.path: s.reason for s in modelmap.scan(str(root), resolve=False).skips}.get("basic_usage/") == "ignored"
