"""Score the resolver against the provenance answer key (``table.yaml``).

Runs ``modelmap.provenance.resolver.resolve`` in-process on every entry and reports, overall
and per form:

* origins correct      set equality of origin countries;
* immediate base       the first lineage entry whose relation is finetune / quantization / merge /
                       adapter, compared with ``base`` (``null`` == no such entry);
* license correct      the license id (``unknown`` == no license);
* confidently wrong    confidence "known" or "inferred" while origins, base or license is wrong.
                       Only a field the resolver actually answered counts: empty origins, an unknown
                       license, or no base where the KB does not state the model's lineage (no model
                       identified, or a model record without a ``base`` key) are null answers, and a
                       null answer is never confidently wrong. Origins are a lower bound, not an
                       answer, when the lineage is not stated (the resolver's ``reason`` says so)
                       or when a publisher in the chain has a null country (visible in the record).

Every miss is listed. Exit status 1 when a target is missed (``--no-fail`` to always exit 0).

    python bench/provenance/score.py [--json] [--no-fail] [--table PATH]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

from modelmap.errors import IdentifierError
from modelmap.knowledge import load
from modelmap.provenance.resolver import resolve

HERE = Path(__file__).resolve().parent
BASE_RELATIONS = {"finetune", "quantization", "merge", "adapter"}
TARGETS = {"origins": 0.97, "base": 0.95, "license": 0.95}
MAX_CONFIDENTLY_WRONG = 0.01


def immediate_base(rec: dict[str, Any]) -> str | None:
    for entry in rec.get("lineage") or []:
        if entry.get("relation") in BASE_RELATIONS:
            return str(entry.get("model")).lower()
    return None


def license_id(rec: dict[str, Any]) -> str:
    lic = rec.get("license")
    if not lic or not lic.get("id"):
        return "unknown"
    return str(lic["id"]).lower()


def score_entry(entry: dict[str, Any]) -> dict[str, Any]:
    query = entry["query"]
    try:
        rec = resolve(query).to_dict()
    except IdentifierError as exc:
        rec = {"origins": [], "lineage": [], "license": None, "confidence": "unknown", "reason": str(exc),
               "model": None}
    want_base = str(entry["base"]).lower() if entry.get("base") else None
    got = {
        "origins": sorted(rec.get("origins") or []),
        "base": immediate_base(rec),
        "license": license_id(rec),
        "model": (rec.get("model") or {}).get("id"),
        "confidence": rec.get("confidence"),
    }
    ok = {
        "origins": set(got["origins"]) == set(entry.get("origins") or []),
        "base": got["base"] == want_base,
        "license": got["license"] == str(entry.get("license") or "unknown").lower(),
    }
    record = load().models.get(str(got["model"] or ""))
    lineage_known = got["base"] is not None or (record is not None and "base" in record)
    # a publisher in the chain whose country is null (shown as such) makes origins a lower bound
    chain = [rec.get("publisher"), *(e.get("publisher") for e in rec.get("lineage") or [])]
    countries_known = all(p and p.get("country") for p in chain)
    asserted = {
        # origins are only complete when the lineage is: without it they are a lower bound
        "origins": bool(got["origins"]) and countries_known
        and (lineage_known or (record is None and got["model"] is not None)),
        "base": lineage_known,
        "license": got["license"] != "unknown",
    }
    wrong = any(asserted[k] and not ok[k] for k in ok)
    return {
        "query": query, "form": entry["form"], "ok": ok, "got": got,
        "want": {"origins": sorted(entry.get("origins") or []), "base": want_base,
                 "license": entry.get("license"), "model": entry.get("model")},
        "confidently_wrong": wrong and got["confidence"] in ("known", "inferred"),
    }


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    def block(rs: list[dict[str, Any]]) -> dict[str, Any]:
        n = len(rs)
        return {
            "n": n,
            **{k: sum(r["ok"][k] for r in rs) / n for k in ("origins", "base", "license")},
            "confidently_wrong": sum(r["confidently_wrong"] for r in rs) / n,
            "confidently_wrong_n": sum(r["confidently_wrong"] for r in rs),
        }

    by_form: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_form[r["form"]].append(r)
    return {"overall": block(rows), "per_form": {f: block(rs) for f, rs in sorted(by_form.items())}}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--table", type=Path, default=HERE / "table.yaml")
    ap.add_argument("--json", action="store_true", help="print the summary and misses as JSON")
    ap.add_argument("--no-fail", action="store_true", help="exit 0 even when a target is missed")
    args = ap.parse_args(argv)
    entries = yaml.safe_load(args.table.read_text(encoding="utf-8"))["entries"]
    rows = [score_entry(e) for e in entries]
    summary = summarise(rows)
    misses = [r for r in rows if not all(r["ok"].values())]
    o = summary["overall"]
    passed = all(o[k] >= t for k, t in TARGETS.items()) and o["confidently_wrong"] <= MAX_CONFIDENTLY_WRONG
    if args.json:
        print(json.dumps({"summary": summary, "misses": misses, "passed": passed}, indent=2))
    else:
        header = f"{'form':<20} {'n':>4} {'origins':>8} {'base':>8} {'license':>8} {'conf.wrong':>11}"
        print(header)
        print("-" * len(header))
        for name, b in [*summary["per_form"].items(), ("OVERALL", o)]:
            print(f"{name:<20} {b['n']:>4} {b['origins']:>8.1%} {b['base']:>8.1%} {b['license']:>8.1%} "
                  f"{b['confidently_wrong']:>7.1%} ({b['confidently_wrong_n']})")
        print(f"\ntargets: origins >= 97%, base >= 95%, license >= 95%, confidently wrong <= 1%: "
              f"{'MET' if passed else 'NOT MET'}")
        if misses:
            print(f"\n{len(misses)} misses:")
        for r in misses:
            bad = [k for k, v in r["ok"].items() if not v]
            flag = " CONFIDENTLY-WRONG" if r["confidently_wrong"] else ""
            print(f"- {r['query']} [{r['form']}] ({r['got']['confidence']}){flag}")
            print(f"    model: got {r['got']['model']}  want {r['want']['model']}")
            for k in bad:
                print(f"    {k}: got {r['got'][k]}  want {r['want'][k]}")
    return 0 if passed or args.no_fail else 1


if __name__ == "__main__":
    sys.exit(main())
