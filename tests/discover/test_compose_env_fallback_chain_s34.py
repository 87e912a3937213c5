"""Session 34 (tuneA34): a Compose fallback chain `${A:-${B:-"id"}}` reads its innermost default."""

from __future__ import annotations

from pathlib import Path

import modelmap


def _raws(tmp_path: Path, files: dict[str, str]) -> set[tuple[str, int, str]]:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return {(f.path, f.line, f.raw) for f in modelmap.scan(str(tmp_path), resolve=False).findings
            if f.kind != "endpoint"}


def test_compose_fallback_chain_default(tmp_path: Path) -> None:
    compose = (
        "services:\n"
        "  rag-server:\n"
        "    image: acme/rag:1.0\n"
        "    environment:\n"
        "      APP_LLM_MODELNAME: ${APP_LLM_MODELNAME:-\"meta/llama-3.1-70b-instruct\"}\n"
        "      PLANNER_LLM_MODEL: ${PLANNER_LLM_MODEL:-${APP_LLM_MODELNAME:-\"meta/llama-3.1-70b-instruct\"}}\n"
        "      PLANNER_LLM_SERVERURL: ${PLANNER_LLM_SERVERURL-${APP_LLM_SERVERURL-\"nim-llm:8000\"}}\n"
        "      PLANNER_LLM_TIMEOUT: ${PLANNER_LLM_TIMEOUT:-${APP_TIMEOUT:-30}}\n"
    )
    found = _raws(tmp_path, {"deploy/docker-compose.yaml": compose})
    path = "deploy/docker-compose.yaml"
    assert (path, 5, "meta/llama-3.1-70b-instruct") in found
    assert (path, 6, "meta/llama-3.1-70b-instruct") in found
    assert not {f for f in found if f[1] in (7, 8)}
