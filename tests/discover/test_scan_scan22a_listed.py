"""scan22a: in code read through the tree-sitter grammars, a YAML setting written as one literal (a test writing a
config file, ``[]byte("model: gpt-4o\\n")``) is read as the config line it is, and one line of a printed bullet list
(``"- gpt-3.5-turbo"``, ``"* gpt-4o (current)"``) for its item. Fixtures written for these tests."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_CLI_TEST_GO = '''\
package cli_test

import (
\t"os"
\t"testing"
)

func TestListModels(t *testing.T) {
\toutput := run("--list-models")
\texpectContains(t, output, "* gpt-4o-mini (current)")
\texpectContains(t, output, "- o1-mini")
\texpectContains(t, output, "- apples")
}

func TestTargetConfig(t *testing.T) {
\t_ = os.WriteFile(mainConfig, []byte("model: gpt-4o\\n"), 0644)
\t_ = os.WriteFile(otherConfig, []byte("image: vllm/vllm-openai\\n"), 0644)
\t_ = os.WriteFile(thirdConfig, []byte("role: user"), 0644)
}
'''


def test_printed_list_lines_and_written_yaml_settings_name_their_models(tmp_path: Path) -> None:
    got = found(tmp_path, "test/cli_test.go", _CLI_TEST_GO)
    assert {(10, "gpt-4o-mini"), (11, "o1-mini"), (16, "gpt-4o")} <= got
    raws = {raw for _, raw in got}
    # a bullet of a word that is no model, and a setting under a key that names none, stay nothing
    assert not raws & {"apples", "vllm/vllm-openai", "user"}
