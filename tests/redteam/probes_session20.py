"""Red-team probes of brief redteam22: the paths session 19 added. The git index reader (discover/gitindex.py,
c42fd6d: a tracked file under a .gitignore'd folder is scanned), report's format from ``-o``'s suffix (6afe5c7), the
model-listing API reply rule (config_files.py ``_listed_model_ids``, a358137) and the architecture-registry rule
(candidates.py ``_implementation_class``, 5311363).

Imported by tests/redteam/probes.py after probes_session19, so every probe lands in the one registry (``PROBES``) and
runs through the same runner and promises (bounded time and memory, no traceback, no raw escape on the terminal, every
file a finding or a skip, special files never replaced). Stdlib only at import time.
"""

from __future__ import annotations

import os
import shutil
import struct
from collections.abc import Callable
from pathlib import Path

from tests.redteam.probes import OK, USAGE, fifo_reader, probe, scan_probe
from tests.redteam.probes_session8 import cpu_below
from tests.redteam.probes_session13 import rss_below
from tests.redteam.runner import Ctx, Result

_BOUNDED = (cpu_below(20.0), rss_below(500))
_APP = 'from openai import OpenAI\nOpenAI().chat.completions.create(model="gpt-4o-mini", messages=[])\n'
_TRACKED = 'from openai import OpenAI\nOpenAI().chat.completions.create(model="deepseek-chat", messages=[])\n'
_OUTSIDE = 'from openai import OpenAI\nOpenAI().chat.completions.create(model="glm-4-plus", messages=[])\n'


# (a) discover/gitindex.py: hostile .git/index files and .git entries ------------------------------------------------
def _entry(name: bytes, oid: int = 20, version: int = 2) -> bytes:
    """One index entry: 40 bytes of stat data, the object id, the flags (name length), the NUL-padded path (2/3)."""
    head = bytes(40) + bytes(oid) + struct.pack(">H", min(len(name), 0xFFF))
    body = head + name
    return body + b"\0" * (8 - len(body) % 8)


def _index(names: list[bytes], oid: int = 20, count: int | None = None) -> bytes:
    return (b"DIRC" + struct.pack(">II", 2, len(names) if count is None else count)
            + b"".join(_entry(n, oid) for n in names))


def _repo(ctx: Ctx, index: bytes | None, config: str = "") -> None:
    """A checkout whose .gitignore names gen/, with gen/tracked.py (the index lists it when the reader works) and
    app.py (found whatever the index holds), and a file outside the scanned root that no entry may bring in."""
    (ctx.work / "gen").mkdir(parents=True, exist_ok=True)
    (ctx.work / ".gitignore").write_text("gen/\n")
    (ctx.work / "app.py").write_text(_APP)
    (ctx.work / "gen" / "tracked.py").write_text(_TRACKED)
    (ctx.root / "outside").mkdir(exist_ok=True)
    (ctx.root / "outside" / "secret.py").write_text(_OUTSIDE)
    git = ctx.work / ".git"
    git.mkdir(exist_ok=True)
    (git / "HEAD").write_text("ref: refs/heads/main\n")
    if config:
        (git / "config").write_text(config)
    if index is not None:
        (git / "index").write_bytes(index)


def _finds(raw: str, present: bool = True) -> Callable[[Result], str | None]:
    def check(res: Result) -> str | None:
        if res.rc != 0:
            return None
        doc = res.json()
        raws = {str(f.get("raw")) for f in doc.get("findings", [])} if isinstance(doc, dict) else set()
        if (raw in raws) != present:
            return f"{raw!r} {'not ' if present else ''}found"
        return None
    check.__name__ = f"{'finds' if present else 'no'}_{raw[:40]}"
    return check


def _inside_root(res: Result) -> str | None:
    """No finding or skip names a path outside the scanned root (an index entry ``../x`` or ``/x``)."""
    if res.rc != 0:
        return None
    doc = res.json()
    if not isinstance(doc, dict):
        return None
    for item in [*doc.get("findings", []), *doc.get("skipped", [])]:
        path = str(item.get("path", ""))
        if path.startswith(("/", "../")) or "/../" in path or "outside" in path:
            return f"a path outside the scanned root: {path[:120]!r}"
    if "glm-4-plus" in {str(f.get("raw")) for f in doc.get("findings", [])}:
        return "read a file outside the scanned root"
    return None


_NORMAL = (*_BOUNDED, _finds("gpt-4o-mini"), _inside_root)

