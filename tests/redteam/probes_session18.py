"""Red-team probes of brief redteam18: the paths session 18 adds. Python project runners read as python launchers with
Hydra overrides (discover/shell.py, f07ca50), the CJK display-text rule (discover/identify.py, 8c1d0f7), per-model
serving ``name:`` aliases (config_files.py, 30ebc81), model-registry custom resources (kubernetes.py, e47f636) and the
Python loop / parametrize / argparse-list rules of the same commit, plain-text model lists without a .txt name
(polyglot.py ModelListSource, be9fa83), nested C# / Java model registries (polyglot.py outer_owner, 0a7b06a), XML
declared defaults and Core Data ``contents`` (xml_files.py), JSON documents in triple-quoted code literals
(polyglot.py ``_json_blocks``), and the ONNX reader's module roots (artifacts/onnx.py ``onnx.param_roots``: Piper's
VITS voices) with truncated, over-long, deep and metadata-heavy protobufs.

Imported by tests/redteam/probes.py after probes_session17, so every probe lands in the one registry (``PROBES``) and
runs through the same runner and promises (bounded time and memory, no traceback, no raw escape on the terminal, every
file a finding or a skip). Stdlib only at import time.
"""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Callable
from pathlib import Path

from tests.redteam.probes import MB, OK, OK_OR_USAGE, probe, scan_probe, write, write_chunks
from tests.redteam.probes_session8 import cpu_below
from tests.redteam.probes_session13 import rss_below
from tests.redteam.runner import Ctx, Result

ESC = "\x1b]0;pwn\x07\x1b[2J\x9b2J[bold red]x[/bold red]"
BIDI = "\u202e\u2066\u200f\u061c"
_BOUNDED = (cpu_below(20.0), rss_below(500))
_RUNNERS = ("uv", "poetry", "pdm", "hatch", "rye", "pipenv")


def _no_raw_bidi(res: Result) -> str | None:
    """The terminal output holds no raw bidi override / isolate / mark (Trojan-Source reordering): the README says they
    are shown as visible escapes, like ESC and C1 (the runner's generic check covers those two only)."""
    text = (res.stdout + res.stderr).decode("utf-8", "replace")
    for i, ch in enumerate(text):
        if ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c":
            return f"raw bidi control U+{ord(ch):04X} at char {i}: {text[max(0, i - 20):i + 20]!r}"
    return None


def _table_scan(id: str, cls: str, spec: dict[str, str], **kw: object) -> None:
    """scan to the terminal (the table), where escapes and bidi controls must arrive escaped."""
    def build(ctx: Ctx) -> None:
        for rel, data in spec.items():
            write(ctx.work / rel, data)
    probe(id, cls, build, ("scan", ".", "--no-color"), OK, **kw)  # type: ignore[arg-type]


# (a) discover/shell.py: project runners as python launchers with Hydra overrides (f07ca50)
def _runner_overrides(runners: tuple[str, ...]) -> dict[str, str]:
    # 100,000 overrides on one line (~2.3 MB, under the 4 MiB file cap), each a model leaf the rule reads
    return {f"{r}/train.sh": f"{r} run --isolated -m trainer.main "
            + " ".join(f"a.m{i}.model.path=Qwen/Q{i}" for i in range(100_000)) + "\n" for r in runners}


scan_probe("s18-shell-runner-100k-overrides-uv-poetry-pdm", "huge-line", lambda: _runner_overrides(_RUNNERS[:3]),
           accounted=[f"{r}/train.sh" for r in _RUNNERS[:3]], checks=_BOUNDED)
scan_probe("s18-shell-runner-100k-overrides-hatch-rye-pipenv", "huge-line", lambda: _runner_overrides(_RUNNERS[3:]),
           accounted=[f"{r}/train.sh" for r in _RUNNERS[3:]], checks=_BOUNDED)


def _runner_shapes() -> dict[str, str]:
    leaf = "trainer.policy.model.path=Qwen/Qwen2.5-1.5B-Instruct"
    return {
        # a runner chain 1,000 deep (each runner's run starting the next), then the program and its override
        "a/run.sh": " ".join(f"{_RUNNERS[i % 6]} run" for i in range(1_000)) + f" python -m trainer.main {leaf}\n",
        # the same chain with the runners' own flags and `--` between them
        "b/run.sh": " ".join(f"{_RUNNERS[i % 6]} run --frozen --" for i in range(1_000)) + f" -m x {leaf}\n",
        # 1,000 nested command substitutions, each a runner (a command inside $( ) is not read as a launch, runner or
        # not: the line after it must still be read)
        "c/run.sh": "".join(f"$({_RUNNERS[i % 6]} run " for i in range(1_000)) + f"python -m x {leaf}" + ")" * 1_000
                    + f"\nuv run -m x {leaf}\n",
        # a line continued for 1 MB: 20,000 override lines, each ending in a backslash
        "d/run.sh": "uv run -m trainer.main \\\n" + "".join(f"  a.m{i}.model.path=Qwen/Q{i} \\\n" for i in range(40_000))
                    + f"  {leaf}\n",
        # 1 MB of empty continuations (a backslash-newline 500,000 times) inside the command; CRLF continuations
        "e/run.sh": "poetry run python train.py \\\n" + "\\\n" * 500_000 + f"  {leaf}\n",
        "f/run.sh": "pdm run python train.py \\\r\n" + "  a.model.path=Qwen/Q1 \\\r\n" * 40_000 + f"  {leaf}\r\n",
        # one override whose value is 1 MB; a key 200,000 parts deep; an escape in the value
        "g/run.sh": "hatch run -m x a.model.path=Qwen/" + "Q" * MB + f"\nrye run -m x {leaf}\n",
        "h/run.sh": "rye run -m x " + ".".join(["a"] * 200_000) + ".model.path=Qwen/Q\n" + f"uv run -m x {leaf}\n",
        "i/run.sh": f"pipenv run -m x a.model.path=Qwen/{ESC}Q\nuv run -m x a.served_model_name={ESC}{BIDI}\n"
                    + f"uv run -m x {leaf}\n",
    }


