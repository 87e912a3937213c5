"""Red-team probes of brief redteam27: round 2 of session 23. fickling's verdict on benign pickles past its own
interpreter limits (more than 100,000 memo entries, 50 memo reads a write) and on every pickled OrderedDict,
``bom --max-models`` (0, negative, huge, past the default cap), notebook shell-escape lines, PowerShell ``.ps1``,
YAML ``cmd:`` strings, and HOCON ``.conf`` files (1M lines, 100k-deep, unterminated strings, ``${a}`` cycles, an
``include`` that points outside the tree: never followed, whether or not a HOCON reader exists).

Each probe promises what the tool must do on hostile input: bounded CPU / RSS, a clean exit, nothing lost (the model
after the hostile part is found, or its file is a reported skip), and no false high-severity finding on a benign
file. Imported by tests/redteam/probes.py after probes_session23. Stdlib only at import time.
"""

from __future__ import annotations

import json
import pickle
from collections import OrderedDict
from collections.abc import Callable

from tests.redteam.probes import OK, USAGE, no_text, probe, scan_probe
from tests.redteam.probes_session8 import cpu_below
from tests.redteam.probes_session13 import rss_below
from tests.redteam.probes_session20 import _finds, _said
from tests.redteam.probes_session21 import _found_or_skipped, no_dfa_oom
from tests.redteam.probes_session22 import _bedrock_ids, _inspect_file
from tests.redteam.runner import Ctx, Result

_BOUNDED = (cpu_below(20.0), rss_below(500), no_dfa_oom)
_MODEL = "llama3.1:8b"


def _out_says(*needles: str) -> Callable[[Result], str | None]:
    def check(res: Result) -> str | None:
        out = res.stdout.decode("utf-8", "replace")
        missing = [n for n in needles if n not in out]
        return f"stdout does not say {missing}" if missing else None
    check.__name__ = "out_says_" + "_".join(needles)
    return check


# (a) pickles fickling misrated: benign files must not be high severity; unsafe imports must stay flagged ----------
_SYSTEM = b"cposix\nsystem\nq\x10X\x02\x00\x00\x00idq\x11\x85q\x12R"  # posix.system("id") as opcodes, never run
_NO_FALSE_HIGH = no_text("pickle-unsafe")  # neither finding id (the UNKNOWN note may name the rating it set aside)


def _memoize_150k() -> bytes:
    """Protocol 4: one string, then 150,000 MEMOIZE opcodes of it (150,000 memo entries in 150,003 opcodes, under
    the 200,000 handed to fickling; fickling's memo limit is 100,000), a list of it, STOP."""
    return b"\x80\x04\x8c\x01O" + b"\x94" * 150_000 + b"\x85."


def _gets_190k() -> bytes:
    """Protocol 2: one memoised string read back 190,000 times into one list (a ratio of 190,000 reads a write)."""
    return b"\x80\x02]q\x00(X\x01\x00\x00\x00Oq\x01" + b"h\x01" * 190_000 + b"e."


probe("s23b-pickle-shared-labels", "false-positive",
      _inspect_file("labels.pkl", lambda: pickle.dumps(["O"] * 1000, protocol=2)),
      ("inspect", "labels.pkl", "-f", "json"), OK, fmt="json", checks=(*_BOUNDED, _NO_FALSE_HIGH), timeout=60.0)
probe("s23b-pickle-state-dict-500", "false-positive",
      _inspect_file("model.pt", lambda: pickle.dumps(OrderedDict((f"l{i}.weight", float(i)) for i in range(500)),
                                                      protocol=2)),
      ("inspect", "model.pt", "-f", "json"), OK, fmt="json", checks=(*_BOUNDED, _NO_FALSE_HIGH), timeout=60.0)
probe("s23b-pickle-memo-150k", "false-positive", _inspect_file("memo.pkl", _memoize_150k),
      ("inspect", "memo.pkl", "-f", "json"), OK, fmt="json", checks=(*_BOUNDED, _NO_FALSE_HIGH), timeout=60.0)
probe("s23b-pickle-gets-190k", "false-positive", _inspect_file("gets.pkl", _gets_190k),
      ("inspect", "gets.pkl", "-f", "json"), OK, fmt="json", checks=(*_BOUNDED, _NO_FALSE_HIGH), timeout=60.0)
