"""Score modelmap discovery against the hand labels in bench/discovery/labels/ (issue 2).

Runs ``modelmap.scan`` in-process (``resolve=False``) on each labelled tree under ``--corpus``
(default /work/corpus, recreated as described in corpus.md) and matches findings to labels by
(path, line, raw): path and line exact, raw compared case-sensitively. Findings of kind
``endpoint`` are not model references and are left out. A finding linked to a constant defined in another file is
matched where its string is written (its ``definition``), once.

Two scores are reported:

* primary: labels with ``prose: true`` (model names in comments, docstrings, UI text) are
  dropped; a finding that matches a prose label counts neither as a TP nor as an FP;
* with prose: every label counts.

Splits (issue 10): the corpus is split into ``dev`` (the only half tuned against) and ``held-out``
(scored once, at the end) by a rule fixed before any tuning on the new repositories, written to
``splits.yaml`` by ``--write-splits``: the repositories labelled in sessions 1-2 were already tuned
against, so they are dev; each newer repository is grouped by its first language, ordered by the
SHA-256 of its name, and alternately assigned held-out, dev, held-out…; the repositories reserved for
the independent evaluation are ``reserved`` and belong to neither split. ``held-out-2`` is a second
held-out set, chosen and hand-labelled on 2026-12-03 after the first held-out scoring and frozen in
``splits.yaml`` (corpus-heldout2.md); nobody tunes on it and it is scored once.

Usage::

    python bench/discovery/score.py --split dev     # tune on this
    python bench/discovery/score.py --split held-out  # once, at the end
    python bench/discovery/score.py --split held-out-2  # once, by the lead
    python bench/discovery/score.py --split held-out-3  # once, by the lead (corpus-heldout3.md)
    python bench/discovery/score.py --timing        # plus the slowest files to analyse

    python bench/discovery/score.py                 # per repo, overall, per file type
    python bench/discovery/score.py --details       # plus every FP and FN as path:line raw
    python bench/discovery/score.py --repo THUDM__ChatGLM3 --details
    python bench/discovery/score.py --types py,ipynb --details   # only some file types
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
LABELS = HERE / "labels"
FILE_TYPES = ("py", "ipynb", "js/ts", "go", "java", "kotlin", "csharp", "php", "ruby", "rust", "scala", "swift",
              "hcl", "properties", "xml", "yaml/json/env", "Dockerfile", "compose", "sh", "Modelfile", "other")
_LANG_EXT = {
    "go": "go", "java": "java", "kt": "kotlin", "kts": "kotlin", "cs": "csharp", "php": "php", "rb": "ruby",
    "rake": "ruby", "rs": "rust", "scala": "scala", "swift": "swift", "tf": "hcl", "tfvars": "hcl", "hcl": "hcl",
    "properties": "properties",
    # XML configs (discover/xml_files.py): Maven, Spring, MSBuild/.NET, Android values, property lists
    "xml": "xml", "csproj": "xml", "fsproj": "xml", "vbproj": "xml", "props": "xml", "targets": "xml", "resx": "xml",
    "plist": "xml", "config": "xml",
}
RESERVED = {"QwenLM/Qwen-Agent", "THUDM/ChatGLM3", "vercel/ai-chatbot"}
SPLITS = HERE / "splits.yaml"

_COMPOSE = re.compile(r"(^|/)([\w.-]*compose[\w.-]*\.ya?ml)$", re.IGNORECASE)
_DOCKERFILE = re.compile(r"(^|/)(Dockerfile[^/]*|[^/]*\.dockerfile)$", re.IGNORECASE)
_CONFIG = re.compile(
    r"\.(ya?ml|json|jsonc|json5|toml|ini|cfg|conf|properties)$|(^|/)\.?env([.\w-]*)?$|\.env[.\w-]*$", re.IGNORECASE
)


def file_type(path: str) -> str:
    """The report bucket of a path: py, ipynb, js/ts, yaml/json/env, Dockerfile, compose, sh, Modelfile or other."""
    name = path.rsplit("/", 1)[-1]
    low = name.lower()
    if low.endswith((".py", ".pyi", ".pyw")):
        return "py"
    if low.endswith(".ipynb"):
        return "ipynb"
    ext = low.rsplit(".", 1)[-1] if "." in low else ""
    if ext in _LANG_EXT:
        return _LANG_EXT[ext]
    if low.endswith((".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx")):
        return "js/ts"
    if low.startswith("modelfile") or low.endswith(".modelfile"):
        return "Modelfile"
    if _COMPOSE.search(path):
        return "compose"
    if _DOCKERFILE.search(path):
        return "Dockerfile"
    if low.endswith((".sh", ".bash", ".zsh")):
        return "sh"
    if _CONFIG.search(path):
        return "yaml/json/env"
    return "other"


Key = tuple[str, int, str]


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    fps: list[Key] = field(default_factory=list)
    fns: list[Key] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.fps += other.fps
        self.fns += other.fns

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def load_labels(path: Path) -> tuple[str, list[tuple[Key, bool]]]:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    # prefix checks (`prefix: true`) are scored like prose: neither required nor counted against
    refs = [((str(r["path"]), int(r["line"]), str(r["raw"])), bool(r.get("prose", False) or r.get("prefix", False)))
            for r in doc.get("references") or []]
    return str(doc["repo"]), refs


def label_kinds(path: Path) -> dict[Key, str]:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {(str(r["path"]), int(r["line"]), str(r["raw"])): str(r.get("kind") or "unlabelled")
            for r in doc.get("references") or []}


def compute_splits(labels_dir: Path) -> dict[str, str]:
    """The split rule (see the module docstring); deterministic in the label files' repo, date and language."""
    import hashlib

    splits: dict[str, str] = {}
    groups: dict[str, list[str]] = {}
    for label_file in sorted(labels_dir.glob("*.yaml")):
        doc = yaml.safe_load(label_file.read_text(encoding="utf-8"))
        repo = str(doc["repo"])
        if repo in RESERVED:
            splits[label_file.stem] = "reserved"
        elif str(doc.get("labelled_on", "")) < "2026-12-01":
            splits[label_file.stem] = "dev"
        else:
            lang = str((doc.get("languages") or ["other"])[0])
            groups.setdefault(lang, []).append(label_file.stem)
    for names in groups.values():
        for i, name in enumerate(sorted(names, key=lambda n: hashlib.sha256(n.encode()).hexdigest())):
            splits[name] = "held-out" if i % 2 == 0 else "dev"
    return splits


