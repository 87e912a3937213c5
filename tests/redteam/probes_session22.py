"""Red-team probes of brief redteam25: the paths sessions 21 and 22 added. Shell's exact-KB-id flag values
(``--any_flag <id>``, shell.py ``exact_flag_value``), the YAML parse-failure fallback (kubernetes.py ``unparsed``:
templates re-parsed with their ``{{ }}`` neutralised, else read line by line), weight files bound to file-name
keys and ``.litertlm`` (classifier ``_names_a_weight_file``), the expectation / snapshot reader (``*.golden``,
``*.snap``, ``__snapshots__``), inspect's new readers (amharic BPE state, the GE2E checkpoint outline), hosted ids
(Bedrock vendor segments), and the ``-o`` preflight of the commands session 21 did not probe.

Every scan probe also promises a clean stderr of RE2's "DFA out of memory". Imported by tests/redteam/probes.py after
probes_session21, so every probe lands in the one registry (``PROBES``) and runs through the same runner and
promises. Stdlib only at import time.
"""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
from collections.abc import Callable

from tests.redteam.probes import USAGE, fifo_reader, probe, scan_probe
from tests.redteam.probes_session8 import cpu_below
from tests.redteam.probes_session13 import rss_below
from tests.redteam.probes_session20 import _finds, _said
from tests.redteam.probes_session21 import _found_or_skipped, _target, no_dfa_oom
from tests.redteam.runner import CHILD, Ctx, Result, child_env

_BOUNDED = (cpu_below(20.0), rss_below(500), no_dfa_oom)
_APP = 'from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4o-mini", messages=[])\n'
# short padding lines keep a file's average line under the 20,000 characters that mark it generated (skipped whole)
_SH_PAD = "echo ok\n" * 20_000


# (a) shell: a long flag's value that is exactly a known model, whatever the flag -----------------------------------
# 100,000 flags on one line (1.7 MB): `--judge o1-mini` and `--judge=o1-mini` (the line's per-word rules take about
# the file's 2 s budget: found, or a reported analysis-budget skip)
scan_probe("s22-shell-flag-100k-on-a-line", "huge-line",
           lambda: {"eval.sh": "#!/bin/sh\npython eval.py " + "--judge o1-mini " * 100_000 + "\n"
                               + "python eval.py " + "--judge=o1-mini " * 100_000 + "\n" + _SH_PAD},
           accounted=["eval.sh"], checks=(*_BOUNDED, _found_or_skipped("o1-mini", "eval.sh")), timeout=120.0)
# 100,000 distinct flags, each a different unknown org/name (every one a Hub-index lookup) on one line
scan_probe("s22-shell-flag-100k-distinct-ids", "huge-line",
           lambda: {"eval.sh": "#!/bin/sh\npython eval.py "
                               + " ".join(f"--f{i} Org{i}/Name-{i}-7B" for i in range(100_000)) + "\n" + _SH_PAD
                               + "python eval.py --api_name Qwen/Qwen2.5-7B-Instruct\n"},
           accounted=["eval.sh"], checks=(*_BOUNDED, _found_or_skipped("Qwen/Qwen2.5-7B-Instruct", "eval.sh")),
           timeout=120.0)
# a command continued over 10,000 lines, every line a flag whose value is a known model
scan_probe("s22-shell-flag-10k-continuations", "huge-file",
           lambda: {"run.sh": "#!/bin/bash\npython run.py \\\n"
                              + "".join(f"  --judge_{i} o1-mini \\\n  --gen_{i}=Qwen/Qwen2.5-7B-Instruct \\\n"
                                        for i in range(10_000)) + "  --seed 1\n"},
           accounted=["run.sh"], checks=(*_BOUNDED, _finds("o1-mini")), timeout=120.0)
# 4 for-loops of 50,000 items whose bodies pass a known model under a flag (past the 256-word window that dropped
# it silently: d0acd26), one loop body of 20,000 lines; and a loop of 300 items that the budget reads whole
scan_probe("s22-shell-flag-for-50k-items", "huge-file",
           lambda: {"bench.sh": "#!/bin/bash\n" + "".join("for m in " + " ".join(f"t{j}" for j in range(50_000))
                                                          + "; do python r.py --task $m --judge o1-mini; done\n"
                                                          for _ in range(4))
                                + "for m in a b; do\n" + "  python r.py --teacher Qwen/Qwen2.5-7B-Instruct --n $m\n"
                                * 20_000 + "done\n" + _SH_PAD,
                    "b300.sh": "#!/bin/bash\nfor m in " + " ".join(f"t{j}" for j in range(300))
                               + "; do python r.py --task $m --judge o1-mini; done\n"},
           accounted=["bench.sh", "b300.sh"],
           checks=(*_BOUNDED, _found_or_skipped("o1-mini", "bench.sh"), _found_or_skipped("o1-mini", "b300.sh"),
                   _finds("o1-mini")), timeout=120.0)
