"""Red-team probes of brief redteam41 (session 37 of the red-team log): the readers the last sessions added or changed -
SQL ``INSERT`` values read from multi-line literals, whisper.cpp size words (shell arrays and tests, ``ggml-<size>.bin``
splices, compose defaults), model lists in scripts held by YAML literal blocks, OpenTelemetry GenAI span names,
``model_to_<verb>`` names, Go ``default:`` tag values (struct tags, settings templates, the byte prefilter's verdict on
them), Ollama ``:cloud`` tags, Bedrock prompt-router ARNs, the bounded-integer YAML loaders (under whatever PyYAML /
libyaml the suite's Python has: CI's is 6.0.3 with 0.2.5), a model card's front matter, the knowledge index cache keyed
by its inputs' bytes (corrupt, truncated, huge, symlinked and special cache files, two runs writing it at once), agent
files' ``models:`` maps and ONNX metadata keys.

Each probe promises what the tool must do on hostile input: bounded CPU and memory (the runner's RLIMIT_AS and wall
limit, plus a CPU / RSS bound), a clean exit with a documented code, nothing executed, every hostile file a finding or a
reported skip, special files left as they are, and - where an ordinary reference sits beside the hostile part - the
answer an ordinary spelling gets. CPU bounds, not wall time, carry the claims (a loaded 2-core machine runs 2-3 times
the CPU in wall time). Every input is built at test time. Imported by tests/redteam/probes.py after probes_session36.
Stdlib only at import time.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

from tests.artifacts.protobuf import field as _ld
from tests.redteam.probes import (
    OK_OR_USAGE,
    SCAN_JSON,
    files,
    probe,
    scan_probe,
    stdout_below,
    write,
)
from tests.redteam.probes_session8 import cpu_below
from tests.redteam.probes_session13 import rss_below
from tests.redteam.probes_session27 import finds
from tests.redteam.probes_session33 import _only_output
from tests.redteam.probes_session36 import _paddle_dir, _paddle_named
from tests.redteam.runner import Ctx, Result

_PY_CALL = "import openai\nopenai.OpenAI().chat.completions.create(model='gpt-4o-mini')\n"
_OK_YAML = "llm:\n  model: gpt-4o-mini\n"
_OK = {"app/call.py": _PY_CALL}


def _findings_below(n: int) -> Callable[[Result], str | None]:
    """At most ``n`` findings: a file repeating one spelling 10^4-10^5 times is reported a bounded number of times."""
    def check(res: Result) -> str | None:
        if res.rc != 0:
            return None
        got = len(res.json().get("findings", []))
        return None if got <= n else f"{got} findings (> {n})"
    return check


# --- (1) SQL INSERT values in multi-line literals (candidates._sql_insert_pairs) --------------------------------------
# (a) FIXED: a value of 3,990 line ends before a stray quote (`VALUES (1, x\n\n…')`): the value reader's `[^,']*` between
# two blank runs backtracked quadratically, 0.12 s a value, 60 INSERTs a 256 KB literal, four literals a file - 30 s of
# CPU in the regex, past the 2 s budget that it never ticks (a skip reported two minutes late on a loaded machine)
def _sql_blank_values() -> dict[str, str]:
    value = "x" + "\n" * 3990 + "'"
    body = "INSERT INTO settings (id, model) VALUES ('1', 'gpt-4o')\n" + "".join(
        f"INSERT INTO settings (id, model) VALUES (1, {value})\n" for _ in range(60))
    return {"app/seed.go": "package app\n\n" + "".join(f"const Seed{i} = `\n{body}`\n" for i in range(4)),
            "app/seed.rs": "".join(f"pub fn q{i}() -> &'static str {{\n    r#\"\n{body}\"#\n}}\n" for i in range(4)),
            **_OK}


scan_probe("session37-sql-insert-blank-runs-before-a-quote", "regex-backtracking", _sql_blank_values,
           accounted=["app/seed.go", "app/seed.rs"], checks=(finds("gpt-4o-mini", "gpt-4o"), cpu_below(10.0)),
           timeout=45.0)


# (b) wide and many: one INSERT of 1,000 model-named columns (256 values a literal at most), 15,000 unclosed
# `INSERT INTO t (` heads, `INSERT` and `INTO` 100,000 line ends apart, values of 1,000 doubled quotes
def _sql_wide() -> dict[str, str]:
    cols = ", ".join(f"model{i}" for i in range(1000))
    vals = ", ".join("'gpt-4o'" for _ in range(1000))
    quotes = "'" + "''" * 1000 + "'"
    return {"pkg/wide.go": "package pkg\n\nconst Wide = `\nINSERT INTO t (" + cols + ")\nVALUES (" + vals + ")\n`\n"
                           "const Heads = `\n" + "INSERT INTO t (\n" * 15_000 + "`\n"
                           "const Apart = `\nmodel\nINSERT" + "\n" * 100_000 + "INTO t (model) VALUES ('gpt-4o')\n`\n"
                           "const Quotes = `\nINSERT INTO t (id, model) VALUES (" + quotes + ", 'gpt-4o')\n`\n", **_OK}


scan_probe("session37-sql-insert-wide-unclosed-apart", "quadratic-position", _sql_wide, accounted=["pkg/wide.go"],
           checks=(finds("gpt-4o-mini"), cpu_below(10.0), _findings_below(2000)), timeout=40.0)


# --- (2) whisper.cpp size words (shell.array_items / _whisper_size_tests, config_files ggml splices) -----------------
# (a) a model-named array of 60,000 size words and a 2 MB script of size tests, both in scripts naming Whisper: at
# most 10,000 findings a file (the collector's cap; 8.8 MB of JSON for the array's 480 KB)
def _whisper_scripts() -> dict[str, str]:
    line = '[ "$model" = tiny ] || [[ "$MODEL" != base.en ]] || test "$m" == small-q5_1 && ' * 24 + "true\n"
    return {"scripts/models.sh": "#!/bin/sh\n# whisper.cpp models\nMODELS=(" + "tiny base.en small-q5_1 " * 20_000
                                 + ")\n",
            "scripts/tests.sh": "#!/bin/bash\n# download whisper weights\nmodel=tiny\nwget models/ggml-${model}.bin\n"
                                + line * (2_000_000 // len(line)),
            **_OK}


scan_probe("session37-whisper-size-arrays-and-tests", "quadratic-position", _whisper_scripts,
           accounted=["scripts/models.sh", "scripts/tests.sh"],
           checks=(finds("gpt-4o-mini"), cpu_below(12.0), _findings_below(20_100), stdout_below(20_000_000)),
           timeout=60.0)
# (b) ggml-${VAR:-size}.bin splices: one value holding 100,000 of them (8 read), 20,000 keys each holding one, an
# unclosed `ggml-${` of 500 KB, and 20,000 compose services whose model key defaults to a size, in files naming Whisper
scan_probe("session37-whisper-ggml-splices-and-compose-defaults", "quadratic-position", lambda: {
    "deploy/one.yaml": "# whisper\nhealthcheck: \"" + "test -f /models/ggml-${M:-tiny}.bin && " * 100_000 + "true\"\n",
    "deploy/many.yaml": "# whisper\n" + "".join(f"k{i}: /models/ggml-${{MODEL_NAME:-base.en}}.bin\n"
                                                for i in range(20_000)),
    "deploy/open.yaml": "# whisper\nx: ggml-${" + "A" * 500_000 + "\n",
    "compose.yaml": "# whisper.cpp server\nservices:\n" + "".join(
        f"  s{i}:\n    environment:\n      MODEL_NAME: ${{MODEL_NAME:-small}}\n" for i in range(20_000)),
    "ok.yaml": _OK_YAML},
           accounted=["deploy/one.yaml", "deploy/many.yaml", "compose.yaml"],
           checks=(finds("gpt-4o-mini"), cpu_below(15.0), stdout_below(20_000_000)), timeout=50.0)


# --- (3) model lists in scripts held by YAML literal blocks (config_files.TreeWalker.script_lists) ---------------------
# (a) 60 blocks of 60 KB (3.5 MB), each 16 lists of ~300 quoted items bound to `models` (one real model among them), and a
# block of 20,000 unclosed `let models = [`
def _script_blocks() -> dict[str, str]:
    items = ", ".join(f'"acme-m{i}"' for i in range(290))
    block = "".join(f"    let models = [{items}, \"gpt-4o\"]\n" for _ in range(16))
    return {"pipelines/many.yaml": "pipeline:\n" + "".join(f"  p{i}:\n    mapping: |\n{block}" for i in range(60)),
            "pipelines/open.yaml": "pipeline:\n  mapping: |\n" + "    let models = [\n" * 20_000
                                   + "    const MODELS = " + " " * 60_000 + "[\"gpt-4o\"\n",
            "ok.yaml": _OK_YAML}


scan_probe("session37-yaml-block-script-lists", "quadratic-position", _script_blocks,
           accounted=["pipelines/many.yaml"], checks=(finds("gpt-4o-mini"), cpu_below(15.0)), timeout=50.0)


# --- (4) OpenTelemetry GenAI span names, model_to_<verb> names (polyglot._with_embedded, classifier) ------------------
# 20,000 span names in a Rust trace test and 50,000 in TypeScript (a real one among them), an operation word before
# 5,000 characters, and `model_to_load` behind 400,000 characters of name in Python and JavaScript
def _spans() -> str:
    def unit(name: str) -> str:
        return f'        spans.push(Span {{ name: "{name}".to_string(), attributes: HashMap::new() }});\n'
    return ("#[cfg(test)]\nmod tests {\n    #[test]\n    fn embeddings_span() {\n        let mut attributes = "
            "HashMap::new();\n        attributes.insert(\"gen_ai.request.model\".to_string(), "
            "json!(\"text-embedding-3-small\"));\n" + "".join(unit(f"chat acme-m{i}") for i in range(20_000))
            + unit("embeddings text-embedding-3-small") + unit("chat " + "x" * 5000) + "    }\n}\n")


scan_probe("session37-otel-span-names-and-model-to-verb", "quadratic-position", lambda: {
    "src/traces/spans.rs": _spans(),
    "otel/spans.ts": "export const names = [\n" + "".join(f'  "text_completion m{i}:v",\n' for i in range(50_000))
                     + "];\n",
    "app/names.py": "a" + "_a" * 200_000 + "_model_to_load = 'gpt-4o'\nmodel_to_use = 'gpt-4o'\n",
    "app/names.js": "const " + "x" * 400_000 + "ModelToUse = 'gpt-4o';\nconst modelToUse = 'gpt-4o';\n",
    **_OK},
           accounted=["src/traces/spans.rs", "app/names.py", "app/names.js"],
           checks=(finds("gpt-4o-mini"), cpu_below(15.0)), timeout=50.0)


# --- (5) Go default: tag values (candidates._tag_defaults, polyglot._literal_verdict, _TAG_DEFAULT) ------------------
# (a) 50,000 fields each with a default, a tag of escaped `default:\"default:\\\"…` nested 12 deep (the prefilter judges
# a tag's default by recursing into it; 24 KB of escapes), and a settings template of 8,000 "default:…" values with 8
# options of 40 characters each
def _go_tags() -> dict[str, str]:
    nested = "x"
    for _ in range(12):
        nested = 'default:"' + nested.replace("\\", "\\\\").replace('"', '\\"') + '"'
    opts = ",".join(f"o{j}:" + "v" * 40 for j in range(8))
    return {"cfg/fields.go": "package cfg\n\ntype Config struct {\n" + "".join(
                f'\tM{i} string `env:"M{i}" default:"acme-m{i}"`\n' for i in range(50_000))
            + '\tModel string `env:"OPENAI_MODEL" envDefault:"gpt-4o"`\n}\n',
            "cfg/nested.go": "package cfg\n\ntype N struct {\n\tX string `" + nested + "`\n}\n",
            "cfg/template.go": "package cfg\n\nvar T = map[string]string{\n" + "".join(
                f'\t"model{i}": "default:acme-m{i},{opts}",\n' for i in range(8_000))
            + '\t"model": "default:gpt-4o,required:false",\n}\n',
            **_OK}


scan_probe("session37-go-default-tags", "quadratic-position", _go_tags,
           accounted=["cfg/fields.go", "cfg/template.go"],
           checks=(finds("gpt-4o-mini"), cpu_below(20.0), rss_below(500)), timeout=60.0)
# (b) one line of 60,000 tags' defaults whose only model is the last (the case session 36's CI found: the prefilter
# must see it, whatever machine decides the budget)
scan_probe("session37-go-default-on-one-line", "huge-line", lambda: {
    "cfg/line.go": "package cfg\n\ntype C struct { " + "".join(f'F{i} int `default:"{i}"`; ' for i in range(60_000))
                   + 'Model string `envDefault:"gpt-4o"` }\n', **_OK},
           accounted=["cfg/line.go"], checks=(finds("gpt-4o-mini"), cpu_below(12.0)), timeout=45.0)


# --- (6) Ollama :cloud tags and Bedrock default prompt routers (identify) ----------------------------------------------
scan_probe("session37-ollama-cloud-and-bedrock-routers", "regex-backtracking", lambda: {
    "cloud.yaml": "models:\n" + "".join(f"  - model: m{i}:cloud\n" for i in range(10_000))
                  + "  - model: gpt-oss:" + "9" * 100_000 + "b-cloud\n  - model: gpt-oss:120b-cloud\n",
    "run.sh": "ollama run " + "kimi:cloud:" * 100_000 + "cloud\n",
    "router.py": "import boto3\nc = boto3.client('bedrock-runtime')\n" + "".join(
        f"R{i} = f'arn:aws:bedrock:{{region}}:{{account}}:default-prompt-router/anthropic.claude:{i}'\n"
        for i in range(20_000)) + "X = '" + "default-prompt-router/" * 40_000 + "a.b:1'\n"
        "c.converse(modelId='arn:aws:bedrock:us-east-1:1:default-prompt-router/" + "a" * 500_000 + ".claude:1')\n",
    "ok.yaml": _OK_YAML},
           accounted=["cloud.yaml", "router.py"], checks=(finds("gpt-4o-mini"), cpu_below(15.0)), timeout=60.0)


# --- (7) YAML integers and floats at the bounded loaders' edge (yamlbound.ConfigLoader, policy, cards) -----------------
# integers of 256 and 257 digits, underscored and signed sexagesimal integers of 200 KB, `!!int` / `!!float` tags on
# 100 KB scalars, a float of 200,000 digits and a base-60 float of 30,000 parts: in a Paddle inference.yml (inspect)
# whole - FIXED: the base-60 float was an OverflowError that made the file unreadable, the model name lost -; in a
# scanned config (parsed as YAML up to 1 MiB, a file of long lines skipped unread as generated) an `!!int` sexagesimal
# of 270,000 parts written over 9,000 lines by double-quoted line continuations (unbounded: ~20 s of CPU)
_NUMBERS = ("a: " + "9" * 256 + "\nb: " + "9" * 257 + "\nc: " + "1_" * 100_000 + "1\nd: -1" + ":59" * 60_000
            + "\ne: !!int '" + "7" * 100_000 + "'\nf: !!float '1" + "0" * 100_000 + "'\ng: 1." + "5" * 200_000
            + "\nh: +1" + ":59" * 30_000 + ".5\ni: 0o" + "7" * 50_000 + "\n")  # 920 KB: a config is parsed to 1 MiB
_NUMBER_LINES = ("a: " + "9" * 256 + "\nb: " + "9" * 257 + "\nc: 0x" + "f" * 5000 + "\nd: !!int \"1"
                 + "".join("\\\n  " + ":59" * 30 for _ in range(9000)) + "\"\n")
scan_probe("session37-yaml-number-edges-config", "type-confusion", lambda: {
    "config/numbers.yaml": "llm:\n  model: gpt-4o\n" + _NUMBER_LINES, **_OK},
           accounted=["config/numbers.yaml"], checks=(finds("gpt-4o-mini", "gpt-4o"), cpu_below(6.0)), timeout=40.0)
probe("session37-paddle-yml-number-edges", "type-confusion",
      _paddle_dir("Global:\n  model_name: PP-OCRv4\nmode: paddle\narch: DETR\n" + _NUMBERS),
      ("inspect", ".", "-f", "json"), OK_OR_USAGE, fmt="json", timeout=40.0,
      checks=(_paddle_named("PP-OCRv4"), cpu_below(10.0), rss_below(500)))
probe("session37-policy-257-digit-integer", "policy-config", files({
    "modelmap.yaml": "version: 1\nexpiry_notice_days: " + "9" * 257 + "\n", "app/call.py": _PY_CALL}),
      ("check", "."), frozenset({0, 1, 2}), timeout=30.0, checks=(cpu_below(6.0),))


def _card_named(license: str, base: str) -> Callable[[Result], str | None]:
    def check(res: Result) -> str | None:
        if res.rc != 0:
            return None
        got = res.json().get("declared") or {}
        return None if got.get("license") == license and got.get("base_model") == base else \
            f"front matter lost: declared {({k: got.get(k) for k in ('license', 'base_model')})}"
    return check


# FIXED: a card's front matter with a 5,000-digit integer was a ValueError that lost the whole front matter (licence,
# base); a 240 KB sexagesimal integer cost 1.6 s of CPU (quadratic; the card loader had no integer bound); a sexagesimal
# float of 200 parts was an OverflowError that lost it too (every bounded loader: yamlbound._bounded_float)
probe("session37-card-front-matter-huge-integers", "type-confusion", files({
    "README.md": "---\nlicense: mit\nbase_model: acme/base\nsteps: 9" + "9" * 5000 + "\nlr: 1" + ":59" * 78_000
                 + "\nwd: 1" + ":59" * 200 + ".5\n---\n# card\n", "model.safetensors": "x"}),
      ("inspect", ".", "-f", "json"), OK_OR_USAGE, fmt="json", timeout=30.0,
      checks=(_card_named("mit", "acme/base"), cpu_below(6.0)))


# --- (8) the knowledge index cache (knowledge.loader: pointer kbkey-<cheap key> -> kb-<content key>.json) ------------
def _keys() -> tuple[str, str]:
    from modelmap.knowledge import loader

    return loader._pointer_key(), loader._content_key()


def _kb_cache(kind: str) -> Callable[[Ctx], object]:
    """The cache folder holds, where this checkout's index and pointer go, something hostile of ``kind``."""
    def build(ctx: Ctx) -> None:
        write(ctx.work / "app/call.py", _PY_CALL)
        pointer, content = _keys()
        ctx.cache.mkdir(parents=True, exist_ok=True)
        ptr, idx = ctx.cache / f"kbkey-{pointer}", ctx.cache / f"kb-{content}.json"
        for p in (ptr, idx):  # the runner's warm copies (runner.warm_cache_files) are replaced
            p.unlink(missing_ok=True)
        if kind == "wrong-shape":  # JSON of every other type, and a pointer of junk
            write(ptr, "../../../../etc/passwd")
            write(idx, json.dumps({"aliases": [1, 2], "hf_index": "x", "recognition": 7}))
        elif kind == "huge":  # 250 MB (sparse): FIXED, it was read whole (544 MB RSS) before it was refused and rebuilt
            write(ptr, content)
            with open(idx, "wb") as fh:
                fh.truncate(250 * 1024 * 1024)
        elif kind == "deep":  # 20 MB of nesting, then of a 200,000-key object of nulls
            write(ptr, content)
            write(idx, "[" * 10_000_000 + "]" * 10_000_000)
        elif kind == "special":  # a FIFO as the index, the pointer a link to a device, the folder holding a link loop
            os.symlink("/dev/zero", ptr)
            os.mkfifo(idx)
            os.symlink(ctx.cache / "loop", ctx.cache / "loop")
            ctx.special.extend([ptr, idx, ctx.cache / "loop"])
        elif kind == "links":  # the pointer a link to a 1 GB sparse file (read: 65 bytes), the index one to a folder
            with open(ctx.root / "big", "wb") as fh:
                fh.truncate(1024 ** 3)
            os.symlink(ctx.root / "big", ptr)
            (ctx.root / "folder").mkdir()
            os.symlink(ctx.root / "folder", idx)
            ctx.special.extend([ptr, idx])
    return build


