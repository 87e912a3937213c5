"""plan says when the provider it prices is only assumed from the model's name (tryout 28, item 4).

``qwen-plus`` called through a client whose base URL the code does not show is guessed to be DashScope's: the plan
keeps that provider (it is the likeliest), but marks it "provider assumed from the model name" in the table, in the
cost line and in the JSON. A call through a client whose private base URL the code shows is served by that endpoint.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import jsonschema

from modelmap.switch.plan import ASSUMED, plan_project, render_markdown
from tests.conftest import load_schema

APP = '''
    import os

    from openai import OpenAI

    hosted = OpenAI(base_url=os.environ["LLM_BASE_URL"], api_key=os.environ["LLM_KEY"])
    local = OpenAI(base_url="http://10.0.3.7:8000/v1", api_key="x")


    def ask(q):
        local.chat.completions.create(model="qwen-max", messages=[{"role": "user", "content": q}])
        return hosted.chat.completions.create(model="qwen-plus", messages=[{"role": "user", "content": q}])
    '''


def test_assumed_provider_is_said_and_endpoint_evidence_wins(tmp_path: Path) -> None:
    (tmp_path / "svc").mkdir()
    (tmp_path / "svc" / "app.py").write_text(textwrap.dedent(APP))
    (tmp_path / "modelmap.yaml").write_text("version: 1\n")
    plan = plan_project(tmp_path, deny="origins.exists(c, c == 'CN')")[0]
    usages = {u.raw: u for f in plan.flows for u in f.usages}
    guessed, local = usages["qwen-plus"], usages["qwen-max"]
    assert guessed.served_by == "dashscope-cn" and guessed.served_by_assumed
    assert local.served_by == "self-hosted" and not local.served_by_assumed  # the linked endpoint wins
    data = json.loads(json.dumps(plan.to_dict()))
    jsonschema.validate(data, load_schema("plan.schema.json"))
    rows = {u["raw"]: u for f in data["flows"] for u in f["usages"]}
    assert rows["qwen-plus"]["served_by_assumed"] is True and "served_by_assumed" not in rows["qwen-max"]
    text = render_markdown(plan)
    assert f"`qwen-plus` (dashscope-cn, {ASSUMED})" in text
    assert "`qwen-max` (self-hosted)" in text
    before = [c for f in plan.flows for c in f.cost_lines if c.when == "before" and c.provider == "dashscope-cn"]
    assert before and all(ASSUMED in c.basis for c in before)
