"""``modelmap alternatives`` on an id the knowledge base does not know (tryout): it printed three empty groups and
exit 0 with no word on why, so a typo ("gpt-4p") looked like "no replacement exists". It now says the id is
unknown and names the nearest known ids (difflib over the knowledge base's ids, Hub names and aliases)."""

from __future__ import annotations

import subprocess
import sys
import time

from modelmap.cli.trace_cmd import close_ids
from modelmap.knowledge import load
from tests.conftest import ROOT


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", "from modelmap.cli import main; main()", "alternatives", *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)


def test_a_typo_is_called_unknown_with_the_nearest_known_ids() -> None:
    proc = _run("gpt-4p")
    assert proc.returncode == 0, proc.stderr
    hint = [line for line in proc.stderr.splitlines() if line.startswith("hint:")]
    assert hint and "'gpt-4p' is not in the knowledge base" in hint[0], proc.stderr
    assert "gpt-4o" in hint[0].split("did you mean", 1)[1], hint


def test_json_output_gets_the_hint_on_stderr_and_clean_json() -> None:
    import json

    proc = _run("claude-3-5-sonet", "-f", "json")
    assert json.loads(proc.stdout)["source"]["model"] is None
    assert "did you mean claude-3-5-sonnet" in proc.stderr, proc.stderr


def test_nothing_spelled_like_it_is_said_too() -> None:
    proc = _run("zorblax-9")
    assert "'zorblax-9' is not in the knowledge base and no known id is spelled like it" in proc.stderr, proc.stderr


def test_a_known_id_gets_no_hint() -> None:
    proc = _run("gpt-4o")
    assert proc.returncode == 0 and "hint:" not in proc.stderr and "not in the knowledge base" not in proc.stderr


def test_quiet_leaves_the_hint_out() -> None:
    proc = _run("gpt-4p", "-q")
    assert proc.stderr == ""


def test_the_nearest_ids_are_fast() -> None:
    load()
    close_ids("warm-up", cutoff=0.75)
    start = time.process_time()
    assert close_ids("qwen2.5-7b-instrct", cutoff=0.75)[0].lower().endswith("qwen2.5-7b-instruct")
    assert time.process_time() - start < 2.0


def test_a_priced_alias_that_names_no_one_model_gets_a_note_not_the_unknown_hint() -> None:
    # tryout 33 item 11: deepseek-chat is deliberately not mapped to one model, yet priced at DeepSeek's API, so
    # candidates of its role are ranked; the hint said "not in the knowledge base ... no replacement can be ranked"
    # above the ranked table
    proc = _run("deepseek-chat", "--limit", "2")
    assert proc.returncode == 0, proc.stderr
    assert "no replacement can be ranked" not in proc.stderr and "hint:" not in proc.stderr, proc.stderr
    note = [line for line in proc.stderr.splitlines() if line.startswith("note: 'deepseek-chat'")]
    assert note and "deliberately not mapped" in note[0] and "ranked by its price" in note[0], proc.stderr
    assert "same-role-size: 2" in proc.stderr
