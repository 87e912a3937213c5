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
