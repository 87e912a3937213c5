"""Scan fixes from the held-out-11 misses (session 13, scanfix15b): Spring property placeholders with a default,
model weight files linked by URL in a catalogue entry."""

from __future__ import annotations

from modelmap.discover.base import SourceFile
from modelmap.discover.config_files import ConfigFileSource
from modelmap.types import Finding


def found(path: str, text: str) -> dict[tuple[int, str], Finding]:
    return {(f.line, f.raw): f for f in ConfigFileSource().scan(SourceFile(path, text, "config"))
            if isinstance(f, Finding)}


SPRING_YML = """\
agentscope:
  dashscope:
    api-key: ${DASHSCOPE_API_KEY:}
    model-name: ${DATAAGENT_MODEL_NAME:qwen-max}
    stream: true
spring:
  ai:
    openai:
      chat:
        options:
          model: ${spring.ai.chat.model:gpt-4o-mini}
  datasource:
    url: ${DB_URL:jdbc:h2:mem:test}
app:
  model: ${MODEL_NAME:?set MODEL_NAME}
  fallback-model: ${FALLBACK_MODEL:+gpt-4o}
  embedding-model: ${env:EMBEDDING_MODEL}
"""


def test_spring_placeholder_default_is_the_model() -> None:
    out = found("src/main/resources/application.yml", SPRING_YML)
    qwen = out[(4, "qwen-max")]
    assert (qwen.column, qwen.kind) == (40, "api-model")
    assert out[(11, "gpt-4o-mini")].kind == "api-model"  # a dotted property name as the placeholder
    # the shell's ${VAR:?message} and ${VAR:+other} give no default; ${env:VAR} has none; an empty default is nothing
    assert {raw for _, raw in out} == {"qwen-max", "gpt-4o-mini"}
