"""Terminal output for ``modelmap trace``: lineage printed as a tree, not a chain.

Each identifier gets a small field/value table; the lineage row is a text tree built from the
``modelmap.trace/2`` edges, so "fine-tuned from Qwen2.5-14B" and "distilled from DeepSeek-R1" are
siblings under the model, and each teacher's own lineage hangs under the teacher.
"""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text

from modelmap.output import text
from modelmap.types import LINEAGE_UNDISCLOSED as UNDISCLOSED

VERBS = {"finetune": "fine-tuned from", "quantization": "quantized from", "merge": "merged from",
         "adapter": "adapter on", "continued-pretrain": "continued pre-training of", "distillation": "distilled from"}
MAX_TREE_LINES = 40


def _pub(p: dict[str, Any] | None) -> str:
    if not p:
        return "unknown"
    return f"{p.get('name')} ({p.get('country') or 'country unknown'})"


def lineage_tree(rec: dict[str, Any]) -> str:
    """The lineage graph as indented lines under the model ("unknown" when the graph is unknown)."""
    edges = rec.get("edges")
    if edges is None:
        return "unknown"
    hidden = set(rec.get("lineage_undisclosed") or ())
    if not edges:
        if (rec.get("model") or {}).get("id") in hidden:
            return UNDISCLOSED
        return "none recorded: trained from scratch" if rec.get("roots") else "-"
    by_child: dict[str, list[dict[str, Any]]] = {}
    for edge in edges:
        by_child.setdefault(edge["child"], []).append(edge)
    model = rec.get("model") or {}
    top = model.get("id") or edges[0]["child"]
    roots = set(rec.get("roots") or ())
    lines: list[str] = [str(top)]
    seen = {top}

    def walk(node: str, prefix: str) -> None:
        kids = by_child.get(node, [])
        for i, edge in enumerate(kids):
            if len(lines) >= MAX_TREE_LINES:
                lines.append(prefix + "… (more in --format json)")
                return
            last = i == len(kids) - 1
            parent = edge["parent"]
            pub = edge.get("parent_publisher")
            where = f" ({pub.get('name')}, {pub.get('country') or 'country unknown'})" if pub else ""
            part = f" [{edge['part']}]" if edge.get("part") else ""
            mark = " [root]" if parent in roots else ""
            claim = " [claimed by the name only]" if edge.get("source") == "name" else ""
            hid = f" [{UNDISCLOSED}]" if parent in hidden else ""
            lines.append(f"{prefix}{'└─ ' if last else '├─ '}{VERBS.get(edge['relation'], edge['relation'])} "
                         f"{parent}{part}{where}{mark}{hid}{claim}")
            if parent not in seen:
                seen.add(parent)
                walk(parent, prefix + ("   " if last else "│  "))

    walk(top, "")
    return "\n".join(lines)


def _origins(rec: dict[str, Any]) -> str:
    origins = rec.get("origins")
    if origins is None:
        return "unknown"
    why: dict[str, list[str]] = {}
    for reason in rec.get("origin_reasons") or ():
        why.setdefault(reason["country"], []).append(reason["because"])
    parts = [f"{c} ({', '.join(why[c])})" if c in why else c for c in origins]
    return ", ".join(parts) + ("" if rec.get("origins_known") else " — incomplete")


def _served(rec: dict[str, Any]) -> str:
    served = rec.get("served_by")
    if not served:
        return "unknown (no endpoint, client or provider prefix says)"
    serving = [str(c) for c in served.get("serving") or []]
    based = served.get("country")
    # where calls are answered is the serving list; the operator's own country is where it is based, never shown
    # as the place a call is served from (a bare Bedrock id is answered in whichever Region the client names)
    if serving:
        where = "/".join(serving) + (f"; operator based in {based}"
                                     if based and based not in serving and serving != ["self-hosted"] else "")
    elif based:
        where = f"operator based in {based}; serving region not known"
    else:
        where = "country unknown"
    evidence = f"; evidence: {served['evidence']}" if served.get("evidence") else ""
    return f"{served.get('operator') or served.get('id')} ({where}){evidence}"


def _license(lic: dict[str, Any]) -> str:
    """The licence id; a re-packaging that declares one licence while the weights it packages carry another shows
    both (the declared id first, then the licence that binds the weights and where it comes from)."""
    text = str(lic.get("id") or "unknown")
    gov = lic.get("governing")
    if isinstance(gov, dict) and gov.get("id"):
        text += f" (declared by the repo; the weights are {gov.get('from')}'s, under {gov['id']})"
    return text


def _rows(rec: dict[str, Any]) -> list[tuple[str, str]]:
    model = rec.get("model") or {}
    lic = rec.get("license") or {}
    rows = [
        ("model", str(model.get("id") or (f"family {model['family']}" if model.get("family") else "unknown"))),
        ("publisher", _pub(rec.get("publisher"))),
        ("license", _license(lic)),
        ("lineage", lineage_tree(rec)),
        ("roots", ", ".join(rec["roots"]) if rec.get("roots") else
         UNDISCLOSED if rec.get("lineage_undisclosed") and rec.get("origins_known") else "unknown"),
        ("origins", _origins(rec)),
        ("served by", _served(rec)),
        ("confidence", str(rec.get("confidence", "unknown"))),
    ]
    if rec.get("reason"):
        rows.append(("why", str(rec["reason"])))
    return rows


class _TraceBlocks:
    """The records' tables, each rendered as Rich renders a titled ``Table`` (the title wrapped to the table's
    width, left-justified, over the field/value rows). Records whose rows are the same (a batch of unknown ids
    of one shape: "unknown", the same publisher, the same reason) share one rendering of the rows, and each
    record's segments are yielded as it is reached rather than built into one group first: a 20,000-id batch
    spent 2.6 ms of Rich table layout per id (53 s) and held every table's segments at once (550 MB)."""

    def __init__(self, records: list[dict[str, Any]]) -> None:
        self.records = records

    def __rich_console__(self, console: Any, options: Any) -> Any:
        from rich.segment import Segment

        bodies: dict[tuple[tuple[str, str], ...], tuple[int, list[Segment]]] = {}
        for rec in self.records:
            rows = tuple(_rows(rec))
            body = bodies.get(rows)
            if body is None:
                block = Table(show_header=False, expand=False)
                block.add_column("field", style="bold", no_wrap=True)
                block.add_column("value", overflow="fold")
                for name, value in rows:
                    # each line is sanitised on its own, so the tree's own newlines stay newlines
                    block.add_row(name, Text("\n").join(text(line) for line in value.split("\n")))
                segments = list(console.render(block, options))
                first: list[Segment] = next(iter(Segment.split_lines(segments)), [])
                body = (Segment.get_line_length(first), segments)
                if len(bodies) < _MAX_SHARED:
                    bodies[rows] = body
            width, segments = body
            title = text(rec["query"])
            if title:  # as Table renders a Text title: wrapped to the table's width, left-justified
                yield from console.render(title, options.update(width=width, justify="left", highlight=False))
            yield from segments


_MAX_SHARED = 4096  # distinct row sets kept for sharing (each a rendered table: a few KB)


def trace_table(records: list[dict[str, Any]], width: int | None = None) -> Any:
    """One field/value table per identifier; values wrap (never cut), so ids and trees stay whole."""
    return _TraceBlocks(records)
