"""scanexplore13a (issue 10): idioms found on fresh Python / TypeScript apps that the scanner missed.

* a comma-separated list of model ids written as one string under a model-named name (Python constants and
  keywords, TypeScript constants), as dotenv files already read them;
* YAML written in a Python multi-line string (a test writing a model catalog or an app config to a temp file);
* ``payload.get("model") == "<id>"`` comparisons (a test asserting the model a factory passed on).

Fixtures are written for these tests (not copied from any repository). No timing assertions."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found as _found

_CONSTANTS = '''\
"""Default model lists shown in the settings dialog."""
CHAT_MODELS = "gpt-4.1,gpt-4.1-mini,o4-mini"
Zhipu_Model = "glm-4.6, glm-4.5-flash"
ROUTER_MODELS = "qwen/qwen3-max,moonshotai/kimi-k2.5"
MODEL_HELP = "gpt-4.1, the default model"
TAGS = "gpt-4.1,claude"
'''


def test_comma_separated_python_constant_under_a_model_name_is_read_item_by_item(tmp_path: Path) -> None:
    got = _found(tmp_path, "settings_defaults.py", _CONSTANTS)
    assert {(2, "gpt-4.1"), (2, "gpt-4.1-mini"), (2, "o4-mini"), (3, "glm-4.6"), (3, "glm-4.5-flash"),
            (4, "qwen/qwen3-max"), (4, "moonshotai/kimi-k2.5")} <= got
    # the whole string is no model, prose under a model name is not a list, and a non-model name is not read
    assert not {raw for _, raw in got if "," in raw}
    assert not {line for line, _ in got} & {5, 6}


def test_comma_separated_items_are_reported_at_their_own_columns(tmp_path: Path) -> None:
    import modelmap

    (tmp_path / "m.py").write_text('LLM_MODELS = "gpt-4o-mini,deepseek-chat"\n')
    cols = {(f.raw, f.column) for f in modelmap.scan(str(tmp_path), resolve=False).findings}
    assert cols == {("gpt-4o-mini", 15), ("deepseek-chat", 27)}


def test_comma_separated_python_keyword_is_read_item_by_item(tmp_path: Path) -> None:
    text = 'settings = make_settings(\n    LLM_NAME="llama3,qwen2.5:7b",\n    OPENAI_BASE_URL="http://localhost:11434/v1",\n)\n'
    got = _found(tmp_path, "test_settings.py", text)
    assert {(2, "llama3"), (2, "qwen2.5:7b")} <= got


def test_comma_list_with_escapes_is_not_split_at_wrong_columns(tmp_path: Path) -> None:
    # a list written across a line continuation: the value does not read as written on one line, so it is not split
    got = _found(tmp_path, "cont.py", 'CHAT_MODELS = "gpt-4.1,\\\no4-mini"\n')
    assert not {raw for _, raw in got if "," in raw}


def test_comma_separated_typescript_constant_is_read_item_by_item(tmp_path: Path) -> None:
    text = ('export const DEFAULT_MODELS = "gpt-4o,gpt-4o-mini,deepseek-chat";\n'
            'export const MODEL_LABEL = "gpt-4o, our default";\n'
            'const tags = "gpt-4o,gpt-4o-mini";\n')
    got = _found(tmp_path, "src/config.ts", text)
    assert got == {(1, "gpt-4o"), (1, "gpt-4o-mini"), (1, "deepseek-chat")}


def test_long_comma_strings_are_not_read(tmp_path: Path) -> None:
    # hostile input: a thousand items under a model name is a blob, not a settings list; the scan stays bounded
    value = ",".join(f"gpt-4o-{i}" for i in range(1000))
    got = _found(tmp_path, "blob.py", f'MODELS = "{value}"\n')
    assert not {raw for _, raw in got if raw.startswith("gpt-4o-")}


_TEST_WRITES_YAML = '''\
from textwrap import dedent


def test_catalog(tmp_path):
    (tmp_path / "together.yaml").write_text(dedent("""
        provider: openai_compatible
        base_url: https://api.together.xyz/v1
        models:
          - id: meta-llama/Llama-3.3-70B-Instruct-Turbo
            display_name: Llama 3.3 70B
            context_window: 131072
          - id: Qwen/Qwen2.5-72B-Instruct-Turbo
            display_name: Qwen 2.5 72B
        tools:
          - id: web_search
    """))


APP_CONFIG = """
models:
  - name: fast
    use: langchain_openai:ChatOpenAI
    model: gpt-4o-mini
    api_key: $OPENAI_API_KEY
