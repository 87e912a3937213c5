"""Recognise model identifiers by shape *and* knowledge.

A string counts as a model reference when its shape fits one of the identifier kinds and
either the API it reaches expects a model (the ``hint``) or the knowledge base knows the
name. An ``org/name`` string with an unknown org counts only when the API says so, which
keeps GitHub slugs, MIME types, Docker images and file paths out.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Literal
from urllib.parse import SplitResult, urlsplit

from modelmap.knowledge import HF_ROUTER_SUFFIXES, load

if TYPE_CHECKING:
    from modelmap.knowledge.loader import KnowledgeIndex

Hint = Literal["hf", "api", "ollama", "prefixed", "path", "key", "none"]

# three or more capitalised words run together (SenseVoiceSmall), a model repository's CamelCase name
_CAMEL_MODEL = re.compile(r"(?:[A-Z][a-z]{1,20}){3,6}")
# ... not a class's name (app/UserProfileModel, core/ChatServiceProvider): a code type's last word
_CODE_TYPE_TAIL = re.compile(r"(?:Models?|Service|Controller|Config|Handler|Manager|Provider|Client|Factory|Repository|"
                             r"View|Entity|Dto|Schema|Type|Request|Response|Adapter|Helper|Util|Utils|Test|Tests)$")
_ORG_NAME = re.compile(r"[A-Za-z0-9][\w.-]{0,95}/[A-Za-z0-9][\w.+-]{0,127}")
_TAGGED = re.compile(r"(?:[a-z0-9][\w.-]{0,63}/)?[a-z0-9][\w.-]{0,63}:[a-z0-9][\w.-]{0,63}", re.IGNORECASE)
_PLAIN = re.compile(r"[a-z0-9][\w.@:-]{0,127}", re.IGNORECASE)
# a weight file's name may carry `=<number>` (PyTorch Lightning's default `epoch=68-step=50232.ckpt`)
# `.onnx_data` (`.onnx_data_1`…): the external-data file that holds an ONNX graph's weights beside it (Optimum and
# Transformers.js exports: `onnx/model.onnx` + `onnx/model.onnx_data`)
# `.litertlm` (issue 10, held-out-19) is LiteRT-LM's model container (weights, tokenizer and metadata in one file;
# ai.google.dev/edge/litert-lm, as_of 2026-12-05), used for nothing else, so it is as strong as `.tflite`. MediaPipe's
# `.task` bundle is left to the places that say "model files" (config_files' catalogue sections): the word is common
_MODEL_FILE = re.compile(
    # (a Windows drive in front, `D:/models/x.onnx`, as a test or an example on Windows writes its model's path;
    # fastText's compressed `.ftz`, a language-identification model such as lid.176.ftz)
    r"(?:[A-Za-z]:[/\\])?(?:[\w.~@+-]*[/\\])*(?:[\w.@+-]|=(?=\d))+\.(gguf|ggml|safetensors|onnx_data(?:_\d{1,3})?|onnx|"
    r"tflite|litertlm|mlmodel|nemo|llamafile|pt|pth|bin|ckpt|ftz)",
    re.IGNORECASE,
)
# a `.llamafile` (Mozilla's llamafile: a model's weights and the llama.cpp server in one executable, github.com/
# Mozilla-Ocho/llamafile, as_of 2026-12-06) holds one model, as a GGUF does; the other readers already take it
# MediaPipe's LLM Inference bundle (`.task`: weights, tokenizer and metadata; ai.google.dev/edge/mediapipe/solutions/
# genai/llm_inference, as_of 2026-12-06) written as a path (folders before the file), and the quantisation words a
# converted model's file name carries (`-int4`, `_q8`, `-fp16`)
_TASK_BUNDLE_PATH = re.compile(r"(?:[A-Za-z]:)?(?:[\w.~@+-]*/){1,12}([\w.@+-]{1,160})\.task", re.IGNORECASE)
_QUANT_WORD = re.compile(r"(?i)(?:^|[-_.])(?:int[48]|q[2-8](?:_[a-z0-9]{1,3})?|fp16|bf16|f16|f32)(?:$|[-_.])")
# a Hub repository's name that ends in the format or quantisation a model was converted to (`whisperkit-coreml`,
# `Llama-3.2-1B-Instruct-GGUF`, `phi-3-mini-onnx`, `Qwen2.5-7B-Instruct-AWQ`, `gemma-2b-it-mlx`, `…-litert-lm`): the
# word says the repository holds model weights in that format
CONVERTED_REPO_TAIL = re.compile(r"(?i)[-_.](?:coreml|gguf|ggml|mlx|onnx|awq|gptq|exl2|openvino|tflite|litert(?:-lm)?|"
                                 r"ct2|mlc|(?:mlx-)?[2348]bit)$")
_STRONG_FILE_EXT = {"gguf", "ggml", "safetensors", "onnx", "tflite", "litertlm", "mlmodel", "nemo", "llamafile"}
_TEMPLATE = re.compile(r"[{}$<>%|\\`*?]|\.\.\.|^-|^\.")
_SIZE = re.compile(r"(^|[-_.:])\d+(\.\d+)?[bmk]($|[-_.])|x\d+b|(^|[-_.])v\d", re.IGNORECASE)
_TOKEN_SPLIT = re.compile(r"[-_./:@]+")
_KEY = re.compile(
    r"(?i)(?:.*[_.-])?(?:model|models|model[_-]?name|model[_-]?id|modelname|modelid|model[_-]?path|repo[_-]?id|"
    # a list of them (llm_model_ids: [openai-main/gpt-4o-mini, …], MODEL_NAMES, model_paths)
    r"model[_-]?(?:ids|names|paths)|modelids|modelnames|"
    r"(?:pretrained[_-]?)?model[_-]?name[_-]?or[_-]?path|"
    # the Hub-id-or-folder pair a serving config or trainer loads (llm-on-ray `model_id_or_path:` beside
    # `tokenizer_name_or_path:`; HF's own `tokenizer_name_or_path` argument): a tokenizer is loaded from a model repo
    r"model[_-]?id[_-]?or[_-]?path|tokenizer[_-]?(?:name|id)[_-]?or[_-]?path|"
    # verl's SFT trainer loads the model to fine-tune from `model.partial_pretrain` (a Hub id or a local folder)
    r"partial[_-]?pretrain|"
    # the Hub repository a tokenizer is loaded from (`LLMConfig(tokenizer_hub="Quivr/llama3-tokenizer-new")`, a
    # `tokenizer_repo_id`): a Hub model repository whatever it holds, passed to from_pretrained
    r"tokenizer[_-]?(?:hub|repo(?:[_-]?id)?)|"
    r"embedding[_-]?model|embed[_-]?model|llm[_-]?model|chat[_-]?model|rerank(?:er)?[_-]?model|base[_-]?model|"
    # OpenAI's legacy `engine=` (and Azure's deployment as `engine`) is the model; a bare `engine_name` is an app's name
    # for its own engine or backend (a TTS / STT library's `self.engine_name = "pocket_tts_gpu"`, a container engine's
    # `engine_name = "podman"`): no model's place
    r"deployment[_-]?name|(?<![_.-])engine(?![_-]?name$)|"
    r"(?:llm|chat|completions?|embeddings?|embed|openai|azure|gpt|text)[_-]?engine|"
    r"llm|embedder|reranker|model[_-]?repo|model[_-]?url|adapter[_-]?name|"
    r"adapter[_-]?name[_-]?or[_-]?path|adapter[_-]?path|lora[_-]?path|peft[_-]?model[_-]?(?:id|path)|"
    # a LoRA adapter's Hub id as LoRAX / TGI / Predibase requests name it (adapter_id), or a registry's lora_id
    r"adapter[_-]?id|lora[_-]?id|"
    r"lora[_-]?(?:name|adapter)|model[_-]?uri|storage[_-]?uri|model[_-]?dir(?:ectory)?|model[_-]?location|"
    r"model[_-]?source|model[_-]?checkpoint|asr[_-]?model|tts[_-]?model|speech[_-]?model|whisper[_-]?model|"
    r"vision[_-]?model|vlm|model[_-]?version|model[_-]?alias|"
    # one build of a model for a device (Foundry Local's `GetModelVariantAsync("qwen2.5-0.5b-instruct-generic-cpu:4")`,
    # a `model_variant` setting): a model id itself
    r"model[_-]?variant|"
    # the weights file a loader opens (ialacol's DEFAULT_MODEL_FILE beside DEFAULT_MODEL_HG_REPO_ID, ctransformers'
    # `model_file=`, a GGUF loader's `model_file`): named for the model's file, as model_path is
    r"model[_-]?file|"
    # one of an app's models named by the tier or turn it serves, the model word first (deepwiki-rs's
    # `--model-efficient` / `--model-powerful`, a script's MODEL_FAST, MODEL_FALLBACK): a model id, as `fast_model` is
    r"models?[_-]?(?:efficient|powerful|fast|smart|cheap|strong|weak|primary|secondary|fallback|backup))(?:[_-]?name)?"
    # numbered (MODEL1, LLM_MODEL_2): one of several models a service loads side by side
    r"(?:[_-]?\d{1,2})?"
)
_NOT_MODEL_WORDS = {
    "true", "false", "none", "null", "default", "auto", "latest", "string", "text", "json", "model", "models", "name",
    "openai", "anthropic", "ollama", "azure", "google", "gemini", "huggingface", "local", "custom", "test", "mock",
    "fake", "dummy", "example", "your-model", "your_model", "my-model", "model-name", "model_name",
}
# speech-recognition engines (Python packages and C++ ports that run Whisper-family checkpoints): an app's choice of
# backend (`asr_model == "Faster-Whisper"`, `engine: whisper_cpp`), the checkpoint a setting of its own (`model_path:
# large-v3-turbo`); faster-whisper-<size> / ggml-<size>.bin are checkpoints and are read elsewhere
_SPEECH_ENGINES = frozenset({
    "faster-whisper", "faster_whisper", "fasterwhisper", "whisper-cpp", "whisper_cpp", "whispercpp", "whisper.cpp",
    "whisperx", "insanely-fast-whisper", "pywhispercpp",
    # speech-synthesis engines named as an app's backend choice (`model_name == 'Edge-TTS'`): the package and online
    # service that speaks with a voice (`zh-CN-XiaoxiaoNeural`), no model id (the snake_case key is _ENGINE_KEY's)
    "edge-tts", "edgetts",
})
# Words that say what a model does or how it is packed, never which model it is: a value made only of
# these ("embed", "rerank", "chat-vl") is a service or role name, not a model.
_GENERIC_WORDS = frozenset({
    "embed", "embeds", "embedding", "embeddings", "embedder", "rerank", "reranker", "reranking", "chat", "instruct",
    "coder", "code", "math", "vl", "vision", "tts", "asr", "ocr", "diffusion", "gguf", "awq", "gptq", "mlx", "onnx",
    "sentence", "distil", "moe", "base", "llm", "lm", "models", "model", "large", "small", "medium", "mini", "tiny",
    "pro", "plus", "max", "turbo", "lite", "flash", "preview", "latest", "service", "server", "api", "4bit", "8bit",
})
# "7b", "70B", "405": a size alone names no model; nor a mixture-of-experts' active-parameter part ("a3b", "A2.7B"
# split at the dot: "a2", "7b"), so "moe-a2.7b" and "30B-A3B" (a variant's size, as a CLI's choice) name none
_BARE_SIZE = re.compile(r"\d+(?:\.\d+)?[bmkt]?|a\d+b?")
# a family word with its size in billions of parameters fused on (qwen30b, llama70b, mistral7b, qwen2.5-free: no)
_FUSED_SIZE = re.compile(r"([a-z]{3,12})(\d{1,3}(?:\.\d)?)b")
_VERSION_TAIL = re.compile(r"v?\d+(?:\.\d+)*$")
# a version alone, also written with `_` (`V2`, `v1.5`, `V3_5`: an edition code in a ModelVersion setting or a case label)
_VERSION_CODE = re.compile(r"v?\d+(?:[._]\d+)*")
# names written where a model goes that stand for none: "your-model", "<model>", test doubles
PLACEHOLDER = re.compile(r"(?i)^(?:your[-_ ]|<|\[|\{|\$|%|xxx|todo|changeme|replace[-_ ]?me"
                         # test doubles' names: test-model-1, fake_model, mock-model-full, model-a, model_2
                         # (also with a tag: a fallback test's `unknown-model:latest`)
                         r"|(?:test|fake|dummy|mock|stub|sample|example|my|some|other|unknown)[-_ ]?models?(?:$|[-_ :])"
                         # a user's own file named for what it is (a test's `my-gguf-model.gguf`, `my_custom_model.bin`)
                         r"|my[-_][\w.-]{0,60}?[-_]models?(?:$|[-_.])"
                         # a fill-in Hub path: both parts fill-in words (`org/repo/model-Q8_0.gguf`, `user/repo`), or
                         # an owner that is nobody in particular (`someone/llama-7b/llama-q8.gguf`)
                         r"|(?:org|owner|user|username|namespace)/(?:repo|repository|name|model)(?:$|/)"
                         r"|(?:someone|somebody)/"
                         # a Hub path whose repository part is the fill-in word itself (a parser test's
                         # `openai/model-name`, `org/model_id`, `hf-user/repo-name`)
                         r"|[\w.-]{1,96}/(?:model|repo)[-_]?(?:name|id)$"
                         # a numbered stand-in id (`model-id-0`, `model_id_2`: a listing fixture's entries)
                         r"|models?[-_ ]?(?:ids?[-_ ]?)?[a-z0-9]$"
                         # a role or provider word marked as a test double: rerank-test, vlm-test, test-embedding,
                         # dummy-q2-gpt35, fake-llm; a value a test makes wrong or other on purpose:
                         # invalid-model-id-without-slash, nonexistent-model, different-id
                         # an app's or a library's own name marked as a test double (a mocked reply's `spezi-mock`,
                         # `acme-fake`, `llm-stub`)
                         # (`text-embedding-test`: two or three words before it)
                         r"|(?:[a-z]{2,12}[-_]){0,3}tests?$|(?:[a-z]{2,12}[-_])(?:mock|fake|stub|dummy)s?$"
                         # a fill-in after a prefix (an endpoint id's `ep-xxx`, `model-xxxx`)
                         r"|[a-z]{1,12}[-_]x{3,}$"
                         r"|(?:test|fake|dummy|mock|stub|invalid|bogus|nonexistent|"
                         # a test double that replays set answers (scripted-judge, canned-llm)
                         r"non-existent|different|scripted|canned|"
                         # a test's value that says what the test expects of it (should-be-filtered, should-not-matter)
                         r"should)[-_]"
                         # a test's value for a model that is not there: does-not-exist, not-found-model
                         r"|(?:does[-_]?)?not[-_]?(?:exists?|found)(?:$|[-_])"
                         # an example's own object, named for what it is (a Bedrock ARN's `inference-profile/my-profile`)
                         r"|my[-_ ]?(?:profile|deployment|endpoint|resource|project|agent|app)s?$"
                         # … or a family's name made wrong on purpose further in (a test's `claude-invalid-model-12345`,
                         # `gpt-nonexistent`), or a family word and a fill-in word (`EMBED-something`, `gpt-whatever`)
                         r"|[\w.-]{1,40}?[-_](?:invalid|nonexistent|non-existent|bogus)(?:$|[-_])"
                         r"|[\w.-]{1,40}?[-_](?:something|whatever|anything)$"
                         # a test's stand-in value named for the setting it fills and the word value
                         # (`EMBEDDINGS_MODEL_NAME: "embedding_model_name_value"`, `model_value`): a fixture's echo
                         r"|[a-z][a-z0-9]{0,20}(?:_[a-z0-9]{1,20}){0,5}_value$)")
_LOCAL_PATH = re.compile(r"^(?:[A-Za-z]:[\\/]|/|~/|\.{1,2}[\\/]|\$\{\w+\}[\\/]|\$\w+[\\/])|\\")
_URL_FILE_EXT = {"gguf", "ggml", "safetensors", "onnx", "tflite", "mlmodel", "nemo", "pt", "pth", "ckpt"}
# ... and the file names an ONNX export gives every model (Optimum: `model_optimized.onnx` from ORTOptimizer,
# `model_quantized.onnx` from ORTQuantizer, `encoder_model.onnx`, `decoder_with_past_model.onnx`,
# `decoder_model_merged.onnx`; Transformers.js v3 adds one file per dtype, `model_fp16 / _int8 / _uint8 / _q4 / _q4f16 /
# _bnb4.onnx`, huggingface.co/Xenova/tiny_starcoder_py/discussions/2, as_of 2026-12-04; sherpa-onnx's releases write
# the dtype after a dot, `model.int8.onnx`, k2-fsa.github.io/sherpa/onnx, as_of 2026-12-05), and their `.onnx_data`
_GENERIC_WEIGHT_FILE = re.compile(
    r"(?i)(?:pytorch_model|(?:(?:encoder|decoder|decoder_with_past|vision_encoder)_)?model(?:_merged)?|tf_model|"
    # diffusers' default LoRA file (`pytorch_lora_weights.safetensors`, its save_lora_weights / load_lora_weights
    # weight_name, github.com/huggingface/diffusers src/diffusers/loaders/lora_base.py, as_of 2026-12-06), as PEFT's
    # adapter_model
    r"flax_model|adapter_model|pytorch_lora_weights|consolidated|diffusion_pytorch_model|openvino_model|weights?)"
    r"(?:[_.](?:quantized|optimized|fp16|fp32|bf16|int8|uint8|int4|uint4|q4|q4f16|q8|bnb4))?"
    r"(?:[-_.]\d+(?:-of-\d+)?)*\.(?:bin|safetensors|onnx_data(?:_\d{1,3})?|onnx|pt|pth|ckpt|msgpack|h5|gguf)"
)
# a pipeline component's folder inside a model repository (the diffusers layout, huggingface.co/docs/diffusers,
# as_of 2026-12-04): `unet/diffusion_pytorch_model.safetensors`, `text_encoder_2/model.safetensors` name a file of
# whichever checkpoint is loaded, not a model
_COMPONENT_DIR = re.compile(r"(?i)(?:unet|vae|vae_encoder|vae_decoder|text_encoder(?:_\d)?|transformer|prior|"
                            r"image_encoder|safety_checker|controlnet|decoder|movq|audio_encoder|vocoder)")
# a format, device or precision variant's folder inside a model repository (Transformers.js / Optimum ONNX exports
# keep `onnx/model.onnx`; ONNX Runtime GenAI repos `directml/…`, `cpu_and_mobile/…`):
# `onnx/model.onnx`, `onnx/directml/model.onnx` name a file of whichever repository is fetched, not a model
_VARIANT_WORD = r"(?:onnx|openvino|directml|dml|cpu|gpu|cuda|webgpu|npu|cpu_and_mobile|fp16|fp32|bf16|int4|int8|quantized)"
_VARIANT_DIR = re.compile(rf"(?i){_VARIANT_WORD}(?:[/\\]{_VARIANT_WORD}){{0,3}}")
# the stem of a weight file a test or example makes up (`small_model`, `tagged_model`, `sized_model_unique`,
# `model_v1`): "model" with only test / size-free adjectives or a version beside it, which no model is named by
_STAND_IN_FILE = re.compile(
    r"(?i)(?:(?:test|tmp|temp|small|tiny|big|large|tagged|sized|unique|config|dummy|fake|mock|sample|example|my|"
    r"your|new|old|local|custom|default|v\d{1,3}|\d{1,3})[_.-])*model(?:[_.-](?:test|tmp|temp|unique|v\d{1,3}|\d{1,3}|"
    r"copy|backup|new|old))*"
)
# a tensor file named for a numbered test case (`case_01_q1_kv32_baseline.safetensors`, `testcase-3.npz`): a
# conformance suite's recorded inputs and expected outputs, one file a case; a network's weights are named for the
# network, never for the case that checks it
_TEST_CASE_STEM = re.compile(r"(?i)(?:test[_-]?)?case[_-]?\d{1,4}(?:[_.-][\w.-]{0,120})?")
# a tensor file named for the data it holds, not for a network: normalisation statistics (`wav2vec2bert_stats.pt`,
# `mean_std.pt`, `cmvn.pt`, `norm_stats.bin`) and saved feature matrices (`feat1.pt`, `spk_feats.pth`). PyTorch's
# `torch.save` writes any tensor or dict to `.pt` / `.pth` / `.bin`, so these extensions say nothing alone; the last word of the name says what was saved. A model's weights carry no such word
# last (`bigvgan_generator.pt`, `feature_extractor.pt`, `stats_model.pt` end in what the network is), and the strong
# weight formats (gguf, safetensors, onnx, ...) keep their reading whatever the name says
_DATA_TENSOR_STEM = re.compile(
    r"(?i)(?:.*[_.-])?(?:stats?|statistics|mean|means|std|mean[_-]?std|cmvn|feats?\d{0,3}|features?\d{0,3})"
    # a TTS model's speaker table (XTTS's speakers_xtts.pth: the voices' conditioning latents, read by the model)
    r"|speakers?(?:[_.-][a-z0-9]+)?"
)
_DATA_TENSOR_EXT = frozenset({"pt", "pth", "bin"})
# a file inside a Core ML package or compiled model (`llama-2-7b-chat.mlpackage/Data/com.apple.CoreML/model.mlmodel`,
# `…/weights/weight.bin`, `X.mlmodelc/model.mil`): Apple's bundle layout gives every package the same inner names, and
# Core ML loads the bundle, never one of its files, so a path into it names a part (a repository listing's entry, a
# download's expected file), like a checkpoint's generic `model.safetensors`; the bundle itself is read as a model
# where it is named alone
_INSIDE_COREML_BUNDLE = re.compile(r"(?i)\.(?:mlpackage|mlmodelc)[/\\]")
_WEIGHT_STEM = re.compile(
    r"(?i)(?:^|[_.-])(?:pytorch_model|model|tf_model|flax_model|adapter_model|consolidated|ggml-model|weights?|"
    # llama.cpp's multimodal projector (`mmproj-F16.gguf`, `mmproj-<model>-f16.gguf`): a vision encoder's weights that
    # llama-server / llama-mtmd-cli load beside the language model (`--mmproj`), github.com/ggml-org/llama.cpp
    # docs/multimodal.md, as_of 2026-12-06
    r"mmproj|"
    r"checkpoint|ckpt|lora|best|last)(?:$|[_.-])"
)


@dataclass(frozen=True)
class Match:
    kind: str
    provider: str | None
    confidence: float
    role: str | None = None


@dataclass(frozen=True)
class _Vocab:
    api_patterns: tuple[tuple[re.Pattern[str], str, str | None], ...]
    model_tokens: frozenset[str]
    prefixes: dict[str, str]
    # a provider's own id (siliconflow-cn) -> one prefix that names it, for ids that are not prefixes themselves
    provider_ids: dict[str, str]
    ollama_library: frozenset[str]
    local_ports: dict[int, str]
    # every API pattern in one alternation: most values match none, and one fullmatch says so (~1 us instead of
    # one per pattern); None when the patterns cannot be joined
    api_any: re.Pattern[str] | None = None


@cache
def vocab() -> _Vocab:
    rec = load().recognition
    kb = load()
    prefixes = {str(k).lower(): str(v) for k, v in (rec.get("prefixes") or {}).items()}
    for prefix, prov in kb.prefix_index.items():
        prefixes.setdefault(prefix, prov)
    ollama = {str(x).lower() for x in rec.get("ollama_library") or []}
    for alias in kb.alias_index:
        if ":" in alias and "/" not in alias:
            ollama.add(alias.split(":", 1)[0])
    return _Vocab(
        api_patterns=tuple(
            (re.compile(p["pattern"]), p["provider"], p.get("role")) for p in rec.get("api_patterns") or []
        ),
        model_tokens=frozenset(str(t).lower() for t in rec.get("model_tokens") or []),
        prefixes=prefixes,
        provider_ids=_provider_ids(prefixes),
        ollama_library=frozenset(ollama),
        local_ports={int(k): str(v) for k, v in (rec.get("local_ports") or {}).items()},
        api_any=_joined([p["pattern"] for p in rec.get("api_patterns") or []]),
    )


def _provider_ids(prefixes: dict[str, str]) -> dict[str, str]:
    ids: dict[str, str] = {}
    for prefix, prov in sorted(prefixes.items()):
        low = prov.lower()
        # only hyphenated ids (siliconflow-cn, openai-api): a one-word id is its own prefix or no word an app writes
        if "-" in low and low not in prefixes:
            ids.setdefault(low, prefix)
    return ids


def _joined(patterns: list[str]) -> re.Pattern[str] | None:
    try:
        return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None
    except re.error:  # e.g. a global flag inside one pattern: each is tried on its own
        return None


@lru_cache(maxsize=1 << 14)
def is_model_key(key: str) -> bool:
    """Whether a config key / keyword argument name usually holds a model identifier."""
    key = key.strip().strip("\"'")
    return bool(_KEY.fullmatch(key)) and not _FOR_MODEL_KEY.search(key)


# what is written for a model to read, not which model (a ChatGPT plugin manifest's name_for_model and
# description_for_model, an app's instructions_for_llm)
_FOR_MODEL_KEY = re.compile(r"(?i)(?:^|[_.-])for[_.-]?(?:the[_.-]?)?(?:model|llm)s?$")


def is_model_ish(name: str) -> bool:
    """A name that looks like a model (a family word, a size, a version), not a random word."""
    low = name.lower()
    if low in _NOT_MODEL_WORDS:
        return False
    if _SIZE.search(low):
        return True
    tokens = set(_TOKEN_SPLIT.split(low))
    v = vocab()
    if tokens & v.model_tokens:
        return True
    return any(_VERSION_TAIL.sub("", tok) in v.model_tokens for tok in tokens if tok)


def names_family(name: str) -> bool:
    """A word of the name is a model family's (``qwen-image-plus``), not only a role or packaging word
    (``volcano_tts``, ``embed-service``)."""
    v = vocab()
    for tok in _TOKEN_SPLIT.split(name.lower()):
        if tok and tok not in _GENERIC_WORDS and tok not in _NOT_MODEL_WORDS and (
                tok in v.model_tokens or _VERSION_TAIL.sub("", tok) in v.model_tokens):
            return True
    return False


@cache
def _model_words() -> frozenset[str]:
    """Every word (no number) of the model ids, aliases and Hub names the knowledge base holds, and the families':
    the vocabulary model names are made of (``turbo``, ``instruct``, ``exp``, ``preview``, ``mini``)."""
    kb = load()
    words = set(vocab().model_tokens)
    for key in (*kb.alias_index, *kb.hf_index):
        words.update(t for t in _TOKEN_SPLIT.split(key.lower()) if t and not t.isdigit())
    return frozenset(words)


# a family word and one or two plain words, lower case, no digit (`gpt-duration`, `claude-lifecycle`)
_WORDS_ONLY = re.compile(r"[a-z]{2,20}(?:-[a-z]{2,20}){1,2}")


def stand_in_family_name(value: str) -> bool:
    """A test's made-up model name: a family word and then one or two words that no model the knowledge base knows
    is named with, no version, no size (``gpt-duration``, ``gpt-lifecycle``, ``claude-crosspath``: a test names its
    request's model after what the test checks). A real model with no number in its name is made of model words
    (``gpt-turbo``, ``claude-instant``, ``gemini-exp``) or is known by its whole name (``mistral-large``)."""
    low = value.strip().lower()
    if not _WORDS_ONLY.fullmatch(low):
        return False
    tokens = low.split("-")
    if tokens[0] not in vocab().model_tokens:
        return False
    kb = load()
    if low in kb.alias_index or low in kb.hf_index:
        return False
    words = _model_words()
    return not any(t in words for t in tokens[1:])


_DIGIT_SLASH_COLON = re.compile(r"[\d/:]")
_DIGIT_COLON_DASH = re.compile(r"[\d:-]")


def _provider_role_name(low: str) -> bool:
    """Made only of provider words that name no model family (``openai``, ``azure``, ``ollama``, ``vllm``) and role
    words (``chat``, ``embedding``), one provider word at least, no digit: ``openai-chat``, ``azure-openai``. A family
    that is also a provider (``deepseek-chat``, ``mistral-large``) is not one."""
    if len(low) > 60 or _DIGIT_SLASH_COLON.search(low):
        return False
    voc = vocab()
    tokens = [t for t in _TOKEN_SPLIT.split(low) if t]
    providers = [t in voc.prefixes and t not in voc.model_tokens for t in tokens]
    return len(tokens) >= 2 and any(providers) and all(p or t in _GENERIC_WORDS for p, t in zip(providers, tokens,
                                                                                               strict=True))


# the last word of a driver's or preset's name that says it speaks the OpenAI-compatible protocol (`gemini-oai`,
# `qwen-openai-compatible`, `ollama-compat`)
_COMPAT_TAIL = re.compile(r"[-_](?:oai|(?:openai[-_]?)?compat(?:ible)?)$")
# lower-case words joined by `-`, no digit, two or three of them
_PLAIN_WORDS = re.compile(r"[a-z]{2,20}(?:-[a-z]{2,20}){1,2}")


def _provider_family_name(low: str) -> bool:
    """A provider's word that is no model family (``moonshot``, ``xai``, ``openai``) and then family words only, no
    digit, not a name the knowledge base knows: ``moonshot-kimi``, ``xai-grok``."""
    if not _PLAIN_WORDS.fullmatch(low):
        return False
    voc = vocab()
    first, *rest = low.split("-")
    if first not in voc.prefixes or first in voc.model_tokens or not all(t in voc.model_tokens for t in rest):
        return False
    kb = load()
    return low not in kb.alias_index and low not in kb.hf_index and low not in _hub_name_parts()


# an app's speech / language engine key: lower-case snake_case words, the last one a role word (`edge_tts`,
# `sherpa_onnx_asr`, `gpt_sovits_tts`, `ollama_llm`); no `-`, `.`, `/` or `:` (model ids and repo ids have them)
_ENGINE_KEY = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*_(?:tts|asr|stt|llm|vlm)")
# a name written as a constant is (upper-case words joined by underscores, a version's dot allowed: `OPENAI_GPT5`,
# `VERTEX_GEMINI_2.5_PRO`, `AZURE_OPENAI_GPT5_MINI`); a provider's model id is lower- or mixed-case with `-`
DATED_CONSTANT_ID = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*_20\d{6}_V\d+(?:_\d+)?")
_CONSTANT_NAME = re.compile(r"[A-Z][A-Z0-9.]*(?:_[A-Z0-9.]+)+")
# cloud platforms that serve other vendors' models, named first in such keys but not provider ids of their own
_PLATFORM_WORDS = frozenset({"vertex", "vertexai", "azure", "bedrock", "aws", "gcp", "sagemaker", "watsonx"})


@lru_cache(maxsize=1 << 12)
def _registry_key(low: str) -> bool:
    """An LLM router's own key for a configured model, written as a constant (Skyvern's `LLMConfigRegistry`
    keys `OPENAI_GPT5`, `VERTEX_GEMINI_2.5_PRO`, `ANTHROPIC_CLAUDE4_SONNET`; LiteLLM-style routers and .env
    `LLM_KEY=` settings name configs so): a provider or cloud word first, then more words. An app picks a config by
    it; the model id is in the config it names. No provider spells its API's model ids so (they are lower-case or
    mixed with `-`); a few upper-case ids whose first word is no provider (360's `360GPT_S2_V9`) stay, and so does
    a key the knowledge base knows exactly. ``low`` is the value lower-cased."""
    kb = load()
    if low in kb.alias_index or low in kb.hf_index or api_pattern(low) is not None:
        return False
    first = low.split("_", 1)[0]
    voc = vocab()
    return first in _PLATFORM_WORDS or first in voc.prefixes or first in kb.providers


def is_generic(name: str) -> bool:
    """A value made only of role / packaging words or sizes (``embed``, ``rerank``, ``chat-vl``, ``70B``):
    names no model."""
    tokens = [t for t in _TOKEN_SPLIT.split(name.lower()) if t]
    return bool(tokens) and all(t in _GENERIC_WORDS or _BARE_SIZE.fullmatch(t) for t in tokens)


def is_specific(name: str) -> bool:
    """More than a family word: a digit (``llama3``, ``claudev2``) or, besides vendor names, at least two
    words (``qwen-vl-chat``); not ``llama``, ``anthropic.claude`` or ``mistral.mi``."""
    if re.search(r"\d", name):
        return True
    low = name.lower()
    vendor = re.match(r"([\w-]+)[./]", low)
    if vendor and (vendor.group(1) in vocab().prefixes or vendor.group(1) in load().org_index):
        low = low[vendor.end():]
    return len([t for t in _TOKEN_SPLIT.split(low) if t]) >= 2


def api_pattern(low: str) -> tuple[str, str | None] | None:
    voc = vocab()
    if voc.api_any is not None and voc.api_any.fullmatch(low) is None:
        return None
    for pattern, provider, role in voc.api_patterns:
        if pattern.fullmatch(low):
            return provider, role
    return None


def role_from_name(value: str) -> str | None:
    low = value.lower()
    tokens = set(_TOKEN_SPLIT.split(low))
    if tokens & {"rerank", "reranker"} or "rerank" in low:
        return "rerank"
    if (
        tokens & {"embed", "embedding", "embeddings", "bge", "e5", "gte", "minilm", "mpnet", "sentence", "arctic"}
        or "embed" in low
        or low.startswith(("bge-", "baai/bge", "intfloat/", "sentence-transformers/"))
    ):
        return "embedding"
    if tokens & {"whisper", "tts", "asr", "speech", "audio", "wav2vec", "transcribe"} or low.startswith("tts-"):
        return "speech"
    if tokens & {"dall", "stable", "sdxl", "flux", "imagen", "image"} or "diffusion" in low:
        return "image"
    if tokens & {"vl", "vision", "llava", "clip", "siglip", "vit"} or "-vl" in low or "vl-" in low:
        return "vision"
    return None


@lru_cache(maxsize=1 << 14)
def kb_role(value: str) -> str | None:
    """The role the knowledge base records for this exact model id, Hub repo or alias (model, then
    its family); None when the KB does not know the value or gives no role."""
    kb = load()
    low = value.strip().lower()
    mid = kb.hf_index.get(low) or kb.alias_index.get(low)
    if mid is None and ":" in low and "/" not in low:  # ollama tag: name:tag
        mid = kb.alias_index.get(low.split(":", 1)[0])
    model = kb.models.get(mid) if mid else None
    if not isinstance(model, dict):
        return None
    role = model.get("role") or (kb.families.get(model.get("family") or "") or {}).get("role")
    return str(role) if role else None


def decide_role(value: str, *, api_role: str | None = None, match_role: str | None = None,
                key_role: str | None = None) -> str:
    """A finding's role, from the strongest evidence that says one (issue 13):

    1. the API the value reaches (an embeddings call → embedding, a rerank call → rerank, chat → generation);
    2. what the knowledge base records for the model (then the recognition pattern's role);
    3. the model's own name (``…-reranker-…`` → rerank, ``gte-…`` → embedding);
    4. the name of the key or variable that holds it (``RERANK_MODEL``), the weakest: a settings key
       says what a slot is for, not what was put in it.
    """
    return api_role or kb_role(value) or match_role or role_from_name(value) or key_role or "unknown"


# Ollama library names that their publishers also use bare in their own code and servers
# (ChatGLM3's API demo serves "chatglm3"; FlagEmbedding examples say "bge-m3"): not Ollama-specific.
_PUBLISHER_BARE_NAMES = frozenset({"chatglm3", "bge-m3"})


def _api_only(kb: KnowledgeIndex, low: str) -> bool:
    """The alias names a model the knowledge base records as served by an API only (``open_weights: false``, no Hub
    repo): its spelling is the provider's id, whatever its case, never a family word written for people."""
    record = kb.models.get(kb.alias_index.get(low, ""))
    return record is not None and record.get("open_weights") is False and not record.get("hf")


# a Vertex AI model version pin: `<name>@001` (three digits) or `<name>@20240620` (a date)
_VERTEX_VERSION = re.compile(r"([a-z][a-z0-9]*(?:[-.][a-z0-9]+)+)@(?:\d{3}|20\d{6})")
_VERTEX_PATH = re.compile(
    r"(?:projects/[\w.-]{1,100}/locations/[\w-]{1,40}/)?publishers/[\w-]{1,40}/models/[\w.@-]{1,120}")
# words that stand where a name goes without naming anything (`openai/local`, `openai/default`); `auto` is left out:
# OpenRouter's `openrouter/auto` is its router's served id
_SLOT_NAMES = frozenset({"local", "default", "custom", "none", "null", "any", "unknown"})
_HUB_HOST = re.compile(r"(?i)(?:hf\.co|huggingface\.co)/[\w.-]+/[\w.-]+(?::[\w.-]+)?")
HUB_HOST_REF = _HUB_HOST  # a whole Hub reference by host (the classifier's prefix-check rule reads it)
# Ollama's fully qualified model name, host/namespace/model[:tag] (`ollama pull registry.ollama.ai/library/qwen2.5:7b`,
# ollama.com/<user>/<model>:<tag>; github.com/ollama/ollama types/model/name.go, as_of 2026-12-05), written without a
# scheme as Ollama clients and operators parse it; the site's pages (ollama.com/blog/…) and the registry API's paths
# (registry.ollama.ai/v2/…) are no model
_OLLAMA_REF = re.compile(r"(?i)(?:registry\.ollama\.ai|(?:www\.)?ollama\.com)/([\w][\w.-]{0,63})/[\w][\w.+-]{0,127}"
                         r"(?::[\w][\w.-]{0,63})?")
_OLLAMA_SITE_PAGES = frozenset({"search", "blog", "download", "docs", "api", "models", "signin", "signup", "settings",
                                "public", "v2", "pricing", "turbo", "privacy", "terms", "new", "connect", "cloud"})


# an OpenRouter variant suffix after an org/name id (openrouter.ai/docs "model variants": free, nitro, beta, extended,
# thinking, online, floor)
_ROUTER_VARIANT = re.compile(r":(?:free|nitro|beta|extended|thinking|online|floor)$")
_WHITE = re.compile(r"\s")  # the characters str.isspace accepts, exactly (every code point checked)


# Han, kana and Hangul: words of a display label, never part of a provider's model id
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
# a media (MIME) type: one of IANA's top-level types and a subtype (`video/mp4`, `audio/mp3`, `video/3gpp`,
# `application/vnd.api+json`; www.iana.org/assignments/media-types, as_of 2026-12-07), as a model's or an API's list
# of accepted inputs writes them (`SupportedMimeTypes: []string{...}`). Shaped like an org/name Hub id, never one: no
# Hub org or provider is named so. `model/` (glTF's `model/gltf+json`) is left out: apps keep weights under `model/`
_PLAIN_WORD = re.compile(r"[a-z]{2,20}")
_MEDIA_TYPE = re.compile(r"(?i)(?:application|audio|image|video|text|font|multipart|message)/[a-z0-9][\w.+-]{0,80}")


# the last word of a Hub repository's name that says it holds data, not weights (`…-OneVision-Data`, `…-e5-index`,
# `…-eval-leaderboard`, `…_dataset`); the word at the start of a name (`Index-1.9B-Chat`) or inside one names models
_DATA_REPO_TAIL = re.compile(r"(?i)[-_.](?:data|dataset|datasets|index|leaderboard|corpus|benchmark)$")


# a parameter-size word of a name written in snake case (`llama_guard_3_8b`, `chatglm3_6b`, `qwen_1.5_0.5b`)
_SNAKE_SIZE = re.compile(r"(?i)(?:^|_)\d+(?:\.\d+)?[bm](?:_|$)")


# a comma-separated list of `provider/model` selections in one literal or value (`"openai/gpt-4o,anthropic/claude-3-5-
# haiku"`, `"openai/gpt-4o, ollama/llama3.3"`), as a multi-provider tool's default, environment value, settings file
# or parser test writes one: each item is a selection of its own, whatever the list is bound to (a `providers` key, a
# `parseList(…)` argument); no model id holds a comma, so the list as a whole is none. Items are words, paths or tags
# (no `=`, space, quote or bracket: not a DSN, a mount option list nor a sentence); one item at least has a provider
# and a model part, both non-empty, and only those items are read (a parser test's malformed `invalid`, `/bad`,
# `ollama/` are not selections)
_SELECTION_LIST = re.compile(r"[\w.:@/+-]{0,200}(?:, ?[\w.:@/+-]{0,200}){1,64}")
_SELECTION_ITEM = re.compile(r"[A-Za-z0-9][\w.-]{0,60}(?:/[\w.:@+-]{1,200}){1,3}")


def selection_items(value: str) -> list[tuple[int, str]]:
    """The ``provider/model`` items of a comma-separated selection list (``_SELECTION_LIST``), each with its offset
    in ``value``; none when ``value`` is not such a list."""
    if "," not in value or "/" not in value or len(value) > 4000 or _SELECTION_LIST.fullmatch(value) is None:
        return []
    found: list[tuple[int, str]] = []
    start = 0
    for seg in value.split(","):
        lead = len(seg) - len(seg.lstrip(" "))
        if _SELECTION_ITEM.fullmatch(seg[lead:]) is not None:
            found.append((start + lead, seg[lead:]))
        start += len(seg) + 1
    return found


@lru_cache(maxsize=1 << 16)
def classify(value: str, hint: Hint = "none") -> Match | None:
    """Decide whether ``value`` is a model identifier, and of which kind (``_classify``); then, for a bare literal
    nothing else knows, a known Hub model's name spelled with underscores for its hyphens and holding a parameter
    size (SAP AI Core's content filter ``llama_guard_3_8b`` for meta-llama/Llama-Guard-3-8B, Baidu Qianfan's
    ``llama_2_7b``, ``chatglm3_6b``): the provider's or app's id for that model, as an enum or table writes it."""
    if "," in value and selection_items(value):
        return None  # "openai/gpt-4o,anthropic/claude-3-5-haiku": a list of selections, each a model, the list none
    found = _classify(value, hint)
    if found is not None and found.kind == "api-model" and found.confidence < 0.9 and "-" in value \
            and _provider_id(value):
        return None  # `meta-llama`, `together-ai`, `azure-openai`: a provider's id (a prefix table's provider column,
        # a Hub organisation), never a model's, however a family word in it reads
    if (found is None or (found.kind == "hf-repo" and found.confidence < 0.9)) and "/" in value \
            and (region := value.strip().split("/", 1))[0] \
            and is_cloud_region(region[0]) and "/" not in region[1]:
        inner = _classify(region[1], hint)
        if inner is not None and inner.provider == "aws-bedrock" and inner.kind == "api-model" \
                and (hint != "none" or inner.confidence >= 0.9):
            # `us-east-1/anthropic.claude-v2`: a Bedrock model id behind the AWS region it is called in (LiteLLM's
            # `bedrock/<region>/<model>` without its provider word, as a cost table or a parsed model string keeps
            # it): that Bedrock model
            return Match("provider-prefixed", "aws-bedrock", min(inner.confidence, 0.85), inner.role)
    if found is None and hint == "none" and "_" in value and len(value) <= 80 and _SNAKE_SIZE.search(value) \
            and re.fullmatch(r"[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9.]+)+", value.strip()):
        spelled = value.strip().lower().replace("_", "-")
        if spelled in _hub_name_parts() or spelled in load().alias_index:
            return Match("api-model", None, 0.8)
    return found


def _provider_id(value: str) -> bool:
    """``value`` is exactly a provider's id or model-id prefix the knowledge base records, written with hyphens
    (``meta-llama``, ``aws-bedrock``), and no model it knows by that name."""
    from modelmap.discover.peers import is_provider_name

    low = value.strip().lower()
    kb = load()
    return low not in kb.alias_index and low not in kb.hf_index and is_provider_name(low)


def _classify(value: str, hint: Hint = "none") -> Match | None:
    """Decide whether ``value`` is a model identifier, and of which kind.

    ``hint`` says what the API or key that the value reaches expects: ``hf`` (a Hub repo id or
    local path: from_pretrained, SentenceTransformer), ``api`` (a provider API model name),
    ``ollama``, ``prefixed`` (``provider:model``), ``path`` (a model file), ``key`` (a config
    key named like ``model``), or ``none`` (a bare literal: only well-known names count).
    Pure in its arguments (the knowledge index is loaded once), so results are memoised: the
    same literals recur across the files of a repository.
    """
    v = value.strip()
    if not v or len(v) > 200 or _WHITE.search(v):
        return None
    if "://" in v:  # hub / storage URIs and hub addresses: discover.uris; other URLs: _classify_url
        from modelmap.discover.uris import classify_uri
        return classify_uri(v, hint, _classify_url)
    if v.startswith("default-prompt-router/") and _BEDROCK_DEFAULT_ROUTER.fullmatch(v):
        # an Amazon Bedrock default prompt router (`default-prompt-router/anthropic.claude:1`, `…/meta.llama:1`): AWS's
        # serverless endpoint that routes each request between models of one family, called by its ARN where a model
        # id is taken (docs.aws.amazon.com/bedrock/latest/userguide/prompt-routing.html, as_of 2026-12-07)
        return Match("api-model", "aws-bedrock", 0.85)
    if hint != "none" and v.startswith("ai/") and v.count("/") == 1:
        # `ai/phi4:14B-Q4_0`, `ai/qwen3:14B-Q6_K` under a model key (a `docker_model` setting, DOCKER_MODEL=…):
        # Docker Hub's `ai/` namespace, which holds models only, with the tag of one quantised build, as Docker Model
        # Runner pulls it (docs.docker.com/ai/model-runner, as_of 2026-12-07); the Hub-id rules read no tag. Under a
        # model key the tag may be left out (`model: ai/embeddinggemma`, the runner's default build) when the name
        # is one the knowledge base knows or looks like a model
        from modelmap.discover.uris import docker_model_ref

        if (runner := docker_model_ref(v)) is not None and ":" in v:
            return runner
        if (_dmr_name(v).lower() in load().alias_index or runner is not None) \
                and (declared := docker_model_ref(v, declared=True)) is not None:
            return declared
    if "@" in v and v[0] != "@" and (quant := _AT_QUANT.fullmatch(v)) is not None:
        return classify(quant.group(1), hint)  # `deepseek-r1-distill-qwen-14b@4bit`: the model, one build of it
    if v[0] == "@" and _WORKERS_AI_ID.fullmatch(v):
        # `@cf/moonshotai/kimi-k2.6`, `@hf/thebloke/llama-2-13b-chat-awq`: Cloudflare Workers AI's model ids, a
        # namespace of their own (https://developers.cloudflare.com/workers-ai/models/, as_of 2026-12-05); the
        # org/name after it is the model the platform serves
        return Match("provider-prefixed", "cloudflare-workers-ai", 0.9, role_from_name(v))
    # (the cheap tests before a pattern are exact: each pattern needs that character or word; ASSET_FILE's `.ext$`
    # can only start at the last dot. Three literals in four end here or at is_generic: ~5 us each saved by them.
    # The same holds for the `in` / startswith tests in front of the fullmatch patterns below: the ~29,000 distinct
    # literals of a real tree that pass every test and end in None paid one failed match per pattern, ~23 us each)
    if "-encoder" in v and _WHISPER_CPP_ENCODER.fullmatch(v.rsplit("/", 1)[-1].lower()):
        # ggml-base-encoder.mlmodelc, ggml-small-encoder-openvino.xml: whisper.cpp's encoder for that checkpoint
        return Match("model-file", None, 0.8, "speech")
    dot = v.rfind(".")
    if dot >= 0 and ASSET_FILE.search(v, dot) and not (v.count("/") == 1 and v[0] != "/" and _CPP_ENGINE.search(v, dot)):
        return None  # "gpt-4o.png", "/icons/qwen-max.svg", "claude-3-opus.md": a file named after a model, not one
        # (an `<org>/<engine>.cpp` Hub repo, "ggerganov/whisper.cpp", holds an engine's converted weights: the Hub
        # rules below judge it, while "src/model.cpp" with more folders stays a source path)
    if "/" in v and v[0] in "aivtfmAIVTFM" and _MEDIA_TYPE.fullmatch(v):
        return None  # "video/mp4", "audio/mp3": a media type (an input a model accepts), not an org/name id
    if v[-1] in "-_":
        return None  # "llama2-", "gpt-4-", "qwen_": the start of names, tested with `in` or startswith, never a whole one
    if "/" not in v and not v.isascii() and _CJK.search(v):
        return None  # "GPT-SoVITS克隆声音", "CosyVoice-SFT模式": an app's menu choice named after a model, in Chinese /
        # Japanese / Korean words; providers' ids, Hub repo names and Ollama tags are ASCII (a local path may hold
        # such a folder name: paths are left to the path rules)
    if dot >= 0 and "/" not in v and (_CPP_ENGINE.search(v) or _CODE_PATH.fullmatch(v) or (
            _KEY_PATH.fullmatch(v) and not _MODEL_FILE.fullmatch(v))):
        # "llama.cpp", "whisper.cpp", "stable-diffusion.cpp": an inference engine's project name (an app's backend
        # choice), not a model; "langchain_core.language_models.BaseChatModel": a class's import path;
        # "admin.models.modelTypes.chat": a message or settings key's path (three words or more joined by dots)
        return None
    low = v.lower()
    if low.startswith("ep-") and ARK_ENDPOINT_ID.fullmatch(low):
        # "ep-20250510145437-5sxhs", "ep-m-20250316221825-6fglr": a Volcengine Ark inference endpoint, what Ark's
        # `model` parameter takes, as an Azure deployment name is: a reference to a deployed model (which model it
        # serves unsaid). The console's id shape is the evidence (a 14-digit creation time and a short suffix), so it
        # holds bound to any name (`endpoint_id = "ep-..."`, the Ark SDK's own keyword) as well as to a model key
        return Match("api-model", "volcengine-ark", 0.7 if hint != "none" else 0.6, None)
    if ("completion" in low or "messages" in low or "responses" in low or "interactions" in low) \
            and (proto := _API_PROTOCOL_TAIL.search(low)) is not None \
            and not (hint in ("api", "key") and _model_on_protocol(low[:proto.start()])):
        return None  # "openai-chat-completions", "anthropic-messages", "gemini-interactions" (Gemini's Interactions
        # API): an app's requester, adapter or provider channel, named after the API protocol it speaks (every hint:
        # a dict of requester names is as model-shaped as a model list)
    if _DERIVED_TAIL.search(low):
        return None  # "gpt-4.1-mini-migrated", "qwen-plus-copy-2": a deployment or preset made from a model and
        # renamed so, an app's own object; the model it was made from is written elsewhere ("…-benchmark": a run)
    if stand_in_name(low) and low not in load().alias_index:
        return None  # "facebook-opt-125m-simulated", "gpt-4-ref", "e2e-subs-model-match", "test/e2e-unconfigured-model":
        # a simulator's or a test's stand-in, a reference object, an end-to-end test's own resource
    if ("backend" in low or "gateway" in low or "prox" in low) and _INFRA_WORD.search(low) \
            and low not in load().alias_index:
        return None  # "gemini-backend", "gpt-4o-gateway", "gemini-backend-with-openai-compatibility": an API gateway's
        # backend, route or proxy named for the model or family it forwards to (an APIM backend's id, a load
        # balancer's pool); no provider's model id holds one of these infrastructure words
    if _DEPLOYMENT_TAIL.search(low) and low not in load().alias_index:
        return None  # "whisper-transcription-a10", "gpt-oss-tp2": a deployment named for the model it serves and the
        # GPU it runs on or its tensor-parallel degree; no model id ends in a GPU's name or a parallelism setting
    if low.startswith("claude-") and _CLAUDE_CLIENT.fullmatch(low):
        return None  # "claude-code-20250219" (Claude Code's anthropic-beta flag), "claude-desktop-3p" (a client's
        # identifier): named for Anthropic's client apps, Claude Code and Claude Desktop; no model is named so
    if low.startswith("claude-") and CLAUDE_TIER_ONLY.fullmatch(low):
        return None  # "claude-sonnet": a tier without its generation, which no Anthropic model id leaves out
    if _provider_role_name(low):
        return None  # "openai-chat", "azure-openai", "ollama-embedding": a backend or engine choice, named for who
        # serves it and what it does; no model is named by a provider that is no model family and a role word
    if low.endswith(("oai", "compat", "compatible")) and _COMPAT_TAIL.search(low):
        return None  # "gemini-oai", "deepseek-openai-compatible": a driver or preset that reaches a provider through
        # its OpenAI-compatible API, named for the provider and the protocol; no model id ends so
    if "-" in low and _provider_family_name(low):
        return None  # "moonshot-kimi", "xai-grok": a preset or connection named for a provider and its family, with
        # no version or size; the provider's own ids carry one (kimi-k2-0905-preview, grok-4)
    kb = load()
    if "_" in v and _ENGINE_KEY.fullmatch(v) and low not in kb.alias_index and low not in kb.hf_index \
            and api_pattern(low) is None and low not in _hub_names():
        return None  # "edge_tts", "cosyvoice2_tts", "sherpa_onnx_asr": an app's backend key (a config section, a
        # module, a factory's choice), named for the engine and the job it does; no provider's model id is a
        # snake_case word ending in a role word (theirs end in a version or size: eleven_multilingual_v2), and a
        # Hub name that does (microsoft/speecht5_tts) is the knowledge base's
    # rejected.yaml lists names the resolver will not map to weights; an API alias among them
    # (deepseek-chat) is still a model reference for discovery.
    # ... except where an Ollama call binds it: there "qwen" is the library's qwen:latest (issue 10)
    ollama_name = hint == "ollama" and low in vocab().ollama_library
    if (low in kb.rejected and api_pattern(low) is None and not ollama_name) or low in _NOT_MODEL_WORDS \
            or low in _SPEECH_ENGINES:
        return None
    if "_" in v and _CONSTANT_NAME.fullmatch(v) and _registry_key(low):
        return None  # "OPENAI_GPT5", "VERTEX_GEMINI_2.5_PRO": an LLM router's registry key (every hint)
    if "_" in v and v[0].isupper() and DATED_CONSTANT_ID.fullmatch(v) and names_family(low):
        # "CLAUDE_SONNET_4_20250514_V1_0", "CLAUDE_3_7_SONNET_20250219_V1_0": a model id written in upper snake case
        # (AWS CodeWhisperer / Amazon Q's modelId), a family word, a release date and a V<major>_<minor> version; an
        # enum's or a registry's key carries no release date and version tail
        return Match("api-model", None, 0.8, role_from_name(low))

    file_match = _MODEL_FILE.fullmatch(v) if dot >= 0 else None  # (`.ext` at its end)
    if file_match:
        ext = file_match.group(1).lower()
        base = re.split(r"[/\\]", v)[-1]
        stem = base.rsplit(".", 1)[0]
        weight_name = bool(_WEIGHT_STEM.search(stem))  # pytorch_model.bin, model_last.pth, wired_model.pt
        if (base == v or _COMPONENT_DIR.fullmatch(v[:-len(base) - 1]) or _VARIANT_DIR.fullmatch(v[:-len(base) - 1])) \
                and hint != "path" \
                and _GENERIC_WEIGHT_FILE.fullmatch(base):
            # "model.safetensors", "model-00001-of-00002.safetensors" inside code name a file of some checkpoint,
            # not which model; a weight file on disk is still found by the model-file source
            return None
        if v[1:2] == ":" and hint != "path":
            from modelmap.discover.base import stand_in_weight_path
            if stand_in_weight_path(v):
                return None  # `C:/models/model.onnx`: a Windows path to a file named for no model (a test's or a
                # sample's placeholder, whoever's disk it is on)
        if base != v and _INSIDE_COREML_BUNDLE.search(v):
            return None  # x.mlpackage/Data/com.apple.CoreML/model.mlmodel: a file of a Core ML bundle
        if ext in _DATA_TENSOR_EXT and _DATA_TENSOR_STEM.fullmatch(stem):
            return None  # wav2vec2bert_stats.pt, feat1.pt: statistics or features a model reads, not a model
        if _TEST_CASE_STEM.fullmatch(stem):
            return None  # drafter_forward/case_01_q1_kv32.safetensors: one numbered test case's tensors, no model
        if base == v and hint != "path" and _STAND_IN_FILE.fullmatch(stem):
            # "small_model.gguf", "test_model.gguf", "model_v2.gguf": a file a test writes and names after no model
            return None
        # a weight file kept in a model folder (`GPT_SoVITS/pretrained_models/s2G488k.pth`, `tools/uvr5/uvr5_weights/
        # HP5.pth`, `checkpoints/epoch=9-step=900.ckpt`) is one whatever its own name, even where nothing says "model"
        # (a dict of versions to paths, `pretrained_gpt_path = …`)
        in_model_folder = _in_model_folder(v)
        if _WHISPER_CPP_WEIGHT.fullmatch(stem.lower()):
            return Match("model-file", None, 0.8, "speech")  # ggml-tiny.bin: a whisper.cpp checkpoint, by its size
        if ext in ("gguf", "ggml") and (quant := _QUANT_TAIL.search(stem.lower())) is not None \
                and len([t for t in _TOKEN_SPLIT.split(stem[:quant.start()]) if t]) >= 2:
            # neutts-nano-Q4_0.gguf, tts-voice-q8_0.gguf: a GGUF file with its quantisation after a name of two words or
            # more is a model's weights whatever the model is called (GGUF holds nothing else); a one-word stem
            # (`renamed-q4_k_m.gguf`, `model-q4_k_m.gguf`) is a test's or a tool's file name
            return Match("model-file", None, 0.85)
        if hint == "none" and not is_model_ish(stem) and not weight_name and not in_model_folder and (
                "/" not in v or ext not in _STRONG_FILE_EXT):
            return None
        if ext in _STRONG_FILE_EXT or hint in ("path", "hf", "key") or is_model_ish(stem) or weight_name \
                or in_model_folder:
            return Match("model-file", None, 0.85 if ext in _STRONG_FILE_EXT else 0.6)
        return None
    if dot >= 0 and (bundle := _TASK_BUNDLE_PATH.fullmatch(v)) is not None and names_family(bundle.group(1)) \
            and (_SIZE.search(bundle.group(1)) or _QUANT_WORD.search(bundle.group(1))):
        # `assets/models/gemma3-1b-it-int4-web.task`, `/data/local/tmp/llm/gemma-3n-E2B-it-int4.task`: a MediaPipe LLM
        # bundle at a path, its stem a model family's with a size or a quantisation (a job's `ci/deploy.task` has
        # neither); a bare `.task` name is left to the bindings that say "file name" (classifier)
        return Match("model-file", None, 0.7)
    if is_generic(low) and low not in kb.alias_index and low not in kb.hf_index and api_pattern(low) is None:
        return None
    if _LOCAL_PATH.match(v) or "\\" in v or _relative_model_dir(v):  # (= _LOCAL_PATH.search: `^` alternatives, `\\`)
        # `GPT_SoVITS/pretrained_models/chinese-roberta-wwm-ext-large`: a folder in a model folder, written relative
        # to the app's folder without `./`, is a local directory like `./…` is
        return _classify_local_dir(v, hint)
    if _TEMPLATE.search(v):
        return None

    if "/" in v and (variant := _ROUTER_VARIANT.search(v)) is not None:
        # OpenRouter's variants of a model (`meta-llama/llama-3-8b-instruct:free`, `…:nitro`): the model the id
        # before the suffix names, served through OpenRouter
        inner = classify(v[:variant.start()], hint)
        if inner is not None and inner.kind in ("hf-repo", "provider-prefixed", "api-model"):
            return Match("provider-prefixed", inner.provider or "openrouter", min(inner.confidence, 0.85), inner.role)
    if "/" not in v and (variant := _ROUTER_VARIANT.search(v)) is not None and not v.endswith(":beta"):
        # the same variant of a provider's API model written without the provider (an app's catalogue lists
        # `qwen3.5-plus:thinking` beside `qwen3.5-plus`, as aichat's models.yaml does): that API model; a `:beta`
        # after a bare name may be an Ollama tag, left to the tag rules
        inner = classify(v[:variant.start()], hint)
        if inner is not None and inner.kind == "api-model":
            return inner

    voc = vocab()
    # provider:model (pydantic-ai, init_chat_model, instructor) — also "ollama:llama3"
    if ":" in v and "/" not in v.split(":", 1)[0]:
        prefix, rest = v.split(":", 1)
        if prefix.lower() in voc.provider_ids and prefix.lower() not in voc.prefixes:
            # an app's own provider:model spelling with the provider's id (siliconflow-cn:Pro/BAAI/bge-m3)
            prefix = voc.provider_ids[prefix.lower()]
        if prefix.lower() in voc.prefixes and rest and not rest.startswith("//") and _PLAIN.fullmatch(rest.split("/")[-1]):
            rest_low = rest.lower()
            # "vllm:num_requests_waiting" is a Prometheus metric, not a model: the part after the prefix
            # must itself look like one
            # "github:dooy/openai-realtime-api-beta" is npm's shorthand for a Git dependency: an owner/name after
            # the prefix must name a known org, or a model by its own shape
            slashed_ok = "/" in rest and (rest_low.split("/", 1)[0] in kb.org_index or rest_low in kb.hf_index
                                          or rest_low.split("/", 1)[0] in voc.prefixes
                                          or is_model_ish(rest_low.rsplit("/", 1)[-1]))
            if (slashed_ok or is_model_ish(rest_low) or rest_low in kb.alias_index or rest_low in voc.ollama_library
                    or api_pattern(rest_low) is not None):
                return Match("provider-prefixed", voc.prefixes[prefix.lower()], 0.9)
            return None

    if "publishers/" in v and _VERTEX_PATH.fullmatch(v):
        # projects/p/locations/us-central1/publishers/google/models/gemini-1.5-pro; a fill-in where the model's name
        # goes (a test's `publishers/google/models/model-name`, `…/models/your-model`) names none
        tail = low.rsplit("/", 1)[-1]
        if _FILL_IN_MODEL.fullmatch(tail) or PLACEHOLDER.match(tail) or _VERTEX_TEST_TAIL.fullmatch(tail):
            return None
        return Match("provider-prefixed", "vertex-ai", 0.9)
    if "/" in v and _HUB_HOST.fullmatch(v):  # Ollama's hf.co/<org>/<repo>[:quant]
        return Match("hf-repo", None, 0.9)
    if "ollama" in low and (ref := _OLLAMA_REF.fullmatch(v)) is not None \
            and ref.group(1).lower() not in _OLLAMA_SITE_PAGES:
        return Match("ollama-tag", "ollama", 0.9)
    if low.endswith("-mnn") and (mnn := _MNN_CONVERSION.fullmatch(low)) is not None and low not in kb.hf_index \
            and not (mnn.group(1) and _WEIGHT_FOLDER.fullmatch(mnn.group(1))):
        # Qwen3.5-0.8B-MNN, taobao-mnn/Qwen3-4B-MNN: the MNN conversion of a model the knowledge base holds by that
        # name (Qwen3.5-0.8B); a name the knowledge base does not hold before -MNN (my-app-MNN) is left as it was
        base = mnn.group(2).replace("___", ".")
        if base in kb.alias_index or base in _hub_names():
            return Match("hf-repo" if mnn.group(1) else "other", None, 0.7)
    if "faster-" in low and _FASTER_WHISPER.fullmatch(low) and low not in kb.hf_index and low not in kb.alias_index \
            and not _WEIGHT_FOLDER.fullmatch(low.split("/", 1)[0]):
        # faster-whisper-tiny, pengzhendong/faster-whisper-base: a faster-whisper checkpoint by its size word (a
        # known repo id, Systran/faster-whisper-tiny, is the knowledge base's below); `models/faster-whisper-tiny`
        # is a folder an app saves a download to, left to the path rules
        return Match("hf-repo" if "/" in low else "other", None, 0.8, "speech")
    if low.startswith(("sonic-", "seed-tts-")) and _SPEECH_API_ID.fullmatch(low):
        # a speech API's model id by its documented shape (Cartesia's sonic-3, sonic-turbo, sonic-2-2025-06-11;
        # Volcengine's seed-tts-2.0): the TTS model the API is called with; the bare family word (sonic) is not one
        return Match("api-model", None, 0.85, "speech")
    if "_" in v and _PADDLESPEECH_TTS.fullmatch(v):
        # fastspeech2_male, pwgan_aishell3: a PaddleSpeech TTS checkpoint by its tag (written lower-case)
        return Match("other", None, 0.85, "speech")
    if low.startswith("paraformer-") and _FUNASR_PARAFORMER.fullmatch(low):
        # paraformer-zh, paraformer-zh-streaming: a FunASR model-zoo name, the checkpoint AutoModel(model=...) downloads
        return Match("other", None, 0.85, "speech")
    if "_models/" in low and _COQUI_MODEL.fullmatch(low):
        # Coqui TTS's model names (tts_models/en/ljspeech/tacotron2-DDC, vocoder_models/en/ljspeech/hifigan_v2):
        # the model TTS(model_name=...) downloads
        return Match("other", None, 0.85, "speech")
    if "_" in v and "/" not in v and (folder := _hub_folder_name(low)) is not None:
        return folder
    if "/" in v:
        if "." in low and _K8S_API_VERSION.fullmatch(low):
            return None  # "inference.opendatahub.io/v1alpha1", "networking.k8s.io/v1": a Kubernetes API group and
            # version (an object's apiVersion); no Hub org is a DNS name, no model is named a bare API version
        if _SLASHED_TEST_DOUBLE.fullmatch(low.rsplit("/", 1)[1]):
            return None  # "google/gemma-test", "acme/llm-tests": a test's made-up repo under a real org, named as
            # PLACEHOLDER names bare test doubles (`rerank-test`); `org/test_lora`, a real repo's own name, is not one
        slashed = _classify_slashed(v, low, hint)
        if slashed is None and hint in ("key", "api") and ":" in v:
            return _user_ollama_tag(low)
        return slashed

    # a word alone, or an ordinal word and its number (`"step3"`: a wizard's or a test's third step, a message id;
    # StepFun's step3 too): only where a model is expected
    bare_word = hint == "none" and (not _DIGIT_COLON_DASH.search(low) or _SEQUENCE_ID.fullmatch(low) is not None)
    # a family name written for people ("ChatGLM3", "Llama3") is display text unless an API takes it; a provider
    # that spells its API-only models capitalised (Baichuan's `Baichuan4`, `Baichuan2-Turbo`) is not written for people
    display_family = hint == "none" and v != low and not _SIZE.search(low) and ":" not in low \
        and not _api_only(kb, low)
    if low in kb.alias_index and not bare_word and not display_family:
        named = api_pattern(low)
        # a bare Ollama library name that no API serves (`nomic-embed-text`, `qwq`) is a tag, not an API model; a
        # Bedrock model id's `:<n>` is its version (`amazon.titan-embed-text-v2:0`, `amazon.nova-pro-v1:0`), no tag
        bedrock = named is not None and named[0] == "aws-bedrock"
        tag = (":" in low and not bedrock) or hint == "ollama" or (named is None and low in voc.ollama_library
                                                                   and low not in _PUBLISHER_BARE_NAMES)
        kind = "ollama-tag" if tag else "api-model"
        named = None if tag else named
        return Match(kind, "ollama" if kind == "ollama-tag" else (named[0] if named else None), 0.9,
                     named[1] if named else None)
    if hint == "none" and (_APP_SUFFIX.search(low) or _SECRET_WORDS.search(low)):
        # "gpt-4o-settings", "deepseek-r1-history": an app's storage key or UI name built on a model's; a test's
        # stand-in secret named for the service it unlocks ("gemini-api-key-env", "claude-api-key-123")
        return None
    api = None if bare_word else api_pattern(low)
    if api:
        return Match("api-model", api[0], 0.9, api[1])
    collapsed = _collapsed_api_name(low) if hint != "none" else None
    if collapsed is not None:
        # an app's own spelling of an API model with its separators dropped, where a model is expected
        # (`--model gpt4omini`, `if options.model == "o3mini"`): gpt-4o-mini, o3-mini
        named = api_pattern(collapsed)
        return Match("api-model", named[0] if named else None, 0.6, named[1] if named else None)
    vertex = _VERTEX_VERSION.fullmatch(low) if "@" in low else None
    if vertex is not None:
        # Vertex AI's pinned model versions (`textembedding-gecko@003`, `gemini-1.0-pro@001`, `…@20240620`): the
        # model before the version; a hyphenated name with one is a model wherever a model is expected
        inner = classify(vertex.group(1), hint)
        if inner is not None and inner.kind in ("api-model", "ollama-tag", "other"):
            return Match("api-model", inner.provider or "vertex-ai", min(inner.confidence, 0.9), inner.role)
        if hint in ("api", "key") and not is_generic(vertex.group(1)):
            return Match("api-model", "vertex-ai", 0.6)
        return None
    if ":" in v:
        if _TAGGED.fullmatch(v):
            library, suffix = low.split(":", 1)
            if library in voc.ollama_library and (hint != "none" or _is_tag(suffix)):
                return Match("ollama-tag", "ollama", 0.85)
            if hint == "ollama":
                return Match("ollama-tag", "ollama", 0.7)
            if hint in ("key", "api") and "/" not in library and _OLLAMA_CLOUD_TAG.fullmatch(suffix):
                # `kimi-k2.7-code:cloud`, `gpt-oss:120b-cloud`: Ollama's cloud models, run on Ollama's servers and
                # named by the model and a `cloud` tag (docs.ollama.com/cloud, as_of 2026-12-07), where a model is
                # expected; the name before the tag must read as a model on its own (an icon's `set:cloud` does not)
                inner = classify(library, hint)
                if inner is not None and inner.kind in ("api-model", "ollama-tag", "other"):
                    return Match("ollama-tag", "ollama", 0.8, inner.role)
            if hint in ("key", "api") and "/" not in library and _QUANT_TAIL.search(suffix):
                # `phi-3-medium-128k-instruct:Q8_0`, `llama-3.1:8b-instruct-Q8_0`: a model imported into a local
                # server (Ollama, LM Studio) from a GGUF build, named by the model and tagged by its quantisation,
                # where a model is expected; the name before the tag must read as a model on its own
                inner = classify(library, hint)
                if inner is not None and inner.kind in ("api-model", "ollama-tag", "other"):
                    return Match("ollama-tag", "ollama", 0.7, inner.role)
            if hint in ("key", "api") and "/" not in library and "-" in library and _CATALOGUE_VERSION.fullmatch(suffix):
                # `qwen2.5-0.5b-instruct-generic-cpu:4`, `phi-3-mini-4k:2`: a catalogue's `<name>:<version>` (Foundry
                # Local's model ids, Azure ML's `name:version` asset references), where a model is expected; the
                # name before the version must read as a model on its own
                inner = classify(library, hint)
                if inner is not None and inner.kind in ("api-model", "other"):
                    return Match("api-model", inner.provider, min(inner.confidence, 0.7), inner.role)
        scheme, _, rest = low.partition(":")
        if _SCHEME_WORD.fullmatch(scheme) and re.search(r"\d", rest) and ":" not in rest and (
                rest in kb.alias_index or rest in kb.hf_index or api_pattern(rest) is not None):
            # an app's own "<backend>:<model>" spelling (local:bge-small-zh-v1.5) around a known model
            return Match("provider-prefixed", None, 0.7)
        return None
    if not _PLAIN.fullmatch(v):
        return None
    if hint == "ollama":
        return Match("ollama-tag", "ollama", 0.7)
    if low in voc.ollama_library and hint in ("key", "api"):
        return Match("ollama-tag", "ollama", 0.6)
    if hint in ("key", "api") and (fused := _FUSED_SIZE.fullmatch(low)) is not None \
            and fused.group(1) in voc.model_tokens and fused.group(1) not in _GENERIC_WORDS:
        # a family word and its parameter count written as one word (`qwen30b`, `llama70B`, `mistral7b`): an app's
        # or a server's name for the model (vLLM's --served-model-name, a proxy's model list), as `qwen-30b` is
        return Match("api-model", None, 0.6)
    if hint in ("key", "hf") and _SPACY_PIPELINE.fullmatch(low):
        # a spaCy trained pipeline's package name where a model is expected (en_model="en_core_web_sm")
        return Match("other", None, 0.6)
    if hint in ("api", "key", "prefixed", "hf") and is_model_ish(low) and not _VERSION_CODE.fullmatch(low) \
            and not SECRET_TAIL.search(low) and not _DIGITLESS_BEDROCK.fullmatch(low) and not is_slot_name(low) \
            and not search_tool_name(low):
        # not a version alone ("V2", "v1.5": a `case "V2":` on a model version picks an edition, names no model),
        # nor a credential's placeholder passed next to a model ("my-api-key", "bad-key", "test-token"), nor a
        # Bedrock-shaped vendor.name with no version that the knowledge base does not know (a test's own route name,
        # anthropic.claude-cache-matrix: Bedrock's ids carry a version, anthropic.claude-3-haiku-20240307-v1:0)
        return Match("api-model" if hint != "hf" else "other", None, 0.6)
    if (low in _hub_names() and not bare_word and not display_family and not _TAGGED.fullmatch(low)
            and hint == "none" and (v != low or _SIZE.search(low) or len(_TOKEN_SPLIT.split(low)) > 2)):
        # a bare literal that is the exact name of a Hub model the knowledge base holds, without its org, as its
        # publisher writes it (`Qwen2.5-7B-Instruct`): the org is left to the resolver. A lower-case short name
        # (`deepseek-r1`) is as often an object's name (a Kubernetes service) and needs other evidence
        return Match("other", None, 0.7)
    vendor = _VENDOR_PREFIXED.fullmatch(low) if "-" in low or "." in low else None
    if vendor and (vendor.group(3) in kb.alias_index or api_pattern(vendor.group(3)) is not None) \
            and vendor.group(1) not in _NOT_VENDORS \
            and (vendor.group(2) == "-" or vendor.group(1) not in voc.model_tokens):
        # a router's or gateway's own prefix on a known id (copilot-gpt-5.4, azure-gpt-4o): the model behind it; an
        # app's catalogue key joins the provider and the id with a dot as often (opencode's `azure.o3-mini`,
        # `openrouter.gpt-4.1`, `vertexai.gemini-2.5-flash`, `bedrock.claude-3.7-sonnet`: the selector a user writes
        # in its config), where the word before the dot is a provider's, not a family's (an action's
        # `gpt.dall-e-3`); Bedrock's own vendor.model ids are read by their rules before this
        return Match("api-model", None, 0.6)
    return None


# words that say what a slot is for, or which copy of it, and nothing about which model fills it: a name made of
# these alone ("default-chat", "existing-embedding", "embedding-prod-eastus", "chat-b") is a deployment's or a
# setting's own name (an Azure deployment, a test's item id), not a model; the knowledge base's own API names made of
# such words ("embedding-2", "tts-1") are matched before this
_SLOT_ROLE = frozenset({"chat", "embedding", "embeddings", "embed", "tts", "stt", "asr", "rerank", "reranker",
                        "completion", "completions", "utility", "vision", "image", "audio", "speech", "llm",
                        # an LLM-as-judge slot (an eval harness's tests: judge-a, judge-b, default-judge)
                        "judge", "grader"})
_SLOT_FILLER = frozenset({"default", "existing", "missing", "my", "your", "test", "testing", "prod", "production",
                          "dev", "staging", "primary", "secondary", "fallback", "backup", "main", "new", "old",
                          "legacy", "global", "name", "id", "deployment", "technical", "custom", "local", "remote",
                          "azure", "model", "service", "tenant", "shared", "internal", "sample", "example"})
_REGION = re.compile(r"(?:east|west|north|south|central)(?:us|eu|europe|asia|uk)\d*|[a-z]{2}-[a-z]+-\d")


# a cloud region or zone code, as every GCP / AWS / Azure client and sample writes it beside the model: GCP
# `us-central1`, `europe-west4`, `asia-northeast1-a` (cloud.google.com/compute/docs/regions-zones), AWS `us-east-1`,
# `ap-northeast-1`, `us-gov-west-1` (docs.aws.amazon.com/general/latest/gr/rande.html), Azure `eastus2`,
# `westeurope`, `swedencentral` (learn.microsoft.com/azure/reliability/regions-list), as_of 2026-12-07. Where the
# model goes (`ModelName.of(project, location, model)`, a pipeline's `"location"` parameter) it is where the model
# runs, never which model; no provider names a model so
CLOUD_REGION = re.compile(
    r"(?i)(?:us|europe|asia|australia|northamerica|southamerica|me|africa)-(?:central|east|west|north|south|"
    r"northeast|southeast|northwest|southwest)\d{1,2}(?:-[a-f])?"
    r"|(?:us|eu|ap|ca|sa|me|af|il|mx|cn)(?:-gov|-iso[bef]?)?-(?:central|east|west|north|south|northeast|southeast|"
    r"northwest|southwest)-\d{1,2}[a-f]?"
    r"|(?:east|west|north|south|central|northcentral|southcentral|westcentral)us\d?|(?:north|west)europe"
    r"|(?:sweden|france|germany|switzerland|norway|poland|italy|spain|uk|uae|qatar|israel|japan|korea|india|canada|"
    r"brazil|australia|southafrica|mexico)(?:central|north|south|east|west|southeast|northeast)\d?"
    r"|(?:east|southeast)asia"
    # China's clouds name a region by its city: Volcengine `cn-beijing`, `cn-shanghai` (ark.cn-beijing.volces.com;
    # www.volcengine.com/docs/6349/107356), Alibaba Cloud `cn-hangzhou`, `cn-zhangjiakou`
    # (www.alibabacloud.com/help/en/ecs/user-guide/regions-and-zones), Tencent Cloud `ap-guangzhou`
    # (www.tencentcloud.com/document/product/213/6091), as_of 2026-12-07; a zone adds `-a`
    r"|(?:cn|ap)-(?:beijing|shanghai|hangzhou|shenzhen|guangzhou|hongkong|zhangjiakou|huhehaote|wulanchabu|chengdu|"
    r"qingdao|heyuan|nanjing|fuzhou|wuhan|chongqing)(?:-[a-z])?")


def is_cloud_region(value: str) -> bool:
    return CLOUD_REGION.fullmatch(value.strip()) is not None


def is_slot_name(low: str) -> bool:
    """A name made only of slot words, fillers, regions and one-letter or number suffixes (see _SLOT_ROLE), with at
    least one word that is not a role word or a number."""
    tokens = [t for t in _TOKEN_SPLIT.split(low) if t]
    if len(tokens) < 2 or not any(t in _SLOT_ROLE for t in tokens):
        return False
    if all(t in _SLOT_ROLE or t.isdigit() for t in tokens):
        return False  # a role word and a version ("speech-1.5", "embedding-2", "tts-1"): a provider's API name
    return all(t in _SLOT_ROLE or t in _SLOT_FILLER or _REGION.fullmatch(t) or (len(t) == 1 and t.isalpha())
               or t.isdigit() for t in tokens)



# what a config entry is for, besides the slot words: a speaking voice (`voice-gemini`, `voice-azure-audio`)
_ENTRY_ROLE = _SLOT_ROLE | {"voice"}


def is_provider_role_name(low: str, provider: Callable[[str], bool]) -> bool:
    """A name made only of providers' names and role words, at least one of each, no digit (``anthropic-chat``,
    ``voice-gemini``, ``voice-azure-audio``, ``openai-embedding``): an app's name for the entry that sends one kind
    of request to one provider (a route, a model-list entry, a test's config key), not an id a provider serves,
    whose names carry a version, a size or a model's own word (``gemini-embedding-001``, ``mistral-embed`` and
    other ids the knowledge base knows are checked by the caller first). ``provider`` says whether a word names a
    provider (``peers.is_provider_name``)."""
    if any(ch.isdigit() for ch in low):
        return False
    tokens = [t for t in _TOKEN_SPLIT.split(low) if t]
    if not 2 <= len(tokens) <= 4:
        return False
    roles = [t in _ENTRY_ROLE for t in tokens]
    providers = [not r and provider(t) for t, r in zip(tokens, roles, strict=True)]
    return any(roles) and any(providers) and all(r or q for r, q in zip(roles, providers, strict=True))

# the last words of an API protocol's name ("openai-chat-completions", "deepseek-chat-completions",
# "anthropic-messages", "openai-responses"): a requester, adapter or route named after what it speaks; no model id
# ends with one of them
# an ordinal word and a number, as steps, stages and pages are numbered in UI text keys, tool-call ids and tests
_SEQUENCE_ID = re.compile(r"(?:step|stage|phase|part|round|level|page|item|option|section|chapter|lesson|tab|slide|"
                          r"turn|scene)[-_]?\d{1,2}")
def _model_on_protocol(stem: str) -> bool:
    """The part of a name before its API-protocol word is itself a versioned API model id (`ernie-88` of
    `ERNIE-88-completions`, Qianfan's completions endpoint named for its model): where a model is expected, the
    name is that model served on that protocol, not a requester named for the protocol (`openai-chat-completions`)."""
    return bool(re.search(r"\d", stem)) and api_pattern(stem) is not None


_API_PROTOCOL_TAIL = re.compile(r"[-_.](?:chat[-_.])?completions?$|[-_.](?:messages|responses|interactions)"
                                r"(?:[-_.]api)?$")
# the last word of a name an app gives a copy of something (a migrated deployment `gpt-4.1-mini-migrated`, its
# second copy `-migrated-2`, a duplicated preset `-copy`, `-clone`, `-backup`), with an optional copy number: no
# provider names a model so, and the copy is the app's own object, named after the model it was made from
_DERIVED_TAIL = re.compile(r"[-_.](?:migrated|copy|clone|cloned|backup|duplicate|"
                           # a benchmark run or its results named after the model or app it measures
                           # (`ms_deepresearch_v2_benchmark`, `qwen2-7b-eval`): the run's name, the results' file stem
                           r"benchmarks?|evals?|evaluation|results?|"
                           # a test's stand-in named after a real model (`doubao-seedream-3-0-test` for a deprecated
                           # one): no provider's id ends in the word test
                           r"tests?)(?:[-_.]?\d{1,3})?$")
# ... or a model stood in for by a simulator or a test double (`facebook-opt-125m-simulated`, llm-d-inference-sim's
# served name; `gpt-4o-mock`, `llama-3-fake`, `qwen-stub`): what runs there is no model; or a Kubernetes object that
# refers to a model, named after it (`gpt-4-ref`, a MaaSModelRef's metadata.name): the reference object, not the model.
# an app's record for a model served outside it, named after the model (`gpt-4o-external`, an ExternalModel's name).
# No provider's id ends in one of these words
STAND_IN_TAIL = re.compile(r"[-_.](?:simulated|mocked|mocks?|fakes?|stubs?|dummy|placeholder|refs?|external)"
                           r"(?:[-_.]?\d{1,3})?$")
# an end-to-end test's own resource, named with the test kind first (`e2e-temp-model-status`, `e2e-subs-model-match`,
# a fixture's served name `test/e2e-distinct-model`): no provider or Hub org names a model `e2e-…` (the word inside a
# name, `gigaam-v3-e2e-ctc`, is an end-to-end ASR model's and is left alone)
E2E_TEST_NAME = re.compile(r"(?i)(?:tests?/)?e2e[-_]")
# a Kubernetes API group (a DNS subdomain) and its version, as an object's apiVersion is written
_K8S_API_VERSION = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,10}[a-z]{2,24}/v\d{1,2}(?:(?:alpha|beta)\d{0,2})?")


# an app's own numbered object (`agent-1`, `prov-1`, `user_2`, `session-12`: a test's agent, provider, user or session
# id), as a record's `id` or a span attribute's value holds it: an object word and a number, which no model is named
_OBJECT_ID = re.compile(r"(?:agents?|prov|providers?|users?|orgs?|tenants?|subs?|subscriptions?|sessions?|runs?|jobs?|"
                        r"tasks?|traces?|spans?|nodes?|req|requests?|tools?|calls?|msgs?|messages?|conv|"
                        r"conversations?|threads?|workspaces?|projects?|teams?|accounts?|customers?)[-_]\d{1,4}")
# a telemetry attribute's or a settings key's dotted name, three or more plain words (`ai.model.id`,
# `langfuse.observation.model.name`, `gen_ai.request.model`, OpenTelemetry's and tracers' span attribute names):
# the name a value is stored under, never the value; a dotted model id carries a digit or a dash
# (`anthropic.claude-3-haiku-20240307-v1:0`, `openai.gpt-oss-20b`)
_ATTRIBUTE_NAME = re.compile(r"[a-z][a-z_]{0,40}(?:\.[a-z][a-z_]{0,40}){2,8}")


# an Azure OpenAI quota usage's name, `OpenAI.<deployment type>.<model>` (the Cognitive Services usages API, which
# `az cognitiveservices usage list` prints and an azd template's `usageName` metadata checks before deploying, with
# the capacity needed after a comma: `OpenAI.GlobalStandard.gpt-4o,150`; learn.microsoft.com/azure/ai-foundry/openai/
# how-to/quota and learn.microsoft.com/azure/developer/azure-developer-cli/azd-schema, as_of 2026-12-07): the model
# part names the model the template deploys
_AZURE_USAGE_NAME = re.compile(
    r"OpenAI\.(?:Standard|GlobalStandard|DataZoneStandard|ProvisionedManaged|GlobalProvisionedManaged|"
    r"DataZoneProvisionedManaged|GlobalBatch|DataZoneBatch|Developer)\.([A-Za-z0-9][\w.-]{0,120}?)(?:,\d{1,7})?")


def azure_usage_model(value: str) -> re.Match[str] | None:
    """The match of an Azure OpenAI quota usage name (``_AZURE_USAGE_NAME``) that ``value`` is: group 1 the model."""
    if not value.startswith("OpenAI."):
        return None
    return _AZURE_USAGE_NAME.fullmatch(value)


def app_object_name(low: str) -> bool:
    """A lower-cased value that is an app's numbered object (``_OBJECT_ID``) or an attribute's dotted name
    (``_ATTRIBUTE_NAME``), never a model's."""
    return _OBJECT_ID.fullmatch(low) is not None or ("." in low and _ATTRIBUTE_NAME.fullmatch(low) is not None)


def stand_in_name(low: str) -> bool:
    """A lower-cased value named as a stand-in for a model (``STAND_IN_TAIL``) or an end-to-end test's own resource
    (``E2E_TEST_NAME``)."""
    return bool(STAND_IN_TAIL.search(low)) or ("e2e" in low and E2E_TEST_NAME.match(low) is not None)


# a word that names the infrastructure in front of a model, never a model: a gateway's backend (Azure API Management's
# `backends`, an nginx upstream's), the gateway itself, a proxy. Not before a dot: `gateway.o3-mini` is an app
# catalogue's `<provider>.<model id>` selector (tuneA34), whose provider word may be a gateway's name
_INFRA_WORD = re.compile(r"(?:^|[-_.])(?:backends?|gateways?|prox(?:y|ies))(?:$|[-_])")
# the last word of a deployment's name that says where or how it runs: a data-centre GPU (`-a10`, `-a100`, `-h100`,
# `-mi300x`, `-l40s`) or a tensor / pipeline / data / expert parallel degree (`-tp2`, `-pp4`)
_DEPLOYMENT_TAIL = re.compile(r"[-_](?:a10g?|a100|h100|h200|h20|l40s?|l4|t4|v100|mi300x?|mi250x?|b200|gb200|"
                              r"(?:tp|pp|dp|ep)\d{1,2})$")
# a Volcengine Ark inference endpoint's id (ep-<yyyymmddhhmmss>-<suffix>, or ep-m-... for a model-unit endpoint, as
# the Ark console issues them and its docs write them, volcengine.com/docs/82379, as_of 2026-12-04): given as the
# model, it names the endpoint deployed for one model (like an Azure deployment name), not which model that is
ARK_ENDPOINT_ID = re.compile(r"ep-(?:m-)?20\d{12}-[a-z0-9]{4,8}")
# spaCy's trained pipelines as its model directory names them (spacy.io/models, as_of 2026-12-04:
# <lang>_core_web_sm / _md / _lg / _trf, <lang>_core_news_*, xx_ent_wiki_sm, xx_sent_ud_sm; scispaCy's en_core_sci_*)
_SPACY_PIPELINE = re.compile(r"[a-z]{2,3}_(?:core_(?:web|news|sci)|ent_wiki|sent_ud)_(?:sm|md|lg|trf|scibert)")
# a C++ inference engine's name (llama.cpp, whisper.cpp, LLaMa.cpp, whisper.cpp模型 in a UI label)
_CPP_ENGINE = re.compile(r"(?i)\.cpp(?![a-z0-9_.-])")
# Whisper's checkpoint sizes as its ports name them (openai/whisper's _MODELS: tiny[.en] base[.en] small[.en]
# medium[.en] large-v1 large-v2 large-v3 large-v3-turbo turbo; distil-whisper's distil-large-v3, distil-small.en;
# github.com/openai/whisper/blob/main/whisper/__init__.py, huggingface.co/distil-whisper, as_of 2026-12-05)
# whisper.cpp names its quantised conversions by the size word and the quantisation (tiny-q5_1, base.en-q8_0,
# large-v3-turbo-q5_0: the ggml-<name>.bin files of huggingface.co/ggerganov/whisper.cpp, as_of 2026-12-07), and a
# front end lists them under those names beside the plain sizes, so the size word may carry that suffix
WHISPER_SIZE = (r"(?:(?:distil-)?(?:tiny|base|small|medium|large)(?:\.en)?(?:-v[1-3](?:\.5)?)?(?:-turbo)?|turbo)"
                r"(?:-q[458]_[01k])?")
# faster-whisper's CTranslate2 conversions, faster-whisper-<size> / faster-distil-whisper-<size> (Systran's repos,
# huggingface.co/Systran, as_of 2026-12-05), and their re-uploads under other owners (ModelScope mirrors,
# pengzhendong/faster-whisper-tiny): the size word says which Whisper checkpoint, so the name is a model wherever it
# is written, as whisper-tiny is; a size word alone (`tiny`, `base`) is not, only where a Whisper setting takes it
_FASTER_WHISPER = re.compile(rf"(?:[a-z0-9][\w.-]{{0,38}}/)?faster-(?:distil-)?whisper-(?:{WHISPER_SIZE})")
# Cartesia's TTS model ids: a base name (sonic-2, sonic-3, sonic-3.5, sonic-turbo, sonic-multilingual, sonic-english)
# and its date-versioned snapshots (sonic-2-2025-06-11, sonic-3-2025-10-27) (docs.cartesia.ai/build-with-cartesia/
# tts-models/older-models and .../models, as_of 2026-12-05); the bare `sonic` is a family word and left out.
# Volcengine's Doubao speech synthesis models by the resource id its V3 API takes (X-Api-Resource-Id: seed-tts-1.0,
# seed-tts-2.0; volcengine.com/docs/6561, as the doubao-tts client on pypi.org/project/doubao-tts sends it, as_of
# 2026-12-05)
_SPEECH_API_ID = re.compile(r"sonic-(?:[23](?:\.\d)?|turbo|multilingual|english)(?:-20\d\d-\d\d-\d\d)?"
                            r"|seed-tts-\d\.\d")
# Coqui TTS's model names, <type>/<language>/<dataset>/<model> as `tts --list_models` prints them
# (tts_models/en/ljspeech/tacotron2-DDC, tts_models/multilingual/multi-dataset/xtts_v2, vocoder_models/en/ljspeech/
# hifigan_v2; github.com/coqui-ai/TTS, TTS/.models.json, as_of 2026-12-05)
_COQUI_MODEL = re.compile(r"(?:tts|vocoder|voice_conversion)_models/(?:multilingual|[a-z]{2,3}(?:-[a-z]{2})?)/"
                          r"[a-z0-9][\w.-]{0,60}/[a-z0-9][\w.-]{0,80}")
# PaddleSpeech's pretrained TTS tags, "{model_name}_{dataset}[-{lang}]" (its paddlespeech/resource/pretrained_models.py:
# fastspeech2_csmsc-zh, fastspeech2_male-zh, fastspeech2_canton-canton, pwgan_aishell3-zh, hifigan_male-zh, as_of
# 2026-12-05): the acoustic model (`am=`) and vocoder (`voc=`) its TTSExecutor / `paddlespeech tts` downloads; the
# architecture word and the data set together name one released checkpoint
_PADDLESPEECH_TTS = re.compile(r"(?:speedyspeech|fastspeech2(?:_cnndecoder)?|tacotron2|pwgan|mb_melgan|style_melgan|"
                               r"hifigan|wavernn)_(?:csmsc|ljspeech|aishell3|vctk|canton|mix|male)"
                               r"(?:-(?:zh|en|mix|canton))?")
# FunASR's model-zoo names for its Paraformer ASR checkpoints (github.com/modelscope/FunASR README "Model Zoo":
# paraformer-zh, paraformer-zh-streaming, paraformer-en; paraformer-zh-spk its speaker-diarisation build; as_of
# 2026-12-05): the name AutoModel(model="paraformer-zh") resolves to one released checkpoint (funasr/paraformer-zh on
# the Hub). The architecture word alone (paraformer) picks no checkpoint and is not matched
_FUNASR_PARAFORMER = re.compile(r"paraformer-(?:zh(?:-streaming|-spk)?|en)")
# MNN's converted models are published as <model>-MNN (huggingface.co/taobao-mnn: Qwen3-4B-MNN, Qwen2.5-0.5B-MNN;
# modelscope.cn/organization/MNN; as_of 2026-12-05), with the owner or without it (an MNN app's model list, a test's
# model id); ModelScope's download folders write a name's dots as `___` (Qwen3___5-0___8B-MNN)
_MNN_CONVERSION = re.compile(r"(?:([a-z0-9][\w.-]{0,38})/)?([a-z0-9][\w.-]{2,120}?)-mnn")
# whisper.cpp's weight files, ggml-<size>.bin and their quantised ggml-<size>-q5_0.bin (huggingface.co/ggerganov/
# whisper.cpp, as_of 2026-12-05): the file a whisper.cpp front end downloads and passes to `-m`; `ggml-` with another
# word (ggml-vocab-llama.gguf, ggml-model-f16) is not matched here
_WHISPER_CPP_WEIGHT = re.compile(rf"ggml-(?:{WHISPER_SIZE})(?:-q[458]_[01k])?(?:-encoder)?")
# the encoder whisper.cpp runs on Core ML or OpenVINO beside ggml-<size>.bin, named after it (github.com/ggml-org/
# whisper.cpp README, Core ML and OpenVINO sections, as_of 2026-12-06): ggml-<size>-encoder.mlmodelc (a compiled Core ML
# bundle, a folder), ggml-<size>-encoder-openvino.xml / .bin, or the encoder's folder named without the suffix
_WHISPER_CPP_ENCODER = re.compile(rf"ggml-(?:{WHISPER_SIZE})-encoder(?:\.mlmodelc|\.mlpackage|-openvino(?:\.xml|\.bin)?)?")
# a Python / Java class's dotted import path: identifier segments, two dots or more, a capitalised last segment
# (langchain.chat_models.BaseChatModel); Bedrock's vendor.model ids carry hyphens and versions
_CODE_PATH = re.compile(r"[A-Za-z_]\w{0,80}(?:\.[A-Za-z_]\w{0,80}){1,12}\.[A-Z][A-Za-z0-9]{0,80}")
# a translation or settings key's dotted path, each part an identifier (`admin.models.modelTypes.chat`,
# `settings.model.gpt4`): model ids with dots also have a `-` or `:` (Bedrock's `meta.llama3-8b-instruct-v1:0`) or two
# parts at most (`qwen2.5`, `anthropic.claude-v2`)
_KEY_PATH = re.compile(r"[A-Za-z_]\w{0,80}(?:\.[A-Za-z_]\w{0,80}){2,12}")
_DIGITLESS_BEDROCK = re.compile(r"(?:anthropic|meta|mistral|cohere|ai21|amazon|deepseek)\.[a-z_-]{1,80}")
# (a test's numbered credential too: `embed-dsn-secret-456`, `claude-api-key-123`)
SECRET_TAIL = re.compile(r"[-_.](?:api[-_]?)?(?:key|token|secret|password)(?:[-_.]\d{1,8})?$")
_SCHEME_WORD = re.compile(r"[a-z][a-z_-]{1,20}")
# a file that is no model (the classifier's binding-only rule leaves these files out too)
ASSET_FILE = re.compile(r"(?i)\.(?:png|jpe?g|gif|svg|webp|ico|avif|bmp|css|scss|less|html?|mdx?|txt|csv|json|ya?ml|pdf|"
                        r"[cm]?js|tsx?|jsx|vue|mp3|mp4|wav|ogg|webm|woff2?|ttf|"
                        # a script named after the model it sets up (an agent's profile `codestral-vision.py`, a
                        # launcher `qwen2-7b.sh`): code, which no model id ends in
                        r"py|ipynb|sh|bash|ps1|rb|php|lua|"
                        # a source file of the other languages read here (Dart's `export 'cohere_chat/cohere_chat.dart'`,
                        # an `import "x/gemini_client.go"`): a module's path, named after the provider or model it wraps
                        r"dart|go|rs|java|kts?|swift|cs|exs?|scala|cc|cpp|hpp|cxx)$")
# last words of a bare literal that make it an app's own name built on a model id (a storage key, a CSS class, an
# event): no model id ends with one of these
_APP_SUFFIX = re.compile(r"[-_.](?:settings?|config|cache|history|state|store|storage|key|btn|button|card|badge|icon|"
                         r"logo|avatar|modal|dialog|panel|wrapper|container|menu|page|tab|event|changed|selected|"
                         r"enabled|toggle|session|conversation|prompt|template|form|field|input|params|options|tokenizer|worker|sdk|"
                         r"client|proxy|plugin|extension|wrapper|js|demo|api|api[-_](?:dev|docs?|guide|skills?))$")
# an API key's, a secret's or a token's name written into a value (no model id holds these words)
_SECRET_WORDS = re.compile(r"[-_.]api[-_]?key(?:$|[-_.])|[-_.](?:secret|password|credentials?)(?:$|[-_.])")
_TAG_SHAPE = re.compile(r"(?:^|[-_.])(?:\d+(?:\.\d+)?[bmkt]|\d*x\d+b|e\d+b|q\d\w*|fp\d+|bf16|int\d+|v?\d+(?:\.\d+)+|v\d+)"
                        r"(?:$|[-_.])")
_TAG_WORDS = frozenset({"latest", "instruct", "chat", "text", "code", "python", "base", "vision", "uncensored", "it",
                        "online", "thinking", "cloud", "distill", "sft", "dpo", "hf", "mlc", "k", "m", "s", "l"})


def is_known_hub_repo(value: str) -> bool:
    """An ``org/name`` the knowledge base knows as a Hub repo, or one under a known org with a model's name (a
    confident ``hf-repo`` match on the weakest hint: no key or call needed)."""
    hit = classify(value, "none")
    return hit is not None and hit.kind == "hf-repo" and hit.confidence >= 0.9


_CLAUDE_CLIENT = re.compile(r"claude-(?:code|desktop)(?:-[\w.]+)?")
# a Claude tier word with no generation number (`claude-sonnet`, `claude-opus`, `claude-haiku`): every id Anthropic's
# API, Bedrock and Vertex serve carries one (claude-sonnet-4-5, claude-3-opus-20240229, claude-3-5-haiku-latest;
# docs.anthropic.com/en/docs/about-claude/models, as_of 2026-12-05), so the bare tier is a family word, a UI's group
# or a test's made-up id, never a model a request can name
CLAUDE_TIER_ONLY = re.compile(r"claude-(?:opus|sonnet|haiku)")
# the name part of an org/name that is a word and "test" (PLACEHOLDER's `rerank-test` alternative, after the slash)
_SLASHED_TEST_DOUBLE = re.compile(r"[a-z]{2,12}[-_]tests?")
_WORKERS_AI_ID = re.compile(r"@(?:cf|hf)/[a-z0-9][\w.-]{0,63}/[a-z0-9][\w.:-]{0,127}", re.IGNORECASE)
# a model with one quantised build chosen after `@` (LM Studio's `<model>@<quantization>`: `qwen2.5-7b-instruct@q4_k_m`,
# an MLX build's `@4bit`; lmstudio.ai/docs/cli, as_of 2026-12-07): the model before it, read as it is alone
_AT_QUANT = re.compile(r"([A-Za-z0-9][\w./:-]{1,150})@(?:\d{1,2}bits?|i?q\d(?:_[0-9a-z]{1,3}){0,2}|[fb]f?16|f32|int[48])",
                       re.IGNORECASE)
# a catalogue's version number after a model's name (`name:4`), as Foundry Local and Azure ML number their models
_CATALOGUE_VERSION = re.compile(r"\d{1,4}")
# a GGUF quantisation at the end of a tag (`q8_0`, `8b-instruct-q4_k_m`, `iq3_xxs`, `f16`): lower-cased input
_QUANT_TAIL = re.compile(r"(?:^|[-_.])(?:i?q\d(?:_[0-9a-z]{1,3}){0,2}|f16|fp16|bf16)$")


# a Bedrock default prompt router's id: the family it routes within (`anthropic.claude`, `meta.llama`) and a version
_BEDROCK_DEFAULT_ROUTER = re.compile(r"default-prompt-router/[a-z][a-z0-9-]{1,30}\.[a-z][\w.-]{1,60}:\d{1,3}")


# the tag of an Ollama cloud model: `cloud`, or the parameter count and `-cloud` (`120b-cloud`, `1t-cloud`)
_OLLAMA_CLOUD_TAG = re.compile(r"(?:\d+(?:\.\d+)?[bBmMtT]-)?cloud")


# a web-search engine's or search tool's name, `search` its first or last word (`bing-search`, `search_pro_jina`,
# `google_search`): a gateway that routes searches beside chat takes it in the same `model` field, but it names the
# search service, not a model. Models with the word (gpt-4o-search-preview, gpt-5-search, sonar-deep-research,
# text-search-ada-doc-001) are the knowledge base's and are known before this is asked
_SEARCH_TOOL = re.compile(r"(?:^search[-_.]|[-_.]search$)")


def search_tool_name(low: str) -> bool:
    """``low`` (lower case) is named as a search engine or tool is (``_SEARCH_TOOL``); asked of names nothing knows."""
    return "search" in low and _SEARCH_TOOL.search(low) is not None


def _is_tag(tag: str) -> bool:
    """Whether the part after ``:`` of a bare ``name:tag`` literal reads as an Ollama tag (``8b``,
    ``7b-instruct-q4_K_M``, ``v1.5``, ``latest``, ``instruct``), not an icon or other namespaced name that
    happens to start with a library name (``solar:pallete-2-linear``, an Iconify icon)."""
    if _TAG_SHAPE.search(tag):
        return True
    words = [t for t in _TOKEN_SPLIT.split(tag) if t]
    voc = vocab()
    return bool(words) and all(w in _TAG_WORDS or w in _GENERIC_WORDS or w in voc.model_tokens for w in words)


def _user_ollama_tag(low: str) -> Match | None:
    """``avr/sfr-embedding-mistral:latest``, ``hhao/qwen2.5-coder-tools:7b``: a model a user published to Ollama's
    library under their namespace (ollama.com/<user>/<model>, pulled as ``<user>/<model>:<tag>``), where a model is
    expected (the caller's hint); the model's name must read as a model on its own and the tag as a tag
    (``acme/backend:v2``, ``user/app:latest``, ``bitnami/redis:7.2`` do not)."""
    if not _TAGGED.fullmatch(low):
        return None
    library, suffix = low.split(":", 1)
    namespace, _, name = library.partition("/")
    if namespace in _NOT_OLLAMA_NAMESPACES or not _is_tag(suffix):
        return None
    inner = classify(name, "key")
    if inner is None or inner.kind not in ("api-model", "ollama-tag", "other"):
        return None
    return Match("ollama-tag", "ollama", 0.6, inner.role)


def _dmr_name(value: str) -> str:
    """The model name of a Docker Hub `ai/<name>[:<tag>]` reference (``ai/qwen3:latest`` → ``qwen3``)."""
    return value.split("/", 1)[1].split(":", 1)[0]


# namespaces of a `<ns>/<name>:<tag>` that are no Ollama user: Docker Hub's `ai/` models (Docker Model Runner, read by
# uris.docker_model_ref) and the Ollama library's own `library/` (the same model as the bare name)
_NOT_OLLAMA_NAMESPACES = frozenset({"ai", "docker", "library"})
_VENDOR_PREFIXED = re.compile(r"([a-z]{3,12})([-.])([a-z][\w.-]*\d[\w.-]*)")
_NOT_VENDORS = frozenset({"text", "chat", "code", "icon", "logo", "btn", "test", "mock", "fake", "model", "type"})


_MODEL_URI_SCHEMES = frozenset({"hf", "s3", "gs", "gcs", "oss", "modelscope", "ms", "pvc", "az", "abfs", "abfss",
                                "wasbs", "r2", "cos", "obs", "tos", "bos", "ollama", "hdfs"})


# an account or repository part that a writer fills in (`/user/repo/`, `/your-org/your-model/`, `/owner/name/`)
# the words a path or a template writes where a model's name goes (`models/model-name`, `models/model_id`, `models/name`)
# a test's name for the model in a publisher path (`publishers/default/models/a`, `…/models/shared-model`): a letter or
# two, or one plain word and the word model; Model Garden's ids carry a family word and a version or size
_VERTEX_TEST_TAIL = re.compile(r"[a-z]{1,2}|[a-z]{2,20}[-_]models?")
_FILL_IN_MODEL = re.compile(r"(?:(?:the|a|some|any)[-_])?(?:model|name|id|model[-_]?(?:name|id))")
_FILL_IN_SEGMENT = re.compile(r"(?i)user|username|owner|org|organization|repo|name|project")
_OWN_FILL_IN = re.compile(r"(?i)(?:your|my)[-_][\w.-]*")


def _classify_url(v: str, hint: Hint = "none") -> Match | None:
    """A model location: a download URL of a weight file (``https://download.pytorch.org/models/resnet18-5c106cde.pth``)
    or a model URI (``hf://Qwen/Qwen2-7B``, ``s3://bucket/models/llama-3-8b``, ``pvc://models/bge-m3``,
    ``modelscope://qwen/Qwen2-7B``): KServe ``storageUri``, vLLM/llm-d/Triton model repositories."""
    try:
        parts = urlsplit(v)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme in ("hf", "modelscope", "ms", "ollama") and (parts.netloc or parts.path.strip("/")):
        ref = (parts.netloc + parts.path).strip("/")
        if ref and not _TEMPLATE.search(ref) and re.fullmatch(r"[\w.-]+(?:/[\w.:+-]+){0,3}", ref):
            return Match("hf-repo" if scheme == "hf" else "model-file", None, 0.9)
        return None
    if scheme in _MODEL_URI_SCHEMES and parts.netloc:
        last = parts.path.rstrip("/").rsplit("/", 1)[-1] or parts.netloc
        if hint == "key" and last and not _TEMPLATE.search(v.split("://", 1)[1]):
            return Match("model-file", None, 0.75)  # any location under a model key (storageUri: gs://…/flowers)
        ok = bool(last) and not _TEMPLATE.search(last) and not _MODEL_FILE.fullmatch(last) and is_model_ish(last)
        if ok and (hint != "none" or re.search(r"\d", last)) and not is_generic(last) \
                and last.lower() not in _NOT_MODEL_WORDS:
            return Match("model-file", None, 0.8 if hint != "none" else 0.65)
    if scheme not in ("http", "https", "s3", "gs", "hf") or not parts.netloc:
        return None
    name = parts.path.rstrip("/").rsplit("/", 1)[-1]
    match = _MODEL_FILE.fullmatch(name)
    if not match or _TEMPLATE.search(name):
        return None
    head = parts.path.split("/")[1:3]
    if (len(head) == 2 and all(_FILL_IN_SEGMENT.fullmatch(p) for p in head)) or any(
            _OWN_FILL_IN.fullmatch(p) for p in head):
        return None  # a documentation or test fill-in (https://github.com/user/repo/model.onnx, /your-org/…)
    ext = match.group(1).lower()
    stem = name.rsplit(".", 1)[0]
    if (job := _JOB_ID_PREFIX.match(name)) is not None and _GENERIC_WEIGHT_FILE.fullmatch(name[job.end():]):
        # `…/fal-flux-lora/57256f3082ab4c1498c76b060ff3ffdb_pytorch_lora_weights.safetensors`: a training or upload
        # job's output, named by the job's id and the trainer's default file name; which model it is, the URL never
        # says (a repository's file is named under its repository's path, read above as a Hub URL)
        return None
    if ext in _URL_FILE_EXT or is_model_ish(stem) or _WEIGHT_STEM.search(stem):
        return Match("model-file", None, 0.8 if ext in _STRONG_FILE_EXT else 0.7)
    return None


# an opaque id a storage service or a job runner puts before a file's own name: 16 or more hex digits, or a UUID
_JOB_ID_PREFIX = re.compile(r"(?i)(?:[0-9a-f]{16,64}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})[_-]")


# a leading variable or home part of a path (``$HOME/…``, ``${MODEL_ROOT}/…``, ``~/…``)
_VAR_PREFIX = re.compile(r"^(?:\$\{\w+\}|\$\w+|~)(?=[/\\])")
_TEMPLATE_CHAR = re.compile(r"[{}$<>%|`*?]")


def templated_path(v: str) -> bool:
    """A path with a template or shell syntax in it, past a leading variable or home part (``$HOME/models/x`` is
    literal after its variable; ``/models/${NAME}`` and ``/models/*`` are not)."""
    return _TEMPLATE_CHAR.search(_VAR_PREFIX.sub("", v)) is not None


# a folder that holds model weights by its name: `checkpoints`, `pretrained_models`, `uvr5_weights`, `asr_models`
_WEIGHT_FOLDER = re.compile(r"(?i)(?:[a-z0-9]+[-_])?(?:models|weights|checkpoints?|ckpts?)|pretrained|model_weights")


def _relative_model_dir(v: str) -> bool:
    """``a/pretrained_models/<name>``: three or more plain path parts, the one before the last a weights folder
    (`pretrained_models`, `checkpoints`, `asr_models`, `weights`)."""
    parts = v.split("/")
    # a bare `models` there is an API route's or a Vertex resource's (`v1/models/gpt-4`, `publishers/google/models/…`)
    return len(parts) >= 3 and parts[-2].lower() != "models" and _WEIGHT_FOLDER.fullmatch(parts[-2]) is not None \
        and all(_PATH_PART.fullmatch(p) for p in parts)


_PATH_PART = re.compile(r"[\w.-]{1,100}")


def _in_model_folder(v: str) -> bool:
    """One of the folders above the file (never the file's own name) is named for model weights."""
    parts = re.split(r"[/\\]", v)[:-1]
    return any(_WEIGHT_FOLDER.fullmatch(p) for p in parts[-4:])


def _in_hub_id_dir(v: str) -> bool:
    """A path into a folder named after a Hub id with ``--`` or ``__`` for its ``/`` (a model cache's
    ``C:\\Cache\\microsoft--Phi-3-mini-4k-instruct\\main\\onnx``, ``/data/BAAI__bge-m3/``), below the root: the
    folder and what is in it are that model's files (``uris.hub_id_of_dir`` decides on the folder's name)."""
    from modelmap.discover.uris import HF_CACHE_DIR, hub_id_of_dir
    parts = [p for p in re.split(r"[/\\]+", v) if p][1:8]
    # the Hub's own cache layout (`~/.cache/huggingface/hub/models--Qwen--Qwen3-8B/snapshots/<sha>`): huggingface_hub
    # keeps every model repo it downloads in `models--<org>--<name>`, so the folder is that repo's whatever the org
    # (its `models--` prefix is no organisation for hub_id_of_dir); `datasets--` / `spaces--` folders are not models
    return len(v) <= 400 and any(("--" in p or "__" in p) and (
        hub_id_of_dir(p) is not None or HF_CACHE_DIR.fullmatch(p) is not None) for p in parts)


def _classify_local_dir(v: str, hint: Hint) -> Match | None:
    """A local model directory (``/models/chatglm3-6b``, ``D:\\AI\\model/chatglm3-6b/``): its last part names a model.

    Without an API or key saying "model", the last part must carry both a model word and a size or
    version, which keeps ``/data/llama`` and ``/app/api-v1`` out.
    """
    if templated_path(v):  # `$HOME/models/Qwen2-7B-Instruct`: its own name is literal
        return None
    if v.lower().startswith(_NOT_MODEL_ROOTS):
        return None  # an HTTP route (/metrics/default/deepseek-coder-7b) or a runtime/system path, not a model folder
    if _in_hub_id_dir(v):
        return Match("model-file", None, 0.7)
    name = re.split(r"[/\\]", v.rstrip("/\\"))[-1]
    if _DATA_FILE.search(name):
        return None  # `data.path: /tmp/math_Qwen2-7B-Instruct.parquet`: a dataset file named for the model it was
        # made with or for; a table or record file is never a model's folder, whatever model its name carries
    if name and hint in ("hf", "key") and _GENERIC_MODEL_DIR.fullmatch(name):
        return _generic_model_dir(v)
    if not name or not _PLAIN.fullmatch(name) or is_generic(name):
        return None
    low = name.lower()
    if {t for t in _TOKEN_SPLIT.split(low) if t} & _RUNTIME_WORDS:
        return None  # a model's cache, socket or metrics folder (deepseek-coder-7b-kvcache), not the model
    kb = load()
    if low in _NOT_MODEL_WORDS:
        return None
    if low in kb.alias_index or low in _hub_names():
        # the folder is named after a model the knowledge base holds (`./pretrained/InternViT-300M-448px-V2_5`)
        return Match("model-file", None, 0.7)
    tokens = {_VERSION_TAIL.sub("", t) for t in _TOKEN_SPLIT.split(low) if t}
    if not tokens & (vocab().model_tokens - _GENERIC_WORDS):  # needs a family word, not just "embedding"
        parts = re.split(r"[/\\]", v.rstrip("/\\"))
        in_models_dir = len(parts) >= 2 and parts[-2].lower() in _MODEL_DIR_WORDS
        sized = bool(_PARAM_SIZE.search(low))
        if ((hint == "hf" and (in_models_dir or sized)) or (hint == "key" and sized and in_models_dir)) \
                and len(parts) >= 2 \
                and low not in _NOT_DIR_NAMES and not (tokens & _SCRATCH_WORDS) \
                and re.search(r"[a-z]{2}", low) and not PLACEHOLDER.match(name):
            # where a loader or a model flag takes the value (from_pretrained, --model_path), a folder right inside a
            # models / checkpoints / pretrained directory is the model whatever it is called
            # (`--model_path /app/models/text2vec-large-chinese`); under a settings key alone, when its name carries a
            # parameter count (`models = ["~/model_weights/alpaca-7b"]`); where a loader takes it, a folder whose name
            # carries a parameter count anywhere (`from_pretrained("/root/data/THUCoAI/CharacterGLM-6B")`)
            return Match("model-file", None, 0.6)
        return None
    if hint == "none":
        parts = re.split(r"[/\\]", v.rstrip("/\\"))
        if len(parts) >= 2 and parts[-2].lower() in ("output", "outputs"):
            # `output_dir="./output/llama3_1_instruct_lora"` with nothing saying a model is read from it: where a
            # training run writes its result, not a model the code uses
            return None
        if re.fullmatch(r"/[^/\\]+/?", v) and not _PARAM_SIZE.search(low):
            # one name right under the root with a version but no size (`basePath: "/minimax-v2"`, "/api-v1"): a URL
            # route prefix, not a model folder
            return None
        # a folder right inside a weights folder (`pretrained_models/chinese-roberta-wwm-ext-large`) needs no version
        in_weights = len(parts) >= 2 and _WEIGHT_FOLDER.fullmatch(parts[-2]) is not None and is_model_ish(name)
        return Match("model-file", None, 0.6) if re.search(r"\d", low) or in_weights else None
    if hint in ("hf", "key", "path", "api", "prefixed"):
        return Match("model-file", None, 0.7)
    return None


# a folder named for what it holds and no more (`model`, `embedding_model`, `sentence-transformer`, `llm_model`)
# (one model: `models`, `embedding` alone name a folder of several or a kind)
_GENERIC_MODEL_DIR = re.compile(r"(?i)(?:(?:embedding|embed|rerank|reranker|base|pretrained|llm|chat|local)[-_]?)?model|"
                                r"sentence[-_]transformers?")


def _generic_model_dir(v: str) -> Match | None:
    """A local folder with a generic name where a loader or a model setting takes it
    (``HuggingFaceEmbeddings(model_name="/root/autodl-tmp/embedding_model")``, ``model_path="../../dataset/model"``):
    the model is whatever was put there, so the folder is the reference. Its parent must be a named folder that is
    not scratch or output space (``./model``, ``output/model``, ``/tmp/model`` are left out)."""
    if templated_path(v) or v.lower().startswith(_NOT_MODEL_ROOTS) or v.lower().startswith(_FILL_IN_ROOTS):
        # (a usage text's fill-in, `--model_path /path/to/unquantized/model`: a generic folder there is whatever the
        # reader puts in its place; a named one, `/path/to/Qwen-Chat`, is read by the other rules)
        return None
    parts = re.split(r"[/\\]", v.rstrip("/\\"))
    if len(parts) < 2:
        return None
    parent = parts[-2].lower()
    if parent in ("", ".", "..", "~") or parent in _NOT_DIR_NAMES or parent in _SCRATCH_WORDS \
            or not re.search(r"[a-z]{2}", parent):
        return None
    return Match("model-file", None, 0.5)


# roots of HTTP routes and of runtime or system folders: nothing under them is a model's folder
_FILL_IN_ROOTS = ("/path/to/", "path/to/")
_NOT_MODEL_ROOTS = ("/metrics/", "/api/", "/v1/", "/healthz/", "/var/run/", "/run/", "/proc/", "/sys/", "/dev/",
                    "/var/log/",
                    # the inference APIs' own routes (OpenAI's /chat/completions, /completions, /embeddings, which
                    # Qianfan, vLLM and most gateways copy): `/chat/ernie-func-8k`, `/embeddings/embedding-v1` is the
                    # HTTP path a provider serves a model at (its name in the route), never a folder on disk
                    "/chat/", "/completions/", "/embeddings/")
# files of records or tables (Parquet, Arrow / Feather, JSON Lines, CSV / TSV): what a trainer reads or a generation
# run writes, never model weights or a model folder (weights are .safetensors / .bin / .pt / .gguf / .onnx …)
_DATA_FILE = re.compile(r"(?i)\.(?:parquet|arrow|feather|jsonl|csv|tsv)$")
# last words that make a folder a model's runtime data rather than its weights
_RUNTIME_WORDS = frozenset({"kvcache", "cache", "socket", "sock", "metrics", "logs", "log"})
_COLLAPSED = re.compile(r"[a-z]+\d[a-z0-9]*")
_SUFFIX_WORDS = re.compile(r"(mini|nano|preview|turbo|pro|max|plus|flash|lite|large|small|medium|instruct|chat)")


@lru_cache(maxsize=4096)
def _collapsed_api_name(low: str) -> str | None:
    """The API model an app's separator-less spelling stands for (``gpt4omini``: gpt-4o-mini, ``o1preview``:
    o1-preview, ``o3mini``; ``gpt4o-mini``, ``claude3-opus``: the first word collapsed): a dash put back before
    each suffix word and, or not, between a family word and its version digit, kept when the knowledge base or an
    API's pattern knows the result."""
    head, dash, tail = low.partition("-")
    if len(low) > 40 or len(head) < 4 or len(head) > 24 or not _COLLAPSED.fullmatch(head):
        return None
    kb = load()
    split = _SUFFIX_WORDS.sub(lambda m: "-" + m.group(1), head[1:])
    base = head[0] + split
    variants = [base, re.sub(r"(?<=[a-z])(?=\d)", "-", base, count=1)]
    for variant in variants:
        # only the first word may be collapsed: `gpt4o-mini` is gpt-4o-mini, the rest as written
        name = variant + dash + tail
        if name == low or "--" in name:
            continue
        if name in kb.alias_index or api_pattern(name) is not None:
            return name
    return None


@cache
def _hub_names() -> frozenset[str]:
    """The name part of every Hub id the knowledge base knows, when distinctive enough to stand for the
    model under another namespace: a digit and a separator in it (``bge-large-zh-v1.5``, not ``bert``)."""
    names = set()
    for hub_id in load().hf_index:
        name = hub_id.rsplit("/", 1)[-1]
        if len(name) >= 5 and re.search(r"\d", name) and re.search(r"[-_.]", name) and not is_generic(name):
            names.add(name)
    return frozenset(names)


@lru_cache(maxsize=1)
def _hub_name_parts() -> frozenset[str]:
    return frozenset(hub_id.rsplit("/", 1)[-1].lower() for hub_id in load().hf_index)


def names_hub_model(value: str) -> bool:
    """The value is the name part of a Hub model the knowledge base holds (``fsmn-vad`` of funasr/fsmn-vad), the name
    a toolkit addresses its own model by."""
    return value.strip().lower() in _hub_name_parts()


# a GGUF quantisation type as a tag after a Hub repository (Q4_K_M, Q8_0, IQ4_XS, IQ2_XXS, F16, BF16, unsloth's
# UD-Q4_K_XL; github.com/ggml-org/llama.cpp README `-hf <user>/<model>[:quant]`, huggingface.co/docs/hub/ollama
# `hf.co/{username}/{repository}:{quantization}`, as_of 2026-12-06)
_GGUF_QUANT_TAG = re.compile(r"(?i)(?:ud-)?(?:i?q\d(?:_[0-9a-z]{1,3}){0,2}|f16|fp16|bf16|f32)")
_ROUTE_HEAD = re.compile(r"[a-z][a-z0-9_-]{1,30}")


def _gateway_route(parts: list[str]) -> Match | None:
    """A gateway's model string that routes to a provider's model through its own path segments,
    ``<gateway>[/<provider>][/<api version>]/<model>`` (Google ADK's Apigee strings ``apigee/v1/gemini-1.5-flash``,
    ``apigee/vertex_ai/v1beta/gemini-1.5-flash``, ``apigee/openai/v1/gpt-4o``, github.com/google/adk-go
    model/apigee, as_of 2026-12-06):
    the segments between the gateway's word and the model are each a provider's id or an API version, and the last
    segment is a model the vocabulary knows by name (an API pattern or a knowledge-base alias). An API route
    (``openai/v1/chat/completions``), a Hub path (``models/v1/…``), a placeholder tail (``apigee/openai/v1/gpt``) or
    a string whose first word is itself a provider's prefix or a Hub org (their own rules read those) is no such
    string."""
    if len(parts) > 4:
        return None
    voc, kb = vocab(), load()
    head, middle, last = parts[0].lower(), [p.lower() for p in parts[1:-1]], parts[-1].lower()
    if not _ROUTE_HEAD.fullmatch(head) or head in _MODEL_DIR_WORDS or head in _HUB_ROUTE_WORDS \
            or _API_VERSION_SEGMENT.fullmatch(head) or head in voc.prefixes or head in kb.org_index:
        return None  # a provider's own prefix (`openrouter/anthropic/…`) or a Hub org keeps its own rules
    for p in middle:
        if not (_API_VERSION_SEGMENT.fullmatch(p) or p in voc.prefixes or p in voc.provider_ids):
            return None
    found = api_pattern(last)
    if found is None and last not in kb.alias_index:
        return None
    # the gateway serves it, so the provider the bare name suggests is not said
    return Match("provider-prefixed", None, 0.8, found[1] if found else None)


def _classify_slashed(v: str, low: str, hint: Hint) -> Match | None:
    kb = load()
    voc = vocab()
    parts = v.split("/")
    if any(not p for p in parts):
        return None
    if len(parts) == 2 and ":" in parts[1]:
        repo, _, suffix = v.rpartition(":")
        if suffix.lower() in HF_ROUTER_SUFFIXES:  # Hugging Face Inference Providers' org/name:provider
            inner = _classify_slashed(repo, repo.lower(), hint)
            if inner is not None and inner.kind == "hf-repo":
                return Match("hf-repo", "huggingface-inference", inner.confidence, inner.role)
        if _GGUF_QUANT_TAG.fullmatch(suffix):
            # `bartowski/Llama-3.2-1B-Instruct-GGUF:IQ4_XS`: a GGUF repository and the quantisation to take from it,
            # as llama.cpp's `-hf <repo>[:quant]` and Ollama's `hf.co/<repo>:<quant>` write it: the repository
            inner = _classify_slashed(repo, repo.lower(), hint)
            if inner is not None and inner.kind == "hf-repo":
                return inner
    if low in kb.hf_index:
        return Match("hf-repo", None, 0.95)
    api = api_pattern(low) if low.startswith("models/") else None  # Gemini's "models/gemini-1.5-pro"
    if api:
        return Match("api-model", api[0], 0.9, api[1])
    first = parts[0].lower()
    if len(parts) >= 3 and (routed := _gateway_route(parts)) is not None:
        return routed
    if len(parts) >= 3 and parts[0] in _TIER_PREFIXES:
        # SiliconFlow's tiers in front of a Hub id (Pro/deepseek-ai/DeepSeek-V3.2, Pro/BAAI/bge-m3: the paid tier of
        # the same model, docs.siliconflow.cn model list, as_of 2026-12-04): the model the id after the tier names
        inner = _classify_slashed("/".join(parts[1:]), "/".join(parts[1:]).lower(), hint)
        if inner is not None and inner.kind == "hf-repo":
            return Match("provider-prefixed", _TIER_PREFIXES[parts[0]], min(inner.confidence, 0.85), inner.role)
        return None
    if len(parts) == 3 and first in _HUB_QUALIFIERS:
        # an app that downloads from several hubs names the hub in front of the repository
        # (ModelScope/MNN/Qwen3-4B-MNN, Modelers/org/name, WiseModel/org/name): the repository is the model; not a
        # route on the hub's site (modelscope/api/v1, ModelScope/models/list)
        inner = _classify_slashed("/".join(parts[1:]), "/".join(parts[1:]).lower(), "hf")
        if inner is not None and inner.kind == "hf-repo" and is_model_ish(parts[2]) \
                and parts[1].lower() not in _HUB_ROUTE_WORDS and not _API_VERSION_SEGMENT.fullmatch(parts[2].lower()):
            return Match("hf-repo", None, min(inner.confidence, 0.8), inner.role)
        return None
    if len(parts) >= 2 and first in voc.prefixes:
        rest = "/".join(parts[1:])
        is_org = first in kb.org_index
        rest_low = rest.lower()
        known_rest = rest_low in kb.alias_index or rest_low in kb.hf_index or api_pattern(rest_low) is not None
        ambiguous_hf = is_org and len(parts) == 2 and not (known_rest or ":" in rest)
        if len(parts) >= 3 and not known_rest and _API_VERSION_SEGMENT.fullmatch(parts[1].lower()):
            # "openai/v1/chatcompletions", "gemini/v1beta/generatecontent": a vendor, an API version, an
            # operation — a gateway's API route name, not a model under a provider prefix
            return None
        if len(parts) == 3 and not known_rest and parts[1].lower() in ("converse", "invoke") \
                and voc.prefixes[first] == "aws-bedrock" and "." not in parts[2] and not parts[2].startswith("arn:"):
            # "bedrock/converse/claude", "bedrock/invoke/deepseek_r1": a Bedrock API route named for a family (an
            # agent framework's LLM interface kind); LiteLLM's `bedrock/converse/<id>` route carries a Bedrock model id,
            # which always names its vendor with a dot (`anthropic.claude-…`) or is an ARN
            return None
        if len(parts) >= 3 and not known_rest and all(_PLAIN_WORD.fullmatch(p) and not is_model_ish(p)
                                                      for p in parts[1:]) and any(is_generic(p) for p in parts[1:]):
            return None  # "openai/model/extra": a provider and plain lower-case words, one generic (a test's
            # path-splitting case), no model: a model's name under a provider's org carries a digit, a size or a family
            # word
        if not ambiguous_hf:
            last = parts[-1]
            stem = last.split(":", 1)[0]
            tail_ok = known_rest or "/" in rest or is_model_ish(stem) or stem.lower() in voc.ollama_library
            if not known_rest and len(parts) == 2 and (_API_OPERATION.fullmatch(stem.lower()) or is_generic(stem)):
                return None  # `groq/chat`, `dashscope/embeddings`: a provider's API operation (a route), no model
            if tail_ok and (_PLAIN.fullmatch(last) or _TAGGED.fullmatch(last)):
                return Match("provider-prefixed", voc.prefixes[first], 0.85)
            return None
    if len(parts) == 2 and _ORG_NAME.fullmatch(v):
        org, name = parts
        if _DATA_REPO_TAIL.search(name) and v.lower() not in kb.hf_index:
            # `lmms-lab/LLaVA-OneVision-Data`, `PeterJinGo/wiki-18-e5-index`, `open-r1/open-r1-eval-leaderboard`: a
            # Hub repository whose name ends in a data word holds a dataset, a search index or results, not weights
            return None
        if org.lower() in _MODEL_DIR_WORDS and org.lower() not in kb.org_index and name.lower() in voc.model_tokens \
                and name.lower() not in kb.alias_index:
            # `model_dir: models/whisper`, `download_root: "models/bge"`: a family's folder under the app's models
            # folder, where the engine keeps whichever of that family's models it downloads (the size is a setting of
            # its own); a family word alone names no model, and no Hub account is named `models` or `checkpoints`
            return None
        if org.islower() and _VARIANT_DIR.fullmatch(org) and org not in kb.org_index and not is_model_ish(name) \
                and name.lower() not in _hub_names():
            # a file in a model repository's format folder that names no model: an ONNX export's external data for
            # one tensor (`onnx/Constant_7_attr__value`, as torch.onnx names a Constant node's value), listed beside
            # `onnx/model.onnx` among the files to fetch; no Hub account is named `onnx` or `fp16`
            return None
        if org.lower() in kb.org_index:
            if _API_BASE_VERSION.fullmatch(name.lower()):
                # `openai/v1`, `google/v1beta`: a vendor's API version, the base path of a route or a gateway's
                # prefix (Bedrock's `openai/v1` path for OpenAI's models); no model is named v1 or a beta / alpha
                # version (`deepseek/v3` is DeepSeek-V3, still a model)
                return None
            if _API_OPERATION.fullmatch(name.lower()) or is_generic(name):
                # a vendor and an API operation or role word (`api.MapPost("openai/chat", …)`, `openai/embeddings`,
                # `anthropic/messages`): a web app's route or an adapter's name, not a repository (a Hub model
                # of that exact id was found above)
                return None
            if not is_model_ish(name) and (len(name) == 1 or name.lower() in _SLOT_NAMES):
                # `model = "openai/local"` (a llamafile served on localhost), `"openai/i"`, `openai/default`: a client
                # library's route prefix before a placeholder the local server ignores, one letter or a slot word;
                # no Hub repository and no served id
                return None
            if is_model_ish(name) or hint != "none":
                return Match("hf-repo", None, 0.9)
            return None
        if name.lower() in _SLOT_ROLE and name.lower() not in _hub_names():
            # `reranker: servers/reranker`, `embedding: services/embedding`: a folder or route named for the role
            # it serves, under an account the knowledge base does not know; no Hub repository is named a role word
            # alone (a known vendor's `openai/embeddings` is a route too, above)
            return None
        if hint in ("hf", "key", "api", "prefixed") and is_model_ish(name):
            return Match("hf-repo", None, 0.75 if hint == "hf" else 0.65)
        if name.lower() in _hub_names() and not org.startswith("."):
            # a known Hub model's exact name under another namespace: a repack or mirror
            # (quentinz/bge-large-zh-v1.5 on Ollama, Xenova/… ONNX ports)
            return Match("hf-repo", None, 0.7)
        if (converted := CONVERTED_REPO_TAIL.search(name)) is not None and org[:1].isalnum() \
                and org.lower() not in _MODEL_DIR_WORDS and not _VARIANT_DIR.fullmatch(org) \
                and len([t for t in _TOKEN_SPLIT.split(name[:converted.start()]) if t]) >= 2:
            # `neuphonic/neutts-nano-q4-gguf`, `acme/phi-3-mini-onnx`: a repository of a model converted to a weight
            # format, named as converters name them (the model's name of two words or more, then the format), whatever
            # the model is called; a tool's repository (`k2-fsa/sherpa-onnx`, `onnx/tensorflow-onnx`) has one word
            # before the format's
            return Match("hf-repo", None, 0.6)
        if hint == "key" and _CAMEL_MODEL.fullmatch(name) and not _CODE_TYPE_TAIL.search(name) and org[:1].isalnum():
            # a Hub / ModelScope repository named in CamelCase words under a model key (stt_model: iic/SenseVoiceSmall,
            # FunAudioLLM/CosyVoiceBase): a project's model repo, named as labs name their releases
            return Match("hf-repo", None, 0.6)
        if hint == "key" and re.search(r"\d", name) and re.search(r"[a-z]", name.lower()):
            # an org/name with a version under a model key (modelURL: distilbert/distilgpt2)
            return Match("hf-repo", None, 0.6)
        if hint == "hf" and not org.startswith("."):
            return Match("hf-repo", None, 0.6)
        return None
    if len(parts) == 2 and _TAGGED.fullmatch(v) and hint == "ollama":
        return Match("ollama-tag", "ollama", 0.7)
    if len(parts) >= 2 and first in _MODEL_DIR_WORDS and not _TEMPLATE.search(v):
        # a relative folder under a models directory (`models/BAAI/bge-large-zh-v1.5`, `checkpoints/Qwen2-7B`):
        # named after a Hub model the knowledge base holds, or model-shaped where a key says "model"
        tail = "/".join(parts[-2:]).lower()
        last = parts[-1]
        if tail in kb.hf_index or last.lower() in _hub_names() or (
                hint in ("key", "path", "hf") and is_model_ish(last) and re.search(r"\d", last)):
            return Match("model-file", None, 0.7)
        if hint == "key" and len(parts) == 3 and all(
                _PATH_PART.fullmatch(p) and "." not in p and p.lower() not in _NOT_DIR_NAMES for p in parts[1:]) \
                and _TOKEN_SPLIT.split(last.lower())[-1] not in _MODEL_DIR_WORDS:
            # (`models/musetalk/avatar_model`: a folder named for what it holds, a kind, not a trained model)
            # `xtts_model = "models/xtts/Lasinya"`, `rvc_model = "models/rvc/<voice>"`: a trained model's folder kept
            # under its engine's folder in the app's models directory, under a name that says "model" (a family's
            # folder alone, `models/whisper`, names none: above)
            return Match("model-file", None, 0.6)
    if len(parts) >= 3 and hint in ("key", "hf") and not _TEMPLATE.search(v) and any(
            _PARAM_SIZE.search(p.lower()) and is_model_ish(p) for p in parts[:-1]):
        # a trainer's folder of a sized model's adapter or run under a model key
        # (`adapter_name_or_path: saves/qwen3-4b/lora/sft`)
        return Match("model-file", None, 0.6)
    if len(parts) >= 3 and parts[0].lower() == "accounts" and parts[2] == "models" and len(parts) == 4:
        return Match("provider-prefixed", "fireworks-ai" if parts[1] == "fireworks" else None, 0.85)
    if len(parts) == 3 and hint in ("key", "api", "prefixed") and _APP_PROVIDER.fullmatch(parts[0].lower()) \
            and parts[0].lower() not in _MODEL_DIR_WORDS:
        # an app's own provider or gateway name in front of the id it serves, as a settings' model key holds it
        # (truefoundry/openai-main/gpt-4o-mini, local-infinity/mixedbread-ai/mxbai-rerank-xsmall-v1, and capitalised as
        # an app names its backends: Transformers/Qwen/Qwen2.5-7B-Instruct): the model the rest names when the rest is
        # a Hub id the knowledge base holds, or a route whose last part is a known model
        rest_low = "/".join(parts[1:]).lower()
        tail = parts[2].lower()
        middle = parts[1].lower()
        served = middle.split("-", 1)[0].split("_", 1)[0] in voc.prefixes and (
            tail in kb.alias_index or api_pattern(tail) is not None)  # openai-main/gpt-4o-mini, azure-openai/gpt-4
        if rest_low in kb.hf_index or served:
            return Match("provider-prefixed", None, 0.7)
    return None


# a Hub repository written as one folder name, `<org>_<name>`, with a build's suffixes after it: how Core ML / MLX /
# on-device apps name the folders they download (WhisperKit's `openai_whisper-tiny.en`,
# `distil-whisper_distil-large-v3_594MB`, `openai_whisper-large-v3-v20240930_turbo_632MB`, a Hub repo's folders named
# `<org>_<repo>` by the conversion that made them). Only a known org and a name that is a Hub model of that org (or
# reads as one under it, with a family word) count: `openai_api_key`, `google_search_tool` name no model
_HUB_FOLDER = re.compile(r"([a-z0-9][a-z0-9-]{1,38})_([a-z0-9][\w.-]{1,150})")
# what a build appends to the folder of the model it converted: its size on disk, `turbo`, a precision or
# quantisation (the weights are the same model's)
_FOLDER_SUFFIX = re.compile(r"\d+(?:\.\d+)?[kmg]b|turbo|fp16|fp32|bf16|int[48]|w\d+a\d+|q\d[\w]{0,6}|quantized|"
                            r"compressed")


@lru_cache(maxsize=1 << 14)
def _hub_folder_name(low: str) -> Match | None:
    m = _HUB_FOLDER.fullmatch(low)
    kb = load()
    if m is None or m.group(1) not in kb.org_index:
        return None
    org, parts = m.group(1), m.group(2).split("_")
    while parts:
        name = "_".join(parts)
        repo = f"{org}/{name}"
        if "-" in name and (repo in kb.hf_index or (names_family(name) and is_known_hub_repo(repo))):
            return Match("other", None, 0.8, kb_role(repo) or role_from_name(low))
        if len(parts) == 1 or not _FOLDER_SUFFIX.fullmatch(parts[-1]):
            return None
        parts.pop()
    return None


# the name an app gives one of its model providers or gateways (`local-infinity`, `openai-main`, `truefoundry`)
_APP_PROVIDER = re.compile(r"[a-z][a-z0-9]*(?:[-_][a-z0-9]+){0,4}")


# model hubs other than Hugging Face (whose `huggingface/` prefix is a provider's) written before an org/name id
_HUB_QUALIFIERS = frozenset({"modelscope", "modelers", "wisemodel", "openxlab", "openmind", "gitee-ai"})
_HUB_ROUTE_WORDS = frozenset({"api", "models", "model", "datasets", "dataset", "hub", "studios", "docs", "search"})
_TIER_PREFIXES = {"Pro": "siliconflow-cn", "LoRA": "siliconflow-cn"}  # case-sensitive, as the provider writes them
_API_BASE_VERSION = re.compile(r"v1|v\d+(?:alpha|beta)\d*")  # the first API version, or a pre-release one
_API_VERSION_SEGMENT = re.compile(r"v\d+(?:(?:alpha|beta)\d*)?")  # v1, v2, v1beta, v1alpha2
# the operations of model APIs as their routes name them (OpenAI /v1/chat/completions, /responses, /images,
# /audio/transcriptions; Anthropic /v1/messages; Gemini :generateContent, as_of 2026-12-04)
_API_OPERATION = re.compile(r"(?:chat[-_]?)?completions?|messages|responses|images|audio|speech|transcriptions?|"
                            r"translations|moderations?|generations?|generate(?:content)?|invoke|files|batch(?:es)?|"
                            r"assistants|threads|realtime|tokenize")
_PARAM_SIZE = re.compile(r"(?:^|[-_.])\d+(?:\.\d+)?[bm](?:$|[-_.])")  # 4b, 0.5b, 135m: a parameter count
_MODEL_DIR_WORDS = frozenset({"models", "model", "checkpoints", "checkpoint", "pretrained", "pretrained_models",
                              "weights", "model_weights", "hf_models", "llm", "llms", "ckpt", "ckpts"})
# folder names inside a models directory that hold no one model: caches, scratch and output space
_NOT_DIR_NAMES = frozenset({"cache", "caches", "hub", "tmp", "temp", "data", "output", "outputs", "logs", "log", "runs",
                            "local", "current", "default", "latest", "base", "all", "shared", "public", "private",
                            "downloads", "download", "snapshots", "blobs", "archive", "backup", "old", "new", "config",
                            "configs", "src", "lib", "bin", "dist", "build", "static", "assets", "files", "store",
                            "storage"})
# words that make a folder's name a place for scratch, caches or output wherever they stand (cache_store, tmp-run)
_SCRATCH_WORDS = frozenset({"cache", "caches", "tmp", "temp", "store", "storage", "logs", "log", "output", "outputs",
                            "backup", "snapshots", "blobs", "downloads"})
_LOCAL_HOSTS = {"localhost", "127.0.0.1", "0.0.0.0", "::1", "host.docker.internal"}


_SPACE = re.compile(r"\s")  # str.isspace, as a search: both test each character with Py_UNICODE_ISSPACE


def _url_parts(v: str) -> tuple[SplitResult, str, int | None] | None:
    """(parts, lower-case host, port) of an absolute URL of at most 500 characters with no whitespace and a host;
    None otherwise (a bad port or bracket raises in urlsplit: None too)."""
    if "://" not in v or len(v) > 500 or _SPACE.search(v):
        return None
    try:
        parts = urlsplit(v)
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return None
    return (parts, host, port) if host else None


def classify_endpoint(value: str) -> tuple[str, str] | None:
    """Return (provider id, normalised base URL) for a model-API base URL, else None."""
    v = value.strip()
    split = _url_parts(v)
    if split is None:
        return None
    parts, host, port = split
    if parts.scheme not in ("http", "https", "ws", "wss"):
        return None
    provider = _endpoint_provider(load(), host, port)
    if provider is None:
        return None
    if port in _SHARED_PORTS and provider == vocab().local_ports.get(port) and _endpoint_provider(load(), host, None) \
            is None and not _MODEL_API_PATH.match(parts.path or "/"):
        return None  # a web app's own address on a shared port (http://localhost:3000/login), not a model server
    return provider, v.rstrip("/")



# the provider id of a model server that a client reaches on the company's own network (a private address, a
# cluster-internal name) when nothing says which server software it is: operator and serving country unknown
SELF_HOSTED = "self-hosted"
# host names that only resolve inside one network: Kubernetes service DNS (<svc>.<ns>.svc.cluster.local, <svc>.<ns>.svc),
# cloud-internal DNS (*.internal: GCP, ECS/Docker host.docker.internal), mDNS (*.local)
_PRIVATE_SUFFIXES = (".svc.cluster.local", ".cluster.local", ".svc", ".internal", ".local", ".localhost")


def _private_host(host: str) -> bool:
    """Whether ``host`` names a machine on the caller's own network: loopback, a private (RFC 1918 / RFC 4193)
    address, a cluster- or network-internal DNS name, or a single-label name (a Compose or Kubernetes service).
    Link-local addresses are not (169.254.169.254 is a cloud's metadata service, never a model server)."""
    if host in _LOCAL_HOSTS:
        return True
    try:
        ip = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return "." not in host or host.endswith(_PRIVATE_SUFFIXES)
    return (ip.is_private or ip.is_loopback) and not ip.is_link_local and not ip.is_multicast


def classify_client_endpoint(value: str) -> tuple[str, str] | None:
    """``classify_endpoint`` for a URL that code binds to a model client's base URL (``OpenAI(base_url=...)``,
    ``new OpenAI({ baseURL })``, ``ChatOpenAI(openai_api_base=...)``): there a private or cluster-internal address
    with a model API's path (``http://10.0.3.7:8000/v1``, ``http://qwen-vllm.llm.svc.cluster.local:8000/v1``) is a
    model server the company runs itself. Its server is named only by a port that is that server's own (Ollama's
    11434); otherwise it is ``self-hosted``, operator and serving country unknown. Callers apply this only under a
    client's base-URL binding: a bare private URL elsewhere (a web app's own routes, an OAuth redirect, a health
    check) is no model server."""
    hit = classify_endpoint(value)
    if hit is not None:
        return hit
    v = value.strip()
    split = None if _TEMPLATE_HOST.search(v) else _url_parts(v)
    if split is None:
        return None
    parts, host, port = split
    if parts.scheme not in ("http", "https") or not _private_host(host):
        return None
    local = vocab().local_ports.get(port) if port is not None else None
    if local and port not in _SHARED_PORTS:
        return local, v.rstrip("/")  # the server's own port (Ollama's 11434) names it, as on a local host
    if not _MODEL_API_PATH.match(parts.path or "/"):
        return None
    return SELF_HOSTED, v.rstrip("/")


# a placeholder standing for the host (http://${VLLM_HOST}:8000/v1, http://{host}:8000/v1, http://<ip>:8000/v1)
_TEMPLATE_HOST = re.compile(r"://[^/]*[{}<>$%]")

# local ports that a model server defaults to but every kind of web server uses too (Rails, Express, Next.js and
# Grafana on 3000, Django and uvicorn on 8000, Tomcat and proxies on 8080): a local address on one of them is taken
# for that model server only with a model API's path (/v1, /generate, /api/chat ...); a bare
# http://localhost:3000 (a web UI's address, an OAuth redirect, a health check) is not. Ollama's 11434 and
# LM Studio's 1234 are that server's own
_SHARED_PORTS = frozenset({3000, 8000, 8080})
_MODEL_API_PATH = re.compile(r"/(?:v\d+(?:(?:alpha|beta)\d*)?(?:/|$)|openai(?:/|$)|generate(?:_stream)?/?$|"
                             r"(?:chat/)?completions/?$|embeddings?/?$|rerank/?$|tokenize/?$|info/?$|invocations/?$|"
                             r"api/(?:generate|chat|embed|embeddings|tags|show|pull)/?$)")


@lru_cache(maxsize=1 << 12)
def _endpoint_provider(kb: KnowledgeIndex, host: str, port: int | None) -> str | None:
    """The model API a host (and port) serves, else None; memoised per knowledge index: a scan meets the same few
    hosts thousands of times (a lock file's registry URLs), and an unknown host is tried against every pattern."""
    provider = kb.host_index.get(f"{host}:{port}") if port is not None else None
    if provider is None and host not in _LOCAL_HOSTS:
        provider = kb.host_index.get(host)
    if provider is None and host not in _LOCAL_HOSTS:
        for pattern, prov in kb.host_index.items():
            if pattern.startswith("*.") and host.endswith(pattern[1:]):
                provider = prov
                break
            if "*" in pattern and re.fullmatch(re.escape(pattern).replace(r"\*", r"[\w-]+"), host):
                provider = prov
                break
    if provider is None and port is not None:
        local = vocab().local_ports.get(port)
        if local and (host in _LOCAL_HOSTS or "." not in host or host == local):
            provider = local
    return provider
