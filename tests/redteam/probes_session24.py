"""Red-team probes of brief redteam28 (session 24 of the red-team log): the server's upload path after the
``modelmap:truncated`` note (e664f68), the ncnn ``.param`` reader (8bd6e45), and ``scan --jobs`` at extreme values.

Each probe promises what the tool must do on hostile input: bounded CPU / RSS, a clean exit, nothing lost, and a
server that answers a well-formed document with 2xx or 4xx, never 5xx. Imported by tests/redteam/probes.py after
probes_session23b. Stdlib only at import time.
"""

from __future__ import annotations

import json

from tests.redteam.probes import OK, PY_CALL, USAGE, probe, scan_probe, write
from tests.redteam.probes_newer import ADMIN, SRV_UPLOAD, _auth, _http, _post, attack, no_token_in_log
from tests.redteam.probes_session8 import cpu_below
from tests.redteam.probes_session13 import rss_below
from tests.redteam.probes_session20 import _finds, _said
from tests.redteam.probes_session22 import _inspect_file
from tests.redteam.runner import Ctx, Result

_BOUNDED = (cpu_below(20.0), rss_below(500))


# (a) server upload: JSON may spell a NUL (\u0000) or a lone UTF-16 surrogate (\ud800); json.loads keeps both, SQLite's
# driver cannot encode a surrogate and PostgreSQL refuses NUL in text: before the fix one lone surrogate anywhere in an
# upload (the new modelmap:truncated note, a component's name) answered 500 and stored nothing
def _cdx(note: str | None, name: str = "gpt-4o") -> bytes:
    doc: dict[str, object] = {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
                              "components": [{"type": "machine-learning-model", "name": name, "bom-ref": "m1"}]}
    if note is not None:
        doc["metadata"] = {"properties": [{"name": "modelmap:truncated", "value": note}]}
    return json.dumps(doc).encode()  # ensure_ascii: the characters travel as \u escapes, as any JSON writer may


_UNSTORABLE_POSTS = [
    _post("acme/sur-note", _cdx("\ud800 3 models found; 1 listed")),
    _post("acme/sur-low-note", _cdx("x\udfff")),
    _post("acme/nul-note", _cdx("3 models found\u0000; 1 listed")),
    _post("acme/sur-name", _cdx(None, "gpt-4o\ud83d")),
    _post("acme/nul-name", _cdx(None, "gpt-4o\u0000mini")),
    _post("acme/sur-prop", _cdx(None).replace(b'"bom-ref"', b'"properties": [{"name": "x\\udc00", "value": "y"}], '
                                              b'"bom-ref"')),
]


def _all_2xx(res: Result) -> str | None:
    bad = [a for a in res.ctx.state.get("answers") or [] if not 200 <= a[0] < 300]
    return f"well-formed uploads not stored: {bad[:3]}" if bad else None


def _history_replaced(res: Result) -> str | None:
    """The stored note keeps its text, with U+FFFD where the unstorable character was."""
    status, body = _http(f"{res.ctx.state['srv']}/api/v1/projects/acme/sur-note/snapshots", headers=_auth())
    if status != 200:
        return f"GET the history of acme/sur-note answered {status}: {body[:200]!r}"
    notes = [s.get("truncated") for s in json.loads(body).get("snapshots", [])]
    return None if notes == ["\ufffd 3 models found; 1 listed"] else f"stored notes {notes!r}"


def _upload_attack(ctx: Ctx) -> None:
    write(ctx.work / "a.py", PY_CALL)
    attack(*_UNSTORABLE_POSTS)(ctx)
    ctx.env["MODELMAP_TOKEN"] = ADMIN
    ctx.env["MODELMAP_PROJECT"] = "acme/ok"


probe("s24-server-upload-nul-and-lone-surrogates", "server-upload", _upload_attack, SRV_UPLOAD, OK,
      checks=(_all_2xx, _history_replaced, no_token_in_log), timeout=120.0)


# (b) scan --jobs and --max-file-size at extreme values: a negative count is a usage error (it was read as 1, and a
# negative size skipped every file as '70 bytes > limit -1'); a count past 4 per CPU is cut to that, with a note (before:
# --jobs N forked N - 1 helpers however many CPUs: 55 processes at once for --jobs 400 on 2 CPUs, 4.1 GB summed RSS)
def _tree_50_folders(ctx: Ctx) -> None:
    for d in range(50):
        for i in range(10):
            write(ctx.work / f"d{d}" / f"f{i}.py", f"x = {i}\n")
    write(ctx.work / "app.py", PY_CALL)


for _pid, _argv in {"jobs-negative": ("--jobs", "-1"), "max-file-size-negative": ("--max-file-size", "-1")}.items():
    probe(f"s24-scan-{_pid}", "option-injection", _tree_50_folders, ("scan", ".", "-f", "json", *_argv), USAGE,
          checks=(cpu_below(20.0),), timeout=60.0)