def load_splits(labels_dir: Path, rule_for_new: bool = False) -> dict[str, str]:
    """splits.yaml where it names a repo (frozen). A labels file that splits.yaml does not name yet (a new
    held-out set being labelled) is ``unassigned`` and in no split, so it never leaks into dev or held-out
    scores before its split entry is committed; ``--write-splits`` still assigns new repos by the rule."""
    frozen = yaml.safe_load(SPLITS.read_text(encoding="utf-8")) if SPLITS.exists() else {}
    named = (frozen or {}).get("splits", {})
    rule = compute_splits(labels_dir)
    out = {name: named.get(name, split if rule_for_new else "unassigned") for name, split in rule.items()}
    missing = sorted(name for name, split in out.items() if split == "unassigned")
    if missing:
        print(f"note: {len(missing)} labels file(s) not in splits.yaml, scored in no split: {', '.join(missing)}",
              file=sys.stderr)
    return out


def scan_keys(tree: Path, alternates: dict[Key, Key] | None = None) -> list[Key]:
    """Keys of the scan's findings; with ``alternates`` (a dict to fill), also each finding's model-id reading.

    The model-id reading (``--model-id-reading``): a finding whose literal is a URL or path holding a Hub id it names as
    ``model-id:<org>/<name>`` evidence (``https://huggingface.co/<org>/<name>/resolve/main/<file>``) may match a label
    whose raw is that id on the same line, the convention the held-out-16 .. held-out-20 labels use for Hub download
    URLs. It is a second reading reported beside the strict one, never instead of it.
    """
    import modelmap

    result = modelmap.scan(str(tree), resolve=False)
    keys = [(f.path, f.line, f.raw) for f in result.findings if f.kind != "endpoint" and f.definition is None]
    if alternates is not None:
        for f in result.findings:
            if f.kind == "endpoint" or f.definition is not None:
                continue
            ids = [e[len("model-id:"):] for e in (f.evidence or ()) if e.startswith("model-id:")]
            if ids and ids[0] != f.raw and ids[0] in f.raw:
                alternates[(f.path, f.line, f.raw)] = (f.path, f.line, ids[0])
    # a constant linked across files (discover/links.py) is reported where it is used, with the place its string is
    # written as ``definition``; labels sit where the string is written, so that is the key, counted once however
    # many uses reached it
    linked = {(f.definition.path, f.definition.line, f.raw) for f in result.findings
              if f.kind != "endpoint" and f.definition is not None}
    return keys + sorted(linked - set(keys))