scan_probe("s18-shell-runner-chains-and-continuations", "huge-line", _runner_shapes,
           accounted=[f"{c}/run.sh" for c in "abcdefghi"], checks=_BOUNDED)


# (b) discover/identify.py: the CJK display-text rule (8c1d0f7): huge CJK literals, mixed scripts with bidi and escapes
def _cjk_huge() -> dict[str, str]:
    han = "克隆声音模式" * 150_000  # 900,000 characters, 2.7 MB of UTF-8
    return {
        "a/app.py": f"import openai\nopenai.OpenAI().chat.completions.create(model='gpt-4o')\nlabel = '{han}'\n",
        "b/app.py": "choices = [" + ", ".join(f"'GPT-SoVITS克隆声音{i}'" for i in range(60_000)) + "]\nmodel = 'gpt-4o'\n",
        "c/config.yaml": f"model: GPT-{han[:400_000]}\nllm:\n  model: gpt-4o-mini\n",
        "d/app.ts": "const m = { model: 'gpt-4o' };\nconst opts = [" + ",".join(f"'CosyVoice-SFT模式{i}'" for i in range(60_000))
                    + "];\n",
        # Hangul and kana, with a '/' (a path keeps its rules) and without
        "e/app.py": "paths = [" + ", ".join(f"'모델/{i}/ひらがな'" for i in range(30_000)) + "]\nmodel = 'gpt-4o'\n",
    }


scan_probe("s18-cjk-display-text-huge-literals", "huge-line", _cjk_huge,
           accounted=["a/app.py", "b/app.py", "c/config.yaml", "d/app.ts", "e/app.py"], checks=_BOUNDED)


def _cjk_mixed() -> dict[str, str]:
    mixed = f"GPT-SoVITS{BIDI}克隆{ESC}声音"
    return {
        "a/app.py": f"model = '{mixed}'\nif choice == '{ESC}CosyVoice-SFT模式{BIDI}':\n    model = 'gpt-4o'\n",
        "b/config.yaml": f"model: '{mixed}'\nllm:\n  model: \"gpt-4o\\u202e模型\\u001b[2J\"\n",
        "c/config.json": json.dumps({"model": mixed, "chat_model": f"qwen2.5:7b{BIDI}", "name": f"模型{ESC}"}),
        "d/.env": f"MODEL=gpt-4o{BIDI}克隆\nLLM_MODEL={ESC}模型\n",
        "e/App.kt": f'val model = "{mixed}"\nval m2 = "gpt-4o"\n',
    }


_table_scan("s18-cjk-mixed-script-bidi-escapes-table", "terminal-escape", _cjk_mixed(), checks=(*_BOUNDED, _no_raw_bidi))
scan_probe("s18-cjk-mixed-script-bidi-escapes-json", "terminal-escape", _cjk_mixed,
           accounted=["a/app.py", "b/config.yaml", "c/config.json", "d/.env", "e/App.kt"], checks=_BOUNDED)


# (c) config_files.py per-model serving `name:` aliases (30ebc81): 50,000 model sections
def _served_aliases() -> dict[str, str]:
    return {
        # a list of 50,000 serving entries, each named after the model its model section loads
        "a/models.yaml": "".join(f"- name: m{i}\n  model_description: {{model_id_or_path: o/m{i}}}\n"
                                 for i in range(50_000)),
        # one entry with 50,000 model sections beside its name (the alias looked for in each)
        "b/serve.yaml": "name: gpt-j-6b\n" + "".join(f"model_description_{i}:\n  model_id_or_path: x/y{i}\n"
                                                     for i in range(50_000))
                        + "model_description:\n  model_id_or_path: EleutherAI/gpt-j-6b\n",
        # 50,000 YAML documents, each one served model
        "c/serve.yaml": "".join(f"---\nname: gpt-j-{i}b\nmodel_description:\n  model_id_or_path: EleutherAI/gpt-j-{i}b\n"
                                f"  tokenizer_name_or_path: EleutherAI/gpt-j-{i}b\n" for i in range(30_000)),
        # a model section of 100,000 keys; a name of 1 MB; a name with escapes
        "d/serve.yaml": "name: gpt-j-6b\nmodel_description:\n" + "".join(f"  k{i}: v\n" for i in range(100_000))
                        + "  model_id_or_path: EleutherAI/gpt-j-6b\n",
        "e/serve.yaml": "name: gpt-" + "j" * MB + "\nmodel_description:\n  model_id_or_path: EleutherAI/gpt-j-6b\n",
        "f/serve.yaml": f"name: gpt-j-6b{ESC}\nmodel_description:\n  model_id_or_path: EleutherAI/gpt-j-6b\n",
    }


