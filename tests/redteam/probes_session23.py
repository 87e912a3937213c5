"""Red-team probes of brief redteam26: the paths sessions 22 and 23 added. Kubernetes Ollama operator ``kind: Model``
resources (kubernetes.py, 5ecfd91), the recorded-expectation reader (expectations.py: ``*.golden``, ``*.snap``,
``__snapshots__``), Go struct-tag defaults (fa26575), Rust / Kotlin match and when arms, Swift Hub client calls and
``models--org--name`` cache paths (ae8bec6), shell ``--flag=value`` words (9ce5bf6), the bom dependency index
(0d139fb) and its model cap (redteam26), inspect's new readers (PieceTokenizer text models, word-label lexicons).

Each probe promises what the tool must do on hostile input: bounded CPU / RSS, a clean exit, and nothing lost (the
model after the hostile part is found, or its file is a reported skip). Imported by tests/redteam/probes.py after
probes_session22, so every probe lands in the one registry (``PROBES``). Stdlib only at import time.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable

from tests.redteam.probes import USAGE, probe, scan_probe
from tests.redteam.probes_session8 import cpu_below
from tests.redteam.probes_session13 import rss_below
from tests.redteam.probes_session20 import _finds, _said
from tests.redteam.probes_session21 import _found_or_skipped, no_dfa_oom
from tests.redteam.probes_session22 import _inspect_file
from tests.redteam.runner import Ctx

_BOUNDED = (cpu_below(20.0), rss_below(500), no_dfa_oom)
_SH_PAD = "echo ok\n" * 20_000  # short lines keep a file's average line under the generated mark (20,000)


# (a) Kubernetes: an Ollama operator's Model resources ---------------------------------------------------------------
def _ollama_model(i: int, image: str) -> str:
    return f"---\napiVersion: ollama.ayaka.io/v1\nkind: Model\nmetadata:\n  name: m{i}\nspec:\n  image: {image}\n"


# 10,000 Model resources in one multi-document YAML (under the 1 MiB parse cap: 1,100 KB is over it, read by lines)
scan_probe("s23-k8s-ollama-model-10k-docs", "huge-file",
           lambda: {"k8s/models.yaml": "".join(_ollama_model(i, f"phi{i % 50}:latest") for i in range(10_000))
                    + _ollama_model(10_000, "llama2")},
           accounted=["k8s/models.yaml"], checks=(*_BOUNDED, _found_or_skipped("llama2", "k8s/models.yaml")),
           timeout=120.0)
# a spec.image of 1 MB, one of 200,000 colons and slashes, and a flow mapping 5,000 deep under spec, then a library model
scan_probe("s23-k8s-ollama-model-huge-image", "huge-line",
           lambda: {"k8s/m.yaml": _ollama_model(0, "a" * 1_000_000) + _ollama_model(1, ":/" * 100_000)
                    + "---\napiVersion: ollama.ayaka.io/v1\nkind: Model\nspec:\n  x: " + "{a: " * 5_000 + "1"
                    + "}" * 5_000 + "\n" + "".join(_ollama_model(i, "x") for i in range(2, 300))
                    + _ollama_model(999, "llama2")},
           accounted=["k8s/m.yaml"], checks=(*_BOUNDED, _found_or_skipped("llama2", "k8s/m.yaml")), timeout=120.0)
# 20,000 resources whose kind, group or spec is almost right (kind: Model under another group, image lists, nulls)
scan_probe("s23-k8s-ollama-model-lookalikes", "huge-file",
           lambda: {"k8s/mix.yaml": "".join(
               f"---\napiVersion: {g}\nkind: {k}\nspec:\n  image: {v}\n"
               for i in range(5_000)
               for g, k, v in (("ollama.ayaka.io/v1", "Model", "[a, b]"), ("ml.example.com/v1", "Model", f"m{i}"),
                               ("ollama.ayaka.io/v1", "Model", "null"), ("ollama.ayaka.io/v1", "model", "{x: 1}")))
               + _ollama_model(1, "llama2")},
           accounted=["k8s/mix.yaml"], checks=(*_BOUNDED, _found_or_skipped("llama2", "k8s/mix.yaml")), timeout=120.0)


# (b) recorded expectations ------------------------------------------------------------------------------------------
_GOLD_TAIL = json.dumps({"model": "gpt-4o"})
scan_probe("s23-golden-50k-objects", "huge-file",
           lambda: {"testdata/big.golden": "[\n" + "".join(f'  {{"id": {i}, "v": "x{i}"}},\n' for i in range(50_000))
                    + "  " + _GOLD_TAIL + "\n]\n"},
           accounted=["testdata/big.golden"], checks=(*_BOUNDED, _found_or_skipped("gpt-4o", "testdata/big.golden")),
           timeout=120.0)
# 100,000-deep JSON (lost silently until redteam26: now a parse-error skip), a 3 MB golden (over the 2 MiB cap), NUL
# bytes and invalid UTF-8 around a model
scan_probe("s23-golden-deep-huge-binary", "deep-nesting",
           lambda: {"testdata/deep.golden": "[" * 100_000 + _GOLD_TAIL + "]" * 100_000 + "\n",
                    "testdata/huge.golden": ('{"model": "gpt-4o", "pad": "' + "p" * 3_000_000 + '"}\n'),
                    "testdata/nul.golden": b"\x00" * 1000 + b'{"model": "gpt-4o"}\n' + b"\xff\xfe\x80" * 10_000,
                    "testdata/utf8.golden": b'{"model": "gpt-4o", "x": "\xc3\x28\xa0\xa1"}\n' * 2_000},
           accounted=["testdata/deep.golden", "testdata/huge.golden", "testdata/nul.golden", "testdata/utf8.golden"],
           checks=_BOUNDED, timeout=120.0)
# insta and Jest snapshots: a --- header never closed, 5,000 Jest entries (past the 2,000 read), backticks unclosed
# (recorded text that is not data is not read, by design: only the Jest file, whose bodies are JSON, must answer)
scan_probe("s23-snapshots-hostile-wrappers", "regex-backtracking",
           lambda: {"tests/snapshots/a__b.snap": "---\nsource: tests/a.rs\nexpression: x\n" + "k: v\n" * 50_000,
                    "src/__snapshots__/a.test.js.snap": "// Jest Snapshot v1, https://goo.gl/fbAQLP\n\n" + "".join(
                        f'exports[`case {i}`] = `\nObject {{\n  "model": "gpt-4o-mini",\n  "i": {i},\n}}\n`;\n\n'
                        for i in range(5_000)),
                    "src/__snapshots__/b.test.js.snap": "exports[`x`] = `" + "\\`" * 200_000 + "\n",
                    "testdata/t.golden": "`" * 100_000 + "\n" + _GOLD_TAIL + "\n"},
           accounted=["src/__snapshots__/a.test.js.snap"],
           checks=(*_BOUNDED, _found_or_skipped("gpt-4o-mini", "src/__snapshots__/a.test.js.snap")), timeout=120.0)
# 3,000 snapshot files in one __snapshots__ folder, each with a model
scan_probe("s23-snapshots-3k-files", "many-files",
           lambda: {f"__snapshots__/s{i}.golden": _GOLD_TAIL + "\n" for i in range(3_000)},
           checks=(*_BOUNDED, _finds("gpt-4o")), timeout=180.0)


# (c) Go struct-tag defaults -----------------------------------------------------------------------------------------
# 60,000 tagged fields on one line (2.9 MB; 400 short lines keep the average line under the generated mark)
scan_probe("s23-go-tags-60k-on-a-line", "huge-line",
           lambda: {"cfg.go": "package cfg\n\ntype C struct { " + "".join(
               f'F{i} string `default:"m{i}"`; ' for i in range(60_000))
               + 'Judge string `env:"JUDGE" envDefault:"gpt-4o"` }\n' + "// pad\n" * 400},
           accounted=["cfg.go"], checks=(*_BOUNDED, _found_or_skipped("gpt-4o", "cfg.go")), timeout=120.0)
# tags of 1 MB, tags of 100,000 quotes / backslashes, unterminated raw strings, then a model default
scan_probe("s23-go-tags-hostile", "regex-backtracking",
           lambda: {"opts.go": "package opts\n\ntype O struct {\n"
                    + "\tA string `default:\"" + "a" * 1_000_000 + "\"`\n"
                    + "\tB string `default:" + '"' * 100_000 + "`\n"
                    + "\tC string `env:\"X\" envDefault:\"" + "\\\\" * 50_000 + "\"`\n"
                    + "".join(f'\tD{i} string `{"k:" * 500}"v"`\n' for i in range(200))
                    + '\tModel string `long:"model" default:"gpt-4o"`\n}\n'},
           accounted=["opts.go"], checks=(*_BOUNDED, _found_or_skipped("gpt-4o", "opts.go")), timeout=120.0)


# (d) Rust match / Kotlin when arms ----------------------------------------------------------------------------------
scan_probe("s23-rust-match-100k-arms", "huge-file",
           lambda: {"src/models.rs": "fn model(t: u32) -> &'static str {\n    match t {\n"
                    + "".join(f'        {i} => "m-{i}",\n' for i in range(100_000))
                    + '        _ => "o1-mini",\n    }\n}\n'},
           accounted=["src/models.rs"], checks=(*_BOUNDED, _found_or_skipped("o1-mini", "src/models.rs")),
           timeout=120.0)
scan_probe("s23-rust-match-deep", "deep-nesting",
           lambda: {"src/deep.rs": "fn m(t: u32) -> &'static str {\n" + "match t { 0 => " * 3_000 + '"o1-mini"'
                    + ", _ => \"x\" }" * 3_000 + "\n}\n" + "// pad\n" * 100},
           accounted=["src/deep.rs"], checks=_BOUNDED, timeout=120.0)
scan_probe("s23-kotlin-when-100k-arms", "huge-file",
           lambda: {"app/Models.kt": "fun model(t: Int): String = when (t) {\n"
                    + "".join(f'    {i} -> "m-{i}"\n' for i in range(100_000)) + '    else -> "o1-mini"\n}\n'},
           accounted=["app/Models.kt"], checks=(*_BOUNDED, _found_or_skipped("o1-mini", "app/Models.kt")),
           timeout=120.0)
scan_probe("s23-kotlin-when-deep", "deep-nesting",
           lambda: {"app/Deep.kt": "fun m(t: Int): String = " + "when (t) { 0 -> " * 3_000 + '"o1-mini"'
                    + ' else -> "x" }' * 3_000 + "\n" + "// pad\n" * 100},
           accounted=["app/Deep.kt"], checks=_BOUNDED, timeout=120.0)


# (e) Swift Hub calls and models--org--name paths -------------------------------------------------------------------
scan_probe("s23-swift-hub-30k-calls", "huge-file",
           lambda: {"Sources/Load.swift": "import Hub\n" + "".join(
               f'let r{i} = Hub.Repo(id: "org{i}/model-{i}")\nlet m{i} = try await LanguageModel.from(pretrained: '
               f'"o{i}/n-{i}")\n' for i in range(15_000))
               + 'let last = Hub.Repo(id: "openai/whisper-large-v3")\n'},
           accounted=["Sources/Load.swift"],
           checks=(*_BOUNDED, _found_or_skipped("openai/whisper-large-v3", "Sources/Load.swift")), timeout=120.0)
scan_probe("s23-swift-hub-hostile-args", "regex-backtracking",
           lambda: {"Sources/H.swift": "import Hub\n"
                    + 'let a = Hub.Repo(id: "' + "a/" * 100_000 + '")\n'
                    + 'let b = snapshot(from: ' + "(" * 5_000 + '"x/y"' + ")" * 5_000 + ")\n"
                    + "let c = LanguageModel.from(pretrained: \"" + "\\(" * 50_000 + "\n"
                    + "".join('let d = getFilenames(from: "org/n", matching: ["*.json"])\n' for _ in range(2_000))
                    + 'let e = Hub.Repo(id: "openai/whisper-large-v3")\n'},
           accounted=["Sources/H.swift"],
           checks=(*_BOUNDED, _found_or_skipped("openai/whisper-large-v3", "Sources/H.swift")), timeout=120.0)
# a cache path of 100,000 '--' segments, 100,000 path parts, and 30,000 distinct cache paths
scan_probe("s23-hub-cache-path-100k-segments", "pathological-id",
           lambda: {"serve.py": 'A = "/hub/models--' + "a--" * 100_000 + 'b/snapshots/x/"\n'
                    + 'B = "/hub/' + "models--o--n/" * 100_000 + '"\n'
                    + "".join(f'P{i} = "/data/hub/models--org{i}--name-{i}/snapshots/abc/"\n' for i in range(30_000))
                    + 'Z = "/data/hub/models--Qwen--Qwen2.5-7B-Instruct/snapshots/abc/"\n'},
           accounted=["serve.py"], checks=_BOUNDED, timeout=120.0)


# (f) shell --flag=value words ---------------------------------------------------------------------------------------
scan_probe("s23-shell-assigned-flags-100k", "huge-line",
           lambda: {"run.sh": "#!/bin/sh\npython e.py " + "".join(f"--f{i}={i} --s{i} " for i in range(50_000))
                    + "--generator=o1-mini\n" + "python e.py " + "--n=1 " * 100_000 + "--judge o1-mini\n" + _SH_PAD},
           accounted=["run.sh"], checks=(*_BOUNDED, _found_or_skipped("o1-mini", "run.sh")), timeout=120.0)
scan_probe("s23-shell-assigned-flags-odd", "regex-backtracking",
           lambda: {"odd.sh": "#!/bin/sh\n" + "".join(
               f"python e.py --{'=' * 1_000} --a{'=' * 5_000}b --c==={i} --d=\"{'x' * 10_000}\n" for i in range(50))
               + "python e.py " + "--=" * 100_000 + "\npython e.py --generator=o1-mini\n" + _SH_PAD},
           accounted=["odd.sh"], checks=(*_BOUNDED, _found_or_skipped("o1-mini", "odd.sh")), timeout=120.0)


# (g) bom: the dependency index and the model cap --------------------------------------------------------------------
def _services_and_models() -> str:
    return "".join(f'c{i} = OpenAI(base_url="https://h{i}.example.com/v1")\nc{i}.chat.completions.create('
                   f'model="org{i}/m-{i}")\n' for i in range(3_000)) + 'x = OpenAI().chat.completions.create(model="gpt-4o")\n'


probe("s23-bom-3k-services", "huge-file", lambda ctx: (ctx.work / "app.py").write_text(_services_and_models()),
      ("bom", ".", "-f", "json"), frozenset({0, 1}), checks=_BOUNDED, timeout=180.0)
probe("s23-bom-xml-over-cap", "huge-file",
      lambda ctx: (ctx.work / "models.yaml").write_text("models:\n" + "".join(
          f"  - model: qwen.qwen3-{i}b-a{i % 97}b-v1:0\n" for i in range(3_000))),
      ("bom", ".", "-f", "xml"), frozenset({0, 1}), checks=(*_BOUNDED, _said("modelmap:truncated")), timeout=180.0)
# 19.9 s of CPU in spdx_python_model (10,000 ids) until redteam26 capped the SPDX document's models too; 3,000 ids
# (3 times the 1,000-model cap, which the truncation note must say) since redteam39: 6.6 s of the probe's CPU was
# the scan of 10,000 findings, not the document (the id keeps its name)
probe("s23-bom-spdx-10k-ids", "huge-file",
      lambda ctx: (ctx.work / "models.yaml").write_text("models:\n" + "".join(
          f"  - model: qwen.qwen3-{i}b-a{i % 97}b-v1:0\n" for i in range(3_000))),
      ("bom", ".", "-f", "spdx"), frozenset({0, 1}), checks=(*_BOUNDED, _said("modelmap:truncated")), timeout=180.0)


# (h) inspect's new readers: PieceTokenizer text models, word-label lexicons ----------------------------------------
def _piece(kind: str) -> bytes:
    head = "[CounterSpec]\nmethod=bpe\nvocab_size=32000\n"
    if kind == "1m-keys":
        return (head + "".join(f"k{i}=v\n" for i in range(1_000_000)) + "[Pieces]\n").encode()
    if kind == "long-lines":
        return (head + "method=" + "b" * 5_000_000 + "\n[" + "N" * 1_000_000 + "]\n").encode()
    if kind == "sections":
        return (head + "".join(f"[S{i}]\n" for i in range(200_000))).encode()
    return b"[CounterSpec]\n" + b"\x00\xff" * 500_000  # binary after the head


for _kind in ("1m-keys", "long-lines", "sections", "binary"):
    probe(f"s23-inspect-piece-spec-{_kind}", "artifact", _inspect_file("model.pt", lambda k=_kind: _piece(k)),
          ("inspect", "model.pt", "-f", "json"), frozenset({0, 1, 2}), fmt="json",
          checks=(cpu_below(20.0), rss_below(500)), timeout=120.0)


def _lexicon(kind: str) -> bytes:
    labels = ",".join(f'"l{i}"' for i in range(64))
    if kind == "16mb":
        return ("{" + ",".join(f'"w{i}":[{labels}]' for i in range(43_000)) + "}").encode()
    if kind == "spaces":  # whitespace between labels and no commas: the entry regex's optional parts
        return ("{" + ",".join(f'"w{i}":[' + "  ".join(f'"l{j}"' for j in range(64)) + ' "l65" ]'
                               for i in range(20_000)) + "}").encode()
    if kind == "open-list":
        return ('{"a":["x"],"b":["y"],"c":["z"],"d":[' + '"x",' * 2_000_000).encode()
    return ('{"a":["x"],"b":["y"],"c":["z"],' + ",".join(f'"w{i}":["' + "\\" * 199 + '"]'
                                                         for i in range(50_000)) + "}").encode()


for _kind in ("16mb", "spaces", "open-list", "escapes"):
    probe(f"s23-inspect-label-lexicon-{_kind}", "artifact", _inspect_file("lexicon.json", lambda k=_kind: _lexicon(k)),
          ("inspect", "lexicon.json", "-f", "json"), frozenset({0, 1, 2}), fmt="json",
          checks=(cpu_below(20.0), rss_below(500)), timeout=120.0)


# (i) committed during the session: inspect26's ncnn .param reader, schemeless Ollama registry references (1cc3454),
# MediaPipe .task bundles under a file-name binding (520784b) ---------------------------------------------------------
def _ncnn(kind: str) -> bytes:
    head = "7767517\n"
    if kind == "100k-layers":  # one past MAX_LAYERS
        return (head + "100001 100001\n" + "".join(f"Convolution c{i} 1 1 b{i} b{i + 1} 0=64 1=3 6=1728\n"
                                                  for i in range(100_001))).encode()
    if kind == "2m-tokens":  # one layer line of 2,000,000 tokens (8 MB, past the file's read)
        return (head + "1 1\nConcat cat 1000000 1 " + "b " * 1_000_000 + "out\n").encode()
    if kind == "huge-counts":
        return (head + "999999999 999999999\nInput in 0 1 data\n" + "Convolution c 1 1 data o 0=999999999999 "
                "6=-1 -23300=999999999," + ",".join("1" for _ in range(100_000)) + "\nInnerProduct").encode()
    return (head + "3 3\n" + "\x00\xff" * 100_000 + "\n").encode("latin-1")  # binary after the header


for _kind in ("100k-layers", "2m-tokens", "huge-counts", "binary"):
    probe(f"s23-inspect-ncnn-param-{_kind}", "artifact", _inspect_file("model.param", lambda k=_kind: _ncnn(k)),
          ("inspect", "model.param", "-f", "json"), frozenset({0, 1, 2}), fmt="json",
          checks=(cpu_below(20.0), rss_below(500)), timeout=120.0)

scan_probe("s23-ollama-registry-refs", "pathological-id",
           lambda: {"pull.py": 'A = "registry.ollama.ai/' + "library/" * 100_000 + 'phi:latest"\n'
                    + 'B = "ollama.com/' + "a" * 200_000 + ':7b"\n'
                    + "".join(f'M{i} = "registry.ollama.ai/ns{i}/model-{i}:{i}b"\n' for i in range(30_000))
                    + 'Z = "registry.ollama.ai/library/deepseek-r1:7b"\n'},
           accounted=["pull.py"], checks=(*_BOUNDED, _found_or_skipped("registry.ollama.ai/library/deepseek-r1:7b",
                                                                        "pull.py")), timeout=120.0)
scan_probe("s23-task-bundle-filenames", "regex-backtracking",
           lambda: {"lib/models.dart": "const models = [\n" + "".join(
               f"  {{'filename': '{'gemma3-' * 1_500}{i}.task'}},\n  {{'filename': 'g{i}-it-int4.task'}},\n"
               for i in range(3_000)) + "  {'filename': 'gemma3-1b-it-int4.task'},\n];\n"},
           accounted=["lib/models.dart"], checks=_BOUNDED, timeout=120.0)


# (j) tryout23: --config that is not a regular file (b4b4553), a project file that is a FIFO, a flow-less scenario
# over many models (bbc98d5): exit 2 with a message, the FIFO never opened (no reader or writer: opening it blocks)
def _fifo_config(rel: str) -> Callable[[Ctx], None]:
    def build(ctx: Ctx) -> None:
        (ctx.work / "app.py").write_text('from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4o")\n')
        p = ctx.work / rel
        os.mkfifo(p)
        ctx.special.append(p)
    return build


for _argv in (("check", "."), ("report", "."), ("bom", "."), ("plan", ".", "--scenario", "no-cn-origin")):
    probe(f"s23-config-fifo-{_argv[0]}", "special-input", _fifo_config("cfg.fifo"), (*_argv, "--config", "cfg.fifo"),
          USAGE, checks=(cpu_below(20.0), _said("not a regular file")), timeout=60.0)
    probe(f"s23-project-yaml-fifo-{_argv[0]}", "special-input", _fifo_config("modelmap.yaml"), _argv, USAGE,
          checks=(cpu_below(20.0), _said("not a regular file")), timeout=60.0)
probe("s23-scenario-flowless-5k-models", "huge-file",
      lambda ctx: (ctx.work / "models.yaml").write_text("models:\n" + "".join(
          f"  - model: qwen.qwen3-{i}b-a{i % 97}b-v1:0\n  - model: deepseek.v{i}-v1:0\n" for i in range(2_500))),
      ("scenario", "no-cn-origin", "."), frozenset({0, 1}), checks=(cpu_below(20.0), rss_below(500)), timeout=180.0)


# (k) Hub downloads (open22b's hf_hub_download file rule, in progress at the time of writing): 20,000 calls, a
# filename of 200,000 characters, 5,000 positional arguments, nested calls as arguments
scan_probe("s23-hf-hub-download-20k-calls", "huge-file",
           lambda: {"dl.py": "from huggingface_hub import hf_hub_download\n" + "".join(
               f'p{i} = hf_hub_download(repo_id="org{i}/m-{i}-GGUF", filename="m-{i}-q4_k_m.gguf")\n'
               for i in range(20_000))
               + 'z = hf_hub_download(repo_id="Qwen/Qwen2.5-7B-Instruct-GGUF", filename="qwen2.5-7b-instruct-q4_k_m.gguf")\n'},
           accounted=["dl.py"], checks=(*_BOUNDED, _found_or_skipped("Qwen/Qwen2.5-7B-Instruct-GGUF", "dl.py")),
           timeout=120.0)
scan_probe("s23-hf-hub-download-hostile-args", "regex-backtracking",
           lambda: {"h.py": "from huggingface_hub import hf_hub_download\n"
                    + 'a = hf_hub_download("o/n", "' + "a." * 100_000 + 'gguf")\n'
                    + "b = hf_hub_download(" + ", ".join(f'"x{i}"' for i in range(5_000)) + ")\n"
                    + "c = hf_hub_download(" + "hf_hub_download(" * 200 + '"o/n", "f.gguf"' + ")" * 201 + "\n"
                    + 'z = hf_hub_download(repo_id="Qwen/Qwen2.5-7B-Instruct-GGUF", filename="q.gguf")\n'},
           accounted=["h.py"], checks=(*_BOUNDED, _found_or_skipped("Qwen/Qwen2.5-7B-Instruct-GGUF", "h.py")),
           timeout=120.0)
