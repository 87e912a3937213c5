"""Serving evidence and client facts the scanner left out for Terraform, C#, Ruby and Go (tryfix34 items 5-9).

* an ``azurerm_cognitive_deployment`` (or a Bicep ``accounts/deployments``) deploys its model on Azure OpenAI: the
  model's finding is served by Azure OpenAI, not by OpenAI's API as the model's name alone suggests;
* C#'s ``GetChatClient(config["…"] ?? "ops-gpt4o")``: the fallback literal is the deployment the client is got for,
  whatever its words;
* Ruby's ``Anthropic::Client.new`` / ``OpenAI::Client.new`` (and the gems' ``messages.create`` / ``chat.completions
  .create`` calls) reach the vendor's API: serving evidence, as a Python or JavaScript client is;
* a Go model sent through go-openai with ``cfg.BaseURL`` set goes through an OpenAI client (``api`` openai), so a
  model/base-URL swap can move it (reversibility);
* a Go constant base URL used as ``cfg.BaseURL = routerURL`` is one endpoint finding, not two at the same line.
"""

from __future__ import annotations

from pathlib import Path

import modelmap
from modelmap.types import Finding

TERRAFORM = '''resource "azurerm_cognitive_account" "ops" {
  name     = "acme-ops-oai"
  location = "westeurope"
  kind     = "OpenAI"
  sku_name = "S0"
}

resource "azurerm_cognitive_deployment" "ops_chat" {
  name                 = "ops-gpt4o"
  cognitive_account_id = azurerm_cognitive_account.ops.id
  model {
    format  = "OpenAI"
    name    = "gpt-4o-mini"
    version = "2024-07-18"
  }
  sku {
    name = "Standard"
  }
}

resource "azurerm_cognitive_deployment" "ops_small" {
  name                 = "gpt-4.1-nano"
  cognitive_account_id = azurerm_cognitive_account.ops.id
  model {
    format  = "OpenAI"
    name    = "gpt-4.1-nano"
    version = "2025-04-14"
  }
}
'''

BICEP = """resource chat 'Microsoft.CognitiveServices/accounts/deployments@2023-05-01' = {
  parent: account
  name: 'ops-chat'
  properties: {
    model: {
      format: 'OpenAI'
      name: 'gpt-4o-mini'
      version: '2024-07-18'
    }
  }
}
"""

CSHARP = '''using Azure.AI.OpenAI;
using OpenAI.Chat;

namespace Acme.Ops;

public sealed class Summariser
{
    private readonly ChatClient _chat;

    public Summariser(AzureOpenAIClient client, IConfiguration config)
    {
        _chat = client.GetChatClient(config["Ops:ChatDeployment"] ?? "ops-gpt4o");
    }
}
'''

CSHARP_OTHER = '''namespace Acme.Ops;

public sealed class Labels
{
    private readonly string _title = config["Ops:Title"] ?? "ops-gpt4o";
    public string Name() => Format(config["Ops:Name"] ?? "ops-board");
}
'''

RUBY_CLIENT = '''# frozen_string_literal: true

LLM = Anthropic::Client.new(api_key: ENV.fetch("ANTHROPIC_API_KEY"))
TRIAGE_MODEL = ENV.fetch("TRIAGE_MODEL", "claude-sonnet-4-20250514")
'''

RUBY_CALLER = '''# frozen_string_literal: true

class Triage
  def initialize(client: LLM)
    @client = client
  end

  def label(text)
    @client.messages.create(model: "claude-3-5-haiku-latest", max_tokens: 8,
                            messages: [{ role: "user", content: text }])
  end
end
'''

RUBY_OTHER_HOST = '''# frozen_string_literal: true

CLIENT = OpenAI::Client.new(access_token: ENV["KEY"], uri_base: ENV["LLM_GATEWAY"])
DRAFT_MODEL = ENV.fetch("DRAFT_MODEL", "gpt-4o-mini")
'''

GO = '''package main

import (
	"os"

	openai "github.com/sashabaranov/go-openai"
)

const routerURL = "https://openrouter.ai/api/v1"

var Routes = map[string]string{
	"reasoning": "deepseek/deepseek-r1",
	"fallback":  "openai/gpt-4o-mini",
}

func newClient() *openai.Client {
	cfg := openai.DefaultConfig(os.Getenv("OPENROUTER_API_KEY"))
	cfg.BaseURL = routerURL
	return openai.NewClientWithConfig(cfg)
}
'''

GO_NO_BASE = '''package main

import openai "github.com/sashabaranov/go-openai"

const statusPage = "https://openrouter.ai/api/v1"

var Routes = map[string]string{"fallback": "openai/gpt-4o-mini"}

func client() *openai.Client { return openai.NewClient("k") }
'''

CSHARP_ROUTER = '''using OpenAI;
using OpenAI.Chat;
using System.ClientModel;

public static class Router
{
    public static ChatClient Create(string key)
    {
        var options = new OpenAIClientOptions { Endpoint = new Uri("https://openrouter.ai/api/v1") };
        return new ChatClient("deepseek/deepseek-r1", new ApiKeyCredential(key), options);
    }
}
'''

