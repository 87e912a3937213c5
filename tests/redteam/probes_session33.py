"""Red-team probes of brief redteam37 (session 33 of the red-team log): the readers session 36 added or changed -
code literals that are one JSON-encoded string (candidates._JSON_SCALAR), 64 JSON blocks per file (polyglot), HTML /
Jinja / Blade `<select>` model pickers and page `<script>` blocks (javascript._select_options / _script_text), Azure
OpenAI deployment key paths in JSON settings and ARM templates (deployments.py), f-string / template-literal model-id
tails (composite.model_tail), CI matrix case entries and folded command lines with JSON flag values (config_files),
`.env-example` names, `spacy.load`, value switches assigned to variables (candidates._assigned_name); artifacts -
a Model2Vec-shaped safetensors whose header lies, a cross-encoder-shaped ONNX with a huge graph, an Ultralytics-like
zip `.pt` whose pickle opcodes lie (deep nesting, a huge memo, a train_args dict of 10^5 keys), Picovoice `.pv` magic
with junk; and three bounds left open: a C# `??` chain 3,000 long beside an ordinary call, a budget whose single
steps are slow, a 200k-character line mixing every literal type.

Each probe promises what the tool must do on hostile input: bounded CPU / wall time and memory (the runner's RLIMIT_AS
and wall limit, plus a tighter timeout where the bound is known), a clean exit with a documented code, nothing
executed, nothing written but the output asked for, and - where an ordinary model reference sits beside the hostile
part - the answer an ordinary spelling of the same input gets. Every input is built at test time. Imported by
tests/redteam/probes.py after probes_session32. Stdlib only at import time.
"""

from __future__ import annotations

import json
import struct
import zipfile
from collections.abc import Callable

from tests.artifacts.protobuf import field as _ld
from tests.artifacts.protobuf import varint as _varint
from tests.redteam.probes import OK, OK_OR_USAGE, SCAN_JSON, probe, scan_probe, write
from tests.redteam.probes_session13 import rss_below
from tests.redteam.probes_session27 import finds
from tests.redteam.runner import Ctx, Result

_PY_CALL = "import openai\nopenai.OpenAI().chat.completions.create(model='gpt-4o-mini')\n"
_JS_CALL = "import OpenAI from 'openai';\nawait new OpenAI().chat.completions.create({ model: 'gpt-4o-mini' });\n"


def _only_output(*inputs: str) -> Callable[[Result], str | None]:
    """Nothing but the inputs and the -o file is left in the working folder, and nothing new beside it."""
    def check(res: Result) -> str | None:
        keep = {*inputs, "out.json"}
        made = [p.name for p in res.ctx.work.iterdir() if p.name not in keep]
        made += [p.name for p in res.ctx.root.iterdir() if p.name not in ("work", "cache", "PWNED")]
        return f"files written outside the output path: {made[:5]}" if made else None
    return check


# --- (1) literals that are one JSON-encoded string (candidates._JSON_SCALAR) ------------------------------------------
# (a) a Go test table of 100,000 `[]byte(`"m-N"`)` cases, one an ordinary model id: a literal each, read quotes off
scan_probe("session33-go-100k-json-scalar-literals", "quadratic-position", lambda: {
    "model_test.go": "package m\n\nvar cases = []struct{ in []byte }{\n"
                     + "".join(f'\t{{[]byte(`"m-{i}"`)}},\n' for i in range(100_000))
                     + '\t{[]byte(`"gpt-4o-mini"`)},\n}\n\nvar Model = "gpt-4o"\n'},
           accounted=["model_test.go"], timeout=40.0)
# (b) one 3 MB literal of escaped quotes (`"\"\"\"…"`) and a JSON array nested 10^4 deep in a json.loads (that file
# reads as generated: a skip, said), and a 200 KB one beside an ordinary call in another file (read, not skipped)
scan_probe("session33-python-json-scalar-escapes-and-10k-deep", "deep-nesting", lambda: {
    "app/cfg.py": 'A = "' + '\\"' * 1_500_000 + '"\nB = json.loads("' + "[" * 10_000 + '\\"gpt-4o\\"' + "]" * 10_000
                  + '")\n',
    "app/call.py": 'A = "' + '\\"' * 1_000 + '"\nB = json.loads("' + "[" * 900 + '\\"gpt-4o\\"' + "]" * 900
                   + '")\n' + _PY_CALL},
           accounted=["app/cfg.py"], checks=(finds("gpt-4o-mini"),), timeout=30.0)
