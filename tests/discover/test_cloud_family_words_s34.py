"""Session 34 (tuneA34): a bare library word in a hosted platform's model constants (`VertexAIModels.Gemma`) names a
family the platform offers, not an Ollama tag; in a local runtime's constants it stays one."""

from __future__ import annotations

from pathlib import Path

import modelmap

_CODE = (
    "public static class {outer}\n"
    "{{\n"
    "    public static class Gemma\n"
    "    {{\n"
    "        public const string GemmaModel = \"gemma\";\n"
    "        public const string CodeGemma = \"codegemma\";\n"
    "        public const string Gemma2 = \"gemma2:9b\";\n"
    "    }}\n"
    "}}\n"
)


def _raws(tmp_path: Path, outer: str) -> set[tuple[int, str]]:
    path = tmp_path / f"src/{outer}.cs"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_CODE.format(outer=outer))
    return {(f.line, f.raw) for f in modelmap.scan(str(tmp_path), resolve=False).findings if f.kind != "endpoint"}


def test_family_words_in_a_hosted_platforms_constants(tmp_path: Path) -> None:
    assert _raws(tmp_path, "VertexAIModels") == {(7, "gemma2:9b")}


def test_family_words_in_a_local_runtimes_constants(tmp_path: Path) -> None:
    assert _raws(tmp_path, "OllamaModels") == {(5, "gemma"), (6, "codegemma"), (7, "gemma2:9b")}
