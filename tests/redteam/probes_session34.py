"""Red-team probes of brief redteam38 (session 34 of the red-team log): the readers sessions 36-37 added or changed -
Bedrock Runtime invoke URLs and Bedrock ARNs in config values (uris.hosted_model_path / bedrock_arn_model), OpenSearch
ML Commons registrations and connector templates (config_files._registered_names, the pretrained archive host), request
transformations' CEL string literals, `<VAR>_ALIASES` bash arrays and `--served-model-name` aliases (shell.py), SQL AI
functions kept as settings (config_files._sql_model_calls), Scala / Kotlin quote runs (polyglot._json_blocks), Python
`Literal[...]` model types, patch.object / monkeypatch stand-ins and getattr defaults (python.py), prefix-keyed maps
(peers.accepted keyed), Volcengine Ark endpoint ids; artifacts - llama.cpp's pre-GGUF containers (ggml / ggmf / ggjt
with lying hyper-parameters, counts and piece lengths) and Paddle `.pdmodel` / `.pdiparams` (lying varints, 10^6 ops,
many blocks). The open bound of session 33 (a value switch assigned to a variable: 509 MB) is checked by
session33-value-switch-100k-arms itself now (rss_below(500)), after the fix it led to (polyglot._emit).

Each probe promises what the tool must do on hostile input: bounded CPU / wall time and memory (the runner's RLIMIT_AS
and wall limit, a tighter timeout, and a CPU bound where one is known), a clean exit with a documented code, nothing
executed, every file a finding or a reported skip, and - where an ordinary model reference sits beside the hostile
part - the answer an ordinary spelling of the same input gets. Every input is built at test time. Imported by
tests/redteam/probes.py after probes_session33_legacy. Stdlib only at import time.
"""

from __future__ import annotations

import json
import struct
from collections.abc import Callable

from tests.artifacts.protobuf import field as _ld
from tests.artifacts.protobuf import varint as _varint
from tests.redteam.probes import OK_OR_USAGE, SCAN_JSON, probe, scan_probe, write
from tests.redteam.probes_session8 import cpu_below
from tests.redteam.probes_session27 import finds
from tests.redteam.probes_session33 import _only_output
from tests.redteam.runner import Ctx

_PY_CALL = "import openai\nopenai.OpenAI().chat.completions.create(model='gpt-4o-mini')\n"
_BR_HOST = "https://bedrock-runtime.us-east-1.amazonaws.com/model/"
_SONNET = "anthropic.claude-3-sonnet-20240229-v1:0"
_HAIKU = "anthropic.claude-3-haiku-20240307-v1:0"
_ARN = "arn:aws:bedrock:us-west-2::foundation-model/"


# --- (1) Bedrock Runtime invoke URLs and Bedrock ARNs in config values ------------------------------------------------
# (a) connector urls with path segments between /model/ and /invoke: 960 KB of them (past the 100,000-character value
# bound; a file of its own), 49,000 (98 KB: read, past the 2,000-character URL bound), 960 (1,990 characters: matched against the
# Bedrock pattern); model ids of 33,000 percent-escapes and of 600 `%2F`; an ordinary connector after them
scan_probe("session34-bedrock-url-100k-segments-and-escapes", "huge-line", lambda: {
    "connectors/huge.json": json.dumps({"name": "c", "actions": [
        {"action_type": "predict", "url": _BR_HOST + "a/" * 480_000 + "m/invoke"}]}),
    "connectors/bedrock.json": json.dumps({"name": "c", "actions": [
        {"action_type": "predict", "url": _BR_HOST + "a/" * 49_000 + "m/invoke"},
        {"action_type": "predict", "url": _BR_HOST + "a/" * 960 + "m/invoke"},
        {"action_type": "predict", "url": "https://bedrock-runtime.${parameters.region}.amazonaws.com/model/"
                                          + "%41" * 33_000 + "/invoke"},
        {"action_type": "predict", "url": _BR_HOST + "anthropic.claude" + "%2F" * 600 + "/invoke"},
        {"action_type": "predict", "url": _BR_HOST + _SONNET + "/invoke"}]}, indent=1)},
           accounted=["connectors/huge.json"], checks=(finds(_SONNET),), timeout=30.0)