# (c) 200,000 escaped-quote literals `"\"gpt-4o\""` on one line of a TS file (the column fix-up per literal)
scan_probe("session33-ts-200k-escaped-scalars-one-line", "huge-line", lambda: {
    "src/m.ts": "export const xs = [" + ", ".join(['"\\"gpt-4o\\""'] * 200_000) + "];\n", "src/call.ts": _JS_CALL},
           accounted=["src/m.ts"], checks=(finds("gpt-4o-mini"),), timeout=40.0)


# --- (2) JSON blocks in raw literals (polyglot, 64 per file) -----------------------------------------------------------
# (a) 100,000 Go raw-string JSON blocks in one file, each an ordinary `{"model": …}` document
scan_probe("session33-go-100k-json-blocks", "silent-cap", lambda: {
    "cases_test.go": "package m\n\nvar docs = []string{\n"
                     + "".join(f'\t`{{"model": "gpt-4o", "n": {i}}}`,\n' for i in range(100_000)) + "}\n"},
           accounted=["cases_test.go"], timeout=40.0)
# (b) 64 C++ raw-literal blocks, each JSON nested 20,000 deep (json.loads recursion), then an ordinary one
scan_probe("session33-cpp-64-raw-json-blocks-20k-deep", "deep-nesting", lambda: {
    "src/cfg.cc": "".join(f'const char* d{i} = R"(' + '{"a":' * 20_000 + "1" + "}" * 20_000 + ')";\n'
                          for i in range(64))
                  + 'const char* ok = R"({"model": "gpt-4o-mini"})";\n'},
           accounted=["src/cfg.cc"], timeout=40.0)


# --- (3) HTML / Jinja / Blade pages: <select> pickers, <script> blocks --------------------------------------------------
# (a) one model picker of 100,000 options (256 read), then an ordinary picker
scan_probe("session33-html-select-100k-options", "silent-cap", lambda: {
    "templates/index.html": '<form><select name="model">\n'
                            + "".join(f'<option value="acme-m{i}">m{i}</option>\n' for i in range(100_000))
                            + '</select>\n<select id="chat_model"><option value="gpt-4o-mini">mini</option></select>\n'
                            "</form>\n"},
           accounted=["templates/index.html"], timeout=40.0)
# (b) 100,000 unclosed `<select name="model">` openers each with a 1,000-character attribute run and no `>`
scan_probe("session33-html-100k-unclosed-selects", "regex-backtracking", lambda: {
    "page.htm": ('<select name="model" ' + "a" * 990 + "\n") * 3_000
                + "".join('<select name="model"><option value="gpt-4o">' for _ in range(100_000)),
    "app/call.js": _JS_CALL},
           checks=(finds("gpt-4o-mini"),), timeout=40.0)
# (c) a page whose `<script>` never closes: 3 MB of script text, and 100,000 empty script blocks in another page
scan_probe("session33-html-unterminated-script-and-100k-scripts", "huge-line", lambda: {
    "a.html": "<html><script>\nconst m = { model: 'gpt-4o' };\n" + "var x = 1;\n" * 300_000,
    "b.html": "<script></script>" * 100_000 + "<script>const y = { model: 'gpt-4o-mini' };</script>\n"},
           accounted=["a.html", "b.html"], timeout=40.0)
# (d) a Blade view: a select whose option values are Blade echoes, 50,000 `@if` inside a script block left open
scan_probe("session33-blade-select-echoes-open-script", "deep-nesting", lambda: {
    "resources/views/chat.blade.php": '<select name="model">' + '<option value="{{ $m }}">' * 50_000
                                      + "</select>\n<script>\n" + "@if($a) if (a) {\n" * 50_000,
    "app/call.js": _JS_CALL},
           accounted=["resources/views/chat.blade.php"], checks=(finds("gpt-4o-mini"),), timeout=40.0)


