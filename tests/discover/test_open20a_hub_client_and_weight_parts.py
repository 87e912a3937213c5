"""held-out-19 (open20a): a Swift Hub client's repository arguments, the Hub's own cache layout, and tensor files that
are no model (statistics, features, the inner files of a Core ML bundle).

* swift-transformers spells ``from_pretrained`` as a call label (``AutoTokenizer.from(pretrained: "org/name")``) and
  takes a repository id in ``Hub.Repo(id:)``, ``hubApi.snapshot(from:)`` and ``Hub.getFilenames(from:)``: each is a
  Hub repository whatever the knowledge base knows of it. A generic label on another call (``Foo(id:)``,
  ``Data.from(...)``) stays nothing.
* huggingface_hub keeps a downloaded repository in ``models--<org>--<name>`` (``~/.cache/huggingface/hub/...``): a path
  into it is that model's folder, also when a server is handed the snapshot folder positionally.
* ``torch.save`` writes any tensor to ``.pt`` / ``.pth`` / ``.bin``: a file whose name ends in what it holds
  (``wav2vec2bert_stats.pt``, ``feat1.pt``) is data, and a file inside an ``.mlpackage`` bundle is one of the
  bundle's parts, not a model of its own.

Fixtures are written here, in the shapes a Swift Hub client's tests, a TTS app's required-file list and a K8s serving
template use.
"""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.identify import classify
from tests.discover.scan_helpers import found

_SWIFT = """\
import Hub
import Tokenizers

struct LoaderTests {
    func load() async throws {
        let tokenizer = try await AutoTokenizer.from(pretrained: "acme-labs/Llama-2-7b-chat-coreml", hubApi: api)
        let repo = Hub.Repo(id: "acme-labs/sam-2-studio")
        let files = try await Hub.getFilenames(from: "acme-labs/whisper-kit-coreml", matching: "*.json")
        let dir = try await hubApi.snapshot(from: "acme-labs/Mistral-7B-coreml-int4", matching: "*.mlpackage/*")
        let other = Widget(id: "acme-labs/sam-2-studio")
        let data = Payload.from(bytes: "acme-labs/sam-2-studio")
        let listed = ["whisper.mlpackage/Data/com.apple.CoreML/model.mlmodel",
                      "whisper.mlpackage/Data/com.apple.CoreML/weights/weight.bin"]
    }
}
"""


def test_swift_hub_client_arguments_are_repositories(tmp_path: Path) -> None:
    hits = found(tmp_path, "Tests/LoaderTests.swift", _SWIFT)
    assert (6, "acme-labs/Llama-2-7b-chat-coreml") in hits
    assert (7, "acme-labs/sam-2-studio") in hits
    assert (8, "acme-labs/whisper-kit-coreml") in hits
    assert (9, "acme-labs/Mistral-7B-coreml-int4") in hits
    # the same id under a generic label of some other call names no repository
    assert not {h for h in hits if h[0] in (10, 11)}


def test_files_inside_a_coreml_bundle_are_parts(tmp_path: Path) -> None:
    hits = found(tmp_path, "Tests/LoaderTests.swift", _SWIFT)
    assert not {h for h in hits if ".mlpackage/" in h[1]}
    for hint in ("none", "key", "path"):
        assert classify("llama-2-7b-chat.mlpackage/Data/com.apple.CoreML/model.mlmodel", hint) is None
        assert classify("x.mlmodelc/weights/weight.bin", hint) is None
    # a Core ML model file of its own is still one
    match = classify("Models/whisper-tiny.mlmodel", "none")
    assert match is not None and match.kind == "model-file"


_REQUIRED = """\
REQUIRED_MODEL_FILES = (
    "bpe.model",
    "gpt.pth",
    "s2mel.pth",
    "wav2vec2bert_stats.pt",
    "feat1.pt",
    "feat2.pt",
)
"""


def test_statistics_and_feature_tensors_are_no_model(tmp_path: Path) -> None:
    hits = found(tmp_path, "app/cli.py", _REQUIRED)
    assert (3, "gpt.pth") in hits and (4, "s2mel.pth") in hits
    assert not {h for h in hits if h[1] in ("wav2vec2bert_stats.pt", "feat1.pt", "feat2.pt")}
    for value in ("wav2vec2bert_stats.pt", "./models/tts/ckpt/wav2vec2bert_stats.pt", "mean_std.pth", "cmvn.pt",
                  "checkpoints/spk_feats.pth", "norm_stats.bin"):
        for hint in ("none", "key", "path"):
            assert classify(value, hint) is None, (value, hint)
    # a network named for what it does keeps its reading, and strong weight formats are read whatever the name
    for value in ("bigvgan_generator.pt", "feature_extractor.pt", "stats.safetensors"):
        match = classify(value, "key")
        assert match is not None and match.kind == "model-file", value


_TEMPLATE = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: qwen3-8b-neuron
spec:
  template:
    spec:
      containers:
        - name: vllm
          image: public.ecr.aws/neuron/pytorch-inference-vllm-neuronx:0.9.1
          command: ["vllm", "serve"]
          args:
            - /root/.cache/huggingface/hub/models--Qwen--Qwen3-8B/snapshots/b968826d9c46dd6066d109eabc6255188de91218
            - --served-model-name=qwen3-8b-neuron
"""


def test_hub_cache_snapshot_folder_is_the_model(tmp_path: Path) -> None:
    hits = found(tmp_path, "deploy/model.yaml", _TEMPLATE)
    assert (13, "/root/.cache/huggingface/hub/models--Qwen--Qwen3-8B/snapshots/"
                "b968826d9c46dd6066d109eabc6255188de91218") in hits
    for hint in ("none", "key", "path"):
        match = classify("/home/me/.cache/huggingface/hub/models--acme-labs--tiny-coder/snapshots/abc123", hint)
        assert match is not None and match.kind == "model-file", hint
        # a data set's or a Space's cache folder is no model
        assert classify("/home/me/.cache/huggingface/hub/datasets--acme-labs--tiny-set/snapshots/abc", hint) is None
