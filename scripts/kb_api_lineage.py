"""Mark API-only models whose maker names nothing behind them as ``lineage: undisclosed`` (docs/knowledge-format.md).

One rule for every publisher. A record is API-only when its weights were never released: ``open_weights: false``
(its own or its family's) and no Hub repo (``hf: null``). Such a record, with no base edge, was written two ways:
``base: []`` (which the format defines as pre-trained from scratch), mostly sourced only to a model list (an SDK's
model literals, a gateway's catalogue), or no ``base`` key (not recorded). Neither says what the sources say: the
maker serves weights it never released and names no model behind them. This script rewrites both to
``lineage: undisclosed`` unless

* a source states the lineage: a source entry that ``covers: [base]`` (a tech report, the maker's announcement
  that it was pre-trained from scratch; ``base: []`` then stays, with that source), or a paper (arxiv.org);
* the record's note names a model behind the API name ("based on", "built on", "fine-tuned", "distilled", "the
  open checkpoint it serves"): the link is for a reader of that source to record, not for this rule.

Records left as they were are printed with the reason. A record already marked is skipped, so a rerun changes
nothing. Each record is edited in place in its publisher file (the ``base: []`` line replaced, or a
``lineage: undisclosed`` line written after ``license:``), comments and layout kept. The generators that write
API-only records (kb_registries, kb_cn_labs) write the same line, so a rerun of them keeps it.

    python scripts/kb_api_lineage.py            # list what would change
    python scripts/kb_api_lineage.py --write    # edit the publisher files
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from modelmap.knowledge.loader import DATA_DIR, compile_index, data_files  # noqa: E402

# a note that names a model behind the API name: not this rule's to decide
NAMES_A_MODEL = re.compile(r"\b(based on|built on|fine-?tuned|distill\w*|open checkpoint|same weights as)\b", re.I)
PAPER_HOSTS = ("arxiv.org",)


def api_only(model: dict[str, Any], families: dict[str, Any]) -> bool:
    fam = families.get(model.get("family") or "") or {}
    return not model.get("hf") and model.get("open_weights", fam.get("open_weights")) is False


def classify(model: dict[str, Any], families: dict[str, Any]) -> str | None:
    """``"undisclosed"``, or why the record is left as it is (None: not an API-only record without a base)."""
    if "lineage" in model or model.get("base") or not api_only(model, families):
        return None
    for src in model.get("sources") or ():
        if "base" in (src.get("covers") or ()):
            return f"a source covers its base ({src.get('url')})"
        if (urlparse(str(src.get("url") or "")).hostname or "").endswith(PAPER_HOSTS) and not src.get("covers"):
            return f"a paper is among its sources ({src.get('url')})"
    if NAMES_A_MODEL.search(str(model.get("note") or "")):
        return f"its note names a model behind it: {model['note'][:120]}"
    return "undisclosed"


def _maker_domains(index: dict[str, Any]) -> dict[str, set[str]]:
    """Words that mark a source as the maker's own (for the report only): its id, Hub / GitHub orgs, aliases, and
    the second-level domains of the API hosts providers.yaml gives its operator."""
    out: dict[str, set[str]] = defaultdict(set)
    for pid, pub in index["publishers"].items():
        out[pid] |= {pid, *(str(o).lower() for o in pub.get("orgs") or ()),
                     *(str(a).lower() for a in pub.get("aliases") or () if " " not in str(a))}
    for prov in index["providers"].values():
        op = str(prov.get("operator") or "")
        if op in index["publishers"]:
            for host in prov.get("hosts") or ():
                parts = str(host).lstrip("*.").split(".")
                if len(parts) >= 2:
                    out[op].add(".".join(parts[-2:]))
    return out


def makers_own(model: dict[str, Any], words: set[str]) -> bool:
    for src in model.get("sources") or ():
        if src.get("covers"):
            continue  # a source for aliases or context only does not present the model
        url = urlparse(str(src.get("url") or ""))
        host = (url.hostname or "").lower()
        first = url.path.strip("/").split("/")[0].lower() if host in ("github.com", "huggingface.co") else ""
        labels = set(host.split(".")[:-1]) - {"www", "docs", "api", "github", "huggingface"}
        if first in words or labels & words or any(host == w or host.endswith("." + w) for w in words if "." in w):
            return True
    return False


def edit(text: str, mid: str) -> str | None:
    """The publisher file's text with ``mid`` marked undisclosed, or None when its block is not found."""
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines)
                  if re.fullmatch(rf"(\s*)- id: ['\"]?{re.escape(mid)}['\"]?\s*(#.*)?", line, flags=re.I)), None)
    if start is None:
        return None
    indent = len(lines[start]) - len(lines[start].lstrip(" "))
    field = " " * (indent + 2)
    end = start + 1
    while end < len(lines):
        line = lines[end]
        stripped = line.lstrip(" ")
        lead = len(line) - len(stripped)
        if stripped and not stripped.startswith("#") and lead <= indent:
            break  # the next record, or the end of the models list
        end += 1
    block = range(start + 1, end)
    base = next((i for i in block if re.fullmatch(rf"{field}base:\s*\[\]\s*", lines[i])), None)
    if base is not None:
        lines[base] = f"{field}lineage: undisclosed"
        return "\n".join(lines)
    lic = next((i for i in block if lines[i].startswith(f"{field}license:")), None)
    if lic is None or any(lines[i].startswith(f"{field}base:") for i in block):
        return None
    lines.insert(lic + 1, f"{field}lineage: undisclosed")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--write", action="store_true", help="edit the publisher files (default: list only)")
    args = ap.parse_args()
    index = compile_index(data_files())
    models, families, publishers = index["models"], index["families"], index["publishers"]
    words = _maker_domains(index)
    todo: dict[str, list[str]] = defaultdict(list)
    left: list[tuple[str, str]] = []
    tally: Counter[tuple[str, str, str]] = Counter()
    for mid, model in sorted(models.items()):
        verdict = classify(model, families)
        if verdict is None:
            continue
        pid = model["publisher"]
        if verdict != "undisclosed":
            left.append((mid, verdict))
            continue
        was = "base: []" if "base" in model else "no base"
        own = "maker's own source" if makers_own(model, words[pid]) else "third-party model list only"
        tally[(pid, was, own)] += 1
        todo[publishers[pid]["file"]].append(mid)
    print(f"{sum(len(v) for v in todo.values())} records -> lineage: undisclosed")
    for (pid, was, own), n in sorted(tally.items()):
        print(f"  {pid:20} {publishers[pid].get('country') or '-':3} {was:9} {own:28} {n}")
    print(f"{len(left)} API-only records left as they were:")
    for mid, why in left:
        print(f"  {mid}: {why}")
    failed = []
    if args.write:
        for rel, mids in sorted(todo.items()):
            path = DATA_DIR / rel
            text = path.read_text(encoding="utf-8")
            for mid in mids:
                new = edit(text, mid)
                if new is None:
                    failed.append(mid)
                else:
                    text = new
            path.write_text(text, encoding="utf-8")
        for mid in failed:
            print(f"not edited (block not found or has a base line): {mid}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
