"""Red-team probes of brief redteam9: the per-file budget now covers the tree-sitter parse and the code source's literal
analysis (59c51a0), scan --inspect stats a referenced path before resolving it (ffb8d86), and hostile inputs for the
paths session 8 added: bind mounts and huge continued shell commands, Bedrock ARNs / Azure deployments with
look-alike ids, pathological identifiers for the resolver's host suffixes and dated snapshots, and ordinary code.

Imported by tests/redteam/probes.py after probes_session8, so every probe lands in the one registry (``PROBES``) and
runs through the same runner and promises (bounded time and memory, no traceback, every file a finding or a skip).
Stdlib only at import time.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.redteam.probes import OK, OK_OR_USAGE, USAGE, files, probe, scan_probe
from tests.redteam.probes_session8 import cpu_below, finds, finds_none, found_or_skipped_as, skipped_as
from tests.redteam.runner import Ctx, Result

# (a) the budget covers the parse and the literal analysis ------------------------------------------------------
# a NUL inside a Go raw string: tree-sitter's error recovery leaves a flat tree whose nodes are slow to walk (each
# literal's parent costs its sibling count): 4.5 s of CPU with no skip before 59c51a0
_PAD = ("// " + "x" * 70 + "\n") * 120  # the NUL is past the first 8 KiB, so the file is not skipped as binary
scan_probe("s9-go-nul-in-raw-string", "quadratic-position", lambda: {
    "nul.go": "package x\n" + _PAD + "var s = `\n" + '{"model": "deep\x00seek-chat", "model": "gpt-4o"}\n\x00' * 5_000
              + "`\n"},
    checks=(found_or_skipped_as("gpt-4o", "nul.go", "analysis-budget"), cpu_below(10.0)))
# 3.9 MB of HCL ARN / Azure templates: the parse alone took 2-3 s outside the budget; it is cancelled now
_TF = ('resource "x" "y{i}" {{\n  model = "arn:aws:bedrock:${{var.region}}::foundation-model/anthropic.claude-3-'
       'sonnet-2024{i:04d}-v1:0"\n  url = "https://${{var.n}}.openai.azure.com/openai/deployments/gpt-4o-{i}/chat"\n}}\n')
scan_probe("s9-hcl-parse-past-budget", "huge-line", lambda: {
    "main.tf": "".join(_TF.format(i=i) for i in range(19_000))},
    checks=(skipped_as("main.tf", "analysis-budget"), cpu_below(10.0)))
# 40,000 model folders in one script, end to end (discovery, provenance, --inspect): the inspect pass resolved every
# referenced path twice (3-5 s); discovery stops at its budget and says so
scan_probe("s9-shell-40k-model-paths-end-to-end", "quadratic-position", lambda: {
    "serve.sh": "#!/bin/sh\n" + "".join(f"mkdir -p /models/org/Qwen2.5-{i}B-Instruct\n" for i in range(40_000))},
    checks=(skipped_as("serve.sh", "analysis-budget", "findings-capped"),))

# (b) bind mounts and huge continued commands -------------------------------------------------------------------
scan_probe("s9-bind-mount-specs", "eval", lambda: {
    "v.sh": "#!/bin/sh\n"
            "docker run -v /data/models/Qwen2.5-7B-Instruct:/models/Qwen2.5-7B-Instruct:ro,z img\n"
            "docker run -v /models/Llama-3-8B-Instruct: img\n"  # an empty container part: the host folder alone
            "docker run -v :/models/Mistral-7B-v0.3 -v ::::: -v /:/ img\n"
            "docker run -v /models/Qwen2.5-7B:/models/Qwen2.5-7B:/extra:ro img\n"
            'docker run -v "$HOME/.cache/huggingface:/root/.cache/huggingface" -v qwen-cache:/root/.cache img\n'},
    checks=(finds_none("/models/Llama-3-8B-Instruct:", "/data/models/Qwen2.5-7B-Instruct:/models/Qwen2.5-7B-Instruct:ro,z",
                       ":/models/Mistral-7B-v0.3", "/models/Qwen2.5-7B:/models/Qwen2.5-7B:/extra:ro"),
            finds("/data/models/Qwen2.5-7B-Instruct", "/models/Llama-3-8B-Instruct", "/models/Qwen2.5-7B")))
scan_probe("s9-bind-mount-50k-colons", "huge-line", lambda: {
    "run.sh": "#!/bin/sh\ndocker run -v " + "/models/Qwen2.5-7B:" * 50_000 + " img\n" + "echo hi\n" * 20_000
              + "vllm serve Qwen/Qwen2.5-7B-Instruct\n"},
    accounted=["run.sh"], checks=(finds("Qwen/Qwen2.5-7B-Instruct"),))
# one docker run continued over 80,000 lines (3.6 MB joined): the command after it is still read
scan_probe("s9-bind-mount-80k-continued", "huge-line", lambda: {
    "run.sh": "#!/bin/sh\ndocker run " + "".join(f"  -v /data/models/Qwen2.5-{i}B:/m{i}:ro \\\n" for i in range(80_000))
              + "  img\nvllm serve Qwen/Qwen2.5-7B-Instruct\n"},
    accounted=["run.sh"])
scan_probe("s9-shell-30k-mixed-path-lines", "quadratic-position", lambda: {
    "run.sh": "#!/bin/sh\n" + "".join(f'mkdir -p "/models/Qwen2.5-{i}B" && docker run -v /models/Qwen2.5-{i}B:/m img && '
                                      f"cd ./models/Llama-3-{i}B\n" for i in range(30_000))},
    checks=(skipped_as("run.sh", "analysis-budget", "findings-capped"),))

# (c) embedded ids with look-alike characters ---------------------------------------------------------------------
_LOOKALIKE = ("gрt-4о", "сlaude-3-opus", "ｇｐｔ－４ｏ", "gpt\u200b-4o")  # Cyrillic р/о/с, full width, a zero-width space
scan_probe("s9-embedded-ids-lookalike", "encoding", lambda: {
    "a.go": "package x\n" + "".join(
        f'var A{i} = "arn:aws:bedrock:us-east-1::foundation-model/{v}"\n'
        f'var B{i} = "https://x.openai.azure.com/openai/deployments/{v}/chat"\n'
        for i, v in enumerate(_LOOKALIKE * 500)) + 'var M = "arn:aws:bedrock:us-east-1::foundation-model/'
    'anthropic.claude-3-sonnet-20240229-v1:0"\n'},
    accounted=["a.go"], checks=(finds("anthropic.claude-3-sonnet-20240229-v1:0"),))


def stderr_below(limit: int) -> Callable[[Result], str | None]:
    def check(res: Result) -> str | None:
        return None if len(res.stderr) < limit else f"stderr is {len(res.stderr)} bytes (a hostile id echoed back?)"
    return check


def traced_none(res: Result) -> str | None:
    """No look-alike or pathological id is traced to a real model."""
    if res.rc != 0:
        return None
    data = res.json()
    hits = [(r.get("query"), (r.get("model") or {}).get("id")) for r in (data if isinstance(data, list) else [data])
            if (r.get("model") or {}).get("id")]
    return f"traced to a model: {hits}" if hits else None


# (d) the resolver's host suffixes and dated snapshots: pathological identifiers ------------------------------
probe("s9-trace-100k-identifier", "huge-line", files(lambda: {}), ("trace", "a-" * 50_000, "-f", "json"), USAGE,
      checks=(stderr_below(2_000),))
_IDS = ("-" * 299 + "a", "a-" * 150, "qwen-max-" + "0403-" * 58, "gpt-4o-" + "2024-05-13-" * 26,
        "meta-llama/Llama-3-8B" + "-Turbo" * 46, "org/x" + "-fp8-tput" * 32, "ft:" + "gpt-4o:" * 42,
        "claude-3-5-sonnet" + "-20240620" * 31, "openrouter/" * 26 + "gpt-4o", "qwen" + ".5" * 148,
        "gрt-4о", "ｇｐｔ－４ｏ", "gpt\u200b-4o", "qwen-max-9999", "qwen-max-20241399", "Qwen2.5-7B" + "-GGUF-Q4_K_M" * 24)
probe("s9-trace-pathological-ids", "regex-backtracking", files(lambda: {}), ("trace", *_IDS, "-f", "json"),
      OK_OR_USAGE, fmt="json", checks=(traced_none, cpu_below(20.0)))

# (e) false positives on ordinary shell code: `cd /opt/llama.cpp-b3000` was read as a server command's positional
# model folder (a family word and a digit), and a key file under ./models named after an API model as a model folder
# (an xfail in session 9; fixed in redteam10: a file utility's arguments never make a server line, and a file whose
# extension says key / text / config under a models folder is no model)
scan_probe("s9-fp-ordinary-shell-paths", "eval", lambda: {
    "ops.sh": "#!/bin/bash\ncd /opt/llama.cpp-b3000\nchmod 600 ./models/openai-gpt-4o.key\n"
              "mkdir -p ./models/tokenizers/sentencepiece-0.2\nrsync -a /models/mysql-8.0/ /backup/\n"
              "docker run -v /models/node-18:/app -v /data/ubuntu-22.04:/rootfs img\n"},
    checks=(finds_none("/opt/llama.cpp-b3000", "./models/openai-gpt-4o.key", "./models/tokenizers/sentencepiece-0.2",
                       "/models/mysql-8.0/", "/models/node-18", "/data/ubuntu-22.04"),))


# (f) the persistent per-file result cache (82b5544, on by default): a tampered cache file is a miss, never an error,
# and a warm scan's findings and skips are the cold scan's
_CACHE_TREE = {
    "app.py": "import openai\nc = openai.OpenAI()\nc.chat.completions.create(model='gpt-4o')\n",
    "serve.sh": "#!/bin/sh\nvllm serve Qwen/Qwen2.5-7B-Instruct\ndocker run -v /data/models/Llama-3-8B:/models img\n",
    "main.tf": 'resource "x" "y" {\n  model = "arn:aws:bedrock:${var.region}::foundation-model/anthropic.claude-3-'
               'sonnet-20240229-v1:0"\n}\n',
    "config.yaml": "model: deepseek-chat\nembedding_model: bge-m3\n",
}


def _scan_result(data: bytes) -> tuple[list[Any], list[Any]]:
    doc = json.loads(data)
    return doc.get("findings", []), doc.get("skipped", [])


def _tampered_cache(how: str) -> Callable[[Ctx], object]:
    def build(ctx: Ctx) -> None:
        from tests.redteam.runner import child_env, execute

        for rel, text in _CACHE_TREE.items():
            (ctx.work / rel).write_text(text, encoding="utf-8")
        cold = ctx.root / "cold.json"
        execute(["scan", ".", "-f", "json", "-o", str(cold)], ctx.work, child_env(ctx), 120)
        ctx.state["cold_path"] = str(cold)
        caches = sorted((ctx.cache / "scan").glob("scan-*.json"))
        if len(caches) != 1:
            ctx.skip = f"the cold scan left {len(caches)} result-cache files (expected one)"
            return
        path = caches[0]
        if how == "nested":
            path.write_bytes(b"[" * 2_000_000)
        elif how == "garbage":
            path.write_bytes(os.urandom(1 << 20))
        elif how == "fifo":
            path.unlink()
            os.mkfifo(path)
        elif how == "symlink":
            path.unlink()
            path.symlink_to("/dev/zero")
        elif how == "wrong-types":  # every entry's rows with the right shape but a bool, a float, a huge int
            doc = json.loads(path.read_bytes())
            for entry in doc["entries"].values():
                for row in entry[1]:
                    row[1], row[2], row[11] = True, 1.5, 10 ** 40
            path.write_text(json.dumps(doc), encoding="utf-8")
        elif how == "other-digest":  # the same entries under another file's bytes: each must be a miss
            doc = json.loads(path.read_bytes())
            for entry in doc["entries"].values():
                entry[0] = "0" * 40
                for row in entry[1]:
                    row[3] = "forged-model-7b"
            path.write_text(json.dumps(doc), encoding="utf-8")
        elif how == "world-writable":
            doc = json.loads(path.read_bytes())
            for entry in doc["entries"].values():
                for row in entry[1]:
                    row[3] = "forged-model-7b"
            path.write_text(json.dumps(doc), encoding="utf-8")
            os.chmod(ctx.cache / "scan", 0o777)  # a folder others may write to: the cache is not used
    return build


def same_as_cold(res: Result) -> str | None:
    if res.rc != 0:
        return None
    cold = Path(res.ctx.state["cold_path"]).read_bytes()
    if _scan_result(res.stdout) != _scan_result(cold):
        return "the warm scan's findings / skips differ from the cold scan's (a tampered cache entry was used)"
    return None


for _how in ("nested", "garbage", "fifo", "symlink", "wrong-types", "other-digest", "world-writable"):
    probe(f"s9-result-cache-{_how}", "cache", _tampered_cache(_how), ("scan", ".", "-f", "json"), OK, fmt="json",
          checks=(same_as_cold,), timeout=120)
