"""Session 34 (tuneA34): Vertex AI's legacy image, code-completion and MedLM model names the knowledge base now holds
(Google's model-reference and versioning pages), found in a C# constants class."""

from __future__ import annotations

from pathlib import Path

import modelmap
from modelmap.discover.identify import classify
from modelmap.knowledge import load


def test_kb_knows_the_versioned_names() -> None:
    kb = load()
    for name in ("imagegeneration@002", "imagegeneration@005", "imagegeneration@006", "imagetext@001",
                 "code-gecko", "code-gecko@002", "medlm-medium", "medlm-large"):
        assert name in kb.alias_index, name
    # the bare, unversioned image-generation name is Vertex's moving default: not mapped to one version
    assert "imagegeneration" not in kb.alias_index


def test_constants_class_of_vertex_models(tmp_path: Path) -> None:
    code = (
        "namespace Acme.Constants;\n"
        "public static class VertexAIModels\n"
        "{\n"
        "    public static class Imagen\n"
        "    {\n"
        "        public const string ImageGeneration006 = \"imagegeneration@006\";\n"
        "        public const string ImageGeneration002 = \"imagegeneration@002\";\n"
        "    }\n"
        "    public static class Codey\n"
        "    {\n"
        "        public const string CodeGecko = \"code-gecko\";\n"
        "    }\n"
        "    public static class MedLM\n"
        "    {\n"
        "        public const string MedLMMedium = \"medlm-medium\";\n"
        "    }\n"
        "}\n"
    )
    path = tmp_path / "src/Constants/VertexAIModels.cs"
    path.parent.mkdir(parents=True)
    path.write_text(code)
    found = {(f.line, f.raw) for f in modelmap.scan(str(tmp_path), resolve=False).findings if f.kind != "endpoint"}
    assert found == {(6, "imagegeneration@006"), (7, "imagegeneration@002"), (11, "code-gecko"),
                     (15, "medlm-medium")}


def test_bare_word_alone_stays_unread() -> None:
    # `imagetext` is a model only where a model is expected; a bare word elsewhere (a CSS class) is not
    assert classify("imagetext", "none") is None
    assert classify("imagetext", "key") is not None
