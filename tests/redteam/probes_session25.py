"""Red-team probes of brief redteam29 (session 25 of the red-team log): the readers and server paths added in session
28/29 - CycloneDX uploads of many components (the capped BOM storage), digits that str.isdigit accepts and int()
refuses in uploaded / diffed BOM properties and in bpetokenizer saves, HOCON blocks on one line.

Each probe promises what the tool must do on hostile input: bounded CPU / RSS, a clean exit, and a server that answers
a well-formed, schema-valid document with 2xx, never 5xx and never past the client's 30 s wait. Imported by
tests/redteam/probes.py after probes_session24b. Stdlib only at import time.
"""

from __future__ import annotations

import http.server
import json

from tests.redteam.probes import OK, PY_CALL, probe, scan_probe, write
from tests.redteam.probes_newer import (
    _VLLM,
    ADMIN,
    OK_OR_FAIL,
    PROBE_JSON,
    SRV_UPLOAD,
    Handle,
    _post,
    attack,
    no_token_in_log,
    pr_probe,
)
from tests.redteam.probes_session8 import cpu_below
from tests.redteam.probes_session13 import rss_below
from tests.redteam.probes_session20 import _finds
from tests.redteam.probes_session22 import _inspect_file
from tests.redteam.runner import Ctx, Result

_BOUNDED = (cpu_below(20.0), rss_below(500))


def _cdx(components: list[dict[str, object]]) -> bytes:
    return json.dumps({"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
                       "components": components}).encode()


def _model(i: int, used_at: str) -> dict[str, object]:
    return {"type": "machine-learning-model", "name": f"org/m-{i}", "bom-ref": f"m{i}",
            "properties": [{"name": "modelmap:used-at", "value": used_at}]}


def _all_2xx(res: Result) -> str | None:
    bad = [a for a in res.ctx.state.get("answers") or [] if not 200 <= a[0] < 300]
    return f"well-formed uploads not stored (status -1: no answer within 30 s): {bad[:3]}" if bad else None


# (a) a CycloneDX BOM of many components (modelmap bom --max-models 0 writes one; any producer may): cyclonedx-python-lib
# validates with jsonschema, whose uniqueItems compares every pair of components (objects do not sort): 4,000
# components took 12 s of the server's CPU, 10,000 about 75 s (no answer within the client's 30 s), 60,000 (9 MB,
# under the 10 MiB upload limit) over 5 minutes. (b) a modelmap:used-at line number '\u00b2' (str.isdigit is true,
# int() raises): the upload answered 500.
_UPLOADS = [
    _post("acme/many-components", _cdx([_model(i, f"src/a{i}.py:{i + 1}") for i in range(10_000)])),
    _post("acme/superscript-line", _cdx([_model(0, "src/a.py:\u00b2"), _model(1, "src/b.py:" + "1" * 5_000)])),
]


def _upload_attack(ctx: Ctx) -> None:
    write(ctx.work / "a.py", PY_CALL)
    attack(*_UPLOADS)(ctx)
    ctx.env["MODELMAP_TOKEN"] = ADMIN
    ctx.env["MODELMAP_PROJECT"] = "acme/ok"


probe("session25-server-upload-cdx-many-components", "server-upload", _upload_attack, SRV_UPLOAD, OK,
      checks=(_all_2xx, no_token_in_log), timeout=180.0)


# (c) diff of a CycloneDX BOM whose modelmap:usages count is '\u00b2': 'internal error: ValueError' (exit 2)
def _sup_bom(ctx: Ctx) -> None:
    comp = {"type": "machine-learning-model", "name": "gpt-4o", "bom-ref": "m1",
            "properties": [{"name": "modelmap:usages", "value": "\u00b2"},
                           {"name": "modelmap:used-at", "value": "a.py:\u00b2"}]}
    write(ctx.work / "old.cdx.json", _cdx([comp]))
    write(ctx.work / "new.cdx.json", _cdx([{**comp, "properties": [{"name": "modelmap:usages", "value": "1" * 5_000}]}]))


