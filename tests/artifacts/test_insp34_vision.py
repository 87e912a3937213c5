"""insp34 (session 34, on the opened held-out-19 / -20): on-device vision models named from what their bytes say.

* Caffe models (CaffeReader): the net's name, its layers' names and types, and the data sources a trained net keeps -
  Levi & Hassner's Adience age / gender nets by their training LMDB paths (their own record, a claim), OpenCV's DNN
  face detector by its layer names;
* TensorFlow Lite: Google's EfficientNet-Lite ImageNet classifiers (scopes efficientnet-liteN / stem / blocks_N /
  head and a 1,000-class output) and MoveNet SinglePose (CenterNet MobileNetV2-FPN scopes, keypoint heads and the
  [1, 1, 17, 3] output);
* Keras HDF5: FaceNet's Inception-ResNet-v1 as the keras-facenet port names its layers.

Every fixture is built here (protobuf / FlatBuffer / HDF5 bytes written by the tests); no set file is used.
"""

from __future__ import annotations

from pathlib import Path

from modelmap.artifacts import reader_for
from modelmap.artifacts.caffe import CaffeReader
from modelmap.artifacts.classic import TFLiteReader
from modelmap.inspect import inspect_path
from tests.artifacts.protobuf import field, varint
from tests.artifacts.test_classic_heldout4_formats import FB
from tests.artifacts.test_insp31_heldout17 import _keras_h5


def _who(path: Path) -> tuple[str | None, str | None, str | None]:
    rec = inspect_path(path)
    fam = rec.get("family")
    pub = rec.get("publisher")
    return (fam.get("id") if isinstance(fam, dict) else None, pub.get("id") if isinstance(pub, dict) else None,
            pub.get("country") if isinstance(pub, dict) else None)


# --- Caffe ------------------------------------------------------------------------------------------------------------

def _v1_layer(name: str, kind: int, *, source: str | None = None, blob: int = 0) -> bytes:
    """A V1LayerParameter: top (3), name (4), type (5, the V1 enum), data_param (11) with its source, a blob (6)."""
    out = field(3, name.encode()) + field(4, name.encode()) + varint(5 << 3) + varint(kind)
    if source is not None:
        out += field(11, field(1, source.encode()) + varint(4 << 3) + varint(50))
    if blob:
        out += field(6, field(5, bytes(blob)))  # BlobProto.data, packed floats: skipped by length
    return out


def _adience_net(source: str, blob: int = 4096) -> bytes:
    layers = [_v1_layer("data", 5, source=source), _v1_layer("conv1", 4, blob=blob), _v1_layer("relu1", 18),
              _v1_layer("pool1", 17), _v1_layer("norm1", 15), _v1_layer("conv2", 4, blob=blob)]
    return field(1, b"CaffeNet") + b"".join(field(2, x) for x in layers)


def _layer(name: str, typ: str, blob: int = 0) -> bytes:
    """A LayerParameter: name (1), type (2, a string), bottom (3), top (4), a blob (7)."""
    out = field(1, name.encode()) + field(2, typ.encode()) + field(3, b"data") + field(4, name.encode())
    return out + (field(7, field(5, bytes(blob))) if blob else b"")


_FACE = ["data_bn", "data_scale", "conv1_h", "conv1_bn_h", "conv1_relu", "conv1_pool", "layer_64_1_conv1_h",
         "layer_64_1_conv2_h", "layer_128_1_conv1_h", "layer_128_1_conv_expand_h", "layer_256_1_conv1",
         "layer_512_1_conv2_h", "last_bn_h", "conv6_1_h", "conv6_2_h", "conv7_2_h", "conv8_2_h", "conv9_2_h",
         "conv4_3_norm", "conv4_3_norm_mbox_loc", "detection_out"]


def _face_net(names: list[str]) -> bytes:
    return b"".join(field(100, _layer(n, "Convolution", blob=256)) for n in names)


