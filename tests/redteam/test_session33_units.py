"""Units behind the session-33 red-team probes (tests/redteam/probes_session33.py): the budget's clock when single
steps are slow, and a page's `<script>` tag that never closes."""

from __future__ import annotations

import time

import pytest

from modelmap.discover.base import Budget, BudgetExceeded, SourceFile
from modelmap.discover.javascript import scan_javascript_text
from modelmap.types import Skip


def _slow_step(cpu: float) -> None:
    start = time.process_time()
    while time.process_time() - start < cpu:
        pass


def test_budget_stops_near_its_deadline_when_each_step_is_slow() -> None:
    # each step burns 2 ms of CPU: the budget of 0.05 s allows ~25 of them. The clock used to be read once every
    # 1,024 steps whatever they cost, so the 1,025th step (2 s of CPU, 40 times the budget) was the first to stop
    b = Budget(seconds=0.05)
    steps = 0
    with pytest.raises(BudgetExceeded):
        for _ in range(2_000):
            b.tick()
            steps += 1
            _slow_step(0.002)
    assert steps < 200


def test_budget_fast_steps_still_read_the_clock_rarely() -> None:
    b = Budget(seconds=60.0)
    for _ in range(10_000):
        b.tick()
    assert b._until_clock > 16  # back to long strides between clock reads once the pace is known to be fast


@pytest.mark.parametrize("name", ["page.html", "views/chat.blade.php", "App.vue"])
def test_unclosed_script_tag_is_said(name: str) -> None:
    text = "<div>\n<select name='model'><option value='gpt-4o'>4o</option></select>\n<script>\nconst m = 1;\n"
    out = scan_javascript_text(SourceFile(name, text, "app"))
    skips = [o for o in out if isinstance(o, Skip)]
    assert skips and "line 3 is never closed" in skips[0].detail


def test_closed_script_gives_no_skip() -> None:
    text = "<script>\nconst c = { model: 'gpt-4o' };\n</script>\n<p>x</p>\n"
    out = scan_javascript_text(SourceFile("page.html", text, "app"))
    assert not [o for o in out if isinstance(o, Skip)]
    assert [o.raw for o in out if not isinstance(o, Skip)] == ["gpt-4o"]


def test_literals_nested_too_deep_are_said_not_walked() -> None:
    # a C# `??` chain 3,000 long: each literal's context walk cost in proportion to its depth (2-3 ms each), so the file
    # ran out of its budget before the ordinary call after it; the deep literals are now left out and said
    from modelmap.discover.polyglot import PolyglotSource

    chain = " ?? ".join(f'_config["AzureOpenAI:Deployment{i}"]' for i in range(3_000))
    text = ("class Settings {\n  public string Deployment => " + chain + ' ?? "gpt-4o";\n}\n'
            'class App { void F() { var c = new ChatClient(model: "gpt-4o-mini", apiKey: k); } }\n')
    out = list(PolyglotSource().scan(SourceFile("src/Settings.cs", text, "app")))
    assert "gpt-4o-mini" in [o.raw for o in out if not isinstance(o, Skip) and hasattr(o, "raw")]
    details = [o.detail for o in out if isinstance(o, Skip)]
    assert any("nested more than 256 levels deep was not read (line 2" in d for d in details), details
    assert not any("CPU time" in d for d in details), details


def test_shallow_literals_keep_their_context() -> None:
    from modelmap.discover.candidates import extract
    from modelmap.discover.polyglot import parser_for

    parser = parser_for("csharp")
    data = ("class A { void F() {\n" + "".join(f'  var m{i} = new ChatClient(model: "gpt-4o-{i}");\n'
                                                 for i in range(100)) + "} }\n").encode()
    too_deep: list[int] = []
    cands = list(extract(parser.parse(data), data, parser.language, None, None, None, None, too_deep))
    assert len(cands) == 100 and not too_deep
    assert all(c.call for c in cands)


def test_deep_literals_are_set_aside_before_any_per_node_work(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # the clean-clone CI caught s17-case-clause-50k-labels-kt-rs-java at 51.9 s of CPU: a Rust match arm of 50,000
    # `|` alternatives nests each literal one level deeper, and `node.parent` (tree-sitter walks down from the root)
    # ran for every deep literal before the depth check skipped it; the check now comes first
    import modelmap

    arms = " | ".join(f'"kimi-k2-{i}"' for i in range(3_000))
    (tmp_path / "norm.rs").write_text('fn norm(m: &str) -> &str {\n    match m {\n        "kimi-k2" | ' + arms
                                      + ' => "kimi-k2",\n        _ => m,\n    }\n}\n', encoding="utf-8")
    result = modelmap.scan(str(tmp_path), resolve=False)
    (skip,) = [s for s in result.skips if s.path == "norm.rs"]
    assert "nested more than 256 levels deep" in skip.detail and "more)" in skip.detail
    assert any(f.raw == "kimi-k2" for f in result.findings)  # the shallow literals are still read
