"""Embed documents and queries with BGE-M3; rerank with the BGE reranker."""
from FlagEmbedding import FlagReranker
from sentence_transformers import SentenceTransformer

from app.settings import EMBEDDING_MODEL, RERANK_MODEL

_embedder = SentenceTransformer(EMBEDDING_MODEL)
_reranker = FlagReranker(RERANK_MODEL, use_fp16=True)


def embed(texts: list[str]) -> list[list[float]]:
    return _embedder.encode(texts, normalize_embeddings=True).tolist()


def rerank(query: str, passages: list[str]) -> list[float]:
    return _reranker.compute_score([[query, p] for p in passages])
