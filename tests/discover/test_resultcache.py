"""The persistent per-file result cache (discover/resultcache.py): a hit gives exactly the fresh result; a
changed file, option or knowledge base misses; a hostile cache is ignored, never executed or written through."""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path
from typing import Any

import pytest

from modelmap.discover import engine, resultcache
from modelmap.discover.engine import ScanOptions, scan_paths
from modelmap.types import ScanResult

FILES = {
    "app/settings.py": 'import os\nCHAT_MODEL = os.getenv("CHAT_MODEL", "gpt-4o-mini")\n',
    "app/answer.py": "from openai import OpenAI\nfrom app.settings import CHAT_MODEL\n"
                     "OpenAI().chat.completions.create(model=CHAT_MODEL, messages=[])\n",
    "web/chat.ts": 'import OpenAI from "openai";\nconst client = new OpenAI();\n'
                   'await client.chat.completions.create({ model: "gpt-4.1", messages: [] });\n',
    "deploy/values.yaml": "model:\n  name: meta-llama/Llama-3.1-8B-Instruct\n",
    "broken.py": "def f(:\n    model = 'gpt-4o'\n",
    "notebooks/x.ipynb": json.dumps({"cells": [{"cell_type": "code", "source": ["m = 'Qwen/Qwen2.5-7B-Instruct'\n"]}]}),
    "tests/test_x.py": 'MODEL = "mistralai/Mistral-7B-Instruct-v0.3"\n',
    "readme.txt": "nothing here\n",
}


def _tree(root: Path) -> Path:
    for rel, text in FILES.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    return root


