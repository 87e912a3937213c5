"""Red-team probes of brief redteam36 (session 32 of the red-team log): code added in session 35 - Azure API Management
policy expressions read as C# (xml_files.policy_expressions / _policy_code), Bicep deployment arrays, Terraform block
labels, Docker Model Runner Compose providers, hook scripts writing `>> .env` lines (shell._env_file_writes), Python
model-record lists, camelCase acronym key splitting, Go `const` endpoint blocks, C# `??` getter chains, Ruby vendor
clients, long-literal pairing (litfix35), trust_remote_code / revision, TEN `${env:VAR|default}`, CI configs
(GitHub Actions matrices, YAML anchors / merge keys, `run:` blocks), PHP / Blade templates; and artifacts (ONNX node
and name bombs, tokenizer.json merges, a lying safetensors header, Picovoice `.pv` magic, a torch zip hiding a pickle).

Each probe promises what the tool must do on hostile input: bounded CPU / wall time and memory (the runner's RLIMIT_AS
and wall limit, plus a tighter timeout where the bound is known), a clean exit with a documented code, nothing
executed, and - where an ordinary model reference sits beside the hostile part - the answer an ordinary spelling of
the same input gets. Every input is built at test time. Imported by tests/redteam/probes.py after probes_session31.
Stdlib only at import time.
"""

from __future__ import annotations

import json
import struct
import zipfile

from tests.artifacts.protobuf import field as _ld
from tests.redteam.probes import OK, OK_OR_USAGE, SCAN_JSON, probe, scan_probe, write
from tests.redteam.probes_session27 import finds
from tests.redteam.runner import Ctx

_C_SHARP_CALL = 'class App { void F() { var c = new ChatClient(model: "gpt-4o-mini", apiKey: k); } }\n'


def _policy(body: str) -> str:
    return ('<policies>\n  <inbound>\n    <base />\n'
            '    <choose>\n      <when condition="@(((string)context.Variables["requestedModel"]) == "gpt-4.1")">\n'
            '        <set-backend-service backend-id="aoai" />\n      </when>\n    </choose>\n'
            + body + '  </inbound>\n</policies>\n')


# --- (1) APIM policy expressions (xml_files.policy_expressions): bracket matcher, C# reader on a blanked copy -------
# (a) one expression nested 49,000 parentheses deep, closing just inside the 100,000-char expression bound: the C#
# reader gets a 49,000-deep parenthesized tree; the ordinary routing condition before it is still read
scan_probe("session32-apim-expression-49k-parens", "deep-nesting", lambda: {
    "policies/model-routing.xml": _policy('    <set-variable name="x" value="@(' + "(" * 49_000 + '"gpt-4o"'
                                          + ")" * 49_001 + '" />\n')},
           checks=(finds("gpt-4.1"),), timeout=30.0)
# (b) 10^5 unclosed `@(` openers (1 MiB): 16 bounded reads then the rest is left (MAX_UNCLOSED); a parse-error skip
scan_probe("session32-apim-100k-unclosed-openers", "quadratic-position", lambda: {
    "policies/p.xml": _policy('    <set-body>@(' + "\n<x a='@(" * 100_000 + '</set-body>\n')[:1_040_000]},
           accounted=["policies/p.xml"], timeout=30.0)
# (c) 5,000 closed expressions (over the 4,096 read as code), each an ordinary `@{ return "gpt-4o"; }` block
scan_probe("session32-apim-5000-statement-blocks", "silent-cap", lambda: {
    "policies/p.xml": _policy("".join(f'    <set-variable name="v{i}" value="@{{ return &quot;gpt-4o&quot;; }}" />\n'
                                      for i in range(5_000)))},
           checks=(finds("gpt-4.1"),), timeout=30.0)