# quoted and unterminated values: a quote opened and never closed over 20,000 lines, 10,000-character values,
# a value of 50,000 quotes, an `=` with an empty and a quoted-only value
scan_probe("s22-shell-flag-quoted-unterminated", "regex-backtracking",
           lambda: {"q.sh": "#!/bin/sh\n"
                            + "".join(f"python a.py --judge \"o1-mini --x '{i}\n" for i in range(10_000))
                            + "python a.py --judge='Qwen/Qwen2.5-7B-Instruct\n" + "x\n" * 10_000
                            + "".join("python a.py --judge " + "a-" * 5_000 + f"{i} --gen=" + "b." * 5_000 + "\n"
                                      for i in range(100))
                            + "".join("python a.py --judge " + "'" * 50_000 + "\n" for _ in range(10))
                            + "python a.py --judge= --gen='' --t=\"\" --u=\"o1-mini\" --v 'o1-mini'\n" + _SH_PAD},
           accounted=["q.sh"], checks=_BOUNDED, timeout=120.0)


# (b) YAML that does not parse: templates re-parsed, else read line by line ---------------------------------------
# Handlebars triple braces on 60,000 keys (under the 1 MiB parse cap), then a model line
scan_probe("s22-yaml-unparsed-triple-braces-60k", "huge-file",
           lambda: {"deploy.template.yaml": "".join(f"{{{{{{PREFIX}}}}}}-k{i}: {{{{{{V{i}}}}}}}\n"
                                                    for i in range(60_000))
                                            + "{{#if x}}\nmodel: gpt-4o-mini\n{{/if}}\n"},
           accounted=["deploy.template.yaml"],
           checks=(*_BOUNDED, _found_or_skipped("gpt-4o-mini", "deploy.template.yaml")), timeout=120.0)
# one line of 200,000 `{{` (no `}}` ever), a line of 100,000 `{{}}`, then a model line
scan_probe("s22-yaml-unparsed-brace-runs", "regex-backtracking",
           lambda: {"values.yaml": "a: " + "{{" * 200_000 + "\nb: " + "{{}}" * 100_000 + "\n\tc: 1\n"
                                   + "x\n" * 200 + "model: gpt-4o-mini\n"},
           accounted=["values.yaml"], checks=(*_BOUNDED, _found_or_skipped("gpt-4o-mini", "values.yaml")),
           timeout=120.0)
# 1,000,000 lines that fail to parse (a tab indents each), 2 MB, then a model line: over the parse cap, read by lines
scan_probe("s22-yaml-unparsed-1m-tab-lines", "huge-file",
           lambda: {"config.yaml": "\tx\n" * 1_000_000 + "model: gpt-4o-mini\n"},
           accounted=["config.yaml"], checks=(*_BOUNDED, _found_or_skipped("gpt-4o-mini", "config.yaml")),
           timeout=120.0)
# 150,000 short lines under the parse cap that fail late (a tab on the last line but one)
scan_probe("s22-yaml-unparsed-late-tab", "huge-file",
           lambda: {"config.yaml": "".join(f"k{i}: v\n" for i in range(110_000)) + "\tbad: 1\nmodel: gpt-4o-mini\n"},
           accounted=["config.yaml"], checks=(*_BOUNDED, _found_or_skipped("gpt-4o-mini", "config.yaml")),
           timeout=120.0)
