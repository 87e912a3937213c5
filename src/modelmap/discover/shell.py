"""Shell command lines that serve or fetch models: ``vllm serve X``, ``ollama pull X``,
``huggingface-cli download X``, ``--model X``, ``llama-server -m x.gguf`` …

Long flags are read with ``_`` as ``-`` (``--served_model_name``, ``--model_id_or_path``); any long flag named like a
model key takes a model (``--reward_model``, ``--draft-model``); ``--adapters`` / ``--lora-modules`` take a list of
adapters (``name=path`` pairs too); and the directory that an export, quantisation or merge writes
(``--output_dir Qwen2.5-7B-Instruct-AWQ``) is a model directory when its name carries a family word and a size and
the command loads a model.

``scan_command_line`` is shared by the shell-script, Dockerfile, compose, Kubernetes and
notebook sources, since they all carry the same command lines.
"""

from __future__ import annotations

import bisect
import collections
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

from modelmap.discover.base import BudgetExceeded, Collector, Sample, SourceFile, budget, budget_skip, linear
from modelmap.discover.classifier import evidence_of, hub_repo_shape, names_model_repo
from modelmap.discover.identify import (
    PLACEHOLDER,
    WHISPER_SIZE,
    Hint,
    Match,
    _hub_names,
    azure_usage_model,
    classify,
    is_generic,
    is_known_hub_repo,
    is_model_ish,
    is_model_key,
    names_family,
    selection_items,
    templated_path,
)
from modelmap.discover.uris import docker_model_ref, is_kaggle_handle, is_model_location
from modelmap.knowledge import load
from modelmap.types import Finding, Skip

# (flag, hint, role)
_FLAGS: dict[str, tuple[Hint, str | None]] = {
    "--model": ("hf", "generation"),
    "--model-id": ("hf", "generation"),
    "--model_id": ("hf", "generation"),
    "--model-path": ("hf", "generation"),
    "--model_path": ("hf", "generation"),
    "--model-name": ("hf", "generation"),
    "--model_name": ("hf", "generation"),
    "--model-name-or-path": ("hf", None),
    "--model_name_or_path": ("hf", None),
    "--hf-repo": ("hf", "generation"),
    "-hf": ("hf", "generation"),
    "--hf-model": ("hf", None),
    "--tokenizer": ("hf", None),
    "--embedding-model": ("hf", "embedding"),
    "--reranker-model": ("hf", "rerank"),
    "--base-model": ("hf", None),
    "-m": ("path", "generation"),
    "--model-id-or-path": ("hf", None),
    "--adapter-name-or-path": ("hf", None),
}
# flags are looked up with ``_`` read as ``-`` (ms-swift and many training scripts write --model_id_or_path)
_FLAG_INDEX: dict[str, tuple[Hint, str | None]] = {k.replace("_", "-"): v for k, v in _FLAGS.items()}
# flags whose values, up to the next flag, are LoRA adapters: a Hub repo or a local directory each, or
# ``name=path`` pairs (ms-swift ``--adapters lora1=swift/test_lora``, vLLM ``--lora-modules name=org/repo``)
_ADAPTER_FLAGS = frozenset({"--adapters", "--adapter", "--lora-modules", "--lora-adapters"})
# where a command that loads a model writes the model it makes (ms-swift export / quantize, merges, fine-tunes):
# reported only when the directory's own name names a model, with a family word and a size
# (--output_dir Qwen2.5-72B-Instruct-AWQ; not output/, not output/swift_test_bert_merged)
_OUTPUT_FLAGS = frozenset({"--output-dir", "--save-dir", "--export-dir", "--output-path", "--save-path",
                           "--quant-output-dir", "--merged-model-dir", "--local-dir"})
# a dotted flag whose group says checkpoint (OpenRLHF ``--ckpt.path``, ``--checkpoint.save_dir``): where a trainer
# writes the model it makes, an output directory like the ones above
_CKPT_FLAG = re.compile(r"--(?:ckpt|checkpoint|save)\.(?:path|dir|save_?dir|save_?path|output_?dir)", re.I)
# a variable that holds where a trainer writes or converts a model (SAVE_PATH, DIST_CKPT_PATH, CKPT_DIR): reported,
# like an output flag's value, only when the directory's own name names a model (a family word and a size)
_OUTPUT_VAR = re.compile(r"(?:\w*_)?(?:ckpt|checkpoint|save|output|export|merged?)_(?:path|dir)", re.I)

_SIZE_PART = re.compile(r"(?:^|[-_.])\d+(?:\.\d+)?[bm](?:$|[-_.])|(?:^|[-_.])a\d+b(?:$|[-_.])", re.I)
# flags whose value is one or more served names / a comma-separated model list
# (FastChat's model_worker --model-names: the comma-separated names it serves its model under)
_LIST_FLAGS: dict[str, str | None] = {"--served-model-name": "generation", "--static-models": None,
                                      "--model-names": "generation"}


# a Hub repo with a quantisation tag after a colon (llama.cpp `-hf bartowski/Qwen2.5-0.5B-Instruct-GGUF:Q4_K_M`,
# `--hf-repo org/name:q8_0`): a Hub id never holds a colon, so the part before it is the repo
_LLAMA_CPP_HF_FLAGS = frozenset({"-hf", "-hfr", "--hf-repo", "-hfd", "-hfrd", "--hf-repo-draft", "-hfv", "-hfrv",
                                 "--hf-repo-v"})  # llama.cpp's `<user>/<model>[:quant]` flags (not LiteLLM's org/x:tag)
_HUB_QUANT_TAG = re.compile(r"([A-Za-z0-9][\w.-]*/[\w.-]+):(?:[A-Za-z0-9][\w.-]{0,31})")


# a flag's value that is a weight file of a single-file model format; `.bin` / `.pt` are left out (data, caches,
# firmware). Not under a flag that writes (--output, --save-to, --outfile, --export), nor one that picks a file inside
# the Hub repo another flag names (llama.cpp's `--hf-file` / `-hff` beside `--hf-repo`: the repo is the model)
_FLAG_WEIGHT_FILE = re.compile(r"[^\s$\"'{}=,]{0,256}[\w.-]\.(?:gguf|ggml|safetensors)")
# a weight file after a bare `-m` whose name reads as a model's (a digit or a family word, a Whisper size: `medium.bin`,
# `tiny-en.bin`, `ggml-base.en.bin`), not a generic one (`model.gguf`, `weights.bin`)
_M_WEIGHT = re.compile(r"(?i)(?:[^\s$\"'{}=,]{0,256}/)?([\w.+-]{1,200})\.(gguf|ggml|safetensors|bin)")
_WHISPER_BIN_STEM = re.compile(r"(?i)(?:ggml-)?(?:distil-)?(?:tiny|base|small|medium|large)(?:[.-]en)?(?:-v[1-3](?:\.5)?)?"
                               r"(?:-turbo)?(?:-q\d\w{0,6})?")


def _m_weight_file(value: str) -> bool:
    m = _M_WEIGHT.fullmatch(value)
    if m is None:
        return False
    stem = m.group(1)
    return bool(_WHISPER_BIN_STEM.fullmatch(stem)) or (is_model_ish(stem) and not is_generic(stem))


_NOT_INPUT_FLAG = re.compile(r"(?i)out|save|export|dump|write|dest|hf[-_]?file|^-hff")


# flags that take a model's folder or Hub id by name (not `--model`, which harnesses and apps give a backend's or a
# mode's word): `--model_name_or_path`, `--model-path`, `--base_model`, `--sft_model_path`, `--reward_model_path`
_MODEL_PATH_FLAG = re.compile(r"--(?:[a-z]+-)?model-(?:name-or-path|path|id-or-path)|--pretrained-model-name-or-path|"
                              r"--base-model|--adapter-name-or-path")
# a local folder given as such a flag's value: `./merged-sft`, `../outputs/dpo-v1`, or a single folder name of two
# hyphen-joined words or more (`merged-pt`); not a placeholder, a variable, a file with an extension or a bare word, nor
# a snake_case word alone (`--model_path chatgpt_proxyllm`: a name an app registers a worker or proxy under, the way
# code names things, where a folder a pipeline writes is named in words)
_LOCAL_DIR_ARG = re.compile(r"(?:\.{1,2}/)(?:[A-Za-z0-9][\w.-]{0,100}/){0,8}[A-Za-z0-9][\w-]{0,100}|"
                            r"[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+){1,6}")


def _local_model_dir_arg(flag: str, value: str) -> bool:
    """``--model_name_or_path merged-pt``, ``--sft_model_path ./merged-sft``: a model-path flag (``_MODEL_PATH_FLAG``,
    ``_`` read as ``-``) given a local folder (``_LOCAL_DIR_ARG``) that is no placeholder or generic word."""
    if not _MODEL_PATH_FLAG.fullmatch(_flag_of(flag)) or len(value) > 300 or not _LOCAL_DIR_ARG.fullmatch(value):
        return False
    last = value.rstrip("/").rsplit("/", 1)[-1]
    return not PLACEHOLDER.match(last) and not is_generic(last) and not _placeholder_dir(last)


def _placeholder_dir(name: str) -> bool:
    """``path-to-model``, ``your_model``, ``model-dir``: a documentation placeholder's words, no folder anyone wrote."""
    words = {w for w in re.split(r"[-_]", name.lower()) if w}
    return bool(words) and words <= {"path", "to", "your", "my", "model", "models", "dir", "folder", "checkpoint",
                                     "ckpt", "name", "or", "the", "local", "pretrained", "base", "output", "hf"}


def _flag_of(flag: str) -> str:
    """A long flag with ``_`` read as ``-`` (``--served_model_name`` → ``--served-model-name``); a dotted flag by its
    last part (OpenRLHF's ``--actor.model_name_or_path``, ``--ckpt.output_dir``)."""
    return "--" + flag[2:].rsplit(".", 1)[-1].replace("_", "-") if flag.startswith("--") else flag


# Hydra / OmegaConf overrides on a trainer's command line (verl ``actor_rollout_ref.model.path=org/name``,
# ``critic.model.path=…``): a dotted key whose last part names where a model is, under a part naming a model
_OVERRIDE = re.compile(r"^\+{0,2}(?P<key>[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)+)=(?P<value>\S+)$")
_OVERRIDE_LEAF = frozenset({"path", "name", "name_or_path", "model_name_or_path", "pretrained", "repo_id",
                            "model_id", "model_path", "model_name", "hf_model", "tokenizer_path",
                            "served_model_name", "model"})


def _override_model(tok: str) -> str | None:
    """The value of a Hydra override that names a model (``critic.model.path=deepseek-ai/deepseek-llm-7b-chat``),
    else None. The key must say model: a ``model`` part before a path/name leaf, or a model-key leaf."""
    m = _OVERRIDE.match(tok)
    if m is None:
        return None
    parts = m.group("key").lower().split(".")
    leaf, parent = parts[-1], parts[-2]
    # a leaf the config readers take as a model key (verl's SFT `model.partial_pretrain=org/name`) holds a model
    # on the command line as it does in the trainer's YAML: the override sets that same key
    if leaf not in _OVERRIDE_LEAF and not is_model_key(leaf):
        return None
    if "model" not in leaf and "model" not in parent:
        return None
    value = m.group("value").strip("'\"")
    return value or None


def _find_word(text: str, value: str, start: int) -> int:
    """Where ``value`` is written as a whole word from ``start`` on (not the tail of ``Qwen/Qwen3-8B`` when the
    served name ``Qwen3-8B`` is looked for); the first plain occurrence when there is no whole-word one.
    At most eight occurrences are tried, so a line is read a bounded number of times."""
    first = col = text.find(value, start)
    for _ in range(8):
        if col < 0:
            break
        before = text[col - 1] if col > 0 else " "
        after = text[col + len(value)] if col + len(value) < len(text) else " "
        if not (before.isalnum() or before in "/_.-") and not (after.isalnum() or after in "/_.-"):
            return col
        col = text.find(value, col + 1)
    return first


def _model_flag(flag: str) -> tuple[Hint, str | None] | None:
    """The hint and role of a flag that takes one model: a known one, or any long flag named like a model key
    (``--reward_model``, ``--draft-model``, ``--embedding_model_name``); None for others (``--max-model-len``)."""
    known = _FLAG_INDEX.get(flag)
    if known is not None:
        return known
    name = flag[2:].replace("-", "_") if flag.startswith("--") else ""
    if "model" in name and is_model_key(name):
        from modelmap.discover.config_files import role_from_key

        return "hf", role_from_key(name)
    role_model = _ROLE_MODEL_FLAG.fullmatch(name)
    if role_model:
        # a retrieval pipeline's models (FlagEmbedding --embedder_name_or_path, --reranker_name_or_path)
        return "hf", "rerank" if role_model.group(1).startswith("rerank") else "embedding"
    if _COMPONENT_FLAG.fullmatch(name):
        # a multimodal trainer's parts (InternVL --vision_path, --llm_path; --tokenizer_dir): a Hub repo or a folder
        return "path", "vision" if name.startswith(("vision", "vit", "visual", "clip", "mm_vision", "image",
                                                    "video")) else None
    return None


# flags naming where one part of a model is: the language model, the vision tower, the tokenizer, a teacher; and
# the tower flags of LLaVA and the trainers built on its code (``--vision_tower openai/clip-vit-large-patch14``,
# ``--mm_vision_tower``, Video-LLaVA's ``--image_tower`` / ``--video_tower``): a tower is the encoder model the
# multimodal model is built on, named by its Hub id or folder, never a switch or a number (those flags are
# ``--unfreeze_mm_vision_tower``, ``--mm_vision_tower_lr``, which the whole-name match leaves out)
_COMPONENT_FLAG = re.compile(r"(?:llm|lm|language_model|vision|vision_model|vit|visual|clip|text_encoder|tokenizer|"
                             r"teacher|student|reward|ref|actor|critic|draft|base)_(?:path|dir|name_or_path|id)|"
                             r"(?:mm_)?(?:vision|image|video)_tower")