def _kb_rebuilt_or_left(res: Result) -> str | None:
    """After the run, the cache folder holds no temp file, and a regular index there (if any) parses."""
    left = [p.name for p in res.ctx.cache.iterdir() if p.name.endswith(".tmp")] if res.ctx.cache.is_dir() else []
    return f"temp files left in the cache: {left[:3]}" if left else None


for _kind, _rss in (("wrong-shape", 500), ("huge", 500), ("deep", 500), ("special", 500),
                    ("links", 500)):
    probe(f"session37-kb-cache-{_kind}", "cache-poison", _kb_cache(_kind), SCAN_JSON, frozenset({0}), fmt="json",
          timeout=60.0, checks=(finds("gpt-4o-mini"), _kb_rebuilt_or_left, rss_below(_rss), cpu_below(15.0)))


# two runs compiling and storing the index into one empty cache folder at once (each -o its own report): both answer
# the same, and the folder ends with one index, one pointer and no temp file
def _two_writers(ctx: Ctx) -> None:
    write(ctx.work / "app/call.py", _PY_CALL)
    for p in ctx.cache.glob("kb*"):  # the runner's warm copies: both runs compile the index
        p.unlink()
    ctx.wrap = ["/bin/sh", "-c", '"$@" -o a.json & "$@" -o b.json; wait', "sh"]


