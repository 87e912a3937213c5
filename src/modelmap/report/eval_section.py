"""The "Model evaluation" part of ``modelmap report --eval eval.json`` (issue 16).

``summary`` reduces a ``modelmap.eval/1`` document to what a board reads: per suite, each model's headline
rate with its 95 % interval and n, each candidate-versus-incumbent comparison with its CI and whether it is
significant at that n, the gates, and the evidence hashes. ``markdown`` renders that summary; ``embed_html``
puts the evaluation's own offline HTML fragment (inline SVG bars with error bars, paired-difference plots,
the per-CWE table: ``modelmap.eval.render.html_section``) into the report page, with a link in its
navigation. Nothing here runs a model: it reads the file ``modelmap eval -o DIR`` wrote.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

NAV_LINK = '<a href="#eval">Model evaluation</a>'
STYLE = ("#eval svg{display:block;margin:1em 0;max-width:100%;height:auto}"
         "#eval table{border-collapse:collapse;margin:1em 0}"
         "#eval td,#eval th{border:1px solid var(--line,#ccc);padding:3px 6px;font-size:13px;text-align:left}"
         "#eval code{font-size:11px;overflow-wrap:anywhere}")


def load(path: Path) -> dict[str, Any]:
    """A ``modelmap.eval/1`` document, read with a size cap (a usage error otherwise)."""
    from modelmap.switch.gate import load_eval

    return load_eval(path)


def _rate(r: dict[str, Any] | None) -> dict[str, Any] | None:
    if not r or r.get("rate") is None:
        return None
    return {"rate": r["rate"], "low": r["low"], "high": r["high"], "n": r["n"]}


def summary(doc: dict[str, Any], source: str | None = None) -> dict[str, Any]:
    """The evaluation in brief: headline rates, comparisons with CIs, gates and evidence."""
    from modelmap.eval.render import headline_rates

    suites = []
    for sd in doc.get("suites") or []:
        s = sd["suite"]
        rates = [{"model": model, "metric": label, **(_rate(rate) or {"rate": None, "low": None, "high": None,
                                                                     "n": 0})}
                 for model, label, rate in headline_rates(sd)]
        comparisons = []
        for c in sd.get("comparisons") or []:
            d = c.get("delta") or {}
            comparisons.append({
                "candidate": c["candidate"], "baseline": c["baseline"], "metric": c["metric"],
                **({"persona": c["persona"]} if c.get("persona") else {}),
                **({"language": c["language"]} if c.get("language") else {}),
                "n": c["n"], "delta": d.get("mean"), "low": d.get("low"), "high": d.get("high"),
                "p_value": (c.get("mcnemar") or {}).get("p_value"), "significant": bool(c.get("significant")),
                "significantly_worse": bool(c.get("significantly_worse"))})
        suites.append({"name": s["name"], "kind": s["kind"], "licence": s.get("licence"),
                       "sha256": s["sha256"], "requests_per_model": sd["requests_per_model"],
                       "rates": rates, "comparisons": comparisons})
    gates = doc.get("gates") or []
    return {"source": source, "generated_at": doc.get("generated_at"),
            "baseline": (doc.get("models") or [{}])[0].get("id"),
            "candidates": [m["id"] for m in (doc.get("models") or [])[1:]],
            "suites": suites,
            "gates": {"passed": sum(1 for g in gates if g["passed"]), "failed": sum(1 for g in gates if not g["passed"]),
                      "failures": [f"{g['suite']}: {g['candidate']} vs {g['baseline']} on {g['metric']}: "
                                   f"{g['reason']} (n={g['n']})" for g in gates if not g["passed"]]},
            "evidence": [{"file": e.get("file"), "sha256": e.get("sha256")} for e in doc.get("evidence") or []]}


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{x * 100:.1f}%"


def _pts(x: float | None) -> str:
    return "n/a" if x is None else f"{x * 100:+.1f}"


def markdown(doc: dict[str, Any], source: str | None = None) -> str:
    """The evaluation summary as a Markdown section."""
    from modelmap.output import md_code, md_text

    s = summary(doc, source)
    out = ["## Model evaluation", "",
           f"From {md_code(source or 'eval.json', in_table=False)}, generated {md_text(s['generated_at'] or '?')}. "
           f"Incumbent (baseline): {md_code(s['baseline'] or '?', in_table=False)}; candidates: "
           + (", ".join(md_code(c, in_table=False) for c in s["candidates"]) or "none") + ". Rates carry 95% Wilson "
           "intervals; differences are candidate − baseline in points with a paired bootstrap 95% CI; "
           "\"not significant\" means this n cannot tell the models apart.", ""]
    for suite in s["suites"]:
        out += [f"### {md_text(suite['name'])} ({md_text(suite['kind'])}, licence {md_text(suite['licence'] or '?')})",
                "", "| model | metric | rate | 95% CI | n |", "| --- | --- | --- | --- | --- |"]
        for r in suite["rates"]:
            out.append(f"| {md_code(r['model'])} | {md_text(r['metric'])} | {_pct(r['rate'])} | "
                       f"{_pct(r['low'])} – {_pct(r['high'])} | {r['n']} |")
        out.append("")
        for c in suite["comparisons"]:
            scope = " ".join(str(c[k]) for k in ("persona", "language") if c.get(k))
            verdict = ("significantly worse" if c["significantly_worse"] else
                       "significantly better" if c["significant"] else f"not significant at n={c['n']}")
            out.append(f"- {md_code(c['candidate'], in_table=False)} vs {md_code(c['baseline'], in_table=False)}, "
                       f"{md_text(c['metric'] + (' (' + scope + ')' if scope else ''))}: {_pts(c['delta'])} points "
                       f"[95% CI {_pts(c['low'])}, {_pts(c['high'])}], n={c['n']}: {verdict}")
        out.append("")
    g = s["gates"]
    out += [f"**Gates**: {g['passed']} passed, {g['failed']} failed.", ""]
    out += [f"- FAILED {md_text(f)}" for f in g["failures"]]
    out += ["", "**Evidence**: " + "; ".join(f"{md_text(e['file'] or '?')} sha256 {md_code(e['sha256'] or '?', in_table=False)}"
                                          for e in s["evidence"]), ""]
    return "\n".join(out) + "\n"


def embed_html(page: bytes, doc: dict[str, Any], source: str | None = None) -> bytes:
    """The report page with the evaluation's HTML fragment as its last section and a link to it."""
    from modelmap.eval.render import html_section
    from modelmap.output import html_text

    text = page.decode("utf-8")
    fragment = html_section(doc).replace('<section class="mm-eval">', '<section class="mm-eval" id="eval">', 1)
    if source:
        fragment = fragment.replace("<h2>Model evaluation</h2>",
                                    f"<h2>Model evaluation</h2><p>From <code>{html_text(source)}</code>.</p>", 1)
    for marker, insert in (("</style>", STYLE + "\n</style>"), ("\n</nav>", NAV_LINK + "\n</nav>"),
                           ("\n</main>", "\n" + fragment + "\n</main>")):
        at = text.find(marker) if marker != "\n</main>" else text.rfind(marker)
        if at < 0:
            raise ValueError(f"the report page has no {marker.strip()} to place the evaluation at")
        text = text[:at] + insert + text[at + len(marker):]
    return text.encode("utf-8")
