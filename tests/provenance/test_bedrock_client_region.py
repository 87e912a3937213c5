"""A Bedrock runtime client's AWS Region is evidence of where the bare model ids called through it are served
(issue 11 item 3): ``boto3.client("bedrock-runtime", region_name="ap-northeast-1")`` answers in Japan, so a
``us-eu-serving-only`` policy must not pass it. A cross-Region profile prefix in the id wins; a Region the code
does not fix stays unknown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from modelmap.discover.engine import ScanOptions, scan_paths
from modelmap.knowledge.loader import load_index
from modelmap.provenance.resolver import default_resolver, resolve_findings

_APP = '''import os

import boto3

MODEL_ID = "anthropic.claude-3-5-sonnet-20240620-v1:0"

tokyo = boto3.client("bedrock-runtime", region_name="ap-northeast-1")
session = boto3.Session(region_name="eu-central-1")
frankfurt = session.client("bedrock-runtime")
anywhere = boto3.client("bedrock-runtime", region_name=os.environ["AWS_REGION"])


class Assistant:
    def __init__(self):
        self.brt = boto3.client(service_name="bedrock-runtime", region_name="us-west-2")

    def reply(self, text):
        return self.brt.invoke_model(modelId="meta.llama3-70b-instruct-v1:0", body=text)


def ask_tokyo(messages):
    return tokyo.converse(modelId=MODEL_ID, messages=messages)


def ask_tokyo_profile(messages):
    return tokyo.converse(modelId="eu.anthropic.claude-3-5-sonnet-20240620-v1:0", messages=messages)


def ask_frankfurt(messages):
    return frankfurt.converse(modelId="amazon.titan-text-express-v1", messages=messages)


def ask_anywhere(messages):
    return anywhere.converse(modelId="mistral.mistral-large-2402-v1:0", messages=messages)
'''


def _served(tmp_path: Path) -> dict[str, dict[str, Any]]:
    (tmp_path / "bedrock_app.py").write_text(_APP)
    result = resolve_findings(scan_paths([tmp_path], ScanOptions(jobs=1)), resolver=default_resolver())
    out: dict[str, dict[str, Any]] = {}
    for f in result.findings:
        served = (f.resolution or {}).get("served_by")
        if f.kind != "endpoint" and served:
            out[f.raw] = served
    return out


def test_client_region_sets_where_a_bare_bedrock_id_is_served(tmp_path: Path) -> None:
    served = _served(tmp_path)
    tokyo = served["anthropic.claude-3-5-sonnet-20240620-v1:0"]
    assert tokyo["id"] == "aws-bedrock"
    assert tokyo["serving"] == ["JP"]
    assert tokyo["region"] == "ap-northeast-1"
    assert "region_name=ap-northeast-1" in tokyo["evidence"]
    # a Session's Region reaches the clients it creates; a keyword service name and a client kept on self count
    assert served["amazon.titan-text-express-v1"]["serving"] == ["DE"]
    assert served["meta.llama3-70b-instruct-v1:0"]["serving"] == ["US"]
    assert served["meta.llama3-70b-instruct-v1:0"]["region"] == "us-west-2"


def test_profile_prefix_wins_and_an_unfollowed_region_stays_unknown(tmp_path: Path) -> None:
    served = _served(tmp_path)
    profile = served["eu.anthropic.claude-3-5-sonnet-20240620-v1:0"]
    assert "JP" not in profile["serving"] and profile["region"].startswith("eu")
    anywhere = served["mistral.mistral-large-2402-v1:0"]
    assert anywhere["serving"] == [] and not anywhere.get("region")


def test_every_region_country_cites_a_source_read() -> None:
    """The Region table cites what was read for it: botocore's endpoints.json, whose description names each Region's
    place; every commercial, GovCloud and China Region of that file is in the table."""
    bedrock = load_index().providers["aws-bedrock"]
    assert bedrock["regions"]["ap-northeast-1"] == "JP"
    assert bedrock["regions"]["ap-east-2"] == "TW" and bedrock["regions"]["ap-southeast-6"] == "NZ"
    assert any("regions" in (s.get("covers") or []) and "botocore" in s["url"] for s in bedrock["sources"])


_TS = '''import { BedrockRuntimeClient, ConverseCommand, InvokeModelCommand } from "@aws-sdk/client-bedrock-runtime";

const client = new BedrockRuntimeClient({ region: "ap-northeast-1" });

export async function ask(text: string) {
  const command = new ConverseCommand({
    modelId: "anthropic.claude-3-5-sonnet-20240620-v1:0",
    messages: [{ role: "user", content: [{ text }] }],
  });
  return client.send(command);
}

export async function invoke(body: string) {
  return client.send(new InvokeModelCommand({ modelId: "amazon.titan-text-express-v1", body }));
}
'''


def _served_ts(tmp_path: Path, source: str) -> dict[str, dict[str, Any]]:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "bedrock.ts").write_text(source)
    result = resolve_findings(scan_paths([tmp_path], ScanOptions(jobs=1)), resolver=default_resolver())
    return {f.raw: (f.resolution or {}).get("served_by") or {} for f in result.findings if f.kind != "endpoint"}


def test_js_bedrock_runtime_client_region(tmp_path: Path) -> None:
    served = _served_ts(tmp_path, _TS)
    for raw in ("anthropic.claude-3-5-sonnet-20240620-v1:0", "amazon.titan-text-express-v1"):
        assert served[raw]["serving"] == ["JP"]
        assert "region=ap-northeast-1" in served[raw]["evidence"]


def test_js_client_region_from_the_environment_says_nothing(tmp_path: Path) -> None:
    from_env = _TS.replace('const client = new BedrockRuntimeClient({ region: "ap-northeast-1" });',
                      'const client = new BedrockRuntimeClient({ region: process.env.AWS_REGION });')
    served = _served_ts(tmp_path, from_env)
    assert served["amazon.titan-text-express-v1"]["serving"] == []
