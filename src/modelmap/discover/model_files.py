"""Model weight files on disk, reported as findings of kind ``model-file``.

Only the path is used here: the engine never reads weight files as text. Reading inside them
(headers, tokenizers) is the artifacts stage's job (``modelmap inspect``).
"""

from __future__ import annotations

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