# the same benign bodies with posix.system after them: the unsafe import must still be a high finding
probe("s23b-pickle-unsafe-after-limits", "security",
      _inspect_file("evil.pkl", lambda: pickle.dumps(["O"] * 1000, protocol=2)[:-1] + _SYSTEM + b"\x86."),
      ("inspect", "evil.pkl", "-f", "json"), OK, fmt="json",
      checks=(*_BOUNDED, _out_says("pickle-unsafe-import", "posix.system")), timeout=60.0)
probe("s23b-pickle-unsafe-after-state-dict", "security",
      _inspect_file("evil.pt", lambda: pickle.dumps(OrderedDict((str(i), i) for i in range(50)), protocol=2)[:-1]
                    + _SYSTEM + b"\x86."),
      ("inspect", "evil.pt", "-f", "json"), OK, fmt="json",
      checks=(*_BOUNDED, _out_says("pickle-unsafe-import", "posix.system")), timeout=60.0)


# (b) bom --max-models ---------------------------------------------------------------------------------------------
def _bedrock_tree(ctx: Ctx) -> None:
    (ctx.work / "models.yaml").write_text(_bedrock_ids())


# every one of 10,000 models (after the scan) listed: linear, about 27 s of CPU / 590 MB here; the promise is that it
# finishes inside a bound proportional to its size and says so before the long part starts
probe("s23b-bom-max-models-0-10k", "huge-file", _bedrock_tree, ("bom", ".", "-f", "json", "--max-models", "0"),
      frozenset({0, 1}), checks=(cpu_below(60.0), rss_below(1000), _said("lists 10000 models", "takes about")),
      timeout=300.0)
probe("s23b-bom-max-models-negative", "option-injection", _bedrock_tree,
      ("bom", ".", "-f", "json", "--max-models", "-1"), USAGE, checks=(cpu_below(20.0),), timeout=60.0)
probe("s23b-bom-max-models-not-int", "option-injection", _bedrock_tree,
      ("bom", ".", "-f", "json", "--max-models", "1e9"), USAGE, checks=(cpu_below(20.0),), timeout=60.0)
probe("s23b-bom-max-models-huge-small-tree", "option-injection",
      lambda ctx: (ctx.work / "app.py").write_text("from openai import OpenAI\nOpenAI().chat.completions.create("
                                                   "model='gpt-4o', messages=[])\n"),
      ("bom", ".", "-f", "spdx", "--max-models", "9" * 400), frozenset({0, 1}), checks=(cpu_below(20.0),),
      timeout=60.0)


# (c) notebook shell-escape lines ------------------------------------------------------------------------------------
def _notebook(lines: list[str]) -> str:
    cell = {"cell_type": "code", "metadata": {}, "source": lines, "outputs": [], "execution_count": None}
    return json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


scan_probe("s23b-notebook-100k-shell-lines", "huge-file",
           lambda: {"nb.ipynb": _notebook(["!echo step\n"] * 100_000 + [f"!ollama pull {_MODEL}\n"])},
           accounted=["nb.ipynb"], checks=(*_BOUNDED, _found_or_skipped(_MODEL, "nb.ipynb")), timeout=120.0)
scan_probe("s23b-notebook-shell-huge-lines", "huge-line",
           lambda: {"nb.ipynb": _notebook(["!pip install " + "pkg " * 250_000 + "\n", "%%bash\n",
                                           "python run.py " + "--flag=v " * 50_000 + "\n",
                                           "!" + "\\\n" * 20_000, f"!ollama pull {_MODEL}\n"])},
           accounted=["nb.ipynb"], checks=(*_BOUNDED, _found_or_skipped(_MODEL, "nb.ipynb")), timeout=120.0)


# (d) PowerShell ---------------------------------------------------------------------------------------------------
scan_probe("s23b-ps1-100k-lines", "huge-file",
           lambda: {"run.ps1": "Write-Host step\n" * 100_000 + f"ollama pull {_MODEL}\n"},
           accounted=["run.ps1"], checks=(*_BOUNDED, _found_or_skipped(_MODEL, "run.ps1")), timeout=120.0)
scan_probe("s23b-ps1-backticks-and-here-strings", "regex-backtracking",
           lambda: {"run.ps1": "python run.py " + "--flag v `\n" * 50_000 + "\n"
                    + "$s = @\"\n" + "x\n" * 50_000 + "\"@\n" + "$t = '" + "`'" * 100_000 + "\n"
                    + "Write-Host " + "`" * 200_000 + "\n" + "Write-Host ok\n" * 1_000
                    + f"ollama pull {_MODEL}\n"},
           accounted=["run.ps1"], checks=(*_BOUNDED, _found_or_skipped(_MODEL, "run.ps1")), timeout=120.0)


