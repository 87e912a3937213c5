"""A training job's output file named by the job's id and a trainer's default file name
(``<hex>_pytorch_lora_weights.safetensors``, diffusers' LoRA default) names no model; the URL never says which."""

from __future__ import annotations

from pathlib import Path

from .scan_helpers import found

LORA_TEST = '''import XCTest

final class LoRATrainingOutputTests: XCTestCase {
    func testOutputIsDecodable() throws {
        let res = try TrainingOutput.deserialize(from: sample)
        XCTAssertEqual(
            "https://storage.googleapis.com/fal-flux-lora/57256f3082ab4c1498c76b060ff3ffdb_pytorch_lora_weights.safetensors",
            res.loraFile?.url?.absoluteString
        )
        let input = LoRAInput(loras: [.init(path: URL(string: "https://v3.fal.media/files/lion/2f4f7d1a-1c2b-4e5f-9a8b-0c1d2e3f4a5b_pytorch_lora_weights.safetensors")!, scale: 1.2)])
        let loraModelURL = "https://v3.fal.media/files/lion/flux-realism-lora-v2.safetensors"
    }
}
'''


def test_job_output_lora_weights_url(tmp_path: Path) -> None:
    got = found(tmp_path, "Tests/LoRATrainingOutputTests.swift", LORA_TEST)
    assert got == {(11, "https://v3.fal.media/files/lion/flux-realism-lora-v2.safetensors")}
