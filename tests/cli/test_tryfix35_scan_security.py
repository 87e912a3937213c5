"""``modelmap scan`` names the security findings of the model files it inspects (tryfix35).

A pickle whose opcodes import os.system was read by ``scan --inspect`` (on by default), but the table showed the
file as one more "unknown" model and the JSON held only ``inspected.security: 1``, the same count a benign
checkpoint got: nothing said which file would run what when loaded. Each finding is now named in the JSON
(``security_findings``: id, severity, where relative to the root scanned, message, imports) and in a ``warning:
security:`` line on stderr, whatever the format. The pickles are written as bytes and never loaded: the command
they carry would create a sentinel file.
"""

from __future__ import annotations

import json
import struct
import subprocess
import sys
from pathlib import Path

CMD = [sys.executable, "-c", "from modelmap.cli import main; main()", "scan", "--no-cache"]


def _payload(sentinel: Path) -> bytes:
    cmd = f"touch {sentinel}".encode()
    return b"\x80\x02cos\nsystem\nX" + struct.pack("<I", len(cmd)) + cmd + b"\x85R."


def _repo(tmp_path: Path) -> tuple[Path, Path]:
    repo = tmp_path / "repo"
    (repo / "models" / "legacy").mkdir(parents=True)
    (repo / "models" / "clean").mkdir(parents=True)
    sentinel = tmp_path / "PWNED"
    (repo / "models" / "legacy" / "pytorch_model.bin").write_bytes(_payload(sentinel))
    # a benign pickle: an OrderedDict of two floats, no import beyond collections.OrderedDict
    (repo / "models" / "clean" / "model.pt").write_bytes(
        b"\x80\x02ccollections\nOrderedDict\n)R(X\x01\x00\x00\x00aG?\xf0\x00\x00\x00\x00\x00\x00"
        b"X\x01\x00\x00\x00bG@\x00\x00\x00\x00\x00\x00\x00u.")
    return repo, sentinel


def test_scan_json_names_the_unsafe_import_and_warns(tmp_path: Path) -> None:
    repo, sentinel = _repo(tmp_path)
    done = subprocess.run([*CMD, str(repo), "--format", "json"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    by_path = {f["path"]: (f.get("resolution") or {}).get("inspected") for f in doc["findings"]}
    bad = by_path["models/legacy/pytorch_model.bin"]
    assert bad["security"] == 1
    [named] = bad["security_findings"]
    assert named["id"] == "pickle-unsafe-import" and named["imports"] == ["os.system"]
    assert named["where"].startswith("models/legacy/pytorch_model.bin")  # relative to the root scanned
    clean = by_path["models/clean/model.pt"]
    assert clean["security"] == 0 and clean["security_findings"] == []
    warned = [line for line in done.stderr.splitlines() if line.startswith("warning: security:")]
    assert len(warned) == 1 and "models/legacy/pytorch_model.bin" in warned[0] and "os.system" in warned[0]
    assert not sentinel.exists()


def test_the_table_form_warns_too(tmp_path: Path) -> None:
    repo, sentinel = _repo(tmp_path)
    done = subprocess.run([*CMD, str(repo)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "warning: security: models/legacy/pytorch_model.bin" in done.stderr
    assert "os.system" in done.stderr
    assert not sentinel.exists()


def test_inspect_table_says_which_file_of_a_folder_holds_the_finding(tmp_path: Path) -> None:
    repo, sentinel = _repo(tmp_path)
    done = subprocess.run([sys.executable, "-c", "from modelmap.cli import main; main()", "inspect", "models"],
                          cwd=repo, capture_output=True, text=True, timeout=300)
    line = next(x for x in done.stdout.splitlines() if "pickle-unsafe-import" in x)
    assert "legacy/pytorch_model.bin" in line, done.stdout
    assert not sentinel.exists()
