"""Unit tests for redteam22's fixes (session 20 of the red team), each failing without its fix:

* config_files.scan_yaml_lines (a plain YAML file over the parse cap) and the shell source read on after the file's
  findings cap had dropped a finding, to their 2 s budget (redteam19, noticed: probes s19-uri-transports-many-g,
  s19-shell-null-command-defaults): they now stop at the first line after the cap, as kubernetes.py's reader does.
* provenance: resolving a file's findings was under no budget (~0.35 ms of CPU a distinct identifier, 3-5 s for a
  file at the 10,000-findings cap after its 2 s analysis): a file's findings now resolve within
  RESOLVE_SECONDS_PER_FILE, the rest keep their findings with provenance unknown and an analysis-budget skip says so;
  a (value, identity) pair is resolved once per scan, a failure included.
* gitindex: a version 4 index's prefix compression spells ever longer paths from a few bytes each (500,000 entries of
  a 32 MB index: 125 GB of paths), and 2,000-deep paths make quadratic folder strings: both are refused (None, the
  walk's .gitignore alone decides) past MAX_PATH_BYTES / MAX_PATH_TOTAL.
Fixtures are written for these tests.
"""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from modelmap.discover.base import SourceFile, file_budget
from modelmap.types import Finding, ScanResult, ScanStats, Skip


# ---------------------------------------------------------------- line readers stop at the findings cap
def test_plain_yaml_lines_over_the_parse_cap_stop_at_the_findings_cap() -> None:
    from modelmap.discover.config_files import yaml_lines

    text = "models:\n" + "".join(f"  - oci://quay.io/ramalama/qwen2.5-{i}b:latest\n" for i in range(2_000))
    with file_budget(max_findings=20) as allowance:
        out = yaml_lines(SourceFile("g/models.yaml", text), "config", "over the parse cap")
    findings = [o for o in out if isinstance(o, Finding)]
    reasons = [o.reason for o in out if isinstance(o, Skip)]
    assert len(findings) == 20 and allowance.dropped == 1
    assert "findings-capped" in reasons
    assert allowance.steps - allowance.left < 100  # it read (and ticked) all 2,001 lines before


def test_shell_lines_stop_at_the_findings_cap() -> None:
    from modelmap.discover.shell import ShellSource

    text = "#!/bin/sh\n" + "".join(f'MODEL_{i}="qwen2.5-{i}b-instruct"\nollama pull qwen2.5:{i}b\n'
                                   for i in range(1_000))
    with file_budget(max_findings=20) as allowance:
        out = list(ShellSource().scan(SourceFile("b/run.sh", text)))
    findings = [o for o in out if isinstance(o, Finding)]
    reasons = [o.reason for o in out if isinstance(o, Skip)]
    assert len(findings) <= 20 and allowance.dropped == 1
    assert "findings-capped" in reasons
    assert allowance.steps - allowance.left < 2_000  # 2,001 lines and their commands before: ~20,000 steps


# ---------------------------------------------------------------- resolution under a budget, memoised
def _result(findings: list[Finding]) -> ScanResult:
    return ScanResult(root="/tmp/none", findings=findings, skips=[], stats=ScanStats())


def _model(path: str, raw: str, line: int) -> Finding:
    return Finding(path=path, line=line, column=1, raw=raw, kind="model-id", source="config")


def test_resolution_of_one_file_is_bounded_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    from modelmap.provenance import resolver as resolver_mod

    monkeypatch.setattr(resolver_mod, "RESOLVE_SECONDS_PER_FILE", 0.0)  # the first resolution spends it
    many = [_model("gen/models.yaml", f"qwen2.5-{i}b-generated", i) for i in range(1, 51)]
    other = _model("app.py", "gpt-4o", 1)
    out = resolver_mod.resolve_findings(_result([*many, other]), resolver=resolver_mod.default_resolver())
    assert len(out.findings) == 51  # nothing lost
    unresolved = [f for f in out.findings if "provenance not resolved" in str((f.resolution or {}).get("reason"))]
    assert len(unresolved) == 49 and all(f.path == "gen/models.yaml" for f in unresolved)
    assert all((f.resolution or {}).get("confidence") == "unknown" for f in unresolved)
    assert (next(f for f in out.findings if f.path == "app.py").resolution or {}).get("model")  # its own budget
    skips = [s for s in out.skips if s.path == "gen/models.yaml"]
    assert len(skips) == 1 and skips[0].reason == "analysis-budget" and "49 of them" in skips[0].detail
    assert out.stats.skipped.get("analysis-budget") == 1


def test_a_value_written_many_times_resolves_once_its_failure_included(monkeypatch: pytest.MonkeyPatch) -> None:
    from modelmap.errors import IdentifierError
    from modelmap.provenance import resolver as resolver_mod

    calls: list[str] = []

    def resolve(identifier: str, **_: object) -> object:
        calls.append(identifier)
        raise IdentifierError(f"not an identifier: {identifier!r}")

    monkeypatch.setattr(resolver_mod, "resolve", resolve)
    findings = [_model(f"f{i % 7}.yaml", "???", i) for i in range(1, 301)]
    out = resolver_mod.resolve_findings(_result(findings), resolver=resolver_mod.default_resolver())
    assert len(out.findings) == 300 and calls == ["???"]
    assert all((f.resolution or {}).get("confidence") == "unknown" for f in out.findings)


# ---------------------------------------------------------------- gitindex path bombs
def _entry_v2(name: bytes) -> bytes:
    head = bytes(40) + bytes(20) + struct.pack(">H", min(len(name), 0xFFF))
    body = head + name
    return body + b"\0" * (8 - len(body) % 8)


def test_v4_prefix_compression_bomb_is_refused() -> None:
    from modelmap.discover.gitindex import parse_index

    n = 6_000  # each entry keeps the whole previous path and adds one byte: path n is n bytes long (18 MB in all)
    entry = bytes(40) + bytes(20) + struct.pack(">H", 1) + b"\x00" + b"a\0"
    data = b"DIRC" + struct.pack(">II", 4, n) + entry * n
    assert parse_index(data) is None
    ok = b"DIRC" + struct.pack(">II", 4, 3) + entry * 3
    assert parse_index(ok) == ["a", "aa", "aaa"]


def test_deep_paths_whose_folders_would_be_quadratic_are_refused(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from modelmap.discover import gitindex

    monkeypatch.setattr(gitindex, "MAX_PATH_TOTAL", 1 << 20)
    names = [(f"d{i}/" + "a/" * 1_000 + "f.py").encode() for i in range(60)]  # 60 x ~1 MB of folder strings
    git = tmp_path / ".git"
    git.mkdir()
    (git / "index").write_bytes(b"DIRC" + struct.pack(">II", 2, len(names)) + b"".join(_entry_v2(n) for n in names))
    assert gitindex.parse_index((git / "index").read_bytes()) is not None  # the index itself is well formed
    tracked = gitindex.Tracked(str(tmp_path))
    assert not tracked.has("d0", True)  # refused: .gitignore alone decides
    names = names[:1]  # one such path is within the bound
    (git / "index").write_bytes(b"DIRC" + struct.pack(">II", 2, 1) + _entry_v2(names[0]))
    assert gitindex.Tracked(str(tmp_path)).has("d0", True)
