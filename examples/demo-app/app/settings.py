"""Runtime settings, overridable from the environment."""
import os

ROUTER_MODEL = os.getenv("ROUTER_MODEL", "deepseek-chat")
EMBEDDING_MODEL = os.getenv("EMBEDDING_MODEL", "BAAI/bge-m3")
RERANK_MODEL = "BAAI/bge-reranker-v2-m3"
ANSWER_MODEL = os.getenv("ANSWER_MODEL", "gpt-4o")
VLLM_URL = os.getenv("VLLM_URL", "http://localhost:8000/v1")
