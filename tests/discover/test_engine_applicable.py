"""The engine's per-name cache of which sources read a file gives exactly what asking every source does,
whatever order the files come in (a cache keyed by extension alone let the first ``*.example`` or ``*.tpl``
file decide for all the others)."""

from __future__ import annotations

import random

from modelmap.discover import engine
from modelmap.discover.engine import ScanOptions, _applicable

NAMES = [
    "env.example", "env.sh.example", "application.yml.example", ".env", ".env.local", "prod.env", "x.env.sample",
    "_helpers.tpl", "commit_message.tpl", "values.yaml", "Chart.yaml", "docker-compose.yml", "compose.yaml",
    "Dockerfile", "Dockerfile.cuda", "api.dockerfile", "Containerfile", "Modelfile", "llama.modelfile",
    "app.py", "APP.PY", "x.pyi", "index.js", "index.TS", "view.vue", "Main.java", "main.go", "lib.rs", "run.sh",
    "run.SH", "nb.ipynb", "nb.IPYNB", "models.txt", "requirements.txt", "app.properties", "config.toml",
    "settings.ini", "package-lock.json", "2package-lock.json", "tokenizer.json", "x.min.json", "data.jsonl",
    "README.md", "Makefile", "model.gguf", "weights.safetensors", "a.b", "noext",
]
DIRS = ["", "templates/", "charts/x/templates/", "templates.d/", "tests/", "docker/", ".env/", "a.b/", "env/",
        "Dockerfile/", "x/Templates/"]


def test_cached_answer_is_every_sources_answer_in_any_order() -> None:
    opts = ScanOptions()
    paths = [d + n for d in DIRS for n in NAMES]
    for seed in range(3):
        engine._applicable_cache.clear()
        random.Random(seed).shuffle(paths)
        for path in paths:
            want = [s for s in opts.sources if getattr(s, "reads_content", True) and s.applies_to(path)]
            got = _applicable(opts, path, path.rsplit("/", 1)[-1])
            assert [s.id for s in got] == [s.id for s in want], path


def test_a_new_sources_tuple_is_not_answered_from_another_ones_cache() -> None:
    engine._applicable_cache.clear()
    full = ScanOptions()
    assert _applicable(full, "app.py", "app.py")
    none = ScanOptions(sources=tuple(s for s in full.sources if s.id != "python"))
    assert "python" not in [s.id for s in _applicable(none, "app.py", "app.py")]
