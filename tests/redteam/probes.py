"""The red-team probe registry: hostile inputs against the README's promises.

Each :class:`~tests.redteam.runner.Probe` has an id, a failure class, a build function that creates the
input under the probe's temp dir, the ``modelmap`` argv, the documented exit codes and extra checks. The
runner adds the generic checks (bounded time and memory, no traceback, no raw ESC / C1 on the terminal,
special files untouched, no marker file, output parses, skips reported).

``fast=True`` probes are cheap (small inputs) and run in the default suite; everything else runs with
``-m redteam`` (scripts/test.sh runs both). Big inputs are written in chunks or made sparse with
``truncate``; the probe's temp dir is removed afterwards.

Stdlib only at import time (bench/redteam.py imports it); ``gguf``/``numpy`` are imported by the GGUF
builders when a probe runs.
"""

from __future__ import annotations

import contextlib
import dataclasses
import http.server
import json
import os
import random
import stat
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from tests.redteam.runner import Ctx, Probe, Result

if __name__ == "__main__":  # `python -m tests.redteam.probes`: list the probes
    # run as a script this file is module __main__, a second copy: probes_newer and probes_session8 register into
    # tests.redteam.probes (they import it), so this copy's registry would be incomplete and its FAST check fail
    import importlib

    importlib.import_module("tests.redteam.probes").main()
    raise SystemExit(0)

OK = frozenset({0})
USAGE = frozenset({2})
OK_OR_USAGE = frozenset({0, 2})
CHECK_ANY = frozenset({0, 1, 2})
MB = 1024 * 1024
ONE_LINE = 3_900_000  # just under the 4 MiB default --max-file-size

# a model reference per source type: a scan of the file must produce a finding or a skip for it
PY_CALL = "import openai\nc = openai.OpenAI()\nc.chat.completions.create(model='gpt-4o')\n"
JS_CALL = "import OpenAI from 'openai';\nconst c = new OpenAI();\nawait c.chat.completions.create({ model: 'gpt-4o' });\n"
SNIPPETS: dict[str, tuple[str, ...]] = {
    # name: (head with a model reference, the unit repeated on the huge line[, what closes the line])
    "app.py": (PY_CALL, "m = 'gpt-4o'; "),
    "app.ts": (JS_CALL, "const m = { model: 'gpt-4o' }; "),
    "app.js": (JS_CALL, "var m = { model: 'gpt-4o' }; "),
    "app.go": ('package main\nimport "github.com/openai/openai-go"\n'
               'func f() { client.Chat.Completions.New(ctx, openai.ChatCompletionNewParams{Model: "gpt-4o"}) }\n',
               'var _ = map[string]string{"model": "gpt-4o"}; '),
    "App.java": ('class App { void f() { var p = ChatCompletionCreateParams.builder().model("gpt-4o").build(); } }\n',
                 'String m = "gpt-4o"; '),
    "App.kt": ('fun f() { val p = ChatCompletionCreateParams.builder().model("gpt-4o").build() }\n',
               'val m = "gpt-4o"; '),
    "App.cs": ('class App { void F() { var c = new ChatClient(model: "gpt-4o", apiKey: k); } }\n',
               'var m = "gpt-4o"; '),
    "app.php": ("<?php\n$r = $client->chat()->create(['model' => 'gpt-4o']);\n", "$m = 'gpt-4o'; "),
    "app.rb": ('client.chat(parameters: { model: "gpt-4o" })\n', 'm = "gpt-4o"; '),
    "main.rs": ('fn f() { let r = CreateChatCompletionRequestArgs::default().model("gpt-4o").build(); }\n',
                'let m = "gpt-4o"; '),
    "main.tf": ('resource "aws_bedrockagent_agent" "a" {\n  foundation_model = "anthropic.claude-3-sonnet-20240229-v1:0"\n}\n',
                'locals { model = "gpt-4o" } '),
    "config.yaml": ("model: gpt-4o\nx: [", "{model: gpt-4o}, ", "x]"),
    "config.json": ('{"model": "gpt-4o", "x": [', '"gpt-4o", ', '"x"]}'),
    "pyproject.toml": ('[tool.app]\nmodel = "gpt-4o"\nx = [', '"gpt-4o", ', '"x"]'),
    "settings.ini": ("[llm]\nmodel = gpt-4o\nx = ", "gpt-4o "),
    ".env": ("MODEL=gpt-4o\nX=", "gpt-4o "),
    "serve.sh": ("vllm serve meta-llama/Llama-3.1-8B-Instruct\necho ", "gpt-4o "),
    "Dockerfile": ("FROM vllm/vllm-openai\nCMD [\"--model\", \"meta-llama/Llama-3.1-8B-Instruct\"]\nENV X=", "gpt-4o "),
    "Modelfile": ("FROM llama3.1:8b\nSYSTEM ", "gpt-4o "),
    "App.vue": ("<script>\nconst model = 'gpt-4o'\n</script>\n<template>", "<div>gpt-4o</div>"),
}


# ---------------------------------------------------------------- builders and helpers

def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8", newline="")
    else:
        path.write_bytes(data)
    return path