# --- (4) .NET settings: appsettings / secrets.json / local.settings.json deployment key paths -----------------------
# (a) "AzureOpenAI" sections nested 10,000 deep with a DeploymentName at the bottom, beside an ordinary one
scan_probe("session33-appsettings-10k-deep-sections", "deep-nesting", lambda: {
    "appsettings.json": '{"AzureOpenAI": {"ChatDeploymentName": "orders-chat"}, "X": '
                        + '{"AzureOpenAI": ' * 10_000 + '{"DeploymentName": "deep-chat"}' + "}" * 10_000 + "}"},
           accounted=["appsettings.json"], timeout=30.0)
# (b) a user-secrets store of 100,000 flat deployment keys (`AzureOpenAI:Deployments:ChatN`)
scan_probe("session33-secrets-json-100k-deployment-keys", "quadratic-position", lambda: {
    "secrets.json": json.dumps({f"AzureOpenAI:Deployments{i}:Chat": f"chat-{i}" for i in range(100_000)})},
           accounted=["secrets.json"], timeout=40.0)
# (c) local.settings.json: 100,000 environment-style keys and one key of 500,000 `__` separators saying deployment
scan_probe("session33-local-settings-100k-keys-and-deep-flat-key", "huge-line", lambda: {
    "local.settings.json": json.dumps({"IsEncrypted": False, "Values": {
        **{f"AzureOpenAI__Chat{i}DeploymentName": f"c-{i}" for i in range(100_000)},
        "AzureOpenAI" + "__Deployment" * 50_000 + "__Name": "deep-chat",
        "AzureOpenAI__ChatDeploymentName": "support-chat"}})},
           accounted=["local.settings.json"], timeout=40.0)

# --- (5) ARM templates -------------------------------------------------------------------------------------------------
_ARM_HEAD = {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
             "contentVersion": "1.0.0.0"}
_ARM_TYPE = "Microsoft.CognitiveServices/accounts/deployments"


def _arm_resource(name: str, model: str = "gpt-4o-mini") -> dict[str, object]:
    return {"type": _ARM_TYPE, "apiVersion": "2024-10-01", "name": name,
            "properties": {"model": {"format": "OpenAI", "name": model, "version": "2024-07-18"}}}


# (a) 100,000 deployment resources in one template
scan_probe("session33-arm-100k-deployment-resources", "quadratic-position", lambda: {
    "infra/azuredeploy.json": json.dumps({**_ARM_HEAD, "resources": [_arm_resource(f"acct/chat-{i}")
                                                                     for i in range(100_000)]})},
           accounted=["infra/azuredeploy.json"], timeout=40.0)
# (b) a copy loop of 10^9 iterations over one resource, and a deployment name of 100,000 concatenated literals
scan_probe("session33-arm-copy-loop-and-100k-literal-name", "exponential-valueflow", lambda: {
    "main.json": json.dumps({**_ARM_HEAD, "resources": [
        {**_arm_resource("[format('{0}/chat-{1}', parameters('account'), copyIndex())]"),
         "copy": {"name": "deps", "count": 1_000_000_000, "mode": "serial", "batchSize": 1}},
        _arm_resource("[concat(parameters('account'), " + ", ".join(["'a'''"] * 100_000) + ", '/orders-chat')]"),
        _arm_resource("acct/support-chat")]})},
           checks=(finds("gpt-4o-mini"),), timeout=30.0)
# (c) nested templates (Microsoft.Resources/deployments) 2,000 deep, an OpenAI deployment at the bottom
def _arm_nested(ctx: Ctx) -> None:
    # written as text: json.dumps itself recurses once per level
    head = json.dumps(_ARM_HEAD)[:-1]
    opener = head + ', "resources": [{"type": "Microsoft.Resources/deployments", "name": "n", "properties": ' \
                    '{"mode": "Incremental", "template": '
    inner = json.dumps({**_ARM_HEAD, "resources": [_arm_resource("acct/deep-chat")]})
    top = json.dumps(_arm_resource("acct/top-chat"))
    write(ctx.work / "nested.json", opener * 2_000 + inner + "}}]}" * 1_999 + "}}, " + top + "]}")


