"""A pickle named as a weights format that holds no code is called out (tryfix35).

``modelmap inspect model.safetensors`` sniffs the content, so a pickle saved under that name read as ``format
pickle`` with its imports; but nothing said the name lies, and the name is what a reviewer, an allow-list ("only
safetensors") and a loader choosing by suffix go by. Such a file now carries a ``pickle-disguised`` security
finding, whatever it imports; a real safetensors file and a pickle under a pickle suffix do not. Nothing is loaded.
"""

from __future__ import annotations

import json
import struct
import zipfile
from pathlib import Path

import pytest

from modelmap.inspect import inspect_path

BENIGN = b"\x80\x02ccollections\nOrderedDict\n)R."  # an empty OrderedDict: no unsafe import


def _zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("archive/data.pkl", BENIGN)
        z.writestr("archive/version", "3\n")
    return path


@pytest.mark.parametrize("name", ["model.safetensors", "weights.gguf", "model.onnx", "model.tflite"])
def test_a_pickle_under_a_code_free_name_is_a_security_finding(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(BENIGN)
    rec = inspect_path(path)
    assert rec["format"] == "pickle"
    [finding] = [s for s in rec["security"] if s["id"] == "pickle-disguised"]
    assert finding["severity"] == "high" and path.suffix in finding["message"]


def test_a_torch_zip_named_safetensors_is_disguised_too(tmp_path: Path) -> None:
    rec = inspect_path(_zip(tmp_path / "model.safetensors"))
    assert rec["format"] == "pytorch-zip"
    assert [s["id"] for s in rec["security"]] == ["pickle-disguised"]


def test_honest_names_carry_no_disguise_finding(tmp_path: Path) -> None:
    (tmp_path / "pytorch_model.bin").write_bytes(BENIGN)
    _zip(tmp_path / "model.pt")
    header = json.dumps({"w": {"dtype": "F32", "shape": [64, 64], "data_offsets": [0, 16384]}}).encode()
    (tmp_path / "real.safetensors").write_bytes(struct.pack("<Q", len(header)) + header + b"\0" * 16384)
    for name in ("pytorch_model.bin", "model.pt", "real.safetensors"):
        assert inspect_path(tmp_path / name)["security"] == [], name
