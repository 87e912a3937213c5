"""Model locations written as URIs and URLs, wherever they appear (issue 10).

A model is often named by where its weights live rather than by its id:

* hub URIs: ``hf://Qwen/Qwen2-7B-Instruct[@rev]``, ``huggingface://org/name``, ``modelscope://qwen/Qwen2-7B``,
  ``ollama://qwen2.5:7b`` (KubeAI ``Model.spec.url``, KServe ``storageUri``, llm-d ``model.uri``);
* hub web addresses: ``https://huggingface.co/org/name[/resolve/main/file.gguf]``, ``hf.co``, the
  ``hf-mirror.com`` mirror, ``https://modelscope.cn/models/org/name``, ``https://www.modelscope.cn/org/name.git``;
* storage URIs: ``s3://bucket/models/Qwen2-7B-Instruct``, ``gs://``, ``oss://``, ``pvc://claim/path``,
  ``az://``, ``oci://`` (model images), ``hdfs://`` …;
* the Hugging Face cache folder of a model: ``~/.cache/huggingface/hub/models--BAAI--bge-m3``.

``parse_location`` splits one of these into its scheme and the model identity it carries (the ``org/name`` of a
hub reference, the last path segment that looks like a model in a bucket). ``classify_uri`` decides whether the
value is a model reference: a hub reference always is (placeholders aside); a storage URI is when its path names a
model (``s3://acme/models/Qwen2-7B-Instruct``) or when a model key holds it (``storageUri: gs://bucket/flowers``);
a bucket path that names no model (``s3://acme-data/raw/``) is not. ``location_evidence`` gives the evidence a
finding carries: ``uri:<scheme>`` and ``model-id:<identity>``. The finding's ``raw`` stays the URI as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from urllib.parse import urlsplit

from modelmap.discover.identify import (
    PLACEHOLDER,
    Hint,
    Match,
    classify,
    is_generic,
    is_model_ish,
    kb_role,
    role_from_name,
)
from modelmap.knowledge import load
from modelmap.types import Finding

HUB_SCHEMES = frozenset({"hf", "huggingface", "modelscope", "ms"})
OLLAMA_SCHEMES = frozenset({"ollama"})
# object stores, volumes and registries that hold model weights (KServe storage initializer, KubeAI, llm-d, Triton)
STORAGE_SCHEMES = frozenset({
    "s3", "s3a", "s3n", "gs", "gcs", "oss", "pvc", "az", "azure", "abfs", "abfss", "wasb", "wasbs", "r2", "cos", "obs",
    "tos", "bos", "hdfs", "oci", "oci+fetch", "dbfs", "file", "minio",
})
# the Ollama library's pages and registry name one model each (https://ollama.com/library/smollm:135m, a user's
# https://ollama.com/<user>/<name>:<tag>), the address ramalama and Open WebUI accept for an `ollama pull`
OLLAMA_HOSTS = frozenset({"ollama.com", "www.ollama.com", "registry.ollama.ai"})
_OLLAMA_PAGES = frozenset({"search", "blog", "download", "docs", "api", "models", "signin", "signup", "settings",
                           "public", "v2", "pricing", "turbo", "privacy", "terms", "new", "connect", "cloud"})
HUB_HOSTS = frozenset({"huggingface.co", "www.huggingface.co", "hf.co", "hf-mirror.com"})
# the ModelScope API-Inference service names the model it serves in its path
# (https://api-inference.modelscope.cn/api-inference/v1/models/<org>/<name>), as the model pages do
MODELSCOPE_HOSTS = frozenset({"modelscope.cn", "www.modelscope.cn", "modelscope.ai", "www.modelscope.ai",
                              "api-inference.modelscope.cn"})
# NVIDIA's API Catalog serves each hosted model at an address of its own: a category, then the model's `<org>/<name>`,
# then the operation, if any (https://ai.api.nvidia.com/v1/cv/nvidia/nemotron-page-elements-v3,
# …/v1/retrieval/nvidia/llama-nemotron-rerank-1b-v2/reranking, …/v1/genai/black-forest-labs/flux.1-dev); the shared
# OpenAI-style base (https://integrate.api.nvidia.com/v1) and the shared operations (…/v1/retrieval/nvidia/reranking,
# the model given in the request body) name none
# the host OpenSearch serves its pretrained models' archives from (_web_location)
_OPENSEARCH_ARTIFACTS = "artifacts.opensearch.org"
_NVIDIA_HOSTED = re.compile(r"https://ai\.api\.nvidia\.com/v\d{1,2}/[a-z][a-z0-9-]{1,30}/"
                            r"([A-Za-z0-9][\w.-]{0,63}/[A-Za-z0-9][\w.-]{0,127})(?:/[A-Za-z][\w.-]{0,60}){0,3}/?")


# Amazon Bedrock Runtime names the model it runs in the request's path: `https://bedrock-runtime.<region>.amazonaws.com
# /model/<modelId>/invoke` (also `invoke-with-response-stream`, `converse`, `converse-stream`; the FIPS host
# `bedrock-runtime-fips.…`; docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModel.html and
# API_runtime_Converse.html, as_of 2026-12-07), as a connector's or gateway's URL setting writes it; the region may be a
# template (`bedrock-runtime.${parameters.region}.amazonaws.com`), the model id may not
_BEDROCK_RUNTIME = re.compile(r"https://bedrock-runtime(?:-fips)?\.(?:[a-z]{2}(?:-[a-z]+){1,2}-\d|\$?\{[\w.]{1,60}\})"
                              r"\.amazonaws\.com(?:\.cn)?/model/([A-Za-z0-9][\w.:-]{1,200})"
                              r"/(?:invoke|invoke-with-response-stream|converse|converse-stream)/?")


# a Bedrock model's ARN (`arn:aws:bedrock:<region>::foundation-model/<modelId>`, a cross-region inference profile's
# `arn:aws:bedrock:<region>:<account>:inference-profile/<profileId>`; docs.aws.amazon.com/service-authorization/latest/
# reference/list_amazonbedrock.html, as_of 2026-12-07): the model id after the resource type, the region and account
# possibly templates; a wildcard (`foundation-model/*`, an IAM policy's) names none
_BEDROCK_ARN = re.compile(r"arn:aws(?:-cn|-us-gov)?:bedrock:[^:\s]{0,80}:[^:\s]{0,80}:(?:foundation-model|inference-profile)"
                          r"/([a-z][\w.-]{2,120}(?::\d{1,3})?)")


def bedrock_arn_model(value: str) -> str | None:
    """The model id a Bedrock foundation-model or inference-profile ARN names (``_BEDROCK_ARN``), else None."""
    if not value.startswith("arn:aws") or len(value) > 400:
        return None
    m = _BEDROCK_ARN.fullmatch(value.strip())
    return m.group(1) if m is not None and not _placeholder(m.group(1)) else None


def hosted_model_path(url: str) -> str | None:
    """The ``<org>/<name>`` of the model a per-model hosted inference address calls (``_NVIDIA_HOSTED``), or the
    model id an Amazon Bedrock Runtime call's URL names (``_BEDROCK_RUNTIME``), else None; a template or placeholder in
    that part names none."""
    if "bedrock-runtime" in url:
        bedrock = _BEDROCK_RUNTIME.fullmatch(url.strip())
        if bedrock is None or _templated(bedrock.group(1)) or _placeholder(bedrock.group(1)):
            return None
        return bedrock.group(1)
    if "ai.api.nvidia.com" not in url:
        return None
    m = _NVIDIA_HOSTED.fullmatch(url.strip())
    if m is None or _templated(m.group(1)) or _placeholder(m.group(1)):
        return None
    name = m.group(1).split("/", 1)[1]
    if not re.search(r"[-\d]", name):
        return None  # `…/v1/retrieval/nvidia/reranking`: the shared reranking operation, its model in the body
    return m.group(1)


# an http(s) address whose last path segment is a route named for the model it serves: route words joined by `_`
# and then the model (`…/api/big_model_glm-4.5-flash`, `…/api/llm_siliconflow_THUDM_glm-4-9b-chat`,
# `…/llm_cloudflare_qwq-32b`: a chat proxy's per-model routes). Only the part after the last `_`, which must read as
# a model on its own, with a digit (a version or a size) and no file extension; a query string may follow
_ROUTE_TAIL = re.compile(r"https?://[^\s/?#]{1,200}(?:/[^\s/?#]{1,120}){0,8}/[A-Za-z0-9][A-Za-z0-9.-]{0,60}"
                         r"(?:_[A-Za-z0-9][A-Za-z0-9.-]{0,60}){0,5}_([A-Za-z][A-Za-z0-9.-]{2,80})/?(?:\?[^\s#]{0,300})?")
_FILE_TAIL = re.compile(r"\.[A-Za-z][A-Za-z0-9]{0,5}$")


def route_model(url: str) -> tuple[str, int, Match] | None:
    """The model a per-model proxy route's address names in its last path segment (``_ROUTE_TAIL``): the model, its
    offset in ``url`` and its reading (an API model name), else None. The model must read as one without any key
    (``classify`` with no hint: a known id or a model's shape) and carry a digit; a file's name (`logo_qwen.jpg`,
    `crag_mistral.ipynb`) or a template names none."""
    if "_" not in url or len(url) > 800 or _templated(url):
        return None
    m = _ROUTE_TAIL.fullmatch(url.strip())
    if m is None:
        return None
    tail = m.group(1)
    if not any(ch.isdigit() for ch in tail) or _FILE_TAIL.search(tail) or _placeholder(tail):
        return None
    match = classify(tail, "none")
    if match is None or match.kind not in ("api-model", "other"):
        return None
    return tail, url.index(url.strip()) + m.start(1), Match("api-model", match.provider, min(match.confidence, 0.8),
                                                            match.role)


# first path segments of huggingface.co pages that are not an account (datasets, docs, the model listing …)
_HUB_PAGES = frozenset({
    "datasets", "spaces", "docs", "api", "blog", "models", "join", "login", "settings", "pricing", "learn", "tasks",
    "organizations", "collections", "papers", "chat", "new", "enterprise", "inference-endpoints", "posts", "search",
    "notifications", "welcome", "terms-of-service", "privacy", "brand", "changelog", "static-proxy", "front", "oauth",
    # the PRO plan's page (huggingface.co/subscribe/pro, linked from huggingface.co/pricing, as_of 2026-12-07)
    "subscribe",
})
# pictures, recordings and documents: files a repository keeps beside (or instead of) weights, never weights
_MEDIA_FILE = re.compile(r"(?i)\.(?:png|jpe?g|gif|webp|svg|bmp|tiff?|ico|pdf|docx?|pptx?|xlsx?|mp3|mp4|wav|flac|ogg|"
                         r"m4a|webm|mov|avi)$")
_HUB_FILE_PARTS = frozenset({"resolve", "blob", "raw", "tree", "commit", "commits"})
_TEMPLATE = re.compile(r"[<>{}$%*`|\\]|\.\.\.")
# a URL's percent escape (`gemma%202b_it_v2.gguf`: a space in a Hub file's name; `%2F`), not a `%s` / `%02d` / `%2d`
# format: two hex digits where the `%` does not start digits and a (lower-case) printf conversion letter
_PERCENT_ESCAPE = re.compile(r"%(?![0-9]*[diouxefgcs$])[0-9A-Fa-f]{2}")


def _templated(text: str) -> bool:
    """``text`` holds a template or format placeholder (``{org}``, ``$MODEL``, ``%s``, ``...``); a URL's percent
    escapes are not one."""
    return _TEMPLATE.search(_PERCENT_ESCAPE.sub("", text) if "%" in text else text) is not None
_PLACEHOLDER_WORD = re.compile(r"(?i)^(?:your|my)[-_]|xxx|changeme|replace[-_]?me")
_PLACEHOLDER_PARTS = frozenset({
    "org", "name", "model", "repo", "user", "owner", "organization", "org-name", "model-name", "model_name",
    "model-id", "model_id", "repo-id", "repo_id", "namespace", "bucket", "path", "tag", "your-org", "your-model",
})
_SEGMENT = re.compile(r"[\w][\w.+-]{0,127}")
# the execution target an Azure ML / Foundry Local model build is named with (`phi-4-mini-instruct-generic-cpu`,
# `…-cuda-gpu`, `…-qnn-npu`, `…-openvino-gpu`): the model is the name before it
_DEVICE_TAIL = re.compile(r"(?i)(?:-(?:generic|cuda|qnn|openvino|vitis|trtrtx|tensorrt|webgpu|dml|directml))?"
                          r"-(?:cpu|gpu|npu)$")
_TAG = re.compile(r"[\w][\w.-]{0,63}")
_VERSION = re.compile(r"(?i)v?\d+(?:[._]\d+)*|[0-9a-f]{12,64}|\d{8,}")
# path segments that say where a model is kept, not which model it is
_FOLDER_WORDS = frozenset({
    "model", "models", "weights", "weight", "checkpoint", "checkpoints", "ckpt", "ckpts", "artifacts", "artifact",
    "snapshots", "snapshot", "export", "exported", "saved_model", "saved_models", "main", "master", "latest", "hf",
    "huggingface", "hub", "llm", "llms", "final", "output", "outputs", "release", "releases", "prod", "staging",
    "dev", "test", "tmp", "cache", "data", "files", "mnt", "opt", "srv", "home", "root", "var", "blobs", "refs",
    "repo", "repos", "pretrained", "base", "merged", "adapters", "adapter", "lora", "loras",
})
_ARCHIVE = re.compile(r"(?i)\.(?:tar\.gz|tgz|tar|zip|joblib|pkl|pickle|mar|bst|pb|h5|keras|pmml|onnx|pt|pth|bin|"
                      r"safetensors|gguf|ggml|tflite|mlmodel|nemo|ckpt|llamafile|model|ubj|cbm|txt|json)$")
# a path through one of these folders, or a last segment with one of these words, holds data about a model (eval
# results, logs, training sets), not the model: s3://acme/datasets/qwen2-7b-sft, gs://acme/evals/llama-3-8b-results
_DATA_FOLDERS = frozenset({"datasets", "dataset", "logs", "log", "results", "evals", "eval", "evaluations", "metrics",
                           "predictions", "benchmarks", "traces", "reports", "corpora", "corpus", "samples"})
_DATA_WORDS = frozenset({"dataset", "datasets", "data", "eval", "evals", "results", "result", "logs", "log", "metrics",
                         "predictions", "preds", "benchmark", "bench", "traces", "report", "reports", "corpus"})
_STORAGE_SUFFIX = re.compile(r"(?i)[-_](?:pvc|claim|volume|vol|cache|bucket|storage|store|data|disk)$")
HF_CACHE_DIR = re.compile(r"(?:^|[/\\])models--([\w.-]{1,96})--([\w.+-]{1,128})(?=$|[/\\])")


@dataclass(frozen=True)
class Location:
    """A model location: its scheme (``hf``, ``s3``, ``https``, ``hf-cache``), the model identity it carries
    (``Qwen/Qwen2-7B-Instruct``, ``qwen2.5:7b``; None when the path names no model), and its family:
    ``hub`` (the scheme or host is a model hub), ``ollama``, ``storage`` or ``cache``."""

    scheme: str
    identity: str | None
    family: str
    revision: str | None = None
    file: str | None = None  # a weight file the address points at (…/resolve/main/x.gguf)
    hub: str | None = None  # "huggingface", "modelscope" or "ollama" when a hub's scheme or host says so


# words a test or an example makes a model name of (`ollama://foobar`, `ollama://dry_run_model`,
# `hf://fake/test-model`): a name made of these only is a stand-in that no hub serves
_STAND_IN_WORDS = frozenset({
    "foo", "bar", "baz", "qux", "quux", "foobar", "dummy", "fake", "mock", "stub", "test", "testing", "dry", "run",
    "dryrun", "example", "sample", "invalid", "nonexistent", "missing", "bogus", "model", "my", "your",
    # what a stand-in word qualifies in a test's repo id (`test-org/test-repo`, `fake-user/mock-model`): alone
    # each is a placeholder part already (`org/repo`), so a name made of these and the words above names no repo
    "org", "repo", "user", "owner", "name",
    # a URI a schema requires but nothing loads (`hf://placeholder/no-model` beside a simulator that serves no
    # weights): the words say there is none
    "placeholder", "no", "none", "null",
})


def _stand_in(part: str) -> bool:
    words = [w for w in re.split(r"[-_.]", part) if w]
    return bool(words) and all(w in _STAND_IN_WORDS for w in words)


def _placeholder(identity: str) -> bool:
    """``org/model``, ``your-org/your-model``, ``ORG/NAME``: a documentation placeholder, not a model; so is a
    test's stand-in name (``foobar``, ``dry_run_model``)."""
    parts = [p.lower() for p in re.split(r"[/:@]", identity) if p]
    return bool(parts) and all(p in _PLACEHOLDER_PARTS or _PLACEHOLDER_WORD.search(p) or _stand_in(p)
                               for p in parts)


def _checked(loc: Location) -> Location | None:
    return None if loc.identity is not None and _placeholder(loc.identity) else loc


def _hub_identity(segments: list[str]) -> tuple[str | None, str | None]:
    """(``org/name``, revision) of ``hf://`` / ``modelscope://`` path segments; a single segment is a legacy
    root-level id (``hf://gpt2``)."""
    if not segments:
        return None, None
    revision = None
    head = segments[:2]
    last = head[-1]
    name, colon, tag = last.partition(":")
    if colon and name and _TAG.fullmatch(tag):
        # a quantisation tag after the repository (ramalama / Ollama `hf://ggml-org/SmolVLM-256M-GGUF:Q8_0`): the
        # GGUF file of that repository the client picks, so the repository is the model either way
        last = name
        head = [*head[:-1], last]
    if "@" in last:
        last, _, revision = last.partition("@")
        head = [*head[:-1], last]
    if not all(_SEGMENT.fullmatch(s) for s in head):
        return None, None
    if len(head) == 1 and not is_model_ish(head[0]):
        return None, None
    return "/".join(head), revision or None


_DIR_ORG_SEP = re.compile(r"--|__|_")


@lru_cache(maxsize=1 << 12)
def hub_id_of_dir(name: str) -> str | None:
    """The Hub id a local directory's name spells with its ``/`` replaced (``shibing624_text2vec-base-chinese``,
    ``BAAI--bge-m3``, ``Qwen__Qwen2-7B``): the part before the first separator is an organisation the knowledge base
    knows, and either the whole id is known or the rest names a sized or versioned model. None otherwise."""
    if len(name) > 200:
        return None
    sep = _DIR_ORG_SEP.search(name)
    if sep is None or sep.start() == 0 or sep.end() >= len(name):
        return None
    org, rest = name[:sep.start()], name[sep.end():]
    kb = load()
    if org.lower() not in kb.org_index or not _SEGMENT.fullmatch(rest):
        return None
    hub_id = f"{org}/{rest}"
    if hub_id.lower() in kb.hf_index or (re.search(r"\d", rest) and is_model_ish(rest) and not is_generic(rest)):
        return hub_id
    return None


@lru_cache(maxsize=1 << 14)
def parse_location(value: str) -> Location | None:
    """The model location ``value`` is written as, or None when it is not one (an API URL, a web page, a
    template, a placeholder such as ``hf://<org>/<model>``)."""
    v = value.strip().strip("\"'")
    if not v or len(v) > 500 or any(c.isspace() for c in v):
        return None
    if "://" not in v:
        cache = HF_CACHE_DIR.search(v)
        if cache and not _templated(v):
            return _checked(Location("hf-cache", f"{cache.group(1)}/{cache.group(2)}", "cache"))
        return None
    scheme, _, rest = v.partition("://")
    scheme = scheme.lower()
    if _templated(rest):
        return None
    found = _parse(scheme, rest)
    return _checked(found) if found is not None else None


def _parse(scheme: str, rest: str) -> Location | None:
    rest = rest.split("#", 1)[0]
    path_part = rest.split("?", 1)[0]
    segments = [s for s in path_part.split("/") if s]
    if scheme in HUB_SCHEMES:
        if segments and segments[0].lower() in ("datasets", "spaces", "buckets"):
            return None  # hf://datasets/org/name (the Hub file system's dataset form): data, not a model
        identity, revision = _hub_identity(segments)
        if identity is None:
            return None
        return Location(scheme, identity, "hub", revision,
                        hub="huggingface" if scheme in ("hf", "huggingface") else "modelscope")
    if scheme in OLLAMA_SCHEMES:
        ref = "/".join(segments)
        name, _, tag = ref.partition(":")
        if not name or not all(_SEGMENT.fullmatch(s) for s in name.split("/")) or (tag and not _TAG.fullmatch(tag)):
            return None
        return Location(scheme, ref, "ollama", hub="ollama")
    if scheme in ("http", "https"):
        return _web_location(scheme, segments)
    if scheme in STORAGE_SCHEMES:
        cache = HF_CACHE_DIR.search(path_part)
        if cache:
            return Location(scheme, f"{cache.group(1)}/{cache.group(2)}", "storage")
        image_name = None
        if scheme in ("oci", "oci+fetch") and segments and ":" in segments[-1]:
            # an OCI image reference (`oci://quay.io/ramalama/smollm:135m`): the tag is the image's, not a path
            # segment, so the repository's last part is the model's name; a family word suffices there, as a
            # registry repository holding a model image is named after it (`…/tinyllama:latest`)
            name, _, tag = segments[-1].partition(":")
            if not name or not _TAG.fullmatch(tag):
                return None
            segments = [*segments[:-1], name]
            if _SEGMENT.fullmatch(name) and is_model_ish(name) and not is_generic(name):
                image_name = name
        identity = _storage_identity(segments) or image_name
        if identity is None and all(_placeholder(seg) or seg.lower() in _FOLDER_WORDS for seg in segments):
            return None  # s3://bucket/path/model: a documentation placeholder
        return Location(scheme, identity, "storage")
    if scheme == "azureml":  # azureml://registries/<r>/models/<name>/versions/<n>
        low = [s.lower() for s in segments]
        if "models" in low and low.index("models") + 1 < len(segments):
            name = segments[low.index("models") + 1]
            if PLACEHOLDER.match(name) or PLACEHOLDER.match(_DEVICE_TAIL.sub("", name)):
                return None  # a test catalogue's stand-in (`…/models/test-model-cpu/…`, `…/models/model-1-generic-gpu/…`)
            return Location(scheme, name, "hub") if _SEGMENT.fullmatch(name) else None
    return None


def _web_location(scheme: str, segments: list[str]) -> Location | None:
    if not segments:
        return None
    host = segments[0].lower().split(":", 1)[0]
    parts = segments[1:]
    if len(parts) > 4 and _MEDIA_FILE.search(parts[-1]) and (host in HUB_HOSTS or host in MODELSCOPE_HOSTS):
        # …/resolve/main/assets/demo.jpeg, …/resolve/master/sample.pdf: a picture, recording or document kept in a
        # hub repository (a demo's input, a resources repo's file), fetched as that file, not as a model
        return None
    if host in HUB_HOSTS:
        if len(parts) >= 4 and parts[0].lower() == "api" and parts[1].lower() == "models" and (
                len(parts) == 4 or parts[4] in _HUB_FILE_PARTS or parts[4] == "revision") and not (
                parts[2] == "revision" or parts[2] in _HUB_FILE_PARTS):
            # (`/api/models//revision/main`: the org/name was an interpolation that came out empty, `//` is dropped
            # from the segments, and what is left is the route's own words, no repo)
            # the Hub API's address of a model (/api/models/<org>/<name>[/tree|revision/<rev>/…]): read as its page
            parts = parts[2:]
            if len(parts) > 2:
                parts[2] = "tree"  # /revision/<rev> as /tree/<rev>
        if len(parts) < 2 or parts[0].lower() in _HUB_PAGES or (len(parts) > 2 and parts[2] not in _HUB_FILE_PARTS):
            return None
        org, name = parts[0], parts[1]
        if not (_SEGMENT.fullmatch(org) and _SEGMENT.fullmatch(name)):
            return None
        revision = parts[3] if len(parts) > 3 and parts[2] in _HUB_FILE_PARTS else None
        file = parts[-1] if len(parts) > 4 else None
        return Location(scheme, f"{org}/{name}", "hub", revision, file, "huggingface")
    if host == _OPENSEARCH_ARTIFACTS:
        # OpenSearch's pretrained models (docs.opensearch.org/docs/latest/ml-commons-plugin/pretrained-models, as_of
        # 2026-12-07): `/models/ml-models/<source>/<group>/<name>/<version>/<format>/<file>.zip`, the archive an
        # ML Commons cluster registers the model `<source>/<group>/<name>` from
        low = [p.lower() for p in parts]
        if len(parts) != 8 or low[:2] != ["models", "ml-models"] or not _VERSION.fullmatch(low[5]) \
                or not low[7].endswith(".zip") or not all(_SEGMENT.fullmatch(p) for p in parts[2:5]):
            return None
        return Location(scheme, parts[4], "storage", file=parts[7])
    if host in OLLAMA_HOSTS:
        if len(parts) != 2 or parts[0].lower() in _OLLAMA_PAGES or _VERSION.fullmatch(parts[0]):
            # /v1/models: Ollama's cloud API (OpenAI-compatible), not a model's page
            return None
        name, _, tag = parts[1].partition(":")
        if not (_SEGMENT.fullmatch(parts[0]) and _SEGMENT.fullmatch(name)) or (tag and not _TAG.fullmatch(tag)):
            return None
        ref = parts[1] if parts[0].lower() == "library" else f"{parts[0]}/{parts[1]}"
        return Location(scheme, ref, "ollama", hub="ollama")
    if host in MODELSCOPE_HOSTS:
        low = [p.lower() for p in parts]
        if len(parts) == 2 and low[1].endswith(".git") and low[0] not in _HUB_PAGES:
            # the repository's git address (`git clone https://www.modelscope.cn/Qwen/Qwen2.5-7B-Instruct.git`)
            org, name = parts[0], parts[1][:-4]
            if not (_SEGMENT.fullmatch(org) and _SEGMENT.fullmatch(name)):
                return None
            return Location(scheme, f"{org}/{name}", "hub", hub="modelscope")
        if "models" not in low:
            return None
        at = low.index("models")
        if at not in (0, 2) or len(parts) < at + 3:  # /models/org/name, /api/v1/models/org/name/repo
            return None
        org, name = parts[at + 1], parts[at + 2]
        if not (_SEGMENT.fullmatch(org) and _SEGMENT.fullmatch(name)):
            return None
        return Location(scheme, f"{org}/{name}", "hub", hub="modelscope")
    return None


def _storage_identity(segments: list[str]) -> str | None:
    """The model a bucket / volume path names: its last segment that is not a folder word, a version or a generic
    file (``s3://acme/models/Qwen2-7B-Instruct/v3`` → ``Qwen2-7B-Instruct``), with the organisation before it when
    the knowledge base knows it (``…/Qwen/Qwen2-7B-Instruct``); None when that segment does not look like a model."""
    kb = load()
    if any(seg.lower() in _DATA_FOLDERS for seg in segments[1:]):
        return None
    for i in range(len(segments) - 1, -1, -1):
        seg = segments[i]
        low = seg.lower()
        if low in _FOLDER_WORDS or _VERSION.fullmatch(low):
            continue
        stem = _ARCHIVE.sub("", seg)
        if stem != seg and (stem.lower() in _FOLDER_WORDS or is_generic(stem) or not is_model_ish(stem)):
            continue  # model.tar.gz, saved_model.pb, model_artifacts.tar.gz: a file of some model
        name = _STORAGE_SUFFIX.sub("", stem) if i == 0 else stem  # pvc://gpt-oss-20b-pvc: the claim's name
        if not _SEGMENT.fullmatch(name) or not _names_model(name) or (
                set(re.split(r"[-_.]", name.lower())) & _DATA_WORDS):
            return None
        if i > 0 and segments[i - 1].lower() in kb.org_index:
            return f"{segments[i - 1]}/{name}"
        return name
    return None


def _names_model(name: str) -> bool:
    """A family word and a size or version (``Qwen2-7B-Instruct``, ``bge-m3``), or a name the knowledge base knows."""
    low = name.lower()
    kb = load()
    if low in kb.alias_index:
        return True
    return is_model_ish(low) and not is_generic(low) and bool(re.search(r"\d", low))


def _role(identity: str | None) -> str | None:
    if not identity:
        return None
    return kb_role(identity) or role_from_name(identity)


def owns(value: str) -> bool:
    """Whether this module decides on ``value``: a URI of a hub, Ollama or storage scheme, or an address on a
    model hub's host (a placeholder among them is then rejected here, not guessed at elsewhere)."""
    scheme, sep, rest = value.strip().partition("://")
    if not sep:
        return False
    scheme = scheme.lower()
    if scheme in _SCHEMES:
        return True
    host = rest.split("/", 1)[0].split(":", 1)[0].lower()
    return scheme in ("http", "https") and (host in HUB_HOSTS or host in MODELSCOPE_HOSTS or host in OLLAMA_HOSTS
                                            or host == _OPENSEARCH_ARTIFACTS)


_SCHEMES = HUB_SCHEMES | OLLAMA_SCHEMES | STORAGE_SCHEMES | {"azureml"}


# hosts reserved for documentation and tests (RFC 2606 section 3, RFC 6761 section 6): `example.com`, `example.org`,
# `example.net` and their subdomains, and names under the `.example`, `.test` and `.invalid` top-level domains never
# reach a real server, so no model is downloaded from them: `https://example.com/remote.gguf` in a test or a doc is a
# stand-in address whatever key holds it
_RESERVED_HOST = re.compile(r"(?i)(?:[\w-]+\.)*(?:example\.(?:com|org|net)|[\w-]+\.(?:example|test|invalid))\.?")


def reserved_host(url: str) -> bool:
    """Whether an ``http(s)://`` URL's host (``user@host:port`` allowed) is one reserved for documentation."""
    scheme, sep, rest = url.strip().partition("://")
    if not sep or scheme.lower() not in ("http", "https"):
        return False
    host = re.split(r"[/?#]", rest, maxsplit=1)[0].rsplit("@", 1)[-1].split(":", 1)[0]
    return _RESERVED_HOST.fullmatch(host) is not None


def classify_uri(value: str, hint: Hint = "none", fallback: Callable[[str, Hint], Match | None] | None = None
                 ) -> Match | None:
    """Whether ``value``, a URI or URL, is a model reference. Values this module does not own (``owns``) go to
    ``fallback`` (the caller's rules for other URLs: weight-file downloads), then, under a model key, an archive or
    weight file's address is a model location (KServe ``storageUri: https://…/model.joblib``). ``hint``: what the
    key or API holding it expects (``key`` for a model key such as ``storageUri``: any storage location there is
    a model's)."""
    if not owns(value):
        if reserved_host(value):
            return None  # https://example.com/model.bin: a stand-in address (_RESERVED_HOST)
        found = fallback(value, hint) if fallback is not None else None
        if found is None and hint == "key" and is_model_archive_url(value):
            found = Match("model-file", None, 0.7)
        if found is None:
            found = _app_scheme_model(value)
        return found
    loc = parse_location(value)
    if loc is None:
        return None
    role = _role(loc.identity)
    if loc.family == "hub":
        if loc.hub == "huggingface" and loc.file is None:
            return Match("hf-repo", None, 0.9, role)
        return Match("model-file", None, 0.9 if loc.file is None else 0.85, role)
    if loc.family == "ollama":
        return Match("ollama-tag", "ollama", 0.9, role)
    if loc.family in ("storage", "cache"):
        if loc.identity is not None:
            return Match("model-file", None, 0.8 if hint != "none" else 0.7, role)
        if hint in ("key", "path", "hf"):
            return Match("model-file", None, 0.75)  # any location under a model key (storageUri: gs://…/flowers)
    return None


# an app's own URI scheme for the models it runs, the model's id as the whole rest (AI Dev Gallery's Foundry Local
# `fl://phi-3.5-mini`, `lemonade://Qwen3-8B-GGUF`): one path-less id after `scheme://`
_APP_MODEL_URI = re.compile(r"([a-z][a-z0-9+.-]{0,15})://([\w][\w.-]{0,127})", re.I)
# schemes of network addresses, files and data stores: what follows is a host, never a model
_NETWORK_SCHEMES = frozenset({
    "http", "https", "ws", "wss", "ftp", "ftps", "sftp", "ssh", "git", "tcp", "udp", "grpc", "grpcs", "unix", "file",
    "redis", "rediss", "mongodb", "mongodb+srv", "postgres", "postgresql", "mysql", "mariadb", "amqp", "amqps",
    "mqtt", "nats", "kafka", "jdbc", "ldap", "ldaps", "smtp", "imap", "pop3", "telnet", "rtsp", "rtmp", "sip",
    "docker", "chrome", "about", "data", "blob", "localhost",
})


def _app_scheme_model(value: str) -> Match | None:
    """``fl://phi-3.5-mini``: a URI of a scheme this module does not know whose whole rest is an id that names a
    model family and looks like a model as a model key's value must (``fl://model-name``, ``fl://test-model`` and
    ``myapp://home-v2`` do not); network and storage schemes never (``tcp://llama-7b`` is a host)."""
    m = _APP_MODEL_URI.fullmatch(value.strip()) if len(value) <= 160 else None
    if m is None or m.group(1).lower() in _NETWORK_SCHEMES or m.group(1).lower() in _SCHEMES:
        return None
    from modelmap.discover.identify import classify, names_family
    hit = classify(m.group(2), "key") if names_family(m.group(2)) else None
    if hit is None or hit.kind not in ("api-model", "hf-repo", "other", "ollama-tag"):
        return None
    return Match("model-file", None, 0.7, hit.role)


def is_model_location(value: str) -> bool:
    """A location that names a model by itself, whatever key holds it: a hub reference, an Ollama URI, or a
    storage URI whose path names a model. (``s3://acme-data/raw/`` is not.)"""
    loc = parse_location(value)
    return loc is not None and loc.identity is not None and loc.scheme != "hf-cache"


# a Kaggle Models handle: owner/model/framework/variation[/version] (`google/gemma/maxtext/7b-it/2`,
# `keras/gemma/keras/gemma_2b_en`), the framework one of Kaggle's; each part bounded, so linear on any input
_KAGGLE_HANDLE = re.compile(r"(?i)[a-z0-9][\w-]{0,63}/([\w.-]{1,100})/(?:pytorch|jax|flax|keras|tensorflow[12]|tfjs|"
                            r"tflite|transformers|maxtext|gemma[_-]?cpp|ggml|gguf|onnx|mlx|vllm|litert|"
                            r"litertlm|mediapipe)/[\w.-]{1,100}(?:/\d{1,6})?")


def is_kaggle_handle(value: str) -> bool:
    """A Kaggle Models handle whose model part looks like a model (``google/gemma/maxtext/7b-it/2``): the id a
    Kaggle download (kagglehub.model_download, a checkpoint converter's ``-m=``) loads a model by."""
    m = _KAGGLE_HANDLE.fullmatch(value) if len(value) <= 300 else None
    return m is not None and is_model_ish(m.group(1))


_MODEL_FILE_URL = re.compile(r"(?i)\.(?:tar\.gz|tgz|tar|zip|joblib|pkl|pickle|mar|bst|pb|h5|keras|pmml|onnx|pt|pth|"
                             r"bin|safetensors|gguf|ggml|tflite|mlmodel|nemo|ckpt|llamafile|ubj|cbm)$")


def is_model_archive_url(value: str) -> bool:
    """An http(s) URL of a model archive or weight file (``…/model.joblib?raw=true``, ``…/model.tar.gz``): a
    model's location when a model key holds it (KServe ``storageUri: https://…``)."""
    v = value.strip()
    if not v.lower().startswith(("http://", "https://")) or any(c.isspace() for c in v) or _templated(v):
        return False
    path = urlsplit(v).path if len(v) < 2000 else ""
    return bool(path) and bool(_MODEL_FILE_URL.search(path.rstrip("/")))


def location_evidence(value: str) -> tuple[str, ...]:
    """``("uri:<scheme>", "model-id:<identity>")`` for a model location (the identity only when the location
    names one); empty for anything else."""
    loc = parse_location(value)
    if loc is None:
        return ()
    out = [f"uri:{loc.scheme}"]
    if loc.identity:
        out.append(f"model-id:{loc.identity}")
    if loc.revision:
        out.append(f"revision:{loc.revision}")
    return tuple(out)


def with_location_evidence(finding: Finding) -> Finding:
    """The finding with its location's evidence added when its value is a model URI, hub URL or Hugging Face
    cache folder (the ``raw`` value stays as written)."""
    raw = finding.raw
    if finding.kind == "endpoint" or ("://" not in raw and "models--" not in raw):
        return finding
    extra = location_evidence(raw)
    if not extra:
        return finding
    have = finding.evidence or ()
    added = tuple(e for e in extra if e not in have)
    return replace(finding, evidence=(*have, *added)) if added else finding


# Docker Model Runner (`docker model pull|run`, a compose file's top-level `models:` element): an OCI model reference,
# Docker Hub's `ai/` namespace (`ai/qwen3:14B-Q6_K`, `ai/smollm2`), another namespace (`unsloth/qwen3-gguf:4B-UD-Q4_K_XL`)
# or a Hugging Face GGUF repository (`hf.co/org/name:Q4_K_M`), optionally with Docker Hub's registry host in front
_DMR_REF = re.compile(r"(?:(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)/)?"
                      r"(?P<repo>(?:hf\.co/|huggingface\.co/)?[a-z0-9][a-z0-9._-]{0,63}/[A-Za-z0-9][\w.-]{0,127})"
                      r"(?::(?P<tag>\w[\w.-]{0,127}))?")


def docker_model_ref(value: str, *, declared: bool = False) -> Match | None:
    """The match of a Docker Model Runner model reference, else None. ``declared``: the value sits where only a
    model can be (a compose ``models.<name>.model``), so any well-formed reference whose name is not a placeholder
    is one; elsewhere (a ``docker model pull`` argument) the name must also look like a model. The serving is the
    local runner (provider ``local-inference``); the kind says the form: ``hf-repo`` for a Hugging Face repository,
    ``ollama-tag`` for a registry's ``name[:tag]`` (the form Ollama's library also uses)."""
    value = value.strip()
    m = _DMR_REF.fullmatch(value) if len(value) <= 300 else None
    if m is None:
        return None
    repo = m.group("repo")
    name = repo.rsplit("/", 1)[-1]
    if PLACEHOLDER.match(name) or name.lower() in ("model", "name", "models"):
        return None
    if not declared and not is_model_ish(name):
        return None
    confidence = 0.9 if declared else 0.85
    if repo.startswith(("hf.co/", "huggingface.co/")):
        return Match("hf-repo", "local-inference", confidence)
    return Match("ollama-tag", "local-inference", confidence)


__all__ = [
    "HF_CACHE_DIR", "Location", "classify_uri", "docker_model_ref", "hub_id_of_dir", "is_model_archive_url", "is_model_location",
    "location_evidence", "owns", "parse_location", "with_location_evidence",
]
