"""Azure OpenAI deployments in a large Bicep or Terraform file: read from the file's start, and a bound said.

bicep_deployments walked every node of the tree from the file's end (a stack popped last-child-first) and stopped
after 50,000 nodes without a word: a deployment declared at the top of a Bicep file of 3,000 storage resources
(460 KB) was never read, so the app's call of its name stayed an unidentified model. A conditional deployment
(``= if (deployOpenAI) {…}``, the usual form in templates) was not read at all: its body is the conditional's.
azure_deployments read the first 10,000 top-level Terraform blocks and dropped the rest silently.
"""

from __future__ import annotations

from pathlib import Path

import modelmap

BICEP_DEPLOYMENT = """resource chat 'Microsoft.CognitiveServices/accounts/deployments@2023-05-01' = {cond}{{
  parent: account
  name: 'chat-eu'
  properties: {{
    model: {{
      format: 'OpenAI'
      name: 'gpt-4o-mini'
      version: '2024-07-18'
    }}
  }}
}}
"""
STORAGE = """resource st{i} 'Microsoft.Storage/storageAccounts@2023-01-01' = {{
  name: 'st{i}'
  location: location
  kind: 'StorageV2'
  sku: {{ name: 'Standard_LRS' }}
}}
"""
TERRAFORM_DEPLOYMENT = '''resource "azurerm_cognitive_deployment" "chat" {
  name                 = "chat-eu"
  cognitive_account_id = azurerm_cognitive_account.openai.id
  model {
    format  = "OpenAI"
    name    = "gpt-4o-mini"
    version = "2024-07-18"
  }
}
'''
APP = "from openai import AzureOpenAI\n\nclient = AzureOpenAI()\nclient.chat.completions.create(model='chat-eu', messages=[])\n"


def _called(root: Path) -> tuple[dict, list]:
    (root / "app.py").write_text(APP)
    result = modelmap.scan([root], resolve=True)
    (call,) = [f for f in result.findings if f.path == "app.py" and f.raw == "chat-eu"]
    return call.resolution or {}, list(result.skips)


def test_a_deployment_at_the_top_of_a_large_bicep_file_is_read(tmp_path: Path) -> None:
    (tmp_path / "main.bicep").write_text(BICEP_DEPLOYMENT.format(cond="")
                                         + "".join(STORAGE.format(i=i) for i in range(3_000)))
    resolution, skips = _called(tmp_path)
    assert (resolution.get("model") or {}).get("id") == "openai/gpt-4o-mini"
    assert "deployment 'chat-eu' (main.bicep:7)" in resolution.get("reason", "")
    assert not skips


def test_a_conditional_bicep_deployment_is_read(tmp_path: Path) -> None:
    (tmp_path / "main.bicep").write_text(BICEP_DEPLOYMENT.format(cond="if (deployOpenAI) "))
    resolution, _ = _called(tmp_path)
    assert (resolution.get("model") or {}).get("id") == "openai/gpt-4o-mini"


def test_a_terraform_deployment_past_the_block_bound_is_said(tmp_path: Path) -> None:
    from modelmap.discover import polyglot

    (tmp_path / "main.tf").write_text("locals {}\n" * (polyglot.MAX_DEPLOYMENT_BLOCKS + 5) + TERRAFORM_DEPLOYMENT)
    resolution, skips = _called(tmp_path)
    assert (resolution.get("model") or {}).get("id") != "openai/gpt-4o-mini"  # not read: past the bound
    assert [s.detail for s in skips if s.path == "main.tf" and "Azure OpenAI deployments" in s.detail]
    # within the bound it is read, and nothing is said
    (tmp_path / "main.tf").write_text("locals {}\n" * 50 + TERRAFORM_DEPLOYMENT)
    resolution, skips = _called(tmp_path)
    assert (resolution.get("model") or {}).get("id") == "openai/gpt-4o-mini"
    assert not [s for s in skips if s.path == "main.tf"]
