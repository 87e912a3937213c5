"""Red-team probes of brief redteam39 (session 35 of the red-team log): the readers the last sessions added or changed -
inspect's content sniffing of renamed JSON configs and Paddle ``inference.yml`` files (sniff_config /
read_paddle_config: YAML alias and merge-key bombs, oversized and deeply nested YAML, FIFOs and device links under the
name, fields of the wrong type, unsafe YAML tags), Apple Core ML specifications (``.mlmodel`` and ``.mlpackage``
folders: lying lengths, 10^6 features, pipelines nested 10^4 deep, declared shapes of 2^62, a package whose model is
a FIFO or a link out of it), recorded event streams (``.sse``: a 10 MB data line, lines without newlines, RSS of a
stream parsed whole), ``provider::version::model`` references, fenced code in documentation literals, YAML / TOML a
test writes in a string literal, PHP record lists, Go anonymous-struct tables, Rust ``unwrap_or`` / Java ``orElse``
chains, ``/model <id>`` chat commands, and the peak RSS of a dense 4 MiB source file.

Each probe promises what the tool must do on hostile input: bounded CPU and memory (the runner's RLIMIT_AS and wall
limit, plus a CPU / RSS bound where one is known), a clean exit with a documented code, nothing executed, every file a
finding or a reported skip, special files left as they are, and - where an ordinary reference sits beside the hostile
part - the answer an ordinary spelling gets. Every input is built at test time. Imported by tests/redteam/probes.py
after probes_session34. Stdlib only at import time.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from tests.artifacts.protobuf import field as _ld
from tests.artifacts.protobuf import varint as _varint
from tests.redteam.probes import (
    OK_OR_USAGE,
    SCAN_JSON,
    chain,
    fifo,
    files,
    gguf_file,
    inspect_listed_skip,
    probe,
    scan_probe,
    symlink,
    write,
)
from tests.redteam.probes_session8 import cpu_below
from tests.redteam.probes_session13 import rss_below
from tests.redteam.probes_session27 import finds
from tests.redteam.probes_session33 import _only_output
from tests.redteam.runner import Ctx, Result

_PY_CALL = "import openai\nopenai.OpenAI().chat.completions.create(model='gpt-4o-mini')\n"
_INSPECT = ("inspect", ".", "-f", "json")
_HEAD = "Global:\n  model_name: PP-DocLayout-L\nmode: paddle\narch: DETR\n"


def _declared(name: str | None) -> Callable[[Result], str | None]:
    """inspect's declared name is ``name`` (the ordinary file beside the hostile one still read)."""
    def check(res: Result) -> str | None:
        if res.rc != 0:
            return None
        got = (res.json().get("declared") or {}).get("name")
        return None if got == name else f"declared name {got!r}, expected {name!r}"
    return check


def _paddle_read(res: Result) -> str | None:
    """The inference.yml beside the hostile part was read as a Paddle config (its evidence note is there)."""
    if res.rc != 0:
        return None
    notes = [e.get("detail", "") for e in res.json().get("evidence", [])]
    return None if any(n.startswith("Paddle inference config") for n in notes) else "inference.yml not read"


def _inspect(id: str, cls: str, build: Callable[[Ctx], object], *checks: Callable[[Result], str | None],
             target: str = ".", timeout: float = 30.0) -> None:
    probe(id, cls, build, ("inspect", target, "-f", "json"), OK_OR_USAGE, fmt="json", timeout=timeout,
          checks=(cpu_below(10.0), rss_below(500), *checks))


# --- (1) inspect: Paddle inference.yml and renamed configs read by content (sniff_config, b7d3f791) ------------------
def _laughs(levels: int, key: str = "label_list") -> str:
    out = [_HEAD + "l0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"]
    out += [f"l{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]\n" for i in range(1, levels + 1)]
    return "".join(out) + f"{key}: [*a{levels}, b]\n"


def _merges(levels: int) -> str:
    out = [_HEAD + "m0: &m0 {" + ", ".join(f"k{i}: v" for i in range(10)) + "}\n"]
    out += [f"m{i}: &m{i}\n  <<: [" + ", ".join([f"*m{i - 1}"] * 10) + "]\n" for i in range(1, levels + 1)]
    return "".join(out)


