"""Azure Bicep templates and .bicepparam files (late14b): read through the tree-sitter-bicep grammar, one row in
``modelmap.discover.languages``; the literals go through the generic candidate layer and the classifier."""

from __future__ import annotations

from pathlib import Path

import modelmap
from modelmap.discover.base import SourceFile
from modelmap.discover.polyglot import PolyglotSource
from modelmap.types import Finding, Skip

MAIN_BICEP = """\
targetScope = 'resourceGroup'

@description('Name of the chat model to deploy')
@allowed([
  'gpt-4o'
  'gpt-4o-mini'
])
param chatGptModelName string = 'gpt-4o-mini'
param chatGptDeploymentName string = 'chat'
param embeddingModelName string = 'text-embedding-3-large'
param prefix string = 'contoso'
param location string = resourceGroup().location

var deployments = [
  {
    name: 'gpt-35-turbo'
    model: {
      format: 'OpenAI'
      name: 'gpt-35-turbo'
      version: '0613'
    }
    sku: {
      name: 'Standard'
      capacity: 30
    }
  }
  {
    name: '${prefix}-embedding'
    model: {
      format: 'OpenAI'
      name: embeddingModelName
      version: '1'
    }
  }
]

resource account 'Microsoft.CognitiveServices/accounts@2023-05-01' = {
  name: '${prefix}-openai'
  location: location
  kind: 'OpenAI'
  sku: { name: 'S0' }
}

resource gpt4o 'Microsoft.CognitiveServices/accounts/deployments@2023-05-01' = {
  parent: account
  name: 'gpt4o-deployment'
  properties: {
    model: {
      format: 'OpenAI'
      name: 'gpt-4o'
      version: '2024-05-13'
    }
  }
}

resource dyn 'Microsoft.CognitiveServices/accounts/deployments@2023-05-01' = {
  parent: account
  name: '${prefix}-gpt-4o'
  properties: {
    model: { format: 'OpenAI', name: chatGptModelName, version: '2024-07-18' }
  }
}

output modelName string = chatGptModelName
"""

MAIN_BICEPPARAM = """\
using './main.bicep'

param embeddingModelName = 'text-embedding-3-large'
param chatGptModelName = 'gpt-4o'
param prefix = 'myapp'
param location = 'eastus2'
"""


def scan_file(path: str, text: str) -> list[Finding | Skip]:
    return list(PolyglotSource().scan(SourceFile(path, text, "bicep")))


def findings(path: str, text: str) -> dict[tuple[int, str], Finding]:
    return {(f.line, f.raw): f for f in scan_file(path, text) if isinstance(f, Finding) and f.kind != "endpoint"}


def test_bicep_params_allowed_lists_and_deployment_models() -> None:
    out = findings("infra/main.bicep", MAIN_BICEP)
    assert set(out) == {
        (5, "gpt-4o"), (6, "gpt-4o-mini"),  # the @allowed list
        (8, "gpt-4o-mini"), (10, "text-embedding-3-large"),  # parameter defaults
        (16, "gpt-35-turbo"), (19, "gpt-35-turbo"),  # a deployment object in a var array: its name and its model
        (50, "gpt-4o"),  # properties.model.name of a Microsoft.CognitiveServices/accounts/deployments resource
    }
    # the parameter's name is the binding (the declared type between name and default is looked past)
    assert "binding:chatGptModelName" in out[(8, "gpt-4o-mini")].evidence
    assert "binding:embeddingModelName" in out[(10, "text-embedding-3-large")].evidence
    assert "binding:model.name" in out[(50, "gpt-4o")].evidence
    assert all(f.kind == "api-model" for f in out.values())
    # an interpolated name ('${prefix}-gpt-4o') is dynamic, the version, format and SKU are not models
    assert not any(raw in ("contoso", "chat", "OpenAI", "Standard", "2024-05-13", "gpt4o-deployment")
                   for _, raw in out)


