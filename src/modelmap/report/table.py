"""Terminal tables that read at any width: scan results and check violations.

One set of rows, three layouts (issue 13, item 6):

* **table**: a Rich table, when it fits the terminal without cutting anything. Key cells (model
  ids, file paths, rule ids) never wrap; prose cells wrap at spaces, never below a readable width.
* **folded**: when it does not fit, columns that name an ``under`` column (scan's "where",
  check's "where") move onto a second line of that column's cell, and the table is tried again.
* **stacked**: when even that would not fit, each row becomes a block: its head cells on one line,
  then the short cells joined on one line (``OpenAI · proprietary · generation · 3 uses``; an
  unknown value keeps its column name: ``license unknown``), then each other cell on a line of its
  own. A value longer than the line folds onto the next line; nothing is cut off.
* **plain**: when standard output is not a terminal (a pipe, a file, a CI log), full-width rows
  with columns padded by spaces: no box drawing, no clipping, and group cells (the origin) repeated
  on every row so each line stands alone for grep. Field/value records (trace, inspect) are written
  the same way off a terminal (:func:`plain_fields`): one line per field, nothing wrapped.

Every command's table output follows this one rule (scan, check, scenario, alternatives, trace, inspect, diff,
probe, runtime): laid out for the terminal's width on a terminal; plain lines in a pipe or a file, whatever
COLUMNS says, since a pipe has no width and wrapping there only breaks ids and paths for grep.

Every cell comes from scanned data and goes through :func:`modelmap.output.text` / ``visible``:
never Rich markup, never a raw control character.
"""

from __future__ import annotations

import io
import os
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from modelmap.output import text, to_utf8, visible
from modelmap.types import Finding, ScanResult

if TYPE_CHECKING:
    from modelmap.policy.engine import CheckResult

KEY, PROSE, NUMBER = "key", "prose", "number"
PROSE_MIN = 18  # a prose column narrower than this reads as a word per line: stack instead
GAP = 2  # spaces between plain columns


@dataclass(frozen=True)
class Column:
    """``kind``: KEY (an id or a path: never wrapped or cut), PROSE (may wrap at spaces) or NUMBER
    (right-aligned). ``head``: shown on a stacked block's first line instead of a label line."""

    name: str
    kind: str = PROSE
    head: bool = False
    under: str | None = None  # on a narrower terminal, shown on a second line in this other column
    min_width: int = PROSE_MIN  # a prose column is never squeezed below this (or its longest cell)
    joined: bool = False  # stacked: on one line with the other joined cells ("OpenAI · mit · 3 uses")


@dataclass
class Grid:
    """Rows of plain strings under ``columns``. ``group`` is the index of a column whose value
    heads a run of rows (shown once per run in the table and stacked layouts)."""

    title: str
    columns: tuple[Column, ...]
    rows: list[tuple[str, ...]] = field(default_factory=list)
    group: int | None = None
    styles: dict[int, str] = field(default_factory=dict)  # column index -> Rich style (terminal only)


def _cell_len(value: str) -> int:
    from rich.cells import cell_len

    return cell_len(value)


def _longest_word(value: str) -> int:
    return max((_cell_len(w) for w in value.split()), default=0)


def _cells_of(grid: Grid, index: int, folded: bool) -> list[str]:
    """The cells a table column must hold: its own, plus (folded) those of the columns under it."""
    name = grid.columns[index].name
    cells = [r[index] for r in grid.rows] + [name]
    if folded:
        for j, col in enumerate(grid.columns):
            if col.under == name:
                cells += [r[j] for r in grid.rows]
    return cells


def _shown_columns(grid: Grid, folded: bool) -> list[int]:
    return [i for i, c in enumerate(grid.columns) if not (folded and c.under is not None)]


def minimum_width(grid: Grid, *, folded: bool = False) -> int:
    """The narrowest table layout that cuts nothing: key and number columns at their longest
    cell, prose columns at their longest word (and at least PROSE_MIN, or their longest cell if
    shorter), plus one space of padding each side and a one-column separator (no outer edge)."""
    shown = _shown_columns(grid, folded)
    total = 0
    for i in shown:
        cells = _cells_of(grid, i, folded)
        if grid.columns[i].kind == PROSE:
            longest = max(_cell_len(c) for c in cells)
            need = max(max(_longest_word(c) for c in cells), min(grid.columns[i].min_width, longest))
        else:
            need = max(_cell_len(c) for c in cells)
        total += need
    n = len(shown)
    return total + 2 * n - 2 + (n - 1)


