"""Issue 10, session 6: model names inside strings of other languages (a spreadsheet formula in a C# test, SQL DDL
in Go), TypeScript files tree-sitter cannot parse whole, and npm Git-dependency specs that are not models."""

from __future__ import annotations

from pathlib import Path

import modelmap
from modelmap.discover.identify import classify
from modelmap.types import Finding, Skip


def _scan(tmp_path: Path, files: dict[str, str]) -> tuple[list[Finding], list[Skip]]:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    result = modelmap.scan(str(tmp_path), resolve=False)
    return [f for f in result.findings if f.kind != "endpoint"], list(result.skips)


def test_model_call_inside_a_formula_string(tmp_path: Path) -> None:
    cs = (
        "public class SheetTests {\n"
        "    [Fact]\n"
        "    public void Prompt_ReturnsText() {\n"
        '        ws.Range["B1"].Value = "Say hello";\n'
        '        ws.Range["B2"].Formula = "=ASKMODEL(\\"Ollama/qwen2.5:7b-instruct\\", B1)";\n'
        '        ws.Range["B3"].Formula = "=ASKMODEL.TOCOLUMN(\\"Anthropic/claude-3-5-haiku-20241022\\", B1)";\n'
        '        ws.Range["B4"].Formula = "=SUM(\\"A1:A9\\", B1)";\n'
        "    }\n}\n"
    )
    found, _ = _scan(tmp_path, {"tests/SheetTests.cs": cs})
    by_line = {(f.line, f.raw) for f in found}
    assert (5, "Ollama/qwen2.5:7b-instruct") in by_line
    assert (6, "Anthropic/claude-3-5-haiku-20241022") in by_line
    assert not any(f.line in (4, 7) for f in found)


def test_sql_column_default_in_go_ddl(tmp_path: Path) -> None:
    go = (
        "package store\n\n"
        "func migrate(db *sql.DB) error {\n"
        "\t_, err := db.Exec(`\n"
        "\t\tCREATE TABLE IF NOT EXISTS chat (\n"
        "\t\t  id INT PRIMARY KEY AUTO_INCREMENT,\n"
        "\t\t  title VARCHAR(255) NOT NULL DEFAULT 'new-chat-v2',\n"
        "\t\t  model VARCHAR(255) NOT NULL DEFAULT 'gpt-4o-mini',\n"
        "\t\t  embedding_model TEXT DEFAULT 'text-embedding-3-small',\n"
        "\t\t  model_count INT DEFAULT 3\n"
        "\t\t);\n"
        "\t`)\n\treturn err\n}\n"
    )
    found, _ = _scan(tmp_path, {"store/db.go": go})
    got = {(f.line, f.raw) for f in found}
    assert got == {(8, "gpt-4o-mini"), (9, "text-embedding-3-small")}
    assert all(any(e.startswith("binding:") for e in f.evidence or ()) for f in found)


def test_typescript_with_an_unparseable_statement_keeps_its_valid_parts(tmp_path: Path) -> None:
    # an unclosed callback at the end makes tree-sitter's root an ERROR node; the statements before it are valid
    ts = (
        "import { vi } from 'vitest'\n"
        "const model = 'gemini-1.5-pro'\n"
        "run({ model })\n"
        "vi.mock('sdk', async (orig) => {\n"
    )
    found, skips = _scan(tmp_path, {"test/handler.test.ts": ts})
    assert (2, "gemini-1.5-pro") in {(f.line, f.raw) for f in found}
    assert not [s for s in skips if s.path.endswith("handler.test.ts")]
    # (text with nothing valid at all stays a parse-error skip: test_javascript.py)


def test_npm_git_dependency_spec_is_not_a_prefixed_model() -> None:
    assert classify("github:acme/realtime-audio-tools") is None
    assert classify("github:openai/gpt-4o") is not None  # GitHub Models: a known publisher's model
    assert classify("openrouter:meta-llama/llama-3-8b-instruct") is not None
