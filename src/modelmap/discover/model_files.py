"""Model weight files on disk, reported as findings of kind ``model-file``.

Only the path is used here: the engine never reads weight files as text. Reading inside them
(headers, tokenizers) is the artifacts stage's job (``modelmap inspect``). The one exception is ``text_stand_in``:
a file of at most 4 KiB is read once to tell a test's text stand-in (``model.gguf`` holding ``single-platform-amd64``)
from weights; no format library answers "is this a placeholder", and the check is a few bytes, so it is written here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from modelmap.discover.base import Sample, SourceFile
from modelmap.types import Finding, Skip

STRONG = re.compile(r"\.(gguf|ggml|safetensors|onnx|tflite|mlmodel|nemo|llamafile)$", re.IGNORECASE)
WEAK = re.compile(r"\.(bin|pt|pth|ckpt|h5|keras|pkl|joblib)$", re.IGNORECASE)
_MODEL_BIN = re.compile(
    r"(pytorch_model|model|tf_model|flax_model|adapter_model|consolidated|ggml-model|diffusion_pytorch_model|"
    r"checkpoint|weights|lora)[\w.-]*\.(bin|pt|pth|ckpt|h5)$", re.IGNORECASE,
)


_EXTS = frozenset(["gguf", "ggml", "safetensors", "onnx", "tflite", "mlmodel", "nemo", "llamafile", "bin", "pt", "pth", "ckpt", "h5", "keras", "pkl", "joblib"])


def is_model_file(path: str) -> bool:
    name = path.rsplit("/", 1)[-1]
    if name.rsplit(".", 1)[-1].lower() not in _EXTS:
        return False
    if STRONG.search(name):
        return True
    if WEAK.search(name):
        return bool(_MODEL_BIN.search(name)) or "/models/" in f"/{path}" or "/checkpoints/" in f"/{path}"
    return False


# the opening bytes of GGUF, the GGML family, zip (PyTorch, Keras) and pickle streams
_WEIGHT_MAGIC = (b"GGUF", b"ggml", b"ggmf", b"ggjt", b"lmgg", b"fmgg", b"tjgg", b"PK", b"\x80")
STAND_IN_MAX = 4096  # bytes: no weight file of these formats is this small and text


def text_stand_in(data: bytes) -> bool:
    """Whether a small file's bytes are a text stand-in for weights rather than weights. Every format above is binary:
    GGUF / GGML open with a magic and little-endian counts, safetensors with an 8-byte header length, ONNX / TFLite /
    Core ML are protobuf or flatbuffers, ``.bin`` / ``.pt`` are zip or pickle streams, and even a tiny test tensor
    file holds NUL bytes. A file of at most ``STAND_IN_MAX`` bytes with no NUL byte is therefore text a test or an
    example wrote in the weights' place (``multi-platform-arm64``, an empty ``touch model.gguf``) and names no model,
    unless it is a Git LFS or git-annex pointer, whose weights live elsewhere and are the model the repository
    ships."""
    if len(data) > STAND_IN_MAX or b"\x00" in data or data.startswith(_WEIGHT_MAGIC):
        return False  # binary, or it opens as a weights format does (a truncated file is still that format's)
    head = data.lstrip()[:64]
    return not (head.startswith(b"version https://git-lfs") or b"/annex/objects/" in data)


# a safetensors file whose tensors hold this many values or fewer in all (a 4 KiB file holds at most ~1,000 float32
# values): a tensor library's test fixture (`tensor-2d-float64.safetensors`), no model's weights
FIXTURE_VALUES = 1024


def tensor_fixture(data: bytes) -> bool:
    """Whether a whole safetensors file (``data``: at most ``STAND_IN_MAX`` bytes: an 8-byte little-endian header
    length, the JSON header, the tensors' bytes) holds at most ``FIXTURE_VALUES`` values in all: a few numbers a
    reader's tests load (shape and dtype checks), which no network has as its weights. Not safetensors, a header that
    does not parse or is not whole in ``data``: False."""
    if not 10 <= len(data) <= STAND_IN_MAX:
        return False
    size = int.from_bytes(data[:8], "little")
    if size < 2 or 8 + size > len(data) or data[8:9] != b"{":
        return False
    try:
        header = json.loads(data[8:8 + size])
    except (ValueError, UnicodeDecodeError):
        return False
    if not isinstance(header, dict):
        return False
    total = 0
    for name, tensor in header.items():
        if name == "__metadata__":
            continue
        shape = tensor.get("shape") if isinstance(tensor, dict) else None
        if not isinstance(shape, list) or not all(isinstance(d, int) and d >= 0 for d in shape):
            return False
        count = 1
        for d in shape:
            count *= d
        total += count
    return total <= FIXTURE_VALUES


class ModelFileSource:
    id = "model-file"
    description = "Model weight files on disk (*.gguf, *.safetensors, *.onnx, model-looking *.bin/*.pt)"
    samples = (
        Sample("models/qwen2.5-7b-instruct-q4_k_m.gguf", "", ("models/qwen2.5-7b-instruct-q4_k_m.gguf",)),
        Sample("data/corpus.bin", "", ()),
    )
    reads_content = False

    def applies_to(self, path: str) -> bool:
        return is_model_file(path)

    def scan(self, file: SourceFile) -> Iterable[Finding | Skip]:
        strong = bool(STRONG.search(file.path))
        yield Finding(
            path=file.path, line=1, column=1, raw=file.path, kind="model-file", role="unknown",
            context=file.context, source="model-file", confidence=0.95 if strong else 0.7,
        )