def _table(grid: Grid, *, folded: bool = False) -> Any:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    shown = _shown_columns(grid, folded)
    under = {i: [j for j, c in enumerate(grid.columns) if folded and c.under == grid.columns[i].name] for i in shown}
    table = Table(title=text(grid.title), title_justify="left", box=box.SIMPLE_HEAD, show_edge=False,
                  pad_edge=False, padding=(0, 1), header_style="bold")
    for i in shown:
        col = grid.columns[i]
        header = " / ".join([col.name] + [grid.columns[j].name for j in under[i]])
        if col.kind == PROSE:
            longest = max((_cell_len(c) for c in _cells_of(grid, i, folded)), default=0)
            table.add_column(header, overflow="fold", min_width=min(col.min_width, max(longest, 1)))
        else:
            table.add_column(header, no_wrap=True, overflow="fold",
                             justify="right" if col.kind == NUMBER else "left")
    previous: str | None = None
    for row in grid.rows:
        values = list(row)
        if grid.group is not None:
            current = values[grid.group]
            values[grid.group] = "" if current == previous else current
            previous = current
        cells = []
        for i in shown:
            cell = text(values[i], style=grid.styles.get(i, ""))
            for j in under[i]:
                cell = Text("\n").join([cell, text(values[j], style="dim")])
            cells.append(cell)
        table.add_row(*cells)
    return table


def _joined_cell(col: Column, value: str) -> str:
    if col.kind == NUMBER:
        return f"{value} {col.name[:-1] if value == '1' and col.name.endswith('s') else col.name}"
    return f"{col.name} {value}" if value in ("", "unknown", "?") else value


def _stacked(grid: Grid) -> list[Any]:
    from rich.padding import Padding
    from rich.text import Text

    out: list[Any] = [text(grid.title, style="bold")]
    heads = [i for i, c in enumerate(grid.columns) if c.head and i != grid.group]
    joined = [i for i, c in enumerate(grid.columns) if c.joined and not c.head and i != grid.group]
    alone = [i for i, c in enumerate(grid.columns) if not (c.head or c.joined) and i != grid.group]
    previous: str | None = None
    for row in grid.rows:
        if grid.group is not None and row[grid.group] != previous:
            previous = row[grid.group]
            out.append(Text.assemble(text(grid.columns[grid.group].name + ": ", style="dim"),
                                     text(previous, style="bold")))
        line = Text("  ").join(text(row[i], style=grid.styles.get(i, "bold")) for i in heads)
        line.overflow = "fold"
        out.append(Padding(line, (0, 0, 0, 2)))
        if joined:
            short = Text(" · ").join(text(_joined_cell(grid.columns[i], row[i])) for i in joined)
            short.overflow = "fold"
            out.append(Padding(short, (0, 0, 0, 6)))
        for i in alone:
            cell = text(row[i], style=grid.styles.get(i, "dim" if grid.columns[i].kind == KEY else ""))
            cell.overflow = "fold"
            out.append(Padding(cell, (0, 0, 0, 6)))
    return out


def plain(grid: Grid) -> str:
    """Full-width plain rows: the title, a header line, then one line per row; columns padded
    with spaces to their longest cell, number columns right-aligned; nothing wrapped or cut."""
    cells = [[visible(c) for c in row] for row in grid.rows]
    names = [c.name for c in grid.columns]
    widths = [max([_cell_len(n)] + [_cell_len(r[i]) for r in cells]) for i, n in enumerate(names)]
    last = len(names) - 1

    def line(values: Sequence[str]) -> str:
        parts = []
        for i, (value, w) in enumerate(zip(values, widths, strict=True)):
            pad = " " * (w - _cell_len(value))
            if grid.columns[i].kind == NUMBER:
                parts.append(pad + value)
            else:
                parts.append(value if i == last else value + pad)
        return (" " * GAP).join(parts).rstrip()

    lines = [visible(grid.title), line(names)] + [line(r) for r in cells]
    return "\n".join(lines) + "\n"


