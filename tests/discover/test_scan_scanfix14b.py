"""Scan shapes grouped from held-out-10's misses in the language analysers (scanfix14b, issue 10), written here as our
own fixtures (no corpus code)."""

from __future__ import annotations

from pathlib import Path

import modelmap
from modelmap.discover.identify import classify


def _found(tmp_path: Path) -> set[tuple[str, int, str]]:
    return {(f.path, f.line, f.raw) for f in modelmap.scan(tmp_path, resolve=False).findings if f.kind != "endpoint"}


def test_siliconflow_tier_and_provider_id_prefix() -> None:
    tiered = classify("Pro/deepseek-ai/DeepSeek-V3", "none")
    assert tiered is not None and tiered.kind == "provider-prefixed" and tiered.provider == "siliconflow-cn"
    assert classify("Pro/BAAI/bge-m3", "key") is not None
    assert classify("Pro/acme/widgets", "key") is None  # the id after the tier must be a model's
    spelled = classify("siliconflow-cn:Pro/BAAI/bge-m3", "none")
    assert spelled is not None and spelled.kind == "provider-prefixed" and spelled.provider == "siliconflow-cn"
    assert classify("siliconflow-cn:deepseek-ai/DeepSeek-V3", "key") is not None
    assert classify("siliconflow-cn:not_a_model", "key") is None


PY_TABLE = '''from pydantic import BaseModel, Field


class Settings(BaseModel):
    default_model: str = Field(default="siliconflow-cn:Pro/deepseek-ai/DeepSeek-V3", description="chat")
    embed_model: str = Field(default="siliconflow-cn:Pro/BAAI/bge-m3")


PROVIDERS = {
    "siliconflow": dict(
        default="Pro/deepseek-ai/DeepSeek-V3",
        models=[
            "Pro/deepseek-ai/DeepSeek-V3",
            "Pro/BAAI/bge-m3",
        ],
    ),
}
'''


def test_python_tier_ids_in_settings_and_tables(tmp_path: Path) -> None:
    (tmp_path / "settings.py").write_text(PY_TABLE)
    found = _found(tmp_path)
    for line, raw in ((5, "siliconflow-cn:Pro/deepseek-ai/DeepSeek-V3"), (6, "siliconflow-cn:Pro/BAAI/bge-m3"),
                      (11, "Pro/deepseek-ai/DeepSeek-V3"), (13, "Pro/deepseek-ai/DeepSeek-V3"),
                      (14, "Pro/BAAI/bge-m3")):
        assert ("settings.py", line, raw) in found


def test_digitless_bedrock_shaped_names_are_no_models() -> None:
    assert classify("anthropic.acme-cache-matrix", "key") is None  # a test's own route name in Bedrock's shape
    known = classify("anthropic.claude-3-haiku-20240307-v1:0", "key")
    assert known is not None and known.provider == "aws-bedrock"
    assert classify("anthropic.claude-v2", "none") is not None