def _plain(r: ScanResult) -> dict[str, Any]:
    return {"findings": [f.to_dict() for f in r.findings], "skips": [s.to_dict() for s in r.skips],
            "scanned": r.stats.files_scanned, "matched": r.stats.files_matched}


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The relpaths actually analysed (not answered from the cache)."""
    calls: list[str] = []
    real = engine._analyse

    def spy(relpath: str, *args: Any) -> None:
        calls.append(relpath)
        real(relpath, *args)

    monkeypatch.setattr(engine, "_analyse", spy)
    return calls


def _scan(tree: Path, cache: Path | None, **kw: Any) -> ScanResult:
    return scan_paths([tree], ScanOptions(jobs=1, cache=cache, **kw))


def _cache_file(cache: Path) -> Path:
    (found,) = list(cache.glob("scan-*.json"))
    return found


def test_a_hit_is_exactly_the_fresh_result(tmp_path: Path, counted: list[str]) -> None:
    tree, cache = _tree(tmp_path / "t"), tmp_path / "c"
    fresh = _plain(_scan(tree, None))
    assert any(f["raw"] == "gpt-4o-mini" and f.get("definition") for f in fresh["findings"])  # a linked use
    assert any(s["reason"] == "parse-error" for s in fresh["skips"])
    analysed = len(counted)
    assert _plain(_scan(tree, cache)) == fresh  # cold, writing the cache
    assert len(counted) == 2 * analysed
    assert _plain(_scan(tree, cache)) == fresh  # warm
    assert len(counted) == 2 * analysed  # nothing analysed again
    assert oct(_cache_file(cache).stat().st_mode & 0o777) == oct(0o600)
    assert oct(cache.stat().st_mode & 0o777) == oct(0o700)


def test_a_changed_file_misses_and_only_it(tmp_path: Path, counted: list[str]) -> None:
    tree, cache = _tree(tmp_path / "t"), tmp_path / "c"
    _scan(tree, cache)
    (tree / "app/settings.py").write_text('import os\nCHAT_MODEL = os.getenv("CHAT_MODEL", "o3-mini")\n')
    counted.clear()
    warm = _plain(_scan(tree, cache))
    assert counted == ["app/settings.py"]
    assert warm == _plain(_scan(tree, None))
    assert any(f["raw"] == "o3-mini" for f in warm["findings"])


def test_a_moved_file_misses(tmp_path: Path, counted: list[str]) -> None:
    tree, cache = _tree(tmp_path / "t"), tmp_path / "c"
    _scan(tree, cache)
    (tree / "tests/test_x.py").rename(tree / "app/x.py")  # same bytes, another path (another context)
    counted.clear()
    warm = _plain(_scan(tree, cache))
    assert counted == ["app/x.py"]
    assert warm == _plain(_scan(tree, None))


def test_changed_options_or_knowledge_base_miss(tmp_path: Path, counted: list[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    tree, cache = _tree(tmp_path / "t"), tmp_path / "c"
    _scan(tree, cache)
    n = len(counted)
    _scan(tree, cache, budget_steps=123_456)
    assert len(counted) == 2 * n
    _scan(tree, cache, max_findings_per_file=7)
    assert len(counted) == 3 * n
    from modelmap.knowledge import loader

    monkeypatch.setattr(loader, "_digest", lambda: "another-knowledge-base")
    _scan(tree, cache)
    assert len(counted) == 4 * n
    monkeypatch.setattr(resultcache, "_code_digest", lambda: "another-modelmap")
    _scan(tree, cache)
    assert len(counted) == 5 * n


def test_custom_sources_are_never_cached(tmp_path: Path, counted: list[str]) -> None:
    tree, cache = _tree(tmp_path / "t"), tmp_path / "c"
    from modelmap.discover import SOURCES

    mine = tuple(list(SOURCES))  # equal, but not the default tuple: no fingerprint covers a caller's sources
    _scan(tree, cache, sources=mine)
    _scan(tree, cache, sources=mine)
    assert not cache.exists() or not list(cache.glob("scan-*.json"))


def _hostile_entries(cache: Path) -> None:
    path = _cache_file(cache)
    doc = json.loads(path.read_text())
    bad: list[Any] = [
        None, 1, "x", [], [1, 2, 3, 4], {"__reduce__": "os.system"},
        [doc["entries"]["app/answer.py"][0], [["app/answer.py", "1", 1, "gpt-4o", "api-model"]], [], []],
        [doc["entries"]["app/answer.py"][0], [[None] * 17], [], []],
        [doc["entries"]["app/answer.py"][0], [], [[1, 2, 3]], []],
        [doc["entries"]["app/answer.py"][0], [], [], [["p", 1, 1, "m", "n", "s", None, None, None, None, None, 5]]],
        [doc["entries"]["app/answer.py"][0], [], [], [], "extra"],
        pickle.dumps(os.system).hex(),
    ]
    for i, rel in enumerate(sorted(doc["entries"])):
        doc["entries"][rel] = bad[i % len(bad)]
    path.write_text(json.dumps(doc))


def test_hostile_entries_are_ignored(tmp_path: Path, counted: list[str]) -> None:
    tree, cache = _tree(tmp_path / "t"), tmp_path / "c"
    fresh = _plain(_scan(tree, cache))
    n = len(counted)
    _hostile_entries(cache)
    assert _plain(_scan(tree, cache)) == fresh
    assert len(counted) == 2 * n  # every file analysed again
    assert _plain(_scan(tree, cache)) == fresh  # and the cache rewritten good
    assert len(counted) == 2 * n


@pytest.mark.parametrize("body", [b"", b"not json", b"\x80\x81", b"[1,2]", b'{"schema":"modelmap.scan-cache/1"}',
                                  pickle.dumps({"entries": {}}), b"[" * 100_000])
def test_a_garbage_cache_file_is_a_miss(tmp_path: Path, counted: list[str], body: bytes) -> None:
    tree, cache = _tree(tmp_path / "t"), tmp_path / "c"
    fresh = _plain(_scan(tree, cache))
    n = len(counted)
    _cache_file(cache).write_bytes(body)
    assert _plain(_scan(tree, cache)) == fresh
    assert len(counted) == 2 * n


def test_the_cache_is_never_written_through_a_symlink(tmp_path: Path) -> None:
    tree, cache = _tree(tmp_path / "t"), tmp_path / "c"
    _scan(tree, cache)
    path = _cache_file(cache)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    path.unlink()
    path.symlink_to(victim)
    (tree / "app/x.py").write_text('M = "gpt-4o"\n')  # something new to write
    _scan(tree, cache)
    assert victim.read_text() == "keep me"
    assert not path.is_symlink()  # the link itself was replaced by the new cache file


def test_a_symlinked_cache_file_is_not_read(tmp_path: Path, counted: list[str]) -> None:
    tree, cache = _tree(tmp_path / "t"), tmp_path / "c"
    _scan(tree, cache)
    n = len(counted)
    path = _cache_file(cache)
    elsewhere = tmp_path / "elsewhere.json"
    path.rename(elsewhere)
    path.symlink_to(elsewhere)
    _scan(tree, cache)
    assert len(counted) == 2 * n


def test_a_symlinked_cache_folder_is_refused(tmp_path: Path, counted: list[str]) -> None:
    tree, real = _tree(tmp_path / "t"), tmp_path / "real"
    real.mkdir(mode=0o700)
    link = tmp_path / "c"
    link.symlink_to(real)
    _scan(tree, link)
    n = len(counted)
    _scan(tree, link)
    assert not list(real.iterdir())
    assert len(counted) == 2 * n  # no cache: everything analysed again


def test_a_foreign_or_shared_cache_folder_is_refused(tmp_path: Path, counted: list[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    tree, cache = _tree(tmp_path / "t"), tmp_path / "c"
    cache.mkdir(mode=0o700)
    os.chmod(cache, 0o777)  # writable by anyone: refused
    _scan(tree, cache)
    assert not list(cache.iterdir())
    os.chmod(cache, 0o700)
    monkeypatch.setattr(os, "getuid", lambda: os.stat(cache).st_uid + 1)  # owned by someone else: refused
    _scan(tree, cache)
    assert not list(cache.iterdir())


def test_a_budget_cut_analysis_is_not_stored(tmp_path: Path, counted: list[str]) -> None:
    tree, cache = _tree(tmp_path / "t"), tmp_path / "c"
    first = _plain(_scan(tree, cache, budget_steps=5))
    assert any(s["reason"] == "analysis-budget" for s in first["skips"])
    cut = {s["path"] for s in first["skips"] if s["reason"] == "analysis-budget"}
    counted.clear()
    again = _plain(_scan(tree, cache, budget_steps=5))
    assert again == first
    assert set(counted) == cut


def test_forked_helpers_share_the_cache(tmp_path: Path) -> None:
    tree, cache = _tree(tmp_path / "t"), tmp_path / "c"
    for i in range(60):  # enough folders to split the walk between 2 jobs
        d = tree / f"pkg{i}"
        d.mkdir()
        (d / "m.py").write_text(f'MODEL = "gpt-4o-{i}"\nfrom openai import OpenAI\nOpenAI().chat.completions.create(model=MODEL)\n')
    fresh = _plain(scan_paths([tree], ScanOptions(jobs=2)))
    cold = _plain(scan_paths([tree], ScanOptions(jobs=2, cache=cache)))
    warm = _plain(scan_paths([tree], ScanOptions(jobs=2, cache=cache)))
    assert cold == fresh == warm
    entries = json.loads(_cache_file(cache).read_text())["entries"]
    assert all(f"pkg{i}/m.py" in entries for i in range(60))
