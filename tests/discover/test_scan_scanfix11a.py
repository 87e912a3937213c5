"""scanfix11a (issue 10): Helm/Go-template configs, shell strings, model paths and URIs.

Fixtures are written for these tests (not copied from the corpus). Budgets are steps, never seconds."""

from __future__ import annotations

from pathlib import Path

import modelmap
from modelmap.discover.base import SourceFile, file_budget
from modelmap.discover.kubernetes import KubernetesSource, detemplate
from modelmap.types import Finding, Skip

_CHART = """\
# serving template for one chat model
apiVersion: serving.example.dev/v1
kind: LLMDeployment
metadata:
  name: {{ include "chat.fullname" . }}
  labels:
    app: {{ .Values.app | default "chat" | quote }}
  {{- with .Values.extraLabels }}
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  replicas: {{ .Values.replicas | default 1 }}
  storageUri: {{ .Values.storageUri | default "hf://mistralai/Mistral-7B-Instruct-v0.3" | quote }}
  containers:
    - name: server
      image: {{ .Values.image | default "vllm/vllm-openai:v0.8.1" | quote }}
      args:
        - --model
        - {{ .Values.model | default "mistralai/Mistral-7B-Instruct-v0.3" }}
        - --served-model-name
        - {{ .Values.servedName | default "mistral-7b" | quote }}
      env:
        - name: EMBEDDING_MODEL
          value: {{ "BAAI/bge-small-en-v1.5" | quote }}
        - name: TOKENIZER
          value: {{ .Values.tokenizer | quote }}
"""


def _k8s(path: str, text: str, steps: int | None = None) -> tuple[list[Finding], list[Skip]]:
    with file_budget() if steps is None else file_budget(seconds=600.0, steps=steps):
        out = list(KubernetesSource().scan(SourceFile(path, text)))
    return [f for f in out if isinstance(f, Finding)], [s for s in out if isinstance(s, Skip)]


def test_helm_default_literals_are_read_where_they_stand() -> None:
    found, skips = _k8s("chart/templates/deployment.yaml", _CHART)
    assert not skips
    got = {(f.line, f.raw) for f in found}
    assert (13, "hf://mistralai/Mistral-7B-Instruct-v0.3") in got
    assert (19, "mistralai/Mistral-7B-Instruct-v0.3") in got
    assert (21, "mistral-7b") in got
    assert (24, "BAAI/bge-small-en-v1.5") in got
    # a templated value with no literal is unknown, and an app label or an image is no model
    assert not [f for f in found if f.raw in ("chat", "vllm/vllm-openai:v0.8.1")]
    # columns are the literal's own in the template
    lines = _CHART.splitlines()
    for f in found:
        assert lines[f.line - 1][f.column - 1:].startswith(f.raw), (f.line, f.column, f.raw)


def test_detemplate_keeps_offsets_and_literals() -> None:
    text = ('a: {{ .Values.a | default "qwen3-8b" | quote }}\n'
            'b: "x-{{ .Values.b | default "y" }}"\n'
            'c: run --model {{ .Values.c | default "Qwen/Qwen3-8B" }} --port 80\n')
    out = detemplate(text)
    assert len(out) == len(text)
    a, b, c = out.splitlines()
    assert a.split() == ["a:", '"qwen3-8b"'] and a.index('"qwen3-8b"') == text.index('"qwen3-8b"')
    assert "${" in b and '"y"' not in b  # inside a quoted string: a placeholder, the quoting stays valid
    assert c.split() == ["c:", "run", "--model", "Qwen/Qwen3-8B", "--port", "80"]


def test_gotmpl_values_file_is_read(tmp_path: Path) -> None:
    (tmp_path / "helmfile.d").mkdir()
    (tmp_path / "helmfile.d" / "values.yaml.gotmpl").write_text(
        'llm:\n  model: {{ env "LLM_MODEL" | default "Qwen/Qwen2.5-7B-Instruct" }}\n  replicas: {{ .Values.n }}\n')
    raws = {(f.line, f.raw) for f in modelmap.scan(str(tmp_path), resolve=False).findings}
    assert (2, "Qwen/Qwen2.5-7B-Instruct") in raws


