"""Red-team probes of brief redteam14: the paths session 14 adds (scan rules by scanexplore14a/b/c, inspect readers and
fingerprints by inspect16, knowledge/resolver changes by provkb14), session 13's XML source (defusedxml SAX: entity
bombs, DTDs, deep nesting, many elements, huge attributes, encodings), and the line-based vocabularies at their item
limit (fixed here: read a piece at a time).

Imported by tests/redteam/probes.py after probes_session13, so every probe lands in the one registry (``PROBES``) and
runs through the same runner and promises (bounded time and memory, no traceback, no raw escape on the terminal, FIFOs
/ symlinks left as they were, every file a finding or a skip). Stdlib only at import time.
"""

from __future__ import annotations

import base64
import json
import os
import zipfile
from collections.abc import Callable

from tests.redteam.probes import OK_OR_USAGE, files, probe, scan_probe, write
from tests.redteam.probes_session8 import cpu_below
from tests.redteam.probes_session13 import rss_below
from tests.redteam.runner import Ctx, Result

ESC = "\x1b]0;pwn\x07\x1b[2J\x9b2J[bold red]x[/bold red]"


def _inspect(id: str, cls: str, build: object, target: str = ".", fmt: str = "json", **kw: object) -> None:
    argv = ("inspect", target, "-f", fmt) if fmt == "json" else ("inspect", target, "--no-color")
    probe(id, cls, build, argv, OK_OR_USAGE, fmt="json" if fmt == "json" else None, **kw)  # type: ignore[arg-type]


# (a) line-based vocabularies just under Limits.max_items (4,000,000 lines): each held the text decoded, a list of its
# lines and a bytes object per token, and the fingerprint a set of them all and an 80-byte buffer view per token in one
# bytes.join. Fixed in redteam14 (tokenizer._text_lines / _byte_lines, fingerprint.sorted_unique and a join per slice):
# WordPiece vocab.txt 682 -> 346 MB, tiktoken 650 -> 356 MB, 10.5-11.5 -> 3.6-3.9 s of CPU; the same hashes
def _lines(name: str, head: str, line: Callable[[int], str], n: int = 3_990_000) -> Callable[[Ctx], object]:
    def build(ctx: Ctx) -> None:
        with open(ctx.work / name, "w", encoding="utf-8") as fh:
            fh.write(head)
            for start in range(0, n, 100_000):
                fh.write("".join(line(i) for i in range(start, min(n, start + 100_000))))
    return build


_inspect("s14-wordpiece-3.99m-lines", "big-header", _lines("vocab.txt", "[PAD]\n[UNK]\n[CLS]\n", lambda i: f"w{i}\n"),
         "vocab.txt", checks=(rss_below(500), cpu_below(10.0)))
_inspect("s14-tiktoken-3.99m-lines", "big-header", _lines(
    "cl.tiktoken", "", lambda i: f"{base64.b64encode(f'w{i}'.encode()).decode()} {i}\n"), "cl.tiktoken",
    checks=(rss_below(500), cpu_below(10.0)))


# (b) XML config files (xml_files.py, session 13: defusedxml's SAX parser, MAX_XML_CHARS 1 MiB, MAX_DEPTH 200,
# MAX_ELEMENTS 50,000, MAX_VALUE_CHARS 100,000) -------------------------------------------------------------------
_POM_MODEL = "<properties><spring.ai.openai.chat.options.model>gpt-4o-mini</spring.ai.openai.chat.options.model>" \
             "</properties>"


def _listener(ctx: Ctx) -> None:
    """A loopback TCP port that counts connections (an external DTD or entity fetched over http would reach it)."""
    import socket
    import threading

    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(8)
    srv.settimeout(0.2)
    hits: list[int] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = srv.accept()
            except OSError:
                continue
            hits.append(1)
            conn.close()

    threading.Thread(target=serve, daemon=True).start()
    ctx.state["port"] = str(srv.getsockname()[1])
    ctx.state["hits"] = hits
    ctx.cleanup.append(stop.set)
    ctx.cleanup.append(srv.close)


def _not_fetched(res: Result) -> str | None:
    hits = res.ctx.state.get("hits", [])
    return f"an external DTD or entity was fetched: {len(hits)} connection(s) to the loopback port" if hits else None


