"""redteam35: two session-34 readers on hostile input (probes session31-compose-fallback-chain-600-deep,
session31-swift-60000-hash-run-unclosed). Fixtures written here.

* A YAML file read line by line (a fallback chain nested hundreds deep counts as deep flow nesting, so a Compose file
  holding one is not parsed) reads each ``key: ${VAR:-default}`` entry's innermost default, as the parsed walker
  (env_default_match) does; the line reader used to drop every such entry.
* A Swift file's run of more than 16 ``#`` is blanked before the parse: tree-sitter-swift's scanner took time
  growing with the square of an unclosed run (60,000: ~12 s of CPU), the file's budget ran out, and the request body
  on the next line was lost.
"""

from __future__ import annotations

from pathlib import Path

import modelmap
from modelmap.discover.polyglot import _swift_hash_runs


def _found(tmp_path: Path, name: str, text: str) -> list[tuple[int, int, str]]:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return sorted((f.line, f.column, f.raw) for f in modelmap.scan(str(path), resolve=False).findings
                  if f.kind != "endpoint")


_COMPOSE = ("services:\n  agent:\n    image: ghcr.io/acme/agent:1.4\n    environment:\n"
            "      CHAT_MODEL: ${B:-${C:-gpt-4o-mini}}\n"
            "      LLM_MODEL: " + "${A:-" * 600 + '"gpt-4o"' + "}" * 600 + "\n"
            "      EMBED_MODEL: ${EMBEDDING_MODEL:-text-embedding-3-small}\n"
            '      - RERANK_MODEL=${RERANKER:-"BAAI/bge-reranker-v2-m3"}\n'
            "      APP_NAME: ${APP_NAME:-gpt-4o}\n"
            "      OPENAI_BASE_URL: ${OPENAI_BASE_URL:-https://api.openai.com/v1}\n")


def test_line_read_compose_keeps_its_env_defaults(tmp_path: Path) -> None:
    found = _found(tmp_path, "deploy/docker-compose.yml", _COMPOSE)
    assert (5, 29, "gpt-4o-mini") in found  # at the default's own column, inside the two-level chain
    assert (7, 39, "text-embedding-3-small") in found
    assert (8, 35, "BAAI/bge-reranker-v2-m3") in found
    # neither the key nor the variable names a model: not read, as before
    assert not any(line == 9 for line, _, _ in found)


def test_swift_hash_runs_are_blanked_in_place() -> None:
    data = b'let a = #"x"#\nlet b = ###"y"###\n// ' + b"#" * 40 + b"\nlet c = " + b"#" * 17 + b'"z\n'
    out = _swift_hash_runs(data)
    assert len(out) == len(data) and out.count(b"\n") == data.count(b"\n")
    assert b'#"x"#' in out and b'###"y"###' in out  # a raw string's delimiter stays
    assert b"#" * 17 not in out and b"// " + b" " * 40 + b"\n" in out


def test_swift_request_body_after_an_unclosed_hash_run_is_read(tmp_path: Path) -> None:
    text = ("let s = " + "#" * 60_000 + '"abc\n'
            + 'let body = #"{"model":"claude-3-5-sonnet-20240620","max_tokens":1024}"#\n')
    found = _found(tmp_path, "Sources/App/Client.swift", text)
    assert [(line, raw) for line, _, raw in found] == [(2, "claude-3-5-sonnet-20240620")]