def test_a_template_that_is_not_yaml_is_a_reported_skip() -> None:
    text = ("apiVersion: v1\nkind: ConfigMap\ndata:\n{{ range .Values.models }}\n"
            "  - model: {{ .name | default \"Qwen/Qwen2.5-1.5B-Instruct\" }}\n  bad: : [\n{{ end }}\n")
    found, skips = _k8s("chart/templates/cm.yaml", text)
    assert [s.reason for s in skips] == ["parse-error"] and "line by line" in skips[0].detail
    assert "Qwen/Qwen2.5-1.5B-Instruct" in {f.raw for f in found}


def test_five_thousand_actions_stop_at_the_step_budget() -> None:
    # one step per line and per action: a 5,000-action template on a 1,000-step budget is an analysis-budget skip,
    # never a silent loss; on the default budget it is read whole
    text = "apiVersion: v1\nkind: ConfigMap\ndata:\n" + "".join(
        f'  k{i}: {{{{ .Values.k{i} | default "v{i}" | quote }}}}\n' for i in range(5_000))
    found, skips = _k8s("chart/templates/big.yaml", text, steps=1_000)
    assert not found and [s.reason for s in skips] == ["analysis-budget"]
    assert "1000 analysis steps" in skips[0].detail
    _, skips = _k8s("chart/templates/big.yaml", text)
    assert not skips


def test_one_line_of_actions_and_deep_nesting_are_bounded_by_steps() -> None:
    one_line = "data: " + '{{ default "a" .x }}' * 5_000 + "\n"
    _, skips = _k8s("chart/templates/one.yaml", one_line, steps=2_000)
    assert [s.reason for s in skips] == ["analysis-budget"]
    found, skips = _k8s("chart/templates/one.yaml", one_line)
    assert not found and all(s.reason != "analysis-budget" for s in skips)
    # nested actions: the first "}}" closes the action (as Go's lexer does), the rest is plain text
    nested = "model: " + "{{ " * 3_000 + '"Qwen/Qwen2.5-7B"' + " }}" * 3_000 + "\n"
    found, skips = _k8s("chart/templates/nested.yaml", nested, steps=50)
    assert all(s.reason in ("analysis-budget", "parse-error") for s in skips)
    out = detemplate(nested)
    assert len(out) == len(nested)


# ----------------------------------------------------------------------------- shell: retrieval flags, output dirs

_RETRIEVAL_SH = """\
#!/bin/bash
# evaluate a retriever + reranker on a local benchmark
search_args="\\
    --index_dir ./index \\
    --top_k 200 \\
"
model_args="\\
    --embedder_name_or_path intfloat/multilingual-e5-large \\
    --reranker_name_or_path BAAI/bge-reranker-large \\
    --embedder_batch_size 128 \\
"
train_args="\\
    --output_dir ./runs/ft_bge-small-en-v1.5_v2 \\
    --logging_dir ./runs/logs \\
    --learning_rate 2e-5 \\
"
cmd="python -m retrieval.eval $search_args $model_args $train_args"
eval $cmd
"""


def _shell(text: str, steps: int | None = None) -> tuple[list[Finding], list[Skip]]:
    from modelmap.discover.shell import ShellSource

    with file_budget() if steps is None else file_budget(seconds=600.0, steps=steps):
        out = list(ShellSource().scan(SourceFile("scripts/eval.sh", text)))
    return [f for f in out if isinstance(f, Finding)], [s for s in out if isinstance(s, Skip)]


def test_embedder_and_reranker_flags_in_a_shell_string() -> None:
    found, skips = _shell(_RETRIEVAL_SH)
    assert not skips
    got = {(f.line, f.raw): f for f in found}
    assert got[(8, "intfloat/multilingual-e5-large")].role == "embedding"
    assert got[(9, "BAAI/bge-reranker-large")].role == "rerank"
    # the fine-tune's output folder names the model it starts from; the logs folder and the batch size are no model
    assert (13, "./runs/ft_bge-small-en-v1.5_v2") in got
    assert not [f for f in found if f.raw in ("./runs/logs", "128", "./index")]


