"""Red-team probes of brief redteam24: the paths sessions 20 and 21 added. Bedrock id forms (recognition.yaml),
recorded HTTP bodies read as JSON (config_files ``_decoded_json``), documentation-reserved hosts and text stand-ins
for weights (uris.reserved_host, model_files.text_stand_in), shell's anchored exact regexes and for-loop word lists,
YAML lists of mappings in literal blocks, JS provider-id tables, the eSpeak / jiojio readers of ``inspect``, the
resolver's cloud tails on names, and the ``-o`` preflight (cli/common.py ``_preflight_output``).

Every probe also promises a clean stderr of RE2's "DFA out of memory" (a counted repeat of a Unicode class made RE2
log it for every long line: 0790daf). Imported by tests/redteam/probes.py after probes_session20, so every probe lands
in the one registry (``PROBES``) and runs through the same runner and promises. Stdlib only at import time.
"""

from __future__ import annotations

import os
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

from tests.redteam.probes import OK, USAGE, fifo_reader, probe, scan_probe
from tests.redteam.probes_session8 import cpu_below
from tests.redteam.probes_session13 import rss_below
from tests.redteam.probes_session20 import _finds, _said
from tests.redteam.runner import Ctx, Result


def no_dfa_oom(res: Result) -> str | None:
    """RE2 never logs on stderr (its DFA running out of memory falls back to a slower engine, and says so)."""
    low = res.stderr.lower()
    if b"dfa out of memory" in low or b"re2.cc" in low:
        return "RE2 logged on stderr: " + res.stderr[:160].decode("utf-8", "replace")
    return None


_BOUNDED = (cpu_below(20.0), rss_below(500), no_dfa_oom)
_APP = 'from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4o-mini", messages=[])\n'


# Inputs stay under the gates that would skip them before the new rules run: 4 MiB a file, 1 MiB of YAML to parse,
# lines averaging under 20,000 characters (generated) and, for JS, under 500 (minified); short padding lines do that.
_PAD = "x = 1\n" * 10_000
_JS_PAD = "let y = 1;\n" * 20_000

# (a) Bedrock ids (recognition.yaml's api pattern, a lookahead and a repeated group) --------------------------------
scan_probe("s21-bedrock-60k-ids", "huge-file",
           lambda: {"ids.py": "".join(f'm{i} = "us.anthropic.claude-{i}-sonnet-v{i % 9}:0"\n' for i in range(60_000))
                              + _APP},
           accounted=["ids.py"], checks=_BOUNDED, timeout=120.0)
# runs of vendor prefixes: the lookahead (?=[a-z0-9.-]*\d) reads to the end of the run from every vendor
scan_probe("s21-bedrock-vendor-run", "regex-backtracking",
           lambda: {"a.js": "".join(f'const m{i} = "' + "anthropic." * 10_000 + '1";\n' for i in range(20))
                            + "".join(f'const n{i} = "' + "us.meta." * 10_000 + 'x";\n' for i in range(20))
                            + _JS_PAD + 'const c = { model: "gpt-4o-mini" };\n'},
           accounted=["a.js"], checks=(*_BOUNDED, _finds("gpt-4o-mini")), timeout=120.0)
# literals of 10,000 characters: one name, 3,300 '-xN' parts, then a character no id holds
scan_probe("s21-bedrock-long-parts", "regex-backtracking",
           lambda: {"a.py": "".join(f'm{i} = "us.anthropic.claude' + "-a1" * 3_300 + '!"\n' for i in range(150))
                            + "".join(f'n{i} = "deepseek.r' + ".1" * 5_000 + ':1k:2k:3"\n' for i in range(100))
                            + _PAD + _APP},
           accounted=["a.py"], checks=(*_BOUNDED, _finds("gpt-4o-mini")), timeout=120.0)


