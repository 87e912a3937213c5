"""scanfix15a: names that are not models though they are built on a model's or vendor's name: an app's requesters
named after the API protocol they speak (``openai-chat-completions``, ``anthropic-messages``) and ``your-…`` fill-ins
in an .env example.

Fixtures are written for these tests (not copied from the corpus)."""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.identify import classify
from tests.discover.scan_helpers import found as _found

_REQUESTERS = """\
REQUESTER_FAMILIES = {
    'openai-chat-completions': 'openai',
    'anthropic-messages': 'anthropic',
    'deepseek-chat-completions': 'deepseek',
    'doubao-chat-completions': 'doubao',
}

CASES = [
    ('openai', 'openai-chat-completions', 'gpt-5'),
    ('anthropic', 'anthropic-messages', 'claude-sonnet-4-5'),
    ('deepseek', 'deepseek-chat-completions', 'deepseek-chat'),
    ('openai', 'doubao-chat-completions', 'doubao-seed-1-6-250615'),
]
"""


def test_a_requester_named_after_its_api_protocol_is_not_a_model(tmp_path: Path) -> None:
    found = _found(tmp_path, "test_requesters.py", _REQUESTERS)
    raws = {raw for _line, raw in found}
    assert not any(raw.endswith(("-chat-completions", "-messages")) for raw in raws), raws
    assert (9, "gpt-5") in found and (11, "deepseek-chat") in found  # the models beside them still count


def test_protocol_tails_are_refused_under_every_hint_but_models_are_not() -> None:
    for hint in ("none", "api", "key"):
        assert classify("deepseek-chat-completions", hint) is None
        assert classify("openai-responses", hint) is None
        assert classify("anthropic-messages", hint) is None
    assert classify("gpt-4o", "none") is not None
    assert classify("deepseek-chat", "api") is not None


_ENV_EXAMPLE = """\
# Copy to .env.local and fill in your values
ARK_BASE_URL=your-ark-base-url
DOUBAO_1_5_VP=your-doubao-1-5-vp-model-id
DOUBAO_SEED_1_6=your-doubao-seed-1-6-model-id
OPENAI_MODEL=gpt-4o
"""


def test_a_your_fill_in_is_not_a_model_even_outside_a_model_key(tmp_path: Path) -> None:
    found = _found(tmp_path, ".env.local.example", _ENV_EXAMPLE)
    assert found == {(5, "gpt-4o")}


_MODES_TS = """\
export function parseAction(input: {
  text: string;
  mode?: 'bc' | 'o1';
}): string {
  const { text, mode = 'bc' } = input;
  if (mode === 'o1') {
    return text.trim();
  }
  return text;
}

export function promptFor(version: 'ui-tars-1.5' | 'doubao-1.5-ui-tars-20b' | undefined): string {
  return version === 'doubao-1.5-ui-tars-20b' ? 'a' : 'b';
}
"""


def test_a_model_shaped_option_of_a_union_of_words_is_an_option(tmp_path: Path) -> None:
    found = _found(tmp_path, "src/actionParser.ts", _MODES_TS)
    assert not {raw for _line, raw in found} & {"o1"}, found
    # a union of versioned names has no plain word: its models still count
    assert (13, "doubao-1.5-ui-tars-20b") in found


_HINTS_PY = """\
class Requester:
    _EMBEDDING_MODEL_HINTS = ('embedding', 'embed', 'bge-', 'e5-', 'm3e', 'gte-', 'text-embedding')
    REASONING_MODEL_PREFIXES = ['o1', 'o3', 'deepseek-r1']
    VISION_MODELS = ['gpt-4o', 'qwen-vl-max']

    def is_embedding(self, name: str) -> bool:
        return any(h in name.lower() for h in self._EMBEDDING_MODEL_HINTS)
"""


def test_a_list_of_substring_hints_is_not_a_model_list(tmp_path: Path) -> None:
    found = _found(tmp_path, "requester.py", _HINTS_PY)
    raws = {raw for _line, raw in found}
    assert not raws & {"e5-", "m3e", "text-embedding", "bge-", "gte-"}, raws
    assert (4, "gpt-4o") in found and (4, "qwen-vl-max") in found  # a list of models beside them still counts


_LLM_RB = """\
module Ai
  class Llm
    def self.presets
      [
        {
          id: "mistral_preset",
          models: [{ name: "mistral-large-latest", tokens: 128_000 }],
          endpoint: "https://api.mistral.ai/v1/chat/completions",
          provider: "mistral",
        },
      ]
    end

    def self.provider_names
      providers = %w[anthropic open_ai mistral]
      providers
    end
  end
end
"""


def test_a_provider_id_under_a_provider_name_is_not_a_model(tmp_path: Path) -> None:
    found = _found(tmp_path, "lib/llm.rb", _LLM_RB)
    assert not {raw for _line, raw in found} & {"mistral"}, found
    assert (7, "mistral-large-latest") in found