# the reader works: an ordinary index lists gen/tracked.py, which is scanned though .gitignore names gen/
scan_probe("s20-gitindex-plain", "git-index", lambda ctx: _repo(ctx, _index([b".gitignore", b"app.py",
                                                                            b"gen/tracked.py"])),
           checks=(*_NORMAL, _finds("deepseek-chat")))
# a header that promises 1,000,000 entries over 10 written ones (truncated): not an index, .gitignore decides
scan_probe("s20-gitindex-truncated", "git-index",
           lambda ctx: _repo(ctx, _index([b"app.py", b"gen/tracked.py"] + [b"x%d" % i for i in range(8)],
                                         count=1_000_000)[:-5]),
           checks=(*_NORMAL, _finds("deepseek-chat", present=False)))
# 500,000 entries (the reader's limit; a 40 MB index), the tracked one last
scan_probe("s20-gitindex-500k-entries", "git-index",
           lambda ctx: _repo(ctx, _index([b"gen/d%d/f%d.py" % (i % 5000, i) for i in range(499_999)]
                                         + [b"gen/tracked.py"])),
           checks=(*_NORMAL, _finds("deepseek-chat")), timeout=180.0)


def _v4_bomb(n: int) -> bytes:
    """A version 4 index whose every entry keeps the whole previous path and adds one byte (prefix compression):
    n entries of 65 bytes spell n paths of 1..n bytes (500,000: 32 MB spelling 125 GB)."""
    entry = bytes(40) + bytes(20) + struct.pack(">H", 1) + b"\x00" + b"a\0"
    return b"DIRC" + struct.pack(">II", 4, n) + entry * n


scan_probe("s20-gitindex-v4-prefix-bomb", "git-index", lambda ctx: _repo(ctx, _v4_bomb(499_000)),
           checks=(*_NORMAL, _finds("deepseek-chat", present=False)), timeout=180.0)
# 2,000 paths each 2,000 folders deep under its own top folder: their folders are 2,000 strings each (~4 MB a path)
scan_probe("s20-gitindex-deep-folders", "git-index",
           lambda ctx: _repo(ctx, _index([b"gen/t%d/" % i + b"a/" * 2000 + b"f.py" for i in range(2000)]
                                         + [b"gen/tracked.py"])),
           checks=(*_NORMAL,), timeout=180.0)
# a SHA-256 repository (32-byte object ids, config objectformat = sha256); the same index read as SHA-1 is garbage
_SHA256 = "[core]\n\trepositoryformatversion = 1\n[extensions]\n\tobjectformat = sha256\n"
scan_probe("s20-gitindex-sha256", "git-index",
           lambda ctx: _repo(ctx, _index([b"app.py", b"gen/tracked.py"], oid=32), _SHA256),
           checks=(*_NORMAL, _finds("deepseek-chat")))
scan_probe("s20-gitindex-sha256-index-sha1-config", "git-index",
           lambda ctx: _repo(ctx, _index([b"app.py"] + [b"gen/x%d.py" % i for i in range(5000)]
                                         + [b"gen/tracked.py"], oid=32)),
           checks=_NORMAL)
# entries naming ../outside/secret.py, an absolute path, gen/../../outside: looked up only, never opened
scan_probe("s20-gitindex-outside-paths", "git-index",
           lambda ctx: _repo(ctx, _index([b"../outside/secret.py", str(ctx.root / "outside" / "secret.py").encode(),
                                          b"gen/../../outside/secret.py", b"../outside", b"/", b"..", b"gen/tracked.py",
                                          b"\xff\xfe/../x.py"])),
           checks=(*_NORMAL, _finds("deepseek-chat")))


def _dot_git(kind: str) -> Callable[[Ctx], None]:
    """.git as a file pointing elsewhere (a 1 MB gitdir line, the outside folder, /dev/zero), a FIFO, a symlink loop,
    or a folder whose index is a FIFO or a symlink to a file outside the root."""
    def build(ctx: Ctx) -> None:
        _repo(ctx, None)
        git = ctx.work / ".git"
        if kind in ("file-outside", "file-huge", "file-dev", "fifo", "loop"):
            shutil.rmtree(git)
        if kind == "file-outside":
            outside = ctx.root / "outside" / "gitdir"
            outside.mkdir()
            (outside / "index").write_bytes(_index([b"gen/tracked.py", b"../secret.py"]))
            git.write_text(f"gitdir: {outside}\n")
        elif kind == "file-huge":
            git.write_text("gitdir: " + "a/" * 500_000 + "\n")
        elif kind == "file-dev":
            git.write_text("gitdir: /dev/zero\n")
        elif kind == "fifo":
            os.mkfifo(git)
            ctx.special.append(git)
        elif kind == "loop":
            os.symlink(".git", git)
            ctx.special.append(git)
        elif kind == "index-fifo":
            os.mkfifo(git / "index")
            ctx.special.append(git / "index")
        elif kind == "index-link-outside":
            target = ctx.root / "outside" / "index"
            target.write_bytes(_index([b"gen/tracked.py"]))
            os.symlink(target, git / "index")
            ctx.special.append(git / "index")
        elif kind == "index-loop":
            os.symlink("index", git / "index")
            ctx.special.append(git / "index")
    return build