# flags naming a retrieval pipeline's embedding or reranking model (not ``--embedder_batch_size``)
_ROLE_MODEL_FLAG = re.compile(r"(embedder|embedding|reranker|rerank|retriever)_(?:name_or_path|model_name_or_path|"
                              r"model_path|model_id|path)")


def _is_model_dir_name(value: str) -> bool:
    """The last part of an output path names a model: a family word and a size (``Qwen2.5-72B-Instruct-AWQ``,
    ``output/internlm2-1_8b-reward-bnb-int4``)."""
    if not value or value.startswith("-") or "://" in value or templated_path(value):
        return False
    last = re.split(r"[/\\]", value.rstrip("/\\"))[-1]
    return bool(last) and bool(_SIZE_PART.search(last)) and is_model_ish(last) and not is_generic(last)


def _names_known_model(value: str) -> bool:
    """The last part of an output path holds, as one of its ``_``-separated pieces, a model name the knowledge base
    knows (``./test_encoder_only_m3_bge-m3``, ``models/bge-large-en-v1.5_finetuned``): the model it fine-tunes.
    A piece must have a ``-`` (``bge-m3``, ``bge-reranker-base``), so no plain word (``output``, ``lora``) qualifies,
    and be known to the knowledge base with confidence (``fine-tuned``, ``sft-lora``, ``bert-base`` are not)."""
    if not value or value.startswith("-") or "://" in value or templated_path(value) or len(value) > 300:
        return False
    last = re.split(r"[/\\]", value.rstrip("/\\"))[-1]
    for piece in last.split("_")[:16]:
        if len(piece) >= 5 and "-" in piece:
            hit = classify(piece, "none")
            if hit is not None and hit.confidence >= 0.9 and not is_generic(piece):
                return True
    return False


# folder names that say where downloads go, not which model is there (`--local-dir ./models`, `--local-dir .`)
_DOWNLOAD_AREAS = frozenset({"models", "model", "checkpoints", "checkpoint", "weights", "ckpt", "ckpts", "cache",
                             "hf_cache", "huggingface", "hub", "downloads", "download", "data", "tmp", "output",
                             "outputs", "pretrained", "pretrained_models", "model_weights", "hf_models", "local"})


def _names_model_folder(value: str) -> bool:
    """The last part of a checkpoint folder holds, as one of its ``_``-separated pieces, a name the knowledge base
    knows as a model's (an alias or a Hub repo's name, any case): ``$BASE_DIR/DeepSeek-R1_torch_dist``,
    ``/root/Kimi-K2_thinking_torch_dist``, ``GLM-5_slime``. Converters and trainers name the folder of a model's
    converted weights after the model and add the format (``_torch_dist``, ``_mcore``, ``_hf``), so a piece that is a
    model's own name says which weights are there even without a size in it. A piece must have a ``-`` and five
    characters, so no plain word (``ckpt``, ``latest``) qualifies."""
    if not value or value.startswith("-") or "://" in value or templated_path(value) or len(value) > 300:
        return False
    last = re.split(r"[/\\]", value.rstrip("/\\"))[-1]
    kb = load()
    hub = _hub_names()
    for piece in last.split("_")[:16]:
        low = piece.lower()
        if len(low) >= 5 and "-" in low and (low in kb.alias_index or low in hub) and not is_generic(low):
            return True
    return False


# a weight file picked out of a Hub download by name (`hf download yzd-v/DWPose --include "dw-ll_ucoco_384.pth"`,
# `huggingface-cli download org/name --include pytorch_model.bin config.json`): huggingface-cli's --include takes
# several patterns (huggingface.co/docs/huggingface_hub/guides/cli, as_of 2026-12-06); a pattern (`*.pth`), a config
# or tokenizer file and a template are no weight file
_INCLUDED_WEIGHT = re.compile(r"(?i)[\w.+-]*[A-Za-z][\w.+-]*\.(?:safetensors|bin|pt|pth|ckpt|gguf|onnx|tflite|nemo)")


def _is_download_dir(value: str) -> bool:
    """A ``--local-dir`` that can be the one model's folder: a literal path whose last part is a name, not a
    models area (``./models``), the current folder or a template (``$LOCAL_DIR``, ``models/${NAME}``)."""
    if not value or value.startswith("-") or "://" in value or templated_path(value) or len(value) > 300:
        return False
    last = re.split(r"[/\\]", value.rstrip("/\\"))[-1]
    return bool(re.search(r"[A-Za-z]{2}", last)) and last.lower() not in _DOWNLOAD_AREAS and not last.startswith(".")


_POSITIONAL: tuple[tuple[tuple[str, ...], Hint, str | None, str], ...] = (
    (("vllm", "serve"), "hf", "generation", "vllm"),
    (("ollama", "pull"), "ollama", None, "ollama"),
    (("ollama", "run"), "ollama", None, "ollama"),
    (("ollama", "show"), "ollama", None, "ollama"),
    (("huggingface-cli", "download"), "hf", None, "huggingface-cli"),
    (("hf", "download"), "hf", None, "huggingface-cli"),
    (("lmdeploy", "serve", "api_server"), "hf", "generation", "lmdeploy"),
    (("mlx_lm.server",), "hf", "generation", "mlx"),
    # Docker Model Runner: `docker model pull ai/qwen3:14B-Q6_K`, `docker model run ai/smollm2 "hi"` (uris.docker_model_ref)
    (("docker", "model", "pull"), "ollama", None, "docker-model-runner"),
    (("docker", "model", "run"), "ollama", None, "docker-model-runner"),
)
# _scan_command_line's pre-test: the first words of _POSITIONAL, and the one-word entries (matched at a word's end)
_POSITIONAL_FIRST = frozenset(seq[0] for seq, _, _, _ in _POSITIONAL)
_POSITIONAL_ONE_WORD = tuple(seq[0] for seq, _, _, _ in _POSITIONAL if len(seq) == 1)


def _may_start_positional(low: str) -> bool:
    """Whether the lowercased word ``low`` can start a _POSITIONAL entry in _scan_command_line: its file name is an
    entry's first word, or it ends with a one-word entry. Every word the per-entry test accepts passes (no first
    word holds a `/`), so that test runs for few words instead of every entry for every word."""
    return low.rsplit("/", 1)[-1] in _POSITIONAL_FIRST or low.endswith(_POSITIONAL_ONE_WORD)


_SERVERS = re.compile(r"(vllm|text-generation-launcher|llama-server|llama-cli|llama\.cpp|sglang|lmdeploy|mlx_lm|"
                      r"tgi|infinity_emb|infinity-emb|llamafactory|torchrun|python|python3|accelerate|"
                      r"text-embeddings-router|ollama|huggingface-cli|hf|tabby|litellm|deepspeed|swift)")


# project / environment runners whose `run` starts a Python program (uv, Poetry, Pipenv, PDM, Hatch, Rye, conda)
_PY_RUNNERS = frozenset({"uv", "poetry", "pipenv", "pdm", "hatch", "rye", "conda", "mamba", "micromamba", "pixi"})


# a shell function or script named for what it does with a model (read_model_config, set-model, use_model.sh)
_MODEL_FUNCTION = re.compile(r"(?i)(?:^|[_-])models?(?:[_.-]|$)")
_CASE_LABEL = re.compile(r"\(?[\w*|.\-\"']+\)")
_CONST_ARG = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|\d+(?:\.\d+)*")


# a folder that holds models, on the way to a path argument
_MODEL_PARENT = re.compile(r"(?i)(?:^|/)(?:models?|checkpoints?|ckpts?|weights|pretrained|hf_models|llms?)/[^/]")
_WEIGHT_ARG = re.compile(r"(?i)[\w.-]+\.(?:gguf|ggml|safetensors|llamafile)$")
# a template pair's key naming a model's or tokenizer's folder (Triton's fill_template.py `tokenizer_dir:/path`)
_PIECE_KEY = re.compile(r"(?i)(?:model|tokenizer|hf_model|engine|checkpoint|ckpt)_?(?:dir|path|name_or_path)")


# an argument written `name=value` with a plain name before the `=` (a URL's own `?a=b` has `://` before it)
_NAMED_ARG = re.compile(r"[A-Za-z_][\w.-]{0,80}=")
# programs that take paths and do nothing with a model server: their arguments never make the line a server's
_FILE_PROGRAMS = frozenset({"cd", "pushd", "ls", "ll", "chmod", "chown", "chgrp", "rm", "rmdir", "touch", "stat", "du",
                            "df", "ln", "readlink", "realpath", "cat", "head", "tail", "less", "echo", "printf",
                            "rsync", "cp", "mv", "tar", "unzip", "zip", "find", "source", ".", "test", "["})
# a file under a models folder whose extension says it is no model (`chmod 600 ./models/openai-gpt-4o.key`): a key,
# certificate, text, log, script or config file named after a model is not the model
_NOT_MODEL_FILE = re.compile(r"(?i)\.(?:key|pem|crt|cer|pub|txt|log|md|sh|py|js|ts|json|ya?ml|toml|ini|cfg|conf|env|"
                             r"csv|tsv|lock|pid|sock|bak|tmp|sql|html?|png|jpe?g|svg)$")


# a weight file in a models / checkpoints folder, written relative to the working folder without `./`
_RELATIVE_WEIGHT = re.compile(r"(?i)(?:models?|checkpoints?|ckpts?|weights|pretrained)[/\\][\w./\\-]{1,200}"
                              r"\.(?:bin|pth|pt|ckpt|safetensors|gguf|ggml|onnx)$")


def _is_model_path_arg(tok: str) -> bool:
    if len(tok) > 300 or "://" in tok or templated_path(tok) or _NOT_MODEL_FILE.search(tok):
        return False
    if _WEIGHT_ARG.search(tok):
        # a weight file named after its model (`Llama-3-8B-Q5_K_M.gguf`), not a generic one (`model.gguf`)
        return is_model_ish(re.split(r"[/\\]", tok)[-1].rsplit(".", 1)[0])
    return bool(_ABS_PATH.match(tok) or tok.startswith(("./", "../"))) and bool(_MODEL_PARENT.search(tok))


# a flag or variable named for where something is (`--ckpt_dir`, `--embedding_path`, `LLM_PATH=`, `CKPT_PATH=`) that
# holds a folder saying "model" by its place or its name: a model directory, as under a *_path / *_dir config key
# (config_files: EMBEDDING_PATH: /models/bge-large-zh-v1.5); names that say data, logs, output or code are not
_PATH_NAME = re.compile(r"(?i)[a-z0-9_]*(?:path|dir|directory|folder|checkpoint|ckpt|weights?)")
_NOT_MODEL_PATH_NAME = re.compile(r"(?i)data|log|cache|output|save|export|result|eval|image|img|audio|video|doc|file|"
                                  r"index|vector|prompt|template|config|cfg|train|valid|test|out|tmp|temp|work|home|"
                                  r"src|code|script|plugin|lib|bin|repo|install|venv|env")


_CHECKPOINT_NAME = re.compile(r"(?i)(?:^|_)(?:checkpoint|ckpt)(?:_|$)")


def _mounted_model_dir(spec: str) -> str | None:
    """The container side of a bind mount (``src:dst[:ro]`` or ``type=bind,source=…,target=…``) whose host side is
    a variable naming a model's or checkpoint's folder (``$MODEL_PATH``, ``${QWEN_CHECKPOINT_PATH}``), when that side
    is a literal folder with a name of its own (not /models, not a template); else None."""
    if len(spec) > 300:
        return None
    if "=" in spec and ("source=" in spec or "src=" in spec):
        fields = dict(p.partition("=")[::2] for p in spec.split(","))
        source = fields.get("source") or fields.get("src") or ""
        target = fields.get("target") or fields.get("destination") or fields.get("dst") or ""
    else:
        source, _, rest = spec.partition(":")
        target = rest.split(":", 1)[0]
    var = source.strip("\"'")
    m = re.fullmatch(r"\$\{?([A-Za-z_]\w*)\}?", var)
    if m is None or not target.startswith("/") or "$" in target:
        return None
    name = m.group(1)
    if not (is_model_key(name) or _CHECKPOINT_NAME.search(name) is not None
            or (_PATH_NAME.fullmatch(name) is not None and "model" in name.lower())):
        return None
    last = target.rstrip("/").rsplit("/", 1)[-1]
    return target if last and last.lower() not in _DOWNLOAD_AREAS and not is_generic(last) else None


# a setting that says where a trained model's checkpoint or parameters are loaded from (MaxText's
# `load_parameters_path=gs://…`, JetStream's `--checkpoint_path=/models/…/model.safetensors`, `ckpt_dir=`); words that
# say where a run writes (save, output) are not it
_CHECKPOINT_SETTING = re.compile(r"(?i)(?:load_)?(?:\w+_)?(?:checkpoint|ckpt|parameters|params|weights)_(?:path|dir|uri)")
_STORE_PREFIX = re.compile(r"(?i)(?:gs|s3|gcs|abfss?|az|oss|obs)://[^/\s]+/|/|\./")


def checkpoint_location(name: str, value: str) -> bool:
    """``name`` (a flag without its dashes, or an argument's key) names a checkpoint to load and ``value`` is a
    bucket URI or a local path one of whose folders names a model by a family word and a size (``gemma_7b-it``,
    ``llama-2-7b``): the folder of that model's weights, however deep the trainer's layout puts them
    (``…/gemma_7b-it/0/checkpoints/0/items``, ``…/llama-2-7b/final/bf16/model.safetensors``). At most 16 folders."""
    if len(value) > 300 or "$" in value or "{" in value or _CHECKPOINT_SETTING.fullmatch(name) is None:
        return False
    if re.search(r"(?i)save|output|export|log", name):
        return False
    m = _STORE_PREFIX.match(value)
    if m is None:
        return False
    parts = value[m.end():].split("/")[:16]
    return any(_is_model_dir_name(p) for p in parts if p)


