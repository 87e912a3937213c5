"""A test's stand-in Hub addresses: ``test-org/test-repo`` and an API route whose repo came out empty.

A downloader's test mocks the Hub with a repo id made of stand-in words (``test``, ``fake``, ``mock``) and the
placeholder parts they qualify (``org``, ``repo``, ``user``): ``https://huggingface.co/test-org/test-repo/resolve/
main/config.json`` names no model anyone publishes, as ``hf://fake/test-model`` does not. A Swift test that builds
``/api/models/\\(#function)/revision/main`` leaves ``/api/models//revision/main`` once the interpolation is dropped:
no repo at all. A real repo's API and file addresses stay models.
"""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_SWIFT = """\
import Foundation
import Testing

struct DownloaderTests {
    @Test
    func cancellation() async throws {
        let apiURL = URL(string: "https://huggingface.co/api/models/test-org/test-repo/revision/main?blobs=true")!
        let modelURL = URL(string: "https://huggingface.co/test-org/test-repo/resolve/main/model.safetensors")!
        let other = URL(string: "https://huggingface.co/fake-user/mock-model/resolve/main/config.json")!
        let empty = URL(string: "https://huggingface.co/api/models/\\(#function)/revision/main?blobs=true")!
        let real = URL(string: "https://huggingface.co/api/models/Qwen/Qwen2.5-0.5B-Instruct/revision/main")!
        let file = URL(string: "https://huggingface.co/Qwen/Qwen2.5-0.5B-Instruct-GGUF/resolve/main/qwen2.5-0.5b-instruct-q4_k_m.gguf")!
        _ = (apiURL, modelURL, other, empty, real, file)
    }
}
"""


def test_stand_in_hub_addresses_are_no_models(tmp_path: Path) -> None:
    lines = {line for line, _raw in found(tmp_path, "Tests/DownloaderTests.swift", _SWIFT)}
    assert lines == {11, 12}
