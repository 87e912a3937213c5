"""Build the shipped price table (src/modelmap/knowledge/data/prices/litellm.json).

Inputs are the same two pinned, MIT-licensed package releases ``scripts/ingest_catalogs.py`` reads, as
data only (never imported, never executed):

* LiteLLM's ``model_prices_and_context_window_backup.json`` (the copy of
  ``model_prices_and_context_window.json`` the wheel ships) and the ``openai_compatible_providers`` list of
  ``litellm/constants.py`` (parsed with ``ast``, literal values only);
* genai-prices' ``genai_prices/data.py``, parsed with ``ast`` (literal values only).

Download them first (exact versions; never litellm 1.82.7, 1.82.8 or 1.107.0, which were compromised):

    pip download --no-deps litellm==1.110.2 genai-prices==0.2.3 -d /tmp/wheels
    python3 scripts/ingest_prices.py --wheels /tmp/wheels

Each entry is one (provider, model) pair: the provider is a providers.yaml id and the model a knowledge-base
model id, both taken from the shipped hosted catalog (``provenance.hosted.catalog_entry``, built by the same
rules the resolver uses), so a key maps here exactly as it maps when a scan meets it. A key the catalog maps to
no model is kept under its API name (``model`` null), so a price for ``deepseek-chat`` is still shown. Prices
are US dollars per million tokens. Where genai-prices has the same key, its default price (the one without a
time or tier condition) is recorded next to LiteLLM's; ``used`` says which one modelmap uses (LiteLLM when it
has one) and ``disagree`` marks a difference.
"""

from __future__ import annotations

import argparse
import ast
import datetime
import json
import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest_catalogs import (  # a sibling script: same pins, same wheel readers
    _NOT_A_MODEL,
    _SKIP_MODES,
    GENAI_MEMBER,
    GENAI_PRICES_VERSION,
    LITELLM_MEMBER,
    LITELLM_VERSION,
    find_wheel,
    genai_models,
    read_member,
)

CONSTANTS_MEMBER = "litellm/constants.py"
OUT = Path(__file__).resolve().parent.parent / "src" / "modelmap" / "knowledge" / "data" / "prices" / "litellm.json"
PRICED_MODES = {"chat", "completion", "responses", "embedding", "rerank"}
PER_M = 1_000_000
#: one entry: [key, provider, model, name, mode, context, max_output, tools, json_mode, vision,
#: litellm [input, output, url] | null, genai-prices [input, output] | null, used]
FIELDS = ("key", "provider", "model", "name", "mode", "context", "max_output", "tools", "json_mode", "vision",
          "litellm", "genai-prices", "used")


def _mtok(per_token: Any) -> float | None:
    if isinstance(per_token, bool) or not isinstance(per_token, (int, float)):
        return None
    return round(float(per_token) * PER_M, 6)


def _flag(rec: dict[str, Any], *names: str) -> bool | None:
    """True when any of the flags is true, False when one is given and none is true, None when none is given."""
    seen = [rec[n] for n in names if isinstance(rec.get(n), bool)]
    return any(seen) if seen else None


def _int(value: Any) -> int | None:
    return int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0 else None


