"""Held-out-35 general fixes (tuneA41): SQL held in code (PostgreSQL named-notation calls in a Rust string, a pgrx
parameter's `default!(…, "'org/name'")`), a Hub path whose repository part is the fill-in word, a WildFly expression
with several sources before its default, an XML element's type name, a model setting named by its tier
(`MODEL_EFFICIENT`), a conformance suite's per-case tensor files, Azure OpenAI quota usage names (Bicep, ARM JSON,
PowerShell), a program's `name=value` model arguments (`az deployment … --parameters gptModelName=…`), and a script's
test of a model variable against a known model."""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.identify import PLACEHOLDER, azure_usage_model, classify, is_model_key
from tests.discover.scan_helpers import found

_RUST_SQL_TEST = '''use sqlx::PgPool;

#[tokio::test]
async fn test_realtime_job() {
    let conn = connect().await;
    let _ = sqlx::query(&format!(
        "SELECT vectorize.table(
        job_name => '{job_name}',
        relation => '{table}',
        columns => ARRAY['description'],
        transformer => 'sentence-transformers/all-MiniLM-L6-v2',
        schedule => 'realtime'
    );"
    ))
    .execute(&conn)
    .await
    .expect("failed to init job");
}
'''


def test_sql_named_arguments_in_a_rust_string(tmp_path: Path) -> None:
    got = found(tmp_path, "extension/tests/integration.rs", _RUST_SQL_TEST)
    assert (11, "sentence-transformers/all-MiniLM-L6-v2") in got, got
    assert not any(raw in ("realtime", "{job_name}", "description") for _, raw in got), got


_PGRX_API = '''use pgrx::prelude::*;

#[pg_extern]
fn table(
    job_name: &str,
    schedule: default!(&str, "'* * * * *'"),
    transformer: default!(&str, "'sentence-transformers/all-MiniLM-L6-v2'"),
) -> Result<String> {
    Ok(job_name.to_string())
}

#[pg_extern]
fn generate(
    input: &str,
    model: default!(String, "'tembo/meta-llama/Meta-Llama-3-8B-Instruct'"),
) -> Result<String> {
    Ok(input.to_string())
}
'''


def test_pgrx_parameter_sql_defaults(tmp_path: Path) -> None:
    got = found(tmp_path, "extension/src/api.rs", _PGRX_API)
    # the value inside the SQL quotes, at its own column (past `"'`)
    assert (7, "sentence-transformers/all-MiniLM-L6-v2") in got, got
    assert (15, "tembo/meta-llama/Meta-Llama-3-8B-Instruct") in got, got
    assert not any("* * *" in raw or raw.startswith("'") for _, raw in got), got


def test_hub_path_with_fill_in_repository_word() -> None:
    assert PLACEHOLDER.search("openai/model-name")
    assert PLACEHOLDER.search("sentence-transformers/model_id")
    assert not PLACEHOLDER.search("sentence-transformers/all-MiniLM-L6-v2")


_WILDFLY_SUBSYSTEM = '''<subsystem xmlns="urn:jboss:domain:ai:1.0">
    <chat-language-models>
        <ollama-chat-model name="ollama" base-url="${org.acme.ollama.url,env.OLLAMA_URL:http://127.0.0.1:11434}" model-name="${org.acme.ollama.chat.model.name,env.OLLAMA_CHAT_MODEL_NAME:llama3.1:8b}"/>
        <mistral-ai-chat-model name="mistral" api-key="demo" model-name="mistral-small-latest"/>
    </chat-language-models>
    <content-retrievers>
        <embedding-store-content-retriever name="retriever" embedding-store="store" embedding-model="embedder"/>
    </content-retrievers>
</subsystem>
'''


def test_wildfly_expression_default_and_element_type_names(tmp_path: Path) -> None:
    got = found(tmp_path, "src/test/resources/ai-1.0.xml", _WILDFLY_SUBSYSTEM)
    assert (3, "llama3.1:8b") in got and (4, "mistral-small-latest") in got, got
    assert not any(raw == "embedding-store-content-retriever" for _, raw in got), got


