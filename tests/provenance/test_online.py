"""``--online`` enrichment from recorded Hub answers (never the network; STYLE.md section 7)."""

from __future__ import annotations

import json
import time
import warnings
from pathlib import Path
from typing import Any

import pytest

from modelmap.provenance import online
from modelmap.provenance.resolver import resolve

RECORDED = json.loads((Path(__file__).parent / "data" / "hub_model_info.json").read_text(encoding="utf-8"))


class RecordedFetcher:
    """Answers from the recorded JSON; counts calls; a repo it does not know raises like the Hub (404)."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, repo_id: str) -> dict[str, Any]:
        self.calls.append(repo_id)
        if repo_id not in RECORDED or repo_id.startswith("_"):
            raise LookupError(f"404 {repo_id}")
        return {**RECORDED[repo_id], "fetched_at": time.time()}


def _offline_fetcher(repo_id: str) -> dict[str, Any]:
    raise ConnectionError("no network")


@pytest.fixture(autouse=True)
def _cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MODELMAP_CACHE_DIR", str(tmp_path))
    return tmp_path


def test_enrich_fills_base_license_and_origins_from_the_card() -> None:
    offline = resolve("example-lab/qwen2.5-7b-instruct-legal-sft")
    # offline, the base is only the repo name's claim (resolver._name_claim): labelled so, not confident
    assert offline.confidence == "unknown"
    assert [e.get("source") for e in offline.edges or () if e["child"] == (offline.model or {}).get("id")] == ["name"]
    fetch = RecordedFetcher()
    res = online.enrich(offline, fetch)
    assert fetch.calls == ["example-lab/qwen2.5-7b-instruct-legal-sft"]
    assert res.lineage[0]["relation"] == "finetune"
    assert res.lineage[0]["model"] == "qwen/qwen2.5-7b-instruct"
    # the card's base replaced the name's claim: one base edge, from the card
    mine = [e for e in res.edges or () if e["child"] == "example-lab/qwen2.5-7b-instruct-legal-sft"]
    assert [e["source"] for e in mine] == ["huggingface-hub card (base_model)"]
    assert "CN" in (res.origins or ())
    assert res.license and res.license["id"] == "apache-2.0"
    assert res.confidence == "inferred"
    assert any(s["url"].endswith("/example-lab/qwen2.5-7b-instruct-legal-sft") for s in res.sources)


def test_enrich_with_several_bases_unions_their_origins() -> None:
    res = online.enrich(resolve("example-lab/two-parent-merge"), RecordedFetcher())
    me = "example-lab/two-parent-merge"
    assert [e["parent"] for e in res.edges or () if e["child"] == me] == [
        "qwen/qwen2.5-7b-instruct", "meta-llama/llama-3.1-8b-instruct"]
    assert {"CN", "US"} <= set(res.origins or ())
    assert res.origins_known is False  # a card is the uploader's claim, and its author's country is unknown


def test_card_without_base_or_license_changes_nothing_but_sources() -> None:
    offline = resolve("example-lab/no-card")
    res = online.enrich(offline, RecordedFetcher())
    assert res.edges == offline.edges and res.license is None and res.origins == offline.origins


def test_answers_are_cached_on_disk(_cache_dir: Path) -> None:
    fetch = RecordedFetcher()
    online.lookup("example-lab/no-card", fetch)
    online.lookup("example-lab/no-card", fetch)
    assert fetch.calls == ["example-lab/no-card"]
    assert (_cache_dir / "hub" / "example-lab__no-card.json").is_file()


def test_an_expired_cache_entry_is_fetched_again(_cache_dir: Path) -> None:
    path = _cache_dir / "hub" / "example-lab__no-card.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({**RECORDED["example-lab/no-card"], "fetched_at": time.time() - online.TTL_SECONDS - 5}))
    fetch = RecordedFetcher()
    online.lookup("example-lab/no-card", fetch)
    assert fetch.calls == ["example-lab/no-card"]


def test_no_network_falls_back_to_the_offline_answer_with_a_warning() -> None:
    offline = resolve("example-lab/qwen2.5-7b-instruct-legal-sft")
    with pytest.warns(UserWarning, match="using the offline knowledge base"):
        res = online.enrich(offline, _offline_fetcher)
    assert res == offline


def test_resolve_online_without_network_warns_and_answers_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(online, "_hub_fetch", _offline_fetcher)
    with pytest.warns(UserWarning, match="Hugging Face Hub lookup"):
        res = resolve("example-lab/qwen2.5-7b-instruct-legal-sft", online=True)
    assert res.confidence == "unknown"


def test_known_models_and_non_repo_ids_are_not_looked_up(monkeypatch: pytest.MonkeyPatch) -> None:
    fetch = RecordedFetcher()
    monkeypatch.setattr(online, "_hub_fetch", fetch)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        resolve("Qwen/Qwen2.5-7B-Instruct", online=True)  # known: no lookup
        online.enrich(resolve("qwen2.5:7b"), fetch)  # an Ollama tag is not a repo id
        online.enrich(resolve("openrouter/qwen/some-model"), fetch)
    assert fetch.calls == []


def test_base_model_relation_becomes_the_edge_relation() -> None:
    res = online.enrich(resolve("example-lab/legal-assistant-awq-4bit"), RecordedFetcher())
    me = "example-lab/legal-assistant-awq-4bit"
    assert [(e["relation"], e["parent"]) for e in res.edges or () if e["child"] == me] == [
        ("quantization", "qwen/qwen2.5-7b-instruct")]
    assert res.roots is None  # the card's claim about the weights' base does not make roots known


def test_an_unknown_base_model_relation_is_an_invalid_reply_and_is_not_used() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = online.enrich(resolve("example-lab/bad-relation"), RecordedFetcher())
    assert res.edges is None and any("invalid" in str(w.message) for w in caught)
