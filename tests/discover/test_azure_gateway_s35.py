"""Azure AI gateway and deployment templates (tuneA35, session 35): API Management backends named after the model
they forward to, Terraform block labels, APIM policy expressions, Bicep deployment names, notebooks' deployment
tables."""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.identify import classify
from tests.discover.scan_helpers import found


def test_gateway_backend_names_are_not_models() -> None:
    # an APIM backend / a gateway or proxy named for the family or model it forwards to
    for name in ("gemini-backend", "gemini-backend-with-openai-compatibility", "gpt-4o-gateway", "claude-proxy",
                 "openai-backends-pool"):
        assert classify(name, "key") is None, name
        assert classify(name, "none") is None, name
    for model in ("gemini-2.5-flash", "gpt-4o", "model-router"):
        assert classify(model, "key") is not None or model == "model-router"


def test_apim_backend_resource_in_bicep(tmp_path: Path) -> None:
    text = """\
param geminiModel string = 'gemini-2.5-flash'

resource backendGeminiAPI 'Microsoft.ApiManagement/service/backends@2024-06-01-preview' = {
  name: 'gemini-backend'
  parent: apim
  properties: {
    description: 'Gemini backend'
    url: geminiAPIURL
    protocol: 'http'
  }
}

resource geminiAPIPolicy 'Microsoft.ApiManagement/service/apis/policies@2024-06-01-preview' = {
  name: 'policy'
  parent: geminiAPI
  properties: {
    format: 'rawxml'
    value: replace(loadTextContent('policy.xml'), '{backend-id}', 'gemini-backend')
  }
}
"""
    assert found(tmp_path, "main.bicep", text) == {(1, "gemini-2.5-flash")}


def test_terraform_block_labels_are_names_not_models(tmp_path: Path) -> None:
    text = """\
resource "azurerm_cognitive_deployment" "gpt-4o" {
  for_each             = var.aiservices_config
  name                 = var.model_deployment_name
  cognitive_account_id = azapi_resource.ai-services[each.key].id
  model {
    format  = "OpenAI"
    name    = var.model_name
    version = var.model_version
  }
}

variable "model_name" {
  type    = string
  default = "gpt-4o-mini"
}

module "gpt-4.1" {
  source = "./modules/deployment"
  model  = "gpt-4.1"
}
"""
    assert found(tmp_path, "main.tf", text) == {(14, "gpt-4o-mini"), (19, "gpt-4.1")}


def test_other_hcl_blocks_keep_their_labels(tmp_path: Path) -> None:
    # an app's own HCL config whose block names the model: the label is the value
    text = 'model "gpt-4o-mini" {\n  provider = "openai"\n}\n'
    assert (1, "gpt-4o-mini") in found(tmp_path, "models.hcl", text)


ROUTING_POLICY = """\
<policies>
    <inbound>
        <base />
        <set-variable name="requestedModel" value="@( !string.IsNullOrEmpty((string)context.Variables["deployment"])
                           ? (string)context.Variables["deployment"]
                           : (string)context.Variables["model"] )" />
        <choose>
            <when condition="@( ((string)context.Variables["requestedModel"]) == "gpt-4.1")">
                <set-backend-service backend-id="foundry1" />
            </when>
            <when condition="@( ((string)context.Variables["requestedModel"]) == "gpt-4.1-mini"
                         || ((string)context.Variables["requestedModel"]) == "gpt-4.1-nano")">
                <set-backend-service backend-id="foundry2" />
            </when>
            <when condition="@( ((string)context.Variables["requestedModel"]) == "model-router"
                            || ((string)context.Variables["requestedModel"]) == "DeepSeek-R1")">
                <set-backend-service backend-id="foundry3" />
            </when>
            <otherwise>
                <return-response>
                    <set-status code="400" reason="Bad Request" />
                    <set-body>@("{\\"error\\":\\"Model '" + (string)context.Variables["requestedModel"] + "' unknown\\"}")</set-body>
                </return-response>
            </otherwise>
        </choose>
    </inbound>
</policies>
"""


def test_apim_policy_expressions_are_read_as_csharp(tmp_path: Path) -> None:
    # APIM accepts unescaped quotes inside an expression attribute: no XML parser reads the file, the expressions
    # are C# and route by model
    assert found(tmp_path, "labs/model-routing/policy.xml", ROUTING_POLICY) == {
        (8, "gpt-4.1"), (11, "gpt-4.1-mini"), (12, "gpt-4.1-nano"), (15, "model-router"), (16, "DeepSeek-R1")}


