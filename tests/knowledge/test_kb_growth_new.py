"""Knowledge-base growth from the transformers 5.x wheel and sourced publisher countries (issue 11, items 1 and 5)."""

from __future__ import annotations

import importlib.util
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from modelmap.knowledge import load
from modelmap.provenance.resolver import resolve

ROOT = Path(__file__).resolve().parents[2]


def _script(name: str) -> ModuleType:
    sys.path.insert(0, str(ROOT / "scripts"))
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


def test_transformers_5_checkpoint_arguments_are_read_and_placeholders_skipped(tmp_path: Path) -> None:
    mod = _script("kb_registries")
    old = tmp_path / "transformers-4.57.1-py3-none-any.whl"
    new = tmp_path / "transformers-5.25.0-py3-none-any.whl"
    with zipfile.ZipFile(old, "w") as zf:
        zf.writestr("transformers/models/lfm2/configuration_lfm2.py",
                    '"""[LiquidAI/LFM2-1.2B](https://huggingface.co/LiquidAI/LFM2-1.2B)"""\n')
    with zipfile.ZipFile(new, "w") as zf:
        zf.writestr("transformers/models/lfm2/configuration_lfm2.py",
                    '@auto_docstring(checkpoint="LiquidAI/LFM2-1.2B")\nclass Lfm2Config: ...\n')
        zf.writestr("transformers/models/lfm3/configuration_lfm3.py",
                    '@auto_docstring(checkpoint="LiquidAI/LFM3-1.7B")\nclass Lfm3Config: ...\n')
        zf.writestr("transformers/models/x/configuration_x.py",
                    '@auto_docstring(checkpoint="SomeLab/Not_yet_released")\nclass XConfig: ...\n')
        zf.writestr("transformers/models/x/modeling_x.py", '@auto_docstring(checkpoint="SomeLab/only-in-modeling")\n')
    rows = {r.hf: r for r in mod.transformers_rows([new, old])}  # order given does not matter: oldest cites first
    assert set(rows) == {"LiquidAI/LFM2-1.2B", "LiquidAI/LFM3-1.7B"}
    assert rows["LiquidAI/LFM2-1.2B"].url == "https://pypi.org/project/transformers/4.57.1/"
    assert rows["LiquidAI/LFM3-1.7B"].url == "https://pypi.org/project/transformers/5.25.0/"
    assert all(r.kind == "transformers" for r in rows.values())


def test_an_unpinned_transformers_wheel_is_refused(tmp_path: Path) -> None:
    mod = _script("kb_registries")
    wheel = tmp_path / "transformers-9.9.9-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        zf.writestr("transformers/__init__.py", "")
    with pytest.raises(SystemExit):
        mod.transformers_rows([wheel])


# repo named only by a configuration_*.py of the transformers 5.25.0 wheel -> publisher
TRANSFORMERS_5 = {
    "LiquidAI/LFM3-1.7B": "liquidai",
    "LGAI-EXAONE/EXAONE-4.5-33B": "lg-ai-research",
    "upstage/Solar-Open-100B": "upstage",
    "Zyphra/ZAYA1-8B": "zyphra",
}


@pytest.mark.parametrize("repo", sorted(TRANSFORMERS_5))
def test_transformers_5_reference_checkpoints_are_recorded_with_unknown_role_and_licence(repo: str) -> None:
    res = resolve(repo)
    assert res.model is not None and res.model["id"] == repo.lower(), res.reason
    assert res.publisher is not None and res.publisher["id"] == TRANSFORMERS_5[repo]
    model = load().models[repo.lower()]
    assert model["sources"][0]["url"] == "https://pypi.org/project/transformers/5.25.0/"
    corrected = {str(c["id"]).lower(): c["license"] for c in yaml.safe_load(
        (ROOT / "src/modelmap/knowledge/data/corrections.yaml").read_text())["corrections"] if "license" in c}
    # the wheel carries no licence; one read later from the model's own page comes from data/corrections.yaml
    assert model.get("role") is None and model["license"] == corrected.get(repo.lower(), "unknown")
    assert not model.get("base")


# repo named only in the "Example HF Models" column of vLLM's supported-models page -> (publisher, role)
VLLM_DOC = {
    "LiquidAI/LFM2-700M": ("liquidai", "generation"),
    "pfnet/plamo-2-8b": ("pfnet", "generation"),
    "inceptionai/jais-30b-v3": ("inceptionai", "generation"),
}


