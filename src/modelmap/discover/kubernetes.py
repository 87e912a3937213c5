"""Kubernetes manifests and Helm templates.

A YAML document with ``apiVersion`` and ``kind`` is a manifest. Containers (``containers``,
``initContainers``, anywhere in the document: Deployments, Jobs, CronJobs, KServe predictors)
give ``args`` / ``command`` command lines (→ ``k8s-container-args``), ``env`` entries
``{name: MODEL_ID, value: X}`` (→ ``k8s-env``) and model-API URLs (→ ``k8s-endpoint``); the
container image says which server runs the model (vLLM, TGI, TEI, Ollama …). ConfigMap ``data``
model keys, KServe ``storageUri: hf://org/model``, KAITO ``inference.preset.name``, settings files in literal
blocks and any other model key are found by the generic config walker (``k8s-model-key``).

Helm chart templates (YAML under ``templates/`` holding ``{{ }}``): whole-line template
directives are blanked and inline ``{{ … }}`` replaced by a same-length placeholder, so that
positions stay exact; templated values are skipped, literal ones scanned. A template that still
does not parse is scanned line by line. Helm ``values.yaml`` files are plain config (config source).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from modelmap.discover.base import (
    BudgetExceeded,
    Collector,
    FindingsCapped,
    Sample,
    SourceFile,
    budget,
    budget_skip,
)
from modelmap.discover.compose import server_of
from modelmap.discover.config_files import (
    YAML_LINE_KV,
    Mapping,
    Node,
    ParseError,
    Scalar,
    Seq,
    SourceIds,
    TreeWalker,
    config_name,
    is_helm_template,
    is_k8s,
    parse_yaml,
    scan_yaml_lines,
    yaml_too_big,
)
from modelmap.discover.identify import Hint
from modelmap.types import Finding, Skip

_IDS = SourceIds("k8s-model-key", "k8s-value", "k8s-endpoint", "k8s-container-args", "k8s-env")
_LINE_KV = YAML_LINE_KV  # the shared line reader's pattern (config_files.scan_yaml_lines)
_MODEL_COMMAND = re.compile(r"--model|vllm serve|ollama (pull|run)|huggingface-cli download|--model-id")
_CONTAINER_KEYS = ("containers", "initContainers", "ephemeralContainers", "container")


def _templates(line: str) -> Iterator[tuple[int, int]]:
    """Spans of the ``{{ … }}`` directives of a line, in one linear pass (a lazy ``\\{\\{.*?\\}\\}`` pattern
    rescans the rest of the line from every unclosed ``{{``)."""
    pos = 0
    while True:
        start = line.find("{{", pos)
        if start < 0:
            return
        end = line.find("}}", start + 2)
        if end < 0:
            return  # no closing braces after this one: none after a later one either
        yield start, end + 2
        pos = end + 2


def _replace_templates(line: str, repl: Callable[[int], str]) -> str:
    """``line`` with each directive replaced by ``repl(length of the directive)``."""
    parts: list[str] = []
    last = 0
    for start, end in _templates(line):
        parts.append(line[last:start])
        parts.append(repl(end - start))
        last = end
    if not parts:
        return line
    parts.append(line[last:])
    return "".join(parts)


def _is_template_line(body: str) -> bool:
    """Whether a whole line is directives: it starts with ``{{`` and ends with ``}}`` (as the former
    ``^\\s*(\\{\\{.*?\\}\\}\\s*)+$`` accepted, which backtracked exponentially on ``{{}}{{}}…x``)."""
    core = body.strip()
    return len(core) >= 4 and core.startswith("{{") and core.endswith("}}")


# a Go-template action's literal: the fallback of ``default "…"`` (``{{ .Values.name | default "qwen3-8b" | quote }}``)
# or a bare quoted string (``{{ "Qwen/Qwen3-8B" | quote }}``); one pass over the action, no backtracking
_DEFAULT_LITERAL = re.compile(r'\bdefault\s+("[^"\\{}]{1,200}")')
_BARE_LITERAL = re.compile(r'^\{\{-?\s*("[^"\\{}]{1,200}")\s*(?:\|\s*(?:quote|squote|trim|lower|upper)\s*)*-?\}\}$')
# what may stand before an action that is a whole YAML value: ``key: ``, ``- ``, ``- key: ``
_VALUE_LEAD = re.compile(r"""^\s*(?:-\s+)*(?:(?:[\w./-]+|"[^"]*"|'[^']*')\s*:\s+)?$""")
_SAFE_PLAIN = re.compile(r"[\w./@+=-][\w./:@+=-]*")


def _literal_of(action: str) -> tuple[int, int] | None:
    """The span (quotes included) of the literal an action yields when no value is set, else None."""
    m = _BARE_LITERAL.match(action)
    if m is None:
        found = list(_DEFAULT_LITERAL.finditer(action))
        m = found[-1] if found else None
    return (m.start(1), m.end(1)) if m else None


def _neutralise(line: str, tick: Callable[[], None]) -> str:
    """A line's inline actions replaced, offsets kept: an action with a literal fallback keeps that literal at its
    own columns (quoted when the action is the whole YAML value, ``name: {{ … default "qwen3-8b" … }}``; bare when
    it stands alone as a word of a command, ``--model {{ … default "Qwen/Qwen3-8B" }}``); any other by a
    same-length ``${___}`` placeholder (a templated value, skipped). One budget step per action; linear in the line
    (only a line's only action can be a whole value, so the text around it is looked at once)."""
    spans = []
    for span in _templates(line):
        tick()
        spans.append(span)
    if not spans:
        return line
    whole_value = False
    if len(spans) == 1:
        start, end = spans[0]
        rest = line[end:].strip()
        whole_value = _VALUE_LEAD.match(line[:start]) is not None and (not rest or rest.startswith("#"))
    parts: list[str] = []
    last = 0
    for start, end in spans:
        parts.append(line[last:start])
        action = line[start:end]
        lit_span = _literal_of(action)
        out = None
        if lit_span is not None:
            lit = action[lit_span[0]:lit_span[1]]
            if whole_value:
                out = " " * lit_span[0] + lit + " " * (len(action) - lit_span[1])
            elif ((start == 0 or line[start - 1].isspace()) and (end == len(line) or line[end].isspace())
                  and _SAFE_PLAIN.fullmatch(lit[1:-1])):
                out = " " * (lit_span[0] + 1) + lit[1:-1] + " " * (len(action) - lit_span[1] + 1)
        parts.append(out if out is not None else "${" + "_" * (len(action) - 3) + "}")
        last = end
    parts.append(line[last:])
    return "".join(parts)


def detemplate(text: str) -> str:
    """Neutralise Helm directives, keeping every remaining character at its offset: a whole-line directive is
    blanked, an inline action keeps its literal fallback or becomes a placeholder (``_neutralise``). A step of the
    file's budget per line and per action: raises ``BudgetExceeded`` past it."""
    tick = budget().tick
    out = []
    for line in text.splitlines(keepends=True):
        tick()
        body = line.rstrip("\r\n")
        if _is_template_line(body):
            out.append(" " * len(body) + line[len(body):])
            continue
        out.append(_neutralise(line, tick))
    return "".join(out)


_LOCATION_KEYS = frozenset({"url", "uri", "storageuri", "storage_uri", "source"})
_MODEL_KINDS = re.compile(r"(?:Model|LLMModel|AIModel|InferenceModel|InferenceService|LLMInferenceService|"
                          r"ModelDeployment|ModelServing)")


def _is_model_resource(doc: Node) -> bool:
    """A custom resource that declares one model to serve (``kind: Model`` of KubeAI and others, KServe's
    ``InferenceService`` / ``LLMInferenceService``): its ``url`` / ``uri`` fields locate that model."""
    kind = doc.get("kind") if isinstance(doc, Mapping) else None
    api = doc.get("apiVersion") if isinstance(doc, Mapping) else None
    return (isinstance(kind, Scalar) and isinstance(api, Scalar) and "/" in api.value
            and not api.value.startswith(("apps/", "batch/", "networking.k8s.io/", "rbac."))
            and bool(_MODEL_KINDS.fullmatch(kind.value.strip())))


def _is_adapter_resource(doc: Node) -> bool:
    """A custom resource that declares a LoRA adapter (AIBrix ``kind: ModelAdapter``, ``LoraAdapter``): its
    ``baseModel`` refers to the deployment that serves the base model (a served name), as in an adapter entry."""
    kind = doc.get("kind") if isinstance(doc, Mapping) else None
    api = doc.get("apiVersion") if isinstance(doc, Mapping) else None
    return (isinstance(kind, Scalar) and isinstance(api, Scalar) and "/" in api.value
            and kind.value.strip().lower().endswith("adapter"))


# custom resources whose ``spec.name`` is the name the model is served under (Kthena's ModelBooster: spec.name,
# spec.backend.modelURI); not the object's own metadata.name
_SPEC_NAME_KINDS = frozenset({"ModelBooster"})


def _served_name(doc: Node) -> Scalar | None:
    """The ``spec.name`` of a resource that declares the model it serves under that name, else None."""
    if not isinstance(doc, Mapping):
        return None
    kind, api, spec = doc.get("kind"), doc.get("apiVersion"), doc.get("spec")
    if not (isinstance(kind, Scalar) and kind.value.strip() in _SPEC_NAME_KINDS and isinstance(api, Scalar)
            and "/" in api.value and isinstance(spec, Mapping)):
        return None
    name = spec.get("name")
    if not isinstance(name, Scalar) or not name.value.strip() or "${" in name.value or "{{" in name.value:
        return None
    return name


# a model registry's resource (arcadia's, and others' ``kind: Model``) says what model it stands for in its spec: a
# Hub / ModelScope repository, or the model roles it serves (``types: "llm,embedding"``, KubeAI's ``features:
# [TextGeneration]``); its metadata.name is then the registry's id of that model, the name Workers and apps refer
# to it by. A resource that also runs the model (KubeAI's Model: spec.engine, resourceProfile, replicas) is a
# deployment named by its owner, like a Worker, an InferenceService or a Deployment named after the model they run:
# those names stay unread (metadata.name is skipped by the walker)
_RUNS_MODEL_FIELDS = frozenset({"engine", "resourceprofile", "replicas", "minreplicas", "maxreplicas", "resources",
                                "image", "runtime", "predictor", "containers", "args", "command", "autoscaling"})
_REGISTRY_KINDS = frozenset({"Model", "LLMModel", "AIModel"})
_REPO_FIELD = re.compile(r"(?i)(?:hugging_?face|model_?scope|hf|ms)_?(?:repo(?:sitory)?|model_?id)|repo_?id")
_ROLE_FIELDS = frozenset({"types", "type", "features", "capabilities", "tasks", "task"})
_MODEL_ROLE = re.compile(r"(?i)\b(?:llm|embeddings?|rerank(?:ing|er)?|text_?generation|text_?embedding|chat|"
                         r"completion|speech_?to_?text|text_?to_?speech|asr|tts)\b")


# an Ollama operator's model resource (ollama-operator's ``apiVersion: ollama.ayaka.io/v1, kind: Model``) names the
# model it pulls in ``spec.image``, as an Ollama library reference (``phi``, ``llama2``, ``qwen2.5:7b``): the API
# group says the image is an Ollama model, not a container image, so a bare library name is read as a tag there
_OLLAMA_IMAGE_FIELDS = ("image", "model")


def _ollama_image(doc: Node) -> Scalar | None:
    """The ``spec.image`` (or ``spec.model``) of a model resource whose API group names Ollama, else None."""
    if not isinstance(doc, Mapping) or not _is_model_resource(doc):
        return None
    api, spec = doc.get("apiVersion"), doc.get("spec")
    if not isinstance(api, Scalar) or "ollama" not in api.value.split("/", 1)[0].lower() \
            or not isinstance(spec, Mapping):
        return None
    for field in _OLLAMA_IMAGE_FIELDS:
        value = spec.get(field)
        if isinstance(value, Scalar) and value.value.strip() and "${" not in value.value \
                and "{{" not in value.value:
            return value
    return None


def _registry_name(doc: Node) -> Scalar | None:
    """The ``metadata.name`` of a model-registry resource whose spec says which model it is (see
    ``_REGISTRY_KINDS``), else None."""
    if not isinstance(doc, Mapping):
        return None
    kind, api, spec, meta = doc.get("kind"), doc.get("apiVersion"), doc.get("spec"), doc.get("metadata")
    if not (isinstance(kind, Scalar) and kind.value.strip() in _REGISTRY_KINDS and isinstance(api, Scalar)
            and "/" in api.value and isinstance(spec, Mapping) and isinstance(meta, Mapping)):
        return None
    says = False
    for k, v in spec.pairs[:64]:
        if not isinstance(k, Scalar):
            continue
        low = k.value.strip().lower()
        if low in _RUNS_MODEL_FIELDS:
            return None
        if _REPO_FIELD.fullmatch(low) and isinstance(v, Scalar) and "/" in v.value:
            says = True
        elif low in _ROLE_FIELDS:
            words = [v] if isinstance(v, Scalar) else v.items[:16] if isinstance(v, Seq) else []
            says = says or any(isinstance(w, Scalar) and _MODEL_ROLE.search(w.value) is not None for w in words)
        elif low in _LOCATION_KEYS and isinstance(v, Scalar) and "://" in v.value:
            says = True
    name = meta.get("name")
    if not says or not isinstance(name, Scalar) or not name.value.strip() or "${" in name.value \
            or "{{" in name.value:
        return None
    return name


def _containers(node: Node, depth: int = 0) -> Iterator[Mapping]:
    if depth > 30:
        return
    if isinstance(node, Mapping):
        for k, v in node.pairs:
            if isinstance(k, Scalar) and k.value in _CONTAINER_KEYS:
                items = v.items if isinstance(v, Seq) else [v]
                for item in items:
                    if isinstance(item, Mapping):
                        yield item
            else:
                yield from _containers(v, depth + 1)
    elif isinstance(node, Seq):
        for item in node.items:
            yield from _containers(item, depth + 1)


class KubernetesSource:
    id = "k8s"
    description = "Kubernetes manifests and Helm templates: container args/env, ConfigMap model keys, KServe URIs"
    samples = (
        Sample(
            "deploy/k8s/vllm.yaml",
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: llm}\nspec:\n  template:\n    spec:\n"
            "      containers:\n        - name: vllm\n          image: vllm/vllm-openai:v0.6.3\n"
            "          args: [\"--model\", \"meta-llama/Llama-3.1-8B-Instruct\"]\n"
            "          env:\n            - name: EMBEDDING_MODEL\n              value: BAAI/bge-m3\n",
            ("meta-llama/Llama-3.1-8B-Instruct", "BAAI/bge-m3"),
        ),
        Sample(
            "chart/templates/deployment.yaml",
            "apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n"
            "        - image: \"{{ .Values.image.repository }}:{{ .Values.image.tag }}\"\n"
            "          args: [\"--model\", \"{{ .Values.model }}\"]\n",
            (),
        ),
        Sample(
            "deploy/models/qwen.yaml",
            "apiVersion: kubeai.org/v1\nkind: Model\nmetadata: {name: qwen-coder}\nspec:\n"
            "  url: ollama://qwen2.5-coder:1.5b\n  engine: OLlama\n",
            ("ollama://qwen2.5-coder:1.5b",),
        ),
        Sample(
            "examples/kaito/workspace.yaml",
            "apiVersion: kaito.sh/v1beta1\nkind: Workspace\nmetadata:\n  name: ws-falcon-7b\nresource:\n"
            "  labelSelector:\n    matchLabels:\n      apps: falcon-7b\ninference:\n  preset:\n    name: falcon-7b-instruct\n",
            ("falcon-7b-instruct",),
        ),
    )

    def applies_to(self, path: str) -> bool:
        low = config_name(path).lower()  # a manifest kept to copy (deployment.yaml.example) is one too
        return (low.endswith((".yaml", ".yml", ".yaml.gotmpl", ".yml.gotmpl"))
                or (low.endswith(".tpl") and "/templates/" in f"/{low}"))

    def scan(self, file: SourceFile) -> Iterable[Finding | Skip]:
        template = is_helm_template(file.path, file.text)
        if not template and ("apiVersion" not in file.text or "kind" not in file.text):
            return []
        return self._read(file, template)

    def unparsed(self, file: SourceFile, why: str) -> list[Finding | Skip]:
        """A YAML file (any, not only a manifest) that the config source could not parse, read as well as it can be
        rather than skipped whole; always reported as a ``parse-error`` Skip that says how it was read. A file holding
        ``{{ }}`` is a template whatever its name or folder (Handlebars / Mustache ``{{{PREFIX}}}`` keys and
        ``{{#if}}`` lines, Jinja, Go templates kept as ``*.template.yaml`` or ``deploy.yaml.j2``-style copies): its
        directives are neutralised and it is parsed again, as a Helm template is; a file that still does not parse
        (tabs in indentation, a duplicate anchor, a stray quote) is read line by line (``key: value`` lines, list
        items that locate a model, model commands such as ``--model-id=...`` in an args list). Bounded by the
        file's budget like any scan."""
        if "{{" in file.text and yaml_too_big(file.text) is None:
            found = self._read(file, True, f"not YAML ({why})")
            if not any(isinstance(item, Skip) and item.reason == "parse-error" for item in found):
                return [*found, Skip(file.path, "parse-error", f"config: {why}; read with its {{{{ }}}} template "
                                     "directives neutralised")]
            return found
        return self._lines(file, f"config: {why}")

    def _read(self, file: SourceFile, template: bool, failed: str | None = None) -> list[Finding | Skip]:
        too_big = yaml_too_big(file.text) if template else None
        if too_big is not None:  # never parsed: neutralising its directives first would only spend the budget
            return self._lines(file, f"Helm/Go template not parsed ({too_big})")
        try:
            text = detemplate(file.text) if template else file.text
        except BudgetExceeded as exc:
            return [budget_skip(file.path, self.id, exc, "Helm template not read")]
        try:
            docs = parse_yaml(text)
        except ParseError as exc:
            if failed is not None:
                return self._lines(file, f"{failed}; not YAML either with its {{{{ }}}} directives neutralised")
            if template:
                return self._lines(file, f"Helm/Go template is not YAML even with its directives neutralised ({exc})")
            return []  # the config source reports the parse error once, and reads the file another way (unparsed)
        walker = TreeWalker(SourceFile(file.path, text, file.context), _IDS)

        def run() -> None:
            for doc in docs:
                if doc is None or not (template or is_k8s(doc)):
                    continue
                first = len(walker.collector.findings)  # this document's findings start here
                for container in _containers(doc):
                    image = container.get("image")
                    hit = server_of(image.value) if isinstance(image, Scalar) else None
                    walker.server_api, walker.server_role = (hit[1], hit[2]) if hit else (None, None)
                    walker.walk(container, "container", None, walker.block_endpoint(container))
                walker.server_api = walker.server_role = None
                # a model resource's location field (KubeAI `kind: Model`, spec.url and adapters' url): its URI is
                # the model's, whatever scheme (hf://, ollama://, pvc://, s3://)
                walker.location_keys = _LOCATION_KEYS if _is_model_resource(doc) else frozenset()
                walker.adapter_resource = _is_adapter_resource(doc)
                walker.walk(doc)
                walker.location_keys = frozenset()
                walker.adapter_resource = False
                named: tuple[tuple[Scalar | None, Hint], ...] = (
                    (_served_name(doc), "key"), (_registry_name(doc), "key"), (_ollama_image(doc), "ollama"))
                for served, hint in named:
                    if served is None:
                        continue
                    value = served.value.strip()
                    line, col, _ = walker.position(served, value)
                    # only this document's own findings can stand on its line: looking through every earlier
                    # document's too was quadratic (10,000 ModelBooster documents: 5*10^7 comparisons, unbudgeted)
                    if not any(f.line == line and f.raw == value for f in walker.collector.findings[first:]):
                        walker.collector.model(value, line, col, hint=hint, source_id=_IDS.key)

        return walker.guarded(run, self.id)

    def _lines(self, file: SourceFile, why: str) -> list[Finding | Skip]:
        """Fallback for a Helm template that is not YAML even with its directives neutralised: read line by line
        (``key: value`` lines and model commands), and always reported as a ``parse-error`` Skip that says so."""

        collector = Collector(file, _IDS.key)
        out: list[Finding | Skip] = []
        try:
            self._scan_lines(file, collector, out)
        except BudgetExceeded as exc:
            out.append(budget_skip(file.path, self.id, exc))
        out.extend(collector.findings)
        out.append(Skip(file.path, "parse-error", f"{why}; read line by line only (key: value lines and model commands)"))
        return out

    def _scan_lines(self, file: SourceFile, collector: Collector, out: list[Finding | Skip]) -> None:
        from modelmap.discover.shell import scan_command_line

        tick = collector.budget.tick

        def command(number: int, line: str, literal: str) -> bool:
            if not _MODEL_COMMAND.search(literal):
                return False
            words = re.sub(r"[\[\],\"']", " ", literal).strip(" -")
            out.extend(scan_command_line(file, words, number, _IDS.command, line_text=line))
            return True

        allowance = collector.budget

        def literal(line: str) -> str:
            if allowance.dropped:
                # the file's findings cap has dropped a finding: no later line's finding could be kept, and reading
                # on only spent the budget (a 4 MB helmfile over the parse cap held 10,000 findings by a fifth of its
                # lines, then ran 1.5 s more of CPU to its time budget for nothing: redteam19's margins)
                raise FindingsCapped(f"more than {allowance.max_findings} findings in one file; the first ones are "
                                     "kept")
            return _neutralise(line, tick)

        scan_yaml_lines(file, collector, literal=literal, command=command)
