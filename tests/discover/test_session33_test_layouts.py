"""tuneC33 (issue 10): the capitalised test layouts of typed languages are test code. SwiftPM keeps tests under
``Tests/<Target>Tests/``, a .NET solution in ``Foo.Tests/`` / ``Foo.UnitTests/`` projects, and XCTest, JUnit, xUnit
and NUnit name a test class's file ``<Thing>Tests.swift`` / ``<Thing>Test.kt`` / ``<Thing>Tests.cs``. These paths were
read as app code, so the test-only rules (a fixture's stand-in weight path, a test's made-up model name) never ran
there. A lower-case ``…test`` word (``Contest.kt``) and a folder that only contains the letters (``Latests/``) stay
app code, as does a ``ModelSpec.kt`` (a data class as often as a Kotest spec).

Fixtures are written for these tests (not copied from any repository). No timing assertions."""

from __future__ import annotations

from pathlib import Path

import pytest

from modelmap.discover.context import context_for
from tests.discover.scan_helpers import found as _found


@pytest.mark.parametrize("path", [
    "Tests/HubTests/HubApiTests.swift",
    "Tests/Fixtures/config.swift",
    "App/AppUITests/LaunchScreen.swift",
    "src/Acme.Tests/ChatClientTests.cs",
    "src/Acme.UnitTests/Helpers.cs",
    "Sources/Chat/ChatSessionTests.swift",
    "lib/src/main/kotlin/acme/ClientTest.kt",
])
def test_capitalised_test_layouts_are_test_code(path: str) -> None:
    assert context_for(path) == "test"


@pytest.mark.parametrize("path", [
    "Sources/Chat/ChatSession.swift",
    "src/main/kotlin/acme/Contest.kt",
    "Sources/Latests/Feed.swift",
    "src/Acme.Testing.Tools/Runner.cs",
    "core/src/commonMain/kotlin/acme/ModelSpec.kt",
])
def test_other_capitalised_paths_stay_app_code(path: str) -> None:
    assert context_for(path) == "app"


_WEIGHTS_TEST = """\
import Foundation
import Testing

struct WeightsTests {
    @Test func loadWeights() throws {
        let modelDir = try downloadFixture()
        let modelFile = modelDir.appending(path: "/model.safetensors")
        let weights = try Weights.from(fileURL: modelFile)
        #expect(weights.count == 2)
    }
}
"""


def test_stand_in_weight_path_in_a_swiftpm_test_target(tmp_path: Path) -> None:
    assert (7, "/model.safetensors") not in _found(tmp_path, "Tests/ModelsTests/WeightsTests.swift", _WEIGHTS_TEST)


def test_same_code_in_the_app_target_is_app_code_and_its_named_weights_are_found(tmp_path: Path) -> None:
    # the app target's file is app code; a generic weight file joined onto a folder is no model in any context (the
    # folder is the model: tuneB33's rule), while a weight file that names its model still is one there
    assert context_for("Sources/Models/WeightsLoader.swift") == "app"
    named = _WEIGHTS_TEST.replace('"/model.safetensors"', '"/Qwen2.5-0.5B-Instruct-Q4_K_M.gguf"')
    found = _found(tmp_path, "Sources/Models/WeightsLoader.swift", named)
    assert (7, "/model.safetensors") not in found
    assert any(line == 7 and "Qwen2.5-0.5B-Instruct" in raw for line, raw in found)


_WHISPERKIT_TEST = """\
import XCTest

final class TranscribeTests: XCTestCase {
    func testProgress() async throws {
        let pipe = try await WhisperKit(WhisperKitConfig(model: "tiny.en"))
        XCTAssertNotNil(pipe)
    }
}
"""


def test_whisper_size_name_in_test_code_is_the_checkpoint(tmp_path: Path) -> None:
    # a test's made-up model word without a digit is dropped there; a Whisper size word read as a speech model is
    # the released checkpoint's name, kept as in app code
    assert (5, "tiny.en") in _found(tmp_path, "Tests/WhisperKitTests/TranscribeTests.swift", _WHISPERKIT_TEST)