def test_bicepparam_values_bound_to_parameter_names() -> None:
    out = findings("infra/main.bicepparam", MAIN_BICEPPARAM)
    assert set(out) == {(3, "text-embedding-3-large"), (4, "gpt-4o")}
    assert "binding:chatGptModelName" in out[(4, "gpt-4o")].evidence
    assert out[(3, "text-embedding-3-large")].column == 29  # 1-based, inside the quote


def test_scan_reads_bicep_files_instead_of_skipping_them(tmp_path: Path) -> None:
    (tmp_path / "infra").mkdir()
    (tmp_path / "infra" / "main.bicep").write_text(MAIN_BICEP)
    (tmp_path / "infra" / "main.bicepparam").write_text(MAIN_BICEPPARAM)
    result = modelmap.scan(str(tmp_path), resolve=False)
    assert not [s for s in result.skips if s.path.endswith((".bicep", ".bicepparam"))]
    got = {(f.path, f.line, f.raw) for f in result.findings if f.kind != "endpoint"}
    assert ("infra/main.bicep", 50, "gpt-4o") in got and ("infra/main.bicepparam", 4, "gpt-4o") in got


def test_bicep_hostile_inputs_are_bounded() -> None:
    # deep nesting: past the syntax-tree depth bound the file is a reported skip, or read with nothing invented
    deep = "var x = " + "{ a: " * 30_000 + "'gpt-4o'" + " }" * 30_000 + "\n"
    out = scan_file("deep.bicep", deep)
    found = {(r.line, r.raw) for r in out if isinstance(r, Finding)}
    assert found == {(1, "gpt-4o")} or (not found and [r.reason for r in out if isinstance(r, Skip)])
    # one huge line of literals, and 100k lines of parameters: bounded, and what is found is still found
    huge = "var names = [ " + " ".join(f"'name{i}'" for i in range(50_000)) + " ]\nparam chatModel string = 'gpt-4o'\n"
    out = scan_file("huge.bicep", huge)
    assert (2, "gpt-4o") in {(r.line, r.raw) for r in out if isinstance(r, Finding)} or [
        r.reason for r in out if isinstance(r, Skip)] == ["analysis-budget"]
    many = "".join(f"param p{i} string = 'value{i}'\n" for i in range(100_000)) + "param chatModel string = 'gpt-4o'\n"
    out = scan_file("many.bicep", many)
    skips = [r for r in out if isinstance(r, Skip)]
    found = {(r.line, r.raw) for r in out if isinstance(r, Finding)}
    # read to the end, or a reported skip (never silent)
    assert (100_001, "gpt-4o") in found or [r.reason for r in skips] == ["analysis-budget"]
    assert not [f for f in found if f[1].startswith("value")]


FOUNDRY_BICEP = """\
param chatModel object = {
  name: 'gpt-4.1-nano'
  version: '2025-04-14'
}
param llmModelName string = 'Phi-4-mini-instruct'
param embedModel string = 'cohere-embed-v3-multilingual'
param storageSku string = 'Standard_LRS'
var m = contains(host, 'azure') ? 'o3-mini' : 'gpt-4o'
var apiVersion = '2024-10-21'
"""


def test_bicep_binding_names_decide_models_the_knowledge_base_may_not_hold() -> None:
    out = findings("infra/foundry.bicep", FOUNDRY_BICEP)
    assert set(out) == {(2, "gpt-4.1-nano"), (5, "Phi-4-mini-instruct"), (6, "cohere-embed-v3-multilingual"),
                        (8, "o3-mini"), (8, "gpt-4o")}
    assert "binding:chatModel.name" in out[(2, "gpt-4.1-nano")].evidence
    assert "binding:llmModelName" in out[(5, "Phi-4-mini-instruct")].evidence
    assert "binding:embedModel" in out[(6, "cohere-embed-v3-multilingual")].evidence
