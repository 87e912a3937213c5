"""Jupyter notebooks: the code cells, scanned as Python.

A finding's ``line`` is the line in the .ipynb file itself (so editors and SARIF viewers land
on it); ``cell`` (0-based index among all cells) and ``cell_line`` (1-based line inside the
cell) give the position inside the notebook. The JSON is parsed once with the standard
library, and each cell's source line is located in the raw file text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import replace

from modelmap.discover.base import GENERATED_LINE, Sample, SourceFile, looks_generated
from modelmap.discover.python import scan_python_text
from modelmap.types import Finding, Skip

_MAGIC = re.compile(r"^\s*[%!]")
# the code read from one notebook, all cells together: the engine lets a notebook be 8 times the size limit because
# its outputs are dropped unread (engine.size_limit), but its code is read as a file of that size would be: past
# this many characters the later cells are a 'too-large' skip (a 30 MB cell of code cost 508 MB RSS)
MAX_CODE_CHARS = 4 * 1024 * 1024
# a cell magic that runs the whole cell as a shell script (`%%bash`, `%%sh`, `%%script bash`, Colab's `%%shell`)
_SHELL_CELL = re.compile(r"^\s*%%(?:bash|sh|shell|script\s+(?:ba|z)?sh)\b")


def _shell_lines(lines: list[str]) -> list[str | None]:
    """Per cell line: the shell text it holds, or None for a Python line. A `!` / `%` escape is shell, and so is
    each line it continues onto with a trailing backslash (`!python train.py \\` then `    --model_name_or_path
    Qwen/Qwen2.5-0.5B \\` ...: IPython joins them into one command, as a shell does); every line of a `%%bash`
    cell is shell. Linear in the cell."""
    out: list[str | None] = [None] * len(lines)
    if lines and _SHELL_CELL.match(lines[0]):
        whole: list[str | None] = [""]
        return whole + [x.rstrip("\r\n") for x in lines[1:]]
    continued = False
    for i, raw in enumerate(lines):
        text = raw.rstrip("\r\n")
        if continued:
            out[i] = text
        elif _MAGIC.match(text):
            # the escape character is blanked, not cut, so columns stay those of the cell line
            at = len(text) - len(text.lstrip())
            out[i] = text[:at] + " " + text[at + 1:]
        else:
            continue
        continued = text.endswith("\\")
    return out


_LEAD = re.compile(r"[ \t]*")


def _fragment_indent(code: str) -> int:
    """The leading white space every non-blank line of a cell shares, when its first line has some (a fragment
    cut out of a class or a block); 0 otherwise, or when the lines do not share one prefix. Linear in the cell."""
    prefix: str | None = None
    for line in code.splitlines():
        if not line.strip():
            continue
        lead = _LEAD.match(line)
        head = lead.group(0) if lead else ""
        if prefix is None:
            if not head:
                return 0
            prefix = head
        elif not line.startswith(prefix):
            common = 0
            while common < min(len(prefix), len(head)) and prefix[common] == head[common]:
                common += 1
            prefix = prefix[:common]
            if not prefix:
                return 0
    return len(prefix or "")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _cell_line_map(text: str, cells: list[dict]) -> dict[int, int]:
    """Map cell index -> line number (1-based, in the file) of the cell's first source line."""
    starts: dict[int, int] = {}
    pos = 0
    counted_to, line = 0, 1  # newlines are counted incrementally: linear in the file, however many cells
    for index, cell in enumerate(cells):
        src = cell.get("source")
        first = src[0] if isinstance(src, list) and src else src if isinstance(src, str) else None
        key = text.find('"source"', pos)
        if key < 0:
            break
        pos = key + 8
        if first is None:
            continue
        # the first source line is the next JSON string after "source": [
        quote = text.find('"', text.find("[", pos) if isinstance(src, list) else pos)
        if quote < 0:
            continue
        if quote >= counted_to:
            line += text.count("\n", counted_to, quote)
        else:
            line = text.count("\n", 0, quote) + 1
        counted_to = quote
        starts[index] = line
        pos = quote
    return starts


