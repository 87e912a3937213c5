"""scanexplore14a (issue 10): idioms found on fresh TypeScript / JavaScript / Python LLM apps (Electron and browser
extension chat clients, a Cloudflare Workers bot, Python video / speech apps) that the scanner reported wrongly.

* UI translation tables (``src/i18n/locales/en.json``, ``src/assets/locale/zh/openai.json``, ``_locales/``) hold
  display text keyed by message ids ("gpt-4": "GPT-4", "placeholder": "llama3.2"): skipped as ``translations``;
* a TypeScript agent table whose ``model:`` names the setting that holds the model (``model: 'GOOGLE_CHAT_MODEL'``,
  read later as ``config[agent.model]``) gives that setting's name, not a model;
* a settings section named after the engine it configures (``whisper:`` / ``[tts_qwen]`` / ``[fun_asr]`` holding
  a ``model`` key) is not a model selector; an entry named like a model (``qwen-7b-api:``) still is;
* ``engine`` holds a model only bare (OpenAI's and Azure's old ``engine=``) or as an LLM's engine (``llm_engine``,
  ``AZURE_OPENAI_ENGINE``); ``tts_engine == "edge_tts"``, ``VOXCPM_ENGINE = "voxcpm_05b"``, ``search_engine`` pick
  a backend;
* the first argument of an event or channel call with a handler or data after it (Electron's
  ``webContents.send("CLAUDE-2-ORG", org)`` / ``ipcRenderer.on(...)``, EventEmitter ``emit``, DOM
  ``addEventListener``) names an event, not a model;
* a leading-slash argument of a Python HTTP client call (``conn.request("POST", "/302/submit/f5-tts")``) is a route on
  the server, not a model folder; ``os.environ.get("MODEL_DIR", "/models/chatglm3-6b")`` still is one;
* a model list written as one string and split (``const availableModels = 'glm-4-plus、glm-4-air'.split('、')``,
  ``CHAT_MODELS = "gpt-4o,o3".split(",")``), also with the ideographic or full-width comma of Chinese text, gives each
  item at its own column;
* a JSX display attribute written as an expression of one string (``placeholder={"qwen2.5:3b"}``,
  ``title={`gpt-4o`}``) is UI text, as ``placeholder="…"`` already was; ``model={"qwen2.5:3b"}`` is still a model.

Fixtures are written for these tests (not copied from any repository). No timing assertions."""

from __future__ import annotations

from pathlib import Path

import modelmap
from modelmap.discover.walk import translation_table
from tests.discover.scan_helpers import found as _found

_LOCALE = '''\
{
  "bots": {
    "gpt-4o": "GPT-4o",
    "claude-3-5-haiku-latest": "claude-3.5-haiku",
    "deepseek-chat": "DeepSeek Chat"
  },
  "settings": {"model": {"placeholder": "llama3.2", "label": "Model"}}
}
'''


def test_translation_tables_are_skipped_with_a_reason(tmp_path: Path) -> None:
    for rel in ("src/i18n/locales/en.json", "src/assets/locale/zh/openai.json", "extension/_locales/en/messages.json",
                "web/src/locales/en-US.ts", "app/translations/de.yaml"):
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_LOCALE)
    (tmp_path / "src" / "config.json").write_text('{"model": "gpt-4o"}\n')
    result = modelmap.scan(str(tmp_path), resolve=False)
    assert {(f.path, f.raw) for f in result.findings if f.kind != "endpoint"} == {("src/config.json", "gpt-4o")}
    assert sum(s.reason == "translations" for s in result.skips) == 5


def test_a_settings_file_beside_locales_or_named_like_one_is_still_read(tmp_path: Path) -> None:
    # only files below a translations folder are skipped; a folder merely containing the word is not one
    assert _found(tmp_path, "src/localesettings/models.json", '{"model": "deepseek-chat"}\n') == {(1, "deepseek-chat")}
    assert _found(tmp_path, "config/en.json", '{"model": "qwen-plus"}\n') >= {(1, "qwen-plus")}
    assert not translation_table("src/i18n/README.md")
    assert not translation_table("locales.json")
    assert translation_table("src/I18N/zh-CN.json")


_AGENTS = """\
export const agents = [
  { name: 'gemini', model: 'GOOGLE_CHAT_MODEL', base: 'GOOGLE_API_BASE' },
  { name: 'deepseek', model: 'DEEPSEEK_CHAT_MODEL' },
];
export class Config {
  GOOGLE_CHAT_MODEL = 'gemini-2.5-flash';
  DEEPSEEK_CHAT_MODEL: string = 'deepseek-chat';
}
const picked = { model: 'GPT_4O' };
"""


def test_a_settings_name_under_a_model_key_is_not_a_model(tmp_path: Path) -> None:
    got = _found(tmp_path, "src/agent/agents.ts", _AGENTS)
    assert got == {(6, "gemini-2.5-flash"), (7, "deepseek-chat")}


_SETTINGS_YAML = """\
whisper:
  model: 'large-v3'
  language: 'en'
qwen-7b-api:
  type: dashscope
  model: qwen-7b-chat
"""