# three files a scan: each is held to its own 2 s budget, six of them ran 10 s of CPU and 60 s of wall time at a load
# of 15-20 on 2 cores (the CPU bound holds; the wall-clock kill is the runner's safety net)
_SA_A = ("a/models.yaml", "b/serve.yaml", "c/serve.yaml")
_SA_B = ("d/serve.yaml", "e/serve.yaml", "f/serve.yaml")
scan_probe("s18-config-served-name-50k-sections", "quadratic-position",
           lambda: {k: v for k, v in _served_aliases().items() if k in _SA_A}, accounted=_SA_A, checks=_BOUNDED)
scan_probe("s18-config-served-name-wide-long-escaped", "quadratic-position",
           lambda: {k: v for k, v in _served_aliases().items() if k in _SA_B}, accounted=_SA_B, checks=_BOUNDED)


# (d) kubernetes.py model-registry resources (e47f636): kind: Model with 100,000 spec entries, deep nesting, many docs
_CR_HEAD = "apiVersion: arcadia.kubeagi.k8s.com.cn/v1alpha1\nkind: Model\nmetadata:\n  name: qwen2-7b-instruct\n"


def _model_crs() -> dict[str, str]:
    return {
        # the spec's 100,000 fields, the repo field last
        "a/k8s/model.yaml": _CR_HEAD + "spec:\n" + "".join(f"  f{i}: v{i}\n" for i in range(100_000))
                            + "  huggingFaceRepo: Qwen/Qwen2-7B-Instruct\n",
        # types with 100,000 roles; features as a list of 100,000 items
        "b/k8s/model.yaml": _CR_HEAD + "spec:\n  huggingFaceRepo: Qwen/Qwen2-7B-Instruct\n  types: \""
                            + ",".join(["llm"] * 100_000) + "\"\n  features:\n" + "    - TextGeneration\n" * 100_000,
        # 20,000 documents, each a registry Model
        "c/k8s/models.yaml": "".join(f"---\n{_CR_HEAD.replace('qwen2-7b-instruct', f'qwen2-{i}b')}"
                                     f"spec:\n  huggingFaceRepo: Qwen/Qwen2-{i}B\n  types: llm\n" for i in range(20_000)),
        # a spec nested 5,000 deep (block style) and 50,000 deep (flow style); metadata.name 1 MB; escapes
        "d/k8s/model.yaml": _CR_HEAD + "spec:\n  huggingFaceRepo: Qwen/Qwen2-7B-Instruct\n"
                            + "".join("  " * (i + 1) + f"n{i}:\n" for i in range(5_000)) + "  " * 5_001 + "x: 1\n",
        "e/k8s/model.yaml": _CR_HEAD + "spec: " + "{a: " * 50_000 + "1" + "}" * 50_000 + "\n",
        "f/k8s/model.yaml": _CR_HEAD.replace("qwen2-7b-instruct", "q" * MB)
                            + "spec:\n  huggingFaceRepo: Qwen/Qwen2-7B-Instruct\n",
        "g/k8s/model.yaml": _CR_HEAD.replace("qwen2-7b-instruct", f"qwen2{ESC}{BIDI}")
                            + "spec:\n  modelScopeRepo: qwen/Qwen2-7B\n  types: llm,embedding\n",
    }


scan_probe("s18-k8s-model-registry-crs", "deep-nesting", _model_crs,
           accounted=[f"{c}/k8s/model{'s' if c == 'c' else ''}.yaml" for c in "abcdefg"], checks=_BOUNDED)


# the Python rules of the same commit: a loop over a literal list, parametrize rows, an argparse list default
def _python_loops() -> dict[str, str]:
    return {
        "a/t.py": "for model_name in [" + ", ".join(f"'qwen2.5:{i}b'" for i in range(100_000)) + "]:\n    run(model_name)\n",
        "b/test_m.py": "import pytest\nROWS = [" + ", ".join(f"('q{i}', 'qwen2.5:{i}b', {i})" for i in range(50_000))
                       + "]\n@pytest.mark.parametrize('case, model_name, n', ROWS)\ndef test_x(case, model_name, n):\n"
                       "    pass\n",
        "c/cli.py": "import argparse\np = argparse.ArgumentParser()\np.add_argument('--models', nargs='+', default=["
                    + ", ".join(f"'qwen2.5:{i}b'" for i in range(100_000)) + "])\n",
        # a comprehension nested 100 deep inside parametrize; 1,000 nested loops each over a list
        "d/test_n.py": "import pytest\n@pytest.mark.parametrize('model_name', " + "[m for m in " * 100 + "['gpt-4o']"
                       + "]" * 100 + ")\ndef test_y(model_name):\n    pass\n",
        "e/t.py": "".join("    " * i + f"for model_name in ['gpt-4o', 'qwen2.5:{i}b']:\n" for i in range(90))
                  + "    " * 90 + "run(model_name)\n",
    }


scan_probe("s18-python-model-loops-and-parametrize", "quadratic-position", _python_loops,
           accounted=["a/t.py", "b/test_m.py", "c/cli.py", "d/test_n.py", "e/t.py"], checks=_BOUNDED)