def test_an_output_folder_without_a_known_model_is_not_reported() -> None:
    found, _ = _shell('args="--output_dir ./out_run-2024_final --save_steps 100"\n'
                      "python train.py --model_name_or_path BAAI/bge-m3 --output_dir ./checkpoints_v2-3\n")
    assert {f.raw for f in found} == {"BAAI/bge-m3"}


def test_many_output_pieces_stop_at_the_step_budget() -> None:
    # every `_` piece of an output folder is a knowledge-base look-up and a budget step
    line = "--output_dir ./" + "_".join(f"x{i}-1" for i in range(5_000)) + "\n"
    found, skips = _shell("#!/bin/sh\n" + line * 20, steps=500)
    assert [s.reason for s in skips] == ["analysis-budget"] and not found


# ----------------------------------------------------------------------------- a downloader's source and folder

_DOWNLOAD_JOB = """\
apiVersion: batch/v1
kind: Job
metadata:
  name: fetch-weights
spec:
  template:
    spec:
      restartPolicy: Never
      initContainers:
        - name: fetch
          image: registry.example.com/tools/model-fetcher:1.2
          args:
            - --source
            - mistralai/Mistral-7B-Instruct-v0.3
            - --output-dir
            - /weights/mistral-instruct/
        - name: fetch-uri
          image: registry.example.com/tools/model-fetcher:1.2
          args: ["--source", "hf://BAAI/bge-small-en-v1.5", "--output-dir", "/weights/embedder"]
        - name: sync-docs
          image: registry.example.com/tools/syncer:3
          args: ["--source", "s3://team-bucket/docs", "--output-dir", "/data/docs"]
"""


def test_a_downloaders_source_and_output_folder() -> None:
    found, skips = _k8s("deploy/fetch-job.yaml", _DOWNLOAD_JOB)
    assert not skips
    got = {(f.line, f.raw) for f in found}
    assert {(14, "mistralai/Mistral-7B-Instruct-v0.3"), (16, "/weights/mistral-instruct"),
            (19, "/weights/embedder")} <= got
    # a bucket of documents is no model, and neither is the folder it is copied to
    assert not [f for f in found if f.raw in ("s3://team-bucket/docs", "/data/docs")]


def test_a_source_that_is_not_a_model_gives_no_folder() -> None:
    found, _ = _shell("rsync-tool --source ./corpus --output-dir ./out/corpus-2024\n"
                      "fetch --source acme/website-assets --output-dir /srv/assets\n")
    assert not found


def test_many_source_flags_stop_at_the_step_budget() -> None:
    line = " ".join(["--source mistralai/Mistral-7B-Instruct-v0.3 --output-dir /w/m"] * 20_000)
    _, skips = _shell("fetch " + line + "\n", steps=5_000)
    assert [s.reason for s in skips] == ["analysis-budget"]


def test_a_model_boosters_spec_name_is_the_served_name() -> None:
    text = ("apiVersion: workload.serving.example.io/v1alpha1\nkind: ModelBooster\nmetadata:\n  name: team-chat\n"
            "spec:\n  name: team-chat-70b-fp8\n  backend:\n    name: team-chat-70b-fp8-backend\n"
            "    modelURI: hf://meta-llama/Llama-3.3-70B-Instruct\n")
    found, skips = _k8s("deploy/booster.yaml", text)
    assert not skips
    got = {(f.line, f.raw) for f in found}
    assert (6, "team-chat-70b-fp8") in got and (9, "hf://meta-llama/Llama-3.3-70B-Instruct") in got
    assert not [f for f in found if f.line in (4, 8)]  # the object's own name and the backend's are no model
    # a Deployment's spec has no served name
    found, _ = _k8s("deploy/d.yaml", text.replace("kind: ModelBooster", "kind: Deployment")
                    .replace("workload.serving.example.io/v1alpha1", "apps/v1"))
    assert (6, "team-chat-70b-fp8") not in {(f.line, f.raw) for f in found}


