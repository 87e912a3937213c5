#!/usr/bin/env python3
"""Stress set: LLM and embedding files from the artifact cache, each inspected under several disguises.

Cases are listed in ``bench/artifacts/stress.yaml`` (written by the helper that tunes on them: a regression and
coverage set, not an independent one). Every case is built in a temp dir from the cached real file (or, for
``ckpt`` builds, from a model's published dimensions in run.py's CFG table) as each of its builds:

- ``plain``: the file under its own name, alone in a folder; the file is inspected.
- ``rename``: the file under a neutral name with no extension.
- ``scrub``: the names a format carries removed: GGUF ``general.*`` strings overwritten and model names in the chat
  template masked (run.py's scrub_gguf), a safetensors ``__metadata__`` dropped, a folder's config ``_name_or_path``
  dropped, its tokenizer_config names masked and its README replaced.
- ``trunc``: the first half of the file, at most 24 MiB, never less than a GGUF / safetensors header.
- ``dir``: the file under its own name in a folder named ``acme-model``; the folder is inspected.
- ``ckpt``: config.json (names rewritten to Acme) and a safetensors header with the model's shapes (weights a hole);
  ``ckpt-scrub``: the safetensors header alone, renamed.
- ``hfdir``: the tokenizer, config.json and safetensors header of ``ckpt``, README claiming an in-house model.
- ``newvocab`` (tokenizer.json only): every third ordinary token rewritten (a middle dot appended), the added and special
  tokens kept: the maker's *new* tokenizer, whose vocabulary no table knows (no hash, sketch or prefix matches) but
  whose special tokens are the maker's. Right is the maker (from its own special tokens) or, where those tokens are
  shared by several makers, no answer (truth null).

    python bench/artifacts/disguise.py                 # score every case and build
    python bench/artifacts/disguise.py --json out.json # also write the rows
    python bench/artifacts/disguise.py --only gguf-    # cases whose id starts with this
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import struct
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import yaml  # noqa: E402
from run import _NAMES, CFG, C, scrub_gguf, scrub_tokenizer_config  # noqa: E402

from modelmap.inspect import inspect_path  # noqa: E402

STRESS = HERE / "stress.yaml"
TRUNC_MAX = 24 * 1024 * 1024
GPT2_CFG = {"model_type": "gpt2", "architectures": ["GPT2LMHeadModel"], "n_embd": 768, "n_layer": 12, "n_head": 12,
            "n_positions": 1024, "n_ctx": 1024, "n_inner": None, "vocab_size": 50257}


def _header_len(src: Path) -> int:
    """Bytes a reader needs before the tensor data: GGUF's metadata and tensor index, safetensors' JSON header."""
    with src.open("rb") as fh:
        head = fh.read(8)
    if head[:4] == b"GGUF":
        from modelmap.artifacts.gguf import GGUFReader

        return int(GGUFReader().read(src).data_offset or 0)
    if len(head) == 8 and src.suffix == ".safetensors":
        return 8 + struct.unpack("<Q", head)[0]
    return 0


def _truncate(src: Path, dst: Path) -> None:
    size = src.stat().st_size
    n = max(_header_len(src), min(size // 2, TRUNC_MAX))
    with src.open("rb") as fh:
        dst.write_bytes(fh.read(n))


def _scrub_safetensors(src: Path, dst: Path) -> None:
    with src.open("rb") as fh:
        (hlen,) = struct.unpack("<Q", fh.read(8))
        header = json.loads(fh.read(hlen))
        header.pop("__metadata__", None)
        raw = json.dumps(header).encode()
        raw += b" " * (-len(raw) % 8)
        dst.write_bytes(struct.pack("<Q", len(raw)) + raw + fh.read(1 << 20))


def _scrub_dir(src: Path, dst: Path) -> None:
    shutil.copytree(src, dst)
    for readme in dst.rglob("README.md"):
        readme.write_text("# Acme Embedder\nOur own model.\n", encoding="utf-8")
    for cfg_path in dst.rglob("config.json"):
        cfg = json.loads(cfg_path.read_text(encoding="utf-8"))
        if isinstance(cfg, dict):
            cfg.pop("_name_or_path", None)
            cfg_path.write_text(json.dumps(cfg), encoding="utf-8")
    for tc in dst.rglob("tokenizer_config.json"):
        scrub_tokenizer_config(tc, tc, _NAMES)
    for st in dst.rglob("*.safetensors"):
        tmp = st.with_suffix(".tmp")
        _scrub_safetensors(st, tmp)
        tmp.replace(st)


def _tensors(cfg_name: str) -> tuple[dict[str, Any], dict[str, list[int]]]:
    """(config.json, tensor name -> shape) of a model with the published dimensions in CFG (run.py)."""
    if cfg_name == "gpt2-124m":
        h, n, vocab = 768, 12, 50257
        t = {"wte.weight": [vocab, h], "wpe.weight": [1024, h]}
        for i in range(n):
            t[f"h.{i}.attn.c_attn.weight"] = [h, 3 * h]
            t[f"h.{i}.mlp.c_fc.weight"] = [h, 4 * h]
            t[f"h.{i}.mlp.c_proj.weight"] = [4 * h, h]
        return dict(GPT2_CFG), t
    mt, arch, h, n, heads, kv, inter, vocab = CFG[cfg_name]
    cfg = {"model_type": mt, "architectures": [arch], "hidden_size": h, "num_hidden_layers": n,
           "num_attention_heads": heads, "num_key_value_heads": kv, "intermediate_size": inter, "vocab_size": vocab}
    head_dim = h // heads
    t = {"model.embed_tokens.weight": [vocab, h], "lm_head.weight": [vocab, h]}
    for i in range(n):
        p = f"model.layers.{i}."
        t[p + "self_attn.q_proj.weight"] = [heads * head_dim, h]
        t[p + "self_attn.k_proj.weight"] = [kv * head_dim, h]
        t[p + "self_attn.v_proj.weight"] = [kv * head_dim, h]
        t[p + "self_attn.o_proj.weight"] = [h, heads * head_dim]
        if mt == "glm4":
            t[p + "mlp.gate_up_proj.weight"] = [2 * inter, h]
        else:
            t[p + "mlp.gate_proj.weight"] = [inter, h]
            t[p + "mlp.up_proj.weight"] = [inter, h]
        t[p + "mlp.down_proj.weight"] = [h, inter]
    return cfg, t


def _sparse_safetensors(path: Path, tensors: dict[str, list[int]]) -> None:
    header: dict[str, Any] = {"__metadata__": {"format": "pt"}}
    off = 0
    for name, shape in tensors.items():
        n = 2
        for d in shape:
            n *= d
        header[name] = {"dtype": "BF16", "shape": shape, "data_offsets": [off, off + n]}
        off += n
    raw = json.dumps(header).encode()
    with path.open("wb") as fh:
        fh.write(struct.pack("<Q", len(raw)) + raw)
        fh.truncate(8 + len(raw) + off)


def _new_vocab(src: Path, dst: Path) -> None:
    doc = json.loads(src.read_text(encoding="utf-8"))
    vocab = doc["model"]["vocab"]
    if not isinstance(vocab, dict):
        raise SystemExit(f"{src}: newvocab needs a token -> id vocabulary")
    added = {t.get("content") for t in doc.get("added_tokens") or [] if isinstance(t, dict)}
    out: dict[str, int] = {}
    taken = set(vocab)
    for tok, i in vocab.items():
        if tok not in added and i % 3 == 0:
            new = tok + "\u00b7"
            while new in taken:
                new += "\u00b7"
            taken.add(new)
            tok = new
        out[tok] = i
    doc["model"]["vocab"] = out
    dst.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


def _ckpt(dst: Path, cfg_name: str, with_config: bool = True) -> None:
    dst.mkdir()
    cfg, tensors = _tensors(cfg_name)
    if with_config:
        (dst / "config.json").write_text(json.dumps({"_name_or_path": "acme/acme-lm", **cfg}), encoding="utf-8")
    _sparse_safetensors(dst / "model.safetensors", tensors)


def build(case: dict[str, Any], kind: str, tmp: Path, n: int) -> Path | None:
    src = C / case["src"] if case.get("src") else None
    if src is not None and not src.exists():
        return None
    name = f"s{n:03d}"
    if kind == "plain":
        assert src is not None
        d = tmp / name
        d.mkdir()
        shutil.copy(src, d / src.name)
        return d / src.name
    if kind == "rename":
        assert src is not None
        shutil.copy(src, tmp / name)
        return tmp / name
    if kind == "trunc":
        assert src is not None
        _truncate(src, tmp / name)
        return tmp / name
    if kind == "dir":
        assert src is not None
        d = tmp / f"{name}-acme-model"
        if src.is_dir():
            shutil.copytree(src, d)
        else:
            d.mkdir()
            shutil.copy(src, d / src.name)
        return d
    if kind == "scrub":
        assert src is not None
        if src.is_dir():
            _scrub_dir(src, tmp / f"{name}-acme-model")
            return tmp / f"{name}-acme-model"
        with src.open("rb") as fh:
            magic = fh.read(4)
        if magic == b"GGUF":
            scrub_gguf(src, tmp / name, names=_NAMES)
        elif src.suffix == ".safetensors":
            _scrub_safetensors(src, tmp / name)
        else:
            raise SystemExit(f"{case['id']}: no scrub for {src.name}")
        return tmp / name
    if kind == "newvocab":
        assert src is not None
        _new_vocab(src, tmp / name)
        return tmp / name
    if kind in ("ckpt", "ckpt-scrub"):
        d = tmp / f"{name}-acme-model"
        _ckpt(d, case["ckpt"], with_config=kind == "ckpt")
        if kind == "ckpt-scrub":
            shutil.move(str(d / "model.safetensors"), str(tmp / name))
            d.rmdir()
            return tmp / name
        return d
    if kind == "hfdir":
        assert src is not None
        d = tmp / f"{name}-acme-model"
        _ckpt(d, case["ckpt"])
        tok_name = "vocab.tiktoken" if src.suffix == ".tiktoken" else src.name
        shutil.copy(src, d / tok_name)
        tc = src.with_name("tokenizer_config.json")
        if tc.exists():
            scrub_tokenizer_config(tc, d / "tokenizer_config.json", _NAMES)
        (d / "README.md").write_text("---\nlicense: other\n---\n# Acme LLM\nTrained in-house by Acme.\n",
                                     encoding="utf-8")
        return d
    raise SystemExit(f"{case['id']}: unknown build {kind!r}")


def score(rec: dict[str, Any], case: dict[str, Any]) -> dict[str, Any]:
    fam = rec.get("family") or {}
    ok_names = {case["family"], *(case.get("accept") or [])}
    fam_ok = fam.get("id") in ok_names or bool(ok_names & set(fam.get("indistinguishable_from") or []))
    if case["family"] is None:  # truth: nothing in the file names a family (unknown is the right answer)
        fam_ok = not fam
    pub = rec.get("publisher") or {}
    return {"got_family": fam.get("id"), "family_ok": fam_ok, "got_publisher": pub.get("id"),
            "publisher_ok": pub.get("id") == case["publisher"], "got_country": pub.get("country"),
            "country_ok": pub.get("country") == case["country"], "origins": rec.get("origins"),
            "skipped": [s.get("reason") for s in rec.get("skipped") or []]}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--only", default="", help="cases whose id starts with this")
    args = ap.parse_args(argv)
    spec = yaml.safe_load(STRESS.read_text(encoding="utf-8"))
    default_builds = spec["defaults"]["builds"]
    rows: list[dict[str, Any]] = []
    missing: list[str] = []
    with tempfile.TemporaryDirectory(prefix="modelmap-stress-") as tmp_s:
        tmp = Path(tmp_s)
        os.environ["MODELMAP_CACHE_DIR"] = str(tmp / "cache")
        (tmp / "cases").mkdir()
        n = 0
        for case in spec["cases"]:
            if not case["id"].startswith(args.only):
                continue
            for kind in case.get("builds") or default_builds:
                n += 1
                path = build(case, kind, tmp / "cases", n)
                if path is None:
                    missing.append(f"{case['id']}/{kind}")
                    continue
                try:
                    rec = inspect_path(path)
                except Exception as exc:  # a crash is a result too
                    rec = {"family": None, "publisher": None, "skipped": [{"reason": f"crash: {exc!r}"[:120]}]}
                rows.append({"id": case["id"], "build": kind, "family": case["family"], "publisher": case["publisher"],
                             "country": case["country"], **score(rec, case)})
    print(f"{'case':34} {'build':10} {'expected':15} {'got':15} f  {'publisher':22} p  country  c")
    for r in rows:
        print(f"{r['id']:34} {r['build']:10} {r['family']!s:15} {r['got_family']!s:15} {'Y' if r['family_ok'] else 'N'}  "
              f"{r['got_publisher']!s:22} {'Y' if r['publisher_ok'] else 'N'}  {r['got_country']!s:8} "
              f"{'Y' if r['country_ok'] else 'N'}")
    k = len(rows)
    by_build: dict[str, Counter[str]] = {}
    for r in rows:
        c = by_build.setdefault(r["build"], Counter())
        c["n"] += 1
        c["f"] += r["family_ok"]
        c["p"] += r["publisher_ok"]
        c["c"] += r["country_ok"]
    print()
    for b, c in by_build.items():
        print(f"  {b:10} n={c['n']:3}  family {c['f'] / c['n']:.1%}  publisher {c['p'] / c['n']:.1%}  "
              f"country {c['c'] / c['n']:.1%}")
    if k:
        print(f"\nstress: {k} builds of {len({r['id'] for r in rows})} cases ({len(missing)} not built); family "
              f"{sum(r['family_ok'] for r in rows) / k:.1%}, publisher {sum(r['publisher_ok'] for r in rows) / k:.1%}, "
              f"publisher country {sum(r['country_ok'] for r in rows) / k:.1%}")
    for m in missing:
        print("not built:", m, file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "missing": missing}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
