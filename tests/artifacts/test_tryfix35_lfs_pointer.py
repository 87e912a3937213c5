"""A Git LFS pointer in place of the weights is said to be one (tryfix35).

A repository that tracks its weights with Git LFS holds ~130-byte pointer files until ``git lfs pull``. ``modelmap
inspect`` called such a file "unrecognised content matches no artifact reader", and so did the note of the scan's
inspection: a reviewer could not tell a pointer from a corrupt or unknown model file. It is now skipped as
``lfs-pointer`` with the object's sha256 and size.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from modelmap.inspect import inspect_path

OID = hashlib.sha256(b"weights").hexdigest()
POINTER = f"version https://git-lfs.github.com/spec/v1\noid sha256:{OID}\nsize 4943162240\n"


def test_a_pointer_file_is_skipped_as_an_lfs_pointer(tmp_path: Path) -> None:
    path = tmp_path / "model-00001-of-00002.safetensors"
    path.write_text(POINTER)
    rec = inspect_path(path)
    [skip] = rec["skipped"]
    assert skip["reason"] == "lfs-pointer"
    assert f"oid sha256:{OID}" in skip["detail"] and "4,943,162,240 bytes" in skip["detail"]
    assert rec["format"] is None and rec["family"] is None


def test_a_folder_of_pointers_and_the_cli_error_say_so(tmp_path: Path) -> None:
    (tmp_path / "model.safetensors").write_text(POINTER)
    (tmp_path / "pytorch_model.bin").write_text(POINTER.replace("4943162240", "12"))
    done = subprocess.run([sys.executable, "-c", "from modelmap.cli import main; main()", "inspect", str(tmp_path)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "(lfs-pointer)" in done.stderr and "git lfs pull" in done.stderr
    assert done.stdout.count("lfs-pointer") == 2


def test_text_that_only_starts_like_a_pointer_is_not_one(tmp_path: Path) -> None:
    from modelmap.inspect import lfs_pointer

    notes = tmp_path / "notes.bin"
    notes.write_text("version https://git-lfs.github.com/spec/v1 is the spec we use\nsee the wiki\n")
    assert lfs_pointer(notes) is None
    big = tmp_path / "big.bin"
    big.write_text(POINTER + "x" * 2000 + "\n")
    assert lfs_pointer(big) is None
    assert inspect_path(notes)["skipped"][0]["reason"] == "unrecognised"
