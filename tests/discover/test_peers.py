"""Issue 10, session 6: peer evidence. An identifier listed in a table (a Go const block, a switch on a model, a
Python list, the first arguments of one callee's calls) whose other entries are recognised models is a model too;
tables that are not model tables, and entries not shaped like model ids, stay unreported."""

from __future__ import annotations

from pathlib import Path

import modelmap
from modelmap.discover.peers import accepted, peer_shaped
from modelmap.types import Finding


def _scan(tmp_path: Path, files: dict[str, str]) -> list[Finding]:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return [f for f in modelmap.scan(str(tmp_path), resolve=False).findings if f.kind != "endpoint"]


def _raws(tmp_path: Path, files: dict[str, str]) -> set[str]:
    return {f.raw for f in _scan(tmp_path, files)}


def test_go_const_block_of_models_reports_its_unknown_members(tmp_path: Path) -> None:
    go = (
        "package catalog\n\n"
        "const (\n"
        '\tGPT4o        = "gpt-4o"\n'
        '\tGPT4oMini    = "gpt-4o-mini"\n'
        '\tClaudeHaiku  = "claude-3-haiku-20240307"\n'
        '\tGLM4         = "glm-4"\n'
        '\tStarfishPro  = "starfish-pro-32k"\n'
        '\tZhiPuPlus    = "zhipu-chatglm-plus"\n'
        '\tOrcaV2       = "orca_chat_v2"\n'
        ")\n\n"
        "const (\n"
        '\tHeaderAuth  = "x-api-key"\n'
        '\tRouteChat   = "chat-completions-v1"\n'
        '\tRouteImages = "images-generations-v1"\n'
        ")\n"
    )
    found = {f.raw: f for f in _scan(tmp_path, {"catalog/models.go": go})}
    for raw in ("starfish-pro-32k", "zhipu-chatglm-plus", "orca_chat_v2"):
        assert raw in found, raw
        assert any(e.startswith("peers:4/7") for e in found[raw].evidence or ()), found[raw].evidence
    # the known ones are still found on their own evidence; the second block has no recognised model
    assert {"gpt-4o", "gpt-4o-mini", "glm-4"} <= set(found)
    assert not {"x-api-key", "chat-completions-v1", "images-generations-v1"} & set(found)


def test_go_switch_on_model_maps_to_upstream_names(tmp_path: Path) -> None:
    go = (
        "package spark\n\n"
        "func upstream(model string) string {\n"
        "\tswitch model {\n"
        "\tcase Lite:\n\t\treturn \"lite\"\n"
        "\tcase Pro:\n\t\treturn \"generalv3\"\n"
        "\tcase Pro128K:\n\t\treturn \"pro-128k\"\n"
        "\tcase Max:\n\t\treturn \"generalv3.5\"\n"
        "\tcase Max32K:\n\t\treturn \"max-32k\"\n"
        "\tcase Ultra:\n\t\treturn \"4.0Ultra\"\n"
        "\t}\n\treturn \"lite\"\n}\n\n"
        "func version(model string) string {\n"
        "\tswitch model {\n"
        "\tcase Pro:\n\t\treturn \"v3.1\"\n"
        "\tcase Max:\n\t\treturn \"v3.5\"\n"
        "\t}\n\treturn \"v1.1\"\n}\n"
    )
    raws = _raws(tmp_path, {"spark/upstream.go": go})
    assert {"pro-128k", "max-32k", "generalv3", "generalv3.5"} <= raws
    assert not {"lite", "v3.1", "v3.5", "v1.1"} & raws  # a single word, versions: not model-shaped


def test_go_table_with_few_known_members_reports_only_those(tmp_path: Path) -> None:
    go = (
        "package ui\n\n"
        "var Themes = []string{\n"
        '\t"gpt-4o", "solarized-dark", "solarized-light", "high-contrast", "nord-blue", "paper-white",\n'
        "}\n"
    )
    raws = _raws(tmp_path, {"ui/themes.go": go})
    assert not {"solarized-dark", "solarized-light", "high-contrast", "nord-blue", "paper-white"} & raws


def test_python_first_arguments_of_one_callee_and_lists(tmp_path: Path) -> None:
    provider = (
        "from .base import ModelInfo, ModelTypeConst\n\n"
        "chat_models = [\n"
        "    ModelInfo('glm-4', '', ModelTypeConst.LLM),\n"
        "    ModelInfo('glm-4-plus', '', ModelTypeConst.LLM),\n"
        "    ModelInfo('glm-3-turbo', '', ModelTypeConst.LLM),\n"
        "]\n"
        "image_models = [\n"
        "    ModelInfo('cogpaint-3', _('Draws pictures from text'), ModelTypeConst.TTI),\n"
        "    ModelInfo('cogpaint-3-plus', _('Draws larger pictures'), ModelTypeConst.TTI),\n"
        "]\n"
        "VISION = ['gpt-4o', 'gpt-4o-mini', 'claude-3-5-sonnet-20240620', 'acme-vision-7b', 'luma-video']\n"
        "print('starting-up')\nprint('gpt-4o')\nprint('shutting-down')\n"
    )
    found = {f.raw: f for f in _scan(tmp_path, {"providers/zhipu.py": provider})}
    assert {"cogpaint-3", "cogpaint-3-plus", "acme-vision-7b", "luma-video"} <= set(found)
    assert any(e.startswith("peers:") for e in found["cogpaint-3"].evidence or ())
    assert "starting-up" not in found and "shutting-down" not in found  # print's arguments: one known of three


