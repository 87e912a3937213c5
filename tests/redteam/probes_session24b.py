"""Red-team probes of brief redteam28b (session 24b of the red-team log): the readers redteam28 left unprobed. Jupyter
notebooks (deep nesting, invalid JSON, huge outputs, many cells), MediaPipe ``.task`` bundles (a zip bomb member, many
members, nested zips), stacked string interpolation in Swift / Kotlin / Dart / C# / PHP, Ruby heredocs (stacked
``<<~RUBY`` openers, many bodies), ``<org>_<name>`` folder names with stacked build suffixes, and ``-o`` targets (a
folder, /dev/full, a new folder inside the scanned tree).

Each probe promises bounded CPU / RSS, a clean exit, nothing lost (every file is a finding or a reported skip) and the
real use still found. Imported by tests/redteam/probes.py after probes_session24. Stdlib only at import time.
"""

from __future__ import annotations

import io
import json
import zipfile

from tests.redteam.probes import OK, PY_CALL, USAGE, probe, scan_probe, write
from tests.redteam.probes_session8 import cpu_below
from tests.redteam.probes_session13 import rss_below
from tests.redteam.probes_session20 import _finds
from tests.redteam.runner import Ctx, Result

_BOUNDED = (cpu_below(20.0), rss_below(500))
_CALL = 'client.chat.completions.create(model="gpt-4o")\n'


# (a) notebooks: a valid one nested 200,000 deep (json's recursion limit: a parse-error skip), one that is not JSON,
# one whose bulk is a 15 MB plot (past the 4 MiB limit: before the fix a 'too-large' skip that lost its cell's gpt-4o;
# a notebook may now be 8 times the limit, its outputs are not read), 40,000 code cells (4.3 MB), and two that the
# larger limit must not let through: 27 MB of empty lists in an output (parsed whole: 9 million lists, 860 MB) and
# 100,000 cells of code (7 MB of code, past the 4 MiB of code a notebook may hold)
def _nb(cells: list[dict[str, object]]) -> str:
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


def _cell(src: str, outputs: list[object] | None = None) -> dict[str, object]:
    return {"cell_type": "code", "source": [src], "outputs": outputs or [], "metadata": {}, "execution_count": 1}


def _notebooks(ctx: Ctx) -> None:
    write(ctx.work / "app.py", PY_CALL)
    write(ctx.work / "deep.ipynb", '{"cells":[{"cell_type":"code","source":["' + _CALL.strip().replace('"', '\\"')
          + '"],"outputs":['
          + "[" * 200_000 + "]" * 200_000 + ']}],"metadata":{},"nbformat":4,"nbformat_minor":5}')
    write(ctx.work / "bad.ipynb", '{"cells":[{"cell_type":"code","source":["' + _CALL.strip().replace('"', '\\"')
          + '"],"outputs":[]}],  trailing')
    write(ctx.work / "huge.ipynb", _nb([_cell(_CALL, [{"output_type": "display_data",
                                                        "data": {"image/png": "A" * 15_000_000}}])]))
    write(ctx.work / "many.ipynb", _nb([_cell(f"x{i} = {i}\n") for i in range(40_000)]
                                       + [_cell(_CALL.replace("gpt-4o", "gpt-4o-mini"))]))
    write(ctx.work / "lists.ipynb", _nb([_cell(_CALL, [[]])]).replace("[[]]", "[" + "[]," * 9_000_000 + "[]]", 1))
    write(ctx.work / "code.ipynb", _nb([_cell(f'x{i} = client.chat.completions.create(model="gpt-4o-{i}")\n')
                                        for i in range(100_000)]))


def _in_huge(res: Result) -> str | None:
    doc = res.json()
    paths = {f.get("path") for f in doc.get("findings", [])} if isinstance(doc, dict) else set()
    return None if "huge.ipynb" in paths else "nothing found in huge.ipynb (its code cell calls gpt-4o)"


scan_probe("s24b-scan-notebooks-hostile", "notebook", _notebooks,
           accounted=["deep.ipynb", "bad.ipynb", "huge.ipynb", "many.ipynb", "lists.ipynb", "code.ipynb"],
           checks=(*_BOUNDED, _finds("gpt-4o"), _finds("gpt-4o-mini"), _in_huge), timeout=120.0)


# (b) MediaPipe .task bundles are zips: scan reads only their names, inspect opens them as a torch zip; a 500 MB member
# (0.5 MB compressed), 30,000 members and zips nested three deep must not be expanded
def _zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def _nested() -> bytes:
    data = _zip({"a.tflite": b"\0" * 200_000_000})
    for _ in range(3):
        data = _zip({f"n{j}.task": data for j in range(3)})
    return data


_TASKS = {"face_landmarker.task": lambda: _zip({"face_detector.tflite": b"\0" * 500_000_000}),
          "hand_landmarker.task": lambda: _zip({f"m{i}.tflite": b"TFL3" for i in range(30_000)}, zipfile.ZIP_STORED),
          "pose_landmarker.task": _nested}


def _tasks(ctx: Ctx) -> None:
    write(ctx.work / "app.py", PY_CALL)
    for name, make in _TASKS.items():
        write(ctx.work / "models" / name, make())


scan_probe("s24b-scan-task-bundles", "artifact", _tasks, accounted=[f"models/{n}" for n in _TASKS],
           checks=(*_BOUNDED, _finds("gpt-4o")), timeout=120.0)
