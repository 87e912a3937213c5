"""A model name written in a settings object (a pydantic ``Settings`` class and its instance, a TypeScript
``export const config = {...}``) and read at the call site (``settings.chat_model``, ``config.vllmModel``)
counts in the flows of the call site, as an imported constant already does; a regulated flow that calls a
Chinese model through its settings object fails the origin rule, and its waiver is used, not "unused".
A declared flow with no usage is a warning in the check output."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import modelmap
from modelmap.policy import evaluate, load_config
from modelmap.policy.engine import CheckResult

TODAY = date(2026, 12, 6)

PY_SETTINGS = '''from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    llm_api_key: str = ""
    llm_base_url: str = "https://dashscope-intl.aliyuncs.com/compatible-mode/v1"
    chat_model: str = "qwen-plus"
    summary_model: str = "deepseek-chat"
    unused_model: str = "gpt-4o"


settings = Settings()
'''

PY_APP = '''from fastapi import FastAPI
from openai import OpenAI

from shared.config.settings import settings

app = FastAPI()
client = OpenAI(api_key=settings.llm_api_key, base_url=settings.llm_base_url)


@app.post("/chat")
def chat(question: str) -> str:
    resp = client.chat.completions.create(
        model=settings.chat_model,
        messages=[{"role": "user", "content": question}],
    )
    return resp.choices[0].message.content


@app.post("/summary")
def summary(ticket: str) -> str:
    resp = client.chat.completions.create(
        model=settings.summary_model,
        messages=[{"role": "user", "content": ticket}],
    )
    return resp.choices[0].message.content
'''

PY_POLICY = '''version: 1
preset: [no-cn-origin-regulated]
flows:
  support:
    paths: ["services/support/**"]
    tags: [regulated, production]
waivers:
  - rule: no-cn-origin-regulated
    match: {model: deepseek-chat, flow: support}
    reason: summaries only, migrating next quarter
    approved_by: Jo Lee (CISO)
    approved_on: 2026-11-01
    expires: 2027-02-01
'''

TS_CONFIG = '''export const config = {
  anthropicModel: process.env.ANTHROPIC_MODEL ?? "claude-3-5-sonnet-20241022",
  plannerModel: "Qwen/Qwen2.5-32B-Instruct",
  plannerBaseUrl: process.env.PLANNER_URL ?? "http://planner:8000/v1",
};
'''

TS_AGENT = '''import Anthropic from "@anthropic-ai/sdk";
import OpenAI from "openai";
import { config } from "../config.js";

const anthropic = new Anthropic();
const planner = new OpenAI({ baseURL: config.plannerBaseUrl, apiKey: "none" });

export async function answer(q: string) {
  const r = await anthropic.messages.create({
    model: config.anthropicModel,
    max_tokens: 512,
    messages: [{ role: "user", content: q }],
  });
  return r.content;
}

export async function plan(q: string) {
  const r = await planner.chat.completions.create({
    model: config.plannerModel,
    messages: [{ role: "user", content: q }],
  });
  return r.choices[0].message.content;
}
'''

TS_POLICY = '''version: 1
preset: [no-cn-origin-regulated]
flows:
  planning:
    paths: ["src/agent/**"]
    tags: [regulated]
  reporting:
    paths: ["src/reports/**"]
    tags: [internal]
'''


def _project(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def _check(root: Path) -> CheckResult:
    return evaluate(modelmap.scan([root], resolve=True), load_config(root, root=root), TODAY)


def test_pydantic_settings_attribute_counts_in_the_call_sites_flow(tmp_path: Path) -> None:
    root = _project(tmp_path, {"shared/config/settings.py": PY_SETTINGS,
                               "services/support/app.py": PY_APP, "modelmap.yaml": PY_POLICY})
    check = _check(root)
    flow = check.inventory.flows["support"]
    assert flow["usages"] == 2
    origin = [v for v in check.violations if v.rule_id == "no-cn-origin-regulated"]
    by_raw = {v.finding.raw: v for v in origin if v.finding is not None}
    assert set(by_raw) == {"qwen-plus", "deepseek-chat"}
    assert not by_raw["qwen-plus"].is_waived and by_raw["qwen-plus"].path == "services/support/app.py"
    assert by_raw["qwen-plus"].flow == "support"
    assert by_raw["deepseek-chat"].is_waived  # the waiver covers the call site's usage...
    assert not [v for v in check.violations if v.rule_id == "waiver-unused"]  # ...so it is not "unused"
    assert not check.passed
    usage = next(f for f in check.scan.findings if f.raw == "qwen-plus")
    assert usage.definition is not None and usage.definition.path == "shared/config/settings.py"
    # a settings attribute no scanned code passes to a model API is in no flow, as a module constant is
    unused = [f for f in check.scan.findings if f.raw == "gpt-4o"]
    assert unused and all(f.path == "shared/config/settings.py" for f in unused)
    assert not any("gpt-4o" in m for m in flow["models"])


def test_typescript_config_object_property_counts_in_the_call_sites_flow(tmp_path: Path) -> None:
    root = _project(tmp_path, {"src/config.ts": TS_CONFIG, "src/agent/index.ts": TS_AGENT,
                               "modelmap.yaml": TS_POLICY})
    check = _check(root)
    assert check.inventory.flows["planning"]["usages"] == 2
    origin = [v for v in check.violations if v.rule_id == "no-cn-origin-regulated" and v.finding is not None]
    assert [(v.finding.raw, v.path, v.flow) for v in origin] == [
        ("Qwen/Qwen2.5-32B-Instruct", "src/agent/index.ts", "planning")]
    assert not check.passed


def test_a_declared_flow_with_no_usage_is_a_warning(tmp_path: Path) -> None:
    root = _project(tmp_path, {"src/config.ts": TS_CONFIG, "src/agent/index.ts": TS_AGENT,
                               "modelmap.yaml": TS_POLICY})
    check = _check(root)
    empty = [v for v in check.violations if v.rule_id == "flow-empty"]
    assert [(v.flow, v.severity, v.path, v.line) for v in empty] == [("reporting", "warning", "modelmap.yaml", 7)]
    assert "src/reports/**" in empty[0].message
    assert "flow-empty" in {row[0] for row in check.rule_catalogue()}
