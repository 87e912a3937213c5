"""alternatives for an API name written the LiteLLM way (``deepseek/deepseek-chat``) as for the plain name.

A tryout (session 30): a LiteLLM model_list fallback ``model: deepseek/deepseek-chat``. The knowledge base
deliberately maps no weights to DeepSeek's time-varying API alias, so its role comes from the price table's mode for
the host; the lookup used the prefixed string, found nothing, left the role unknown, and plan said "none found: the
model's role (generation, embedding, ...) is unknown" with the 48-hour verdict "not feasible", while
``modelmap alternatives deepseek-chat`` gave ten candidates.
"""

from __future__ import annotations

from pathlib import Path

from modelmap.switch.alternatives import find_alternatives
from modelmap.switch.plan import plan_project


def test_the_prefixed_name_gets_the_plain_names_role_and_candidates() -> None:
    plain = find_alternatives("deepseek-chat")
    prefixed = find_alternatives("deepseek/deepseek-chat")
    assert plain.source["role"] == "generation"
    assert prefixed.source["provider"] == "deepseek-api"
    assert prefixed.source["role"] == "generation"
    assert prefixed.source["price"] is not None
    assert [c.model for c in prefixed.group("same-role-size")] == [c.model for c in plain.group("same-role-size")]
    assert prefixed.group("same-role-size")


def test_plan_finds_a_replacement_for_a_litellm_deepseek_route(tmp_path: Path) -> None:
    (tmp_path / "deploy").mkdir()
    (tmp_path / "deploy" / "litellm.yaml").write_text(
        "model_list:\n"
        "  - model_name: claims-triage-fallback\n"
        "    litellm_params:\n"
        "      model: deepseek/deepseek-chat\n"
        "      api_key: os.environ/DEEPSEEK_API_KEY\n")
    (tmp_path / "modelmap.yaml").write_text(
        "version: 1\nflows:\n  triage: {paths: ['deploy/**'], tags: [customer-facing, regulated]}\n")
    plan = plan_project(tmp_path, "no-cn-origin")[0]
    usage = next(u for f in plan.flows for u in f.usages if u.raw == "deepseek/deepseek-chat")
    assert usage.replacement is not None, usage.none_found
