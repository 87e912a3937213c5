"""Red-team probes of brief redteam30 (session 26 of the red-team log): code added in session 29 - ``modelmap diff``'s
flow membership (modelmap.diff/2, ``--config``), the server's diff from stored usages, and the discovery readers and
model-file readers widened that session.

Each probe promises what the tool must do on hostile input: bounded CPU / RSS, a clean exit, and the same answer the
CLI gives from the same documents. Imported by tests/redteam/probes.py after probes_session25. Stdlib only at import
time.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from tests.redteam.probes import OK, probe, write
from tests.redteam.probes_newer import _auth, _http, _post, modelmap_server
from tests.redteam.probes_session8 import cpu_below
from tests.redteam.probes_session13 import rss_below
from tests.redteam.runner import Ctx, Result

_BOUNDED = (cpu_below(20.0), rss_below(500))
_FINDING = {"kind": "model", "raw": "gpt-4o", "line": 3, "column": 1,
            "resolution": {"model": {"id": "openai/gpt-4o"}, "origins": ["US"]}}


def _scan(findings: list[dict[str, Any]]) -> bytes:
    return json.dumps({"schema": "modelmap.scan/1", "findings": findings}).encode()


# (a) diff --config with many flows: policy.globs.group_matcher built one re2 Set for every glob, then tested
# `if not matcher.Compile()` - google-re2's Set.Compile returns None (it raises when it fails), so every policy fell
# back to matching glob by glob: 8,000 usages against 400 flows of 2 globs took 10.0 s of CPU (2,000 flows and 50,000
# usages: over 10 minutes). And _path_flows, an lru_cache keyed by the flows tuple, hashed every Flow's fields on every
# call. Now the set is used and the matcher is found by the tuple's identity: 0.75 s of CPU.
def _many_flows(ctx: Ctx) -> None:
    flows = 400
    write(ctx.work / "flows.yaml", "version: 1\nflows:\n" + "".join(
        f"  f{i}:\n    paths: ['src/m{i}/**', '**/x{i}_*.py']\n" for i in range(flows)))
    findings = [{**_FINDING, "path": f"src/m{i % flows}/a{i}.py"} for i in range(8_000)]
    write(ctx.work / "old.json", _scan(findings))
    write(ctx.work / "new.json", _scan([f for i, f in enumerate(findings) if i % flows < flows // 2]))


def _flow_count(expected: int) -> Callable[[Result], str | None]:
    def check(res: Result) -> str | None:
        doc = res.json()
        changed = doc.get("changed") if isinstance(doc, dict) else None
        flows = changed[0]["changes"].get("flows", {}) if changed else {}
        if (len(flows.get("old", [])), len(flows.get("new", []))) != (expected, expected // 2):
            return f"the model's flows are not the {expected} -> {expected // 2} declared flows its paths are in"
        return None
    return check


probe("session26-diff-config-400-flows-8000-usages", "cel-cost", _many_flows,
      ("diff", "old.json", "new.json", "--config", "flows.yaml", "-f", "json"), OK, fmt="json",
      checks=(cpu_below(5.0), rss_below(500), _flow_count(400)), timeout=30.0)



# (a2) the same with a literal folder's tree per flow (`src/m<i>/**`, most flows' paths): in one re2 set of 6,000 such
# patterns each new path cost milliseconds (DFA states over every pattern); such globs are now looked up by the path's
# parent folders (15,000 flows x 5,000 usages: past 120 s on main -> 3.2 s of CPU)
def _folder_flows(ctx: Ctx) -> None:
    flows = 6_000
    write(ctx.work / "flows.yaml", "version: 1\nflows:\n" + "".join(
        f"  f{i}:\n    paths: ['src/m{i}/**']\n" for i in range(flows)))
    findings = [{**_FINDING, "path": f"src/m{i}/a.py"} for i in range(flows)]
    write(ctx.work / "old.json", _scan(findings))
    write(ctx.work / "new.json", _scan(findings[: flows // 2]))


probe("session26-diff-config-6000-folder-flows", "cel-cost", _folder_flows,
      ("diff", "old.json", "new.json", "--config", "flows.yaml", "-f", "json"), OK, fmt="json",
      checks=(cpu_below(6.0), rss_below(500), _flow_count(6_000)), timeout=30.0)

# (b) the server's GET .../diff took each model's flows from its stored usages only; a usage in two flows (paths of
# both match its file) is stored with flow null, so a model used from a file of flows `billing` and `support` had no
# flows: moving the file out of `billing` was reported as 'support now uses gpt-4o' (it always did) and billing's loss
# was not reported. `modelmap diff` of the same two BOMs says billing no longer uses it. Now the stored model rows'
# flows count too.
def _cdx(path: str, flows: list[str]) -> bytes:
    props = [{"name": "modelmap:resolved", "value": "true"}, {"name": "modelmap:origins", "value": "US"},
             *({"name": "modelmap:flow", "value": f} for f in flows), {"name": "modelmap:identifier", "value": "gpt-4o"},
             {"name": "modelmap:usages", "value": "1"}]
    comp = {"type": "machine-learning-model", "bom-ref": "model:openai/gpt-4o", "group": "openai", "name": "gpt-4o",
            "publisher": "OpenAI", "properties": props,
            "evidence": {"occurrences": [{"location": path, "line": 3, "symbol": "gpt-4o"}]}}
    return json.dumps({"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, "components": [comp]}).encode()


_OLD, _NEW = "1" * 40, "2" * 40


def _two_snapshots(ctx: Ctx) -> None:
    old, new = _cdx("src/billing/a.py", ["billing", "support"]), _cdx("src/other/a.py", ["support"])
    write(ctx.work / "old.cdx.json", old)
    write(ctx.work / "new.cdx.json", new)
    modelmap_server(ctx)
    if ctx.skip:
        return
    ctx.state["answers"] = [_post("acme/app", body, query=f"commit={c}")(ctx)[0] for c, body in ((_OLD, old), (_NEW, new))]


def _server_diff_same(res: Result) -> str | None:
    if any(not 200 <= s < 300 for s in res.ctx.state.get("answers") or [0]):
        return f"uploads not stored: {res.ctx.state.get('answers')}"
    status, body = _http(f"{res.ctx.state['srv']}/api/v1/projects/acme/app/diff?old={_OLD}&new={_NEW}", headers=_auth())
    if status != 200:
        return f"GET .../diff answered {status}: {body[:200]!r}"
    got, cli = json.loads(body), res.json()
    for key in ("flows", "changed"):
        if got.get(key) != cli.get(key):
            return f"server diff {key} {got.get(key)} differs from the CLI's {cli.get(key)} for the same BOMs"
    return None


probe("session26-server-diff-usage-in-two-flows", "wrong-answer", _two_snapshots,
      ("diff", "old.cdx.json", "new.cdx.json", "-f", "json"), OK, fmt="json", checks=(_server_diff_same,),
      timeout=90.0)


# (c) scan JSON has carried each finding's declared flows since 29bdeb80, and a BOM side of a diff reads its
# modelmap:flow properties, but a scan side ignored its findings' flows: `modelmap diff old.json new.json` run
# anywhere but inside the project said 'No model changes' (flows null) for two scans whose flows differ, while the
# BOMs of the same two trees reported the change
def _scans_with_flows(ctx: Ctx) -> None:
    write(ctx.work / "old.json", _scan([{**_FINDING, "path": "src/billing/a.py", "flows": ["billing", "support"]}]))
    write(ctx.work / "new.json", _scan([{**_FINDING, "path": "src/other/a.py", "flows": ["support"]}]))


def _billing_dropped(res: Result) -> str | None:
    doc = res.json()
    want = {"billing": {"added": [], "removed": ["openai/gpt-4o"]}}
    return None if isinstance(doc, dict) and doc.get("flows") == want else \
        f"flows {doc.get('flows') if isinstance(doc, dict) else doc!r}, expected {want}"


probe("session26-diff-scans-state-their-flows", "wrong-answer", _scans_with_flows,
      ("diff", "old.json", "new.json", "-f", "json"), OK, fmt="json", checks=(*_BOUNDED, _billing_dropped),
      timeout=60.0)


# (d) joblib streams (9000ef9d): joblib.dump writes each numpy array's raw bytes right after its pickled
# NumpyArrayWrapper, so the opcode walk stops at the first array and the file was outlined from the opcodes before it.
# joblib.load goes on unpickling after each array: an `os.system` REDUCE placed after the first array (built here by
# opcode; nothing is ever unpickled) was missing from the security finding, which listed NumpyArrayWrapper alone. Now
# the GLOBAL / STACK_GLOBAL byte patterns past the array are listed too.
JOBLIB_HEAD = (b"\x80\x02}q\x00(X\x04\x00\x00\x00coefq\x01cjoblib.numpy_pickle\nNumpyArrayWrapper\nq\x02)\x81q\x03}q\x04("
               b"X\x05\x00\x00\x00shapeq\x05M\xe8\x03\x85q\x06X\x05\x00\x00\x00orderq\x07X\x01\x00\x00\x00Cq\x08"
               b"X\x05\x00\x00\x00dtypeq\tX\x03\x00\x00\x00<f8q\nub")
JOBLIB_TAIL = b"X\x04\x00\x00\x00postq\x0bcposix\nsystem\nq\x0cX\x04\x00\x00\x00trueq\r\x85q\x0eRq\x0fu."


def _joblib() -> bytes:
    import struct

    return JOBLIB_HEAD + b"".join(struct.pack("<d", float(i)) for i in range(1000)) + JOBLIB_TAIL


def _lists_system(res: Result) -> str | None:
    doc = res.json()
    imports = {i for s in (doc.get("security") or []) for i in s.get("imports") or []} if isinstance(doc, dict) else set()
    return None if "posix.system" in imports else f"the security finding lists {sorted(imports)}, not posix.system"


def _joblib_file(ctx: Ctx) -> None:
    write(ctx.work / "model.joblib", _joblib())


probe("session26-inspect-joblib-import-after-array", "no-exec", _joblib_file,
      ("inspect", "model.joblib", "-f", "json"), frozenset({0, 1}), fmt="json",
      checks=(*_BOUNDED, _lists_system), timeout=60.0)


# (e) scan JSON's per-finding flows (29bdeb80) were matched with the finding's path relative to the scanned folder:
# `modelmap scan src -f json` in a project whose modelmap.yaml (one folder up) puts `src/**` in flow `support` wrote
# `"flows": []` (in no flow) for every finding - and `--upload` stored the usages so. The project's paths are used now.
def _scan_inside(ctx: Ctx) -> None:
    write(ctx.work / ".git" / "HEAD", "ref: refs/heads/main\n")  # the project's root: the config search stops here
    write(ctx.work / "modelmap.yaml", "version: 1\nflows:\n  support:\n    paths: ['src/**']\n")
    write(ctx.work / "src" / "bot" / "a.py", "import openai\nc = openai.OpenAI()\n"
          "c.chat.completions.create(model='gpt-4o')\n")


def _in_support(res: Result) -> str | None:
    doc = res.json()
    got = [f.get("flows") for f in doc.get("findings", [])] if isinstance(doc, dict) else None
    return None if got and all(flows == ["support"] for flows in got) else f"findings' flows {got}, expected support"


probe("session26-scan-subfolder-flows", "wrong-answer", _scan_inside, ("scan", "src", "-f", "json"), OK, fmt="json",
      checks=(*_BOUNDED, _in_support), timeout=60.0)