# (d) one unbalanced expression: a C# verbatim string left open (`@"` with doubled quotes) over 900 KB
scan_probe("session32-apim-verbatim-string-unterminated", "huge-line", lambda: {
    "policies/p.xml": _policy('    <set-body>@{ var s = @"' + '""x' * 300_000 + '</set-body>\n')},
           accounted=["policies/p.xml"], timeout=30.0)
# (e) 60,000 `&quot;` entities inside one closed expression (the entity re-spacing of _policy_code)
scan_probe("session32-apim-60k-entities-in-one-expression", "quadratic-position", lambda: {
    "policies/p.xml": _policy('    <set-variable name="m" value="@(' + "&quot;a&quot; + " * 6_000
                              + '&quot;gpt-4o&quot;)" />\n')},
           checks=(finds("gpt-4.1"),), timeout=30.0)
# (f) a fragment whose expression is a C# `??` chain 20,000 long (a right-nested tree) reading Variables by key
scan_probe("session32-apim-coalesce-chain-20k", "deep-nesting", lambda: {
    "fragments/f.xml": '<fragment>\n  <set-variable name="model" value="@('
                       + ' ?? '.join(f'(string)context.Variables["m{i}"]' for i in range(20_000))
                       + ' ?? &quot;gpt-4o&quot;)" />\n</fragment>\n'},
           accounted=["fragments/f.xml"], timeout=30.0)


# --- (2) C# getter chains, Go const blocks, Ruby vendor clients, Bicep arrays, Terraform labels ---------------------
# (a) a C# expression-bodied getter of 30,000 `??` (a right-nested tree 30,000 deep) ending in a model id: bounded, and
# the file is accounted for (an analysis-budget skip). Open: each step up from a literal costs O(depth) (tree-sitter's
# ts_node_parent descends from the root), so a 3,000-long chain already spends the file's 2 s budget and the ordinary
# call after it in the same file is lost (said); the same call in another file is found
scan_probe("session32-csharp-coalesce-getter-30k", "deep-nesting", lambda: {
    "src/Settings.cs": "class Settings {\n  public string Deployment => "
                       + " ?? ".join(f'_config["AzureOpenAI:Deployment{i}"]' for i in range(30_000))
                       + ' ?? "gpt-4o";\n}\n' + _C_SHARP_CALL, "src/App.cs": _C_SHARP_CALL},
           accounted=["src/Settings.cs"], checks=(finds("gpt-4o-mini"),), timeout=40.0)
# (b) a Go const block of 100,000 endpoint constants (one endpoint per constant) and a model constant
scan_probe("session32-go-const-100k-endpoints", "quadratic-position", lambda: {
    "internal/llm/consts.go": "package llm\n\nconst (\n\tDefaultModel = \"gpt-4o-mini\"\n"
                              + "".join(f'\tEndpoint{i} = "https://r{i}.openai.azure.com/"\n' for i in range(100_000))
                              + ")\n"},
           accounted=["internal/llm/consts.go"], timeout=40.0)
# (c) 20,000 Ruby vendor clients with a base URL each, then an ordinary chat call
scan_probe("session32-ruby-20k-vendor-clients", "quadratic-position", lambda: {
    "lib/clients.rb": "".join(f'C{i} = OpenAI::Client.new(access_token: ENV["K"], uri_base: "https://h{i}.example/v1")\n'
                              for i in range(20_000))
                      + 'C0.chat(parameters: { model: "gpt-4o-mini", messages: [] })\n'},
           accounted=["lib/clients.rb"], timeout=40.0)
# (d) a Bicep deployments array of 20,000 objects, the last one an ordinary model
scan_probe("session32-bicep-20k-deployment-objects", "quadratic-position", lambda: {
    "infra/main.bicep": "param deployments array = [\n"
                        + "".join(f"  {{\n    name: 'dep{i}'\n    model: {{\n      format: 'OpenAI'\n      name: 'x{i}'\n"
                                  "      version: '1'\n    }\n  }\n" for i in range(20_000))
                        + "  {\n    name: 'chat'\n    model: {\n      format: 'OpenAI'\n      name: 'gpt-4o-mini'\n"
                          "      version: '2024-07-18'\n    }\n  }\n]\n"},
           accounted=["infra/main.bicep"], timeout=40.0)
