"""Session 29 (tuneB29, issue 10): provider keys in catalogues, an app's own prefix checks, llamafile weights, a
route prefix before a placeholder, script names, command-line option records, timm pretrained names, LazyLLM's
TrainableModule and hosted speech / embedding names the knowledge base now knows."""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.engine import ScanOptions, scan_paths
from modelmap.discover.identify import classify
from modelmap.types import Finding


def _scan(root: Path, files: dict[str, str]) -> list[Finding]:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    result = scan_paths([root], ScanOptions(jobs=1))
    return [f for f in result.findings if f.kind != "endpoint"]


def _raws(findings: list[Finding], path: str) -> list[tuple[int, str]]:
    return sorted((f.line, f.raw) for f in findings if f.path == path)


def test_a_catalogue_entrys_provider_id_is_not_its_model(tmp_path: Path) -> None:
    catalogue = (
        '{\n  "models": [\n'
        '    {\n      "id": "mistral-medium-latest",\n      "provider": "Mistral",\n'
        '      "providerId": "mistral",\n      "name": "Mistral Medium"\n    },\n'
        '    {\n      "id": "llama3.1",\n      "provider": "Ollama",\n'
        '      "providerId": "ollama",\n      "name": "Llama 3.1"\n    },\n'
        '    {\n      "id": "gpt-4o-mini",\n      "provider": "OpenAI",\n'
        '      "providerId": "openai",\n      "name": "GPT-4o mini"\n    }\n'
        '  ]\n}\n')
    settings = "llm:\n  provider: mistral\n  model: mistral-small-latest\n"
    found = _scan(tmp_path, {"lib/models.json": catalogue, "config/app.yaml": settings})
    raws = {raw for _, raw in _raws(found, "lib/models.json")}
    assert {"mistral-medium-latest", "llama3.1", "gpt-4o-mini"} <= raws
    assert "mistral" not in raws  # the provider's id, though Ollama's library also has a `mistral`
    assert _raws(found, "config/app.yaml") == [(3, "mistral-small-latest")]


def test_an_apps_own_prefix_checks_name_no_model_in_go(tmp_path: Path) -> None:
    go = (
        "package aiutil\n\nimport \"strings\"\n\n"
        "func CheckModelPrefix(model string, prefix string) bool {\n"
        "\treturn model == prefix || strings.HasPrefix(model, prefix+\"-\")\n}\n\n"
        "func IsReasoningModel(model string) bool {\n"
        "\tm := strings.ToLower(model)\n"
        "\treturn CheckModelPrefix(m, \"o4\") ||\n"
        "\t\tCheckModelSubPrefix(m, \"gpt-5.\") ||\n"
        "\t\tCheckModelPrefix(m, \"gpt-6\")\n}\n\n"
        "func isLegacyModel(model string) bool {\n"
        "\tlegacyPrefixes := []string{\"gpt-4o\", \"gpt-3.5\", \"gpt-oss\"}\n"
        "\tfor _, prefix := range legacyPrefixes {\n"
        "\t\tif CheckModelPrefix(model, prefix) {\n\t\t\treturn true\n\t\t}\n\t}\n\treturn false\n}\n\n"
        "const DefaultModel = \"gpt-5-mini\"\n")
    found = _scan(tmp_path, {"pkg/aiutil/aiutil.go": go})
    raws = {raw for _, raw in _raws(found, "pkg/aiutil/aiutil.go")}
    for fragment in ("o4", "gpt-5.", "gpt-6", "gpt-oss", "gpt-4o", "gpt-3.5"):
        assert fragment not in raws, fragment
    assert "gpt-5-mini" in raws  # a model the app sends is still one


def test_upstage_embedding_names_are_models(tmp_path: Path) -> None:
    py = (
        "from goldenverba.components.types import InputConfig\n\n\n"
        "class UpstageEmbedder:\n"
        "    def __init__(self):\n"
        "        self.config = {\n"
        "            \"Model\": InputConfig(\n"
        "                type=\"dropdown\",\n"
        "                value=\"embedding-query\",\n"
        "                values=[\"embedding-query\", \"embedding-passage\"],\n"
        "            )\n"
        "        }\n")
    found = _scan(tmp_path, {"embedders/upstage.py": py})
    raws = _raws(found, "embedders/upstage.py")
    assert (9, "embedding-query") in raws
    assert (10, "embedding-passage") in raws
    match = classify("solar-embedding-1-large-query", "none")
    assert match is not None