probe("session25-diff-cdx-superscript-usages", "diff-input", _sup_bom, ("diff", "old.cdx.json", "new.cdx.json"), OK,
      checks=_BOUNDED, timeout=60.0)


# (d) bpetokenizer's JSON save (d4266091): vocab ids tested with str.isdigit then sorted by int(): an id '\u00b2' or
# of 5,000 digits made the file an 'unreadable' skip whose detail was a ValueError's text
def _no_value_error(res: Result) -> str | None:
    out = res.stdout.decode("utf-8", "replace") + res.stderr.decode("utf-8", "replace")
    return "a skip's detail is an internal ValueError" if "ValueError" in out else None


def _bpetokenizer(bad_id: str) -> bytes:
    vocab = {str(i): f"t{i}" for i in range(300)}
    vocab[bad_id] = "x"
    return json.dumps({"version": "1.0.0", "pattern": r"\w+", "special_tokens": {"<|endoftext|>": 300},
                       "merges": {}, "vocab": vocab}).encode()


for _pid, _bad in {"superscript-id": "\u00b2", "5000-digit-id": "1" * 5_000}.items():
    probe(f"session25-inspect-bpetokenizer-{_pid}", "artifact",
          _inspect_file("tokenizer.json", lambda b=_bad: _bpetokenizer(b)),
          ("inspect", "tokenizer.json", "-f", "json"), frozenset({0, 1, 2}), fmt="json",
          checks=(*_BOUNDED, _no_value_error), timeout=60.0)


# (e) HOCON (d159c8c9 / 3e8fad66): a line that opens blocks is read only inside its innermost block, so a model key
# before a nested block on the same line (`llm { model = "gpt-4o", opts { t = 1 } }`) is lost without a skip
scan_probe("session25-scan-hocon-model-before-nested-block", "wrong-answer",
           lambda: {"conf/app.conf": 'llm { model = "gpt-4o-mini", opts { temperature = 1 } }\n'},
           checks=(*_BOUNDED, _finds("gpt-4o-mini")), timeout=60.0)  # fixed: every block of the line is read


# (f) modelmap probe against a server whose Content-Length is '\u00b2' (the byte 0xB2: http.client decodes headers as
# Latin-1 and keeps the length it cannot parse as unknown) or 5,000 digits: runtime/netread tested it with str.isdigit
# and then int() raised, an internal error instead of an endpoint that could not be read
def _odd_length(length: str) -> Handle:
    def handle(req: http.server.BaseHTTPRequestHandler, method: str, body: bytes) -> None:
        data = json.dumps(_VLLM["/v1/models"]).encode()
        req.send_response(200)
        req.send_header("Content-Type", "application/json")
        req.send_header("Content-Length", length)
        req.send_header("Connection", "close")
        req.end_headers()
        req.wfile.write(data)
        req.close_connection = True
    return handle


for _pid, _len in {"superscript": "\u00b2", "5000-digits": "1" * 5_000}.items():
    pr_probe(f"session25-probe-content-length-{_pid}", _odd_length(_len), PROBE_JSON, OK_OR_FAIL,
             checks=_BOUNDED, timeout=60.0)


# (g) a YAML value over 100,000 characters was passed over without a word (config_files TreeWalker.scalar): a
# model-swapping proxy's `cmd: |` written one flag a line (18170b20 joins such lines onto the command) of 40,000
# lines lost its --model with no finding and no skip. Now an analysis-budget skip when the value names a model word.
def _long_cmd(ctx: Ctx) -> None:
    write(ctx.work / "config.yaml", "models:\n  llama:\n    cmd: |\n      /app/llama-server\n" + "      -x\n" * 40_000
          + "      --model /models/qwen2.5-7b-instruct-q4_k_m.gguf\n")


scan_probe("session25-scan-yaml-cmd-block-40k-lines", "huge-line", _long_cmd, accounted=["config.yaml"],
           checks=_BOUNDED, timeout=60.0)
