"""Unit tests of brief redteam24's fixes and guards (session 21).

* javascript.py: the sibling-key look of a pair (``_sibling_keys``, ``_repeats_identity``) read
  ``parent.named_children[:64]``, which builds the list of every child first, and on_pair read every sibling's key
  again for each model-named pair: an object of 50,000 pairs took 12-14 s of CPU in one file, past its 2 s budget
  (the budget's clock is read every 1,024 steps). Now the first 64 children are fetched one by one, and an object's
  keys are read once.
* RE2 (0790daf): a counted repeat of a Unicode class made RE2's DFA run out of memory and log
  "DFA out of memory" on stderr for every long line. Every module-level RE2 pattern of modelmap is run here over
  long lines of several shapes, and stderr must stay clean; the guard is checked against the pattern that logged.
"""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
import random
import time
from types import SimpleNamespace
from typing import Any

import pytest
import re2

import modelmap
from modelmap.discover import javascript as js
from modelmap.discover.base import linear


def _object(pairs: str, n: int, tail: str = "") -> Any:
    data = ("const p = {\n" + "".join(pairs % i for i in range(n)) + tail + "};\n").encode()
    tree = js._parser("javascript").parse(data)
    obj = tree.root_node.named_children[0].named_children[0].child_by_field_name("value")
    assert obj.type == "object" and obj.named_child_count == n + (1 if tail else 0)
    return tree, obj


def test_named_head_is_the_first_children() -> None:
    _tree, obj = _object('  k%d: "v",\n', 100)
    for limit in (0, 1, 64, 100, 500):
        assert [c.id for c in js._named_head(obj, limit)] == [c.id for c in obj.named_children[:limit]]


def test_sibling_keys_of_a_huge_object_cost_no_more_than_a_small_one() -> None:
    """300 looks at the siblings of a pair in an object of 60,000 pairs (before: each built a 60,000-node list,
    about 0.03 s a look, 9 s in all)."""
    _tree, obj = _object('  id: "kimi-%d",\n', 60_000, '  defaultModelId: "k2",\n')
    pair = obj.named_child(5)
    keys = js._Analysis._sibling_keys(pair)
    assert keys == {"id"}  # the first 64 pairs only (the default model key is the 60,001st)
    start = time.process_time()
    for _ in range(300):
        js._Analysis._sibling_keys(pair)
        js._Analysis._repeats_identity(pair, "kimi-5")
    assert time.process_time() - start < 1.5


def test_pair_keys_are_read_once_an_object() -> None:
    _tree, obj = _object('  model: "m%d",\n', 60_000, '  usage: 1,\n')
    holder = SimpleNamespace(_object_keys={})
    first = js._Analysis._pair_keys(holder, obj)  # type: ignore[arg-type]
    assert first == frozenset({"model", "usage"})
    start = time.process_time()
    for _ in range(5_000):
        assert js._Analysis._pair_keys(holder, obj) is first  # type: ignore[arg-type]
    assert time.process_time() - start < 1.0


def test_pair_keys_are_every_pair_key_as_before() -> None:
    """The same set on_pair built for each pair before (all of the object's pairs, not only the first 64)."""
    data = (b"const p = {\n" + b"".join(b"  k%d: 1,\n" % i for i in range(70))
            + b'  "quoted-key": 1, [computed]: 2, short, ...spread, model: "m", usage: {}\n};\n')
    tree = js._parser("javascript").parse(data)
    obj = tree.root_node.named_children[0].named_children[0].child_by_field_name("value")
    before = {js._prop_name(p.child_by_field_name("key")) for p in obj.named_children if p.type == "pair"}
    assert js._Analysis._pair_keys(SimpleNamespace(_object_keys={}), obj) == before  # type: ignore[arg-type]
    assert {"usage", "model", "quoted-key", "k69"} <= before


# -- RE2: no pattern logs "DFA out of memory" ---------------------------------------------------------------------------
def _module_patterns() -> dict[str, Any]:
    """Every RE2 pattern bound at module level in modelmap (directly, or in a tuple / list / dict value)."""
    for mod in pkgutil.walk_packages(modelmap.__path__, "modelmap."):
        spec = importlib.util.find_spec(mod.name)
        origin = spec.origin if spec is not None else None
        if ".migrations" in mod.name or not origin or not origin.endswith(".py"):
            continue  # alembic environment scripts run on import
        with open(origin, encoding="utf-8") as fh:
            text = fh.read()
        if "re2" in text or "linear(" in text:  # only modules that can build an RE2 pattern (the rest import slowly)
            importlib.import_module(mod.name)
    import sys

    found: dict[str, Any] = {}
    for name, module in list(sys.modules.items()):
        if not name.startswith("modelmap") or module is None:
            continue
        for value in list(vars(module).values()):
            items = value.values() if isinstance(value, dict) else value if isinstance(value, list | tuple) else [value]
            for item in items:
                if isinstance(item, re2._Regexp):
                    found.setdefault(item.pattern, item)
    return found


