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
td,p,h1,h2{overflow-wrap:anywhere}header a.nav{font-weight:400;opacity:.9}.fail{color:#b42318;font-weight:600}.pass{color:#1a7f37}
.pager{margin:.6rem 0}.pager a{margin-right:1rem}
"""

NAV = (("/policy", "Policy"), ("/optionality", "Optionality"), ("/trends", "Trends"), ("/scenarios", "What if"))
REPOS_SHOWN = 5  # repository links per model row on the portfolio page; the model page lists them all


def _page(title: str, body: str, who: Principal | None) -> str:
    team = f"<span>team {esc(who.team)}{' (org admin)' if who.is_admin else ''}</span>" if who else ""
    nav = "".join(f'<a class="nav" href="{href}">{label}</a>' for href, label in NAV) if who else ""
    return ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{esc(title)} · modelmap</title><link rel=\"icon\" href=\"data:,\"><style>{STYLE}</style></head>"
            f"<body><header><a href=\"/\">modelmap</a>{nav}{team}</header><main>{body}</main></body></html>")


def _unknown(value: Any) -> str:
    if value is None or value == []:
        return '<span class="unknown">unknown</span>'
    if isinstance(value, list):
        return " ".join(f'<span class="chip">{esc(v)}</span>' for v in value)
    return esc(value)


def _origins(m: dict[str, Any]) -> str:
    """A model's origin countries, marked incomplete when its lineage is not fully recorded (a base or teacher
    unknown), as the CLI marks them: it is what makes a rule that fails closed on unknown origin fire."""
    incomplete = m.get("origins") and m.get("origins_known") is False
    return _unknown(m.get("origins")) + (' <span class="unknown">(incomplete)</span>' if incomplete else "")


def _model_link(key: str) -> str:
    return f'<a href="/models/{quote(key, safe="/:")}">{esc(key)}</a>'


def _repo_link(repo: str, commit: str | None = None, *, drill: dict[str, str] | None = None) -> str:
    params = {**({"commit": commit} if commit else {}), **(drill or {})}
    query = f"?{urlencode(params)}" if params else ""
    return f'<a href="/projects/{quote(repo, safe="/")}{query}">{esc(commit or repo)}</a>'


def login(message: str = "", *, oidc: bool = False) -> str:
    note = f'<p class="unknown">{esc(message)}</p>' if message else ""
    sso = ('<p><a href="/login/oidc">Sign in with your organisation\'s identity provider</a></p><p>or</p>'
           if oidc else "")
    return _page("Sign in", f"<h1>Sign in</h1>{note}{sso}<form method=\"post\" action=\"/login\">"
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
    drill = {k: v for k, v in (("origin", origin), ("publisher", publisher), ("serving", serving)) if v is not None}

    def repo_cell(m: dict[str, Any]) -> str:
        links = " ".join(_repo_link(r, drill=drill) for r in m["repos"][:REPOS_SHOWN])
        more = m.get("repos_count", len(m["repos"])) - min(len(m["repos"]), REPOS_SHOWN)
        return links + (f' <a href="/models/{quote(m["model"], safe="/:")}">and {more} more</a>' if more > 0 else "")

    rows = "".join(
        f"<tr><td>{_model_link(m['model'])}</td><td>{_unknown(m['publisher'])}</td><td>{_origins(m)}"
        f"</td><td>{_unknown(m['serving_countries'])}</td><td>{_unknown(m['license'])}</td>"
        f"<td>{repo_cell(m)}</td><td>{m['usages']}</td></tr>" for m in shown)
    chosen = ""
    for dim, param, value in (("origin", "origin", origin), ("publisher", "publisher", publisher),
                              ("serving_country", "serving", serving)):
        group = next((g for g in data["by"][dim] if g["key"] == value), None) if value is not None else None
        if group is not None:
            links = " ".join(_repo_link(r, drill={param: str(value)}) for r in group["repos"])
            listed = f" (the first {len(group['repos'])} by name)" if len(group["repos"]) < group["count"] else ""
            chosen += (f"<h2>Repositories: {esc(param)} {esc(value)}</h2><p>{group['count']} repositories"
                       f"{listed}: {links}</p>")
    conc = data["concentration"]
    heading = "Models" + (f" — {', '.join(filters)} <a href=\"/\">(all)</a>" if filters else "")
    body = (f"<h1>Portfolio</h1><p><a href=\"/trends\">Adoption over time</a> · "
            "<a href=\"/scenarios\">What if… (scenarios)</a></p>"
            f"<p>{data['projects_with_snapshots']} of {data['projects']} repositories reported; "
            f"{len(models)} models; concentration (HHI, 0–10,000): models {conc['hhi_model']}, "
            f"publishers {conc['hhi_publisher']}.</p><div class=\"grid\">{''.join(groups)}</div>{chosen}"
            f"<h2>{heading}</h2><div class=\"wrap\"><table><thead><tr><th>model</th><th>publisher</th>"
            "<th>origins</th><th>serving countries</th><th>licence</th><th>repos</th><th>usages</th></tr></thead>"
            f"<tbody>{rows or '<tr><td colspan=7 class=muted>no models</td></tr>'}</tbody></table></div>")
    return _page("Portfolio", body, who)


def model(data: dict[str, Any], who: Principal) -> str:
    facts = "".join(f"<tr><th>{label}</th><td>{_origins(data) if key == 'origins' else _unknown(data[key])}</td></tr>"
                    for label, key in (
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
    total = data.get("repos_total", len(data["repos"]))
    offset, limit = data.get("offset", 0), data.get("limit", len(data["repos"]))
    here = f"/models/{quote(str(data['model']), safe='/:')}"
    pager = []
    if offset > 0:
        pager.append(f'<a href="{here}?{urlencode({"offset": max(0, offset - limit)})}">previous {limit}</a>')
    if offset + len(data["repos"]) < total:
        pager.append(f'<a href="{here}?{urlencode({"offset": offset + limit})}">next {limit}</a>')
    shown = (f"<p class=\"pager\">repositories {offset + 1}–{offset + len(data['repos'])} of {total} by name "
             f"{' '.join(pager)}</p>" if pager else "")
    body = (f"<h1>{esc(data['model'])}</h1><table>{facts}</table><h2>Used in {total} "
            f"repositories ({data['usages']} places)</h2>{shown}<div class=\"wrap\"><table><thead><tr><th>repository</th>"
            "<th>team</th><th>serving countries</th><th>served by</th><th>flow → file:line</th></tr></thead>"
            f"<tbody>{''.join(repos)}</tbody></table></div>")
    return _page(str(data["model"]), body, who)


def _matches(m: dict[str, Any], drill: dict[str, str]) -> bool:
    """A model row kept by a drill-down filter (origin, publisher, serving); an unknown fact is "unknown"."""
    origins = m["origins"] if m["origins"] is not None else ["unknown"]
    serving = m["serving_countries"] if m["serving_countries"] is not None else ["unknown"]
    return (drill.get("origin") in (None, *origins) and drill.get("publisher") in (None, m["publisher"] or "unknown")
            and drill.get("serving") in (None, *serving))


def project(content: dict[str, Any], hist: dict[str, Any], who: Principal,
            drill: dict[str, str] | None = None) -> str:
    snap = content["snapshot"]
    drill = {k: v for k, v in (drill or {}).items() if v is not None}
    if drill:
        kept = [m for m in content["models"] if _matches(m, drill)]
        keys = {m["model"] for m in kept}
        content = {**content, "models": kept, "usages": [u for u in content["usages"] if u["model"] in keys]}
    label = ", ".join(f"{'serving country' if k == 'serving' else k} {esc(v)}" for k, v in drill.items())
    here = f"/projects/{quote(str(content['repo']), safe='/')}"
    filtered = (f"<p>Only the models with {label}: {len(content['models'])} models, {len(content['usages'])} "
                f"places. <a href=\"{here}\">(all models)</a></p>" if drill else "")
    models = "".join(
        f"<tr><td>{_model_link(m['model'])}</td><td>{_unknown(m['publisher'])}</td><td>{_origins(m)}"
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
            f"<code>{esc(snap['commit'])}</code> ({esc(snap['spec'])}, {esc(snap['taken_at'])})</p>{filtered}"
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
            f"{summary['usages_total']} usages would break. Each repository's declared flows (from its scan) "
            "keep their own tags, plus its upload's tags (regulated, environment); a repository that declares none "
            "is one flow with its upload's tags.</p><div class=\"wrap\"><table><thead><tr><th>repository</th>"
            "<th>commit</th><th>usages affected</th><th>model → file:line</th></tr></thead>"
            f"<tbody>{''.join(rows) or '<tr><td colspan=4 class=muted>no scan snapshots</td></tr>'}</tbody>"
            "</table></div>" + (f"<h2>Not evaluated</h2><ul>{skipped}</ul>" if skipped else ""))
    return _page(f"What if: {data['scenario']['id']}", body, who)


def _status(value: str) -> str:
    css = {"fail": "fail", "pass": "pass"}.get(value, "muted")
    return f'<span class="{css}">{esc(value.replace("_", " "))}</span>'


def policy(data: dict[str, Any], who: Principal) -> str:
    """Org-wide policy status (``orgpolicy.status``): waivers about to expire first, then every project."""
    summary = data["summary"]
    soon = "".join(
        f"<tr><td>{w['id']}</td><td>{esc(w.get('repo') or '(team-wide)')}</td><td>{esc(w.get('rule') or '')}"
        f"{(' ' + _model_link(w['model'])) if w.get('model') else ''}</td><td>{esc(w['owner'])}</td>"
        f"<td>{esc(w['approver'])}</td><td>{esc(w['reason'])}</td><td>{esc(w['expires'])}</td>"
        f"<td>{w['days_left']}</td></tr>" for w in data["expiring_waivers"])
    rows = []
    for p in data["projects"]:
        rules = ", ".join([f"{esc(r['rule'])} ({r['violations']})" for r in p.get("rules", [])
                           if r["status"] == "fail"]
                          + [f"<span class=muted>{esc(r['rule'])} ({r['violations']}, below fail_on)</span>"
                             for r in p.get("rules", []) if r["status"] == "warn"])
        places = "".join(
            f"<li>{esc(v['rule'])}: {_model_link(v['model']) if v.get('model') else ''} "
            f"<code>{esc(v['path'] or '')}{':' + str(v['line']) if v.get('line') is not None else ''}</code>"
            f"{' (waived #' + str(v['waiver']) + ')' if v.get('waiver') is not None else ''}"
            f"{' (waiver #' + str(v['expired_waiver']) + ' expired)' if v.get('expired_waiver') else ''}"
            f"{' in flow ' + esc(v['flow']) if v.get('flow') else ''}"
            f"{'<br><span class=muted>' + esc(v['details']) + '</span>' if v.get('details') else ''}</li>"
            for v in p.get("violations", []))
        more = p.get("violations_total", 0) - len(p.get("violations", []))
        detail = (f"<ul>{places}</ul>" + (f"<p class=muted>and {more} more</p>" if more > 0 else "")
                  if places else esc(p.get("reason", "")))
        rows.append(f"<tr><td>{_repo_link(p['repo'])}</td><td>{esc(p['team'])}</td><td>{_status(p['status'])}</td>"
                    f"<td>{rules}</td><td>{detail}</td></tr>")
    version = data["policy"]["version"] if data.get("policy") else None
    body = (f"<h1>Policy status</h1><p>As of {esc(data['as_of'])}; org policy "
            f"{'version ' + str(version) if version is not None else '<span class=unknown>not set yet</span>'}. "
            f"{summary['projects']} repositories: <span class=fail>{summary['fail']} failing</span>, "
            f"<span class=pass>{summary['pass']} passing</span>, {summary['not_evaluated']} not evaluated.</p>"
            f"<h2>Waivers expiring within {data['expiry_notice_days']} days</h2><div class=\"wrap\"><table><thead>"
            "<tr><th>#</th><th>repository</th><th>rule / model</th><th>owner</th><th>approver</th><th>reason</th>"
            f"<th>expires</th><th>days left</th></tr></thead><tbody>"
            f"{soon or '<tr><td colspan=8 class=muted>none</td></tr>'}</tbody></table></div>"
            "<h2>Repositories</h2><div class=\"wrap\"><table><thead><tr><th>repository</th><th>team</th>"
            "<th>status</th><th>failing rules</th><th>violations (file:line)</th></tr></thead><tbody>"
            f"{''.join(rows) or '<tr><td colspan=5 class=muted>no snapshots yet</td></tr>'}</tbody></table></div>")
    return _page("Policy status", body, who)


def _band(value: int) -> str:
    return "high" if value > 2500 else "moderate" if value >= 1500 else "low"


def _share_link(dim: str, key: str) -> str:
    """A share's key linked to where it drills: a model's page, or the portfolio filtered by it."""
    if key == "unknown" and dim != "model":
        return _unknown(None)
    if dim == "model":
        return _model_link(key)
    param = {"publisher": "publisher", "origin_country": "origin"}[dim]
    return f'<a href="/?{urlencode({param: key})}">{esc(key)}</a>'


def optionality(data: dict[str, Any], who: Principal) -> str:
    """Concentration (HHI and shares), sole suppliers and each repository's single points of failure."""
    conc = data["concentration"]
    tables = []
    for dim, label in (("model", "model"), ("publisher", "publisher"), ("origin_country", "origin country")):
        shares = conc[dim]["shares"]
        rows = "".join(f"<tr><td>{_share_link(dim, s['key'])}</td><td>{s['usages']}</td>"
                       f"<td>{100 * s['share']:.1f}%</td></tr>" for s in shares[:15])
        more = f"<p class=muted>and {len(shares) - 15} more</p>" if len(shares) > 15 else ""
        tables.append(f"<section><h2>By {label}: HHI {conc[dim]['hhi']} ({_band(conc[dim]['hhi'])})</h2><table>"
                      f"<thead><tr><th>{label}</th><th>usages</th><th>share</th></tr></thead><tbody>"
                      f"{rows or '<tr><td colspan=3 class=muted>none</td></tr>'}</tbody></table>{more}</section>")
    sole = "".join(
        f"<tr><td><a href=\"/?{urlencode({'publisher': s['publisher']})}\">{esc(s['publisher'])}</a></td>"
        f"<td>{s['count']}</td><td>{' '.join(_repo_link(r) for r in s['repos'])}"
        f"{' …' if s['count'] > len(s['repos']) else ''}</td></tr>" for s in data["sole_suppliers"])
    spof = data["single_points_of_failure"]
    spof_rows: list[str] = []
    for r in spof["repos"]:
        if not r["evaluated"]:
            spof_rows.append(f"<tr><td>{_repo_link(r['repo'])}</td><td colspan=3 class=muted>{esc(r['reason'])}</td></tr>")
            continue
        for s in r["single_points_of_failure"] or [{"flow": "", "role": "", "models": [], "reason": "none"}]:
            spof_rows.append(f"<tr><td>{_repo_link(r['repo'])}</td><td>{esc(s['role'])}</td>"
                        f"<td>{' '.join(_model_link(m) for m in s['models'])}</td><td>{esc(s['reason'])}</td></tr>")
    offset, limit, total = spof["offset"], spof["limit"], spof["repos_total"]
    pager = []
    if offset > 0:
        pager.append(f'<a href="/optionality?{urlencode({"offset": max(0, offset - limit)})}">previous {limit}</a>')
    if offset + len(spof["repos"]) < total:
        pager.append(f'<a href="/optionality?{urlencode({"offset": offset + limit})}">next {limit}</a>')
    body = (f"<h1>Optionality</h1><p>Concentration over {conc['usages']} usages in every repository's latest "
            "snapshot (HHI 0–10,000: below 1,500 low, 1,500–2,500 moderate, above 2,500 high; unknown is "
            f"counted apart and left out of the HHI).</p><div class=\"grid\">{''.join(tables)}</div>"
            "<h2>Sole suppliers</h2><p>Repositories whose every model comes from one publisher: losing it leaves "
            "them no fallback.</p><div class=\"wrap\"><table><thead><tr><th>publisher</th><th>repositories</th>"
            f"<th></th></tr></thead><tbody>{sole or '<tr><td colspan=3 class=muted>none</td></tr>'}</tbody>"
            "</table></div><h2>Single points of failure</h2><p>A role (chat, embedding…) that one model serves "
            f"in a repository. Repositories {offset + 1 if spof['repos'] else 0}–{offset + len(spof['repos'])} of "
            f"{total} by name.</p><p class=\"pager\">{' '.join(pager)}</p><div class=\"wrap\"><table><thead><tr>"
            "<th>repository</th><th>role</th><th>only model</th><th>why</th></tr></thead><tbody>"
            f"{''.join(spof_rows) or '<tr><td colspan=4 class=muted>none</td></tr>'}</tbody></table></div>")
    return _page("Optionality", body, who)