def test_apim_policy_with_escaped_expressions(tmp_path: Path) -> None:
    text = """\
<policies>
    <inbound>
        <set-variable name="model" value="@{ var b = context.Request.Body?.As&lt;JObject&gt;(true); return (b != null &amp;&amp; b[&quot;model&quot;] != null) ? b[&quot;model&quot;].ToString() : &quot;gpt-4o-mini&quot;; }" />
        <set-header name="x-model" exists-action="override">
            <value>gpt-4o</value>
        </set-header>
    </inbound>
</policies>
"""
    import modelmap

    (tmp_path / "policy.xml").write_text(text)
    result = modelmap.scan(str(tmp_path), resolve=False)
    got = {(f.line, f.column, f.raw) for f in result.findings}
    line = text.splitlines()[2]
    assert (3, line.index("gpt-4o-mini") + 1, "gpt-4o-mini") in got
    assert not result.skips


def test_policy_quotes_outside_policies_stay_a_parse_error(tmp_path: Path) -> None:
    # the expression reading is for API Management documents only; another ill-formed XML file is still reported
    import modelmap

    (tmp_path / "settings.xml").write_text('<settings><when condition="@(x == "gpt-4o")" /></settings>\n')
    result = modelmap.scan(str(tmp_path), resolve=False)
    assert [s.reason for s in result.skips] == ["parse-error"]


def test_comparison_with_an_entry_read_by_key(tmp_path: Path) -> None:
    text = """\
class Router {
    bool Route(IDictionary<string, object> vars, Dictionary<string, string> body) {
        if (((string)vars["requestedModel"]) == "Phi-4") return true;
        return body["model"] == "DeepSeek-V3.2" || body["title"] == "Qwen3-Report";
    }
}
"""
    assert found(tmp_path, "Router.cs", text) == {(3, "Phi-4"), (4, "DeepSeek-V3.2")}


AVM_MODULE = """\
module aiServices 'br/public:avm/res/cognitive-services/account:0.9.2' = {
  name: 'DeepSeek-R1'
  scope: resourceGroup()
  params: {
    name: aiServicesNameAndSubdomain
    kind: 'AIServices'
    deployments: [
      {
        name: 'DeepSeek-R1'
        model: {
          format: 'DeepSeek'
          name: 'DeepSeek-R1'
          version: '1'
        }
      }
      {
        name: 'chat'
        model: {
          format: 'OpenAI'
          name: 'gpt-4o-mini'
          version: '2024-07-18'
        }
      }]
  }
}

resource gpt_41_mini 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = {
  name: 'gpt-41-mini'
  properties: {
    model: {
      format: 'OpenAI'
      name: 'gpt-4.1-mini'
      version: '2025-04-14'
    }
  }
  parent: openai
}
"""


def test_bicep_deployment_names_that_spell_their_model(tmp_path: Path) -> None:
    # the deployment name is what the client sends: reported where it spells the model (the same letters and
    # digits); the module's own name (line 2) and an app's name (`chat`) are not
    assert found(tmp_path, "infra/ai.module.bicep", AVM_MODULE) == {
        (9, "DeepSeek-R1"), (12, "DeepSeek-R1"), (20, "gpt-4o-mini"), (28, "gpt-41-mini"), (32, "gpt-4.1-mini")}


def test_env_pairs_named_in_camel_case_with_an_acronym(tmp_path: Path) -> None:
    text = """\
properties:
  template:
    containers:
      - name: products
        env:
          - name: AzureOpenAIEndpoint
            value: '{{ .Env.OPENAI_ENDPOINT }}'
          - name: AzureOpenAIDeploymentName
            value: gpt-41-mini
          - name: LLMModelName
            value: Phi-4
"""
    assert found(tmp_path, "infra/products.tmpl.yaml", text) == {(9, "gpt-41-mini"), (11, "Phi-4")}