# 20,000 duplicate anchors, and a billion laughs in a file made unparsable by a tab, with and without {{ }}
_LAUGHS = ("a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(9)))
scan_probe("s22-yaml-unparsed-dup-anchors", "yaml-bomb",
           lambda: {"c.yaml": "".join(f"- &a v{i}\n" for i in range(20_000)) + "- *a\n- model: gpt-4o-mini\n\t- x\n"},
           accounted=["c.yaml"], checks=(*_BOUNDED, _found_or_skipped("gpt-4o-mini", "c.yaml")), timeout=120.0)
scan_probe("s22-yaml-unparsed-alias-bomb", "yaml-bomb",
           lambda: {"c.yaml": _LAUGHS + "model: gpt-4o-mini\n\tz: *j\n",
                    "t.yaml": "name: {{ .Values.x }}\n" + _LAUGHS + "model: gpt-4o\n\tz: *j\n"},
           accounted=["c.yaml", "t.yaml"], checks=(*_BOUNDED, _found_or_skipped("gpt-4o-mini", "c.yaml"),
                                                   _found_or_skipped("gpt-4o", "t.yaml")), timeout=120.0)
# a line of 3.9 MB (under the 4 MiB file cap; 260 short lines keep the average under the generated mark)
scan_probe("s22-yaml-unparsed-4mb-line", "huge-line",
           lambda: {"c.yaml": "note: '" + "a" * 3_900_000 + "\n" + "\tk: v\n" * 260 + "model: gpt-4o-mini\n"},
           accounted=["c.yaml"], checks=(*_BOUNDED, _found_or_skipped("gpt-4o-mini", "c.yaml")), timeout=120.0)
# 30,000 model commands in an args list of a broken template (each line read by the model-command rule)
scan_probe("s22-yaml-unparsed-30k-model-args", "huge-file",
           lambda: {"k8s/dep.yaml.j2": "apiVersion: apps/v1\nkind: Deployment\n{% if x %}\n\tbad\n"
                                       + "".join(f'        - --model-id=org/m{i}\n        - ["--model", "m{i}"]\n'
                                                 for i in range(15_000)) + "model: gpt-4o-mini\n"},
           accounted=["k8s/dep.yaml.j2"], checks=_BOUNDED, timeout=120.0)


# (c) weight files bound to file-name keys (Dart catalogues) and .litertlm ------------------------------------------
scan_probe("s22-dart-filename-60k-entries", "huge-file",
           lambda: {"lib/models.dart": "const models = [\n" + "".join(
               f"  {{'filename': 'm{i}_quant.tflite', 'url': 'x'}},\n  ModelSpec(fileName: 'g{i}.litertlm'),\n"
               for i in range(30_000)) + "];\n"},
           accounted=["lib/models.dart"], checks=(*_BOUNDED, _found_or_skipped("m0_quant.tflite", "lib/models.dart")),
           timeout=120.0)
# names of 10,000 characters, dotted runs, and names one past the classifier's 200
scan_probe("s22-dart-filename-long-names", "regex-backtracking",
           lambda: {"lib/m.dart": "".join(f"final a{i} = {{'filename': '" + "a." * 5_000 + "litertlm'};\n"
                                          + f"final b{i} = {{'filename': '" + "b" * 196 + ".gguf'};\n"
                                          + f"final c{i} = {{'model_file': '" + ".x" * 4_000 + "'};\n"
                                          for i in range(200))
                                  + "final d = {'filename': 'Gecko_64_quant.tflite'};\n"},
           accounted=["lib/m.dart"], checks=(*_BOUNDED, _finds("Gecko_64_quant.tflite")), timeout=120.0)


def _litertlm(kind: str) -> Callable[[Ctx], None]:
    """A .litertlm file that is a FIFO, a link to /dev/zero, a dangling link, a 2 GB sparse file, or cut."""
    def build(ctx: Ctx) -> None:
        (ctx.work / "app.py").write_text(_APP)
        p = ctx.work / "models" / "gemma3-1b-it-int4.litertlm"
        p.parent.mkdir()
        if kind == "fifo":
            os.mkfifo(p)
            ctx.special.append(p)
        elif kind == "dev-zero":
            os.symlink("/dev/zero", p)
            ctx.special.append(p)
        elif kind == "dangling":
            os.symlink(ctx.root / "missing.litertlm", p)
            ctx.special.append(p)
        elif kind == "sparse":
            with open(p, "wb") as fh:
                fh.write(b"LITERTLM" + struct.pack("<III", 1, 0, 0xFFFFFFFF))
                fh.truncate(2 << 30)
        elif kind == "cut":
            p.write_bytes(b"LITERTLM\x01")
    return build


for _kind in ("fifo", "dev-zero", "dangling", "sparse", "cut"):
    scan_probe(f"s22-litertlm-{_kind}", "special-files", _litertlm(_kind),
               checks=(*_BOUNDED, _finds("gpt-4o-mini")), timeout=60.0)
    probe(f"s22-inspect-litertlm-{_kind}", "artifact", _litertlm(_kind),
          ("inspect", "models/gemma3-1b-it-int4.litertlm", "-f", "json"), frozenset({0, 1, 2}),
          checks=(cpu_below(20.0), rss_below(500)), timeout=60.0)


# (d) recorded expectations: golden and snapshot files -------------------------------------------------------------
_GO_GOLDEN = 'types.Request{Model: "gpt-4o-mini", Messages: nil}\n'
scan_probe("s22-golden-huge-json", "huge-file",
           lambda: {"testdata/req.golden": json.dumps({"model": "gpt-4o-mini",
                                                       "messages": [{"role": "user", "content": f"m{i}"}
                                                                    for i in range(70_000)]}, indent=1)},
           checks=_BOUNDED, timeout=120.0)
scan_probe("s22-golden-deep-json", "deep-nesting",
           lambda: {"testdata/deep.golden": "[" * 100_000 + "]" * 100_000 + "\n",
                    "testdata/deep2.golden": '{"model": "gpt-4o", "x": ' + '{"a":' * 100_000 + "1" + "}" * 100_001,
                    "testdata/deep3.golden": "a:\n" + "".join("  " * i + "- b:\n" for i in range(1, 3_000)),
                    "app.py": _APP},
           checks=(*_BOUNDED, _finds("gpt-4o-mini")), timeout=120.0)
scan_probe("s22-golden-binary-nul-utf8", "binary",
           lambda: {"testdata/a.golden": b'{"model": "gpt-4o"\x00, "x": 1}\n' * 1000,
                    "testdata/b.golden": b'{"model": "gpt-\xff\xfe4o"}\n' + os.urandom(200_000),
                    "testdata/c.golden": b"\x89PNG\r\n\x1a\n" + os.urandom(500_000),
                    "__snapshots__/d": b"exports[`a`] = `\x00\xff" + b"\x00" * 100_000 + b"`;\n",
                    "app.py": _APP},
           checks=(*_BOUNDED, _finds("gpt-4o-mini")), timeout=120.0)
# Jest snapshots: 20,000 entries (over the reader's 2,000), an entry never closed, escaped backticks by the 100,000
scan_probe("s22-snap-jest-20k-entries", "huge-file",
           lambda: {"src/__snapshots__/a.test.js.snap": "// Jest Snapshot v1\n\n" + "".join(
               f"exports[`req {i}`] = `\nObject {{\n  \"model\": \"gpt-4o-{i}\",\n}}\n`;\n\n" for i in range(20_000)),
               "src/__snapshots__/b.test.js.snap": "exports[`open` ] = `\n" + "\\`" * 100_000 + "\n"
               + "exports[`x" + "\\`" * 100_000 + "\n",
               "app.py": _APP},
           checks=(*_BOUNDED, _finds("gpt-4o-mini")), timeout=120.0)
# insta snapshots: a header of 200,000 `key: value` lines, 100,000 `---` lines, a Rust value 50,000 deep
scan_probe("s22-snap-insta-headers", "regex-backtracking",
           lambda: {"src/snapshots/a.snap": "---\n" + "source: x\n" * 200_000 + "---\nRequest { model: \"gpt-4o\" }\n",
                    "src/snapshots/b.snap": "---\n" * 100_000,
                    "src/snapshots/c.snap": "---\nsource: a\n---\n" + "Some(" * 50_000 + ")" * 50_000 + "\n",
                    "testdata/d.golden": "types.T{" * 50_000 + "}" * 50_000 + "\n" + _GO_GOLDEN,
                    "app.py": _APP},
           checks=(*_BOUNDED, _finds("gpt-4o-mini")), timeout=120.0)


def _golden_specials(ctx: Ctx) -> None:
    (ctx.work / "app.py").write_text(_APP)
    d = ctx.work / "testdata"
    d.mkdir()
    os.mkfifo(d / "fifo.golden")
    os.symlink("/dev/zero", d / "zero.golden")
    os.symlink("loop.snap", d / "loop.snap")
    (d / "__snapshots__").mkdir()
    os.mkfifo(d / "__snapshots__" / "pipe")
    ctx.special.extend([d / "fifo.golden", d / "zero.golden", d / "loop.snap", d / "__snapshots__" / "pipe"])


scan_probe("s22-golden-fifo-and-links", "special-files", _golden_specials,
           checks=(*_BOUNDED, _finds("gpt-4o-mini")), timeout=60.0)


# (e) inspect: amharic BPE state and GE2E checkpoint outlines --------------------------------------------------------
def _amharic(kind: str) -> bytes:
    doc = {"vocabulary": ["a"], "merge_rank_map": {}, "token_to_id": {"a": 1}, "id_to_token": {"1": "a"},
           "next_id": 2}
    text = json.dumps(doc)
    if kind == "bigint":  # integers of 5,000 digits (Python's str-to-int limit is 4,300)
        return text.replace('"next_id": 2', '"next_id": 1' + "0" * 5_000).replace('"a": 1}', '"a": 9' + "9" * 5_000 + "}").encode()
    if kind == "deep":
        return text.replace('"merge_rank_map": {}', '"merge_rank_map": ' + "[" * 100_000 + "]" * 100_000).encode()
    if kind == "2m-tokens":
        return text.replace('"token_to_id": {"a": 1}', '"token_to_id": {'
                            + ",".join(f'"t{i}": {i}' for i in range(2_000_000)) + "}").encode()
    if kind == "cut":
        return text.encode()[:-7]
    if kind == "dup-keys":
        return ("{" + ",".join(['"token_to_id": {"a": 1}'] * 200_000) + "," + text[1:]).encode()
    return b"\xef\xbb\xbf" + text.encode() + b"\x00" * 10  # a BOM and trailing NULs


def _inspect_file(name: str, data: Callable[[], bytes]) -> Callable[[Ctx], None]:
    def build(ctx: Ctx) -> None:
        (ctx.work / name).write_bytes(data())
    return build


for _kind in ("bigint", "deep", "2m-tokens", "cut", "dup-keys", "bom-nul"):
    probe(f"s22-inspect-amharic-{_kind}", "artifact", _inspect_file("amharic-bpe.json", lambda k=_kind: _amharic(k)),
          ("inspect", "amharic-bpe.json", "-f", "json"), frozenset({0, 1, 2}), fmt="json",
          checks=(cpu_below(20.0), rss_below(500)), timeout=120.0)


def _pickle(kind: str) -> bytes:
    """Legacy pickles built by opcode (nothing is ever unpickled): a top dict whose value dicts nest 100,000 deep,
    1,000,000 keys under one key, a SETITEMS batch never closed, a key of 10 MB."""
    def uni(s: str) -> bytes:
        b = s.encode()
        return b"X" + struct.pack("<I", len(b)) + b
    head = b"\x80\x02}q\x00("  # PROTO 2, EMPTY_DICT, BINPUT, MARK
    if kind == "deep":
        body = (uni("model_state") + b"}(") * 100_000 + b"u" * 100_000
        return head + body + b"u."
    if kind == "1m-keys":
        return head + uni("model_state") + b"}(" + b"".join(uni(f"k{i}") + b"K\x01" for i in range(1_000_000)) + b"uu."
    if kind == "open-batch":
        return head + uni("model_state") + b"}(" + b"".join(uni(f"lstm.weight_ih_l{i}") + b"K\x01" for i in range(50_000))
    if kind == "huge-key":
        return head + uni("model_state") + b"}(" + uni("k" * 10_000_000) + b"K\x01uu."
    # GE2E's own layout, then 1,000 more top keys each a dict of 100 (about 400,000 opcodes: fickling's analysis of
    # the stream is most of the cost, 6 s of CPU here; 2,450 such keys take 13.5 s, see bench/REDTEAM.md)
    ge2e = ["lstm.weight_ih_l0", "lstm.weight_hh_l0", "lstm.bias_ih_l0", "lstm.bias_hh_l0", "lstm.weight_ih_l1",
            "lstm.weight_hh_l1", "lstm.bias_ih_l1", "lstm.bias_hh_l1", "lstm.weight_ih_l2", "lstm.weight_hh_l2",
            "lstm.bias_ih_l2", "lstm.bias_hh_l2", "linear.weight", "linear.bias", "similarity_weight",
            "similarity_bias"]
    out = head + uni("model_state") + b"}(" + b"".join(uni(k) + b"K\x01" for k in ge2e) + b"u"
    for j in range(1_000):
        out += uni(f"opt{j}") + b"}(" + b"".join(uni(f"p{j}_{i}") + b"K\x01" for i in range(100)) + b"u"
    return out + b"u."


for _kind in ("deep", "1m-keys", "open-batch", "huge-key", "wide"):
    probe(f"s22-inspect-ge2e-pickle-{_kind}", "artifact", _inspect_file("encoder.pt", lambda k=_kind: _pickle(k)),
          ("inspect", "encoder.pt", "-f", "json"), frozenset({0, 1, 2}), fmt="json",
          checks=(cpu_below(20.0), rss_below(500)), timeout=120.0)


# (f) hosted ids: Bedrock vendor segments on 30,000 ids, ids near and over the length a name may have ---------------
def _bedrock_ids() -> str:
    return "models:\n" + "".join(f"  - model: qwen.qwen3-{i}b-a{i % 97}b-v1:0\n  - model: us.zai.glm-{i}-v1:0\n"
                                 for i in range(15_000))


scan_probe("s22-scan-bedrock-30k-ids", "huge-file", lambda: {"models.yaml": _bedrock_ids()},
           accounted=["models.yaml"], checks=_BOUNDED, timeout=180.0)
# bom of 30,000 distinct models: quadratic in cyclonedx-python-lib's dependency registration until 0d139fb, then
# about 3 ms of CPU a model in the library's sorted sets and serialisation; since redteam26 a CycloneDX document lists
# the 1,000 models used most and reports the cut (bom_inventory.capped)
probe("s22-bom-bedrock-30k-ids", "huge-file", lambda ctx: (ctx.work / "models.yaml").write_text(_bedrock_ids()),
      ("bom", ".", "-f", "json"), frozenset({0, 1}), checks=(*_BOUNDED, _said("modelmap:truncated")), timeout=180.0)
for _name, _id in {"vendor-299": "us." + "q" * 280 + ".x-v1:0",
                   "name-299": "qwen." + "a-" * 145 + "v1:0",
                   "dots-299": "us." + "a." * 145 + "b"}.items():
    probe(f"s22-trace-bedrock-{_name}", "pathological-id", lambda ctx: None, ("trace", _id, "-f", "json"),
          frozenset({0, 1, 2}), fmt="json", checks=(cpu_below(20.0), rss_below(500)), timeout=60.0)
probe("s22-trace-bedrock-10k", "pathological-id", lambda ctx: None,
      ("trace", "us.qwen." + "qwen3-" * 1_700 + "v1:0", "-f", "json"), USAGE,
      checks=(cpu_below(20.0), _said("too long")), timeout=60.0)


# (g) the -o preflight of the commands session 21 left out, and check -o /dev/full with and without a policy ------
def _app(ctx: Ctx) -> None:
    (ctx.work / "app.py").write_text(_APP)


def _out_target(kind: str) -> Callable[[Ctx], None]:
    """probes_session21's -o target (app, symlink / dangling link at ``out``) plus inputs for inspect and diff."""
    target = _target(kind)

    def build(ctx: Ctx) -> None:
        target(ctx)
        (ctx.work / "model.gguf").write_bytes(b"GGUF\x03\x00\x00\x00" + bytes(16))
        for side in ("old.json", "new.json"):  # two (empty) scan inventories for diff
            (ctx.work / side).write_text('{"schema": "modelmap.scan/1", "findings": []}\n')
    return build


_MORE_CMDS = {"inspect": ("inspect", "model.gguf"), "diff": ("diff", "old.json", "new.json"),
              "alternatives": ("alternatives", "gpt-4o-mini")}
for _cmd, _argv in _MORE_CMDS.items():
    probe(f"s22-o-symlink-{_cmd}", "special-output", _out_target("symlink"), (*_argv, "-o", "out"), USAGE,
          checks=(_said("symbolic link"),), timeout=60.0)
    probe(f"s22-o-dangling-symlink-{_cmd}", "special-output", _out_target("dangling"), (*_argv, "-o", "out"), USAGE,
          checks=(_said("symbolic link"),), timeout=60.0)
    probe(f"s22-o-dev-full-{_cmd}", "special-output", _out_target("none"), (*_argv, "-f", "json", "-o", "/dev/full"),
          USAGE, checks=(_said("no space"),), timeout=60.0)
    probe(f"s22-o-fifo-{_cmd}", "special-output", lambda ctx: (_out_target("none")(ctx), fifo_reader("out")(ctx)),
          (*_argv, "-o", "out"), frozenset({0, 1, 2}), timeout=60.0)


def _nothing_lost(argv: tuple[str, ...]) -> Callable[[Result], str | None]:
    """exit 0 after ``-o /dev/full`` only when the same command writes nothing to a regular file: the output that
    /dev/full swallowed was empty (no policy: an empty table), so nothing was lost."""
    def check(res: Result) -> str | None:
        if res.rc != 0:
            return None
        out = res.ctx.root / "again.out"
        subprocess.run([sys.executable, "-c", CHILD, *argv, "-o", str(out)], cwd=res.ctx.work,
                       env=child_env(res.ctx), capture_output=True, timeout=120, check=False)
        size = out.stat().st_size if out.is_file() else -1
        return None if size == 0 else f"exit 0 after -o /dev/full, but the same run writes {size} bytes to a file"
    check.__name__ = "nothing_lost"
    return check


_POLICY = ("version: 1\nrules:\n  - id: no-models\n    severity: error\n    message: No models at all.\n"
           "    deny: \"true\"\n")
for _fmt in ("table", "json", "junit", "sarif"):
    probe(f"s22-check-no-policy-dev-full-{_fmt}", "special-output", _app,
          ("check", ".", "-f", _fmt, "-o", "/dev/full"), frozenset({0, 2}),
          checks=(_nothing_lost(("check", ".", "-f", _fmt)),), timeout=120.0)
    probe(f"s22-check-policy-dev-full-{_fmt}", "special-output",
          lambda ctx: (_app(ctx), (ctx.work / "modelmap.yaml").write_text(_POLICY)),
          ("check", ".", "-f", _fmt, "-o", "/dev/full"), frozenset({0, 1, 2}),
          checks=(_nothing_lost(("check", ".", "-f", _fmt)),), timeout=120.0)


# (h) inspect25's readers: word-label lexicons (regex-scanned JSON), unstressed CMU dictionaries ----------------------
def _lexicon(kind: str) -> bytes:
    if kind == "16mb":  # 16 MiB of entries (the head read), each with 64 labels of 200 characters
        entry = '"w%d": [' + ", ".join(f'"{chr(97 + j % 26) * 200}"' for j in range(64)) + "],\n"
        out, i = ["{"], 0
        while sum(map(len, out)) < 17 << 20:
            out.append((entry % i) * 20)
            i += 20
        return "".join(out).encode()
    if kind == "labels-no-comma":  # labels packed with no separators, 100,000 empty strings in one list
        return ("{" + "".join(f'"w{i}": ["anger", "fear"],\n' for i in range(2_000)) + '"x": [' + '""' * 100_000
                + "]}").encode()
    if kind == "unclosed":  # a list never closed, 8 MB of labels
        return ("{" + "".join(f'"w{i}": ["anger", "fear"],\n' for i in range(2_000)) + '"x": ["a", ' * 800_000).encode()
    if kind == "nested":
        return ("{" + "".join(f'"w{i}": ["anger"],\n' for i in range(2_000)) + '"x": ' + "[" * 100_000).encode()
    # escapes: labels of 200 backslash pairs and \u escapes that are not valid JSON (a lone surrogate)
    return ("{" + "".join(f'"w{i}": ["' + "\\\\" * 100 + f'", "\\ud800{i}"],\n' for i in range(3_000)) + "}").encode()


for _kind in ("16mb", "labels-no-comma", "unclosed", "nested", "escapes"):
    probe(f"s22-inspect-label-lexicon-{_kind}", "artifact", _inspect_file("nrc_en.json", lambda k=_kind: _lexicon(k)),
          ("inspect", "nrc_en.json", "-f", "json"), frozenset({0, 1, 2}), fmt="json",
          checks=(cpu_below(20.0), rss_below(500)), timeout=120.0)


def _cmudict(kind: str) -> bytes:
    if kind == "one-line":  # one line of 4 MB of phones
        return b"a AH0 " + b"AH " * 1_300_000 + b"\n"
    if kind == "alternates":  # 300,000 alternates of one word, unstressed
        return b"".join(b"word(%d) W ER D\n" % (i % 100) for i in range(300_000))
    return b"".join(b"w%d " % i + b"AH " * 5_000 + b"\n" for i in range(1_000))  # 15 MB of long entries


for _kind in ("one-line", "alternates", "long-entries"):
    probe(f"s22-inspect-cmudict-{_kind}", "artifact", _inspect_file("cmudict-en-us.dict", lambda k=_kind: _cmudict(k)),
          ("inspect", "cmudict-en-us.dict", "-f", "json"), frozenset({0, 1, 2}), fmt="json",
          checks=(cpu_below(20.0), rss_below(500)), timeout=120.0)


# (i) Swift Hub clients (ae8bec6) and Hub-cache paths: 50,000 calls, names of 10,000 characters ----------------------
scan_probe("s22-swift-hub-50k-calls", "huge-file",
           lambda: {"Sources/App/Load.swift": "import Hub\n" + "".join(
               f'let m{i} = try await AutoModel.from(pretrained: "org{i}/Model-{i}-7B")\n'
               f'let r{i} = Hub.Repo(id: "o{i}/n{i}")\n' for i in range(25_000))
               + 'let q = try await AutoTokenizer.from(pretrained: "Qwen/Qwen2.5-7B-Instruct")\n'},
           accounted=["Sources/App/Load.swift"],
           checks=(*_BOUNDED, _found_or_skipped("Qwen/Qwen2.5-7B-Instruct", "Sources/App/Load.swift")), timeout=120.0)
scan_probe("s22-hub-cache-paths-long", "regex-backtracking",
           lambda: {"serve.sh": "#!/bin/sh\n" + "".join(
               "vllm serve /root/.cache/huggingface/hub/models--" + "a--" * 3_000 + f"b{i}/snapshots/x\n"
               + "vllm serve /data/" + "models--" * 2_000 + f"{i}\n" for i in range(100)) + _SH_PAD
               + "vllm serve /root/.cache/huggingface/hub/models--Qwen--Qwen2.5-7B-Instruct/snapshots/abc\n"},
           accounted=["serve.sh"], checks=_BOUNDED, timeout=120.0)


# (j) Go struct-tag defaults (fa26575) and MiniMax M<N> names (f78ab76) ----------------------------------------------
scan_probe("s22-go-tag-defaults-40k-fields", "huge-file",
           lambda: {"config.go": "package config\n\ntype Config struct {\n" + "".join(
               f'\tModel{i} string `env:"MODEL_{i}" default:"qwen{i}-7b" json:"model{i}"`\n' for i in range(40_000))
               + '\tDefaultModel string `usage:"the model" default:"gpt-4o-mini"`\n}\n'},
           accounted=["config.go"], checks=(*_BOUNDED, _found_or_skipped("gpt-4o-mini", "config.go")), timeout=120.0)
# tags of 2,040 characters (under the 2,048 read) made of `default:"` openings and escapes, and tags never closed
scan_probe("s22-go-tag-hostile", "regex-backtracking",
           lambda: {"tags.go": "package config\n\ntype C struct {\n" + "".join(
               f'\tA{i} string `' + 'default:"\\' * 200 + '`\n'
               f'\tB{i} string `' + ("default:" + '"' + "\\\\" * 100 + '" ') * 9 + '`\n'
               f'\tC{i} string `' + "env-default :  " * 130 + '`\n' for i in range(3_000))
               + '\tM string `default:"gpt-4o-mini"`\n}\n'
               + "type D struct {\n\tX string `default:\"" + "a" * 100_000 + "\n"},
           accounted=["tags.go"], checks=_BOUNDED, timeout=120.0)
scan_probe("s22-minimax-names", "regex-backtracking",
           lambda: {"m.py": "".join(f'M{i} = "MiniMax-M{i}"\nN{i} = "minimax-m{i}-preview"\n' for i in range(30_000))
                            + "".join('L = "minimax-m' + "1" * 10_000 + '"\nK = "MiniMax-' + "M1-" * 3_000 + '"\n'
                                      for _ in range(20)) + _APP},
           accounted=["m.py"], checks=(*_BOUNDED, _found_or_skipped("gpt-4o-mini", "m.py")), timeout=120.0)


# (k) inspect25's PieceTokenizer text models (04b09a9): escapes in the values shown, 20,000 sections, a cut head ----
_ESC = "\x1b]0;pwn\x07\x1b[2J\x9b2J[bold red]x[/bold red]"


def _piece(kind: str) -> bytes:
    head = "[CounterSpec]\nmethod=" + _ESC + "bpe\nvocab_size=32000\n"
    if kind == "sections":
        return (head + "".join(f"[S{i}]\nk=v\n" for i in range(20_000)) + "[Pieces]\nsize=3\n").encode()
    if kind == "cut":
        return (head + "[Pieces]\nsize=" + "9" * 200 + "\n" + "x" * 200_000).encode()
    return (head + "[NormalizerSpec]\nname=" + _ESC * 5 + "\n[Pieces]\nsize=3\n").encode()


for _kind in ("escapes", "sections", "cut"):
    probe(f"s22-inspect-piece-model-{_kind}", "terminal-escape", _inspect_file("tok.pt", lambda k=_kind: _piece(k)),
          ("inspect", "tok.pt", "--no-color"), frozenset({0, 1, 2}), checks=(cpu_below(20.0), rss_below(500)),
          timeout=60.0)
    probe(f"s22-inspect-piece-model-{_kind}-json", "terminal-escape",
          _inspect_file("tok.pt", lambda k=_kind: _piece(k)), ("inspect", "tok.pt", "-f", "json"), frozenset({0, 1, 2}),
          fmt="json", checks=(cpu_below(20.0), rss_below(500)), timeout=60.0)
