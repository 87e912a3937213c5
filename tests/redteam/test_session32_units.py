"""Unit checks behind the session-32 red-team findings (brief redteam36): a config key longer than
config_files.MAX_KEY_CHARS is read as no key, so the per-value key rules do not read all of it again for every value
under it (probe session32-camel-acronym-1mb-key: 2,000 values under a 1 MB camelCase key spent the file's budget, the
ordinary model setting beside them was lost)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import modelmap
from modelmap.discover import classifier, config_files
from tests.discover.scan_helpers import found


def test_values_under_an_overlong_key_do_not_reread_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """snake() is applied to the key under which each value sits: 500 values under a 50,000-character key read
    25 million characters of key before; now the key is dropped once, before any per-value rule."""
    read = 0
    real = classifier.snake

    def counting(key: str) -> Any:
        nonlocal read
        read += len(key)
        return real(key)

    monkeypatch.setattr(config_files, "snake", counting)
    monkeypatch.setattr(classifier, "snake", counting)
    long_key = "AzureOpenAIDeploymentName" * 2_000
    (tmp_path / "appsettings.json").write_text(json.dumps({long_key: [f"d-{i}" for i in range(500)],
                                                           "AzureOpenAIChatModelName": "gpt-4o-mini"}))
    raws = {f.raw for f in modelmap.scan(str(tmp_path), resolve=False).findings}
    assert "gpt-4o-mini" in raws
    assert read < 10 * len(long_key), f"{read} characters of keys read for 500 values"


def test_key_over_the_bound_is_no_model_key(tmp_path: Path) -> None:
    """A value that only its key makes a model (an unknown versioned id under `model`) is read under that key when the
    key is ordinary, and as under no key when the key is longer than MAX_KEY_CHARS."""
    short = found(tmp_path / "a", "graph.json", json.dumps({"model": "aura-2-thalia-en"}))
    assert (1, "aura-2-thalia-en") in short
    pad = "x" * (config_files.MAX_KEY_CHARS + 10)
    long_ = found(tmp_path / "b", "graph.json", json.dumps({pad + "_model": "aura-2-thalia-en"}))
    assert (1, "aura-2-thalia-en") not in long_


def test_judge_finds_c1_controls_and_escapes() -> None:
    """runner._c1_or_esc (now one regex search instead of a Python loop over every character): the first C1 control
    is reported with its code point and place, ESC first of all, and text outside U+0080-U+009F passes."""
    from tests.redteam.runner import _c1_or_esc

    assert _c1_or_esc(b"plain \xc2\xa0 text \xc4\x80") is None  # U+00A0, U+0100: just outside the C1 range
    got = _c1_or_esc("ok \u0085 then \u009b".encode())
    assert got is not None and "U+0085 at char 3" in got
    esc = _c1_or_esc(b"a\x1b[2J \xc2\x9b")
    assert esc is not None and esc.startswith("raw ESC at byte 1")
    assert _c1_or_esc(b"\xff\xfe not utf-8") is None  # undecodable bytes become U+FFFD, not a C1 control


def test_result_json_is_parsed_once(tmp_path: Path) -> None:
    """Result.json() parses an output once for the judge and every check (a 10-20 MB report was parsed 2-4 times)."""
    from tests.redteam.runner import Ctx, Result

    ctx = Ctx(root=tmp_path, work=tmp_path, cache=tmp_path, marker=tmp_path / "m")
    res = Result("p", "c", [], 0, 0.0, 0.0, False, b'{"findings": [{"raw": "gpt-4o"}]}', b"", ctx)
    first = res.json()
    assert first == {"findings": [{"raw": "gpt-4o"}]}
    assert res.json() is first
    (tmp_path / "out.json").write_text('{"a": 1}')
    assert res.json("out.json") == {"a": 1} and res.json() is first