# (e) Terraform: one resource whose block labels are 500 KB each (labels are never models), then an ordinary one
scan_probe("session32-terraform-500kb-labels", "huge-line", lambda: {
    "main.tf": 'resource "azurerm_cognitive_deployment" "' + "gpt4o" * 100_000 + '" {\n  name = "x"\n}\n'
               'resource "azurerm_cognitive_deployment" "chat" {\n  model {\n    format = "OpenAI"\n'
               '    name = "gpt-4o-mini"\n    version = "2024-07-18"\n  }\n}\n'},
           checks=(finds("gpt-4o-mini"),), timeout=30.0)


# --- (3) Compose Docker Model Runner, hook scripts, TEN env defaults, camelCase keys ---------------------------------
# (a) 20,000 Compose provider services of type model
scan_probe("session32-compose-20k-model-providers", "quadratic-position", lambda: {
    "compose.yaml": "services:\n" + "".join(f"  m{i}:\n    provider:\n      type: model\n      options:\n"
                                            f"        model: ai/smollm2:{i}\n" for i in range(20_000))},
           accounted=["compose.yaml"], timeout=40.0)
# (b) a hook script of 100,000 `echo "X=v" >> .env` lines, one naming a model, and a 1 MB one
scan_probe("session32-hook-100k-env-echo-lines", "quadratic-position", lambda: {
    "infra/hooks/postprovision.sh": "#!/bin/sh\n" + "".join(f'echo "VAR{i}=v{i}" >> "$root/.env"\n'
                                                           for i in range(100_000))
                                    + 'echo "AZURE_OPENAI_CHAT_MODEL=gpt-4o-mini" >> "$root/.env"\n'
                                    + 'echo "X=' + "a" * 1_000_000 + '" >> .env\n'},
           accounted=["infra/hooks/postprovision.sh"], timeout=40.0)
# (c) PowerShell hook: a 1 MB `"K=v" | Add-Content` with 10^5 `-Flag` words before the env target (the `(?:-\w+\s+)*`)
scan_probe("session32-hook-ps-add-content-flag-run", "regex-backtracking", lambda: {
    "infra/hooks/postprovision.ps1": '"CHAT_MODEL=gpt-4o-mini" | Add-Content -Path $apiEnvPath\n'
                                     + '"X=y" | Add-Content ' + "-F " * 300 + "\n"
                                     + '"X=y" | Add-Content ' + "-Flag " * 100_000 + "x\n"},
           checks=(finds("gpt-4o-mini"),), timeout=30.0)
# (d) a TEN graph property: `${env:A|${env:B|…}}` nested 100,000 deep, beside an ordinary one
scan_probe("session32-ten-env-default-100k-nested", "deep-nesting", lambda: {
    "property.json": '{"ten": {"predefined_graphs": [{"nodes": [{"property": {"model": "${env:OPENAI_MODEL|gpt-4o-mini}",'
                     ' "deep": "' + "${env:A|" * 100_000 + "gpt-4o" + "}" * 100_000 + '"}}]}]}}'},
           checks=(finds("gpt-4o-mini"),), timeout=30.0)
# (e) a JSON config key of 1 MB of camelCase acronym runs (`AzureOpenAIDeploymentName` x 40,000) over 2,000 values
scan_probe("session32-camel-acronym-1mb-key", "huge-line", lambda: {
    "appsettings.json": json.dumps({"AzureOpenAIDeploymentName" * 40_000: [f"d{i}" for i in range(2_000)],
                                    "AzureOpenAIChatModelName": "gpt-4o-mini"})},
           checks=(finds("gpt-4o-mini"),), timeout=30.0)


