"""Python ``"<literal>" in <text>`` is a substring test whenever the right side is known to be one string: a str
method's result, a name for one piece of text, or an argparse option argparse keeps as a string. The literal then names
the start or a piece of a family's names, not a model in use (tuneC34; our own fixtures, no corpus code)."""

from __future__ import annotations

from pathlib import Path

import modelmap

LOADER = '''import torch
from app.config import settings


def device_map_for(gpus):
    # a 2nd-generation checkpoint gets its own device map
    if "chatglm2" in settings.llm.path.lower():
        return {"transformer.embedding": 0}
    if "int4" in settings.llm.path and "chatglm2" in settings.llm.path:
        return {"": 0}
    return "auto"


def load(ckpt_dir):
    if "qwen1.5" in ckpt_dir:
        torch.set_default_dtype(torch.bfloat16)
    return torch.load(ckpt_dir)


SUPPORTED = ["chatglm3-6b", "qwen1.5-7b-chat"]


def check(name_list):
    return "chatglm3-6b" in SUPPORTED


def instruction(path):
    if "BAAI/bge-m3" in path:
        return "Represent this sentence:"
    return ""
'''

RUNNER = '''import argparse

import dspy

parser = argparse.ArgumentParser()
parser.add_argument("--generator", type=str, default="mini", help="which model writes the solution")
parser.add_argument("--judges", nargs="+", default=["o1-mini"], help="models that judge")
parser.add_argument("--verbose", action="store_true")
args = parser.parse_args()

if "o1" in args.generator:
    lm = dspy.LM("openai/o1-preview", max_tokens=65536)
if "o1-mini" in args.judges:
    judge = dspy.LM("openai/o1-mini")
'''


def _found(tmp_path: Path) -> set[tuple[str, int, str]]:
    return {(f.path, f.line, f.raw) for f in modelmap.scan(tmp_path, resolve=False).findings if f.kind != "endpoint"}


def test_a_literal_tested_against_text_is_a_substring_test_not_a_model(tmp_path: Path) -> None:
    (tmp_path / "loader.py").write_text(LOADER)
    found = _found(tmp_path)
    raws = {(line, raw) for _, line, raw in found}
    # a str method's result, and an attribute / variable named for one piece of text (path, *_dir)
    assert (7, "chatglm2") not in raws
    assert (9, "chatglm2") not in raws
    assert (15, "qwen1.5") not in raws
    # membership in a list of ids still names the models listed
    assert (20, "chatglm3-6b") in raws
    assert (24, "chatglm3-6b") in raws
    # a whole Hub id the knowledge base records, tested against a path, still names that model
    assert (28, "BAAI/bge-m3") in raws


def test_an_argparse_string_option_is_text_but_a_multi_value_option_is_a_list(tmp_path: Path) -> None:
    (tmp_path / "run.py").write_text(RUNNER)
    raws = {(line, raw) for _, line, raw in _found(tmp_path)}
    # `--generator` (type=str, one value): "o1" in it is a substring test
    assert (11, "o1") not in raws
    assert (12, "openai/o1-preview") in raws
    # `--judges` (nargs="+") is a list: "o1-mini" in it is membership, the id is a model
    assert (13, "o1-mini") in raws
