"""``modelmap inspect --fail-on-security`` gates CI on a pickle that would run code (tryfix35).

``modelmap inspect`` exits 0 when it reads every PATH, also when a file would run ``os.system`` on load, and
``check`` cannot see model files' contents: a CI job had no way to fail on the finding. With the option, a
security finding exits 1 (as a policy violation does) after printing the records; without it nothing changes;
an unreadable PATH still exits 2. The payload is bytes, never loaded.
"""

from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path

CMD = [sys.executable, "-c", "from modelmap.cli import main; main()", "inspect"]


def _files(tmp_path: Path) -> tuple[Path, Path, Path]:
    sentinel = tmp_path / "PWNED"
    cmd = f"touch {sentinel}".encode()
    evil = tmp_path / "pytorch_model.bin"
    evil.write_bytes(b"\x80\x02cos\nsystem\nX" + struct.pack("<I", len(cmd)) + cmd + b"\x85R.")
    clean = tmp_path / "clean.pt"
    clean.write_bytes(b"\x80\x02ccollections\nOrderedDict\n)R.")
    return evil, clean, sentinel


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CMD, *args], capture_output=True, text=True, timeout=120)


def test_a_security_finding_exits_1_only_with_the_option(tmp_path: Path) -> None:
    evil, clean, sentinel = _files(tmp_path)
    assert _run(str(evil)).returncode == 0
    done = _run(str(evil), "--fail-on-security")
    assert done.returncode == 1, done.stderr
    assert "1 security finding" in done.stderr and "pickle-unsafe-import" in done.stdout
    assert _run(str(clean), "--fail-on-security").returncode == 0
    assert not sentinel.exists()


def test_an_unreadable_path_still_exits_2(tmp_path: Path) -> None:
    evil, _clean, _sentinel = _files(tmp_path)
    notes = tmp_path / "notes.txt"
    notes.write_text("no model here\n")
    assert _run(str(evil), str(notes), "--fail-on-security").returncode == 2
