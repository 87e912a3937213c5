"""CI test matrices and multi-node serving configs (held-out-30, tuneA36): a matrix entry's ``name`` labels a test
case named after what it tests, not a model, when the entry points at the case's settings file or names its runner;
a list keyed ``model_list`` holds models; a folded ``server_cmd: >`` whose quoted JSON argument spans lines is read
as a shell reads it; a server flag's JSON value is read on a command line and in an argument list under any key."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

# written in the shape of an NPU backend's nightly matrix: cases named after their checkpoint and their benchmark
MATRIX = """\
a3:
  multi_node:
    test_config:
      - name: Kimi-K2.6-W4A8-64k-1k-TPOT50-PD
        config_file_path: Kimi-K2.6-W4A8-64k-1k-TPOT50-PD.yaml
        config_base_path: tests/e2e/multi_node/config
        size: 2
  single_node:
    test_config:
      - name: kimi-k2.5
        os: linux-aarch64-a3-16
        config_file_path: Kimi-K2.5.yaml
      - name: glm-4.7-w8a8
        os: linux-aarch64-a3-16
        tests: tests/e2e/single_node/test_glm.py
  accuracy:
    nightly:
      - name: accuracy-group-1
        os: linux-aarch64-a2-1
        model_list:
          - Qwen3-8B
          - Qwen3-8B-W8A8
          - Qwen3-30B-A3B-W8A8
"""

# a catalogue entry that names its model and its settings file: the name is still the model
CATALOGUE = """\
models:
  - name: kimi-k2.5
    config_file: configs/kimi.yaml
"""

# a case without a settings file or a runner: its name may be the model and is read as before
PLAIN = """\
presets:
  - name: kimi-k2.5
    temperature: 0.6
"""

CASE_FILE = """\
test_name: "Kimi-K2.6-W4A8-64k-1k-TPOT50-PD"
model: "org/Kimi-K2.6-w4a8"
num_nodes: 2
"""

# a folded command whose JSON argument spans lines (the lines indented deeper stay lines in YAML), and a quoted model
FOLDED = """\
model: "Qwen/Qwen3-235B-A22B"
deployment:
  -
    server_cmd: >
        vllm serve "Qwen/Qwen3-235B-A22B"
        --port 8080
        --speculative-config '{"method": "eagle3", "model": "org/qwen3-235b-eagle3", "num_speculative_tokens": 3}'
        --kv-transfer-config
        '{"kv_connector": "MooncakeConnectorV1",
        "kv_connector_extra_config": {
                  "prefill": {"dp_size": 2}
            }
        }'
"""

# a server's argument list under a key of the app's own, a flag's JSON value as the next item
TEMPLATE = """\
model: "org/Kimi-K2.6-w4a8"
templates:
  - node_index: 0
    server_cmd_template:
      - --port
      - "8080"
      - --speculative-config
      - '{"method": "dflash", "model": "z-lab/Kimi-K2.5-DFlash", "num_speculative_tokens": 1}'
      - --compilation-config
      - '{"cudagraph_mode": "FULL_DECODE_ONLY"}'
"""


def test_matrix_case_names_are_not_models_but_its_model_list_is(tmp_path: Path) -> None:
    got = found(tmp_path, ".github/workflows/configs/nightly_config.yaml", MATRIX)
    assert {raw for _, raw in got} == {"Qwen3-8B", "Qwen3-8B-W8A8", "Qwen3-30B-A3B-W8A8"}


def test_a_catalogue_entry_or_a_plain_entry_keeps_its_name(tmp_path: Path) -> None:
    assert (2, "kimi-k2.5") in found(tmp_path, "catalogue.yaml", CATALOGUE)
    assert (2, "kimi-k2.5") in found(tmp_path / "b", "presets.yaml", PLAIN)


def test_a_case_files_test_name_is_not_a_model(tmp_path: Path) -> None:
    assert found(tmp_path, "tests/e2e/config/case.yaml", CASE_FILE) == {(2, "org/Kimi-K2.6-w4a8")}


def test_folded_command_with_a_multi_line_json_argument(tmp_path: Path) -> None:
    got = found(tmp_path, "tests/e2e/config/qwen.yaml", FOLDED)
    assert (5, "Qwen/Qwen3-235B-A22B") in got
    assert (7, "org/qwen3-235b-eagle3") in got


def test_json_flag_in_an_argument_list_under_any_key(tmp_path: Path) -> None:
    got = found(tmp_path, "tests/e2e/config/kimi.yaml", TEMPLATE)
    assert got == {(1, "org/Kimi-K2.6-w4a8"), (8, "z-lab/Kimi-K2.5-DFlash")}


# a provider's settings file kept in a ConfigMap under its file name: its runtime names a program (which made the
# block read as a command line) and its declared parameters give each model role a default
PROVIDER_CONFIGMAP = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: eval-provider
data:
  provider.yaml: |
    id: inspect
    runtime:
      k8s:
        image: $(provider-image)
        entrypoint:
          - python
          - main.py
      local:
        command: python tests/runtime/main.py --model-args x
    parameters:
      - name: judge_model
        type: string
        default: "claude-opus-4-7"
        description: >
          The judge's model name.
      - name: judge_temperature
        type: number
        default: 0.2
      - name: judge_base_url
        type: string
        default: null
"""


def test_settings_file_in_a_configmap_and_a_parameters_default(tmp_path: Path) -> None:
    assert found(tmp_path, "config/provider.yaml", PROVIDER_CONFIGMAP) == {(19, "claude-opus-4-7")}



# a workflow step run only for one model of the matrix's list, and one for a runner: the model is tested, the
# runner label is not a model
CONDITION = """\
on:
  workflow_call:
    inputs:
      model_list:
        type: string
      runner:
        type: string
jobs:
  e2e:
    runs-on: ${{ inputs.runner }}
    steps:
      - name: Install tensorflow (for the vision model)
        if: ${{ inputs.runner == 'linux-aarch64-a2-1' && contains(inputs.model_list, 'Molmo-7B-D-0924') }}
        run: pip install tensorflow
      - name: Pin the chat model
        if: matrix.model == 'gpt-4o-mini'
        run: echo pinned
"""


def test_actions_condition_testing_a_model_input(tmp_path: Path) -> None:
    got = found(tmp_path, ".github/workflows/e2e.yaml", CONDITION)
    assert got == {(13, "Molmo-7B-D-0924"), (16, "gpt-4o-mini")}
