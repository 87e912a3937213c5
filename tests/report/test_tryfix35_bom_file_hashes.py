"""Both BOMs state the SHA-256 of the model files the scanned tree holds (tryfix35).

A committed weight file (an os.system pickle among them) was a machine-learning-model component with no hash in
CycloneDX and an ``ai_AIPackage`` with an empty ``verifiedUsing`` in SPDX: the first fact a supply-chain BOM
states about a file it ships. A component that is one file now has its SHA-256 (CycloneDX ``hashes``, SPDX
``verifiedUsing``) and every file a ``modelmap:file-sha256`` property; a Git LFS pointer contributes the oid it
states (the sha256 of the content, which is not in the checkout). Nothing is loaded: the pickle is bytes.
"""

from __future__ import annotations

import hashlib
import io
import json
import struct
from pathlib import Path
from typing import Any

import spdx_python_model
from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator
from spdx_python_model.bindings import v3_0_1 as spdx

import modelmap
from modelmap.report.cyclonedx import CycloneDxRenderer
from modelmap.report.spdx import SpdxRenderer

from .conftest import fixed_clock

OID = hashlib.sha256(b"the real weights").hexdigest()


def _tree(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    root = tmp_path / "repo"
    (root / "models" / "legacy").mkdir(parents=True)
    (root / "models" / "big").mkdir(parents=True)
    cmd = f"touch {tmp_path / 'PWNED'}".encode()
    pickle_bytes = b"\x80\x02cos\nsystem\nX" + struct.pack("<I", len(cmd)) + cmd + b"\x85R."
    (root / "models" / "legacy" / "pytorch_model.bin").write_bytes(pickle_bytes)
    header = json.dumps({"w": {"dtype": "F32", "shape": [64, 64], "data_offsets": [0, 16384]}}).encode()
    st = struct.pack("<Q", len(header)) + header + b"\0" * 16384
    (root / "models" / "model.safetensors").write_bytes(st)
    (root / "models" / "big" / "model-00001-of-00002.safetensors").write_text(
        f"version https://git-lfs.github.com/spec/v1\noid sha256:{OID}\nsize 4943162240\n")
    return root, {"models/legacy/pytorch_model.bin": hashlib.sha256(pickle_bytes).hexdigest(),
                  "models/model.safetensors": hashlib.sha256(st).hexdigest(),
                  "models/big/model-00001-of-00002.safetensors": OID}


def _by_file(components: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    out = {}
    for c in components:
        for p in c.get("properties", []):
            if p["name"] == "modelmap:file-sha256":
                out[p["value"].split(" ")[0]] = c
    return out


def test_cyclonedx_components_carry_the_files_sha256(tmp_path: Path) -> None:
    root, want = _tree(tmp_path)
    result = modelmap.scan([root], resolve=True)
    text = CycloneDxRenderer("json", clock=fixed_clock).render(result).decode()
    assert JsonStrictValidator(SchemaVersion.V1_6).validate_str(text) is None
    by_file = _by_file(json.loads(text)["components"])
    assert set(by_file) == set(want)
    for path, digest in want.items():
        assert by_file[path]["hashes"] == [{"alg": "SHA-256", "content": digest}], path
    lfs = [p["value"] for p in by_file["models/big/model-00001-of-00002.safetensors"]["properties"]
           if p["name"] == "modelmap:file-sha256"]
    assert lfs == [f"models/big/model-00001-of-00002.safetensors sha256:{OID} 4943162240 bytes "
                   "(from its Git LFS pointer: the content is not in the checkout)"]
    assert not (tmp_path / "PWNED").exists()


def test_spdx_packages_are_verified_using_the_files_sha256(tmp_path: Path) -> None:
    root, want = _tree(tmp_path)
    result = modelmap.scan([root], resolve=True)
    doc = json.loads(SpdxRenderer(clock=fixed_clock, version="test").render(result))
    _model, objects = spdx_python_model.load_data(doc)
    assert objects.link() == set()
    spdx.JSONLDSerializer().write(objects, io.BytesIO())
    got = {str(p.name): [(h.algorithm, h.hashValue) for h in p.verifiedUsing]
           for p in objects.foreach_type(spdx.ai_AIPackage) if p.verifiedUsing}
    assert got == {path: [(spdx.HashAlgorithm.sha256, digest)] for path, digest in want.items()}


def test_a_model_named_only_in_code_gets_no_hash(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    (root / "app.py").write_text('from transformers import AutoModel\n'
                                 'model = AutoModel.from_pretrained("weights/missing.safetensors")\n')
    result = modelmap.scan([root], resolve=True)
    comps = json.loads(CycloneDxRenderer("json", clock=fixed_clock).render(result))["components"]
    assert comps and all(not c.get("hashes") and not _by_file([c]) for c in comps)