def write_chunks(path: Path, head: bytes, unit: bytes, count: int, tail: bytes) -> Path:
    """head + unit*count + tail, written a megabyte-ish at a time (never the whole thing in memory)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    per = max(1, MB // max(1, len(unit)))
    with open(path, "wb") as fh:
        fh.write(head)
        left = count
        block = unit * per
        while left >= per:
            fh.write(block)
            left -= per
        fh.write(unit * left)
        fh.write(tail)
    return path


def one_line(head: str, unit: str, size: int = ONE_LINE, tail: str = "") -> str:
    n = max(1, (size - len(head) - len(tail)) // len(unit))
    return head + unit * n + tail + "\n"


FileMap = Mapping[str, str | bytes]
Spec = FileMap | Callable[[], FileMap]


def files(spec: Spec) -> Callable[[Ctx], object]:
    """A builder writing these files; a callable spec is only evaluated when the probe runs (big inputs
    are never held by the registry)."""
    def build(ctx: Ctx) -> None:
        for rel, data in (spec() if callable(spec) else spec).items():
            write(ctx.work / rel, data)
    return build


def chain(*builders: Callable[[Ctx], object]) -> Callable[[Ctx], object]:
    def build(ctx: Ctx) -> None:
        for b in builders:
            b(ctx)
    return build


def fifo(rel: str) -> Callable[[Ctx], object]:
    def build(ctx: Ctx) -> None:
        p = ctx.work / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(p)
        ctx.special.append(p)
    return build


def fifo_reader(rel: str) -> Callable[[Ctx], object]:
    """A FIFO with a reader (a thread here) draining it: writing through it must work, replacing it must
    not happen. Without a reader any writer blocks, as ``echo > fifo`` does; that is not probed."""
    def build(ctx: Ctx) -> None:
        p = ctx.work / rel
        os.mkfifo(p)
        ctx.special.append(p)
        got: list[bytes] = []
        ctx.state["fifo_data"] = got

        def drain() -> None:
            with contextlib.suppress(OSError), open(p, "rb") as fh:
                got.append(fh.read())

        t = threading.Thread(target=drain, daemon=True)
        t.start()

        def release() -> None:  # the command never opened it: unblock the reader
            with contextlib.suppress(OSError):
                os.close(os.open(p, os.O_WRONLY | os.O_NONBLOCK))
            t.join(5)
        ctx.cleanup.append(release)
    return build


def fifo_got_output(fmt: str | None) -> Callable[[Result], str | None]:
    def check(res: Result) -> str | None:
        if res.rc not in (0, 1):
            return None
        time.sleep(0.2)
        data = b"".join(res.ctx.state.get("fifo_data", []))
        if not data and fmt is not None:
            return "the command succeeded but nothing arrived through the FIFO"
        if fmt == "json":
            try:
                json.loads(data)
            except ValueError as exc:
                return f"FIFO output does not parse as JSON: {exc}"
        return None
    return check


def symlink(rel: str, target: str, special: bool = True) -> Callable[[Ctx], object]:
    def build(ctx: Ctx) -> None:
        p = ctx.work / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, p)
        if special:
            ctx.special.append(p)
    return build


def gguf_bytes(path: Path, meta: dict[str, str] | None = None, name: str = "tiny") -> None:
    import gguf  # test dependency
    import numpy as np

    w = gguf.GGUFWriter(str(path), "llama")
    w.add_name(name)
    w.add_context_length(4096)
    w.add_embedding_length(8)
    w.add_block_count(1)
    for k, v in (meta or {}).items():
        w.add_string(k, v)
    w.add_tensor("token_embd.weight", np.zeros((4, 8), dtype=np.float32))
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()


def gguf_file(rel: str, name: str = "tiny", meta: dict[str, str] | None = None) -> Callable[[Ctx], object]:
    def build(ctx: Ctx) -> None:
        p = ctx.work / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        gguf_bytes(p, meta, name)
    return build


def safetensors_bytes(header: dict[str, Any] | None = None) -> bytes:
    hdr = header or {"__metadata__": {"format": "pt"},
                     "model.embed_tokens.weight": {"dtype": "F16", "shape": [4, 8], "data_offsets": [0, 64]}}
    raw = json.dumps(hdr).encode()
    raw += b" " * (-len(raw) % 8)
    return struct.pack("<Q", len(raw)) + raw + b"\0" * 64


def onnx_bytes() -> bytes:
    """A tiny ModelProto: ir_version 8, producer "redteam", an empty graph named g."""
    def field(num: int, payload: bytes) -> bytes:
        return bytes([(num << 3) | 2, len(payload)]) + payload
    return bytes([0x08, 0x08]) + field(2, b"redteam") + field(7, field(2, b"g"))


LLAMA_CONFIG = json.dumps({"architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_size": 4096,
                           "num_hidden_layers": 32, "vocab_size": 128256})


def git(work: Path, *args: str) -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="r", GIT_AUTHOR_EMAIL="r@x", GIT_COMMITTER_NAME="r",
               GIT_COMMITTER_EMAIL="r@x", GIT_CONFIG_GLOBAL="/dev/null", GIT_CONFIG_NOSYSTEM="1")
    subprocess.run(["git", *args], cwd=work, env=env, check=True, capture_output=True)


def git_repo(ctx: Ctx, commits: Iterable[Callable[[Path], object]]) -> None:
    git(ctx.work, "init", "-q", "-b", "main")
    for i, step in enumerate(commits):
        step(ctx.work)
        git(ctx.work, "add", "-A")
        git(ctx.work, "commit", "-q", "--allow-empty", "-m", f"c{i}")


def policy_yaml(extra: str = "", flows: str = "", waivers: str = "", rules: str = "") -> str:
    return ("version: 1\npreset: [no-cn-serving]\n"
            + (f"flows:\n{flows}" if flows else "")
            + (f"rules:\n{rules}" if rules else "")
            + (f"waivers:\n{waivers}" if waivers else "")
            + extra)


def mknod_ok(path: Path, major: int = 1, minor: int = 3) -> bool:
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(major, minor))
        return True
    except (OSError, AttributeError):
        return False


# ---------------------------------------------------------------- extra checks

def no_text(*needles: str, where: str = "stdout") -> Callable[[Result], str | None]:
    def check(res: Result) -> str | None:
        data = (res.stdout if where == "stdout" else res.stderr).decode("utf-8", "replace")
        for n in needles:
            if n in data:
                i = data.index(n)
                return f"{where} contains {n!r}: ...{data[max(0, i - 60):i + 60]!r}..."
        return None
    check.__name__ = f"no_text{needles!r}"
    return check


def strip_code_spans(md: str) -> str:
    """Markdown with its code spans removed (CommonMark: a run of N backticks closes at the next run of
    exactly N; inside, HTML is shown as text). Unclosed runs stay literal."""
    import re

    out, i = [], 0
    while i < len(md):
        m = re.compile(r"`+").search(md, i)
        if not m:
            out.append(md[i:])
            break
        out.append(md[i:m.start()])
        close = re.compile(r"(?<!`)" + "`" * len(m.group()) + r"(?!`)").search(md, m.end())
        if close is None:
            out.append(m.group())
            i = m.end()
        else:
            i = close.end()
    return "".join(out)


def no_html_in_md(*needles: str, rel: str | None = None) -> Callable[[Result], str | None]:
    """Markdown output: no raw HTML (outside code spans, where it is shown as text)."""
    def check(res: Result) -> str | None:
        if rel is None:
            data = res.stdout.decode("utf-8", "replace")
        else:
            p = res.ctx.work / rel
            if not p.is_file():
                return None
            data = p.read_text("utf-8", "replace")
        text = strip_code_spans(data)
        for n in needles:
            if n in text:
                i = text.index(n)
                return f"raw {n!r} outside code spans in the Markdown: ...{text[max(0, i - 60):i + 60]!r}..."
        return None
    check.__name__ = f"no_html_in_md{needles!r}"
    return check


def no_text_in_file(rel: str, *needles: str) -> Callable[[Result], str | None]:
    def check(res: Result) -> str | None:
        p = res.ctx.work / rel
        if not p.is_file():
            return None
        data = p.read_text("utf-8", "replace")
        for n in needles:
            if n in data:
                i = data.index(n)
                return f"{rel} contains raw {n!r}: ...{data[max(0, i - 60):i + 60]!r}..."
        return None
    return check


def stderr_mentions(*words: str) -> Callable[[Result], str | None]:
    def check(res: Result) -> str | None:
        err = res.stderr.decode("utf-8", "replace").lower()
        if res.rc == 2 and not any(w.lower() in err for w in words):
            return f"error message does not mention any of {words}: {err.strip()[-200:]!r}"
        return None
    return check


def not_exists(rel: str) -> Callable[[Result], str | None]:
    def check(res: Result) -> str | None:
        for base in (res.ctx.work, res.ctx.root):
            if (base / rel).exists():
                return f"{rel} was created"
        return None
    return check


def mode_is(rel: str, mode: int) -> Callable[[Result], str | None]:
    def check(res: Result) -> str | None:
        st = os.lstat(res.ctx.work / rel)
        if res.rc == 0 and stat.S_IMODE(st.st_mode) != mode:
            return f"{rel} mode {oct(stat.S_IMODE(st.st_mode))}, was {oct(mode)} before the write"
        return None
    return check


def stdout_below(limit: int) -> Callable[[Result], str | None]:
    def check(res: Result) -> str | None:
        if len(res.stdout) > limit:
            return f"stdout is {len(res.stdout)} bytes (> {limit}): unbounded"
        return None
    return check


def dev_null_is_char(res: Result) -> str | None:
    st = os.stat("/dev/null")
    if not stat.S_ISCHR(st.st_mode):
        # repair the machine before failing (root only), so the rest of the session still works
        with contextlib.suppress(OSError):
            os.unlink("/dev/null")
            os.mknod("/dev/null", 0o666 | stat.S_IFCHR, os.makedev(1, 3))
            os.chmod("/dev/null", 0o666)
        return "/dev/null is no longer a character device (it was replaced; restored)"
    return None


def kb_cache_repaired(res: Result) -> str | None:
    for p in res.ctx.cache.glob("kb-*.json"):
        try:
            doc = json.loads(p.read_bytes())
        except ValueError:
            return f"{p.name} still does not parse after the run"
        if not isinstance(doc, dict):
            return f"{p.name} still holds {type(doc).__name__} after the run (not repaired)"
    return None


def trace_resolved(res: Result) -> str | None:
    if res.rc != 0:
        return None
    doc = res.json()
    docs = doc if isinstance(doc, list) else [doc]
    if not any(isinstance(d, dict) and (d.get("publisher") or {}).get("id") == "openai" for d in docs):
        return "gpt-4o did not resolve to OpenAI with a repaired cache"
    return None


def stale_tmp_swept(res: Result) -> str | None:
    left = [p.name for p in res.ctx.state.get("stale", []) if p.exists()]
    gone = [p.name for p in res.ctx.state.get("fresh", []) if not p.exists()]
    if gone:
        return f"a fresh temp file (a run in progress) was deleted: {gone}"
    return f"stale temp files left in the cache: {left}" if left else None


INSPECT_CACHE_MAX_BYTES = 64 * MB  # the bound modelmap.artifacts.cache documents (MAX_TOTAL_BYTES)


def inspect_cache_bounded(res: Result) -> str | None:
    d = res.ctx.cache / "inspect"
    entries = list(d.iterdir()) if d.is_dir() else []
    total = sum(p.stat().st_size for p in entries if p.is_file())
    if total > INSPECT_CACHE_MAX_BYTES:
        return (f"inspect cache holds {len(entries)} files / {total // MB} MiB after a run "
                f"(bound {INSPECT_CACHE_MAX_BYTES // MB} MiB)")
    return None


def hub_not_cached(res: Result) -> str | None:
    hub = res.ctx.cache / "hub"
    cached = sorted(p.name for p in hub.glob("*.json")) if hub.is_dir() else []
    return f"hostile Hub answer was cached: {cached}" if cached else None


def server_not_hit(res: Result) -> str | None:
    hits = res.ctx.state.get("hits", [])
    return f"offline by default broken: {len(hits)} request(s) to the Hub endpoint: {hits[:3]}" if hits else None


def inspect_listed_skip(name: str) -> Callable[[Result], str | None]:
    def check(res: Result) -> str | None:
        if res.rc != 0:
            return None
        doc = res.json()
        docs = doc if isinstance(doc, list) else [doc]
        for d in docs:
            for s in (d.get("skipped") or []) if isinstance(d, dict) else []:
                if isinstance(s, dict) and name in str(s.get("path")):
                    return None
        return f"{name} not listed in inspect's skipped"
    return check


def scan_finds(raw: str) -> Callable[[Result], str | None]:
    def check(res: Result) -> str | None:
        if res.rc != 0:
            return None
        doc = res.json()
        if not any(f.get("raw") == raw for f in doc.get("findings", [])):
            return f"the {raw!r} reference beside the hostile input was lost"
        return None
    return check


# ---------------------------------------------------------------- loopback "Hugging Face Hub"

def hub_server(answer: Callable[[str], bytes] | None, *, delay: float = 0.0) -> Callable[[Ctx], object]:
    """A loopback HTTP server as HF_ENDPOINT (huggingface_hub reads /api/models/<id>); counts hits."""
    def build(ctx: Ctx) -> None:
        hits: list[str] = []
        ctx.state["hits"] = hits

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if "/api/models/" in self.path:
                    hits.append(self.path)
                if delay:
                    time.sleep(delay)
                body: Any = answer(self.path) if answer and "/api/models/" in self.path else b"{}"
                chunks: Iterable[bytes] = [body] if isinstance(body, bytes) else body[1]()
                length = len(body) if isinstance(body, bytes) else body[0]
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(length))
                    self.end_headers()
                    for chunk in chunks:
                        self.wfile.write(chunk)
                except OSError:
                    pass

            do_HEAD = do_GET

            def log_message(self, *a: Any) -> None:
                pass

        srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        srv.daemon_threads = True
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        ctx.cleanup.append(srv.shutdown)
        ctx.cleanup.append(srv.server_close)
        ctx.env["HF_ENDPOINT"] = f"http://127.0.0.1:{srv.server_port}"
        ctx.env["HF_HUB_DISABLE_TELEMETRY"] = "1"
        ctx.env["HF_HUB_OFFLINE"] = None  # removed from the child's env
        ctx.env["HF_HOME"] = str(ctx.root / "hf-home")
        ctx.env["NO_PROXY"] = "127.0.0.1,localhost"
        ctx.env["no_proxy"] = "127.0.0.1,localhost"
    return build


def card_answer(base_model: Any, license_: Any = "mit") -> Callable[[str], bytes]:
    """The Hub's model_info answer; a callable base_model is only evaluated when the probe runs."""
    def answer(path: str) -> bytes:
        bm = base_model() if callable(base_model) else base_model
        return json.dumps({"id": "acme/thing", "author": "acme", "sha": "0" * 40,
                           "cardData": {"base_model": bm, "license": license_}}).encode()
    return answer


# ---------------------------------------------------------------- probe list

PROBES: list[Probe] = []


def probe(id: str, cls: str, build: Callable[[Ctx], object], argv: Iterable[str], codes: frozenset[int] = OK,
          **kw: Any) -> Probe:
    p = Probe(id=id, cls=cls, build=build, argv=tuple(argv), codes=codes, **kw)
    if any(q.id == id for q in PROBES):
        raise ValueError(f"duplicate probe id {id}")
    PROBES.append(p)
    return p


SCAN_JSON = ("scan", ".", "-f", "json")


def scan_probe(id: str, cls: str, spec: FileMap | Callable[..., Any], accounted: Iterable[str] = (),
               **kw: Any) -> Probe:
    """scan -f json of a tree; spec: files (dict, or a zero-argument callable returning one) or a builder."""
    build: Callable[[Ctx], object]
    if not callable(spec) or (getattr(spec, "__code__", None) is not None and \
            spec.__code__.co_argcount == len(spec.__defaults__ or ())):
        build = files(spec)
    else:
        build = spec
    return probe(id, cls, build, SCAN_JSON, OK, fmt="json", accounted=tuple(accounted), **kw)


# (1) regex backtracking ---------------------------------------------------------------
scan_probe("regex-helm-braces", "regex-backtracking", lambda: {
    "chart/Chart.yaml": "apiVersion: v2\nname: d\nversion: 0.1.0\n",
    "chart/values.yaml": "model: meta-llama/Llama-3.1-8B-Instruct\n",
    "chart/templates/d.yaml": "model: {{ .Values.model }}\n" + "{{}}" * 40 + "x\n"})
for _name in (".env", "setup.cfg", "serve.sh"):
    scan_probe(f"regex-spaces-{_name.strip('.').replace('.', '-')}", "regex-backtracking",
               lambda n=_name: {n: "MODEL=x" + " " * 150_000 + "y\n"})
scan_probe("regex-py-comment", "regex-backtracking", lambda: {"a.py": PY_CALL + "# model " + "a" * 150_000 + "\n"},
           accounted=["a.py"])
scan_probe("regex-vue-script", "regex-backtracking", lambda: {"a.vue": "<!-- model -->" + "<script>" * 40_000 + "\n"})
scan_probe("regex-yaml-model-spaces", "regex-backtracking",
           lambda: {"config.yaml": "model: gpt-4o\nx: 'model" + " " * 150_000 + "y'\n"}, accounted=["config.yaml"])
scan_probe("regex-dockerfile-spaces", "regex-backtracking",
           lambda: {"Dockerfile": "FROM x\nCMD vllm serve " + " " * 150_000 + "--model y\n"})
scan_probe("regex-modelfile-spaces", "regex-backtracking", lambda: {"Modelfile": "FROM " + " " * 150_000 + "x:y z\n"})
scan_probe("regex-ts-comment", "regex-backtracking", lambda: {"a.ts": JS_CALL + "// model " + "a" * 150_000 + "\n"},
           accounted=["a.ts"])

# (2) quadratic position -----------------------------------------------------------------
scan_probe("quadratic-py-430k-list", "quadratic-position",
           lambda: {"a.py": "x=[" + ",".join(["'gpt-4o'"] * 430_000) + "]\n"}, accounted=["a.py"])
scan_probe("quadratic-py-oneline", "quadratic-position", lambda: {"a.py": one_line("", "m = 'gpt-4o'; ")},
           accounted=["a.py"])
scan_probe("quadratic-ts-oneline", "quadratic-position", lambda: {"a.ts": one_line("", "const m = {model: 'gpt-4o'}; ")},
           accounted=["a.ts"])
scan_probe("quadratic-py-40k-list-fast", "quadratic-position",
           lambda: {"a.py": "x=[" + ",".join(["'gpt-4o'"] * 40_000) + "]\n"}, accounted=["a.py"])

# (3) exponential value flow -------------------------------------------------------------


def _classes(n: int) -> str:
    out = ["import openai\n"]
    for i in range(n):
        out.append(f"class C{i}:\n"
                   f"    def __init__(self, key, model_name='m{i}', base_url=None, **kw):\n"
                   "        self.model_name = model_name\n"
                   "        model_name = self.model_name\n"
                   "        self.model = model_name\n")
    out.append("openai.OpenAI().chat.completions.create(model='gpt-4o')\n")
    return "".join(out)


