"""A safetensors header alone (no config, no tokenizer) names a family by its published dimensions (inspect16):
four or more equal, vocabulary size and hidden width among them (identify.W_SIZE_FULL). Fused gate/up projections
(Hugging Face's GLM-4 and Phi-3 naming) give the feed-forward width."""

from __future__ import annotations

import json
import struct
from pathlib import Path

from modelmap.artifacts.base import Tensor
from modelmap.artifacts.fingerprint import arch_from_tensors
from modelmap.inspect import inspect_path


def _header(path: Path, hidden: int, layers: int, inter: int, vocab: int, kv: int, heads: int,
            fused: bool = False) -> Path:
    hd = hidden // heads
    shapes: dict[str, list[int]] = {"model.embed_tokens.weight": [vocab, hidden], "lm_head.weight": [vocab, hidden]}
    for i in range(layers):
        p = f"model.layers.{i}."
        shapes[p + "self_attn.q_proj.weight"] = [hidden, hidden]
        shapes[p + "self_attn.k_proj.weight"] = [kv * hd, hidden]
        if fused:
            shapes[p + "mlp.gate_up_proj.weight"] = [2 * inter, hidden]
        else:
            shapes[p + "mlp.gate_proj.weight"] = [inter, hidden]
        shapes[p + "mlp.down_proj.weight"] = [hidden, inter]
    header, off = {}, 0
    for name, shape in shapes.items():
        n = 2 * shape[0] * shape[1]
        header[name] = {"dtype": "BF16", "shape": shape, "data_offsets": [off, off + n]}
        off += n
    raw = json.dumps(header).encode()
    with path.open("wb") as fh:
        fh.write(struct.pack("<Q", len(raw)) + raw)
        fh.truncate(8 + len(raw) + off)  # weights a hole
    return path


def test_qwen25_7b_shapes_alone_name_qwen(tmp_path: Path) -> None:
    rec = inspect_path(_header(tmp_path / "m01", 3584, 28, 18944, 152064, 4, 28))
    fam = rec["family"]
    # Qwen2-7B and Qwen2.5-7B share this shape; DeepSeek-R1-Distill-Qwen-7B inherits it (listed, not the maker)
    assert {fam["id"], *fam["indistinguishable_from"]} >= {"qwen2", "qwen2.5"}
    assert rec["publisher"]["id"] == "qwen" and rec["publisher"]["country"] == "CN"
    assert "size" in fam["signals"]


def test_glm4_fused_gate_up_shapes_name_glm4(tmp_path: Path) -> None:
    rec = inspect_path(_header(tmp_path / "m02", 4096, 40, 13696, 151552, 2, 32, fused=True))
    assert rec["family"]["id"] == "glm4" and rec["publisher"]["id"] == "zhipu"
    assert rec["dimensions"]["intermediate_size"] == 13696


def test_fused_width_is_half_the_fused_rows() -> None:
    sig = arch_from_tensors([Tensor("model.layers.0.mlp.gate_up_proj.weight", "BF16", (16384, 3072))])
    assert sig["intermediate_size"] == 8192


def test_three_equal_dimensions_are_not_enough(tmp_path: Path) -> None:
    # Qwen2.5-7B's width and vocabulary but 20 layers and another FFN width: no published model, no family
    rec = inspect_path(_header(tmp_path / "m03", 3584, 20, 12000, 152064, 4, 28))
    assert rec["family"] is None and rec["publisher"] is None


def test_tinyllama_shapes_name_tinyllama_not_llama2(tmp_path: Path) -> None:
    # TinyLlama-1.1B: Llama 2's architecture and tokenizer, its own dimensions (README table, structures.yaml)
    rec = inspect_path(_header(tmp_path / "m04", 2048, 22, 5632, 32000, 4, 32))
    assert rec["family"]["id"] == "tinyllama"
    assert rec["publisher"]["id"] == "tinyllama" and rec["publisher"]["country"] == "SG"