def _one_task(name: str) -> object:
    def build(ctx: Ctx) -> None:
        write(ctx.work / "models" / name, _TASKS[name]())
    return build


for _name in _TASKS:
    probe(f"s24b-inspect-{_name.split('_')[0]}-task", "artifact", _one_task(_name),  # type: ignore[arg-type]
          ("inspect", f"models/{_name}", "-f", "json"),
          frozenset({0, 1, 2}), fmt="json", checks=_BOUNDED, timeout=120.0)


# (c) string interpolation stacked 3,000 deep in the languages whose strings nest (tree-sitter recursion), the real
# call on the line above
_NEST = 3_000
_INTERP = {
    "a.swift": 'let m = GenerativeModel(name: "gemini-1.5-flash")\nlet x = ' + '"\\(' * _NEST + "1" + ')"' * _NEST,
    "a.kt": 'val m = GenerativeModel(modelName = "gemini-1.5-flash")\nval x = ' + '"${' * _NEST + "1" + '}"' * _NEST,
    "a.dart": "final m = GenerativeModel(model: 'gemini-1.5-flash');\nfinal x = " + "'${" * _NEST + "1" + "}'" * _NEST,
    "a.cs": 'var m = new ChatClient(model: "gemini-1.5-flash");\nvar x = ' + '$"{' * _NEST + "1" + '}"' * _NEST,
    "a.php": "<?php\n$m = $client->chat()->create(['model' => 'gemini-1.5-flash']);\n$x = "
             + '"{$a[' * _NEST + "1" + ']}"' * _NEST + ";",
}
for _file, _text in _INTERP.items():
    scan_probe(f"s24b-scan-interpolation-{_NEST}-deep-{_file.split('.')[1]}", "parser-recursion",
               {_file: _text + "\n"}, accounted=[_file],
               checks=(*_BOUNDED, _finds("gemini-1.5-flash")), timeout=60.0)


# (d) Ruby heredocs (tuneB28 reads a <<~RUBY body as Ruby): 3,000 stacked openers before one delimiter line (each body
# holds the next opener: the reading must not recurse once per opener), and 500 closed bodies each calling a model
# (at most 64 are read as code)
scan_probe("s24b-scan-ruby-heredoc-3k-stacked-openers", "regex-backtracking",
           {"a.rb": 'model("gpt-4o")\n' + "y = <<~RUBY\n" * 3_000 + 'model("gpt-4o-mini")\nRUBY\n'},
           accounted=["a.rb"], checks=(*_BOUNDED, _finds("gpt-4o")), timeout=60.0)
scan_probe("s24b-scan-ruby-heredoc-500-bodies", "regex-backtracking",
           {"a.rb": 'model("gpt-4o")\n' + "".join(f'w{i} = <<~RUBY\n  model("gpt-4o-mini-{i}")\nRUBY\n'
                                                  for i in range(500))},
           accounted=["a.rb"], checks=(*_BOUNDED, _finds("gpt-4o")), timeout=60.0)


# (e) `<org>_<name>` folder names (tuneA28: WhisperKit's `openai_whisper-tiny.en_632MB`): 3,000 distinct literals with
# 36 stacked build suffixes each (every suffix is popped and looked up once), and C:\ paths to them
def _hub_folders(ctx: Ctx) -> None:
    write(ctx.work / "app.py", PY_CALL + "".join(
        f'f{i} = "openai_whisper-x{i}' + "_1gb" * 36 + f'"\np{i} = "C:\\\\models\\\\openai_x{i}' + "_q4" * 40 + '.onnx"\n'
        for i in range(3_000)))


scan_probe("s24b-scan-org-name-folders-stacked-suffixes", "regex-backtracking", _hub_folders, accounted=["app.py"],
           checks=(*_BOUNDED, _finds("gpt-4o")), timeout=60.0)


# (f) -o targets: a folder is refused before the work (exit 2); /dev/full is a write error (exit 2), for check's
# SARIF too; a path in a new folder inside the scanned tree is created, and the next scan skips it as modelmap's own
def _tree(ctx: Ctx) -> None:
    write(ctx.work / "app.py", PY_CALL)
    (ctx.work / "outdir").mkdir()


def _said_any(*words: str) -> object:
    def check(res: Result) -> str | None:
        low = res.stderr.decode("utf-8", "replace").lower()
        return None if any(w in low for w in words) else f"stderr says none of {words}"
    check.__name__ = "said_any"
    return check


for _cmd in ("scan", "bom", "check"):
    probe(f"s24b-{_cmd}-o-folder", "output-target", _tree, (_cmd, ".", "-o", "outdir"), USAGE,
          checks=(cpu_below(20.0), _said_any("it is a folder")), timeout=60.0)
probe("s24b-check-sarif-o-dev-full", "output-target", _tree, ("check", ".", "-f", "sarif", "-o", "/dev/full"), USAGE,
      checks=(cpu_below(20.0), _said_any("no space left")), timeout=60.0)
def _wrote_use(res: Result) -> str | None:
    doc = json.loads((res.ctx.work / "reports" / "new" / "scan.json").read_text(encoding="utf-8"))
    return None if any(f.get("raw") == "gpt-4o" for f in doc.get("findings", [])) else "gpt-4o not in the -o file"


probe("s24b-scan-o-new-folder-in-tree", "output-target", _tree,
      ("scan", ".", "-f", "json", "-o", "reports/new/scan.json"), OK, output="reports/new/scan.json", fmt="json",
      checks=(cpu_below(20.0), _wrote_use), timeout=60.0)
