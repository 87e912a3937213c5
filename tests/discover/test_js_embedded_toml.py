"""TOML held in a JavaScript / TypeScript literal (a test's config.toml text for a CLI such as Codex: a template
literal of ``model = "…"`` lines, or one line per string joined into a file, quotes maybe escaped) is read as the
config reader reads the same line in a .toml file: the value under a model key. Fixtures written for these tests."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_TS = '''\
import { describe, expect, it } from "vitest";
import { setRemoteCompaction } from "../src/codexConfig";

describe("codex config helpers", () => {
  it("keeps the top-level model", () => {
    const input = `model_provider = "custom"
model = "gpt-5.5-mini"
base_url = "https://relay.example/v1"

[profiles.fast]
review_model = "gpt-5.4"
`;
    expect(setRemoteCompaction(input, true)).toContain("custom");
  });

  it("joins lines", () => {
    const input = [
      'model_provider = "azure"',
      'model = "gpt-5-codex"',
      "",
    ].join("\\n");
    const escaped = "model = \\"gpt-4.1\\"";
    const edited = 'model = "gpt-6-user-edit"';
    const prose = "Set model = \\"gpt-4o\\" in your config to pin it";
    expect(input + escaped + edited + prose).toBeTruthy();
  });
});
'''


def test_toml_lines_in_ts_literals(tmp_path: Path) -> None:
    got = found(tmp_path, "tests/utils/codexConfig.test.ts", _TS)
    assert (7, "gpt-5.5-mini") in got
    assert (11, "gpt-5.4") in got
    assert (19, "gpt-5-codex") in got
    assert (22, "gpt-4.1") in got


def test_toml_lines_not_over_read(tmp_path: Path) -> None:
    got = found(tmp_path, "tests/utils/codexConfig.test.ts", _TS)
    raws = {raw for _, raw in got}
    assert "custom" not in raws and "azure" not in raws  # model_provider is no model key
    assert "gpt-6-user-edit" not in raws  # a test's stand-in for a user's edit
    assert (24, "gpt-4o") not in got  # prose with an `=` in it, not a TOML line
