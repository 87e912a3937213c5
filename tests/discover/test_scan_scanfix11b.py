"""Scan shapes grouped from the opened splits' misses and false positives per language (scanfix11b, issue 10),
written here as our own fixtures (no corpus code)."""

from __future__ import annotations

from pathlib import Path

import modelmap

KOTLIN_RAW_JSON = '''package com.acme.orbit

class DecodeTest {
    @Test
    fun decodesAReply() {
        val reply = """
            {"id": "r-1", "object": "chat.completion", "model": "gpt-4o-mini-2024-07-18", "choices": []}
        """.trimIndent()
        val title = """
            A plain note about nothing in particular, long enough to be text.
        """
        check(reply, title)
    }
}
'''

CSHARP_SSE_CHUNKS = '''namespace Acme.Tests;

public class StreamTests
{
    [Fact]
    public async Task ParsesUsage()
    {
        string[] chunks =
        [
            "data: {\\"id\\":\\"c-7f1e\\",\\"object\\":\\"chat.completion.chunk\\",\\"created\\":1770000000,\\"model\\":\\"deepseek-chat\\",\\"choices\\":[{\\"index\\":0,\\"delta\\":{\\"content\\":\\"hi\\"},\\"finish_reason\\":null}],\\"system_fingerprint\\":\\"fp_0a1b2c3d4e\\",\\"service_tier\\":\\"default\\",\\"provider\\":\\"acme-cloud\\",\\"region\\":\\"eu-central-1\\",\\"request_ms\\":1234,\\"queue_ms\\":56,\\"usage\\":null}\\n\\n",
            "data: {\\"id\\":\\"c-7f1e\\",\\"object\\":\\"chat.completion.chunk\\",\\"created\\":1770000000,\\"model_type\\":\\"chat\\",\\"choices\\":[],\\"usage\\":{\\"prompt_tokens\\":12,\\"completion_tokens\\":3,\\"total_tokens\\":15}}\\n\\n",
            "data: [DONE]\\n\\n",
        ];
        await Run(chunks);
    }
}
'''


def _found(tmp_path: Path) -> set[tuple[str, int, str]]:
    return {(f.path, f.line, f.raw) for f in modelmap.scan(tmp_path, resolve=False).findings if f.kind != "endpoint"}


def test_kotlin_raw_string_json_is_read_for_its_model(tmp_path: Path) -> None:
    # tree-sitter-kotlin names a """…""" literal multiline_string_literal: it was never read at all
    (tmp_path / "DecodeTest.kt").write_text(KOTLIN_RAW_JSON)
    found = _found(tmp_path)
    assert ("DecodeTest.kt", 7, "gpt-4o-mini-2024-07-18") in found
    assert all(raw != "chat.completion" for _, _, raw in found)


def test_escaped_json_in_a_long_one_line_literal_is_read(tmp_path: Path) -> None:
    # a recorded SSE chunk longer than a plain literal: JSON with escaped quotes, read for the model key only
    assert len(CSHARP_SSE_CHUNKS.splitlines()[9]) > 300
    (tmp_path / "StreamTests.cs").write_text(CSHARP_SSE_CHUNKS)
    found = _found(tmp_path)
    assert ("StreamTests.cs", 10, "deepseek-chat") in found
    assert {raw for _, _, raw in found} == {"deepseek-chat"}  # never "chat" under model_type, never the ids


GO_ROUTE_FIXTURES = '''package router

func TestPickBackend(t *testing.T) {
	route := &v1.ModelRoute{
		Spec: v1.ModelRouteSpec{
			ModelName: "mistral-7b-instruct",
			Rules: []*v1.Rule{{
				Name:         "default",
				TargetModels: []*v1.TargetModel{{ModelServerName: "mistral-7b-pool", Weight: 100}},
			}},
		},
	}
	backend := &v1.ModelServer{ObjectMeta: meta.ObjectMeta{Name: "x"}, Spec: v1.ModelServerSpec{
		Model:       "mistral-7b-instruct",
		ServiceName: "mistral-7b-svc",
	}}
	alias := &v1.ModelRoute{Spec: v1.ModelRouteSpec{ModelName: "chat-router"}}
	other := &v1.ModelRoute{Spec: v1.ModelRouteSpec{ModelName: "mistral-7b-server"}}
	check(t, route, backend, alias, other)
}
'''


def test_a_serving_objects_name_is_not_a_model(tmp_path: Path) -> None:
    # ModelServerName names a server (its "model" word is no table of models); a value ending in -server / -router
    # / -svc names what serves or routes to a model
    (tmp_path / "route_test.go").write_text(GO_ROUTE_FIXTURES)
    found = {raw for _, _, raw in _found(tmp_path)}
    assert "mistral-7b-instruct" in found
    assert not found & {"mistral-7b-pool", "mistral-7b-svc", "chat-router", "mistral-7b-server"}


PY_SUBSCRIPT_SET = '''import os


def judge_settings(args, kwargs):
    if args.judge:
        kwargs["model"] = args.judge
    else:
        kwargs['model'] = 'orbit-judge-0125'
    kwargs["temperature"] = "0.2"
    os.environ["EMBEDDING_MODEL"] = "orbit-embed-v2"
    headers = {}
    headers["User-Agent"] = "orbit-client-1.0"
    return kwargs
'''


def test_python_entry_set_by_a_model_key_is_a_model(tmp_path: Path) -> None:
    (tmp_path / "judge.py").write_text(PY_SUBSCRIPT_SET)
    found = _found(tmp_path)
    assert ("judge.py", 8, "orbit-judge-0125") in found
    assert ("judge.py", 10, "orbit-embed-v2") in found
    assert {raw for _, _, raw in found} == {"orbit-judge-0125", "orbit-embed-v2"}


