"""Session 28 (tuneC28): a JSON document in a Go raw string literal is read as the same JSON shipped as a file.
Fixtures written for these tests."""

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

def test_go_raw_string_json_config(tmp_path: Path) -> None:
    got = found(tmp_path, "pkg/migrate/config_test.go", _GO_CONFIG_TEST)
    assert (10, "anthropic/claude-sonnet-4-20250514") in got
    assert (17, "openai/gpt-4o") in got and (18, "claude-3-opus") in got
    assert not any(raw in ("%s", "model", "acme-rerank-model") for _, raw in got)

