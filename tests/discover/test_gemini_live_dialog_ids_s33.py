"""Gemini's native-audio Live API model codes that end in ``-dialog`` (tuneD33).

``identify._APP_SUFFIX`` drops a bare literal ending in ``-dialog`` (a UI dialog's name built on a model id,
``gpt-4o-dialog``) unless the knowledge base knows the id. Google's Gemini API model list names two model codes that
end so (``gemini-2.5-flash-preview-native-audio-dialog``, ``gemini-2.5-flash-exp-native-audio-thinking-dialog``), so
they are knowledge-base records now and are found where nothing else says a model is written; an app's own
``-dialog`` name stays none."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

LIVE = """\
LIVE_VARIANTS = {
    "native": "gemini-2.5-flash-preview-native-audio-dialog",
    "thinking": "gemini-2.5-flash-exp-native-audio-thinking-dialog",
}
WIDGETS = {"picker": "gpt-4o-dialog", "panel": "claude-3-5-sonnet-dialog"}
"""


def test_gemini_native_audio_dialog_codes_are_models(tmp_path: Path) -> None:
    out = found(tmp_path, "app/live.py", LIVE)
    assert (2, "gemini-2.5-flash-preview-native-audio-dialog") in out
    assert (3, "gemini-2.5-flash-exp-native-audio-thinking-dialog") in out


def test_app_dialog_names_stay_none(tmp_path: Path) -> None:
    out = found(tmp_path, "app/live.py", LIVE)
    assert not {raw for _, raw in out if raw.endswith(("gpt-4o-dialog", "sonnet-dialog"))}