# (b) 20,000 connector templates (3.8 MB, one a line: under the 4 MiB file limit), each a Bedrock invoke URL naming a
# model of its own: the reading stops at the file's budget, said
scan_probe("session34-bedrock-20k-connectors", "quadratic-position", lambda: {
    "templates/connectors.json": '{"connectors": [\n' + ",\n".join(json.dumps(
        {"name": f"c{i}", "parameters": {"region": "us-east-1"},
         "actions": [{"action_type": "predict", "url": f"{_BR_HOST}acme.m{i}-v1:0/converse"}]})
        for i in range(20_000)) + ',\n{"name": "ok", "actions": [{"url": "' + _BR_HOST + _HAIKU + '/invoke"}]}]}\n'},
           accounted=["templates/connectors.json"], timeout=40.0, checks=(cpu_below(20.0),))
# (c) Bedrock ARNs: one of 90 KB (a resource id under the 100,000-character value bound), one of 90,000 ':'
# separators, 3,000 short ARNs under model_arn keys in a YAML list, an ordinary one last (under the 1 MiB a YAML file
# is parsed to); and an ARN of 980 KB before an ordinary one in another file
scan_probe("session34-bedrock-arns-long-and-3k", "huge-line", lambda: {
    "agents/big.yaml": "big: " + _ARN + "a" * 980_000 + "\nllm:\n  model_arn: " + _ARN + _HAIKU + "\n",
    "agents/arns.yaml": "big: " + _ARN + "a" * 90_000 + "\ncolons: arn:aws:bedrock" + ":" * 90_000 + "x\n"
                        "list:\n" + "".join(f"  - model_arn: {_ARN}acme.m{i}-v1:0\n" for i in range(3_000))
                        + "llm:\n  model_arn: " + _ARN + _HAIKU + "\n"},
           accounted=["agents/big.yaml"], checks=(finds(_HAIKU),), timeout=40.0)
# (d) a Python file of 30,000 Bedrock ARNs passed as modelId, and one ARN of 500,000 characters
scan_probe("session34-bedrock-arns-python-30k", "quadratic-position", lambda: {
    "app/bedrock.py": "import boto3\nc = boto3.client('bedrock-runtime')\n"
                      + "".join(f"c.converse(modelId='{_ARN}acme.m{i}-v1:0')\n" for i in range(30_000))
                      + f"c.converse(modelId='{_ARN}" + "b" * 500_000 + "')\n",
    "app/call.py": _PY_CALL},
           accounted=["app/bedrock.py"], checks=(finds("gpt-4o-mini"),), timeout=40.0)


# --- (2) OpenSearch ML Commons registrations and connector templates --------------------------------------------------
def _nested_parameters(ctx: Ctx) -> None:
    # register-model bodies whose connector `parameters` nest 100,000 deep (past the JSON reader's 200 levels: a
    # parse-error skip) and 190 deep (walked), the registration's name / model_format beside them; an ordinary
    # registration in a third file (written as text: json.dumps recurses per level)
    for name, depth in (("register_deep.json", 100_000), ("register_190.json", 190)):
        deep = '{"parameters":\n' * depth + '"x"' + "}\n" * depth
        write(ctx.work / "ml" / name, '{"name": "huggingface/sentence-transformers/all-mpnet-base-v2", '
                                      '"model_format": "TORCH_SCRIPT", "connector": ' + deep + "}")
    write(ctx.work / "ml/register.json", json.dumps({"name": "huggingface/sentence-transformers/all-MiniLM-L6-v2",
                                                     "version": "1.0.1", "model_format": "TORCH_SCRIPT"}))


scan_probe("session34-opensearch-parameters-100k-deep", "deep-nesting", _nested_parameters,
           accounted=["ml/register_deep.json"],
           checks=(finds("huggingface/sentence-transformers/all-MiniLM-L6-v2",
                         "huggingface/sentence-transformers/all-mpnet-base-v2"),), timeout=30.0)
