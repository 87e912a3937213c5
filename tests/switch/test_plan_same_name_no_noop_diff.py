"""A plan that moves the same weights to another host shows no model edit that changes nothing (tryout 33, item 9).

"OpenAI is down": the replacement for ``gpt-4o-mini`` at openai-api is the same model at Azure OpenAI, called by
the same name. The plan used to list "model gpt-4o-mini → gpt-4o-mini" with a diff whose - and + lines were
identical, at the call and where the constant is defined. Only the host change is an edit.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from modelmap.switch.plan import plan_project, render_markdown

SETTINGS = '''
    import os

    TRIAGE_MODEL = os.getenv("TRIAGE_MODEL", "gpt-4o-mini")
    '''

CHAT = '''
    from openai import OpenAI

    from app.settings import TRIAGE_MODEL

    client = OpenAI()


    def triage(ticket: str) -> str:
        resp = client.chat.completions.create(
            model=TRIAGE_MODEL,
            messages=[{"role": "user", "content": f"Classify this ticket: {ticket}"}],
        )
        return resp.choices[0].message.content
    '''

DIRECT = '''
    from openai import OpenAI

    client = OpenAI()


    def label(text: str) -> str:
        return client.chat.completions.create(model="gpt-4o-mini", messages=[{"role": "user", "content": text}])
    '''


def test_no_noop_model_edit_when_the_name_stays(tmp_path: Path) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "settings.py").write_text(textwrap.dedent(SETTINGS))
    (tmp_path / "app" / "chat.py").write_text(textwrap.dedent(CHAT))
    (tmp_path / "app" / "labels.py").write_text(textwrap.dedent(DIRECT))
    (tmp_path / "modelmap.yaml").write_text("version: 1\nflows:\n  triage:\n    paths: ['app/**']\n    tags: [internal]\n")
    plan = plan_project(tmp_path, deny="served_by.id == 'openai-api'")[0]
    usages = [u for f in plan.flows for u in f.usages]
    assert usages and all(u.replacement for u in usages)
    same = [u for u in usages if u.replacement and u.replacement.get("model") == "openai/gpt-4o-mini"]
    assert same, [(u.raw, u.replacement) for u in usages]
    for usage in same:
        for edit in usage.edits:
            assert f"{usage.raw} → {usage.raw}" not in edit.what, edit
            if edit.diff:
                minus = [line[1:] for line in edit.diff.splitlines() if line.startswith("-") and not line.startswith("---")]
                plus = [line[1:] for line in edit.diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
                assert minus != plus, edit.diff
        assert any(e.kind == "endpoint" for e in usage.edits)  # the host change is still said
    assert "gpt-4o-mini → gpt-4o-mini" not in render_markdown(plan)