def test_caffe_reader_reads_names_types_and_sources(tmp_path: Path) -> None:
    f = tmp_path / "m"
    f.write_bytes(_adience_net("/home/u/AdienceFaces/lmdb/Test_fold_is_3/gender_train_lmdb"))
    assert reader_for(f).id == "caffe"  # type: ignore[union-attr]
    props = CaffeReader().read(f).metadata["format_props"]
    assert props["caffe.name"] == "CaffeNet" and props["caffe.layers"] == 6
    assert props["caffe.layer_names"] == "data conv1 relu1 pool1 norm1 conv2"
    assert props["caffe.layer_types"].split()[:3] == ["Data", "Convolution", "ReLU"]
    assert props["caffe.sources"] == "/home/u/AdienceFaces/lmdb/Test_fold_is_3/gender_train_lmdb"


def test_adience_caffe_nets_are_levi_hassners(tmp_path: Path) -> None:
    for i, src in enumerate(("/home/ubuntu/AdienceFaces/lmdb/Test_fold_is_0/age_train_lmdb",
                             "/data/AdienceFaces/lmdb/Test_fold_is_4/gender_train_lmdb")):
        f = tmp_path / f"n{i}"
        f.write_bytes(_adience_net(src))
        assert _who(f) == ("levi-hassner-age-gender", "levi-hassner", "IL")
    # truncated inside the second convolution's blob: the data layer before the cut still names it
    whole = _adience_net("/home/ubuntu/AdienceFaces/lmdb/Test_fold_is_1/age_train_lmdb", blob=200_000)
    cut = tmp_path / "cut"
    cut.write_bytes(whole[:len(whole) - 50_000])
    info = CaffeReader().read(cut)
    assert any("truncated" in n for n in info.notes)
    assert _who(cut)[:2] == ("levi-hassner-age-gender", "levi-hassner")
    # the same net trained from other data is someone else's: nothing named
    other = tmp_path / "other"
    other.write_bytes(_adience_net("/home/me/faces/train_lmdb"))
    assert _who(other) == (None, None, None)


def test_opencv_face_detector_by_its_layer_names(tmp_path: Path) -> None:
    f = tmp_path / "m"
    f.write_bytes(field(1, b"") + _face_net(_FACE))
    assert reader_for(f).id == "caffe"  # type: ignore[union-attr]
    assert _who(f) == ("opencv-face-detector", "opencv", None)
    # an SSD without the face detector's _h trunk (the VGG SSD's conv4_3_norm alone) is not it
    g = tmp_path / "g"
    g.write_bytes(_face_net([n for n in _FACE if n.endswith("_h") is False]))
    assert _who(g)[0] is None


def test_caffe_sniff_leaves_other_protobufs_alone(tmp_path: Path) -> None:
    # a TensorFlow GraphDef (field 1 holds a NodeDef) and a SentencePiece model (field 1 holds a piece message)
    graph = field(1, field(1, b"input") + field(2, b"Placeholder")) + field(1, field(1, b"out") + field(2, b"Identity"))
    g = tmp_path / "g"
    g.write_bytes(graph * 4)
    assert reader_for(g).id == "tf-graphdef"  # type: ignore[union-attr]
    assert not CaffeReader().sniff(field(1, field(1, b"<unk>") + b"\x15\x00\x00\x00\x00") * 8)
    assert not CaffeReader().sniff(b"\x0a\x04name" + b"\x00" * 32)  # a name and nothing after it


# --- TensorFlow Lite --------------------------------------------------------------------------------------------------

Spec = tuple[bytes, int, list[int]]


def _tflite(inputs: list[Spec], outputs: list[Spec], inner: list[bytes]) -> bytes:
    """A TFLite model whose main subgraph holds the inputs, the outputs and inner tensors (named, shape [1])."""
    fb = FB(b"TFL3")
    model, ms = fb.table({0: 3, 2: None})
    sg_vec, sg_slots = fb.vector(1)
    fb.link(ms[2], sg_vec)
    sg, sgs = fb.table({0: None, 1: None, 2: None, 4: None})
    fb.link(sg_slots[0], sg)
    fb.link(sgs[4], fb.string(b"main"))
    specs = inputs + outputs + [(n, 0, [1]) for n in inner]
    tvec, tslots = fb.vector(len(specs))
    fb.link(sgs[0], tvec)
    for slot, (name, ttype, shape) in zip(tslots, specs, strict=True):
        t, ts = fb.table({0: None, 1: ttype, 3: None})
        fb.link(slot, t)
        svec, sslots = fb.vector(len(shape))
        fb.link(ts[0], svec)
        for s, d in zip(sslots, shape, strict=True):
            fb.put(s, d & 0xFFFFFFFF)
        fb.link(ts[3], fb.string(name))
    for fno, indices in ((1, range(len(inputs))), (2, range(len(inputs), len(inputs) + len(outputs)))):
        ivec, islots = fb.vector(len(indices))
        fb.link(sgs[fno], ivec)
        for s, i in zip(islots, indices, strict=True):
            fb.put(s, i)
    return fb.root(model)