# (b) recorded HTTP bodies read as JSON (YAML cassettes) --------------------------------------------------------------
def _cassette(bodies: list[str]) -> str:
    out = ["---\nhttp_interactions:\n"]
    for b in bodies:
        out.append("- request:\n    method: post\n    uri: https://api.openai.com/v1/chat/completions\n"
                   f"    body:\n      encoding: UTF-8\n      string: '{b}'\n")
    return "".join(out) + "recorded_with: VCR 6.2.0\n"


# bodies of JSON nested 490 deep (under the YAML reader's 500 flow levels: the quoted brackets count), mappings and
# lists, then a real one
scan_probe("s21-cassette-deep-json", "deep-nesting",
           lambda: {"spec/vcr/deep.yml": _cassette(["[" * 490 + "]" * 490, '{"a":' * 490 + "1" + "}" * 490,
                                                    '{"model":"gpt-4o"}'])},
           accounted=["spec/vcr/deep.yml"], checks=(*_BOUNDED, _finds("gpt-4o")), timeout=120.0)
# 3,000 recorded exchanges (32 bodies read a file; 10,000 would pass the 1 MiB YAML parse cap), and 14 bodies
# of 60 KB each written with \\u escapes only: every scalar's text is searched for and never found as written
scan_probe("s21-cassette-3k-bodies", "huge-file",
           lambda: {"spec/vcr/many.yml": _cassette([f'{{"model":"gpt-4o-mini","n":{i}}}' for i in range(3_000)])},
           accounted=["spec/vcr/many.yml"], checks=(*_BOUNDED, _finds("gpt-4o-mini")), timeout=120.0)
scan_probe("s21-cassette-escaped-scalars", "regex-backtracking",
           lambda: {"spec/vcr/esc.yml": _cassette(['{"x":[' + ",".join(['"\\u0061"'] * 6_500) + '],"model":"gpt-4o"}'
                                                   for _ in range(14)])},
           accounted=["spec/vcr/esc.yml"], checks=_BOUNDED, timeout=120.0)
# a body of 30,000 doubled quotes ('' is one quote in single-quoted YAML), folded over 3,000 lines: 84 KiB, over the
# 64 KiB an embedded value is read for, so a reported skip (it was passed over silently)
def _found_or_skipped(raw: str, path: str) -> Callable[[Result], str | None]:
    """``raw`` is found in ``path``, or ``path`` has a reported skip (a value over a reader's bounds): never lost."""
    def check(res: Result) -> str | None:
        if res.rc != 0:
            return None
        doc = res.json()
        if not isinstance(doc, dict):
            return None
        if any(f.get("raw") == raw and f.get("path") == path for f in doc.get("findings", [])):
            return None
        if any(sk.get("path") == path for sk in doc.get("skipped", [])):
            return None
        return f"{raw!r} lost in {path}: neither found nor a skip for the file"
    check.__name__ = f"found_or_skipped_{raw}"
    return check


scan_probe("s21-cassette-doubled-quotes", "huge-line",
           lambda: {"spec/vcr/q.yml": _cassette(['{"c":"' + "''" * 30_000 + '","model":"gpt-4o"}']
                                                ).replace("''" * 10, "''" * 10 + "\n        ")},
           accounted=["spec/vcr/q.yml"], checks=(*_BOUNDED, _found_or_skipped("gpt-4o", "spec/vcr/q.yml")), timeout=120.0)


# (c) documentation-reserved hosts and text stand-ins for weights -----------------------------------------------------
# one host of 100,000 labels under a reserved name, then a model the file names
scan_probe("s21-reserved-host-100k-labels", "huge-line",
           lambda: {"dl.py": 'URL = "https://' + "a." * 100_000 + 'example.com/model.gguf"\n' + _APP},
           accounted=["dl.py"], checks=(*_BOUNDED, _finds("gpt-4o-mini")), timeout=120.0)
