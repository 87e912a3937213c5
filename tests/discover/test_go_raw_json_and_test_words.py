"""Session 28 (tuneC28): a JSON document in a Go raw string literal is read as the same JSON shipped as a file; a
collection named for architectures holds architecture names, not models; a test's `org/word` fixture id is no
model. Fixtures written for these tests."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_GO_CONFIG_TEST = '''\
package migrate

import "testing"

func TestLoadAgentConfig(t *testing.T) {
	cfg := `{
		"agents": {
			"defaults": {
				"model": {
					"primary": "anthropic/claude-sonnet-4-20250514"
				}
			},
			"list": [
				{
					"id": "main",
					"model": {
						"primary": "openai/gpt-4o",
						"fallbacks": ["claude-3-opus"]
					}
				}
			]
		}
	}`
	reply := `{"model": "acme-rerank-model", "rankings": [{"index": 0}]}`
	_ = reply
	templated := `{"model": {"primary": "%s"}}`
	tag := `json:"model"`
	_ = tag
	_ = templated
	if err := load(cfg); err != nil {
		t.Fatal(err)
	}
}
'''

_CSHARP_ARCHS = '''\
using System.Collections.Generic;

namespace Acme.Local
{
    public class ModelEntry
    {
        static List<string> embeddingOnlyArchs = new List<string> { "bert", "nomic-bert", "jina-bert-v2", "t5" };
        static List<string> embeddingModels = new List<string> { "nomic-embed-text-v1.5", "bge-m3" };
    }
}
'''

_GO_FIXTURE_IDS = '''\
package model

import "testing"

func TestUpdate(t *testing.T) {
	list := []ModelConfig{
		{ModelName: "old-model", Model: "openai/old"},
		{ModelName: "new-model", Model: "openai/new"},
		{ModelName: "asr", Model: "openai/whisper"},
		{ModelName: "gpt", Model: "openai/gpt-4o"},
	}
	run(t, list)
}
'''


def test_go_raw_string_json_config(tmp_path: Path) -> None:
    got = found(tmp_path, "pkg/migrate/config_test.go", _GO_CONFIG_TEST)
    assert (10, "anthropic/claude-sonnet-4-20250514") in got
    assert (17, "openai/gpt-4o") in got and (18, "claude-3-opus") in got
    assert not any(raw in ("%s", "model", "acme-rerank-model") for _, raw in got)


def test_architecture_list_is_not_models(tmp_path: Path) -> None:
    got = found(tmp_path, "Runtime/ModelEntry.cs", _CSHARP_ARCHS)
    assert not {raw for line, raw in got if line == 7}
    assert (8, "nomic-embed-text-v1.5") in got and (8, "bge-m3") in got


def test_test_fixture_word_ids(tmp_path: Path) -> None:
    got = found(tmp_path, "cmd/model/update_test.go", _GO_FIXTURE_IDS)
    assert (7, "openai/old") not in got and (8, "openai/new") not in got
    assert (9, "openai/whisper") in got and (10, "openai/gpt-4o") in got
