""".NET settings files (appsettings*.json, user secrets.json, Azure Functions local.settings.json): Azure OpenAI
deployment names under a key path that says deployment, written as nested sections, flat `:` keys or `__` keys
(tuneC36, session 36; discover/deployments.py)."""

from __future__ import annotations

from pathlib import Path

import modelmap
from modelmap.discover.deployments import is_deployment_name, says_deployment

APPSETTINGS = """\
{
  "Logging": { "LogLevel": { "Default": "Information" } },
  "AllowedHosts": "*",
  "AzureOpenAI": {
    "Endpoint": "https://orders-ai.openai.azure.com/",
    "Deployments": {
      "Chat": "orders-chat-prod",
      "Embedding": "orders-embed-v2"
    },
    "DeploymentName": "orders-assistant",
    "ChatDeploymentName": "gpt-4o"
  },
  "Deployment": { "Name": "web-prod-eu", "Slot": "staging-2" },
  "Storage": { "DeploymentName": "blob-prod-1" }
}
"""

SECRETS = """\
{
  "AzureOpenAI:Deployments:Chat": "support-chat",
  "AzureOpenAI:EmbeddingDeploymentName": "embeddings-large",
  "AzureOpenAI:ApiKey": "0123456789abcdef",
  "ConnectionStrings:Orders": "Server=db;Database=orders"
}
"""

LOCAL_SETTINGS = """\
{
  "IsEncrypted": false,
  "Values": {
    "AzureWebJobsStorage": "UseDevelopmentStorage=true",
    "FUNCTIONS_WORKER_RUNTIME": "dotnet-isolated",
    "AzureOpenAI__ChatDeploymentName": "triage-chat",
    "CHAT_MODEL_DEPLOYMENT_NAME": "triage_gpt4o",
    "AZURE_OPENAI_DEPLOYMENT": "${AZURE_OPENAI_DEPLOYMENT}"
  }
}
"""


def _scan(tmp_path: Path, files: dict[str, str]) -> dict[tuple[str, int, str], str | None]:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    result = modelmap.scan(str(tmp_path), resolve=False)
    return {(f.path, f.line, f.raw): f.provider for f in result.findings if f.kind != "endpoint"}


def test_nested_sections_name_deployments(tmp_path: Path) -> None:
    got = _scan(tmp_path, {"src/Orders/appsettings.json": APPSETTINGS})
    p = "src/Orders/appsettings.json"
    assert got[(p, 7, "orders-chat-prod")] == "azure-openai"
    assert got[(p, 8, "orders-embed-v2")] == "azure-openai"
    assert got[(p, 10, "orders-assistant")] == "azure-openai"
    # a known model's name deployed under a deployment key is still served by Azure OpenAI
    assert got[(p, 11, "gpt-4o")] == "azure-openai"
    # the app's own cloud deployment and another service's deployment are no models
    assert not {raw for (_, _, raw) in got} & {"web-prod-eu", "staging-2", "blob-prod-1", "Information"}


def test_flat_secret_and_function_keys(tmp_path: Path) -> None:
    got = _scan(tmp_path, {"secrets.json": SECRETS, "api/local.settings.json": LOCAL_SETTINGS})
    assert got[("secrets.json", 2, "support-chat")] == "azure-openai"
    assert got[("secrets.json", 3, "embeddings-large")] == "azure-openai"
    assert got[("api/local.settings.json", 6, "triage-chat")] == "azure-openai"
    assert got[("api/local.settings.json", 7, "triage_gpt4o")] == "azure-openai"
    raws = {raw for (_, _, raw) in got}
    assert not raws & {"0123456789abcdef", "Server=db;Database=orders", "dotnet-isolated", "UseDevelopmentStorage=true"}
    assert not any("AZURE_OPENAI_DEPLOYMENT" in r for r in raws)


def test_key_path_rules() -> None:
    assert says_deployment(["", "azureopenai", "deployments"], "Chat")
    assert says_deployment([""], "AzureOpenAI:Deployments:Embedding")
    assert says_deployment(["", "values"], "AzureOpenAI__ChatDeploymentName")
    assert says_deployment(["", "openai"], "DeploymentName")
    assert not says_deployment(["", "storage"], "DeploymentName")
    assert not says_deployment(["", "deployment"], "Name")
    assert not says_deployment(["", "azureopenai", "deployments"], "Region")
    assert not says_deployment(["", "openai"], "DeploymentType")
    for ok in ("orders-chat", "gpt4o", "chat_prod", "gpt-35-turbo"):
        assert is_deployment_name(ok), ok
    for bad in ("chat", "${DEPLOYMENT}", "CHAT_DEPLOYMENT", "your-deployment-name", "<deployment>", "a b",
                "https://x.openai.azure.com", "orders-api-key"):
        assert not is_deployment_name(bad), bad


