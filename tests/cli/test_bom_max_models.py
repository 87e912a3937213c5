"""``bom --max-models N`` lists at most N models (those used most), says so in the document and on stderr, and
``--max-models 0`` lists every model: the cap that bounds a huge BOM never hides models from a user who asks."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

APP = """from openai import OpenAI
client = OpenAI()
a = client.chat.completions.create(model="gpt-4o-mini", messages=[])
b = client.chat.completions.create(model="gpt-4o-mini", messages=[])
c = client.chat.completions.create(model="gpt-4o", messages=[])
d = client.embeddings.create(model="text-embedding-3-small", input="x")
"""


def _bom(root: Path, *extra: str, fmt: str = "json") -> subprocess.CompletedProcess[str]:
    code = "import sys; from modelmap.cli import main; sys.argv = ['modelmap', *sys.argv[1:]]; sys.exit(main())"
    return subprocess.run([sys.executable, "-c", code, "bom", str(root), "-f", fmt, *extra], capture_output=True,
                          text=True, timeout=300, env={**os.environ, "SOURCE_DATE_EPOCH": "1764720000"})


def _models(doc: dict) -> list[str]:
    return sorted(c["name"] for c in doc.get("components", []) if c.get("type") == "machine-learning-model")


def test_cap_keeps_the_most_used_and_reports_the_cut(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(APP)
    full = _bom(tmp_path, "--max-models", "0")
    assert full.returncode == 0, full.stderr
    everything = _models(json.loads(full.stdout))
    assert len(everything) == 3 and "warning" not in full.stderr
    cut = _bom(tmp_path, "--max-models", "1")
    assert cut.returncode == 0, cut.stderr
    doc = json.loads(cut.stdout)
    kept = _models(doc)
    assert len(kept) == 1 and "gpt-4o-mini" in kept[0]  # used twice: the most places
    props = {p["name"]: p["value"] for p in doc["metadata"].get("properties", [])}
    assert "3 models found" in props["modelmap:truncated"]
    assert "lists 1 of 3 models" in cut.stderr and "--max-models 0" in cut.stderr


def test_spdx_honours_the_same_option(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(APP)
    cut = _bom(tmp_path, "--max-models", "2", fmt="spdx")
    assert cut.returncode == 0, cut.stderr
    assert "lists 2 of 3 models" in cut.stderr
    assert "modelmap:truncated: 3 models found" in cut.stdout


def test_negative_is_refused(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(APP)
    bad = _bom(tmp_path, "--max-models", "-1")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_the_pre_render_count_agrees_with_the_inventory(tmp_path: Path) -> None:
    """bom counts models once before rendering (for the long-run note) without building the inventory twice."""
    import modelmap
    from modelmap.report.bom_inventory import collect, count_models

    (tmp_path / "app.py").write_text(APP + 'import requests\nrequests.post("https://api.deepseek.com/v1/chat", '
                                     'json={"model": "deepseek-chat"})\nunknown = {"model": "acme-internal-7b"}\n')
    result = modelmap.scan([tmp_path], resolve=True)
    n = count_models(result)
    assert n == len(collect(result).models) and n >= 4
