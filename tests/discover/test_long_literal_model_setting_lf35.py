"""Session 35 (litfix35): a literal over the candidate size bound (300 characters) that holds a model setting is no
longer dropped unsaid: the scan reports an ``analysis-budget`` skip naming its line (redteam34's open item: a long DSN
whose `model=gpt-4o` was not read and nothing was said)."""

from __future__ import annotations

from pathlib import Path

import modelmap
from modelmap.discover.polyglot import has_candidate

_OPTIONS = ",".join(f"option{i}=value{i}" for i in range(40))


def _scan(tmp_path: Path, name: str, text: str) -> tuple[set[str], list[tuple[str, str, str]]]:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    result = modelmap.scan(str(tmp_path), resolve=False)
    return ({f.raw for f in result.findings if f.kind != "endpoint"},
            [(s.path, s.reason, s.detail) for s in result.skips])


def test_a_long_dsn_with_a_model_is_said(tmp_path: Path) -> None:
    text = ("<?php\n"
            "$platform = PlatformFactory::fromDsn(\n"
            f"    'ai+openai://default?driver=openai,model=gpt-4o,{_OPTIONS}'\n"
            ");\n")
    assert has_candidate(text.encode())
    _, skips = _scan(tmp_path, "config/ai.php", text)
    assert ("config/ai.php", "analysis-budget",
            "php: a string literal over 300 characters holds a model setting that was not read (line 3)") in skips


def test_a_long_command_line_with_a_model_flag_is_said_once_per_file(tmp_path: Path) -> None:
    flags = " ".join(f"--flag-{i}=on" for i in range(40))
    text = ("package bench\n\n"
            f'var serveArgs = "vllm serve --model=meta-llama/Llama-3.1-8B-Instruct {flags}"\n'
            f'var judgeArgs = "vllm serve --model=Qwen/Qwen2.5-7B-Instruct {flags}"\n')
    _, skips = _scan(tmp_path, "bench/args.go", text)
    assert [s for s in skips if s[0] == "bench/args.go"] == [
        ("bench/args.go", "analysis-budget",
         "go: a string literal over 300 characters holds a model setting that was not read (line 3 and 1 more)")]


def test_long_literals_read_or_without_a_setting_are_not_said(tmp_path: Path) -> None:
    prompt = ("You are a model that answers questions about the shop. " * 8).strip()
    body = '{\\"model\\": \\"gpt-4o-mini\\", \\"messages\\": [' + ", ".join(
        f'{{\\"role\\": \\"user\\", \\"content\\": \\"question number {i}\\"}}' for i in range(12)) + "]}"
    assert len(prompt) > 300 and len(body) > 300
    text = ("class Fixtures {\n"
            f'    static final String PROMPT = "{prompt}";\n'
            f'    static final String BODY = "{body}";\n'
            "}\n")
    raws, skips = _scan(tmp_path, "src/test/java/shop/Fixtures.java", text)
    assert "gpt-4o-mini" in raws  # the JSON body's model is read, so nothing is said about it
    assert skips == []  # and a prompt that only mentions a model holds no setting