# 50,000 weight URLs on reserved hosts: past the file's 2 s budget the rest is a reported skip, never lost
scan_probe("s21-reserved-host-50k-urls", "huge-file",
           lambda: {"dl.py": "".join(f'U{i} = "https://h{i}.example.org/w/model-{i}.safetensors"\n'
                                     for i in range(50_000)) + _APP},
           accounted=["dl.py"], checks=_BOUNDED, timeout=120.0)


def _stand_ins(kind: str) -> Callable[[Ctx], None]:
    """A weights name that is a FIFO (opening it would block), a symlink to /dev/zero or /dev/urandom, a dangling
    link, a link loop, an unreadable file, or 20,000 tiny text stand-ins (each read once)."""
    def build(ctx: Ctx) -> None:
        (ctx.work / "app.py").write_text(_APP)
        d = ctx.work / "tests" / "fixtures"
        d.mkdir(parents=True)
        p = d / "model.gguf"
        if kind == "fifo":
            os.mkfifo(p)
            ctx.special.append(p)
        elif kind in ("dev-zero", "dev-urandom"):
            os.symlink("/dev/" + kind[4:], p)
            ctx.special.append(p)
        elif kind == "dangling":
            os.symlink(ctx.root / "missing.gguf", p)
            ctx.special.append(p)
        elif kind == "loop":
            os.symlink("model.gguf", p)
            ctx.special.append(p)
        elif kind == "unreadable":
            p.write_text("stand-in\n")
            p.chmod(0)
            ctx.cleanup.append(lambda: p.chmod(0o600))
        elif kind == "many":
            for i in range(20_000):
                sub = d / f"c{i // 1000}"
                sub.mkdir(exist_ok=True)
                (sub / f"m{i}.gguf").write_text("multi-platform-arm64\n")
            (d / "big.safetensors").write_bytes(b"x" * 4097)  # one byte over: read as weights by name
            (d / "nul.gguf").write_bytes(b"text\x00")
    return build


for _kind in ("fifo", "dev-zero", "dev-urandom", "dangling", "loop", "unreadable"):
    scan_probe(f"s21-stand-in-weights-{_kind}", "special-files", _stand_ins(_kind),
               checks=(*_BOUNDED, _finds("gpt-4o-mini")), timeout=60.0)
scan_probe("s21-stand-in-weights-20k-files", "many-files", _stand_ins("many"),
           checks=(*_BOUNDED, _finds("gpt-4o-mini")), timeout=180.0)


# (d) shell: anchored exact regexes and for-loop word lists -----------------------------------------------------------
_SH_PAD = "echo ok\n" * 20_000
scan_probe("s21-shell-exact-100k-patterns", "huge-file",
           lambda: {"run.sh": "#!/bin/sh\n" + "".join("grep -E " + " ".join(f"'^gpt-4o-mini-{i}-{j}$'" for j in range(50))
                                                      + " x\n" for i in range(2_000))
                              + "".join("echo " + "'^gpt-4o-mini$' " * 1_000 + "\n" for _ in range(20)) + _SH_PAD},
           accounted=["run.sh"], checks=_BOUNDED, timeout=120.0)
scan_probe("s21-shell-exact-long-runs", "regex-backtracking",
           lambda: {"run.sh": "#!/bin/sh\n" + "".join("grep '^" + "a" * 150_000 + f"{i}$' x\n" for i in range(6))
                              + "".join('grep "^' + "é字" * 50_000 + f'{i}$" y\n' for i in range(2))
                              + "".join(f"[[ $m =~ '^{'b' * 300}{i}$' ]] && echo\n" for i in range(5_000))
                              + "".join("grep -E " + "'^a$'\"^b$\"" * 1_500 + "\n" for _ in range(20))
                              + _SH_PAD + "vllm serve Qwen/Qwen2.5-7B-Instruct\n"},
           accounted=["run.sh"], checks=_BOUNDED, timeout=120.0)
