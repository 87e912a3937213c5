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


SEARCH = '''
    from sentence_transformers import SentenceTransformer

    embedder = SentenceTransformer("BAAI/bge-small-en-v1.5")


    def embed(texts: list[str]):
        return embedder.encode(texts, normalize_embeddings=True)
    '''


def test_an_alias_with_no_host_in_code_is_host_unknown_not_priced_as_self_hosted(tmp_path: Path) -> None:
    # nothing in the code says who serves support-chat (the gateway URL comes from the environment): the plan used to
    # call it "self-hosted" and, with self_hosting inputs, price it as a GPU deployment of its own
    from modelmap.switch.plan import render_markdown

    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "chat.py").write_text(textwrap.dedent(APP))
    (tmp_path / "app" / "search.py").write_text(textwrap.dedent(SEARCH))
    (tmp_path / "modelmap.yaml").write_text(textwrap.dedent(CONFIG))
    volume = tmp_path / "volume.yaml"
    volume.write_text("self_hosting: {gpu_hour_usd: 2.2, gpus: 1, hours_per_month: 730}\n"
                      "flows:\n  support: {input_tokens: 40000000, output_tokens: 8000000}\n")
    plan = plan_project(tmp_path, scenario="no-cn-origin", volume_path=volume)[0]
    (flow,) = plan.flows
    alias = next(u for u in flow.usages if u.raw == "support-chat")
    local = next(u for u in flow.usages if u.raw == "BAAI/bge-small-en-v1.5")
    assert alias.served_label() == "host unknown" and local.served_label() == "self-hosted"
    before = {c.model: c for c in flow.cost_lines if c.when == "before"}
    assert before["support-chat"].usd is None and before["support-chat"].basis.startswith("host unknown")
    assert before["baai/bge-small-en-v1.5"].usd == 1606.0  # the company's own GPUs: priced from its inputs
    text = render_markdown(plan)
    assert "`support-chat` (host unknown)" in text and "`support-chat` at host unknown" in text