_LITE = [b"efficientnet-lite0/model/stem/conv2d/Conv2D", b"efficientnet-lite0/model/blocks_0/depthwise_conv2d/dw",
         b"efficientnet-lite0/model/blocks_1/conv2d/Conv2D", b"efficientnet-lite0/model/head/conv2d/Conv2D",
         b"efficientnet-lite0/model/head/dense/MatMul"]
_MOVE = [b"StatefulPartitionedCall/model_1/center_net_mobile_net_v2fpn_feature_extractor/model/Conv1/Conv2D",
         b"StatefulPartitionedCall/model_1/kpt_heatmap_0/separable_conv2d/BiasAdd",
         b"StatefulPartitionedCall/model_1/kpt_regress_0/separable_conv2d_1/BiasAdd",
         b"StatefulPartitionedCall/model_1/kpt_offset_0/separable_conv2d_2/BiasAdd"]


def test_efficientnet_lite_imagenet_classifier(tmp_path: Path) -> None:
    f = tmp_path / "m"
    f.write_bytes(_tflite([(b"images", 3, [1, 224, 224, 3])], [(b"Softmax", 3, [1, 1000])], _LITE))
    assert "efficientnet-lite0" in TFLiteReader().read(f).metadata["format_props"]["tflite.scopes"].split("|")
    assert _who(f) == ("efficientnet-lite", "google", "US")
    # a fine-tune on five classes keeps the scopes, but it is not Google's classifier: nothing named
    g = tmp_path / "g"
    g.write_bytes(_tflite([(b"images", 3, [1, 224, 224, 3])], [(b"Softmax", 3, [1, 5])], _LITE))
    assert _who(g) == (None, None, None)
    # the full EfficientNet's scope (efficientnet-b0) is not the Lite family
    h = tmp_path / "h"
    h.write_bytes(_tflite([(b"images", 3, [1, 224, 224, 3])], [(b"Softmax", 3, [1, 1000])],
                          [n.replace(b"lite0", b"b0") for n in _LITE]))
    assert _who(h)[0] is None


def test_movenet_singlepose(tmp_path: Path) -> None:
    f = tmp_path / "m"
    f.write_bytes(_tflite([(b"serving_default_input:0", 3, [1, 192, 192, 3])],
                          [(b"StatefulPartitionedCall:0", 0, [1, 1, 17, 3])], _MOVE))
    assert _who(f) == ("movenet", "google", "US")
    # the same heads with the multi-person output ([1, 6, 56]) or without the keypoint offsets are not matched
    g = tmp_path / "g"
    g.write_bytes(_tflite([(b"input", 3, [1, 256, 256, 3])], [(b"out", 0, [1, 6, 56])], _MOVE))
    assert _who(g)[0] is None
    h = tmp_path / "h"
    h.write_bytes(_tflite([(b"input", 3, [1, 192, 192, 3])], [(b"out", 0, [1, 1, 17, 3])],
                          [n for n in _MOVE if b"offset" not in n]))
    assert _who(h)[0] is None


# --- Keras HDF5: FaceNet (keras-facenet's Inception-ResNet-v1) --------------------------------------------------------

_FACENET = ["input_1", "Conv2d_1a_3x3", "Conv2d_1a_3x3_BatchNorm", "Conv2d_1a_3x3_Activation", "Conv2d_2a_3x3",
            "MaxPool_3a_3x3", "Conv2d_3b_1x1", "Conv2d_4a_3x3", "Conv2d_4b_3x3", "Conv2d_4b_3x3_BatchNorm",
            "Block35_1_Branch_2_Conv2d_0a_1x1", "Block35_1_Branch_0_Conv2d_1x1", "Block35_1_Branch_2_Conv2d_0c_3x3",
            "Block35_1_Concatenate", "Block35_1_Conv2d_1x1", "Mixed_6a", "Block17_1_Concatenate", "Mixed_7a",
            "Block8_6_Conv2d_1x1", "AvgPool", "Dropout", "Bottleneck", "Bottleneck_BatchNorm"]


