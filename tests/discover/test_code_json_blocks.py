"""A JSON document held in a triple-quoted literal (a Swift app's built-in fallback copy of its provider catalogue,
a Kotlin / Java text block) is read as the config reader reads the same JSON shipped as a file: a catalogue's
``models[].id`` is a model. Fixtures written for these tests."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_SWIFT = '''\
import Foundation

enum ServiceTemplates {
    static let fallbackJSON = """
    {
        "providers": [
            {
                "id": "acme-chat",
                "displayName": "Acme",
                "models": [
                    {
                        "id": "zorblat-7b-chat",
                        "displayName": "Zorblat",
                        "settings": { "contextSize": 30 }
                    },
                    {
                        "id": "claude-4.1-sonnet",
                        "displayName": "Sonnet 4"
                    }
                ]
            }
        ]
    }
    """

    static let greeting = """
    Hello! Pick a model in the settings.
    """
}
'''

_KOTLIN = '''\
package com.acme.llm

object Catalog {
    val fallback = """
        {"models": [{"id": "gemini-2.5-flash"}, {"id": "qwen-max"}], "region": "eu-1"}
    """.trimIndent()

    val templated = """
        {"models": [{"id": "$name"}]}
    """
}
'''


def test_swift_fallback_catalogue(tmp_path: Path) -> None:
    got = found(tmp_path, "App/Utilities/ServiceTemplates.swift", _SWIFT)
    assert (12, "zorblat-7b-chat") in got and (17, "claude-4.1-sonnet") in got
    assert not any(raw in ("acme-chat", "eu-1") for _, raw in got)


def test_kotlin_text_block_catalogue(tmp_path: Path) -> None:
    got = found(tmp_path, "src/main/kotlin/com/acme/llm/Catalog.kt", _KOTLIN)
    assert (5, "gemini-2.5-flash") in got and (5, "qwen-max") in got
    assert not any(raw == "eu-1" or "$" in raw for _, raw in got)
