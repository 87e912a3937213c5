"""kb_registries' derivative lists (issue 11 item 5): unsloth's model mapper and OpenCompass model configs."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import yaml

from modelmap.knowledge import load

ROOT = Path(__file__).resolve().parents[2]
PUB_DIR = ROOT / "src" / "modelmap" / "knowledge" / "data" / "publishers"


def _script() -> ModuleType:
    sys.path.insert(0, str(ROOT / "scripts"))
    spec = importlib.util.spec_from_file_location("kb_registries", ROOT / "scripts" / "kb_registries.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # its dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


# The mapper's shapes: a plain tuple (16-bit re-upload, original, plain bnb-4bit), a dict with "16"/"8" groups,
# a one-element tuple, and an entry whose -Instruct repo is mapped to the pretrained original.
MAPPER = '''
__INT_TO_FLOAT_MAPPER = \\
{
    "unsloth/Llama-3.2-1B-Instruct-unsloth-bnb-4bit" : {
        "8" : (
            "RedHatAI/Llama-3.2-1B-Instruct-FP8",
            "unsloth/Llama-3.2-1B-Instruct-FP8-Block",
            "unsloth/Llama-3.2-1B-Instruct-FP8-Dynamic",
        ),
        "16" : (
            "unsloth/Llama-3.2-1B-Instruct",
            "meta-llama/Llama-3.2-1B-Instruct",
            "unsloth/Llama-3.2-1B-Instruct-bnb-4bit",
        ),
    },
    "unsloth/codellama-34b-bnb-4bit" : (
        "codellama/CodeLlama-34b-hf",
    ),
    "unsloth/Apertus-8B-Instruct-2509-unsloth-bnb-4bit" : (
        "unsloth/Apertus-8B-Instruct-2509",
        "swiss-ai/Apertus-8B-2509",
        "unsloth/Apertus-8B-Instruct-2509-unsloth-bnb-4bit",
    ),
}
INT_TO_FLOAT_MAPPER = {}
'''


def test_mapper_table_is_read_as_data_and_each_unsloth_repo_points_at_its_original() -> None:
    mod = _script()
    rows = {r.hf: r for r in mod.unsloth_rows_from(mod.unsloth_mapper(MAPPER), "https://example.invalid/mapper.py")}
    llama = "meta-llama/Llama-3.2-1B-Instruct"
    for repo in ("unsloth/Llama-3.2-1B-Instruct-unsloth-bnb-4bit", "unsloth/Llama-3.2-1B-Instruct",
                 "unsloth/Llama-3.2-1B-Instruct-bnb-4bit", "unsloth/Llama-3.2-1B-Instruct-FP8-Block",
                 "unsloth/Llama-3.2-1B-Instruct-FP8-Dynamic"):
        assert rows[repo].repack_of == llama and rows[repo].block == "derivatives"
    assert rows[llama].repack_of is None  # the original itself: a plain record when the KB lacks it
    assert "RedHatAI/Llama-3.2-1B-Instruct-FP8" not in rows  # another org's repo is not unsloth's packaging
    # a name the original does not share (codellama-34b vs CodeLlama-34b-hf is the same name once -hf is dropped)
    assert rows["unsloth/codellama-34b-bnb-4bit"].repack_of == "codellama/CodeLlama-34b-hf"
    # the mapper's -Instruct -> pretrained entry is not taken: unknown beats a wrong base
    assert "unsloth/Apertus-8B-Instruct-2509" not in rows
    assert "unsloth/Apertus-8B-Instruct-2509-unsloth-bnb-4bit" not in rows


def test_an_unsloth_packaging_resolves_to_its_original_with_the_original_licence() -> None:
    models = load().models
    rec = models["unsloth/llama-3.2-1b-instruct-bnb-4bit"]
    parent = models["meta-llama/llama-3.2-1b-instruct"]
    assert rec["base"] == [{"relation": "quantization", "model": "meta-llama/llama-3.2-1b-instruct"}]
    assert rec["license"] == parent["license"] != "unknown"
    assert rec["publisher"] == "unsloth"


def _derived_blocks() -> list[dict]:
    out: list[dict] = []
    pat = re.compile(r"# BEGIN generated \(kb_registries: derivative lists\)\n(.*?)[ \t]*"
                     r"# END generated \(kb_registries: derivative lists\)", re.S)
    for path in sorted(PUB_DIR.glob("*.yaml")):
        for blk in pat.findall(path.read_text(encoding="utf-8")):
            out.extend(yaml.safe_load(blk) or [])
    return out


def test_derivative_records_cite_the_pinned_mapper_or_an_opencompass_config() -> None:
    pinned = re.compile(r"https://github\.com/(unslothai/unsloth/blob/[0-9a-f]{40}/unsloth/models/mapper\.py"
                        r"|open-compass/opencompass/blob/[0-9a-f]{40}/\S*configs/models/\S+\.py)")
    recs = _derived_blocks()
    assert len(recs) >= 500
    for rec in recs:
        assert pinned.fullmatch(rec["sources"][0]["url"]), rec["id"]


def test_no_unsloth_packaging_names_a_different_model_than_its_base() -> None:
    mod = _script()
    models = load().models
    checked = 0
    for rec in _derived_blocks():
        if not rec["id"].startswith("unsloth/"):
            continue
        parent = models[rec["base"][0]["model"]]
        assert mod.same_weights_name(rec["hf"], parent["hf"]), (rec["hf"], parent["hf"])
        checked += 1
    assert checked >= 400
