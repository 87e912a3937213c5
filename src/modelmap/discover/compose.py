"""docker-compose files: what each service serves, pulls or is configured to call.

Per service: ``command`` / ``entrypoint`` (string or list, shell scripts inside ``sh -c`` too) go
through ``shell.scan_command_line`` (``vllm serve X``, ``--model X``, TGI/TEI ``--model-id X``,
``ollama pull X``) → ``compose-command``; ``environment`` (list or mapping, ``${VAR:-default}``
defaults included) model keys → ``compose-env``; URLs of model APIs → ``compose-endpoint``.

Docker Model Runner's ``models:`` element (Compose specification, 2025): the top-level ``models.<name>.model`` is the
model reference that is pulled and served (``ai/qwen3:14B-Q6_K``, ``hf.co/org/name:Q4_K_M``) → ``compose-model``;
``<name>`` and a service's ``models:`` list or mapping only name that entry (``qwen3-small``), so they are never
read as models themselves.

Images are never models, but the image says what the service is: a ``--model`` of a
``vllm/vllm-openai`` service is served by vLLM (api ``vllm``, role generation), one of
``text-embeddings-inference`` is an embedding (or reranker) model, and so on. Another
service's ``http://<service>:<port>`` URL is an endpoint of that local server.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from modelmap.discover.base import Sample, SourceFile
from modelmap.discover.config_files import (
    Endpoint,
    Mapping,
    ParseError,
    Scalar,
    Seq,
    TreeWalker,
    config_name,
    env_default,
    env_default_match,
    ids_for,
    is_compose,
    parse_yaml,
)
from modelmap.discover.uris import docker_model_ref
from modelmap.types import Finding, Skip

# image pattern -> (provider id of the local server, api, role)
_SERVERS: tuple[tuple[re.Pattern[str], str, str, str], ...] = (
    (re.compile(r"(^|/)vllm(-openai|/vllm-openai|-tpu|-cpu)?(:|$)|vllm/vllm-openai|vllm-openai"), "vllm", "vllm",
     "generation"),
    (re.compile(r"text-generation-inference"), "tgi", "tgi", "generation"),
    (re.compile(r"text-embeddings-inference"), "tgi", "tei", "embedding"),
    (re.compile(r"(^|/)ollama(:|$)|ollama/ollama"), "ollama", "ollama", "generation"),
    (re.compile(r"infinity"), "local-inference", "infinity", "embedding"),
    (re.compile(r"sglang"), "local-inference", "sglang", "generation"),
    (re.compile(r"lmdeploy"), "local-inference", "lmdeploy", "generation"),
    (re.compile(r"llama\.cpp|llama-cpp|llamacpp"), "llama-cpp-server", "llama.cpp", "generation"),
    (re.compile(r"localai"), "local-inference", "localai", "generation"),
    (re.compile(r"tritonserver|tensorrt"), "local-inference", "triton", "generation"),
)


def server_of(image: str) -> tuple[str, str, str] | None:
    """(provider, api, role) of an inference-server image, else None."""
    low = image.lower()
    for pattern, provider, api, role in _SERVERS:
        if pattern.search(low):
            return provider, api, role
    return None


class ComposeSource:
    id = "compose"
    description = "docker-compose services: served and pulled models, model env vars, model-API URLs"
    samples = (
        Sample(
            "docker-compose.yml",
            "services:\n  vllm:\n    image: vllm/vllm-openai:latest\n"
            "    command: --model Qwen/Qwen2.5-7B-Instruct --port 8000\n"
            "  app:\n    build: .\n    environment:\n      - OPENAI_BASE_URL=http://vllm:8000/v1\n"
            "      - LLM=${LLM:-llama3.1:8b}\n",
            ("Qwen/Qwen2.5-7B-Instruct", "http://vllm:8000/v1", "llama3.1:8b"),
        ),
        Sample("compose.yaml", "services:\n  db:\n    image: postgres:16\n  cache:\n    image: redis:7\n"
               "    command: redis-server --save 60 1\n", ()),
    )

    def applies_to(self, path: str) -> bool:
        return config_name(path).lower().endswith((".yaml", ".yml"))  # docker-compose.yml.example too

    def scan(self, file: SourceFile) -> Iterable[Finding | Skip]:
        if "services" not in file.text and "models" not in file.text:
            return []
        try:
            docs = parse_yaml(file.text)
        except ParseError:
            return []  # the config source reports the parse error once
        walker = TreeWalker(file, ids_for("compose"))

        def run() -> None:
            for doc in docs:
                if not isinstance(doc, Mapping) or not is_compose(config_name(file.path), doc):
                    continue
                services = doc.get("services")
                # (an override file of `models:` alone has no services: is_compose)
                service_pairs = services.pairs if isinstance(services, Mapping) else []
                servers: dict[str, tuple[str, str, str]] = {}
                for k, svc in service_pairs:
                    if isinstance(k, Scalar) and isinstance(svc, Mapping):
                        image = svc.get("image")
                        # an image names the server; a service built locally is judged by its name
                        hit = server_of(image.value) if isinstance(image, Scalar) else server_of(k.value)
                        if hit:
                            servers[k.value.lower()] = hit
                            name = svc.get("container_name") or svc.get("hostname")
                            if isinstance(name, Scalar):
                                servers[name.value.lower()] = hit

                def local(url: str, servers: dict[str, tuple[str, str, str]] = servers) -> Endpoint | None:
                    try:
                        host = (urlsplit(url).hostname or "").lower()
                    except ValueError:
                        return None
                    hit = servers.get(host)
                    return (hit[0], url.rstrip("/")) if hit else None

                walker.extra_endpoint = local
                if services is not None:
                    walker._visited.add(id(services))
                runner_models = doc.get("models")
                if isinstance(runner_models, Mapping):
                    self._runner_models(walker, runner_models)
                for k, svc in service_pairs:
                    if not (isinstance(k, Scalar) and isinstance(svc, Mapping)):
                        continue
                    uses = svc.get("models")
                    if isinstance(uses, (Mapping, Seq)):
                        walker._visited.add(id(uses))  # names of top-level `models:` entries, read there
                    self._provider_model(walker, svc)
                    hit = servers.get(k.value.lower())
                    walker.server_api, walker.server_role = (hit[1], hit[2]) if hit else (None, None)
                    walker.walk(svc, k.value, "services", walker.block_endpoint(svc))
                walker.server_api = walker.server_role = None
                walker.walk(doc)

        return walker.guarded(run, self.id)

    @staticmethod
    def _provider_model(walker: TreeWalker, svc: Mapping) -> None:
        """A provider service of type ``model`` (``provider: {type: model, options: {model: ai/smollm2}}``, Docker
        Model Runner's service form in Compose, docs.docker.com/ai/compose/models-and-compose, as_of 2026-12-07): its
        ``options.model`` is what the runner pulls and serves, as a top-level ``models:`` entry's ``model`` is; a
        ``${VAR:-default}`` there serves the default when nothing is set."""
        provider = svc.get("provider")
        if not isinstance(provider, Mapping):
            return
        kind, options = provider.get("type"), provider.get("options")
        if not (isinstance(kind, Scalar) and kind.value.strip() == "model" and isinstance(options, Mapping)):
            return
        ref = options.get("model")
        if not isinstance(ref, Scalar):
            return
        value = ref.value.strip()
        if (m := env_default_match(value)) is not None:
            value = env_default(m)
        match = docker_model_ref(value, declared=True) if value else None
        if match is None:
            return
        walker._visited.add(id(ref))
        line, col, _ = walker.position(ref, value)
        walker.collector.add(value, line, col, match, source_id="compose-model", api="docker-model-runner",
                             evidence=("binding:provider.options.model", "shape:docker-model-reference"))

    @staticmethod
    def _runner_models(walker: TreeWalker, models: Mapping) -> None:
        """The top-level ``models:`` element: each entry's ``model`` is what Docker Model Runner pulls and serves;
        the entry's name and its other settings (``context_size``, ``runtime_flags``) are not models."""
        walker._visited.add(id(models))
        for name, entry in models.pairs[:1000]:
            walker.tick()
            if not (isinstance(name, Scalar) and isinstance(entry, Mapping)):
                continue
            walker._visited.add(id(entry))
            ref = entry.get("model")
            if not isinstance(ref, Scalar):
                continue
            value = ref.value.strip()
            match = docker_model_ref(value, declared=True)
            if match is None:
                continue
            line, col, _ = walker.position(ref, value)
            walker.collector.add(value, line, col, match, source_id="compose-model", api="docker-model-runner",
                                 evidence=("binding:models.model", "shape:docker-model-reference"))