for _n in ("1000", "9" * 30):
    probe(f"s24-scan-jobs-{len(_n)}-digits", "option-injection", _tree_50_folders,
          ("scan", ".", "-f", "json", "--jobs", _n), OK,
          checks=(*_BOUNDED, _finds("gpt-4o"), _said("per cpu", "scanning with")), timeout=120.0)


# (c) ncnn .param (8bd6e45): a layer line's blob counts were tested with str.isdigit, true of '²' (int() raises) and of
# 5,000 digits (int() raises past 4,300): the file was an 'unreadable' skip whose detail was a ValueError's text
def _no_value_error(res: Result) -> str | None:
    out = res.stdout.decode("utf-8", "replace")
    return "a skip's detail is an internal ValueError" if "ValueError" in out else None


for _pid, _count in {"superscript-count": "\u00b2", "5000-digit-count": "1" * 5_000}.items():
    probe(f"s24-inspect-ncnn-{_pid}", "artifact",
          _inspect_file("model.param", lambda c=_count: ("7767517\n2 2\nInput in0 0 1 in0\n"
                                                         f"Convolution conv0 {c} 1 in0 out0 0=64 6=1728\n").encode()),
          ("inspect", "model.param", "-f", "json"), frozenset({0, 1, 2}), fmt="json",
          checks=(*_BOUNDED, _no_value_error), timeout=60.0)


# (d) modelmap's own outputs kept in the scanned tree (scan -o scan.json, bom -o bom.cdx.json / .xml, scan -f jsonl):
# each was read as configuration and repeated every model as a use again (one call in app.py: 1 use -> 55 with a scan,
# both BOMs, the CycloneDX XML and a check report beside it; a model removed from the code stayed in use through an old
# report). Now each is a reported 'modelmap-output' skip and the model is counted once, where the code names it.
_OWN = {"scan.json": ("scan", ".", "-f", "json"), "reports/bom.cdx.xml": ("bom", ".", "-f", "xml"),
        "scan.jsonl": ("scan", ".", "-f", "jsonl", "--no-resolve")}


def _own_outputs(ctx: Ctx) -> None:
    import subprocess
    import sys

    from tests.redteam.runner import CHILD, child_env

    write(ctx.work / "app.py", PY_CALL)
    for rel, argv in _OWN.items():
        done = subprocess.run([sys.executable, "-c", CHILD, *argv], cwd=ctx.work, env=child_env(ctx),
                              capture_output=True, timeout=120, check=False)
        write(ctx.work / rel, done.stdout)


def _counted_once(res: Result) -> str | None:
    doc = res.json()
    if not isinstance(doc, dict):
        return "no JSON document"
    paths = sorted({str(f.get("path")) for f in doc.get("findings", [])})
    own = sorted(s.get("path") for s in doc.get("skipped", []) if s.get("reason") == "modelmap-output")
    if paths != ["app.py"] or own != sorted(_OWN):
        return f"findings in {paths}, modelmap-output skips {own}"
    return None


scan_probe("s24-scan-own-outputs-in-tree", "wrong-answer", _own_outputs, accounted=list(_OWN),
           checks=(*_BOUNDED, _counted_once), timeout=180.0)


# (e) many ignore rules: pathspec 1.x compiles all of them into one re2 Set, which re2 refuses past its memory budget
# (about 2,000 'dir/**/name*' lines). A .gitignore that long was dropped whole without a word (the folder it ignores was
# scanned: gpt-4o-mini found in gen/), and 20,000 --exclude globs stopped the scan with 'internal error: failed to
# compile Set' (exit 2). Now pathspec's pure-Python backend takes over.
_RULES = [f"d{i}/**/x{i}*.py" for i in range(5_000)]


def _long_gitignore(ctx: Ctx) -> None:
    write(ctx.work / "app.py", PY_CALL)
    write(ctx.work / "gen" / "b.py", PY_CALL.replace("gpt-4o", "gpt-4o-mini"))
    write(ctx.work / ".gitignore", "gen/\n" + "".join(f"{r}\n" for r in _RULES))


scan_probe("s24-scan-gitignore-5k-rules", "wrong-answer", _long_gitignore, accounted=["gen/"],
           checks=(*_BOUNDED, _finds("gpt-4o"), _finds("gpt-4o-mini", present=False)), timeout=120.0)
probe("s24-scan-exclude-5k-globs", "option-injection", _tree_50_folders,
      ("scan", ".", "-f", "json", *(f"--exclude={r}" for r in _RULES)), OK,
      checks=(*_BOUNDED, _finds("gpt-4o")), timeout=120.0)
