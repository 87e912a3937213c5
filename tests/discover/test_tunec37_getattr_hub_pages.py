"""tuneC37: two general readings found while sorting the open splits' leftover errors by cause.

- Python's builtin ``getattr(obj, "<model-named attribute>", "<default>")``: the default is the value of that
  model-named attribute when the object has none, as ``os.getenv("X_MODEL", default)``'s default is the variable's
  (held-out-2x LiveTalking's ``getattr(opt, 'qwen_tts_model', 'qwen3-tts-flash-realtime')``). An attribute that is
  not named for a model, or a default that names none, stays unread.
- ``huggingface.co/subscribe/pro`` is the Hub's PRO-plan page, not an account's repository.

Fixtures are miniatures written for these tests."""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.identify import classify
from tests.discover.scan_helpers import found

PY = '''class SpeechEngine:
    def __init__(self, opt, cfg):
        self.model = getattr(opt, "tts_model", "acme-tts-flash-2")
        self.voice = getattr(opt, "voice", "cherry-voice-2")
        self.group = getattr(cfg, "main_model_group", "router")
        self.fallback = getattr(cfg, "model", "default_model")
'''


def test_getattr_default_of_model_named_attribute(tmp_path: Path) -> None:
    got = found(tmp_path, "app/tts/engine.py", PY)
    assert (3, "acme-tts-flash-2") in got, got
    raws = {raw for _, raw in got}
    assert "cherry-voice-2" not in raws, got  # `voice` is not a model-named attribute
    assert "router" not in raws and "default_model" not in raws, got


JS = '''export const PRO_URL = "https://huggingface.co/subscribe/pro";
export const MODEL_URL = "https://huggingface.co/acme-labs/acme-chat-7b";
'''


def test_hub_subscribe_page_is_no_repository(tmp_path: Path) -> None:
    assert classify("https://huggingface.co/subscribe/pro") is None
    got = found(tmp_path, "web/ui/account.js", JS)
    raws = {raw for _, raw in got}
    assert not any("subscribe" in r for r in raws), got
    assert any("acme-labs/acme-chat-7b" in r for r in raws), got