# (e) YAML cmd: strings --------------------------------------------------------------------------------------------
scan_probe("s23b-yaml-cmd-20k", "huge-file",
           lambda: {"Taskfile.yml": "tasks:\n" + "".join(f"  t{i}:\n    cmd: echo {i}\n" for i in range(20_000))
                    + f"  pull:\n    cmd: ollama pull {_MODEL}\n"},
           accounted=["Taskfile.yml"], checks=(*_BOUNDED, _found_or_skipped(_MODEL, "Taskfile.yml")), timeout=120.0)
scan_probe("s23b-yaml-cmd-huge-strings", "huge-line",
           lambda: {"Taskfile.yml": "tasks:\n  a:\n    cmd: python r.py " + "--x=y " * 150_000 + "\n"
                    + "  b:\n    cmd: >\n" + "      echo x\n" * 50_000
                    + "  c:\n    cmd: \"" + "\\\"" * 100_000 + "\"\n"
                    + f"  pull:\n    cmd: ollama pull {_MODEL}\n"},
           accounted=["Taskfile.yml"], checks=(*_BOUNDED, _found_or_skipped(_MODEL, "Taskfile.yml")), timeout=120.0)


# (f) HOCON .conf: whatever reader reads it, an include outside the tree is never followed -------------------------
_OUTSIDE = "claude-3-opus-20240229"


def _hocon_include(ctx: Ctx) -> None:
    (ctx.root / "secret.conf").write_text(f'model = "{_OUTSIDE}"\n')
    (ctx.work / "conf").mkdir(parents=True, exist_ok=True)
    (ctx.work / "conf" / "application.conf").write_text(
        'include "../../secret.conf"\ninclude file("' + str(ctx.root / "secret.conf") + '")\n'
        'include required(file("' + str(ctx.root / "secret.conf") + '"))\n'
        'include url("file://' + str(ctx.root / "secret.conf") + '")\n'
        'include classpath("secret.conf")\n'
        'app { llm { model = "gpt-4o-mini" } }\n')


scan_probe("s23b-hocon-include-outside", "path-escape", _hocon_include, accounted=["conf/application.conf"],
           checks=(*_BOUNDED, _finds(_OUTSIDE, present=False)), timeout=60.0)
scan_probe("s23b-hocon-hostile", "deep-nesting",
           lambda: {"application.conf": "a = ${b}\nb = ${a}\nc = ${c}\nd = ${?d}${d}\n"
                    + "k = v\n" * 1_000_000 + "x " + "{ " * 100_000 + "\n" + 's = "unterminated\n' * 1_000
                    + 't = """never closed\n' + 'model = "gpt-4o-mini"\n',
                    "b.conf": "x " + "{" * 100_000 + "}" * 100_000 + "\n" + 'model = "gpt-4o-mini"\n'
                    + "y = [" * 50_000 + "\n"},
           accounted=["application.conf", "b.conf"], checks=_BOUNDED, timeout=120.0)


# (g) notebook shell read as a script (open23a, 152a8b9): ShellSource per cell, continuations, %%bash cells ---------
def _cells(cells: list[list[str]]) -> str:
    return json.dumps({"cells": [{"cell_type": "code", "metadata": {}, "source": c, "outputs": [],
                                  "execution_count": None} for c in cells], "metadata": {}, "nbformat": 4,
                       "nbformat_minor": 5})


# 10,000 cells each a shell escape: the shell reader runs once a cell
scan_probe("s23b-notebook-10k-shell-cells", "huge-file",
           lambda: {"nb.ipynb": _cells([["!python run.py --flag v\n"]] * 10_000 + [[f"!ollama pull {_MODEL}\n"]])},
           accounted=["nb.ipynb"], checks=(*_BOUNDED, _found_or_skipped(_MODEL, "nb.ipynb")), timeout=180.0)
# 60 cells each one costly shell line (10,000 --flag=value words; 3.6 MB, under the 4 MiB file cap): the shell
# reader's 2 s budget must hold for the file, not restart a cell (measured 2.8 s CPU: cells 23 on are budget skips)
scan_probe("s23b-notebook-60-costly-shell-cells", "huge-line",
           lambda: {"nb.ipynb": _cells([["!python r.py " + "--f=v " * 10_000 + "\n"]] * 60
                                       + [[f"!ollama pull {_MODEL}\n"]])},
           accounted=["nb.ipynb"], checks=(*_BOUNDED, _found_or_skipped(_MODEL, "nb.ipynb")), timeout=180.0)