def _lines(n: int = 40_000) -> list[str]:
    rnd = random.Random(21)
    return ["a" * n, "ab-1.c:d/" * (n // 9), "model gpt-4o llama3:8b " * (n // 24), "é漢字ü" * (n // 4),
            ("'^" + "a" * 300 + "$' ") * (n // 305), ("k: '" + "é字" * 100 + "' ") * (n // 205),
            "for m in " + "qwen2.5:7b " * (n // 11),
            "".join(rnd.choice("abcXYZ019-_.:/ '\"=^$@{}[]()<>,;#\\\té字") for _ in range(n))]


def _dfa_logged(capfd: pytest.CaptureFixture[str], patterns: list[Any]) -> list[str]:
    capfd.readouterr()
    bad = []
    for rx in patterns:
        for line in _lines():
            for n, _ in enumerate(rx.finditer(line)):
                if n > 2_000:
                    break
        if "DFA out of memory" in capfd.readouterr().err:
            bad.append(rx.pattern[:120])
    return bad


def test_the_guard_sees_the_pattern_that_logged(capfd: pytest.CaptureFixture[str]) -> None:
    old = linear(r"""(["'])\^([A-Za-z0-9][\w.:/-]{0,150})\$(["'])""")  # shell.py's _EXACT_PATTERN before 0790daf
    assert _dfa_logged(capfd, [old])


def test_no_module_pattern_logs_dfa_out_of_memory(capfd: pytest.CaptureFixture[str]) -> None:
    patterns = list(_module_patterns().values())
    assert len(patterns) >= 10  # the scanner's linear() patterns are found
    assert _dfa_logged(capfd, patterns) == []


# -- config_files: a value over the embedded readers' bounds is a reported skip ----------------------------------------
def _config_scan(path: str, text: str) -> tuple[list[Any], list[Any]]:
    from modelmap.discover.base import SourceFile
    from modelmap.discover.config_files import ConfigFileSource
    from modelmap.types import Skip

    out = ConfigFileSource().scan(SourceFile(path, text))
    return [f for f in out if not isinstance(f, Skip)], [f for f in out if isinstance(f, Skip)]


def _entries(n: int) -> str:
    return "".join(f"  - name: m{i}\n    parameters:\n      model: m{i}.Q4_K_M.gguf\n" for i in range(n))


def test_a_block_list_over_64k_is_a_reported_skip() -> None:
    found, skips = _config_scan("aikitfile.yaml", "apiVersion: v1alpha1\nconfig: |\n" + _entries(1_200))
    assert not found
    assert [s.reason for s in skips] == ["analysis-budget"] and "over 64 KiB" in skips[0].detail
    found, skips = _config_scan("aikitfile.yaml", "apiVersion: v1alpha1\nconfig: |\n" + _entries(50))
    assert found and not skips  # under the bound: read, nothing to report


def test_a_cassette_body_over_64k_is_a_reported_skip() -> None:
    body = '{"c":"' + "''" * 35_000 + '","model":"gpt-4o"}'
    text = ("http_interactions:\n- request:\n    method: post\n    body:\n      encoding: UTF-8\n"
            f"      string: '{body}'\n")
    found, skips = _config_scan("spec/vcr/q.yml", text)
    assert "gpt-4o" not in {getattr(f, "raw", None) for f in found}
    assert len(skips) == 1 and "JSON value" in skips[0].detail


def test_a_big_block_naming_no_model_stays_quiet() -> None:
    """A dashboard's JSON in a ConfigMap, 80 KB of keys and numbers: passing it over loses nothing this scan seeks."""
    dash = "dashboard.json: |\n" + "".join(f'  "panel{i}": {{"x": {i}, "y": 2}},\n' for i in range(3_000))
    _found, skips = _config_scan("cm.yaml", "apiVersion: v1\nkind: ConfigMap\ndata:\n" + dash.replace("\n", "\n  "))
    assert not skips
