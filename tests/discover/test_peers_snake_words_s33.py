"""A long mixed table (a Go const block holding model ids beside an app's command and platform names) makes its
model-shaped unknowns models, but not plain snake_case words with no digit and no family word (`cron_list`,
`edit_photo`): a model id without either is written with hyphens."""

from __future__ import annotations

from pathlib import Path

import modelmap

MODELS = ["gpt-4o", "gpt-4o-mini", "gpt-4.1", "o3-mini", "claude-3-5-sonnet-20241022", "claude-3-7-sonnet-20250219",
          "gemini-2.0-flash", "gemini-2.5-pro", "deepseek-chat", "deepseek-reasoner", "qwen-max", "qwen-plus",
          "imagen-3.0-generate-002", "veo-2.0-generate-001"]
APP_WORDS = ["com_wechat", "personal_qq", "edit_photo", "rec_photo", "cron_list", "cron_del", "cron_clear",
             "state", "clear", "retry", "chat", "photo"]


def _const_block(extra: list[str]) -> str:
    names = [f"C{i} = \"{v}\"" for i, v in enumerate(MODELS + extra + APP_WORDS)]
    return "package param\n\nconst (\n\t" + "\n\t".join(names) + "\n)\n"


def test_snake_case_app_words_in_a_mixed_const_block_are_not_models(tmp_path: Path) -> None:
    # 14 known models and 13 other entries: a large table, so its model-shaped unknown (`acme-chat-7b`) is a peer
    (tmp_path / "param.go").write_text(_const_block(["acme-chat-7b"]))
    raws = {f.raw for f in modelmap.scan(tmp_path).findings}
    assert set(MODELS) <= raws and "acme-chat-7b" in raws
    assert not raws & set(APP_WORDS)


def test_snake_case_entries_with_a_family_word_or_digit_stay_peers(tmp_path: Path) -> None:
    # the same mixed block: an unknown snake_case entry that names a family or carries a version still reads as a
    # model on its own (`gemini_pro_vision`, `house_llm_v2`), so its peers make it one
    (tmp_path / "param.go").write_text(_const_block(["gemini_pro_vision", "house_llm_v2"]))
    raws = {f.raw for f in modelmap.scan(tmp_path).findings}
    assert {"gemini_pro_vision", "house_llm_v2"} <= raws
    assert not raws & set(APP_WORDS)