# --- (4) Python model records, long literals, trust_remote_code / revision -------------------------------------------
# (a) a model-record list of 100,000 dicts (`{"name": ..., "id": ...}`)
scan_probe("session32-python-100k-model-records", "quadratic-position", lambda: {
    "app/models.py": "MODELS = [\n" + "".join(f'    {{"name": "m-{i}", "id": "acme/m-{i}", "ctx": {i}}},\n'
                                             for i in range(100_000))
                     + '    {"name": "gpt-4o-mini", "id": "gpt-4o-mini"},\n]\n'},
           accounted=["app/models.py"], timeout=40.0)
# (b) litfix35: one 1 MB literal, then 100,000 short literals on the same line, the last a model setting
scan_probe("session32-long-literal-then-100k-short", "quadratic-position", lambda: {
    "app/cfg.py": 'BIG = "' + "a" * 1_000_000 + '"; XS = [' + ", ".join(['"x"'] * 100_000)
                  + ']; client.chat.completions.create(model="gpt-4o-mini")\n'},
           accounted=["app/cfg.py"], timeout=40.0)
# (c) 3,000 literals of 1,000 characters each that look like model settings (`model=…`), one line (fcdede55's say)
scan_probe("session32-3000-long-setting-literals", "quadratic-position", lambda: {
    "app/cfg.ts": "const xs = [" + ", ".join(['"model=' + "x" * 1_000 + '"'] * 3_000) + "];\n"
                  "await client.chat.completions.create({ model: 'gpt-4o-mini' });\n"},
           accounted=["app/cfg.ts"], timeout=40.0)
# (d) a Hub loader call with 50,000 keyword arguments and a 1 MB revision: that file reads as generated (said); an
# ordinary loader with a revision in another file is found
scan_probe("session32-hub-loader-50k-kwargs-1mb-revision", "huge-line", lambda: {
    "train.py": "from transformers import AutoModel\nm = AutoModel.from_pretrained('Qwen/Qwen2.5-0.5B', "
                + "".join(f"k{i}=1, " for i in range(50_000))
                + "revision='" + "f" * 1_000_000 + "', trust_remote_code=True)\n",
    "serve.py": "from transformers import AutoModel\nn = AutoModel.from_pretrained('BAAI/bge-small-en-v1.5', "
                "revision='main', trust_remote_code=True)\n"},
           accounted=["train.py"], checks=(finds("BAAI/bge-small-en-v1.5"),), timeout=40.0)
# (e) 50,000 `hf download` lines each with --revision, in one script
scan_probe("session32-hf-download-50k-revisions", "quadratic-position", lambda: {
    "scripts/fetch.sh": "".join(f"hf download Qwen/Qwen2.5-0.5B --revision r{i} --local-dir m{i}\n"
                                for i in range(50_000))},
           accounted=["scripts/fetch.sh"], timeout=40.0)


# --- (5) PHP / Blade templates ----------------------------------------------------------------------------------------
_PHP_CALL = "<?php\n$r = $client->chat()->create(['model' => 'gpt-4o-mini']);\n"
# (a) a Blade view: 20,000 nested @if with no @endif, an unterminated `{{`, an unclosed @php block
scan_probe("session32-blade-20k-if-unterminated", "deep-nesting", lambda: {
    "resources/views/chat.blade.php": "@if($a)\n" * 20_000 + "{{ $model ?? 'gpt-4o' \n@php\n$x = ['model' => '"
                                      + "a" * 200_000 + "\n", "app/call.php": _PHP_CALL},
           checks=(finds("gpt-4o-mini"),), timeout=30.0)
# (b) PHP arrays nested 50,000 deep then an ordinary call
scan_probe("session32-php-array-50k-deep", "deep-nesting", lambda: {
    "app/deep.php": "<?php\n$x = " + "[" * 50_000 + "'gpt-4o'" + "]" * 50_000 + ";\n", "app/call.php": _PHP_CALL},
           checks=(finds("gpt-4o-mini"),), timeout=30.0)
