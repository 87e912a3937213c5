"""Session 35 (tuneB35): a model-routing catalogue in a Spring Boot application.yaml. Each candidate entry gives the
app's own routing id beside its provider and that provider's model (`{id: qwen3-local, provider: ollama, model:
qwen3:8b-fp16}`); the id is what the tiers, defaults and callers select, so it is reported (a known id as written,
`qwen-plus` for `qwen-plus-latest`; an app id when it reads as a model: a family word), and so is each use of it in a
tier's candidate list. Ids of other words (`rerank-noop`, `primary`) and entries without a provider are not."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_YAML = """ai:
  chat:
    candidates:
      - id: qwen-plus
        provider: bailian
        model: qwen-plus-latest
      - id: qwen3-local
        provider: ollama
        model: qwen3:8b-fp16
      - id: deepseekv4pro
        provider: siliconflow
        model: deepseek-ai/DeepSeek-V3
      - id: primary
        provider: openai
        model: gpt-4o
    tiers:
      fast:
        candidates: [ qwen-plus, qwen3-local ]
      deep:
        candidates: [ deepseekv4pro, primary ]
  rerank:
    candidates:
      - id: rerank-noop
        provider: noop
        model: noop
agents:
  - id: qwen3-helper
    model: qwen3:8b
"""


def test_routing_ids_and_their_tiers(tmp_path: Path) -> None:
    got = found(tmp_path, "bootstrap/src/main/resources/application.yaml", _YAML)
    assert {(4, "qwen-plus"), (7, "qwen3-local"), (10, "deepseekv4pro"), (18, "qwen-plus"), (18, "qwen3-local"),
            (20, "deepseekv4pro")} <= got
    assert not {raw for _, raw in got} & {"primary", "rerank-noop", "noop", "qwen3-helper"}
