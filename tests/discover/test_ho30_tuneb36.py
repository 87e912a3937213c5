"""Held-out-30 general fixes (tuneB36): Go tests' JSON-encoded strings and many JSON blocks, Gemini-led app names,
`.env-example` files, spaCy pipelines, a test bot's made-up model name."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_GO_MODEL_TEST = '''package plugin

import "testing"

func TestModelUnmarshal(t *testing.T) {
	cases := []struct {
		in   []byte
		want Tier
	}{
		{in: []byte(`"gpt-4o-mini"`), want: TierSmall},
		{in: []byte("\\"claude-3-5-haiku-20241022\\""), want: TierSmall},
		{in: []byte(`"not a model"`), want: TierNone},
	}
	_ = cases
}
'''


def test_go_json_encoded_string_literal_is_read_without_its_quotes(tmp_path: Path) -> None:
    # a raw or escaped literal that is one JSON string (fed to a model type's UnmarshalJSON): the value it encodes
    got = found(tmp_path, "pkg/tier_test.go", _GO_MODEL_TEST)
    assert (10, "gpt-4o-mini") in got
    assert (11, "claude-3-5-haiku-20241022") in got
    assert not {raw for _, raw in got if '"' in raw}


def test_go_test_with_many_json_blocks_reads_past_sixteen(tmp_path: Path) -> None:
    # a table-driven test whose cases each hold a settings document in a raw string: more than 16 blocks naming a
    # model word before the last one (the first ones hold the request bodies the test sends)
    cases = "".join(
        f'\t\t{{name: "c{i}", settings: []byte(`{{\n\t\t\t"provider": "openai",\n\t\t\t"models": {{"mapping": '
        f'{{"base": "gpt-4o-mini"}}}}\n\t\t}}`)}},\n' for i in range(30))
    text = "package plugin\n\nvar cases = []struct {\n\tname     string\n\tsettings []byte\n}{\n" + cases + "}\n"
    got = found(tmp_path, "pkg/settings_test.go", text)
    lines = sorted(line for line, raw in got if raw == "gpt-4o-mini")
    assert len(lines) == 30


def test_names_that_only_start_with_gemini_are_no_model(tmp_path: Path) -> None:
    text = (
        'GITHUB_REPO_NAME = "gemini-relay"\n'
        "async def log_error(kind: str, model_name: str) -> None: ...\n"
        "async def go(model: str) -> None:\n"
        '    await log_error(error_type="gemini-chat-stream", model_name=model)\n'
        '    await log_error(error_type="gemini-count-tokens", model_name=model)\n'
        '    await log_error(error_type="gemini-embed-batch", model_name=model)\n'
        'DEFAULT_MODELS = ["gemini-2.5-flash", "gemini-flash-latest", "gemini-exp-1206", "gemini-embedding-001"]\n'
    )
    got = found(tmp_path, "app/relay.py", text)
    assert {raw for _, raw in got} == {"gemini-2.5-flash", "gemini-flash-latest", "gemini-exp-1206",
                                       "gemini-embedding-001"}
    env = found(tmp_path / "e", ".env.example", "MYSQL_HOST=gemini-relay-mysql\nMODEL=gemini-pro\n")
    assert env == {(2, "gemini-pro")}


def test_dash_named_env_example_is_a_dotenv_file(tmp_path: Path) -> None:
    text = "# Models used in agents\nROOT_AGENT_MODEL='gemini-2.0-flash-001'\nLOG_LEVEL=info\n"
    assert found(tmp_path, "agents/research/.env-example", text) == {(2, "gemini-2.0-flash-001")}
    assert found(tmp_path / "b", "svc/env_sample", "CHAT_MODEL=gpt-4o-mini\n") == {(1, "gpt-4o-mini")}


def test_spacy_load_names_a_trained_pipeline(tmp_path: Path) -> None:
    text = ('import spacy\n\nnlp = spacy.load("en_core_web_sm")\nde = spacy.load("de_core_news_md", exclude=["ner"])\n'
            'blank = spacy.blank("en")\nconfig = json.load(open("x"))\n')
    assert found(tmp_path, "goal.py", text) == {(3, "en_core_web_sm"), (4, "de_core_news_md")}


def test_test_bots_fused_model_word_name_is_a_stand_in(tmp_path: Path) -> None:
    text = ('package conv\n\nfunc TestBot(t *testing.T) {\n\tcfg := llm.BotConfig{\n\t\tService: llm.ServiceConfig{\n'
            '\t\t\tDefaultModel: "acmemodel-5.4",\n\t\t},\n\t}\n\tother := llm.ServiceConfig{DefaultModel: '
            '"gpt-4.1-mini"}\n\t_, _ = cfg, other\n}\n')
    assert found(tmp_path, "conv/bot_test.go", text) == {(9, "gpt-4.1-mini")}


_PAGE = '''<!DOCTYPE html>
<html>
<body>
  <label for="VOICE_MODEL">Voice model</label>
  <select id="VOICE_MODEL" name="VOICE_MODEL" class="form-select">
    <option value="gemini-2.5-flash-preview-tts">
      Flash TTS
    </option>
    <option value="your-model-id">Other</option>
  </select>
  <select id="LANGUAGE" name="LANGUAGE">
    <option value="gpt-4o">not a model picker</option>
  </select>
</body>
</html>
'''


def test_html_model_select_options_are_models(tmp_path: Path) -> None:
    # a picker whose name says model: its option values, under that key; another select's values are nothing
    assert found(tmp_path, "app/templates/settings.html", _PAGE) == {(6, "gemini-2.5-flash-preview-tts")}


_BLADE = '''@extends('admin::layouts.master')

@section('content')
  <div x-data="platformForm()">{{ __('admin::app.platform.title') }}</div>
@endsection

@push('scripts')
<script>
  function platformForm() {
    return {
      form: { label: '', provider: '', azure_deployment: 'gpt-4o-mini', status: true },
      reset() { this.form.azure_deployment = 'gpt-4o-mini'; },
    };
  }
</script>
@endpush
'''


def test_blade_template_script_block_is_read_as_javascript(tmp_path: Path) -> None:
    assert found(tmp_path, "views/platform/index.blade.php", _BLADE) == {(11, "gpt-4o-mini"), (12, "gpt-4o-mini")}


def test_page_without_script_or_picker_is_no_skip(tmp_path: Path) -> None:
    import modelmap

    (tmp_path / "about.html").write_text("<html><body><p>We use gpt-4o for answers.</p></body></html>\n")
    result = modelmap.scan(str(tmp_path), resolve=False)
    assert not result.findings and not result.skips


_PHP_PATTERNS = '''<?php

class ImageTool
{
    public function resolveImageModel(string $provider, string $model): string
    {
        $imageModelPatterns = match ($provider) {
            'openai' => ['dall-e', 'gpt-image'],
            'gemini' => ['gemini-2', 'imagen'],
            default  => [],
        };
        foreach ($imageModelPatterns as $pattern) {
            if (stripos($model, $pattern) !== false) {
                return $model;
            }
        }
        return 'gpt-image-1';
    }
}
'''


def test_php_match_arm_patterns_are_no_models(tmp_path: Path) -> None:
    # the variable a value switch is assigned to names its arms' values: patterns, searched for with stripos
    assert found(tmp_path, "src/ImageTool.php", _PHP_PATTERNS) == {(17, "gpt-image-1")}

