"""trace's "served by" line names where calls are answered, never the operator's home country in its place.

A tryout (session 30) traced a bare Bedrock id and an Azure OpenAI name: the JSON said ``serving: []`` (the Region
is not known from the id), and the table printed "Amazon Bedrock (US)" / "Azure OpenAI Service (US)", the operator's
headquarters, in the spot where ``eu.anthropic…`` prints its serving geography "(EU)". check was fixed for the same
confusion in session 29 ("operator based in US; serving region not known"); trace now says it the same way.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

from tests.conftest import ROOT


def _served_line(ident: str) -> str:
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    proc = subprocess.run([sys.executable, "-c", "from modelmap.cli import main; main()", "trace", ident],
                          capture_output=True, text=True, cwd=ROOT, timeout=120, env=env)
    assert proc.returncode == 0, proc.stderr
    lines = [line for line in proc.stdout.splitlines() if re.match(r"\s+served by\s", line)]
    assert len(lines) == 1, proc.stdout
    return lines[0]


def test_a_bare_bedrock_id_does_not_give_the_operators_country_as_where_it_is_served() -> None:
    line = _served_line("meta.llama3-1-70b-instruct-v1:0")
    assert "Amazon Bedrock (US)" not in line, line
    assert "Amazon Bedrock (operator based in US; serving region not known)" in line, line


def test_an_azure_name_says_the_region_is_not_known() -> None:
    line = _served_line("azure/gpt-4o-mini")
    assert "Azure OpenAI Service (operator based in US; serving region not known)" in line, line


def test_a_cross_region_profile_gives_its_geography_and_the_operators_country() -> None:
    line = _served_line("eu.anthropic.claude-3-7-sonnet-20250219-v1:0")
    assert "Amazon Bedrock (EU; operator based in US)" in line, line


def test_a_provider_serving_where_it_is_based_reads_as_before() -> None:
    assert "Mistral AI API (La Plateforme) (FR);" in _served_line("mistral/mistral-large-latest")
    assert "vLLM OpenAI-compatible server (self-hosted);" in _served_line("hosted_vllm/Qwen/Qwen2.5-32B-Instruct-AWQ")