JAVA = '''import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;

class Gen {
    OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl("https://api.groq.com/openai/v1").build();
    ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("llama-3.3-70b-versatile").build();
}
'''


def _scan(tmp_path: Path, files: dict[str, str], *, resolve: bool = True) -> list[Finding]:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return list(modelmap.scan([tmp_path], resolve=resolve).findings)


def _one(findings: list[Finding], path: str, raw: str) -> Finding:
    (hit,) = [f for f in findings if f.path == path and f.raw == raw]
    return hit


def _served(f: Finding) -> str | None:
    return ((f.resolution or {}).get("served_by") or {}).get("id")


def test_a_terraform_deployment_serves_its_model_on_azure_openai(tmp_path: Path) -> None:
    findings = _scan(tmp_path, {"infra/openai.tf": TERRAFORM})
    mini = _one(findings, "infra/openai.tf", "gpt-4o-mini")  # the deployment's name is no model: tagged on the model
    assert mini.provider == "azure-openai"
    assert _served(mini) == "azure-openai"
    assert "ops-gpt4o" in ((mini.resolution or {}).get("served_by") or {}).get("evidence", "")
    # a deployment named as its model: both the name's finding and the model's are Azure OpenAI's
    nano = [f for f in findings if f.path == "infra/openai.tf" and f.raw == "gpt-4.1-nano"]
    assert len(nano) == 2
    assert {f.provider for f in nano} == {"azure-openai"}
    assert {_served(f) for f in nano} == {"azure-openai"}


def test_a_bicep_deployment_serves_its_model_on_azure_openai(tmp_path: Path) -> None:
    model = _one(_scan(tmp_path, {"infra/main.bicep": BICEP}), "infra/main.bicep", "gpt-4o-mini")
    assert model.provider == "azure-openai"
    assert _served(model) == "azure-openai"


def test_a_csharp_chat_client_fallback_literal_is_the_deployment(tmp_path: Path) -> None:
    findings = _scan(tmp_path, {"infra/openai.tf": TERRAFORM, "src/Summariser.cs": CSHARP})
    call = _one(findings, "src/Summariser.cs", "ops-gpt4o")
    assert call.line == 12
    resolution = call.resolution or {}
    assert (resolution.get("model") or {}).get("id") == "openai/gpt-4o-mini"
    assert _served(call) == "azure-openai"


def test_a_csharp_fallback_outside_a_model_call_stays_unreported(tmp_path: Path) -> None:
    findings = _scan(tmp_path, {"src/Labels.cs": CSHARP_OTHER}, resolve=False)
    assert [f.raw for f in findings if f.kind != "endpoint"] == []


def test_a_ruby_vendor_client_is_serving_evidence(tmp_path: Path) -> None:
    findings = _scan(tmp_path, {"config/initializers/llm.rb": RUBY_CLIENT, "app/services/triage.rb": RUBY_CALLER})
    constant = _one(findings, "config/initializers/llm.rb", "claude-sonnet-4-20250514")
    call = _one(findings, "app/services/triage.rb", "claude-3-5-haiku-latest")
    for f in (constant, call):
        assert f.api == "anthropic"
        assert _served(f) == "anthropic-api"


def test_a_ruby_client_given_another_base_url_is_not_the_vendor_api(tmp_path: Path) -> None:
    findings = _scan(tmp_path, {"config/initializers/llm.rb": RUBY_OTHER_HOST})
    model = _one(findings, "config/initializers/llm.rb", "gpt-4o-mini")
    assert model.api is None
    assert _served(model) is None


def test_a_go_openai_client_with_a_base_url_is_an_openai_client(tmp_path: Path) -> None:
    findings = _scan(tmp_path, {"gateway/routes.go": GO}, resolve=False)
    for raw in ("deepseek/deepseek-r1", "openai/gpt-4o-mini"):
        f = _one(findings, "gateway/routes.go", raw)
        assert f.api == "openai"
        assert f.endpoint == "https://openrouter.ai/api/v1"


def test_csharp_and_java_openai_clients_with_a_base_url_are_openai_clients(tmp_path: Path) -> None:
    findings = _scan(tmp_path, {"src/Router.cs": CSHARP_ROUTER, "src/Gen.java": JAVA}, resolve=False)
    assert _one(findings, "src/Router.cs", "deepseek/deepseek-r1").api == "openai"
    assert _one(findings, "src/Gen.java", "llama-3.3-70b-versatile").api == "openai"


def test_a_go_url_not_set_as_the_client_base_url_gives_no_client(tmp_path: Path) -> None:
    findings = _scan(tmp_path, {"gateway/routes.go": GO_NO_BASE}, resolve=False)
    assert _one(findings, "gateway/routes.go", "openai/gpt-4o-mini").api is None


def test_a_go_constant_base_url_is_one_endpoint(tmp_path: Path) -> None:
    findings = _scan(tmp_path, {"gateway/routes.go": GO}, resolve=False)
    endpoints = [(f.line, f.raw) for f in findings if f.kind == "endpoint"]
    assert endpoints == [(9, "https://openrouter.ai/api/v1")]
