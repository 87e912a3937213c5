"""`modelmap plan --emit litellm` loaded into a real LiteLLM Router, offline (issue 14, item 5).

Each deployment answers with a mock response naming itself (``mock_response``); ``mock_testing_fallbacks``
makes the primary fail so the Router walks the fallback chain. No request leaves the machine:
LITELLM_LOCAL_MODEL_COST_MAP keeps LiteLLM from fetching its price map, and mocks never call a provider.
"""

from __future__ import annotations

import asyncio
import copy
import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import FIXTURES

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
litellm = pytest.importorskip("litellm", reason="the [switch] extra (litellm) is not installed")

from modelmap.switch import emit_litellm  # noqa: E402
from modelmap.switch.plan import plan_project  # noqa: E402

RAG = FIXTURES / "repos" / "rag-bge-qwen-deepseek"
DEMO = Path(__file__).resolve().parents[2] / "examples" / "demo-app"
CHAT = ("answer/deepseek-chat", "answer/qwen-turbo")


@pytest.fixture(scope="module")
def rag_config() -> tuple[str, dict[str, Any]]:
    plan, _, _ = plan_project(RAG, "no-cn-origin")
    text = emit_litellm.render(plan).decode()
    return text, yaml.safe_load(text)


def _router(config: dict[str, Any]) -> Any:
    """A Router over the emitted config; every deployment mocks a reply naming its model_info id."""
    model_list = copy.deepcopy(config["model_list"])
    for dep in model_list:
        dep["litellm_params"]["mock_response"] = dep["model_info"]["id"]
    return litellm.Router(model_list=model_list, **config["router_settings"])


def _ask(router: Any, group: str, **extra: Any) -> Any:
    return asyncio.run(router.acompletion(model=group, messages=[{"role": "user", "content": "refund status?"}],
                                          metadata={"tags": ["regulated"]}, **extra))


def _deployment(config: dict[str, Any], dep_id: str) -> dict[str, Any]:
    return next(d for d in config["model_list"] if d["model_info"]["id"] == dep_id)


def test_config_names_the_policy_and_has_provenance(rag_config: tuple[str, dict[str, Any]]) -> None:
    text, config = rag_config
    assert "# Policy enforced: scenario no-cn-origin" in text
    assert "origins.exists(c, c in ['CN', 'HK', 'MO'])" in text
    groups = {d["model_name"] for d in config["model_list"]}
    assert set(CHAT) <= groups
    for dep in config["model_list"]:
        info = dep["model_info"]
        for key in ("publisher", "origins", "serving_country", "license"):
            assert key in info
        assert info["origins"] and "CN" not in info["origins"]
        assert info["serving_country"] != "CN"
        assert "api_key" not in dep["litellm_params"] or dep["litellm_params"]["api_key"].startswith("os.environ/")
    assert emit_litellm.check_config(config, {"CN"}) == []


def test_regulated_request_never_reaches_a_cn_deployment(rag_config: tuple[str, dict[str, Any]]) -> None:
    _, config = rag_config
    router = _router(config)
    chains = {k: v for entry in config["router_settings"]["fallbacks"] for k, v in entry.items()}
    for group in CHAT:
        assert chains.get(group), f"{group} has no fallback chain"
        primary = _ask(router, group)
        assert primary.choices[0].message.content == f"{group}#0"
        fell_back = _ask(router, group, mock_testing_fallbacks=True)
        dep_id = fell_back.choices[0].message.content
        assert dep_id != f"{group}#0", "the fallback chain was not used"
        assert dep_id.split("#")[0] in chains[group]
        info = _deployment(config, dep_id)["model_info"]
        assert "CN" not in info["origins"] and info["serving_country"] != "CN"
        assert info["replaces"] in ("deepseek-chat", "qwen/qwen-turbo")


def test_the_harness_catches_a_cn_fallback(rag_config: tuple[str, dict[str, Any]]) -> None:
    """Negative control: a hand-added DeepSeek deployment as a fallback is caught by check_config and, in the
    Router, is exactly what a failed primary falls back to: the router test above would see it."""
    _, config = rag_config
    bad = copy.deepcopy(config)
    bad["model_list"].append({"model_name": "answer/deepseek-chat/cn", "litellm_params": {
        "model": "deepseek/deepseek-chat", "api_key": "os.environ/DEEPSEEK_API_KEY", "tags": ["regulated"]},
        "model_info": {"id": "answer/deepseek-chat/cn#9", "origins": ["CN"], "serving_country": "CN"}})
    bad["router_settings"]["fallbacks"] = [{"answer/deepseek-chat": ["answer/deepseek-chat/cn"]}]
    problems = emit_litellm.check_config(bad, {"CN"})
    assert any("reaches a denied deployment" in p for p in problems)
    reply = _ask(_router(bad), "answer/deepseek-chat", mock_testing_fallbacks=True)
    assert reply.choices[0].message.content == "answer/deepseek-chat/cn#9"