def _model_dir_by_name(name: str, value: str) -> bool:
    """``name`` (a flag without its dashes, or a variable) says where something is, and ``value`` is a literal
    folder that a models / checkpoints directory or a parameter count marks as a model's, whose last part looks
    like a model (config_files._is_model_dir)."""
    from modelmap.discover.config_files import _is_model_dir

    if len(value) > 300 or "://" in value or templated_path(value) or "/" not in value.replace("\\", "/"):
        return False
    if _PATH_NAME.fullmatch(name) is None or _NOT_MODEL_PATH_NAME.search(name) is not None:
        return False
    if _is_model_dir(value):
        return True
    # a name that says checkpoint (QWEN_CHECKPOINT_PATH, --ckpt_dir): a folder whose last part names a model family
    # is that model's, with no size in it (/path/to/Qwen-Chat)
    last = re.split(r"[/\\]", value.rstrip("/\\"))[-1]
    return (_CHECKPOINT_NAME.search(name) is not None and len(last) >= 4 and "$" not in last
            and is_model_ish(last) and not is_generic(last))


# checkpoint-folder flags of Megatron-style trainers (see _scan_command_line); a leading `$VAR/` / `${VAR}/` root
_CKPT_DIR_FLAGS = frozenset({"--load", "--ref-load", "--save", "--critic-load", "--critic-save", "--pretrained-checkpoint"})
_VAR_ROOT = re.compile(r"^\$\{?[A-Za-z_]\w{0,60}\}?/")


# programs whose `owner/name` arguments are code or images, not models (git clone org/repo, pip install org/pkg)
_NOT_MODEL_PROGRAMS = frozenset({"git", "pip", "pip3", "uv", "npm", "npx", "yarn", "pnpm", "go", "cargo", "gh", "brew",
                                 "apt", "apt-get", "docker", "podman", "kubectl", "helm", "curl", "wget"})


# any flag's value that is exactly a model the knowledge base records: a Hub id it holds (compared case-blind, as
# the Hub resolves ids), that id behind a LiteLLM-style provider route (`openai/Qwen/Qwen2.5-Coder-7B-Instruct`, the
# route dspy / LiteLLM send to an OpenAI-compatible server), or an API model name it knows with a separator in it
# (`o1-mini`, `gpt-4o-mini`; not `o1` / `O1`, which are also apex's optimisation levels). A flag's name is the
# program's own choice (`--api_name`, `--generator`, `--judge`, `--teacher`): what the value IS decides here, and a
# whole known id is too specific to be anything but that model, so no name list can miss it; a partial match, a
# family word or an unknown `org/name` stays with the flag rules above.
# a flag whose value is a place (a folder, a file, a log): a folder named after a model (`rsync … --output-dir
# Llama-3-8B-Instruct`) is where files go, and the flag rules above decide whether it is a model's folder
_PLACE_FLAG = re.compile(r"dir|path|file|output|save|load|cache|log|mount|volume")


def _exact_known_model(value: str) -> Match | None:
    """The model ``value`` is when it is exactly one the knowledge base records (see above), else None."""
    if not (3 < len(value) < 200) or value.startswith(("-", "/", ".", "~", "$")) or "://" in value or "$" in value:
        return None
    hub = load().hf_index
    if value.count("/") == 1:
        return Match("hf-repo", None, 0.95) if value.lower() in hub else None
    if value.count("/") == 2:
        hit = classify(value, "none")
        if hit is not None and hit.kind == "provider-prefixed" and value.split("/", 1)[1].lower() in hub:
            return hit
        return None
    if "-" in value or "." in value:
        hit = classify(value, "none")
        if hit is not None and hit.kind == "api-model" and hit.confidence >= 0.9:
            return hit
    return None


# a downloader's source flag and the URI schemes that make its value a model's (a Hub repo otherwise)
_SOURCE_FLAGS = frozenset({"--source", "--src", "--repo-id", "--model-repo"})
_HUB_SCHEMES = ("hf://", "huggingface://", "modelscope://", "ms://")


# `huggingface-cli download --repo-type dataset X` / `hf download X --repo-type=space`: a data set or a Space
_NOT_MODEL_REPO = re.compile(r"--repo-type[=\s]+[\"']?(?:dataset|space)s?\b", re.I)
_ABS_PATH = re.compile(r"(?:/|~/|[A-Za-z]:[\\/])[^\s]*[A-Za-z]")


# RE2: linear on any line (with re, `\S.*?\s*(?:;.*)?$` is quadratic on a value with a long run of spaces)
_ASSIGN = linear(
    r"^\s*(?:(?:export|local|readonly|declare(?:\s+-\w+)*)\s+)?(?P<name>[A-Za-z_]\w*)=(?P<value>\S.*?)\s*(?:;.*)?$"
)
# `${VAR:-default}`, also with an `env:` source before the variable (mcphost's URI-style `${env://MODEL:-…}`)
_DEFAULT = re.compile(r"^\$\{(?:env:(?://)?)?\w+:?[-=](?P<default>[^}]*)\}$")
# `: "${NAME:=value}"` / `: ${NAME=value}`: the null command assigning a variable's default
_NULL_DEFAULT = re.compile(r"^\s*:\s+\"?\$\{(?P<name>[A-Za-z_]\w*):?=(?P<value>[^{}]+)\}\"?\s*(?:#.*)?$")


# a bash array written on one line, also after a `case` label (`q8)  FILES=(a-q8.gguf b-q8.gguf) ;;`): RE2, linear
_ARRAY = linear(r"^\s*(?:[\w*|.\-\"']+\)\s+)?(?:(?:export|local|readonly|declare(?:\s+-\w+)*)\s+)?"
                r"(?P<name>[A-Za-z_]\w*)\+?=\((?P<items>[^()]*)\)")
_ARRAY_ITEM = re.compile(r"\"([^\"]*)\"|'([^']*)'|([^\s\"']+)")


def _scan_array(file: SourceFile, raw: str, line: int, source_id: str) -> list[Finding] | None:
    """``MODELS=(Qwen/Qwen2.5-7B-Instruct llama3.1:8b)``, ``FILES=(sensevoice-small-q8.gguf)``: each item of a
    bash array; under a model-named variable as a model value, under any other name only a weight file
    (.gguf / .ggml / .safetensors / .llamafile) or a Hub repo the knowledge base knows. ``None`` when the line is
    no one-line array assignment."""
    if "=(" not in raw:
        return None
    m = _ARRAY.match(raw)
    if not m:
        return None
    return array_items(file, raw, line, source_id, m.group("name"), m.start(2), m.end(2))


# the first line of a bash array written over several lines (`CPU_MODELS=(` then one item a line, then `)`)
_ARRAY_OPEN = linear(r"^\s*(?:(?:export|local|readonly|declare(?:\s+-\w+)*)\s+)?(?P<name>[A-Za-z_]\w*)\+?=\("
                     r"(?P<items>[^()]*)$")
_ARRAY_COMMENT = re.compile(r"(?:^|\s)#")
ARRAY_MAX_LINES = 200  # lines read as one open array's items; past them the array is taken as never closed


# one word of letters and at most a number (`qwen`, `llama`): a bare family word as a server's served name
_FAMILY_WORD = re.compile(r"[A-Za-z]{2,20}\d{0,2}")


# an array of the other names a model is called by (`OLLAMA_CHAT_MODEL_ALIASES=("qwen3:1.7b" "qwen3:8b")`): a model
# variable's name then `_ALIASES`; each item names a model the script copies or serves under that name
_ALIASES_TAIL = re.compile(r"(?i)[_-]aliases")


def _model_aliases_name(name: str) -> bool:
    """``name`` is a model variable's name with ``_ALIASES`` after it (``CHAT_MODEL_ALIASES``)."""
    tail = _ALIASES_TAIL.search(name)
    return tail is not None and tail.end() == len(name) and tail.start() > 0 and is_model_key(name[:tail.start()])


def array_items(file: SourceFile, raw: str, line: int, source_id: str, name: str, begin: int,
                end: int) -> list[Finding]:
    """The items of a bash array named ``name`` written in ``raw[begin:end]`` (a one-line array's inside, or one
    line of an array written over several; a ``# comment`` after the items is left out): see ``_scan_array``."""
    comment = _ARRAY_COMMENT.search(raw, begin, end)
    if comment is not None:
        end = comment.start()
    model_var = is_model_key(name) or _model_aliases_name(name)
    collector = Collector(file, source_id)
    tick = collector.budget.tick
    for item in _ARRAY_ITEM.finditer(raw, begin, end):
        tick()
        value = next(g for g in item.groups() if g is not None)
        at = item.start() + (0 if item.group(3) is not None else 1) + 1
        if not value or templated_path(value):
            continue
        if model_var:
            found = collector.model(value, line, at, hint="key")
            if found is None and WHISPER_SIZE_WORD.fullmatch(value) and _WHISPER_WORD.search(file.text):
                # AVAILABLE_MODELS=("tiny" "base.en" "small-q5_1") in a script that names Whisper: the checkpoints
                # it offers, as MODEL="tiny" is one (scan_assignment)
                collector.add(value, line, at, Match("other", None, 0.6, "speech"),
                              evidence=(f"binding:{name}", "whisper-size", "file-mentions:whisper"))
        elif _WEIGHT_ARG.search(value) and not _NOT_MODEL_FILE.search(value):
            hit = classify(value, "path")
            if hit is not None:
                collector.add(value, line, at, hit)
        elif "/" in value and not value.startswith(("/", ".", "~")):
            hit = classify(value, "none")
            if hit is not None and hit.kind == "hf-repo" and hit.confidence >= 0.9:
                collector.add(value, line, at, hit)
    return collector.findings


# `for MODEL in "llama-3.2-1b-instruct" "qwq-32b"; do`: a for loop's word list is an inline array bound to the loop
# variable, one item at a time, so its items are read as array_items reads a bash array's (model values under a
# model-named variable, only weight files and known Hub repos under any other). General: a script that pulls, builds,
# benchmarks or serves several models loops over their names this way (`for model in llama3.1:8b qwen2.5:7b; do
# ollama pull $model; done`). A list holding an expansion or a substitution (`"${MODELS[@]}"`, `$(ls models)`,
# backticks) or a glob is left out whole: its words are not the values the variable takes.
# (no counted repeats: RE2's DFA for a counted Unicode class runs out of memory on long lines; lengths capped in code)
_FOR_LIST = linear(r"^\s*for\s+(?P<name>[A-Za-z_]\w*)\s+in\s+(?P<items>[^;#$`()*?\[\]{}<>|&]+?)\s*(?:;|$)")


def scan_for_list(file: SourceFile, raw: str, line: int, source_id: str) -> list[Finding]:
    """The words of a one-line ``for NAME in w1 w2 …`` list, read as the items of an array named NAME."""
    if "for" not in raw:
        return []
    m = _FOR_LIST.match(raw)
    if not m or len(m.group(1)) > 100 or m.end(2) - m.start(2) > 4000:
        return []
    return array_items(file, raw, line, source_id, m.group("name"), m.start(2), m.end(2))


WHISPER_SIZE_WORD = re.compile(WHISPER_SIZE)
_WHISPER_WORD = re.compile(r"(?i)whisper")


def scan_assignment(file: SourceFile, raw: str, line: int, source_id: str) -> list[Finding]:
    """``MODEL="qwen-plus"``, ``export EMBED_MODEL=${EMBED_MODEL:-bge-m3}``: a variable named like a model."""
    if "=" not in raw:
        return []
    array = _scan_array(file, raw, line, source_id)
    if array is not None:
        return array
    m = _ASSIGN.match(raw)
    if not m and raw.lstrip().startswith(":") and (d := _NULL_DEFAULT.match(raw)) is not None:
        # `: "${MODEL:=Qwen/Qwen2.5-1.5B-Instruct}"`: the null command sets MODEL to the default unless it is set
        # already, the shell's idiom for a variable's default (the same as `MODEL=${MODEL:-…}`); read as that
        # assignment, the value kept in its column
        at = d.start("value")
        m = _ASSIGN.match(" " * (at - len(d.group("name")) - 1) + d.group("name") + "=" + d.group("value"))
    if not m:
        return []
    output_var = _OUTPUT_VAR.fullmatch(m.group("name")) is not None
    if not is_model_key(m.group("name")):
        folder = m.group("value").strip("\"'")
        if _model_dir_by_name(m.group("name"), folder) and (not output_var or names_family(
                re.split(r"[/\\]", folder.rstrip("/\\"))[-1])):
            # LLM_PATH=/models/Yi-34B-Chat, CKPT_PATH=/models/DeepSeek-V2-Lite-Chat; a variable also named for where a
            # trainer writes (CKPT_PATH, SAVE_DIR) whose folder names no model family is a run's output folder
            # (CKPT_PATH="$HOME/ckpts/skyrl_sql_7B_ckpt", later `trainer.ckpt_path=$CKPT_PATH`)
            hit = classify(folder, "path")
            if hit is not None:
                return _one_value(file, raw, line, source_id, folder, m.start(2), hit)
    if not output_var and not is_model_key(m.group("name")):
        # CHECKPOINT="OpenGVLab/InternVL3-8B": any variable holding a Hub repo the knowledge base knows
        value = m.group("value").strip("\"'")
        if "ggml-" in value and not value.startswith("$") and (hit := classify(value, "path")) is not None \
                and hit.kind == "model-file" and hit.role == "speech":
            # fallback_path="models/ggml-base.en.bin": a whisper.cpp checkpoint by its file name alone (identify's
            # ggml-<size>.bin), whatever the variable holding it is called
            return _one_value(file, raw, line, source_id, value, m.start(2), hit)
        if "," in value and (selections := selection_items(value)):
            # PROVIDERS="openai/gpt-4o,anthropic/claude-3-5-haiku": a list of provider/model selections under any
            # name (identify.selection_items), each item read on its own at its own column
            collector = Collector(file, source_id)
            at = m.start(2)
            for _, item in selections:
                if (hit := classify(item, "none")) is not None:
                    col = raw.find(item, at)
                    collector.add(item, line, (col + 1) if col >= 0 else 1, hit)
            return collector.findings
        hit = classify(value, "none") if "/" in value and not value.startswith(("/", ".", "$", "~")) else None
        if hit is None or hit.kind != "hf-repo" or hit.confidence < 0.9:
            return []
        return _one_value(file, raw, line, source_id, value, m.start(2), hit)
    value = m.group("value")
    if len(value) >= 2 and value[0] in "\"'" and value[-1] == value[0]:
        value = value[1:-1]
    if output_var and not is_model_key(m.group("name")):
        # SAVE_PATH="${WORK_DIR}/exp/Qwen3-4B-Thinking": a model directory when its own name names a model family, not
        # a size alone (a run's own folder, CKPT_PATH="$HOME/ckpts/skyrl_sql_7B_ckpt", names the job)
        if not _is_model_dir_name(value) or not names_family(re.split(r"[/\\]", value.rstrip("/\\"))[-1]):
            return []
        return _one_value(file, raw, line, source_id, value, m.start(2), Match("model-file", None, 0.6))
    default = _DEFAULT.match(value)
    if default:
        value = default.group("default")
    collector = Collector(file, source_id)
    start = m.start(2)  # the value (RE2 match spans are looked up by group number)
    tick = collector.budget.tick
    name = m.group("name")
    for word in re.finditer(r"[^\s\"']+", value):
        tick()
        col = raw.find(word.group(0), start)
        at = (col + 1) if col >= 0 else 1
        found = collector.model(word.group(0), line, at, hint="key")
        if found is None and names_model_repo(name) and hub_repo_shape(word.group(0)):
            # MODEL_REPO := argmaxinc/whisperkit-coreml: the Hub repository the models are downloaded from
            collector.add(word.group(0), line, at, Match("hf-repo", None, 0.6), evidence=(f"binding:{name}",
                                                                                        "model-repo"))
        elif found is None and WHISPER_SIZE_WORD.fullmatch(word.group(0)) and _WHISPER_WORD.search(file.text):
            # MODEL="tiny" in a script that names Whisper (a transcription server's curl client): its checkpoint
            collector.add(word.group(0), line, at, Match("other", None, 0.6, "speech"),
                          evidence=(f"binding:{name}", "whisper-size", "file-mentions:whisper"))
    return collector.findings


