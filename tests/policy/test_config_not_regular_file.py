"""`--config` naming something that exists but is not a file says so (tryout23).

`modelmap check -c /dev/null` said "config file '/dev/null' does not exist", which sends the user looking for a typo
in a path that is there."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from modelmap.policy.config import ConfigError, load_config


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs os.mkfifo")
def test_fifo_config_is_not_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "modelmap.yaml"
    os.mkfifo(fifo)
    with pytest.raises(ConfigError) as info:
        load_config(fifo)  # must not open (and block on) the FIFO either
    assert "is not a regular file" in info.value.message
    assert "does not exist" not in info.value.message


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="needs /dev/null")
def test_check_with_dev_null_config_exits_2_and_names_the_reason(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text("MODEL = 'gpt-4o'\n", encoding="utf-8")
    exe = shutil.which("modelmap")
    cmd = [exe] if exe else [sys.executable, "-c", "from modelmap.cli import main; main()"]
    done = subprocess.run([*cmd, "check", str(tmp_path), "-c", "/dev/null"], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 2, done.stderr
    assert "is not a regular file" in done.stderr and "Traceback" not in done.stderr, done.stderr


def test_missing_config_file_still_does_not_exist(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path / "nope.yaml")
    assert "does not exist" in info.value.message