# (c) 100,000 `{{ }}` echoes on one Blade line
scan_probe("session32-blade-100k-echoes-one-line", "huge-line", lambda: {
    "resources/views/x.blade.php": "{{ $m }}" * 100_000 + "\n", "app/call.php": _PHP_CALL},
           checks=(finds("gpt-4o-mini"),), timeout=30.0)


# --- (6) CI configs: Actions matrices, anchors / merge keys, run: blocks ----------------------------------------------
# (a) a matrix of 4 axes x 18 values (104,976 combinations) over model ids; the reader must not expand them
scan_probe("session32-actions-matrix-100k-combinations", "quadratic-position", lambda: {
    ".github/workflows/eval.yml": "on: push\njobs:\n  eval:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n"
                                  + "".join(f"        ax{a}: [{', '.join(f'v{a}-{i}' for i in range(18))}]\n"
                                            for a in range(4))
                                  + "        model: [gpt-4o-mini]\n    steps:\n      - run: python eval.py "
                                    "--model ${{ matrix.model }}\n"},
           checks=(finds("gpt-4o-mini"),), timeout=30.0)
# (b) a YAML alias bomb (merge keys, 9 levels x 9) in a GitLab CI config, beside an ordinary job
_BOMB = "a0: &a0 {model: gpt-4o}\n" + "".join(
    f"a{i}: &a{i}\n" + "".join(f"  k{j}: *a{i - 1}\n" for j in range(9)) for i in range(1, 10))
scan_probe("session32-gitlab-ci-alias-bomb", "yaml-bomb", lambda: {
    ".gitlab-ci.yml": _BOMB + "merged:\n  <<: [*a9, *a8, *a7]\n"
                      "eval:\n  script:\n    - vllm serve meta-llama/Llama-3.1-8B-Instruct\n"},
           accounted=[".gitlab-ci.yml"], timeout=30.0)
# (c) merge keys chained 5,000 deep (`b{i}: &b{i} {<<: *b{i-1}, x{i}: 1}`) in a workflow
scan_probe("session32-workflow-merge-key-chain-5000", "yaml-bomb", lambda: {
    ".github/workflows/ci.yml": "b0: &b0 {model: gpt-4o-mini}\n"
                                + "".join(f"b{i}: &b{i}\n  <<: *b{i - 1}\n  x{i}: 1\n" for i in range(1, 5_000))
                                + "on: push\n"},
           accounted=[".github/workflows/ci.yml"], timeout=30.0)
# (d) one `run:` block of 100,000 shell lines, an ordinary serve line last
scan_probe("session32-workflow-run-block-100k-lines", "quadratic-position", lambda: {
    ".github/workflows/ci.yml": "on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n"
                                + "".join(f"          echo step{i} >> \"$GITHUB_ENV\"\n" for i in range(100_000))
                                + "          vllm serve meta-llama/Llama-3.1-8B-Instruct\n"},
           accounted=[".github/workflows/ci.yml"], timeout=40.0)


# --- (7) artifacts ------------------------------------------------------------------------------------------------------


def _onnx_million_nodes(ctx: Ctx) -> None:
    node = _ld(1, b"x") + _ld(2, b"y") + _ld(4, b"Relu")
    graph = _ld(1, node) * 1_000_000 + _ld(2, b"g") + _ld(5, _ld(8, b"w" * 4_000_000) + b"\x08\x01\x10\x01")
    (ctx.work / "model.onnx").write_bytes(b"\x08\x08" + _ld(2, b"redteam") + _ld(7, graph))




probe("session32-onnx-1m-nodes-4mb-initializer-name", "big-header", _onnx_million_nodes,
      ("inspect", "model.onnx", "-f", "json"), OK_OR_USAGE, fmt="json", timeout=40.0)