# a continuation over 100,000 lines, one never closed, a %%bash cell of 100,000 lines, each with the model after
scan_probe("s23b-notebook-continuation-100k", "huge-file",
           lambda: {"nb.ipynb": _cells([["!python train.py \\\n"] + ["  --x v \\\n"] * 100_000
                                        + ["  --model_name_or_path Qwen/Qwen2.5-0.5B\n"],
                                        ["%%bash\n"] + ["echo step\n"] * 100_000 + [f"ollama pull {_MODEL}\n"],
                                        ["!echo \\\n"] + ["x = 1 \\\n"] * 50_000])},
           accounted=["nb.ipynb"], checks=(*_BOUNDED, _found_or_skipped(_MODEL, "nb.ipynb")), timeout=180.0)


# (h) Rust attribute names (open23b, 5125a1b): _unit_variant walked every stacked attribute after each literal, so 5,000
# serde aliases stacked on one unit variant cost quadratic time: 576 of 5,001 models, then the rust 2 s budget skip
# (before 5125a1b: all 5,001, gpt-4o included, 5.7 s CPU for the whole scan); fixed by a per-file memo of the answer
# for each attribute run (candidates._unit_variant)
scan_probe("s23b-rust-5k-stacked-serde-aliases", "quadratic-position",
           lambda: {"src/models.rs": "#[derive(Serialize)]\npub enum Model {\n"
                    + "".join(f'    #[serde(alias = "gpt-4o-{i}")]\n' for i in range(5_000))
                    + '    #[serde(rename = "gpt-4o")]\n    Gpt4o,\n}\n'},
           accounted=["src/models.rs"], checks=(*_BOUNDED, _finds("gpt-4o")), timeout=120.0)


# (i) custom-header names (open23b, a994d03): classifier.names_a_header under a header-named binding ---------------
scan_probe("s23b-js-header-names-hostile", "regex-backtracking",
           lambda: {"src/headers.js": "".join(f'const X_HEADER_{i} = "x-model-{i}";\n' for i in range(20_000))
                    + "const MODEL_HEADER_" + "A_" * 100_000 + ' = "x-' + "a-" * 200_000 + '!";\n'
                    + "const HEADERS = \"x-" + "a" * 500_000 + "-\";\n"
                    + 'const model = "gpt-4o";\nclient.chat.completions.create({ model });\n'},
           accounted=["src/headers.js"], checks=(*_BOUNDED, _found_or_skipped("gpt-4o", "src/headers.js")),
           timeout=120.0)


# (j) inspect27's CMUdict sniff (506a30f): a head of '#' lines with CMU's copyright line reads as an ARPAbet lexicon
_CMU = b"# Copyright (C) 1993-2015 Carnegie Mellon University. All rights reserved.\n"
for _kind, _body in {"2m-comments": lambda: _CMU + b"# c\n" * 2_000_000 + b"HELLO  HH AH0 L OW1\n" * 100,
                     "20mb-line": lambda: _CMU + b"#" + b"x" * 20_000_000 + b"\n" + b"HELLO  HH AH0 L OW1\n" * 100,
                     "binary": lambda: _CMU + bytes(range(256)) * 40_000,
                     "1m-entries": lambda: _CMU + b"".join(b"W%d  HH AH0 L OW1\n" % i for i in range(1_000_000))}.items():
    probe(f"s23b-inspect-cmudict-{_kind}", "artifact", _inspect_file("cmudict.dict", _body),
          ("inspect", "cmudict.dict", "-f", "json"), frozenset({0, 1, 2}), fmt="json",
          checks=(cpu_below(20.0), rss_below(500)), timeout=120.0)


# (k) inspect of a PATH holding no model file (048b64b: exit 2, 'nothing in it is a model file'): 5,000 files
def _no_models(ctx: Ctx) -> None:
    for i in range(5_000):
        (ctx.work / f"n{i}.md").write_text("# notes\n" * 10)


probe("s23b-inspect-5k-unrecognised", "many-files", _no_models, ("inspect", ".", "-f", "json"), USAGE,
      checks=(cpu_below(20.0), rss_below(500), _said("nothing in it is a model file")), timeout=120.0)
