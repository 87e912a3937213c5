"""The plan names a replacement's licence when it does not plainly allow commercial use.

A tryout (session 34): the plan table showed the replacement's model, host and size step but no licence, so a
CC-BY-NC embedder went into a regulated flow's job unremarked, and a Llama-licensed model (commercial use only under
the licence's conditions) reads like an Apache one.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from modelmap.switch.plan import plan_project, render_html, render_json, render_markdown
from tests.conftest import load_schema

DEMO = Path(__file__).resolve().parents[2] / "examples" / "demo-app"


def test_licence_note_by_commercial_use() -> None:
    from modelmap.switch.plan import _licence_note

    assert _licence_note({"license": "cc-by-nc-4.0"}) == "licence cc-by-nc-4.0 forbids commercial use"
    assert _licence_note({"license": "llama3.1"}) == "licence llama3.1 allows commercial use only under conditions"
    assert _licence_note({"license": "mit"}) is None
    assert _licence_note({"license": None}) == "licence unknown"
    assert _licence_note(None) is None


def test_plan_outputs_carry_the_note() -> None:
    from modelmap.switch.plan import _licence_note

    plan = plan_project(DEMO, "no-cn-origin")[0]
    usages = [u for f in plan.flows for u in f.usages if u.replacement]
    assert all(u.licence_note == _licence_note(u.replacement) for u in usages)
    noted = [u for u in usages if u.licence_note]
    assert noted, "the demo's replacements include a licence with conditions (a Llama licence)"
    md, html = render_markdown(plan), render_html(plan).decode()
    doc = json.loads(render_json(plan))
    jsonschema.validate(doc, load_schema("plan.schema.json"))
    for u in noted:
        assert f"({u.licence_note})" in md and f"({u.licence_note})" in html
    assert sum(1 for f in doc["flows"] for u in f["usages"] if u.get("licence_note")) == len(noted)