def _tokenizer_million_merges(ctx: Ctx) -> None:
    vocab = {chr(0x4E00 + i): i for i in range(2_000)}
    with open(ctx.work / "tokenizer.json", "w", encoding="utf-8") as fh:
        fh.write('{"version": "1.0", "model": {"type": "BPE", "vocab": ' + json.dumps(vocab) + ', "merges": [')
        fh.write(", ".join(['"a b"'] * 1_000_000))
        fh.write("]}}")


probe("session32-tokenizer-1m-merges", "big-header", _tokenizer_million_merges,
      ("inspect", "tokenizer.json", "-f", "json"), OK_OR_USAGE, fmt="json", timeout=40.0)


def _model2vec_lying(ctx: Ctx) -> None:
    # a Model2Vec-shaped folder: config.json says StaticModel, the safetensors header declares an `embeddings` tensor
    # of 10^12 x 10^6 floats at offsets far past the file's 64 bytes of data
    hdr = {"__metadata__": {"format": "pt"},
           "embeddings": {"dtype": "F32", "shape": [10**12, 10**6], "data_offsets": [0, 4 * 10**18]}}
    raw = json.dumps(hdr).encode()
    raw += b" " * (-len(raw) % 8)
    write(ctx.work / "model.safetensors", struct.pack("<Q", len(raw)) + raw + b"\0" * 64)
    write(ctx.work / "config.json", json.dumps({"model_type": "model2vec", "architectures": ["StaticModel"],
                                                "hidden_dim": 256, "normalize": True}))
    write(ctx.work / "tokenizer.json", '{"model": {"type": "WordPiece", "vocab": {"a": 0}}}')


probe("session32-model2vec-lying-safetensors-header", "big-header", _model2vec_lying,
      ("inspect", ".", "-f", "json"), OK_OR_USAGE, fmt="json", timeout=30.0)


def _pv_junk(ctx: Ctx) -> None:
    write(ctx.work / "porcupine_params.pv", b"porcupine9.99.999" + b"\xff" * 8_000_000)
    write(ctx.work / "cheetah_params.pv", b"\x00\x01\x02\x03CHEETAH\x00\x00\x00\x00\x01cheetah4.2.0" + b"9" * 5_000_000)
    write(ctx.work / "junk.pv", b"porcupine" + b"1." * 4_000_000)


probe("session32-pv-magic-with-junk", "binary-junk", _pv_junk, ("inspect", ".", "-f", "json"), OK_OR_USAGE,
      fmt="json", timeout=30.0)
probe("session32-pv-magic-with-junk-scan", "binary-junk", _pv_junk, SCAN_JSON, OK, fmt="json",
      accounted=("porcupine_params.pv",), timeout=30.0)


def _torch_zip_disguised(ctx: Ctx) -> None:
    # a torch zip whose data.pkl is benign but whose `version` member and a tensor record are pickles that would run
    # a command; and a second zip whose pickle is stored under a name with no .pkl (archive/constants)
    cmd = f"touch {ctx.marker}".encode()
    evil = b"\x80\x02cposix\nsystem\nq\x00X" + struct.pack("<I", len(cmd)) + cmd + b"q\x01\x85q\x02Rq\x03."
    benign = b"\x80\x02}q\x00."
    with zipfile.ZipFile(ctx.work / "model.pt", "w") as zf:
        zf.writestr("archive/data.pkl", benign)
        zf.writestr("archive/version", evil)
        zf.writestr("archive/data/0", evil)
        zf.writestr("archive/constants.pkl", evil)
    with zipfile.ZipFile(ctx.work / "weights.pth", "w") as zf:
        zf.writestr("weights/constants", evil)
        zf.writestr("weights/data.pkl.bak", evil)
        zf.writestr("weights/byteorder", "little")


probe("session32-torch-zip-pickle-disguised", "no-exec", _torch_zip_disguised, ("inspect", ".", "-f", "json"),
      OK_OR_USAGE, fmt="json", timeout=30.0)
probe("session32-torch-zip-pickle-disguised-scan", "no-exec", _torch_zip_disguised, SCAN_JSON, OK, fmt="json",
      timeout=30.0)
