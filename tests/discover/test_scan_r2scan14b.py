"""Scan fixes from the held-out-12 misses (session 14, round 2, r2scan-b): a model record's namespaced id of its own
model (TaskingAI's per-model YAML resources); a list printed as text (Java's List.toString() in a test's assertion)
and a property set in one literal (Spring Boot test properties)."""

from __future__ import annotations

from pathlib import Path

import modelmap
from modelmap.discover.base import SourceFile
from modelmap.discover.config_files import ConfigFileSource
from modelmap.types import Finding
from tests.discover.scan_helpers import found as found_tree


def found(path: str, text: str) -> dict[tuple[int, str], Finding]:
    return {(f.line, f.raw): f for f in ConfigFileSource().scan(SourceFile(path, text, "config"))
            if isinstance(f, Finding)}


# a per-model resource file of a provider plugin: the platform's schema id is the provider's name in the app and the
# provider's own model id
MODEL_YML = """\
model_schema_id: tongyi/qwen-long
provider_model_id: qwen-long
type: chat_completion
name: "i18n:qwen_long_name"
default_endpoint_url: https://dashscope.aliyuncs.com/api/v1/services/aigc/text-generation/generation
properties:
  function_call: false
  input_token_limit: 10000000
"""


def test_record_namespaced_own_model_id() -> None:
    out = found("inference/providers/tongyi/resources/models/qwen-long.yml", MODEL_YML)
    prefixed = out[(1, "tongyi/qwen-long")]
    assert (prefixed.column, prefixed.kind, prefixed.provider) == (18, "provider-prefixed", "dashscope-cn")
    assert out[(2, "qwen-long")].kind == "api-model"


def test_namespaced_id_in_a_json_catalogue() -> None:
    text = '[{"slug": "acme/yi-large", "model": "yi-large", "ctx": 32768},\n {"slug": "acme/other", "model": "yi-large"}]\n'
    out = found("catalog.json", text)
    assert (1, "acme/yi-large") in out and (1, "yi-large") in out
    assert not any(raw == "acme/other" for _, raw in out)


def test_namespaced_value_needs_the_records_model() -> None:
    # a route or a folder beside an unrelated model, a path with more parts, a template: not the record's model
    text = """\
route: tongyi/qwen-long
model: qwen-max
folder: data/qwen-max/v1
target: ${PROVIDER}/qwen-max
"""
    out = found("config.yaml", text)
    assert set(out) == {(2, "qwen-max")}


def test_namespaced_without_a_model_key() -> None:
    # no model key in the record: the namespaced value is not promoted
    out = found("config.yaml", "model_schema_id: tongyi/qwen-long\nprovider_name: qwen-long\n")
    assert (1, "tongyi/qwen-long") not in out


def test_hostile_record() -> None:
    # a huge record and long values: bounded (first 32 pairs), no crash, the model still found
    pairs = "".join(f"k{i}: v{i}/x\n" for i in range(5000))
    long = "a" * 300
    text = f"model: qwen-max\nid: {long}/qwen-max\nother: p/{'q' * 5000}\n" + pairs
    out = found("big.yaml", text)
    assert (1, "qwen-max") in out
    assert not any("/" in raw for _, raw in out)


# ---------------------------------------------------------------------------------------- Java: printed lists, properties

JAVA_TEST = """\
package jm.kr.spring.ai.playground.service.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

@SpringBootTest(properties = {
        "spring.ai.model.chat=openai",
        "spring.ai.openai.base-url=http://localhost:11434",
        "spring.ai.openai.chat.options.model=qwen3",
        "logging.level.root=INFO"
})
class ChatServiceTest {
    @Test
    void testGetModels() {
        assertEquals(
                "[gpt-4.1-nano, gpt-4o-mini, gpt-3.5-turbo-16k]",
                chatService.getModels().toString());
        assertEquals("[alpha, beta, gamma]", names.toString());
        assertEquals("[1, 2, 3]", ids.toString());
    }
}
"""


