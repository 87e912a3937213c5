"""An ``<owner>/<role word>`` value (``servers/reranker``, ``services/embedding``) is a folder or route named for the
role it serves, not a Hub repository (tuneB32): no Hub model is named a role word alone, and the owner is no account
the knowledge base knows. A real reranker's repository beside it is still one. The fixture is written for this test
in the shape of a RAG pipeline's YAML parameters (MCP servers by role, then each server's model)."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

PIPELINE = """\
servers:
  retriever: servers/retriever
  reranker: servers/reranker
  embedding: services/embedding

reranker:
  model_name_or_path: BAAI/bge-reranker-v2-m3
retriever:
  model_name_or_path: acme-labs/retriever-7b
"""


def test_role_word_folders_are_no_repositories(tmp_path: Path) -> None:
    got = found(tmp_path, "examples/rerank.yaml", PIPELINE)
    assert (2, "servers/retriever") not in got
    assert (3, "servers/reranker") not in got
    assert (4, "services/embedding") not in got
    assert (7, "BAAI/bge-reranker-v2-m3") in got
    assert (9, "acme-labs/retriever-7b") in got