# (b) a flattened defaults file of 30,000 `<step>.name` / `<step>.model_format` pairs (prefix-keyed registrations)
scan_probe("session34-opensearch-30k-flat-registrations", "quadratic-position", lambda: {
    "defaults.json": json.dumps({**{f"step{i}.name": f"amazon/neural-sparse/m{i}" for i in range(30_000)},
                                 **{f"step{i}.model_format": "TORCH_SCRIPT" for i in range(30_000)}}, indent=0)},
           accounted=["defaults.json"], timeout=40.0, checks=(cpu_below(20.0),))
# (c) one register body with 60,000 model_format keys beside one name, and an archive URL of 100,000 segments on
# OpenSearch's artifacts host
scan_probe("session34-opensearch-60k-formats-and-archive-url", "huge-line", lambda: {
    "register.json": json.dumps({"name": "amazon/neural-sparse/opensearch-neural-sparse-encoding-v1",
                                 **{f"x{i}.model_format": "ONNX" for i in range(60_000)},
                                 "url": "https://artifacts.opensearch.org/models/ml-models/" + "a/" * 100_000
                                        + "m.zip",
                                 "model_format": "TORCH_SCRIPT"}, indent=0)},
           accounted=["register.json"], timeout=40.0)
# (d) a gateway's request transformations: 5,000 {field: model, expression: '"…"'} entries and one expression of
# 400 KB of quotes and backslashes (under the 1 MiB a YAML file is parsed to)
scan_probe("session34-cel-transformations-5k-and-400kb", "quadratic-position", lambda: {
    "gateway/route.yaml": "transformations:\n" + "".join(f"  - field: model\n    expression: '\"acme-m{i}\"'\n"
                                                         for i in range(5_000))
                          + "  - field: model\n    expression: '" + '"\\' * 200_000 + "'\n"
                          + "  - field: model\n    expression: '\"claude-haiku-4-5-20251001\"'\n"},
           checks=(finds("claude-haiku-4-5-20251001"),), timeout=40.0)


# --- (3) shell: <VAR>_ALIASES arrays and --served-model-name aliases ---------------------------------------------------
# (a) an alias array of 100,000 items, and one opened that never closes (100,000 more items to the end of the file)
scan_probe("session34-aliases-array-100k-and-unterminated", "huge-line", lambda: {
    "scripts/pull.sh": "#!/bin/bash\nCHAT_MODEL_ALIASES=(" + " ".join(f'"acme-m{i}:7b"' for i in range(100_000))
                       + ")\nEMBED_MODEL_ALIASES=(\"nomic-embed-text\"\n"
                       + "".join(f'  "qwen3:{i}b"\n' for i in range(100_000)),
    "scripts/ok.sh": '#!/bin/bash\nCHAT_MODEL_ALIASES=("qwen3:1.7b" "qwen3:8b")\n'},
           accounted=["scripts/pull.sh"], checks=(finds("qwen3:8b"),), timeout=40.0)
# (b) a variable name of 100,000 `_ALIASES` repeats, and 60,000 alias arrays of one item each
scan_probe("session34-aliases-long-name-and-60k-arrays", "quadratic-position", lambda: {
    "scripts/many.sh": "#!/bin/bash\nMODEL" + "_ALIASES" * 100_000 + '=("qwen3:8b")\n'
                       + "".join(f'M{i}_MODEL_ALIASES=("acme-m{i}:7b")\n' for i in range(60_000))
                       + 'OPENAI_MODEL="gpt-4o"\n'},
           accounted=["scripts/many.sh"], timeout=40.0)
# (c) --served-model-name with 100,000 comma-separated names, 20,000 servers each under a name of its own and 20,000
# requests calling them by it (16 looked at), an ordinary server and request last
scan_probe("session34-served-names-100k-and-20k-requests", "quadratic-position", lambda: {
    "deploy/serve.sh": "#!/bin/bash\nvllm serve Qwen/Qwen2.5-7B-Instruct --served-model-name "
                       + ",".join(f"qwen{i % 99}" for i in range(100_000)) + "\n"
                       + "".join(f"vllm serve org/m{i} --served-model-name doctor{i} &\n" for i in range(20_000))
                       + "".join(f"curl localhost:8000/v1/chat/completions -d '{{\"model\": \"doctor{i}\"}}'\n"
                                 for i in range(20_000)),
    "deploy/ok.sh": "#!/bin/bash\nvllm serve Qwen/Qwen2.5-7B-Instruct --served-model-name doctor\n"
                    "curl localhost:8000/v1/chat/completions -d '{\"model\": \"doctor\", \"messages\": []}'\n"},
           accounted=["deploy/serve.sh"], checks=(finds("doctor"),), timeout=40.0)
