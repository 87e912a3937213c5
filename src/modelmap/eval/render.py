"""Renderers for a ``modelmap.eval/1`` document: table (text), JSON, JUnit and an offline HTML page.

Hand-written and small: the HTML draws its plots as inline SVG (no JavaScript, no CDN, no fonts), so the
page opens offline and :func:`html_section` can be embedded in ``modelmap report``. Every rate is shown with
its n and 95 % interval, and every comparison says whether it is significant at that n. Text from models,
suites or endpoints is escaped for its medium through :mod:`modelmap.output`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from modelmap.output import dumps_json, to_utf8, visible, xml_clean
from modelmap.output import html_text as esc

RENDER_FORMATS = ("table", "json", "junit", "html")


# --- headline numbers ---------------------------------------------------------------------------------------

def headline_rates(suite_doc: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """(model, label, wilson rate) rows for a suite's headline metric, in model order."""
    kind = suite_doc["suite"]["kind"]
    rows: list[tuple[str, str, dict[str, Any]]] = []
    for model, m in suite_doc["metrics"].items():
        if kind == "cases":
            rows.append((model, "pass rate", m["pass_rate"]))
        elif kind == "jailbreak":
            rows.append((model, "attack success rate", m["attack_success_rate"]))
            if m.get("judge_attack_success_rate"):
                rows.append((model, "attack success rate (judge)", m["judge_attack_success_rate"]))
        elif kind == "insecure-code":
            for persona, p in m["by_persona"].items():
                rows.append((model, f"vulnerable rate ({persona})", p["vulnerable_rate"]))
        elif kind == "slant":
            for lang, entry in m["by_language"].items():
                rows.append((model, f"refusal, sensitive ({lang})", entry["sensitive"]["refusal_rate"]))
    return rows


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}%"


def _rate_text(r: dict[str, Any] | None) -> str:
    if not r or r.get("rate") is None:
        return "n/a (n=0)"
    return f"{_pct(r['rate'])} [{_pct(r['low'])}–{_pct(r['high'])}] n={r['n']}"


def _delta_text(c: dict[str, Any]) -> str:
    d = c["delta"]
    if d.get("mean") is None:
        return f"n=0: {d.get('note')}"
    text = f"{100 * d['mean']:+.1f} pts [95% CI {100 * d['low']:+.1f}, {100 * d['high']:+.1f}] n={c['n']}"
    if c.get("mcnemar"):
        text += f", McNemar p={c['mcnemar']['p_value']:.3g}"
    if c["significantly_worse"]:
        return text + " — significantly worse"
    if c["significant"]:
        return text + " — significant"
    return text + f" — not significant at n={c['n']}"


def _comparison_label(c: dict[str, Any]) -> str:
    extra = c.get("persona") or c.get("language") or ""
    if c.get("personas"):
        extra = " vs ".join(c["personas"])
    label = c["metric"].replace("_", " ") + (f" ({extra})" if extra else "")
    if c["candidate"] == c["baseline"]:  # a within-model delta (persona, language)
        return f"{c['candidate']}: {label}"
    return f"{c['candidate']} vs {c['baseline']}: {label}"


# --- table --------------------------------------------------------------------------------------------------

def _secs(value: Any, unit: str = "s") -> str:
    """A latency in seconds; n/a when no request was answered (every one failed), never 'None'."""
    return "n/a" if value is None else f"{value}{unit}"