scan_probe("valueflow-40-classes", "exponential-valueflow", lambda: {"a.py": _classes(40)}, accounted=["a.py"])
scan_probe("valueflow-400-classes", "exponential-valueflow", lambda: {"a.py": _classes(400)}, accounted=["a.py"])
scan_probe("valueflow-chain-5000", "exponential-valueflow", lambda: {
    "a.py": "import openai\nm0 = 'gpt-4o'\n" + "".join(f"m{i + 1} = m{i} if m{i} else m{i}\n" for i in range(5000))
    + "openai.OpenAI().chat.completions.create(model=m5000)\n"}, accounted=["a.py"])

# (4) FIFOs where a file is read -----------------------------------------------------------
for _name in (".gitignore", ".modelmapignore"):
    scan_probe(f"fifo-{_name.strip('.')}", "fifo", chain(files(lambda: {"a.py": PY_CALL}), fifo(_name)),
               accounted=["a.py"])
    scan_probe(f"fifo-sub-{_name.strip('.')}", "fifo", chain(files(lambda: {"sub/a.py": PY_CALL}), fifo(f"sub/{_name}")),
               accounted=["sub/a.py"])
scan_probe("fifo-source-file", "fifo", chain(files(lambda: {"a.py": PY_CALL}), fifo("b.py")), skips=["b.py"])
probe("fifo-modelmap-yaml", "fifo", chain(files(lambda: {"a.py": PY_CALL}), fifo("modelmap.yaml")), ("check", "."),
      USAGE)
probe("fifo-config-flag", "fifo", chain(files(lambda: {"a.py": PY_CALL}), fifo("p.yaml")), ("check", ".", "-c", "p.yaml"),
      USAGE)
probe("fifo-inspect-dir", "fifo", chain(files(lambda: {"config.json": LLAMA_CONFIG}), fifo("tokenizer.json")),
      ("inspect", ".", "-f", "json"), OK, fmt="json", checks=(inspect_listed_skip("tokenizer.json"),))
probe("fifo-inspect-file", "fifo", fifo("model.safetensors"), ("inspect", "model.safetensors"), USAGE)
probe("fifo-diff-old", "fifo", chain(fifo("old.json"), files(lambda: {"new.json": "{}"})), ("diff", "old.json", "new.json"),
      USAGE)
probe("dev-zero-config", "bounded-read", files(lambda: {"a.py": PY_CALL}), ("check", ".", "-c", "/dev/zero"), USAGE)
probe("dev-urandom-diff", "bounded-read", files(lambda: {"new.json": "{}"}), ("diff", "/dev/urandom", "new.json"), USAGE)
probe("dev-zero-inspect", "bounded-read", files(lambda: {}), ("inspect", "/dev/zero"), USAGE)
probe("dev-zero-scan", "bounded-read", files(lambda: {}), ("scan", "/dev/zero", "-f", "json"), OK_OR_USAGE)

# (5) ONNX ---------------------------------------------------------------------------------


def _onnx_graph_bomb(ctx: Ctx) -> None:
    write_chunks(ctx.work / "model.onnx", bytes([0x08, 0x08]), bytes.fromhex("5a020a00"), 30_000_000, b"")


probe("onnx-graph-bomb-inspect", "artifact-parse", _onnx_graph_bomb, ("inspect", "model.onnx", "-f", "json"),
      OK_OR_USAGE, fmt="json")
probe("onnx-graph-bomb-scan", "artifact-parse", _onnx_graph_bomb, SCAN_JSON, OK, fmt="json",
      accounted=("model.onnx",))
probe("onnx-graph-bomb-small", "artifact-parse",
      lambda ctx: write_chunks(ctx.work / "model.onnx", b"\x08\x08", bytes.fromhex("5a020a00"), 300_000, b""),
      ("inspect", "model.onnx", "-f", "json"), OK_OR_USAGE, fmt="json")

# (6) big headers and big structured files -----------------------------------------------


def _safetensors_250mb(ctx: Ctx) -> None:
    head = b'{"__metadata__":{"a":['
    n = 83_000_000
    tail = b'{}]}}'
    length = len(head) + 3 * n + len(tail)
    write_chunks(ctx.work / "model.safetensors", struct.pack("<Q", length) + head, b"{},", n, tail)
    write(ctx.work / "config.json", LLAMA_CONFIG)


probe("safetensors-header-250mb-inspect", "big-header", _safetensors_250mb,
      ("inspect", "model.safetensors", "-f", "json"), OK_OR_USAGE, fmt="json")
probe("safetensors-header-250mb-scan", "big-header", _safetensors_250mb, SCAN_JSON, OK, fmt="json",
      accounted=("model.safetensors",))
probe("safetensors-header-len-2e63", "big-header",
      files(lambda: {"model.safetensors": struct.pack("<Q", 2**63 + 5) + b"{}"}), ("inspect", "model.safetensors"),
      OK_OR_USAGE)
probe("safetensors-header-len-past-eof", "truncated-model",
      files(lambda: {"model.safetensors": struct.pack("<Q", 10_000) + b'{"a":'}), ("inspect", "model.safetensors"),
      OK_OR_USAGE)


def _tokenizer_120mb(ctx: Ctx) -> None:
    write_chunks(ctx.work / "tokenizer.json", b'{"model":{"type":"BPE","vocab":{},"merges":[', b"[],", 40_000_000,
                 b'[]]},"added_tokens":[]}')
    write(ctx.work / "config.json", LLAMA_CONFIG)


probe("tokenizer-json-120mb-inspect", "big-header", _tokenizer_120mb, ("inspect", ".", "-f", "json"), OK_OR_USAGE,
      fmt="json")


def _pickle_60mb(name: str) -> Callable[[Ctx], object]:
    def build(ctx: Ctx) -> None:
        write_chunks(ctx.work / name, b"\x80\x02", b"N0", 30_000_000, b"N.")
    return build


for _name in ("pytorch_model.bin", "model.pt"):
    probe(f"pickle-60mb-genops-{_name}", "big-header", _pickle_60mb(_name), ("inspect", _name, "-f", "json"),
          OK_OR_USAGE, fmt="json")
probe("pickle-60mb-genops-scan", "big-header", _pickle_60mb("pytorch_model.bin"), SCAN_JSON, OK, fmt="json")


def _sparse(rel: str, head: bytes, size: int) -> Callable[[Ctx], object]:
    def build(ctx: Ctx) -> None:
        p = write(ctx.work / rel, head)
        os.truncate(p, size)
    return build


_CFG_HEAD = b'{"architectures":["LlamaForCausalLM"],"model_type":"llama","x":"'
probe("sparse-3gb-config-inspect-dir", "big-header", _sparse("config.json", _CFG_HEAD, 3 * 1024**3),
      ("inspect", ".", "-f", "json"), OK_OR_USAGE, fmt="json")
probe("sparse-3gb-config-inspect-file", "big-header", _sparse("config.json", _CFG_HEAD, 3 * 1024**3),
      ("inspect", "config.json", "-f", "json"), OK_OR_USAGE, fmt="json")
scan_probe("sparse-3gb-config-scan", "big-header", _sparse("config.json", _CFG_HEAD, 3 * 1024**3),
           accounted=["config.json"])
probe("sparse-3gb-safetensors-inspect", "big-header",
      _sparse("model.safetensors", struct.pack("<Q", 3 * 1024**3 - 16) + b'{"a":', 3 * 1024**3),
      ("inspect", "model.safetensors", "-f", "json"), OK_OR_USAGE, fmt="json")
scan_probe("yaml-200k-documents", "big-header", lambda: {"config.yaml": "---\nmodel: gpt-4o\n" * 200_000},
           accounted=["config.yaml"])
scan_probe("yaml-20k-documents-fast", "big-header", lambda: {"config.yaml": "---\nmodel: gpt-4o\n" * 20_000},
           accounted=["config.yaml"])
scan_probe("yaml-anchor-bomb", "big-header", lambda: {
    "config.yaml": "model: gpt-4o\na: &a [x, x, x, x, x, x, x, x, x]\n"
    + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)},"
              f" *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(9))},
    accounted=["config.yaml"])

# (7) model cards and manifests ------------------------------------------------------------


def _card(front: str) -> Callable[[Ctx], object]:
    return files(lambda: {"README.md": f"---\n{front}\n---\n# card\n", "config.json": LLAMA_CONFIG,
                  "model.safetensors": safetensors_bytes()})


_argv: tuple[str, ...]
_cmd: Any
for _cmd in ("inspect", "scan"):
    _argv = ("inspect", ".", "-f", "json") if _cmd == "inspect" else SCAN_JSON
    _codes = OK_OR_USAGE if _cmd == "inspect" else OK
    probe(f"card-model-index-list-{_cmd}", "model-card", _card("model-index: [1]"), _argv, _codes, fmt="json")
    probe(f"card-deep-nesting-{_cmd}", "model-card", _card("base_model: " + "[" * 20_000 + "]" * 20_000), _argv,
          _codes, fmt="json")
    probe(f"card-bad-date-{_cmd}", "model-card",
          _card("license: mit\nbase_model: meta-llama/Llama-3.1-8B\nlast_modified: 2025-13-45"), _argv, _codes,
          fmt="json")
    probe(f"card-base-model-mapping-{_cmd}", "model-card", _card("base_model: {a: [1, {b: 2}]}\nlicense: [1, 2]"),
          _argv, _codes, fmt="json")
    probe(f"card-not-yaml-{_cmd}", "model-card", _card("base_model: [unclosed\n\t- : :"), _argv, _codes,
          fmt="json")


def _ollama_store(manifest: str | bytes) -> Callable[[Ctx], object]:
    def build(ctx: Ctx) -> None:
        write(ctx.work / "store/manifests/registry.ollama.ai/library/x/latest", manifest)
        (ctx.work / "store/blobs").mkdir(parents=True, exist_ok=True)
    return build


_DEEP_MANIFEST = '{"layers":' + "[" * 100_000 + "]" * 100_000 + "}"
probe("ollama-manifest-deep-inspect", "model-card", _ollama_store(_DEEP_MANIFEST), ("inspect", "store", "-f", "json"),
      OK_OR_USAGE, fmt="json")
probe("ollama-manifest-deep-scan", "model-card", _ollama_store(_DEEP_MANIFEST), SCAN_JSON, OK, fmt="json")
probe("ollama-manifest-wrong-types", "model-card",
      _ollama_store('{"layers": [{"mediaType": 5, "digest": ["x"], "size": "big"}, null, 7], "config": []}'),
      ("inspect", "store", "-f", "json"), OK_OR_USAGE, fmt="json")
probe("ollama-manifest-digest-traversal", "model-card",
      _ollama_store('{"layers": [{"mediaType": "application/vnd.ollama.image.model", '
                    '"digest": "sha256:../../../../../../etc/passwd", "size": 10}]}'),
      ("inspect", "store", "-f", "json"), OK_OR_USAGE, fmt="json", checks=(no_text("root:x:0"),))

# (8) Rich markup ------------------------------------------------------------------------
probe("markup-file-name-scan", "rich-markup", files(lambda: {"x[/bold].py": PY_CALL}), ("scan", "."), OK)
probe("markup-file-name-check", "rich-markup", files(lambda: {"x[/bold].py": PY_CALL, "modelmap.yaml": policy_yaml()}),
      ("check", "."), CHECK_ANY)
probe("markup-trace-arg", "rich-markup", files(lambda: {}), ("trace", "[/]x"), OK_OR_USAGE)
probe("markup-trace-arg-link", "rich-markup", files(lambda: {}), ("trace", "[link=file:///etc/passwd]x[/link]"),
      OK_OR_USAGE)
probe("markup-gguf-name-inspect", "rich-markup", gguf_file("m.gguf", "[/bold]x[red]"), ("inspect", "m.gguf"),
      OK)
probe("markup-gguf-name-inspect-dir", "rich-markup", gguf_file("m.gguf", "[/]y"), ("inspect", "."), OK)
probe("markup-gguf-name-scan", "rich-markup", gguf_file("m.gguf", "[/bold]x"), ("scan", "."), OK)
probe("markup-flow-name-check", "rich-markup", files(lambda: {
    "a.py": PY_CALL, "modelmap.yaml": policy_yaml(flows="  '[/bold]x':\n    paths: ['**']\n    tags: [prod]\n")}),
    ("check", "."), CHECK_ANY)
probe("markup-config-value-scan", "rich-markup", files(lambda: {".env": "MODEL=[/bold]gpt-4o[red]\n"}), ("scan", "."), OK)

