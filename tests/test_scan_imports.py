"""A scan pays only for what it uses (issue 10, real-code speed): without model files on disk it does not
import the artifact readers (numpy through ``gguf``), and without policy rules it does not import ``cel``.
Each import costs hundreds of milliseconds of CPU on every ``modelmap scan`` run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

_PROBE = (
    "import json, sys, modelmap\n"
    "r = modelmap.scan(sys.argv[1], resolve=True, inspect_models=True, jobs=1)\n"
    "print(json.dumps({'findings': [[f.raw, f.kind, f.resolution is not None and 'inspected' in f.resolution] "
    "for f in r.findings], 'loaded': [m for m in ('gguf', 'numpy', 'cel') if m in sys.modules]}))\n"
)


def _probe(root: Path) -> dict[str, list]:
    proc = subprocess.run([sys.executable, "-c", _PROBE, str(root)], capture_output=True, text=True, timeout=300,
                          check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_scan_without_model_files_imports_no_reader_and_no_cel(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text('from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4o")\n')
    out = _probe(tmp_path)
    assert ["gpt-4o", "api-model", False] in out["findings"]
    assert out["loaded"] == []


def test_scan_with_a_model_file_still_inspects_it(tmp_path: Path) -> None:
    # a GGUF header (magic, version 3, no tensors, no metadata): the inspection runs and records its summary
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "tiny.gguf").write_bytes(b"GGUF" + (3).to_bytes(4, "little") + bytes(16))
    out = _probe(tmp_path)
    assert ["models/tiny.gguf", "model-file", True] in out["findings"]
    assert "gguf" in out["loaded"]