def _xml_external(ctx: Ctx) -> None:
    _listener(ctx)
    port = ctx.state["port"]
    fifo_path = ctx.work / "dtd.fifo"
    os.mkfifo(fifo_path)
    ctx.special.append(fifo_path)
    write(ctx.work / "a/pom.xml", f'<?xml version="1.0"?><!DOCTYPE project SYSTEM "file://{fifo_path}"><project>'
                                  f"{_POM_MODEL}</project>\n")
    write(ctx.work / "b/pom.xml", f'<?xml version="1.0"?><!DOCTYPE project SYSTEM "http://127.0.0.1:{port}/p.dtd">'
                                  f"<project>{_POM_MODEL}</project>\n")
    write(ctx.work / "c/pom.xml", f'<!DOCTYPE p [<!ENTITY % e SYSTEM "http://127.0.0.1:{port}/e.dtd"> %e;]><project>'
                                  f"{_POM_MODEL}</project>\n")
    write(ctx.work / "d/pom.xml", f'<!DOCTYPE p [<!ENTITY e SYSTEM "file://{fifo_path}">]><project><model>&e;</model>'
                                  f"{_POM_MODEL}</project>\n")
    write(ctx.work / "e/pom.xml", f'<project xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="file://'
                                  f'{fifo_path}" parse="text"/><?xml-stylesheet href="http://127.0.0.1:{port}/s"?>'
                                  f"{_POM_MODEL}</project>\n")


scan_probe("s14-xml-external-dtd-and-entities", "offline", _xml_external,
           accounted=["a/pom.xml", "b/pom.xml", "c/pom.xml", "d/pom.xml", "e/pom.xml"], checks=(_not_fetched,),
           timeout=30)


def _xml_shapes() -> dict[str, str | bytes]:
    return {
        # 60,000 elements (past MAX_ELEMENTS) in ~1 MiB, the model first
        "a/pom.xml": f"<project>{_POM_MODEL}" + "<d><g>x</g></d>" * 60_000 + "</project>\n",
        # one attribute value of 1 MB, an attribute name of 200 KB
        "b/pom.xml": f'<project>{_POM_MODEL}<x v="' + "a" * 1_000_000 + '"/></project>\n',
        "c/pom.xml": f"<project>{_POM_MODEL}<x " + "n" * 200_000 + '="1"/></project>\n',
        # 200,000 comments, a 1 MB CDATA section, 100,000 processing instructions
        "d/pom.xml": f"<project>{_POM_MODEL}" + "<!--c-->" * 120_000 + "</project>\n",
        "e/pom.xml": f"<project>{_POM_MODEL}<x><![CDATA[" + "model: gpt-4o\n" * 70_000 + "]]></x></project>\n",
        "f/pom.xml": f"<project>{_POM_MODEL}" + "<?p x?>" * 120_000 + "</project>\n",
        # 150,000 namespace declarations on nested elements, 1,000 deep (past MAX_DEPTH)
        "g/pom.xml": f"<project>{_POM_MODEL}" + "".join(f'<e{i} xmlns:n{i}="u:{i}">' for i in range(1_000))
        + "".join(f"</e{i}>" for i in reversed(range(1_000))) + "</project>\n",
    }


scan_probe("s14-xml-many-and-huge-parts", "quadratic-position", _xml_shapes,
           accounted=[f"{c}/pom.xml" for c in "abcdefg"], checks=(cpu_below(10.0),))


def _xml_encodings() -> dict[str, str | bytes]:
    doc = f'<?xml version="1.0" encoding="ENC"?><project>{_POM_MODEL}</project>\n'
    return {
        "a/pom.xml": b"\xff\xfe" + doc.replace("ENC", "UTF-16").encode("utf-16-le"),
        "b/pom.xml": doc.replace("ENC", "UTF-32").encode("utf-32"),
        "c/pom.xml": doc.replace("ENC", "ISO-8859-1").encode("latin-1") + b"<!-- \xe9\xff -->",
        "d/pom.xml": doc.replace("ENC", "UTF-8").encode() + b"<x>\xc0\xaf\xed\xa0\x80</x>",
        "e/pom.xml": doc.replace("ENC", "x-unknown-" + "e" * 5_000),
        "f/pom.xml": doc.replace("ENC", "UTF-7") + "+ADw-model+AD4-gpt-4o+ADw-/model+AD4-",
        "g/pom.xml": doc.replace("ENC", "cp037"),  # EBCDIC declared, ASCII given
        "h/pom.xml": ("\ufeff" + doc.replace("ENC", "UTF-16")).encode("utf-8"),
        "i/Strings.resx": "<root>" + "".join(f'<data name="m{i}"><value>{ESC}{i}</value></data>'
                                             for i in range(3_000)) + "</root>\n",
    }


