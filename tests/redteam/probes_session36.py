"""Red-team probes of brief redteam40 (session 36 of the red-team log): the readers the last sessions added or changed -
inspect's Paddle config reader (``inference.yml`` / ``inference.json`` / renamed JSON configs sniffed by content:
integers YAML 1.1 spells sexagesimally or in hex, ``Global`` of every YAML type, names of 900 KB with terminal escapes,
label lists of 10^5-10^6 items, many documents, nesting by indentation that only an old libyaml's event pass counts),
the YAML integers of the policy config (``modelmap.yaml``), agent files' ``models:`` maps (a release-tail regex on a
60 KB model id, 10^5 entries, anchors shared by every entry, entries naming each other, use lists of 50,000 names),
provider-keyed tables and alias dicts in Python / Go (10^5 rows, for-loops over 10^5 literal rows, self-referencing
dicts), Docker Hub ``ai/`` names, the config walk's numeric-list skip (10^6 numbers beside one string, nested numeric
lists), ONNX ``producer_name`` / metadata keys (1 MB, invalid UTF-8, escapes), and the peak RSS of a JSON Lines
body parsed whole and of a dense 4 MiB TypeScript file.

Each probe promises what the tool must do on hostile input: bounded CPU and memory (the runner's RLIMIT_AS and wall
limit, plus a CPU / RSS bound where one is known), a clean exit with a documented code, nothing executed, every file a
finding or a reported skip, special files left as they are, and - where an ordinary reference sits beside the hostile
part - the answer an ordinary spelling gets. The YAML probes run under whatever PyYAML / libyaml the suite's Python has
(CI: PyYAML 6.0.3 with libyaml 0.2.5, whose composer recursed in C). Every input is built at test time. Imported by
tests/redteam/probes.py after probes_session35. Stdlib only at import time.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from tests.artifacts.protobuf import field as _ld
from tests.redteam.probes import (
    OK_OR_USAGE,
    SCAN_JSON,
    chain,
    files,
    gguf_file,
    inspect_listed_skip,
    probe,
    scan_probe,
    stdout_below,
    write,
)
from tests.redteam.probes_session8 import cpu_below
from tests.redteam.probes_session13 import rss_below
from tests.redteam.probes_session27 import finds
from tests.redteam.probes_session33 import _only_output
from tests.redteam.runner import Ctx, Result

_PY_CALL = "import openai\nopenai.OpenAI().chat.completions.create(model='gpt-4o-mini')\n"
_OK_YAML = "llm:\n  model: gpt-4o-mini\n"
_HEAD = "Global:\n  model_name: PP-DocLayout-L\nmode: paddle\narch: DETR\n"
_ANY = frozenset({0, 1, 2})


def _paddle_named(name: str) -> Callable[[Result], str | None]:
    """The inference.yml beside the hostile part was read: its evidence note gives the model name."""
    def check(res: Result) -> str | None:
        if res.rc != 0:
            return None
        notes = [str(e.get("detail", "")) for e in res.json().get("evidence", [])]
        return None if any(f"paddle.model_name={name}" in n for n in notes) else f"Paddle config naming {name} not read"
    return check


def _name_short(res: Result) -> str | None:
    """A declared name, whatever the file says, is at most 200 characters."""
    if res.rc != 0:
        return None
    got = (res.json().get("declared") or {}).get("name")
    return None if got is None or len(str(got)) <= 200 else f"declared name of {len(str(got))} characters"


def _inspect(id: str, cls: str, build: Callable[[Ctx], object], *checks: Callable[[Result], str | None],
             target: str = ".", timeout: float = 30.0, fmt: str = "json") -> None:
    argv = ("inspect", target, "-f", "json") if fmt == "json" else ("inspect", target)
    probe(id, cls, build, argv, OK_OR_USAGE, fmt="json" if fmt == "json" else None, timeout=timeout,
          checks=(cpu_below(10.0), rss_below(500), *checks))


def _paddle_dir(text: str | bytes, name: str = "inference.yml") -> Callable[[Ctx], object]:
    return chain(files({name: text}), gguf_file("model.gguf"))


# --- (1) inspect: Paddle configs (sniff_config / read_paddle_config / _load_config_yaml) ---------------------------
# (a) a label that YAML 1.1 reads as a sexagesimal integer, 1:59:59:... of 300,000 parts (900 KB, under the 1 MiB a
# config YAML is parsed to): SafeConstructor multiplies a growing base once per part, quadratic - 22 s of CPU, then its
# str() failed past Python's 4,300-digit limit and the whole file was skipped (the model name lost). Fixed: integers
# over 256 characters stay text (yamlbound.ConfigLoader)
_inspect("session36-paddle-yml-sexagesimal-label", "quadratic-position",
         _paddle_dir(_HEAD + "label_list:\n  - cat\n  - 1" + ":59" * 300_000 + "\n"), _paddle_named("PP-DocLayout-L"))
# (b) a hex integer of 100,000 digits (converts in linear time; str() of it fails): the name still read
_inspect("session36-paddle-yml-hex-100k-digits", "type-confusion",
         _paddle_dir(_HEAD + "label_list: [cat, 0x" + "f" * 100_000 + ", 0b" + "1" * 100_000 + "]\n"),
         _paddle_named("PP-DocLayout-L"))


# (c) Global of every YAML type, one folder each: binary, set, ordered map, pairs, timestamp, 1e309, .nan, null, a
# 100,000-item list, a sexagesimal integer, a 900 KB string, and model_name of each of those types
def _global_types(ctx: Ctx) -> None:
    values = {"binary": "!!binary " + "QUFB" * 1000, "set": "!!set {" + ", ".join(f"k{i}" for i in range(1000)) + "}",
              "omap": "!!omap [" + ", ".join(f"k{i}: v" for i in range(1000)) + "]",
              "pairs": "!!pairs [" + ", ".join("k: v" for _ in range(1000)) + "]", "ts": "2001-12-14t21:59:43.10-05:00",
              "inf": "1e309", "nan": ".nan", "null": "null", "list": "[" + "x, " * 100_000 + "x]",
              "sexa": "1" + ":59" * 20_000, "str": "s" * 900_000}
    for name, value in values.items():
        write(ctx.work / f"g-{name}" / "inference.yml", f"Global: {value}\nmode: paddle\narch: DETR\n")
        write(ctx.work / f"n-{name}" / "inference.yml", f"Global:\n  model_name: {value}\nmode: paddle\narch: DETR\n")
    gguf_file("model.gguf")(ctx)


_inspect("session36-paddle-yml-global-every-type", "type-confusion", _global_types, _name_short, timeout=40.0)
# (d) a model name of 900 KB, and one carrying terminal escapes (ESC, CSI, C1 via YAML escapes) shown as a table
_inspect("session36-paddle-yml-name-900kb", "huge-line",
         _paddle_dir("Global:\n  model_name: " + "P" * 900_000 + "\nmode: paddle\narch: " + "A" * 100_000 + "\n"),
         _name_short)
for _fmt in ("json", "table"):
    _inspect(f"session36-paddle-yml-name-escapes-{_fmt}", "terminal-escape", _paddle_dir(
        'Global:\n  model_name: "PP\\e]0;pwn\\a\\e[2J\\x9b31m\\u202eLD"\nmode: paddle\narch: "\\e[5mDETR"\n'
        'label_list: ["\\e[31mred", "\\x9bx"]\n'), fmt=_fmt)
# (e) label lists: 150,000 in a YAML flow list (450 KB: read, 1,000 kept; 300,000 pass the 200,000-node bound and are
# a reported skip) and 300,000 integers in inference.json (900 KB); a 3 MB inference.json over the sniff's 1 MiB (left
# to the artifact readers unparsed by the sniff)
_inspect("session36-paddle-yml-150k-flow-labels", "big-header",
         _paddle_dir(_HEAD + "label_list: [" + "a, " * 150_000 + "b]\n"), _paddle_named("PP-DocLayout-L"))
_inspect("session36-paddle-json-300k-labels", "big-header", _paddle_dir(json.dumps(
    {"Global": {"model_name": "PP-DocLayout-L"}, "mode": "paddle", "arch": "DETR", "label_list": [7] * 300_000}),
    name="inference.json"), _paddle_named("PP-DocLayout-L"))
_inspect("session36-paddle-json-3mb", "huge-file", _paddle_dir(
    '{"Global": {"model_name": "PP-DocLayout-L"}, "mode": "paddle", "label_list": [' + '"ab",' * 600_000 + '"c"]}',
    name="inference.json"))
# (f) 100,000 YAML documents (get_single_node refuses a stream), and a mapping nested 1,200 levels by indentation
# alone (one column a level: within the cheap bound nothing, so an old libyaml's event pass counts it)
_inspect("session36-paddle-yml-100k-documents", "big-header",
         _paddle_dir(_HEAD + "---\na: 1\n" * 100_000), inspect_listed_skip("inference.yml"))
_inspect("session36-paddle-yml-indent-1200-deep", "deep-nesting", _paddle_dir(
    _HEAD + "x:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 1200)) + " " * 1200 + "v\n"),
    inspect_listed_skip("inference.yml"))
# (g) a shallow document whose widest line is 900 KB (the cheap nesting bound cannot clear it: an old libyaml parses
# the events, then composes): read, the name kept
_inspect("session36-paddle-yml-wide-line", "huge-line",
         _paddle_dir(_HEAD + "label_list:\n  - '" + "w" * 900_000 + "'\n  - cat\n"), _paddle_named("PP-DocLayout-L"))
# (h) renamed JSON configs named alone: numbers past float range and integers of 5,000 digits (json refuses those)
for _n, _body in (("huge-float", '{"Global": {"model_name": 1e999999}, "mode": "paddle", "arch": -1e999999}'),
                  ("5000-digits", '{"model_type": "llama", "architectures": ["X"], "hidden_size": ' + "9" * 5000 + "}"),
                  ("nan-names", '{"Global": {"model_name": NaN}, "mode": "paddle", "arch": Infinity, "label_list": ['
                                + "NaN," * 100_000 + "0]}")):
    probe(f"session36-renamed-json-{_n}", "type-confusion", files({"m11": _body}), ("inspect", "m11", "-f", "json"),
          OK_OR_USAGE, fmt="json", timeout=30.0, checks=(cpu_below(10.0),))
# (i) scanned with -o: every hostile config above side by side, nothing written but the output
probe("session36-paddle-configs-scan-o", "yaml-bomb", files(lambda: {
    "models/a/inference.yml": _HEAD + "label_list:\n  - 1" + ":59" * 300_000 + "\n",
    "models/b/inference.yml": _HEAD + "x:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 1200)) + " " * 1200 + "v\n",
    "models/c/inference.json": '{"Global": {"model_name": 1e999999}, "mode": "paddle"}', "app/call.py": _PY_CALL}),
      (*SCAN_JSON, "-o", "out.json"), frozenset({0}), fmt="json", output="out.json",
      checks=(_only_output("models", "app"), cpu_below(15.0)), timeout=40.0)


# --- (2) integers in the policy config (policy.yamlmarks: pure-Python SafeLoader, 8 MiB allowed) --------------------
# a sexagesimal integer of 300,000 parts under a numeric key ran `check` past 100 s (quadratic; 8 MiB: hours). Fixed:
# it stays text and the validator names the line
def _policy(value: str) -> Callable[[Ctx], object]:
    return files(lambda: {"modelmap.yaml": f"version: 1\nexpiry_notice_days: {value}\n", "app/call.py": _PY_CALL})


probe("session36-policy-sexagesimal-int", "policy-config", _policy("1" + ":59" * 300_000), ("check", "."), _ANY,
      timeout=30.0, checks=(cpu_below(10.0),))
probe("session36-policy-hex-int-100k", "policy-config", _policy("0x" + "f" * 100_000), ("check", "."), _ANY,
      timeout=30.0, checks=(cpu_below(10.0),))


# --- (3) agent files' models: maps (config_files._named_model_entries / _named_model_use) ------------------------------
def _agent(models: str, agents: str = "agents:\n  root:\n    model: gpt4o\n") -> dict[str, str]:
    return {"agent.yaml": agents + "models:\n" + models, "ok.yaml": _OK_YAML}


# (a) a model id of 60 KB, `-2024` repeated and no tail: _spells_model's $-anchored release-tail regex, tried by
# re.sub from each separator to the end, took 16 s of CPU (1 MiB: an hour). Fixed: ids over 256 characters not compared
scan_probe("session36-agent-models-release-tail-60kb", "regex-backtracking", lambda: _agent(
    "  gpt4o:\n    provider: openai\n    model: gpt-4o" + "-2024" * 12_000 + "x\n"),
           checks=(finds("gpt-4o-mini"), cpu_below(10.0)), timeout=30.0)
# (b) 18,000 entries (900 KB, over the 256 a models: map is read as one), each used by an agent
scan_probe("session36-agent-models-100k-entries", "quadratic-position", lambda: _agent(
    "".join(f"  m{i}:\n    provider: openai\n    model: acme-m{i}\n" for i in range(18_000)),
    "agents:\n" + "".join(f"  a{i}:\n    model: m{i}\n" for i in range(5_000))),
           accounted=["agent.yaml"], checks=(finds("gpt-4o-mini"), cpu_below(20.0)), timeout=40.0)
# (c) anchors: 255 entries all one aliased mapping, entries whose model is an alias of a list; entries naming each
# other in a cycle (a -> b -> a) and a use list of 50,000 names (over the 1,000 characters a use list is read to)
scan_probe("session36-agent-models-anchors-and-cycles", "yaml-bomb", lambda: {
    "anchors.yaml": "agents:\n  root:\n    model: " + ",".join(f"e{i}" for i in range(255)) + "\nmodels:\n"
                    "  e0: &e {provider: openai, model: gpt-4o}\n" + "".join(f"  e{i}: *e\n" for i in range(1, 255)),
    "cycle.yaml": "agents:\n  root:\n    model: " + "a,b," * 25_000 + "a\n  r2:\n    model: a,b,a\nmodels:\n"
                  "  a: {provider: b, model: b}\n  b: {provider: a, model: a}\n",
    "listy.yaml": "x: &l [gpt-4o, gpt-4o]\nmodels:\n  m: {provider: openai, model: *l}\n", "ok.yaml": _OK_YAML},
           checks=(finds("gpt-4o-mini"), cpu_below(15.0)), timeout=30.0)


# --- (4) provider-keyed tables, alias dicts, literal-row loops (polyglot._provider_tables, python._alias_map) ---------
# (a) provider -> default-model tables of 20,000 rows in Go, Java and JS (_provider_tables looks at 4,096 decided
# literals at most: 5 x that shows the bound)
scan_probe("session36-provider-tables-20k-rows", "quadratic-position", lambda: {
    "pkg/defaults.go": "package pkg\n\nvar defaults = map[string]string{\n" + "".join(
        f'\t"{("openai", "anthropic", "mistral", "ollama")[i % 4]}{i}": "acme-m{i}",\n' for i in range(20_000))
                       + '\t"openai": "gpt-4o",\n\t"mistral": "mistral-small-latest",\n}\n',
    "src/Defaults.java": "class D { static final java.util.Map<String, String> M = java.util.Map.ofEntries(\n" + "".join(
        f'  java.util.Map.entry("openai{i}", "acme-m{i}"),\n' for i in range(20_000)) + '  java.util.Map.entry("openai", "gpt-4o"));}\n',
    "src/defaults.js": "export const D = {\n" + "".join(f'  mistral{i}: "acme-m{i}",\n' for i in range(20_000))
                       + '  openai: "gpt-4o",\n  mistral: "mistral-small-latest",\n};\n',
    "app/call.py": _PY_CALL},
           accounted=["pkg/defaults.go", "src/Defaults.java", "src/defaults.js"],
           checks=(finds("gpt-4o-mini"), cpu_below(25.0)), timeout=50.0)
# (b) Python: an alias dict of 100,000 rows, self-referencing dicts, a for-loop over 90,000 literal rows and a row of
# 50,000 columns
scan_probe("session36-python-alias-and-row-tables", "quadratic-position", lambda: {
    "app/aliases.py": "MODEL_ALIASES = {\n" + "".join(f'    "a{i}": "gpt-4o",\n' for i in range(100_000)) + "}\n"
                      "SELF_ALIASES = {}\nSELF_ALIASES['x'] = SELF_ALIASES\nLOOP_ALIASES = {'a': LOOP_ALIASES, "
                      "'b': {'c': LOOP_ALIASES}}\n",
    "app/rows.py": "for key, model_repo, fname in (\n" + "".join(f'    ("k{i}", "acme/m{i}", "w.bin"),\n'
                                                             for i in range(90_000)) + "):\n    pass\n"
                   "for model, *rest in [(" + ", ".join(f'"c{i}"' for i in range(50_000)) + ")]:\n    pass\n",
    "app/call.py": _PY_CALL},
           accounted=["app/aliases.py", "app/rows.py"], checks=(finds("gpt-4o-mini"), cpu_below(25.0)), timeout=50.0)
# (c) model-repository names of 1 MB (`x_x_..._model_repo`), 50,000 `repo_id=` keywords on one line
scan_probe("session36-python-repo-binding-names", "regex-backtracking", lambda: {
    "app/repo.py": "x" + "_x" * 400_000 + "_model_repo = 'acme/m'\nhf_hub_download(" + "repo_id='acme/m', " * 50_000
                   + ")\n", "app/call.py": _PY_CALL},
           accounted=["app/repo.py"], checks=(finds("gpt-4o-mini"), cpu_below(15.0)), timeout=30.0)
# (d) Docker Hub ai/ names: a 500 KB one under a model key, 50,000 in a list, and `ai/` 100,000 times on one line
scan_probe("session36-docker-hub-ai-names", "huge-line", lambda: {
    ".env": "DOCKER_MODEL=ai/" + "q" * 500_000 + ":latest\n",
    "compose.yaml": "models:\n  m:\n    model: ai/smollm2\nx:\n" + "".join(f"  - ai/m{i}:latest\n" for i in range(50_000)),
    "run.sh": "docker model pull " + "ai/" * 100_000 + "x\n", "ok.yaml": _OK_YAML},
           checks=(finds("gpt-4o-mini"), cpu_below(15.0)), timeout=30.0)


# --- (5) the config walk's numeric-list skip (config_files: a run of 32+ plain numbers) ------------------------------
# 1,000,000 numbers then one string (the run is numbers until the last item), numeric lists nested 400 deep and
# 5,000 lists of 40 numbers, a YAML block list of 160,000 numbers with a model id in the middle
scan_probe("session36-numeric-lists", "quadratic-position", lambda: {
    "data/vec.json": '{"embedding": [' + "1," * 1_000_000 + '"gpt-4o"]}',
    "data/nested.json": '{"m": ' + "[" * 400 + ",".join(["1"] * 64) + "]" * 400 + ', "rows": [' + ",".join(
        ["[" + ",".join(["0.5"] * 40) + "]"] * 5_000) + "]}",
    "data/block.yaml": "values:\n" + "  - 1\n" * 80_000 + "  - gpt-4o\n" + "  - 2\n" * 80_000,
    "ok.yaml": _OK_YAML},
           checks=(finds("gpt-4o-mini"), cpu_below(20.0)), timeout=40.0)


# --- (6) ONNX producer_name and metadata (artifacts.onnx, inspect's claims) ------------------------------------------
def _onnx(producer: bytes, key: bytes = b"k", val: bytes = b"v") -> bytes:
    return b"\x08\x08" + _ld(2, producer) + _ld(3, producer[:100]) + _ld(14, _ld(1, key) + _ld(2, val)) \
        + _ld(7, _ld(2, b"g"))


for _n, _prod, _key in (("1mb-producer", b"pytorch" * 150_000, b"k"),
                        ("bad-utf8-escapes", b"\xff\xfe\x1b]0;x\x07\x1b[2J\xc2\x9b31m\xed\xa0\x80", b"\x1b[31m\xff"),
                        ("900kb-metadata-key", b"pytorch", b"K" * 900_000)):
    _inspect(f"session36-onnx-{_n}", "big-header", lambda ctx, p=_prod, k=_key: write(ctx.work / "m.onnx", _onnx(p, k)),
             stdout_below(200_000), target="m.onnx")
_inspect("session36-onnx-bad-utf8-escapes-table", "terminal-escape", lambda ctx: write(
    ctx.work / "m.onnx", _onnx(b"\xff\x1b[2J\xc2\x9b31m", b"\x1b[31m")), target="m.onnx", fmt="table")


# --- (7) peak RSS of bodies parsed whole: a JSON Lines line of 3.4 MB, a dense TS file (an SSE stream of 3.9 MB is ----
# session35-sse-200k-events-rss's claim: a nested-event variant, 6.9 s of CPU for the same 243-259 MB, was dropped)
scan_probe("session36-jsonl-one-3mb-line-rss", "memory", lambda: {
    "testdata/big.jsonl": '{"model": "gpt-4o", "x": {' + ",".join(f'"k{i}": [1, {{"a": "b"}}]' for i in range(120_000))
                          + "}}\n", "app/call.py": _PY_CALL},
           accounted=["testdata/big.jsonl"], checks=(finds("gpt-4o-mini"), rss_below(500)), timeout=40.0)
scan_probe("session36-dense-4mib-typescript-rss", "memory", lambda: {
    "src/dense.ts": "export const X = [\n" + "".join(f"  f({{model: m{i}, x: 'b'}}),\n" for i in range(115_000))
                    + "  f({model: 'gpt-4o', x: 'b'}),\n];\n",
    "app/call.py": _PY_CALL},
           accounted=["src/dense.ts"], checks=(finds("gpt-4o-mini"), rss_below(500)), timeout=60.0)