class NotebookSource:
    id = "notebook"
    description = "Jupyter notebooks: Python code cells"
    samples: tuple[Sample, ...] = (
        Sample(
            "nb/demo.ipynb",
            json.dumps({"cells": [{"cell_type": "markdown", "source": ["# gpt-4o notes\n"]},
                                  {"cell_type": "code", "source": ["from openai import OpenAI\n",
                                                                   "c = OpenAI()\n",
                                                                   "c.chat.completions.create(model='gpt-4o-mini', messages=[])\n"]}],
                        "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1),
            ("gpt-4o-mini",),
        ),
        Sample("nb/empty.ipynb", '{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}', ()),
    )

    def applies_to(self, path: str) -> bool:
        return path.endswith(".ipynb")

    def scan(self, file: SourceFile) -> Iterable[Finding | Skip]:
        try:
            doc = json.loads(file.text)
        except (ValueError, RecursionError) as exc:
            return [Skip(file.path, "parse-error", f"notebook: invalid JSON: {exc}")]
        cells = doc.get("cells") if isinstance(doc, dict) else None
        if not isinstance(cells, list):
            # nbformat 3 keeps cells under worksheets
            sheets = doc.get("worksheets") if isinstance(doc, dict) else None
            cells = [c for s in sheets or [] if isinstance(s, dict) for c in s.get("cells") or []]
            if not cells:
                return [Skip(file.path, "parse-error", "notebook: no cells list")] if not isinstance(doc, dict) or (
                    "cells" not in doc and "worksheets" not in doc) else []
        cells = [c if isinstance(c, dict) else {} for c in cells]
        line_map = _cell_line_map(file.text, cells)
        out: list[Finding | Skip] = []
        code_chars = 0
        for index, cell in enumerate(cells):
            if cell.get("cell_type") != "code":
                continue
            src = cell.get("source", cell.get("input", ""))
            size = sum(len(x) if isinstance(x, str) else 0 for x in src) if isinstance(src, list) else \
                len(src) if isinstance(src, str) else 0
            code_chars += size
            if code_chars > MAX_CODE_CHARS:
                out.append(Skip(file.path, "too-large", f"cell {index}: the code cells hold more than "
                                f"{MAX_CODE_CHARS} characters; this and later cells not scanned"))
                break
            lines = src if isinstance(src, list) else str(src).splitlines(keepends=True)
            lines = [str(x) for x in lines]
            # magics and shell escapes (with the lines they continue onto) are not Python: blank them, keep line
            # numbers
            shell = _shell_lines(lines)
            code = "".join("\n" if sh is not None or _MAGIC.match(x) else (x if x.endswith("\n") else x + "\n")
                           for x, sh in zip(lines, shell, strict=True))
            # a JSON "\ud800" escape leaves a lone surrogate: replaced (same length) so no encoder fails on it
            code = _SURROGATE.sub("\ufffd", code)
            if looks_generated(code):  # as the engine's "generated" skip, per cell
                out.append(Skip(file.path, "generated", f"cell {index}: {len(code)} characters in lines averaging "
                                f"over {GENERATED_LINE} characters"))
                continue
            # a cell that shows a method or block on its own, indented as it stands in its class
            # (`    def embed_documents(self, texts):` …): read with the indent all its lines share taken off,
            # the columns given back below
            indent = _fragment_indent(code)
            if indent:
                code = "".join(x[indent:] if x.strip() else x for x in code.splitlines(keepends=True))
            results = scan_python_text(SourceFile(file.path, code, "notebook"), "notebook")
            base = line_map.get(index)
            stop = False
            for item in results:
                if isinstance(item, Skip):
                    if item.reason in ("analysis-budget", "findings-capped"):
                        stop = True  # the file's budget is spent: later cells are not scanned
                        out.append(Skip(file.path, item.reason, f"cell {index}: {item.detail}; later cells "
                                        "not scanned"))
                    else:
                        out.append(Skip(file.path, item.reason, f"cell {index}: {item.detail}"))
                    continue
                cell_line = item.line
                file_line = base + cell_line - 1 if base is not None else cell_line
                source = item.source.replace("python-", "notebook-", 1) if item.source.startswith("python-") else item.source
                out.append(replace(item, line=file_line, column=item.column + indent, cell=index,
                                   cell_line=cell_line, source=source, context="notebook"))
            # shell escapes such as "!ollama pull llama3" or "!huggingface-cli download X", a command continued over
            # lines, a `%%bash` cell: read by the shell reader as a script of those lines (Python lines left blank,
            # so its line numbers are the cell's)
            if any(sh for sh in shell):
                from modelmap.discover.shell import ShellSource

                script = "".join((sh or "") + "\n" for sh in shell)
                first = base or 1
                for item in ShellSource().scan(SourceFile(file.path, script, "notebook")):
                    if isinstance(item, Skip):
                        out.append(Skip(file.path, item.reason, f"cell {index}: {item.detail}"))
                        continue
                    out.append(replace(item, line=first + item.line - 1, cell=index, cell_line=item.line,
                                       source="notebook-shell", context="notebook"))
            if stop:
                break
        return out
