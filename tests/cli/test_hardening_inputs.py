"""Hardening of inputs other than the scanned code: git revisions (no option injection), diff
inputs (committed symlinks, malformed JSON), Hub replies (--online) and the on-disk caches.
Items 10-13 of the hardening brief."""

from __future__ import annotations

import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

CALL = "c.chat.completions.create(model='gpt-4o')\n"


def run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("modelmap")
    cmd = [exe, *args] if exe else [sys.executable, "-c", "from modelmap.cli import main; main()", *args]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, timeout=180, check=False,
                          env={**os.environ, "MODELMAP_CACHE_DIR": str(cwd / ".cache"), **(env or {})})


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
                   check=True, capture_output=True)


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    (root / "app.py").write_text(CALL)
    git(root, "add", ".")
    git(root, "commit", "-qm", "one")
    (root / "x").symlink_to("/etc/passwd")
    (root / "more.py").write_text("c.chat.completions.create(model='deepseek-chat')\n")
    git(root, "add", ".")
    git(root, "commit", "-qm", "two")
    return root


# --------------------------------------------------------------------------- 10: diff


def test_diff_skips_a_committed_absolute_symlink_with_a_reason(repo: Path) -> None:
    proc = run("diff", "HEAD~1", "HEAD", "-f", "json", cwd=repo)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert [s["path"] for s in doc["new"]["skipped"]] == ["x"]
    assert "skipped x" in proc.stderr and "Traceback" not in proc.stderr
    import jsonschema

    from tests.conftest import load_schema

    jsonschema.validate(doc, load_schema("diff.schema.json"))
    md = run("diff", "HEAD~1", "HEAD", "-f", "md", cwd=repo)
    assert md.returncode == 0 and "skipped `x`" in md.stdout


@pytest.mark.parametrize("doc", [
    {"schema": "modelmap.scan/1", "findings": "nope"},
    {"schema": "modelmap.scan/1", "findings": [{"resolution": []}]},
    {"schema": "modelmap.scan/1", "findings": [{"resolution": {"model": "x", "origins": 5}}]},
    {"bomFormat": "CycloneDX", "components": [{"type": "machine-learning-model", "properties": [1]}]},
    {"bomFormat": "CycloneDX", "components": {"a": 1}},
    {"bomFormat": "CycloneDX", "components": [{"type": "machine-learning-model", "evidence": "e"}]},
    [1, 2],
])
def test_diff_rejects_malformed_json_with_exit_2(doc: object, tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text(json.dumps(doc))
    (tmp_path / "good.json").write_text(json.dumps({"schema": "modelmap.scan/1", "findings": []}))
    proc = run("diff", "bad.json", "good.json", cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert "bad.json" in proc.stderr and "Traceback" not in proc.stderr


def test_diff_rejects_deeply_nested_json(tmp_path: Path) -> None:
    (tmp_path / "deep.json").write_text('{"schema": "modelmap.scan/1", "findings": ' + "[" * 100_000 + "]" * 100_000 + "}")
    (tmp_path / "deep2.json").write_text('{"schema": "modelmap.scan/1", "findings": [' + "[" * 500 + "]" * 500 + "]}")
    for name in ("deep.json", "deep2.json"):
        proc = run("diff", name, name, cwd=tmp_path)
        assert proc.returncode == 2, proc.stderr
        assert "nested" in proc.stderr and "Traceback" not in proc.stderr


# --------------------------------------------------------------------------- 11: option injection


@pytest.mark.parametrize("rev", ["--output=PWNED", "-p", "--exec=touch PWNED"])
def test_revisions_cannot_be_git_options(rev: str, repo: Path) -> None:
    proc = run("scan", ".", f"--changed-since={rev}", cwd=repo)
    assert proc.returncode == 2, proc.stderr
    assert "is not a git revision" in proc.stderr and "Traceback" not in proc.stderr
    proc = run("diff", "--repo", ".", "HEAD", "--", rev, cwd=repo)
    assert proc.returncode == 2, proc.stderr
    assert not (repo / "PWNED").exists() and not (repo / "PWNED^{commit}").exists()


def test_changed_since_with_a_real_revision_still_works(repo: Path) -> None:
    proc = run("scan", ".", "--changed-since", "HEAD~1", "-f", "json", cwd=repo)
    assert proc.returncode == 0, proc.stderr
    assert {f["path"] for f in json.loads(proc.stdout)["findings"]} == {"more.py"}
    proc = run("scan", ".", "--changed-since", "no-such-branch", cwd=repo)
    assert proc.returncode == 2 and "not a git revision" in proc.stderr


# --------------------------------------------------------------------------- 12: --online


class _Hub(http.server.BaseHTTPRequestHandler):
    replies: ClassVar[dict[str, bytes]] = {}
    calls: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).calls.append(self.path)
        body = self.replies.get(self.path.removeprefix("/api/models/"), b'{"error": "not found"}')
        self.send_response(200 if self.path.removeprefix("/api/models/") in self.replies else 404)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def hub() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Hub)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Hub.calls = []
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def _reply(repo_id: str, base: object) -> bytes:
    return json.dumps({"id": repo_id, "author": repo_id.split("/")[0],
                       "cardData": {"base_model": base, "license": "apache-2.0"}}).encode()