def test_python_model_records_name_their_model(tmp_path: Path) -> None:
    text = """\
aiservices_config = [{"name": "foundry1", "location": "eastus2"}]

models_config = [{"name": "DeepSeek-R1", "publisher": "DeepSeek", "version": "1", "sku": "GlobalStandard"},
                 {"name": "FLUX.1-Kontext-pro", "publisher": "Black Forest Labs", "version": "1"},
                 {"name": "model-router", "publisher": "OpenAI", "version": "2025-05-19"}]

MODELS = [{"id": "acme-chat-7b", "context": 8192}]
presets_models = [{"name": "fast", "model": "gpt-4o-mini"}]
model_params = [{"name": "temperature", "value": 0.2}]
"""
    assert found(tmp_path, "deploy.py", text) == {
        (3, "DeepSeek-R1"), (4, "FLUX.1-Kontext-pro"), (5, "model-router"), (7, "acme-chat-7b"), (8, "gpt-4o-mini")}


def test_compose_model_provider_service(tmp_path: Path) -> None:
    text = """\
services:
  api:
    image: acme/api
    depends_on: [llm]
  llm:
    provider:
      type: model
      options:
        model: ${DOCKER_MODEL:-ai/phi4:14B-Q4_0}
  other:
    provider:
      type: compose-bridge
      options:
        model: ai/not-a-runner-model
"""
    assert found(tmp_path, "docker-compose.yml", text) == {(9, "ai/phi4:14B-Q4_0")}


def test_docker_hub_ai_namespace_reference_under_a_model_key(tmp_path: Path) -> None:
    text = 'settings.docker_model = "ai/phi4:14B-Q4_0"\nlabel = "ai/phi4:14B-Q4_0"\n'
    assert found(tmp_path, "conf.py", text) == {(1, "ai/phi4:14B-Q4_0")}


def test_env_file_lines_written_by_hook_scripts(tmp_path: Path) -> None:
    sh = """\
#!/bin/bash
api_path=./packages/api
echo "AZURE_OPENAI_ENDPOINT=\\"$AZURE_OPENAI_ENDPOINT\\"" >> "$api_path/.env"
echo "AZURE_OPENAI_DEPLOYMENT=gpt-5" >> "$api_path/.env"
echo "EMBEDDING_MODEL=acme-embed-v2" >> .env.local
echo "GREETING=gpt-5" > notes.txt
"""
    ps1 = """\
"AZURE_OPENAI_DEPLOYMENT=gpt-5" | Add-Content $apiEnvPath
"LLM_PROVIDER=azure-openai" | Add-Content $apiEnvPath
"""
    assert found(tmp_path / "sh", "infra/hooks/postprovision.sh", sh) == {(4, "gpt-5"), (5, "acme-embed-v2")}
    assert found(tmp_path / "ps", "infra/hooks/postprovision.ps1", ps1) == {(1, "gpt-5")}


def test_deployment_call_name_that_spells_its_model(tmp_path: Path) -> None:
    text = """\
var builder = DistributedApplication.CreateBuilder(args);
var aoai = builder.AddAzureOpenAI("openai");
var gpt41mini = aoai.AddDeployment(name: "gpt-41-mini",
        modelName: "gpt-4.1-mini",
        modelVersion: "2025-04-14");
var chat = aoai.AddDeployment(name: "chat",
        modelName: "gpt-4o-mini",
        modelVersion: "2024-07-18");
"""
    assert found(tmp_path, "AppHost/Program.cs", text) == {(3, "gpt-41-mini"), (4, "gpt-4.1-mini"), (7, "gpt-4o-mini")}


def test_policy_expression_reading_is_bounded() -> None:
    from modelmap.discover.xml_files import MAX_UNCLOSED, policy_expressions

    # thousands of expressions that never close: a bounded number of them are tried, nothing is invented
    hostile = "<policies>" + '<set-body b="@(x.Contains("gpt-4o")' * 20_000 + "</policies>"
    assert policy_expressions(hostile) == []
    # closed ones before the unclosed ones are kept
    text = '<policies><when condition="@(m == "gpt-4o")" />' + '<a b="@(x' * (MAX_UNCLOSED + 5) + "</policies>"
    assert len(policy_expressions(text)) == 1


def test_compared_values_are_no_peer_table_in_tests(tmp_path: Path) -> None:
    text = """\
public class AddOllamaTests {
    [Fact]
    public void Models() {
        Assert.Equal("llama3", first.ModelName);
        Assert.Equal("phi3", second.ModelName);
        Assert.Equal("qwen2.5:7b", third.ModelName);
        Assert.Equal("custom:tag", fourth.ModelName);
    }
}
"""
    got = found(tmp_path, "tests/Ollama.Tests/AddOllamaTests.cs", text)
    assert (7, "custom:tag") not in got and {(4, "llama3"), (5, "phi3")} <= got