# (e) plain-text model lists without a .txt name (be9fa83): a 1 GB sparse `.models`, a 4 MB line, binary, a FIFO
def _model_lists(ctx: Ctx) -> None:
    p = write(ctx.work / "a/.models", "llama3.1:8b\nqwen2.5:7b\n")
    os.truncate(p, 1024**3)  # sparse: 1 GB of NULs after two lines
    write(ctx.work / "b/model-list", "qwen2.5:7b|" + "x" * (4 * MB - 100) + "\n")  # one line just under 4 MiB
    write(ctx.work / "c/models.list", bytes(range(256)) * 4_000 + b"\nqwen2.5:7b\n")  # binary
    write(ctx.work / "d/ollama_models.lst", "".join(f"qwen2.5:{i}b|https://e.x/{i}.gguf\n" for i in range(100_000)))
    write(ctx.work / "e/models", f"llama3.1:8b\n{ESC}qwen2.5:7b\nmistral{BIDI}:7b\n" + "|" * 200 + "\n"
          + "," * 299 + "x\n" + ";\t|" * 70 + "\n")
    write_chunks(ctx.work / "g/model_map", b"", b"a|" * 100 + b"\n", 30_000, b"qwen2.5:7b\n")
    fifo = ctx.work / "f/.models"
    fifo.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(fifo)
    ctx.special.append(fifo)


probe("s18-model-list-files-sparse-binary-fifo", "big-file", _model_lists, ("scan", ".", "-f", "json"), OK,
      fmt="json", accounted=("a/.models", "b/model-list", "c/models.list", "d/ollama_models.lst", "e/models",
                             "g/model_map"), checks=_BOUNDED)


# (f) nested C# / Java model registries (0a7b06a): 10,000 nested types, each with a constant
def _nested_registries() -> dict[str, str]:
    depth = 10_000
    cs = ("public static class Models {\n  public static class Local {\n"
          + "".join(f"public static class G{i} {{ public const string M{i} = \"gemma3:{i}b\";\n" for i in range(depth))
          + "}\n" * depth + "  }\n}\n")
    java = ("public final class Models {\n  public static final class Ollama {\n"
            + "".join(f"public static final class G{i} {{ public static final String M = \"qwen2.5:{i}b\";\n"
                      for i in range(depth)) + "}\n" * depth + "  }\n}\n")
    wide_cs = ("public static class Models {\n" + "".join(
        f"  public static class Local{i} {{\n" + "".join(f"    public const string M{j} = \"gemma3:{i}-{j}b\";\n"
                                                         for j in range(10)) + "  }\n" for i in range(10_000)) + "}\n")
    return {"a/Models.cs": cs, "b/Models.java": java, "c/Models.cs": wide_cs}


scan_probe("s18-nested-model-registries-10k-types", "deep-nesting", _nested_registries,
           accounted=["a/Models.cs", "b/Models.java", "c/Models.cs"], checks=_BOUNDED)


# (g) xml_files.py declared defaults (Core Data `contents`, XML Schema default=): entity expansion, 100k attributes
_LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "gpt-4o">\n'
           + "".join(f' <!ENTITY lol{i} "' + f"&lol{i - 1};" * 10 + '">\n' for i in range(1, 10)).replace("&lol0;", "&lol;")
           + ']>\n')


def _xml_defaults() -> dict[str, str]:
    core = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<model type="com.apple.IDECoreDataModeler.DataModel">'
            '\n<entity name="Chat">\n')
    return {
        # billion laughs: an entity that expands to 10^9 copies, used as a default and as text
        "a/App.xcdatamodeld/A.xcdatamodel/contents": _LAUGHS + '<model><entity name="Chat">'
        '<attribute name="chatModel" attributeType="String" defaultValueString="&lol9;"/></entity></model>\n',
        "b/schema/assistant.xsd": _LAUGHS.replace("lolz", "xs:schema") + '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
        '<xs:attribute name="model" default="&lol9;"/><xs:element name="m">&lol9;</xs:element></xs:schema>\n',
        # an external entity (a file, which must not be read) as a default
        "c/App.xcdatamodeld/C.xcdatamodel/contents": '<?xml version="1.0"?>\n<!DOCTYPE m [<!ENTITY x SYSTEM '
        '"file:///etc/passwd">]>\n<model><attribute name="chatModel" defaultValueString="&x;"/></model>\n',
        # one element with 100,000 attributes; 100,000 attribute declarations with defaults
        "d/App.xcdatamodeld/D.xcdatamodel/contents": core + '<attribute name="chatModel" '
        + " ".join(f'a{i}="v{i}"' for i in range(100_000)) + ' defaultValueString="gpt-4o-mini"/>\n</entity>\n</model>\n',
        "e/App.xcdatamodeld/E.xcdatamodel/contents": core + "".join(
            f'<attribute name="model{i}" attributeType="String" defaultValueString="qwen2.5:{i}b"/>\n'
            for i in range(40_000)) + "</entity>\n</model>\n",
        # elements nested 100,000 deep; escapes and bidi in a default
        "f/App.xcdatamodeld/F.xcdatamodel/contents": core + "<e>" * 100_000 + "</e>" * 100_000 + "</entity></model>\n",
        "g/schema/s.xml": '<?xml version="1.0"?>\n<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
        '<xs:attribute name="model" default="gpt-4o&#x1b;]0;pwn&#x7;&#x202e;&#x9b;"/></xs:schema>\n',
    }


