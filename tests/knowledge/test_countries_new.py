"""scripts/kb_countries.py (issue 11 item 1): sourced headquarters countries on publisher headers."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import yaml

from modelmap.knowledge import load

ROOT = Path(__file__).resolve().parents[2]


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("kb_countries", ROOT / "scripts" / "kb_countries.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # its dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


HEADER = """schema: modelmap.knowledge/1
publisher:
  id: kwai
  name: 'Kuaishou (Kwai) model teams'
  orgs: [Kwai-Keye, Kwai-Kolors, Kwaipilot]
  aliases: []
  country: null
  parent: null
  kind: lab
  flags: []
  sources:
    - {url: 'https://huggingface.co/Kwai-Keye', as_of: 2026-12-03}
  note: 'Country not verified in the sources read; left null (unknown).'
families: []
models:
- id: kwai-keye/keye-vl-8b-preview
  name: 'Keye-VL-8B-Preview'
"""


def test_apply_sets_the_country_cites_the_page_and_is_idempotent() -> None:
    mod = _script()
    c = mod.Country("CN", ("https://en.wikipedia.org/wiki/Kuaishou",), "headquartered in Beijing", parent="Kuaishou")
    once = mod.apply(HEADER, c)
    doc = yaml.safe_load(once)
    pub = doc["publisher"]
    assert pub["country"] == "CN" and pub["parent"] == "Kuaishou" and "note" not in pub
    added = pub["sources"][1]
    assert added["url"] == "https://en.wikipedia.org/wiki/Kuaishou" and str(added["as_of"]) == "2026-12-03"
    assert added["covers"] == ["country"]
    assert pub["sources"][0]["url"] == "https://huggingface.co/Kwai-Keye"  # the hand-written source stays
    assert once.split("families: []", 1)[1] == HEADER.split("families: []", 1)[1]  # models untouched
    assert mod.apply(once, c) == once


def test_every_table_entry_is_in_the_knowledge_base_with_a_country_source() -> None:
    mod = _script()
    pubs = load().publishers
    for pid, c in mod.COUNTRIES.items():
        pub = pubs[pid]
        assert pub["country"] == c.country, pid
        cited = {s["url"] for s in pub["sources"] if "country" in (s.get("covers") or ["country"])}
        assert set(c.urls) <= cited, pid


def test_rows_without_a_primary_source_stay_null_with_the_claim_noted() -> None:
    """The 2026-12-03 audit dropped rows cited only to third-party pages: their headers say country: null."""
    mod = _script()
    table = {**mod.COUNTRIES, **mod.COUNTRIES_LATER, **mod.COUNTRIES_MORE, **mod.COUNTRIES_14, **mod.COUNTRIES_30}
    pubs = load().publishers
    for pid in mod.NO_PRIMARY_SOURCE:
        assert pid not in table, pid
        assert pubs[pid]["country"] is None, pid
        text = (ROOT / "src/modelmap/knowledge/data/publishers" / f"{pid}.yaml").read_text(encoding="utf-8")
        assert "no primary source found" in text, pid


def test_session_30_countries_cite_the_organisations_own_pages_dated_when_read() -> None:
    """pubctry30: a company's own SEC filing, a university lab's own Hub and GitHub profiles."""
    mod = _script()
    pubs = load().publishers
    assert {"servicenow-ai", "tohoku-nlp"} <= set(mod.COUNTRIES_30)
    for pid, c in mod.COUNTRIES_30.items():
        pub = pubs[pid]
        assert pub["country"] == c.country, pid
        assert pid not in mod.NO_PRIMARY_SOURCE, pid
        cited = {s["url"]: s for s in pub["sources"] if "country" in (s.get("covers") or ["country"])}
        assert set(c.urls) <= set(cited), pid
        added = [cited[u] for u in c.urls if cited[u].get("covers") == ["country"]]
        assert added and all(str(s["as_of"]) == mod.S30 for s in added), pid
    assert pubs["servicenow-ai"]["country"] == "US" and pubs["servicenow-ai"]["parent"] == "ServiceNow, Inc."
    assert pubs["tohoku-nlp"]["country"] == "JP" and pubs["tohoku-nlp"]["parent"] == "Tohoku University"