def test_printed_list_items_and_property_settings(tmp_path: Path) -> None:
    out = found_tree(tmp_path, "src/test/java/ChatServiceTest.java", JAVA_TEST)
    assert {(15, "gpt-4.1-nano"), (15, "gpt-4o-mini"), (15, "gpt-3.5-turbo-16k"), (8, "qwen3")} <= out
    # the provider picked, a URL property, a log level, a list of plain words or numbers: no model
    assert not any(raw in ("openai", "INFO", "alpha", "1") or raw.startswith("[") for _, raw in out)
    assert len(out) == 4


def test_printed_list_columns(tmp_path: Path) -> None:
    text = 'class T {\n  void t() { assertEquals("[gpt-4o, gpt-4o-mini]", m.toString()); }\n}\n'
    path = tmp_path / "T.java"
    path.write_text(text)
    got = {(f.line, f.column, f.raw) for f in modelmap.scan(str(tmp_path), resolve=False).findings}
    line = text.splitlines()[1]
    assert got == {(2, line.index("gpt-4o,") + 1, "gpt-4o"), (2, line.index("gpt-4o-mini") + 1, "gpt-4o-mini")}


def test_hostile_printed_lists_and_settings(tmp_path: Path) -> None:
    # a printed list of 5,000 items (over the 64 the rule reads), nested brackets, 100 KB keys and values: no crash,
    # bounded, and only the real model at the end
    many = ", ".join(f"gpt-4o-{i}" for i in range(5000))
    text = ("class H {\n"
            f'  String a = "[{many}]";\n'
            f'  String b = "[[gpt-4o, gpt-4o-mini]]";\n'
            f'  String c = "{"a." * 30000}model=gpt-4o";\n'
            f'  String d = "x.model={"q" * 100000}";\n'
            '  String e = "spring.ai.ollama.chat.model=llama3.2";\n'
            "}\n")
    out = found_tree(tmp_path, "H.java", text)
    assert out == {(6, "llama3.2")}


# ---------------------------------------------------------------------------------------- Rust: fields inside a macro

RUST_MODELS = """\
use crate::ModelInfo;

pub fn models_list() -> Vec<ModelInfo<SparseModel>> {
    vec![
        ModelInfo {
            model: SparseModel::SPLADEPPV1,
            dim: 0,
            description: String::from("Splade sparse vector model for commercial use, v1"),
            model_code: String::from("Qdrant/Splade_PP_en_v1"),
            model_file: String::from("model.onnx"),
            additional_files: Vec::new(),
        },
        ModelInfo {
            model: SparseModel::Custom,
            model_code: "acme-labs/retriever-int8".to_string(),
            label: String::from("acme-labs/retriever-int8"),
        },
    ]
}
"""


def test_rust_struct_field_inside_vec_macro(tmp_path: Path) -> None:
    out = found_tree(tmp_path, "src/models/sparse.rs", RUST_MODELS)
    # the registry's model code, wrapped in String::from or .to_string(); not the file name, the description, or
    # the same id under a field that says nothing of models
    assert out == {(9, "Qdrant/Splade_PP_en_v1"), (15, "acme-labs/retriever-int8")}


def test_token_tree_field_names() -> None:
    from modelmap.discover.candidates import extract
    from modelmap.discover.languages import parser_for
    from modelmap.discover.polyglot import _keep

    parser = parser_for("rust")
    data = (b'fn f() { let b = json!({"model": "gpt-4o", "n": 1}); let t = m!(a::b: "x-1.5"); '
            b'let c = m!(W { k: Some(String::from("y-2")) }); let d = m!(f(g: "z-3")); }')
    got = {c.value: c.bindings for c in extract(parser.parse(data), data, parser.language, _keep, [], None)}
    assert got["gpt-4o"][0] == "model"  # a JSON key inside json!
    assert not got["x-1.5"] or got["x-1.5"][0] != "b"  # a path before the colon is no field
    assert not got["y-2"] or got["y-2"][0] != "k"  # two calls deep: not read
    assert got["z-3"][:1] == ("g",)


