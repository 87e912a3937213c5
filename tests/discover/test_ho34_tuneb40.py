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