# (d) one 950 KB line: a served name, then `"model": "x"` pairs all the way (under the 1 MB text bound of the
# served-name reading, and of the generated-file test), with escaped quotes
scan_probe("session34-served-name-900kb-line", "huge-line", lambda: {
    "run.sh": "#!/bin/bash\nvllm serve org/m --served-model-name doctor; "
              + 'curl x -d "{\\"model\\": \\"doctor\\"} " ' * 25_000 + "\n"},
           accounted=["run.sh"], timeout=30.0)


# --- (4) SQL AI functions in settings ----------------------------------------------------------------------------------
# (a) `embedding(` nested 10,000 deep around a model literal, a statement of 25,000 unterminated `embedding('`, and
# 15,000 calls of distinct models (32 read), then an ordinary tool (850 KB: under the 1 MiB a YAML file is parsed to)
scan_probe("session34-sql-embedding-nested-and-unterminated", "deep-nesting", lambda: {
    "tools.yaml": "tools:\n  deep:\n    statement: SELECT " + "embedding(" * 10_000 + "'text-embedding-005', $1"
                  + ")" * 10_000 + "\n  open:\n    statement: \"SELECT " + "embedding('" * 25_000 + "\"\n"
                  "  many:\n    statement: SELECT " + ", ".join(f"embedding('acme-e{i}', $1)" for i in range(15_000))
                  + "\n  search:\n    kind: postgres-sql\n    statement: SELECT id FROM docs ORDER BY embedding <=> "
                    "embedding('text-embedding-005', $1)::vector LIMIT 5\n"},
           accounted=["tools.yaml"], checks=(finds("text-embedding-005"),), timeout=40.0)
# (b) 8,000 settings each holding a SQL statement with a pgai call (the per-value SQL test), and one SELECT of 300 KB
# of `'` quotes (under the 1 MiB a YAML file is parsed to)
scan_probe("session34-sql-8k-statements-and-quote-run", "quadratic-position", lambda: {
    "queries.yaml": "".join(f"q{i}: SELECT ai.openai_embed('acme-e{i}', body) FROM t\n" for i in range(8_000))
                    + "big: \"SELECT ai.ollama_embed(" + "'" * 300_000 + "\"\n"},
           accounted=["queries.yaml"], timeout=40.0, checks=(cpu_below(20.0),))


# --- (5) Scala / Kotlin quote runs (polyglot._json_blocks: every run of three quotes or more opens or closes) ------------
# (a) 30,000 one-line `"""{"model": "m"}"""` literals on one Scala line (256 looked at; the line under 1 MB), an
# unterminated triple quote holding 900 KB of JSON, and an ordinary literal in another file
scan_probe("session34-scala-30k-triples-one-line-and-open", "huge-line", lambda: {
    "src/main/scala/Many.scala": "object Many { val xs = Seq(" + ", ".join(
        [f'"""{{"model": "acme-m{i}"}}"""' for i in range(30_000)]) + ") }\n",
    "src/main/scala/Open.scala": 'object Open { val b = """{"model": "gpt-4o", "x": [' + "1, " * 300_000 + "\n",
    "src/main/scala/Cfg.scala": 'object Cfg {\n  val body = """{"model": "claude-3-haiku-20240307", '
                                '"max_tokens": 10}"""\n}\n'},
           accounted=["src/main/scala/Many.scala", "src/main/scala/Open.scala"],
           checks=(finds("claude-3-haiku-20240307"),), timeout=40.0)