scan_probe("s21-shell-for-lists", "huge-file",
           lambda: {"bench.sh": "#!/bin/bash\n" + "".join("for MODEL in " + " ".join(f"qwen2.5:{i}b{j}" for j in range(1_000))
                                                          + "; do ollama pull $MODEL; done\n" for i in range(20))
                                + "".join(f"for model in llama3.1:8b m{i}:7b qwen2.5:7b; do ollama pull $model; done\n"
                                          for i in range(20_000))
                                + "".join("for m in " + "a " * 5_000 + "\n" for _ in range(20))
                                + "".join("for MODEL in" + " \t" * 5_000 + "x;\n" for _ in range(20)) + _SH_PAD},
           accounted=["bench.sh"], checks=_BOUNDED, timeout=120.0)


# (e) YAML lists of mappings in literal blocks ------------------------------------------------------------------------
def _block(items: int, key: str = "config") -> str:
    return f"{key}: |\n" + "".join(f"  - name: m{i}\n    parameters:\n      model: m{i}.Q4_K_M.gguf\n"
                                   for i in range(items))


# 15 blocks of 60 KB (under the 64 KB a block, 32 blocks a file and 1 MiB a file)
scan_probe("s21-yaml-block-lists-70k", "huge-file",
           lambda: {"aikitfile.yaml": "apiVersion: v1alpha1\n" + _block(1_200)},
           accounted=["aikitfile.yaml"], checks=_BOUNDED, timeout=120.0)
scan_probe("s21-yaml-block-lists-60k", "huge-file",
           lambda: {"aikitfile.yaml": "apiVersion: v1alpha1\n" + "".join(_block(1_000, f"config{j}") for j in range(15))},
           accounted=["aikitfile.yaml"], checks=_BOUNDED, timeout=120.0)
# an alias bomb inside a block (a billion laughs): the block is parsed on its own
_LAUGHS = ("  - a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"  - {chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(9))
    + "  - model: gpt-4o\n    z: *j\n")
scan_probe("s21-yaml-block-alias-bomb", "yaml-bomb",
           lambda: {"values.yaml": "config: |\n" + _LAUGHS + "model: gpt-4o-mini\n"},
           accounted=["values.yaml"], checks=(*_BOUNDED, _finds("gpt-4o-mini")), timeout=120.0)
scan_probe("s21-yaml-block-deep-list", "deep-nesting",
           lambda: {"values.yaml": "config: |\n" + "".join("  " + "  " * i + "- a: 1\n" for i in range(2_000))
                                   + "model: gpt-4o-mini\n"},
           accounted=["values.yaml"], checks=_BOUNDED, timeout=120.0)
# 32 blocks each a list of 6,000 one-key mappings (every item a mapping: the list test walks them all)
scan_probe("s21-yaml-block-32-lists", "huge-file",
           lambda: {"values.yaml": "".join(f"b{j}: |\n" + "  - {a: 1}\n" * 6_000 for j in range(32))
                                   + "model: gpt-4o-mini\n"},
           accounted=["values.yaml"], checks=_BOUNDED, timeout=120.0)


# (f) JS provider-id tables and provider records ---------------------------------------------------------------------
scan_probe("s21-js-provider-ids-100k", "huge-file",
           lambda: {"providers.ts": "export const PROVIDER_IDS = [\n" + "".join(f'  "p{i}",\n' for i in range(100_000))
                                    + "];\ntype ProviderName =\n" + "".join(f'  | "q{i}"\n' for i in range(50_000))
                                    + ";\n" + 'const c = { model: "gpt-4o-mini" };\n'},
           accounted=["providers.ts"], checks=_BOUNDED, timeout=120.0)
# one object with 30,000 id pairs beside a default model key (each id pair looks at its siblings), 20,000 records
scan_probe("s21-js-provider-record-30k-ids", "regex-backtracking",
           lambda: {"p.js": "const p = {\n" + "".join(f'  id: "kimi-{i}",\n' for i in range(30_000))
                            + '  defaultModelId: "k2"};\nconst r = [\n'
                            + "".join(f'  {{id: "r{i}", name: "n{i}", defaultModel: "gpt-4o"}},\n' for i in range(20_000))
                            + "];\n"},
           accounted=["p.js"], checks=_BOUNDED, timeout=120.0)


