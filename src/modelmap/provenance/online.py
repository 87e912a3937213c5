"""Optional enrichment from the Hugging Face Hub (``--online`` only).

Reads the Hub's model API (``$HF_ENDPOINT/api/models/<id>``: author, card ``base_model`` and
``license``; for an adapter repo whose card names no base, the ``base_model_name_or_path`` of its
``adapter_config.json``, at most ``MAX_CONFIG_BYTES``) with bounded reads, caches each answer on
disk as JSON with a TTL, and falls back to the offline answer with a warning when the network is
unavailable (or ``HF_HUB_OFFLINE=1``). A repo's name is never read as its base here: offline, a base
the name spells is reported as the name's claim (confidence unknown), and the card or the adapter's
config replaces it.

A reply is data from the network, so it is validated before it is used or cached: at most
``MAX_REPLY_BYTES``, ids shaped like Hub ids, at most ``MAX_BASES`` base models, a short license
id. An invalid reply is ignored with a warning and never cached; a cached answer that fails the
same check is ignored too. Never required, never in tests except against recorded responses or a
loopback server.
"""

from __future__ import annotations

import json
import math
import os
import re
import time
import warnings
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from modelmap.types import Resolution

TTL_SECONDS = 7 * 24 * 3600
MAX_REPLY_BYTES = 2 * 1024 * 1024
MAX_BASES = 16
MAX_CONFIG_BYTES = 64 * 1024
TIMEOUT_SECONDS = 10
Fetcher = Callable[[str], dict[str, Any]]

_NAME = r"[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9_])?"
HUB_ID = re.compile(rf"^(?:{_NAME}/)?{_NAME}$")
# a huggingface_hub cache folder ("/root/.cache/huggingface/hub/models--meta-llama--Llama-2-7b-chat-hf/snapshots/
# <commit>"): the library names it "models--" + the repo id with "/" as "--", and the Hub refuses "--" inside a repo
# id (huggingface_hub validate_repo_id), so the folder name spells exactly one Hub id
HUB_CACHE_DIR = re.compile(r"(?:^|[/\\])models--(?P<org>[A-Za-z0-9][\w.-]*?)--(?P<name>[\w.-]+?)"
                           r"(?:[/\\]snapshots[/\\][0-9a-f]{40})?[/\\]?$")


def hub_id_of_path(named: str) -> str | None:
    """The Hub id an adapter config's ``base_model_name_or_path`` names: the id itself, or the one a
    huggingface_hub cache folder encodes; any other local path names none."""
    if "/" in named and HUB_ID.match(named):
        return named
    m = HUB_CACHE_DIR.search(named)
    if m and "--" not in m.group("name") and "--" not in m.group("org"):
        candidate = f"{m.group('org')}/{m.group('name')}"
        return candidate if HUB_ID.match(candidate) else None
    return None
# the Hub's card field base_model_relation -> our edge relation
HUB_RELATIONS = {"finetune": "finetune", "adapter": "adapter", "merge": "merge", "quantized": "quantization"}
_LICENSE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$")


class InvalidReply(ValueError):
    """The Hub (or whatever answered at HF_ENDPOINT) sent something that is not a model record."""