def test_facenet_keras_layer_names(tmp_path: Path) -> None:
    f = _keras_h5(tmp_path / "w", _FACENET, width=40)
    assert _who(f) == ("facenet", "davidsandberg", None)
    # Keras's own InceptionResNetV2 application names its layers in lower case: not this port
    v2 = ["input_1", "conv2d_1", "batch_normalization_1", "activation_1", "block35_1_mixed", "block35_1_conv",
          "block35_1", "mixed_6a", "block17_1_mixed", "mixed_7a", "block8_10", "conv_7b", "avg_pool", "predictions"]
    assert _who(_keras_h5(tmp_path / "v2", v2, width=40))[0] is None


# --- TensorFlow Object Detection API frozen graphs (tf.scopes) --------------------------------------------------------

def _od_graph(backbone: str | None, heads: int = 6, weights: int = 2048) -> bytes:
    from tests.artifacts.test_inspect15_tfgraph import node

    out = node("image_tensor", "Placeholder") + node("Preprocessor/map/while/ResizeImage/resize/ResizeBilinear",
                                                       "ResizeBilinear", "image_tensor")
    if backbone:
        out += node(f"FeatureExtractor/{backbone}/Conv/weights", "Const", value=bytes(weights))
        out += node(f"FeatureExtractor/{backbone}/Conv/Conv2D", "Conv2D", "Preprocessor/map/while/ResizeImage/"
                    "resize/ResizeBilinear", f"FeatureExtractor/{backbone}/Conv/weights")
    for i in range(heads):
        for head in ("ClassPredictor", "BoxEncodingPredictor"):
            out += node(f"BoxPredictor_{i}/{head}/weights", "Const", value=bytes(weights))
            out += node(f"BoxPredictor_{i}/{head}/BiasAdd", "BiasAdd", f"BoxPredictor_{i}/{head}/weights")
    out += node("Postprocessor/BatchMultiClassNonMaxSuppression/map/while/MultiClassNonMaxSuppression/NonMaxSuppressionV3",
                "NonMaxSuppressionV3", "BoxPredictor_0/ClassPredictor/BiasAdd")
    return out + node("detection_boxes", "Identity", "Postprocessor/BatchMultiClassNonMaxSuppression/map/while/"
                      "MultiClassNonMaxSuppression/NonMaxSuppressionV3")


def test_tf_object_detection_graphs(tmp_path: Path) -> None:
    from modelmap.artifacts.tfgraph import TFGraphReader

    f = tmp_path / "v2"
    f.write_bytes(_od_graph("MobilenetV2"))
    scopes = TFGraphReader().read(f).metadata["format_props"]["tf.scopes"].split("|")
    assert {"FeatureExtractor", "FeatureExtractor/MobilenetV2", "BoxPredictor_0/ClassPredictor",
            "Postprocessor/BatchMultiClassNonMaxSuppression"} <= set(scopes)
    assert "detection_boxes" not in scopes  # a root-level node is no scope
    # the architecture and the API are named, not whose weights: no publisher
    assert _who(f) == ("ssd-mobilenet-v2", None, None)
    v1 = tmp_path / "v1"
    v1.write_bytes(_od_graph("MobilenetV1"))
    assert _who(v1) == ("tensorflow-object-detection", None, None)
    # a truncated copy whose backbone lies past the cut keeps the heads and the post-processing: the API is named
    whole = _od_graph(None, weights=50_000)
    cut = tmp_path / "cut"
    cut.write_bytes(whole[:len(whole) - 20_000])
    assert _who(cut)[0] is None  # the Postprocessor nodes come last and were cut off
    heads_first = _od_graph(None, heads=4)
    part = tmp_path / "part"
    part.write_bytes(heads_first + b"\x0a\xff\xff\x03" + bytes(64))  # a node cut short after the post-processing
    assert _who(part) == ("tensorflow-object-detection", None, None)
    # heads without the API's post-processing scope, or a lone BoxPredictor, are not enough
    from tests.artifacts.test_inspect15_tfgraph import node

    lone = tmp_path / "lone"
    lone.write_bytes(node("x", "Placeholder") + node("BoxPredictor_0/ClassPredictor/BiasAdd", "BiasAdd", "x")
                     + node("y", "Identity", "BoxPredictor_0/ClassPredictor/BiasAdd"))
    assert _who(lone)[0] is None