# (9) terminal escapes --------------------------------------------------------------------
ESC_TITLE = "\x1b]2;pwned\x07"
ESC_CLEAR = "\x1b[2J"
probe("escape-env-value-scan", "terminal-escape", files(lambda: {".env": f"MODEL={ESC_TITLE}gpt-4o{ESC_CLEAR}\n"}),
      ("scan", "."), OK)
probe("escape-json-value-scan", "terminal-escape",
      files(lambda: {"config.json": '{"model": "\\u001b]2;pwned\\u0007gpt-4o\\u001b[2J\\u009b31m"}'}), ("scan", "."), OK)
probe("escape-file-name-scan", "terminal-escape", files(lambda: {f"{ESC_TITLE}{ESC_CLEAR}.py": PY_CALL}), ("scan", "."), OK)
probe("escape-c1-file-name-scan", "terminal-escape", files(lambda: {"a\u009b31m.py": PY_CALL}), ("scan", "."), OK)
probe("escape-file-name-check", "terminal-escape",
      files(lambda: {f"{ESC_CLEAR}.py": PY_CALL, "modelmap.yaml": policy_yaml()}), ("check", "."), CHECK_ANY)
probe("escape-gguf-name-inspect", "terminal-escape", gguf_file("m.gguf", f"{ESC_TITLE}x{ESC_CLEAR}"),
      ("inspect", "m.gguf"), OK)
probe("escape-gguf-meta-scan", "terminal-escape",
      gguf_file("m.gguf", f"{ESC_TITLE}x", {"general.license": ESC_CLEAR, "general.basename": "\u009b2J"}),
      ("scan", "."), OK)
probe("escape-trace-arg", "terminal-escape", files(lambda: {}), ("trace", f"{ESC_CLEAR}gpt-4o{ESC_TITLE}"), OK_OR_USAGE)
probe("escape-diff-md", "terminal-escape", files(lambda: {
    "old.json": json.dumps({"schema": "modelmap.scan/1", "root": ".", "findings": [], "skipped": [], "stats": {}}),
    "new.json": json.dumps({"schema": "modelmap.scan/1", "root": ".", "skipped": [], "stats": {}, "findings": [
        {"path": f"{ESC_CLEAR}a.py", "line": 1, "column": 1, "raw": f"gpt-4o{ESC_TITLE}", "kind": "api-model",
         "role": "generation", "context": "app", "source": "python-openai", "provider": None, "confidence": 0.9,
         "api": "openai", "resolution": None}]})}), ("diff", "old.json", "new.json"), OK_OR_USAGE)
probe("escape-policy-message-check", "terminal-escape", files(lambda: {
    "a.py": PY_CALL, "modelmap.yaml": policy_yaml(rules=(
        "  - id: esc-rule\n    message: \"\\e]2;pwned\\a ok \\e[2J\"\n    deny: \"'US' in origins\"\n"))}),
    ("check", "."), CHECK_ANY)

# (10) non-UTF-8 file names ----------------------------------------------------------------


def _bad_name(ctx: Ctx) -> None:
    p = os.path.join(os.fsencode(ctx.work), b"\xff.py")
    with open(p, "wb") as fh:
        fh.write(PY_CALL.encode())


for _fmt in ("json", "jsonl"):
    probe(f"non-utf8-name-scan-{_fmt}", "encoding", _bad_name, ("scan", ".", "-f", _fmt), OK, fmt=_fmt)
probe("non-utf8-name-scan-table", "encoding", _bad_name, ("scan", "."), OK)
probe("non-utf8-name-check-json", "encoding", chain(_bad_name, files(lambda: {"modelmap.yaml": policy_yaml()})),
      ("check", ".", "-f", "json"), CHECK_ANY, fmt="json")
probe("non-utf8-name-check-sarif", "encoding", chain(_bad_name, files(lambda: {"modelmap.yaml": policy_yaml()})),
      ("check", ".", "-f", "sarif"), CHECK_ANY, fmt="json")
probe("non-utf8-name-bom-json", "encoding", _bad_name, ("bom", ".", "-f", "json"), OK, fmt="json")
probe("non-utf8-name-bom-xml", "encoding", _bad_name, ("bom", ".", "-f", "xml"), OK, fmt="xml")
probe("non-utf8-name-report-md", "encoding", _bad_name, ("report", ".", "-f", "md"), OK)
probe("non-utf8-content-scan", "encoding", files(lambda: {"a.py": PY_CALL.encode() + b"# \xff\xfe\xfa model\n"}),
      SCAN_JSON, OK, fmt="json", accounted=("a.py",))

# (11) control characters in paths → XML --------------------------------------------------
_CTRL = {"a\x01b.py": PY_CALL, "c\x0bd.py": PY_CALL, "modelmap.yaml": policy_yaml()}
probe("ctrl-path-check-junit", "xml-output", files(_CTRL), ("check", ".", "-f", "junit"), CHECK_ANY, fmt="xml")
probe("ctrl-path-check-junit-file", "xml-output", files(_CTRL), ("check", ".", "-f", "junit", "-o", "out.xml"),
      CHECK_ANY, fmt="xml", output="out.xml")
probe("ctrl-path-bom-xml", "xml-output", files(_CTRL), ("bom", ".", "-f", "xml"), OK, fmt="xml")
probe("ctrl-path-check-sarif", "xml-output", files(_CTRL), ("check", ".", "-f", "sarif"), CHECK_ANY, fmt="json")
probe("ctrl-config-value-bom-xml", "xml-output",
      files(lambda: {"config.json": '{"model": "gpt-4o\\u0001\\u0000x"}'}), ("bom", ".", "-f", "xml"), OK, fmt="xml")
probe("ctrl-rule-message-junit", "xml-output", files(lambda: {
    "a.py": PY_CALL, "modelmap.yaml": policy_yaml(rules=(
        "  - id: ctl\n    message: \"bad \\x01 \\x0c \\uFFFE msg\"\n    deny: \"'US' in origins\"\n"))}),
    ("check", ".", "-f", "junit"), CHECK_ANY, fmt="xml")

# (12) markdown / HTML report injection ----------------------------------------------------
_SCRIPT = "<script>alert(1)</script>"
_INJ_POLICY = policy_yaml(
    flows=f"  'x`{_SCRIPT}`':\n    description: \"{_SCRIPT} `code`\"\n    paths: ['**']\n    tags: [production]\n",
    rules="  - id: usage-us\n    message: \"<script>alert(2)</script>\"\n    deny: \"'US' in origins\"\n",
    waivers=("  - rule: usage-us\n    match: {model: openai/gpt-4o}\n"
             f"    reason: \"`{_SCRIPT}` | pipe\\n# heading\"\n"
             f"    approved_by: \"<script>alert(3)</script>\"\n    approved_on: 2025-01-01\n    expires: 2999-01-01\n"))
_INJ = {"`<script>alert(1)`.py": PY_CALL, "<img src=x onerror=alert(1)>.py": PY_CALL, "modelmap.yaml": _INJ_POLICY}
probe("inject-report-md", "report-injection", files(_INJ), ("report", ".", "-f", "md", "--today", "2026-01-01"), OK,
      checks=(no_html_in_md("<script", "<img"),))
probe("inject-report-md-file", "report-injection", files(_INJ),
      ("report", ".", "-f", "md", "-o", "r.md", "--today", "2026-01-01"), OK,
      checks=(no_html_in_md("<script", "<img", rel="r.md"),))
probe("inject-report-html", "report-injection", files(_INJ), ("report", ".", "-f", "html", "--today", "2026-01-01"),
      OK, checks=(no_text("<script>alert", "<img src=x"),))
probe("inject-diff-md", "report-injection", files(lambda: {
    "old.json": json.dumps({"schema": "modelmap.scan/1", "root": ".", "findings": [], "skipped": [], "stats": {}}),
    "new.json": json.dumps({"schema": "modelmap.scan/1", "root": ".", "skipped": [], "stats": {}, "findings": [
        {"path": f"`{_SCRIPT}`.py", "line": 1, "column": 1, "raw": f"x`{_SCRIPT}`|y", "kind": "api-model",
         "role": "generation", "context": "app", "source": "python-openai", "provider": None, "confidence": 0.9,
         "api": "openai", "resolution": None}]})}), ("diff", "old.json", "new.json", "-f", "md"), OK_OR_USAGE,
    checks=(no_html_in_md("<script"),))

# (13) policy values ------------------------------------------------------------------------


def _policy(text: str) -> Callable[[Ctx], object]:
    return files(lambda: {"a.py": PY_CALL, "modelmap.yaml": text})


_WAIVER = ("  - rule: no-cn-serving\n    match: {model: openai/gpt-4o}\n    reason: r\n    approved_by: d\n"
           "    approved_on: {on}\n    expires: {exp}\n")
for _pid, _text in {
    "approved-on-month-13": policy_yaml(waivers=_WAIVER.replace("{on}", "2025-13-45").replace("{exp}", "2026-01-01")),
    "expires-9999-99-99": policy_yaml(waivers=_WAIVER.replace("{on}", "2025-01-01").replace("{exp}", "9999-99-99")),
    "expires-year-0": policy_yaml(waivers=_WAIVER.replace("{on}", "0000-01-01").replace("{exp}", "0000-02-01")),
    "expiry-notice-huge": policy_yaml("expiry_notice_days: 99999999999\n",
                                      waivers=_WAIVER.replace("{on}", "2025-01-01").replace("{exp}", "2026-01-01")),
    "expiry-notice-negative-huge": policy_yaml("expiry_notice_days: -99999999999999999999\n"),
    "expiry-notice-float-inf": policy_yaml("expiry_notice_days: .inf\n"),
    "version-huge": "version: 99999999999999999999999\n",
    "version-list": "version: [1]\n",
    "fail-on-mapping": policy_yaml("fail_on: {a: 1}\n"),
    "preset-mapping": "version: 1\npreset: {a: [1]}\n",
    "flows-list": "version: 1\nflows: [1, 2]\n",
    "rule-id-int": "version: 1\nrules:\n  - id: 5\n    message: m\n    deny: 'true'\n",
    "deep-nesting": "version: 1\nflows: " + "[" * 20_000 + "]" * 20_000 + "\n",
    "yaml-not-mapping": "- 1\n- 2\n",
    "yaml-binary": "\x00\x01\x02\xff",
    "yaml-duplicate-anchor-bomb": "version: 1\na: &a [x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a]\n"
                                  "c: &c [*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c]\n"
                                  "e: &e [*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e]\n"
                                  "g: [*f,*f,*f,*f,*f,*f,*f,*f]\n",
}.items():
    probe(f"policy-{_pid}", "policy-config", _policy(_text), ("check", "."), USAGE)
probe("policy-today-month-13", "policy-config", _policy(policy_yaml()), ("check", ".", "--today", "2025-13-45"),
      USAGE)
probe("policy-today-huge-year", "policy-config", _policy(policy_yaml()), ("check", ".", "--today", "99999-01-01"),
      USAGE)
probe("policy-report-bad-date", "policy-config",
      _policy(policy_yaml(waivers=_WAIVER.replace("{on}", "2025-13-45").replace("{exp}", "2026-01-01"))),
      ("report", ".", "-f", "md"), USAGE)
probe("policy-pyproject-bad-toml", "policy-config", files(lambda: {"a.py": PY_CALL, "pyproject.toml": "[tool.modelmap\nx=\n"}),
      ("check", "."), USAGE)
probe("policy-pyproject-deep-toml", "policy-config",
      files(lambda: {"a.py": PY_CALL, "pyproject.toml": "[tool.modelmap]\nversion = 1\nflows = " + "[" * 5000 + "]" * 5000}),
      ("check", "."), USAGE)

# (14) CEL cost and glob backtracking ---------------------------------------------------------
_L = "[" + ",".join(str(i) for i in range(1000)) + "]"
probe("cel-cubic-map", "cel-cost", _policy(policy_yaml(rules=(
    f"  - id: cubic\n    message: m\n    scope: inventory\n"
    f"    deny: \"size({_L}.map(a, {_L}.map(b, {_L}.map(c, a + b + c)))) > 0\"\n"))), ("check", "."), USAGE,
    timeout=60)
