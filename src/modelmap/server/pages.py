"""Server-rendered pages: the portfolio by origin, publisher and serving country, drillable to a model, a
repository, its flows and file:line; each repository's snapshot history.

Every value from a document or the database goes through ``modelmap.output.html_text`` (escaped, quotes
included) or ``urllib.parse.quote`` in links. No script, no CDN: one inline stylesheet.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any
from urllib.parse import quote, urlencode

from modelmap.output import html_text as esc
from modelmap.server.auth import Principal

STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1b1f24;background:#fafafa}
header{background:#1b1f24;color:#fff;padding:.6rem 1rem;display:flex;gap:1rem;align-items:baseline;flex-wrap:wrap}
header a{color:#fff;text-decoration:none;font-weight:600}header span{opacity:.75;font-size:.9em}
main{padding:1rem;max-width:1100px;margin:auto}h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.6rem}
table{border-collapse:collapse;width:100%;background:#fff;margin:.4rem 0}
th,td{border-bottom:1px solid #e3e3e3;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f0f2f4;font-weight:600}.muted{color:#666}.unknown{color:#9a6700;font-style:italic}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(280px,1fr));gap:1rem}
code{font-size:.92em;word-break:break-all}.chip{display:inline-block;border:1px solid #ccd;border-radius:9px;
padding:0 .4rem;margin:0 .2rem .2rem 0;font-size:.9em;background:#fff}
.wrap{overflow-x:auto}form{margin:2rem 0}input{font:inherit;padding:.3rem;width:min(30rem,90%)}
"""


def _page(title: str, body: str, who: Principal | None) -> str:
    team = f"<span>team {esc(who.team)}{' (org admin)' if who.is_admin else ''}</span>" if who else ""
    return ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{esc(title)} · modelmap</title><link rel=\"icon\" href=\"data:,\"><style>{STYLE}</style></head>"
            f"<body><header><a href=\"/\">modelmap</a>{team}</header><main>{body}</main></body></html>")


def _unknown(value: Any) -> str:
    if value is None or value == []:
        return '<span class="unknown">unknown</span>'
    if isinstance(value, list):
        return " ".join(f'<span class="chip">{esc(v)}</span>' for v in value)
    return esc(value)


def _model_link(key: str) -> str:
    return f'<a href="/models/{quote(key, safe="/:")}">{esc(key)}</a>'


def _repo_link(repo: str, commit: str | None = None) -> str:
    query = f"?{urlencode({'commit': commit})}" if commit else ""
    return f'<a href="/projects/{quote(repo, safe="/")}{query}">{esc(commit or repo)}</a>'


def login(message: str = "") -> str:
    note = f'<p class="unknown">{esc(message)}</p>' if message else ""
    return _page("Sign in", f"<h1>Sign in</h1>{note}<form method=\"post\" action=\"/login\">"
                 "<label>API token with the read scope<br><input name=\"token\" type=\"password\" "
                 "autocomplete=\"off\" required></label> <button type=\"submit\">Sign in</button></form>", None)


def not_found(what: str, who: Principal) -> str:
    return _page("Not found", f"<h1>Not found</h1><p>{esc(what)} is not here, or not visible to your team.</p>",
                 who)


