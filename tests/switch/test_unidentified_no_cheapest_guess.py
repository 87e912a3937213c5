"""An unidentified model is not replaced by the cheapest model of its role (tryout 33, item 1).

A help desk asks its LiteLLM gateway for the model group ``support-chat`` in a customer-facing flow. The name is
a label the platform team chose: the knowledge base does not know it, so neither its size nor a price is known.
``alternatives`` used to rank "priced models of the same role by nearest price" with no price to be near to, so
the cheapest generation model anywhere (a 1B model) came first, and ``plan`` rewrote the app's model name to it.
Unknown beats a guess: no candidate of the same role and size class, a note that says why, and "none found" in
the plan. A model whose size is unknown but whose price is known (an API alias such as ``deepseek-chat``) is
still ranked by the nearest price, and an OpenAI fine-tune by its base model's price tier.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from modelmap.switch.alternatives import find_alternatives
from modelmap.switch.plan import plan_project
from modelmap.switch.scenario import load_scenario

APP = '''
    import os

    from openai import OpenAI

    gateway = OpenAI(base_url=os.environ["LLM_GATEWAY_URL"], api_key=os.environ["LLM_GATEWAY_KEY"])


    def answer(question: str) -> str:
        resp = gateway.chat.completions.create(
            model="support-chat",
            messages=[{"role": "user", "content": question}],
        )
        return resp.choices[0].message.content
    '''

CONFIG = '''
    version: 1
    flows:
      support:
        paths: ["app/**"]
        tags: [customer-facing, production]
    '''


def test_unidentified_name_gets_no_same_role_candidates() -> None:
    alts = find_alternatives("support-chat", role="generation", scenario=load_scenario("no-cn-origin"))
    assert alts.source["model"] is None and alts.source["price"] is None
    assert alts.group("same-role-size") == []
    assert "size and price are unknown" in alts.notes["same-role-size"]


def test_plan_says_none_found_for_an_unidentified_gateway_alias(tmp_path: Path) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "chat.py").write_text(textwrap.dedent(APP))
    (tmp_path / "modelmap.yaml").write_text(textwrap.dedent(CONFIG))
    plan = plan_project(tmp_path, scenario="no-cn-origin")[0]
    usages = [u for f in plan.flows for u in f.usages if u.raw == "support-chat"]
    assert usages, "the unidentified alias breaks no-cn-origin (origin unknown) and is planned"
    for usage in usages:
        assert usage.replacement is None
        assert usage.none_found and "size and price are unknown" in usage.none_found
        assert not usage.edits or all("llama" not in str(e).lower() for e in usage.edits)


def test_a_priced_alias_and_a_fine_tune_are_still_ranked() -> None:
    scenario = load_scenario("no-cn-origin")
    assert find_alternatives("deepseek-chat", scenario=scenario).group("same-role-size")
    tuned = find_alternatives("ft:gpt-4o-mini-2024-07-18:acme-support::9xKq2LmT", role="generation")
    assert tuned.group("same-role-size") and all(c.drop_in == "D" for c in tuned.candidates)
    assert tuned.source["price"] is None  # the base's price ranks candidates; it is not shown as the fine-tune's