scan_probe("s14-xml-encodings", "encoding", _xml_encodings, accounted=["a/pom.xml", "c/pom.xml"],
           checks=(cpu_below(10.0),))


# (c) session 14's scan rules: JS/Python lists written as one string and split (320a785), catalogue peers (3671e43)
scan_probe("s14-js-split-map-chain-10k", "deep-nesting", lambda: {"a.js": "const availableModels = 'glm-4-plus\u3001glm-4-air'"
           ".split('\u3001')" + ".map(it => it.trim())" * 10_000 + ";\n"}, accounted=["a.js"], checks=(cpu_below(8.0),))
scan_probe("s14-js-split-lists-20k", "quadratic-position", lambda: {"a.js": "".join(
    f"const models{i} = '{_items(i, 63, chr(0x3001))}'.split('\u3001').map(m => m.trim());\n" for i in range(8_000))},
    accounted=["a.js"], checks=(cpu_below(10.0),))
scan_probe("s14-py-split-lists-20k", "quadratic-position", lambda: {"a.py": "".join(
    f"MODELS_{i} = '{_items(i, 63, chr(0xff0c))}'.split('\uff0c')\n" for i in range(8_000))},
    accounted=["a.py"], checks=(cpu_below(10.0),))


def _items(n: int, count: int, sep: str = ",") -> str:
    return sep.join(f"zq{n}-{k}x" for k in range(count))


def _catalogues() -> dict[str, str]:
    known = [{"id": m} for m in ("gpt-4o", "gpt-4o-mini", "claude-3-5-sonnet-20241022", "qwen-max")]
    doc = {f"g{k}": {"defaultModels": known + [{"id": f"zq{k}-{i}x", "contextLength": i, **{f"p{j}": j for j in range(8)}}
                                              for i in range(1_996)]} for k in range(8)}
    return {"providers.json": json.dumps(doc), "models.yaml": "availableModels:\n" + "".join(
        f"  - id: zq-{i}-chat\n    model: zq-{i}-chat\n" for i in range(1_996)) + "  - id: gpt-4o\n  - id: gpt-4o-mini\n"
        "  - id: qwen-max\n  - id: claude-3-5-sonnet-20241022\n"}


scan_probe("s14-config-catalogue-peers-2000-records", "quadratic-position", _catalogues,
           accounted=["providers.json", "models.yaml"], checks=(cpu_below(15.0), rss_below(500)))


# (d) provenance (provres14): a re-packaging whose name less its packaging words starts one known lab model's name,
# a name without the MMDD date its lab's repo carries: resolved for every finding after the scan
scan_probe("s14-resolve-20k-repackaged-prefixes", "quadratic-position", lambda: {f"c{k}.json": json.dumps({"llm": [
    {"model": f"u{k}x{i}/" + ("Qwen3-Cod", "fine-tuned-bge-b", "glm-z1-9", "Llama-3.1-8B-Instr", "deepseek-r1-dis")[i % 5]
     + f"-{i}-GGUF-Q4_K_M"} for i in range(5_000)]}) for k in range(2)}, checks=(cpu_below(15.0), rss_below(500)))
# (10,000 findings in two files, the CPU bound halved with them: an uncached per-finding walk, 1-2 ms a name, is still
# 10-20 s over the scan's ~3 s; 20,000 findings in four files took 9.6 s of CPU and 22 s of wall at a load of 5)


# (e) zipped model folders (inspect16, 2d48765): the member's safetensors header inflated up to max_header_bytes (256 MB)
def _zip_header_bomb(ctx: Ctx) -> None:
    head = b'{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}'
    spaces = 200 * (1 << 20)
    with zipfile.ZipFile(ctx.work / "model.zip", "w", zipfile.ZIP_DEFLATED) as z, \
            z.open("m/model.safetensors", "w", force_zip64=True) as fh:
        fh.write((len(head) + spaces).to_bytes(8, "little") + head)
        for _ in range(spaces >> 20):
            fh.write(b" " * (1 << 20))
        fh.write(b"\0" * 4)


_inspect("s14-zip-safetensors-200mb-header-bomb", "big-header", _zip_header_bomb, "model.zip",
         checks=(rss_below(500), cpu_below(10.0)))


