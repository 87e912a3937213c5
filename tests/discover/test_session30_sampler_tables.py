"""A table of a local model's sampling methods (`model_samplings = ["greedy", "mirostat", "mirostat_v2"]`, a
`SAMPLERS` list) names samplers, one of which carries a version like a model's name; a table of models beside it is
still read. Fixture written for these tests, shaped like an on-device chat app's settings view."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_VIEW = """import SwiftUI

struct ChatSettingsView: View {
    @State private var model_sampling = "temperature"
    @State private var model_samplings = ["temperature", "greedy", "mirostat", "mirostat_v2"]
    @State private var chat_models = ["llama-3.2-1b-instruct", "phi-3.5-mini-instruct"]
    var body: some View { Text("Settings") }
}
"""


def test_a_sampler_table_is_not_a_model_table(tmp_path: Path) -> None:
    got = found(tmp_path, "App/Settings/ChatSettingsView.swift", _VIEW)
    assert not any(line == 5 for line, _ in got)
    assert (6, "llama-3.2-1b-instruct") in got
