"""The report says when a provider is only assumed from the model's name (tryout 28, item 4).

``qwen-plus`` called through a client whose base URL comes from the environment has no serving evidence: discovery
still guesses ``dashscope-cn`` from the name. The report's model table said "self-hosted / unknown" for this API-only
model; it now says serving is unknown and names the assumed provider as an assumption, never as a serving fact.
A call through a client whose private base URL the code shows is served by that self-hosted endpoint.
"""

from __future__ import annotations

from pathlib import Path

from modelmap.cli.check_cmd import run_check
from modelmap.policy.summary import build_summary

APP = ("import os\n\nfrom openai import OpenAI\n\n"
       "hosted = OpenAI(base_url=os.environ[\"LLM_BASE_URL\"])\n"
       "local = OpenAI(base_url=\"http://qwen-vllm.llm.svc.cluster.local:8000/v1\", api_key=\"x\")\n\n\n"
       "def ask(q):\n"
       "    local.chat.completions.create(model=\"Qwen/Qwen2.5-72B-Instruct\", messages=[])\n"
       "    return hosted.chat.completions.create(model=\"qwen-plus\", messages=[])\n")


def test_report_marks_the_name_guess_and_names_the_self_hosted_endpoint(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "chat.py").write_text(APP)
    (tmp_path / "modelmap.yaml").write_text("version: 1\nflows:\n  chat: {paths: ['app/**']}\n")
    check = run_check(tmp_path, None, "2026-12-06")
    rows = {m["id"]: m for m in build_summary(check)["models"]}
    plus = rows["qwen/qwen-plus"]
    assert plus["served_by"] == "unknown (provider assumed from the model name: dashscope-cn)"
    assert plus["serving_countries"] == []  # the guess is no serving fact
    local = rows["qwen/qwen2.5-72b-instruct"]
    assert local["served_by"] and "Self-hosted" in local["served_by"] and local["serving_countries"] == []
    endpoints = build_summary(check)["endpoints"]
    assert [(e["url"], e["provider"]) for e in endpoints] == [
        ("http://qwen-vllm.llm.svc.cluster.local:8000/v1", "self-hosted")]
