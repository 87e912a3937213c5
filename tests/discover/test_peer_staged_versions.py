"""A model table's version column: Azure-style model enums carry each model's version beside its id and base name
(``GPT_4_0125_PREVIEW("gpt-4-0125-preview", "gpt-4", "0125-preview")``); the version with its release stage is no
model although its peers are (tuneC34; fixture written for this test)."""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.peers import peer_shaped
from tests.discover.scan_helpers import found

ENUM = """\
package com.acme.azure;

public enum AcmeAzureChatModelName {

    GPT_35_TURBO_0613("gpt-35-turbo-0613", "gpt-3.5-turbo", "0613"),
    GPT_4("gpt-4", "gpt-4"),
    GPT_4_0613("gpt-4-0613", "gpt-4", "0613"),
    GPT_4_0125_PREVIEW("gpt-4-0125-preview", "gpt-4", "0125-preview"),
    GPT_4_1106_PREVIEW("gpt-4-1106-preview", "gpt-4", "1106-preview"),
    GPT_4_VISION_PREVIEW("gpt-4-vision-preview", "gpt-4-vision", "vision-preview"),
    GPT_4_O("gpt-4o", "gpt-4o");

    private final String modelName;
    private final String modelType;
    private final String modelVersion;

    AcmeAzureChatModelName(String modelName, String modelType) {
        this(modelName, modelType, null);
    }

    AcmeAzureChatModelName(String modelName, String modelType, String modelVersion) {
        this.modelName = modelName;
        this.modelType = modelType;
        this.modelVersion = modelVersion;
    }
}
"""


def test_a_staged_version_beside_its_model_is_no_model(tmp_path: Path) -> None:
    got = found(tmp_path, "src/main/java/com/acme/azure/AcmeAzureChatModelName.java", ENUM)
    assert (8, "gpt-4-0125-preview") in got
    assert (8, "0125-preview") not in got
    assert (9, "1106-preview") not in got


def test_staged_version_shapes() -> None:
    for version in ("0125-preview", "1106-preview", "2-beta", "0409-rc1", "v2.1-alpha"):
        assert not peer_shaped(version), version
    for model in ("gpt-4-0125-preview", "acme-chat-2", "4o-mini"):
        assert peer_shaped(model), model