# (b) a Kotlin line of 500,000 quotes, 60,000 `""""""` empty literals, and a stripMargin block of 100,000 margin
# lines holding a model
scan_probe("session34-kotlin-quote-runs-and-margins", "regex-backtracking", lambda: {
    "src/Quotes.kt": 'val q = ' + '"' * 500_000 + '\nval e = listOf(' + '"""""", ' * 60_000 + ')\n'
                     + 'val body = """{"model": "claude-3-haiku-20240307"}"""\n',
    "src/Margin.kt": 'val body = """{\n' + '    |  "k": 1,\n' * 100_000 + '    |  "model": "gpt-4o"}""".trimMargin()\n'
                     + 'val ok = """{"model": "claude-3-haiku-20240307"}"""\n'},
           accounted=["src/Quotes.kt", "src/Margin.kt"], timeout=40.0)


# --- (6) Python: Literal model types, patch / monkeypatch stand-ins, getattr defaults ---------------------------------
# (a) `type_chat_model = Literal[...]` of 100,000 members (one a line), a parameter annotated Literal["gpt-4o"] | None
# | None ... 900 times (a left-deep BinOp chain the Literal reading recurses into) beside an ordinary call, and one of
# 2,000 (past the reader's nesting bound: a reported skip)
scan_probe("session34-python-literal-100k-and-deep-union", "deep-nesting", lambda: {
    "app/types.py": "from typing import Literal\ntype_chat_model = Literal[\n" + ",\n".join(
        f'    "acme-m{i}"' for i in range(100_000)) + "]\n",
    "app/union.py": "from typing import Literal\ndef ask(chat_model: Literal['gpt-4o']" + " | None" * 900
                    + " = None):\n    pass\n" + _PY_CALL,
    "app/deeper.py": "from typing import Literal\ndef ask(chat_model: Literal['gpt-4o']" + " | None" * 2_000
                     + " = None):\n    pass\n"},
           accounted=["app/types.py", "app/deeper.py"], checks=(finds("gpt-4o-mini", "gpt-4o"),), timeout=40.0)
# (b) a test of 50,000 patch.object / monkeypatch stand-ins, a dotted patch target of 100,000 parts, and a with of 2,000
# patches
scan_probe("session34-python-patch-50k-stand-ins", "quadratic-position", lambda: {
    "tests/test_cfg.py": "from unittest.mock import patch\n\ndef test_a(monkeypatch):\n"
                         + "".join(f"    monkeypatch.setattr(settings, 'embedding_model', 'acme-e{i}')\n"
                                   f"    monkeypatch.setenv('CHAT_MODEL', 'acme-c{i}')\n" for i in range(25_000))
                         + "    monkeypatch.setattr('" + "a." * 100_000 + "MODEL', 'acme-x')\n"
                         + "    with " + ", ".join(f"patch.object(config, 'DEFAULT_MODEL', 'acme-p{i}')"
                                                   for i in range(2_000)) + ":\n        pass\n"
                         + "    with patch.object(config, 'DEFAULT_MODEL', 'amazon-nova-pro'):\n        pass\n"},
           accounted=["tests/test_cfg.py"], timeout=40.0)
# (c) getattr defaults: 60,000 getattr(cfg, 'chat_model', 'm-N') and a default nested 150 getattrs deep
scan_probe("session34-python-getattr-defaults", "quadratic-position", lambda: {
    "app/cfg.py": "".join(f"m{i} = getattr(cfg, 'chat_model', 'acme-m{i}')\n" for i in range(60_000))
                  + "deep = " + "getattr(cfg, 'model', " * 150 + "'gpt-4o'" + ")" * 150 + "\n",
    "app/call.py": _PY_CALL},
           accounted=["app/cfg.py"], checks=(finds("gpt-4o-mini"),), timeout=40.0)


# --- (7) prefix-keyed maps and Volcengine Ark endpoint ids ------------------------------------------------------------
# (a) a context-window map of 100,000 keys, one a line (family words and version-ended stems among them), in Python
# and PHP
scan_probe("session34-prefix-keyed-map-100k", "quadratic-position", lambda: {
    "app/windows.py": "CONTEXT = {'claude': 200000, 'gpt': 8192, "
                      + ",\n".join(f"'gpt-3.{i}': {i}, 'acme-{i}': {i}" for i in range(50_000)) + ", 'gpt-4o': 1}\n",
    "app/windows.php": "<?php\n$w = ['claude' => 200000, "
                       + ",\n".join(f"'gpt-3.{i}' => {i}, 'acme-{i}' => {i}" for i in range(50_000))
                       + ", 'gpt-4o' => 1];\n"},
           accounted=["app/windows.py", "app/windows.php"], timeout=40.0)