_SETTINGS_TOML = """\
[tts_qwen]
api_key = ""
model_name = "qwen3-tts-flash"

[fun_asr]
model = "fun-asr"
"""


def test_a_settings_section_named_after_an_engine_is_not_a_model(tmp_path: Path) -> None:
    assert _found(tmp_path, "config.yaml", _SETTINGS_YAML) == {(2, "large-v3"), (4, "qwen-7b-api"), (6, "qwen-7b-chat")}
    assert _found(tmp_path / "t", "config.example.toml", _SETTINGS_TOML) == {(3, "qwen3-tts-flash"), (6, "fun-asr")}


_ENGINES = """\
VOXCPM_ENGINE = "voxcpm_05b"
AZURE_OPENAI_ENGINE = "gpt-4o-mini"


def speak(text, tts_engine="edge_tts", search_engine="bing_search"):
    if tts_engine == "qwen3_tts":
        return call_qwen(text, model="qwen3-tts-flash")
    if tts_engine in ("tencent_tts", "azure_tts"):
        return None
    return openai.Completion.create(engine="gpt-35-turbo-instruct", prompt=text)
"""


def test_a_backend_engine_is_not_a_model_but_an_llm_engine_is(tmp_path: Path) -> None:
    got = _found(tmp_path, "app/services/voice.py", _ENGINES)
    assert got == {(2, "gpt-4o-mini"), (7, "qwen3-tts-flash"), (10, "gpt-35-turbo-instruct")}


_IPC = """\
const { ipcRenderer } = require("electron");
export function watch(mainWindow, org) {
  mainWindow.webContents.send("CLAUDE-2-ORG", org);
  ipcRenderer.on("claude-3-opus-20240229", (event, value) => console.log(value));
  bus.emit("gpt-4o", { model: "gpt-4o-mini" });
  return client.chat({ model: "claude-3-5-haiku-latest" });
}
"""


def test_event_and_channel_names_are_not_models(tmp_path: Path) -> None:
    got = _found(tmp_path, "src/background.js", _IPC)
    assert got == {(5, "gpt-4o-mini"), (6, "claude-3-5-haiku-latest")}


_HTTP = """\
import http.client
import os

MODEL_DIR = os.environ.get("MODEL_DIR", "/models/chatglm3-6b")


def submit(payload, headers):
    conn = http.client.HTTPSConnection("api.example.com")
    conn.request("POST", "/302/submit/f5-tts", payload, headers)
    session.post("/v1/models/qwen-plus", json=payload)
    return conn.getresponse()
"""


def test_a_route_given_to_an_http_client_is_not_a_model_folder(tmp_path: Path) -> None:
    assert _found(tmp_path, "core/tts_backend/f5.py", _HTTP) == {(4, "/models/chatglm3-6b")}


_SPLIT_TS = """\
const availableModels = 'glm-4-plus、glm-4-0520、glm-4-air'.split('、').map(it => it.trim());
export const CHAT_MODELS = "gpt-4o,o3-mini".split(",");
const words = "gpt-4o,o3-mini".split(",");
const MODEL_HELP = "gpt-4o、我们的默认模型";
"""

_SPLIT_PY = """\
available_models = "glm-4-plus，glm-4-air".split("，")
CHAT_MODELS = "gpt-4o,o3-mini".split(",")
tags = "gpt-4o,o3-mini".split(",")
"""


def test_a_model_list_written_as_one_string_and_split_is_read_item_by_item(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "Config.jsx").write_text(_SPLIT_TS)
    (tmp_path / "models.py").write_text(_SPLIT_PY)
    got = {(f.path, f.line, f.column, f.raw) for f in modelmap.scan(str(tmp_path), resolve=False).findings}
    assert got == {
        ("src/Config.jsx", 1, 26, "glm-4-plus"), ("src/Config.jsx", 1, 37, "glm-4-0520"),
        ("src/Config.jsx", 1, 48, "glm-4-air"), ("src/Config.jsx", 2, 29, "gpt-4o"), ("src/Config.jsx", 2, 36, "o3-mini"),
        ("models.py", 1, 21, "glm-4-plus"), ("models.py", 1, 32, "glm-4-air"),
        ("models.py", 2, 16, "gpt-4o"), ("models.py", 2, 23, "o3-mini"),
    }


def test_many_separators_in_one_string_stay_linear_and_unread(tmp_path: Path) -> None:
    # a 200k-character string of ideographic commas under a model name: no list (too many items), one pass
    # (Python: a JavaScript file with such a line is skipped as minified before it is parsed)
    text = "chat_models = '" + "、" * 200_000 + "'.split('、')\nmodel = 'gpt-4o'\n"
    assert _found(tmp_path, "big.py", text) == {(2, "gpt-4o")}


_JSX = """\
export const AddModel = () => (
  <Form>
    <Input placeholder={"qwen2.5:3b"} title={`gpt-4o`} />
    <ModelPicker model={"qwen2.5:7b"} />
  </Form>
);
"""


def test_a_jsx_display_attribute_written_as_an_expression_is_ui_text(tmp_path: Path) -> None:
    assert _found(tmp_path, "src/components/AddModel.tsx", _JSX) == {(4, "qwen2.5:7b")}