def slowest_files(tree: Path, top: int = 5) -> list[tuple[float, str]]:
    """Time each file's analysis alone (walk, read, prefilter, every source), slowest first."""
    import time

    import modelmap

    times: list[tuple[float, str]] = []
    for path in tree.rglob("*"):
        if not path.is_file() or path.is_symlink():
            continue
        t0 = time.perf_counter()
        modelmap.scan(str(path), resolve=False)
        times.append((time.perf_counter() - t0, str(path.relative_to(tree))))
    return sorted(times, reverse=True)[:top]


def score(found: Iterable[Key], labels: list[tuple[Key, bool]], *, with_prose: bool) -> dict[str, Tally]:
    """Match findings to labels (a multiset on each side); returns a Tally per file type."""
    wanted: Counter[Key] = Counter(k for k, prose in labels if with_prose or not prose)
    ignored: Counter[Key] = Counter(k for k, prose in labels if prose and not with_prose)
    tallies: dict[str, Tally] = {}

    def tally(path: str) -> Tally:
        return tallies.setdefault(file_type(path), Tally())

    for key in sorted(found):
        if wanted[key] > 0:
            wanted[key] -= 1
            tally(key[0]).tp += 1
        elif ignored[key] > 0:
            ignored[key] -= 1
        else:
            t = tally(key[0])
            t.fp += 1
            t.fps.append(key)
    for key, count in sorted(wanted.items()):
        for _ in range(count):
            t = tally(key[0])
            t.fn += 1
            t.fns.append(key)
    return tallies


def _row(name: str, t: Tally) -> str:
    return f"| {name} | {t.tp} | {t.fp} | {t.fn} | {t.precision:.3f} | {t.recall:.3f} |"