probe("cel-cubic-map-usage", "cel-cost", _policy(policy_yaml(rules=(
    f"  - id: cubic-u\n    message: m\n"
    f"    deny: \"size({_L}.map(a, {_L}.map(b, {_L}.map(c, model.query + string(a + b + c))))) > 0\"\n"))),
    ("check", "."), USAGE)
probe("cel-regex-backtracking", "cel-cost", _policy(policy_yaml(rules=(
    "  - id: redos\n    message: m\n    scope: inventory\n"
    "    deny: \"('" + "a" * 5000 + "!').matches('^(a+)+$')\"\n"))), ("check", "."), CHECK_ANY)
probe("cel-deep-parens", "cel-cost", _policy(policy_yaml(rules=(
    "  - id: deep\n    message: m\n    scope: inventory\n    deny: \"" + "(" * 5000 + "true" + ")" * 5000 + "\"\n"))),
    ("check", "."), USAGE)
_LONG = "a" * 60
_STAR_Z = "*" * 40 + "z"
probe("glob-waiver-40-stars", "cel-cost", files(lambda: {
    f"{_LONG}/{_LONG}/{_LONG}.py": PY_CALL,
    "modelmap.yaml": policy_yaml(rules="  - id: all\n    message: m\n    deny: \"usage.path != ''\"\n",
                                 waivers=("  - rule: all\n    match:\n      path: '" + _STAR_Z + "'\n"
                                          "    reason: r\n    approved_by: d\n    approved_on: 2025-01-01\n"
                                          "    expires: 2999-01-01\n"))}),
    ("check", ".", "--today", "2026-01-01"), frozenset({1, 2}))
probe("glob-flow-40-stars", "cel-cost", files(lambda: {
    f"{_LONG}/{_LONG}.py": PY_CALL,
    "modelmap.yaml": policy_yaml(flows=f"  f:\n    paths: ['{_STAR_Z}', '{'**/' * 40}z']\n    tags: [x]\n")}),
    ("check", "."), CHECK_ANY)
probe("glob-include-40-stars", "cel-cost", files(lambda: {f"{_LONG}/{_LONG}.py": PY_CALL}),
      ("scan", ".", "-f", "json", "--include", _STAR_Z, "--exclude", "**/" * 40 + "z"), OK, fmt="json")

# (15) -o targets --------------------------------------------------------------------------
_OUT_CMDS: dict[str, tuple[str, ...]] = {
    "scan": ("scan", ".", "-f", "json"),
    "check": ("check", "."),
    "bom": ("bom", "."),
    "report": ("report", "."),
}
for _c, _argv in _OUT_CMDS.items():
    probe(f"output-fifo-{_c}", "output-target", chain(files(lambda: {"a.py": PY_CALL}), fifo_reader("out.fifo")),
          (*_argv, "-o", "out.fifo"), CHECK_ANY if _c == "check" else OK_OR_USAGE, timeout=30,
          checks=(fifo_got_output("json" if _c == "scan" else None),))
    probe(f"output-symlink-{_c}", "output-target",
          chain(files(lambda: {"a.py": PY_CALL, "real.txt": "keep\n"}), symlink("out.txt", "real.txt")),
          (*_argv, "-o", "out.txt"), CHECK_ANY if _c == "check" else OK_OR_USAGE)
probe("output-dangling-symlink", "output-target",
      chain(files(lambda: {"a.py": PY_CALL}), symlink("out.json", "missing/target.json")),
      ("scan", ".", "-f", "json", "-o", "out.json"), OK_OR_USAGE)
probe("output-diff-fifo", "output-target", chain(files(lambda: {
    "old.json": json.dumps({"schema": "modelmap.scan/1", "root": ".", "findings": [], "skipped": [], "stats": {}})}),
    fifo_reader("out.fifo")), ("diff", "old.json", "old.json", "-o", "out.fifo"), OK_OR_USAGE, timeout=30,
    checks=(fifo_got_output(None),))


def _char_device(ctx: Ctx) -> None:
    write(ctx.work / "a.py", PY_CALL)
    if not mknod_ok(ctx.work / "null"):
        ctx.skip = "cannot mknod a private character device here (not root / no CAP_MKNOD)"
        return
    ctx.special.append(ctx.work / "null")


probe("output-private-char-device", "output-target", _char_device, ("scan", ".", "-f", "json", "-o", "null"),
      OK_OR_USAGE)


def _dev_null_guarded(ctx: Ctx) -> None:
    """/dev/null itself, only after a private char device survived the same command (else skip: a
    failing write path would replace the machine's /dev/null, which breaks every other process)."""
    write(ctx.work / "a.py", PY_CALL)
    canary = ctx.root / "canary-null"
    if not mknod_ok(canary):
        ctx.skip = "cannot mknod a canary character device; not risking the real /dev/null"
        return
    from tests.redteam.runner import child_env, execute

    execute(["scan", ".", "-f", "json", "-o", str(canary)], ctx.work, child_env(ctx), 60)
    try:
        survived = stat.S_ISCHR(os.lstat(canary).st_mode)
    except OSError:
        survived = False
    if not survived:
        ctx.skip = ("NOT RUN: -o replaced a private character device (see output-private-char-device); "
                    "running it on /dev/null would replace the machine's /dev/null")


probe("output-dev-null", "output-target", _dev_null_guarded, ("scan", ".", "-f", "json", "-o", "/dev/null"),
      OK_OR_USAGE, checks=(dev_null_is_char,))
def _out_json_with_mode(mode: int) -> Callable[[Ctx], None]:
    def build(ctx: Ctx) -> None:
        write(ctx.work / "out.json", "{}")
        os.chmod(ctx.work / "out.json", mode)
    return build


for _mode in (0o644, 0o640):
    probe(f"output-keeps-mode-{oct(_mode)[2:]}", "output-target",
          chain(files(lambda: {"a.py": PY_CALL}), _out_json_with_mode(_mode)),
          ("scan", ".", "-f", "json", "-o", "out.json"), OK, fmt="json", output="out.json",
          checks=(mode_is("out.json", _mode),))
probe("output-into-missing-dir-of-file", "output-target", files(lambda: {"a.py": PY_CALL, "f": "x"}),
      ("scan", ".", "-o", "f/out.json"), USAGE)

# (16) stdout to /dev/full ------------------------------------------------------------------
# check gets a policy with a violation, so that it has a table to write
_VIOLATION = policy_yaml(rules="  - id: any-us\n    message: m\n    deny: \"'US' in origins\"\n")
for _argv in (("check", "."), ("scan", ".", "-f", "json"), ("trace", "gpt-4o"), ("bom", "."), ("report", ".")):
    probe(f"stdout-dev-full-{_argv[0]}", "dev-full", files(lambda: {"a.py": PY_CALL, "modelmap.yaml": _VIOLATION}),
          _argv, USAGE, stdout_to="/dev/full",
          checks=(stderr_mentions("write", "space", "output", "stdout"),))

# (17) diff inputs ---------------------------------------------------------------------------


def _diff_symlink_repo(target: str) -> Callable[[Ctx], object]:
    def build(ctx: Ctx) -> None:
        def links(w: Path) -> None:
            os.symlink(target, w / "x")
            os.symlink(target, w / "x.py")
        git_repo(ctx, [lambda w: write(w / "a.py", PY_CALL), links])
    return build


probe("diff-symlink-etc-passwd", "diff-input", _diff_symlink_repo("/etc/passwd"),
      ("diff", "HEAD~1", "HEAD", "-f", "json"), OK_OR_USAGE, fmt="json", checks=(no_text("root:x:0"),))
probe("diff-symlink-root-dir", "diff-input", _diff_symlink_repo("/"), ("diff", "HEAD~1", "HEAD", "-f", "json"),
      OK_OR_USAGE, fmt="json", timeout=60)
probe("diff-symlink-dotdot", "diff-input", _diff_symlink_repo("../../../../../../../../"),
      ("diff", "HEAD~1", "HEAD", "-f", "json"), OK_OR_USAGE, fmt="json")
_SCAN_HEAD = '{"schema":"modelmap.scan/1","root":".","skipped":[],"stats":{},"findings":'
for _pid, _doc in {
    "malformed-json": "{not json",
    "findings-int": _SCAN_HEAD + "5}",
    "findings-wrong-entries": _SCAN_HEAD + '[5, null, {"path": 7, "raw": []}, {"resolution": "x"}]}',
    "deep-scan-json": _SCAN_HEAD + "[" * 100_000 + "]" * 100_000 + "}",
    "deep-bom-json": '{"bomFormat":"CycloneDX","specVersion":"1.6","components":' + "[" * 100_000 + "]" * 100_000 + "}",
    "bom-wrong-types": '{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"type":5,"name":[],'
                       '"properties":"x","evidence":{"occurrences":7}}, 3]}',
    "binary": "\x00\xff\xfe" * 100,
    "schema-unknown": '{"schema":"modelmap.scan/999","findings":[]}',
    "json-nan-huge-int": '{"schema":"modelmap.scan/1","findings":[{"line":' + "9" * 5000 + ',"raw":NaN}]}',
}.items():
    probe(f"diff-{_pid}", "diff-input", files({"old.json": _doc, "new.json": _SCAN_HEAD + "[]}"}),
          ("diff", "old.json", "new.json"), USAGE)
probe("diff-missing-rev", "diff-input", lambda ctx: git_repo(ctx, [lambda w: write(w / "a.py", PY_CALL)]),
      ("diff", "HEAD~5", "HEAD"), USAGE)

# (18) option injection -------------------------------------------------------------------
_REPO = lambda ctx: git_repo(ctx, [lambda w: write(w / "a.py", PY_CALL), lambda w: write(w / "b.py", PY_CALL)])  # noqa: E731
probe("inject-changed-since-output", "option-injection", _REPO,
      ("scan", ".", "--changed-since=--output=PWNED"), USAGE, checks=(not_exists("PWNED"),))
probe("inject-changed-since-output-abs", "option-injection", _REPO,
      ("scan", ".", "--changed-since=--output={marker}"), USAGE)
probe("inject-diff-rev-output", "option-injection", _REPO, ("diff", "--", "--output={marker}", "HEAD"), USAGE)
probe("inject-diff-rev-exec", "option-injection", _REPO,
      ("diff", "--", "--remote=ext::sh -c touch% {marker}", "HEAD"), USAGE)
probe("inject-changed-since-upload-pack", "option-injection", _REPO,
      ("scan", ".", "--changed-since=--upload-pack=touch {marker}"), USAGE)

# (19) --online against a loopback Hub -----------------------------------------------------
_TRACE_ONLINE = ("trace", "acme/thing", "--online", "-f", "json")
probe("online-200k-base-models", "online", hub_server(card_answer(lambda: [f"org/m{i}" for i in range(200_000)])),
      _TRACE_ONLINE, OK_OR_USAGE, fmt="json", checks=(hub_not_cached, stdout_below(2 * MB)))
probe("online-escape-base-model", "online", hub_server(card_answer(f"{ESC_TITLE}x/y{ESC_CLEAR}", "\u009b2J")),
      ("trace", "acme/thing", "--online"), OK_OR_USAGE, checks=(hub_not_cached,))
probe("online-escape-base-model-json", "online", hub_server(card_answer(f"{ESC_TITLE}x/y", [1, {"a": 2}])),
      _TRACE_ONLINE, OK_OR_USAGE, fmt="json", checks=(hub_not_cached,))
probe("online-wrong-types", "online", hub_server(lambda p: b'{"id": 5, "cardData": {"base_model": {"a": 1}}}'),
      _TRACE_ONLINE, OK_OR_USAGE, fmt="json")
probe("online-not-json", "online", hub_server(lambda p: b"\xff\x00<html>"), _TRACE_ONLINE, OK_OR_USAGE, fmt="json",
      checks=(hub_not_cached,))
def _huge_body(path: str) -> tuple[int, Callable[[], Iterable[bytes]]]:
    """A 300 MB JSON answer, streamed a megabyte at a time (never held in memory here)."""
    head, tail, n = b'{"id":"acme/thing","x":"', b'"}', 300
    return len(head) + n * MB + len(tail), lambda: [head, *(b"a" * MB for _ in range(n)), tail]


probe("online-huge-body", "online", hub_server(_huge_body),  # type: ignore[arg-type]
      _TRACE_ONLINE, OK_OR_USAGE, fmt="json", checks=(hub_not_cached,))