scan_probe("s18-xml-declared-defaults-entities-and-width", "xml-entity", _xml_defaults,
           accounted=["a/App.xcdatamodeld/A.xcdatamodel/contents", "b/schema/assistant.xsd",
                      "c/App.xcdatamodeld/C.xcdatamodel/contents", "d/App.xcdatamodeld/D.xcdatamodel/contents",
                      "e/App.xcdatamodeld/E.xcdatamodel/contents", "f/App.xcdatamodeld/F.xcdatamodel/contents",
                      "g/schema/s.xml"],
           checks=(*_BOUNDED, lambda res: "an external entity was read (/etc/passwd)" if b"root:" in res.stdout else None))


# (h) JSON documents in triple-quoted code literals (polyglot.py _json_blocks): many, huge, deep, cut, escapes
def _code_json() -> dict[str, str]:
    cat = json.dumps({"providers": [{"id": "p", "models": [{"id": f"zorblat-{i}b-chat"} for i in range(4_000)]}]},
                     indent=1)  # ~180 KB: under the block cap
    big = json.dumps({"models": [{"id": f"zorblat-{i}b-chat"} for i in range(100_000)]})  # 3 MB: past it
    return {
        "a/Catalog.swift": 'enum T {\n  static let fallbackJSON = """\n' + cat + '\n"""\n}\n',
        "b/Catalog.swift": 'enum T {\n  static let big = """\n' + big + '\n"""\n  let model = "gpt-4o"\n}\n',
        # 20,000 blocks, each a small catalogue; blocks never closed
        "c/Catalog.kt": "object C {\n" + "".join(f'  val b{i} = """\n  {{"models": [{{"id": "qwen-{i}"}}]}}\n  """\n'
                                                 for i in range(20_000)) + "}\n",
        "d/Catalog.swift": 'let model = "gpt-4o"\n' + 'let x = """\n{"models": [' * 30_000 + "\n",
        # a block 100,000 arrays deep (under the block cap); an object 60,000 objects deep
        "e/Catalog.kt": 'val m = """\n{"models": ' + "[" * 100_000 + "]" * 100_000 + '}\n"""\nval model = "gpt-4o"\n',
        # (the model on a line of its own: the Java reader reads nothing after a text block's closing quotes on the
        # same line, a gap in recall, not in bounds)
        "f/Catalog.java": 'class C { String j = """\n{"model": ' + '{"a": ' * 30_000 + "1" + "}" * 30_000
                          + '}\n""";\n  String model = "gpt-4o"; }\n',
        "g/Catalog.swift": 'let j = """\n' + json.dumps({"models": [{"id": f"gpt-4o{ESC}{BIDI}"}]}) + '\n"""\n',
    }


scan_probe("s18-code-json-blocks", "deep-nesting", _code_json,
           accounted=["a/Catalog.swift", "b/Catalog.swift", "c/Catalog.kt", "d/Catalog.swift", "e/Catalog.kt",
                      "f/Catalog.java", "g/Catalog.swift"], checks=_BOUNDED)


# a catalogue past the block cap (256 KiB) or past the 16th block: read, or said to be left unread
def _code_json_over_cap() -> dict[str, str]:
    big = json.dumps({"models": [{"id": f"zorblat-{i}b-chat"} for i in range(12_000)]})  # ~360 KB
    return {"a/Catalog.swift": 'enum T {\n  static let fallbackJSON = """\n' + big + '\n"""\n}\n',
            "b/Catalog.kt": "object C {\n  val greeting = \"hi\"\n" + "".join(
                f'  val b{i} = """\n  {{"models": [{{"id": "zorblat-{i}b-chat"}}]}}\n  """\n' for i in range(16, 40))
                + "}\n"}


scan_probe("s18-code-json-block-over-cap", "big-header", _code_json_over_cap, accounted=["a/Catalog.swift",
                                                                                        "b/Catalog.kt"],
           checks=_BOUNDED)


# (i) artifacts/onnx.py: the module roots read for Piper's VITS voices (inspect19), and protobufs made to hurt
def _v(n: int) -> bytes:
    out = bytearray()
    while True:
        b, n = n & 0x7F, n >> 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def _ld(field: int, payload: bytes) -> bytes:
    return _v(field << 3 | 2) + _v(len(payload)) + payload


def _int(field: int, value: int) -> bytes:
    return _v(field << 3) + _v(value)


_ONNX_HEAD = _int(1, 8) + _ld(2, b"pytorch") + _ld(3, b"2.1.0") + _ld(8, _int(2, 17))


def _tensor(name: str) -> bytes:
    return _ld(5, _int(1, 4) + _int(2, 1) + _ld(8, name.encode()))