for _kind in ("file-outside", "file-huge", "file-dev", "fifo", "loop", "index-fifo", "index-link-outside",
              "index-loop"):
    scan_probe(f"s20-dotgit-{_kind}", "git-index", _dot_git(_kind), checks=_NORMAL, timeout=60.0)


# (b) report's format from -o's suffix: a -o that is a FIFO, a symlink or a device is never replaced ----------------
def _app(ctx: Ctx) -> None:
    (ctx.work / "app.py").write_text(_APP)


def _link(rel: str, to: str) -> Callable[[Ctx], None]:
    """-o names a symlink to a file outside the working folder: refused (exit 2), the link and its target kept."""
    def build(ctx: Ctx) -> None:
        _app(ctx)
        target = ctx.root / to
        if to.endswith(".fifo"):
            os.mkfifo(target)
        else:
            target.write_text("keep\n")
        ctx.state["target"] = str(target)
        os.symlink(target, ctx.work / rel)
        ctx.special.extend([ctx.work / rel, target])
    return build


def _target_kept(res: Result) -> str | None:
    target = Path(res.ctx.state["target"])
    if target.is_file() and target.read_text() != "keep\n":
        return "the symlink's target was written"
    return None


def _said(*words: str) -> Callable[[Result], str | None]:
    def check(res: Result) -> str | None:
        low = res.stderr.decode("utf-8", "replace").lower()
        missing = [w for w in words if w not in low]
        return f"stderr does not say {missing}" if missing else None
    check.__name__ = "said_" + "_".join(words)
    return check


probe("s20-report-o-symlink-md", "special-output", _link("r.md", "elsewhere.md"),
      ("report", ".", "-o", "r.md"), USAGE, checks=(_target_kept, _said("symbolic link")), timeout=60.0)
probe("s20-report-o-symlink-to-fifo-html", "special-output", _link("r.html", "pipe.fifo"),
      ("report", ".", "-o", "r.html"), USAGE, checks=(_said("symbolic link"),), timeout=60.0)
probe("s20-report-o-symlink-pdf", "special-output", _link("r.pdf", "elsewhere.pdf"),
      ("report", ".", "-o", "r.pdf"), USAGE, checks=(_target_kept,), timeout=60.0)


def _fifo_got(res: Result) -> str | None:
    got = res.ctx.state.get("fifo_data") or []
    if res.rc == 0 and not any(got):
        return "nothing arrived through the FIFO"
    return None


def _fifo(rel: str) -> Callable[[Ctx], None]:
    def build(ctx: Ctx) -> None:
        _app(ctx)
        fifo_reader(rel)(ctx)
    return build


def _fifo_no_reader(rel: str) -> Callable[[Ctx], None]:
    def build(ctx: Ctx) -> None:
        _app(ctx)
        os.mkfifo(ctx.work / rel)
        ctx.special.append(ctx.work / rel)
    return build


# a FIFO is written through (never replaced by a regular file); a FIFO under a suffix no format has is a usage error
# before anything is opened (no reader: opening it would block)
probe("s20-report-o-fifo-md", "special-output", _fifo("r.md"), ("report", ".", "-o", "r.md"), OK,
      checks=(_fifo_got,), timeout=60.0)
probe("s20-report-o-fifo-pdf", "special-output", _fifo_no_reader("r.pdf"), ("report", ".", "-o", "r.pdf"), USAGE,
      checks=(_said("pdf"),), timeout=60.0)
probe("s20-report-o-fifo-no-suffix", "special-output", _fifo("pipe"), ("report", ".", "-o", "pipe"), OK,
      checks=(_fifo_got,), timeout=60.0)


