"""Issue 10, session 22 (open20c): the arms of a Rust / PHP ``match`` and a Kotlin ``when`` expression are one table
for peer evidence, as a switch's cases are (an enum-to-model-id map in a provider client names models the knowledge
base does not know beside a dozen it does)."""

from __future__ import annotations

from pathlib import Path

import modelmap
from modelmap.types import Finding


def _scan(tmp_path: Path, name: str, text: str) -> dict[str, Finding]:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return {f.raw: f for f in modelmap.scan(str(tmp_path), resolve=False).findings if f.kind != "endpoint"}


_RUST_CLIENT = """\
pub enum LumenModel {
    Gpt4o,
    Gpt4oMini,
    Qwen25_7B,
    Qwen25_72B,
    DeepseekChat,
    Lumen3Lite,
    Lumen3Pro,
}

impl LumenModel {
    pub fn id(&self) -> String {
        match self {
            LumenModel::Gpt4o => "gpt-4o".to_string(),
            LumenModel::Gpt4oMini => "gpt-4o-mini".to_string(),
            LumenModel::Qwen25_7B => "qwen2.5-7b-instruct".to_string(),
            LumenModel::Qwen25_72B => "qwen2.5-72b-instruct".to_string(),
            LumenModel::DeepseekChat => "deepseek-chat".to_string(),
            LumenModel::Lumen3Lite => "lumen-3-lite-8k".to_string(),
            LumenModel::Lumen3Pro => "lumen-3-pro-32k".to_string(),
        }
    }
}

pub enum Role {
    System,
    User,
    Tool,
}

impl Role {
    pub fn as_str(&self) -> &'static str {
        match self {
            Role::System => "system-prompt",
            Role::User => "user-turn",
            Role::Tool => "tool-call",
        }
    }
}
"""


def test_rust_match_arms_mapping_an_enum_to_ids_are_one_table(tmp_path: Path) -> None:
    found = _scan(tmp_path, "src/llm/lumen/client.rs", _RUST_CLIENT)
    # the known ids are found on their own; the arms beside them name models the knowledge base does not know
    assert {"gpt-4o", "gpt-4o-mini", "qwen2.5-7b-instruct", "deepseek-chat"} <= set(found)
    for raw in ("lumen-3-lite-8k", "lumen-3-pro-32k"):
        assert raw in found, sorted(found)
        # peer evidence, or the `match self` in `impl LumenModel` (the type's own name says its arms' strings are
        # model ids, tuneC30)
        assert any(e.startswith("peers:") or e == "switch:LumenModel" for e in found[raw].evidence or ()), \
            found[raw].evidence
    # a match of the same shape with no recognised model in it is no model table
    assert not {"system-prompt", "user-turn", "tool-call"} & set(found)


_KOTLIN = """\
package dev.lumen.client

enum class Tier { FAST, SMART, VISION, CHEAP, HOUSE }

fun modelFor(tier: Tier): String = when (tier) {
    Tier.FAST -> "gpt-4o-mini"
    Tier.SMART -> "claude-3-5-sonnet-20241022"
    Tier.VISION -> "gemini-1.5-pro"
    Tier.CHEAP -> "deepseek-chat"
    Tier.HOUSE -> "lumen-3-pro-32k"
}

fun label(tier: Tier): String = when (tier) {
    Tier.FAST -> "fast-lane"
    Tier.SMART -> "smart-lane"
    else -> "slow-lane"
}
"""


def test_kotlin_when_arms_mapping_to_ids_are_one_table(tmp_path: Path) -> None:
    found = _scan(tmp_path, "src/main/kotlin/Models.kt", _KOTLIN)
    assert {"gpt-4o-mini", "claude-3-5-sonnet-20241022", "gemini-1.5-pro"} <= set(found)
    assert "lumen-3-pro-32k" in found, sorted(found)
    assert any(e.startswith("peers:") for e in found["lumen-3-pro-32k"].evidence or ())
    assert not {"fast-lane", "smart-lane", "slow-lane"} & set(found)
