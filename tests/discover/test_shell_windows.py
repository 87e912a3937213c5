"""Windows scripts (issue 10, late14a): batch files' ``set`` / ``setx`` and PowerShell's ``$env:X = "…"``,
``$model = '…'``, ``param([string]$Model = "…")``, hashtable entries and ``azd env set`` are read as assignments by
the shell source; their command lines as a shell script's. Fixtures are written for these tests. Budgets are steps."""

from __future__ import annotations

from pathlib import Path

import modelmap
from modelmap.discover.base import SourceFile, file_budget
from modelmap.discover.shell import ShellSource
from modelmap.types import Finding, Skip

_BATCH = """\
@echo off
rem set MODEL=gpt-3.5-turbo was the old default
:: set MODEL=gpt-4
set MODEL=qwen2.5:7b
SET "EMBED_MODEL=BAAI/bge-m3"
set /p MODEL_NAME=Which model?
set PORT=8000
setx OPENAI_MODEL gpt-4o-mini
if "%CHOICE%"=="2" (set CHAT_MODEL=glm-4-plus)
set "PYTHON=%~dp0\\runtime\\python.exe "
python server.py --model %MODEL% --port %PORT%
ollama pull llama3.1:8b
python serve.py ^
  --model_name_or_path THUDM/chatglm3-6b ^
  --port 8000
pause
"""

_POWERSHELL = """\
<#
.SYNOPSIS
  Starts the chat app. $env:OPENAI_MODEL = "gpt-3.5-turbo" was the old setting.
#>
param(
    [string]$Model = "qwen-max",
    [int]$Port = 8080
)
$env:OPENAI_MODEL = "gpt-4o"
$chatModel = 'llama3.1:8b'
$other_model = Get-DefaultModel
$env:OLLAMA_MODELS = 'D:/ollama/models'
if (-not $env:OLLAMA_MODEL) { $env:OLLAMA_MODEL = 'mistral:7b' }
azd env set AZURE_OPENAI_CHATGPT_MODEL gpt-4o-mini
$body = @{ model = "deepseek-chat"; temperature = 0 } | ConvertTo-Json
ollama pull $chatModel
python -m vllm.entrypoints.openai.api_server `
    --model mistralai/Mistral-7B-Instruct-v0.3 `
    --port $Port
# $env:OPENAI_MODEL = "gpt-4"
"""


def _scan(path: str, text: str, steps: int | None = None) -> tuple[list[Finding], list[Skip]]:
    with file_budget() if steps is None else file_budget(seconds=60.0, steps=steps):
        out = list(ShellSource().scan(SourceFile(path, text)))
    return [f for f in out if isinstance(f, Finding)], [s for s in out if isinstance(s, Skip)]


def _at(found: list[Finding], text: str) -> list[tuple[int, str]]:
    lines = text.splitlines()
    for f in found:  # each value is reported where it is written
        assert lines[f.line - 1][f.column - 1:].startswith(f.raw), (f.line, f.column, f.raw)
    return sorted((f.line, f.raw) for f in found if f.kind != "endpoint")


def test_batch_set_setx_and_command_lines() -> None:
    found, skips = _scan("scripts/run.cmd", _BATCH)
    assert not skips
    assert _at(found, _BATCH) == [
        (4, "qwen2.5:7b"), (5, "BAAI/bge-m3"), (8, "gpt-4o-mini"), (9, "glm-4-plus"), (12, "llama3.1:8b"),
        (14, "THUDM/chatglm3-6b"),
    ]


def test_powershell_assignments_params_hashtables_and_azd() -> None:
    found, skips = _scan("infra/start.ps1", _POWERSHELL)
    assert not skips
    assert _at(found, _POWERSHELL) == [
        (6, "qwen-max"), (9, "gpt-4o"), (10, "llama3.1:8b"), (13, "mistral:7b"), (14, "gpt-4o-mini"),
        (15, "deepseek-chat"), (18, "mistralai/Mistral-7B-Instruct-v0.3"),
    ]


def test_not_models_in_windows_scripts() -> None:
    # a command's result (PowerShell runs an unquoted word), a folder variable, a prompt, a number, a placeholder
    text = ("$model = Get-Model -Name $name\n$env:OLLAMA_MODELS = 'C:\\ollama\\models'\n$env:MODEL_COUNT = '3'\n"
            "$env:OPENAI_MODEL = \"$prefix-chat\"\n$port = '8080'\n")
    found, _ = _scan("setup.ps1", text)
    assert _at(found, text) == []
    text = "@echo off\nset /p MODEL=Enter a model:\nset MODEL_DIR=%~dp0models\nset /a MODEL_COUNT=3\necho %MODEL%\n"
    found, _ = _scan("setup.bat", text)
    assert _at(found, text) == []


def test_scan_reads_powershell_files(tmp_path: Path) -> None:
    (tmp_path / "deploy.ps1").write_text(_POWERSHELL, encoding="utf-8")
    result = modelmap.scan(str(tmp_path), resolve=False)
    assert ("deploy.ps1", 9, "gpt-4o") in {(f.path, f.line, f.raw) for f in result.findings}
    assert not [s for s in result.skips if s.path == "deploy.ps1"]


def test_hostile_windows_scripts_stay_bounded() -> None:
    # a huge line of assignments: at most 32 read; 100k lines: the step budget stops and says so, findings kept
    found, skips = _scan("big.ps1", "$model = 'qwen-max'; " * 50_000 + "\n")
    assert len(found) <= 32 and not skips
    found, skips = _scan("big.bat", "set MODEL=qwen2.5:7b\n" + "set X=" + "a" * 1_000_000 + "\n")
    assert [f.raw for f in found] == ["qwen2.5:7b"] and not skips
    found, skips = _scan("many.cmd", "set MODEL=qwen2.5:7b\n" + "set A=b ^\n" * 100_000, steps=50_000)
    assert [s.reason for s in skips] == ["analysis-budget"]
    found, skips = _scan("deep.ps1", "<#\n" + "(" * 100_000 + "\n#>\n$env:OPENAI_MODEL = \"gpt-4o\"\n"
                         + "@{ " * 20_000 + "model = 'qwen-max'" + " }" * 20_000 + "\n")
    assert [f.raw for f in found] == ["gpt-4o", "qwen-max"] and not skips


def test_azd_env_set_in_a_shell_hook() -> None:
    text = ('#!/bin/sh\nazd env set AZURE_OPENAI_EMB_MODEL_NAME "text-embedding-3-large"\n'
            "azd env set AZURE_OPENAI_CHATGPT_DEPLOYMENT_CAPACITY 30\nazd env set AZURE_OPENAI_CHATGPT_MODEL $MODEL\n")
    found, _ = _scan("infra/hooks/postprovision.sh", text)
    assert _at(found, text) == [(2, "text-embedding-3-large")]


def test_a_powershell_array_of_models() -> None:
    text = ('$models = @("llama3.1:8b", "nomic-embed-text")\nforeach ($m in $models) { ollama pull $m }\n'
            "$ports = @(8080, 8081)\n")
    found, _ = _scan("pull-models.ps1", text)
    assert _at(found, text) == [(1, "llama3.1:8b"), (1, "nomic-embed-text")]
