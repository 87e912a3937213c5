"""An Azure OpenAI deployment's name resolves to the model its Terraform says it serves (evidence over the name).

The app calls ``model="gpt-4o-eu"``, a deployment name; before, it was reported as a second, unidentified model
(licence unknown, "the name has the shape of an API model name") beside the gpt-4o the Terraform deploys.
"""

from __future__ import annotations

from pathlib import Path

import modelmap

DEPLOYMENT = '''resource "azurerm_cognitive_deployment" "{label}" {{
  name                 = "{name}"
  cognitive_account_id = azurerm_cognitive_account.openai.id
  model {{
    format  = "OpenAI"
    name    = "{model}"
    version = "{version}"
  }}
  sku {{
    name = "Standard"
  }}
}}
'''
APP = '''from openai import AzureOpenAI

client = AzureOpenAI(azure_endpoint="https://acme-openai-eu.openai.azure.com", api_version="2024-10-21")


def answer(question: str) -> str:
    reply = client.chat.completions.create(model="{name}", messages=[{{"role": "user", "content": question}}])
    return reply.choices[0].message.content
'''


def _project(root: Path, deployments: list[tuple[str, str, str]], called: str) -> dict[str, dict]:
    (root / "infra").mkdir(parents=True)
    (root / "app").mkdir()
    (root / "infra" / "openai.tf").write_text("\n".join(
        DEPLOYMENT.format(label=f"d{i}", name=n, model=m, version=v) for i, (n, m, v) in enumerate(deployments)))
    (root / "app" / "chat.py").write_text(APP.format(name=called))
    result = modelmap.scan([root], resolve=True)
    return {f"{f.path}:{f.line}": f.resolution or {} for f in result.findings if f.kind != "endpoint"}


def test_the_name_the_app_calls_is_the_deployed_model(tmp_path: Path) -> None:
    found = _project(tmp_path, [("gpt-4o-eu", "gpt-4o", "2024-08-06")], "gpt-4o-eu")
    app = found["app/chat.py:7"]
    assert app["model"]["id"] == "openai/gpt-4o" and app["confidence"] == "known"
    assert app["query"] == "gpt-4o-eu"
    assert "deployment 'gpt-4o-eu' (infra/openai.tf:2) serves gpt-4o version 2024-08-06" in app["reason"]
    assert app["served_by"]["id"] == "azure-openai" and app["license"]["id"] == "proprietary"
    assert found["infra/openai.tf:2"]["model"]["id"] == "openai/gpt-4o"


def test_the_deployment_wins_over_the_name_it_is_given(tmp_path: Path) -> None:
    # a deployment named after one model serving another: what is served is what the deployment says
    found = _project(tmp_path, [("gpt-4o", "gpt-4o-mini", "2024-07-18")], "gpt-4o")
    assert found["app/chat.py:7"]["model"]["id"].startswith("openai/gpt-4o-mini")


def test_two_deployments_of_one_name_serving_different_models_leave_it_open(tmp_path: Path) -> None:
    found = _project(tmp_path, [("gpt-4o-prod", "gpt-4o", "2024-08-06"), ("gpt-4o-prod", "gpt-4o-mini", "2024-07-18")],
                     "gpt-4o-prod")
    app = found["app/chat.py:7"]
    assert "two Azure OpenAI deployments named 'gpt-4o-prod' serve different models" in app["reason"]
    assert (app.get("model") or {}).get("id") not in ("openai/gpt-4o", "openai/gpt-4o-mini")


BICEP = '''param location string = resourceGroup().location

resource openai 'Microsoft.CognitiveServices/accounts@2023-05-01' = {
  name: 'acme-openai'
  location: location
  kind: 'OpenAI'
  sku: { name: 'S0' }

  resource embed 'deployments' = {
    name: 'text-embedding-3-large-eu'
    sku: { name: 'Standard', capacity: 30 }
    properties: {
      model: { format: 'OpenAI', name: 'text-embedding-3-large', version: '1' }
    }
  }
}

resource chat 'Microsoft.CognitiveServices/accounts/deployments@2023-05-01' = {
  parent: openai
  name: 'gpt-4o-eu'
  properties: {
    model: {
      format: 'OpenAI'
      name: 'gpt-4o-mini'
      version: '2024-07-18'
    }
  }
}
'''
EMBED = '''from openai import AzureOpenAI

client = AzureOpenAI(azure_endpoint="https://acme-openai.openai.azure.com", api_version="2024-10-21")
vectors = client.embeddings.create(model="text-embedding-3-large-eu", input=["a"])
'''


def test_bicep_deployments_top_level_and_nested_in_their_account(tmp_path: Path) -> None:
    (tmp_path / "infra").mkdir()
    (tmp_path / "infra" / "main.bicep").write_text(BICEP)
    (tmp_path / "embed.py").write_text(EMBED)
    found = {f"{f.path}:{f.line}": f.resolution or {} for f in modelmap.scan([tmp_path], resolve=True).findings
             if f.kind != "endpoint"}
    assert found["embed.py:4"]["model"]["id"] == "openai/text-embedding-3-large"
    assert "deployment 'text-embedding-3-large-eu' (infra/main.bicep:13)" in found["embed.py:4"]["reason"]
    assert found["infra/main.bicep:20"]["model"]["id"].startswith("openai/gpt-4o-mini")
