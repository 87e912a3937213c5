"""A Swift String enum named for the model it selects lists the ids its request sends: a raw value with a version or
size digit that nothing else knows is one (the models-class rule's terms)."""

from __future__ import annotations

from pathlib import Path

from .scan_helpers import found

STABILITY_BODY = '''import Foundation

nonisolated public struct StableDiffusionRequestBody: Encodable, Sendable {
    public let model: StableDiffusionModel?
    public let mode: GenerationMode?
}

nonisolated public enum GenerationMode: String, Sendable {
    case textToImage = "text-to-image"
    case imageToImage = "image-to-image"
}

nonisolated public enum StableDiffusionModel: String, Sendable {
    case sd3Medium = "sd3-medium"
    case sd3Large = "sd3-large"
    case sd3LargeTurbo = "sd3-large-turbo"
}

nonisolated public enum StylePreset: String, Sendable {
    case anime2 = "anime-v2"
}

nonisolated public enum OutputFormat: String, Sendable {
    case jpeg
    case png
}
'''


def test_model_named_swift_enum_raw_values(tmp_path: Path) -> None:
    got = found(tmp_path, "Sources/StabilityAI/StableDiffusionRequestBody.swift", STABILITY_BODY)
    assert got == {(14, "sd3-medium"), (15, "sd3-large"), (16, "sd3-large-turbo")}
