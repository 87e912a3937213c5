"""Bounded discovery: hostile inputs finish, stay linear, and never abort a scan.

Regression tests for the bounded-parsing work (catastrophic regex backtracking, quadratic positions,
exponential value flow, FIFOs, per-file budgets and caps). No timing assertions: inputs are sized so that
the old super-linear code would run for minutes, and each run happens in a child process with a generous
timeout; where it can, a test asserts on the budget's step counter instead.
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from modelmap.discover import base
from modelmap.discover.base import Budget, CharColumns, SourceFile, file_budget
from modelmap.discover.engine import ScanOptions, scan_paths
from modelmap.types import Finding, Skip

CHILD_TIMEOUT = 120  # generous: each case takes well under a second or two when linear


def _scan_child(root: Path, **opts: object) -> dict:
    """Scan ``root`` in a child process (so a hang is a timeout here, not a stuck test run)."""
    code = textwrap.dedent(f"""
        import json, sys
        from modelmap.discover.engine import ScanOptions, scan_paths
        r = scan_paths([{str(root)!r}], ScanOptions(jobs=1, **{opts!r}))
        json.dump({{"findings": [f.to_dict() for f in r.findings],
                   "skipped": [s.to_dict() for s in r.skips]}}, sys.stdout)
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=CHILD_TIMEOUT,
                          check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout)


def _raws(result: dict) -> set[str]:
    return {f["raw"] for f in result["findings"]}


# -- 1. catastrophic backtracking ------------------------------------------------------------------------


def test_bounds_regex_cases_finish(tmp_path: Path) -> None:
    """Each of these hung (exponential or quadratic backtracking) before the patterns were moved to RE2 or
    rewritten; each file also carries a real model reference that must still be found."""
    files = {
        "h/chart/templates/d.yaml": "model: {{ .Values.model }}\n" + "{{}}" * 40 + "x\n"
                                    + "  --model Qwen/Qwen2.5-7B-Instruct\n",
        "e/.env": "MODEL=x" + " " * 150_000 + "y\nEMBEDDING_MODEL=BAAI/bge-m3\n",
        "setup.cfg": "[llm]\nmodel=x" + " " * 150_000 + "y\nembedding_model = BAAI/bge-m3\n",
        "serve.sh": "MODEL=x" + " " * 150_000 + "y\nvllm serve Qwen/Qwen2.5-7B-Instruct\n",
        "doc.py": "# model " + "a" * 150_000 + "\nfrom openai import OpenAI\n"
                  "OpenAI().chat.completions.create(model='gpt-4o-mini')\n",
        "a.vue": "<!-- model -->" + "<script>" * 40_000 + "\n",
        "b.vue": "<template/>\n<script>\nconst model = 'gpt-4o-mini'\n</script>\n" + "<script " * 20_000,
        "Dockerfile": "FROM python:3.11\nENV " + "a" * 150_000 + "\nENV MODEL_ID=Qwen/Qwen2.5-7B-Instruct\n",
        "k/templates/x.yaml": "{{ if }}\n" + " " * 100_000 + "!\n  model: Qwen/Qwen2.5-7B-Instruct\n{{ end }\n",
    }
    for rel, text in files.items():
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    result = _scan_child(tmp_path)
    found = _raws(result)
    assert {"BAAI/bge-m3", "Qwen/Qwen2.5-7B-Instruct", "gpt-4o-mini"} <= found


def _sig(m: object, groups: int) -> object:
    if m is None:
        return None
    return [(m.group(i), m.start(i), m.end(i)) for i in range(groups + 1)]  # type: ignore[attr-defined]


