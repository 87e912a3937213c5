"""Issue 13 items 2, 3 and 5 at discovery: roles by evidence order, usages at their use site, catalogs."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import modelmap
from modelmap.types import Finding

DEMO = Path(__file__).resolve().parents[2] / "examples" / "demo-app"


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return root


def models(root: Path) -> list[Finding]:
    return [f for f in modelmap.scan([root], resolve=False).findings if f.kind != "endpoint"]


# -- roles: API reached, then the knowledge base, then the key name ---------------------------------------


def test_model_role_beats_the_key_it_sits_under(tmp_path: Path) -> None:
    # the three mislabels of issue 13 item 5: a settings key names a slot, not the model put in it
    write(tmp_path, {
        ".env": "RERANK_MODEL=thenlper/gte-small\nEMBEDDING_MODEL=mixedbread-ai/mxbai-rerank-large-v1\n"
                "LLM_MODEL=BAAI/bge-reranker-v2-m3\n",
        "config/rag.yaml": "reranker:\n  model: thenlper/gte-small\nembedding:\n  model: mixedbread-ai/mxbai-rerank-large-v1\n"
                           "llm:\n  model: BAAI/bge-reranker-v2-m3\n",
        "serve.sh": "text-embeddings-router --model-id BAAI/bge-reranker-v2-m3 --port 8080\n",
    })
    roles = {(f.path, f.raw): f.role for f in models(tmp_path)}
    for path in (".env", "config/rag.yaml"):
        assert roles[(path, "thenlper/gte-small")] == "embedding"
        assert roles[(path, "mixedbread-ai/mxbai-rerank-large-v1")] == "rerank"
        assert roles[(path, "BAAI/bge-reranker-v2-m3")] == "rerank"
    assert roles[("serve.sh", "BAAI/bge-reranker-v2-m3")] == "rerank"  # not "generation" from --model-id


def test_the_api_reached_decides_first(tmp_path: Path) -> None:
    write(tmp_path, {"app/search.py": """
        from openai import OpenAI
        from sentence_transformers import CrossEncoder, SentenceTransformer
        client = OpenAI()
        vectors = client.embeddings.create(model="thenlper/gte-small", input=["x"])
        reranker = CrossEncoder("mixedbread-ai/mxbai-rerank-large-v1")
        RERANK_MODEL = "thenlper/gte-small"
        embedder = SentenceTransformer(RERANK_MODEL)
        """})
    found = {(f.line, f.raw): f.role for f in models(tmp_path)}
    assert found[(5, "thenlper/gte-small")] == "embedding"
    assert found[(6, "mixedbread-ai/mxbai-rerank-large-v1")] == "rerank"
    assert found[(7, "thenlper/gte-small")] == "embedding"  # reaches SentenceTransformer, whatever the name says


# -- flows by use site ------------------------------------------------------------------------------------


def test_constant_from_a_settings_module_sits_where_it_is_used(tmp_path: Path) -> None:
    write(tmp_path, {
        "svc/__init__.py": "",
        "svc/settings.py": """
            import os
            CHAT_MODEL = os.getenv("CHAT_MODEL", "gpt-4o")
            EMBED = "BAAI/bge-m3"
            SPARE_MODEL = "deepseek-chat"
            """,
        "svc/answer.py": """
            from openai import OpenAI
            from .settings import CHAT_MODEL
            client = OpenAI()
            def answer(q):
                name = CHAT_MODEL
                return client.chat.completions.create(model=name, messages=[])
            """,
        "svc/embed.py": """
            from sentence_transformers import SentenceTransformer
            from svc import settings
            model = SentenceTransformer(settings.EMBED)
            """,
    })
    found = {(f.path, f.raw): f for f in models(tmp_path)}
    gpt = found[("svc/answer.py", "gpt-4o")]
    assert (gpt.line, gpt.api, gpt.role, gpt.symbol) == (7, "openai", "generation", "answer")
    assert gpt.definition is not None and (gpt.definition.path, gpt.definition.line) == ("svc/settings.py", 3)
    bge = found[("svc/embed.py", "BAAI/bge-m3")]
    assert (bge.line, bge.role) == (4, "embedding")
    assert bge.definition is not None and bge.definition.path == "svc/settings.py"
    assert ("svc/settings.py", "gpt-4o") not in found and ("svc/settings.py", "BAAI/bge-m3") not in found
    # defined in the shared module, used nowhere: kept, and marked so that no flow claims it
    spare = found[("svc/settings.py", "deepseek-chat")]
    assert spare.definition is None and "binding-not-used" in (spare.evidence or ())
    assert gpt.to_dict()["definition"] == {"path": "svc/settings.py", "line": 3, "column": gpt.definition.column}


def test_demo_settings_constants_move_to_their_use_sites() -> None:
    found = models(DEMO)
    where = {(f.path, f.raw) for f in found}
    assert ("app/retrieval.py", "BAAI/bge-m3") in where
    assert ("app/retrieval.py", "BAAI/bge-reranker-v2-m3") in where
    assert ("app/answer.py", "gpt-4o") in where
    assert not any(f.path == "app/settings.py" and f.raw != "deepseek-chat" for f in found)
    router = next(f for f in found if f.path == "app/settings.py")
    assert "binding-not-used" in (router.evidence or ())


def test_a_module_nobody_imports_keeps_its_constants(tmp_path: Path) -> None:
    write(tmp_path, {"tool.py": 'MODEL = "gpt-4o"\n'})
    (f,) = models(tmp_path)
    assert f.path == "tool.py" and f.definition is None and "binding-not-used" not in (f.evidence or ())


# -- catalogs ---------------------------------------------------------------------------------------------

_IDS = [f"gpt-4o-2024-0{m}-1{d}" for m in range(1, 6) for d in range(6)]  # 30 dated OpenAI ids


def test_price_table_in_code_is_a_catalog_and_the_call_is_not(tmp_path: Path) -> None:
    table = "".join(f'    "{i}": {{"input": 2.5, "output": 10.0}},\n' for i in _IDS)
    write(tmp_path, {"app/pricing.py": "PRICES = {\n" + table + "}\n",
                     "app/chat.py": """
                         from openai import OpenAI
                         client = OpenAI()
                         r = client.chat.completions.create(model="gpt-4o-2024-01-10", messages=[])
                         """})
    found = models(tmp_path)
    prices = [f for f in found if f.path == "app/pricing.py"]
    assert len(prices) == 30 and {f.context for f in prices} == {"catalog"}
    assert all("catalog:30" in (f.evidence or ()) for f in prices)
    (chat,) = [f for f in found if f.path == "app/chat.py"]
    assert chat.context == "app"


def test_json_list_of_supported_models_is_a_catalog(tmp_path: Path) -> None:
    entries = [{"id": i, "context_window": 128000} for i in _IDS[:22]]
    write(tmp_path, {"config/all_models.json": json.dumps({"models": entries}, indent=2),
                     "config/app.yaml": "llm:\n  model: gpt-4o-mini\n"})
    found = models(tmp_path)
    contexts = {f.path: f.context for f in found}
    assert contexts["config/all_models.json"] == "catalog"
    assert contexts["config/app.yaml"] == "config"
    assert sum(1 for f in found if f.context == "catalog") == 22


def test_a_few_models_in_a_row_are_not_a_catalog(tmp_path: Path) -> None:
    write(tmp_path, {"app/models.py": 'FAST = "gpt-4o-mini"\nSMART = "gpt-4o"\nEMBED = "text-embedding-3-small"\n'})
    assert {f.context for f in models(tmp_path)} == {"app"}


def test_fixtures_under_tests_stay_tests(tmp_path: Path) -> None:
    table = "".join(f'  "{i}",\n' for i in _IDS)
    write(tmp_path, {"tests/fixtures/models.json": "[\n" + table.rstrip(",\n") + "\n]\n"})
    assert {f.context for f in models(tmp_path)} == {"test"}
