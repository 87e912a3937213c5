"""Build the shipped hosted-model catalog (src/modelmap/knowledge/data/catalogs/hosted.json).

Inputs are two pinned, MIT-licensed package releases, read as data and never imported or executed:

* LiteLLM's ``model_prices_and_context_window_backup.json`` from the litellm wheel;
* genai-prices' ``genai_prices/data.py``, parsed with ``ast`` (literal values only) from its wheel.

Download them first (exact versions):

    pip download --no-deps litellm==1.110.2 genai-prices==0.2.3 -d /tmp/wheels
    python3 scripts/ingest_catalogs.py --wheels /tmp/wheels

For each hosted key the catalog keeps the serving provider (the catalog's provider field mapped to a
providers.yaml id), the mode (chat, embedding, ...) and the canonical knowledge-base model id that
modelmap's own rules (``provenance/hosted.py`` and the resolver, with no catalog loaded) give for the key,
or null. Catalog fields that name an owner (``owned_by``, display names) are not used.
"""

from __future__ import annotations

import argparse
import ast
import datetime
import json
import re
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

LITELLM_VERSION = "1.110.2"
GENAI_PRICES_VERSION = "0.2.3"
LITELLM_MEMBER = "litellm/model_prices_and_context_window_backup.json"
GENAI_MEMBER = "genai_prices/data.py"
MAX_MEMBER = 64 * 1024 * 1024
OUT = Path(__file__).resolve().parent.parent / "src" / "modelmap" / "knowledge" / "data" / "catalogs" / "hosted.json"

# LiteLLM provider field -> providers.yaml id, where the field is not itself one of our litellm prefixes
LITELLM_PROVIDERS = {
    "bedrock_converse": "aws-bedrock", "bedrock_mantle": "aws-bedrock", "cohere_chat": "cohere-api",
    "fireworks_ai-embedding-models": "fireworks-ai", "text-completion-openai": "openai-api",
    "text-completion-codestral": "mistral-api", "codestral": "mistral-api", "azure_text": "azure-openai",
}
# genai-prices provider id -> providers.yaml id (ids whose API pattern names one of our providers' hosts)
GENAI_PROVIDERS = {
    "anthropic": "anthropic-api", "aws": "aws-bedrock", "azure": "azure-openai", "cerebras": "cerebras",
    "cohere": "cohere-api", "deepseek": "deepseek-api", "fireworks": "fireworks-ai", "groq": "groq",
    "mistral": "mistral-api", "novita": "novita", "openai": "openai-api", "openrouter": "openrouter",
    "perplexity": "perplexity-api", "together": "together-ai", "x-ai": "xai-api", "zai": "zai-api",
    "zhipuai": "zhipu-bigmodel",
}
# keys that are price tiers or image-size price rows, not model ids
_NOT_A_MODEL = re.compile(r"(?i)^(?:\d+-x-\d+/|max-x-max/|together-ai-|fireworks-ai-)|\*")
_SKIP_MODES = {"search", "guardrail", "vector_store"}


def read_member(wheel: Path, member: str) -> bytes:
    with zipfile.ZipFile(wheel) as zf:
        info = zf.getinfo(member)
        if info.file_size > MAX_MEMBER:
            raise SystemExit(f"{wheel}: {member} is {info.file_size} bytes, over the {MAX_MEMBER} limit")
        return zf.read(member)


def find_wheel(folder: Path, dist: str, version: str) -> Path:
    hits = sorted(folder.glob(f"{dist}-{version}-*.whl"))
    if not hits:
        raise SystemExit(f"no {dist}-{version} wheel in {folder}: run pip download --no-deps {dist}=={version}")
    return hits[0]


def litellm_rows(data: dict[str, Any], prefixes: dict[str, str]) -> list[tuple[str, str, str | None]]:
    rows = []
    for key, rec in data.items():
        if not isinstance(rec, dict) or key == "sample_spec" or _NOT_A_MODEL.search(key):
            continue
        field = str(rec.get("litellm_provider") or "")
        provider = LITELLM_PROVIDERS.get(field) or prefixes.get(field.lower())
        if provider is None and field.startswith("vertex_ai"):
            provider = "vertex-ai"
        mode = rec.get("mode")
        if provider is None or mode in _SKIP_MODES:
            continue
        rows.append((key, provider, mode if isinstance(mode, str) else None))
    return rows


def genai_models(source: str, first_prefix: dict[str, str]) -> Iterator[tuple[str, str, dict[str | None, ast.expr]]]:
    """(catalog key, provider, the model call's keyword nodes) for every literal model id under a mapped
    genai-prices provider. The source is parsed, never imported. ingest_prices.py reads prices from the same
    walk, so both spell the keys alike."""
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Provider"):
            continue
        kw = {k.arg: k.value for k in node.keywords}
        pid = kw.get("id")
        provider = GENAI_PROVIDERS.get(pid.value) if isinstance(pid, ast.Constant) and isinstance(pid.value, str) else None
        models = kw.get("models")
        if provider is None or not isinstance(models, ast.List):
            continue
        for call in models.elts:
            if not isinstance(call, ast.Call):
                continue
            mkw = {k.arg: k.value for k in call.keywords}
            mid = mkw.get("id")
            if not (isinstance(mid, ast.Constant) and isinstance(mid.value, str)):
                continue
            prefix = first_prefix.get(provider)
            key = mid.value if provider == "aws-bedrock" or not prefix else f"{prefix}/{mid.value}"
            yield key, provider, mkw