def _table(title: str, rows: list[tuple[str, Tally]]) -> list[str]:
    out = [f"### {title}", "", "| scope | TP | FP | FN | precision | recall |", "|---|---|---|---|---|---|"]
    out += [_row(name, t) for name, t in rows]
    return [*out, ""]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default="/work/corpus", help="directory holding <owner>__<name>/ trees")
    parser.add_argument("--labels", default=str(LABELS), help="directory of label files")
    parser.add_argument("--repo", action="append", default=[], help="only this repo (owner__name); repeatable")
    parser.add_argument("--types", default="", help="only these file types, comma-separated (e.g. py,ipynb)")
    parser.add_argument("--details", action="store_true", help="list every FP and FN as path:line raw")
    parser.add_argument("--split", choices=("dev", "held-out", "held-out-2", "held-out-3", "held-out-4", "held-out-5", "held-out-6", "held-out-7", "held-out-8", "held-out-9", "held-out-10", "held-out-11", "held-out-12", "held-out-13", "held-out-14", "held-out-15", "held-out-16", "held-out-17", "held-out-18", "held-out-19", "held-out-20", "held-out-21", "held-out-22", "held-out-23", "held-out-24", "held-out-25", "held-out-26", "held-out-27", "held-out-28", "held-out-29", "held-out-30", "held-out-31", "held-out-32", "held-out-33", "held-out-34", "held-out-35", "held-out-36", "held-out-37", "reserved",
                                                  "unassigned", "all"), default="all",
                        help="score only this split (splits.yaml / the rule in this docstring)")
    parser.add_argument("--write-splits", action="store_true", help="freeze the current split rule into splits.yaml")
    parser.add_argument("--timing", action="store_true", help="also time every file alone and list the slowest")
    parser.add_argument("--model-id-reading", action="store_true",
                        help="second reading: a finding also matches a same-line label equal to its model-id evidence "
                             "(a Hub download URL against a label of its <org>/<name>); see scan_keys")
    parser.add_argument("--exclude-kinds", default="",
                        help="leave labels of these kinds out (comma-separated, e.g. alias); a finding matching one "
                             "counts neither way")
    args = parser.parse_args(argv)
    splits = load_splits(Path(args.labels), rule_for_new=args.write_splits)
    if args.write_splits:
        doc = {"schema": "modelmap.discovery-splits/1",
               "rule": "sessions 1-2 repos: dev; reserved repos: reserved; newer repos grouped by first language, "
                       "ordered by sha256(name), alternately held-out, dev; held-out-2 / held-out-3: frozen here (corpus-heldout2.md, corpus-heldout3.md)",
               "splits": dict(sorted(splits.items()))}
        SPLITS.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
        print(f"wrote {SPLITS}")
        return 0
    kind_tallies: dict[str, Tally] = {}
    timings: list[tuple[float, str]] = []

    types = {t.strip() for t in args.types.split(",") if t.strip()}
    corpus = Path(args.corpus)
    results: dict[bool, list[tuple[str, dict[str, Tally]]]] = {False: [], True: []}
    for label_file in sorted(Path(args.labels).glob("*.yaml")):
        name = label_file.stem
        if args.repo and name not in args.repo:
            continue
        if args.split != "all" and splits.get(name) != args.split:
            continue
        tree = corpus / name
        if not tree.is_dir():
            print(f"skip {name}: no tree at {tree} (see bench/discovery/corpus.md)", file=sys.stderr)
            continue
        _, labels = load_labels(label_file)
        alternates: dict[Key, Key] | None = {} if args.model_id_reading else None
        found = scan_keys(tree, alternates)
        excluded = {k.strip() for k in args.exclude_kinds.split(",") if k.strip()}
        if excluded:
            kinds_of = label_kinds(label_file)
            # an excluded label turns into a prose-like one: not wanted, and a finding on it is not an FP
            labels = [(k, p or kinds_of.get(k) in excluded) for k, p in labels]
        if alternates:
            label_keys = {k for k, _p in labels}
            found = [alternates[k] if k not in label_keys and alternates.get(k) in label_keys else k
                     for k in found]
        if types:
            labels = [(k, p) for k, p in labels if file_type(k[0]) in types]
            found = [k for k in found if file_type(k[0]) in types]
        for with_prose in (False, True):
            results[with_prose].append((name, score(found, labels, with_prose=with_prose)))
        kinds = label_kinds(label_file)
        for t in results[False][-1][1].values():
            for key in t.fns:
                kind_tallies.setdefault(kinds.get(key, "unlabelled"), Tally()).fn += 1
        matched = Counter(found)
        for key, _prose in labels:
            if not _prose and matched[key] > 0:
                matched[key] -= 1
                kind_tallies.setdefault(kinds.get(key, "unlabelled"), Tally()).tp += 1
        for t in results[False][-1][1].values():
            kind_tallies.setdefault("(false positives)", Tally()).fp += t.fp
        if args.timing:
            timings += [(sec, f"{name}/{p}") for sec, p in slowest_files(tree)]

    lines: list[str] = []
    for with_prose in (False, True):
        title = "with prose labels" if with_prose else "primary (prose labels excluded)"
        per_repo: list[tuple[str, Tally]] = []
        overall = Tally()
        by_type: dict[str, Tally] = {}
        for name, tallies in results[with_prose]:
            repo_total = Tally()
            for ftype, t in tallies.items():
                repo_total.add(t)
                by_type.setdefault(ftype, Tally()).add(t)
            per_repo.append((name, repo_total))
            overall.add(repo_total)
        lines += _table(f"Per repo, {title}", [*per_repo, ("**overall**", overall)])
        lines += _table(f"Per file type, {title}", [(ft, by_type[ft]) for ft in FILE_TYPES if ft in by_type])
        if not with_prose:
            lines += _table("Per label kind, primary (recall by kind; FPs have no label kind)",
                            sorted(kind_tallies.items()))
        if args.details and not with_prose:
            lines.append(f"### Errors, {title}")
            lines.append("")
            for name, tallies in results[with_prose]:
                errs = [("FP", k) for t in tallies.values() for k in t.fps] + [
                    ("FN", k) for t in tallies.values() for k in t.fns]
                for kind, (path, line, raw) in sorted(errs, key=lambda e: (e[1], e[0])):
                    lines.append(f"{kind} {name}/{path}:{line} {raw}")
            lines.append("")
    if timings:
        lines += ["### Slowest files to analyse (each alone, in-process)", "", "| seconds | file |", "|---|---|"]
        lines += [f"| {sec:.3f} | {path} |" for sec, path in sorted(timings, reverse=True)[:10]]
    print(f"split: {args.split}", file=sys.stderr)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