def _paddle_dir(text: str | bytes) -> Callable[[Ctx], object]:
    return chain(files({"inference.yml": text}), gguf_file("model.gguf"))


# (a) a 4 KB billion-laughs document: 10^9 labels once expanded (str() of each label ran past 60 s and 1.5 GB: fixed,
# refused before construction, only scalar labels kept); (b) the same through <<: merge keys (SafeConstructor copies
# merged pairs in: 10^9 pairs); (c) an alias bomb under Global.model_name (not a string: no name)
_inspect("session35-paddle-yml-alias-bomb", "yaml-bomb", _paddle_dir(_laughs(9)), inspect_listed_skip("inference.yml"))
_inspect("session35-paddle-yml-merge-key-bomb", "yaml-bomb", _paddle_dir(_merges(8)),
         inspect_listed_skip("inference.yml"))
_inspect("session35-paddle-yml-bomb-in-model-name", "yaml-bomb", _paddle_dir(
    "l0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(f"l{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]\n"
                                                      for i in range(1, 9))
    + "Global:\n  model_name: *a8\nmode: paddle\narch: *a8\n"), inspect_listed_skip("inference.yml"))
# (d) a 3 MB inference.yml of 500,000 labels (pure-Python PyYAML: 18 MB ran past 120 s; now over the 1 MiB a config
# YAML is parsed to: a reported skip) and one of 980 KB (under it: parsed, 90,000 labels, 1,000 kept)
_inspect("session35-paddle-yml-3mb", "huge-file", _paddle_dir(_HEAD + "label_list:\n" + "  - a\n" * 500_000),
         inspect_listed_skip("inference.yml"))
_inspect("session35-paddle-yml-980kb-labels", "quadratic-position", _paddle_dir(
    _HEAD + "label_list:\n" + "".join(f"  - l{i}\n" for i in range(90_000))), _paddle_read)
# (e) flow lists nested 100,000 deep, block sequences nested 300,000 deep on one line (`- - - x`), and explicit keys
# nested (`? ? ? x`): the loader's nesting bound, a reported skip, never a crash of the process
for _n, _body in (("flow", "label_list: " + "[" * 100_000 + "]" * 100_000 + "\n"),
                  ("block", "label_list:\n  " + "- " * 300_000 + "x\n"),
                  ("keys", "label_list: " + "? " * 200_000 + "x\n")):
    _inspect(f"session35-paddle-yml-deep-{_n}", "deep-nesting", _paddle_dir(_HEAD + _body),
             inspect_listed_skip("inference.yml"))
# (f) inference.yml a FIFO (no writer: must not block), and a link to /dev/zero and one to a 64 MB sparse file
_inspect("session35-paddle-yml-fifo", "fifo", chain(fifo("inference.yml"), gguf_file("model.gguf")),
         inspect_listed_skip("inference.yml"))
_inspect("session35-paddle-yml-link-dev-zero", "device", chain(symlink("inference.yml", "/dev/zero"),
                                                                gguf_file("model.gguf")),
         inspect_listed_skip("inference.yml"))


def _sparse_yml(ctx: Ctx) -> None:
    big = ctx.root / "big.yml"
    with open(big, "wb") as fh:
        fh.write(_HEAD.encode())
        fh.truncate(64 * 1024 * 1024)
    symlink("m/inference.yml", str(big), special=True)(ctx)
    gguf_file("m/model.gguf")(ctx)


_inspect("session35-paddle-yml-link-64mb-sparse", "huge-file", _sparse_yml, inspect_listed_skip("inference.yml"),
         target="m")
# (g) unsafe tags: python/object/apply (os.system), !!binary of 600 KB, a tag of 100,000 characters
_inspect("session35-paddle-yml-python-tags", "unsafe-load", lambda ctx: (
    _paddle_dir(_HEAD + f"x: !!python/object/apply:os.system ['touch {ctx.marker}']\n")(ctx),
    write(ctx.work / "b" / "inference.yml", _HEAD + "x: !!binary " + "QUFB" * 150_000 + "\ny: !" + "t" * 100_000
          + " z\n")), inspect_listed_skip("inference.yml"))