def test_openrouter_routes_fail_closed() -> None:
    """An OpenRouter deployment pins compliant upstream hosts with allow_fallbacks false, or is left out."""
    pool = [
        {"model": "deepseek-ai/deepseek-v3", "provider": "openrouter", "api_name": "openrouter/deepseek/deepseek-chat",
         "origins": ["CN"], "serving_country": "US"},
        {"model": "deepseek-ai/deepseek-v3", "provider": "fireworks-ai", "api_name": "fireworks_ai/deepseek-v3",
         "origins": ["CN"], "serving_country": "US"},
    ]
    skipped: list[str] = []
    dep = emit_litellm._deployment("g", pool[0], "f", "deepseek-chat", [], pool, skipped, 0)
    assert dep is not None
    assert dep["litellm_params"]["extra_body"] == {"provider": {"only": ["fireworks"], "allow_fallbacks": False}}
    alone = emit_litellm._deployment("g", pool[0], "f", "deepseek-chat", [], pool[:1], skipped, 0)
    assert alone is None and "fail closed" in skipped[-1]


def test_tag_filtering_keeps_regulated_requests_off_an_untagged_deployment(
        rag_config: tuple[str, dict[str, Any]]) -> None:
    """An untagged DeepSeek deployment added by hand to the same group never answers a request tagged
    'regulated' (enable_tag_filtering in the emitted router_settings); without the filter it would take
    about half of them."""
    _, config = rag_config
    assert config["router_settings"]["enable_tag_filtering"] is True
    mixed = copy.deepcopy(config)
    mixed["model_list"].append({"model_name": "answer/deepseek-chat", "litellm_params": {
        "model": "deepseek/deepseek-chat", "api_key": "os.environ/DEEPSEEK_API_KEY"},
        "model_info": {"id": "answer/deepseek-chat#cn", "origins": ["CN"], "serving_country": "CN"}})
    router = _router(mixed)
    answers = {_ask(router, "answer/deepseek-chat").choices[0].message.content for _ in range(16)}
    assert answers == {"answer/deepseek-chat#0"}


def test_openrouter_deployment_in_an_emitted_config_is_pinned() -> None:
    """The agent fixture reaches Kimi K2 through OpenRouter; under "'CN' in origins" a compliant OpenRouter
    fallback is pinned to compliant upstream hosts of the same weights, and the config still loads."""
    plan, _, _ = plan_project(FIXTURES / "repos" / "agent-kimi-minimax-openrouter", deny="'CN' in origins")
    config = yaml.safe_load(emit_litellm.render(plan).decode())
    routed = [d for d in config["model_list"] if d["litellm_params"]["model"].startswith("openrouter/")]
    assert routed, "expected an OpenRouter candidate among the planner's replacements"
    for dep in routed:
        pin = dep["litellm_params"]["extra_body"]["provider"]
        assert pin["allow_fallbacks"] is False
        assert pin["only"] and set(pin["only"]) <= set(emit_litellm.OPENROUTER_SLUGS.values())
        assert "CN" not in dep["model_info"]["origins"]
    router = _router(config)
    group = routed[0]["model_name"]
    assert _ask(router, group).choices[0].message.content == routed[0]["model_info"]["id"]


def test_models_the_flow_already_uses_are_the_last_fallbacks() -> None:
    """The demo's answer flow keeps gpt-4o (OpenAI API, US): it gets its own group and closes the chain of the
    replaced Qwen drafter, so a fallback needs no new vendor."""
    plan, _, _ = plan_project(DEMO, "no-cn-origin")
    config = yaml.safe_load(emit_litellm.render(plan).decode())
    assert emit_litellm.check_config(config, {"CN"}) == []
    kept = next(d for d in config["model_list"] if d["model_name"] == "answer/gpt-4o")
    assert kept["litellm_params"]["model"] == "gpt-4o" and kept["model_info"]["in_use"] is True
    assert kept["model_info"]["origins"] == ["US"] and kept["model_info"]["replaces"] is None
    chains = {k: v for entry in config["router_settings"]["fallbacks"] for k, v in entry.items()}
    assert chains["answer/qwen2.5-7b-instruct"][-1] == "answer/gpt-4o"
    assert "answer/gpt-4o" not in chains["routing/deepseek-chat"]  # another flow's model is not a fallback