def test_bounds_rewritten_patterns_match_the_old_ones() -> None:
    """The RE2 / rewritten patterns give the same matches and groups as the backtracking originals,
    Unicode letters and spaces included (RE2's own \\s and \\w are ASCII; ``linear()`` maps them)."""
    from modelmap.discover.config_files import _ENV_PAIR, _INI_PAIR, _MODEL_DIR
    from modelmap.discover.dockerfiles import _ENV_PAIR as DOCKER_ENV
    from modelmap.discover.kubernetes import _LINE_KV, _is_template_line, _replace_templates
    from modelmap.discover.python import _EMBEDDED
    from modelmap.discover.shell import _ASSIGN

    old = {
        "ini": (re.compile(r"^([^\s=:#;\[][^=:\n]*?)\s*[=:][ \t]*(.*?)[ \t]*$"), _INI_PAIR, 2),
        "env": (re.compile(r"^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*(.*?)[ \t]*$"),
                _ENV_PAIR, 2),
        "kv": (re.compile(r"^\s*-?\s*(?:name:\s*)?[\"']?([\w.-]+)[\"']?\s*[:=]\s*[\"']?([^\"'\s#{}]+)[\"']?\s*(#.*)?$"),
               _LINE_KV, 3),
        "assign": (re.compile(r"^\s*(?:(?:export|local|readonly|declare(?:\s+-\w+)*)\s+)?(?P<name>[A-Za-z_]\w*)="
                              r"(?P<value>\S.*?)\s*(?:;.*)?$"), _ASSIGN, 2),
    }
    old_dir = re.compile(r"(^|/)(models?|checkpoints?|weights|llms?|hf[_-]?cache|huggingface)/[^/]+|"
                         r"\d+(\.\d+)?[bmk](?:[-_.]|$)", re.I)
    old_emb = re.compile(r"""(?P<key>[A-Za-z_][\w.-]*)['"]?\s*(?::|=)\s*(?P<q>['"])(?P<val>[^'"\s]{1,200})(?P=q)""")
    old_docker = re.compile(r"""([A-Za-z_][A-Za-z0-9_.-]*)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)""")
    old_line = re.compile(r"^\s*(\{\{.*?\}\}\s*)+$")
    old_tpl = re.compile(r"\{\{.*?\}\}", re.S)
    alphabet = [*" \t=:#;[]{}ab1.-_\"'xé\u00a0\u2003٣\\", "export ", "name:", "7b", "models/", "model", "{{", "}}", ";"]
    rng = random.Random(20251203)
    for _ in range(15_000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        for name, (before, after, groups) in old.items():
            assert _sig(before.match(s), groups) == _sig(after.match(s), groups), (name, s)
        assert bool(old_dir.search(s)) == bool(_MODEL_DIR.search(s)), s
        a = [(m.group("key"), m.group("val"), m.start("val")) for m in old_emb.finditer(s)]
        b = [(m.group("key"), m.group("v1") or m.group("v2"), m.start(2) if m.group("v1") else m.start(3))
             for m in _EMBEDDED.finditer(s)]
        assert a == b, s
        assert [_sig(m, 2) for m in old_docker.finditer(s)] == [_sig(m, 2) for m in DOCKER_ENV.finditer(s)], s
        assert bool(old_line.match(s)) == _is_template_line(s), s
        assert old_tpl.sub(lambda m: "#" * len(m.group(0)), s) == _replace_templates(s, lambda n: "#" * n), s


# -- 2. positions ------------------------------------------------------------------------------------------


def test_bounds_char_columns_agree_with_decoding() -> None:
    rng = random.Random(7)
    for _ in range(2000):
        line = "".join(rng.choice(["a", "é", "漢", "😀", " "]) for _ in range(rng.randint(0, 12)))
        cols = CharColumns(lambda _row, line=line: line)
        data = line.encode()
        for byte_col in range(len(data) + 1):
            assert cols.char_col(0, byte_col) == len(data[:byte_col].decode("utf-8", errors="ignore"))


def test_bounds_one_line_files_stay_linear(tmp_path: Path) -> None:
    """A one-line file with 90k literals (minutes before: every position re-encoded the line) finishes,
    reports columns in characters, and is capped at the per-file findings limit with a Skip. (Kept under
    1 MB: past that, a file of enormous lines is a "generated" skip, tested below.)"""
    n = 90_000
    (tmp_path / "big.py").write_text("x = ['é', " + ", ".join(["'gpt-4o'"] * n) + "]\n")
    (tmp_path / "big.ts").write_text("const x = ['é', " + ", ".join(["'gpt-4o'"] * n) + "];\n")
    result = _scan_child(tmp_path, max_findings_per_file=2000)
    by_path: dict[str, list[dict]] = {}
    for f in result["findings"]:
        by_path.setdefault(f["path"], []).append(f)
    # Python points past the opening quote, JavaScript at it (as each source always has)
    for path, prefix in (("big.py", "x = ['é', '"), ("big.ts", "const x = ['é', ")):
        findings = by_path[path]
        assert 0 < len(findings) <= 2000
        assert min(f["column"] for f in findings) == len(prefix) + 1  # characters, not UTF-8 bytes
    reasons = {(s["path"], s["reason"]) for s in result["skipped"]}
    assert ("big.py", "findings-capped") in reasons and ("big.ts", "findings-capped") in reasons


# -- 3. value flow and budgets -------------------------------------------------------------------------------


def _flow_text(classes: int) -> str:
    return "".join(
        f"class C{i}:\n    def __init__(self, key, model_name='gpt-4o-mini', base_url=None, **kw):\n"
        "        self.model_name = model_name\n        model_name = self.model_name\n"
        "        self.model = model_name\n"
        for i in range(classes))


def test_bounds_value_flow_is_memoised() -> None:
    """Forty classes whose names refer to each other took over two minutes (an exponential walk to depth
    6); memoised, the step count grows about linearly with the number of classes."""
    from modelmap.discover.python import scan_python_text

    spent = []
    for classes in (10, 40):
        with file_budget(seconds=600, steps=10**9) as allowance:
            out = scan_python_text(SourceFile("flow.py", _flow_text(classes)), "python")
        assert any(isinstance(f, Finding) and f.raw == "gpt-4o-mini" for f in out)
        assert not any(isinstance(s, Skip) for s in out)
        spent.append(allowance.steps - allowance.left)
    assert spent[1] < spent[0] * 4 * 3  # 4x the classes: about 4x the steps, far from exponential


def test_bounds_budget_falls_back_and_reports(tmp_path: Path) -> None:
    """Past its budget the Python source keeps what it found, classifies the literals on their own, and
    says so with an analysis-budget Skip."""
    text = "MODEL = 'gpt-4o-mini'\n" + "".join(f"v{i} = f(a, b, c)\n" for i in range(600))
    (tmp_path / "app.py").write_text(text)
    result = scan_paths([tmp_path], ScanOptions(jobs=1, budget_steps=300))
    assert "gpt-4o-mini" in {f.raw for f in result.findings}
    skips = [s for s in result.skips if s.reason == "analysis-budget"]
    assert skips and skips[0].path == "app.py" and "python" in skips[0].detail


def test_bounds_budget_counts_steps() -> None:
    b = Budget(seconds=1000, steps=10)
    for _ in range(10):
        b.tick()
    with pytest.raises(base.BudgetExceeded):
        b.tick()
    assert "steps" in (b.spent or "")


def _python_cases() -> dict[str, str]:
    return {
        "many_assign.py": "".join(f"model = 'gpt-4o-mini-{i % 7}'\n" for i in range(3000))
                          + "".join("client.chat.completions.create(model=model)\n" for _ in range(3000)),
        "deep_chain.py": "m0 = 'gpt-4o-mini'\n" + "".join(f"m{i + 1} = m{i}\n" for i in range(5000))
                         + "create(model=m5000)\nllm = ChatOpenAI(model=m3)\n",
        "huge_list.py": "MODELS = [" + ", ".join(["'gpt-4o-mini'"] * 60_000) + "]\n",
        "one_line.py": "; ".join(f"m{i} = 'gpt-4o-mini'" for i in range(40_000)) + "\n",
        "comments.py": "".join(f"# model = 'gpt-4o-mini-{i}'\n" for i in range(30_000)),
        "defs.py": "".join(f"def f{i}():\n    return create(model='gpt-4o-mini')\n" for i in range(20_000)),
    }


def _js_cases() -> dict[str, str]:
    return {
        "many_assign.ts": "".join("model = 'gpt-4o-mini';\n" for _ in range(3000))
                          + "".join("await client.chat.completions.create({ model });\n" for _ in range(3000)),
        "deep_chain.js": "const m0 = 'gpt-4o-mini';\n" + "".join(f"const m{i + 1} = m{i};\n" for i in range(5000))
                         + "openai.chat.completions.create({ model: m5000 });\nopenai('x', { model: m2 });\n",
        "huge_list.ts": "export const MODELS = [" + ", ".join(["'gpt-4o-mini'"] * 60_000) + "];\n",  # ~900 KB
        "one_line.ts": "; ".join(f"const m{i} = {{ model: 'gpt-4o-mini' }}" for i in range(20_000)) + "\n",
        "chain.ts": "const r = x" + ".a()" * 3000 + ";\nconst MODEL = 'gpt-4o-mini';\n",
    }


def _config_cases() -> dict[str, str]:
    return {
        "many.yaml": "".join(f"k{i}:\n  model: gpt-4o-mini\n" for i in range(20_000)),
        "docs.yaml": "".join("---\nmodel: gpt-4o-mini\n" for _ in range(12_000)),
        "flow.json": "{\"model\": \"gpt-4o-mini\", \"x\": [" + ",".join(["[1]"] * 100_000) + "]}",
        "one_line.toml": "model = \"gpt-4o-mini\"\nx = [" + ", ".join(["\"a\""] * 100_000) + "]\n",
        ".env": "MODEL=gpt-4o-mini\n" + "".join(f"K{i}=v\n" for i in range(50_000)),
        "list.yaml": "command: [" + ", ".join(["--model", "gpt-4o-mini"] * 20_000) + "]\n",
    }


def _shell_cases() -> dict[str, str]:
    return {
        "many.sh": "".join(f"MODEL=gpt-4o-mini-{i}\n" for i in range(30_000)),
        "one_line.sh": "vllm serve Qwen/Qwen2.5-7B-Instruct " + " ".join(
            f"--served-model-name n{i}" for i in range(30_000)) + "\n",
        "continued.sh": "vllm serve Qwen/Qwen2.5-7B-Instruct \\\n" + "  --port 8000 \\\n" * 20_000 + "  --x\n",
        "flags.sh": "mlx_lm.server " * 5000 + "-a " * 5000 + "\nollama pull llama3.1:8b\n",
    }


def _k8s_cases() -> dict[str, str]:
    container = ("      - name: c{i}\n        image: vllm/vllm-openai:v0.6\n"
                 "        args: [\"--model\", \"Qwen/Qwen2.5-7B-Instruct\"]\n")
    return {
        "deploy.yaml": "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n"
                       + "".join(container.format(i=i) for i in range(3000)),
        "chart/templates/t.yaml": "apiVersion: v1\nkind: ConfigMap\ndata:\n"
                                  + "".join(f"  k{i}: {{{{ .Values.x }}}}\n" for i in range(20_000))
                                  + "  model: Qwen/Qwen2.5-7B-Instruct\n",
        "chart/templates/broken.yaml": "{{- if }}\n" + "{{ x }}: : :\n" * 20_000
                                       + "  args: [\"--model\", \"Qwen/Qwen2.5-7B-Instruct\"]\n",
    }


@pytest.mark.parametrize("cases", [_python_cases, _js_cases, _config_cases, _shell_cases, _k8s_cases],
                         ids=["python", "javascript", "config", "shell", "k8s"])
def test_bounds_adversarial_files_finish_and_still_find(tmp_path: Path, cases: object) -> None:
    """Many assignments to one name, deep chains, huge literal lists, one-line files: every file finishes
    (in a child process with a generous timeout) and still reports the model it holds."""
    files = cases()  # type: ignore[operator]
    for rel, text in files.items():
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text)
    result = _scan_child(tmp_path)
    with_findings = {f["path"] for f in result["findings"]}
    missing = [rel for rel in files if rel not in with_findings]
    assert not missing, f"no findings in {missing}; skipped: {result['skipped']}"


