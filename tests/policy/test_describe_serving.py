"""A violation's details say where calls are answered, not where the operator is based.

`describe` used to write "served by Amazon Bedrock from US" for every Bedrock call: the operator's own country.
For an apac. cross-Region profile (answered in AU/IN/JP/KR/SG) that contradicted the us-eu-serving-only violation
it explained, and for a plain Bedrock id (answered in whichever Region the client names) it stated a serving
country nothing showed.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import modelmap
from modelmap.policy import evaluate, load_config
from modelmap.policy.summary import describe

APP = '''import boto3

brt = boto3.client("bedrock-runtime")


def ask(q):
    return brt.converse(modelId="anthropic.claude-3-5-sonnet-20240620-v1:0",
                        messages=[{"role": "user", "content": [{"text": q}]}])


def ask_apac(q):
    return brt.converse(modelId="apac.anthropic.claude-3-5-sonnet-20240620-v1:0",
                        messages=[{"role": "user", "content": [{"text": q}]}])
'''

CONFIG = """version: 1
preset: [us-eu-serving-only]
rules:
  - id: anthropic-review
    severity: warning
    message: Anthropic models need a review.
    deny: "publisher.id == 'anthropic'"
"""


def test_details_name_the_serving_region_and_never_the_operator_country_as_it(tmp_path: Path) -> None:
    (tmp_path / "bedrock_app.py").write_text(APP, encoding="utf-8")
    (tmp_path / "modelmap.yaml").write_text(CONFIG, encoding="utf-8")
    check = evaluate(modelmap.scan([tmp_path], resolve=True), load_config(tmp_path, root=tmp_path), date(2026, 12, 6))
    text = {(v.rule_id, v.line): describe(v) for v in check.violations}

    serving = text[("us-eu-serving-only", 12)]
    assert "served by Amazon Bedrock from AU, IN, JP, KR, SG (operator based in US)" in serving
    assert "from US" not in serving

    plain = text[("anthropic-review", 7)]
    assert "served by Amazon Bedrock (operator based in US; serving region not known)" in plain
    assert "from US" not in plain
    # the plain id's Region is unknown, so the serving rule does not fire on it (unknown is not a violation there)
    assert ("us-eu-serving-only", 7) not in text


def test_details_keep_the_serving_country_of_a_single_region_api(tmp_path: Path) -> None:
    (tmp_path / "triage.py").write_text(
        "from openai import OpenAI\n\n"
        'ds = OpenAI(base_url="https://api.deepseek.com", api_key="x")\n\n\n'
        "def triage(ticket):\n"
        '    return ds.chat.completions.create(model="deepseek-chat", messages=[{"role": "user", "content": ticket}])\n',
        encoding="utf-8")
    (tmp_path / "modelmap.yaml").write_text("version: 1\npreset: [no-cn-serving]\n", encoding="utf-8")
    check = evaluate(modelmap.scan([tmp_path], resolve=True), load_config(tmp_path, root=tmp_path), date(2026, 12, 6))
    model = next(v for v in check.violations if v.line == 7)
    assert "served by DeepSeek API from CN." in describe(model)


def test_a_local_ollama_server_is_no_serving_country(tmp_path: Path) -> None:
    (tmp_path / "local.ts").write_text(
        'import { Ollama } from "ollama";\n'
        'const ollama = new Ollama({ host: "http://ollama:11434" });\n'
        "export async function classify(text: string) {\n"
        '  const r = await ollama.chat({ model: "llama3.2:3b", messages: [{ role: "user", content: text }] });\n'
        "  return r.message.content;\n"
        "}\n", encoding="utf-8")
    (tmp_path / "modelmap.yaml").write_text(
        "version: 1\nrules:\n  - id: meta-review\n    severity: note\n    message: Meta models need a review.\n"
        "    deny: \"publisher.id == 'meta'\"\n", encoding="utf-8")
    check = evaluate(modelmap.scan([tmp_path], resolve=True), load_config(tmp_path, root=tmp_path), date(2026, 12, 6))
    text = describe(next(v for v in check.violations if v.line == 4))
    assert "self-hosted" not in text and "served by" not in text, text