@pytest.mark.parametrize("repo", sorted(VLLM_DOC))
def test_vllm_supported_models_page_examples_are_recorded(repo: str) -> None:
    res = resolve(repo)
    assert res.model is not None and res.model["id"] == repo.lower(), res.reason
    assert res.publisher is not None and res.publisher["id"] == VLLM_DOC[repo][0]
    model = load().models[repo.lower()]
    assert model["sources"][0]["url"].startswith("https://github.com/vllm-project/vllm/blob/4b387bcbd88dceb37549f8af")
    assert model["sources"][0]["url"].endswith("/docs/models/supported_models.md")
    corrected = {str(c["id"]).lower(): c["license"] for c in yaml.safe_load(
        (ROOT / "src/modelmap/knowledge/data/corrections.yaml").read_text())["corrections"] if "license" in c}
    # the page carries no licence; one read later from the model's own page comes from data/corrections.yaml
    assert model["role"] == VLLM_DOC[repo][1] and model["license"] == corrected.get(repo.lower(), "unknown")


def test_sourced_countries_of_this_session_are_applied_with_their_pages() -> None:
    mod = _script("kb_countries")
    pubs = load().publishers
    assert len(mod.COUNTRIES_MORE) >= 9
    for pid, c in mod.COUNTRIES_MORE.items():
        pub = pubs[pid]
        assert pub["country"] == c.country, pid
        cited = {s["url"]: s for s in pub["sources"]}
        for url in c.urls:
            assert url in cited and cited[url].get("covers") == ["country"], (pid, url)
        if c.parent:
            assert pub["parent"] == c.parent


def test_only_the_unverified_sentence_of_a_note_is_dropped() -> None:
    mod = _script("kb_countries")
    kept = mod.drop_unverified('  note: "Re-uploads of others. Country could not be verified (no HQ found)."\n')
    assert kept == '  note: "Re-uploads of others."\n'
    assert mod.drop_unverified("  note: 'Country not verified in the sources read; left null (unknown).'\n") == ""
    other = "  note: 'Card: trained from Qwen2.5.'\n"
    assert mod.drop_unverified(other) == other


def test_a_country_code_yaml_reads_as_a_boolean_is_written_quoted() -> None:
    # Norway's ISO code NO is a YAML 1.1 boolean; the header must keep it a string
    mod = _script("kb_countries")
    head = "publisher:\n  id: x\n  country: null\n  parent: null\n  sources:\n    - {url: 'https://a.example', as_of: 2026-12-03}\nfamilies: []\n"
    out = mod.apply(head, mod.Country("NO", ("https://b.example",), "a Norwegian library"))
    assert '  country: "NO"' in out
    assert yaml.safe_load(out)["publisher"]["country"] == "NO"


# organisations first given a publisher file for registry-listed repos, each with a page read that states its country
# (None: the country rested only on third-party pages and is null since the 2026-12-03 audit)
NEW_ORGS: dict[str, tuple[str, str | None]] = {
    "apple/DepthPro": ("apple", "US"),
    "Intel/dpt-large": ("intel", "US"),
    "kyutai/helium-2b": ("kyutai", "FR"),  # Kyutai paper affiliation (countries12, 2026-12-04)
    "Aleph-Alpha/Kolibri-1": ("aleph-alpha", "DE"),
    "thinkingmachines/Inkling": ("thinkingmachines", None),
    "TigerResearch/tigerbot-7b-base": ("tigerresearch", "CN"),  # TigerBot paper affiliation (session 8)
    "uw-madison/nystromformer-512": ("uw-madison", "US"),  # UW-Madison CS pages (countries12, 2026-12-04)
}


@pytest.mark.parametrize("repo", sorted(NEW_ORGS))
def test_new_registry_publishers_resolve_with_a_sourced_country(repo: str) -> None:
    mod = _script("kb_registries")
    pid, country = NEW_ORGS[repo]
    res = resolve(repo)
    assert res.model is not None and res.model["id"] == repo.lower(), res.reason
    assert res.publisher is not None and res.publisher["id"] == pid
    pub = load().publishers[pid]
    head = mod.NEW_PUBLISHERS[pid]
    assert pub["country"] == country
    urls = {s["url"] for s in pub["sources"]}
    if head["country"] is not None:  # sourced when the header was created
        assert head["country"] == country and urls == set(head["sources"])
    else:  # created null; a country sourced later adds its page to the hand-kept header
        assert set(head["sources"]) <= urls
    if country is not None:  # a country rests on a page other than the org's own Hub page
        cited = [s["url"] for s in pub["sources"] if "country" in (s.get("covers") or [])]
        cited += [u for u in head["sources"] if head["country"] is not None]
        assert cited and not any(u.startswith("https://huggingface.co/") for u in cited)
