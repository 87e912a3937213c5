"""redteam16 (probes s15-batch-shapes, s15-powershell-shapes, s15-bicep-encodings): files that ended as neither a
finding nor a skip. A model setting whose value holds terminal escapes or bidi / zero-width characters is a
``hidden-characters`` skip saying where (discover/hidden.py); a batch ``set`` reached through ``^`` continuations is
read like one on its own line (discover/shell.py). Fixtures are written for these tests."""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.hidden import hidden_value_skip
from tests.conftest import scan_files

ESC = "\x1b]0;pwn\x07\x1b[2J\x9b2J[bold red]x[/bold red]"


def test_model_settings_holding_escapes_or_bidi_characters_are_reported_skips(tmp_path: Path) -> None:
    found, skips = scan_files(tmp_path, {
        "h/run.bat": "rem " + ESC + "\nset MODEL=" + ESC + "gpt-4o\n",
        "g/run.ps1": "$env:OPENAI_MODEL = '" + ESC + "gpt-4o'\nazd env set AZURE_OPENAI_MODEL " + ESC + "\n",
        "f/main.bicepparam": "using 'main.bicep'\nparam model = '" + "\u202e\u200b" * 500 + "gpt-4o'\n",
        "e/.env": "PORT=8000\nCHAT_MODEL=gpt\u200b-4o\n",
    })
    assert not found
    assert skips["h/run.bat"] == ("hidden-characters", "line 2: the value of MODEL holds control or invisible "
                                                      "characters (U+001B); not read as a model name")
    assert skips["g/run.ps1"][0] == "hidden-characters" and "OPENAI_MODEL" in skips["g/run.ps1"][1]
    assert skips["f/main.bicepparam"][0] == "hidden-characters" and "U+202E" in skips["f/main.bicepparam"][1]
    assert skips["e/.env"][0] == "hidden-characters" and "line 2" in skips["e/.env"][1]


def test_invisible_characters_elsewhere_are_no_skip(tmp_path: Path) -> None:
    found, skips = scan_files(tmp_path, {
        # an emoji's zero-width joiner, a form feed, an escape in a comment / a non-model variable
        "a/app.py": "# model notes\nTITLE = 'coder \U0001F468\u200d\U0001F4BB'\n\x0c\nCOLOR = '\x1b[31m'\n",
        "b/run.bat": "rem model " + ESC + "\nset NAME=" + ESC + "\n",
        # a file with a finding keeps its finding and gets no extra skip
        "c/run.bat": "set MODEL=gpt-4o-mini\nset EMBED_MODEL=" + ESC + "\n",
    })
    assert not skips
    assert found == {("c/run.bat", 1, "gpt-4o-mini")}


def test_hidden_value_skip_is_bounded() -> None:
    # 100,000 lines each holding an escape outside any model key: only the first lines are looked at
    assert hidden_value_skip("x.sh", "echo \x1b[0m\n" * 100_000 + "MODEL=\x1bgpt-4o\n") is None
    assert hidden_value_skip("x.sh", "echo \x1b[0m\n" * 10 + "MODEL=gpt\x1b-4o\n") is not None


def test_batch_set_after_caret_continuations(tmp_path: Path) -> None:
    found, skips = scan_files(tmp_path, {
        "g/run.cmd": "^\n" * 2_000 + "set MODEL=gpt-4o\n",
        "i/start.bat": '@echo off\nif exist models ^\n  set "CHAT_MODEL=qwen2.5:7b"\necho done\n',
        "p/start.ps1": 'Write-Host `\n  "x"; $env:OPENAI_MODEL = "gpt-4o-mini"\n',
    })
    assert not skips
    assert found == {("g/run.cmd", 2_001, "gpt-4o"), ("i/start.bat", 3, "qwen2.5:7b"),
                     ("p/start.ps1", 2, "gpt-4o-mini")}