# (h) every field of the wrong type: Global a list, model_name a mapping / a 10^5-item list / an int, arch a list,
# mode 1e309, label_list of 50,000 mappings and of nulls; and in JSON form, a renamed config named alone
_inspect("session35-paddle-fields-wrong-types", "type-confusion", lambda ctx: (
    write(ctx.work / "inference.yml", "Global:\n  model_name: {a: 1}\nmode: paddle\narch: [1, 2]\nlabel_list:\n"
          + "  - {k: v, l: [1, 2]}\n" * 50_000 + "  - null\n  - 1e309\n  - .nan\n"),
    gguf_file("model.gguf")(ctx)), _declared("tiny"))
for _n, _cfg in (("global-list", {"Global": [1, 2], "mode": "paddle", "arch": "DETR"}),
                 ("name-list", {"Global": {"model_name": ["PP-DocLayout-L"] * 100_000}, "mode": "paddle"}),
                 ("name-int", {"Global": {"model_name": 2**200}, "mode": "paddle", "arch": 7,
                               "label_list": [[i] for i in range(50_000)]}),
                 ("hf-types", {"model_type": {"a": 1}, "architectures": "LlamaForCausalLM", "added_tokens": 1})):
    probe(f"session35-renamed-json-{_n}", "type-confusion", files({"m11": json.dumps(_cfg)}),
          ("inspect", "m11", "-f", "json"), OK_OR_USAGE, fmt="json", timeout=30.0, checks=(cpu_below(10.0),))
# (i) a renamed JSON config nested 100,000 deep, and a 30 MB one of 1,000,000 two-key objects (parsed twice: by the
# sniff, then by the artifact readers), each named alone
probe("session35-renamed-json-100k-deep", "deep-nesting",
      files({"m11": '{"Global": {"model_name": "x"}, "mode": "paddle", "a": ' + "[" * 100_000 + "]" * 100_000 + "}"}),
      ("inspect", "m11", "-f", "json"), OK_OR_USAGE, fmt="json", timeout=30.0, checks=(cpu_below(10.0),))
probe("session35-renamed-json-1m-objects", "huge-file",
      files(lambda: {"m11": '{"model_type": "llama", "x": [' + ",".join(['{"a":1,"b":2}'] * 1_000_000) + "]}"}),
      ("inspect", "m11", "-f", "json"), OK_OR_USAGE, fmt="json", timeout=60.0, checks=(rss_below(1200),))
# (j) inference.json in a folder (read whatever the call): 100,000 deep, beside a model
_inspect("session35-inference-json-deep-in-folder", "deep-nesting", chain(files(
    {"inference.json": '{"Global": ' * 100_000 + "1" + "}" * 100_000}), gguf_file("model.gguf")))
# (k) scanned with -o: the hostile YAML and JSON configs beside models, nothing written but the output
probe("session35-paddle-configs-scan-o", "yaml-bomb", chain(
    files({"models/det/inference.yml": _laughs(9), "models/rec/inference.yml": _merges(8),
           "models/cfg/inference.json": '{"Global": ' * 50_000 + "1" + "}" * 50_000, "app/call.py": _PY_CALL})),
      (*SCAN_JSON, "-o", "out.json"), frozenset({0}), fmt="json", output="out.json",
      checks=(_only_output("models", "app"), cpu_below(15.0)), timeout=40.0)


# --- (2) Core ML specifications -------------------------------------------------------------------------------------
def _feature(name: bytes, dims: bytes = b"") -> bytes:
    return _ld(1, name) + (_ld(3, _ld(5, _ld(1, dims))) if dims else b"")


def _spec(desc: bytes, model_type: bytes = b"") -> bytes:
    return b"\x08\x04" + _ld(2, desc) + model_type


