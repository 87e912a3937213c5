"""Held-out-34 general fixes (tuneB40): a setting's default written in a field tag's `default:<value>` syntax."""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.polyglot import has_candidate
from tests.discover.scan_helpers import found

_GO_TEMPLATES = """\
package settings

type profile struct {
	Title  string
	Fields map[string]string
}

var profiles = map[string]profile{
	"hosted": {
		Title: "Hosted",
		Fields: map[string]string{
			"model":   "default:gpt-4o-mini",
			"api_key": "default:anonymous,required:false",
		},
	},
	"router": {
		Title: "Router",
		Fields: map[string]string{
			"model":  "default:meta-llama/llama-3.3-70b-instruct:free,required:true",
			"domain": "default:router.example.net",
		},
	},
	"china": {
		Title: "China",
		Fields: map[string]string{
			"model": "default:qwen-plus",
		},
	},
}

type Message struct {
	ParentID int `gorm:"default:0;comment:'parent message'"`
}
"""


def test_tag_default_is_the_model(tmp_path: Path) -> None:
    got = found(tmp_path, "settings/templates.go", _GO_TEMPLATES)
    # the default after `default:` is the setting's value, up to its next option
    assert {(12, "gpt-4o-mini"), (19, "meta-llama/llama-3.3-70b-instruct:free"), (26, "qwen-plus")} <= got
    # the tagged literal as a whole is no model (no provider is named `default`), nor are other settings' defaults
    assert not {r for _, r in got if r.startswith("default") or r in ("anonymous", "router.example.net", "0")}


def test_tag_default_passes_the_prefilter() -> None:
    # a file whose only model is a tagged default is parsed, not skipped by the byte-level pass
    assert has_candidate(b'package x\nvar m = map[string]string{"model": "default:qwen-plus"}\n')


_GO_OLLAMA_CLIENT = """\
package ollama

type Client struct {
	Model   string
	Backend string
}

func (c *Client) Configure(opts ...Option) {
	if c.Model == "" {
		c.Model = "qwen"
	}
	c.Backend = "mistral"
}

func TestConfigure(t *testing.T) {
	c := &Client{}
	c.Configure(WithModel("qwen"))
	c.Configure(WithModel("kimi-k2.7-code:cloud"))
	c.Configure(WithModel("deepseek-v4-pro:1t-cloud"))
	c.Configure(WithIcon("mdi:cloud"))
}
"""


def test_ollama_module_library_names(tmp_path: Path) -> None:
    got = found(tmp_path, "pkg/llm/ollama/client.go", _GO_OLLAMA_CLIENT)
    # in an Ollama client module, a library name where a model is bound is the library's model
    assert {(10, "qwen"), (17, "qwen")} <= got
    # not where no model is bound (a backend's name), nor an icon's `set:cloud`
    assert not {r for _, r in got} & {"mistral", "mdi:cloud"}


def test_bare_family_word_outside_an_ollama_module(tmp_path: Path) -> None:
    got = found(tmp_path, "pkg/llm/hosted/client.go", _GO_OLLAMA_CLIENT.replace("package ollama", "package hosted"))
    # the bare family word alone names no model where nothing says Ollama
    assert "qwen" not in {r for _, r in got}


def test_ollama_cloud_tags(tmp_path: Path) -> None:
    # Ollama's cloud models, the model's name and a `cloud` tag, where a model is bound: in any module
    got = found(tmp_path, "pkg/llm/hosted/client.go", _GO_OLLAMA_CLIENT.replace("package ollama", "package hosted"))
    assert {(18, "kimi-k2.7-code:cloud"), (19, "deepseek-v4-pro:1t-cloud")} <= got
    assert "mdi:cloud" not in {r for _, r in got}


_PY_SEARCH = '''\
import os


class WebSearch:
    def __init__(self):
        self._engine = "bing-search"

    def body(self, query):
        return {"model": self._engine, "messages": [{"role": "user", "content": query}]}


class JinaSearch(WebSearch):
    def __init__(self):
        super().__init__()
        self._engine = "search_pro_jina"


class Chat:
    def body(self, query):
        return {"model": "gpt-4o-search-preview", "messages": [{"role": "user", "content": query}]}


def engines():
    return {"model": "voyage-3-large", "fallback_model": "gpt-5-search"}
'''


def test_search_tool_names_under_a_model_key(tmp_path: Path) -> None:
    got = found(tmp_path, "tools/search_engine.py", _PY_SEARCH)
    # a search engine's name sent in a gateway's `model` field names the search service, not a model
    assert not {r for _, r in got} & {"bing-search", "search_pro_jina"}
    # known models with the word, and other unknown names under a model key, still are
    assert {(20, "gpt-4o-search-preview"), (24, "voyage-3-large"), (24, "gpt-5-search")} <= got


_PY_ROUTER = '''\
import os

from agents import BedrockOptions

router = BedrockOptions(
    model_id=f"arn:aws:bedrock:us-west-2:{os.environ['ACCOUNT']}:default-prompt-router/meta.llama:1")
other = BedrockOptions(model_id=f"arn:aws:bedrock:us-west-2:{os.environ['ACCOUNT']}:knowledge-base/{kb_id}")
'''

_TS_ROUTER = """\
import { BedrockOptions } from "./agents";

const router = new BedrockOptions({
  modelId: `arn:aws:bedrock:${region}:${account}:default-prompt-router/anthropic.claude:1`,
});
"""


def test_bedrock_default_prompt_router_arn(tmp_path: Path) -> None:
    # the router's id where its ARN is built from the region and account in a model-id argument
    got = found(tmp_path, "examples/routing/main.py", _PY_ROUTER)
    assert (6, "default-prompt-router/meta.llama:1") in got
    assert not {r for _, r in got if "knowledge-base" in r}
    got = found(tmp_path / "ts", "src/router.ts", _TS_ROUTER)
    assert (4, "default-prompt-router/anthropic.claude:1") in got


def test_ollama_module_keeps_resource_names(tmp_path: Path) -> None:
    # an Aspire Ollama host's AddModel("phi3", "phi3"): the first argument is the resource's name, in an ollama folder too
    got = found(tmp_path, "examples/ollama/AppHost/Program.cs",
                'var ollama = builder.AddOllama("ollama");\nvar phi3 = ollama.AddModel("phi3", "phi3");\n')
    import modelmap
    cols = [f.column for f in modelmap.scan(str(tmp_path), resolve=False).findings if f.raw == "phi3"]
    assert (2, "phi3") in got and len(cols) == 1
