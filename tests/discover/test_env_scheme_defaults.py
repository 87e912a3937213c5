"""``${env://VAR:-default}``: an environment placeholder written with a URI-style ``env://`` source (mcphost's
scripts and configs) holds its default as ``${VAR:-default}`` does, in a config file, in YAML or JSON held in a
Go test's string, and in a script's YAML front matter; ``env`` is the source's name, never the variable (it was
read as a Spring ``${env:<default>}``, leaving ``//MODEL:-anthropic/…`` as a model file).
"""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_MODEL = "anthropic/claude-sonnet-4-5-20250929"

_CONFIG = """\
model: "${env://MODEL:-anthropic/claude-sonnet-4-5-20250929}"
debug: ${env://DEBUG:-false}
"""

_GO = """\
package config

import "testing"

func TestEnvSubstitution(t *testing.T) {
\tyamlText := `
mcpServers:
  fs:
    type: builtin

model: "${env://MODEL:-anthropic/claude-sonnet-4-5-20250929}"
debug: ${env://DEBUG:-false}
`
\tjsonText := `{
  "model": "${env://MODEL:-anthropic/claude-sonnet-4-5-20250929}"
}`
\t_, _ = yamlText, jsonText
}
"""

_SCRIPT = """\
#!/usr/bin/env -S mcphost script
---
mcpServers:
  fs:
    type: builtin

model: "${env://MODEL:-anthropic/claude-sonnet-4-5-20250929}"
---
List the files in ${env://WORK_DIR:-/tmp}.
"""


def test_config_file(tmp_path: Path) -> None:
    assert found(tmp_path, "config.yaml", _CONFIG) == {(1, _MODEL)}


def test_yaml_and_json_in_a_go_string(tmp_path: Path) -> None:
    assert found(tmp_path, "internal/config/env_test.go", _GO) == {(11, _MODEL), (15, _MODEL)}


def test_script_front_matter(tmp_path: Path) -> None:
    assert found(tmp_path, "examples/scripts/env-script.sh", _SCRIPT) == {(7, _MODEL)}
