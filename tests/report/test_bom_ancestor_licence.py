"""A lineage ancestor in the BOMs carries the licence the knowledge base records for it.

A tryout (session 34) answering a regulator's questionnaire from the BOMs: Qwen2.5-72B-Instruct's base
(qwen/qwen2.5-72b), DeepSeek-R1's (deepseek-v3-base) and BGE-M3's root (xlm-roberta-large) read
``hasDeclaredLicense NoAssertion`` in the SPDX document and had no licence in the CycloneDX pedigree, while
``modelmap trace`` of each gives the Qwen licence, the DeepSeek model licence and MIT.
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from modelmap.cli import app

GATEWAY = '''package main

import (
\topenai "github.com/sashabaranov/go-openai"
)

var Routes = map[string]string{
\t"claims-reasoning": "deepseek/deepseek-r1",
\t"claims-summary":   "qwen/qwen-2.5-72b-instruct",
}

func newClient(key string) *openai.Client {
\tcfg := openai.DefaultConfig(key)
\tcfg.BaseURL = "https://openrouter.ai/api/v1"
\treturn openai.NewClientWithConfig(cfg)
}

func request(task, prompt string) openai.ChatCompletionRequest {
\treturn openai.ChatCompletionRequest{Model: Routes[task], Messages: []openai.ChatCompletionMessage{{Role: "user", Content: prompt}}}
}
'''

EMBED = '''from sentence_transformers import SentenceTransformer

model = SentenceTransformer("BAAI/bge-m3")
'''

EXPECTED = {"qwen/qwen2.5-72b": "LicenseRef-modelmap-qwen", "deepseek-ai/deepseek-v3-base":
            "LicenseRef-modelmap-deepseek-model", "facebookai/xlm-roberta-large": "MIT"}


def _project(root: Path) -> Path:
    (root / "gateway").mkdir()
    (root / "gateway" / "routes.go").write_text(GATEWAY)
    (root / "jobs").mkdir()
    (root / "jobs" / "embed.py").write_text(EMBED)
    return root


def _bom(root: Path, fmt: str) -> dict:
    out = root / f"bom.{fmt}.json"
    result = CliRunner().invoke(app, ["bom", str(root), "-f", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return json.loads(out.read_text())


def test_spdx_ancestors_declare_the_recorded_licence(tmp_path: Path) -> None:
    doc = _bom(_project(tmp_path), "spdx")
    graph = doc["@graph"]
    by_id = {e.get("spdxId"): e for e in graph}
    declared = {}
    for rel in graph:
        if rel.get("relationshipType") == "hasDeclaredLicense":
            source = by_id.get(rel["from"], {})
            target = by_id.get(rel["to"][0], {})
            declared[source.get("name")] = target.get("simplelicensing_licenseExpression", rel["to"][0])
    for model, expression in EXPECTED.items():
        assert declared.get(model) == expression, (model, declared.get(model))


def test_cyclonedx_ancestors_carry_the_recorded_licence(tmp_path: Path) -> None:
    doc = _bom(_project(tmp_path), "json")
    licences = {}
    for comp in doc["components"]:
        for anc in (comp.get("pedigree") or {}).get("ancestors") or ():
            names = [lic["license"].get("id") or lic["license"].get("name") for lic in anc.get("licenses") or ()]
            licences[f"{anc.get('group')}/{anc['name']}"] = names
    assert licences["qwen/qwen2.5-72b"] == ["Tongyi Qianwen LICENSE AGREEMENT"]
    assert licences["facebookai/xlm-roberta-large"] == ["MIT"]
    assert licences["deepseek-ai/deepseek-v3-base"] and licences["deepseek-ai/deepseek-v3-base"] != ["MIT"]