# --- Silero VAD v3.x ONNX interface -----------------------------------------------------------------------------------

def test_silero_vad_v3_onnx_interface(tmp_path: Path) -> None:
    from tests.artifacts.test_inspect26_heldout11 import _onnx

    f = _onnx(tmp_path / "v3", {"input": [1, "sequence"], "h0": [2, 1, 64], "c0": [2, 1, 64]},
              {"output": [1, 2, 1], "hn": [2, 1, 64], "cn": [2, 1, 64]}, "torch-jit-export", b"pytorch")
    assert _who(f)[:2] == ("silero-vad", "silero")
    # the same names over another LSTM's state width are not Silero's contract
    g = _onnx(tmp_path / "other", {"input": [1, "sequence"], "h0": [1, 1, 128], "c0": [1, 1, 128]},
              {"output": [1, 2, 1], "hn": [1, 1, 128], "cn": [1, 1, 128]}, "torch-jit-export", b"pytorch")
    assert _who(g)[0] is None


# --- torchvision MobileNetV2 state dicts ------------------------------------------------------------------------------

_MBV2 = ["features.0.0.weight", "features.0.1.weight", "features.0.1.bias", "features.1.conv.0.0.weight",
         "features.1.conv.0.1.weight", "features.1.conv.1.weight", "features.1.conv.2.weight",
         "features.2.conv.0.0.weight", "features.2.conv.0.1.weight", "features.2.conv.1.0.weight",
         "features.2.conv.1.1.weight", "features.2.conv.2.weight", "features.2.conv.3.weight",
         "features.18.0.weight", "classifier.1.weight", "classifier.1.bias"]


def test_torchvision_mobilenet_v2_state_dict(tmp_path: Path) -> None:
    import collections
    import pickle

    f = tmp_path / "w"
    f.write_bytes(pickle.dumps(collections.OrderedDict((k, 0) for k in _MBV2), protocol=2))
    assert _who(f) == ("mobilenet-v2", None, None)  # the architecture, not whose weights
    # torchvision's MobileNetV3 (features.N.block.M) and a V2 without the expand-1 first block are not matched
    v3 = ["features.0.0.weight", "features.1.block.0.0.weight", "features.1.block.1.0.weight",
          "features.2.block.0.0.weight", "classifier.0.weight"]
    g = tmp_path / "v3"
    g.write_bytes(pickle.dumps(collections.OrderedDict((k, 0) for k in v3), protocol=2))
    assert _who(g)[0] is None
    h = tmp_path / "h"
    h.write_bytes(pickle.dumps(collections.OrderedDict((k, 0) for k in _MBV2 if not k.startswith("features.1.")),
                               protocol=2))
    assert _who(h)[0] is None


# --- Moonshine's binary tokenizer (tokenizer.bin: length-prefixed token bytes) ---------------------------------------

