"""Red-team unit probes (brief redteam9): a file's analysis is bounded in CPU time including its tree-sitter parse, and
a file that runs out is reported as an ``analysis-budget`` skip with the findings so far; 10,000 model-path references
cost the ``--inspect`` pass a stat each, not two path resolutions each. Small inputs under a lowered
budget, so that each case runs in well under a second."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from modelmap.discover.base import SourceFile, file_budget
from modelmap.discover.javascript import scan_javascript_text
from modelmap.discover.polyglot import PolyglotSource
from modelmap.errors import KnowledgeError
from modelmap.inspect import inspect_findings
from modelmap.knowledge.loader import _apply_corrections
from modelmap.types import Finding, ScanResult, ScanStats, Skip

ROOT = Path(__file__).resolve().parents[2]


def _hcl(n: int) -> str:
    return "".join(
        f'resource "x" "y{i}" {{\n  model = "arn:aws:bedrock:${{var.region}}::foundation-model/anthropic.claude-3-'
        f'sonnet-2024{i:04d}-v1:0"\n  url = "https://${{var.n}}.openai.azure.com/openai/deployments/gpt-4o-{i}/chat"\n}}\n'
        for i in range(n))


def _scan(path: str, text: str, seconds: float, steps: int | None = None) -> tuple[list[Finding], list[Skip]]:
    with file_budget(seconds=seconds) if steps is None else file_budget(seconds=seconds, steps=steps):
        items = list(PolyglotSource().scan(SourceFile(path, text)))
    return [i for i in items if isinstance(i, Finding)], [i for i in items if isinstance(i, Skip)]


def test_a_parse_past_the_budget_is_cancelled_and_reported() -> None:
    # 1 MB of HCL templates: tree-sitter alone takes ~0.3-0.8 s; the parse was outside the budget (3.9 MB: 2-3 s)
    text = _hcl(5_000)
    _scan("warm.tf", _hcl(2), 2.0)  # grammar import and knowledge base load, outside the measured call
    found, skips = _scan("main.tf", text, 0.01)
    assert [s.reason for s in skips] == ["analysis-budget"], skips
    assert "parsing ran past" in (skips[0].detail or "") and not found
    # the parser is usable afterwards, and a normal budget parses and analyses the same file
    found, skips = _scan("ok.tf", _hcl(20), 2.0)
    assert {f.raw for f in found} >= {"anthropic.claude-3-sonnet-20240000-v1:0"} and not skips


def test_a_javascript_parse_past_the_budget_is_reported() -> None:
    text = "".join(f"const m{i} = {{ model: 'gpt-4o-{i}', url: `https://x/${{a}}/{i}` }};\n" for i in range(40_000))
    scan_javascript_text(SourceFile("warm.ts", "const m = { model: 'gpt-4o' };\n"))
    with file_budget(seconds=0.01):
        items = scan_javascript_text(SourceFile("big.ts", text))
    assert any(isinstance(i, Skip) and i.reason == "analysis-budget" and "parsing ran past" in (i.detail or "")
               for i in items), items[:3]


def test_literal_analysis_is_budgeted_and_keeps_its_findings() -> None:
    # a NUL inside a Go raw string: tree-sitter's error recovery leaves every pair a sibling under one flat node, and
    # each literal's context walk (node.parent) costs the number of siblings: 5,000 pairs took 4.5 s with no skip.
    # The walk now takes budget steps, so a step budget (not a clock: no timing in tests) stops it part way
    text = ('package x\n' + ("// " + "x" * 70 + "\n") * 120 + 'var s = `\n'
            + '{"model": "deep\x00seek-chat", "model": "gpt-4o"}\n\x00' * 1_500 + "`\n")
    _scan("warm.go", 'package x\nvar m = "gpt-4o"\n', 2.0)
    found, skips = _scan("nul.go", text, 30.0, steps=5_000)
    assert [s.reason for s in skips] == ["analysis-budget"], skips
    assert "steps" in (skips[0].detail or "") and "parsing" not in (skips[0].detail or ""), skips
    assert found, "the findings made before the budget ran out are kept"
    full, none = _scan("nul.go", text, 30.0)  # the default budget reads the whole file: more found, no skip
    assert not none and len(full) > len(found), (len(full), len(found), none)


def test_many_model_path_references_cost_inspect_a_stat_each(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "tiny.gguf").write_bytes(b"GGUF")  # exists under the root: still inspected
    outside = tmp_path.parent / f"{tmp_path.name}-outside.gguf"
    outside.write_bytes(b"GGUF")
    (tmp_path / "models" / "escape.gguf").symlink_to(outside)  # resolves outside the root: never read
    refs = [Finding("serve.sh", i + 1, 1, f"/models/org/Qwen2.5-{i}B-Instruct/model.gguf", "model-file")
            for i in range(10_000)]
    refs += [Finding("serve.sh", 10_001, 1, "models/tiny.gguf", "model-file"),
             Finding("serve.sh", 10_002, 1, "models/escape.gguf", "model-file"),
             Finding("serve.sh", 10_003, 1, "models/\x00.gguf", "model-file")]
    resolved: list[Path] = []
    real_resolve = Path.resolve

    def counting_resolve(self: Path, strict: bool = False) -> Path:
        resolved.append(self)
        return real_resolve(self, strict)

    monkeypatch.setattr(Path, "resolve", counting_resolve)
    out = inspect_findings(ScanResult(str(tmp_path), refs, [], ScanStats()))
    monkeypatch.undo()
    # two path resolutions per reference took 5 s for 10,000; a path that is no file here now costs one stat
    assert len(resolved) <= 10, len(resolved)
    inspected = [f.raw for f in out.findings if f.resolution and "inspected" in f.resolution]
    assert inspected == ["models/tiny.gguf"]
    outside.unlink()


def test_the_probe_registry_lists_as_a_script() -> None:
    # `python -m tests.redteam.probes` ran the file as __main__, a second copy that probes_session8 did not register
    # into: its FAST check raised ValueError
    proc = subprocess.run([sys.executable, "-m", "tests.redteam.probes"], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr[-800:]
    assert "s8-docker-volume-spec" in proc.stdout and "probes," in proc.stderr


_MODELS = {"acme/a": {"id": "acme/a", "license": "unknown", "sources": []}}


@pytest.mark.parametrize("fix, why", [
    ({"id": "acme/a", "license": "mit"}, "cites no source"),  # a licence on no one's word
    ({"id": "acme/a", "license": "mit", "sources": []}, "cites no source"),
    ({"id": "acme/a", "withdraw": True}, "cites no source"),
    ({"id": "acme/a", "license": "mit", "sources": "https://huggingface.co/acme/a"}, "cites no source"),  # a string
    ({"id": "acme/a", "license": "mit", "sources": [{"url": "https://huggingface.co/acme/a"}]}, "cites no source"),
    ({"id": "acme/a", "license": "mit", "sources": ["https://huggingface.co/acme/a"]}, "cites no source"),
    ({"id": "acme/a", "sources": [{"url": "https://x", "as_of": "2026-12-04"}]}, "neither withdraws"),
    ("acme/a", "must be a mapping"),  # `corrections:` written as a mapping: its keys arrive as strings
    ({"license": "mit", "sources": [{"url": "https://x", "as_of": "2026-12-04"}]}, "no publisher file holds"),
])
def test_a_hostile_correction_is_a_knowledge_error(fix: Any, why: str) -> None:
    # before: an uncited licence was applied silently, and a string or a bare mapping raised TypeError / KeyError
    models = {k: dict(v) for k, v in _MODELS.items()}
    with pytest.raises(KnowledgeError, match=why):
        _apply_corrections(models, [fix])
    assert models["acme/a"]["license"] == "unknown"

