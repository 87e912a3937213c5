"""Config loading: modelmap.yaml / [tool.modelmap], presets, and errors that point at file:line (issue 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from modelmap.errors import EXIT_USAGE, ConfigError
from modelmap.policy import load_config
from modelmap.policy.config import available_presets

BAD = sorted((Path(__file__).parent / "data" / "bad").glob("policy.*.yaml"))


def _expected(path: Path) -> str:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# expect: "), f"{path.name} must start with '# expect: <where>: <message>'"
    return first[len("# expect: "):]


@pytest.mark.parametrize("path", BAD, ids=[p.name for p in BAD])
def test_bad_config_corpus(path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_config(path)
    error = info.value
    assert error.exit_code == EXIT_USAGE
    assert str(error).startswith(_expected(path)), str(error)
    assert error.where and error.where.startswith(path.name + ":")


def test_every_error_has_a_hint() -> None:
    missing = []
    for path in BAD:
        with pytest.raises(ConfigError) as info:
            load_config(path)
        if not info.value.hint:
            missing.append(path.name)
    assert not missing


def test_sample_config_loads(sample_config) -> None:
    assert [f.name for f in sample_config.flows] == ["checkout", "support", "internal-tools"]
    scopes = {r.id: r.scope for r in sample_config.rules}
    assert scopes == {
        "license-commercial-use": "usage",
        "no-cn-origin-regulated": "usage",
        "no-cn-serving": "usage",
        "production-flow-fallback": "flow",
        "publisher-concentration": "inventory",
    }
    assert sample_config.waivers[0].approved_by == "Dana Lee (Legal)"
    assert sample_config.rules[0].where.startswith("config.sample.yaml:")


def test_folder_without_config_gives_empty_policy(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    assert config.path is None and config.rules == ()


def test_folder_prefers_modelmap_yaml(tmp_path: Path) -> None:
    (tmp_path / "modelmap.yaml").write_text("version: 1\npreset: no-cn-serving\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text("[tool.modelmap]\nversion = 1\n", encoding="utf-8")
    config = load_config(tmp_path)
    assert config.path == "modelmap.yaml"
    assert [r.id for r in config.rules] == ["no-cn-serving"]


PYPROJECT = """\
[project]
name = "demo"

[tool.modelmap]
version = 1
preset = ["no-cn-serving"]

[tool.modelmap.flows.checkout]
paths = ["services/checkout/**"]
tags = ["regulated"]

[[tool.modelmap.rules]]
id = "no-cn-origin-regulated"
message = "No CN origin in regulated flows."
when = "'regulated' in flow.tags"
deny = "'CN' in origins"

[[tool.modelmap.rules]]
id = "broken"
message = "Broken."
deny = "'CN' in"
"""


def test_pyproject_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(PYPROJECT.replace("'CN' in\"", "'CN' in origins\""), encoding="utf-8")
    config = load_config(tmp_path)
    assert config.path == "pyproject.toml"
    assert {r.id for r in config.rules} == {"no-cn-serving", "no-cn-origin-regulated", "broken"}
    assert config.flows[0].tags == ("regulated",)


def test_pyproject_error_points_at_line(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert info.value.where == "pyproject.toml:21"
    assert "deny is not valid CEL" in info.value.message


def test_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path / "nope.yaml")
    assert "does not exist" in info.value.message


def test_config_rule_overrides_preset_rule(tmp_path: Path) -> None:
    (tmp_path / "modelmap.yaml").write_text(
        "version: 1\npreset: no-cn-serving\nrules:\n  - id: no-cn-serving\n    severity: warning\n"
        "    message: Softer.\n    deny: \"served_by.country == 'CN'\"\n",
        encoding="utf-8",
    )
    (rule,) = load_config(tmp_path).rules
    assert rule.severity == "warning" and rule.origin == "config"


def test_disable_removes_preset_rule(tmp_path: Path) -> None:
    (tmp_path / "modelmap.yaml").write_text(
        "version: 1\npreset: [permissive-licenses-only]\ndisable: [license-known]\n", encoding="utf-8"
    )
    assert [r.id for r in load_config(tmp_path).rules] == ["license-commercial-use", "license-permissive"]


@pytest.mark.parametrize("name", available_presets())
def test_every_preset_loads(tmp_path: Path, name: str) -> None:
    (tmp_path / "modelmap.yaml").write_text(f"version: 1\npreset: {name}\n", encoding="utf-8")
    config = load_config(tmp_path)
    assert config.rules, name
    assert all(r.origin == f"preset:{name}" for r in config.rules)


def test_presets_shipped() -> None:
    assert {"us-regulated", "permissive-licenses-only", "no-cn-serving", "no-cn-origin", "resilience"} <= set(
        available_presets()
    )


def test_block_scalar_expression(tmp_path: Path) -> None:
    (tmp_path / "modelmap.yaml").write_text(
        "version: 1\nrules:\n  - id: lineage-cn\n    message: No CN anywhere in lineage.\n    deny: >\n"
        "      lineage.exists(step,\n        step.publisher.country == 'CN')\n",
        encoding="utf-8",
    )
    (rule,) = load_config(tmp_path).rules
    assert rule.scope == "usage" and "step" not in rule.names