def test_camel_case_service_section(tmp_path: Path) -> None:
    # the walker keeps section names lowercased (`AzureOpenAIText` -> azureopenaitext): still an AI service's section
    text = """\
{
  "KernelMemory": {
    "Services": {
      "AzureOpenAIText": { "Auth": "ApiKey", "Deployment": "gpt-4o" },
      "AzureAIFoundry": { "DeploymentName": "kb-answers-01" },
      "AzureBlobs": { "Deployment": "blobs-01" }
    }
  }
}
"""
    got = _scan(tmp_path, {"appsettings.Development.json": text})
    assert got[("appsettings.Development.json", 4, "gpt-4o")] == "azure-openai"
    assert got[("appsettings.Development.json", 5, "kb-answers-01")] == "azure-openai"
    assert ("appsettings.Development.json", 6, "blobs-01") not in got


ARM = """\
{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "accountName": { "type": "string", "defaultValue": "[format('oai-{0}', uniqueString(resourceGroup().id))]" },
    "chatModelName": { "type": "string", "defaultValue": "gpt-4o-mini", "allowedValues": ["gpt-4o", "gpt-4o-mini"] },
    "chatDeploymentName": { "type": "string", "defaultValue": "orders-chat" },
    "storageName": { "type": "string", "defaultValue": "orders-store-01" }
  },
  "resources": [
    {
      "type": "Microsoft.CognitiveServices/accounts/deployments",
      "apiVersion": "2023-05-01",
      "name": "[format('{0}/{1}', parameters('accountName'), parameters('chatDeploymentName'))]",
      "properties": { "model": { "format": "OpenAI", "name": "[parameters('chatModelName')]", "version": "2024-07-18" } }
    },
    {
      "type": "Microsoft.CognitiveServices/accounts/deployments",
      "apiVersion": "2023-05-01",
      "name": "[format('{0}/{1}', parameters('accountName'), 'embeddings-large')]",
      "properties": { "model": { "format": "OpenAI", "name": "text-embedding-3-large", "version": "1" } }
    },
    {
      "type": "Microsoft.Storage/storageAccounts",
      "apiVersion": "2023-01-01",
      "name": "[concat(parameters('storageName'), '/blob-prod-1')]"
    }
  ]
}
"""


def test_arm_template_deployments(tmp_path: Path) -> None:
    got = _scan(tmp_path, {"infra/azuredeploy.json": ARM})
    p = "infra/azuredeploy.json"
    assert got[(p, 6, "gpt-4o-mini")] == "azure-openai"  # a model an Azure OpenAI template deploys
    assert got[(p, 7, "orders-chat")] == "azure-openai"  # a deployment-named parameter's default
    assert got[(p, 20, "embeddings-large")] == "azure-openai"  # the name written in the resource's own name
    assert got[(p, 21, "text-embedding-3-large")] == "azure-openai"
    raws = {raw for (_, _, raw) in got}
    assert not raws & {"orders-store-01", "blob-prod-1", "2024-07-18"}


PY_AZURE = '''\
import os
from langchain_openai import AzureChatOpenAI, AzureOpenAIEmbeddings

chat_deployment = "support-gpt4o"
llm = AzureChatOpenAI(azure_deployment=chat_deployment, api_version="2024-06-01")
summariser = AzureChatOpenAI(deployment_name="kb-answers")
embedder = AzureOpenAIEmbeddings(azure_deployment=os.getenv("EMBED_DEPLOYMENT", "your-deployment-name"))
other = AzureChatOpenAI(azure_deployment="chat")
'''


def test_python_azure_client_deployment_arguments(tmp_path: Path) -> None:
    got = _scan(tmp_path, {"app/chains.py": PY_AZURE})
    assert got[("app/chains.py", 4, "support-gpt4o")] == "azure-openai"  # through the variable it is bound to
    assert got[("app/chains.py", 6, "kb-answers")] == "azure-openai"
    raws = {raw for (_, _, raw) in got}
    assert not raws & {"your-deployment-name", "chat", "2024-06-01"}