def test_model_setting_named_by_tier() -> None:
    assert is_model_key("MODEL_EFFICIENT") and is_model_key("model-powerful") and is_model_key("MODEL_FALLBACK")
    assert not is_model_key("MODEL_CAPACITY")


_QUICK_START = '''#!/bin/bash
case $CHOICE in
    1)
        export LITHO_API_BASE_URL="https://api.openai.com/v1"
        MODEL_EFFICIENT="gpt-4o-mini"
        MODEL_POWERFUL="gpt-4o"
        ;;
esac
'''


def test_tier_named_model_variables_in_a_script(tmp_path: Path) -> None:
    got = found(tmp_path, "scripts/quick-start.sh", _QUICK_START)
    assert (5, "gpt-4o-mini") in got and (6, "gpt-4o") in got, got


def test_numbered_test_case_tensor_files() -> None:
    assert classify("drafter_forward/case_01_q1_kv32_baseline.safetensors", "none") is None
    assert classify("case_02_q1_kv64.safetensors", "key") is None
    assert classify("Llama-3.2-1B-Instruct-Q4_K_M.gguf", "none") is not None


_FIXTURE_MANIFEST = '''{
  "suites": {
    "drafter_forward": [
      {
        "path": "drafter_forward/case_01_q1_kv32_baseline.safetensors",
        "targetModelId": "mlx-community/gemma-3-27b-it-4bit"
      }
    ]
  }
}
'''


def test_fixture_manifest_keeps_the_model_not_the_case_file(tmp_path: Path) -> None:
    got = found(tmp_path, "tools/fixtures/FIXTURE-MANIFEST.json", _FIXTURE_MANIFEST)
    assert (6, "mlx-community/gemma-3-27b-it-4bit") in got, got
    assert not any(raw.endswith(".safetensors") for _, raw in got), got


def test_azure_usage_name_shape() -> None:
    m = azure_usage_model("OpenAI.GlobalStandard.gpt-4o,150")
    assert m is not None and m.group(1) == "gpt-4o"
    m = azure_usage_model("OpenAI.Standard.text-embedding-3-large")
    assert m is not None and m.group(1) == "text-embedding-3-large"
    assert azure_usage_model("OpenAI.Foo.gpt-4o") is None and azure_usage_model("gpt-4o") is None


_BICEP = '''@metadata({
  azd: {
    type: 'location'
    usageName: [
      'OpenAI.GlobalStandard.gpt-4o-mini,150'
      'OpenAI.GlobalStandard.text-embedding-3-small,80'
    ]
  }
})
param aiDeploymentsLocation string
'''

_ARM = '''{
  "parameters": {
    "aiDeploymentsLocation": {
      "type": "string",
      "metadata": {
        "azd": {
          "type": "location",
          "usageName": [
            "OpenAI.GlobalStandard.gpt-4o-mini,150",
            "OpenAI.GlobalStandard.text-embedding-3-small,80"
          ]
        }
      }
    }
  }
}
'''

_PS_QUOTA = '''$GPT_MIN_CAPACITY = 150
$MIN_CAPACITY = @{
    "OpenAI.GlobalStandard.gpt-4o-mini" = $GPT_MIN_CAPACITY
    "OpenAI.GlobalStandard.text-embedding-3-small" = 80
}
'''


def test_azure_usage_names_in_bicep_arm_and_powershell(tmp_path: Path) -> None:
    bicep = found(tmp_path / "a", "infra/main.bicep", _BICEP)
    assert (5, "gpt-4o-mini") in bicep and (6, "text-embedding-3-small") in bicep, bicep
    arm = found(tmp_path / "b", "infra/main.json", _ARM)
    assert (9, "gpt-4o-mini") in arm and (10, "text-embedding-3-small") in arm, arm
    ps = found(tmp_path / "c", "scripts/checkquota.ps1", _PS_QUOTA)
    assert (3, "gpt-4o-mini") in ps and (4, "text-embedding-3-small") in ps, ps


