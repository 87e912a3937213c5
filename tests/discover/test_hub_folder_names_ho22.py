"""Hub repositories written as one folder name, ``<org>_<name>[_<build suffix>]`` (tuneA28, opened held-out-22).

On-device apps (Core ML / MLX converters, WhisperKit's model-support tables and benchmark lanes) name the folder of a
converted model after its Hub repository with the slash written as ``_`` and the build's suffixes after it (its size
on disk, ``turbo``, a precision): ``openai_whisper-tiny.en``, ``distil-whisper_distil-large-v3_594MB``. Such a name is
a model when the org is a known Hub org and the name is that org's Hub model (or reads as one under it); snake_case
identifiers that start with an org's name (``openai_api_key``) are not. Fastlane's ``Fastfile`` (Ruby without an
extension) is read as Ruby, so its lanes' model lists are seen.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from modelmap.discover.identify import classify
from modelmap.discover.languages import language_for
from tests.discover.scan_helpers import found


@pytest.mark.parametrize("value", ["openai_whisper-tiny", "openai_whisper-base.en", "openai_whisper-large-v2_949MB",
                                   "openai_whisper-large-v3-v20240930_turbo_632MB",
                                   "distil-whisper_distil-large-v3_594MB", "baai_bge-m3"])
def test_a_hub_folder_spelling_is_a_model(value: str) -> None:
    m = classify(value, "none")
    assert m is not None and m.kind == "other", (value, m)


def test_a_whisper_folder_is_a_speech_model() -> None:
    m = classify("distil-whisper_distil-large-v3_turbo", "none")
    assert m is not None and m.role == "speech"


@pytest.mark.parametrize("value", ["openai_api_key", "google_search-v2", "huggingface_hub", "openai_whisper",
                                   "openai_chat_completion", "acme_whisper-tiny"])
def test_other_snake_names_stay_nothing(value: str) -> None:
    assert classify(value, "none") is None, value


_SWIFT = '''\
struct Support {
    static let table = [
        DeviceSupport(
            chips: "A14",
            models: ModelSupport(
                default: "openai_whisper-base",
                supported: [
                    "openai_whisper-tiny.en",
                    "distil-whisper_distil-large-v3_594MB",
                    "openai_whisper-large-v3-v20240930_turbo_632MB",
                ]
            )
        ),
    ]
    let key = "openai_api_key"
}
'''


def test_swift_support_table(tmp_path: Path) -> None:
    hits = found(tmp_path, "Sources/Support.swift", _SWIFT)
    assert {(6, "openai_whisper-base"), (8, "openai_whisper-tiny.en"), (9, "distil-whisper_distil-large-v3_594MB"),
            (10, "openai_whisper-large-v3-v20240930_turbo_632MB")} <= hits
    assert not any(raw == "openai_api_key" for _, raw in hits)


_FASTFILE = '''\
default_platform(:ios)

BENCHMARK_CONFIGS = {
  full: {
    models: [
      'openai_whisper-tiny',
      'distil-whisper_distil-large-v3_turbo_600MB',
    ]
  }
}
'''


def test_fastfile_is_read_as_ruby(tmp_path: Path) -> None:
    assert language_for("fastlane/Fastfile") is not None and language_for("fastlane/Fastfile").id == "ruby"
    assert language_for("Rakefile").id == "ruby"  # type: ignore[union-attr]
    assert language_for("fastlane/README") is None
    hits = found(tmp_path, "fastlane/Fastfile", _FASTFILE)
    assert {(6, "openai_whisper-tiny"), (7, "distil-whisper_distil-large-v3_turbo_600MB")} <= hits
