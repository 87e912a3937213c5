"""How a Hub loader call loads its model (remote35, tryfix35 item 4): ``trust_remote_code`` and ``revision`` are
recorded on the finding as evidence and as the scan JSON's optional ``trust_remote_code`` / ``revision`` /
``revision_pinned`` fields, so a policy can read them (``usage.trust_remote_code``, ``usage.revision_pinned``)."""

from __future__ import annotations

from pathlib import Path

import modelmap
from modelmap.types import load_facts

SHA = "0e9e39f249a16976918f6564b8830bc894c89659"

LOADER = f'''import os
from huggingface_hub import hf_hub_download, snapshot_download
from sentence_transformers import CrossEncoder, SentenceTransformer
from transformers import AutoModel, AutoTokenizer, pipeline

CHAT = "internlm/internlm2_5-7b-chat"
TRUST = True
PINNED = "{SHA}"


def chat():
    tok = AutoTokenizer.from_pretrained(CHAT, trust_remote_code=True)
    return tok, AutoModel.from_pretrained(CHAT, revision="main", trust_remote_code=TRUST)


def coder():
    return AutoModel.from_pretrained("deepseek-ai/deepseek-coder-6.7b-instruct", revision=PINNED)


def embedder():
    return SentenceTransformer("BAAI/bge-m3", trust_remote_code=os.environ.get("TRUST") == "1")


def reranker():
    return CrossEncoder("BAAI/bge-reranker-v2-m3", revision=os.environ["RERANK_REV"], trust_remote_code=False)


def weights():
    hf_hub_download(repo_id="microsoft/phi-2", filename="config.json", revision="{SHA}")
    return snapshot_download("Qwen/Qwen2.5-7B-Instruct")


def classify():
    return pipeline("text-classification", model="distilbert/distilbert-base-uncased-finetuned-sst-2-english")
'''


def _scan(tmp_path: Path) -> dict[str, dict]:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "models.py").write_text(LOADER, encoding="utf-8")
    result = modelmap.scan(str(tmp_path), resolve=False)
    return {f.raw: f.to_dict() for f in result.findings if f.kind != "endpoint"}


def _facts(row: dict) -> tuple:
    return row.get("trust_remote_code", "absent"), row.get("revision", "absent"), row.get("revision_pinned", "absent")


def test_loader_calls_record_trust_remote_code_and_revision(tmp_path: Path) -> None:
    rows = _scan(tmp_path)
    # a constant loaded by two calls: one with trust_remote_code=True and no revision, one with TRUST (bound to
    # True in the file) and revision="main": remote code is trusted, and neither load is pinned
    chat = rows["internlm/internlm2_5-7b-chat"]
    assert _facts(chat) == (True, "main", False)
    assert {"trust-remote-code", "revision:main", "revision:none"} <= set(chat["evidence"])
    # a name bound to a 40-hex commit sha pins the load
    assert _facts(rows["deepseek-ai/deepseek-coder-6.7b-instruct"]) == (False, SHA, True)
    # a value that is no literal: unknown, not a guess
    assert _facts(rows["BAAI/bge-m3"]) == (None, None, False)
    assert "trust-remote-code:unknown" in rows["BAAI/bge-m3"]["evidence"]
    assert _facts(rows["BAAI/bge-reranker-v2-m3"]) == (False, None, None)
    assert "trust-remote-code:false" in rows["BAAI/bge-reranker-v2-m3"]["evidence"]
    assert _facts(rows["microsoft/phi-2"]) == (False, SHA, True)
    assert _facts(rows["Qwen/Qwen2.5-7B-Instruct"]) == (False, None, False)
    assert _facts(rows["distilbert/distilbert-base-uncased-finetuned-sst-2-english"]) == (False, None, False)


def test_a_call_that_loads_nothing_records_no_load(tmp_path: Path) -> None:
    (tmp_path / "chat.py").write_text(
        'from openai import OpenAI\nfrom huggingface_hub import InferenceClient\n'
        'OpenAI().chat.completions.create(model="gpt-4o", messages=[])\n'
        'InferenceClient("meta-llama/Llama-3.1-8B-Instruct")\n', encoding="utf-8")
    rows = {f.raw: f.to_dict() for f in modelmap.scan(str(tmp_path), resolve=False).findings}
    assert {"gpt-4o", "meta-llama/Llama-3.1-8B-Instruct"} <= set(rows)
    for row in rows.values():
        assert "trust_remote_code" not in row and "revision_pinned" not in row


def test_load_facts_combines_several_loads() -> None:
    assert load_facts(None) is None and load_facts(("knowledge-base", "call:transformers")) is None
    assert load_facts(("revision:" + SHA,)) == {"trust_remote_code": False, "revision": SHA, "revision_pinned": True}
    # one unpinned load makes the model unpinned whatever the others say; an unknown one leaves it unknown
    assert load_facts(("revision:" + SHA, "revision:none"))["revision_pinned"] is False  # type: ignore[index]
    assert load_facts(("revision:" + SHA, "revision:unknown"))["revision_pinned"] is None  # type: ignore[index]
    assert load_facts(("revision:v1.0",))["revision_pinned"] is False  # type: ignore[index]  # a tag moves
    assert load_facts(("trust-remote-code:unknown", "revision:none"))["trust_remote_code"] is None  # type: ignore[index]
    assert load_facts(("trust-remote-code:unknown", "trust-remote-code"))["trust_remote_code"] is True  # type: ignore[index]