_BM25_PY = """\
import spacy


class EnhancedBM25:
    def __init__(self, tokenizer=None, en_model="en_core_web_sm", zh_model="zh_core_web_sm", top_k=5):
        self.en = spacy.load(en_model)
        self.zh = spacy.load(zh_model)
"""


def test_a_spacy_pipeline_under_a_model_named_parameter_is_a_model(tmp_path: Path) -> None:
    found = _found(tmp_path, "bm25_util.py", _BM25_PY)
    assert (5, "en_core_web_sm") in found and (5, "zh_core_web_sm") in found
    assert classify("en_core_web_sm", "none") is None  # a bare literal needs the model-named place
    assert classify("en_core_web_smx", "key") is None


_DOWNLOAD_PY = """\
import os
import subprocess

os.environ['HF_ENDPOINT'] = 'https://hf-mirror.com'
os.system('huggingface-cli download --resume-download BAAI/bge-m3 --local-dir embedding_model')
subprocess.run("ollama pull qwen2.5:7b", shell=True, check=True)
subprocess.run(["ls", "-la"], check=True)
os.system("echo " + "done")
"""


def test_a_command_line_given_to_a_shell_from_python_is_read_as_one(tmp_path: Path) -> None:
    found = _found(tmp_path, "download_model.py", _DOWNLOAD_PY)
    assert (5, "BAAI/bge-m3") in found
    assert (6, "qwen2.5:7b") in found
    assert (5, "embedding_model") not in found  # the download's folder names no model


def test_a_hostile_shell_string_in_python_is_bounded(tmp_path: Path) -> None:
    text = "import os\nos.system('" + "ollama pull " * 2000 + "')\nos.system('''" + "a\\n" * 5000 + "''')\n"
    found = _found(tmp_path, "hostile.py", text)  # one long line (left unread past 4096 chars) and a multi-line one
    assert all(line in (2, 3) for line, _raw in found)


_ARK_TS = """\
import { Agent } from '@example/agent';

const agent = new Agent({
  model: {
    provider: 'volcengine',
    id: 'ep-20250510145437-5sxhs',
    apiKey: process.env.ARK_API_KEY,
  },
});

const other = new Agent({ model: { provider: 'volcengine', id: 'doubao-seed-1-6-250615' } });
"""


def test_an_ark_endpoint_id_given_as_the_model_is_a_deployment_reference(tmp_path: Path) -> None:
    # session 33 settled the labels (held-out-11, -21, -30, -31): the endpoint id is what Ark's `model` parameter
    # takes, a reference to one deployed model like an Azure deployment name, so it is reported where it is the model
    found = _found(tmp_path, "examples/default.ts", _ARK_TS)
    assert (6, "ep-20250510145437-5sxhs") in found, found
    assert (11, "doubao-seed-1-6-250615") in found
    for hint in ("key", "api"):
        got = classify("ep-20250510145437-5sxhs", hint)
        assert got is not None and got.provider == "volcengine-ark"
        assert classify("ep-m-20250316221825-6fglr", hint) is not None  # a model-unit endpoint
    assert classify("ep-20250510145437-5sxhs", "none") is not None  # the console's id shape is the evidence
    assert classify("ep-2025051014543-5sxhs", "key") is None or classify("ep-2025051014543-5sxhs", "key").provider \
        != "volcengine-ark"  # not the console's 14-digit timestamp


def test_an_ark_model_unit_endpoint_passed_as_the_model_in_python(tmp_path: Path) -> None:
    src = ("from openai import OpenAI\n\nclient = OpenAI(base_url='https://ark.cn-beijing.volces.com/api/v3')\n"
           "endpoint_id = \"ep-m-20250316221825-6fglr\"\n\n\ndef ask(q):\n"
           "    return client.chat.completions.create(model=endpoint_id, messages=[{'role': 'user', 'content': q}])\n")
    found = _found(tmp_path, "app/server.py", src)
    assert (4, "ep-m-20250316221825-6fglr") in found, found