probe("online-slow-server", "online", hub_server(card_answer("x/y"), delay=40), _TRACE_ONLINE, OK_OR_USAGE, fmt="json",
      timeout=60)
probe("offline-by-default-trace", "offline", hub_server(card_answer("x/y")), ("trace", "acme/thing", "-f", "json"),
      OK, fmt="json", checks=(server_not_hit,))
probe("offline-by-default-scan", "offline",
      chain(hub_server(card_answer("x/y")), files(lambda: {"a.py": "from transformers import AutoModel\n"
                                                          "AutoModel.from_pretrained('acme/thing')\n"}),
            gguf_file("m.gguf")), SCAN_JSON, OK, fmt="json", checks=(server_not_hit,))
probe("offline-by-default-check", "offline",
      chain(hub_server(card_answer("x/y")), files(lambda: {"a.py": "from transformers import AutoModel\n"
                                                          "AutoModel.from_pretrained('acme/thing')\n",
                                                   "modelmap.yaml": policy_yaml()})),
      ("check", "."), CHECK_ANY, checks=(server_not_hit,))

# (20) caches -----------------------------------------------------------------------------


def _kb_cache(content: bytes | None) -> Callable[[Ctx], object]:
    def build(ctx: Ctx) -> None:
        from tests.redteam.runner import child_env, execute

        kb = list(ctx.cache.glob("kb-*.json"))  # the runner's warm copy (runner.warm_cache_files), or
        if not kb:
            execute(["trace", "gpt-4o"], ctx.work, child_env(ctx), 60)  # a first run builds kb-<content key>.json
            kb = list(ctx.cache.glob("kb-*.json"))
        if not kb:
            ctx.skip = "the knowledge index cache was not created by a first run"
            return
        for p in kb:
            if content is None:
                p.unlink()
                os.mkfifo(p)
                ctx.special.append(p)
            else:
                p.write_bytes(content)
    return build


for _pid, _content in {"null": b"null", "list": b"[]", "string": b'"x"', "truncated": b'{"models": {"a',
                       "wrong-shape": b'{"models": 5, "aliases": null}', "binary": b"\x00\xff" * 100}.items():
    probe(f"cache-kb-{_pid}", "cache", _kb_cache(_content), ("trace", "gpt-4o", "-f", "json"), OK, fmt="json",
          checks=(kb_cache_repaired, trace_resolved))
probe("cache-kb-fifo", "cache", _kb_cache(None), ("trace", "gpt-4o", "-f", "json"), OK, fmt="json",
      checks=(trace_resolved,), timeout=30)


def _stale_tmp(ctx: Ctx) -> None:
    """Temp files a killed run left (named as modelmap.fsutil names them), three days old, and one fresh
    temp of a run in progress; the run rebuilds its caches (warm copies removed), which is when a sweep runs."""
    write(ctx.work / "a.py", PY_CALL)
    gguf_file("m.gguf")(ctx)
    for p in list(ctx.cache.iterdir()):
        if p.is_file():
            p.unlink()
    mark = ".modelmap-"
    old = time.time() - 3 * 24 * 3600
    stale = []
    for rel in (f".kb-0000.json{mark}abc123.tmp", f"inspect/.0123.json{mark}abc123.tmp",
                f".prefilter-00.hsdb{mark}xyz.tmp"):
        p = write(ctx.cache / rel, b"x" * 4096)
        os.utime(p, (old, old))
        stale.append(p)
    ctx.state["stale"] = stale
    ctx.state["fresh"] = [write(ctx.cache / f".kb-1111.json{mark}inprogress.tmp", b"x")]


probe("cache-stale-tmp-swept", "cache", _stale_tmp, SCAN_JSON, OK, fmt="json", checks=(stale_tmp_swept,))


def _inspect_cache_full(ctx: Ctx) -> None:
    gguf_file("m.gguf")(ctx)
    d = ctx.cache / "inspect"
    d.mkdir(parents=True, exist_ok=True)
    blob = json.dumps({"pad": "x" * 4000}).encode()
    old = time.time() - 10 * 24 * 3600
    for i in range(20_000):
        p = d / f"{i:032x}.json"
        p.write_bytes(blob)
        os.utime(p, (old, old))


probe("cache-inspect-bounded", "cache", _inspect_cache_full, ("inspect", "m.gguf", "-f", "json"), OK, fmt="json",
      checks=(inspect_cache_bounded,))


def _inspect_cache_corrupt(ctx: Ctx) -> None:
    from tests.redteam.runner import child_env, execute

    gguf_file("m.gguf")(ctx)
    execute(["inspect", "m.gguf", "-f", "json"], ctx.work, child_env(ctx), 60)
    for p in (ctx.cache / "inspect").glob("*.json"):
        p.write_bytes(b'{"path": 5, "tensors": [[1]], "tokenizer": {"kind": null}}')


probe("cache-inspect-corrupt-entry", "cache", _inspect_cache_corrupt, ("inspect", "m.gguf", "-f", "json"), OK,
      fmt="json")
probe("cache-prefilter-corrupt", "cache",
      chain(files(lambda: {"a.py": PY_CALL}), lambda ctx: [write(ctx.cache / f"prefilter-{h}.hsdb", b"\xff" * 64)
                                                   for h in ("0", "1")]),
      SCAN_JSON, OK, fmt="json", checks=(scan_finds("gpt-4o"),))


def _cache_is_file(ctx: Ctx) -> None:
    import shutil

    write(ctx.work / "a.py", PY_CALL)
    shutil.rmtree(ctx.cache)
    write(ctx.cache, "not a dir")


probe("cache-dir-is-a-file", "cache", _cache_is_file, SCAN_JSON, OK, fmt="json", checks=(scan_finds("gpt-4o"),))

# (21) skips: malformed JSON Lines, special files in inspect --------------------------------
scan_probe("jsonl-malformed-lines", "skips", lambda: {"batch.jsonl": '{"body": {"model": "gpt-4o"}}\n{not json\n'
                                               + "[" * 50_000 + "\n" + '{"body": {"model": "gpt-4o-mini"}}\n'},
           skips=["batch.jsonl"])
scan_probe("jsonl-binary-line", "skips", lambda: {"batch.jsonl": b'{"body": {"model": "gpt-4o"}}\n\xff\xfe\n'},
           skips=["batch.jsonl"])
scan_probe("broken-json-config", "skips", lambda: {"config.json": '{"model": "gpt-4o",'}, skips=["config.json"])
scan_probe("broken-yaml-config", "skips", lambda: {"config.yaml": "model: gpt-4o\n  - : [\n"}, skips=["config.yaml"])
scan_probe("broken-notebook", "skips", lambda: {"nb.ipynb": '{"cells": [{"source": "model=\'gpt-4o\'"'},
           skips=["nb.ipynb"])
probe("inspect-dir-fifo-safetensors", "skips",
      chain(files(lambda: {"config.json": LLAMA_CONFIG, "model.safetensors": safetensors_bytes()}), fifo("extra.safetensors")),
      ("inspect", ".", "-f", "json"), OK, fmt="json", checks=(inspect_listed_skip("extra.safetensors"),))

# deep nesting -------------------------------------------------------------------------------
_DEEP = 100_000
for _name, _text in {
    "config.json": '{"model": "gpt-4o", "x": ' + "[" * _DEEP + "]" * _DEEP + "}",
    "config.yaml": "model: gpt-4o\nx: " + "[" * 20_000 + "]" * 20_000 + "\n",
    "config-block.yaml": "model: gpt-4o\n" + "".join("  " * i + "- \n" for i in range(3000)),
    "pyproject.toml": '[tool.x]\nmodel = "gpt-4o"\nx = ' + "[" * 20_000 + "]" * 20_000 + "\n",
    "pyproject-tables.toml": 'model = "gpt-4o"\nx = ' + "{a = " * 5000 + "1" + "}" * 5000 + "\n",
    "nb.ipynb": '{"cells": [{"cell_type": "code", "source": "' + PY_CALL.replace("\n", "\\n").replace("'", "\\'")
                + '", "outputs": ' + "[" * _DEEP + "]" * _DEEP + '}], "metadata": {}, "nbformat": 4}',
    "deep.py": PY_CALL + "x = " + "(" * 100_000 + ")" * 100_000 + "\n",
    "deep2.py": PY_CALL + "x = " + "-" * 200_000 + "1\n",
    "deep.ts": JS_CALL + "const x = " + "[" * 100_000 + "]" * 100_000 + ";\n",
    "deep.js": JS_CALL + "f(" * 50_000 + ")" * 50_000 + ";\n",
    "deep.vue": "<script>\nconst model = 'gpt-4o'\n" + "[" * 50_000 + "]" * 50_000 + "\n</script>\n",
    "docker-compose.yml": "services:\n  a:\n    image: ollama/ollama\n    command: " + "[" * 20_000 + "]" * 20_000 + "\n",
}.items():
    scan_probe(f"deep-{_name.replace('.', '-')}", "deep-nesting", lambda n=_name, t=_text: {n: t}, accounted=[_name])

# huge single lines in every source type ----------------------------------------------------
for _name, (_head, _unit, *_tail) in SNIPPETS.items():
    _close = "".join(_tail)
    scan_probe(f"huge-line-{_name.strip('.').replace('.', '-').lower()}", "huge-line",
               lambda n=_name, h=_head, u=_unit, t=_close: {n: one_line(h, u, ONE_LINE, t)},
               accounted=[_name])
scan_probe("huge-line-notebook", "huge-line", lambda: {"nb.ipynb": json.dumps({
    "cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
               "source": [PY_CALL, one_line("", "m = 'gpt-4o'; ", ONE_LINE - 1000)]}],
    "metadata": {}, "nbformat": 4, "nbformat_minor": 5})}, accounted=["nb.ipynb"])
# 200 KB lines in every type at once; the repeated unit names no model (10,000 findings a file is another
# matter: the per-file cap), so this measures the parsers on long lines. Two probes (the code parsers; the config,
# script and template readers), each a dozen files or fewer: the twenty files in one child took 10 s of CPU and up to
# 35 s of wall time at a load of 5 (the wall limit is 60 s); every file is still read at the same 200 KB
_CODE_SNIPPETS = [n for n in SNIPPETS if n.rsplit(".", 1)[-1] in ("py", "ts", "js", "go", "java", "kt", "cs", "php", "rb",
                                                                 "rs")]
for _suffix, _names in (("", _CODE_SNIPPETS), ("-configs", [n for n in SNIPPETS if n not in _CODE_SNIPPETS])):
    scan_probe(f"huge-line-200k-all-types{_suffix}", "huge-line",
               lambda ns=tuple(_names): {n: one_line(h, u.replace("gpt-4o", "zz-1"), 200_000, "".join(t))
                                         for n, (h, u, *t) in SNIPPETS.items() if n in ns},
               accounted=list(_names))

# notebooks with huge outputs ------------------------------------------------------------------


def _nb(cells: list[dict[str, Any]]) -> str:
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


_CODE = {"cell_type": "code", "metadata": {}, "execution_count": 1, "source": PY_CALL}
scan_probe("notebook-huge-text-output", "notebook", lambda: {"nb.ipynb": _nb([{**_CODE, "outputs": [
    {"output_type": "stream", "name": "stdout", "text": ["model gpt-4o " * 10 + "\n"] * 25_000}]}])},
    accounted=["nb.ipynb"])
scan_probe("notebook-huge-image-output", "notebook", lambda: {"nb.ipynb": _nb([{**_CODE, "outputs": [
    {"output_type": "display_data", "metadata": {}, "data": {"image/png": "iVBOR" + "A" * 3_500_000}}]}])},
    accounted=["nb.ipynb"])