def _one_value(file: SourceFile, raw: str, line: int, source_id: str, value: str, start: int,
               match: Match) -> list[Finding]:
    """The one finding an assignment's value makes, placed where the value is written from ``start`` on."""
    collector = Collector(file, source_id)
    col = raw.find(value, start)
    collector.add(value, line, (col + 1) if col >= 0 else 1, match)
    return collector.findings


# Windows scripts: batch files and PowerShell. Their command lines are read like a shell script's (split on white
# space: `\` is a folder separator there); their variables are set their own ways, each rewritten below into the
# shell's `NAME=VALUE` at the value's own column and read by scan_assignment, so the model-key rules stay one copy.
# Hand-written, although tree-sitter grammars exist on PyPI (tree-sitter-powershell 0.26, airbus-cert, MIT, abi3
# wheels; tree-sitter-batch 0.11): what is needed here is a handful of assignment forms that sit on one line, whose
# values then go through the shell's own rules line by line (scan_assignment, scan_command_line), so a bounded regex
# per form is a smaller seam than a parse per file and two more dependencies. Reading `.ps1` with
# tree-sitter-powershell (strings bound to variables across lines, here-strings) is left open.
_PS_EXT = (".ps1", ".psm1")
WINDOWS_SCRIPTS = (".bat", ".cmd", *_PS_EXT)
# `set MODEL=qwen2.5:7b`, `SET "EMBED_MODEL=BAAI/bge-m3"`, `@set /a`-free; `setx OPENAI_MODEL gpt-4o`
# (also after an `if …` test or inside a `( … )` block: `if "%CHOICE%"=="2" set MODEL=glm-4-plus`)
_BATCH_SET = re.compile(r"(?i)(?:^|[\s(&])@?set\s+(?P<q>\")?(?P<name>[A-Za-z_][\w.-]{0,100})="
                        r"(?P<value>(?(q)[^\"\r\n]{0,400}|[^\"\r\n&|)]{0,400}))")
_BATCH_SETX = re.compile(r"(?i)^\s*@?setx\s+(?P<name>[A-Za-z_]\w{0,100})\s+(?P<value>\"[^\"\r\n]{0,400}\"|[^\s\"]+)")
# PowerShell runs an unquoted word as a command (`$model = Get-Model`): only a quoted value is a string
_PS_VALUE = r"(?P<value>\"[^\"\r\n$]{0,400}\"|'[^'\r\n]{0,400}')"
_AZD_VALUE = r"(?P<value>\"[^\"\r\n]{0,400}\"|'[^'\r\n]{0,400}'|[^\s\"';&|)#]{1,400})"
# `$env:OPENAI_MODEL = "gpt-4o"`, `$model = 'llama3.1:8b'`, `[string]$Model = "qwen-max"`, `$cfg.chat.model = …`
_PS_VAR = re.compile(r"\$(?:(?:env|global|script|local|using):)?(?P<name>[A-Za-z_]\w{0,100}(?:\.[A-Za-z_]\w{0,100}){0,8})"
                     r"[ \t]*=[ \t]*" + _PS_VALUE)
# a hashtable's entry (`@{ model = "gpt-4o"; temperature = 0 }`, one entry a line inside `@{ … }`)
_PS_ENTRY = re.compile(r"(?:^|@\{|;)[ \t]*(?P<name>[A-Za-z_]\w{0,100})[ \t]*=[ \t]*" + _PS_VALUE)
# a word boundary inside a camelCase name (completion|Model, var|Embedding|Model)
_PS_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
# a PowerShell array on one line (`$models = @("llama3.1:8b", "nomic-embed-text")`): its items, read like a bash array's
_PS_ARRAY = re.compile(r"\$(?:(?:env|global|script|local):)?(?P<name>[A-Za-z_]\w{0,100})[ \t]*=[ \t]*@\((?P<items>[^()]{0,2000})\)")
# `azd env set AZURE_OPENAI_CHATGPT_MODEL gpt-4o-mini` (the Azure Developer CLI's environment, in any script)
_AZD_SET = re.compile(r"(?i)(?:^|[\s;&|(])azd\s+env\s+set\s+(?P<name>[A-Za-z_]\w{0,100})[ \t]+" + _AZD_VALUE)
_REM = re.compile(r"(?i)^@?(?:rem(?:\s|$)|::)")


def _windows_comment(stripped: str, in_block: bool) -> tuple[bool, bool]:
    """(inside a PowerShell ``<# … #>`` block after this line, whether this line is all comment): ``rem``, ``::``
    and ``@rem`` lines of a batch file, and the lines of a PowerShell block comment."""
    if in_block:
        return "#>" not in stripped, True
    if stripped.startswith("<#"):
        return "#>" not in stripped[2:], True
    return False, _REM.match(stripped) is not None


def scan_windows_assignments(file: SourceFile, raw: str, line: int, source_id: str) -> list[Finding]:
    """The variables a batch or PowerShell line sets (``set MODEL=…``, ``$env:MODEL = "…"``, ``param([string]$Model =
    "…")``, ``azd env set NAME value``), each read by ``scan_assignment`` as ``NAME=VALUE`` written at the value's
    own column. At most 32 assignments a line."""
    if "=" not in raw and "set" not in raw.lower():
        return []
    ps = file.path.lower().endswith(_PS_EXT)
    if ps and "@(" in raw:
        for arr in itertools.islice(_PS_ARRAY.finditer(raw), 8):
            # the commas between the items are white space to the bash-array reader
            spaced = raw[:arr.start("items")] + arr.group("items").replace(",", " ") + raw[arr.end("items"):]
            out_arr = array_items(file, spaced, line, source_id, arr.group("name"), arr.start("items"), arr.end("items"))
            if out_arr:
                return out_arr
    if ps:
        found: Iterable[re.Match[str]] = itertools.chain(_PS_VAR.finditer(raw), _PS_ENTRY.finditer(raw))
    else:
        setx = _BATCH_SETX.match(raw)
        found = itertools.chain(_BATCH_SET.finditer(raw), () if setx is None else (setx,))
    if "azd" in raw:
        found = itertools.chain(found, _AZD_SET.finditer(raw))
    matches = list(itertools.islice(found, 32))
    out: list[Finding] = []
    seen: set[int] = set()
    tick = budget().tick
    for m in matches:
        tick()
        start = m.start("value")
        if start in seen:
            continue
        seen.add(start)
        name = m.group("name").rsplit(".", 1)[-1]
        value = m.group("value").rstrip()
        if not value or (value.startswith(("$", "%")) and not value.startswith("${")):
            continue
        if ps and _PS_CAMEL.search(name):
            # PowerShell names its variables in camelCase ($completionModel, $varEmbeddingModel, $defaultChatModel):
            # its words split at the case change, as a shell's EMBEDDING_MODEL, so the model-key rules read them; the
            # leading words give way where `name=` would not fit before the value's column (the last words decide)
            words = _PS_CAMEL.sub("_", name).split("_")
            while len(words) > 1 and len("_".join(words)) >= start:
                words.pop(0)
            name = "_".join(words)
        synthetic = " " * max(0, start - len(name) - 1) + name + "=" + value
        out.extend(scan_assignment(file, synthetic, line, source_id))
    if ps and "OpenAI." in raw:
        for quoted in itertools.islice(_PS_USAGE_NAME.finditer(raw), 8):
            # a quota table keyed by usage name (`$MIN_CAPACITY = @{ "OpenAI.GlobalStandard.gpt-4o" = $N }`): the
            # model part, read as a model variable's value at its own column (identify.azure_usage_model)
            usage = azure_usage_model(quoted.group(1))
            at = quoted.start(1) + (usage.start(1) if usage is not None else 0)
            if usage is not None and at >= len("model_name="):
                synthetic = " " * (at - len("model_name=")) + "model_name=" + usage.group(1)
                out.extend(scan_assignment(file, synthetic, line, source_id))
    return out


# a quoted string that is an Azure OpenAI quota usage's name (identify.azure_usage_model)
_PS_USAGE_NAME = re.compile(r"[\"'](OpenAI\.[A-Za-z]{1,40}\.[A-Za-z0-9][\w.,-]{0,130})[\"']")


_MAKEFILE_NAMES = frozenset({"makefile", "gnumakefile", "bsdmakefile"})
# a make variable: `NAME = v`, `NAME := v`, `NAME ?= v`, `NAME += v`, `NAME != cmd`, `export NAME ?= v`
_MAKE_ASSIGN = linear(r"^(?:(?:export|override)\s+)?(?P<name>[A-Za-z_][\w.]*)[ \t]*(?:::|[:?+!])?=[ \t]*(?P<value>.*)$")


# a make invocation in a recipe or a script (`$(MAKE)`, `${MAKE}`, `make`, `gmake`) and the `NAME=value` words after it:
# command-line variables of the make it runs (GNU make manual, "Overriding Variables")
# (bounded and unnested, so Python's re is linear on them: lookarounds RE2 lacks)
_MAKE_CALL = re.compile(r"(?:^|[\s;&|(@-])(?:\$\(MAKE\)|\$\{MAKE\}|g?make)(?=\s)")
_MAKE_OVERRIDE = re.compile(r"(?<=\s)([A-Za-z_]\w{0,80})=([^\s'\";&|$()`]{1,200})(?=\s|$)")


def is_makefile(path: str) -> bool:
    """A Makefile (``Makefile``, ``GNUmakefile``, ``*.mk``): its recipes are shell command lines."""
    name = path.replace("\\", "/").rsplit("/", 1)[-1].lower()
    return name in _MAKEFILE_NAMES or name.endswith(".mk")


_SHLEX_MAX = 20_000  # shlex builds a token a character at a time (superlinear): a longer line is split on spaces


def _tokens(command: str) -> list[str]:
    if len(command) > _SHLEX_MAX:
        return command.split()  # one 800 KB argument cost 10-17 s of CPU in shlex, before the budget could stop it
    try:
        return _shlex_split(command)
    except ValueError:
        return command.split()


_SH_GAP = re.compile(r"(?:[ \t\r\n]+|#[^\n]*\n?)*")  # white space and comments between words
_SH_BARE = re.compile(r"[^ \t\r\n'\"\\#]+")  # unquoted characters without a special meaning
_SH_DQ_BODY = re.compile(r'(?:[^"\\]|\\.)*', re.DOTALL)
_SH_DQ_ESCAPE = re.compile(r'\\(["\\])')  # inside double quotes a backslash escapes only " and itself


def _shlex_split(s: str) -> list[str]:
    """``shlex.split(s, comments=True)``: the same words, and ValueError on the same inputs (an unclosed quote,
    a backslash at the end), a run of plain characters at a time instead of shlex's one character per step
    (7 times faster on the command lines of real repositories). shlex's POSIX rules: words end at space, tab,
    CR or LF; ``#`` starts a comment to the end of the line wherever it stands outside quotes, inside a word
    too; a backslash outside quotes takes the next character as it is; single quotes take everything up to the
    next one; inside double quotes a backslash escapes ``"`` and ``\\`` and is kept before anything else;
    an empty quoted word is a word. tests/discover/test_shell_split.py compares the two on random strings."""
    out: list[str] = []
    i, n = 0, len(s)
    gap, bare, dq_body = _SH_GAP.match, _SH_BARE.match, _SH_DQ_BODY.match
    while True:
        skipped = gap(s, i)  # matches the empty string too: never None
        assert skipped is not None
        i = skipped.end()
        if i >= n:
            return out
        parts: list[str] = []
        while i < n:
            c = s[i]
            if c in " \t\r\n":
                break
            if c == "#":
                j = s.find("\n", i)
                i = n if j < 0 else j + 1
                break
            if c == "'":
                j = s.find("'", i + 1)
                if j < 0:
                    raise ValueError("No closing quotation")
                parts.append(s[i + 1:j])
                i = j + 1
            elif c == '"':
                body_match = dq_body(s, i + 1)
                assert body_match is not None
                end = body_match.end()
                if end >= n:
                    raise ValueError("No closing quotation")
                if s[end] != '"':  # the backslash that ends the text
                    raise ValueError("No escaped character")
                body = s[i + 1:end]
                parts.append(_SH_DQ_ESCAPE.sub(r"\1", body) if "\\" in body else body)
                i = end + 1
            elif c == "\\":
                if i + 1 >= n:
                    raise ValueError("No escaped character")
                parts.append(s[i + 1])
                i += 2
            else:
                m = bare(s, i)
                assert m is not None
                parts.append(m.group())
                i = m.end()
        out.append("".join(parts))