scan_probe("session33-arm-nested-templates-2000-deep", "deep-nesting", _arm_nested, accounted=["nested.json"],
           timeout=30.0)


# --- (6) f-string / template-literal model-id tails (composite.model_tail) ---------------------------------------------
# (a) one f-string of 100,000 substitutions ending in a model id, then an ordinary call
scan_probe("session33-fstring-100k-parts", "huge-line", lambda: {
    "app/route.py": 'MODEL = f"' + "{p}" * 100_000 + '/gpt-4o"\n' + _PY_CALL},
           accounted=["app/route.py"], checks=(finds("gpt-4o-mini"),), timeout=30.0)
# (b) 50,000 model-named bindings each from a template literal with a model-id tail, and one of 100,000 substitutions
scan_probe("session33-template-literal-tails-50k", "quadratic-position", lambda: {
    "src/models.ts": "".join(f"export const model{i} = `${{prefix}}/gpt-4o-mini`;\n" for i in range(50_000))
                     + "export const big = `" + "${a}" * 100_000 + "/gpt-4o`;\n"},
           accounted=["src/models.ts"], timeout=40.0)


# --- (7) CI matrices and folded command lines ----------------------------------------------------------------------------
# (a) a matrix include of 100,000 case entries, each pointing at its config file (the case-name reading per entry)
scan_probe("session33-ci-matrix-100k-case-entries", "quadratic-position", lambda: {
    ".github/workflows/e2e.yml": "on: push\njobs:\n  e2e:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n"
                                 "        include:\n"
                                 + "".join(f"          - {{name: case-{i}, os: linux-arm64-16, config_file_path: "
                                           f"c{i}.yaml}}\n" for i in range(100_000))
                                 + "        model_list: [gpt-4o-mini]\n    steps:\n      - run: echo\n"},
           accounted=[".github/workflows/e2e.yml"], timeout=40.0)
# (b) one anchored case entry aliased 100,000 times in a matrix include (no expansion blow-up), beside a model list
scan_probe("session33-ci-matrix-100k-aliases", "yaml-bomb", lambda: {
    ".github/workflows/m.yml": "x-case: &c {name: kimi-k2, os: linux-arm64-16, config_file_path: k.yaml}\n"
                               "on: push\njobs:\n  t:\n    strategy:\n      matrix:\n        include: ["
                               + ", ".join(["*c"] * 100_000) + "]\n        model_list: [gpt-4o-mini]\n"},
           accounted=[".github/workflows/m.yml"], timeout=40.0)
# (c) a folded `server_cmd: >` of 100,000 flags, and a quote opened on its first line that never closes
scan_probe("session33-folded-command-100k-flags-open-quote", "quadratic-position", lambda: {
    "deploy/serve.yaml": "server_cmd: >\n  vllm serve meta-llama/Llama-3.1-8B-Instruct\n"
                         + "".join(f"  --flag{i} v{i}\n" for i in range(100_000))
                         + "other_cmd: >\n  python -m sglang.launch_server --model-path Qwen/Qwen2.5-7B-Instruct"
                           " --json-model-override-args '{\"a\": 1\n" + "".join(f"  x{i}\n" for i in range(100_000))},
           accounted=["deploy/serve.yaml"], timeout=40.0)
# (d) an argument list of 4,000 flags ending in a JSON flag value nested 50,000 deep, and an ordinary one
scan_probe("session33-arg-list-json-flag-50k-deep", "deep-nesting", lambda: {
    "deploy/args.yaml": "server_cmd_template: [" + ", ".join(f"--f{i}" for i in range(4_000))
                        + ", --speculative-config, '" + '{"a": ' * 50_000 + "1" + "}" * 50_000 + "']\n"
                        + "server_args: [--speculative-config, '{\"model\": \"Qwen/Qwen2.5-0.5B-Instruct\"}']\n"},
           accounted=["deploy/args.yaml"], timeout=30.0)