def test_a_folder_laid_out_as_a_known_hub_repo_is_a_model_folder() -> None:
    text = ("apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n"
            "        - name: server\n          image: registry.example.com/llm-server:2\n          volumeMounts:\n"
            "            - name: weights\n              mountPath: /srv/cache/meta-llama/Llama-3.1-8B-Instruct/\n"
            "            - name: conf\n              mountPath: /etc/llm/conf.d\n"
            "      volumes:\n        - name: weights\n          hostPath:\n"
            "            path: /srv/cache/meta-llama/Llama-3.1-8B-Instruct/\n"
            "        - name: site\n          hostPath:\n            path: /srv/www/acme/landing-page\n")
    found, skips = _k8s("deploy/server.yaml", text)
    assert not skips
    got = {(f.line, f.raw) for f in found}
    assert {(11, "/srv/cache/meta-llama/Llama-3.1-8B-Instruct/"), (17, "/srv/cache/meta-llama/Llama-3.1-8B-Instruct/")} <= got
    assert not [f for f in found if f.line in (13, 20)]


def test_an_escaped_windows_path_is_reported_as_written() -> None:
    from modelmap.discover.config_files import ConfigFileSource

    text = 'backends:\n  chat:\n    model_path: "D:\\\\llm\\\\models\\\\Qwen2.5-7B-Instruct"\n'
    out = list(ConfigFileSource().scan(SourceFile("conf/app.yaml", text)))
    found = [f for f in out if isinstance(f, Finding)]
    assert [(f.line, f.raw) for f in found] == [(3, "D:\\\\llm\\\\models\\\\Qwen2.5-7B-Instruct")]
    line = text.splitlines()[2]
    assert line[found[0].column - 1:].startswith(found[0].raw)


def test_a_windows_batch_files_download_line(tmp_path: Path) -> None:
    (tmp_path / "get_model.bat").write_text(
        "@echo off\r\nset HF_ENDPOINT=https://hf-mirror.example\r\n"
        "huggingface-cli download --resume-download --local-dir-use-symlinks False "
        "mistralai/Mistral-7B-Instruct-v0.3 --local-dir weights\\mistral-7b\r\npause\r\n")
    (tmp_path / "tidy.cmd").write_text("@echo off\r\ndel /q build\\*.log\r\nrmdir /s /q dist\r\n")
    found = {(f.path, f.line, f.raw) for f in modelmap.scan(str(tmp_path), resolve=False).findings
             if f.kind != "endpoint"}
    assert ("get_model.bat", 3, "mistralai/Mistral-7B-Instruct-v0.3") in found
    assert ("get_model.bat", 3, "weights\\mistral-7b") in found
    assert not [k for k in found if k[0] == "tidy.cmd" or k[2] == "False"]


def test_a_relative_model_folder_under_a_path_key() -> None:
    from modelmap.discover.config_files import ConfigFileSource

    text = ("backends:\n  coder:\n    path: weights/starcoder2-3b\n  win:\n    path: weights\\Mistral-7B-Instruct-AWQ\n"
            "  metrics:\n    path: /metrics/default/llama-7b-pool\n  docs:\n    path: docs/getting-started\n")
    out = list(ConfigFileSource().scan(SourceFile("conf/backends.yaml", text)))
    got = {(f.line, f.raw) for f in out if isinstance(f, Finding)}
    assert {(3, "weights/starcoder2-3b"), (5, "weights\\Mistral-7B-Instruct-AWQ")} <= got
    assert not [k for k in got if k[0] in (7, 9)]  # an absolute non-model path and a docs folder are no model


def test_an_output_folder_named_after_a_known_model_without_a_digit() -> None:
    found, _ = _shell('train_args="\\\n    --output_dir ./ft_bge-reranker-base_run \\\n    --save_steps 100"\n'
                      'other_args="\\\n    --output_dir ./ft_sft-lora_fine-tuned"\n')
    assert [(f.line, f.raw) for f in found] == [(2, "./ft_bge-reranker-base_run")]
