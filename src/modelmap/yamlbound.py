"""Nesting bounds for untrusted YAML parsed with PyYAML's libyaml loader.

Hand-written because PyYAML offers no depth limit of its own: libyaml's parser refuses nesting past 1,000 levels only
from libyaml 0.2.6 on, and PyYAML wheels up to 6.0.3 bundle 0.2.5, whose composer (Cython, in ``_yaml.pyx``) recurses
in C once per level and kills the process with SIGSEGV on a 300,000-deep ``- - - x`` line or ``[[[...]]]`` list (a
1 MB file). The pure-Python loader recurses in Python and stops with RecursionError, which callers already catch.

``nesting_error`` answers, before anything is composed, whether a text nests deeper than ``MAX_YAML_DEPTH``: flow
brackets are counted in one pass over the characters (only when there are more of them than the limit); block nesting
is checked only under a libyaml that does not bound it itself, and only when a cheap bound (each block level needs one
more indicator column, a compact sequence under a mapping key excepted) leaves it possible: then libyaml's own event
parser, which keeps its state on the heap, counts the open collections.

``ConfigLoader`` / ``SafeConfigLoader`` (libyaml's loader where installed / the pure-Python one) construct an integer
scalar only when it is at most ``MAX_YAML_INT_CHARS`` long, and keep a longer one as its text: SafeConstructor turns a
YAML 1.1 sexagesimal integer (``1:59:59:...``) into an int by multiplying a growing base once per part, quadratic in
the scalar's length (a 900 KB scalar took 22 s of CPU, a policy file of 8 MiB would take hours), and a hex or binary
integer of thousands of digits converts but then fails ``str()`` (Python's 4,300-digit limit) wherever it is shown. A
sexagesimal float over 256 characters stays text too (``_bounded_float``: past ~173 parts its sum overflows)."""

from __future__ import annotations

from typing import Any

import yaml

LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_YAML_DEPTH = 500


def _libyaml_bounds_nesting() -> bool:
    if LOADER is yaml.SafeLoader:
        return True  # pure Python: RecursionError, not a crash
    try:
        from yaml import _yaml

        return tuple(_yaml.get_version()) >= (0, 2, 6)
    except (ImportError, AttributeError, TypeError):  # pragma: no cover - a libyaml build without get_version
        return False


MAX_YAML_INT_CHARS = 256
_INT_TAG = "tag:yaml.org,2002:int"


def _bounded_int(constructor: Any, node: yaml.ScalarNode) -> Any:
    """An implicit or ``!!int`` scalar as an int when it is short; a longer one stays text (no config value or label is
    a number of hundreds of digits, and its conversion is what costs: see the module's docstring)."""
    value = constructor.construct_scalar(node)
    if isinstance(value, str) and len(value) > MAX_YAML_INT_CHARS:
        return value
    return yaml.constructor.SafeConstructor.construct_yaml_int(constructor, node)


class ConfigLoader(LOADER):
    """LOADER whose integers are bounded (``_bounded_int``); add_constructor copies the table, LOADER is unchanged."""


class SafeConfigLoader(yaml.SafeLoader):
    """yaml.SafeLoader (pure Python: deep nesting is a RecursionError) whose integers are bounded."""


_FLOAT_TAG = "tag:yaml.org,2002:float"


def _bounded_float(constructor: Any, node: yaml.ScalarNode) -> Any:
    """An implicit or ``!!float`` scalar as a float, but a sexagesimal one (``1:59:59.5``) over 256 characters stays
    text: SafeConstructor sums its parts with an integer base multiplied by 60 per part, which past ~173 parts no float
    can hold - an OverflowError that made the whole document unreadable (a card's front matter, a Paddle config: its
    model name lost). At 256 characters there are at most 128 parts (60**128 < 1e228): always a float."""
    value = constructor.construct_scalar(node)
    if isinstance(value, str) and len(value) > MAX_YAML_INT_CHARS and ":" in value:
        return value
    return yaml.constructor.SafeConstructor.construct_yaml_float(constructor, node)


ConfigLoader.add_constructor(_INT_TAG, _bounded_int)
SafeConfigLoader.add_constructor(_INT_TAG, _bounded_int)
ConfigLoader.add_constructor(_FLOAT_TAG, _bounded_float)
SafeConfigLoader.add_constructor(_FLOAT_TAG, _bounded_float)


# whether the installed loader stops deep nesting by itself (checked once; tests may set it False)
LIBYAML_BOUNDS_NESTING = _libyaml_bounds_nesting()


def flow_depth_exceeds(text: str, limit: int = MAX_YAML_DEPTH) -> bool:
    """Whether ``[``/``{`` open more than ``limit`` levels anywhere (brackets inside strings count too: conservative)."""
    if text.count("[") + text.count("{") <= limit:
        return False
    depth = 0
    for ch in text:
        if ch in "[{":
            depth += 1
            if depth > limit:
                return True
        elif ch in "]}":
            depth = max(0, depth - 1)
    return False


def nesting_error(text: str, limit: int = MAX_YAML_DEPTH) -> str | None:
    """Why ``text`` must not be composed (collections nested deeper than ``limit``), or None. A text that is not YAML
    raises yaml.YAMLError here only on the slow path; callers treat it as they treat a parse error."""
    if flow_depth_exceeds(text, limit):
        return f"flow collections nested deeper than {limit}"
    if LIBYAML_BOUNDS_NESTING:
        return None
    widest = max(map(len, text.splitlines()), default=0)
    if 2 * (widest + 1) + text.count("[") + text.count("{") <= limit:
        return None
    depth = 0
    for event in yaml.parse(text, Loader=LOADER):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > limit:
                return f"collections nested deeper than {limit}"
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None
