"""Session 34 (tuneA34): an app catalogue's `<provider>.<model id>` selectors (opencode's `azure.o3-mini`)."""

from __future__ import annotations

from pathlib import Path

import modelmap
from modelmap.discover.identify import classify


def _raws(tmp_path: Path, files: dict[str, str]) -> set[tuple[str, int, str]]:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return {(f.path, f.line, f.raw) for f in modelmap.scan(str(tmp_path), resolve=False).findings
            if f.kind != "endpoint"}


def test_provider_dotted_selectors_in_a_go_catalogue(tmp_path: Path) -> None:
    # a coding agent's catalogue: the key a user writes in its config, and the provider's own id it calls
    code = (
        "package models\n"
        "\n"
        "const ProviderGateway ModelProvider = \"gateway\"\n"
        "\n"
        "const (\n"
        "\tGatewayO3Mini ModelID = \"gateway.o3-mini\"\n"
        "\tGatewayGPT41  ModelID = \"gateway.gpt-4.1\"\n"
        "\tGatewayFlash  ModelID = \"vertexai.gemini-2.5-flash\"\n"
        ")\n"
        "\n"
        "var GatewayModels = map[ModelID]Model{\n"
        "\tGatewayO3Mini: {ID: GatewayO3Mini, Name: \"Gateway o3 mini\", Provider: ProviderGateway, APIModel: \"o3-mini\"},\n"
        "}\n"
    )
    found = _raws(tmp_path, {"internal/models/gateway.go": code})
    path = "internal/models/gateway.go"
    assert {(path, 6, "gateway.o3-mini"), (path, 7, "gateway.gpt-4.1"),
            (path, 8, "vertexai.gemini-2.5-flash")} <= found
    assert (path, 3, "gateway") not in found


def test_dotted_prefix_is_a_provider_word_not_a_family_or_a_role() -> None:
    assert classify("openrouter.o1", "none") is not None
    assert classify("azure.gpt-4o-mini", "none") is not None
    # an action named after the family and the model it runs (`action == 'gpt.dall-e-3'`), a role word's key
    assert classify("gpt.dall-e-3", "none") is None
    assert classify("chat.gpt-4o", "none") is None
    # a version after a dotted word names no model
    assert classify("python.3.11", "none") is None
