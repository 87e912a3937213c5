"""A large, realistic inventory for the HTML report's layout checks: 1,200 usages of 40 real model names
and 14 names the knowledge base does not know, spread over 300 files in six flows.

The resolutions are frozen in ``data/big-inventory.resolutions.json`` so that knowledge-base edits do not
move the report's screenshots; regenerate them from the knowledge base with
``python3 -m tests.report.big_inventory`` and review the diff. Counts per name fall off like real
projects (a few models carry most usages), and the file layout is generated, deterministically.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from modelmap.policy.config import ProjectConfig, load_config
from modelmap.types import Finding, ScanResult, ScanStats

DATA = Path(__file__).resolve().parent / "data"
RESOLUTIONS = DATA / "big-inventory.resolutions.json"
POLICY = DATA / "big-inventory.modelmap.yaml"
USAGES = 1_200

#: (name as written in code, role, serving provider id when the code calls a hosted API)
NAMES: tuple[tuple[str, str, str | None], ...] = (
    ("gpt-4o-mini", "generation", "openai-api"), ("BAAI/bge-m3", "embedding", None),
    ("gpt-4o", "generation", "openai-api"), ("Qwen/Qwen2.5-7B-Instruct", "generation", None),
    ("claude-3-5-sonnet-20241022", "generation", "anthropic-api"), ("text-embedding-3-small", "embedding", "openai-api"),
    ("BAAI/bge-reranker-v2-m3", "rerank", None), ("meta-llama/Llama-3.1-8B-Instruct", "generation", None),
    ("deepseek-chat", "generation", "deepseek-api"), ("mistral-large-latest", "generation", "mistral-api"),
    ("sentence-transformers/all-MiniLM-L6-v2", "embedding", None), ("qwen-max", "generation", "dashscope-cn"),
    ("claude-3-haiku-20240307", "generation", "anthropic-api"), ("intfloat/multilingual-e5-large", "embedding", None),
    ("deepseek-ai/DeepSeek-R1-Distill-Llama-8B", "generation", None), ("o3-mini", "generation", "openai-api"),
    ("mixedbread-ai/mxbai-rerank-large-v1", "rerank", None), ("gemini-1.5-pro", "generation", "google-ai-studio"),
    ("thenlper/gte-small", "embedding", None), ("command-r-plus", "generation", "cohere-api"),
    ("BAAI/bge-small-en-v1.5", "embedding", None), ("google/gemma-2-9b-it", "generation", None),
    ("Qwen/Qwen2.5-72B-Instruct", "generation", None), ("jinaai/jina-embeddings-v3", "embedding", None),
    ("moonshot-v1-8k", "generation", "moonshot-cn"), ("THUDM/glm-4-9b-chat", "generation", None),
    ("mistralai/Mistral-7B-Instruct-v0.3", "generation", None), ("nomic-ai/nomic-embed-text-v1.5", "embedding", None),
    ("microsoft/Phi-3-mini-4k-instruct", "generation", None), ("CohereForAI/aya-expanse-8b", "generation", None),
    ("01-ai/Yi-1.5-9B-Chat", "generation", None), ("Snowflake/snowflake-arctic-embed-m", "embedding", None),
    ("tiiuae/falcon-7b-instruct", "generation", None), ("deepseek-ai/DeepSeek-R1-Distill-Qwen-7B", "generation", None),
    ("baichuan-inc/Baichuan2-7B-Chat", "generation", None), ("internlm/internlm2_5-7b-chat", "generation", None),
    ("ai21labs/AI21-Jamba-1.5-Mini", "generation", None), ("meta-llama/Llama-3.3-70B-Instruct", "generation", None),
    ("cnmoro/static-nomic-384-pten-v2-st", "embedding", None), ("llama3.1:8b", "generation", None),
    # names a real codebase carries that no knowledge base knows: in-house fine-tunes, typos, placeholders
    ("acme/support-intent-classifier-v7", "unknown", None), ("acme/checkout-fraud-scorer-2025-q3", "unknown", None),
    ("internal-llm-prod", "generation", None), ("my-finetuned-model", "generation", None),
    ("gpt-4o-mini-2024-07-18-ft:acme:support:9xq2", "generation", "openai-api"),
    ("models/experimental/very-long-checkpoint-name-that-someone-typed-into-a-yaml-file-0001", "unknown", None),
    ("text-embed-custom", "embedding", None), ("acme-ranker", "rerank", None), ("local-model", "generation", None),
    ("Qwen/Qwen-Placeholder-Test", "generation", None), ("vendor-x/summarizer", "generation", None),
    ("legacy-bert-2019", "embedding", None), ("ACME_DEFAULT_MODEL", "unknown", None), ("chat-model-v2", "generation", None),
)

#: flow name -> folder; the last folder is outside every flow
FOLDERS = ("services/checkout", "services/support", "services/search", "services/recommendations",
           "platform/gateway", "internal/tools", "scripts/one-off-experiments-and-migrations-from-2024")


def regenerate() -> None:
    """Resolve every name with the shipped knowledge base and freeze the result (run by hand)."""
    from modelmap.provenance.resolver import default_resolver

    resolver = default_resolver()
    frozen: dict[str, Any] = {}
    for raw, _, provider in NAMES:
        res = resolver.resolve(raw).to_dict()
        if provider and res.get("model"):
            res["served_by"] = resolver.served_by(provider, evidence="client")
        res.pop("sources", None)  # not shown in the report; keeps the fixture small
        frozen[raw] = res
    RESOLUTIONS.write_text(json.dumps(frozen, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def big_findings() -> list[Finding]:
    resolutions = json.loads(RESOLUTIONS.read_text(encoding="utf-8"))
    # name i gets a weight of 1/(i+1) (Zipf-like): the first names carry most usages, every name at least one
    weights = [1 / (i + 1) for i in range(len(NAMES))]
    scale = (USAGES - len(NAMES)) / sum(weights)
    counts = [1 + int(w * scale) for w in weights]
    counts[0] += USAGES - sum(counts)
    findings: list[Finding] = []
    n = 0
    for i, ((raw, role, provider), count) in enumerate(zip(NAMES, counts, strict=True)):
        # each name lives in two or three folders, as a model usually serves a few products
        homes = sorted({FOLDERS[i % len(FOLDERS)], FOLDERS[(3 * i + 1) % len(FOLDERS)],
                        FOLDERS[(5 * i + 2) % len(FOLDERS)] if i % 3 == 0 else FOLDERS[i % len(FOLDERS)]})
        for k in range(count):
            folder = homes[k % len(homes)]
            path = f"{folder}/module_{(n * 13) % 43:02d}/handler_{n % 300:03d}.py"
            kind = "api-model" if provider else "hf-repo"
            findings.append(Finding(path=path, line=10 + (n * 17) % 400, column=5, raw=raw, kind=kind, role=role,
                                    context="app", source="python-openai-client" if provider else "python-from-pretrained",
                                    provider=provider, resolution=resolutions[raw]))
            n += 1
    assert len(findings) == USAGES
    return findings


def big_result() -> ScanResult:
    findings = big_findings()
    stats = ScanStats(files_scanned=2_400, files_matched=len({f.path for f in findings}), bytes_scanned=48_000_000)
    return ScanResult(root=".", findings=findings, skips=[], stats=stats, roots=["."])


def big_config() -> ProjectConfig:
    return load_config(POLICY)


if __name__ == "__main__":
    regenerate()
