"""LiteLLM proxy config (``config.yaml`` with a ``model_list``).

Each ``model_list`` entry maps an alias clients call (``model_name``) to a deployment
(``litellm_params.model``, provider-prefixed such as ``openai/deepseek-chat``) optionally at
``litellm_params.api_base``. Reported:

* ``litellm_params.model`` (``litellm-model-list``), with the entry's ``api_base`` as endpoint and
  that endpoint's provider (a ``openai/...`` model sent to ``https://api.deepseek.com`` is served
  by DeepSeek);
* ``api_base`` itself as an endpoint (``litellm-endpoint``);
* ``model_name`` (``litellm-model-name``) **only when it names a real model by itself** (``gpt-4o``,
  ``claude-3-5-sonnet``, ``Qwen/Qwen2.5-7B-Instruct``), since clients send that string and
  policies match on it; a pure alias (``my-gpt``, ``smart``, ``default``) is skipped, because
  the model it stands for is already reported from ``litellm_params.model``. It carries the
  entry's endpoint and the deployment's provider;
* ``model_info.base_model`` and the entries of ``fallbacks`` / ``context_window_fallbacks`` /
  ``default_fallbacks`` / ``model_group_alias`` when they name a real model (``litellm-fallback``);
* every other part of the file through the generic config walker (``litellm-model-key`` …).

The generic config source leaves documents with a LiteLLM ``model_list`` to this source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from modelmap.discover.base import Sample, SourceFile
from modelmap.discover.config_files import (
    Endpoint,
    Mapping,
    Node,
    ParseError,
    Scalar,
    Seq,
    TreeWalker,
    config_name,
    ids_for,
    is_litellm_config,
    parse_yaml,
    role_from_key,
)
from modelmap.discover.identify import classify
from modelmap.types import Finding, Skip

_FALLBACK_KEYS = re.compile(r"(?i)(.*_)?fallbacks|model_group_alias")
_MODES = {"embedding": "embedding", "rerank": "rerank", "image_generation": "image", "audio_transcription": "speech",
          "audio_speech": "speech", "chat": "generation", "completion": "generation", "responses": "generation"}


class LiteLLMSource:
    id = "litellm"
    description = "LiteLLM proxy config: model_list deployments, api_base endpoints, fallbacks"
    samples = (
        Sample(
            "litellm/config.yaml",
            "model_list:\n  - model_name: my-gpt\n    litellm_params:\n      model: openai/deepseek-chat\n"
            "      api_base: https://api.deepseek.com\n  - model_name: gpt-4o\n    litellm_params:\n"
            "      model: azure/gpt-4o-prod\n",
            ("openai/deepseek-chat", "https://api.deepseek.com", "gpt-4o", "azure/gpt-4o-prod"),
        ),
        Sample("litellm/other.yaml", "model_list: []\ngeneral_settings:\n  master_key: sk-1234\n", ()),
    )

    def applies_to(self, path: str) -> bool:
        return config_name(path).lower().endswith((".yaml", ".yml"))  # docker-compose.yml.example too

    def scan(self, file: SourceFile) -> Iterable[Finding | Skip]:
        if "model_list" not in file.text:
            return []
        try:
            docs = parse_yaml(file.text)
        except ParseError:
            return []  # the config source reports the parse error once
        walker = TreeWalker(file, ids_for("litellm"))

        def run() -> None:
            for doc in docs:
                if not isinstance(doc, Mapping) or not is_litellm_config(doc):
                    continue
                models = doc.get("model_list")
                aliases: dict[str, tuple[Endpoint | None, str | None]] = {}
                if isinstance(models, Seq):
                    walker._visited.add(id(models))
                    for entry in models.items:
                        if isinstance(entry, Mapping):
                            name, served = self._entry(walker, entry)
                            if name:
                                aliases.setdefault(name, served)
                self._fallbacks(walker, doc, 0, aliases)
                walker.walk(doc)

        return walker.guarded(run, self.id)

    def _entry(self, walker: TreeWalker, entry: Mapping) -> tuple[str | None, tuple[Endpoint | None, str | None]]:
        """Report one model_list entry; return its alias and where that alias is served (endpoint, provider)."""
        params = entry.get("litellm_params")
        info = entry.get("model_info")
        name = entry.get("model_name")
        role = None
        if isinstance(info, Mapping):
            mode = info.get("mode")
            if isinstance(mode, Scalar):
                role = _MODES.get(mode.value.strip().lower())
        endpoint: Endpoint | None = None
        deployment = None
        if isinstance(params, Mapping):
            base = params.get("api_base") or params.get("base_url")
            if isinstance(base, Scalar) and "://" in base.value:
                line, col, _ = walker.position(base, base.value.strip())
                hit = walker.classify_url(base.value.strip(), "api_base")
                if hit:
                    endpoint = hit
                    walker.collector.endpoint(base.value, line, col, source_id="litellm-endpoint")
            model = params.get("model")
            if isinstance(model, Scalar) and not model.value.startswith("os.environ/"):
                line, col, _ = walker.position(model, model.value.strip())
                deployment = walker.collector.model(
                    model.value, line, col, hint="prefixed", role=role, api="litellm",
                    endpoint=endpoint[1] if endpoint else None, provider=endpoint[0] if endpoint else None,
                    source_id="litellm-model-list")
            for key in ("base_model",):
                self._named(walker, params.get(key), role, endpoint, "litellm-model-list")
        if isinstance(name, Scalar):
            value = name.value.strip()
            if classify(value, "none") is not None:
                line, col, _ = walker.position(name, value)
                walker.collector.model(
                    value, line, col, hint="none", role=role, api="litellm",
                    endpoint=endpoint[1] if endpoint else None,
                    provider=endpoint[0] if endpoint else (deployment.provider if deployment else None),
                    source_id="litellm-model-name")
        if isinstance(info, Mapping):
            self._named(walker, info.get("base_model"), role, endpoint, "litellm-model-list")
        served = (endpoint, endpoint[0] if endpoint else (deployment.provider if deployment else None))
        return (name.value.strip() if isinstance(name, Scalar) else None), served

    def _named(self, walker: TreeWalker, node: Node | None, role: str | None, endpoint: Endpoint | None,
               source_id: str) -> None:
        if not isinstance(node, Scalar):
            return
        value = node.value.strip()
        line, col, _ = walker.position(node, value)
        walker.collector.model(value, line, col, hint="prefixed", role=role, api="litellm",
                               endpoint=endpoint[1] if endpoint else None,
                               provider=endpoint[0] if endpoint else None, source_id=source_id)

    def _fallbacks(self, walker: TreeWalker, node: Node, depth: int,
                   aliases: dict[str, tuple[Endpoint | None, str | None]]) -> None:
        if depth > 6 or not isinstance(node, Mapping):
            return
        for k, v in node.pairs:
            if not isinstance(k, Scalar):
                continue
            if _FALLBACK_KEYS.fullmatch(k.value):
                walker._visited.add(id(v))
                for s in _scalars(v, 0):
                    value = s.value.strip()
                    if classify(value, "none") is not None:
                        line, col, _ = walker.position(s, value)
                        endpoint, provider = aliases.get(value, (None, None))
                        walker.collector.model(value, line, col, hint="none", api="litellm",
                                               key_role=role_from_key(k.value), source_id="litellm-fallback",
                                               endpoint=endpoint[1] if endpoint else None, provider=provider)
            elif isinstance(v, Mapping):
                self._fallbacks(walker, v, depth + 1, aliases)


def _scalars(node: Node, depth: int) -> list[Scalar]:
    """Every scalar (mapping keys included) under a fallbacks value: [{"a": ["b", "c"]}] or {"a": "b"}."""
    if depth > 8:
        return []
    if isinstance(node, Scalar):
        return [node]
    if isinstance(node, Seq):
        return [s for item in node.items for s in _scalars(item, depth + 1)]
    out: list[Scalar] = []
    for k, v in node.pairs:
        out.extend(_scalars(k, depth + 1))
        out.extend(_scalars(v, depth + 1))
    return out