_AZ_DEPLOY = '''#!/bin/bash
set -e
az deployment group create \\
  --resource-group "$RG" \\
  --template-file infra/main.bicep \\
  --parameters \\
      solutionName="docmine" \\
      gptModelName="gpt-4o-mini" \\
      gptDeploymentCapacity=150 \\
      embeddingModelName=text-embedding-3-small \\
      gptModelVersion="2024-07-18"
'''


def test_named_model_arguments_of_a_program(tmp_path: Path) -> None:
    got = found(tmp_path, "scripts/deploy.sh", _AZ_DEPLOY)
    assert (8, "gpt-4o-mini") in got and (10, "text-embedding-3-small") in got, got
    assert not any(raw in ("docmine", "2024-07-18", "150") for _, raw in got), got
    line8 = _AZ_DEPLOY.splitlines()[7]
    assert {f for f in got if f[0] == 8} == {(8, "gpt-4o-mini")} and line8.index("gpt-4o-mini") >= 0


_QUOTA_SH = '''#!/bin/bash
for MODEL_NAME in $MODELS; do
    if [ "$MODEL_NAME" = "text-embedding-3-small" ]; then
        EMBEDDING_AVAILABLE=true
    fi
    if [ "$QUALITY" = "gpt-4o" ]; then
        echo odd
    fi
done
'''


def test_model_variable_compared_with_a_known_model(tmp_path: Path) -> None:
    got = found(tmp_path, "scripts/quota_check.sh", _QUOTA_SH)
    assert (3, "text-embedding-3-small") in got, got
    assert (6, "gpt-4o") not in got, got  # a variable named for no model


_APPSETTINGS = '''{
  "Application": {
    "AIServices": {
      "GPT-4o": {
        "Endpoint": "",
        "ModelName": "",
        "Key": ""
      },
      "gpt-4o-mini": {
        "ModelName": "gpt-4o-mini"
      }
    }
  }
}
'''


def test_settings_section_named_for_a_model_with_a_blank_model_field(tmp_path: Path) -> None:
    got = found(tmp_path, "App/Host/appsettings.json", _APPSETTINGS)
    assert not any(raw == "GPT-4o" for _, raw in got), got
    assert (10, "gpt-4o-mini") in got, got


_ARQUILLIAN = '''<arquillian xmlns="http://jboss.org/schema/arquillian">
    <container qualifier="wildfly" default="true">
        <configuration>
            <property name="javaVmArguments">
                -Dorg.acme.ai.ollama.chat.url=${ollama.base.url:http://127.0.0.1:11434}
                -Dorg.acme.ai.ollama.chat.model.name=${ollama.model.name:llama3.2:1b}
                -Dorg.acme.ai.log.level=DEBUG
            </property>
        </configuration>
    </container>
</arquillian>
'''


def test_jvm_system_properties_in_a_test_container_config(tmp_path: Path) -> None:
    got = found(tmp_path, "testsuite/src/test/resources/arquillian.xml", _ARQUILLIAN)
    assert (6, "llama3.2:1b") in got, got
    assert not any(raw == "DEBUG" for _, raw in got), got


_EVAL_CONFIG = '''llms:
  judge_llm:
    _type: nim
    model_name: meta/llama-3.3-70b-instruct
eval:
  general:
    output:
      dir: ./.tmp/eval/retail_agent/llama-33-70b
      cleanup: true
'''


def test_eval_output_folder_named_after_a_model(tmp_path: Path) -> None:
    got = found(tmp_path, "configs/config-eval.yml", _EVAL_CONFIG)
    assert (4, "meta/llama-3.3-70b-instruct") in got, got
    assert not any("llama-33-70b" in raw for _, raw in got), got
