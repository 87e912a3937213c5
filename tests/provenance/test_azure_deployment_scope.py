"""An Azure OpenAI deployment's name maps only the calls that can reach Azure.

Provenance mapped every finding of a deployment's name, in any file, to the model the deployment serves: with a
Terraform deployment named ``gpt-4o`` serving gpt-4o-mini, a service calling ``https://api.openai.com/v1`` with
``model="gpt-4o"`` was reported as gpt-4o-mini served by the OpenAI API (a model that endpoint does not serve under
that name). A call configured with another provider's endpoint keeps its own model; a call to Azure's host, or with
no endpoint written (an AzureOpenAI client reads it from the environment), is still mapped.
"""

from __future__ import annotations

from pathlib import Path

import modelmap

DEPLOYMENT = '''resource "azurerm_cognitive_deployment" "chat" {
  name = "gpt-4o"
  model {
    format  = "OpenAI"
    name    = "gpt-4o-mini"
    version = "2024-07-18"
  }
}
'''
CALL = 'from openai import {cls}\nclient = {cls}({args})\nclient.chat.completions.create(model="gpt-4o", messages=[])\n'


def test_a_deployment_name_maps_only_calls_that_can_reach_azure(tmp_path: Path) -> None:
    (tmp_path / "infra").mkdir()
    (tmp_path / "infra" / "main.tf").write_text(DEPLOYMENT)
    for name, cls, args in (("azure", "AzureOpenAI", 'azure_endpoint="https://acme.openai.azure.com", api_version="x"'),
                            ("env", "AzureOpenAI", ""), ("openai", "OpenAI", 'base_url="https://api.openai.com/v1"'),
                            ("groq", "OpenAI", 'base_url="https://api.groq.com/openai/v1"')):
        (tmp_path / f"{name}.py").write_text(CALL.format(cls=cls, args=args))
    got = {f.path: ((f.resolution or {}).get("model") or {}).get("id") for f in
           modelmap.scan([tmp_path], resolve=True).findings if f.raw == "gpt-4o" and f.path.endswith(".py")}
    assert got["azure.py"] == "openai/gpt-4o-mini" and got["env.py"] == "openai/gpt-4o-mini"
    assert got["openai.py"] == "openai/gpt-4o"  # api.openai.com serves gpt-4o as gpt-4o
    assert got["groq.py"] != "openai/gpt-4o-mini"
