"""Model ids written in upper snake case with a release date and a version tail (AWS CodeWhisperer / Amazon Q's
`CLAUDE_SONNET_4_20250514_V1_0`), the upstream id a gateway maps an Anthropic id to: found as string literals, while
an environment variable's name, an enum key or a migration tag without a family word stays out. Fixtures written for
these tests, shaped like a Go gateway's model map and its tests."""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.identify import classify
from tests.discover.scan_helpers import found

_MAP = """package config

var ModelMap = map[string]string{
	"claude-sonnet-4-20250514":   "CLAUDE_SONNET_4_20250514_V1_0",
	"claude-3-7-sonnet-20250219": "CLAUDE_3_7_SONNET_20250219_V1_0",
}

const TokenEnv = "KIRO_REFRESH_TOKEN"
const Migration = "SCHEMA_20250101_V2"
"""

_TEST = """package converter

import "testing"

func TestModelID(t *testing.T) {
	req := buildRequest("claude-sonnet-4-20250514")
	if req.ModelId != "CLAUDE_SONNET_4_20250514_V1_0" {
		t.Fatal("wrong model")
	}
}
"""


def test_a_gateways_upstream_ids_are_found(tmp_path: Path) -> None:
    got = found(tmp_path, "config/config.go", _MAP)
    assert {(4, "CLAUDE_SONNET_4_20250514_V1_0"), (5, "CLAUDE_3_7_SONNET_20250219_V1_0")} <= got
    assert not any(raw in ("KIRO_REFRESH_TOKEN", "SCHEMA_20250101_V2") for _, raw in got)


def test_an_assertion_on_the_upstream_id_is_found(tmp_path: Path) -> None:
    assert (7, "CLAUDE_SONNET_4_20250514_V1_0") in found(tmp_path, "converter/codewhisperer_test.go", _TEST)


def test_the_shape_needs_a_family_word_a_date_and_a_version() -> None:
    assert classify("CLAUDE_SONNET_4_5_20250929_V1_0") is not None
    assert classify("SCHEMA_20250101_V2") is None
    assert classify("CLAUDE_SONNET_4_5") is None  # no date, no version: a constant's name
    assert classify("OPENAI_API_KEY") is None