# (f) inspect16's text readers: OpenCC dictionaries (first 64 KiB, the header's File / Source printed in a note) and
# CMUdict lexicons (first 256 KiB): escapes in the printed parts, a header of comment lines only, CR-only lines
def _opencc(meta: str, entries: int = 40, sep: str = "\n") -> bytes:
    return sep.join(["# Open Chinese Convert (OpenCC) Dictionary", f"# File: {meta}", f"# License: {meta}",
                     f"# Source: {meta}", *(f"\u4e00{i}\t\u4e8c{i} \u4e09" for i in range(entries))]).encode() + b"\n"


_inspect("s14-opencc-and-cmudict-escapes-table", "terminal-escape", files(lambda: {
    "a/STPhrases.txt": _opencc(ESC + "STPhrases.txt"),
    "b/TSCharacters.txt": _opencc("https://github.com/BYVoid/OpenCC" + ESC),
    "c/cmudict.dict": "".join(f"{ESC}w{i} HH AH0 L OW1\n" for i in range(100)),
    "d/cmudict-0.7b": ";;; " + ESC + "\n" + "".join(f"W{i}{ESC} HH AH0 L OW1\n" for i in range(100))}), ".",
    fmt="table")
_inspect("s14-opencc-and-cmudict-odd-shapes", "binary-junk", files(lambda: {
    "a/x.txt": _opencc("x", 0) + b"# c\n" * 20_000,  # a header, then 64 KiB of comments: no entries
    "b/x.txt": _opencc("x", 40, "\r"),  # CR-only lines: one line of 64 KiB
    "c/x.txt": _opencc("x", 20_000)[:65_535] + b"\xe4",  # cut inside a character at the 64 KiB mark
    "d/cmudict.dict": b"hello HH AH0 L OW1\n" * 30 + b"\x00" * 300_000,
    "e/cmudict.dict": ("hello HH AH0 L OW1\n" * 30 + "x " + "AH0 " * 2_000_000).encode()}), ".",
    checks=(cpu_below(8.0),))


# (g) session 14's identify / uris / python rules on long and many values
scan_probe("s14-dotted-keys-and-hub-api-urls", "regex-backtracking", lambda: {
    "a.json": json.dumps({**{f"labelKey{i}": ".".join(f"w{i}x{k}" for k in range(60)) for i in range(6_000)},
                          "model": "gpt-4o"}),
    "b.txt": "", "c.js": "".join(f'fetch("https://huggingface.co/api/models/{"a-" * 200}{i}/{"tree/" * 50}main");\n'
                                  for i in range(4_000)),
    "d.py": "".join(f'u{i} = "https://github.com/user/repo/{"model/" * 100}m{i}.onnx"\n' for i in range(6_000))},
    accounted=["a.json", "c.js", "d.py"], checks=(cpu_below(10.0),))
scan_probe("s14-py-parametrize-50k-models", "quadratic-position", lambda: {"test_a.py": (
    "import pytest\n\n@pytest.mark.parametrize('model_name', [" + ", ".join(f"'zq-{i}-chat'" for i in range(50_000))
    + "])\ndef test_m(model_name):\n    _runtime_model(None, name=model_name)\n")}, accounted=["test_a.py"],
    checks=(cpu_below(10.0),))
scan_probe("s14-js-jsx-attribute-expressions-30k", "quadratic-position", lambda: {"a.jsx": "export const A = () => (<div>\n"
           + "".join(f'<input placeholder={{"zq{i}-chat"}} title={{`gpt-4o-{i}`}} model={{"zq{i}-x"}} />\n'
                     for i in range(30_000)) + '<Chat model="gpt-4o-mini" />\n</div>);\n'}, accounted=["a.jsx"], checks=(cpu_below(10.0),))


# (h) Python files over python_size.MAX_AST_ESTIMATE (this session's fallback): read through tree-sitter-python, whose
# parse parse_within_budget bounds (256 MB of growth, the file's CPU seconds); the densest shapes at the size limit
_MODEL_TAIL = 'from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4o-mini", messages=[])\n'
scan_probe("s14-py-over-the-ast-bound", "big-header", lambda: {
    "a.py": "a\n" * 1_900_000 + _MODEL_TAIL,
    "b.py": "f()\n" * 1_000_000 + _MODEL_TAIL,
    "c.py": "x = [" + "'gpt-4o', " * 380_000 + "]\n" + _MODEL_TAIL,
    "d.py": "x = {" + '"model": "zq-1-x", ' * 190_000 + "}\n" + _MODEL_TAIL,
    "e.py": "x = " + "(" * 100 + "a" + ")" * 100 + "\n" + "a.b(c)[d]\n" * 390_000 + _MODEL_TAIL},
    accounted=["a.py", "b.py", "c.py", "d.py", "e.py"], checks=(cpu_below(20.0), rss_below(500)))