# (e) 20,000 command lines each with a JSON flag value on one line (`--x '{"model": …}'`) in a compose command
scan_probe("session33-command-20k-json-flag-values", "quadratic-position", lambda: {
    "compose.yaml": "services:\n  vllm:\n    image: vllm/vllm-openai\n    command: >\n"
                    + "".join(f"      --cfg{i} '{{\"model\": \"org/m{i}\"}}'\n" for i in range(20_000))},
           accounted=["compose.yaml"], timeout=40.0)


# --- (8) .env-example, spacy.load, value switches assigned to variables ---------------------------------------------------
# (a) an `.env-example` of 200,000 lines and one line of 1 MB; an `env_sample` with a model setting
scan_probe("session33-env-example-200k-lines", "huge-line", lambda: {
    ".env-example": "".join(f"VAR_{i}=value-{i}\n" for i in range(200_000)) + "BIG=" + "x" * 1_000_000 + "\n",
    "env_sample": "OPENAI_MODEL=gpt-4o-mini\n"},
           accounted=[".env-example"], checks=(finds("gpt-4o-mini"),), timeout=40.0)
# (b) 100,000 spacy.load calls with made-up names, one 1 MB name, then an ordinary pipeline
scan_probe("session33-spacy-load-100k-calls", "quadratic-position", lambda: {
    "nlp.py": "import spacy\n" + "".join(f"n{i} = spacy.load('pipe_{i}')\n" for i in range(100_000))
              + "big = spacy.load('" + "en_core_web_" * 80_000 + "')\nnlp = spacy.load('en_core_web_sm')\n"},
           accounted=["nlp.py"], timeout=40.0)
# (c) a PHP `$model = match($p) {…}` of 100,000 arms, and a C# `var model = p switch {…}` of 100,000 arms
scan_probe("session33-value-switch-100k-arms", "quadratic-position", lambda: {
    "app/Pick.php": "<?php\n$model = match ($provider) {\n" + "".join(f"    'p{i}' => 'acme-m{i}',\n"
                                                                      for i in range(100_000))
                    + "    default => 'gpt-4o-mini',\n};\n",
    "src/Pick.cs": "class P { string F(string p) { var model = p switch {\n"
                   + "".join(f'    "p{i}" => "acme-m{i}",\n' for i in range(100_000))
                   + '    _ => "gpt-4o-mini" }; return model; } }\n'},
           accounted=["app/Pick.php", "src/Pick.cs"], timeout=40.0, checks=(rss_below(500),))
# (509 MB until redteam38: the first file's syntax tree stayed alive in a reference cycle - the budget exception kept
# as a value held the literal walk's frames - while the second was parsed; now the larger file alone, ~350 MB)
# (d) Rust `let model = match` nested 5,000 deep (a switch assigned inside each arm)
scan_probe("session33-rust-let-match-5000-deep", "deep-nesting", lambda: {
    "src/pick.rs": "fn f(p: &str) -> &str {\n    let model = " + "match p { \"a\" => " * 5_000 + "\"gpt-4o\""
                   + ", _ => \"x\" }" * 5_000 + ";\n    model\n}\n"},
           accounted=["src/pick.rs"], timeout=30.0)


# --- (9) the open bounds of session 32 ---------------------------------------------------------------------------------
# (a) a C# getter chain of 3,000 `??` then an ordinary call in the same file: the call is found, the file not skipped
# whole (the chain's own literal may be given up, said)
scan_probe("session33-csharp-coalesce-3000-call-kept", "deep-nesting", lambda: {
    "src/Settings.cs": "class Settings {\n  public string Deployment => "
                       + " ?? ".join(f'_config["AzureOpenAI:Deployment{i}"]' for i in range(3_000))
                       + ' ?? "gpt-4o";\n}\nclass App { void F() { var c = new ChatClient(model: "gpt-4o-mini", '
                         "apiKey: k); } }\n"},
           checks=(finds("gpt-4o-mini"),), timeout=30.0)
