"""Issue 10: family-prefix checks (``startswith("gpt-5")``) name a family, not a model, in every language;
a substring test of a full id (``includes("gpt-4o")``) and real calls in the same file are still found."""

from __future__ import annotations

from pathlib import Path

import modelmap


def _raws(tmp_path: Path, name: str, text: str) -> list[str]:
    (tmp_path / name).write_text(text)
    return sorted(f.raw for f in modelmap.scan(str(tmp_path), resolve=False).findings if f.kind != "endpoint")


def test_python_prefix_checks(tmp_path: Path) -> None:
    code = ('def f(model_name):\n    if model_name.startswith("gemini-3"):\n        return 1\n'
            '    if model_name.startswith(("gpt-5", "o3")):\n        return 2\n'
            '    return client.chat.completions.create(model="gpt-4o")\n')
    assert _raws(tmp_path, "a.py", code) == ["gpt-4o"]


def test_typescript_prefix_checks(tmp_path: Path) -> None:
    code = ('export function f(model: string) {\n  if (model.startsWith("gemini-3")) return 1;\n'
            '  if (model.includes("gpt-4o")) return 2;\n'
            '  return openai.chat.completions.create({ model: "gpt-4o-mini" });\n}\n')
    assert _raws(tmp_path, "a.ts", code) == ["gpt-4o", "gpt-4o-mini"]


def test_go_prefix_checks(tmp_path: Path) -> None:
    code = 'package a\nfunc f(m string) bool { return strings.HasPrefix(m, "claude-3") || m == "gpt-4o" }\n'
    assert _raws(tmp_path, "a.go", code) == ["gpt-4o"]