def openai_compatible(constants_source: str) -> list[str]:
    """LiteLLM provider names listed in ``openai_compatible_providers`` (a literal list in constants.py)."""
    for node in ast.walk(ast.parse(constants_source)):
        target = None
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            target, value = node.target.id, node.value
        elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            target, value = node.targets[0].id, node.value
        if target == "openai_compatible_providers" and isinstance(value, ast.List):
            return [e.value for e in value.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
    return []


def _number(node: ast.AST | None) -> float | None:
    """A literal price: 0.27, Decimal('0.27'), or the base of TieredPrices(base=..., tiers=[...])."""
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return float(node.value)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        if node.func.id == "Decimal" and node.args and isinstance(node.args[0], ast.Constant):
            try:
                return float(str(node.args[0].value))
            except ValueError:
                return None
        if node.func.id == "TieredPrices":
            return _number(next((k.value for k in node.keywords if k.arg == "base"), None))
    return None


def _model_price(node: ast.AST | None) -> tuple[float | None, float | None] | None:
    """(input, output) per million tokens of the unconditional price of a ModelInfo ``prices=`` value."""
    if isinstance(node, ast.List):  # [ConditionalPrice(prices=...), ConditionalPrice(constraint=..., prices=...)]
        for item in node.elts:
            if isinstance(item, ast.Call) and not any(k.arg == "constraint" for k in item.keywords):
                return _model_price(next((k.value for k in item.keywords if k.arg == "prices"), None))
        return None
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "ModelPrice":
        kw = {k.arg: k.value for k in node.keywords}
        return _number(kw.get("input_mtok")), _number(kw.get("output_mtok"))
    return None


def genai_prices(source: str, first_prefix: dict[str, str]) -> dict[str, dict[str, Any]]:
    """Catalog key (the spelling ingest_catalogs.py gives genai-prices ids) -> {input, output, context}."""
    out: dict[str, dict[str, Any]] = {}
    for key, provider, mkw in genai_models(source, first_prefix):
        price = _model_price(mkw.get("prices"))
        if price is None or price == (None, None):
            continue
        ctx = mkw.get("context_window")
        out[key.lower()] = {"provider": provider, "input": price[0], "output": price[1],
                            "context": _int(ctx.value) if isinstance(ctx, ast.Constant) else None}
    return out


def _differs(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return False
    return abs(a - b) > 1e-9 * max(1.0, abs(a), abs(b))


def _bare(key: str, prefixes: dict[str, str]) -> str:
    head, sep, tail = key.partition("/")
    return tail if sep and head in prefixes else key


def build(wheels: Path, today: str) -> dict[str, Any]:
    from modelmap.knowledge import load
    from modelmap.provenance.hosted import catalog_entry
    from modelmap.provenance.resolver import Resolver

    kb = load()
    prefixes = dict(Resolver(kb).prefixes)
    first_prefix = {str(p["id"]): str((p.get("prefixes") or [""])[0]) for p in kb.providers.values()}
    lw = find_wheel(wheels, "litellm", LITELLM_VERSION)
    gw = find_wheel(wheels, "genai_prices", GENAI_PRICES_VERSION)
    data = json.loads(read_member(lw, LITELLM_MEMBER))
    genai = genai_prices(read_member(gw, GENAI_MEMBER).decode("utf-8"), first_prefix)

    shapes: dict[str, str] = {"openai-api": "openai", "azure-openai": "openai"}
    for name in openai_compatible(read_member(lw, CONSTANTS_MEMBER).decode("utf-8")):
        provider = prefixes.get(name.lower())
        if provider is not None and provider in kb.providers:
            shapes.setdefault(provider, "openai")

    # LiteLLM first: one row per (provider, model) slot. Several keys can name one pair (dated snapshots,
    # regional Bedrock ids): the shortest key wins, then the first in order, so the choice is stable.
    rows: dict[str, dict[str, Any]] = {}
    for key in sorted(data):
        rec = data[key]
        if not isinstance(rec, dict) or key == "sample_spec" or _NOT_A_MODEL.search(key):
            continue
        mode = rec.get("mode")
        if mode in _SKIP_MODES or mode not in PRICED_MODES:
            continue
        found = catalog_entry(key)
        if found is None:
            continue
        provider, _mode, model = found
        inp, out = _mtok(rec.get("input_cost_per_token")), _mtok(rec.get("output_cost_per_token"))
        if not inp and not out:  # LiteLLM writes 0 for "not priced" as often as for "free": unknown
            continue
        url = rec.get("source") if isinstance(rec.get("source"), str) and rec["source"].startswith("https://") else None
        row = {"key": key, "provider": provider, "model": model, "name": _bare(key.lower(), prefixes), "mode": mode,
               "context": _int(rec.get("max_input_tokens")) or _int(rec.get("max_tokens")),
               "max_output": _int(rec.get("max_output_tokens")),
               "tools": _flag(rec, "supports_function_calling", "supports_tool_choice"),
               "json_mode": _flag(rec, "supports_response_schema"), "vision": _flag(rec, "supports_vision"),
               "litellm": [inp, out, url], "genai": None}
        slot = f"{provider}|{model or row['name']}"
        old = rows.get(slot)
        if old is None or (len(key), key) < (len(old["key"]), old["key"]):
            rows[slot] = row

    # genai-prices by the same slots: next to LiteLLM's price where both have the pair, alone otherwise
    genai_by_slot: dict[str, tuple[str, dict[str, Any], str | None]] = {}
    for key, g in sorted(genai.items()):
        found = catalog_entry(key)
        if found is None or found[0] != g["provider"] or (not g["input"] and not g["output"]):
            continue
        provider, mode, model = found
        slot = f"{provider}|{model or _bare(key, prefixes)}"
        old_g = genai_by_slot.get(slot)
        if old_g is None or (len(key), key) < (len(old_g[0]), old_g[0]):
            genai_by_slot[slot] = (key, g, mode)
    for slot, (key, g, mode) in genai_by_slot.items():
        if slot in rows:
            rows[slot]["genai"] = [g["input"], g["output"]]
            continue
        provider, model = found_provider_model(slot, key)
        rows[slot] = {"key": key, "provider": provider, "model": model, "name": _bare(key, prefixes), "mode": mode,
                      "context": g["context"], "max_output": None, "tools": None, "json_mode": None, "vision": None,
                      "litellm": None, "genai": [g["input"], g["output"]]}

    entries: dict[str, list[Any]] = {}
    disagree = 0
    for slot, r in sorted(rows.items()):
        lit, gen = r["litellm"], r["genai"]
        used = "litellm" if lit else "genai-prices"
        if lit and gen and (_differs(lit[0], gen[0]) or _differs(lit[1], gen[1])):
            disagree += 1
        entries[slot] = [r["key"], r["provider"], r["model"], r["name"] if r["name"] != r["key"].lower() else None,
                         r["mode"], r["context"], r["max_output"], r["tools"], r["json_mode"], r["vision"],
                         lit, gen, used]
    return {
        "schema": "modelmap.prices/1",
        "generated": today,
        "generator": "scripts/ingest_prices.py",
        "currency": "USD",
        "unit": "per 1M tokens",
        "sources": {
            "litellm": {"package": "litellm", "version": LITELLM_VERSION, "license": "MIT",
                        "file": LITELLM_MEMBER, "url": f"https://pypi.org/project/litellm/{LITELLM_VERSION}/",
                        "retrieved": today},
            "genai-prices": {"package": "genai-prices", "version": GENAI_PRICES_VERSION, "license": "MIT",
                             "file": GENAI_MEMBER,
                             "url": f"https://pypi.org/project/genai-prices/{GENAI_PRICES_VERSION}/",
                             "retrieved": today},
        },
        "api_shapes": {"source": f"litellm {LITELLM_VERSION} {CONSTANTS_MEMBER} openai_compatible_providers "
                                 "(openai-api and azure-openai speak the OpenAI API themselves)",
                       "providers": dict(sorted(shapes.items()))},
        "fields": list(FIELDS),
        "disagreements": disagree,
        "entries": entries,
    }


def found_provider_model(slot: str, key: str) -> tuple[str, str | None]:
    """The provider and model of a slot built from a catalog key (model null when the slot holds a name)."""
    from modelmap.provenance.hosted import catalog_entry

    found = catalog_entry(key)
    assert found is not None
    return found[0], found[2]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--wheels", type=Path, default=Path("/tmp/wheels"), help="folder holding the two wheels")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--today", default=datetime.date.today().isoformat(), help="retrieval date (YYYY-MM-DD)")
    args = ap.parse_args(argv)
    doc = build(args.wheels, args.today)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(doc, separators=(",", ":"), ensure_ascii=False, sort_keys=False)
    text = re.sub(r'\],"(?=[^"]*\|)', '],\n"', text)  # one entry per line (slots hold a '|') keeps diffs reviewable
    args.out.write_text(text + "\n", encoding="utf-8")
    entries = doc["entries"].values()
    print(f"{args.out}: {len(doc['entries'])} priced (provider, model) pairs, "
          f"{sum(1 for e in entries if e[2])} with a knowledge-base model, "
          f"{sum(1 for e in entries if e[10] and e[11])} in both sources, "
          f"{doc['disagreements']} where the two disagree", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
