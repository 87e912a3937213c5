"""An app's backend name written capitalised in front of a Hub id under a model key (issue 10): a RAG library that
picks its inference backend by the id's first segment (``Transformers/Qwen/Qwen2.5-7B-Instruct``,
``Transformers/BAAI/bge-m3``) names the model the rest names, as the lower-case form (``local-infinity/org/name``)
already did; a folder (``Models/...``) and an unknown rest stay what they were. Fixture written for this test."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

RUN = """\
from ragkit import RAG, Config

config = Config(extraction_model_name="Transformers/Qwen/Qwen2.5-7B-Instruct")
rag = RAG(config, llm_model_name="Transformers/Qwen/Qwen2.5-7B-Instruct", embedding_model_name="Transformers/BAAI/bge-m3")
other = RAG(config, llm_model_name="Backend/acme/internal-thing")
"""


def test_capitalised_backend_before_hub_id(tmp_path: Path) -> None:
    got = found(tmp_path, "tests/run_transformers.py", RUN)
    assert (3, "Transformers/Qwen/Qwen2.5-7B-Instruct") in got
    assert (4, "Transformers/Qwen/Qwen2.5-7B-Instruct") in got
    assert (4, "Transformers/BAAI/bge-m3") in got
    assert not any(line == 5 for line, _ in got)