sandbox:
  use: local
"""
'''


def test_yaml_in_a_python_multiline_string_is_read(tmp_path: Path) -> None:
    got = _found(tmp_path, "tests/test_catalog.py", _TEST_WRITES_YAML)
    assert got == {(9, "meta-llama/Llama-3.3-70B-Instruct-Turbo"), (12, "Qwen/Qwen2.5-72B-Instruct-Turbo"),
                   (23, "gpt-4o-mini")}


def test_yaml_in_a_string_needs_a_model_named_key(tmp_path: Path) -> None:
    text = 'DOC = """\nitems:\n  - id: gpt-4o-mini-summary\nname: gpt-4o\n"""\n'
    assert _found(tmp_path, "fixtures.py", text) == set()


def test_yaml_in_a_string_is_bounded(tmp_path: Path) -> None:
    # hostile input: a huge YAML-looking string; at most a bounded number of pairs is read
    body = "".join(f"  - id: acme-model-{i}b\n" for i in range(5000))
    got = _found(tmp_path, "big.py", f'CFG = """\nmodels:\n{body}"""\n')
    assert len(got) <= 256


_JAVA_TEXT_BLOCK = """\
class CatalogTest {
    static final String DEFAULT_MODEL = "gpt-4o";
    static final String CATALOG = \"\"\"
        models:
          - id: mistral-large-latest
            display_name: Mistral Large
          - id: open-mistral-nemo-2407
        tools:
          - id: web_search
        \"\"\";
}
"""


def test_catalog_entries_in_a_java_text_block_are_read(tmp_path: Path) -> None:
    # the same reader serves the other languages' multi-line literals: `- id:` entries under a model-named list key,
    # the entry's own fields (display_name) do not end the list, another key's entries are not models
    got = _found(tmp_path, "CatalogTest.java", _JAVA_TEXT_BLOCK)
    assert got == {(2, "gpt-4o"), (5, "mistral-large-latest"), (7, "open-mistral-nemo-2407")}


def test_get_of_a_model_key_compared_with_an_id(tmp_path: Path) -> None:
    text = ('def test_factory(captured):\n'
            '    assert captured.get("model") == "MiniMax-M3"\n'
            '    assert captured.get("base_url") == "https://api.minimax.io/v1"\n'
            '    assert captured.get("name") == "minimax-fast"\n'
            '    assert "m3" in captured.get("model", "").lower()\n')
    got = _found(tmp_path, "test_factory.py", text)
    assert (2, "MiniMax-M3") in got
    assert not {line for line, _ in got} & {4, 5}


_ENGINES = '''\
ENGINES = {"llama_cpp": "LLaMa.cpp", "whisper": "whisper.cpp"}
LOCAL_ENGINE_MODEL = "llama.cpp"
STT_MODELS = {"Whisper_cpp_models": "whisper.cpp 模型列表", "faster": "faster-whisper"}
WHISPER_MODEL = "ggerganov/whisper.cpp"
CHAT_MODEL_CLASSES = ["langchain.chat_models.BaseChatModel", "langchain_core.language_models.BaseChatModel"]
BEDROCK_MODEL = "us.anthropic.claude-3-5-sonnet-20240620-v1:0"
'''


def test_cpp_engine_names_and_class_paths_are_not_models(tmp_path: Path) -> None:
    # llama.cpp / whisper.cpp name inference engines (an app's backend choice), a dotted capitalised path a class;
    # a Hub repo of that name and a Bedrock id (dots, hyphens, a version) still are models
    got = _found(tmp_path, "engines.py", _ENGINES)
    assert got == {(4, "ggerganov/whisper.cpp"), (6, "us.anthropic.claude-3-5-sonnet-20240620-v1:0")}


def test_cpp_engine_name_under_a_model_key_in_yaml_is_not_a_model(tmp_path: Path) -> None:
    got = _found(tmp_path, "config.yaml", "backend:\n  model_engine: llama.cpp\n  model: qwen2.5:7b\n")
    assert got == {(3, "qwen2.5:7b")}


_WHISPER = '''\
import whisper
import whisperx
from faster_whisper import WhisperModel

DEFAULT_SIZE = "large-v3"
fast = WhisperModel(DEFAULT_SIZE, device="cuda", compute_type="float16")
english = WhisperModel(model_size_or_path="distil-medium.en")
hub = WhisperModel("Systran/faster-whisper-small")
classic = whisper.load_model("turbo")
aligned = whisperx.load_model("large-v2", "cuda", compute_type="int8")


class Transcriber:
    def __init__(self, model_size: str = "base", device: str = "cpu"):
        self.model = WhisperModel(model_size, device=device)


LABELS = {"base": "Base", "small": "Small"}
'''


def test_whisper_size_names_passed_to_the_libraries_are_models(tmp_path: Path) -> None:
    got = _found(tmp_path, "stt.py", _WHISPER)
    assert got == {(5, "large-v3"), (7, "distil-medium.en"), (8, "Systran/faster-whisper-small"), (9, "turbo"),
                   (10, "large-v2"), (14, "base")}


_KEYED_LISTS = '''\
ASR_MODELS = ["Fun-ASR-Nano-2512", "paraformer-zh", "SenseVoiceSmall"]
EMBEDDING_MODEL = ("acme-embed-v2", "acme-embed-v2-large")
_extend_models = ["localllm_model", "deepseek_model", "chattts_voice"]
DJANGO_MODELS = ["user", "post", "comment"]
'''


def test_lists_under_model_named_names_are_read_entry_by_entry(tmp_path: Path) -> None:
    # no entry is a model the knowledge base knows; the name says the list holds models. A list of setting names
    # (each a model-named key) or of bare words is not
    got = _found(tmp_path, "defaults.py", _KEYED_LISTS)
    assert got == {(1, "Fun-ASR-Nano-2512"), (1, "paraformer-zh"), (2, "acme-embed-v2"), (2, "acme-embed-v2-large")}


_ONE_LINE_TEXTS = '''\
BODY = '{"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}]}'
EVENT = 'data: {"type":"response.completed","response":{"model":"gpt-5.4","output":[]}}'
CFG = "version: 5\\nmodels:\\n  - name: default\\n    model: claude-sonnet-4-5\\n    api_key: $KEY\\n"
NOTE = '{"model_count": 3, "name": "gpt-4o-mini"}'
r = post(model_name="acme-chat-7b", data='{"temperature": 0, "title": "model"}')
'''


def test_json_and_escaped_yaml_on_one_line_are_read(tmp_path: Path) -> None:
    # a request body and a recorded SSE event as one-line JSON, a config written with \\n escapes; a non-model key's
    # value is not read, and only the literal's own text is (the call's own keyword is the kwarg reader's)
    got = _found(tmp_path, "test_client.py", _ONE_LINE_TEXTS)
    assert got == {(1, "gpt-4o-mini"), (2, "gpt-5.4"), (3, "claude-sonnet-4-5"), (5, "acme-chat-7b")}


def test_one_line_text_with_many_pairs_is_bounded(tmp_path: Path) -> None:
    # hostile input: one line of 5000 `"model": "…"` pairs; the file's budget and findings cap bound the reader, the
    # scan finishes and what it read first is reported
    body = ", ".join(f'"model": "acme-{i}b"' for i in range(5000))
    got = _found(tmp_path, "blob.py", f"BLOB = '{{{body}}}'\n")
    assert (1, "acme-0b") in got and len(got) <= 5000
