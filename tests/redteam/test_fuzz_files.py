"""Hypothesis: random bytes into every file type modelmap reads, through the real CLI.

Each example builds a tree (one file per type, random content with a model keyword planted so the
prefilter lets it through to the parsers) and runs it like a probe: a bounded child process, judged on the
same promises (no traceback, exit 0, every file a finding or a skip, JSON output parses). Model files get
their real magic bytes followed by random bytes, for ``inspect`` and ``scan``.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.redteam.probes import OK, OK_OR_USAGE, files
from tests.redteam.runner import Ctx, Probe, Result, remove_tree, run_probe

TEXT_FILES = ["a.py", "a.ts", "a.js", "a.mjs", "a.go", "A.java", "A.kt", "A.cs", "a.php", "a.rb", "a.rs", "a.tf",
              "a.vue", "a.yaml", "a.json", "a.jsonl", "a.toml", "a.ini", "setup.cfg", ".env", "serve.sh", "Dockerfile",
              "Modelfile", "nb.ipynb", "docker-compose.yml", "chart/templates/d.yaml", "litellm_config.yaml",
              "requirements.txt"]
MODEL_FILES = {"m.gguf": b"GGUF\x03\x00\x00\x00", "m.safetensors": b"\x40\x00\x00\x00\x00\x00\x00\x00{\"",
               "m.onnx": b"\x08\x08\x12\x07", "pytorch_model.bin": b"\x80\x02", "model.pt": b"PK\x03\x04",
               "tokenizer.json": b'{"model":', "config.json": b'{"model_type":', "README.md": b"---\nbase_model: "}
KEYWORDS = [b"model", b"gpt-4o", b"from_pretrained", b"ollama", b"OpenAI(", b"model: ", b'"model":']

_noise = st.binary(max_size=3000)
_text_tree = st.fixed_dictionaries({
    name: st.tuples(_noise, st.sampled_from(KEYWORDS), _noise).map(lambda t: t[0] + b" " + t[1] + b" " + t[2])
    for name in TEXT_FILES})
def _prefixed(magic: bytes) -> st.SearchStrategy[bytes]:
    return _noise.map(lambda b: magic + b)


_model_tree = st.fixed_dictionaries({name: _prefixed(magic) for name, magic in MODEL_FILES.items()})


def _all_counted(n: int) -> Callable[[Result], str | None]:
    """scan: every file is counted, scanned or skipped (random content need not yield a finding)."""
    def check(res: Result) -> str | None:
        if res.rc != 0 or res.ctx.state.get("kind") != "scan":
            return None
        stats = res.json().get("stats") or {}
        seen = int(stats.get("files_scanned", 0)) + int(stats.get("files_skipped", 0))
        return None if seen >= n else f"only {seen} of {n} files counted (scanned + skipped): some were lost"
    return check


def _run(tree: dict[str, bytes], argv: tuple[str, ...], codes: frozenset[int]) -> None:
    def build(ctx: Ctx) -> None:
        files(dict(tree))(ctx)
        ctx.state["kind"] = argv[0]

    probe = Probe(id="hypothesis", cls="fuzz", build=build, argv=argv, codes=codes, fmt="json",
                  checks=(_all_counted(len(tree)),), timeout=60)
    root = Path(tempfile.mkdtemp(prefix="rt-fuzz-"))
    try:
        res = run_probe(probe, root / "p")
        assert not res.failures, f"`modelmap {' '.join(argv)}` on {sorted(tree)}:\n  - " + "\n  - ".join(
            res.failures) + "\n" + res.stderr.decode("utf-8", "replace")[-500:]
    finally:
        remove_tree(root)


_SETTINGS = dict(deadline=None, derandomize=False, database=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@settings(max_examples=1, **_SETTINGS)  # type: ignore[arg-type]
@given(_text_tree)
def test_random_bytes_every_text_type_fast(tree: dict[str, bytes]) -> None:
    _run(tree, ("scan", ".", "-f", "json"), OK)


@pytest.mark.redteam
@settings(max_examples=30, **_SETTINGS)  # type: ignore[arg-type]
@given(_text_tree)
def test_random_bytes_every_text_type(tree: dict[str, bytes]) -> None:
    _run(tree, ("scan", ".", "-f", "json"), OK)


@pytest.mark.redteam
@settings(max_examples=20, **_SETTINGS)  # type: ignore[arg-type]
@given(_model_tree)
def test_random_model_files_inspect(tree: dict[str, bytes]) -> None:
    _run(tree, ("inspect", ".", "-f", "json"), OK_OR_USAGE)


@pytest.mark.redteam
@settings(max_examples=20, **_SETTINGS)  # type: ignore[arg-type]
@given(_model_tree)
def test_random_model_files_scan(tree: dict[str, bytes]) -> None:
    _run(tree, ("scan", ".", "-f", "json"), OK)