def portfolio(data: dict[str, Any], who: Principal, *, origin: str | None = None, publisher: str | None = None,
              serving: str | None = None) -> str:
    models = data["models"]

    def keep(m: dict[str, Any]) -> bool:
        if origin is not None and origin not in (m["origins"] if m["origins"] is not None else ["unknown"]):
            return False
        if publisher is not None and (m["publisher"] or "unknown") != publisher:
            return False
        return serving is None or serving in (m["serving_countries"] if m["serving_countries"] is not None
                                              else ["unknown"])

    shown = [m for m in models if keep(m)]
    filters = [f"{label} {esc(value)}" for label, value in
               (("origin", origin), ("publisher", publisher), ("serving country", serving)) if value is not None]
    groups = []
    for dim, label, param in (("origin", "By origin", "origin"), ("publisher", "By publisher", "publisher"),
                              ("serving_country", "By serving country", "serving")):
        rows = "".join(f'<tr><td><a href="/?{urlencode({param: g["key"]})}">{esc(g["key"])}</a></td>'
                       f'<td>{g["count"]}</td></tr>' for g in data["by"][dim])
        groups.append(f"<section><h2>{label}</h2><table><thead><tr><th>{esc(param)}</th><th>repos</th></tr>"
                      f"</thead><tbody>{rows or '<tr><td colspan=2 class=muted>none yet</td></tr>'}</tbody>"
                      "</table></section>")
    rows = "".join(
        f"<tr><td>{_model_link(m['model'])}</td><td>{_unknown(m['publisher'])}</td><td>{_unknown(m['origins'])}"
        f"</td><td>{_unknown(m['serving_countries'])}</td><td>{_unknown(m['license'])}</td>"
        f"<td>{' '.join(_repo_link(r) for r in m['repos'])}</td><td>{m['usages']}</td></tr>" for m in shown)
    conc = data["concentration"]
    heading = "Models" + (f" — {', '.join(filters)} <a href=\"/\">(all)</a>" if filters else "")
    body = (f"<h1>Portfolio</h1><p><a href=\"/trends\">Adoption over time</a> · "
            "<a href=\"/scenarios\">What if… (scenarios)</a></p>"
            f"<p>{data['projects_with_snapshots']} of {data['projects']} repositories reported; "
            f"{len(models)} models; concentration (HHI, 0–10,000): models {conc['hhi_model']}, "
            f"publishers {conc['hhi_publisher']}.</p><div class=\"grid\">{''.join(groups)}</div>"
            f"<h2>{heading}</h2><div class=\"wrap\"><table><thead><tr><th>model</th><th>publisher</th>"
            "<th>origins</th><th>serving countries</th><th>licence</th><th>repos</th><th>usages</th></tr></thead>"
            f"<tbody>{rows or '<tr><td colspan=7 class=muted>no models</td></tr>'}</tbody></table></div>")
    return _page("Portfolio", body, who)


def model(data: dict[str, Any], who: Principal) -> str:
    facts = "".join(f"<tr><th>{label}</th><td>{_unknown(data[key])}</td></tr>" for label, key in (
        ("publisher", "publisher"), ("publisher country", "publisher_country"), ("origins", "origins"),
        ("licence", "license"), ("identified", "resolved"), ("confidence", "confidence")))
    repos = []
    for r in data["repos"]:
        by_flow: dict[str, list[str]] = defaultdict(list)
        for p in r["places"]:
            where = f"{p['path']}:{p['line']}" if p["line"] is not None else p["path"]
            by_flow[p["flow"] or "(no flow)"].append(f"<code>{esc(where)}</code>")
        flows = "".join(f"<li>{esc(flow)}: {', '.join(places)}</li>" for flow, places in sorted(by_flow.items()))
        repos.append(f"<tr><td>{_repo_link(r['repo'])}</td><td>{esc(r['team'])}</td>"
                     f"<td>{_unknown(r['serving_countries'])}</td><td>{_unknown(r['served_by'])}</td>"
                     f"<td><ul>{flows}</ul></td></tr>")
    body = (f"<h1>{esc(data['model'])}</h1><table>{facts}</table><h2>Used in {len(data['repos'])} "
            f"repositories ({data['usages']} places)</h2><div class=\"wrap\"><table><thead><tr><th>repository</th>"
            "<th>team</th><th>serving countries</th><th>served by</th><th>flow → file:line</th></tr></thead>"
            f"<tbody>{''.join(repos)}</tbody></table></div>")
    return _page(str(data["model"]), body, who)


def project(content: dict[str, Any], hist: dict[str, Any], who: Principal) -> str:
    snap = content["snapshot"]
    models = "".join(
        f"<tr><td>{_model_link(m['model'])}</td><td>{_unknown(m['publisher'])}</td><td>{_unknown(m['origins'])}"
        f"</td><td>{_unknown(m['serving_countries'])}</td><td>{_unknown(m['license'])}</td>"
        f"<td>{_unknown(m['flows'])}</td><td>{m['usages']}</td></tr>" for m in content["models"])
    places = "".join(
        f"<tr><td>{esc(u['flow'] or '(no flow)')}</td><td>{_model_link(u['model'])}</td>"
        f"<td><code>{esc(u['path'])}{':' + str(u['line']) if u['line'] is not None else ''}</code></td></tr>"
        for u in content["usages"])
    endpoints = "".join(f"<tr><td><code>{esc(e['url'])}</code></td><td>{_unknown(e['provider'])}</td>"
                        f"<td>{_unknown(e['serving'])}</td></tr>" for e in content["endpoints"])
    snaps = "".join(
        f"<tr><td>{_repo_link(hist['repo'], s['commit'])}</td><td>{_unknown(s['branch'])}</td>"
        f"<td>{esc(s['taken_at'])}</td><td>{_unknown(s['tags']['environment'])}</td>"
        f"<td>{_unknown(s['tags']['regulated'])}</td><td>{esc(s['spec'])}</td><td>{s['models']}</td></tr>"
        for s in hist["snapshots"])
    body = (f"<h1>{esc(content['repo'])}</h1><p>team {esc(content['team'])}; snapshot "
            f"<code>{esc(snap['commit'])}</code> ({esc(snap['spec'])}, {esc(snap['taken_at'])})</p>"
            "<h2>Models</h2><div class=\"wrap\"><table><thead><tr><th>model</th><th>publisher</th><th>origins</th>"
            "<th>serving countries</th><th>licence</th><th>flows</th><th>usages</th></tr></thead>"
            f"<tbody>{models}</tbody></table></div><h2>Flow → model → file:line</h2><div class=\"wrap\"><table>"
            f"<thead><tr><th>flow</th><th>model</th><th>place</th></tr></thead><tbody>{places}</tbody></table>"
            "</div><h2>Endpoints</h2><table><thead><tr><th>URL</th><th>provider</th><th>serving</th></tr></thead>"
            f"<tbody>{endpoints or '<tr><td colspan=3 class=muted>none</td></tr>'}</tbody></table>"
            "<h2>Snapshot history</h2><div class=\"wrap\"><table><thead><tr><th>commit</th><th>branch</th>"
            "<th>taken</th><th>environment</th><th>regulated</th><th>format</th><th>models</th></tr></thead>"
            f"<tbody>{snaps}</tbody></table></div>")
    return _page(str(content["repo"]), body, who)