def _same_reports(res: Result) -> str | None:
    try:
        a, b = (json.loads((res.ctx.work / n).read_text(encoding="utf-8")) for n in ("a.json", "b.json"))
    except (OSError, ValueError) as exc:
        return f"a report is missing or broken: {exc}"
    got = [f.get("raw") for f in a.get("findings", [])]
    if "gpt-4o-mini" not in got or got != [f.get("raw") for f in b.get("findings", [])]:
        return f"the two runs found {got} and {[f.get('raw') for f in b.get('findings', [])]}"
    names = sorted(p.name for p in Path(res.ctx.cache).iterdir()) if res.ctx.cache.is_dir() else []
    idx = [n for n in names if n.startswith("kb-")]
    ptr = [n for n in names if n.startswith("kbkey-")]
    tmp = [n for n in names if n.endswith(".tmp")]
    return None if len(idx) == 1 and len(ptr) == 1 and not tmp else f"cache folder holds {names[:6]}"


probe("session37-kb-cache-two-writers", "cache-poison", _two_writers, SCAN_JSON, frozenset({0}), fmt="json",
      output="a.json", timeout=90.0, checks=(_same_reports, cpu_below(20.0)))


# --- (9) agent files' models: maps just under the 256-character id bound, ONNX metadata of 100,000 entries -----------
scan_probe("session37-agent-models-ids-under-256", "regex-backtracking", lambda: {
    "agent.yaml": "agents:\n" + "".join(f"  a{i}:\n    model: m{i}\n" for i in range(250)) + "models:\n" + "".join(
        f"  m{i}:\n    provider: openai\n    model: gpt-4o{'-2024' * 49}x\n" for i in range(250)), "ok.yaml": _OK_YAML},
           accounted=["agent.yaml"], checks=(finds("gpt-4o-mini"), cpu_below(10.0)), timeout=40.0)