def _cache_path(repo_id: str) -> Path:
    base = os.environ.get("MODELMAP_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "modelmap")
    return Path(base) / "hub" / (repo_id.replace("/", "__") + ".json")


def _get(url: str, limit: int) -> bytes:
    """One bounded GET; raises on any failure or on a body over ``limit`` bytes."""
    import urllib.request

    request = urllib.request.Request(url, headers={"Accept": "application/json", "User-Agent": "modelmap"})
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as reply:
        body: bytes = reply.read(limit + 1)
    if len(body) > limit:
        raise InvalidReply(f"the reply is larger than {limit} bytes")
    return body


def _hub_fetch(repo_id: str) -> dict[str, Any]:
    """One bounded GET of the Hub's model API (and, for an adapter repo whose card names no base, one of its
    ``adapter_config.json``). Raises on any failure (the caller falls back)."""
    import urllib.parse

    if os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in ("1", "true", "yes", "on"):
        raise ConnectionError("HF_HUB_OFFLINE is set")
    endpoint = (os.environ.get("HF_ENDPOINT") or "https://huggingface.co").rstrip("/")
    if not endpoint.startswith(("https://", "http://")):
        raise ValueError("HF_ENDPOINT is not an http(s) URL")
    quoted = urllib.parse.quote(repo_id, safe="/")
    body = _get(f"{endpoint}/api/models/{quoted}", MAX_REPLY_BYTES)
    try:
        info = json.loads(body)
    except (ValueError, RecursionError) as exc:
        raise InvalidReply(f"the reply is not JSON ({exc.__class__.__name__})") from None

    def get_file(name: str) -> bytes:
        return _get(f"{endpoint}/{quoted}/resolve/main/{urllib.parse.quote(name)}", MAX_CONFIG_BYTES)

    return from_model_info(info, get_file)


def from_model_info(info: Any, get_file: Callable[[str], bytes] | None = None) -> dict[str, Any]:
    """The fields we use from a Hub model-API reply. The base is the card's ``base_model``; where the card names none
    and the repo holds a PEFT ``adapter_config.json``, its ``base_model_name_or_path`` (the model the adapter's
    weights apply to: evidence from the repo's own files, not its name) with relation ``adapter``. A file that cannot
    be read or parsed leaves the base unknown."""
    if not isinstance(info, dict):
        raise InvalidReply("the reply is not a JSON object")
    card = info.get("cardData") or info.get("card_data") or {}
    if not isinstance(card, dict):
        raise InvalidReply("cardData is not an object")
    base, relation = card.get("base_model"), card.get("base_model_relation")
    base_source = "card" if base else None
    siblings = info.get("siblings")
    names = {str(s.get("rfilename")) for s in siblings if isinstance(s, dict)} if isinstance(siblings, list) else set()
    if not base and get_file is not None and "adapter_config.json" in names:
        try:
            config = json.loads(get_file("adapter_config.json"))
        except Exception:  # unreadable, too large or not JSON: no base from it
            config = None
        named = config.get("base_model_name_or_path") if isinstance(config, dict) else None
        hub_id = hub_id_of_path(named) if isinstance(named, str) and len(named) <= 512 else None
        if hub_id:
            base, relation, base_source = hub_id, "adapter", "adapter_config.json"
    return {"id": info.get("id") or info.get("modelId"), "author": info.get("author"),
            "base_model": base, "base_model_relation": relation, "base_source": base_source,
            "license": card.get("license"), "fetched_at": time.time()}


def validate_reply(data: Any) -> dict[str, Any]:
    """The reply reduced to the fields we use, each checked; raises InvalidReply otherwise."""
    if not isinstance(data, dict):
        raise InvalidReply("not an object")
    repo = data.get("id")
    if repo is not None and not (isinstance(repo, str) and HUB_ID.match(repo)):
        raise InvalidReply("id is not a Hub model id")
    author = data.get("author")
    if author is not None and not (isinstance(author, str) and re.match(rf"^{_NAME}$", author)):
        raise InvalidReply("author is not a Hub user or organisation name")
    base = data.get("base_model")
    bases = base if isinstance(base, list) else [] if base is None else [base]
    if len(bases) > MAX_BASES:
        raise InvalidReply(f"{len(bases)} base models (at most {MAX_BASES} are accepted)")
    if not all(isinstance(b, str) and HUB_ID.match(b) for b in bases):
        raise InvalidReply("base_model holds something that is not a Hub model id")
    licence = data.get("license")
    if isinstance(licence, list) and len(licence) == 1:
        licence = licence[0]
    if licence is not None and not (isinstance(licence, str) and _LICENSE.match(licence)):
        raise InvalidReply("license is not a license id")
    relation = data.get("base_model_relation")
    if relation is not None and relation not in HUB_RELATIONS:
        raise InvalidReply("base_model_relation is not one the Hub defines")
    base_source = data.get("base_source")
    if base_source not in (None, "card", "adapter_config.json"):
        raise InvalidReply("base_source is not one this module writes")
    fetched = data.get("fetched_at", time.time())
    if not isinstance(fetched, int | float) or isinstance(fetched, bool) or not math.isfinite(fetched):
        raise InvalidReply("fetched_at is not a time")
    return {"id": repo, "author": author, "base_model": bases or None, "base_model_relation": relation,
            "base_source": base_source if bases else None, "license": licence, "fetched_at": float(fetched)}


def lookup(repo_id: str, fetch: Fetcher | None = None) -> dict[str, Any] | None:
    from modelmap.fsutil import store_cache

    if not HUB_ID.match(repo_id):
        return None
    path = _cache_path(repo_id)
    try:
        if path.stat().st_size <= MAX_REPLY_BYTES:
            cached = validate_reply(json.loads(path.read_bytes()))
            if 0 <= time.time() - cached["fetched_at"] < TTL_SECONDS:
                return cached
    except Exception:  # absent, stale, damaged or invalid: ask again
        pass
    try:
        raw = (fetch or _hub_fetch)(repo_id)
    except InvalidReply as exc:
        warnings.warn(f"--online: ignored an invalid Hugging Face Hub reply for {repo_id} ({exc}); "
                      "using the offline knowledge base", stacklevel=2)
        return None
    except Exception as exc:  # any network/package failure falls back to offline, with a warning
        warnings.warn(f"--online: Hugging Face Hub lookup for {repo_id} failed ({exc.__class__.__name__}); "
                      "using the offline knowledge base", stacklevel=2)
        return None
    try:
        data = validate_reply(raw)
    except InvalidReply as exc:
        warnings.warn(f"--online: ignored an invalid Hugging Face Hub reply for {repo_id} ({exc}); "
                      "using the offline knowledge base", stacklevel=2)
        return None
    store_cache(path, json.dumps(data).encode("utf-8"))
    return data


def enrich(res: Resolution, fetch: Fetcher | None = None) -> Resolution:
    """Fill unknown base / license from the Hub card; marks the result as inferred."""
    query = res.query
    if "/" not in query or query.count("/") != 1 or ":" in query:
        return res
    data = lookup(query, fetch)
    if not data:
        return res
    from modelmap.provenance.resolver import default_resolver

    me = (res.model or {}).get("id") or query.lower()
    edges = list(res.edges or ())
    origins = set(res.origins or ())
    reasons = list(res.origin_reasons)
    base = data.get("base_model")
    bases = base if isinstance(base, list) else [base] if base else []
    relation = HUB_RELATIONS.get(str(data.get("base_model_relation") or ""), "finetune")
    source = ("huggingface-hub adapter_config.json (base_model_name_or_path)"
              if data.get("base_source") == "adapter_config.json" else "huggingface-hub card (base_model)")
    if bases and any(e["child"] == me and e.get("source") == "name" for e in edges):
        # the card's base_model replaces a base the resolver only read from the repo name (resolver._name_claim)
        edges = []
        reasons = [r for r in reasons if r.get("because") == "publisher"]
        origins = {str(r["country"]) for r in reasons}
    elif bases and any(r.get("claim") for r in reasons):
        # and the countries it only read from words of the name (a model line's word, a release spelled inside the
        # name, several models the name may mean): "Vasanth/distil_llama3", whose adapter_config.json names
        # Qwen/Qwen2-0.5B-Instruct, is not of Meta's lineage because its name says llama3
        reasons = [r for r in reasons if not r.get("claim")]
        origins = {str(r["country"]) for r in reasons}
    has_base = any(e["child"] == me and e["relation"] != "distillation" for e in edges)
    if not has_base and bases:
        from modelmap.errors import IdentifierError

        for b in bases:
            try:
                up = default_resolver().resolve(str(b))
            except IdentifierError:  # validated as a Hub id, but the resolver may still refuse it
                continue
            parent = (up.model or {}).get("id") or str(b).lower()
            edges.append({"child": me, "relation": relation, "parent": parent, "parent_publisher": up.publisher,
                          "source": source})
            edges.extend(up.edges or ())
            for country in up.origins or ():
                origins.add(country)
                reasons.append({"country": country, "because": "base", "models": [parent],
                                "publishers": [(up.publisher or {}).get("id")] if up.publisher else []})
    license_ = res.license
    if license_ is None and data.get("license"):
        license_ = default_resolver()._license(str(data["license"]))
    sources = [*res.sources, {"url": f"https://huggingface.co/{query}", "as_of": time.strftime("%Y-%m-%d")}]
    model, publisher = res.model, res.publisher
    if model is None and bases:
        # the Hub answered for this repo and its card or adapter_config names a base: the repo exists, so the model
        # is that repo (an opaque name such as "someone/lol" that nothing offline could place), published by its
        # account, whose country is not known; the edges above already hang from this id
        from modelmap.provenance.resolver import _account

        account, _, name = query.partition("/")
        model = {"id": me, "family": None, "params": None, "name": name}
        publisher = publisher or _account(account)
    # the card is the uploader's claim and the author's country is not known: origins stay incomplete
    return replace(res, model=model, publisher=publisher, edges=tuple(edges) if edges or res.edges is not None else None, roots=res.roots if has_base else None,
                   origins=tuple(sorted(origins)) if origins else None, origins_known=False if bases else
                   res.origins_known, origin_reasons=tuple(reasons), license=license_,
                   sources=tuple(sources), confidence="inferred" if res.confidence == "unknown" else res.confidence,
                   reason=(res.reason or "") + "; enriched from the Hugging Face Hub card (the uploader's claims)")
