"""semgrep on generated code, with modelmap's own local rules (hand-written wrapper around the semgrep CLI).

semgrep is run as a program, never imported: it pins its own dependencies (click, jsonschema, opentelemetry…)
tightly, so it lives best in its own virtual environment (``pipx install semgrep==1.185.0``, or the ``[semgrep]``
extra in an environment of its own). The binary is ``$MODELMAP_SEMGREP``, else ``semgrep`` on PATH, else the one
beside the running Python.

Every run is local and offline: ``--config`` names the rules file shipped in this package (no registry),
``--metrics=off`` and ``--disable-version-check`` stop the two calls semgrep would otherwise make, and HOME
points at a private temp folder so nothing is read from or written to the user's semgrep settings. The code is
written to files in a private temp folder (semgrep parses it, nothing runs it); the run has a wall-clock
timeout, a per-file timeout, and its JSON output is read with a size cap.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

RULES = Path(__file__).resolve().parent / "rules" / "insecure-code.semgrep.yaml"
PINNED_VERSION = "1.185.0"
OUTPUT_LIMIT = 32 * 1024 * 1024
RUN_TIMEOUT_S = 600.0
PER_FILE_TIMEOUT_S = 10
EXTENSIONS = {"python": ".py", "javascript": ".js"}
SEVERITY = {"ERROR": "HIGH", "WARNING": "MEDIUM", "INFO": "LOW"}


class SemgrepError(RuntimeError):
    """semgrep could not scan (crashed, timed out, or wrote no readable result)."""


@dataclass(frozen=True)
class SemgrepFinding:
    rule: str
    cwe: int | None
    severity: str  # HIGH / MEDIUM / LOW (semgrep's ERROR / WARNING / INFO)
    line: int
    lang: str


@dataclass(frozen=True)
class SemgrepRun:
    findings: tuple[tuple[SemgrepFinding, ...], ...]  # one tuple per sample, in input order
    version: str | None
    seconds: float
    files: int
    errors: tuple[str, ...]


def find_semgrep() -> str | None:
    """The semgrep binary to run, or None when it is not installed."""
    explicit = os.environ.get("MODELMAP_SEMGREP")
    if explicit:
        return explicit if Path(explicit).is_file() else None
    found = shutil.which("semgrep")
    if found:
        return found
    beside = Path(sys.executable).parent / "semgrep"
    return str(beside) if beside.is_file() else None


def _cwe(meta: object) -> int | None:
    value = meta.get("cwe") if isinstance(meta, dict) else None
    if isinstance(value, list):
        value = value[0] if value else None
    if not isinstance(value, str):
        return None
    digits = value.upper().removeprefix("CWE-").split(":", 1)[0].strip()
    return int(digits) if digits.isascii() and digits.isdigit() and len(digits) <= 9 else None


def scan(samples: Sequence[dict[str, str]], *, binary: str | None = None, rules: Path = RULES,
         timeout_s: float = RUN_TIMEOUT_S) -> SemgrepRun:
    """Scan each sample's code (``{"python": code, "javascript": code}``) in one semgrep run."""
    binary = binary or find_semgrep()
    if binary is None:
        raise SemgrepError("semgrep is not installed (pipx install semgrep==1.185.0, or set MODELMAP_SEMGREP)")
    per_sample: list[list[SemgrepFinding]] = [[] for _ in samples]
    with tempfile.TemporaryDirectory(prefix="modelmap-semgrep-") as tmp:
        root = Path(tmp)
        code_dir = root / "code"
        home = root / "home"
        code_dir.mkdir()
        home.mkdir()
        owner: dict[str, tuple[int, str]] = {}
        for i, blocks in enumerate(samples):
            for lang, code in blocks.items():
                ext = EXTENSIONS.get(lang)
                if ext is None or not code:
                    continue
                name = f"sample_{i:05d}{ext}"
                (code_dir / name).write_text(code, encoding="utf-8")
                owner[name] = (i, lang)
        if not owner:
            return SemgrepRun(tuple(() for _ in samples), None, 0.0, 0, ())
        out = root / "out.json"
        env = {"PATH": os.environ.get("PATH", ""), "HOME": str(home), "XDG_CONFIG_HOME": str(home),
               "XDG_CACHE_HOME": str(home), "SEMGREP_ENABLE_VERSION_CHECK": "0", "SEMGREP_SEND_METRICS": "off",
               "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
        cmd = [binary, "scan", "--config", str(rules), "--metrics=off", "--disable-version-check", "--json",
               "--output", str(out), "--quiet", "--no-git-ignore", "--timeout", str(PER_FILE_TIMEOUT_S),
               "--jobs", "1", str(code_dir)]
        started = time.perf_counter()
        try:
            proc = subprocess.run(cmd, env=env, cwd=root, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, timeout=timeout_s, check=False)
        except subprocess.TimeoutExpired as exc:
            raise SemgrepError(f"semgrep ran longer than {timeout_s:g} s") from exc
        except OSError as exc:
            raise SemgrepError(f"cannot run semgrep: {exc.strerror or exc}") from exc
        seconds = time.perf_counter() - started
        if not out.is_file():
            tail = proc.stderr[-400:].decode("utf-8", "replace").strip()
            raise SemgrepError(f"semgrep exited {proc.returncode} without a result: {tail}")
        with out.open("rb") as fh:
            raw = fh.read(OUTPUT_LIMIT + 1)
        if len(raw) > OUTPUT_LIMIT:
            raise SemgrepError(f"semgrep's result is larger than {OUTPUT_LIMIT} bytes")
        try:
            doc = json.loads(raw)
        except ValueError as exc:
            raise SemgrepError("semgrep's result is not JSON") from exc
    for result in doc.get("results") or []:
        name = Path(str(result.get("path", ""))).name
        if name not in owner:
            continue
        index, lang = owner[name]
        extra = result.get("extra") or {}
        line = (result.get("start") or {}).get("line")
        per_sample[index].append(SemgrepFinding(
            rule=str(result.get("check_id", "")).rsplit(".", 1)[-1], cwe=_cwe(extra.get("metadata")),
            severity=SEVERITY.get(str(extra.get("severity", "")).upper(), "LOW"),
            line=line if isinstance(line, int) else 0, lang=lang))
    errors = tuple(str(e.get("message", e))[:200] for e in (doc.get("errors") or []) if isinstance(e, dict))
    version = doc.get("version") if isinstance(doc.get("version"), str) else None
    return SemgrepRun(tuple(tuple(sorted(f, key=lambda x: (x.lang, x.line, x.rule))) for f in per_sample),
                      version, round(seconds, 3), len(owner), errors)