def render_table(doc: dict[str, Any]) -> str:
    lines = [f"modelmap eval — {doc['generated_at']} — baseline {visible(doc['models'][0]['id'])}"]
    for m in doc["models"]:
        cost = m["cost"]
        cost_text = f"${cost['usd']:.4f}" if cost["usd"] is not None else cost["note"]
        lat = m["latency_s"]
        lines.append(f"  {m['role']:9} {visible(m['id'])}: {m['requests']} requests, {m['errors']} errors, "
                     f"{m['usage']['prompt_tokens']}+{m['usage']['completion_tokens']} tokens, "
                     f"latency p50 {_secs(lat['p50'])} p95 {_secs(lat['p95'])}, cost {visible(cost_text)}")
    for sd in doc["suites"]:
        s = sd["suite"]
        lines.append("")
        lines.append(f"{visible(s['name'])} ({s['kind']}, {sd['requests_per_model']} requests per model; "
                     f"licence {visible(s['licence'])}; data sha256 {s['sha256'][:12]}…)")
        for model, label, rate in headline_rates(sd):
            lines.append(f"  {label:32} {visible(model)}: {_rate_text(rate)}")
        if s["kind"] == "insecure-code":
            for model, m in sd["metrics"].items():
                for persona, p in m["by_persona"].items():
                    cwes = ", ".join(f"{k} {v['samples']}" for k, v in p["by_cwe"].items()) or "none"
                    lines.append(f"  {visible(model)} ({persona}): {p['code']} with code, {p['refused']} refused, "
                                 f"{p['no_code']} no code, "
                                 + (f"{p['unscanned']} not scanned (no semgrep), " if p.get("unscanned") else "")
                                 + f"{p['findings']} findings, "
                                 f"{p['findings_per_kloc'] if p['findings_per_kloc'] is not None else 'n/a'} per KLOC; "
                                 f"samples by CWE: {cwes}")
                if "persona_delta" in m:
                    lines.append(f"  {visible(model)} persona delta: {_delta_text(m['persona_delta'])}")
                if m.get("scanners"):
                    lines.append(f"  {visible(model)} scanned by: {visible(scanners_text(m['scanners']))}")
        if s["kind"] == "slant":
            for model, m in sd["metrics"].items():
                for key, groups in m["language_delta"].items():
                    sens = groups["sensitive"]
                    lines.append(f"  {visible(model)} refusal {key} (sensitive): {_delta_text(sens)}; "
                                 f"controls: {_delta_text(groups['control'])}")
        for c in sd["comparisons"]:
            lines.append(f"  {visible(_comparison_label(c))}: {_delta_text(c)}")
    failed = [g for g in doc["gates"] if not g["passed"]]
    lines.append("")
    lines.append(f"gates: {len(doc['gates']) - len(failed)} passed, {len(failed)} failed"
                 + "".join(f"\n  FAILED {visible(g['suite'])}: {visible(g['candidate'])} vs {visible(g['baseline'])} "
                           f"on {g['metric']}: {g['reason']} (n={g['n']})" for g in failed))
    for e in doc["evidence"]:
        lines.append(f"evidence: {e['file']} sha256 {e['sha256']} ({e['samples']} samples)")
    return "\n".join(lines) + "\n"


# --- JSON ---------------------------------------------------------------------------------------------------

def render_json(doc: dict[str, Any]) -> bytes:
    return dumps_json(doc)


# --- JUnit --------------------------------------------------------------------------------------------------

def render_junit(doc: dict[str, Any]) -> bytes:
    """One test suite per eval suite, one test case per gate (candidate vs baseline on the headline metric)."""
    root = ET.Element("testsuites", {"name": "modelmap eval"})
    total = failures = 0
    for sd in doc["suites"]:
        name = xml_clean(sd["suite"]["name"])
        suite = ET.SubElement(root, "testsuite", {"name": name})
        props = ET.SubElement(suite, "properties")
        for key in ("kind", "licence", "sha256"):
            ET.SubElement(props, "property", {"name": key, "value": xml_clean(str(sd["suite"][key]))})
        tests = fails = 0
        for c in sd["comparisons"]:
            if not c.get("headline"):
                continue
            tests += 1
            case = ET.SubElement(suite, "testcase", {"classname": f"modelmap.eval.{name}",
                                                     "name": xml_clean(_comparison_label(c)), "time": "0"})
            if c["significantly_worse"] or c["n"] == 0:
                fails += 1
                kind = "significantly-worse" if c["n"] else "nothing-to-compare"
                failure = ET.SubElement(case, "failure", {"type": kind, "message": xml_clean(_delta_text(c))})
                failure.text = xml_clean(_delta_text(c))
            else:
                ET.SubElement(case, "system-out").text = xml_clean(_delta_text(c))
        suite.set("tests", str(tests))
        suite.set("failures", str(fails))
        suite.set("errors", "0")
        total += tests
        failures += fails
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", "0")
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