# (b) slow single steps: 2,000 JS literals each nested 2,000 deep in parentheses (each literal's context walk is long),
# with an ordinary call in another file; the file's CPU budget must stop it near its 2 s, not 1,024 steps later
scan_probe("session33-slow-steps-deep-literals", "deep-nesting", lambda: {
    "src/deep.js": "".join("var m" + str(i) + " = " + "(" * 2_000 + "'gpt-4o'" + ")" * 2_000 + ";\n"
                           for i in range(2_000)),
    "src/call.js": _JS_CALL},
           accounted=["src/deep.js"], checks=(finds("gpt-4o-mini"),), timeout=30.0)
# (c) a 200,000-character line of every literal kind (strings, f-strings, bytes, numbers, raw strings, JSON scalars)
scan_probe("session33-200k-line-every-literal-kind", "huge-line", lambda: {
    "app/mix.py": "x = [" + ", ".join(['"a"', "f'{b}/gpt-4o'", "b'c'", "1.5e3", "r'\\d'", "'\"gpt-4o\"'", "0x1F",
                                       "'''t'''", "u'v'", "rb'w'"] * 2_600) + "]\n" + _PY_CALL},
           accounted=["app/mix.py"], checks=(finds("gpt-4o-mini"),), timeout=30.0)


# --- (10) artifacts ------------------------------------------------------------------------------------------------------


def _safetensors(path: str, header: dict[str, object], data: bytes = b"\0" * 64,
                 declared: int | None = None) -> Callable[[Ctx], None]:
    def build(ctx: Ctx) -> None:
        raw = json.dumps(header).encode()
        raw += b" " * (-len(raw) % 8)
        write(ctx.work / path, struct.pack("<Q", declared if declared is not None else len(raw)) + raw + data)
        write(ctx.work / "config.json", json.dumps({"model_type": "model2vec", "architectures": ["StaticModel"]}))
    return build


# (a) a Model2Vec-shaped table whose row count is a known vocabulary's pruned size but whose data is 64 bytes
probe("session33-model2vec-rows-of-known-vocab-no-data", "big-header", _safetensors("model.safetensors", {
    "embeddings": {"dtype": "F32", "shape": [151_643, 256], "data_offsets": [0, 151_643 * 1_024]}}),
      ("inspect", ".", "-f", "json"), OK_OR_USAGE, fmt="json", timeout=30.0)
# (b) a header of 100,000 tensors all named embeddings-like with shapes of 2^62 rows
probe("session33-model2vec-100k-tensors-huge-shapes", "big-header", _safetensors("model.safetensors", {
    **{f"embeddings.{i}": {"dtype": "F32", "shape": [2**62, 2**62], "data_offsets": [0, 2**63]}
       for i in range(100_000)}, "embeddings": {"dtype": "F32", "shape": [30_522, 256], "data_offsets": [0, 64]}}),
      ("inspect", ".", "-f", "json"), OK_OR_USAGE, fmt="json", timeout=30.0)
# (c) a header whose declared length is 2^40 over an 8 KB file
probe("session33-model2vec-declared-header-2-40", "big-header", _safetensors("model.safetensors", {
    "embeddings": {"dtype": "F32", "shape": [1, 1], "data_offsets": [0, 4]}}, b"\0" * 8_192, declared=2**40),
      ("inspect", ".", "-f", "json"), OK_OR_USAGE, fmt="json", timeout=30.0)


def _cross_encoder_onnx(ctx: Ctx) -> None:
    # a BERT cross-encoder's initializer names (bert.* and classifier.bias [1]) among 300,000 initializers, each with
    # dims of 2^62; a graph of 300,000 nodes
    def init(name: bytes, *dims: int) -> bytes:
        return _ld(5, b"".join(b"\x08" + _varint(d) for d in dims) + b"\x10\x01" + _ld(8, name))
    inits = b"".join(init(b"bert.encoder.layer.%d.attention.self.query.weight" % i, 2**62, 2**62)
                     for i in range(300_000))
    inits += init(b"bert.embeddings.LayerNorm.weight", 384) + init(b"classifier.bias", 1)
    nodes = (_ld(1, _ld(1, b"x") + _ld(2, b"y") + _ld(4, b"MatMul"))) * 300_000
    (ctx.work / "model.onnx").write_bytes(b"\x08\x08" + _ld(2, b"redteam") + _ld(7, nodes + _ld(2, b"g") + inits))