JS_WINDOWS_PATHS = r'''async function switchAdapter() {
    const adapterPath = "model\\qwen2-7b-chat-zh-lora"
    await loadAdapter({ model: adapterPath })
    const note = "line one\nline two"
    return note
}
'''


def test_js_escaped_backslash_is_reported_as_written(tmp_path: Path) -> None:
    # raw is the text as written in the file: a Windows path keeps its doubled backslash, as Java's literals do
    (tmp_path / "switch.js").write_text(JS_WINDOWS_PATHS)
    raws = {raw for _, _, raw in _found(tmp_path)}
    assert "model\\\\qwen2-7b-chat-zh-lora" in raws
    assert "model\\qwen2-7b-chat-zh-lora" not in raws


JS_ROUTER_VARIANTS = '''export const ROUTER_PROVIDER = {
  id: 'router',
  defaultModels: [
    'meta-llama/llama-3.1-70b-instruct:free',
    'microsoft/phi-3-medium-128k-instruct:nitro',
    'acme/release-notes:beta'
  ]
};
'''


def test_openrouter_variant_suffix_keeps_the_model(tmp_path: Path) -> None:
    (tmp_path / "providers.js").write_text(JS_ROUTER_VARIANTS)
    raws = {raw for _, _, raw in _found(tmp_path)}
    assert {"meta-llama/llama-3.1-70b-instruct:free", "microsoft/phi-3-medium-128k-instruct:nitro"} <= raws
    assert "acme/release-notes:beta" not in raws  # the id before the suffix must itself be a model


GO_GPT3_CONSTS = '''package legacy

const (
	TextDavinci003 = "text-davinci-003"
	TextCurie001   = "text-curie-001"
	Davinci002     = "davinci-002"
	Babbage002     = "babbage-002"
	Davinci        = "davinci"
	Curie          = "curie"
)

var prices = map[string]float64{
	"text-ada-001":     0.0004,
	"text-babbage-001": 0.0005,
	"text-curie-001":   0.002,
	"ada":              0.0004,
	"babbage":          0.0005,
}

func embed() Request {
	model := "ada"
	return Request{Model: model}
}

var scientists = []string{"curie", "ada", "turing", "hopper"}
'''


def test_gpt3_base_names_among_gpt3_peers_or_in_a_model_slot(tmp_path: Path) -> None:
    (tmp_path / "legacy.go").write_text(GO_GPT3_CONSTS)
    found = {(line, raw) for _, line, raw in _found(tmp_path)}
    for line, raw in ((8, "davinci"), (9, "curie"), (16, "ada"), (17, "babbage"), (21, "ada")):
        assert (line, raw) in found
    assert not any(line == 25 for line, _ in found)  # a list of ordinary words is not a model table


RUST_SIZE_CHOICES = '''#[derive(Clone, Copy, Debug, ValueEnum)]
enum OrbitModel {
    #[value(name = "moe-a1.5b")]
    MoeA15b,
    #[value(name = "4-moe-a6b")]
    W4MoeA6b,
}

fn repo(model: OrbitModel) -> String {
    let (version, size) = match model {
        OrbitModel::MoeA15b => ("2", "MoE-A1.5B"),
        OrbitModel::W4MoeA6b => ("4", "60B-A6B"),
    };
    let base_model = "orbitlm-40b-a6b";
    format!("acme/orbit{version}-{size}")
}
'''


def test_a_mixture_of_experts_size_alone_names_no_model(tmp_path: Path) -> None:
    # a CLI choice's size part (moe-a1.5b, 60B-A6B) is no model; a name with a family word and the same size is
    (tmp_path / "main.rs").write_text(RUST_SIZE_CHOICES)
    raws = {raw for _, _, raw in _found(tmp_path)}
    assert not raws & {"moe-a1.5b", "4-moe-a6b", "MoE-A1.5B", "60B-A6B"}
    assert "orbitlm-40b-a6b" in raws


GO_TABLE_TEST = '''package chat

func TestRewrite(t *testing.T) {
	cases := []struct {
		name     string
		provider string
		model    string
	}{
		{"together llama", "together_ai", "meta-llama/Llama-3.3-70B-Instruct-Turbo", true},
		{"openai mini", "openai", "gpt-4o-mini", true},
		{"openai o3", "openai", "o3-mini", false},
		{"openai 4.1", "openai", "gpt-4.1", false},
		{"openai 4o", "openai", "gpt-4o", false},
		{"openai nano", "openai", "gpt-4.1-nano", false},
		{"openai o1", "openai", "o1-mini", false},
		{"orbit", "openai", "orbit-v2-large", false},
	}
	run(t, cases)
}
'''


def test_a_providers_name_in_a_table_row_is_no_peer(tmp_path: Path) -> None:
    (tmp_path / "rewrite_test.go").write_text(GO_TABLE_TEST)
    raws = {raw for _, _, raw in _found(tmp_path)}
    assert {"gpt-4o-mini", "o1-mini", "orbit-v2-large"} <= raws  # the unknown model is still a peer
    assert "together_ai" not in raws


PY_PROVIDER_AS_MODEL = '''MODEL_METADATA = {
    "Orbit Large": {"model_name": "orbit-large-v2"},
    "Azure OpenAI": {"model_name": "azure-openai"},
    "Together": {"model_name": "together-ai"},
}
'''


def test_a_providers_id_under_a_model_key_is_not_a_model(tmp_path: Path) -> None:
    # an app's menu entry for a provider writes the provider's id where its model entries write a model id
    (tmp_path / "presets.py").write_text(PY_PROVIDER_AS_MODEL)
    raws = {raw for _, _, raw in _found(tmp_path)}
    assert "orbit-large-v2" in raws
    assert not raws & {"azure-openai", "together-ai"}
