"""A YAML file that does not parse is read another way, never skipped whole, and the downgrade is reported.

Deploy kits keep manifests as templates filled in by their installer (``model-x.template.yaml`` with Handlebars
``{{{PREFIX}}}/instance-family: inf2`` keys and ``{{#if compile}}`` lines), and hand-edited YAML breaks on a tab or a
stray quote; the rest of such a file still names its models. A file holding ``{{ }}`` is read with its directives
neutralised (as a Helm template is); one that still does not parse is read line by line (``key: value`` lines, list
items, model commands such as ``--model-id=...``). Either way a ``parse-error`` skip says how it was read.
"""

from __future__ import annotations

from pathlib import Path

import modelmap

# written for this test: a TEI Deployment kept as an installer template (Handlebars directives, not under templates/)
_TEMPLATE = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: embedding-small
spec:
  template:
    spec:
      nodeSelector:
        {{{NODE_PREFIX}}}/instance-family: c7i
        {{#if spot}}
        karpenter.sh/capacity-type: spot
        {{/if}}
      containers:
        - name: tei
          image: ghcr.io/huggingface/text-embeddings-inference:cpu-1.8
          args:
            - --model-id=Qwen/Qwen3-Embedding-0.6B
            - --port=8080
"""

# written for this test: a settings file whose third line is indented with a tab (not YAML), no template directive
_TABS = "llm:\n  model: gpt-4o-mini\n\ttemperature: 0.2\nembedding:\n  model_name: BAAI/bge-m3\n"

# written for this test: a manifest with a stray quote in one value, its model passed in a command line
_QUOTE = """\
apiVersion: apps/v1
kind: Deployment
spec:
  template:
    spec:
      containers:
        - name: vllm
          image: vllm/vllm-openai:v0.8.5
          args: ["--model", "meta-llama/Llama-3.1-8B-Instruct", "--port", "8000"]
          env:
            - name: NOTE
              value: "it's "broken
"""


def _scan(tmp_path: Path, name: str, text: str) -> tuple[set[tuple[int, str]], list[str]]:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    result = modelmap.scan(str(tmp_path), resolve=False)
    got = {(f.line, f.raw) for f in result.findings if f.kind != "endpoint"}
    notes = [f"{s.reason}: {s.detail}" for s in result.skips if s.path == name]
    return got, notes


def test_a_template_yaml_outside_templates_is_read_with_its_directives_neutralised(tmp_path: Path) -> None:
    got, notes = _scan(tmp_path, "components/embedding/model-small.template.yaml", _TEMPLATE)
    assert (17, "Qwen/Qwen3-Embedding-0.6B") in got
    assert len(notes) == 1 and notes[0].startswith("parse-error") and "neutralised" in notes[0]


def test_a_yaml_file_with_a_tab_is_read_line_by_line(tmp_path: Path) -> None:
    got, notes = _scan(tmp_path, "config/settings.yaml", _TABS)
    assert {(2, "gpt-4o-mini"), (5, "BAAI/bge-m3")} <= got
    assert len(notes) == 1 and notes[0].startswith("parse-error") and "line by line" in notes[0]


def test_a_broken_manifest_keeps_its_model_command(tmp_path: Path) -> None:
    got, notes = _scan(tmp_path, "deploy/vllm.yaml", _QUOTE)
    assert any(raw == "meta-llama/Llama-3.1-8B-Instruct" for _line, raw in got)
    assert len(notes) == 1 and notes[0].startswith("parse-error")


def test_a_broken_yaml_naming_no_model_is_still_reported(tmp_path: Path) -> None:
    got, notes = _scan(tmp_path, "ci/matrix.yaml", "jobs:\n  build:\n    env:\n\tMODEL_DIR: ./out\n")
    assert got == set()
    assert len(notes) == 1 and notes[0].startswith("parse-error")
