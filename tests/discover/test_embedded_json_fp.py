"""JSON held in a multi-line literal (a recorded request or fixture in a test) is read for its model pairs, but a
model-ish key alone does not make its value a model: a Django fixture's ``"model": "auth.user"``, a device record's
``"device_model": "SM-G991B"`` and ``"modelVersion": "v1.2.3"`` are not findings there (the JSON file source does
not report them either), while a value that reads as a model by itself still is (redteam8)."""

from __future__ import annotations

from pathlib import Path

import modelmap

FIXTURE = ('[\n  {"model": "auth.user", "pk": 1, "fields": {"username": "admin"}},\n'
           '  {"model": "shop.order", "pk": 2},\n  {"device_model": "SM-G991B", "os": "android-13"},\n'
           '  {"modelVersion": "v1.2.3"},\n  {"model": "gpt-4o", "messages": []},\n'
           '  {"model": "deepseek-chat", "stream": false}\n]\n')


def _raws(tmp_path: Path, name: str, text: str) -> set[str]:
    (tmp_path / name).write_text(text)
    return {f.raw for f in modelmap.scan(str(tmp_path), resolve=False).findings}


def test_go_raw_string_fixture(tmp_path: Path) -> None:
    raws = _raws(tmp_path, "fixtures_test.go", "package x\n\nconst fixture = `\n" + FIXTURE + "`\n")
    assert {"gpt-4o", "deepseek-chat"} <= raws
    assert not raws & {"auth.user", "shop.order", "SM-G991B", "v1.2.3"}


def test_java_text_block_fixture(tmp_path: Path) -> None:
    raws = _raws(tmp_path, "FixturesTest.java", 'class FixturesTest {\n  String s = """\n' + FIXTURE + '""";\n}\n')
    assert {"gpt-4o", "deepseek-chat"} <= raws
    assert not raws & {"auth.user", "shop.order", "SM-G991B", "v1.2.3"}


def test_rust_raw_string_request_still_read(tmp_path: Path) -> None:
    raws = _raws(tmp_path, "client_test.rs",
                 'fn body() -> &\'static str {\n    r#"\n{\n  "model": "deepseek-chat",\n  "stream": false\n}\n"#\n}\n')
    assert "deepseek-chat" in raws