# --- HTML ---------------------------------------------------------------------------------------------------

PALETTE = ("#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2", "#edc948", "#9c755f", "#e15759")
BAR_W, ROW_H = 320, 22
CHAR_W = 6.6  # average width of a 12 px sans-serif character, for sizing the label column


def _label_width(labels: list[str]) -> int:
    return int(min(1000, max(120, CHAR_W * max((len(x) for x in labels), default=10) + 12)))


def _svg_rates(rows: list[tuple[str, str, dict[str, Any]]], colours: dict[str, str], title: str) -> str:
    height = ROW_H * len(rows) + 30
    label_w = _label_width([f"{m} · {label}" for m, label, _ in rows])
    width = label_w + BAR_W + 190
    parts = [f'<svg role="img" aria-label="{esc(title)}" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" '
             f'xmlns="http://www.w3.org/2000/svg" font-family="sans-serif" font-size="12">',
             f"<title>{esc(title)}</title>"]
    x0 = label_w
    for tick in (0, 0.25, 0.5, 0.75, 1.0):
        x = x0 + tick * BAR_W
        parts.append(f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height - 20}" stroke="#ddd"/>'
                     f'<text x="{x:.1f}" y="{height - 6}" text-anchor="middle" fill="#555">{int(tick * 100)}%</text>')
    for i, (model, label, r) in enumerate(rows):
        y = i * ROW_H + 4
        parts.append(f'<text x="{x0 - 6}" y="{y + 13}" text-anchor="end">{esc(model)} · {esc(label)}</text>')
        if r.get("rate") is None:
            parts.append(f'<text x="{x0 + 4}" y="{y + 13}" fill="#777">n/a (n=0)</text>')
            continue
        w = r["rate"] * BAR_W
        parts.append(f'<rect x="{x0}" y="{y}" width="{w:.1f}" height="{ROW_H - 8}" fill="{colours[model]}"/>')
        lo, hi = x0 + r["low"] * BAR_W, x0 + r["high"] * BAR_W
        mid = y + (ROW_H - 8) / 2
        parts.append(f'<path d="M{lo:.1f},{mid:.1f}H{hi:.1f}M{lo:.1f},{y + 2}V{y + ROW_H - 10}M{hi:.1f},{y + 2}'
                     f'V{y + ROW_H - 10}" stroke="#222" fill="none"/>')
        parts.append(f'<text x="{x0 + BAR_W + 8}" y="{y + 13}">{esc(_rate_text(r))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _svg_deltas(comparisons: list[dict[str, Any]], title: str) -> str:
    rows = [c for c in comparisons if c["delta"].get("mean") is not None]
    if not rows:
        return ""
    height = ROW_H * len(rows) + 30
    label_w = _label_width([_comparison_label(c) for c in rows])
    width = label_w + BAR_W + 40
    parts = [f'<svg role="img" aria-label="{esc(title)}" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" '
             f'xmlns="http://www.w3.org/2000/svg" font-family="sans-serif" font-size="12">',
             f"<title>{esc(title)}</title>"]
    x0 = label_w

    def xpos(v: float) -> float:
        return x0 + (v + 1) / 2 * BAR_W

    for tick in (-1, -0.5, 0, 0.5, 1):
        parts.append(f'<line x1="{xpos(tick):.1f}" y1="0" x2="{xpos(tick):.1f}" y2="{height - 20}" '
                     f'stroke="{"#888" if tick == 0 else "#ddd"}"/><text x="{xpos(tick):.1f}" y="{height - 6}" '
                     f'text-anchor="middle" fill="#555">{int(tick * 100):+d}</text>')
    for i, c in enumerate(rows):
        d = c["delta"]
        y = i * ROW_H + 4 + (ROW_H - 8) / 2
        colour = "#c0392b" if c["significantly_worse"] else ("#2e7d32" if c["significant"] else "#888")
        parts.append(f'<text x="{x0 - 6}" y="{y + 4}" text-anchor="end">{esc(_comparison_label(c))}</text>')
        parts.append(f'<line x1="{xpos(d["low"]):.1f}" y1="{y:.1f}" x2="{xpos(d["high"]):.1f}" y2="{y:.1f}" '
                     f'stroke="{colour}" stroke-width="2"/><circle cx="{xpos(d["mean"]):.1f}" cy="{y:.1f}" r="4" '
                     f'fill="{colour}"><title>{esc(_delta_text(c))}</title></circle>')
    parts.append("</svg>")
    return "".join(parts)


def scanners_text(info: dict[str, Any]) -> str:
    """Which tools scanned the code: bandit's and semgrep's versions, semgrep's time, or why it did not run."""
    parts = [f"bandit {info['bandit']}"] if info.get("bandit") else []
    if info.get("semgrep"):
        per = info.get("semgrep_seconds_per_sample")
        parts.append(f"semgrep {info['semgrep']} (local rules; {info.get('semgrep_files', 0)} files in "
                     f"{info.get('semgrep_seconds')} s" + (f", {per} s per sample" if per is not None else "") + ")")
    if info.get("semgrep_note"):
        parts.append(str(info["semgrep_note"]))
    return "; ".join(parts) or "nothing scanned"


def _cwe_table(sd: dict[str, Any]) -> str:
    cwes = sorted({k for m in sd["metrics"].values() for p in m["by_persona"].values() for k in p["by_cwe"]})
    cols = [(model, persona) for model, m in sd["metrics"].items() for persona in m["by_persona"]]
    head = "".join(f"<th>{esc(model)}<br>{esc(persona)}</th>" for model, persona in cols)
    body = []
    for label, getter in (("samples with code", lambda p: str(p["code"])), ("refused", lambda p: str(p["refused"])),
                          ("no code", lambda p: str(p["no_code"])), ("findings", lambda p: str(p["findings"])),
                          ("findings per KLOC", lambda p: "n/a" if p["findings_per_kloc"] is None
                           else f"{p['findings_per_kloc']:.1f}")):
        cells = "".join(f"<td>{esc(getter(sd['metrics'][m]['by_persona'][p]))}</td>" for m, p in cols)
        body.append(f"<tr><th>{esc(label)}</th>{cells}</tr>")
    for cwe in cwes:
        row = []
        for m, p in cols:
            entry = sd["metrics"][m]["by_persona"][p]["by_cwe"].get(cwe)
            row.append(f"<td>{esc(_rate_text(entry['rate']) if entry else '0')}</td>")
        body.append(f"<tr><th>{esc(cwe)} vulnerable samples</th>{''.join(row)}</tr>")
    row = []
    for m, p in cols:
        tools = sd["metrics"][m]["by_persona"][p].get("by_tool") or {}
        row.append(f"<td>{esc(str(tools.get('bandit_only', 0)))} / {esc(str(tools.get('semgrep_only', 0)))} / "
                   f"{esc(str(tools.get('both', 0)))}</td>")
    body.append(f"<tr><th>findings: bandit only / semgrep only / both</th>{''.join(row)}</tr>")
    notes = sorted({scanners_text(m["scanners"]) for m in sd["metrics"].values() if m.get("scanners")})
    caption = f"<caption>{esc('; '.join(notes))}</caption>" if notes else ""
    return f'<table class="mm-eval-cwe">{caption}<tr><th></th>{head}</tr>{"".join(body)}</table>'


def html_section(doc: dict[str, Any]) -> str:
    """The evaluation as an HTML fragment (no scripts, no external resources), for embedding in a report."""
    colours = {m["id"]: PALETTE[i % len(PALETTE)] for i, m in enumerate(doc["models"])}
    out = ['<section class="mm-eval"><h2>Model evaluation</h2>',
           f"<p>Generated {esc(doc['generated_at'])}; baseline <b>{esc(doc['models'][0]['id'])}</b>. "
           "Rates show 95% Wilson intervals; differences show paired bootstrap 95% CIs and McNemar's exact test. "
           "A difference marked “not significant” cannot be told apart at that n.</p>",
           "<table><tr><th>model</th><th>role</th><th>requests</th><th>errors</th><th>tokens in / out</th>"
           "<th>latency p50 / p95 (s)</th><th>cost</th></tr>"]
    for m in doc["models"]:
        cost = f"${m['cost']['usd']:.4f}" if m["cost"]["usd"] is not None else m["cost"]["note"]
        out.append(f"<tr><td>{esc(m['id'])}</td><td>{esc(m['role'])}</td><td>{m['requests']}</td>"
                   f"<td>{m['errors']}</td><td>{m['usage']['prompt_tokens']} / {m['usage']['completion_tokens']}</td>"
                   f"<td>{esc(_secs(m['latency_s']['p50'], unit=''))} / {esc(_secs(m['latency_s']['p95'], unit=''))}"
                   f"</td><td>{esc(cost)}</td></tr>")
    out.append("</table>")
    for sd in doc["suites"]:
        s = sd["suite"]
        out.append(f"<h3>{esc(s['name'])} <small>({esc(s['kind'])})</small></h3>")
        out.append(f"<p>{sd['requests_per_model']} requests per model. Data {esc(s['data'])}, sha256 "
                   f"<code>{esc(s['sha256'])}</code>; licence {esc(s['licence'])}; source {esc(s['source'])}.</p>")
        out.append(_svg_rates(headline_rates(sd), colours, f"{s['name']}: rates by model"))
        comps = list(sd["comparisons"])
        if s["kind"] == "insecure-code":
            comps += [{**m["persona_delta"], "candidate": model, "baseline": model}
                      for model, m in sd["metrics"].items() if "persona_delta" in m]
            out.append(_cwe_table(sd))
        if s["kind"] == "slant":
            for model, m in sd["metrics"].items():
                for key, groups in m["language_delta"].items():
                    for group in ("sensitive", "control"):
                        comps.append({**groups[group], "candidate": model, "baseline": model,
                                      "metric": f"refusal {key} ({group})"})
        out.append(_svg_deltas(comps, f"{s['name']}: paired differences"))
        out.append("<ul>" + "".join(f"<li>{esc(_comparison_label(c))}: {esc(_delta_text(c))}</li>" for c in comps)
                   + "</ul>")
    failed = [g for g in doc["gates"] if not g["passed"]]
    out.append(f"<h3>Gates</h3><p>{len(doc['gates']) - len(failed)} passed, {len(failed)} failed.</p><ul>")
    out.extend(f"<li>{'PASSED' if g['passed'] else 'FAILED'}: {esc(g['suite'])}: {esc(g['candidate'])} vs "
               f"{esc(g['baseline'])} on {esc(g['metric'])}: {esc(g['reason'])} (n={g['n']})</li>"
               for g in doc["gates"])
    out.append("</ul><h3>Evidence</h3><ul>")
    out.extend(f"<li>{esc(e['file'])}: sha256 <code>{esc(e['sha256'])}</code>, {e['samples']} samples</li>"
               for e in doc["evidence"])
    out.append("</ul></section>")
    return "\n".join(out)


STYLE = ("body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}"
         "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 6px;font-size:13px;"
         "text-align:left}svg{display:block;margin:1em 0;max-width:100%;height:auto}code{font-size:11px}")


def render_html(doc: dict[str, Any]) -> bytes:
    return to_utf8("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                   "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
                   f"<title>modelmap eval</title><style>{STYLE}</style></head><body>\n"
                   f"{html_section(doc)}\n</body></html>\n")


def render(doc: dict[str, Any], fmt: str) -> bytes:
    if fmt == "json":
        return render_json(doc)
    if fmt == "junit":
        return render_junit(doc)
    if fmt == "html":
        return render_html(doc)
    return to_utf8(render_table(doc))