def test_llamafile_catalogue_entries_name_their_weight_files(tmp_path: Path) -> None:
    py = (
        "def pick():\n"
        "    model_list = [\n"
        "        {\n"
        "            \"name\": \"Moondream2\",\n"
        "            \"file_name\": \"moondream2-q5km-050824.llamafile\",\n"
        "            \"size\": 1.98,\n"
        "        },\n"
        "        {\n"
        "            \"name\": \"Phi-3-mini\",\n"
        "            \"file_name\": \"Phi-3-mini-4k-instruct.Q4_K_M.llamafile\",\n"
        "            \"size\": 2.42,\n"
        "        },\n"
        "    ]\n"
        "    notes = {\"file_name\": \"CHANGELOG.txt\"}\n"
        "    return model_list, notes\n")
    found = _scan(tmp_path, {"setup/local.py": py})
    raws = _raws(found, "setup/local.py")
    assert (5, "moondream2-q5km-050824.llamafile") in raws
    assert (10, "Phi-3-mini-4k-instruct.Q4_K_M.llamafile") in raws
    assert not any(raw == "CHANGELOG.txt" for _, raw in raws)
    match = classify("models/rocket-3b.Q4_K_M.llamafile", "none")
    assert match is not None and match.kind == "model-file"


def test_route_placeholders_script_names_and_option_records_are_no_models(tmp_path: Path) -> None:
    py = (
        "import sys\n\n"
        "arguments = [\n"
        "    {\n"
        "        \"name\": \"llama3\",\n"
        "        \"help_text\": \"shortcut for `interpreter --profile llama3`\",\n"
        "        \"type\": bool,\n"
        "    },\n"
        "]\n\n\n"
        "def configure(interpreter, args):\n"
        "    if args.codestral:\n"
        "        args.profile = \"codestral-vision.py\"\n"
        "    interpreter.llm.model = \"openai/local\"\n"
        "    if interpreter.llm.model == \"i\":\n"
        "        interpreter.llm.model = \"openai/i\"\n"
        "    interpreter.llm.model = \"openai/gpt-4o-mini\"\n"
        "    settings = {\"model\": \"llama3\"}\n"
        "    return settings\n")
    found = _scan(tmp_path, {"cli/start.py": py})
    raws = _raws(found, "cli/start.py")
    assert (5, "llama3") not in raws  # a flag's name
    for not_a_model in ("codestral-vision.py", "openai/local", "openai/i"):
        assert not any(raw == not_a_model for _, raw in raws), not_a_model
    assert (18, "openai/gpt-4o-mini") in raws
    assert (19, "llama3") in raws


def test_timm_pretrained_names_and_lazyllm_trainable_modules(tmp_path: Path) -> None:
    py = (
        "import timm\n"
        "import lazyllm\n"
        "from lazyllm import TrainableModule\n\n"
        "encoder = timm.create_model(\n"
        "    \"vit_base_patch16_siglip_224\",\n"
        "    pretrained=True,\n"
        "    num_classes=0,\n"
        ")\n"
        "scratch = timm.create_model(\"vit_base_patch16_siglip_256\", pretrained=False)\n"
        "stt = lazyllm.TrainableModule('SenseVoiceSmall')\n"
        "tts = TrainableModule('bark')\n"
        "music = TrainableModule('musicgen-small')\n"
        "llm = TrainableModule('internlm2-chat-7b')\n")
    found = _scan(tmp_path, {"examples/agent.py": py})
    raws = _raws(found, "examples/agent.py")
    assert (6, "vit_base_patch16_siglip_224") in raws
    assert not any(raw == "vit_base_patch16_siglip_256" for _, raw in raws)
    assert (11, "SenseVoiceSmall") in raws
    assert (12, "bark") in raws
    assert (13, "musicgen-small") in raws
    assert (14, "internlm2-chat-7b") in raws


def test_hosted_speech_names_are_known() -> None:
    for name in ("cosyvoice-v2", "qwen-tts-latest", "embedding-passage"):
        assert classify(name, "none") is not None, name

