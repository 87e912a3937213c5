"""scan22a: a Python file that does not parse (a Python 2 print statement, a line broken by an edit) is still read
for its string literals through the tree-sitter grammar, not dropped. Fixtures written for these tests."""

from __future__ import annotations

from pathlib import Path

import modelmap
from tests.discover.scan_helpers import found

_BROKEN_PY = '''\
import argparse

BACKBONES = [
    ("1) bert-base", "google-bert/bert-base-uncased"),
    ("2) roberta-large", "FacebookAI/roberta-large"),
]


def clean(text):
    return from os import path


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pretrained_name", type=str, default="google-bert/bert-base-uncased")
    parser.add_argument("--train_file", type=str, default="./data/train.csv")
    return parser.parse_args()
'''

_PY2 = '''\
from transformers import AutoModel

MODEL_NAME = "FacebookAI/roberta-large"
print "loading", MODEL_NAME
model = AutoModel.from_pretrained(MODEL_NAME)
'''


def test_a_file_that_does_not_parse_is_still_read(tmp_path: Path) -> None:
    got = found(tmp_path, "finetune/train.py", _BROKEN_PY)
    assert {(4, "google-bert/bert-base-uncased"), (5, "FacebookAI/roberta-large"),
            (15, "google-bert/bert-base-uncased")} <= got
    assert "./data/train.csv" not in {raw for _, raw in got}


def test_python2_file_is_read_and_its_skip_says_so(tmp_path: Path) -> None:
    (tmp_path / "old.py").write_text(_PY2)
    result = modelmap.scan(str(tmp_path), resolve=False)
    assert (3, "FacebookAI/roberta-large") in {(f.line, f.raw) for f in result.findings}
    skip = next(s for s in result.skips if s.path == "old.py")
    assert skip.reason == "parse-error" and "tree-sitter" in skip.detail
