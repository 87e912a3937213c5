"""An LLM router's registry keys written as constants (``OPENAI_GPT5``, ``VERTEX_GEMINI_2.5_PRO``) are not model ids.

Apps that route between providers (Skyvern's ``LLMConfigRegistry``, LiteLLM-style routers, ``LLM_KEY=`` settings)
name each configured model by a constant-style key: a provider or cloud word, then the model's words, upper-case and
joined by underscores. The app picks a config by it; the provider's id is in the config. No provider spells its API
ids so; an upper-case id whose first word is no provider (360's ``360GPT_S2_V9``, an API model name) stays a model.
Found on the opened held-out-13 set (session 16).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from modelmap.discover.identify import classify
from tests.discover.scan_helpers import found


@pytest.mark.parametrize("value", [
    "OPENAI_GPT5", "OPENAI_GPT4_1", "AZURE_OPENAI_GPT5_MINI", "VERTEX_GEMINI_2.5_PRO", "GEMINI_2.5_FLASH",
    "ANTHROPIC_CLAUDE4_SONNET", "BEDROCK_ANTHROPIC_CLAUDE3.5_SONNET", "XAI_GROK_4_5", "OPENROUTER_DEEPSEEK_V4_FLASH",
])
@pytest.mark.parametrize("hint", ["none", "key", "api"])
def test_registry_keys_are_not_models(value: str, hint: str) -> None:
    assert classify(value, hint) is None, (value, hint)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["360GPT_S2_V9", "gpt-4o-mini", "gemini-2.5-pro", "claude-sonnet-4-20250514",
                                   "BAAI/bge-m3"])
def test_model_ids_are_still_models(value: str) -> None:
    assert classify(value, "key") is not None, value


_PY = '''\
class Settings:
    ENABLE_VERTEX_AI: bool = False

    def model_name_to_llm_key(self) -> dict[str, dict[str, str]]:
        mapping: dict[str, dict[str, str]] = {}
        gemini_models = [
            ("gemini-2.5-pro", "VERTEX_GEMINI_2.5_PRO", "GEMINI_2.5_PRO", "Gemini 2.5 Pro"),
            ("gemini-2.5-flash", "VERTEX_GEMINI_2.5_FLASH", "GEMINI_2.5_FLASH", "Gemini 2.5 Flash"),
        ]
        for model_name, vertex_key, gemini_key, label in gemini_models:
            mapping[model_name] = {"llm_key": vertex_key if self.ENABLE_VERTEX_AI else gemini_key, "label": label}
        gpt_models = [
            ("azure/gpt-4.1", "AZURE_OPENAI_GPT4_1", "OPENAI_GPT4_1", "GPT 4.1"),
            ("azure/gpt-5", "AZURE_OPENAI_GPT5", "OPENAI_GPT5", "GPT 5"),
        ]
        for model_name, azure_key, openai_key, label in gpt_models:
            mapping[model_name] = {"llm_key": azure_key, "label": label}
        return mapping
'''


def test_a_router_table_of_ids_and_keys(tmp_path: Path) -> None:
    got = {raw for _, raw in found(tmp_path, "app/config.py", _PY)}
    assert {"gemini-2.5-pro", "gemini-2.5-flash", "azure/gpt-4.1", "azure/gpt-5"} <= got
    assert not {raw for raw in got if raw.isupper()}, got
