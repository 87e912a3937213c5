"""``huggingface-cli download`` / ``hf download`` record the revision they name (remote35, tryfix35 item 4), as a
Python loader call's ``revision=`` is: a Dockerfile's pinned download reads revision_pinned true."""

from __future__ import annotations

from pathlib import Path

import modelmap

SHA = "0e9e39f249a16976918f6564b8830bc894c89659"
DOCKERFILE = f"""FROM python:3.11-slim
RUN pip install -U "huggingface_hub[cli]"
RUN huggingface-cli download Qwen/Qwen2.5-7B-Instruct --local-dir /models/qwen
RUN huggingface-cli download meta-llama/Llama-3.1-8B-Instruct --revision {SHA} --local-dir /models/llama
"""
SCRIPT = """#!/bin/sh
hf download BAAI/bge-m3 --revision=$EMBED_REV
hf download Qwen/Qwen2.5-0.5B-Instruct --revision v1.0
"""


def test_cli_downloads_record_their_revision(tmp_path: Path) -> None:
    (tmp_path / "deploy").mkdir()
    (tmp_path / "deploy" / "Dockerfile").write_text(DOCKERFILE, encoding="utf-8")
    (tmp_path / "fetch.sh").write_text(SCRIPT, encoding="utf-8")
    rows = {f.raw: f.to_dict() for f in modelmap.scan(str(tmp_path), resolve=False).findings}

    def facts(raw: str) -> tuple:
        row = rows[raw]
        return row.get("revision", "absent"), row.get("revision_pinned", "absent")

    assert facts("meta-llama/Llama-3.1-8B-Instruct") == (SHA, True)
    assert f"revision:{SHA}" in rows["meta-llama/Llama-3.1-8B-Instruct"]["evidence"]
    assert facts("Qwen/Qwen2.5-7B-Instruct") == (None, False)  # no --revision: the default branch
    assert facts("BAAI/bge-m3") == (None, None)  # a variable: unknown
    assert facts("Qwen/Qwen2.5-0.5B-Instruct") == ("v1.0", False)  # a tag can move
    assert "revision_pinned" not in rows["/models/qwen"]  # the target folder records no Hub load
