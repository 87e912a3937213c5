"""Session 8 recall shapes (issue 10), read off the opened held-out and held-out-5 misses and written here as our
own fixtures: model folders and weight files as plain arguments of any command (and of a Dockerfile's WORKDIR),
`key:path` template pairs naming a tokenizer or model folder, a folder or literal named exactly like a Hub model
the knowledge base holds, and a module's named constants weighed together as one table."""

from __future__ import annotations

from pathlib import Path

import modelmap

SCRIPT = """#!/bin/sh
set -e
mkdir -p /models/acme/Qwen2.5-7B-Instruct-GGUF
curl -L --fail -o Qwen2.5-7B-Instruct-Q4_K_M.gguf http://blob.internal:9999/3f1a
sha256sum /models/acme/Qwen2.5-7B-Instruct-GGUF/Qwen2.5-7B-Instruct-Q4_K_M.gguf
ls /srv/checkpoints/Meta-Llama-3-8B
cp -r build/llama ./out
mkdir -p /var/log/models-service /models/cache
python3 tools/fill_template.py -i cfg.pbtxt tokenizer_dir:/data/engines/Meta-Llama-3-70B/,tokenizer_type:llama
"""

DOCKERFILE = """FROM debian:bookworm
RUN mkdir -p /models/acme/Meta-Llama-3-8B-Instruct-GGUF
WORKDIR /models/acme/Meta-Llama-3-8B-Instruct-GGUF
WORKDIR /app/src
"""

TRAIN = """torchrun --nproc_per_node=8 train.py \\
  --vision_path "./pretrained/InternViT-300M-448px-V2_5" \\
  --llm_path "./pretrained/Qwen2.5-0.5B-Instruct"
"""

RUST = """// what the CLI offers
pub const DEFAULT_MODEL: &str = GLM_5_1;
pub const GLM_5_1: &str = "glm-5.1";
pub const GLM_NEXT: &str = "glm-5.9";
pub const KIMI_K2: &str = "kimi-k2-0711-preview";
pub const DEEPSEEK_CHAT: &str = "deepseek-chat";
pub const QWEN_MAX: &str = "qwen-max";
pub const ACME_MAX: &str = "acme-max-2.1";
pub const PROVIDER: &str = "featherless-ai";
pub const USER_AGENT: &str = "vt-cli-1.2";
"""

GO = """package llm

var fallback = "Qwen2.5-7B-Instruct"
var service = "deepseek-r1"
"""


def _found(tmp_path: Path) -> set[tuple[str, int, str]]:
    return {(f.path, f.line, f.raw) for f in modelmap.scan(tmp_path).findings}


def test_model_folders_and_weight_files_as_plain_command_arguments(tmp_path: Path) -> None:
    (tmp_path / "fetch.sh").write_text(SCRIPT)
    got = {(line, raw) for _p, line, raw in _found(tmp_path)}
    assert (3, "/models/acme/Qwen2.5-7B-Instruct-GGUF") in got
    assert (4, "Qwen2.5-7B-Instruct-Q4_K_M.gguf") in got
    assert (5, "/models/acme/Qwen2.5-7B-Instruct-GGUF/Qwen2.5-7B-Instruct-Q4_K_M.gguf") in got
    assert (6, "/srv/checkpoints/Meta-Llama-3-8B") in got
    assert (9, "/data/engines/Meta-Llama-3-70B") in got
    # a family word without a size, a log folder and a cache folder name no model
    raws = {raw for _line, raw in got}
    assert not raws & {"build/llama", "./out", "/var/log/models-service", "/models/cache"}
    assert not any(line in (7, 8) for line, _raw in got)