def _dev_null(ctx: Ctx) -> None:
    _app(ctx)
    ctx.special.append(Path("/dev/null"))


probe("s20-report-o-dev-null", "special-output", _dev_null, ("report", ".", "-o", "/dev/null"), OK, timeout=60.0)
probe("s20-report-o-dev-null-md-format", "special-output", _dev_null,
      ("report", ".", "-o", "/dev/null", "-f", "md"), OK, timeout=60.0)
probe("s20-report-o-folder-md", "special-output", lambda ctx: (_app(ctx), (ctx.work / "out.md").mkdir()),
      ("report", ".", "-o", "out.md"), USAGE, checks=(_said("folder"),), timeout=60.0)


# (c) the model-listing API reply rule: a /v1/models reply of 50 MB, and of 1,000,000 entries -----------------------
def _listing(n: int, pad: int = 0) -> str:
    entry = '{"id": "ft:gpt-4o-mini:acme::m%d", "object": "model", "created": 1, "owned_by": "acme"%s}'
    return '{"object": "list", "data": [' + ", ".join(entry % (i, ', "x": "' + "p" * pad + '"' if pad else "")
                                                        for i in range(n)) + "]}\n"


# 50 MB (over the 4 MB file limit: a too-large skip, never parsed); 1,000,000 entries written compactly in 3.9 MB
# fit no file under it, so the largest under the limit (~45,000 entries) and a JSON lines reply of 1,000,000 over it
scan_probe("s20-model-listing-50mb", "huge-file", lambda: {"test/data/models.json": _listing(500_000, 20)},
           accounted=["test/data/models.json"], checks=_BOUNDED, timeout=180.0)
scan_probe("s20-model-listing-under-cap", "huge-file", lambda: {"test/data/models.json": _listing(45_000)},
           accounted=["test/data/models.json"], checks=_BOUNDED, timeout=180.0)
scan_probe("s20-model-listing-1m-compact", "huge-file",
           lambda: {"test/data/models.json": '{"data":[' + ",".join(f'{{"object":"model","id":"m{i}"}}'
                                                                   for i in range(1_000_000)) + "]}\n"},
           accounted=["test/data/models.json"], checks=_BOUNDED, timeout=180.0)
# 100,000 records nested 1 level deeper each (a reply inside a reply): the walk's depth limit, not a recursion error
scan_probe("s20-model-listing-nested", "huge-file",
           lambda: {"test/data/models.json": '{"data": [' * 5_000 + '{"object": "model", "id": "gpt-4o"}'
                                             + "]}" * 5_000 + "\n"},
           accounted=["test/data/models.json"], checks=_BOUNDED, timeout=120.0)


# (d) the architecture-registry rule: Ruby / Python maps of 100,000 keys -------------------------------------------
def _registry(lang: str, n: int, near_miss: bool = False) -> str:
    if lang == "rb":
        cls = "Bert%dForMaskedLM" if near_miss else "M%dModel"
        body = ",\n".join(f'  "m{i}" => ["{cls % i}", {cls % i}]' for i in range(n))
        return "module Informers\n  MODEL_MAPPING = {\n" + body + "\n  }\n  DEFAULT = \"gpt-4o-mini\"\nend\n"
    cls = "Bert%dForMaskedLM" if near_miss else "M%dModel"
    body = ",\n".join(f'    "m{i}": {cls % i}' for i in range(n))
    return "MODEL_MAPPING = {\n" + body + "\n}\nclient.chat.completions.create(model=\"gpt-4o-mini\")\n"


for _lang in ("rb", "py"):
    for _miss in (False, True):
        _rel = f"lib/registry{'_miss' if _miss else ''}.{_lang}"
        scan_probe(f"s20-arch-registry-100k-{_lang}{'-near-miss' if _miss else ''}", "huge-file",
                   lambda r=_rel, lang=_lang, miss=_miss: {r: _registry(lang, 100_000, miss)}, accounted=[_rel],
                   checks=_BOUNDED, timeout=180.0)
# one key whose value is 400 characters of names and brackets (the rule's limit) x 20,000 entries
scan_probe("s20-arch-registry-long-values-rb", "regex-backtracking",
           lambda: {"lib/reg.rb": "MAP = {\n" + ",\n".join(f'  "bert{i}" => [' + '"BertModel", ' * 30 + "BertModel]"
                                                           for i in range(20_000)) + "\n}\n"},
           accounted=["lib/reg.rb"], checks=_BOUNDED, timeout=180.0)