# an object of 50,000 model-named pairs: each one looked at all its siblings' keys again (12 s of CPU, quadratic)
scan_probe("s21-js-object-50k-model-pairs", "regex-backtracking",
           lambda: {"m.js": "const p = {\n" + "".join(f'  model: "m{i}",\n' for i in range(50_000))
                               + '  model: "gpt-4o",\n};\n'},
           accounted=["m.js"], checks=_BOUNDED, timeout=120.0)


# (g) inspect: the eSpeak dictionary and jiojio npz readers ------------------------------------------------------------
def _espeak(kind: str) -> bytes:
    if kind == "cut":  # a header whose rules sit at the format's maximum offset, 100 bytes of file
        return struct.pack("<ii", 1024, 0x8000000) + b"\x02a" * 46
    if kind == "huge-count":  # 1,100,000 one-byte entries in one chain: over the entry limit
        chains = b"\x01" * 1_100_000 + b"\x00" * 1024
        return struct.pack("<ii", 1024, 8 + len(chains)) + chains + b"\x06\x07\x00"
    if kind == "jumps":  # entries whose length byte jumps past the rules offset
        chains = b"\xff" * 5000
        return struct.pack("<ii", 1024, 8 + 2000) + chains + b"\x07\x00"
    # a valid dictionary of 900,000 two-byte entries (the walk's worst case under the limit)
    chains = b"\x02a" * 900_000 + b"\x00" * 1024
    return struct.pack("<ii", 1024, 8 + len(chains)) + chains + b"\x06a\x00\x07\x00"


def _inspect_file(name: str, data: Callable[[], bytes]) -> Callable[[Ctx], None]:
    def build(ctx: Ctx) -> None:
        (ctx.work / name).write_bytes(data())
    return build


for _kind in ("cut", "huge-count", "jumps", "900k-entries"):
    probe(f"s21-inspect-espeak-{_kind}", "artifact", _inspect_file("en_dict", lambda k=_kind: _espeak(k)),
          ("inspect", "en_dict", "-f", "json"), frozenset({0, 1, 2}), fmt="json",
          checks=(cpu_below(20.0), rss_below(500)), timeout=120.0)


def _npz(kind: str) -> bytes:
    import io

    def npy(shape: str, descr: str = "<f4", body: bytes = b"") -> bytes:
        head = ("{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }").encode()
        head += b" " * (63 - len(head) % 64) + b"\n"
        return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(head)) + head + body

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        if kind == "members":  # 70,000 members: jiojio's four names, then the rest
            for name in ("sizes", "bi_ratio", "node_weight", "edge_weight"):
                z.writestr(name + ".npy", npy("(2,)", "<i8", b"\x01" * 16))
            for i in range(70_000):
                z.writestr(f"a{i}.npy", npy("(1,)"))
        elif kind == "huge-shape":  # shapes of 9 * 10^199 elements, a count claiming 2^62 small values
            z.writestr("sizes.npy", npy("(" + "9" * 199 + ",)", "<i8"))
            z.writestr("bi_ratio.npy", npy("(" + ",".join(["4611686018427387904"] * 8) + ")", "<i8"))
            z.writestr("node_weight.npy", npy("(" + ", " * 100 + ")"))
            z.writestr("edge_weight.npy", npy("()"))
    data = buf.getvalue()
    if kind == "cut":
        return _npz("members")[:200_000]
    return data


for _kind in ("members", "huge-shape", "cut"):
    probe(f"s21-inspect-jiojio-npz-{_kind}", "artifact", _inspect_file("weights.npz", lambda k=_kind: _npz(k)),
          ("inspect", "weights.npz", "-f", "json"), frozenset({0, 1, 2}), fmt="json",
          checks=(cpu_below(20.0), rss_below(500)), timeout=120.0)


