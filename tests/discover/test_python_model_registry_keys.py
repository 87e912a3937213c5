"""A Python registry keyed by the model each entry loads: the key repeats the model its value names under a model key
(a call's keyword, ``partial`` included, or a nested record's entry), exactly or as the name part of its Hub id, and
is the name a caller picks that model by (tuneC34; our own fixtures, no corpus code)."""

from __future__ import annotations

from pathlib import Path

import modelmap

REGISTRY = '''from functools import partial

from .vlm import OrbitVL, StellarChat

orbit_series = {
    "OrbitVL-2B": partial(OrbitVL, model_path="acme-lab/OrbitVL-2B"),
    "OrbitVL-7B-v2": partial(OrbitVL, model_path="acme-lab/OrbitVL-7B-v2", max_tiles=6),
    "stellar-chat": StellarChat(model_name="acme-lab/Stellar-Chat-8B"),
    "fast": partial(OrbitVL, model_path="acme-lab/OrbitVL-2B"),
}

PRESETS = {
    "nimbus-1.0-translate": {"model_name": "nimbus-1.0-translate", "max_tokens": 2048},
    "default": {"model_name": "nimbus-1.0-translate"},
    "nimbus-docs": {"model_name": "nimbus-1.0-translate"},
}
'''


def test_a_registry_key_naming_its_entrys_model_is_that_model(tmp_path: Path) -> None:
    (tmp_path / "config.py").write_text(REGISTRY)
    findings = [(f.line, f.raw) for f in modelmap.scan(tmp_path, resolve=False).findings if f.kind != "endpoint"]
    found = set(findings)
    # the key is the Hub id's name part
    assert (6, "OrbitVL-2B") in found
    assert (7, "OrbitVL-7B-v2") in found
    assert (6, "acme-lab/OrbitVL-2B") in found
    # the key spelt as the model id of a nested record: two references on the line, the key's and the value's
    assert findings.count((13, "nimbus-1.0-translate")) == 2
    # keys of other words are the registry's own labels
    assert not {raw for line, raw in found if line in (8, 9, 14, 15) and raw in ("stellar-chat", "fast", "default",
                                                                                    "nimbus-docs")}


SHORT_NAMES = '''NAME_MAP = {
    "mini4": "openai/gpt-4o-mini",
    "qwen7b": "Qwen/Qwen2.5-Coder-7B-Instruct",
    "qwen32b": "Qwen/Qwen2.5-Coder-32B-Instruct",
}

VERSIONS = {"2": "Qwen/Qwen2.5-Coder-7B-Instruct", "2.5": "Qwen/Qwen2.5-Coder-32B-Instruct"}

SUBSETS = {"eval32": "acme-eval32-medium-major-v1", "train128": "acme-train128-medium-major-v1"}

model_urls = {
    "resnet18": "https://download.example.org/models/resnet18-5c106cde.pth",
    "resnet50": "https://download.example.org/models/resnet50-19c8e357.pth",
}

ROLES = {
    "embedding": "text-embedding-3-small",
    "chat": "gpt-4o-mini",
    "tier2": "gpt-4o",
}
'''


def test_a_short_name_map_s_abbreviating_keys_are_models(tmp_path: Path) -> None:
    (tmp_path / "util.py").write_text(SHORT_NAMES)
    found = {(f.line, f.raw) for f in modelmap.scan(tmp_path, resolve=False).findings if f.kind != "endpoint"}
    assert (3, "qwen7b") in found
    assert (4, "qwen32b") in found
    # "mini4": its letters are not in the id in that order; role and tier keys, version numbers, a weight-URL table's
    # keys and a map of ids the knowledge base does not record name no model
    assert (2, "mini4") not in found
    assert not {raw for line, raw in found if raw in ("embedding", "chat", "tier2", "2", "2.5", "resnet18",
                                                          "resnet50", "eval32", "train128")}
