"""Scan fixes from the held-out-11 misses (session 13, scanfix15b): Spring property placeholders with a default,
model weight files linked by URL in a catalogue entry."""

from __future__ import annotations

from modelmap.discover.base import SourceFile
from modelmap.discover.config_files import ConfigFileSource
from modelmap.types import Finding


def found(path: str, text: str) -> dict[tuple[int, str], Finding]:
    return {(f.line, f.raw): f for f in ConfigFileSource().scan(SourceFile(path, text, "config"))
            if isinstance(f, Finding)}


SPRING_YML = """\
agentscope:
  dashscope:
    api-key: ${DASHSCOPE_API_KEY:}
    model-name: ${DATAAGENT_MODEL_NAME:qwen-max}
    stream: true
spring:
  ai:
    openai:
      chat:
        options:
          model: ${spring.ai.chat.model:gpt-4o-mini}
  datasource:
    url: ${DB_URL:jdbc:h2:mem:test}
app:
  model: ${MODEL_NAME:?set MODEL_NAME}
  fallback-model: ${FALLBACK_MODEL:+gpt-4o}
  embedding-model: ${env:EMBEDDING_MODEL}
"""


def test_spring_placeholder_default_is_the_model() -> None:
    out = found("src/main/resources/application.yml", SPRING_YML)
    qwen = out[(4, "qwen-max")]
    assert (qwen.column, qwen.kind) == (40, "api-model")
    assert out[(11, "gpt-4o-mini")].kind == "api-model"  # a dotted property name as the placeholder
    # the shell's ${VAR:?message} and ${VAR:+other} give no default; ${env:VAR} has none; an empty default is nothing
    assert {raw for _, raw in out} == {"qwen-max", "gpt-4o-mini"}


CATALOGUE_JSON = """\
{
  "ImageModels": {
    "Models": {
      "ResNet": {
        "DocsUrl": "https://github.com/onnx/models/tree/main/validated/vision/classification/resnet",
        "Models": {
          "ResNet50": {
            "Id": "9a1c2f4e-0b4a-4b03-8856-acc8b255c66b",
            "Url": "https://github.com/onnx/models/blob/main/validated/vision/classification/resnet/model/resnet50-v1-7.onnx",
            "Size": 102583340,
            "License": "apache-2.0"
          },
          "Tiny": {
            "Url": "https://models.acme.dev/files/tiny-llama.gguf?download=true",
            "Icon": "https://example.com/icons/resnet.png",
            "Weights": "https://example.com/files/pytorch_model.bin",
            "Template": "https://example.com/{{name}}.onnx"
          }
        }
      }
    }
  }
}
"""


def test_weight_file_url_is_a_model_location_under_any_key() -> None:
    out = found("Samples/Definitions/Models/imagemodels.modelgroup.json", CATALOGUE_JSON)
    onnx = out[(9, "https://github.com/onnx/models/blob/main/validated/vision/classification/resnet/model/"
                   "resnet50-v1-7.onnx")]
    assert (onnx.column, onnx.kind) == (21, "model-file")
    assert out[(14, "https://models.acme.dev/files/tiny-llama.gguf?download=true")].kind == "model-file"
    # a docs page, a picture, a .bin (which holds other things too) under a key that says nothing, a template: none
    assert len(out) == 2


def test_weight_file_url_hostile_values_are_bounded() -> None:
    long_url = "https://example.com/" + "a/" * 5000 + "x.onnx"
    text = '{"Url": "' + long_url + '", "Mirror": "https://' + "a" * 100_000 + '.onnx"}\n'  # over 2,000 characters
    assert found("m.json", text) == {}


LANGUAGE_JSON = """\
{
  "LanguageModels": {
    "Id": "615e2f1c-ea95-4c34-9d22-b1e8574fe476",
    "Models": {
      "Phi4Mini": {
        "Id": "phi4mini",
        "Name": "Phi 4 Mini",
        "Models": {
          "Phi4MiniGPU": {
            "Id": "202d6eaa-7a66-4d40-b2c3-53f1ef12a4eb",
            "Name": "Phi 4 Mini GPU",
            "HardwareAccelerator": "GPU",
            "PromptTemplate": "Phi3",
            "ParameterSize": "3.8B",
            "AIToolkitId": "Phi-4-mini-gpu-int4-rtn-block-32"
          }
        }
      }
    }
  },
  "Settings": {"Entries": {"Main": {"TenantId": "acme-prod-3", "AIToolkitId": "Phi-4-mini-cpu-int4"}}}
}
"""


def test_id_of_an_entry_in_a_models_mapping() -> None:
    out = found("Samples/Definitions/Models/languagemodels.modelgroup.json", LANGUAGE_JSON)
    tk = out[(15, "Phi-4-mini-gpu-int4-rtn-block-32")]
    assert (tk.column, tk.kind) == (29, "api-model")
    # UUIDs, display names, a prompt template; the same key outside a Models mapping says nothing by itself
    assert set(out) == {(15, "Phi-4-mini-gpu-int4-rtn-block-32")}


