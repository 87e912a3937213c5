"""Container arguments and environment entries that locate a model without a model key (issue 10): a server flag whose
value is a JSON object (vLLM's ``--speculative-config={"model": …}``, ``--override-neuron-config={…}``), a folder of
the Hub's own cache (``models--<org>--<name>``) under any key, and a ``{name: …_ARTIFACTS, value: /path}`` entry
naming where a model was compiled to. Each rule keeps its guard: a JSON flag without a model, a cache root and a
path under a name that says nothing of where things are kept stay out."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

# written in the shape of vLLM-on-Neuron Deployment templates (AWS Neuron's vLLM guide: NEURON_COMPILED_ARTIFACTS,
# --override-neuron-config) and vLLM's speculative-decoding docs (--speculative-config)
DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: llama-neuron
spec:
  template:
    spec:
      containers:
        - name: vllm
          image: public.ecr.aws/neuron/pytorch-inference-vllm-neuronx:0.9.1
          command: ["vllm", "serve"]
          args:
            - meta-llama/Llama-3.1-8B-Instruct
            - --tensor-parallel-size=2
            - '--override-neuron-config={"quantized": true, "quantized_checkpoints_path": "/root/.cache/huggingface/hub/models--meta-llama--Llama-3.1-8B-Instruct/snapshots/0e9e39f249a16976918f6564b8830bc894c89659", "kv_cache_quant": true}'
            - '--speculative-config={"model": "yuhuili/EAGLE-LLaMA3.1-Instruct-8B", "num_speculative_tokens": 5}'
            - --compilation-config
            - '{"level": 3, "cudagraph_capture_sizes": [1, 2, 4]}'
          env:
            - name: NEURON_COMPILED_ARTIFACTS
              value: /root/.cache/neuron/meta-llama/Llama-3.1-8B-Instruct-int8
            - name: HF_HOME
              value: /root/.cache/huggingface
            - name: LOG_DIR
              value: /var/log/vllm
            - name: HOME_FOLDER
              value: /home/app
"""

# the flag and its JSON value as two items of the list
SEPARATE = """\
apiVersion: v1
kind: Pod
metadata:
  name: draft
spec:
  containers:
    - name: vllm
      image: vllm/vllm-openai:v0.9.0
      args:
        - --model=Qwen/Qwen3-8B
        - --speculative-config
        - '{"model": "Qwen/Qwen3-0.6B", "num_speculative_tokens": 4}'
"""


def test_json_flag_values_and_cache_folder(tmp_path: Path) -> None:
    got = found(tmp_path, "deploy/llama-neuron.yaml", DEPLOYMENT)
    assert (13, "meta-llama/Llama-3.1-8B-Instruct") in got
    # the Hub cache folder inside the JSON of --override-neuron-config, under a key that says nothing of models
    assert (15, "/root/.cache/huggingface/hub/models--meta-llama--Llama-3.1-8B-Instruct/snapshots/"
                "0e9e39f249a16976918f6564b8830bc894c89659") in got
    # the draft model of speculative decoding, in a JSON flag value
    assert (16, "yuhuili/EAGLE-LLaMA3.1-Instruct-8B") in got
    # the folder the model was compiled to, under an env name that says where things are kept
    assert (21, "/root/.cache/neuron/meta-llama/Llama-3.1-8B-Instruct-int8") in got
    # a JSON flag without a model, a cache root, and folders that are no model's: nothing
    assert {line for line, _ in got} <= {13, 15, 16, 21}


def test_json_value_after_its_flag(tmp_path: Path) -> None:
    got = found(tmp_path, "k8s/draft-pod.yaml", SEPARATE)
    assert (10, "Qwen/Qwen3-8B") in got
    assert (12, "Qwen/Qwen3-0.6B") in got


def test_hub_cache_folder_under_any_config_key(tmp_path: Path) -> None:
    text = ("service:\n"
            "  quantized_checkpoints_path: /data/hf/hub/models--Qwen--Qwen3-8B/snapshots/b968826d\n"
            "  working_dir: /data/hf/hub/datasets--org--corpus/snapshots/abc\n"
            "  cache_root: /data/hf/hub\n")
    got = found(tmp_path, "config/settings.yaml", text)
    assert got == {(2, "/data/hf/hub/models--Qwen--Qwen3-8B/snapshots/b968826d")}
