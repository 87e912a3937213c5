"""A Whisper size word where a model is bound, in a file that names Whisper (tuneA28, opened held-out-22).

WhisperKit apps, tests and clients of its local transcription server pass the checkpoint as a bare size word:
``WhisperKitConfig(model: "tiny")``, ``var model: String = "tiny"``, a benchmark list ``debugModels = ["tiny"]``, a
Python client's ``def transcribe(..., model: str = "tiny")``, ``audio.transcriptions.create(model="tiny")`` and a
``--model`` flag's default. The word is the model only where both hold: a model-bound place and a file about Whisper.
``size: "small"`` anywhere, and ``model: "base"`` in a file that never says Whisper, stay nothing.
"""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_SWIFT = '''\
import WhisperKit

struct Transcribe {
    public var model: String = "tiny"
    var size: String = "small"
    let debugModels = ["tiny", "base.en"]

    func run() async throws {
        let config = WhisperKitConfig(model: "large-v3", verbose: true)
        let pipe = try await WhisperKit(model: "tiny.en")
        let font = Font(size: "medium")
    }
}
'''


def test_swift_whisper_file(tmp_path: Path) -> None:
    hits = found(tmp_path, "Sources/Transcribe.swift", _SWIFT)
    assert {(4, "tiny"), (6, "tiny"), (6, "base.en"), (9, "large-v3"), (10, "tiny.en")} <= hits
    assert (5, "small") not in hits and (11, "medium") not in hits


_SWIFT_OTHER = '''\
struct Settings {
    public var model: String = "base"
    let tiers = ["small", "large"]
}
'''


def test_swift_without_whisper_keeps_size_words_out(tmp_path: Path) -> None:
    hits = found(tmp_path, "Sources/Settings.swift", _SWIFT_OTHER)
    assert not any(raw in ("base", "small", "large") for _, raw in hits)


_PY = '''\
"""Client for a local WhisperKit server."""
import argparse
from openai import OpenAI


class Client:
    def transcribe(self, path: str, language: str = "", model: str = "tiny") -> str:
        return self.client.audio.transcriptions.create(model="base.en", file=open(path, "rb")).text

    def payload(self):
        return {"model": "small", "quality": "medium"}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", "-m", default="tiny", help="Model to use")
    parser.add_argument("--size", default="large")
'''


def test_python_whisper_client(tmp_path: Path) -> None:
    hits = found(tmp_path, "client.py", _PY)
    assert {(7, "tiny"), (8, "base.en"), (11, "small"), (16, "tiny")} <= hits
    assert (11, "medium") not in hits and (17, "large") not in hits


def test_python_without_whisper_keeps_size_words_out(tmp_path: Path) -> None:
    text = _PY.replace("WhisperKit", "Acme")
    hits = found(tmp_path, "client.py", text)
    assert not any(raw in ("tiny", "small") for _, raw in hits)
