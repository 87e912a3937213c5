"""The scan table counts the other spellings of a model instead of hiding them (tryout item 8, session 25: a Bedrock
id and its apac. inference profile showed as one row naming one spelling and the other's line)."""

from __future__ import annotations

from pathlib import Path

from modelmap import scan
from modelmap.report.table import scan_grids

APP = '''import boto3

brt = boto3.client("bedrock-runtime", region_name="ap-northeast-1")


def ask(q):
    return brt.converse(modelId="anthropic.claude-3-5-sonnet-20240620-v1:0", messages=[])


def ask_apac(q):
    return brt.converse(modelId="apac.anthropic.claude-3-5-sonnet-20240620-v1:0", messages=[])


def ask_again(q):
    return brt.converse(modelId="apac.anthropic.claude-3-5-sonnet-20240620-v1:0", messages=[])
'''


def test_other_spellings_are_counted_and_the_place_is_the_shown_spellings(tmp_path: Path) -> None:
    (tmp_path / "bedrock_app.py").write_text(APP)
    grid = scan_grids(scan(tmp_path, resolve=True))[0]
    rows = [r for r in grid.rows if any("claude-3-5-sonnet" in str(c) for c in r)]
    assert len(rows) == 1, grid.rows
    row = rows[0]
    assert "apac.anthropic.claude-3-5-sonnet-20240620-v1:0" in row  # the most used spelling
    assert row[-1] == "bedrock_app.py:11 (+2, 2 spellings)"  # its first place, not the plain id's line 7


def test_one_spelling_says_nothing_more(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text('import openai\nc = openai.OpenAI()\nc.chat.completions.create(model="gpt-4o")\n'
                                   'c.chat.completions.create(model="gpt-4o")\n')
    grid = scan_grids(scan(tmp_path, resolve=True))[0]
    row = next(r for r in grid.rows if "gpt-4o" in r)
    assert row[-1] == "a.py:3 (+1)"