def _onnx_roots(ctx: Ctx) -> None:
    # 500,000 initializers, each under its own module root (the roots set grows with them); 500,000 nodes whose inputs
    # are parameter names under distinct roots
    graph = b"".join(_tensor(f"r{i}.w.weight") for i in range(500_000))
    write(ctx.work / "a/model.onnx", _ONNX_HEAD + _ld(7, graph))
    nodes = b"".join(_ld(1, _ld(1, f"n{i}.conv.weight".encode()) + _ld(4, b"Conv")) for i in range(500_000))
    write(ctx.work / "b/model.onnx", _ONNX_HEAD + _ld(7, nodes))
    # a Piper voice: model + model.onnx.json with 200,000 speakers and escapes, beside 64 roots (the cap) + 1
    vits = b"".join(_tensor(f"{r}.x.weight") for r in ["enc_p", "dp", "flow", "dec", "emb_g"] + [f"m{i}" for i in range(60)])
    write(ctx.work / "c/en_US-x-medium.onnx", _ONNX_HEAD + _ld(7, vits))
    write(ctx.work / "c/en_US-x-medium.onnx.json", json.dumps({
        "audio": {"sample_rate": 22050}, "espeak": {"voice": f"en-us{ESC}"}, "num_speakers": 200_000,
        "speaker_id_map": {f"s{i}{BIDI}": i for i in range(200_000)}, "dataset": ESC}))


probe("s18-onnx-param-roots-500k", "big-header", _onnx_roots, ("inspect", ".", "-f", "json"), OK_OR_USAGE, fmt="json",
      checks=_BOUNDED)


