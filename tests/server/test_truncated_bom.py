"""A BOM capped by ``bom --max-models`` is stored as truncated: the snapshot keeps its ``modelmap:truncated``
note (CycloneDX metadata property, SPDX document comment), the upload reply and the history show it, and the
CLI's upload line says so; a complete BOM has ``truncated: null``. Before, the server read a cut BOM as the
repository's whole inventory."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_bom_max_models import APP, _bom
from tests.server.conftest import Env

pytest.importorskip("fastapi", reason="the server extra is not installed (pip install -e '.[server,test]')")


@pytest.fixture(scope="module")
def boms(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    root = tmp_path_factory.mktemp("app")
    (root / "app.py").write_text(APP)
    out = {}
    for fmt in ("json", "spdx"):
        for cap in ("0", "1"):
            done = _bom(root, "--max-models", cap, fmt=fmt)
            assert done.returncode == 0, done.stderr
            out[f"{fmt}-{cap}"] = done.stdout.encode()
    return out


@pytest.mark.parametrize("fmt", ["json", "spdx"])
def test_a_capped_bom_is_recorded_as_truncated(env: Env, boms: dict[str, bytes], fmt: str) -> None:
    reply = env.upload("acme/capped", boms[f"{fmt}-1"], env.payments, commit="c1")
    assert reply.status_code == 201, reply.text
    snap = reply.json()["snapshot"]
    assert snap["models"] == 1
    assert snap["truncated"] == "3 models found; the 1 used in the most places are listed, 2 left out"
    history = env.client.get("/api/v1/projects/acme/capped/snapshots", headers=env.auth(env.payments)).json()
    assert [s["truncated"] for s in history["snapshots"]] == [snap["truncated"]]
    # the same repository's complete BOM of a later commit is not truncated
    full = env.upload("acme/capped", boms[f"{fmt}-0"], env.payments, commit="c2").json()["snapshot"]
    assert full["models"] == 3 and full["truncated"] is None


def test_the_cli_upload_line_names_the_cut(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from modelmap.server import upload as up

    reply = {"status": "created", "snapshot": {"models": 1, "usages": 2, "truncated": "3 models found; the 1 "
                                               "used in the most places are listed, 2 left out"}}
    monkeypatch.setattr(up, "upload", lambda url, body, target, **kw: reply)
    monkeypatch.setattr(up, "ci_target", lambda root, project: up.Target(project="acme/x", commit="abc123", branch=None))
    line = up.upload_from_cli("https://mm.example", b"{}", tmp_path, None)
    assert "truncated: 3 models found" in line
    reply["snapshot"]["truncated"] = None
    assert "truncated" not in up.upload_from_cli("https://mm.example", b"{}", tmp_path, None)
