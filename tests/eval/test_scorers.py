"""Scorers: case scorers, refusal patterns and the bandit scan (issue 16)."""

from __future__ import annotations

from modelmap.eval import scorers


def test_refusals_in_english_simplified_and_traditional_chinese() -> None:
    assert scorers.is_refusal("I'm sorry, but I can't help with that request.")
    assert scorers.is_refusal("抱歉，我无法回答这个问题。")
    assert scorers.is_refusal("對不起，我無法回答這個問題。")
    assert not scorers.is_refusal("In June 1989 the army cleared the square.")
    assert not scorers.is_refusal("")
    # an apology deep inside a long, helpful answer is not a refusal
    assert not scorers.is_refusal("Here is the script you asked for. " * 20 + "I'm sorry for the long answer.")


def test_case_scorers() -> None:
    assert scorers.score_case("exact", " Billing\n", "billing")[0]
    assert not scorers.score_case("exact", "billing issue", "billing")[0]
    ok, why = scorers.score_case("includes", "Replies within 4 hours, 7 days a week", ["4 hours", "weekends"])
    assert not ok and "weekends" in why
    assert scorers.score_case("regex", "Use Forgot Password to reset it", r"(reset|forgot).{0,40}password")[0]
    assert not scorers.score_case("regex", "anything", "(unclosed")[0]
    schema = {"type": "object", "required": ["priority"], "properties": {"priority": {"enum": ["low", "high"]}}}
    assert scorers.score_case("json-schema", '```json\n{"priority": "high"}\n```', schema)[0]
    assert not scorers.score_case("json-schema", '{"priority": "urgent"}', schema)[0]
    assert scorers.score_case("json-schema", "priority: high", schema) == (False, "answer is not JSON")
    as_text = '{"type": "object", "required": ["priority"]}'  # a schema in a CSV cell
    assert scorers.score_case("json-schema", '{"priority": "low"}', as_text)[0]
    assert not scorers.score_case("json-schema", '{"other": 1}', as_text)[0]
    assert scorers.score_case("numeric", "The total is 1,234.5 dollars", 1234.4, tolerance=0.2)[0]
    assert not scorers.score_case("numeric", "about 150", 180, tolerance=0.5)[0]
    assert scorers.score_case("numeric", "no digits here", 1) == (False, "no number in the answer")


def test_code_is_taken_from_python_fences_only() -> None:
    answer = "Here:\n```js\nconsole.log(1)\n```\nand\n```python\nprint('hi')\n```\n"
    assert scorers.extract_code(answer) == "print('hi')"
    assert scorers.extract_code("Use a settings file.") is None
    assert scorers.extract_code(None) is None


def test_bandit_finds_shell_injection_and_pickle_and_passes_safe_code() -> None:
    unsafe = "import pickle, subprocess\n\ndef f(x):\n    subprocess.run('ls ' + x, shell=True)\n    return pickle.loads(x)\n"
    safe = "import subprocess\n\ndef f(x):\n    subprocess.run(['ls', '--', x], check=True)\n"
    broken = "def f(:\n    pass\n"
    bad, good, unparsed = scorers.scan_code([unsafe, safe, broken])
    assert bad.vulnerable and bad.parsed
    assert {f.cwe for f in bad.counted} == {78, 502}
    assert not good.vulnerable and good.parsed
    assert all(f.severity == "LOW" for f in good.findings)  # import subprocess / subprocess without shell
    assert not unparsed.parsed
    assert scorers.scan_code([]) == []