# -- 4. FIFOs --------------------------------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
@pytest.mark.parametrize("name", [".gitignore", ".modelmapignore", "app.py", "config.yaml"])
def test_bounds_fifo_never_blocks_a_scan(tmp_path: Path, name: str) -> None:
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "a.py").write_text("m = 'gpt-4o-mini'\n")
    os.mkfifo(tmp_path / "t" / name)
    result = _scan_child(tmp_path)
    assert "gpt-4o-mini" in _raws(result)
    assert {"path": f"t/{name}", "reason": "not-a-file", "detail": ""} in result["skipped"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_bounds_file_swapped_for_fifo_after_the_walk(tmp_path: Path) -> None:
    from modelmap.discover.engine import _read

    os.mkfifo(tmp_path / "x.py")
    with pytest.raises(OSError, match="not a regular file"):
        _read(str(tmp_path / "x.py"), 100)


# -- 6. one bad file never aborts a scan; caps ----------------------------------------------------------------


class _Exploding:
    id = "exploding"
    description = "raises on every file"
    samples = ()

    def __init__(self, exc: BaseException) -> None:
        self.exc = exc

    def applies_to(self, path: str) -> bool:
        return path.endswith(".py")

    def scan(self, file: SourceFile) -> list[Finding | Skip]:
        raise self.exc


@pytest.mark.parametrize("exc", [MemoryError(), RecursionError("deep"), ValueError("bad"), KeyError("k")])
def test_bounds_source_errors_become_counted_skips(tmp_path: Path, exc: BaseException) -> None:
    from modelmap.discover import SOURCES

    (tmp_path / "a.py").write_text("m = 'gpt-4o-mini'\n")
    (tmp_path / "b.py").write_text("m = 'gpt-4o-mini'\n")
    result = scan_paths([tmp_path], ScanOptions(jobs=1, sources=(*SOURCES, _Exploding(exc))))
    assert {f.path for f in result.findings} == {"a.py", "b.py"}
    assert sorted(s.path for s in result.skips if s.reason == "source-error") == ["a.py", "b.py"]
    assert result.stats.skipped["source-error"] == 2


def test_bounds_findings_cap_is_reported(tmp_path: Path) -> None:
    (tmp_path / "m.yaml").write_text("".join(f"k{i}:\n  model: gpt-4o-mini\n" for i in range(50)))
    result = scan_paths([tmp_path], ScanOptions(jobs=1, max_findings_per_file=10))
    assert 0 < len(result.findings) <= 10
    assert any(s.reason == "findings-capped" and s.path == "m.yaml" for s in result.skips)


def test_bounds_yaml_documents_are_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from modelmap.discover import config_files

    monkeypatch.setattr(config_files, "MAX_YAML_DOCUMENTS", 5)
    config_files._parse_yaml_cached.cache_clear()
    (tmp_path / "docs.yaml").write_text("".join(f"---\nmodel: gpt-4o-mini-{i}\n" for i in range(20)))
    try:
        result = scan_paths([tmp_path], ScanOptions(jobs=1))
    finally:
        config_files._parse_yaml_cached.cache_clear()
    assert {f.raw for f in result.findings} == {f"gpt-4o-mini-{i}" for i in range(5)}
    assert [s.reason for s in result.skips] == ["documents-capped"]


# -- 8. nothing dropped silently ---------------------------------------------------------------------------------


def test_bounds_bad_json_lines_are_counted(tmp_path: Path) -> None:
    (tmp_path / "batch.jsonl").write_text('{"model": "gpt-4o-mini"}\nnot json\n{bad\n\n{"model": "gpt-4o"}\n')
    result = scan_paths([tmp_path], ScanOptions(jobs=1))
    assert {f.raw for f in result.findings} == {"gpt-4o-mini", "gpt-4o"}
    skips = [s for s in result.skips if s.path == "batch.jsonl"]
    assert len(skips) == 1 and skips[0].reason == "parse-error" and "2 of 4 lines" in skips[0].detail


# -- 9. file names that are not UTF-8 --------------------------------------------------------------------------


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="needs a file system that takes any bytes")
def test_bounds_non_utf8_file_names(tmp_path: Path) -> None:
    root = os.fsencode(tmp_path)
    with open(os.path.join(root, b"bad\xff.py"), "wb") as fh:
        fh.write(b"m = 'gpt-4o-mini'\n")
    os.makedirs(os.path.join(root, b"dir\xfe"))
    with open(os.path.join(root, b"dir\xfe", b".env"), "wb") as fh:
        fh.write(b"MODEL=gpt-4o-mini\n")
    with open(os.path.join(root, b"dir\xfe", b"s.ipynb"), "wb") as fh:
        fh.write(json.dumps({"cells": [{"cell_type": "code", "source": ["m = 'gpt-4o-mini'  # \ud800\n"]}]},
                            ensure_ascii=True).encode())
    result = scan_paths([tmp_path], ScanOptions(jobs=1))
    paths = {f.path for f in result.findings}
    assert paths == {"bad\udcff.py", "dir\udcfe/.env", "dir\udcfe/s.ipynb"}, (paths, result.skips)
    assert not [s for s in result.skips if s.reason == "source-error"]


