"""Red-team probes of brief redteam33 (session 29 of the red-team log): code added in session 32 - Azure OpenAI
deployments read from Terraform and Bicep (discover/polyglot.azure_deployments, bicep_deployments; the name's mapping in
provenance.resolver.resolve_findings) and the server's evaluation of the flows a scan upload declares
(server/service._declared_flows).

Each probe promises what the tool must do on hostile input: bounded CPU / wall time, a clean exit, the answer an
ordinary spelling of the same input gets, and a skip wherever a bound stops the reading (never silent). Imported by
tests/redteam/probes.py after probes_session28. Stdlib only at import time.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

from tests.discover.test_azure_deployment_bounds import BICEP_DEPLOYMENT as _BICEP_DEPLOYMENT
from tests.discover.test_azure_deployment_bounds import STORAGE as _STORAGE
from tests.redteam.probes import OK, probe, scan_probe, write
from tests.redteam.probes_newer import _auth, _http, modelmap_server
from tests.redteam.probes_session27 import skip_says
from tests.redteam.runner import CHILD, Ctx, Result, child_env

_TF_DEPLOYMENT = ('resource "azurerm_cognitive_deployment" "chat" {\n  name = "chat-eu"\n  model {\n'
                  '    format  = "OpenAI"\n    name    = "gpt-4o-mini"\n    version = "2024-07-18"\n  }\n}\n')
_APP = "from openai import AzureOpenAI\n\nclient = AzureOpenAI()\nclient.chat.completions.create(model='chat-eu', messages=[])\n"


def _deployment_read(res: Result) -> str | None:
    """The app's call of the deployment name resolves to the model the deployment serves."""
    if res.rc != 0:
        return None
    calls = [f for f in res.json().get("findings", []) if f.get("path") == "app.py"]
    got = [((f.get("resolution") or {}).get("model") or {}).get("id") for f in calls]
    return None if got == ["openai/gpt-4o-mini"] else \
        f"the call of deployment 'chat-eu' resolves to {got}, not the gpt-4o-mini its Bicep deploys"


# (a) bicep_deployments walked the whole tree from the file's end (a stack popped last child first) and stopped after
# 50,000 nodes without a word: a deployment declared at the top of a Bicep file of 3,000 storage resources (460 KB)
# was never read, so the app's `model='chat-eu'` stayed an unidentified model (2,000 resources: read). Now only the
# nodes a resource can sit in are walked, from the file's start, and a bound is said in a skip
scan_probe("session29-bicep-deployment-before-3000-resources", "silent-cap", lambda: {
    "infra/main.bicep": _BICEP_DEPLOYMENT.format(cond="") + "".join(_STORAGE.format(i=i) for i in range(3_000)),
    "app.py": _APP}, checks=(_deployment_read,), timeout=60.0)

# (b) a conditional deployment (`= if (deployOpenAI) {…}`, the usual form in Azure templates) was not read: its body
# is the conditional's child, and only a body directly under the declaration was looked for
scan_probe("session29-bicep-conditional-deployment", "wrong-answer", {
    "infra/main.bicep": _BICEP_DEPLOYMENT.format(cond="if (deployOpenAI) "), "app.py": _APP},
           checks=(_deployment_read,))

# (c) azure_deployments read a Terraform file's first 10,000 top-level blocks and dropped the rest silently: a
# deployment after 12,000 `locals {}` blocks did not map its name, and nothing said why
scan_probe("session29-terraform-deployment-past-10000-blocks", "silent-cap", lambda: {
    "infra/main.tf": "locals {}\n" * 12_000 + _TF_DEPLOYMENT, "app.py": _APP},
           checks=(skip_says("Azure OpenAI deployments", "10,000"),), timeout=60.0)


# The server evaluates each flow a scan upload declares over the files its findings name (one anchored glob per
# (flow, file) membership, and a violation per membership in a flow the policy fails)
_CONFIG = "version: 1\nflows:\n  claims:\n    tags: [regulated]\n    paths: ['claims/**']\n"
_EMBED = 'from sentence_transformers import SentenceTransformer\nembedder = SentenceTransformer("BAAI/bge-m3")\n'
_POLICY = {"config": "version: 1\nfail_on: error\n", "presets": ["no-cn-origin-regulated"]}
_REPO = "acme/flows"


