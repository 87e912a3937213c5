"""Settings written in one literal: a DSN or connection string of `key=value` pairs, and a YAML text with `\\n`
escapes that a test writes to a config file (held-out-27, session 33)."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

SETTINGS = """<?php
it('parses a dsn', function () {
    $dsn = Dsn::fromString('driver=openai,model=gpt-4o-mini,temperature=0.2');
    $bad = Dsn::fromString('driver=openai,malformed,model=gpt-4o');
    $path = writeFile($tmp . '/llm/openai.yaml', "driver: openai\\nmodel: gpt-5\\n");
    $note = Dsn::fromString('driver=openai,region=eu');
});
"""


def test_settings_written_in_one_literal(tmp_path: Path) -> None:
    hits = found(tmp_path, "tests/Feature/DsnTest.php", SETTINGS)
    assert hits == {(3, "gpt-4o-mini"), (4, "gpt-4o"), (5, "gpt-5")}


CONNECTION = """var connection = "Endpoint=http://localhost:11434;Model=llama3.2;Timeout=30";
"""


def test_connection_string_model(tmp_path: Path) -> None:
    assert found(tmp_path, "src/App.cs", CONNECTION) == {(1, "llama3.2")}