# (i) session 14's config rules: YAML string values read as JSON (fb5862b: 64 KB, 32 a file), multi-line bash arrays
# (bd8f935), quoted defaults in environment placeholders (0adcd65), env/ folders scanned unless a Python environment
# (9c25162: at most 64 names read)
def _yaml_json_values() -> dict[str, str]:
    deep = "[" * 30_000 + "]" * 30_000
    wide = "[" + ",".join(f'{{"id": "zq-{i}-x", "model": "gpt-4o"}}' for i in range(1_700)) + "]"
    return {
        "a/values.yaml": "".join(f"env{i}:\n  MODELS: '{deep}'\n" for i in range(40)) + "model: gpt-4o-mini\n",
        "b/values.yaml": "".join(f"env{i}:\n  MODELS: >\n    {wide}\n" for i in range(40)) + "model: gpt-4o-mini\n",
        "c/values.yaml": "".join(f"env{i}:\n  CONFIG: '{{\"model\": \"gpt-4o\", \"x\": {deep[:20_000]}{deep[-20_000:]}}}'\n"
                                 for i in range(40)) + "model: gpt-4o-mini\n",
    }


scan_probe("s14-yaml-json-values-deep-and-wide", "deep-nesting", _yaml_json_values,
           accounted=["a/values.yaml", "b/values.yaml", "c/values.yaml"], checks=(cpu_below(10.0),))
scan_probe("s14-shell-and-env-placeholder-shapes", "quadratic-position", lambda: {
    "a/run.sh": "CPU_MODELS=(\n" + '  "zq-1-x" # c\n' * 200_000 + "MODEL=gpt-4o-mini\n",
    # (an array never closed takes every line after it as an item, as bash does: 100,000 closed ones here)
    "b/run.sh": "".join(f"M{i}=(\n)\n" for i in range(100_000)) + "MODEL=gpt-4o-mini\n",
    "c/docker-compose.yml": "services:\n  a:\n    environment:\n" + "".join(
        f'      M{i}: ${{APP_LLM_MODELNAME:-"{"a" * 300}\n' for i in range(8_000)) + "      MODEL: gpt-4o-mini\n",
    "d/.env": "".join(f"M{i}=${{X:-'{'b' * 200}\n" for i in range(15_000)) + "MODEL=gpt-4o-mini\n"},
    accounted=["a/run.sh", "b/run.sh", "c/docker-compose.yml", "d/.env"], checks=(cpu_below(10.0),))


def _env_folders(ctx: Ctx) -> None:
    write(ctx.work / "a/env/prod.yaml", "model: gpt-4o-mini\n")
    for i in range(5_000):
        write(ctx.work / f"a/env/x{i}.txt", "")
    fifo_p = ctx.work / "b/env/pyvenv.cfg"
    fifo_p.parent.mkdir(parents=True)
    os.mkfifo(fifo_p)
    ctx.special.append(fifo_p)
    write(ctx.work / "b/env/prod.yaml", "model: gpt-4o\n")
    (ctx.work / "c").mkdir()
    os.symlink("env", ctx.work / "c/env")  # a link to itself
    ctx.special.append(ctx.work / "c/env")
    write(ctx.work / "d/env/lib/x.py", "m = 'gpt-4o'\n")
    os.symlink("../..", ctx.work / "d/env/bin")
    ctx.special.append(ctx.work / "d/env/bin")


scan_probe("s14-env-folders", "symlink", _env_folders, accounted=["a/env/prod.yaml"], checks=(cpu_below(10.0),),
           timeout=30)
scan_probe("s14-notebook-cell-over-the-ast-bound", "big-header", lambda: {"nb.ipynb": json.dumps({
    "cells": [{"cell_type": "code", "source": ["a\n"] * 500_000 + [_MODEL_TAIL]},
              {"cell_type": "code", "source": ["m = {'model': 'gpt-4o'}\n"]}],
    "metadata": {}, "nbformat": 4, "nbformat_minor": 5}), "b.pyi": "a\n" * 1_900_000 + _MODEL_TAIL},
    accounted=["nb.ipynb", "b.pyi"], checks=(cpu_below(15.0), rss_below(500)))
