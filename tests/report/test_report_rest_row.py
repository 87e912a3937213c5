"""The report's "(no flow)" / "(whole repository)" row states the facts of its own usages.

It used to say 0 open issues, and "—" for origins and serving, whatever was open: a TS service whose local Ollama
model sits outside every flow showed "(no flow) … 0" above an issues table listing four violations on those very
usages, and a flowless Bedrock app showed "(whole repository) … 0" under a status of one open issue.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import modelmap
from modelmap.policy import evaluate, load_config
from modelmap.policy.engine import CheckResult
from modelmap.policy.summary import build_summary
from modelmap.report.markdown import MarkdownRenderer

TODAY = date(2026, 12, 6)


def _check(root: Path) -> CheckResult:
    result = modelmap.scan([root], resolve=True)
    return evaluate(result, load_config(root, root=root), TODAY)


def _summary(root: Path) -> dict:
    return build_summary(_check(root))


def _row(summary: dict, name: str) -> dict:
    return next(f for f in summary["flows"] if f["name"] == name)


def _ts_service(root: Path) -> Path:
    (root / "src").mkdir()
    (root / "src" / "summarize.ts").write_text(
        'import Anthropic from "@anthropic-ai/sdk";\n'
        "const anthropic = new Anthropic();\n"
        "export async function summarize(text: string) {\n"
        "  return anthropic.messages.create({\n"
        '    model: "claude-3-5-haiku-20241022",\n'
        "    max_tokens: 512,\n"
        '    messages: [{ role: "user", content: text }],\n'
        "  });\n"
        "}\n", encoding="utf-8")
    (root / "src" / "local.ts").write_text(
        'import { Ollama } from "ollama";\n'
        'const ollama = new Ollama({ host: "http://ollama:11434" });\n'
        "export async function classify(text: string) {\n"
        '  const r = await ollama.chat({ model: "llama3.2:3b", messages: [{ role: "user", content: text }] });\n'
        "  return r.message.content;\n"
        "}\n", encoding="utf-8")
    (root / "modelmap.yaml").write_text(
        "version: 1\n"
        "preset: [permissive-licenses-only]\n"
        "flows:\n"
        "  summaries:\n"
        '    paths: ["src/summarize.ts"]\n'
        "    tags: [customer-facing]\n", encoding="utf-8")
    return root


def test_no_flow_row_counts_the_open_issues_of_usages_outside_every_flow(tmp_path: Path) -> None:
    summary = _summary(_ts_service(tmp_path))
    rest = _row(summary, "(no flow)")
    open_outside = [v for v in summary["violations"] if v["flow"] is None and v["location"]["path"] == "src/local.ts"]
    assert open_outside, "the Llama 3.2 call outside every flow breaks the permissive-licence rules"
    assert rest["violations"] == len(open_outside)
    assert rest["origins"] == ["US"]
    assert rest["publishers"] == ["meta"]
    # a configured flow still counts only its own
    assert _row(summary, "summaries")["violations"] == sum(1 for v in summary["violations"] if v["flow"] == "summaries")


def test_whole_repository_row_counts_every_open_issue_and_its_serving(tmp_path: Path) -> None:
    (tmp_path / "bedrock_app.py").write_text(
        "import boto3\n\n"
        'brt = boto3.client("bedrock-runtime")\n\n\n'
        "def ask(q):\n"
        '    return brt.converse(modelId="apac.anthropic.claude-3-5-sonnet-20240620-v1:0",\n'
        '                        messages=[{"role": "user", "content": [{"text": q}]}])\n', encoding="utf-8")
    (tmp_path / "modelmap.yaml").write_text("version: 1\npreset: [us-eu-serving-only]\n", encoding="utf-8")
    check = _check(tmp_path)
    summary = build_summary(check)
    whole = _row(summary, "(whole repository)")
    assert len(summary["violations"]) == 1
    assert whole["violations"] == 1
    assert whole["origins"] == ["US"]
    assert {"JP", "SG"} <= set(whole["serving_countries"])
    text = MarkdownRenderer().render(check).decode()
    row = next(line for line in text.splitlines() if line.startswith("| **(whole repository)**"))
    assert row.rstrip(" |").endswith("1"), row
    assert "Japan (JP)" in row
