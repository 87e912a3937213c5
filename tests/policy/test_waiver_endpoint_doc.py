"""docs/policy.md "Waivers": a model waiver leaves the endpoint violation of the same rule open, and a waiver whose
`model` is the base URL as written covers it (tryout: a DashScope app with a qwen-plus waiver still failed
no-cn-serving on its base_url line, and the docs did not say why)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import modelmap
from modelmap.policy import evaluate, load_config

APP = '''import os
from openai import OpenAI

DASHSCOPE_BASE = "https://dashscope.aliyuncs.com/compatible-mode/v1"
client = OpenAI(api_key=os.environ["DASHSCOPE_API_KEY"], base_url=DASHSCOPE_BASE)


def chat(prompt):
    return client.chat.completions.create(model="qwen-plus", messages=[{"role": "user", "content": prompt}])
'''

WAIVER = """  - rule: no-cn-serving
    match:
      model: {model}
    reason: migrating to a US host in Q1
    approved_by: Alice Doe (Security)
    approved_on: 2026-11-01
    expires: 2027-03-01
"""


def _open(tmp_path: Path, *models: str) -> list[tuple[str, int]]:
    (tmp_path / "llm.py").write_text(APP, encoding="utf-8")
    waivers = "".join(WAIVER.format(model=m) for m in models)
    (tmp_path / "modelmap.yaml").write_text(f"version: 1\npreset: [no-cn-serving]\nwaivers:\n{waivers}",
                                            encoding="utf-8")
    check = evaluate(modelmap.scan([tmp_path], resolve=True), load_config(tmp_path, root=tmp_path), date(2026, 12, 6))
    return [(v.path, v.line) for v in check.unwaived if v.rule_id == "no-cn-serving"]


def test_a_model_waiver_leaves_the_endpoint_and_the_url_waiver_covers_it(tmp_path: Path) -> None:
    assert _open(tmp_path, "qwen-plus") == [("llm.py", 4)]
    assert _open(tmp_path, "qwen-plus", "https://dashscope.aliyuncs.com/compatible-mode/v1") == []