def test_python_snapshot_download_wrappers_and_name_or_path_keys(tmp_path: Path) -> None:
    demo = (
        "from swift import safe_snapshot_download\n"
        "adapter_path = safe_snapshot_download('acme/test_lora')\n"
        "config = [{'download_params': {'cache_dir': 'hub', 'pretrained_model_name_or_path': 'gpt2-medium'}}]\n"
        "other = my_cache_download('acme/not_a_model')\n"
    )
    raws = _raws(tmp_path, {"examples/demo.py": demo})
    assert {"acme/test_lora", "gpt2-medium"} <= raws
    assert "acme/not_a_model" not in raws


def test_peer_rule_needs_a_majority_and_a_model_shape() -> None:
    known = [("gpt-4o", True), ("glm-4", True), ("qwen-max", True)]
    assert accepted([*known, ("acme-chat-7b", False)]) == {"acme-chat-7b": "peers:3/4"}
    # two known are not enough; nor are three known among seven
    assert accepted([*known[:2], ("acme-chat-7b", False)]) == {}
    assert accepted([*known, *[(f"theme-{i}a", False) for i in range(4)]]) == {}
    # without a strong table, an entry must read as a model (a digit or a family word)
    assert accepted([*known, ("bing-creative", False), ("acme-chat-7b", False)]) == {"acme-chat-7b": "peers:3/5"}
    assert "bing-creative" in accepted([*known, ("bing-creative", False)], model_table=True)
    for value in ("general", "v3.1", "2024-05-13", "1024x1024", "gpt-4o-settings", "model_name", "MODEL_NAME",
                  "logo.png", "your-model", "user-agent", "utf-8", "iso-8859-1", "sha-256", "x86_64"):
        assert not peer_shaped(value), value
    for value in ("spark-desk-max", "chatglm_pro", "360-gpt-v9", "4.0Ultra", "org/model-7b"):
        assert peer_shaped(value), value


def test_go_records_table_and_cost_map(tmp_path: Path) -> None:
    go = (
        "package gw\n\n"
        "type ModelInfo struct{ ID, Endpoint, Desc string }\n\n"
        "var Registry = []ModelInfo{\n"
        '\t{ID: "gpt-4o", Endpoint: "chat-v1", Desc: "fast"},\n'
        '\t{ID: "gpt-4o-mini", Endpoint: "chat-v1", Desc: "cheap"},\n'
        '\t{ID: "claude-3-haiku-20240307", Endpoint: "messages-v1", Desc: "short"},\n'
        '\t{ID: "acme-chat-7b", Endpoint: "chat-v1", Desc: "local"},\n'
        '\t{ID: "zeta-pro-32k", Endpoint: "chat-v2", Desc: "long"},\n'
        "}\n"
        'var PerMillionTokenCost = map[string]float64{"gpt-4o": 2.5, "gpt-4o-mini": 0.15, "glm-4": 1, '
        '"orca-mini-13b": 0.1}\n'
    )
    found = {(f.line, f.raw) for f in _scan(tmp_path, {"gw/registry.go": go})}
    assert {(9, "acme-chat-7b"), (10, "zeta-pro-32k"), (12, "orca-mini-13b")} <= found
    assert not {raw for _, raw in found} & {"chat-v1", "chat-v2", "messages-v1"}  # another field of the records


def test_python_dict_keys_table(tmp_path: Path) -> None:
    py = (
        "PRICES = {\n"
        "    'gpt-4o': (2.5, 10.0),\n"
        "    'gpt-4o-mini': (0.15, 0.6),\n"
        "    'claude-3-5-sonnet-20240620': (3.0, 15.0),\n"
        "    'acme-chat-7b': (0.1, 0.1),\n"
        "}\n"
        "HEADERS = {'content-type': 'json', 'x-request-id': '1', 'gpt-4o': 'ok'}\n"
    )
    found = {(f.line, f.raw) for f in _scan(tmp_path, {"billing/prices.py": py})}
    assert (5, "acme-chat-7b") in found
    assert not {raw for _, raw in found} & {"content-type", "x-request-id"}


def test_go_switch_default_value_joins_its_cases(tmp_path: Path) -> None:
    go = (
        "package route\n\n"
        "func upstream(model string) string {\n"
        "\tswitch model {\n"
        "\tcase A:\n\t\treturn \"gpt-4o\"\n"
        "\tcase B:\n\t\treturn \"glm-4\"\n"
        "\tcase C:\n\t\treturn \"qwen-max\"\n"
        "\tdefault:\n\t\treturn \"acme-fallback-7b\"\n"
        "\t}\n}\n"
    )
    found = {(f.line, f.raw) for f in _scan(tmp_path, {"route/upstream.go": go})}
    assert (12, "acme-fallback-7b") in found


def test_records_tables_in_python_and_typescript(tmp_path: Path) -> None:
    py = (
        "CATALOG = [\n"
        "    {'id': 'gpt-4o', 'label': 'fast-default'},\n"
        "    {'id': 'claude-3-5-sonnet-20240620', 'label': 'smart-default'},\n"
        "    {'id': 'glm-4', 'label': 'china-default'},\n"
        "    {'id': 'acme-chat-7b', 'label': 'local-default'},\n"
        "]\n"
    )
    ts = (
        "export const catalog = [\n"
        "  { id: 'gpt-4o', route: 'chat-v1' },\n"
        "  { id: 'gpt-4o-mini', route: 'chat-v1' },\n"
        "  { id: 'qwen-max', route: 'chat-v2' },\n"
        "  { id: 'orca-mini-13b', route: 'chat-v2' },\n"
        "]\n"
    )
    found = {(f.path, f.line, f.raw) for f in _scan(tmp_path, {"app/catalog.py": py, "web/catalog.ts": ts})}
    assert ("app/catalog.py", 5, "acme-chat-7b") in found
    assert ("web/catalog.ts", 5, "orca-mini-13b") in found
    assert not {raw for _, _, raw in found} & {"local-default", "fast-default", "chat-v1", "chat-v2"}
