"""One run lists every problem of a modelmap.yaml (tryout item 11, session 25: a first config took four runs to fix,
one message each)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from modelmap.cli import app
from modelmap.errors import ConfigError, ConfigErrors
from modelmap.policy.config import parse_config
from modelmap.policy.yamlmarks import load_yaml

FIRST_TRY = """presets: [no-cn-origin]
flows:
  chat: {paths: ["*.py"], tags: [regulated]}
  search: {tags: [internal]}
rules:
  - id: Bad_Id
    deny: "'CN' in origins"
    message: x
  - id: no-eu
    deny: "'FR' in origins"
waivers:
  - rule: no-cn-origin
    model: qwen-plus
    owner: a@b.c
fail_on: fatal
"""


def _errors(text: str) -> list[ConfigError]:
    with pytest.raises(ConfigError) as info:
        parse_config(load_yaml(text, "modelmap.yaml"), "modelmap.yaml")
    exc = info.value
    return exc.errors if isinstance(exc, ConfigErrors) else [exc]


def test_every_problem_is_reported_in_line_order() -> None:
    errors = _errors(FIRST_TRY)
    text = [f"{e.where}: {e.message}" for e in errors]
    assert "modelmap.yaml:1: unknown key 'presets' in the config" in text
    assert "modelmap.yaml:1: the config has no version" in text
    assert "modelmap.yaml:4: flow 'search' has no paths" in text
    assert "modelmap.yaml:6: rule id 'Bad_Id' is not kebab-case" in text
    assert any(t.startswith("modelmap.yaml:9: rule 'no-eu' has no message") for t in text)
    assert "modelmap.yaml:13: unknown key 'model' in a waiver" in text
    assert "modelmap.yaml:14: unknown key 'owner' in a waiver" in text
    assert {t for t in text if "waiver is missing" in t} == {
        f"modelmap.yaml:12: waiver is missing {k!r}" for k in ("match", "reason", "approved_on", "expires")}
    assert "modelmap.yaml:15: fail_on 'fatal' is not one of error, warning, note" in text
    lines = [int(str(e.where).rsplit(":", 1)[1]) for e in errors]
    assert lines == sorted(lines)


def test_one_problem_is_still_a_plain_config_error() -> None:
    errors = _errors("version: 1\nflows:\n  chat: {paths: ['*.py'], tagz: [x]}\n")
    assert len(errors) == 1 and errors[0].message == "unknown key 'tagz' in flow 'chat'"
    with pytest.raises(ConfigError) as info:
        parse_config(load_yaml("version: 1\nfail_on: fatal\n", "m.yaml"), "m.yaml")
    assert not isinstance(info.value, ConfigErrors) and info.value.where == "m.yaml:2"


def test_an_unsupported_version_stops_at_once() -> None:
    errors = _errors("version: 2\nfail_on: fatal\nflows: {a: {}}\n")
    assert [e.message for e in errors] == ["config version 2 is not supported"]


def test_check_prints_every_problem_and_exits_2(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text('import openai\nopenai.OpenAI().chat.completions.create(model="gpt-4o")\n')
    (tmp_path / "modelmap.yaml").write_text(FIRST_TRY)
    result = CliRunner().invoke(app, ["check", str(tmp_path)])
    assert result.exit_code == 2
    out = result.output
    assert "problems in the config:" in out
    for needle in ("unknown key 'presets'", "has no version", "flow 'search' has no paths", "'Bad_Id'",
                   "unknown key 'owner' in a waiver", "waiver is missing 'expires'", "fail_on 'fatal'"):
        assert needle in out, needle
