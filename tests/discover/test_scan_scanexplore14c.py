"""scanexplore14c: model references that deployment configs hold where the scanner did not look.

* an ``env/`` folder that is not a Python environment (a Helm chart's ``chart/env/prod.yaml``): scanned; one with
  ``pyvenv.cfg``, ``conda-meta`` or ``bin`` + ``lib`` at its top is still skipped as vendored.

Fixtures are written for these tests (not copied from any repository)."""

from __future__ import annotations

from pathlib import Path

import modelmap
from tests.discover.scan_helpers import found as _found


def test_an_env_folder_of_per_environment_values_is_scanned(tmp_path: Path) -> None:
    found = _found(tmp_path, "chart/env/prod.yaml", "envVars:\n  TASK_MODEL: \"Qwen/Qwen2.5-7B-Instruct\"\n")
    assert (2, "Qwen/Qwen2.5-7B-Instruct") in found


def _venv(root: Path, marker: str) -> None:
    (root / "env" / "lib" / "python3.11" / "site-packages" / "pkg").mkdir(parents=True)
    (root / "env" / "lib" / "python3.11" / "site-packages" / "pkg" / "defaults.py").write_text(
        'MODEL = "gpt-4o-mini"\n')
    if marker == "pyvenv.cfg":
        (root / "env" / marker).write_text("home = /usr/bin\n")
    else:
        (root / "env" / marker).mkdir()


def test_a_python_environment_named_env_is_still_vendored(tmp_path: Path) -> None:
    for i, marker in enumerate(("pyvenv.cfg", "conda-meta", "bin")):
        root = tmp_path / str(i)
        _venv(root, marker)
        result = modelmap.scan(str(root), resolve=False)
        assert not result.findings, marker
        assert any(s.path == "env/" and s.reason == "vendored-dir" for s in result.skips), marker