def trends(data: dict[str, Any], who: Principal) -> str:
    from modelmap.server.service import TREND_DIMENSIONS

    tabs = " · ".join(esc(d) if d == data["by"] else f'<a href="/trends?{urlencode({"by": d})}">{esc(d)}</a>'
                      for d in TREND_DIMENSIONS)
    head = "".join(f"<th>{esc(p)}</th>" for p in data["periods"])
    rows = "".join(f"<tr><td>{_model_link(k) if data['by'] == 'model' else esc(k)}</td>"
                   + "".join(f"<td>{n}</td>" for n in counts) + "</tr>" for k, counts in data["series"].items())
    total = "".join(f"<td>{n}</td>" for n in data.get("repos", []))
    body = (f"<h1>Adoption over time</h1><p>Repositories using each {esc(data['by'])} at the end of each month "
            f"(each repository at its latest snapshot by then). By: {tabs}</p><div class=\"wrap\"><table><thead><tr>"
            f"<th>{esc(data['by'])}</th>{head}</tr></thead><tbody>{rows}"
            f"<tr><th>repositories reporting</th>{total}</tr></tbody></table></div>")
    return _page("Adoption over time", body, who)


def scenario_list(names: list[str], who: Principal) -> str:
    items = "".join(f'<li><a href="/scenarios/{quote(n)}">{esc(n)}</a></li>' for n in names)
    return _page("Scenarios", f"<h1>What if…</h1><p>Each scenario applies a shipped preset's rules to every "
                 f"repository's latest scan.</p><ul>{items}</ul>", who)


def scenario(data: dict[str, Any], who: Principal) -> str:
    summary = data["summary"]
    rows = []
    for p in data["projects"]:
        affected = "".join(
            f"<li>{_model_link(a['model']) if a['model'] else esc(a['query'])}: "
            + ", ".join(f"<code>{esc(u['path'])}:{u['line']}</code>" for u in a["usages"]) + "</li>"
            for a in p["affected"])
        rows.append(f"<tr><td>{_repo_link(p['repo'])}</td><td>{esc(p['commit'])}</td>"
                    f"<td>{p['summary']['usages']} of {p['summary']['usages_total']}</td>"
                    f"<td><ul>{affected}</ul></td></tr>")
    skipped = "".join(f"<li>{_repo_link(p['repo'])}: {esc(p['reason'])}</li>" for p in data["not_evaluated"])
    body = (f"<h1>What if: {esc(data['scenario']['id'])}</h1><p>{esc(data['description'])}</p>"
            f"<p><code>{esc(data['scenario']['deny'])}</code></p><p>{summary['projects_affected']} of "
            f"{summary['projects_evaluated']} repositories affected; {summary['usages_affected']} of "
            f"{summary['usages_total']} usages would break. Each repository is one flow tagged with its upload's "
            "tags (regulated, environment).</p><div class=\"wrap\"><table><thead><tr><th>repository</th>"
            "<th>commit</th><th>usages affected</th><th>model → file:line</th></tr></thead>"
            f"<tbody>{''.join(rows) or '<tr><td colspan=4 class=muted>no scan snapshots</td></tr>'}</tbody>"
            "</table></div>" + (f"<h2>Not evaluated</h2><ul>{skipped}</ul>" if skipped else ""))
    return _page(f"What if: {data['scenario']['id']}", body, who)