def _coreml(kind: str) -> bytes:
    if kind == "lying":  # description's length says 2^62, a feature name's 2^40, an 11-byte varint
        return b"\x08\x04\x12" + _varint(2**62) + b"\x0a" + _varint(2**40) + b"in" + b"\xff" * 11 + b"\x01" + b"\0" * 64
    if kind == "1m-features":  # 1,000,000 input features (64 kept, the 500,000-field budget stops the walk)
        return _spec(b"".join(_ld(1, _feature(b"f%d" % i)) for i in range(1_000_000)))
    if kind == "shapes":  # inputs whose shapes declare dims of 2^62, 100,000 dims each (16 kept)
        dims = _varint(2**62) * 100_000
        return _spec(b"".join(_ld(1, _feature(b"x%d" % i, dims)) for i in range(8)) + _ld(10, _feature(b"y", dims)))
    if kind == "pipeline-10k":  # pipelines nested 10,000 deep (4 walked), each naming itself
        inner = _spec(_ld(1, _feature(b"in")), _ld(500, _ld(1, _ld(1, b"conv"))))
        for i in range(10_000):
            inner = b"\x08\x04" + _ld(202, _ld(1, inner) + _ld(2, b"p%d" % i))
        return _spec(_ld(1, _feature(b"in")), inner[2:])
    if kind == "layers-1m":  # a network of 1,000,000 layers, names of 4 KB every 1,000th
        return _spec(_ld(1, _feature(b"in")), _ld(500, b"".join(
            _ld(1, _ld(1, (b"L" * 4096) if i % 1000 == 0 else b"l%d" % i)) for i in range(1_000_000))))
    raise ValueError(kind)


for _kind in ("lying", "1m-features", "shapes", "pipeline-10k", "layers-1m"):
    _inspect(f"session35-coreml-{_kind}", "big-header",
             lambda ctx, k=_kind: write(ctx.work / "Model.mlmodel", _coreml(k)), target="Model.mlmodel", timeout=40.0)


# an .mlpackage whose Manifest.json points outside the package and at /dev/zero, whose model.mlmodel is a FIFO, and a
# second package whose model.mlmodel links to a file outside the package (a lying spec); inspected and scanned with -o
def _mlpackages(ctx: Ctx) -> None:
    pkg = ctx.work / "Bad.mlpackage"
    write(pkg / "Manifest.json", json.dumps({"fileFormatVersion": "1.0.0", "itemInfoEntries": {
        "a": {"path": "../../../../etc/passwd", "name": "model.mlmodel"}, "b": {"path": "/dev/zero"}},
        "rootModelIdentifier": "a"}))
    fifo("Bad.mlpackage/Data/com.apple.CoreML/model.mlmodel")(ctx)
    outside = write(ctx.work / "elsewhere" / "outside.mlmodel", _coreml("lying"))
    write(ctx.work / "Link.mlpackage" / "Manifest.json", '{"itemInfoEntries": {"x": {"path": "' + "../" * 5_000 + '"}}}')
    symlink("Link.mlpackage/Data/com.apple.CoreML/model.mlmodel", str(outside))(ctx)
    write(ctx.work / "Ok.mlpackage" / "Data" / "com.apple.CoreML" / "model.mlmodel",
          _spec(_ld(1, _feature(b"image")) + _ld(10, _feature(b"scores"))
                + _ld(100, _ld(1, b"a small classifier") + _ld(3, b"acme"))))


_inspect("session35-mlpackage-fifo-and-links", "fifo", _mlpackages, timeout=30.0)
probe("session35-mlpackage-scan-o", "fifo", _mlpackages, (*SCAN_JSON, "-o", "out.json"), frozenset({0}), fmt="json",
      output="out.json", checks=(_only_output("Bad.mlpackage", "Link.mlpackage", "Ok.mlpackage", "elsewhere"),), timeout=30.0)


# --- (3) recorded event streams (.sse) and JSON lines parsed whole ----------------------------------------------------
def _sse(name: str, body: str | bytes) -> Callable[[Ctx], object]:
    def build(ctx: Ctx) -> None:
        write(ctx.work / "testdata" / f"{name}.sse", body)
        write(ctx.work / "testdata" / "ok.sse", 'data: {"id": "c1", "model": "gpt-4o-mini"}\n\ndata: [DONE]\n\n')
    return build


# (a) one data line of 10 MB (over the file-size limit: a skip), (b) 3.9 MB with no newline at all (a generated-file
# skip), (c) 3.9 MB of `data:` lines each a small JSON object (60,000 events, parsed whole before the budget applies:
# peak RSS bounded; a .jsonl body's whole parse is held by jsonl-100k-lines' RSS check)
scan_probe("session35-sse-10mb-data-line", "huge-line",
           _sse("big", 'data: {"model": "gpt-4o", "x": "' + "a" * 10_000_000 + '"}\n\n'),
           accounted=["testdata/big.sse"], checks=(finds("gpt-4o-mini"), rss_below(500)), timeout=30.0)
