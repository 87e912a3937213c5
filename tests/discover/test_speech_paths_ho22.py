"""Speech apps' model paths and loaders (tuneA28, opened held-out-22).

* A Windows path with a drive (`D:/models/x.onnx`, `C:\\models\\x.pth`) to a weight file is a model file as a POSIX
  path is; fastText's compressed `.ftz` (`lid.176.ftz`) is a model's file format.
* RealtimeSTT's `AudioToTextRecorder(model="medium", realtime_model_type="tiny.en")` takes faster-whisper sizes.
* A model component's file appended to a model folder (`modelPath.appending(path: "AudioEncoder.mlmodelc")`) is no
  model of its own under a model-named binding; a stem that reads as a model still is one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from modelmap.discover.identify import classify
from tests.discover.scan_helpers import found


@pytest.mark.parametrize("value", ["D:/models/en_US-amy-medium.onnx", "D:/Downloads/piper/en_US-kathleen-low.onnx",
                                   "C:\\models\\voice.pth", "D:/models/lid.176.ftz", "/opt/models/lid.176.ftz"])
def test_windows_and_fasttext_model_files(value: str) -> None:
    m = classify(value, "none")
    assert m is not None and m.kind == "model-file", (value, m)


@pytest.mark.parametrize("value", ["D:/data/stats.pt", "D:/Downloads/readme.txt", "lid.176.ftz", "C:/models/model.onnx"])
def test_other_paths_stay_nothing(value: str) -> None:
    assert classify(value, "none") is None, value


_PY = '''\
import RealtimeSTT
from piper import PiperVoice

recorder = RealtimeSTT.AudioToTextRecorder(model="medium", realtime_model_type="tiny.en", language="en")
voice = PiperVoice(model_file="D:/Downloads/piper/en_US-kathleen-low.onnx")
'''


def test_python_stt_recorder_and_windows_path(tmp_path: Path) -> None:
    hits = found(tmp_path, "talkbot.py", _PY)
    assert {(4, "medium"), (4, "tiny.en"), (5, "D:/Downloads/piper/en_US-kathleen-low.onnx")} <= hits
    assert (4, "en") not in hits


_SWIFT = '''\
final class UnitTests {
    func testEncoder() throws {
        let modelPath = try URL(filePath: tinyModelPath()).appending(path: "AudioEncoder.mlmodelc")
        let exportPath = base.appending(path: "StatefulMistral7BInstructInt4.mlpackage")
        let modelPath = "StatefulMistral7BInstructInt4.mlpackage"
    }
}
'''


def test_component_files_are_not_models(tmp_path: Path) -> None:
    hits = found(tmp_path, "Tests/UnitTests.swift", _SWIFT)
    assert not any(raw == "AudioEncoder.mlmodelc" for _, raw in hits)
    assert (5, "StatefulMistral7BInstructInt4.mlpackage") in hits


_CS_TEST = '''\
public class CachedModelTests
{
    public void Local()
    {
        var cachedModel = new CachedModel(details, "C:/models/model.onnx", true, 512);
        var piper = new PiperVoice(modelPath: "D:/voices/piper/en_US-kathleen-low.onnx");
    }
}
'''


def test_a_drive_path_to_a_stand_in_file_in_a_test_is_no_model(tmp_path: Path) -> None:
    hits = found(tmp_path, "tests/CachedModelTests.cs", _CS_TEST)
    assert not any(raw == "C:/models/model.onnx" for _, raw in hits)
    assert (6, "D:/voices/piper/en_US-kathleen-low.onnx") in hits