@pytest.mark.parametrize("base", [[f"org/m{i}" for i in range(200_000)], "qwen/qwen2.5-7b\x1b[2J", ["a b"], 5])
def test_invalid_hub_replies_are_ignored_and_never_cached(base: object, hub: str, tmp_path: Path) -> None:
    ident = "example-lab/hostile-7b"
    _Hub.replies = {ident: _reply(ident, base)}
    env = {"HF_ENDPOINT": hub, "HF_HUB_OFFLINE": "0"}
    for _ in range(2):
        start = time.monotonic()
        proc = run("trace", ident, "--online", "-f", "json", cwd=tmp_path, env=env)
        assert proc.returncode == 0, proc.stderr
        assert time.monotonic() - start < 150  # generous: it must simply not hang
        assert "invalid Hugging Face Hub reply" in proc.stderr and "\x1b" not in proc.stderr
        assert json.loads(proc.stdout)["query"] == ident
    assert len(_Hub.calls) == 2  # not cached: asked again
    assert not list((tmp_path / ".cache" / "hub").glob("*.json")) if (tmp_path / ".cache" / "hub").exists() else True


def test_a_valid_hub_reply_is_used_and_cached(hub: str, tmp_path: Path) -> None:
    ident = "example-lab/fine-tune-7b"
    _Hub.replies = {ident: _reply(ident, "Qwen/Qwen2.5-7B-Instruct")}
    for _ in range(2):
        proc = run("trace", ident, "--online", "-f", "json", cwd=tmp_path, env={"HF_ENDPOINT": hub, "HF_HUB_OFFLINE": "0"})
        assert proc.returncode == 0, proc.stderr
        doc = json.loads(proc.stdout)
        assert "CN" in doc["origins"] and doc["edges"][0]["parent"] == "qwen/qwen2.5-7b-instruct"
    assert len(_Hub.calls) == 1


def test_an_oversized_hub_reply_is_refused(hub: str, tmp_path: Path) -> None:
    ident = "example-lab/huge-7b"
    _Hub.replies = {ident: b'{"id": "example-lab/huge-7b", "pad": "' + b"x" * (3 * 1024 * 1024) + b'"}'}
    proc = run("trace", ident, "--online", "-f", "json", cwd=tmp_path, env={"HF_ENDPOINT": hub, "HF_HUB_OFFLINE": "0"})
    assert proc.returncode == 0 and "larger than" in proc.stderr


# --------------------------------------------------------------------------- 13: caches


@pytest.mark.parametrize("content", [b"null", b"[]", b'{"publishers": []}', b"{", b"\xff"])
def test_a_damaged_knowledge_index_cache_is_rebuilt(content: bytes, tmp_path: Path) -> None:
    first = run("trace", "gpt-4o", "-f", "json", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    (cache,) = (tmp_path / ".cache").glob("kb-*.json")
    cache.write_bytes(content)
    for _ in range(2):
        proc = run("trace", "gpt-4o", "-f", "json", cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        assert json.loads(proc.stdout)["model"]["id"] == "openai/gpt-4o"
    json.loads(cache.read_bytes())  # repaired on the next run


def test_stale_temp_files_of_killed_runs_are_swept(tmp_path: Path) -> None:
    from modelmap.fsutil import store_cache

    folder = tmp_path / "cache"
    folder.mkdir()
    stale = folder / ".kb-1.json.modelmap-abc123.tmp"
    fresh = folder / ".kb-2.json.modelmap-def456.tmp"
    other = folder / "someone-elses.tmp"
    for f in (stale, fresh, other):
        f.write_bytes(b"x" * 1000)
    old = time.time() - 2 * 3600
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    store_cache(folder / "kb-3.json", b"{}")
    assert not stale.exists() and fresh.exists() and other.exists()
    assert (folder / "kb-3.json").read_bytes() == b"{}"


def test_inspect_cache_bounds_entry_and_total_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from modelmap.artifacts import cache

    monkeypatch.setenv("MODELMAP_CACHE_DIR", str(tmp_path))
    folder = tmp_path / "inspect"
    folder.mkdir()
    cache._store(folder / "huge.json", {"v": 1, "info": {"metadata": {"x": "y" * (cache.MAX_ENTRY_BYTES + 1)}}})
    assert not (folder / "huge.json").exists()
    for i in range(6):
        entry = folder / f"e{i}.json"
        entry.write_bytes(b"0" * 1000)
        os.utime(entry, (1000 + i, 1000 + i))
    cache.evict(folder, limit=3500)
    assert sorted(p.name for p in folder.glob("*.json")) == ["e3.json", "e4.json", "e5.json"]