def _onnx_many_props(ctx: Ctx) -> None:
    props = b"".join(_ld(14, _ld(1, b"K" * 300 + str(i).encode()) + _ld(2, b"v" * 50)) for i in range(100_000))
    write(ctx.work / "m.onnx", b"\x08\x08" + _ld(2, b"pytorch") + props + _ld(7, _ld(2, b"g")))


probe("session37-onnx-100k-metadata-keys", "big-header", _onnx_many_props, ("inspect", "m.onnx", "-f", "json"),
      OK_OR_USAGE, fmt="json", timeout=40.0, checks=(cpu_below(10.0), rss_below(500), stdout_below(2_000_000)))


# --- (10) identify's newest shapes: region-prefixed Bedrock ids, weight files among peers, stand-in names -------------
# a cost table of 10,000 `<region>/<id>` rows and a region repeated 50,000 times before an id; a download list of 20,000
# bare .onnx files beside two model files and names of 100 KB; `unknown-model:` / `model-` tags of 100 KB and 50,000
# `*_search` names where a model goes (10,000)
scan_probe("session37-region-ids-file-peers-stand-ins", "regex-backtracking", lambda: {
    "data/costs.json": json.dumps({"models": {**{f"us-east-1/acme.m{i}-v1": {"input": 1} for i in range(10_000)},
                                              "us-east-1/anthropic.claude-v2": {"input": 8},
                                              "us-east-1/" * 50_000 + "anthropic.claude-v2": {"input": 8}}}),
    "web/download.js": "export const files = [\n" + "".join(f'  "m{i}.onnx",\n' for i in range(20_000))
                       + '  "encoder-model.onnx",\n  "decoder_joint-model.onnx",\n  "' + "n" * 100_000 + '.onnx",\n];\n',
    "app/names.py": "from openai import OpenAI\nc = OpenAI()\n" + "".join(
        f"c.chat.completions.create(model='{n}')\n" for n in (
            "unknown-model:" + "x" * 100_000, "model" + "-beta" * 25_000, "search_" + "y" * 100_000))
                    + "".join(f"c.chat.completions.create(model='s{i}_search')\n" for i in range(10_000)),
    **_OK},
           accounted=["data/costs.json", "web/download.js"], checks=(finds("gpt-4o-mini"), cpu_below(15.0)),
           timeout=60.0)