def genai_rows(source: str, first_prefix: dict[str, str]) -> list[tuple[str, str, str | None]]:
    """(key, provider, None) for every model id under a mapped provider; literal values only."""
    return [(key, provider, None) for key, provider, _kw in genai_models(source, first_prefix)]


def build(wheels: Path) -> dict[str, Any]:
    from modelmap.knowledge import load
    from modelmap.provenance import hosted
    from modelmap.provenance.resolver import Resolver

    hosted.use_catalog(None)  # canonical ids come from our rules and the knowledge base alone
    kb = load()
    resolver = Resolver(kb)
    prefixes = dict(resolver.prefixes)
    first_prefix = {str(p["id"]): str((p.get("prefixes") or [""])[0]) for p in kb.providers.values()}

    lw = find_wheel(wheels, "litellm", LITELLM_VERSION)
    gw = find_wheel(wheels, "genai_prices", GENAI_PRICES_VERSION)
    rows = litellm_rows(json.loads(read_member(lw, LITELLM_MEMBER)), prefixes)
    seen = {k.lower() for k, _, _ in rows}
    rows += [r for r in genai_rows(read_member(gw, GENAI_MEMBER).decode("utf-8"), first_prefix)
             if r[0].lower() not in seen]

    entries: dict[str, list[Any]] = {}
    names: dict[str, set[str]] = {}
    for key, provider, mode in rows:
        low = key.lower()
        if low in entries or provider not in kb.providers:
            continue
        try:
            res = resolver.resolve(key)
        except Exception:  # an id the resolver refuses (malformed) is kept with no model
            res = None
        mid = (res.model or {}).get("id") if res is not None else None
        model = str(mid) if mid and str(mid) in kb.models else None
        entries[low] = [provider, mode, model]
        names.setdefault(_bare(low, prefixes), set()).add(low)

    # a bare name names its platform only when one platform uses it, the name is neither a Hub repo id
    # nor a prefixed form of another provider, the platform is not the model publisher's own API, and the
    # name is the platform's own spelling: without the platform's prefix our rules find no model for it
    # ("meta-llama/meta-llama-3-70b-instruct-turbo", "llama-v3p1-8b-instruct"), whereas a plain spelling
    # ("qwq-32b", "whisper-large-v3") says nothing about who serves it
    bare: dict[str, str] = {}
    for name, keys in names.items():
        providers = {entries[k][0] for k in keys}
        key = min(keys)
        provider, _mode, model = entries[key]
        head = re.split(r"[/:]", name, maxsplit=1)[0]
        if len(providers) != 1 or name in kb.hf_index or head in prefixes or model is None:
            continue
        operator = str(kb.providers[provider].get("operator") or "")
        if operator == kb.models[model].get("publisher"):
            continue
        try:
            plain = resolver.resolve(name)
        except Exception:  # the resolver refuses the bare name: nothing to learn from it
            continue
        if (plain.model or {}).get("id"):
            continue
        bare[name] = key
    return {
        "schema": "modelmap.hosted-catalog/1",
        "generated": datetime.date.today().isoformat(),
        "generator": "scripts/ingest_catalogs.py",
        "sources": [
            {"name": "LiteLLM model_prices_and_context_window", "package": "litellm", "version": LITELLM_VERSION,
             "license": "MIT", "file": LITELLM_MEMBER, "url": f"https://pypi.org/project/litellm/{LITELLM_VERSION}/"},
            {"name": "genai-prices", "package": "genai-prices", "version": GENAI_PRICES_VERSION, "license": "MIT",
             "file": GENAI_MEMBER, "url": f"https://pypi.org/project/genai-prices/{GENAI_PRICES_VERSION}/"},
        ],
        "fields": ["provider", "mode", "model"],
        "entries": dict(sorted(entries.items())),
        "bare": dict(sorted(bare.items())),
    }


def _bare(key: str, prefixes: dict[str, str]) -> str:
    head, sep, tail = key.partition("/")
    return tail if sep and head in prefixes else key


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--wheels", type=Path, default=Path("/tmp/wheels"), help="folder holding the two wheels")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    doc = build(args.wheels)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(doc, separators=(",", ":"), ensure_ascii=False)
    # one entry per line keeps diffs reviewable
    text = text.replace('],"', '],\n"')
    args.out.write_text(text + "\n", encoding="utf-8")
    with_model = sum(1 for v in doc["entries"].values() if v[2])
    print(f"{args.out}: {len(doc['entries'])} keys ({with_model} with a model), {len(doc['bare'])} bare names",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
