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