def plain_fields(title: str, rows: Sequence[tuple[str, str]]) -> str:
    """A field/value record (trace, inspect) off a terminal: the title, then one line per field, the values
    aligned after the longest field name and never wrapped, so an id or a path stays whole on its line for grep.
    A value's own line breaks (a lineage tree) continue under the value column."""
    shown = [(visible(f), [visible(line) for line in v.split("\n")]) for f, v in rows]
    width = max((_cell_len(f) for f, _ in shown), default=0)
    lines = [visible(title)]
    for name, values in shown:
        lines.append(("  " + name + " " * (width - _cell_len(name)) + " " * GAP + values[0]).rstrip())
        lines += [(" " * (2 + width + GAP) + more).rstrip() for more in values[1:]]
    return "\n".join(lines) + "\n"


def render_lines(lines: Sequence[str], *, width: int, terminal: bool, color: bool = False) -> str:
    """Sentences printed with a table (a summary, findings): wrapped at spaces to ``width`` on a terminal, one
    line each off it (grep finds a whole sentence)."""
    if not lines:
        return ""
    if not terminal:
        return "".join(visible(line) + "\n" for line in lines)
    return render([text(line) for line in lines], width=width, color=color)


def layout(grid: Grid, *, width: int) -> list[Any]:
    """The terminal renderables for ``grid``: a table when it fits ``width``, else stacked blocks."""
    if not grid.rows or minimum_width(grid) <= width:
        return [_table(grid)]
    if any(c.under for c in grid.columns) and minimum_width(grid, folded=True) <= width:
        return [_table(grid, folded=True)]
    return _stacked(grid)


def render_grids(grids: Sequence[Grid], *, width: int, terminal: bool, color: bool = False) -> str:
    """Grids as text: laid out for a terminal of ``width`` columns, or plain rows off a terminal."""
    if not terminal:
        return "\n".join(plain(g) for g in grids)
    renderables: list[Any] = []
    for grid in grids:
        renderables += layout(grid, width=width)
    return render(renderables, width=width, color=color)


# --------------------------------------------------------------------------- scan


def _model_key(f: Finding) -> str:
    res = f.resolution or {}
    model = res.get("model") or {}
    return str(model.get("id") or f.raw)


def _origin_label(f: Finding) -> str:
    res = f.resolution
    if res is None:
        return "not resolved"
    origins = res.get("origins") or []
    return "+".join(origins) if origins else "unknown"


def shown_root(root: str) -> str:
    """The scanned folder as the user would write it: relative to the current folder when inside it."""
    try:
        rel = os.path.relpath(root)
    except ValueError:  # another drive (Windows)
        return root
    if rel == ".":
        return os.path.basename(os.path.abspath(root)) or root
    return root if rel.startswith("..") else rel.replace(os.sep, "/")


def scan_grids(result: ScanResult) -> list[Grid]:
    """The models table (grouped by origin when resolved) and the endpoints table."""
    models = [f for f in result.findings if f.kind != "endpoint"]
    endpoints = [f for f in result.findings if f.kind == "endpoint"]
    groups: dict[str, dict[str, list[Finding]]] = defaultdict(lambda: defaultdict(list))
    for f in models:
        groups[_origin_label(f)][_model_key(f)].append(f)
    resolved = any(f.resolution is not None for f in models)
    columns = [Column("origin", min_width=9)] if resolved else []
    columns.append(Column("model", KEY, head=True))
    if resolved:
        columns += [Column("publisher", min_width=12, joined=True), Column("license", KEY, joined=True)]
    columns += [Column("role", KEY, joined=True), Column("uses", NUMBER, joined=True),
                Column("where", KEY, under="model")]
    grid = Grid(f"AI models in {shown_root(result.root)}", tuple(columns), group=0 if resolved else None,
                styles={0: "bold"} if resolved else {})
    for origin in sorted(groups, key=lambda o: (-sum(len(v) for v in groups[o].values()), o)):
        count = sum(len(v) for v in groups[origin].values())
        for key in sorted(groups[origin], key=lambda k: (-len(groups[origin][k]), k)):
            items = groups[origin][key]
            f0 = items[0]
            roles = sorted({f.role for f in items if f.role != "unknown"}) or ["unknown"]
            raws = [f.raw for f in items]
            shown = max(dict.fromkeys(raws), key=lambda r: (raws.count(r), -raws.index(r)))  # most used, then first
            # the place shown is one of the spelling shown; other spellings of the same model are counted, not
            # hidden (a Bedrock id and its apac. profile are one model with two serving answers)
            first = next(f for f in items if f.raw == shown)
            spellings = len(set(raws))
            more = [f"+{len(items) - 1}"] if len(items) > 1 else []
            more += [f"{spellings} spellings"] if spellings > 1 else []
            where = f"{first.path}:{first.line}" + (f" ({', '.join(more)})" if more else "")
            row = [f"{origin} ({count})"] if resolved else []
            row.append(shown if len(shown) < 60 else key)
            if resolved:
                res = f0.resolution or {}
                publisher = res.get("publisher") or {}
                row += [str(publisher.get("name") or publisher.get("id") or "unknown"),
                        str((res.get("license") or {}).get("id") or "unknown")]
            row += ["/".join(roles), str(len(items)), where]
            grid.rows.append(tuple(row))
    grids = [grid]
    if endpoints:
        eg = Grid("Model API endpoints", (Column("provider", KEY, joined=True), Column("endpoint", KEY, head=True),
                                          Column("where", KEY, under="endpoint")))
        by: dict[tuple[str, str], list[Finding]] = defaultdict(list)
        for f in endpoints:
            by[(f.provider or "unknown", f.endpoint or f.raw)].append(f)
        for (provider, url), items in sorted(by.items()):
            places = ", ".join(f"{f.path}:{f.line}" for f in items[:3])
            if len(items) > 3:
                places += f" (+{len(items) - 3})"
            eg.rows.append((provider, url, places))
        grids.append(eg)
    return grids