# (b) Ark endpoint ids: 12,000 in a list (one a line), one `ep-m-` id of 1 MB, 12,000 on one TS line of 324 KB (each
# file past the 10,000-findings cap), and an ordinary call in another file
scan_probe("session34-ark-endpoint-ids-long-lines", "huge-line", lambda: {
    "app/ark.py": "ENDPOINT_MODELS = [\n" + ",\n".join(f"'ep-2024061112{i % 10_000:04d}-a{i:05d}'" for i in range(12_000)) + "]\n"
                  + "BIG_MODEL = 'ep-m-20240611123456-" + "a" * 1_000_000 + "'\n",
    "app/ark.ts": "const models = [" + "'ep-20240611123456-abcde', " * 12_000 + "];\n",
    "app/call.py": "client.chat.completions.create(model='ep-20240611123456-abcde', messages=[])\n"},
           accounted=["app/ark.py", "app/ark.ts"], checks=(finds("ep-20240611123456-abcde"),), timeout=40.0)


# --- (9) artifacts: llama.cpp's pre-GGUF containers -------------------------------------------------------------------
_LLAMA_7B = (4096, 256, 32, 32, 128, 1)


def _ggml_file(name: str, magic: bytes, version: int | None, hp: tuple[int, ...], body: bytes) -> Callable[[Ctx], None]:
    def build(ctx: Ctx) -> None:
        head = magic + (struct.pack("<I", version) if version is not None else b"")
        write(ctx.work / name, head + struct.pack(f"<{len(hp)}i", *hp) + body)
    return build


def _entries(n: int, piece: Callable[[int], bytes], scored: bool = True) -> bytes:
    return b"".join(struct.pack("<I", len(p)) + p + (struct.pack("<f", -float(i)) if scored else b"")
                    for i, p in ((i, piece(i)) for i in range(n)))