scan_probe("session35-sse-no-newline", "huge-line",
           _sse("flat", 'data: {"model": "gpt-4o", "x": [' + "1," * 1_950_000 + "1]}"),
           accounted=["testdata/flat.sse"], checks=(finds("gpt-4o-mini"), rss_below(500)), timeout=30.0)
scan_probe("session35-sse-200k-events-rss", "memory",
           _sse("many", "".join(f'data: {{"id": "c{i}", "model": "m{i % 50}", "o": [{{"d": {{"c": "x"}}}}]}}\n'
                                for i in range(60_000)) + 'data: {"id": "c", "model": "gpt-4o"}\n'),
           accounted=["testdata/many.sse"], checks=(finds("gpt-4o-mini"), rss_below(500), cpu_below(20.0)),
           timeout=40.0)
# (e) a data line of JSON nested 100,000 deep with no newline after it, and 10^6 `data:` lines of two bytes
scan_probe("session35-sse-deep-and-1m-lines", "deep-nesting", lambda ctx: (
    _sse("deep", "data: " + "[" * 100_000)(ctx), write(ctx.work / "testdata" / "short.sse", "data:\n" * 600_000)),
           checks=(finds("gpt-4o-mini"),), timeout=30.0)


# --- (4) discovery shapes of the last tuner sessions -----------------------------------------------------------------
# provider::api-version::model: a line of 100,000 `::`, 50,000 references on one line, an ordinary one in another file
scan_probe("session35-provider-version-colons", "huge-line", lambda: {
    "app/cfg.py": "MODEL = 'azure" + "::" * 100_000 + "gpt-4o'\n" + "".join(
        f"M{i} = 'azure::2024-02-{i % 28 + 1:02d}::acme-m{i}'\n" for i in range(50_000)),
    "app/ok.py": "MODEL = 'azure::2024-08-01-preview::gpt-4o-mini'\n" + _PY_CALL},
           accounted=["app/cfg.py"], checks=(finds("gpt-4o-mini"), cpu_below(15.0)), timeout=40.0)
# fenced code in documentation literals: 100,000 fences in one template literal, an unterminated ```ts fence of
# 60,000 `model: 'x'` lines, and an ordinary fenced example
scan_probe("session35-doc-literal-fences", "quadratic-position", lambda: {
    "src/docs.ts": "export const DOC = `\n" + "```ts\nconst a = 1\n```\n" * 100_000 + "`;\n",
    "src/open.ts": "export const OPEN = `\n```ts\n" + "".join(f"  model: 'acme-m{i}',\n" for i in range(60_000))
                   + "  model: 'gpt-4o',\n`;\n",
    "src/ok.ts": "export const README = `\n```ts\nconst r = await client.chat({\n  model: 'gpt-4o-mini',\n})\n```\n`;\n"},
           accounted=["src/open.ts"], checks=(finds("gpt-4o-mini"), cpu_below(15.0)), timeout=40.0)
# YAML / TOML a test writes: a billion-laughs YAML in a Python string literal, a flow list 100,000 deep, a TOML array
# 50,000 deep, each written to a file by the test, beside an ordinary YAML literal
scan_probe("session35-test-written-yaml-toml-bombs", "yaml-bomb", lambda: {
    "tests/test_cfg.py": "def test_a(tmp_path):\n    (tmp_path / 'c.yaml').write_text('''\n"
                         + "a0: &a0 [model: gpt-4o, x, x, x, x, x, x, x, x, x]\n"
                         + "".join(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]\n" for i in range(1, 10))
                         + "'''\n)\n    (tmp_path / 'd.yaml').write_text('model: ' + '" + "[" * 100_000 + "')\n"
                         + "    (tmp_path / 'e.toml').write_text('''model = " + "[" * 50_000 + "'''\n)\n",
    "tests/test_ok.py": "def test_b(tmp_path):\n    (tmp_path / 'c.yaml').write_text('''\nllm:\n  model: gpt-4o-mini\n"
                        "''')\n"},
           checks=(finds("gpt-4o-mini"), cpu_below(15.0)), timeout=40.0)
