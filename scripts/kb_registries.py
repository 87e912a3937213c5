"""Generate knowledge-base records for publishers outside the Chinese labs from structured registries
(issue 11, item 5).

Sources, each read at a pinned commit from a local git snapshot (``fetch``), never imported or run:

* Xinference (xorbitsai/inference): ``xinference/model/{llm,embedding,rerank,image,audio,video}``
  JSON registries. Each spec names a Hub repo (``model_id``), its format (pytorch, awq, gptq,
  ggufv2, mlx, fp8, ...) and its size inside a model family; most also name the ModelScope repo;
* ms-swift (modelscope/ms-swift): ``Model(<ModelScope id>, <Hub id>)`` pairs in its model registry
  (v3+ layout ``swift/model/models/*.py``, v3 ``swift/llm/model/model/*.py``) and the
  ``register_model(..., hf_model_id=...)`` calls of v2 (``swift/llm/utils/model.py``);
* LLaMA-Factory (hiyouga/LLaMA-Factory): ``DownloadSource.DEFAULT`` / ``MODELSCOPE`` pairs in
  ``src/llamafactory/extras/constants.py``.

What is recorded, and only that (licences, bases and sizes are never guessed):

* the repo's existence, Hub id, ModelScope spelling (as an alias when the ModelScope repo name is
  the same and the ModelScope org is the publisher's or ModelScope's own mirror account), a role
  from the registry kind (embedding, rerank, image, audio) or from the repo name;
* ``license: unknown`` and no ``base`` (unknown) for an unquantized repo, EXCEPT that an
  instruction/chat repo gets ``base: finetune`` of its pretrained sibling when the SAME registry
  file lists both and the publisher's naming makes it explicit (``X-it`` / ``X-Instruct`` /
  ``X-chat`` next to ``X``; Llama 2's ``X-chat-hf`` next to ``X-hf``);
* a quantized repo (AWQ/GPTQ/GGUF/MLX/FP8/bnb...) whose unquantized parent is in the knowledge base:
  ``base: quantization`` of that parent, with the parent's licence, size, role and context (cited
  through the parent's own sources). The parent is found either by the publisher's own naming
  (``<parent>-AWQ``) or, for third-party quantizers, by Xinference listing the repo in the same
  family and size as exactly one unquantized repo whose name it extends.

Output goes between ``# BEGIN generated (kb_registries)`` / ``# END generated (kb_registries)``
markers at the end of each publisher file, so a rerun replaces its own output and leaves
hand-written records (and other generators' blocks) alone. Publisher files named in NEW_PUBLISHERS
are created once with their header; an org no publisher claims is skipped and listed on stderr.

    python3 scripts/kb_registries.py --xinference DIR --swift DIR --llamafactory DIR
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

import kb_cn_labs as cn  # shared rendering helpers; its own records are not touched

ROOT = Path(__file__).resolve().parents[1]
PUB_DIR = ROOT / "src" / "modelmap" / "knowledge" / "data" / "publishers"
AS_OF = "2026-12-03"
BEGIN = "# BEGIN generated (kb_registries)"
END = "# END generated (kb_registries)"

XF_REPO = "https://github.com/xorbitsai/inference"
# Xinference snapshots read, newest first (a repo is cited at the newest commit that lists it).
XF_COMMITS = (
    "7ecec16b6",
    "b9734447dbd07d117232f3ae91955e3b0ea7b60b",
    "41d5a0f49be3212f3c0d759216a5b667afdc5c15",
    "8f92d045d1ee13cbeb059115409210fb604b7660",
    "a3c20630c52c2b9de739d8a657e8558f1cb84b84",
    "1598c238f4e4e3e71a5833b24f22087a4c9962cf",
    "d2a11960ff9d796efae4ccbbe60ad6d091422796",
    "f7e088dde46c641a0323e619954c385966af176f",
    "3516dd48f3a17cfabb617a08bef3c7bbbc283de6",
    "82ed561565766c101e4da86da7bcb1ca7f98786b",
)
# registry kind -> (spec file, ModelScope spec file of old layouts or None)
XF_FILES = {
    "llm": ("xinference/model/llm/llm_family.json", "xinference/model/llm/llm_family_modelscope.json"),
    "embedding": ("xinference/model/embedding/model_spec.json", "xinference/model/embedding/model_spec_modelscope.json"),
    "rerank": ("xinference/model/rerank/model_spec.json", "xinference/model/rerank/model_spec_modelscope.json"),
    "image": ("xinference/model/image/model_spec.json", "xinference/model/image/model_spec_modelscope.json"),
    "audio": ("xinference/model/audio/model_spec.json", "xinference/model/audio/model_spec_modelscope.json"),
    "video": ("xinference/model/video/model_spec.json", "xinference/model/video/model_spec_modelscope.json"),
}
KIND_ROLE = {"embedding": "embedding", "rerank": "rerank", "image": "image", "audio": "speech", "video": "other"}

SWIFT_REPO = "https://github.com/modelscope/ms-swift"
# (commit, directory or file): the three layouts of ms-swift's registry
SWIFT_SOURCES = (
    ("3602360a562313afbf2ef6065fdf61f271a2c5b9", "swift/model/models"),
    ("dfaf7e1f5f13df2cf34479ca99c5c38717f62ff6", "swift/llm/model/model"),
    ("d2b45ec8c6acbfc126f784f3781aac31db1c297a", "swift/llm/utils/model.py"),
)
SWIFT_V2_CALL = re.compile(r"\s*ModelType\.\w+,\s*'([^']+)'")
SWIFT_V2_HF = re.compile(r"hf_model_id\s*=\s*'([^']+)'")

LF_REPO = "https://github.com/hiyouga/LLaMA-Factory"
LF_COMMIT = "ff6d4d12eeb035d6ce06805a5733dd7b29f2ac30"
LF_PATH = "src/llamafactory/extras/constants.py"

# Publisher files this script never writes (the Chinese labs belong to scripts/kb_cn_labs.py).
NOT_OURS = frozenset(cn.ORG_PUBLISHER.values())
# ModelScope accounts that mirror other publishers' weights under the same repo name.
MS_MIRRORS = {"llm-research", "ai-modelscope", "modelscope"}

# New publisher files: id -> header facts. Country only where the cited page states it; else null + note.
_UNVERIFIED = "Country not verified in the sources read; left null (unknown)."


def _pub(name: str, orgs: list[str], kind: str, country: str | None = None,
         sources: tuple[str, ...] = (), note: str | None = None) -> dict[str, Any]:
    srcs = [*sources] or [f"https://huggingface.co/{orgs[0]}"]
    return {"name": name, "orgs": orgs, "kind": kind, "country": country, "sources": srcs,
            "note": note if country else (note or _UNVERIFIED)}


NEW_PUBLISHERS: dict[str, dict[str, Any]] = {
    "tele-ai": _pub("China Telecom Artificial Intelligence Technology Co. (TeleAI)", ["Tele-AI", "TeleAI"], "lab", "CN",
                    ("https://vecbase.com/en/p/Tele-AI/Telechat",
                     "https://model.aibase.com/en/models/details/1915693822954332162")),
    "xverse": _pub("XVERSE Technology (Shenzhen Yuanxiang)", ["xverse"], "lab", "CN",
                   ("https://huggingface.co./xverse/XVERSE-13B/resolve/a6e5dafaff48880e522f98bb1aa01d9dd4030f4f/README.md?download=true",)),
    "stabilityai": _pub("Stability AI", ["stabilityai"], "lab", "GB", ("https://gentic.news/glossary/stability-ai",)),
    "black-forest-labs": _pub("Black Forest Labs", ["black-forest-labs"], "lab", "DE",
                              ("https://europeanstack.com/software/black-forest-labs",),
                              "Headquarters Freiburg (DE) per the cited page; the company is also incorporated in the US."),
    "upstage": _pub("Upstage", ["upstage"], "lab", "KR", ("https://koreatechdesk.com/upstage-ai-plagiarism-dispute-korea",)),
    "lg-ai-research": _pub("LG AI Research", ["LGAI-EXAONE"], "lab", "KR", ("https://www.koreaherald.com/article/10570773",)),
    # labs and research groups whose country was not verified here
    "duxiaoman-di": _pub("Du Xiaoman (XuanYuan models)", ["Duxiaoman-DI"], "lab"),
    "openbuddy": _pub("OpenBuddy", ["OpenBuddy"], "community"),
    "indexteam": _pub("Index team (Index models)", ["IndexTeam"], "lab"),
    "seallms": _pub("SeaLLMs", ["SeaLLMs"], "lab"),
    "state-spaces": _pub("state-spaces (Mamba authors)", ["state-spaces"], "lab"),
    "wizardlm": _pub("WizardLM team", ["WizardLM", "WizardLMTeam"], "lab"),
    "orionstarai": _pub("OrionStar", ["OrionStarAI"], "lab"),
    "vivo-ai": _pub("vivo AI Lab (BlueLM)", ["vivo-ai"], "lab"),
    "funaudiollm": _pub("FunAudioLLM", ["FunAudioLLM"], "lab"),
    "wan-ai": _pub("Wan team (Wan video models)", ["Wan-AI"], "lab"),
    "mplug": _pub("mPLUG team", ["mPLUG"], "lab"),
    "myshell-ai": _pub("MyShell", ["myshell-ai"], "lab"),
    "freedomintelligence": _pub("FreedomIntelligence", ["FreedomIntelligence"], "lab"),
    "iquestlab": _pub("IQuest Lab", ["IQuestLab"], "lab"),
    "gorilla-llm": _pub("Gorilla LLM (Berkeley)", ["gorilla-llm"], "lab"),
    "openchat": _pub("OpenChat", ["openchat"], "community"),
    "mediatek-research": _pub("MediaTek Research", ["MediaTek-Research"], "lab"),
    "wisdomshell": _pub("WisdomShell (CodeShell)", ["WisdomShell"], "lab"),
    "runwayml": _pub("Runway", ["runwayml"], "lab"),
    "hexgrad": _pub("hexgrad (Kokoro)", ["hexgrad"], "community"),
    "fishaudio": _pub("Fish Audio", ["fishaudio"], "lab"),
    "2noise": _pub("2Noise (ChatTTS)", ["2Noise"], "community"),
    "huggingfacem4": _pub("Hugging Face M4 team", ["HuggingFaceM4"], "lab"),
    "hidream-ai": _pub("HiDream.ai", ["HiDream-ai"], "lab"),
    # quantizers: only their quantized repos are recorded (relation quantization of a known parent)
    "quanttrio": _pub("QuantTrio", ["QuantTrio"], "quantizer"),
    "junhowie": _pub("JunHowie", ["JunHowie"], "quantizer"),
    "cpatonn": _pub("cpatonn", ["cpatonn"], "quantizer"),
    "hugging-quants": _pub("Hugging Quants", ["hugging-quants"], "quantizer"),
    "casperhansen": _pub("casperhansen", ["casperhansen"], "quantizer"),
    "neuralmagic": _pub("Neural Magic", ["neuralmagic"], "quantizer"),
    "modelcloud": _pub("ModelCloud", ["ModelCloud"], "quantizer"),
    "mradermacher": _pub("mradermacher", ["mradermacher"], "quantizer"),
    "techxgenus": _pub("TechxGenus", ["TechxGenus"], "quantizer"),
    "jakiajk": _pub("jakiAJK", ["jakiAJK"], "quantizer"),
}

QUANT_NAME = re.compile(
    r"[-_.](gptq|awq|gguf|ggml|mlx|fp8|fp4|int4|int8|bnb|\d+bits?|\d+-?bit|exl2|aqlm|w4a16|w8a8|w8a16|nvfp4|mxfp4|"
    r"q\d(_k(_[msl])?|_\d)?|dwq|mixed)\b", re.IGNORECASE)
QUANT_FORMATS = {"gptq", "awq", "ggufv2", "ggmlv3", "mlx", "fp8", "fp4", "bnb", "gguf", "ggml"}
FORMAT_LABEL = {"ggufv2": "GGUF", "ggmlv3": "GGML", "gguf": "GGUF", "mlx": "MLX", "awq": "AWQ", "gptq": "GPTQ",
                "fp8": "FP8", "fp4": "FP4", "bnb": "bitsandbytes"}
CHAT_SUFFIX = re.compile(r"^(?P<stem>.+?)-(it|instruct|chat)(?P<tail>-hf)?$", re.IGNORECASE)


@dataclass
class Row:
    """One Hub repo as one registry file lists it."""

    hf: str
    url: str
    kind: str = "llm"
    ms: set[str] = field(default_factory=set)
    formats: set[str] = field(default_factory=set)
    parent_hint: str | None = None  # Xinference: the one unquantized repo of the same family and size
    siblings: set[str] = field(default_factory=set)  # hf ids (lower) listed by the same registry file


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "--git-dir", str(repo), *args], capture_output=True, text=True,
                          check=True).stdout


def full_commit(repo: Path, rev: str) -> str:
    return git(repo, "rev-parse", rev).strip()


def _hub_ids(spec: dict[str, Any], old_ms: dict[tuple[Any, ...], str], fam: dict[str, Any]) -> tuple[list[str], list[str]]:
    src = spec.get("model_src")
    if src:
        hf_src, ms_src = src.get("huggingface") or {}, src.get("modelscope") or {}
        hf_id, quants = hf_src.get("model_id"), hf_src.get("quantizations") or []
        ms_id, ms_quants = ms_src.get("model_id"), ms_src.get("quantizations") or []
    else:
        if spec.get("model_hub", "huggingface") != "huggingface":
            return [], []
        hf_id, quants = spec.get("model_id"), spec.get("quantizations") or []
        key = (fam.get("model_name"), spec.get("model_format"), str(spec.get("model_size_in_billions")), tuple(quants))
        ms_id, ms_quants = old_ms.get(key), quants
    if not isinstance(hf_id, str) or hf_id.count("/") != 1:
        return [], []
    hf_ids = cn._expand(hf_id, [str(x) for x in quants])
    ms_ids = cn._expand(ms_id, [str(x) for x in ms_quants]) if isinstance(ms_id, str) else []
    return hf_ids, ms_ids


def xinference_rows(repo: Path) -> list[Row]:
    out: list[Row] = []
    for rev in XF_COMMITS:
        commit = full_commit(repo, rev)
        for kind, (path, ms_path) in XF_FILES.items():
            text = cn.git_show(repo, commit, path)
            if not text:
                continue
            url = f"{XF_REPO}/blob/{commit}/{path}"
            old_ms: dict[tuple[Any, ...], str] = {}
            ms_text = cn.git_show(repo, commit, ms_path)
            for fam in json.loads(ms_text) if ms_text else []:
                for s in cn._specs(fam):
                    if s.get("model_id"):
                        k = (fam.get("model_name"), s.get("model_format"), str(s.get("model_size_in_billions")),
                             tuple(s.get("quantizations") or []))
                        old_ms.setdefault(k, str(s["model_id"]))
            file_rows: dict[str, Row] = {}
            groups: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
            for fam in json.loads(text):
                for s in cn._specs(fam):
                    hf_ids, ms_ids = _hub_ids(s, old_ms, fam)
                    fmt = str(s.get("model_format") or "pytorch")
                    size = str(s.get("model_size_in_billions"))
                    for h in hf_ids:
                        row = file_rows.setdefault(h, Row(hf=h, url=url, kind=kind))
                        row.formats.add(fmt)
                        name = h.split("/")[1].lower()
                        row.ms.update(m for m in ms_ids if m.partition("/")[2].lower() == name)
                        groups[(str(fam.get("model_name")), size)].append((h, fmt))
            for members in groups.values():
                plain = {h for h, fmt in members if fmt == "pytorch" and not QUANT_NAME.search(h.split("/")[1])}
                if len(plain) != 1:
                    continue
                (parent,) = plain
                for h, _fmt in members:
                    if h != parent:
                        file_rows[h].parent_hint = parent
            listed = {h.lower() for h in file_rows}
            for row in file_rows.values():
                row.siblings = listed
                out.append(row)
    return out


def swift_rows(repo: Path) -> list[Row]:
    out: list[Row] = []
    for rev, path in SWIFT_SOURCES:
        commit = full_commit(repo, rev)
        if path.endswith(".py"):
            files = [path]
        else:
            files = [f"{path}/{n}" for n in git(repo, "ls-tree", "--name-only", f"{commit}:{path}").split()
                     if n.endswith(".py")]
        for p in sorted(files):
            text = cn.git_show(repo, commit, p) or ""
            url = f"{SWIFT_REPO}/blob/{commit}/{p}"
            pairs: list[tuple[str | None, str | None]] = []
            if p.endswith("utils/model.py"):
                for chunk in text.split("register_model(")[1:]:  # one call (and its function) per chunk
                    call, hf_kw = SWIFT_V2_CALL.match(chunk), SWIFT_V2_HF.search(chunk)
                    if call:
                        pairs.append((call.group(1), hf_kw.group(1) if hf_kw else None))
            else:
                for ms_raw, hf_raw in cn.SWIFT_MODEL.findall(text):
                    pairs.append((None if ms_raw in ("None", "") else ms_raw.strip("'\""),
                                  None if hf_raw in ("None", "") else hf_raw.strip("'\"")))
            file_rows: dict[str, Row] = {}
            for ms, hf in pairs:
                if not hf or ":" in hf or hf.count("/") != 1:
                    continue
                row = file_rows.setdefault(hf, Row(hf=hf, url=url))
                if ms and ms.count("/") == 1 and ms.split("/")[1].lower() == hf.split("/")[1].lower():
                    row.ms.add(ms)
            listed = {h.lower() for h in file_rows}
            for row in file_rows.values():
                row.siblings = listed
                out.append(row)
    return out


def llamafactory_rows(repo: Path) -> list[Row]:
    text = cn.git_show(repo, LF_COMMIT, LF_PATH) or ""
    url = f"{LF_REPO}/blob/{LF_COMMIT}/{LF_PATH}"
    file_rows: dict[str, Row] = {}
    for body in re.findall(r'"[^"]+":\s*\{([^{}]*)\}', text):
        hubs = dict(re.findall(r'DownloadSource\.(\w+):\s*"([^"]+)"', body))
        hf, ms = hubs.get("DEFAULT"), hubs.get("MODELSCOPE")
        if not hf or hf.count("/") != 1:
            continue
        row = file_rows.setdefault(hf, Row(hf=hf, url=url))
        if ms and ms.count("/") == 1 and ms.split("/")[1].lower() == hf.split("/")[1].lower():
            row.ms.add(ms)
    listed = {h.lower() for h in file_rows}
    for row in file_rows.values():
        row.siblings = listed
    return list(file_rows.values())


# --------------------------------------------------------------------------- knowledge base
def strip_generated(text: str) -> str:
    return re.sub(rf"\n?[ \t]*{re.escape(BEGIN)}.*?{re.escape(END)}[^\n]*", "", text, flags=re.S)


def load_kb() -> tuple[dict[str, dict[str, Any]], dict[str, str], set[str], dict[str, str], dict[str, str]]:
    """models by id, hf(lower) -> id, claimed names (lower), Hub org(lower) -> publisher, publisher -> kind."""
    models: dict[str, dict[str, Any]] = {}
    by_hf: dict[str, str] = {}
    names: set[str] = set()
    org_pub: dict[str, str] = {}
    kinds: dict[str, str] = {}
    for path in sorted(PUB_DIR.glob("*.yaml")):
        doc = yaml.safe_load(strip_generated(path.read_text(encoding="utf-8"))) or {}
        pub = doc.get("publisher") or {}
        kinds[str(pub.get("id"))] = pub.get("kind") or "lab"
        for org in pub.get("orgs") or []:
            org_pub.setdefault(str(org).lower(), pub["id"])
        for m in doc.get("models") or []:
            m = dict(m, _publisher=pub.get("id"))
            models[m["id"]] = m
            names.add(m["id"].lower())
            if m.get("hf"):
                by_hf[m["hf"].lower()] = m["id"]
                names.add(m["hf"].lower())
            names.update(str(a).lower() for a in m.get("aliases") or [])
    for pid, head in NEW_PUBLISHERS.items():
        kinds.setdefault(pid, head["kind"])
        for org in head["orgs"]:
            org_pub.setdefault(org.lower(), pid)
    return models, by_hf, names, org_pub, kinds


def role_of(row: Row) -> str:
    return KIND_ROLE.get(row.kind) or cn.role_from_name(row.hf)


def is_quantized(row: Row) -> bool:
    return bool(QUANT_NAME.search(row.hf.split("/")[1]) or row.formats & QUANT_FORMATS)


def _norm(name: str) -> str:
    n = name.lower().replace("_", "-")
    n = re.sub(r"^meta-", "", n)
    return re.sub(r"-hf$", "", n)


def quant_label(row: Row) -> str:
    m = QUANT_NAME.search(row.hf.split("/")[1])
    if m:
        return m.group(1)
    fmts = sorted(row.formats & QUANT_FORMATS)
    return FORMAT_LABEL.get(fmts[0], fmts[0]) if fmts else "quantized"


@dataclass
class Plan:
    out: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    skipped: Counter[str] = field(default_factory=Counter)


def build(rows: list[Row]) -> Plan:
    models, by_hf, names, org_pub, kinds = load_kb()
    plan = Plan()
    merged: dict[str, Row] = {}
    for row in rows:  # first registry file (newest commit) that lists a repo is the one cited
        key = row.hf.lower()
        if key in merged:
            merged[key].ms |= row.ms
            merged[key].formats |= row.formats
            merged[key].parent_hint = merged[key].parent_hint or row.parent_hint
        else:
            merged[key] = row

    def claim(pub: str, rec: dict[str, Any]) -> None:
        rid = rec["id"]
        rec["aliases"] = sorted({a for a in rec["aliases"] if a.lower() not in names and a.lower() != rid},
                                key=str.lower)
        names.update(a.lower() for a in rec["aliases"])
        names.update({rid, rec["hf"].lower()})
        models[rid] = dict(rec, _publisher=pub)
        by_hf[rec["hf"].lower()] = rid
        spellings[(rec["hf"].split("/")[0].lower(), _norm(rec["name"]))] = rid
        pub_spellings.add((pub, _norm(rec["name"])))
        plan.out.setdefault(pub, []).append(rec)

    def pending(row: Row) -> str | None:
        """Why a row is not (yet) written, or None when it should be."""
        org = row.hf.split("/")[0].lower()
        pub = org_pub.get(org)
        if pub is None:
            return f"org not claimed by a publisher: {org}"
        if pub in NOT_OURS:
            return "Chinese lab (scripts/kb_cn_labs.py)"
        key = row.hf.lower()
        if key in by_hf or key in models or key in names:
            return "already in the knowledge base"
        if (pub, _norm(row.hf.split("/")[1])) in pub_spellings:
            return "another spelling of a recorded repo (renamed: Meta-Llama-3.1 -> Llama-3.1, -hf, _)"
        return None

    spellings = {(h.split("/")[0], _norm(h.split("/")[1])): mid for h, mid in by_hf.items() if "/" in h}
    # the same repo name under two orgs of one publisher (a renamed org: WizardLM -> WizardLMTeam) is one model
    pub_spellings = {(models[mid].get("_publisher"), _norm(h.split("/")[1])) for h, mid in by_hf.items() if "/" in h}

    def known(hf: str) -> str | None:
        """The knowledge-base id of a Hub repo, also under a renamed spelling (Meta-Llama-3.1-8B -> Llama-3.1-8B)."""
        org, _, name = hf.lower().partition("/")
        return by_hf.get(hf.lower()) or spellings.get((org, _norm(name)))

    def ms_aliases(row: Row, pub_orgs: set[str]) -> list[str]:
        return [m for m in row.ms if m.split("/")[0].lower() in MS_MIRRORS | pub_orgs and m.lower() != row.hf.lower()]

    pub_orgs: dict[str, set[str]] = defaultdict(set)
    for org, pub in org_pub.items():
        pub_orgs[pub].add(org)

    # pass 1: unquantized repos of the covered publishers (labs and communities, not quantizers)
    for key, row in sorted(merged.items()):
        if is_quantized(row):
            continue
        why = pending(row)
        if why:
            plan.skipped[why.split(":")[0]] += 1
            continue
        pub = org_pub[row.hf.split("/")[0].lower()]
        if kinds.get(pub) == "quantizer":
            plan.skipped["unquantized repo of a quantizer (relation unknown)"] += 1
            continue
        rec: dict[str, Any] = {
            "id": key, "name": row.hf.split("/")[1], "family": None, "hf": row.hf,
            "aliases": ms_aliases(row, pub_orgs[pub]), "params": None, "active_params": None,
            "role": role_of(row), "modality": None, "context": None, "released": None, "open_weights": True,
            "license": "unknown", "sources": [{"url": row.url}],
        }
        claim(pub, rec)

    # pass 2: instruction/chat repos whose pretrained sibling the same registry file lists
    for recs in plan.out.values():
        for rec in recs:
            m = CHAT_SUFFIX.match(rec["hf"])
            row = merged[rec["id"]]
            if not m or rec["role"] not in ("generation", "vision"):
                continue
            sib = f"{m.group('stem')}{m.group('tail') or ''}".lower()
            if sib in row.siblings and known(sib):
                rec["base"] = [{"relation": "finetune", "model": known(sib)}]
                rec["note"] = "base: the pretrained sibling the same registry file lists"

    # pass 3: quantized repos whose parent is known
    for key, row in sorted(merged.items()):
        if not is_quantized(row):
            continue
        why = pending(row)
        if why:
            plan.skipped[why.split(":")[0]] += 1
            continue
        org = row.hf.split("/")[0].lower()
        pub = org_pub[org]
        parent_id: str | None = None
        name = row.hf.split("/")[1]
        m = QUANT_NAME.search(name)
        if m:  # the publisher's own naming: <parent>-AWQ in the same org
            stem = f"{row.hf.split('/')[0]}/{name[: m.start()]}".lower()
            parent_id = known(stem)
        if parent_id is None and row.parent_hint and _norm(name).startswith(_norm(row.parent_hint.split("/")[1])):
            parent_id = known(row.parent_hint)
        if parent_id is None:
            plan.skipped["quantized, parent not in the knowledge base"] += 1
            continue
        parent = models[parent_id]
        rec = cn.quantized_record(row.hf, parent, row.url, ms_aliases(row, pub_orgs[pub]), quant_label(row))
        rec["id"] = key
        rec["sources"] = [src for i, src in enumerate(rec["sources"]) if i == 0 or src["url"] != row.url]
        if parent.get("_publisher") != pub:
            rec["note"] = f"{quant_label(row)} packaging of {parent['name']} by {row.hf.split('/')[0]}; " \
                          "licence and size as the unquantized model"
        claim(pub, rec)
    return plan


# --------------------------------------------------------------------------- writing
def publisher_header(pid: str, head: dict[str, Any]) -> str:
    lines = ["schema: modelmap.knowledge/1", "publisher:", f"  id: {pid}", f"  name: {cn.q(head['name'])}",
             f"  orgs: {cn.flow(head['orgs'])}", "  aliases: []", f"  country: {head['country'] or 'null'}",
             "  parent: null", f"  kind: {head['kind']}", "  flags: []", "  sources:"]
    lines += [f"    - {{url: {cn.q(u)}, as_of: {AS_OF}}}" for u in head["sources"]]
    if head.get("note"):
        lines.append(f"  note: {cn.q(head['note'])}")
    lines += ["families: []", "models:"]
    return "\n".join(lines) + "\n"


def write(plan: Plan) -> None:
    for pub in sorted(set(plan.out) | {p.stem for p in PUB_DIR.glob("*.yaml")}):
        path = PUB_DIR / f"{pub}.yaml"
        recs = plan.out.get(pub) or []
        if not path.exists():
            if not recs:
                continue
            path.write_text(publisher_header(pub, NEW_PUBLISHERS[pub]), encoding="utf-8")
        old = path.read_text(encoding="utf-8")
        text = strip_generated(old).rstrip("\n") + "\n"
        if recs:
            # an empty flow list ("models: []") opens as a block list for the generated records
            text = re.sub(r"^models:[ \t]*\[\][ \t]*(?=\S)", "models:  ", text, count=1, flags=re.M)
            text = re.sub(r"^models:[ \t]*(\[\])?[ \t]*$", "models:", text, count=1, flags=re.M)
            if not re.search(r"^models:", text, flags=re.M):
                text += "models:\n"
            body = "\n".join([BEGIN, *[cn.render_model(r) for r in recs], END])
            text += cn.indented(body, cn.list_indent(text, "models")) + "\n"
        if text != old:
            path.write_text(text, encoding="utf-8")
            print(f"{pub}: {len(recs)} records", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--xinference", type=Path, required=True, help="git dir of a xorbitsai/inference snapshot")
    ap.add_argument("--swift", type=Path, required=True, help="git dir of a modelscope/ms-swift snapshot")
    ap.add_argument("--llamafactory", type=Path, required=True, help="git dir of a hiyouga/LLaMA-Factory snapshot")
    ap.add_argument("--dry-run", action="store_true")
    args = ap.parse_args(argv)
    rows = [*xinference_rows(args.xinference), *swift_rows(args.swift), *llamafactory_rows(args.llamafactory)]
    plan = build(rows)
    total = sum(len(v) for v in plan.out.values())
    print(f"{total} records for {len(plan.out)} publishers", file=sys.stderr)
    for why, n in plan.skipped.most_common():
        print(f"  skipped {n}: {why}", file=sys.stderr)
    if not args.dry_run:
        write(plan)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