# the fixed card front matter shown as a table (its 5,000-digit value is text now: printed cut, no traceback)
probe("session37-card-front-matter-huge-integers-table", "type-confusion", files({
    "README.md": "---\nlicense: mit\nbase_model: acme/base\nmodel_name: 9" + "9" * 5000 + "\n---\n# card\n",
    "model.safetensors": "x"}), ("inspect", "."), OK_OR_USAGE, timeout=30.0,
      checks=(cpu_below(6.0), stdout_below(100_000)))


# --- (11) every hostile reader above in one scan written with -o: nothing written but the output ---------------------
probe("session37-new-readers-scan-o", "output-safety", files(lambda: {
    **_sql_blank_values(), **{k: v for k, v in _go_tags().items() if k != "cfg/fields.go"},
    "pipelines/open.yaml": "pipeline:\n  mapping: |\n" + "    let models = [\n" * 5_000,
    "deploy/one.yaml": "# whisper\nhealthcheck: \"" + "ggml-${M:-tiny}.bin " * 10_000 + "\"\n"}),
      (*SCAN_JSON, "-o", "out.json"), frozenset({0}), fmt="json", output="out.json", timeout=60.0,
      checks=(_only_output("app", "cfg", "pipelines", "deploy"), cpu_below(15.0)))