def _onnx_hostile(ctx: Ctx, n_props: int = 1_000_000) -> None:
    whole = _ONNX_HEAD + _ld(14, _ld(1, b"k") + _ld(2, b"v")) + _ld(7, b"".join(_tensor(f"enc_p.l{i}.weight")
                                                                                 for i in range(1_000)))
    write(ctx.work / "a/cut.onnx", whole[: len(whole) // 2])  # truncated inside the graph
    write(ctx.work / "b/cut.onnx", whole[:7])  # truncated inside the head
    # a graph that declares 2 GB, with 100 bytes there; the same over a 2.1 GB sparse file (zeros: field 0, varint 0)
    write(ctx.work / "c/long.onnx", _ONNX_HEAD + _v(7 << 3 | 2) + _v(2 * 1024**3) + _tensor("enc_p.weight") * 4)
    p = write(ctx.work / "d/long.onnx", _ONNX_HEAD + _v(7 << 3 | 2) + _v(2 * 1024**3) + _tensor("dec.weight"))
    os.truncate(p, 2 * 1024**3 + 100 * MB)
    # a node attribute holding a subgraph, 20,000 deep (AttributeProto.g = 6, NodeProto.attribute = 5)
    inner = _tensor("dp.weight")
    for _ in range(20_000):
        inner = _ld(1, _ld(5, _ld(6, inner) + _ld(1, b"body")) + _ld(4, b"Loop"))
    write(ctx.work / "e/deep.onnx", _ONNX_HEAD + _ld(7, inner))
    # 1,000,000 metadata_props (n_props); one metadata value of 60 MB; keys and values with escapes
    props = b"".join(_ld(14, _ld(1, b"k%d" % i) + _ld(2, b"v%d" % i)) for i in range(n_props))
    write(ctx.work / "f/meta.onnx", _ONNX_HEAD + props + _ld(7, _tensor("flow.weight")))
    write(ctx.work / "g/meta.onnx", _ONNX_HEAD + _ld(14, _ld(1, b"model_name") + _ld(2, b"x" * 60 * MB)))
    write(ctx.work / "h/meta.onnx", _ONNX_HEAD + _ld(14, _ld(1, ESC.encode()) + _ld(2, (ESC + BIDI).encode()))
          + _ld(7, _tensor(f"{ESC}.weight") + _tensor("enc_p\u202e.weight")))


probe("s18-onnx-truncated-long-deep-metadata", "big-header", _onnx_hostile, ("inspect", ".", "-f", "json"), OK_OR_USAGE,
      fmt="json", checks=_BOUNDED, timeout=120.0)
# the same files as a table: the escapes and bidi controls of h/ must not reach the terminal raw. Its f/ has 10,000
# metadata_props, not 1,000,000: the table prints no metadata_props (364 bytes for f/ at 1,000,000 as at 10,000), and
# reading 1,000,000 of them (5.0 of the probe's 6.7 s of CPU) is the reader's bound, which the JSON probe above holds on
# the identical bytes (redteam38)
probe("s18-onnx-hostile-table", "terminal-escape", lambda ctx: _onnx_hostile(ctx, n_props=10_000),
      ("inspect", ".", "--no-color"), OK_OR_USAGE, checks=(*_BOUNDED, _no_raw_bidi), timeout=120.0)


# (j) artifacts/tokenizer.py (inspect19, d995e29): binary BPE rank tables (u32 count, then u16 length + bytes + u32 rank),
# special-token tables (u32 rank + u16 length + bytes) and one-character-a-line OCR dictionaries, at max_items
def _rank_record(tok: bytes, rank: int) -> bytes:
    return len(tok).to_bytes(2, "little") + tok + rank.to_bytes(4, "little")


def _special_record(tok: bytes, rank: int) -> bytes:
    return rank.to_bytes(4, "little") + len(tok).to_bytes(2, "little") + tok


def _rank_tables(ctx: Ctx) -> None:
    # 4,000,000 distinct 3-byte tokens (the max_items limit): 36 MB of records
    n = 4_000_000
    with open(write(ctx.work / "a/cl100k.vocab", n.to_bytes(4, "little")), "ab") as fh:
        for s in range(0, n, 200_000):
            fh.write(b"".join(_rank_record(i.to_bytes(3, "little"), i) for i in range(s, s + 200_000)))
    # 120,000 tokens of 1,024 bytes each (the token cap): 123 MB, under the 128 MiB text cap
    n = 120_000
    with open(write(ctx.work / "b/big.vocab", n.to_bytes(4, "little")), "ab") as fh:
        for s in range(0, n, 10_000):
            fh.write(b"".join(_rank_record(i.to_bytes(4, "little") * 256, i) for i in range(s, s + 10_000)))
    # a header declaring 4,194,304 tokens over 10 records (cut); one declaring 4,000,001 (past max_items)
    write(ctx.work / "c/cut.vocab", (1 << 22).to_bytes(4, "little") + b"".join(_rank_record(bytes([i]), i) for i in range(10)))
    write(ctx.work / "d/over.vocab", (4_000_001).to_bytes(4, "little") + b"".join(_rank_record(bytes([i]), i)
                                                                                  for i in range(10)))


probe("s18-rank-table-4m-tokens-and-wide", "big-header", _rank_tables, ("inspect", ".", "-f", "json"), OK_OR_USAGE,
      fmt="json", checks=_BOUNDED, timeout=120.0)


def _special_tables(ctx: Ctx) -> None:
    # 1,000,000 specials running up from rank 200,000; then specials holding escapes and bidi after a printable head
    n = 1_000_000
    write(ctx.work / "a/o200k_harmony.special", n.to_bytes(4, "little") + b"".join(
        _special_record(b"<|t%d|>" % i, 200_000 + i) for i in range(n)))
    _escaped_specials(ctx)


probe("s18-special-table-1m-and-escapes", "big-header", _special_tables, ("inspect", ".", "-f", "json"), OK_OR_USAGE,
      fmt="json", checks=_BOUNDED, timeout=120.0)
def _escaped_specials(ctx: Ctx) -> None:
    head = b"".join(_special_record(b"<|s%d|>" % i, 100_000 + i) for i in range(4))
    write(ctx.work / "b/x.special", (204).to_bytes(4, "little") + head + b"".join(
        _special_record((ESC + BIDI + f"<|e{i}|>").encode(), 100_004 + i) for i in range(200)))


probe("s18-special-table-escapes-table", "terminal-escape", _escaped_specials, ("inspect", ".", "--no-color"),
      OK_OR_USAGE, checks=(*_BOUNDED, _no_raw_bidi))


def _char_lines_4m(ctx: Ctx) -> None:
    # 4,000,000 lines of one CJK character each (the max_items limit, 16 MB), read as the one file given
    write_chunks(ctx.work / "ppocr_keys_v1.txt", b"", "字\n".encode(), 4_000_000, b"")


# a str per line and a bytes copy of each peaked at 668 MB (fixed: the lines' own bytes, 323 MB)
probe("s18-char-line-dictionary-4m-lines", "big-header", _char_lines_4m, ("inspect", "ppocr_keys_v1.txt", "-f", "json"),
      OK_OR_USAGE, fmt="json", checks=_BOUNDED, timeout=120.0)


def _char_lines_long(ctx: Ctx) -> None:
    # a head of 16 single characters, then a 100 MB line (464 MB peak decoded and split; fixed: refused by a scan, 157 MB)
    write_chunks(ctx.work / "keys.txt", "".join(chr(0x4E00 + i) + "\n" for i in range(16)).encode(), b"x", 100 * MB,
                 b"\n")


probe("s18-char-line-dictionary-100mb-line", "big-header", _char_lines_long, ("inspect", "keys.txt", "-f", "json"),
      OK_OR_USAGE, fmt="json", checks=_BOUNDED, timeout=120.0)


def _char_lines_hostile(ctx: Ctx) -> None:
    # a head of 16 single characters, then escapes and bidi controls as classes, and lines cut inside UTF-8
    write(ctx.work / "dict.txt", "".join(chr(0x4E00 + i) + "\n" for i in range(16)) + (ESC[:1] + "\n") * 100
          + "".join(ch + "\n" for ch in BIDI) * 25 + "\x9b\n" * 10)
    write(ctx.work / "cut.txt", "".join(chr(0x4E00 + i) + "\n" for i in range(16)).encode() + b"\xe5\xad\n" * 1_000)


probe("s18-char-line-dictionary-escapes-table", "terminal-escape", _char_lines_hostile,
      ("inspect", "dict.txt", "--no-color"), OK_OR_USAGE, checks=(*_BOUNDED, _no_raw_bidi))
probe("s18-char-line-dictionary-cut-utf8", "big-header", _char_lines_hostile, ("inspect", "cut.txt", "-f", "json"),
      OK_OR_USAGE, fmt="json", checks=_BOUNDED)


# (k) discover/python.py (dac827a): a Hub repo a call says is a data set is silenced with the literals its repo_id flows
# from (the nearest assignment above the call); an app's own Whisper wrapper class takes a size word or checkpoint
def _dataset_repos_and_whisper() -> dict[str, str]:
    return {
        # 6,000 reassignments of one repo_id, each followed by a dataset download through it
        "a/fetch.py": "from huggingface_hub import hf_hub_download\n" + "".join(
            f"repo_id = 'org/m{i}'\nhf_hub_download(repo_id=repo_id, repo_type='dataset')\n" for i in range(6_000))
            + "model = 'gpt-4o'\n",
        # 10,000 assignments of one name in branches, then 10,000 load_dataset calls reading it
        "b/data.py": "from datasets import load_dataset\nif x:\n" + "".join(f"    name = 'org/d{i}'\n" for i in range(10_000))
                     + "load_dataset(name, split='train')\n" * 10_000 + "model = 'gpt-4o'\n",
        # 50,000 Whisper wrapper calls; one with a 1 MB argument; a wrapper named 5,000 words long; escapes
        "c/asr.py": "".join(f"WhisperASR('base{i}')\n" for i in range(50_000)),
        "d/asr.py": "FasterWhisperSTT('" + "large-v3" * 130_000 + "')\nWhisperTranscriber('small')\n",
        "e/asr.py": "".join("A" for _ in range(5_000)) + "Whisper" + "ASR('medium')\n"
                    + f"WhisperASR('{ESC}{BIDI}tiny')\nWhisperASR(model='tiny')\n",
    }


scan_probe("s18-python-dataset-repos-and-whisper-wrappers", "quadratic-position", _dataset_repos_and_whisper,
           accounted=["a/fetch.py", "b/data.py", "c/asr.py", "d/asr.py", "e/asr.py"], checks=_BOUNDED)


# (l) artifacts/serialized.py (inspect19, 31b4a8c): a gzip'd tar listed with tarfile in stream mode (256 members, 1 GiB
# inflated). tarfile reads a GNU long-name ('L') or PAX ('x') header's whole body into memory before the member it names
def _tar_header(name: bytes, size: int, kind: bytes) -> bytes:
    head = bytearray(512)
    head[0:len(name)] = name
    head[100:108] = b"0000644\0"
    head[108:116] = head[116:124] = b"0000000\0"
    head[124:136] = b"%011o\0" % size
    head[136:148] = b"00000000000\0"
    head[156:157] = kind
    head[257:265] = b"ustar  \0"  # GNU
    head[148:156] = b" " * 8
    head[148:156] = b"%06o\0 " % sum(head)
    return bytes(head)


def _gz_tar(path: Path, parts: list[tuple[bytes, int, bytes]]) -> None:
    """A .tar.gz of these (header, body size, body unit) parts, the bodies written compressed a block at a time."""
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip wrapper
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        for header, size, unit in parts:
            fh.write(comp.compress(header))
            block = (unit * (MB // len(unit) + 1))[:MB]
            left = size
            while left > 0:
                fh.write(comp.compress(block[:min(MB, left)]))
                left -= MB
            fh.write(comp.compress(b"\0" * (-size % 512)))
        fh.write(comp.compress(b"\0" * 1024))
        fh.write(comp.flush())


def _tar_long_names(ctx: Ctx) -> None:
    n = 400 * MB
    _gz_tar(ctx.work / "a/model.tar.gz", [(_tar_header(b"././@LongLink", n, b"L"), n, b"enc.onnx/"),
                                          (_tar_header(b"x.onnx", 4, b"0"), 4, b"abcd")])
    _gz_tar(ctx.work / "b/model.tar.gz", [(_tar_header(b"PaxHeaders/x", n, b"x"), n, b"1 x\n"),
                                          (_tar_header(b"df_dec.onnx", 4, b"0"), 4, b"abcd")])


for _t in ("a", "b"):
    probe(f"s18-gzip-tar-long-header-{_t}", "big-header", _tar_long_names, ("inspect", f"{_t}/model.tar.gz", "-f", "json"),
          OK_OR_USAGE, fmt="json", checks=_BOUNDED, timeout=120.0)


def _tar_shapes(which: str) -> Callable[[Ctx], None]:
    def build(ctx: Ctx) -> None:
        if which == "a":  # 100,000 members (the listing stops at 256)
            _gz_tar(ctx.work / "a/model.tar.gz", [(_tar_header(b"m%d.onnx" % i, 0, b"0"), 0, b"\0")
                                                  for i in range(100_000)])
        elif which == "b":  # a member declaring 1.5 GiB of zeros (inflated up to 1 GiB)
            _gz_tar(ctx.work / "b/model.tar.gz", [(_tar_header(b"enc.onnx", 3 * 512 * MB, b"0"), 3 * 512 * MB, b"\0"),
                                                  (_tar_header(b"df_dec.onnx", 4, b"0"), 4, b"abcd")])
        else:  # an .ini member of 1,500 sections with escapes and bidi in keys and values; a member name with escapes
            ini = "".join(f"[s{i}{BIDI}]\nk{ESC}{i} = v{ESC}\n" for i in range(1_500)).encode()[:60_000]
            _gz_tar(ctx.work / "c/model.tar.gz", [(_tar_header(b"config.ini", len(ini), b"0"), len(ini), ini),
                                                  (_tar_header(f"{ESC}{BIDI}.onnx".encode(), 4, b"0"), 4, b"abcd")])
    return build


for _t in ("a", "b", "c"):
    probe(f"s18-gzip-tar-shapes-{_t}", "big-header", _tar_shapes(_t), ("inspect", f"{_t}/model.tar.gz", "-f", "json"),
          OK_OR_USAGE, fmt="json", checks=_BOUNDED, timeout=120.0)
probe("s18-gzip-tar-escapes-table", "terminal-escape", _tar_shapes("c"), ("inspect", "c/model.tar.gz", "--no-color"),
      OK_OR_USAGE, checks=(*_BOUNDED, _no_raw_bidi), timeout=120.0)
