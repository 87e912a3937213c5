"""inspect15 (opened held-out-5): structure patterns keyed on what a file's own bytes declare - a Paddle parameter's
shape (LAC-small's word embedding), an npz's array names and shapes (g2p_en), a state dict's keys (CRAFT, g2pM) and an
ONNX model's own domain and graph name (PyThaiNLP's thai2rom). Fixtures are built here from the packages' published
code (jieba's lac_small/nets.py, g2p_en's g2p.py, CRAFT-pytorch's craft.py, g2pM.py); no held-out file is used."""

from __future__ import annotations

import pickle
import struct
from collections import OrderedDict
from pathlib import Path

import numpy as np
import pytest

from modelmap.artifacts.identify import structure_features
from modelmap.inspect import inspect_path
from tests.artifacts.protobuf import field, varint


def _family(path: Path) -> tuple[str | None, str | None]:
    rec = inspect_path(path)
    return (rec.get("family") or {}).get("id"), (rec.get("publisher") or {}).get("id")


def vfield(num: int, value: int) -> bytes:
    """Field ``num`` with wire type 0 (varint)."""
    return varint(num << 3) + varint(value)


def _paddle_tensor_head(dims: list[int]) -> bytes:
    desc = vfield(1, 5) + b"".join(vfield(2, d) for d in dims)  # FP32, dims
    return b"\x00" * 16 + struct.pack("<i", len(desc)) + desc


@pytest.mark.parametrize(("dims", "want"), [([20941, 128], "lac"), ([20940, 128], None)])
def test_lac_small_word_embedding_shape(tmp_path: Path, dims: list[int], want: str | None) -> None:
    f = tmp_path / "w"
    f.write_bytes(_paddle_tensor_head(dims) + b"\x00" * 4096)  # cut: the data is far shorter than declared
    assert _family(f)[0] == want


G2P_EN = {"enc_emb": (29, 256), "enc_w_ih": (768, 256), "enc_w_hh": (768, 256), "enc_b_ih": (768,),
          "enc_b_hh": (768,), "dec_emb": (74, 256), "dec_w_ih": (768, 256), "dec_w_hh": (768, 256),
          "dec_b_ih": (768,), "dec_b_hh": (768,), "fc_w": (74, 256), "fc_b": (74,)}


def test_g2p_en_npz_arrays(tmp_path: Path) -> None:
    f = tmp_path / "c"
    np.savez(f, **{k: np.zeros(v, dtype="<f4") for k, v in G2P_EN.items()})  # type: ignore[arg-type]
    assert _family(tmp_path / "c.npz") == ("g2p-en", "kyubyong")
    other = dict(G2P_EN, dec_emb=(80, 256))  # another phoneme set: not g2p_en's
    np.savez(tmp_path / "d", **{k: np.zeros(v, dtype="<f4") for k, v in other.items()})  # type: ignore[arg-type]
    assert _family(tmp_path / "d.npz")[0] is None


def _state_dict_pickle(keys: list[str]) -> bytes:
    return pickle.dumps(OrderedDict((k, i) for i, k in enumerate(keys)), protocol=2)


CRAFT_KEYS = ["basenet.slice1.0.weight", "basenet.slice1.0.bias", "basenet.slice1.1.weight", "basenet.slice1.1.bias",
              "basenet.slice1.1.running_mean", "basenet.slice1.1.running_var", "basenet.slice5.1.weight",
              "upconv1.conv.0.weight", "conv_cls.0.weight", "conv_cls.8.bias"]


@pytest.mark.parametrize("prefix", ["", "module."])
def test_craft_state_dict_keys(tmp_path: Path, prefix: str) -> None:
    f = tmp_path / "p"
    f.write_bytes(_state_dict_pickle([prefix + k for k in CRAFT_KEYS]))
    assert _family(f) == ("craft", "naver")


def test_vgg_without_craft_base_network_is_not_craft(tmp_path: Path) -> None:
    f = tmp_path / "p"
    f.write_bytes(_state_dict_pickle(["features.0.weight", "features.0.bias", "features.1.weight"]))
    assert _family(f)[0] is None


G2PM_KEYS = ["embedding.weight", "lstm.weight_ih_l0", "lstm.weight_hh_l0", "lstm.bias_ih_l0", "lstm.bias_hh_l0",
             "lstm.weight_ih_l0_reverse", "lstm.weight_hh_l0_reverse", "lstm.bias_ih_l0_reverse",
             "lstm.bias_hh_l0_reverse", "logit_layer.0.weight", "logit_layer.0.bias", "logit_layer.2.weight",
             "logit_layer.2.bias"]


def test_g2pm_numpy_state_dict(tmp_path: Path) -> None:
    f = tmp_path / "k"
    f.write_bytes(pickle.dumps({k: np.zeros(2, dtype="<f4") for k in G2PM_KEYS}, protocol=4))
    assert _family(f) == ("g2pm", "kakaobrain")
    # the same keys saved by torch (not g2pM's numpy checkpoint) or in another order: not claimed
    g = tmp_path / "g"
    g.write_bytes(pickle.dumps({k: np.zeros(2, dtype="<f4") for k in reversed(G2PM_KEYS)}, protocol=4))
    assert _family(g)[0] is None


def _onnx(domain: str, graph_name: str) -> bytes:
    graph = field(2, graph_name.encode())
    return vfield(1, 7) + field(2, b"pytorch") + field(4, domain.encode()) + field(7, graph) + \
        field(8, vfield(2, 13))


@pytest.mark.parametrize(("domain", "graph", "want"), [("org.pythainlp", "thai2rom_encoder_onnx", "thai2rom"),
                                                        ("org.pythainlp", "other_model", None),
                                                        ("com.example", "thai2rom_encoder_onnx", None)])
def test_onnx_domain_and_graph_name_claim(tmp_path: Path, domain: str, graph: str, want: str | None) -> None:
    f = tmp_path / "m"
    f.write_bytes(_onnx(domain, graph))
    assert _family(f)[0] == want


def test_onnx_names_are_bounded_props() -> None:
    feat = structure_features("onnx", {"domain": "d" * 5000, "graph_name": "g", "format_props": {"x": 1}}, [])
    assert feat["props"] == {"x": 1, "onnx.domain": "d" * 256, "onnx.graph_name": "g"}
    assert "props" not in structure_features("onnx", {"domain": "", "graph_name": None}, [])
