"""An argv written as a list literal (a test's expected command, an exec call's arguments): the item right after a
model flag (`"--model", "haiku"`, `"--embedding-model", "x"`) is that setting's value, read as a literal bound to
`model` is, so a model CLI's own short names count there. Fixtures written for these tests, shaped like a workflow
tool's tests of the agent CLI commands it runs."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_RUBY = """class AgentCommandTest < Minitest::Test
  test "runs the agent with its model" do
    use_command_runner_fixtures(
      {
        fixture: "agent_transcripts/simple_agent",
        expected_args: [
          "claude",
          "-p",
          "--output-format",
          "stream-json",
          "--model",
          "haiku",
        ],
        expected_stdin_content: "Write a haiku",
      },
    )
  end

  test "other flags" do
    run_cli(["--model-dir", "/tmp/models", "--style", "haiku", "-m", "sonnet"])
  end
end
"""

_GO = """package agent

import "os/exec"

func Run(prompt string) *exec.Cmd {
	args := []string{"-p", prompt, "--model", "opus", "--permission-mode", "plan"}
	return exec.Command("claude", args...)
}
"""


def test_the_item_after_a_model_flag_in_a_ruby_argv(tmp_path: Path) -> None:
    got = found(tmp_path, "test/agent_command_test.rb", _RUBY)
    assert (12, "haiku") in got
    assert not any(line == 20 for line, _ in got)  # --style haiku, -m sonnet, --model-dir: no model flag before


def test_the_item_after_a_model_flag_in_a_go_slice(tmp_path: Path) -> None:
    assert found(tmp_path, "agent/run.go", _GO) == {(6, "opus")}
