"""Session 24 (prov24): a cloud's own tail on a lab's model name (issue 11, the opened provenance keys).

Clouds that host a lab's model name their deployment after it, with a tail of their own:

* Volcengine Ark dates each deployment, ``<name>-YYMMDD`` (Dify's volcengine plugin: ``deepseek-v3-250324``,
  ``deepseek-v4-flash-260425``), writes a version's dot as a dash (``deepseek-v3-2-251201`` is DeepSeek-V3.2) and
  marks general availability with ``-ga`` before the date (``deepseek-v4-pro-ga-260813``);
* Alibaba Cloud Model Studio's US region adds ``-us`` (catwalk's alibaba-united-states config, read 2026-12-05:
  ``deepseek-v4-pro-us`` and ``deepseek-v4-flash-us`` on dashscope-us.aliyuncs.com, shown as DeepSeek-V4-Pro / -Flash).

Such a name is the lab's model, so the lab is its publisher; a dated deployment of an open-weights line may serve a
later checkpoint than the undated name (V3's 250324 is the 0324 update), so the exact model, base and licence stay
unknown. A name the knowledge base does not hold before the tail, or a third party's repo, gets nothing from it.
"""

from __future__ import annotations

import pytest

from modelmap.provenance.resolver import resolve


@pytest.mark.parametrize("query", [
    "deepseek-v3-250324",         # Ark's date stamp on DeepSeek-V3
    "deepseek-v3-2-251201",       # DeepSeek-V3.2, its dot written as a dash
    "deepseek-v4-flash-260425",
    "deepseek-v4-pro-ga-260813",  # general availability, then the date
    "deepseek-v4-pro-us",         # Alibaba Cloud's US region
    "deepseek-v4-flash-us",
])
def test_a_clouds_tail_on_a_labs_name_keeps_the_lab_as_publisher(query: str) -> None:
    res = resolve(query)
    assert (res.publisher or {}).get("id") == "deepseek"
    assert (res.publisher or {}).get("country") == "CN"
    assert res.origins == ("CN",)
    assert res.confidence == "inferred"


@pytest.mark.parametrize("query", ["deepseek-v3-250324", "deepseek-v4-pro-us"])
def test_the_deployment_is_not_taken_for_the_undated_checkpoint(query: str) -> None:
    res = resolve(query)
    assert (res.model or {}).get("id") is None  # which checkpoint the deployment serves is not stated
    assert res.license is None
    assert res.edges is None and res.roots is None  # no base claimed
    assert res.origins_known is False


@pytest.mark.parametrize("query", [
    "acme-bot-us",         # nothing the knowledge base holds before the tail
    "my-agent-250324",
    "deepseek-v9-ultra-us",  # a DeepSeek-looking name that is no DeepSeek model: only the name's word, no publisher
])
def test_no_publisher_without_a_known_model_before_the_tail(query: str) -> None:
    assert resolve(query).publisher is None


def test_a_known_name_is_still_answered_as_itself() -> None:
    # a dated release name the knowledge base records (the bare deepseek-v4-pro is a time-varying API name since
    # prov28: rejected.yaml, publisher only)
    res = resolve("deepseek-v4-flash-0731")
    assert (res.model or {}).get("id") == "deepseek-ai/deepseek-v4-flash-0731"
    assert res.confidence == "known"


# ---- derivatives whose own card states base_model and licence (knowledge records, read 2026-12-05) ----

@pytest.mark.parametrize(("query", "base", "licence"), [
    ("Sakalti/Saba2-3B", "unsloth/qwen2.5-3b-instruct", "qwen-research"),        # body: License: qwen-research
    ("alan918727/qwen2.5_3B_grpo_v1", "unsloth/qwen2.5-3b-instruct-unsloth-bnb-4bit", "apache-2.0"),
    ("dimsavva/devstal-experiment", "unsloth/devstral-small-2505-unsloth-bnb-4bit", "apache-2.0"),
    ("dimsavva/devstal-experiment-lora", "unsloth/devstral-small-2505-unsloth-bnb-4bit", "apache-2.0"),
    ("zoe11ZHANG/qwen_mire_336", "qwen/qwen2-vl-7b-instruct", "apache-2.0"),
    ("MadeAgents/Hammer-4b", "qwen/qwen1.5-4b-chat", "qwen-research"),          # header: tongyi-qianwen-research
    ("huihui-ai/internlm3-8b-instruct-abliterated", "internlm/internlm3-8b-instruct", "apache-2.0"),
    ("ayazeyad/llama3.2-3B-fine-tuned-v2", "meta-llama/llama-3.2-3b", "llama3.2"),  # PEFT on the pretrained 3B
    ("AnzeZ/fede-embeddinggemma", "google/embeddinggemma-300m", None),           # no licence line read: unknown
])
def test_a_derivative_card_gives_its_base_and_licence(query: str, base: str, licence: str | None) -> None:
    res = resolve(query)
    assert res.confidence == "known"
    assert [e["parent"] for e in res.edges or ()][:1] == [base]
    assert (res.license or {}).get("id") == licence


def test_a_community_copy_named_after_a_line_does_not_take_the_bare_name() -> None:
    # Sakalti/qwen2.5 (a copy of Qwen2.5-3B) is left out of the knowledge base: its repo name is the bare line name,
    # and a bare "qwen2.5" in code names Qwen's line, never that copy
    assert (resolve("qwen2.5").model or {}).get("id") is None


@pytest.mark.parametrize("query", ["zai-org/GLM-4.7", "mlx-community/GLM-4.7-4bit", "amd/GLM-4.7-MXFP4",
                                   "zai-org/GLM-4.6", "mlx-community/GLM-4.6-4bit", "mlx-community/GLM-4.6-mlx-8bit-gs32"])
def test_glm_4_6_and_4_7_are_mit_and_their_repacks_keep_it(query: str) -> None:
    # zai-org/GLM-4.6's and GLM-4.7's Hub page headers: License: mit (read 2026-12-05); the MLX and AMD repacks of
    # them declare mit too
    assert (resolve(query).license or {}).get("id") == "mit"


def test_a_repackager_that_declares_its_own_licence_keeps_it() -> None:
    # basecompute/gemma-4-E4B-it's card: "Released under the gemma license, inherited from the base model" and page
    # header License: gemma (2026-12-05), although Google licenses Gemma 4 itself under Apache-2.0
    res = resolve("basecompute/gemma-4-E4B-it")
    assert (res.license or {}).get("id") == "gemma"
    assert [e["parent"] for e in res.edges or ()][:1] == ["google/gemma-4-e4b-it"]
    assert (resolve("google/gemma-4-E4B-it").license or {}).get("id") == "apache-2.0"
    assert (resolve("gemma-4-e4b-it").model or {}).get("id") == "google/gemma-4-e4b-it"  # the bare name stays Google's