def _notebook(*cells: str) -> str:
    import json

    return json.dumps({"cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                                  "source": cell.splitlines(keepends=True)} for cell in cells],
                       "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1)


_METHOD_CELL = """\
    def embed_documents(self, texts):
        \"\"\"Embed a list of texts.\"\"\"
        embeddings = self.client.embeddings.create(
            model="text-embedding-3-small",
            input=texts
        )
        return [e.embedding for e in embeddings.data]
"""


def test_a_notebook_cell_showing_an_indented_method_is_read(tmp_path: Path) -> None:
    text = _notebook("from openai import OpenAI\n", _METHOD_CELL, "  x = 1\n y = 2\n")  # the last is not Python
    import modelmap

    (tmp_path / "embed.ipynb").write_text(text)
    result = modelmap.scan(str(tmp_path), resolve=False)
    found = [f for f in result.findings if f.raw == "text-embedding-3-small"]
    assert len(found) == 1 and found[0].cell == 1 and found[0].cell_line == 4
    assert found[0].column == 20  # the column in the cell as written, its indent counted
    assert any(s.reason == "parse-error" and "cell 2" in s.detail for s in result.skips)


_FROZEN_PY = """\
class Requester:
    _QWEN_DEDICATED_THINKING_MODELS = frozenset(
        {
            'qwen3.7-max-preview',
            'qwen3.7-max-2026-05-17',
        }
    )
    VISION_MODELS = tuple(['gpt-4o', 'qwen-vl-max'])
    SIZES = frozenset({'small', 'large'})
"""


def test_a_model_set_built_with_frozenset_is_read_as_its_literal(tmp_path: Path) -> None:
    found = _found(tmp_path, "requester.py", _FROZEN_PY)
    assert {(4, "qwen3.7-max-preview"), (5, "qwen3.7-max-2026-05-17"), (8, "gpt-4o"), (8, "qwen-vl-max")} <= found
    assert not {raw for _line, raw in found} & {"small", "large"}


_ENV_JSON = """\
ENABLE_CHAT_API=true
CHAT_MODEL_LIST=[{"backend": "qwen", "api_key": "sk-x", "model_name_or_path": "qwen3-max-preview", "support_models": ["qwen3-max-preview"]}]
BROKEN=[{"model_name_or_path": "gpt-4o"
OPENAI_MODEL=gpt-4o-mini
"""


def test_a_dotenv_value_written_as_json_is_read_as_json(tmp_path: Path) -> None:
    import modelmap

    (tmp_path / ".env.example").write_text(_ENV_JSON)
    findings = [f for f in modelmap.scan(str(tmp_path), resolve=False).findings if f.kind != "endpoint"]
    got = {(f.line, f.column, f.raw) for f in findings}
    line = _ENV_JSON.splitlines()[1]
    first = line.index("qwen3-max-preview") + 1
    assert (2, first, "qwen3-max-preview") in got  # its column where it stands in the file
    assert (2, line.index("qwen3-max-preview", first) + 1, "qwen3-max-preview") in got
    assert (4, 14, "gpt-4o-mini") in got
    assert not any(f.line == 3 for f in findings)  # JSON that does not parse stays one plain value


def test_a_hostile_dotenv_json_value_is_bounded(tmp_path: Path) -> None:
    deep = "X=" + "[" * 50_000 + "]" * 50_000 + "\n"
    big = 'Y=[' + ",".join(['"gpt-4o"'] * 20_000) + "]\n"  # over 64 KiB: left a plain value
    found = _found(tmp_path, ".env", deep + big + "OPENAI_MODEL=gpt-4o-mini\n")
    assert (3, "gpt-4o-mini") in found and not any(line in (1, 2) for line, _raw in found)


_TEST_PY = """\
import pytest


def _runtime_model(request, level='provider_default', name='reasoning-model'):
    return {'request': request, 'level': level, 'name': name}


def test_levels(request):
    caps = _runtime_model(request, name='deepseek-r1')
    user = User(name='deepseek-r1-fan')
    row = Model(name='alice-2')
    return caps, user, row


@pytest.mark.parametrize('model_name', ['qwen3-max-preview', 'qwen3-max-2026-01-23'])
def test_dedicated(model_name):
    assert model_name


@pytest.mark.parametrize('level', ['low', 'high'])
def test_levels_only(level):
    assert level
"""


def test_name_of_a_model_making_function_and_a_parametrized_model_argument(tmp_path: Path) -> None:
    found = _found(tmp_path, "tests/test_reasoning.py", _TEST_PY)
    assert (9, "deepseek-r1") in found
    assert (15, "qwen3-max-preview") in found and (15, "qwen3-max-2026-01-23") in found
    raws = {raw for _line, raw in found}
    assert not raws & {"deepseek-r1-fan", "alice-2", "low", "high", "reasoning-model"}, raws


_ENV_BLOCK = """\
# chat model for chat api
CHAT_MODEL_LIST='[{
  "backend": "deepseek",
  "api_base": "http://localhost:1234",
  "model_name_or_path": "deepseek-r1",
  "support_models": ["deepseek-r1"]
}]'
OPENAI_MODEL=gpt-4o-mini
"""


def test_a_single_quoted_dotenv_value_over_several_lines_is_read_as_json(tmp_path: Path) -> None:
    import modelmap

    (tmp_path / ".env.example").write_text(_ENV_BLOCK)
    got = {(f.line, f.column, f.raw) for f in modelmap.scan(str(tmp_path), resolve=False).findings}
    assert (5, 26, "deepseek-r1") in got and (6, 23, "deepseek-r1") in got
    assert (8, 14, "gpt-4o-mini") in got  # the line after the closing quote is read as before


def test_unclosed_single_quotes_in_a_dotenv_file_stay_linear_and_harmless(tmp_path: Path) -> None:
    text = "".join(f"K{i}='unclosed\n" for i in range(50_000)) + "OPENAI_MODEL=gpt-4o-mini\n"
    found = _found(tmp_path, ".env", text)
    assert found == {(50_001, "gpt-4o-mini")}
