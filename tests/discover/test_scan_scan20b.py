"""scan20b: JavaScript / TypeScript literals. Claude Code's `[1m]` context-window tag after a model id; TOML held in
literals written with literal strings ('...') or joined by `\\n` escapes, and `[model."<id>"]` table headers.
Fixtures written for these tests."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_CONTEXT_TAG_TS = '''\
import { expect, it } from "vitest";
import { hasOneM, useModels } from "../src/models";

it("keeps the 1M tag on request models", () => {
  const settings = JSON.stringify({
    env: {
      ANTHROPIC_DEFAULT_SONNET_MODEL: "claude-sonnet-4-5[1m]",
      ANTHROPIC_DEFAULT_OPUS_MODEL: "deepseek-v4-pro [1M]",
      CLAUDE_CODE_SUBAGENT_MODEL: "subagent-model[1M]",
    },
  });
  expect(useModels(settings).sonnet).toBe("claude-sonnet-4-5[1m]");
  expect(hasOneM("gpt-4.1 [200K]  ")).toBe(true);
  expect(hasOneM("[1m]")).toBe(false);
});
'''


def test_context_tag_after_model_id(tmp_path: Path) -> None:
    got = found(tmp_path, "tests/models.test.ts", _CONTEXT_TAG_TS)
    assert (7, "claude-sonnet-4-5") in got
    assert (8, "deepseek-v4-pro") in got
    assert (12, "claude-sonnet-4-5") in got
    assert (13, "gpt-4.1") in got
    raws = {raw for _, raw in got}
    assert not any("[" in raw for raw in raws)
    assert "subagent-model" not in raws  # a test's stand-in stays none with its tag dropped


_TOML_TS = '''\
import { describe, expect, it } from "vitest";
import { buildConfig, modelName } from "../src/cliConfig";

const baseToml = `[models]
default = "grok-4.5"

[model."grok-4.5"]
base_url = "https://relay.example/v1"
`;

describe("cli config", () => {
  it("reads single-quoted values", () => {
    expect(modelName(`model = 'kimi-k2.7'\\n`)).toBe("kimi-k2.7");
    const input = "base_url = 'https://api.example.com/v1'\\nmodel = 'gpt-5-mini'\\n";
    merge('model = "gpt-5.4"\\n\\n[tui]\\nnotifications = true\\n');
    expect(buildConfig({})).toContain('[model."grok-4.5"]');
    const nested = `${baseToml}
[model."claude-opus-4-1".auth]
value = "nested-secret"

[[models."gemini-2.5-pro".credentials]]
value = "array-secret"
[model_providers."azure"]
[models."default"]
`;
    const note = "Write model = 'gpt-4o' in your config";
    const edited = "model = 'gpt-6-user-edit'\\n";
    expect(input + nested + note + edited).toBeTruthy();
  });
});
'''


def test_toml_literal_strings_and_escaped_lines(tmp_path: Path) -> None:
    got = found(tmp_path, "tests/cliConfig.test.ts", _TOML_TS)
    assert (13, "kimi-k2.7") in got
    assert (14, "gpt-5-mini") in got
    assert (15, "gpt-5.4") in got


def test_toml_model_table_headers(tmp_path: Path) -> None:
    got = found(tmp_path, "tests/cliConfig.test.ts", _TOML_TS)
    assert (16, "grok-4.5") in got
    assert (18, "claude-opus-4-1") in got  # in a template with a substitution
    assert (21, "gemini-2.5-pro") in got


def test_toml_in_literals_not_over_read(tmp_path: Path) -> None:
    got = found(tmp_path, "tests/cliConfig.test.ts", _TOML_TS)
    raws = {raw for _, raw in got}
    assert "azure" not in raws and "default" not in raws  # a provider table; a role under models
    assert (26, "gpt-4o") not in got  # prose with an `=` in it
    assert "gpt-6-user-edit" not in raws  # a test's stand-in for a user's edit

