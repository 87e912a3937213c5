"""A plain-text model pick-list (one id a line, ``ModelListSource``) is one table: the lines the knowledge base does
not know are models by the company of the many it knows (peer evidence), while a file of few known lines stays as it
was. Fixtures written for these tests."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

KNOWN = ["llama3.1:8b", "llama3.1:70b", "qwen2.5:7b", "qwen2.5:14b", "gemma2:9b", "mistral:7b", "phi3:3.8b",
         "codellama:13b"]
UNKNOWN = ["zorblat-chat:7b", "quillfin:13b", "nebulite-coder:34b"]


def test_unknown_tags_among_known_ones(tmp_path: Path) -> None:
    text = "\n".join(KNOWN + UNKNOWN) + "\n"
    got = found(tmp_path, "src/Llm/OllamaModelList.txt", text)
    first = len(KNOWN) + 1
    for offset, tag in enumerate(UNKNOWN):
        assert (first + offset, tag) in got


def test_few_known_lines_make_no_peers(tmp_path: Path) -> None:
    text = "llama3.1:8b\nzorblat-chat:7b\nremember-to-pull\nquillfin:13b\n"
    got = found(tmp_path, "src/Llm/OllamaModelList.txt", text)
    assert (2, "zorblat-chat:7b") not in got and (4, "quillfin:13b") not in got
