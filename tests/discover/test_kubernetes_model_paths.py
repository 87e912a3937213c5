"""Models named by their key path in Kubernetes custom resources and Helm values (issue 10): an operator's
catalogue preset inside a serving or tuning section (KAITO ``inference.preset.name``), a section named for the
model (llm-d ``modelArtifacts.name``) and Ollama chart values that list models by what to do with them
(``ollama.models.pull``). The path marks the slot; the value must still look like a model."""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.engine import ScanOptions, scan_paths
from modelmap.types import Finding

# written from KAITO's public Workspace / InferenceSet examples (github.com/kaito-project/kaito, examples/):
# a preset names a model from KAITO's catalogue
WORKSPACES = """\
apiVersion: kaito.sh/v1beta1
kind: Workspace
metadata:
  name: workspace-falcon-40b
resource:
  instanceType: Standard_NC96ads_A100_v4
  labelSelector:
    matchLabels:
      apps: falcon-40b-instruct
inference:
  preset:
    name: "falcon-40b-instruct"
---
apiVersion: kaito.sh/v1beta1
kind: Workspace
metadata:
  name: tune-coder
resource:
  instanceType: Standard_NC24ads_A100_v4
tuning:
  preset:
    name: qwen2.5-coder-7b-instruct
  method: lora
  input:
    urls:
      - "https://example.com/data/train.parquet"
---
apiVersion: kaito.sh/v1alpha1
kind: InferenceSet
metadata:
  name: chat-pool
spec:
  replicas: 2
  template:
    inference:
      preset:
        accessMode: public
        name: mistral-7b-instruct
"""

# a preset outside any serving section is some other catalogue's (a video encoder's here)
ENCODER = """\
apiVersion: media.example.com/v1
kind: Transcoder
metadata:
  name: clips
spec:
  video:
    preset:
      name: hevc-v2
"""

# written from llm-d's ModelService documentation (modelArtifacts: uri + name); modelCache is storage
MODEL_SERVICE = """\
modelArtifacts:
  name: acme-labs/support-bot-8b
  uri: pvc://model-pvc/support-bot-8b
  size: 40Gi
modelCache:
  name: shared-cache-v2
modelFormat:
  name: pytorch-v2
"""

# written from the Ollama Helm chart's values schema (ollama.models.pull / run / clean)
OLLAMA_VALUES = """\
ollama:
  gpu:
    enabled: true
    type: nvidia
  models:
    pull:
      - moondream
      - qwen2.5:7b
    run:
      - moondream
    clean: false
"""

# models: {run: ...} outside Ollama: the names still have to look like models; a job's run list is a command
PRELOAD = """\
models:
  preload:
    - bge-m3-v2
    - warmup
jobs:
  run:
    - sh
    - -c
    - echo ready
"""


def _line(text: str, needle: str, nth: int = 1) -> int:
    """The 1-based line of the ``nth`` line of ``text`` that contains ``needle``."""
    hits = [i for i, line in enumerate(text.splitlines(), 1) if needle in line]
    return hits[nth - 1]


def _scan(tmp_path: Path, files: dict[str, str]) -> list[Finding]:
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    result = scan_paths([tmp_path], ScanOptions(jobs=1))
    assert not [s for s in result.skips if s.reason in ("source-error", "scan-error")]
    return [f for f in result.findings if f.kind != "endpoint"]


def test_kaito_presets_in_inference_and_tuning_sections_are_models(tmp_path: Path) -> None:
    found = {(f.raw, f.line) for f in _scan(tmp_path, {"examples/workspaces.yaml": WORKSPACES})}
    assert ("falcon-40b-instruct", _line(WORKSPACES, 'name: "falcon-40b-instruct"')) in found
    assert ("qwen2.5-coder-7b-instruct", _line(WORKSPACES, "name: qwen2.5-coder")) in found
    assert ("mistral-7b-instruct", _line(WORKSPACES, "name: mistral-7b-instruct")) in found
    # object names and label values are not the model
    assert not {raw for raw, _ in found} & {"workspace-falcon-40b", "tune-coder", "chat-pool"}
    assert ("falcon-40b-instruct", _line(WORKSPACES, "apps: falcon-40b-instruct")) not in found


def test_a_preset_outside_a_serving_section_is_not_a_model(tmp_path: Path) -> None:
    assert _scan(tmp_path, {"deploy/transcoder.yaml": ENCODER}) == []