def render_scan(result: ScanResult, *, width: int, terminal: bool, color: bool = False) -> str:
    """The scan tables as text (see render_grids)."""
    return render_grids(scan_grids(result), width=width, terminal=terminal, color=color)


def _count(n: int, noun: str) -> str:
    """'1 file', '2 files': the summary line is read by people."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


count_of = _count  # the same wording for the other commands' summary lines (runtime, diff)


def summary_line(result: ScanResult) -> str:
    s = result.stats
    models = {(_model_key(f)) for f in result.findings if f.kind != "endpoint"}
    skipped = sum(s.skipped.values())
    reasons = ", ".join(f"{k}: {v}" for k, v in sorted(s.skipped.items()))
    places = sum(1 for f in result.findings if f.kind != "endpoint")
    text = (f"{_count(len(models), 'model')} in {_count(places, 'place')}; "
            f"{_count(s.files_scanned, 'file')} scanned ({s.bytes_scanned / 1e6:.1f} MB) in {s.seconds:.2f}s")
    if skipped:
        text += f"; {skipped} skipped ({reasons})"
    return text


class ScanTableRenderer:
    """``scan --format table -o FILE``: the plain layout (a file is not a terminal)."""

    id = "table"
    media_type = "text/plain"

    def render(self, result: ScanResult) -> bytes:
        body = render_grids(scan_grids(result), width=0, terminal=False)
        return to_utf8(body + summary_line(result) + "\n")


# --------------------------------------------------------------------------- check

_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "note": "cyan"}


def check_grid(result: CheckResult) -> Grid:
    """One row per unwaived violation (waived ones are counted in the summary line)."""
    from modelmap.policy.summary import describe

    grid = Grid("modelmap check", (Column("severity", KEY, head=True), Column("rule", KEY, head=True),
                                   Column("where", KEY, head=True, under="rule"), Column("what the rule says"),
                                   Column("details")),
                styles={1: "bold"})
    for v in result.violations:
        if v.is_waived:
            continue
        grid.rows.append((v.severity, v.rule_id, f"{v.path}:{v.line}", v.message, describe(v, with_message=False)))
    return grid


def render_check(result: CheckResult, *, width: int, terminal: bool, color: bool = False) -> str:
    """The check table as text: empty when nothing is left unwaived."""
    grid = check_grid(result)
    if not grid.rows:
        return ""
    return render_grids([grid], width=width, terminal=terminal, color=color)


def render(renderables: Sequence[Any], *, width: int, color: bool = False) -> str:
    """Renderables as terminal text at ``width`` (styled only with ``color``)."""
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=color, color_system="standard" if color else None,
                      no_color=not color, highlight=False, emoji=False, legacy_windows=False)
    for item in renderables:
        console.print(item)
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())
