"""Session 34 (tuneA34): C# interpolated strings (`$"…{x}…"`) are read for a model's fixed path, as other languages'
templates are: a REST call's `/models/<id>:<method>` on a base URL built at run time, an Azure OpenAI deployment."""

from __future__ import annotations

from pathlib import Path

import modelmap


def _raws(tmp_path: Path, name: str, code: str) -> set[tuple[int, str]]:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(code)
    return {(f.line, f.raw) for f in modelmap.scan(str(tmp_path), resolve=False).findings if f.kind != "endpoint"}


def test_csharp_interpolated_model_method_path(tmp_path: Path) -> None:
    code = (
        "public class ImageCaptioner\n"
        "{\n"
        "    public async Task<string> CaptionAsync(CaptionRequest request)\n"
        "    {\n"
        "        var url = $\"{Platform.GetBaseUrl()}/models/imagetext:predict\";\n"
        "        var chat = $\"{_baseUrl}/models/gemini-1.5-flash:generateContent?key={_apiKey}\";\n"
        "        var any = $\"{_baseUrl}/models/{model}:generateContent\";\n"
        "        var files = $\"{_baseUrl}/files/{name}\";\n"
        "        return await SendAsync(url, request);\n"
        "    }\n"
        "}\n"
    )
    assert _raws(tmp_path, "src/ImageCaptioner.cs", code) == {(5, "imagetext"), (6, "gemini-1.5-flash")}


def test_csharp_interpolated_azure_deployment(tmp_path: Path) -> None:
    code = (
        "public static class Endpoints\n"
        "{\n"
        "    public static string Chat(string resource) =>\n"
        "        $\"https://{resource}.openai.azure.com/openai/deployments/gpt-4o/chat/completions\";\n"
        "    public static string Greeting(string name) => $\"Hello {name}, try gpt-4o\";\n"
        "}\n"
    )
    assert _raws(tmp_path, "src/Endpoints.cs", code) == {(4, "gpt-4o")}
