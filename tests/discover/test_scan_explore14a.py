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
  ``addEventListener``) names an event, not a model.

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