def test_hostile_token_trees(tmp_path: Path) -> None:
    # 20,000 tokens of a path before a literal, 3,000 nested token trees, a colon chain: bounded, no crash
    path = "::".join(["a"] * 20000)
    nested = "(" * 3000 + '"gpt-4o"' + ")" * 3000
    text = (f'fn f() {{ let a = m![x: {path}("org/name-1b")]; let b = m!{nested}; let c = m!(: : : "y-1"); '
            'let d = vec![M { model_code: String::from("acme-labs/retriever-int8") }]; }\n')
    out = found_tree(tmp_path, "h.rs", text)
    assert (1, "acme-labs/retriever-int8") in out


# ---------------------------------------------------------------------------------------- a model with query options

PHP_EXAMPLE = """\
<?php

use Symfony\\AI\\Platform\\Bridge\\OpenAi\\PlatformFactory;

$platform = PlatformFactory::create(env('OPENAI_API_KEY'), http_client());
$result = $platform->invoke('gpt-4o-mini?max_output_tokens=16&temperature=0.5', $messages);
$other = $platform->invoke('claude-3-5-haiku-latest', $messages);
$page = $client->request('GET', 'search?q=gpt-4o&limit=10');
$url = 'https://api.example.com/v1/chat?model=gpt-4o';
$route = '/chat?mode=fast';
"""


def test_model_named_with_query_options(tmp_path: Path) -> None:
    out = found_tree(tmp_path, "examples/openai/chat-with-string-options.php", PHP_EXAMPLE)
    assert (6, "gpt-4o-mini") in out and (7, "claude-3-5-haiku-latest") in out
    # a search route's query, a URL's, a path's: no model before the `?`; the URL's own `model=` query field is the
    # model it sends (candidates.FORM_PAIR, session 28), read as a form field, not as the part before the `?`
    assert not any(line in (8, 10) for line, _ in out)
    assert {raw for line, raw in out if line == 9} == {"gpt-4o"}


def test_hostile_query_options(tmp_path: Path) -> None:
    params = "&".join(f"p{i}=v{i}" for i in range(20000))
    text = f"<?php\n$a = $p->invoke('gpt-4o?{params}', $m);\n$b = $p->invoke('{'a/' * 30000}x?y=1', $m);\n" \
           f"$c = $p->invoke('gpt-4o-mini?max_tokens=16', $m);\n"
    out = found_tree(tmp_path, "h.php", text)
    assert (4, "gpt-4o-mini") in out and not any(line == 3 for line, _ in out)


# ---------------------------------------------------------------------------------------- Python: a Whisper record

ASTR_DEFAULTS = '''\
CONFIG_METADATA = {
    "provider_templates": {
        "Whisper(API)": {"id": "whisper", "type": "openai_whisper_api", "model": "whisper-1"},
        "Whisper(Local)": {
            "provider": "openai",
            "type": "openai_whisper_selfhost",
            "provider_type": "speech_to_text",
            "id": "whisper_selfhost",
            "model": "tiny",
            "whisper_device": "cpu",
        },
        "FasterWhisper": {"backend": "faster-whisper", "model_size": "large-v3", "model": "distil-large-v3"},
        "Dashboard": {"theme": "small", "model": "base", "size": "medium"},
    },
}
'''


def test_whisper_record_size_name(tmp_path: Path) -> None:
    out = found_tree(tmp_path, "astrbot/core/config/default.py", ASTR_DEFAULTS)
    assert {(3, "whisper-1"), (9, "tiny"), (12, "distil-large-v3")} <= out
    # a size word under a model key in a record that names no Whisper: not a model
    assert not any(line == 13 for line, _ in out)


# ---------------------------------------------------------------------------------------- a program inside a record