def scan_command_line(file: SourceFile, command: str, line: int, source_id: str,
                      line_text: str | None = None, *, server: bool = False) -> list[Finding]:
    """Find model references in one command line; ``line`` is its 1-based line in ``file``. ``server``: the
    line is an inference server's arguments although it does not name the server (a container's ``args``
    under a llama.cpp image: ``-m /models/x.gguf`` is then its model).

    Past the file's budget it returns what it found so far and leaves the budget spent, so the caller
    stops at its next step and reports the downgrade."""
    collector = Collector(file, source_id)
    try:
        _scan_command_line(collector, command, line, line_text, server)
    except BudgetExceeded:
        collector.budget.exhaust()
    return collector.findings


_URL_WORD = re.compile(r"https?://[^\s'\"]+")  # an address on a command line (compiled once, not per line)
_EVAL_HARNESSES = frozenset({"lm_eval", "lm-eval", "lmms_eval", "lmms-eval"})
# an argument that is itself a command line: white space and a long flag or a dotted override in it
_NESTED = re.compile(r"\s--?[A-Za-z]|\s[A-Za-z_]\w*(?:\.\w+)+=")
_PIECES = re.compile(r"&&|\|\||[;|]|\s--\s")
_MAX_NESTING = 2


def _hub_cli_revision(collector: Collector, at: int, toks: list[str]) -> None:
    """``huggingface-cli download org/name --revision <sha>`` / ``hf download … --revision=v1.0``: the revision the
    download names, on the findings from ``at`` on, as a Python loader call's ``revision=`` is (types.load_facts):
    ``revision:<value>``, ``revision:unknown`` for a variable (``$REV``), ``revision:none`` when the command names
    none (the default branch)."""
    rev: str | None = None
    for k, tok in enumerate(toks):
        if tok == "--revision":
            rev = toks[k + 1] if k + 1 < len(toks) else ""
            break
        if tok.startswith("--revision="):
            rev = tok.partition("=")[2]
            break
    item = "revision:none" if rev is None else "revision:unknown" if not rev or "$" in rev else f"revision:{rev}"
    for i in range(at, len(collector.findings)):
        found = collector.findings[i]
        collector.findings[i] = replace(found, evidence=(*evidence_of(found), item))


def _prefix_assignments(collector: Collector, words: list[str], line: int, text: str) -> None:
    """The variables a command line sets for its program (`CHECKPOINT_PATH=/model/Qwen1.5-4B-Chat
    TOKENIZER_PATH=/model/Qwen1.5-4B-Chat python3 -m server`), each read as the assignment it is (scan_assignment:
    by its name), its value in its column of ``text``. The shell reader reads a line that is an assignment alone;
    these stand before a program, many to a line. At most 16 a line."""
    cursor = 0
    for word in words[:16]:
        collector.budget.tick()
        name, _, value = word.partition("=")
        if not value or "$(" in value or "`" in value:
            continue
        # as written: quoted (`LLM_MODEL="qwen2.5:7b"`) or bare
        written = re.compile(re.escape(name) + r"=(?:\"[^\"]*\"|'[^']*'|[^\s\"']+)").search(text, cursor)
        if written is None:
            continue
        cursor = written.end()
        for f in scan_assignment(collector.file, " " * written.start() + written.group(0), line, collector.source_id):
            if collector.budget.found():
                collector.findings.append(f)


# programs whose `name=value` words set nothing for a program: printed or logged text (`echo "MODEL=x"` without a
# redirect into an env file, which _env_file_writes reads), the shell's own declarations (read as assignments), text
# tools' patterns, tests
_NOT_SETTING_PROGRAMS = frozenset({"echo", "printf", "print", "cat", "tee", "logger", "export", "local", "declare",
                                   "typeset", "readonly", "set", "unset", "alias", "eval", "read", "sed", "grep",
                                   "egrep", "awk", "test", "[", "[[", "log", "info", "warn", "error", "die"})


def _named_arguments(collector: Collector, words: list[str], line: int, text: str) -> None:
    """The ``name=value`` arguments of a program whose name is a model setting's (an ARM / Bicep deployment's
    ``az deployment group create --parameters gptModelName="gpt-4o"``, ``make MODEL=qwen2.5:7b``, a build's
    ``--build-arg`` word): the program takes the value as that setting, as a variable set for it is taken, so each is
    read as the assignment it spells (scan_assignment), a camelCase name split into its words first. Only names that
    are model keys; a value built at run time (``$X``) is passed over. At most 16 a line."""
    cursor = 0
    seen = 0
    for word in words:
        collector.budget.tick()
        if word.startswith("-") or not _NAMED_ARG.match(word):
            continue
        name, _, value = word.partition("=")
        if not value or "$" in value or "`" in value:
            continue
        words_of = _PS_CAMEL.sub("_", name.rsplit(".", 1)[-1]).split("_")
        if not is_model_key("_".join(words_of)):
            continue
        written = re.compile(r"(?<![\w.-])" + re.escape(name) + r"=(?:\"[^\"]*\"|'[^']*'|[^\s\"']+)").search(text, cursor)
        if written is None:
            continue
        cursor = written.end()
        seen += 1
        if seen > 16:
            return
        at = written.start() + len(name) + 1  # the value's column, as written (quoted or bare)
        while len(words_of) > 1 and len("_".join(words_of)) + 1 > at:
            words_of.pop(0)
        key = "_".join(words_of)
        if len(key) + 1 > at:
            continue
        synthetic = " " * (at - len(key) - 1) + key + "=" + written.group(0)[len(name) + 1:]
        for f in scan_assignment(collector.file, synthetic, line, collector.source_id):
            if collector.budget.found():
                collector.findings.append(f)