def test_bounds_long_json_string_is_parsed_in_constant_memory() -> None:
    """A 2 MB base64 string in a JSON file once took 300 MB of regex backtracking marks."""
    import tracemalloc

    from modelmap.discover.config_files import parse_json

    text = '{"data": [{"b64_json": "' + "QUJD" * 500_000 + '", "model": "gpt-image-1"}]}'
    tracemalloc.start()
    try:
        parse_json(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * len(text)


def test_bounds_megabyte_one_line_code_is_a_generated_skip(tmp_path: Path) -> None:
    """A 3.9 MB one-line .py once took 720 MB of syntax tree: such a file is reported, not parsed."""
    (tmp_path / "gen.py").write_text("x = [" + ", ".join(["'gpt-4o'"] * 300_000) + "]\n")
    (tmp_path / "ok.py").write_text("client.chat.completions.create(model='gpt-4o')\n")
    (tmp_path / "data.json").write_text('{"model": "gpt-4o", "pad": "' + "a" * 1_500_000 + '"}')
    result = _scan_child(tmp_path)
    reasons = {s["path"]: s["reason"] for s in result["skipped"]}
    assert reasons.get("gen.py") == "generated"
    assert "data.json" not in reasons  # data formats with long lines are still read
    assert {f["path"] for f in result["findings"]} >= {"ok.py", "data.json"}

