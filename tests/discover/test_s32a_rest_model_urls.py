"""A REST call's URL that names its model before a method (Gemini / Vertex AI ``…/models/{model}:generateContent``)
names that model, also when the method is concatenated after it; a placeholder model or a URL with no method is not
read. Fixtures written for these tests (the shape of a Gemini client's request-URL test)."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

GO = '''package gemini

import "testing"

func TestBuildURL(t *testing.T) {
	cases := []struct{ expected string }{
		{expected: "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent"},
		{expected: "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-pro:" + "streamGenerateContent"},
		{expected: "https://proxy.example.com/v1/models/test-model:generateContent"},
		{expected: "https://generativelanguage.googleapis.com/v1beta/models"},
	}
	_ = cases
}
'''


def test_model_in_rest_url(tmp_path: Path) -> None:
    got = found(tmp_path, "api/llm/gemini/gemini_test.go", GO)
    models = {(line, raw) for line, raw in got if "://" not in raw}
    assert models == {(7, "gemini-2.5-flash"), (8, "gemini-2.5-pro")}, got