def _scan_command_line(collector: Collector, command: str, line: int, line_text: str | None,
                       server: bool = False, depth: int = 0) -> None:
    # a Windows batch file: `\` separates folders and quoting is not POSIX's, so its words are split on white space
    # PowerShell too: a `\` there is a folder separator, never an escape (its escape is the backtick)
    batch = collector.file.path.lower().endswith(WINDOWS_SCRIPTS)
    toks = [t.strip("\"'") for t in command.split()] if batch else _tokens(command)
    if not batch and any(t.endswith(";") for t in toks):
        # `;` ends a command and shlex leaves it on the word (`if ! ollama pull qwen:0.5b; then`)
        toks = [t[:-1] if len(t) > 1 and t.endswith(";") else t for t in toks]
    if not toks:
        return
    tick = collector.budget.tick
    tick(1 + len(command) // 64)  # tokenising is linear in the line
    text = line_text if line_text is not None else command
    if depth < _MAX_NESTING:
        for tok in toks:
            if len(tok) > 8 and _NESTED.search(tok):
                # a command inside one argument (`srun … bash -c "pip install x && ray job submit -- python3 -m
                # trainer --actor.model_name_or_path org/name"`): each of its commands is read like a line of its
                # own, its values found in the same text
                for piece in _PIECES.split(tok):
                    if piece.strip():
                        _scan_command_line(collector, piece, line, text, depth=depth + 1)
    lowered = [t.lower() for t in toks]
    # a file utility's arguments are paths, never a server's name (`cd /opt/llama.cpp-b3000`, `rm -rf ./vllm-0.6`)
    is_server = server or (lowered[0] not in _FILE_PROGRAMS
                           and any(_SERVERS.search(t.rsplit("/", 1)[-1]) for t in lowered[:6])) or (
        # a Python project runner starts the program as python does (`uv run --isolated -m trainer.main
        # trainer.policy.model.path=Qwen/Qwen2.5-1.5B-Instruct`, `poetry run train.py --model ...`)
        len(lowered) > 2 and lowered[0] in _PY_RUNNERS and lowered[1] == "run")

    searched_from: dict[str, int] = {}

    def report(value: str, hint: Hint, role: str | None, api: str | None, match: Match | None = None) -> None:
        default = _DEFAULT.match(value) if value.startswith("${") else None
        if default is not None and default.group("default"):
            # `--model-path ${WORKER_MODEL_PATH:-lmsys/vicuna-7b-v1.5}`: the default is the model when unset
            value = default.group("default")
        if len(value) > 2 and value.endswith("/") and value[-2] != "/" and "://" not in value:
            value = value[:-1]  # a folder written with its closing slash (`--load /root/Qwen3-8B/`) is that folder
        # a value written twice on the line (`--static-models "a,a"`) gets each occurrence's own column
        start = searched_from.get(value, 0)
        col = _find_word(text, value, start)
        if col < 0:
            col = _find_word(text, value, 0)
            tick(1 + len(text) // 256)  # both searches ran to the end of the line
        else:
            tick(1 + (col - start) // 256)  # the search read up to the value
        searched_from[value] = col + len(value) if col >= 0 else 0
        # a flag's name (--model-id) or a server's usual task (vllm serve) says what the slot is for, not what
        # the model is: weaker than the knowledge base and the model's name (identify.decide_role)
        if match is not None:
            collector.add(value, line, (col + 1) if col >= 0 else 1, match, key_role=role, api=api)
        else:
            collector.model(value, line, (col + 1) if col >= 0 else 1, hint=hint, key_role=role, api=api)

    not_models = _NOT_MODEL_REPO.search(command) is not None  # hf download --repo-type dataset X: data, not a model
    outputs: list[str] = []  # values of output-directory flags, kept if the command loads a model
    # output directories named after a known model (./test_encoder_only_m3_bge-m3): kept also in an arguments-only
    # string (`training_args="--output_dir … \`), where the model flag sits in another variable of the same command
    named_outputs: list[str] = []
    local_dirs: list[str] = []  # --local-dir values whose name says nothing by itself, kept if a model is downloaded
    included: list[str] = []  # weight files a Hub download picks by name (--include), kept if a model is downloaded
    downloads = False
    loads_model = False
    # Hydra overrides are a trainer's arguments: on a command that runs something, or on a line of nothing but
    # overrides (the rest of a command a comment after its `\` cut off); not in `echo critic.model.path=…`
    overrides = is_server or _OVERRIDE.match(toks[0]) is not None
    # lm-evaluation-harness (`lm_eval` / `lm-eval`) and lmms-eval, run as a program or a module (`-m lmms_eval`)
    harness = any(t.rsplit("/", 1)[-1] in _EVAL_HARNESSES for t in lowered[:16])
    skip_next = False
    for i, tok in enumerate(toks):
        tick()
        # only a word that may start an entry is tested against every entry (_may_start_positional)
        for seq, hint, role, api in (_POSITIONAL if _may_start_positional(lowered[i]) else ()):
            n = len(seq)
            # the program may be written with its folder (`/bin/ollama pull qwen:0.5b`, `/usr/local/bin/vllm serve`)
            if ((lowered[i] == seq[0] or (n > 1 and lowered[i].rsplit("/", 1)[-1] == seq[0]))
                    and tuple(lowered[i + 1:i + n]) == seq[1:]) or (n == 1 and lowered[i].endswith(seq[0])):
                if not_models and api == "huggingface-cli":
                    continue
                j = i + n
                while j < len(toks) and (toks[j].startswith("-") or (
                        j > i + n and toks[j - 1].startswith("--") and lowered[j] in ("true", "false"))):
                    j += 1  # flags, and a flag's boolean value (--local-dir-use-symlinks False)
                tick(j - i)
                if j < len(toks):
                    runner = docker_model_ref(toks[j]) if api == "docker-model-runner" else None
                    if api == "docker-model-runner" and runner is None:
                        continue  # not a model reference (`docker model run --help`, a placeholder)
                    before = len(collector.findings)
                    report(toks[j], hint, role, api, runner)
                    if api == "huggingface-cli" and len(collector.findings) > before:
                        _hub_cli_revision(collector, before, toks)
                    loads_model = True  # `huggingface-cli download org/name --local-dir models/name-7b`: its folder
                    downloads = downloads or api == "huggingface-cli"
        if overrides and not tok.startswith("-"):
            override = _override_model(tok)
            if override is not None:
                loads_model = True
                report(override, "path" if override.startswith(("/", ".", "~", "$")) else "hf", None,
                       toks[0].rsplit("/", 1)[-1])
                continue
        flag, eq, val = tok.partition("=")
        flag = _flag_of(flag)
        if flag in _LIST_FLAGS:
            # vLLM's --served-model-name takes several names; a router's --static-models a comma list
            if eq:
                values = [val]
            else:  # the names that follow, up to the next flag: four served names, one static-models list
                most = 4 if flag == "--served-model-name" else 1
                values = list(itertools.islice(itertools.takewhile(
                    lambda t: not t.startswith("-"), (toks[k] for k in range(i + 1, len(toks)))), most))
            for value in values:
                for part in value.split(","):
                    if part.strip():
                        part = part.strip()
                        before, searched = len(collector.findings), searched_from.get(part)
                        report(part, "key", _LIST_FLAGS[flag], toks[0].rsplit("/", 1)[-1])
                        if len(collector.findings) == before and flag == "--served-model-name" \
                                and _FAMILY_WORD.fullmatch(part) and names_family(part):
                            # `--served-model-name qwen`: the server answers to a family's bare word, the name its
                            # clients call the model by (an alias), though no API takes that word as an id
                            if searched is None:
                                searched_from.pop(part, None)
                            else:
                                searched_from[part] = searched
                            report(part, "key", _LIST_FLAGS[flag], toks[0].rsplit("/", 1)[-1],
                                   Match("api-model", None, 0.5))
            continue
        if flag in _ADAPTER_FLAGS:
            loads_model = True
            values = [val] if eq else list(itertools.islice(itertools.takewhile(
                lambda t: not t.startswith("-"), (toks[k] for k in range(i + 1, len(toks)))), 16))
            tick(1 + len(values))
            for value in values:
                for part in value.split(","):
                    # `name=path` names the adapter for the server; the path or repo is the model
                    path = part.partition("=")[2] if "=" in part else part
                    if path.strip():
                        report(path.strip(), "hf", None, toks[0].rsplit("/", 1)[-1])
            continue
        if flag in _OUTPUT_FLAGS or _CKPT_FLAG.fullmatch(tok.partition("=")[0]):
            value = val if eq else (toks[i + 1] if i + 1 < len(toks) else "")
            if _is_model_dir_name(value):
                outputs.append(value)
            elif tick(min(16, value.count("_"))) is None and _names_known_model(value):  # a look-up per piece
                named_outputs.append(value)
            elif flag in ("--local-dir", "--output-dir") and _is_download_dir(value):
                local_dirs.append(value)
            continue
        if flag == "--include" and not not_models:
            values = [val] if eq else list(itertools.islice(itertools.takewhile(
                lambda t: not t.startswith("-"), (toks[k] for k in range(i + 1, len(toks)))), 16))
            tick(1 + len(values))
            included.extend(v for v in values if _INCLUDED_WEIGHT.fullmatch(v))
            continue
        if flag in _SOURCE_FLAGS and not not_models:
            # a downloader's source (`--source Qwen/Qwen3-8B --output-dir /models/Qwen3-8B/`, `--source hf://org/name`):
            # a model only when it is unmistakably one; its output folder is then that model's folder
            value = val if eq else (toks[i + 1] if i + 1 < len(toks) else "")
            if value.lower().startswith(_HUB_SCHEMES) or (value.count("/") == 1 and is_known_hub_repo(value)):
                if "://" not in value:
                    report(value, "hf", None, toks[0].rsplit("/", 1)[-1])
                loads_model = downloads = True
            continue
        if flag in _CKPT_DIR_FLAGS:
            # Megatron-style trainers (Megatron-LM, slime, verl's Megatron backend) name checkpoint folders with
            # --load / --ref-load / --save: a folder named by a model family and size (/root/Qwen3-30B-A3B_slime,
            # ${BASE_DIR}/GLM-4.7-355B-A32B_torch_dist) is that model's weights; a folder under a variable alone
            # (${SAVE_DIR}/ckpt) or one that names no model says nothing; a folder named after a model the knowledge
            # base knows by name, with no size in it ($BASE_DIR/DeepSeek-R1_torch_dist, /root/GLM-5_slime), is too
            value = val if eq else (toks[i + 1] if i + 1 < len(toks) else "")
            rooted = _VAR_ROOT.sub("/", value, count=1)
            if _is_model_dir_name(rooted) or _names_model_folder(rooted):
                report(value, "path", None, toks[0].rsplit("/", 1)[-1], Match("model-file", None, 0.6))
            continue
        if harness and flag in ("--model", "--model_args", "--model-args"):
            # an evaluation harness's `--model` names its model backend (lm-eval's hf / vllm, lmms-eval's llava /
            # qwen2_vl: a class of the harness), and the model it evaluates is `pretrained=` in `--model_args`
            value = val if eq else (toks[i + 1] if i + 1 < len(toks) else "")
            if flag != "--model":
                for part in value.split(",")[:16]:
                    key, _, arg = part.partition("=")
                    if key.strip() == "pretrained" and arg.strip("\"'") and not arg.startswith("$"):
                        loads_model = True
                        report(arg.strip("\"'"), "hf", None, toks[0].rsplit("/", 1)[-1])
            skip_next = not eq
            continue
        if skip_next:
            skip_next = False
            continue
        found = _model_flag(flag) if (is_server or flag != "-m") else None
        if found is not None:
            loads_model = True
            value = val if eq else (toks[i + 1] if i + 1 < len(toks) else "")
            if value and not value.startswith("-"):
                hint, role = found
                tagged = _HUB_QUANT_TAG.fullmatch(value) if flag in _LLAMA_CPP_HF_FLAGS else None
                if tagged is not None:
                    value = tagged.group(1)  # llama.cpp's `-hf org/name-GGUF:Q4_K_M`: the repo, a quant picked in it
                if _local_model_dir_arg(flag, value) and classify(value, hint) is None:
                    # `--model_name_or_path merged-sft`, `--sft_model_path ./merged-sft`, `--base_model merged-dpo`: a
                    # flag that takes a model's folder or Hub id, given a local folder a previous step wrote; the flag
                    # says it is a model's whatever the folder is called
                    report(value, "path", role, toks[0].rsplit("/", 1)[-1], Match("model-file", None, 0.5))
                else:
                    report(value, hint, role, toks[0].rsplit("/", 1)[-1])
        elif flag == "-m" and (value := val if eq else (toks[i + 1] if i + 1 < len(toks) else "")) \
                and _m_weight_file(value):
            # `-m medium.bin`, `-m models/ggml-base.en.bin`, `-m qwen2-7b-q4_0.gguf` given to any program (whisper.cpp's
            # and llama.cpp's CLIs, an app's own demo that takes their model file): `-m` is a module or a message
            # elsewhere, so only a weight file's name is read (``_m_weight_file``)
            loads_model = True
            report(value, "path", None, toks[0].rsplit("/", 1)[-1], Match("model-file", None, 0.6))
        elif eq and not flag.startswith("-") and len(flag) < 64 and checkpoint_location(flag, val):
            # an absl / MaxText `key=value` argument (`load_parameters_path=gs://b/…/gemma_7b-it/0/checkpoints/0/items`)
            loads_model = True
            report(val, "path", None, toks[0].rsplit("/", 1)[-1], Match("model-file", None, 0.6))
        elif flag.startswith("--") and len(flag) < 64:
            value = val if eq else (toks[i + 1] if i + 1 < len(toks) else "")
            if value and not value.startswith("-") and checkpoint_location(flag[2:].replace("-", "_"), value):
                # --checkpoint_path=/models/pytorch/llama-2-7b/final/bf16/model.safetensors: that model's weights
                loads_model = True
                report(value, "path", None, toks[0].rsplit("/", 1)[-1], Match("model-file", None, 0.6))
            elif value and not value.startswith("-") and _model_dir_by_name(flag[2:].replace("-", "_"), value):
                # --ckpt_dir /models/Llama-2-13b-chat, --embedding_path /models/bge-large-zh-v1.5
                loads_model = True
                report(value, "path", None, toks[0].rsplit("/", 1)[-1])
            elif value and _FLAG_WEIGHT_FILE.fullmatch(value) and _NOT_INPUT_FLAG.search(flag) is None:
                # a weight file given to any flag (`--vae /models/ae.safetensors`, `--mmproj mmproj-f16.gguf`, `--llm
                # /models/qwen3-4b-q8_0.gguf`): a single-file format that holds nothing but a model's weights
                loads_model = True
                report(value, "path", None, toks[0].rsplit("/", 1)[-1], Match("model-file", None, 0.6))
    if named_outputs and not loads_model and (
            toks[0].startswith("--") or (toks[0].endswith("=") and len(toks) > 1 and toks[1].startswith("--"))):
        # an arguments-only string (`--output_dir …`, `training_args=  --output_dir …`): its own outputs
        outputs = named_outputs
        loads_model = True
    else:
        outputs.extend(named_outputs)
    if loads_model:
        for value in outputs:
            # the model the command writes (an export, a quantisation, a merge): a local model directory
            report(value, "path", None, toks[0].rsplit("/", 1)[-1], Match("model-file", None, 0.6))
    if downloads:
        for value in local_dirs:
            # the folder a Hub download of a model fills is that model's folder, whatever it is called
            # (`huggingface-cli download org/RM-v0.1 --local-dir $HOME/models/RM-v0.1`)
            report(value, "path", None, toks[0].rsplit("/", 1)[-1], Match("model-file", None, 0.6))
        for value in included:
            # the weight file the download fetches by name: a file of that model, kept under its folder
            report(value, "path", None, toks[0].rsplit("/", 1)[-1], Match("model-file", None, 0.6))
    at = 1 if lowered[:1] == ["sudo"] else 0  # `sudo docker run …`
    if lowered[at:at + 1] in (["docker"], ["podman"]) and lowered[at + 1:at + 2] in (["run"], ["create"]):
        # a bind mount of a model's folder (`--mount type=bind,source=${QWEN_CHECKPOINT_PATH},target=/data/Qwen-Chat`,
        # `-v $MODEL_PATH:/opt/models/Llama-3-8B`): the folder it is mounted at is that model inside the container
        for i in range(at + 2, min(len(toks) - 1, 258)):
            tick()
            if lowered[i] in ("-v", "--volume", "--mount"):
                target = _mounted_model_dir(toks[i + 1])
                if target is not None:
                    report(target, "path", None, "docker", Match("model-file", None, 0.6))
        # `docker run -e LLM_MODEL=vicuna-13b …`: the container's environment, read like an env file's
        for i in range(2, len(toks) - 1):
            if lowered[i] in ("-e", "--env"):
                key, eq, val = toks[i + 1].partition("=")
                if eq and val and is_model_key(key.lower()):
                    tick()
                    report(val, "key", None, None)
    if lowered[:1] in (["docker"], ["podman"]) and "run" in lowered[1:3]:
        # `docker run … <vllm image> meta-llama/Llama-3.1-8B-Instruct --port 8200`: the container's own
        # arguments; only values that are unmistakably Hub repos count (known org, model-like name)
        for tok in toks[2:]:
            hit = classify(tok, "none") if "/" in tok and not tok.startswith(("-", "/", ".", "~", "$")) else None
            if hit is not None and hit.kind == "hf-repo" and hit.confidence >= 0.9:
                report(tok, "hf", "generation", "docker")
    if is_server:
        # a local model directory passed positionally: `python finetune.py data /models/chatglm3-6b cfg.yaml`
        for i, tok in enumerate(toks[1:], 1):
            if _ABS_PATH.match(tok) and not toks[i - 1].startswith("-"):
                report(tok, "none", None, None)
    reported = {f.raw for f in collector.findings}
    # the program's first word: `NAME=value` words before it are variables set for it (or the line is an assignment
    # alone), which scan_assignment reads by their names (`hdfs_path=hdfs://…/gemma-7b-it/` is where a run writes)
    program = next((i for i, tok in enumerate(toks) if not _NAMED_ARG.match(tok)), len(toks))
    if 0 < program < len(toks):
        _prefix_assignments(collector, toks[:program], line, text)
    if program + 1 < len(toks) and toks[program].rsplit("/", 1)[-1] not in _NOT_SETTING_PROGRAMS:
        _named_arguments(collector, toks[program + 1:program + 65], line, text)
    for i, tok in enumerate(toks):
        # a model URI anywhere on the line: `aws s3 sync s3://acme/models/Llama-3.1-70B-Instruct /models`,
        # `wget https://huggingface.co/org/name/resolve/main/x.gguf`, `--url=ollama://qwen2.5:7b`, and a `name=value`
        # argument of the program (`docker build --build-arg source=huggingface://org/name`, `make MODEL=hf://org/name`,
        # a Hydra override `model.uri=s3://…`): the value after its name
        if i < program:
            continue
        value = tok.partition("=")[2] if tok.startswith("-") or _NAMED_ARG.match(tok) else tok
        if "://" in value and value not in reported and is_model_location(value):
            tick()
            report(value, "none", None, None)
            reported.add(value)
        elif value.count("/") >= 3 and value not in reported and is_kaggle_handle(value):
            # a Kaggle Models handle (`-m=google/gemma/maxtext/7b-it/2`): a model by its Kaggle id
            tick()
            report(value, "hf", None, None, Match("hf-repo", "kaggle", 0.7))
            reported.add(value)
    fn = 1 if len(toks) > 1 and _CASE_LABEL.fullmatch(toks[0]) else 0  # `7) read_model_config …` in a case
    if _MODEL_FUNCTION.search(toks[fn]) and "=" not in toks[fn] and not is_server:
        # (not `MODEL_READY=$(oc get llminferenceservice qwen36-35b …)`: an assignment word whose name says model
        # holds what the substituted command prints; the command is another program, its arguments (a Kubernetes
        # object's name) are not that function's; the variable itself is read by scan_assignment)
        # a script's own function that takes a model (`read_model_config "Kimi" "kimi-k2.6" "MOONSHOT_KEY"`,
        # `set_model gpt-5.4`): its arguments that carry a version or size; a bare word there is a label, and a
        # flag's value is the flag's
        for i in range(fn + 1, min(len(toks), fn + 17)):
            tok = toks[i]
            tick()
            if (not tok.startswith("-") and not toks[i - 1].startswith("-") and "$" not in tok and "/" not in tok
                    and re.search(r"\d", tok) and not _CONST_ARG.fullmatch(tok)):
                report(tok, "key", None, None)
    done = {f.raw for f in collector.findings}
    # how often each value was reported by the rules above, and how often a long flag has passed it so far: a model
    # passed under two flags (`--test_generator o1-mini … --generator o1-mini`) is two uses, each reported once
    prior = collections.Counter(f.raw for f in collector.findings)
    passed: collections.Counter[str] = collections.Counter()

    def exact_flag_value(flag: str, value: str) -> None:
        """``value`` passed under the long flag ``flag`` (lower-cased): reported when it is exactly a model the
        knowledge base records (_exact_known_model) and the flag does not name a place."""
        passed[value] += 1
        if (value and passed[value] > prior[value] and not _PLACE_FLAG.search(flag)
                and lowered[0] not in _NOT_MODEL_PROGRAMS and not not_models):
            exact = _exact_known_model(value)
            if exact is not None:
                done.add(value)
                report(value, "hf", None, toks[0].rsplit("/", 1)[-1], exact)

    # the folder a reported model is copied or downloaded into (`aws s3 cp s3://acme/bge-m3 /models/bge-m3`) is
    # that model again, not another one
    placed = {f.raw.rstrip("/").rsplit("/", 1)[-1].lower() for f in collector.findings}
    # any command's path arguments that say "model" by their place or their file: a folder under a
    # models / checkpoints / pretrained directory (`mkdir -p /models/org/Qwen2.5-7B-Instruct`, `cd
    # ./pretrained/InternViT-6B`), a weight file (`curl -o Llama-3-8B-Q5_K_M.gguf`, `sha256sum x.gguf`), and
    # `key:path` template pairs whose key is a model or tokenizer folder (`tokenizer_dir:/data/Llama-3-70B/`);
    # identify.classify still needs a family word and a size in the last part
    for i, tok in enumerate(toks[1:257], 1):
        tick()
        if lowered[i - 1] in _LLAMA_CPP_HF_FLAGS and _HUB_QUANT_TAG.fullmatch(tok):
            continue  # `-hf org/name-GGUF:Q4_K_M`: the flag rule above read its repo, the quant is no model of its own
        if tok.startswith("--") and "=" in tok:
            # `--api_name=Qwen/Qwen2.5-Coder-7B-Instruct`: the flag rule below, written with `=`; such a word is a flag
            # holding its own value, never the value of the word before it (a switch such as `--no_cache`, or
            # `--n=1`, that holds its own: `--n=1 --generator=o1-mini` was read as `--n=1`'s value and dropped)
            exact_flag_value(tok.partition("=")[0].lower(), tok.partition("=")[2].strip("\"'"))
        elif toks[i - 1].startswith("--") and "=" not in toks[i - 1]:
            # a long flag's value: the flag rules above decide (`--local-dir`, `--hf-file`, `--output`), unless it is
            # exactly a model the knowledge base records, under whatever flag (`--api_name Qwen/Qwen2.5-Coder-7B-Instruct`)
            exact_flag_value(lowered[i - 1], tok)
            continue
        for piece in tok.split(",") if "," in tok else (tok,):
            tick()  # a token of a million comma-separated pieces is a million steps
            key, colon, rest = piece.partition(":")
            if colon and key.startswith(("/", "./", "../", "~/")) and (rest.startswith("/") or not rest):
                piece = key  # a bind mount `host:container[:ro]` (docker -v): the host folder; `host:` too
            if colon and _PIECE_KEY.fullmatch(key) and rest.startswith(("/", "./", "~/")):
                if rest not in done:
                    done.add(rest)
                    report(rest, "path", None, None)
            elif (piece not in done and not piece.startswith("-") and _is_model_path_arg(piece)
                  and piece.rstrip("/").rsplit("/", 1)[-1].lower() not in placed):
                done.add(piece)
                report(piece, "none", None, None)
            elif piece not in done and _RELATIVE_WEIGHT.match(piece) and not _NOT_MODEL_FILE.search(piece):
                # a weight file written relative to the working folder, in a models folder (a converter's input and
                # output: `convert_pytorch_to_ggml.py model/RWKV-4-World-0.4B.pth model/rwkv_ggml_f16.bin`)
                done.add(piece)
                report(piece, "path", None, None, Match("model-file", None, 0.6))
            elif (piece not in done and "/" in piece and not piece.startswith(("-", "/", ".", "~", "$"))
                  and lowered[0] not in _NOT_MODEL_PROGRAMS and is_known_hub_repo(piece)):
                # any command's argument that is a Hub repo the knowledge base knows (a script's own helper:
                # `prompt_for_env_var "LLM_MODEL_ID" "Enter the LLM_MODEL_ID" "meta-llama/Meta-Llama-3-8B-Instruct"`)
                done.add(piece)
                report(piece, "hf", None, None)
    # past that window, a long flag's value is still read for the exact-known-model rule: a command continued over
    # hundreds of lines (`python eval.py \` then one `--flag value \` a line) or a one-line `for` loop of many items
    # (`for t in t1 … t300; do python r.py --judge o1-mini; done`) passes its model after the 256th word, and the
    # window dropped it silently (redteam25). Each word is a budget step, so a line of a million flags ends in the
    # file's reported analysis-budget skip, never a silent loss
    for i in range(257, len(toks)):
        tick()
        tok = toks[i]
        if tok.startswith("--") and "=" in tok:
            exact_flag_value(tok.partition("=")[0].lower(), tok.partition("=")[2].strip("\"'"))
        elif toks[i - 1].startswith("--") and "=" not in toks[i - 1]:
            exact_flag_value(lowered[i - 1], tok)
    for url_match in _URL_WORD.finditer(command):
        tick()
        if url_match.group(0) in reported:
            continue  # a hub address of a model, reported as the model above
        col = text.find(url_match.group(0))
        collector.endpoint(url_match.group(0), line, (col + 1) if col >= 0 else 1)


class ShellSource:
    id = "shell"
    description = "Shell scripts that serve or download models (vllm serve, ollama pull, huggingface-cli download)"
    samples: tuple[Sample, ...] = (
        Sample("scripts/serve.sh", "#!/bin/sh\nvllm serve Qwen/Qwen2.5-7B-Instruct --port 8000\nollama pull bge-m3\n",
               ("Qwen/Qwen2.5-7B-Instruct", "bge-m3")),
        Sample("scripts/bench.sh", '#!/bin/sh\nBENCHMARK_MODEL="qwen-plus"\nexport EMBED_MODEL=${EMBED_MODEL:-bge-m3}\n',
               ("qwen-plus", "bge-m3")),
        Sample("scripts/build.sh", "#!/bin/sh\ndocker build -t vllm/vllm-openai:latest .\nls -m data\n", ()),
        Sample("scripts/env.sh", "#!/bin/sh\nMODEL_DIR=/tmp/out\nMODEL_COUNT=3\nLOCAL_RERANK_MODEL_NAME=rerank\n", ()),
        Sample("scripts/fetch.sh", "#!/bin/sh\naws s3 sync s3://acme-models/llm/Llama-3.1-70B-Instruct /models\n",
               ("s3://acme-models/llm/Llama-3.1-70B-Instruct",)),
        Sample("scripts/logs.sh", "#!/bin/sh\naws s3 cp s3://acme-logs/2024/ ./logs --recursive\n", ()),
        Sample("examples/export.sh", "swift export \\\n  --model_id_or_path Qwen/Qwen2.5-7B-Instruct \\\n"
               "  --quant_method gptq \\\n  --output_dir Qwen2.5-7B-Instruct-GPTQ-Int4\n",
               ("Qwen/Qwen2.5-7B-Instruct", "Qwen2.5-7B-Instruct-GPTQ-Int4")),
        Sample("scripts/start.ps1", 'param([string]$Model = "qwen-max")\n$env:EMBED_MODEL = \'bge-m3\'\n'
               "ollama pull llama3.1:8b\n", ("qwen-max", "bge-m3", "llama3.1:8b")),
        Sample("scripts/start.bat", '@echo off\nSET "CHAT_MODEL=gpt-4o-mini"\nset MODEL_DIR=%~dp0models\n',
               ("gpt-4o-mini",)),
        Sample("scripts/sync.sh", "#!/bin/sh\nrsync -a /mnt/share/ ./ --output-dir Llama-3-8B-Instruct\n"
               "python train.py --max_model_len 4096 --output_dir output/run-7b\n", ()),
    )

    def applies_to(self, path: str) -> bool:
        # a Slurm batch script (serve.slurm, train.sbatch) is a shell script with #SBATCH comments
        # a Windows batch file's command lines read the same way (`huggingface-cli download org/name --local-dir x`)
        # and so do PowerShell scripts' (`ollama pull $model`, `python server.py --model qwen2.5:7b`)
        # and a Makefile's recipes (`\tdocker model pull ai/qwen3:14B-Q6_K`) and variables (`MODEL ?= qwen2.5:7b`)
        return path.endswith((".sh", ".bash", ".zsh", ".slurm", ".sbatch")) or path.lower().endswith(WINDOWS_SCRIPTS) \
            or is_makefile(path)

    def scan(self, file: SourceFile) -> Iterable[Finding | Skip]:
        out: list[Finding | Skip] = []
        try:
            self._scan(file, out)
            if "served" in file.text:
                out.extend(_served_names_called(file, out))
            if "hisper" in file.text and _WHISPER_WORD.search(file.text):
                out.extend(_whisper_size_tests(file))
            if "env" in file.text.lower():
                out.extend(_env_file_writes(file))
            if "[" in file.text or "test" in file.text:
                out.extend(_model_tests(file))
            spent = budget().spent  # scan_command_line leaves the budget spent for the next step: the last line has none
            if spent:
                raise BudgetExceeded(spent)
        except BudgetExceeded as exc:  # keep the lines read so far, and say where it stopped
            out.append(budget_skip(file.path, self.id, exc, "stopped; findings so far kept"))
        # one value read by two of the line's rules (a JSON body's `model:` key and the command's arguments) is
        # one reference
        seen: set[tuple[int, int, str]] = set()
        unique: list[Finding | Skip] = []
        for item in out:
            if isinstance(item, Finding):
                if (item.line, item.column, item.raw) in seen:
                    continue
                seen.add((item.line, item.column, item.raw))
            unique.append(item)
        return unique

    def _scan(self, file: SourceFile, out: list[Finding | Skip]) -> None:
        tick = budget().tick
        # a continued command's pieces, joined once it ends (`pending += piece` copied the command per line)
        pending: list[str] = []
        pending_len = 0
        start = 0
        # (offset in the joined command, physical line, indentation) of each piece of a continued command
        pieces: list[tuple[int, int, int]] = []
        lower_path = file.path.lower()
        batch = lower_path.endswith(WINDOWS_SCRIPTS)  # no `\` continuation lines there
        make = is_makefile(file.path)
        # a batch file continues a line with `^`, PowerShell with a backtick; `rem` / `::` and `<# … #>` comment
        cont = "`" if lower_path.endswith(_PS_EXT) else "^" if batch else "\\"
        block_comment = False
        # a bash array open over several lines: its name and how many more lines may hold its items
        array: tuple[str, int] | None = None
        capped = budget().stop_if_capped  # past the findings cap no later line's finding could be kept
        for number, raw in enumerate(file.text.splitlines(), 1):
            capped()
            tick()
            stripped = raw.strip()
            if array is not None and not pending:
                close = raw.find(")")
                inside = raw[:close] if close >= 0 else raw
                if inside.lstrip().startswith("-") and not is_model_key(array[0]):
                    # an array of a launcher's arguments written one flag a line (Megatron / slime / verl scripts:
                    # `CKPT_ARGS=(` then `--hf-checkpoint /root/Qwen3-8B/`, later spliced in as "${CKPT_ARGS[@]}"):
                    # each line is read as arguments of the command it is spliced into
                    out.extend(scan_command_line(file, inside.strip(), number, f"{self.id}-command", line_text=raw))
                else:
                    out.extend(array_items(file, raw, number, f"{self.id}-variable", array[0], 0, len(inside)))
                array = None if close >= 0 or array[1] <= 1 else (array[0], array[1] - 1)
                continue
            if not pending:
                start = number
                pieces = []
            if batch and not pending:
                block_comment, skip = _windows_comment(stripped, block_comment)
                if skip:
                    continue
            if stripped.startswith("#") and not pending:
                continue
            pieces.append((pending_len, number, len(raw) - len(raw.lstrip())))
            if stripped.endswith(cont):
                pending.append(stripped[:-1] + " ")
                pending_len += len(stripped)
                continue
            if make and not pending:
                if raw.startswith("\t"):
                    # a recipe line: make's `@` (silent), `-` (ignore errors) and `+` prefixes are not the program
                    stripped = stripped.lstrip("@+-").lstrip()
                else:
                    assigned = _MAKE_ASSIGN.match(raw)
                    if assigned is not None:
                        # `MODEL ?= qwen2.5:7b` is MODEL=qwen2.5:7b written at the value's own column
                        name, at = assigned.group(1), assigned.start(2)  # RE2: spans by group number
                        value = assigned.group(2).rstrip()
                        if value and not stripped.endswith(cont):
                            out.extend(scan_assignment(file, " " * max(0, at - len(name) - 1) + name + "=" + value,
                                                       number, f"{self.id}-variable"))
                        continue
            command = "".join(pending) + stripped
            pending, pending_len = [], 0
            if (batch or "azd env set" in raw) and start == number:
                out.extend(scan_windows_assignments(file, raw, number, f"{self.id}-variable"))
            if ":" in raw and ("odel" in raw or "/api/" in raw):
                out.extend(_scan_key_values(file, raw, number, f"{self.id}-json"))
            if "^" in raw and "$" in raw:
                out.extend(_scan_exact_patterns(file, raw, number, f"{self.id}-pattern"))
            if command and start == number and "=(" in raw and (opened := _ARRAY_OPEN.match(raw)) is not None:
                # MODELS=( then one item a line: this line's items, then the next lines' up to the `)`
                out.extend(array_items(file, raw, number, f"{self.id}-variable", opened.group("name"),
                                       opened.start(2), opened.end(2)))
                array = (opened.group("name"), ARRAY_MAX_LINES)
                continue
            if command and start == number:
                out.extend(scan_assignment(file, raw, number, f"{self.id}-variable"))
                if "=" in raw and "make" in raw.lower() and (call := _MAKE_CALL.search(raw)) is not None:
                    # `$(MAKE) pull MODEL=llama2:latest`, `make run LLM_MODEL=qwen2.5:7b`: make's command-line
                    # variables, which override the Makefile's; each read as that assignment, its value in its column
                    # (read alone, then moved to its column: a line of 20,000 such words padded each one to the
                    # line's length, quadratic, past 120 s)
                    for over in _MAKE_OVERRIDE.finditer(raw, call.end()):
                        out.extend(replace(f, column=f.column + over.start(1)) for f in scan_assignment(
                            file, over.group(1) + "=" + over.group(2), number, f"{self.id}-variable"))
                if stripped.startswith("echo") and (ci := _CI_ENV_ECHO.match(raw)) is not None:
                    # `echo "MODEL_URL=oci://…/llama3.2:1b" >> $GITHUB_ENV`: a CI step setting a variable for the
                    # job's later steps (GitHub Actions' environment and output files), read as that assignment with
                    # its value in its column
                    name, value = ci.group(1), ci.group(2)
                    out.extend(scan_assignment(file, " " * ci.start(1) + name + "=" + value, number,
                                               f"{self.id}-variable"))
                if stripped.startswith("for"):
                    out.extend(scan_for_list(file, raw, number, f"{self.id}-variable"))
            if command and start == number:
                out.extend(scan_command_line(file, command, number, f"{self.id}-command", line_text=raw))
            elif command:
                # a continued command: each value is reported on the physical line it is written on
                found = scan_command_line(file, command, start, f"{self.id}-command")
                if batch:
                    # a `set` / `$env:` / `azd env set` reached through `^` or backtick continuations (`if exist x ^`
                    # then `set MODEL=…` on the next line) sets its variable like one written on a line of its own
                    found += scan_windows_assignments(file, command, start, f"{self.id}-variable")
                at = [p[0] for p in pieces]
                out.extend(_relocate(f, pieces, at) for f in found)
        rest = "".join(pending)
        if rest.strip():
            # the file ends inside a continued command (its last line ends with `\`): the command still runs
            found = scan_command_line(file, rest.strip(), start, f"{self.id}-command")
            at = [p[0] for p in pieces]
            out.extend(_relocate(f, pieces, at) for f in found)


# `echo "NAME=value" >> $GITHUB_ENV` (or `"$GITHUB_OUTPUT"`, `${GITHUB_ENV}`): GitHub Actions reads each `NAME=value`
# line of that file as a variable (an output) the job's later steps see: an assignment, written through echo
_CI_ENV_ECHO = linear(r"""^\s*echo\s+["']?([A-Za-z_]\w*)=([^"'\s]{1,300})["']?\s*>>\s*"""
                      r"""["']?\$\{?(?:GITHUB_ENV|GITHUB_OUTPUT)\}?["']?\s*$""")
# a script writing one line of an env file (azd / CI hooks that prepare an app's `.env`): `echo "NAME=value" >>
# "$api_path/.env"`, PowerShell's `"NAME=value" | Add-Content $apiEnvPath`; the target (a path or variable) names an
# env file. GitHub Actions' own env files are _CI_ENV_ECHO's
_ECHO_ENV_LINE = linear(r"""^\s*echo\s+(?:-[en]{1,2}\s+)?["']?([A-Za-z_]\w*)=([^"'\s$`]+)["']?\s*>>?\s*"""
                        r"""["']?([^"'\s;|&]*[Ee][Nn][Vv][^"'\s;|&]*)["']?\s*$""")
_PS_ENV_LINE = linear(r"""^\s*["']([A-Za-z_]\w*)=([^"'\s$`]+)["']\s*\|\s*"""
                      r"""(?i:add-content|set-content|out-file)\s+(?:-\w+\s+)*["']?([^"'\s;|&]*[Ee][Nn][Vv][^"'\s;|&]*)""")


def _env_file_writes(file: SourceFile) -> list[Finding]:
    """Each env-file line the script writes, judged as the same line in a dotenv file would be (the dotenv reader's
    walker: a model key's value, a value the knowledge base knows under any name), at its own line and column."""
    from modelmap.discover.config_files import Scalar, SourceIds, TreeWalker

    walker: TreeWalker | None = None
    offset = 0
    for line in file.text.split("\n"):
        at, offset = offset, offset + len(line) + 1
        if "=" not in line or len(line) > 2000 or not ("echo" in line or "ontent" in line or "ut-" in line):
            continue
        m = _ECHO_ENV_LINE.match(line) or _PS_ENV_LINE.match(line)
        if m is None or "GITHUB_" in m.group(3):
            continue
        if walker is None:
            walker = TreeWalker(file, SourceIds("shell-env-file", "shell-env-file", "shell-env-file", "shell-command",
                                                "shell-env-file"))
        value = Scalar(m.group(2), at + m.start(2), at + m.end(2))
        walker.scalar(value, m.group(1), None, None, True)
    return walker.collector.findings if walker is not None else []


# a server started under a name of the script's own (`--served-model-name doctor`) and a request in the same script
# that calls the model by that name (`curl …/v1/chat/completions -d '{"model": "doctor", …}'`): the name is the model's
# alias, at both places, though neither reads as a model by itself
# (ASCII classes, no counted repeat: a counted Unicode class makes RE2's DFA run out of memory; lengths checked in code)
_SERVED_NAME = linear(r"""--served[-_]model[-_]name(?:=|[ \t]+)["']?([A-Za-z][A-Za-z0-9_.-]*)""")
_MODEL_FIELD = linear(r"""["']?([A-Za-z_][A-Za-z0-9_-]*)\\?["']?[ \t]*:[ \t]*\\?["']([A-Za-z][A-Za-z0-9_.-]*)\\?["']""")
_SERVED_NAME_MAX = 61
_SERVED_MAX = 16  # served names and uses looked at in one file


# a test comparing a variable with a word (`[[ "$model_size" != "tiny.en" ]]`, `[ "$MODEL" = base ]`, `test $m == x`)
_TEST_COMPARE = re.compile(r"""(?:\[\[?|\btest)\s.{0,400}?""")
_COMPARED = re.compile(r"""["']?\$\{?([A-Za-z_]\w{0,60})\}?["']?[ \t]{0,4}(?:==|!=|=)[ \t]{0,4}(["']?)([\w.-]{1,40})\2"""
                       r"""(?=[\s;\]&|)]|$)""")
# a variable spliced into a whisper.cpp weight file's name (`models/ggml-${model_size}.bin`, `ggml-$MODEL.bin`)
_GGML_SPLICE = re.compile(r"ggml-\$\{?([A-Za-z_]\w{0,60})\}?")
_WHISPER_TESTS_MAX = 64  # size words reported from one script's tests


def _test_comparisons(text: str, tick: Callable[[], None]) -> Iterator[tuple[int, re.Match[str]]]:
    """(line number, ``_COMPARED`` match) for each variable a script's test compares with a word (``[[ "$M" != x ]]``,
    ``test $M = x``), on lines that are not comments and not over 2,000 characters; one budget step a line read."""
    for number, raw in enumerate(text.splitlines(), 1):
        if "$" not in raw or "=" not in raw or len(raw) > 2000 or raw.lstrip().startswith("#"):
            continue
        tick()
        if _TEST_COMPARE.search(raw) is None:
            continue
        for m in _COMPARED.finditer(raw):
            yield number, m


def _whisper_size_tests(file: SourceFile) -> list[Finding]:
    """A Whisper size word a script's test compares a model variable with (``if [[ "$model_size" != "tiny.en" &&
    "$model_size" != "base.en" ]]``), in a script that names Whisper: the checkpoints it branches on, as
    ``MODEL="tiny"`` there is one (scan_assignment). The variable must be named for a model or be spliced into a
    whisper.cpp weight file's name in the same script (``ggml-${model_size}.bin``): a size word compared with any
    other variable (``"$QUALITY" == "small"``) is no model."""
    text = file.text
    spliced = {m.group(1).lower() for m in itertools.islice(_GGML_SPLICE.finditer(text), 256)}
    collector = Collector(file, f"{ShellSource.id}-test")
    for number, m in _test_comparisons(text, collector.budget.tick):
        name, word = m.group(1), m.group(3)
        if not WHISPER_SIZE_WORD.fullmatch(word) or not (is_model_key(name) or name.lower() in spliced):
            continue
        if len(collector.findings) >= _WHISPER_TESTS_MAX:
            return collector.findings
        collector.add(word, number, m.start(3) + 1, Match("other", None, 0.6, "speech"),
                      evidence=(f"compared:{name}", "whisper-size", "file-mentions:whisper"))
    return collector.findings


_MODEL_TESTS_MAX = 64  # models reported from one script's tests


def _model_tests(file: SourceFile) -> list[Finding]:
    """A model a script's test compares a model variable with (``if [ "$MODEL_NAME" = "text-embedding-3-large" ]``,
    ``[[ $LLM_MODEL != gpt-4o ]]``): the script branches on that model, as a Python ``if model == "gpt-4o"`` does.
    Only a variable named for a model and a word that is exactly a model the knowledge base records
    (_exact_known_model); at most ``_MODEL_TESTS_MAX`` a script."""
    collector = Collector(file, f"{ShellSource.id}-test")
    for number, m in _test_comparisons(file.text, collector.budget.tick):
        name, word = m.group(1), m.group(3)
        if not is_model_key(name) or WHISPER_SIZE_WORD.fullmatch(word):
            continue
        hit = _exact_known_model(word)
        if hit is None:
            continue
        if len(collector.findings) >= _MODEL_TESTS_MAX:
            return collector.findings
        collector.add(word, number, m.start(3) + 1, hit, evidence=(f"compared:{name}",))
    return collector.findings


def _commented(text: str, at: int) -> bool:
    """Offset ``at`` of ``text`` is on a comment line (``# curl … -d '{"model": "doctor"}'``)."""
    return text[text.rfind("\n", 0, at) + 1:at].lstrip().startswith("#")


def _served_names_called(file: SourceFile, found: list[Finding | Skip]) -> list[Finding]:
    """The served names (``_SERVED_NAME``) no other rule reported that a request in the same script calls by a model
    key (``_MODEL_FIELD``): each declaration and each such use, as a model's alias. Bounded: the first
    ``_SERVED_MAX`` declarations and uses; a generic word or a placeholder (``--served-model-name model``) is none."""
    text = file.text
    if len(text) > 1_000_000:
        return []
    reported = {(f.line, f.raw) for f in found if isinstance(f, Finding)}
    declared: dict[str, list[int]] = {}
    for n, m in enumerate(_SERVED_NAME.finditer(text)):
        if n >= _SERVED_MAX:
            break
        name = m.group(1).rstrip(".")
        if 2 <= len(name) <= _SERVED_NAME_MAX and not is_generic(name) and not PLACEHOLDER.match(name) \
                and not _commented(text, m.start()):
            declared.setdefault(name, []).append(m.start(1))
    if not declared:
        return []
    used: dict[str, list[int]] = {}
    for n, m in enumerate(m for m in _MODEL_FIELD.finditer(text) if m.group(2) in declared):
        if n >= _SERVED_MAX:
            break
        if "model" in m.group(1).lower() and is_model_key(m.group(1)) and not _commented(text, m.start()):
            used.setdefault(m.group(2), []).append(m.start(2))
    collector = Collector(file, "shell-served-name")
    for name, uses in used.items():
        places = [(text.count("\n", 0, at) + 1, at) for at in declared[name] + uses]
        if any((line, name) in reported for line, _ in places[:len(declared[name])]):
            continue  # the served name reads as a model by itself: the other rules reported it
        for line, at in places:
            if (line, name) in reported:
                continue
            column = at - (text.rfind("\n", 0, at) + 1) + 1
            collector.add(name, line, column, Match("api-model", None, 0.5))
    return collector.findings


# `"model": "deepseek-ai/DeepSeek-R1"` in a JSON body or heredoc, `model: "…"` in a jq filter: a key named like a
# model and a quoted value (escaped quotes too: curl -d "{\"model\": \"qwen-plus\"}")
_KEY_VALUE = linear(r"""["']?([A-Za-z_][\w-]*)\\?["']?\s*:\s*\\?["']([^"'\\\s]{2,200})\\?["']""")


# Ollama's model-management routes (POST /api/pull, /api/show, /api/delete, /api/push) take the model in the request
# body, first as `"name"`, now as `"model"` with `name` still accepted (github.com/ollama/ollama docs/api.md, as_of
# 2026-12-06): on a line that calls one of them, a `"name"` key's value is the model (`curl …/api/pull -d
# '{"name": "phi4"}'`). Not /api/create (the name a new model is given) nor /api/copy (source / destination)
_OLLAMA_MODEL_ROUTE = linear(r"/api/(?:pull|show|delete|push)\b")


def _scan_key_values(file: SourceFile, raw: str, line: int, source_id: str) -> list[Finding]:
    collector = Collector(file, source_id)
    ollama_route: bool | None = None
    for m in _KEY_VALUE.finditer(raw):
        collector.budget.tick()
        key = m.group(1)
        if key == "name":
            if ollama_route is None:
                ollama_route = _OLLAMA_MODEL_ROUTE.search(raw) is not None
            if ollama_route:
                collector.model(m.group(2), line, m.start(2) + 1, hint="key")
            continue
        if "model" in key.lower() and is_model_key(key):
            value, at = m.group(2), m.start(2)
            default = _DEFAULT.match(value) if value.startswith("${") else None
            if default is not None and default.group("default"):
                # `model: "${env://MODEL:-anthropic/claude-…}"` (an mcphost script's front matter): the default
                value, at = default.group("default"), at + default.start("default")
            collector.model(value, line, at + 1, hint="key")
    return collector.findings


# a quoted, anchored regex of nothing but name characters (`pick_first '^gpt-4o-mini$' …`, `grep -q "^llama3:8b$"`,
# `[[ $m =~ '^qwen2.5:7b$' ]]`): such a pattern matches one whole string, written out between its anchors, so the
# script names that string exactly, wherever the pattern goes (a picker, grep, a `=~` test). A pattern with any other
# regex syntax (`^gpt-4\.1-mini$`, `^gpt-5(\.|-).*`, `^o1`) is a family or a prefix: no single name
# The length cap is checked in code, not as `{0,150}`: a counted repeat of a Unicode class makes RE2's DFA exceed
# its memory and print "DFA out of memory" on stderr for every long line (it then falls back to a slower engine).
_EXACT_PATTERN = linear(r"""(["'])\^([A-Za-z0-9][\w.:/-]*)\$(["'])""")
_EXACT_MAX = 151


def _scan_exact_patterns(file: SourceFile, raw: str, line: int, source_id: str) -> list[Finding]:
    collector = Collector(file, source_id)
    for m in _EXACT_PATTERN.finditer(raw):
        collector.budget.tick()
        if m.group(1) == m.group(3) and len(m.group(2)) <= _EXACT_MAX:
            # a bare literal: only a name the knowledge base knows counts (`^main$`, `^v1.2$` are not models)
            collector.model(m.group(2), line, m.start(2) + 1, hint="none")
    return collector.findings


def _relocate(f: Finding, pieces: list[tuple[int, int, int]], at: list[int]) -> Finding:
    """``f`` moved to the physical line of the piece its column falls in; ``at``: each piece's offset in the
    joined command (ascending). A bisect: walking the pieces per finding was findings x lines, outside the budget."""
    i = bisect.bisect_right(at, f.column - 1) - 1
    if i < 0:
        return f
    joined_at, number, indent = pieces[i]
    return replace(f, line=number, column=f.column - 1 - joined_at + indent + 1)