# PHP record lists: 100,000 ['id' => 'm', 'name' => ...] records, and an array opened that never closes
scan_probe("session35-php-100k-records-unterminated", "quadratic-position", lambda: {
    "app/Models.php": "<?php\nreturn [\n" + "".join(f"    ['id' => 'acme-m{i}', 'name' => 'M {i}'],\n"
                                                   for i in range(100_000)) + "];\n",
    "app/Open.php": "<?php\n$models = [\n" + "    ['id' => 'gpt-4o', 'name' => 'x', [\n" * 30_000,
    "app/Ok.php": "<?php\n$client->chat()->create(['model' => 'gpt-4o-mini']);\n"},
           accounted=["app/Models.php", "app/Open.php"], checks=(finds("gpt-4o-mini"), cpu_below(20.0)), timeout=40.0)
# Go anonymous-struct test tables of 100,000 rows, and one row of 50,000 fields
scan_probe("session35-go-anon-struct-100k-rows", "quadratic-position", lambda: {
    "pkg/m_test.go": "package pkg\n\nfunc TestM(t *testing.T) {\n\ttests := []struct {\n\t\tname  string\n"
                     "\t\tmodel string\n\t}{\n" + "".join(f'\t\t{{"c{i}", "acme-m{i}"}},\n' for i in range(100_000))
                     + "\t\t{" + ", ".join(f'"f{i}"' for i in range(50_000)) + "},\n\t}\n\t_ = tests\n}\n",
    "pkg/ok.go": 'package pkg\n\nvar req = openai.ChatCompletionRequest{Model: "gpt-4o-mini"}\n'},
           accounted=["pkg/m_test.go"], checks=(finds("gpt-4o-mini"), cpu_below(20.0)), timeout=40.0)
# Rust unwrap_or / Java orElse chains 10,000 long (and nested 2,000 deep), an ordinary default beside them
scan_probe("session35-unwrap-or-orelse-chains", "deep-nesting", lambda: {
    "src/cfg.rs": "fn m() -> String {\n    let model = env::var(\"MODEL\")" + ".ok().unwrap_or(x)" * 10_000
                  + ".unwrap_or(\"acme-m\".to_string());\n    let d = " + "a.unwrap_or(" * 2_000 + "\"acme\""
                  + ")" * 2_000 + ";\n    model\n}\n",
    "src/Cfg.java": "class Cfg { String m() { return opt" + ".orElse(other)" * 10_000 + ".orElse(\"acme-j\"); }\n"
                    "  String d() { return " + "o.orElse(" * 2_000 + "\"acme\"" + ")" * 2_000 + "; } }\n",
    "src/ok.rs": "fn k() -> String { env::var(\"MODEL\").unwrap_or(\"gpt-4o-mini\".to_string()) }\n"},
           checks=(finds("gpt-4o-mini"), cpu_below(15.0)), timeout=40.0)
# /model <id> chat commands in Rust test literals: a 900 KB literal of `/model x ` repeats, 30,000 command
# assertions, a command of a 500 KB id, `/model --user` flags 50,000 times; an ordinary call in another file
scan_probe("session35-chat-model-commands", "huge-line", lambda: {
    "src/channels.rs": "#[cfg(test)]\nmod tests {\n    #[test]\n    fn many() {\n        let big = \""
                       + "/model acme-m " * 64_000 + "\";\n" + "".join(
                           f"        assert_eq!(parse(\"/model acme-m{i}\"), Some(M));\n" for i in range(30_000))
                       + "        let id = \"/model " + "a" * 500_000 + "\";\n        let f = \"/model "
                       + "--user " * 50_000 + "gpt-4o\";\n    }\n}\n",
    "app/call.py": _PY_CALL},
           checks=(finds("gpt-4o-mini"), cpu_below(15.0)), timeout=40.0)
# the known open item: a dense 3.8 MB Python file (a list of 150,000 small calls, under the 4 MiB file limit) - the tree it parses to, measured
scan_probe("session35-dense-4mib-python-rss", "memory", lambda: {
    "app/dense.py": "X = [\n" + "".join(f"    f(model=m{i}, x='b'),\n" for i in range(140_000)) + "]\n",
    "app/call.py": _PY_CALL},
           accounted=["app/dense.py"], checks=(finds("gpt-4o-mini"), rss_below(500)), timeout=60.0)
