"""Every finding says which evidence it rests on (issue 10), in every language, including the per-language API
rules that do not record it themselves: the knowledge base, the call reached, the rule that matched, the shape and
the file's role. Before, 164 of LazyLLM's 170 findings (the Python model-list, endpoint and kwarg rules) and most
Go/Java endpoint findings had evidence null."""

from __future__ import annotations

from pathlib import Path

import modelmap

APP = '''from openai import OpenAI
client = OpenAI(base_url="https://api.deepseek.com/v1")
cfg = {"model": "deepseek-chat"}
client.chat.completions.create(model="gpt-4o", messages=[])
'''

GO = '''package main

const DefaultModel = "claude-3-5-sonnet-20241022"

func url() string { return "https://api.anthropic.com/v1" }
'''


def test_every_finding_in_every_language_lists_its_evidence(tmp_path: Path) -> None:
    (tmp_path / "app.py").write_text(APP)
    (tmp_path / "main.go").write_text(GO)
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_app.py").write_text('from openai import OpenAI\n'
                                                   'OpenAI().chat.completions.create(model="gpt-4o-mini", messages=[])\n')
    result = modelmap.scan([tmp_path])
    by_raw = {f.raw: f for f in result.findings}
    assert result.findings and all(f.evidence for f in result.findings), [(f.raw, f.evidence) for f in result.findings]
    gpt = by_raw["gpt-4o"].evidence
    assert gpt is not None and "knowledge-base" in gpt and "shape:api-model" in gpt
    assert any(e.startswith("call:") for e in gpt) and any(e.startswith("rule:python") for e in gpt)
    endpoint = next(f for f in result.findings if f.kind == "endpoint" and "deepseek" in f.raw)
    assert endpoint.evidence is not None and "shape:endpoint" in endpoint.evidence
    assert any(e.startswith("host:") for e in endpoint.evidence)
    assert "file-role:test" in (by_raw["gpt-4o-mini"].evidence or ())
    # JSON carries it too
    assert all(d.get("evidence") for d in result.to_dict()["findings"])