def _flows_upload(flows: int, files: int, every_flow: bool) -> Callable[[Ctx], None]:
    """A real scan of a repo whose regulated flow holds a CN-origin embedder, rewritten to declare ``flows`` flows
    and ``files`` files (each in every flow, or only in the regulated one), POSTed with an org policy set; the
    answer and its wall time go to ctx.state."""
    def build(ctx: Ctx) -> None:
        write(ctx.work / "modelmap.yaml", _CONFIG)
        write(ctx.work / "claims" / "embed.py", _EMBED)
        modelmap_server(ctx)
        if ctx.skip:
            return
        scan = subprocess.run([sys.executable, "-c", CHILD, "scan", ".", "-f", "json"], cwd=ctx.work,
                              env=child_env(ctx), capture_output=True, timeout=120, check=False)
        doc: dict[str, Any] = json.loads(scan.stdout)
        (embed,) = [f for f in doc["findings"] if f.get("path") == "claims/embed.py"]
        doc["flows"] = [*doc["flows"], *({"name": f"f{i}", "tags": ["internal"]} for i in range(flows - 1))]
        names = ["claims", *(f"f{i}" for i in range(flows - 1))] if every_flow else ["claims"]
        doc["findings"] = [{**embed, "path": f"claims/m{i}.py", "flows": names} for i in range(files)]
        _http(f"{ctx.state['srv']}/api/v1/policy", "PUT", json.dumps(_POLICY).encode(), _auth())
        started = time.monotonic()
        status, body = _http(f"{ctx.state['srv']}/api/v1/projects/{_REPO}/snapshots?commit={'6' * 40}", "POST",
                             json.dumps(doc).encode(), _auth(), timeout=15)
        ctx.state["answer"] = (status, body[:200], time.monotonic() - started)
    return build


def _regulated_failure(res: Result) -> str | None:
    status, body, took = res.ctx.state.get("answer") or (0, b"", 0.0)
    if not 200 <= status < 300:
        return f"the upload answered {status} after {took:.1f} s: {body!r}"
    got, reply = _http(f"{res.ctx.state['srv']}/api/v1/policy/status", headers=_auth())
    projects = [p for p in json.loads(reply).get("projects", [])] if got == 200 else []
    project = next((p for p in projects if p.get("repo") == _REPO), None)
    if project is None or project.get("status") != "fail" or not project.get("regulated_flows"):
        brief = {k: project.get(k) for k in ("status", "regulated_flows")} if project else None
        return f"the CN embedder in the regulated flow does not fail the org policy: {brief}"
    return None


# (d) 2,000 flows naming the same 400 files (7.5 MB, under the 10 MB upload limit): 800,000 memberships, each a glob in
# one re2 set and a violation, evaluated inside the upload request: past 15 s (500 x 100 took 17 s of CPU, 2,000 x 400
# over ten minutes, the server busy all along). Now past 50,000 memberships the project is one flow with every
# declared flow's tags: 2,000 x 400 answers in 3.8 s
probe("session29-server-upload-2000-flows-x-400-files", "server-upload", _flows_upload(2_000, 400, every_flow=True),
      ("scan", ".", "-f", "json"), OK, fmt="json", checks=(_regulated_failure,), timeout=120.0)

# (e) past 2,000 declared flows the project was evaluated as one flow with the upload's tags only: a repo declaring
# 2,001 flows (one of them regulated) passed the regulated-flows rule its own `modelmap check` fails. Now the one flow
# carries every declared flow's tags, regulated included
probe("session29-server-upload-2001-flows-keeps-regulated", "wrong-answer", _flows_upload(2_001, 1, every_flow=False),
      ("scan", ".", "-f", "json"), OK, fmt="json", checks=(_regulated_failure,), timeout=120.0)


# (f) provenance mapped every finding of a deployment's name, in any file, to the model the deployment serves: beside a
# Terraform deployment named `gpt-4o` serving gpt-4o-mini, a service calling https://api.openai.com/v1 with
# model="gpt-4o" was reported as gpt-4o-mini served by the OpenAI API. A call configured with another provider's
# endpoint now keeps its own model (a call to Azure, or with no endpoint written, is still mapped)
def _own_model_kept(res: Result) -> str | None:
    if res.rc != 0:
        return None
    got = {f.get("path"): ((f.get("resolution") or {}).get("model") or {}).get("id")
           for f in res.json().get("findings", []) if f.get("raw") == "gpt-4o"}
    want = {"svc/openai_call.py": "openai/gpt-4o", "svc/azure_call.py": "openai/gpt-4o-mini"}
    return None if all(got.get(k) == v for k, v in want.items()) else f"gpt-4o calls resolve to {got}, expected {want}"


scan_probe("session29-deployment-name-on-another-providers-endpoint", "wrong-answer", {
    "infra/main.tf": _TF_DEPLOYMENT.replace('"chat-eu"', '"gpt-4o"'),
    "svc/openai_call.py": 'from openai import OpenAI\nc = OpenAI(base_url="https://api.openai.com/v1")\n'
                          'c.chat.completions.create(model="gpt-4o", messages=[])\n',
    "svc/azure_call.py": 'from openai import AzureOpenAI\nc = AzureOpenAI()\nc.chat.completions.create(model="gpt-4o", '
                         'messages=[])\n'}, checks=(_own_model_kept,))
