"""A YAML (and TOML) loader that remembers where each value came from.

PyYAML's composer keeps a start mark on every node; we convert the node tree into plain dicts and
lists that also carry the 1-based line of each key and item, so config errors can say
``modelmap.yaml:14: ...``. Duplicate keys are an error here (PyYAML silently keeps the last one).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from modelmap.errors import ConfigError
from modelmap.yamlbound import SafeConfigLoader


class LineDict(dict[str, Any]):
    """A mapping that knows the line of itself (``line``) and of each key (``key_lines``)."""

    line: int = 0
    key_lines: dict[str, int]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.key_lines = {}

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list[Any]):
    """A sequence that knows its own line and the line of each item."""

    line: int = 0
    item_lines: list[int]

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.item_lines = []

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if 0 <= index < len(self.item_lines) else self.line


class _Loader(SafeConfigLoader):  # integers bounded: a sexagesimal 1:59:59:... costs quadratic time
    converted = 0


# Dates stay text: PyYAML would build a date (and raise a bare ValueError for 2025-13-45) before the
# config is validated; the validator parses them and names the file and line when one is wrong.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


#: A config is small; more values than this means alias expansion ("billion laughs") or a mistake.
MAX_VALUES = 100_000


def _convert(node: yaml.Node, loader: _Loader, filename: str) -> Any:
    loader.converted += 1
    if loader.converted > MAX_VALUES:
        raise ConfigError(
            f"more than {MAX_VALUES} values (YAML aliases expanding?)",
            where=f"{filename}:{node.start_mark.line + 1}",
            hint="a modelmap config is small: remove anchors/aliases that repeat large blocks",
        )
    if isinstance(node, yaml.MappingNode):
        out = LineDict()
        out.line = node.start_mark.line + 1
        loader.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = _convert(key_node, loader, filename)
            line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                key = str(key)
            if key in out:
                raise ConfigError(
                    f"key {key!r} appears twice (first on line {out.key_lines[key]})",
                    where=f"{filename}:{line}",
                    hint="keep one of them; YAML would silently use the last one",
                )
            out[key] = _convert(value_node, loader, filename)
            out.key_lines[key] = line
        return out
    if isinstance(node, yaml.SequenceNode):
        seq = LineList()
        seq.line = node.start_mark.line + 1
        for item in node.value:
            seq.append(_convert(item, loader, filename))
            seq.item_lines.append(item.start_mark.line + 1)
        return seq
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, OverflowError, TypeError) as exc:  # e.g. an explicit !!timestamp that is no date
        raise ConfigError(f"value {node.value!r} cannot be read: {exc}", where=f"{filename}:{node.start_mark.line + 1}",
                          hint="write dates as YYYY-MM-DD and numbers as plain digits") from None


def load_yaml(text: str, filename: str) -> Any:
    """Parse YAML text into LineDict/LineList/scalars; syntax errors become ConfigError with a line."""
    try:
        loader = _Loader(text)
    except yaml.YAMLError as exc:  # ReaderError: control characters, bad encoding
        raise ConfigError(f"not valid YAML: {exc}", where=filename,
                          hint="the file contains characters YAML does not allow; save it as plain UTF-8 text") from exc
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        return _convert(node, loader, filename)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 0
        raise ConfigError(
            f"not valid YAML: {exc.problem or exc}",
            where=f"{filename}:{line}" if line else filename,
            hint="check indentation and quoting near that line (quote CEL expressions that start with ! or ')",
        ) from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"not valid YAML: {exc}", where=filename) from exc
    except RecursionError as exc:
        raise ConfigError("the YAML is nested too deeply", where=filename,
                          hint="a modelmap config is at most a few levels deep") from exc
    finally:
        loader.dispose()


# --------------------------------------------------------------------------- TOML (pyproject.toml)

_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-\"']+)\s*=")


def attach_toml_lines(data: Any, text: str, table: str = "tool.modelmap") -> Any:
    """Wrap a parsed ``[tool.modelmap]`` table in LineDict/LineList with best-effort line numbers.

    TOML parsers drop positions, so we find headers (``[tool.modelmap.flows.checkout]``,
    ``[[tool.modelmap.rules]]``) and ``key =`` lines in the text. Inline tables get their
    parent's line. Good enough to point a reader at the right block.
    """
    lines = text.splitlines()
    headers: list[tuple[int, str]] = []
    for number, raw in enumerate(lines, start=1):
        match = _HEADER.match(raw)
        if match:
            headers.append((number, match.group(1).replace(" ", "").replace('"', "")))

    def keys_in_block(start: int) -> dict[str, int]:
        found: dict[str, int] = {}
        for number in range(start + 1, len(lines) + 1):
            raw = lines[number - 1]
            if _HEADER.match(raw):
                break
            key_match = _KEY.match(raw)
            if key_match:
                found.setdefault(key_match.group(1).strip("\"'"), number)
        return found

    def wrap(value: Any, dotted: str, line: int, occurrence: int | None = None) -> Any:
        if isinstance(value, dict):
            own = [n for n, h in headers if h == dotted]
            if occurrence is not None and 0 <= occurrence < len(own):
                start = own[occurrence]
            elif own and occurrence is None:
                start = own[0]
            else:
                start = 0
            out = LineDict()
            out.line = start or line
            block_keys = keys_in_block(start) if start else {}
            for key, item in value.items():
                child_dotted = f"{dotted}.{key}"
                child_line = block_keys.get(key, 0)
                if not child_line:
                    child_line = next((n for n, h in headers if h == child_dotted), out.line)
                out[key] = wrap(item, child_dotted, child_line)
                out.key_lines[key] = child_line
            return out
        if isinstance(value, list):
            seq = LineList()
            seq.line = line
            for index, item in enumerate(value):
                is_table_array = isinstance(item, dict) and any(h == dotted for _, h in headers)
                wrapped = wrap(item, dotted, line, index if is_table_array else -1)
                seq.append(wrapped)
                seq.item_lines.append(wrapped.line if isinstance(wrapped, LineDict) else line)
            return seq
        return value

    first = next((n for n, h in headers if h == table), 1)
    return wrap(data, table, first)