def test_a_dockerfile_workdir_is_read_as_the_cd_it_is(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text(DOCKERFILE)
    got = {(line, raw) for _p, line, raw in _found(tmp_path)}
    assert (2, "/models/acme/Meta-Llama-3-8B-Instruct-GGUF") in got
    assert (3, "/models/acme/Meta-Llama-3-8B-Instruct-GGUF") in got
    assert not any(line == 4 for line, _raw in got)


def test_a_folder_named_exactly_like_a_known_hub_model(tmp_path: Path) -> None:
    (tmp_path / "stage1.sh").write_text(TRAIN)
    raws = {raw for _p, _l, raw in _found(tmp_path)}
    assert "./pretrained/InternViT-300M-448px-V2_5" in raws  # no family word, but the knowledge base's own name
    assert "./pretrained/Qwen2.5-0.5B-Instruct" in raws


def test_a_known_hub_models_name_without_its_org_as_its_publisher_writes_it(tmp_path: Path) -> None:
    (tmp_path / "fallback.go").write_text(GO)
    raws = {raw for _p, _l, raw in _found(tmp_path)}
    assert "Qwen2.5-7B-Instruct" in raws
    # the same kind of name in lower case and short, bound to nothing that says model: as often an object's name
    assert "deepseek-r1" not in raws


def test_named_constants_of_a_module_are_weighed_as_one_table(tmp_path: Path) -> None:
    (tmp_path / "models.rs").write_text(RUST)
    raws = {raw for _p, _l, raw in _found(tmp_path)}
    assert {"glm-5.1", "kimi-k2-0711-preview", "deepseek-chat", "qwen-max"} <= raws
    # unknown names that read as models, among known ones
    assert {"glm-5.9", "acme-max-2.1"} <= raws
    # a provider's name beside them does not read as a model on its own
    assert "featherless-ai" not in raws


CONSTS_PY = '''"""Model names the bot offers."""
GPT_54 = "gpt-5.4"
GPT_4O_MINI = "gpt-4o-mini"
CLAUDE_SONNET = "claude-3-5-sonnet-20240620"
DEEPSEEK_CHAT = "deepseek-chat"
ACME_FLASH = "acme-flash-4.1"
LINKAI = "linkai"
CHANNEL_TYPE = "wechat-mp"
default_model = "gpt-4o"
'''

MENU = """configure_model() {
    case "$model_choice" in
        1) read_model_config "DeepSeek" "acme-chat-v4-flash" "DEEPSEEK_KEY" ;;
        2) read_model_config "Kimi (Moonshot)" "kimi-k2.6" "MOONSHOT_KEY" ;;
    esac
}
set_model --timeout 30 gpt-5.4
run_server --protocol grpc-v2 8080
"""


def test_a_python_modules_constants_are_one_table(tmp_path: Path) -> None:
    (tmp_path / "const.py").write_text(CONSTS_PY)
    raws = {raw for _p, _l, raw in _found(tmp_path)}
    assert "acme-flash-4.1" in raws  # unknown, among four recognised constants, and reads as a model
    assert not raws & {"linkai", "wechat-mp"}


def test_a_scripts_own_model_function_takes_models(tmp_path: Path) -> None:
    (tmp_path / "run.sh").write_text(MENU)
    got = {(line, raw) for _p, line, raw in _found(tmp_path)}
    assert (3, "acme-chat-v4-flash") in got and (4, "kimi-k2.6") in got
    assert (7, "gpt-5.4") in got
    raws = {raw for _l, raw in got}
    assert not raws & {"DeepSeek", "DEEPSEEK_KEY", "MOONSHOT_KEY", "30", "grpc-v2", "8080"}


TF = '''variable "embedding_model_arn" {
  type    = string
  default = "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0"
}

module "agent" {
  source             = "./modules/agent"
  profile_source     = "arn:aws:bedrock:${local.region}:${local.account_id}:inference-profile/us.anthropic.claude-3-7-sonnet-20250219-v1:0"
  log_group          = "arn:aws:logs:${local.region}:${local.account_id}:log-group/agents"
  greeting           = "hello ${var.name}"
}
'''

RUBY = '''describe "uri" do
  let(:uri_base) { "https://acme.openai.azure.com/openai/deployments/gpt-35-turbo/" }
  let(:other) { "https://acme.openai.azure.com/openai/deployments/prod-east/" }
end
'''

YAML_TOS = """spec:
  containers:
    - name: vllm
      args: ["--model", "/models/deepseek-r1"]
  initContainers:
    - name: init
      command: ["aws", "s3", "cp", "--recursive", "tos://acme-artifacts/models/DeepSeek-R1-Distill-Llama-8B/", "/models"]
"""


def test_the_model_inside_a_bedrock_arn_even_when_the_arn_is_templated(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TF)
    got = {(line, raw) for _p, line, raw in _found(tmp_path)}
    assert (3, "amazon.titan-embed-text-v2:0") in got
    assert (8, "us.anthropic.claude-3-7-sonnet-20250219-v1:0") in got
    assert not any(line in (9, 10) for line, _raw in got)  # other ARNs and templates stay dynamic


def test_an_azure_openai_addresss_deployment_is_a_model_when_its_name_says_so(tmp_path: Path) -> None:
    (tmp_path / "http_spec.rb").write_text(RUBY)
    raws = {raw for _p, _l, raw in _found(tmp_path)}
    assert "gpt-35-turbo" in raws
    assert "prod-east" not in raws


def test_volcengine_tos_uris_hold_models(tmp_path: Path) -> None:
    (tmp_path / "deploy.yaml").write_text(YAML_TOS)
    raws = {raw for _p, _l, raw in _found(tmp_path)}
    assert "tos://acme-artifacts/models/DeepSeek-R1-Distill-Llama-8B/" in raws


RUST_JSON = '''#[test]
fn parses_a_reply() {
    let data = r#"
    {
        "id": "e45f6c68",
        "object": "chat.completion",
        "model": "deepseek-chat",
        "choices": []
    }"#;
    let listing = r#"{"object": "list", "data": [
        {"id": "deepseek-v4-flash", "object": "model", "owned_by": "deepseek"},
        {"id": "req-123", "object": "chat.completion"}
    ]}"#;
}
'''


def test_json_held_in_a_multi_line_literal(tmp_path: Path) -> None:
    (tmp_path / "reply.rs").write_text(RUST_JSON)
    got = {(line, col, raw) for _p, line, raw in _found(tmp_path) for col in [0]}
    assert (7, 0, "deepseek-chat") in got
    assert (11, 0, "deepseek-v4-flash") in got
    raws = {raw for _l, _c, raw in got}
    assert not raws & {"e45f6c68", "chat.completion", "req-123", "list"}
    cols = {f.raw: f.column for f in modelmap.scan(tmp_path).findings}
    assert cols["deepseek-chat"] == RUST_JSON.splitlines()[6].index("deepseek-chat") + 1
    assert cols["deepseek-v4-flash"] == RUST_JSON.splitlines()[10].index("deepseek-v4-flash") + 1


def test_json_in_a_huge_literal_is_bounded(tmp_path: Path) -> None:
    body = ",\n".join(f'{{"model": "qwen2.5-{i}b-instruct"}}' for i in range(40_000))
    (tmp_path / "big.go").write_text(f"package x\n\nvar fixture = `[\n{body}\n]`\n")
    result = modelmap.scan(tmp_path)
    # past 256 KiB the literal is text: nothing is read out of it, and the file is not an error
    assert not [s for s in result.skips if s.reason not in ("findings-capped", "analysis-budget")]
    assert len(result.findings) <= 256


def test_a_build_folder_is_read_when_it_is_a_hand_written_build_context(tmp_path: Path) -> None:
    ctx = tmp_path / "examples" / "trt" / "build"
    ctx.mkdir(parents=True)
    (ctx / "Dockerfile").write_text("FROM nvcr.io/nvidia/tritonserver:24.07-trtllm-python-py3\nCOPY install.sh .\n")
    (ctx / "install.sh").write_text("huggingface-cli download meta-llama/Meta-Llama-3-70B --local-dir ./m\n")
    out = tmp_path / "pkg" / "build"
    (out / "lib").mkdir(parents=True)
    (out / "lib" / "settings.py").write_text('MODEL = "meta-llama/Meta-Llama-3-8B"\n')
    (out / "install.sh").write_text("huggingface-cli download Qwen/Qwen2.5-7B-Instruct\n")
    result = modelmap.scan(tmp_path)
    raws = {f.raw for f in result.findings}
    assert "meta-llama/Meta-Llama-3-70B" in raws
    assert not raws & {"meta-llama/Meta-Llama-3-8B", "Qwen/Qwen2.5-7B-Instruct"}  # build output stays vendored
    assert any(s.path == "pkg/build/" and s.reason == "vendored-dir" for s in result.skips)


def test_a_renamed_lock_file_is_still_a_lock_file(tmp_path: Path) -> None:
    (tmp_path / "2package-lock.json").write_text('{"packages": {"node_modules/gpt-4o-tokenizer": {"version": "1.0.0"}}}')
    result = modelmap.scan(tmp_path)
    assert [(s.path, s.reason) for s in result.skips] == [("2package-lock.json", "lock-file")]


SFT = """### model
model_name_or_path: meta-llama/Meta-Llama-3-8B-Instruct
### dataset
dataset: identity,alpaca_en_demo
template: llama3
conv_style: internvl2_5
"""

DBGPT = """[models]
[[models.llms]]
name = "${env:LLM_MODEL_NAME:-gpt-4o}"
provider = "${env:LLM_MODEL_PROVIDER:-proxy/openai}"

[[models.embeddings]]
name = "BAAI/bge-large-zh-v1.5"
provider = "hf"
path = "models/BAAI/bge-large-zh-v1.5"
cache = "models/cache"
"""

GO_TEST = """package rerank

func TestRerank(t *testing.T) {
\tr := NewReranker(Config{ModelName: "rerank-test", Model: "bge-reranker-v2-m3"})
\te := NewEmbedder(Config{ModelName: "test-embedding"})
}
"""


def test_a_chat_templates_name_is_not_a_model(tmp_path: Path) -> None:
    (tmp_path / "llama3_lora_sft.yaml").write_text(SFT)
    raws = {raw for _p, _l, raw in _found(tmp_path)}
    assert raws == {"meta-llama/Meta-Llama-3-8B-Instruct"}


def test_env_defaults_and_relative_model_folders_in_toml(tmp_path: Path) -> None:
    (tmp_path / "dbgpt-proxy.toml").write_text(DBGPT)
    got = {(line, raw) for _p, line, raw in _found(tmp_path)}
    assert (3, "gpt-4o") in got
    assert (9, "models/BAAI/bge-large-zh-v1.5") in got
    assert not any(raw == "models/cache" for _l, raw in got)


def test_test_doubles_named_for_a_role_are_placeholders(tmp_path: Path) -> None:
    (tmp_path / "rerank_test.go").write_text(GO_TEST)
    raws = {raw for _p, _l, raw in _found(tmp_path)}
    assert "bge-reranker-v2-m3" in raws
    assert not raws & {"rerank-test", "test-embedding"}


def test_an_adapter_folder_of_a_sized_model_under_a_model_key(tmp_path: Path) -> None:
    (tmp_path / "qwen3_lora_predict.yaml").write_text(
        "model_name_or_path: Qwen/Qwen3-4B-Instruct-2507\nadapter_name_or_path: saves/qwen3-4b/lora/sft\n"
        "output_dir: saves/qwen3-4b/lora/predict\nlogging_dir: runs/exp1/logs/tb\n")
    raws = {raw for _p, _l, raw in _found(tmp_path)}
    assert {"Qwen/Qwen3-4B-Instruct-2507", "saves/qwen3-4b/lora/sft"} <= raws
    assert not raws & {"saves/qwen3-4b/lora/predict", "runs/exp1/logs/tb"}


def test_a_fireworks_model_path_without_a_router_prefix(tmp_path: Path) -> None:
    (tmp_path / "chat.ts").write_text(
        'export const body = { model: "accounts/fireworks/models/llama-v3p1-405b-instruct" };\n'
        'const docs = "accounts/acme/settings/billing/x";\n')
    raws = {raw for _p, _l, raw in _found(tmp_path)}
    assert "accounts/fireworks/models/llama-v3p1-405b-instruct" in raws
    assert "accounts/acme/settings/billing/x" not in raws


DOCKER_RUN = """docker run -d -p 5670:5670 \\
    -e LOCAL_DB_HOST=127.0.0.1 \\
    -e LLM_MODEL=vicuna-13b \\
    -e LANGUAGE=zh \\
    --name dbgpt acme/dbgpt
python3 -m fastchat.serve.model_worker --model-path "${MODEL_PATH:-lmsys/vicuna-7b-v1.5}" --port 21002
"""


def test_a_containers_env_and_a_flags_default_in_shell(tmp_path: Path) -> None:
    (tmp_path / "run.sh").write_text(DOCKER_RUN)
    got = {(line, raw) for _p, line, raw in _found(tmp_path)}
    assert (3, "vicuna-13b") in got
    assert (6, "lmsys/vicuna-7b-v1.5") in got
    assert not any(raw in ("127.0.0.1", "zh") for _l, raw in got)


def test_a_test_double_under_a_model_keyword_in_python(tmp_path: Path) -> None:
    (tmp_path / "pipeline.py").write_text(
        'llm = AzureChatOpenAI(deployment_name="dummy-q2-gpt35", temperature=0)\n'
        'real = AzureChatOpenAI(deployment_name="gpt-35-turbo")\n'
        'local = Llama(model_path="$HOME/models/Qwen2-7B-Instruct")\n')
    raws = {raw for _p, _l, raw in _found(tmp_path)}
    assert "gpt-35-turbo" in raws
    assert "dummy-q2-gpt35" not in raws