TOOL_SPECS = r'''[
  {
    "name": "openai-responses",
    "params": [{"name": "model", "description": "OpenAI model ID (e.g. gpt-4.1, gpt-4o-mini)."}],
    "code": "/**\n * OpenAI Responses API Tool\n * e.g. gpt-4o in the docs\n */\nfunction buildBody() {\n  return {\n    model: model || 'gpt-4.1-nano',\n    input: prompt,\n  };\n}\n",
    "codeType": "Javascript"
  },
  {
    "name": "weather",
    "code": "const url = 'https://wttr.in/' + city;\nreturn fetch(url);\n",
    "codeType": "Javascript"
  },
  {"language": "en", "source": "gpt-4o-mini\nis a model name in a sentence"}
]
'''


def test_program_in_a_record_is_read_by_its_language() -> None:
    out = found("src/main/resources/default-tool-specs.json", TOOL_SPECS)
    line = TOOL_SPECS.splitlines()[4]
    hit = out[(5, "gpt-4.1-nano")]
    assert hit.column == line.index("gpt-4.1-nano") + 1 and hit.kind == "api-model"
    # the doc comment's mention, a description, a text record in a human language: not models
    assert {raw for _, raw in out if not raw.startswith("http")} == {"gpt-4.1-nano"}


def test_python_program_in_yaml() -> None:
    text = ('steps:\n  - name: embed\n    language: python\n    source: |\n      from openai import OpenAI\n'
            '      client = OpenAI()\n      client.embeddings.create(model="text-embedding-3-small", input=x)\n')
    out = found("pipeline.yaml", text)
    assert (7, "text-embedding-3-small") in out


def test_hostile_programs_in_records() -> None:
    # 40 records with programs (8 are read), one of 70 KB (over the bound), a program that does not parse
    records = [f'{{"codeType": "javascript", "code": "const m = {{ model: \'gpt-4o\' }};\\n// {i}\\n"}}' for i in range(40)]
    records.append('{"codeType": "javascript", "code": "' + "x = 1;\\n" * 10000 + '"}')
    records.append('{"codeType": "python", "code": "def (:\\n  ))) model=\'gpt-4o\'\\n"}')
    out = found("specs.json", "[\n" + ",\n".join(records) + "\n]\n")
    assert len([1 for _, raw in out if raw == "gpt-4o"]) == 8


# ---------------------------------------------------------------------------------------- a CamelCase repository name


def test_camelcase_repository_under_a_model_key() -> None:
    from modelmap.discover.identify import classify

    assert classify("iic/SenseVoiceSmall", "key") is not None  # a ModelScope / Hub repository under a model key
    assert classify("iic/SenseVoiceSmall", "none") is None  # not without one
    # a class's name, two words, a lower-case org-less word: not a model
    for value in ("app/UserProfileModel", "core/ChatServiceProvider", "acme/ChatBot", "-x/SenseVoiceSmall"):
        assert classify(value, "key") is None, value
    text = 'stt:\n  stt_model: iic/SenseVoiceSmall\n  model: app/UserProfileModel\n  page: iic/SenseVoiceSmall\n'
    out = found("config.yaml", text)
    assert set(out) == {(2, "iic/SenseVoiceSmall")}


# ---------------------------------------------------------------------------------------- Python: a .get default

FISH_TTS = '''\
import os


class ProviderFishAudioTTSAPI:
    def __init__(self, provider_config: dict) -> None:
        self.timeout = int(provider_config.get("timeout", 20))
        self.set_model(provider_config.get("model", "s2-pro"))
        voice = provider_config.get("voice_model", "")
        lang = provider_config.get("language", "zh-cn")
        backup = os.getenv("FALLBACK_MODEL", "speech-1.5")
        kind = provider_config.get("model", "default")
'''


def test_default_of_a_model_named_entry(tmp_path: Path) -> None:
    out = found_tree(tmp_path, "astrbot/core/provider/sources/fishaudio_tts_api_source.py", FISH_TTS)
    assert {(7, "s2-pro"), (10, "speech-1.5")} <= out
    # an empty default, a language code under a key that is no model's, a placeholder word: not models
    assert not any(line in (6, 8, 9, 11) for line, _ in out)