def _bin(tokens: list[bytes]) -> bytes:
    out = b""
    for t in tokens:
        n = len(t)
        out += (bytes((n,)) if n < 128 else bytes((n % 128 + 128, n // 128))) + t
    return out


def test_moonshine_bin_reader(tmp_path: Path) -> None:
    from modelmap.artifacts.bintok import MoonshineBinTokenizerReader

    long_piece = "\u2581" + "x" * 200  # a two-byte length (603 bytes)
    toks = ([b"<unk>", b"<s>", b"</s>"] + [bytes((k,)) for k in range(256)]
            + [f"\u2581w{i}".encode() for i in range(300)] + [long_piece.encode(), b"", b"<<ST_0>>", b"<<ST_1>>"])
    f = tmp_path / "tok"
    f.write_bytes(_bin(toks))
    assert reader_for(f).id == "moonshine-bin"  # type: ignore[union-attr]
    info = MoonshineBinTokenizerReader().read(f)
    tok = info.tokenizer
    assert tok is not None and tok.total_size == len(toks) and tok.convention == "sentencepiece"
    assert tok.special_tokens == ["</s>", "<<ST_0>>", "<<ST_1>>", "<s>", "<unk>"]
    assert len(tok.tokens) == 301 and b" w0" in tok.tokens and (" " + "x" * 200).encode() in tok.tokens
    assert tok.extra["byte_pieces"] == 256 and tok.extra["lossy_tokens"] == 1
    # a file that does not parse to its last byte, or is too short, is not read as one
    g = tmp_path / "cut"
    g.write_bytes(_bin(toks)[:-3])
    import pytest

    from modelmap.errors import ReadError

    with pytest.raises(ReadError):
        MoonshineBinTokenizerReader().read(g)
    h = tmp_path / "short"
    h.write_bytes(_bin([b"<unk>", b"<s>", b"a", b"b"]))
    with pytest.raises(ReadError):
        MoonshineBinTokenizerReader().read(h)
    assert not MoonshineBinTokenizerReader().sniff(b"\x05hello\x03abc")  # no special tokens first


def test_moonshine_bin_built_from_the_published_tokenizer_json(tmp_path: Path) -> None:
    """The tokenizer.json of useful-moonshine-onnx (another package, held-out-3's opened member) written out in the
    binary layout: the vocabulary and the <<ST_n>> specials name Moonshine through the same path as the JSON."""
    import json

    from .conftest import real_file

    src = real_file("useful-moonshine-onnx-20251121", "moonshine_onnx/assets/tokenizer.json")
    doc = json.loads(src.read_text(encoding="utf-8"))
    by_id = {i: p for p, i in doc["model"]["vocab"].items()}
    by_id.update({a["id"]: a["content"] for a in doc.get("added_tokens") or []})
    toks = []
    for i in range(max(by_id) + 1):
        p = by_id.get(i, "")
        toks.append(bytes((int(p[3:5], 16),)) if len(p) == 6 and p.startswith("<0x") else p.encode())
    f = tmp_path / "tokenizer.bin"
    f.write_bytes(_bin(toks))
    assert _who(f)[:2] == ("moonshine", "useful-sensors")


# --- GPT-SoVITS ONNX graphs -------------------------------------------------------------------------------------------

def test_gpt_sovits_onnx_graphs(tmp_path: Path) -> None:
    from tests.artifacts.test_insp29_heldout14 import _graph

    vits = _graph(tmp_path / "vits", ["vq_model.dec.conv_pre.weight"],
                  {"text_seq": [1, "text_length"], "pred_semantic": [1, 1, "pred_length"], "ref_audio": [1, "n"]},
                  {"audio": ["n"]})
    assert _who(vits) == ("gpt-sovits", None, None)  # the architecture; whose voice the weights are is not known
    # the exporter's stage decoder: iy / iy_emb feeds (the KV cache as ik / iv, or per layer) and the AR weights
    kv = {f"past_{t}_layer_{i}": ["n", 1, 512] for i in range(2) for t in "kv"}
    dec = _graph(tmp_path / "dec", ["ar_audio_embedding.word_embeddings.weight", "ar_predict_layer.weight"],
                 {"iy": [1, "iy_length"], "iy_emb": [1, "iy_emb_length", 512], **kv},
                 {"y": [1, "m"], "y_emb": [1, "m", 512], "stop_condition_tensor": []})
    assert _who(dec) == ("gpt-sovits", None, None)
    # the same AR module names without the iy / iy_emb feeds (VALL-E, whose names GPT-SoVITS copied) are not it,
    # nor is another graph with a text_seq input
    valle = _graph(tmp_path / "valle", ["ar_audio_embedding.word_embeddings.weight", "ar_predict_layer.weight"],
                   {"y": [1, "n"], "x": [1, "m", 1024]}, {"logits": [1, 1025]})
    assert _who(valle)[0] is None
    other = _graph(tmp_path / "tts", ["dec.conv_pre.weight"], {"text_seq": [1, "n"]}, {"audio": ["n"]})
    assert _who(other)[0] is None
