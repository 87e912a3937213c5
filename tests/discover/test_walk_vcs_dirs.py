"""A version-control store (.git, .hg, .svn) is passed over silently: not scanned, not listed as a skip."""
from __future__ import annotations

from pathlib import Path

import modelmap


def test_git_store_is_neither_scanned_nor_reported(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text('MODEL = "gpt-4o-mini"\n')
    git = tmp_path / ".git"
    (git / "refs").mkdir(parents=True)
    # a commit message or hook naming a model must not become a finding
    (git / "COMMIT_EDITMSG").write_text("switch to claude-3-5-sonnet-20241022\n")
    (git / "config").write_text('[core]\n\tbare = false\n')
    (tmp_path / ".hg").mkdir()
    (tmp_path / ".hg" / "hgrc").write_text("[ui]\nusername = x\n")
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / "x.js").write_text('const m = "gpt-4o";\n')
    result = modelmap.scan(tmp_path)
    paths = {f.path for f in result.findings}
    assert paths == {"app.py"}
    skipped = {s.path for s in result.skips}
    assert not any(p.startswith((".git", ".hg")) for p in skipped)
    # other vendored folders are still reported, so nothing else is lost silently
    assert "node_modules/" in skipped
