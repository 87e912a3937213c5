"""An org/name bound to a name that says "model repository", and shell Whisper sizes (tuneA28, opened held-out-22).

`modelRepo: "argmaxinc/speakerkit-coreml"`, `defaultModelRepo = "…"`, a Makefile's `MODEL_REPO := org/name`: the name
says the value is the Hub repository the models come from, so an org/name there is one even when its words carry no
family, size or version. A name with only one of the two words (`repo:`, `modelDir`) and a value that is a path or a
route are left as before. In a shell script that names Whisper, `MODEL="tiny"` is the checkpoint a local
transcription server is asked for.
"""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_SWIFT = '''\
struct DiarizerConfig {
    public static let defaultModelRepo = "acme-labs/speaker-coreml"
    let config = PipelineConfig(modelRepo: "acme-labs/segmenter-coreml", verbose: true)
    let repo = "acme-labs/website"
    let modelDir = "models/segmenter"
    let modelRepoRoute = "api/v1"
}
'''


def test_swift_model_repo_bindings(tmp_path: Path) -> None:
    hits = found(tmp_path, "Sources/DiarizerConfig.swift", _SWIFT)
    assert {(2, "acme-labs/speaker-coreml"), (3, "acme-labs/segmenter-coreml")} <= hits
    assert not any(raw in ("acme-labs/website", "models/segmenter", "api/v1") for _, raw in hits)


_MAKEFILE = '''\
MODEL_REPO := acme-labs/speaker-coreml
MODEL_REPO_DIR := ./Models/speaker-coreml
SITE_REPO := acme-labs/website

download-model:
\tgit clone https://huggingface.co/$(MODEL_REPO) $(MODEL_REPO_DIR)
'''


def test_makefile_model_repo(tmp_path: Path) -> None:
    hits = found(tmp_path, "Makefile", _MAKEFILE)
    assert (1, "acme-labs/speaker-coreml") in hits
    assert not any(raw == "acme-labs/website" for _, raw in hits)


_SH = '''\
#!/bin/bash
# Transcribe a file with a local WhisperKit server
MODEL="tiny"
QUALITY="medium"
curl -X POST "$URL/v1/audio/transcriptions" -F "model=$MODEL"
'''


def test_shell_whisper_size(tmp_path: Path) -> None:
    hits = found(tmp_path, "transcribe.sh", _SH)
    assert (3, "tiny") in hits and (4, "medium") not in hits
    other = found(tmp_path / "other", "run.sh", _SH.replace("WhisperKit", "Acme"))
    assert (3, "tiny") not in other