def test_app_scheme_uri_naming_a_model() -> None:
    from modelmap.discover.identify import classify

    for uri in ("fl://phi-3.5-mini", "fl://mistral-7b", "lemonade://Qwen3-8B-GGUF"):
        hit = classify(uri)
        assert hit is not None and hit.kind == "model-file", uri
    # placeholders, app pages, hosts of network schemes, a path after the id, oversized input: none
    for uri in ("fl://model-name", "fl://test-model", "FL://model", "myapp://home-v2", "tcp://llama-7b",
                "redis://qwen2-7b", "fl://phi-3.5-mini/extra", "fl://" + "phi-3" * 40, "fl://"):
        assert classify(uri) is None, uri


VALUES_YAML = """\
# NOTE: Currently the model is hard coded in the corresponding microservices
EMBEDDING_MODEL_ID: BridgeTower/bridgetower-large-itm-mlm-itc
image:
  repository: opea/embedding-multimodal-bridgetower
global:
  modelUseHostPath: /mnt/opea-models
  MODEL_ID: your-org/your-model
  DATASET_ID: acme/support-tickets
  MODEL_NAME: acme/bridge
"""


def test_org_name_under_a_model_id_key_is_a_hub_id() -> None:
    out = found("helm-charts/common/mm-embedding/values.yaml", VALUES_YAML)
    bt = out[(2, "BridgeTower/bridgetower-large-itm-mlm-itc")]
    assert (bt.column, bt.kind) == (21, "hf-repo")
    # a placeholder, a data set's id, an org/name under a key that is not a model-id key: none
    assert set(out) == {(2, "BridgeTower/bridgetower-large-itm-mlm-itc")}


def test_path_into_a_folder_named_for_a_hub_id() -> None:
    from modelmap.discover.identify import classify

    # as a C# literal writes it (escaped backslashes) and as the path itself
    for path in ("C:\\\\Cache\\\\microsoft--Phi-3-mini-4k-instruct\\\\main\\\\onnx",
                 "C:\\Cache\\microsoft--Phi-3-mini-4k-instruct\\main", "/data/BAAI__bge-m3/onnx"):
        hit = classify(path)
        assert hit is not None and hit.kind == "model-file", path
    # an unknown organisation, no Hub-id folder, the folder as the root itself, an oversized path: none
    for path in ("/data/acme--thing/x", "C:\\\\Cache\\\\foo\\\\bar", "microsoft--Phi-3-mini-4k-instruct",
                 "/c/" + "a/" * 300 + "microsoft--Phi-3-mini-4k-instruct"):
        assert classify(path) is None, path


def test_hub_api_address_of_a_model() -> None:
    from modelmap.discover.uris import parse_location

    loc = parse_location("https://huggingface.co/api/models/microsoft/Phi-3-mini-4k-instruct/tree/main/onnx")
    assert loc is not None and (loc.identity, loc.revision, loc.file) == (
        "microsoft/Phi-3-mini-4k-instruct", "main", "onnx")
    loc = parse_location("https://huggingface.co/api/models/BAAI/bge-m3/revision/v1")
    assert loc is not None and (loc.identity, loc.revision) == ("BAAI/bge-m3", "v1")
    # the model listing, a data set, a discussion page, another route: none
    for url in ("https://huggingface.co/api/models", "https://huggingface.co/api/models?search=qwen",
                "https://huggingface.co/api/datasets/org1/set-v2", "https://huggingface.co/api/models/a1/b-7b/discussions",
                "https://huggingface.co/api/whoami-v2"):
        assert parse_location(url) is None, url


def test_generic_weight_file_in_a_variant_folder_names_no_model() -> None:
    from modelmap.discover.identify import classify

    # a file filter or sub-path inside whichever repository is fetched
    for path in ("onnx/model.onnx", "onnx/directml/model.onnx", "openvino/fp16/openvino_model.bin"):
        assert classify(path) is None, path
    # a named weight file, a weights folder, an absolute path: still model files
    for path in ("onnx/resnet50-v1-7.onnx", "models/model.onnx", "/opt/onnx/model.onnx"):
        hit = classify(path)
        assert hit is not None and hit.kind == "model-file", path


def test_values_a_test_makes_wrong_on_purpose_are_not_models() -> None:
    from modelmap.discover.identify import PLACEHOLDER

    for value in ("invalid-model-id-without-slash", "nonexistent-model", "different-id", "bogus_model-7b"):
        assert PLACEHOLDER.match(value), value
    for value in ("phi-3.5-mini", "gpt-4o-mini", "deepseek-r1", "different"):
        assert not PLACEHOLDER.match(value), value


def test_weight_file_url_with_fill_in_owner_is_no_model() -> None:
    from modelmap.discover.identify import classify

    for url in ("https://github.com/user/repo/model.onnx", "https://example.com/your-org/x/model.onnx",
                "https://gitlab.com/owner/name/-/raw/main/model.gguf"):
        assert classify(url) is None, url
    for url in ("https://nexus.acme.io/repository/models/bge-m3.onnx",
                "https://download.pytorch.org/models/resnet18-5c106cde.pth"):
        hit = classify(url)
        assert hit is not None and hit.kind == "model-file", url
