"""tuneC33 (issue 10): a test's stand-in weight path written as a file URL. Test code that sets a model location
property writes the fixture path as a URL as often as a path (``properties.modelUri = "file:///model.onnx"``); the
stand-in rule (a weight file named only "model" / test words, no folder naming a model) read paths alone, so the URL
form stayed a finding. A file URL whose path names a model (``file:///models/orca-9b/model.onnx``) is kept, and
outside tests the same URL is left to the sources.

Fixtures are written for these tests (not copied from any repository). No timing assertions."""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.base import stand_in_weight_path
from tests.discover.scan_helpers import found as _found

_PROPERTIES_TEST = """\
package acme.embeddings

class OnnxPropertiesTest {
    fun roundTrip() {
        properties.modelUri = "file:///model.onnx"
        properties.tokenizerUri = "file:///tokenizer.json"
        assertEquals("file:///model.onnx", properties.modelUri)
        other.modelUri = "file:///opt/models/orca-9b-embed/model.onnx"
    }
}
"""


def test_file_url_stand_in_in_test_code(tmp_path: Path) -> None:
    got = _found(tmp_path, "src/test/kotlin/acme/embeddings/OnnxPropertiesTest.kt", _PROPERTIES_TEST)
    assert not any(raw == "file:///model.onnx" for _, raw in got)
    assert (8, "file:///opt/models/orca-9b-embed/model.onnx") in got


def test_file_url_forms() -> None:
    assert stand_in_weight_path("file:///model.onnx")
    assert stand_in_weight_path("file://localhost/tmp/model.bin")
    assert stand_in_weight_path("file:///C:/models/model.onnx")
    assert not stand_in_weight_path("file:///models/orca-9b-embed/model.onnx")