# (h) the resolver's cloud tails on names: many ids, ids of 10,000 characters ---------------------------------------
scan_probe("s21-cloud-tails-30k-ids", "huge-file",
           lambda: {"models.yaml": "models:\n" + "".join(f"  - model: deepseek-v{i % 9}-{i}-us\n"
                                                         f"  - model: deepseek-v3-2-ga-{250000 + i}\n"
                                                         for i in range(15_000))},
           accounted=["models.yaml"], checks=_BOUNDED, timeout=180.0)
scan_probe("s21-cloud-tails-10k-char-ids", "huge-line",
           lambda: {"models.yaml": "models:\n" + "".join("  - model: deepseek-" + "v3-2-" * 2_000 + f"{i}-us\n"
                                                         + "  - model: deepseek" + "-ga" * 3_300 + f"-{250000 + i}\n"
                                                         + "  - model: " + "a.-" * 3_300 + "-us\n" for i in range(30))
                                   + "  - model: gpt-4o-mini\n"},
           checks=(*_BOUNDED, _finds("gpt-4o-mini")), timeout=180.0)


# the resolver's cloud-tail reading of one name (trace resolves what it is given): 300 characters (the longest
# identifier it reads) and 10,000 (refused as too long, exit 2)
def _tails(n: int) -> dict[str, str]:
    return {"us": ("deepseek-" + "v3-2-" * n)[:n * 5 - 3] + "-us", "ga": ("deepseek" + "-ga" * n)[:n * 5 - 7] + "-250101",
            "dashed": ("deepseek-v3" + "-2" * n)[:n * 5 - 7] + "-251201", "lazy": "a" + "-u" * (n * 5 // 2 - 3) + "-us"}


for _tail, _name in _tails(60).items():
    probe(f"s21-trace-cloud-tail-300-{_tail}", "pathological-id", lambda ctx: None, ("trace", _name, "-f", "json"),
          frozenset({0, 1}), fmt="json", checks=(cpu_below(20.0), rss_below(500)), timeout=60.0)
for _tail, _name in _tails(2_000).items():
    probe(f"s21-trace-cloud-tail-10k-{_tail}", "pathological-id", lambda ctx: None, ("trace", _name, "-f", "json"),
          USAGE, checks=(cpu_below(20.0), _said("too long")), timeout=60.0)


# (i) the -o preflight of every command that writes a file ----------------------------------------------------------
def _app(ctx: Ctx) -> None:
    (ctx.work / "app.py").write_text(_APP)


def _target(kind: str) -> Callable[[Ctx], None]:
    def build(ctx: Ctx) -> None:
        _app(ctx)
        out = ctx.work / "out"
        if kind == "symlink":
            (ctx.root / "keep").write_text("keep\n")
            os.symlink(ctx.root / "keep", out)
            ctx.special.extend([out, ctx.root / "keep"])
        elif kind == "dangling":
            os.symlink(ctx.root / "nowhere" / "x", out)
            ctx.special.append(out)
        elif kind == "parent-fifo":
            os.mkfifo(ctx.work / "pipe")
            ctx.special.append(ctx.work / "pipe")
    return build


def _no_new_file(res: Result) -> str | None:
    made = [p.name for p in res.ctx.work.iterdir() if p.name not in ("app.py", "out", "pipe")]
    made += [p.name for p in res.ctx.root.iterdir() if p.name not in ("work", "cache", "keep", "PWNED", "nowhere")]
    return f"files created: {made[:5]}" if made else None


def _written(rel: str) -> Callable[[Result], str | None]:
    """-o into folders that do not exist yet: they are made (write_atomic), and the file is there, whole."""
    def check(res: Result) -> str | None:
        p = Path(rel.replace("{root}", str(res.ctx.root)))
        p = p if p.is_absolute() else res.ctx.work / p
        if res.rc in (0, 1) and not (p.is_file() and p.stat().st_size > 0):
            return f"exit {res.rc} but {p.name!r} was not written"
        return None
    return check


for _cmd in ("scan", "bom", "check", "trace", "report"):
    _argv = (_cmd, ".") if _cmd != "trace" else (_cmd, "gpt-4o-mini")
    _json = ("-f", "json") if _cmd == "check" else ()  # check's table of no policy is empty: nothing to write
    probe(f"s21-o-symlink-{_cmd}", "special-output", _target("symlink"), (*_argv, "-o", "out"), USAGE,
          checks=(_said("symbolic link"), _no_new_file), timeout=60.0)
    probe(f"s21-o-dangling-symlink-{_cmd}", "special-output", _target("dangling"), (*_argv, "-o", "out"), USAGE,
          checks=(_said("symbolic link"), _no_new_file), timeout=60.0)
    probe(f"s21-o-missing-folder-{_cmd}", "special-output", _target("none"),
          (*_argv, *_json, "-o", "{root}/missing/dir/out"), frozenset({0, 1}),
          checks=(_written("{root}/missing/dir/out"),), timeout=60.0)
    probe(f"s21-o-unwritable-folder-{_cmd}", "special-output", _target("none"),
          (*_argv, *_json, "-o", "/proc/self/missing/out"), USAGE, checks=(_said("cannot write"),), timeout=60.0)
    probe(f"s21-o-under-fifo-{_cmd}", "special-output", _target("parent-fifo"), (*_argv, "-o", "pipe/out"), USAGE,
          checks=(_no_new_file,), timeout=60.0)
    probe(f"s21-o-dev-full-{_cmd}", "special-output", lambda ctx: _app(ctx), (*_argv, *_json, "-o", "/dev/full"),
          USAGE, checks=(_said("no space"),), timeout=60.0)
    probe(f"s21-o-fifo-{_cmd}", "special-output",
          lambda ctx: (_app(ctx), fifo_reader("out")(ctx)), (*_argv, "-o", "out"), frozenset({0, 1}), timeout=60.0)


probe("s21-o-name-too-long", "special-output", _app, ("scan", ".", "-o", "a" * 5000), USAGE,
      checks=(_no_new_file,), timeout=60.0)
probe("s21-o-ctrl-chars-in-missing-folder", "special-output", _app,
      ("scan", ".", "-o", "miss\x1b]0;pwn\x07ing/out.json"), OK, checks=(_written("miss\x1b]0;pwn\x07ing/out.json"),),
      timeout=60.0)


# (j) CI steps' multi-line scripts read by the shell reader (4d96680): 6,000 'run: |' steps, one 60 KB step ----------
def _workflow(steps: int, lines: int, line: str) -> str:
    return ("name: ci\non: push\njobs:\n  bench:\n    runs-on: ubuntu-latest\n    steps:\n"
            + "".join("      - run: |\n" + "".join("          " + line % (i, j) + "\n" for j in range(lines))
                      for i in range(steps)))


scan_probe("s21-ci-run-6k-steps", "huge-file",
           lambda: {".github/workflows/bench.yml": _workflow(6_000, 3, "MODEL=qwen2.5:%dx%d; ollama pull $MODEL")},
           accounted=[".github/workflows/bench.yml"], checks=_BOUNDED, timeout=180.0)
scan_probe("s21-ci-run-60k-step", "huge-line",
           lambda: {".gitlab-ci.yml": "bench:\n  script: |\n" + "".join(
               "    for m in " + " ".join(f"m{i}-{j}:7b" for j in range(300)) + "; do ollama pull $m; done\n"
               for i in range(10)) + "".join(f"    curl -d '{{\"model\": \"gpt-4o-{i}\"}}' x | sed 's|a|b|;s|c|d|'\n"
                                             for i in range(400))},
           accounted=[".gitlab-ci.yml"], checks=_BOUNDED, timeout=180.0)