def test_a_section_named_for_the_model_gives_its_name(tmp_path: Path) -> None:
    found = {f.raw: f for f in _scan(tmp_path, {"chart/values.yaml": MODEL_SERVICE})}
    assert found["acme-labs/support-bot-8b"].kind == "hf-repo"
    assert found["acme-labs/support-bot-8b"].line == _line(MODEL_SERVICE, "name: acme-labs")
    assert "pvc://model-pvc/support-bot-8b" in found
    # a cache's or a format's name is not a model, though it reads like a version
    assert "shared-cache-v2" not in found
    assert "pytorch-v2" not in found


def test_ollama_chart_values_list_models_to_pull_and_run(tmp_path: Path) -> None:
    found = [(f.raw, f.line, f.kind) for f in _scan(tmp_path, {"ci/values.yaml": OLLAMA_VALUES})]
    assert sorted(found) == [("moondream", _line(OLLAMA_VALUES, "- moondream"), "ollama-tag"),
                             ("moondream", _line(OLLAMA_VALUES, "- moondream", 2), "ollama-tag"),
                             ("qwen2.5:7b", _line(OLLAMA_VALUES, "- qwen2.5:7b"), "ollama-tag")]


def test_model_lists_elsewhere_need_model_shaped_names(tmp_path: Path) -> None:
    found = {f.raw for f in _scan(tmp_path, {"config/app.yaml": PRELOAD})}
    assert found == {"bge-m3-v2"}


# settings files carried inside a manifest as literal blocks (a ConfigMap's data, a RayService's serveConfigV2,
# written from Ray Serve's LLM config reference: llm_configs[].model_loading_config.model_id / model_source)
EMBEDDED = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: rag-settings
data:
  settings.yaml: |
    llm:
      model: acme-labs/support-chat-13b
      temperature: 0.2
    retriever:
      top_k: 8
  banner.txt: |
    Powered by: our own assistant
    Version: 2.1
---
apiVersion: ray.io/v1
kind: RayService
metadata:
  name: llm-serving
spec:
  serveConfigV2: |
    applications:
      - name: llms
        route_prefix: /
        import_path: ray.serve.llm:build_openai_app
        args:
          llm_configs:
            - model_loading_config:
                model_id: qwen2.5-7b
                model_source: Qwen/Qwen2.5-7B-Instruct
"""


def test_yaml_documents_inside_literal_blocks_are_walked_in_place(tmp_path: Path) -> None:
    found = {(f.raw, f.line, f.column) for f in _scan(tmp_path, {"deploy/serving.yaml": EMBEDDED})}
    line = _line(EMBEDDED, "acme-labs/support-chat-13b")
    col = EMBEDDED.splitlines()[line - 1].index("acme-labs") + 1
    assert ("acme-labs/support-chat-13b", line, col) in found
    assert {(raw, ln) for raw, ln, _ in found} >= {
        ("qwen2.5-7b", _line(EMBEDDED, "model_id: qwen2.5-7b")),
        ("Qwen/Qwen2.5-7B-Instruct", _line(EMBEDDED, "model_source:")),
    }
    # a text block that happens to hold colons is prose, not settings
    assert not {raw for raw, _, _ in found} & {"our own assistant", "2.1"}


def test_literal_blocks_are_parsed_a_bounded_number_of_times(tmp_path: Path) -> None:
    # forty settings blocks: the first 32 are parsed; an oversized block is left as text
    blocks = "".join(f"  app{i}.yaml: |\n    model: acme-labs/chat-{i}b\n" for i in range(40))
    big = "  big.yaml: |\n" + "    pad: x\n" * 8_000 + "    model: acme-labs/huge-70b\n"
    text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: many\ndata:\n" + blocks + big
    found = {f.raw for f in _scan(tmp_path, {"deploy/many.yaml": text})}
    assert found == {f"acme-labs/chat-{i}b" for i in range(32)}


PROMPTS = """\
assistant:
  system_prompt: |
    Model: gpt-4o
    Tone: friendly
  settings.yaml: |
    model: gpt-4o-mini
"""


def test_prompt_blocks_are_text_not_settings(tmp_path: Path) -> None:
    found = {(f.raw, f.line) for f in _scan(tmp_path, {"config/assistant.yaml": PROMPTS})}
    assert found == {("gpt-4o-mini", _line(PROMPTS, "model: gpt-4o-mini"))}
