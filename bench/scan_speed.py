#!/usr/bin/env python3
"""Scan-speed benchmark: modelmap vs ripgrep on the same large tree, in one run.

Generates (once, deterministically) a monorepo-shaped tree of >= 20k files — Python, TS/JS,
JSON/YAML configs, Markdown, notebooks, binaries, a node_modules folder — with model references
sprinkled in ~3% of files, then times:

  * ``rg`` searching the tree for the same prefilter keywords modelmap uses (case-insensitive,
    fixed strings, listing matching files), and
  * ``modelmap.scan`` (discovery only, no provenance), with peak RSS.

Usage: python bench/scan_speed.py [--files 20000] [--tree /tmp/modelmap-bench-tree] [--jobs 2]
Record results in bench/SPEED.md. Never asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PY_BODY = '''import os
import logging
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass
class Record{n}:
    id: int
    name: str
    payload: dict

    def validate(self) -> bool:
        if not self.name:
            raise ValueError("name required")
        return all(isinstance(k, str) for k in self.payload)


def transform_{n}(rows):
    out = []
    for row in rows:
        if row.get("deleted"):
            continue
        out.append({{"id": row["id"], "total": sum(row.get("items", []))}})
    log.debug("transformed %d rows", len(out))
    return out
'''
TS_BODY = '''import {{ useState, useEffect }} from "react";

export interface Props{n} {{ id: number; title: string; onSave?: (v: string) => void }}

export function Widget{n}({{ id, title, onSave }}: Props{n}) {{
  const [value, setValue] = useState<string>("");
  useEffect(() => {{ document.title = `${{title}} #${{id}}`; }}, [id, title]);
  return null;
}}
'''
MODEL_SNIPPETS = {
    ".py": 'from openai import OpenAI\nclient = OpenAI()\nr = client.chat.completions.create(model="gpt-4o-mini", messages=[])\n',
    ".ts": 'import {{ openai }} from "@ai-sdk/openai";\nexport const m = openai("gpt-4o");\n',
    ".yaml": "model: Qwen/Qwen2.5-7B-Instruct\nembedding_model: BAAI/bge-m3\n",
}


def generate(root: Path, n_files: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    kinds = [(".py", 0.40), (".ts", 0.25), (".json", 0.08), (".yaml", 0.05), (".md", 0.12), (".png", 0.05),
             (".ipynb", 0.01), (".txt", 0.04)]
    for i in range(n_files):
        r, acc, ext = rng.random(), 0.0, ".py"
        for e, w in kinds:
            acc += w
            if r <= acc:
                ext = e
                break
        d = root / f"pkg{i % 97}" / f"mod{(i // 97) % 23}"
        d.mkdir(parents=True, exist_ok=True)
        path = d / f"file{i}{ext}"
        with_model = rng.random() < 0.03
        if ext == ".py":
            text = PY_BODY.format(n=i) * rng.randint(1, 6)
        elif ext == ".ts":
            text = TS_BODY.format(n=i) * rng.randint(1, 6)
        elif ext == ".json":
            text = json.dumps({"name": f"pkg{i}", "version": "1.0.0", "scripts": {"build": "tsc -p ."},
                               "items": list(range(rng.randint(10, 200)))}, indent=2)
        elif ext == ".yaml":
            text = "".join(f"key{j}: value{j}\n" for j in range(rng.randint(10, 120)))
        elif ext == ".md":
            text = ("## Section\n\nSome documentation text about the service and its behaviour.\n" * rng.randint(5, 60))
        elif ext == ".ipynb":
            text = json.dumps({"cells": [{"cell_type": "code", "source": ["x = 1\n", "print(x)\n"]}], "metadata": {},
                               "nbformat": 4, "nbformat_minor": 5})
        elif ext == ".png":
            path.write_bytes(bytes(rng.getrandbits(8) for _ in range(rng.randint(2000, 20000))))
            continue
        else:
            text = "plain text line\n" * rng.randint(10, 300)
        if with_model and ext in MODEL_SNIPPETS:
            text += "\n" + MODEL_SNIPPETS[ext].replace("{{", "{").replace("}}", "}")
        path.write_text(text)
    nm = root / "node_modules" / "openai"
    nm.mkdir(parents=True, exist_ok=True)
    (nm / "index.js").write_text('export const DEFAULT_MODEL = "gpt-4o";\n' * 1000)


def tree_stats(root: Path) -> tuple[int, int]:
    files = size = 0
    for dirpath, _dirs, names in os.walk(root):
        for name in names:
            files += 1
            size += os.path.getsize(os.path.join(dirpath, name))
    return files, size


def _cpu_children() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def run_rg(root: Path, keywords: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one rg run."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as fh:
        fh.write("\n".join(keywords))
        pattern_file = fh.name
    cpu0 = _cpu_children()
    t = time.perf_counter()
    subprocess.run(["rg", "-i", "-F", "-l", "-f", pattern_file, str(root)], stdout=subprocess.DEVNULL, check=False)
    elapsed = time.perf_counter() - t
    cpu = _cpu_children() - cpu0
    os.unlink(pattern_file)
    return elapsed, cpu


def run_modelmap(root: Path, jobs: int) -> tuple[float, dict]:
    """(wall seconds inside scan(), details incl. CPU seconds of the whole process tree)."""
    code = (
        "import json,resource,sys,time,modelmap;"
        f"t=time.perf_counter();r=modelmap.scan([{str(root)!r}],jobs={jobs});e=time.perf_counter()-t;"
        "c=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss;s=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss;"
        "print(json.dumps({'seconds':e,'findings':len(r.findings),'stats':r.stats.to_dict(),'rss_self_kb':s,'rss_children_kb':c}))"
    )
    cpu0 = _cpu_children()
    # as installed: pip compiles bytecode at install time, so let this interpreter write and use it
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    data = json.loads(proc.stdout)
    data["cpu"] = _cpu_children() - cpu0
    return data["seconds"], data


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--files", type=int, default=20000)
    ap.add_argument("--tree", type=Path, default=Path(tempfile.gettempdir()) / "modelmap-bench-tree")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--regen", action="store_true")
    args = ap.parse_args()
    if args.regen and args.tree.exists():
        shutil.rmtree(args.tree)
    if not args.tree.exists():
        generate(args.tree, args.files)
    files, size = tree_stats(args.tree)
    from modelmap.discover.prefilter import keywords as prefilter_keywords

    keywords = list(prefilter_keywords())
    # warm the page cache and the knowledge-index cache once, then measure
    run_rg(args.tree, keywords)
    run_modelmap(args.tree, args.jobs)
    rg_runs = [run_rg(args.tree, keywords) for _ in range(3)]
    rg_t, rg_cpu = min(rg_runs)
    runs = [run_modelmap(args.tree, args.jobs) for _ in range(3)]
    mm_t, data = min(runs, key=lambda x: x[0])
    mm_cpu = min(r[1]["cpu"] for r in runs)
    scanned = data["stats"]["bytes"]
    peak_mb = max(data["rss_self_kb"], data["rss_children_kb"]) / 1024
    print(f"tree: {files} files, {size / 1e6:.1f} MB on disk ({args.tree})")
    print(f"keywords: {len(keywords)}")
    print(f"rg -i -F -l -f keywords: {rg_t:.3f} s wall, {rg_cpu:.3f} s CPU")
    print(f"modelmap scan (jobs={args.jobs}): {mm_t:.3f} s wall -> {mm_t / rg_t:.2f}x rg; "
          f"{mm_cpu:.3f} s CPU (whole process incl. interpreter start) -> {mm_cpu / rg_cpu:.2f}x rg CPU")
    print(f"  text bytes scanned {scanned / 1e6:.1f} MB -> {scanned / 1e6 / mm_t:.1f} MB/s; "
          f"tree bytes {size / 1e6 / mm_t:.1f} MB/s")
    print(f"  findings {data['findings']}, stats {json.dumps(data['stats'])}")
    print(f"  peak RSS {peak_mb:.0f} MB (largest single process)")


if __name__ == "__main__":
    main()