probe("session33-cross-encoder-onnx-300k-initializers", "big-header", _cross_encoder_onnx,
      ("inspect", "model.onnx", "-f", "json"), OK_OR_USAGE, fmt="json", timeout=40.0)


def _yolo_zip(kind: str) -> Callable[[Ctx], None]:
    # an Ultralytics-like torch zip: archive/data.pkl read as opcodes (never unpickled). "deep": 200,000 nested
    # EMPTY_DICT / MARK without closing; "memo": 500,000 LONG_BINPUT of distinct strings then LONG_BINGETs of indexes
    # never put (and of 2^32-1); "args": a train_args dict of 100,000 keys, the model key last
    def build(ctx: Ctx) -> None:
        cmd = f"touch {ctx.marker}".encode()
        head = (b"\x80\x02}q\x00(X\x05\x00\x00\x00modelq\x01cultralytics.nn.tasks\nDetectionModel\nq\x02)\x81q\x03"
                b"cultralytics.nn.modules.block\nC3k2\nq\x04cultralytics.nn.modules.block\nC2PSA\nq\x05"
                b"cposix\nsystem\nq\x06X" + struct.pack("<I", len(cmd)) + cmd + b"\x85R")
        if kind == "deep":
            body = b"X\x0a\x00\x00\x00train_args" + b"}(" * 200_000 + b"X\x05\x00\x00\x00modelX\x0b\x00\x00\x00yolo11n.pt"
        elif kind == "memo":
            body = b"".join(b"X\x06\x00\x00\x00k%05dr" % (i % 100_000) + struct.pack("<I", i) + b"0"
                            for i in range(500_000))
            body += b"".join(b"j" + struct.pack("<I", 2**32 - 1 - i) + b"0" for i in range(100_000))
        else:
            items = b"".join(b"X\x06\x00\x00\x00k%05dK\x01" % i for i in range(100_000))
            body = b"X\x0a\x00\x00\x00train_args}(" + items + b"X\x05\x00\x00\x00modelX\x0b\x00\x00\x00yolo11n.ptu"
        with zipfile.ZipFile(ctx.work / "best.pt", "w") as zf:
            zf.writestr("best/data.pkl", head + body + b"u.")
            zf.writestr("best/version", "3")
            zf.writestr("best/byteorder", "little")
    return build


for _kind in ("deep", "memo", "args"):
    probe(f"session33-yolo-zip-pickle-{_kind}", "no-exec", _yolo_zip(_kind), ("inspect", "best.pt", "-f", "json"),
          OK_OR_USAGE, fmt="json", timeout=30.0)
probe("session33-yolo-zip-pickle-deep-scan-o", "no-exec", _yolo_zip("deep"), (*SCAN_JSON, "-o", "out.json"), OK,
      fmt="json", output="out.json", checks=(_only_output("best.pt"),), timeout=30.0)


def _pv_files(ctx: Ctx) -> None:
    # Picovoice params magic (porcupine / Bat / rhino) followed by 10^6 version-looking fields and a NUL-free run
    write(ctx.work / "bat_params.pv", b"bat" + b"\x00" * 5 + b"3.0.0\x00" * 1_000_000)
    write(ctx.work / "rhino_params.pv", b"rhino" + b"9." * 2_000_000 + b"\x00")
    write(ctx.work / "empty.pv", b"")


probe("session33-pv-magic-version-runs", "binary-junk", _pv_files, ("inspect", ".", "-f", "json"), OK_OR_USAGE,
      fmt="json", timeout=30.0)
probe("session33-pv-magic-version-runs-scan-o", "binary-junk", _pv_files, (*SCAN_JSON, "-o", "out.json"), OK,
      fmt="json", output="out.json",
      checks=(_only_output("bat_params.pv", "rhino_params.pv", "empty.pv"),), timeout=30.0)
