"""Terminal tables (Rich) for scan results: models grouped by origin country when resolved."""

from __future__ import annotations

import io
from collections import defaultdict
from typing import Any

from rich.console import Console
from rich.table import Table

from modelmap.output import text, to_utf8
from modelmap.types import Finding, ScanResult


def _model_key(f: Finding) -> str:
    res = f.resolution or {}
    model = res.get("model") or {}
    return str(model.get("id") or f.raw)


def _origin_label(f: Finding) -> str:
    res = f.resolution
    if res is None:
        return "not resolved"
    origins = res.get("origins") or []
    return "+".join(origins) if origins else "unknown origin"


def build_scan_tables(result: ScanResult) -> list[Any]:
    models = [f for f in result.findings if f.kind != "endpoint"]
    endpoints = [f for f in result.findings if f.kind == "endpoint"]
    groups: dict[str, dict[str, list[Finding]]] = defaultdict(lambda: defaultdict(list))
    for f in models:
        groups[_origin_label(f)][_model_key(f)].append(f)
    resolved = any(f.resolution is not None for f in models)
    out: list[Any] = []
    # On a narrow terminal the model name keeps its width and the other columns give way (ellipsis):
    # the name is what a reader scans for.
    table = Table(title=text(f"AI models in {result.root}"), show_lines=False, expand=False)
    table.add_column("origin" if resolved else "", style="bold", no_wrap=True, overflow="ellipsis")
    names = [max({f.raw for f in v}, key=len) for g in groups.values() for v in g.values()]
    table.add_column("model", no_wrap=True, overflow="fold", min_width=min(max(map(len, names), default=5), 48))
    if resolved:
        table.add_column("publisher", overflow="ellipsis", no_wrap=True, max_width=14)
        table.add_column("license", overflow="ellipsis", no_wrap=True, max_width=14)
    table.add_column("role", overflow="ellipsis", no_wrap=True, max_width=10)
    table.add_column("uses", justify="right", no_wrap=True, min_width=4)
    table.add_column("where", overflow="ellipsis", no_wrap=True)
    for origin in sorted(groups, key=lambda o: (-sum(len(v) for v in groups[o].values()), o)):
        first = True
        count = sum(len(v) for v in groups[origin].values())
        for key in sorted(groups[origin], key=lambda k: (-len(groups[origin][k]), k)):
            items = groups[origin][key]
            f0 = items[0]
            roles = sorted({f.role for f in items if f.role != "unknown"}) or ["unknown"]
            where = f"{f0.path}:{f0.line}" + (f" (+{len(items) - 1})" if len(items) > 1 else "")
            shown = max({f.raw for f in items}, key=lambda r: sum(1 for f in items if f.raw == r))
            row = [f"{origin} ({count})" if first and resolved else "", shown if len(shown) < 60 else key]
            if resolved:
                res = f0.resolution or {}
                pub = (res.get("publisher") or {}).get("id") or "?"
                lic = (res.get("license") or {}).get("id") or "?"
                row += [pub, lic]
            row += ["/".join(roles), str(len(items)), where]
            table.add_row(*(text(cell) for cell in row))
            first = False
    out.append(table)
    if endpoints:
        et = Table(title="Model API endpoints")
        et.add_column("provider")
        et.add_column("endpoint")
        et.add_column("where")
        by: dict[tuple[str, str], list[Finding]] = defaultdict(list)
        for f in endpoints:
            by[(f.provider or "?", f.endpoint or f.raw)].append(f)
        for (prov, url), items in sorted(by.items()):
            et.add_row(text(prov), text(url), text(", ".join(f"{f.path}:{f.line}" for f in items[:3])))
        out.append(et)
    return out


def summary_line(result: ScanResult) -> str:
    s = result.stats
    models = {(_model_key(f)) for f in result.findings if f.kind != "endpoint"}
    skipped = sum(s.skipped.values())
    reasons = ", ".join(f"{k}: {v}" for k, v in sorted(s.skipped.items()))
    text = (f"{len(models)} models in {sum(1 for f in result.findings if f.kind != 'endpoint')} places; "
            f"{s.files_scanned} files scanned ({s.bytes_scanned / 1e6:.1f} MB) in {s.seconds:.2f}s")
    if skipped:
        text += f"; {skipped} skipped ({reasons})"
    return text


class ScanTableRenderer:
    id = "table"
    media_type = "text/plain"

    def render(self, result: ScanResult) -> bytes:
        buf = io.StringIO()
        console = Console(file=buf, width=160, no_color=True, force_terminal=False)
        for t in build_scan_tables(result):
            console.print(t)
        console.print(text(summary_line(result)))
        return to_utf8(buf.getvalue())