for _name, _magic, _ver, _hp, _body, _cls in (
    # n_vocab 2^31-1 and the other sizes LLaMA's: refused before any walk
    ("ggmf-lying-vocab", b"fmgg", 1, (2**31 - 1, *_LLAMA_7B), b"\0" * 64, "truncated-model"),
    # heads that do not divide the width, n_rot not n_embd / n_head, negative layers: not LLaMA's
    ("ggjt-lying-hparams", b"tjgg", 3, (32000, 4096, 256, 33, -1, 7, 1), b"\0" * 64, "big-header"),
    # version 4 / 2^32-1 of ggjt, version 2 of ggmf: not ones llama.cpp wrote
    ("ggjt-version-2-32", b"tjgg", 2**32 - 1, (32000, *_LLAMA_7B), b"\0" * 64, "big-header"),
    # the first piece claims 2^31 bytes; then 2^32-1
    ("ggjt-piece-2-31", b"tjgg", 1, (32000, *_LLAMA_7B), struct.pack("<I", 2**31) + b"x" * 32, "big-header"),
    ("ggml-piece-2-32", b"lmgg", None, (32000, *_LLAMA_7B), struct.pack("<I", 2**32 - 1) + b"x" * 32, "big-header"),
    # 200,000 entries said, 1,000 there (a vocabulary cut short), unscored ggml
    ("ggml-vocab-truncated", b"lmgg", None, (200_000, *_LLAMA_7B), _entries(1_000, lambda i: b"p%d" % i, False),
     "truncated-model"),
    # 300,000 entries of 4,096 bytes said (the piece bound), a 40 MB file: the 32 MB vocabulary budget stops the read
    ("ggjt-vocab-over-budget", b"tjgg", 2, (300_000, *_LLAMA_7B), b"", "big-header"),
    # 500,000 one-byte 0x00 entries (each a possible byte-fallback run start), scored
    ("ggjt-500k-nul-pieces", b"tjgg", 3, (500_000, *_LLAMA_7B), _entries(500_000, lambda i: b"\0"), "big-header"),
):
    if _name == "ggjt-vocab-over-budget":
        def _over(ctx: Ctx) -> None:
            with (ctx.work / "model.bin").open("wb") as fh:
                fh.write(b"tjgg" + struct.pack("<I", 2) + struct.pack("<7i", 300_000, *_LLAMA_7B))
                entry = struct.pack("<I", 4096) + b"y" * 4096 + struct.pack("<f", 0.0)
                chunk = entry * 256
                for _ in range(8_300 // 256 + 1):
                    fh.write(chunk)
        _build: Callable[[Ctx], None] = _over
    else:
        _build = _ggml_file("model.bin", _magic, _ver, _hp, _body)
    probe(f"session34-{_name}", _cls, _build, ("inspect", "model.bin", "-f", "json"), OK_OR_USAGE, fmt="json",
          timeout=40.0, checks=(cpu_below(15.0),))


# the same lying container scanned with -o: a reported skip, nothing written but the output
probe("session34-ggjt-lying-scan-o", "truncated-model",
      _ggml_file("models/ggml-model-q4_0.bin", b"tjgg", 3, (2**31 - 1, *_LLAMA_7B), b"\0" * 64),
      (*SCAN_JSON, "-o", "out.json"), frozenset({0}), fmt="json", output="out.json",
      checks=(_only_output("models"),), timeout=30.0)


# --- (10) artifacts: Paddle programs and parameters -------------------------------------------------------------------
_BLOCK0 = b"\x08\x00\x10" + b"\xff" * 9 + b"\x01"


def _paddle(kind: str) -> Callable[[Ctx], None]:
    def build(ctx: Ctx) -> None:
        if kind == "ops":
            # 1,000,000 ops in block 0 (the 500,000-field bound stops the walk), 2,000 op types
            ops = b"".join(_ld(4, _ld(3, b"op%d" % (i % 2_000))) for i in range(1_000_000))
            block = _BLOCK0 + ops
            data = b"\x0a" + _varint(len(block)) + block
        elif kind == "lying":
            # a block whose length varint says 2^62, a var whose name length says 2^40, a varint of 11 bytes
            block = _BLOCK0 + b"\x1a" + _varint(2**40) + b"abc" + b"\x22\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01"
            data = b"\x0a" + _varint(2**62) + block + b"\0" * 100
        elif kind == "blocks":
            # 100,000 blocks (64 read), each claiming parent = the block before it (a chain 100,000 deep), each
            # declaring one persistable var; block 0's var declares 2,000 dims of 2,000,000 each
            big = _ld(3, _ld(1, b"w") + _ld(2, _ld(3, _ld(1, b"\x08\x05" + b"\x10\x80\x89\x7a" * 2_000))) + b"\x18\x01")
            var = _ld(3, _ld(1, b"v") + _ld(2, _ld(3, _ld(1, b"\x08\x05\x10\x02"))) + b"\x18\x01")
            data = b"".join(b"\x0a" + _varint(len(b)) + b for b in (
                b"\x08" + _varint(i) + b"\x10" + _varint(max(i - 1, 0)) + var for i in range(1, 100_000)))
            data = b"\x0a" + _varint(len(_BLOCK0 + big)) + _BLOCK0 + big + data
        else:  # feeds: 100,000 feed ops each naming 16 feed targets, 50,000 vars declared
            feed = b"".join(_ld(4, _ld(3, b"feed") + _ld(2, _ld(1, b"Out") + b"".join(_ld(2, b"x%d" % j)
                                                                                      for j in range(16))))
                            for _ in range(100_000))
            vars_ = b"".join(_ld(3, _ld(1, b"x%d" % i) + _ld(2, _ld(3, _ld(1, b"\x08\x05\x10\x01")))) for i in range(50_000))
            block = _BLOCK0 + vars_ + feed
            data = b"\x0a" + _varint(len(block)) + block
        write(ctx.work / "inference.pdmodel", data)
        # the parameters beside it: a .pdiparams whose first tensor's header says a 2^31-byte proto, then 1 MB of junk
        write(ctx.work / "inference.pdiparams", struct.pack("<I", 0) + struct.pack("<Q", 0) + struct.pack("<I", 0)
              + struct.pack("<i", 2**31 - 1) + b"\xff" * 1_000_000)
    return build


for _kind in ("ops", "lying", "blocks", "feeds"):
    probe(f"session34-paddle-{_kind}", "big-header", _paddle(_kind), ("inspect", ".", "-f", "json"), OK_OR_USAGE,
          fmt="json", timeout=40.0, checks=(cpu_below(15.0),))
probe("session34-paddle-ops-scan-o", "big-header", _paddle("ops"), (*SCAN_JSON, "-o", "out.json"), frozenset({0}),
      fmt="json", output="out.json", checks=(_only_output("inference.pdmodel", "inference.pdiparams"),), timeout=40.0)


# --- (11) recorded Server-Sent Events captures (config_files.parse_sse_counted; a `.sse` file is one since tuneA38) ---
# Each input is written twice: as `logs/*.stdout.txt` (a capture on every branch) and as `testdata/*.sse` (a capture
# once tuneA38's .sse rule is in); only the .txt copy is required to be accounted, the .sse copy must hold the same
# bounds either way. An ordinary event stream beside them must still give its model.
def _sse(name: str, body: str) -> Callable[[Ctx], None]:
    def build(ctx: Ctx) -> None:
        write(ctx.work / "logs" / f"{name}.stdout.txt", body)
        write(ctx.work / "testdata" / f"{name}.sse", body)
        write(ctx.work / "logs" / "ok.stdout.txt", 'event: message\ndata: {"id": "c1", "model": "gpt-4o-mini"}\n\n'
                                                   "data: [DONE]\n\n")
    return build


# (a) 10^6 lines: 20,000 `data:` events and 980,000 blank lines (1.3 MB), the model in the last event (the parse of a
# stream is linear and unbudgeted by design, bounded by the file size limit: 180,000 events took ~4 s of CPU a file)
scan_probe("session34-sse-1m-lines", "quadratic-position", _sse(
    "many", 'data: {"i": 1}\n' * 20_000 + "\n" * 980_000 + 'data: {"model": "gpt-4o"}\n'),
           accounted=["logs/many.stdout.txt"], checks=(finds("gpt-4o-mini"),), timeout=40.0)
# (b) one `data:` line of 3.9 MB (a JSON string of `\u00e9` escapes) after an ordinary event (300 blank lines keep the
# average line under the generated-file mark, so the stream is read)
scan_probe("session34-sse-3.9mb-data-line", "huge-line", _sse(
    "big", 'data: {"model": "gpt-4o"}\n' + "\n" * 300 + 'data: {"model": "gpt-4o", "x": "' + "\\u00e9" * 650_000
    + '"}\n'),
           accounted=["logs/big.stdout.txt"], checks=(finds("gpt-4o-mini"),), timeout=40.0)
# (c) a data line of JSON nested 100,000 deep between ordinary events (passed over, said), one 90,000 deep alone (a
# parse-error skip), and 200 events each nested 150 deep (under the parser's 200 levels: walked; 1,000 until
# redteam40 - each event a finding, written twice, so 2,000 findings cost 7 of the probe's 8 s of CPU, the nesting none)
scan_probe("session34-sse-json-100k-deep", "deep-nesting", lambda ctx: (
    _sse("deep", 'data: {"model": "gpt-4o"}\n\ndata: ' + '{"a":' * 100_000 + "1" + "}" * 100_000
         + '\n\ndata: {"model": "claude-3-haiku-20240307"}\n\n')(ctx),
    _sse("alldeep", "data: " + '{"model":' * 90_000 + '"gpt-4o"' + "}" * 90_000 + "\n\n")(ctx),
    _sse("deep150", ('data: {"model": "gpt-4o", "c": ' + '{"a":' * 150 + "1" + "}" * 150 + "}\n\n") * 200)(ctx)),
           accounted=["logs/deep.stdout.txt", "logs/alldeep.stdout.txt", "logs/deep150.stdout.txt"],
           checks=(finds("gpt-4o-mini", "claude-3-haiku-20240307"),), timeout=40.0)