scan_probe("notebook-40k-cells", "notebook", lambda: {"nb.ipynb": _nb(
    [_CODE] + [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": "m='gpt-4o'"}]
    * 40_000)}, accounted=["nb.ipynb"])
scan_probe("notebook-40k-cells-no-models", "notebook", lambda: {"nb.ipynb": _nb(
    [_CODE] + [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": "m = 1"}]
    * 40_000)}, accounted=["nb.ipynb"])
scan_probe("notebook-4k-cells-fast", "notebook", lambda: {"nb.ipynb": _nb(
    [_CODE] + [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": "m = 1"}]
    * 4_000)}, accounted=["nb.ipynb"])
scan_probe("notebook-source-wrong-types", "notebook", lambda: {"nb.ipynb": json.dumps({
    "cells": [{"cell_type": "code", "source": [1, None, {"a": "gpt-4o"}]}, 5, None, {"cell_type": ["x"]},
              _CODE], "metadata": [], "nbformat": "four"})}, accounted=["nb.ipynb"])
scan_probe("notebook-small-output-fast", "notebook", lambda: {"nb.ipynb": _nb([{**_CODE, "outputs": [
    {"output_type": "stream", "name": "stdout", "text": ["model gpt-4o\n"] * 2_000}]}])}, accounted=["nb.ipynb"])

# binary junk with text extensions -----------------------------------------------------------
_TEXT_EXTS = ["a.py", "a.ts", "a.js", "a.go", "A.java", "A.kt", "A.cs", "a.php", "a.rb", "a.rs", "a.tf", "a.yaml",
              "a.json", "a.toml", "a.ini", "a.cfg", ".env", "a.sh", "Dockerfile", "Modelfile", "a.vue", "nb.ipynb",
              "b.jsonl", "docker-compose.yml"]


def _junk(seed: int, nul: bool) -> dict[str, str | bytes]:
    rnd = random.Random(seed)
    out: dict[str, str | bytes] = {}
    for name in _TEXT_EXTS:
        lo = 0 if nul else 1
        body = bytes(rnd.randint(lo, 255) for _ in range(20_000))
        out[name] = body[:10_000] + b' model="gpt-4o" ' + body[10_000:]
    return out


scan_probe("binary-junk-no-nul", "binary-junk", _junk(1, nul=False), accounted=_TEXT_EXTS)
scan_probe("binary-junk-with-nul", "binary-junk", _junk(2, nul=True), accounted=_TEXT_EXTS)
scan_probe("nul-after-8k", "binary-junk", lambda: {
    "a.py": "x = 1\n" * 2000 + "\0\n" + PY_CALL, "a.ts": "let x = 1;\n" * 1000 + "\0\n" + JS_CALL,
    "a.yaml": "x: 1\n" * 3000 + "\0\nmodel: gpt-4o\n", "a.json": '{"x": "' + "a" * 9000 + '\\u0000", "model": "gpt-4o"}',
    "nb.ipynb": _nb([{**_CODE, "source": "x = 1\n" * 2000 + "\0\n" + PY_CALL, "outputs": []}])},
    accounted=["a.py", "a.ts", "a.yaml", "a.json", "nb.ipynb"])
scan_probe("utf16-bom-files", "binary-junk", lambda: {"a.py": "\ufeff".encode("utf-16-le") + PY_CALL.encode("utf-16-le"),
                                              "a.yaml": ("model: gpt-4o\n").encode("utf-16")},
           accounted=["a.py", "a.yaml"])
scan_probe("lone-surrogates", "binary-junk", lambda: {"a.py": PY_CALL.encode() + b"x = '\xed\xa0\x80'\n",
                                              "a.json": '{"model": "gpt-4o", "x": "\\ud800\\udfff\\ud800"}'},
           accounted=["a.py", "a.json"])

# symlinks --------------------------------------------------------------------------------------
scan_probe("symlink-loop-files", "symlink", chain(files(lambda: {"ok.py": PY_CALL}), symlink("a.py", "b.py"),
                                                  symlink("b.py", "a.py"), symlink("self.py", "self.py")),
           skips=["a.py", "b.py", "self.py"], accounted=["ok.py"])
scan_probe("symlink-loop-dirs", "symlink", chain(files(lambda: {"d/ok.py": PY_CALL}), symlink("d/up", ".."),
                                                 symlink("d/me", "."), symlink("loop1", "loop2"),
                                                 symlink("loop2", "loop1")), accounted=["d/ok.py"])
scan_probe("symlink-to-dev-zero", "symlink", chain(files(lambda: {"ok.py": PY_CALL}), symlink("z.py", "/dev/zero"),
                                                   symlink("r.py", "/dev/urandom")),
           skips=["z.py", "r.py"], accounted=["ok.py"])
scan_probe("symlink-chain-60", "symlink", chain(files(lambda: {"t.py": PY_CALL}), *[
    symlink(f"l{i}.py", f"l{i + 1}.py" if i < 59 else "t.py") for i in range(60)]), accounted=["t.py"])
probe("symlink-loop-inspect", "symlink", chain(symlink("m.gguf", "n.gguf"), symlink("n.gguf", "m.gguf")),
      ("inspect", "m.gguf"), USAGE)
probe("symlink-loop-scan-arg", "symlink", chain(symlink("a", "b"), symlink("b", "a")), ("scan", "a", "-f", "json"),
      OK_OR_USAGE)
probe("symlink-model-file-to-dev-zero", "symlink", symlink("model.safetensors", "/dev/zero"),
      ("inspect", "model.safetensors"), OK_OR_USAGE)

# unreadable files ----------------------------------------------------------------------------


def _unreadable(ctx: Ctx) -> None:
    if os.geteuid() == 0:
        # root reads chmod 000 files; without CAP_DAC_OVERRIDE / CAP_DAC_READ_SEARCH it cannot
        import shutil

        setpriv = shutil.which("setpriv")
        if not setpriv:
            ctx.skip = "running as root without setpriv: chmod 000 does not stop root, so the probe proves nothing"
            return
        ctx.wrap = [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--"]
    write(ctx.work / "ok.py", PY_CALL)
    os.chmod(write(ctx.work / "locked.py", PY_CALL), 0)
    write(ctx.work / "lockdir/x.py", PY_CALL)
    os.chmod(ctx.work / "lockdir", 0)
    os.chmod(write(ctx.work / "model.safetensors", safetensors_bytes()), 0)


scan_probe("unreadable-chmod-000", "unreadable", _unreadable, skips=["locked.py", "lockdir"], accounted=["ok.py"])
probe("unreadable-inspect", "unreadable", _unreadable, ("inspect", "model.safetensors"), USAGE)

# zero-byte and truncated model files ----------------------------------------------------------


def _truncated(ctx: Ctx) -> None:
    full = ctx.root / "full.gguf"
    gguf_bytes(full)
    data = full.read_bytes()
    for n in (0, 3, 4, 8, 16, 24, 40, len(data) // 2):
        write(ctx.work / f"t{n}.gguf", data[:n])
    st = safetensors_bytes()
    for n in (0, 4, 8, 9, 20, len(st) - 40):
        write(ctx.work / f"t{n}.safetensors", st[:n])
    ox = onnx_bytes()
    for n in (0, 1, 3, len(ox) - 2):
        write(ctx.work / f"t{n}.onnx", ox[:n])
    write(ctx.work / "empty.bin", b"")
    write(ctx.work / "pytorch_model.bin", b"\x80\x02}q\x00(X")
    write(ctx.work / "model.pt", b"PK\x03\x04" + b"\0" * 20)


probe("truncated-models-scan", "truncated-model", _truncated, SCAN_JSON, OK, fmt="json")
probe("truncated-models-inspect-dir", "truncated-model", _truncated, ("inspect", ".", "-f", "json"), OK_OR_USAGE,
      fmt="json")
for _f in ("t0.gguf", "t24.gguf", "t0.safetensors", "t9.safetensors", "t0.onnx", "t3.onnx", "pytorch_model.bin",
           "model.pt"):
    probe(f"truncated-inspect-{_f.replace('.', '-')}", "truncated-model", _truncated, ("inspect", _f), OK_OR_USAGE)
probe("gguf-huge-counts", "truncated-model",
      files(lambda: {"m.gguf": b"GGUF" + struct.pack("<IQQ", 3, 2**62, 2**62) + b"\0" * 64}), ("inspect", "m.gguf"),
      OK_OR_USAGE)
probe("gguf-huge-string-len", "truncated-model",
      files(lambda: {"m.gguf": b"GGUF" + struct.pack("<IQQ", 3, 0, 1) + struct.pack("<Q", 2**40) + b"general.name"}),
      ("inspect", "m.gguf"), OK_OR_USAGE)
probe("gguf-huge-array", "truncated-model",
      files(lambda: {"m.gguf": b"GGUF" + struct.pack("<IQQ", 3, 0, 1) + struct.pack("<Q", 4) + b"a.b1"
             + struct.pack("<IIQ", 9, 4, 2**40) + b"\0" * 64}), ("inspect", "m.gguf"), OK_OR_USAGE)
probe("gguf-nested-arrays", "truncated-model",
      files(lambda: {"m.gguf": b"GGUF" + struct.pack("<IQQ", 3, 0, 1) + struct.pack("<Q", 4) + b"a.b1"
             + struct.pack("<II", 9, 9) + b"".join(struct.pack("<QI", 1, 9) for _ in range(100_000))}),
      ("inspect", "m.gguf"), OK_OR_USAGE)

# YAML tags and pickles must never run --------------------------------------------------------
_TAG = "!!python/object/apply:os.system [\"touch {marker}\"]"


def _tagged(rel: str, template: str) -> Callable[[Ctx], object]:
    def build(ctx: Ctx) -> None:
        write(ctx.work / rel, template.replace("TAG", _TAG.replace("{marker}", str(ctx.marker))))
        write(ctx.work / "a.py", PY_CALL)
    return build


for _rel, _tmpl, _argv, _codes in (
    ("config.yaml", "model: TAG\n", SCAN_JSON, OK),
    ("docker-compose.yml", "services:\n  a:\n    image: TAG\n", SCAN_JSON, OK),
    ("chart/values.yaml", "model: TAG\n", SCAN_JSON, OK),
    ("litellm_config.yaml", "model_list:\n  - model_name: TAG\n", SCAN_JSON, OK),
    ("README.md", "---\nbase_model: TAG\n---\n", ("inspect", ".", "-f", "json"), OK_OR_USAGE),
    ("modelmap.yaml", "version: 1\nflows: TAG\n", ("check", "."), USAGE),
    ("policy-name.yaml", "version: 1\nflows: !!python/name:os.system\n", ("check", ".", "-c", "policy-name.yaml"),
     USAGE),
    ("pyproject.toml", '[tool.modelmap]\nversion = 1\nflows = "TAG"\n', ("check", "."), CHECK_ANY),
):
    probe(f"yaml-tag-{_rel.replace('/', '-').replace('.', '-')}", "no-exec", _tagged(_rel, _tmpl), _argv, _codes)


def _evil_pickle(name: str) -> Callable[[Ctx], object]:
    def build(ctx: Ctx) -> None:
        cmd = f"touch {ctx.marker}".encode()
        payload = (b"\x80\x02cposix\nsystem\nq\x00X" + struct.pack("<I", len(cmd)) + cmd + b"q\x01\x85q\x02Rq\x03.")
        write(ctx.work / name, payload)
    return build


for _name in ("pytorch_model.bin", "model.pt", "model.pkl", "model.pth"):
    probe(f"pickle-reduce-inspect-{_name.replace('.', '-')}", "no-exec", _evil_pickle(_name),
          ("inspect", _name, "-f", "json"), OK_OR_USAGE, fmt="json")
probe("pickle-reduce-scan", "no-exec", _evil_pickle("pytorch_model.bin"), SCAN_JSON, OK, fmt="json")


# more special files, paths and ignore patterns ---------------------------------------------
_BT_NAME = "a" * 120 + ".py"
_BT_GLOB = "*a" * 24 + "*b"  # a glob turned into a backtracking regex: .*a.*a…b against "aaaa…" (no b)
probe("fifo-scan-arg", "fifo", fifo("in.fifo"), ("scan", "in.fifo", "-f", "json"), OK_OR_USAGE, timeout=30)
probe("fifo-bom-config", "fifo", chain(files(lambda: {"a.py": PY_CALL}), fifo("p.yaml")), ("bom", ".", "-c", "p.yaml"),
      USAGE, timeout=30)
probe("fifo-report-config", "fifo", chain(files(lambda: {"a.py": PY_CALL}), fifo("p.yaml")),
      ("report", ".", "-c", "p.yaml"), USAGE, timeout=30)
probe("output-directory", "output-target", files(lambda: {"a.py": PY_CALL, "sub/x": "x"}),
      ("scan", ".", "-f", "json", "-o", "sub"), USAGE)
# (a JSON Lines body is parsed whole before the file's budget applies: its peak RSS is bounded too - 227-258 MB
# measured by redteam39 for 3.9 MB; that session's own 3.9 MB .jsonl probe was this one again, and was dropped)
scan_probe("jsonl-100k-lines", "quadratic-position",
           lambda: {"batch.jsonl": '{"custom_id": "r", "body": {"model": "gpt-4o"}}\n' * 80_000},
           accounted=["batch.jsonl"],
           checks=(lambda r: None if r.maxrss_mb < 500 else f"peak RSS {r.maxrss_mb:.0f} MB (target < 500 MB)",))


def _deep_dirs(ctx: Ctx) -> None:
    """A file below a path longer than PATH_MAX (made with dir fds, as no single path can name it)."""
    fd = os.open(ctx.work, os.O_RDONLY)
    try:
        for _ in range(120):
            name = "d" * 40
            os.mkdir(name, dir_fd=fd)
            nfd = os.open(name, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = nfd
        wfd = os.open("a.py", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
        os.write(wfd, PY_CALL.encode())
        os.close(wfd)
    finally:
        os.close(fd)


scan_probe("deep-directories-past-path-max", "deep-nesting", _deep_dirs, accounted=["d" * 40])


def _socket_and_links(ctx: Ctx) -> None:
    import socket

    write(ctx.work / "ok.py", PY_CALL)
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.bind(str(ctx.work / "s.py"))
    except OSError:
        pass
    finally:
        sock.close()
    if (ctx.work / "s.py").exists():
        ctx.special.append(ctx.work / "s.py")
    fifo("f.fifo")(ctx)
    symlink("to-fifo.py", "f.fifo")(ctx)
    symlink("to-fifo.json", "f.fifo")(ctx)


scan_probe("special-socket-and-fifo-links", "fifo", _socket_and_links, accounted=["ok.py"],
           skips=["to-fifo.py"], timeout=30)
for _ign in (".gitignore", ".modelmapignore"):
    scan_probe(f"ignore-backtracking-{_ign.strip('.')}", "regex-backtracking",
               lambda i=_ign: {i: _BT_GLOB + "\n" + "!" + _BT_GLOB + "\n", _BT_NAME: PY_CALL, "ok.py": PY_CALL},
               accounted=["ok.py"], timeout=60)
probe("exclude-backtracking", "regex-backtracking", files(lambda: {_BT_NAME: PY_CALL, "ok.py": PY_CALL}),
      ("scan", ".", "-f", "json", "--exclude", _BT_GLOB, "--include", "**/" + _BT_GLOB), OK, fmt="json")
probe("waiver-glob-backtracking", "cel-cost", files(lambda: {
    f"{_BT_NAME[:-3]}/{_BT_NAME}": PY_CALL,
    "modelmap.yaml": policy_yaml(rules="  - id: all\n    message: m\n    deny: \"usage.path != ''\"\n",
                                 waivers=("  - rule: all\n    match:\n      path: '" + _BT_GLOB + "'\n"
                                          "    reason: r\n    approved_by: d\n    approved_on: 2025-01-01\n"
                                          "    expires: 2999-01-01\n"))}),
    ("check", ".", "--today", "2026-01-01"), frozenset({1, 2}))
probe("flow-glob-backtracking", "cel-cost", files(lambda: {
    f"{_BT_NAME[:-3]}/{_BT_NAME}": PY_CALL,
    "modelmap.yaml": policy_yaml(flows=f"  f:\n    paths: ['{_BT_GLOB}', '**/{_BT_GLOB}']\n    tags: [x]\n")}),
    ("check", "."), CHECK_ANY)


# more model-file evidence -------------------------------------------------------------------


def _torch_zip_evil(ctx: Ctx) -> None:
    import zipfile

    cmd = f"touch {ctx.marker}".encode()
    payload = b"\x80\x02cposix\nsystem\nq\x00X" + struct.pack("<I", len(cmd)) + cmd + b"q\x01\x85q\x02Rq\x03."
    with zipfile.ZipFile(ctx.work / "model.pt", "w") as zf:
        zf.writestr("archive/data.pkl", payload)
        zf.writestr("archive/version", "3\n")


probe("pickle-reduce-in-torch-zip", "no-exec", _torch_zip_evil, ("inspect", "model.pt", "-f", "json"), OK_OR_USAGE,
      fmt="json")
probe("pickle-reduce-in-torch-zip-scan", "no-exec", _torch_zip_evil, SCAN_JSON, OK, fmt="json")
probe("escape-safetensors-metadata", "terminal-escape", files(lambda: {"model.safetensors": safetensors_bytes({
    "__metadata__": {"format": ESC_TITLE + "pt", "name": ESC_CLEAR + "[/bold]\u009b2J"},
    f"w{ESC_CLEAR}": {"dtype": "F16", "shape": [4, 8], "data_offsets": [0, 64]}})}), ("inspect", "model.safetensors"),
    OK_OR_USAGE)
probe("config-huge-numbers-inspect", "model-card", files(lambda: {"config.json": (
    '{"architectures": ["LlamaForCausalLM"], "model_type": "llama", "num_hidden_layers": 1' + "0" * 5000
    + ', "vocab_size": 1e999, "hidden_size": -1e999, "num_attention_heads": 0, "intermediate_size": NaN}'),
    "model.safetensors": safetensors_bytes()}),
    ("inspect", ".", "-f", "json"), OK_OR_USAGE, fmt="json")
probe("tokenizer-wrong-types-inspect", "model-card", files(lambda: {
    "tokenizer.json": '{"model": {"type": 5, "vocab": [1, null], "merges": {"a": 1}}, "added_tokens": "x"}',
    "tokenizer_config.json": '{"chat_template": [1], "bos_token": {"content": 5}}', "config.json": LLAMA_CONFIG}),
    ("inspect", ".", "-f", "json"), OK_OR_USAGE, fmt="json")
for _cmd in (("inspect", "."), ("report", "."), ("bom", ".")):
    probe(f"offline-by-default-{_cmd[0]}", "offline",
          chain(hub_server(card_answer("x/y")), files(lambda: {
              "a.py": "from transformers import AutoModel\nAutoModel.from_pretrained('acme/thing')\n",
              "README.md": "---\nbase_model: acme/thing\n---\n", "config.json": LLAMA_CONFIG})),
          _cmd, OK_OR_USAGE, checks=(server_not_hit,))


from tests.redteam import (  # noqa: E402
    probes_newer,  # noqa: F401  (registers the runtime/probe/eval/plan/server probes)
    probes_session8,  # noqa: F401  (session 8's new scan paths: brief redteam8)
    probes_session9,  # noqa: F401  (the parse and literal budget, bind mounts, pathological ids: brief redteam9)
    probes_session11,  # noqa: F401  (session 11's Helm/gotmpl, shell, Kotlin, ModelBooster, classic formats)
    probes_session12,  # noqa: F401  (session 11's TFLite / Paddle / .npz / OpenFst readers, session 12's paths)
    probes_session13,  # noqa: F401  (session 13's readers and scan rules, the pre-pass and many-pickle bounds)
    probes_session14,  # noqa: F401  (session 14's scan rules, readers and XML, line vocabularies at max_items)
    probes_session15,  # noqa: F401  (Bicep, Windows scripts, ggml/CT2, zips, TOML blocks, cut vocabularies, trace)
    probes_session17,  # noqa: F401  (gzip'd vocabularies, tokenizer_config alone, shell arg arrays, case labels)
    probes_session18,  # noqa: F401  (project runners, CJK text, served aliases, registry CRs, model lists, ONNX)
    probes_session19,  # noqa: F401  (URI transports, TOML in JS literals, stand-in names, Helm over the cap)
    probes_session20,  # noqa: F401  (git index bombs and .git entries, report -o specials, /v1/models, registries)
    probes_session21,  # noqa: F401  (Bedrock ids, cassette bodies, stand-ins, shell regexes/for lists, -o preflight)
    probes_session22,  # noqa: F401  (shell exact flag values, unparsed YAML, snapshots, litertlm, -o of more cmds)
    probes_session23,  # noqa: F401  (Ollama Model CRs, goldens, Go tags, match arms, Swift Hub, bom cap, PieceSpec)
    probes_session23b,  # noqa: F401  (fickling's limits on benign pickles, bom --max-models, .ps1, HOCON includes)
    probes_session24,  # noqa: F401  (server uploads spelling NUL / lone surrogates, ncnn .param digits, scan --jobs)
    probes_session24b,  # noqa: F401  (notebooks, .task zips, deep interpolation, Ruby heredocs, -o targets)
    probes_session25,  # noqa: F401  (CycloneDX uploads of many components, '\u00b2' digits, HOCON one-line blocks)
    probes_session26,  # noqa: F401  (diff flows: re2 set never used, server diff of two-flow usages, scan flows)
    probes_session27,  # noqa: F401  (Ruby heredocs: CRLF line ends, unclosed openers, silent 64-body bound)
    probes_session28,  # noqa: F401  (Test::Nginx CRLF / regex / YAML bodies, diff policy counts, .txt list lines)
    probes_session29,  # noqa: F401  (Azure deployments in large Bicep / Terraform, server uploads of many flows)
    probes_session30,  # noqa: F401  (C++ adjacent / raw literals, make variables, runtime trace-id pairing)
    probes_session31,  # noqa: F401  (Swift `#` runs, Compose fallback chains read line by line, Caffe data_param)
    probes_session32,  # noqa: F401  (APIM policy C#, hook `>> .env`, CI matrices / anchors, Blade, ONNX, torch zips)
    probes_session33,  # noqa: F401  (JSON-scalar literals, HTML pickers, .NET / ARM deployments, CI cases, YOLO zips)
    probes_session33_legacy,  # noqa: F401  (llama.cpp ggml / ggmf / ggjt vocabularies, Paddle op_callstack walks)
    probes_session34,  # noqa: F401  (Bedrock URLs / ARNs, OpenSearch registrations, aliases, SQL AI calls, ggjt, Paddle)
    probes_session35,  # noqa: F401  (Paddle inference.yml / renamed configs, Core ML, .sse, ::, fences, chains, /model)
    probes_session36,  # noqa: F401  (Paddle integers / types / escapes, policy ints, agent models: maps, tables, ONNX)
    probes_session37,  # noqa: F401  (SQL INSERT values, whisper sizes, YAML script lists, Go tag defaults, kb cache)
    probes_session38,  # noqa: F401  (Go 2 KB tags, SQL named args / pgrx, WildFly, -D, shell args, lists, catalogues, kb)
)

# The fast subset: cheap inputs, one or two per class, run by the default suite (< 30 s on 2 cores once the
# promises hold). Everything else is marked ``redteam``.
FAST = frozenset({
    "regex-helm-braces", "fifo-gitignore", "card-model-index-list-inspect", "markup-gguf-name-inspect",
    "escape-file-name-scan", "non-utf8-name-scan-json", "ctrl-path-check-junit", "inject-report-md",
    "policy-approved-on-month-13", "glob-waiver-40-stars", "output-fifo-scan", "stdout-dev-full-check",
    "diff-deep-scan-json", "inject-changed-since-output", "offline-by-default-trace", "cache-kb-null",
    "jsonl-malformed-lines", "pickle-reduce-inspect-pytorch_model-bin",
    "runtime-litellm-time-nan", "probe-private-refused-metadata", "eval-cases-deep-line",
    "s8-fp-ordinary-code", "s8-paths-to-fifos-and-links",
})
_unknown = FAST - {p.id for p in PROBES}
if _unknown:
    raise ValueError(f"FAST names unknown probes: {sorted(_unknown)}")
PROBES[:] = [dataclasses.replace(p, fast=p.id in FAST) for p in PROBES]


def by_id() -> dict[str, Probe]:
    return {p.id: p for p in PROBES}


def classes() -> dict[str, int]:
    out: dict[str, int] = {}
    for p in PROBES:
        out[p.cls] = out.get(p.cls, 0) + 1
    return out


def main() -> None:
    """List every probe (``python -m tests.redteam.probes``)."""
    for p in PROBES:
        print(f"{p.id:50} {p.cls:22} {'fast' if p.fast else '    '} {' '.join(p.argv)}")
    print(len(PROBES), "probes,", sum(p.fast for p in PROBES), "fast;", classes(), file=sys.stderr)
