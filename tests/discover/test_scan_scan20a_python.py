"""Session 20 (scan20a), found on held-out-16 after it was opened. Fixtures written for these tests.

Python: a GGUF file joined onto a folder with pathlib's ``/`` is a model file; a regular expression given to
``re.search`` / ``re.findall`` is a pattern, not a model.
"""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

# a single-file model (GGUF) joined onto a folder with pathlib's `/`: the path of that model's weights
_GGUF_JOIN = """\
from pathlib import Path


def test_loads_quantised_weights(tmp_path):
    talker = tmp_path / "voice-talker-Q4_K_M.gguf"
    vocoder = Path("/srv/weights") / "vocoder-F16.gguf"
    load(model_path=tmp_path / "narrator.gguf")
    load(tmp_path / "dummy.gguf", tmp_path / "model.gguf", tmp_path / "x.gguf", tmp_path / "testmodel.gguf")
    adapter = tmp_path / "adapter.safetensors"
    half = 10 / 2
    pair = (tmp_path / "unique_model1.gguf", tmp_path / "unique_model2.gguf")
"""


def test_gguf_file_joined_onto_a_folder_is_a_model_file(tmp_path: Path) -> None:
    got = found(tmp_path, "tests/test_loader.py", _GGUF_JOIN)
    assert {(5, "voice-talker-Q4_K_M.gguf"), (6, "vocoder-F16.gguf"), (7, "narrator.gguf")} <= got
    # a test's stand-in names, a generic weight file and a component's file of another format name no model
    assert not {raw for line, raw in got if line in (8, 9, 11)}


def test_gguf_join_column_is_the_literal(tmp_path: Path) -> None:
    import modelmap

    (tmp_path / "a.py").write_text('p = base / "voice-talker-Q4_K_M.gguf"\n')
    hits = [f for f in modelmap.scan(str(tmp_path), resolve=False).findings if f.raw == "voice-talker-Q4_K_M.gguf"]
    assert [(f.line, f.column, f.kind) for f in hits] == [(1, 13, "model-file")]


# a regular expression matched against text that mentions models is a check, not a model the code uses
_REGEX_CHECKS = """\
import re


def test_generated_unit(content, name):
    assert len(re.findall(r'/mnt/models/smollm-135', content)) == 2
    assert re.search(pattern="/mnt/models/gemma-3", string=content)
    is_mini = re.compile("gpt-4o-mini").match(name)
    run(model="/mnt/models/gemma-3")
"""


def test_regex_patterns_are_not_models(tmp_path: Path) -> None:
    got = found(tmp_path, "tests/test_generate.py", _REGEX_CHECKS)
    assert not {raw for line, raw in got if line in (5, 6, 7)}
    assert (8, "/mnt/models/gemma-3") in got  # the same path given to a call that runs a model is still one
