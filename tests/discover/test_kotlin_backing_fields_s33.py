"""Kotlin 2's explicit backing fields (tuneB33): `val x: StateFlow<T>` then `field = MutableStateFlow(…)` on the next
line, which tree-sitter-kotlin cannot parse, must not hide the model names after it in the file. A fixture written
for this test in the shape of an Android ViewModel that uses the construct."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

VIEW_MODEL = """\
package com.example.ai

class HybridViewModel : ViewModel() {
    val uiState: StateFlow<UiState>
        field = MutableStateFlow(UiState())

    private var status: Status = Status.IDLE
        set(value) {
            if (field != value) {
                field = value
            }
        }

    private val model = Firebase.ai(backend = GenerativeBackend.googleAI()).generativeModel(
        modelName = "gemini-2.5-flash-lite",
    )
}
"""


def test_model_after_an_explicit_backing_field_is_found(tmp_path: Path) -> None:
    got = found(tmp_path, "app/src/main/java/com/example/ai/HybridViewModel.kt", VIEW_MODEL)
    assert got == {(15, "gemini-2.5-flash-lite")}
