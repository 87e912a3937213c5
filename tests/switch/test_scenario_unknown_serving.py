"""scenario's table says a model's serving is unknown instead of printing "-".

A tryout (session 34): `modelmap scenario no-cn-origin-regulated` listed BGE-M3 and its reranker, loaded in-process
by a claims embedding job, with "served by  -" beside DeepSeek-R1 "openrouter": read as served by no one. The
Markdown table of the same command already said "unknown / self-hosted".
"""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from modelmap.cli import app

JOB = '''from FlagEmbedding import FlagReranker
from sentence_transformers import SentenceTransformer

embedder = SentenceTransformer("BAAI/bge-m3")
reranker = FlagReranker("BAAI/bge-reranker-v2-m3", use_fp16=True)
'''


def test_table_says_unknown_serving(tmp_path: Path) -> None:
    (tmp_path / "jobs").mkdir()
    (tmp_path / "jobs" / "embed.py").write_text(JOB)
    (tmp_path / "modelmap.yaml").write_text(
        "version: 1\nflows:\n  claims: {paths: ['jobs/**'], tags: [regulated]}\n")
    result = CliRunner().invoke(app, ["scenario", "no-cn-origin-regulated", str(tmp_path), "--no-color"])
    assert result.exit_code == 0, result.output
    rows = [line for line in result.stdout.splitlines() if line.startswith("baai/")]
    assert len(rows) == 2, result.stdout
    for row in rows:
        assert "unknown / self-hosted" in row, row
        assert " - " not in row, row
    md = CliRunner().invoke(app, ["scenario", "no-cn-origin-regulated", str(tmp_path), "-f", "md"])
    assert md.stdout.count("unknown / self-hosted") == 2
