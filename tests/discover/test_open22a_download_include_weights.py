"""A weight file a Hub download picks out by name (``hf download org/name --include "<file>.pth"``) is a model file
of that download; patterns, config files and the same flag outside a model download are not (open22a)."""

from __future__ import annotations

from modelmap.discover.base import SourceFile
from modelmap.discover.shell import ShellSource
from modelmap.types import Finding

SCRIPT = """\
#!/bin/bash
set -e
mkdir -p weights/pose weights/sync weights/parse
hf download acme-lab/PoseNet --local-dir weights/pose --include "pose_body_384.pth"
huggingface-cli download acme-lab/SyncNet --local-dir weights/sync --include "syncnet_v2.pt" "config.json"
hf download acme-lab/face-parse --local-dir weights/parse --include "79999_iter.pth" "resnet18-5c106cde.pth"
hf download acme-lab/Encoder --local-dir weights/enc --include "*.safetensors" "tokenizer.json"
hf download acme-lab/wiki-corpus --repo-type dataset --include "shard_00.bin"
rsync -av --include "backup_model.pth" src/ dst/
"""


def _found() -> dict[tuple[int, str], Finding]:
    out = ShellSource().scan(SourceFile("scripts/download_weights.sh", SCRIPT, "app"))
    return {(f.line, f.raw): f for f in out if isinstance(f, Finding)}


def test_named_weight_files_of_a_download() -> None:
    found = _found()
    for key in ((4, "pose_body_384.pth"), (5, "syncnet_v2.pt"), (6, "79999_iter.pth"), (6, "resnet18-5c106cde.pth")):
        assert found[key].kind == "model-file", key
    assert found[(4, "pose_body_384.pth")].column == SCRIPT.splitlines()[3].index("pose_body_384.pth") + 1


def test_patterns_configs_data_sets_and_other_programs_are_not() -> None:
    raws = {raw for _, raw in _found()}
    assert not raws & {"config.json", "*.safetensors", "tokenizer.json", "shard_00.bin", "backup_model.pth"}
