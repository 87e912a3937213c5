"""A substring check against a series stem that ends in its major version (``strings.Contains(model, "gemini-2")``,
whose ids go on with a dot: gemini-2.0-flash, gemini-2.5-pro) tests a family, not a model; an API version word
alone (``"v1beta"``) is no model under any binding. Fixtures written for these tests."""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.classifier import family_prefix
from tests.discover.scan_helpers import found

GO = '''package tool

import "strings"

func supportsFewShot(model string) bool {
	gemini2 := strings.Contains(model, "gemini-2")
	return gemini2 || model == "gemini-2.5-flash"
}
'''

JAVA = '''class ProxyTest {
  @Test
  public void setsApiVersion() {
    ImmutableMap<String, String> modelToApiVersion =
        ImmutableMap.of(
            "proxy/gpt-4o", "",
            "proxy/v1/gpt-4o", "v1",
            "proxy/openai/v1beta/gpt-4o", "v1beta");
  }
}
'''


def test_series_stem_with_dotted_versions_is_a_family() -> None:
    assert family_prefix("gemini-2")
    assert not family_prefix("gemini-2.5-flash")
    assert not family_prefix("gpt-4")  # a model of its own
    assert not family_prefix("claude-2")  # claude-2.0 / claude-2.1 are its own minor versions: a model's name


def test_contains_check_on_a_series_stem(tmp_path: Path) -> None:
    got = found(tmp_path, "tool/exampletool/tool.go", GO)
    assert "gemini-2" not in {raw for _, raw in got}, got
    assert (7, "gemini-2.5-flash") in got, got


def test_api_version_word_is_no_model(tmp_path: Path) -> None:
    got = found(tmp_path, "src/test/java/ProxyTest.java", JAVA)
    assert "v1beta" not in {raw for _, raw in got}, got
    assert not {raw for _, raw in got} & {"v1", "v1beta"}, got
