"""Private and cluster-internal model servers bound to a model client's base URL (tryout 28, item 6).

``OpenAI(base_url="http://10.0.3.7:8000/v1")`` and ``new OpenAI({ baseURL: "http://qwen-vllm.llm.svc.cluster.local:
8000/v1" })`` name a model server the company runs itself: an ``endpoint`` finding (provider ``self-hosted``, operator
and serving country unknown), and the models called through that client link to it. The same URLs anywhere else (a
web app's own routes, an HTTP client's base URL, a health check) are no model server.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import modelmap
from modelmap.discover.identify import classify_client_endpoint, classify_endpoint
from modelmap.types import Finding


def _scan(tmp_path: Path, files: dict[str, str], *, resolve: bool = False) -> list[Finding]:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return list(modelmap.scan(str(tmp_path), resolve=resolve).findings)


PY_APP = '''
    import httpx
    from openai import OpenAI

    local = OpenAI(base_url="http://10.0.3.7:8000/v1", api_key="x")
    internal = httpx.Client(base_url="http://10.0.3.8:8000/v1")
    HEALTH = "http://10.0.3.7:8000/v1/health"


    def ask(q):
        internal.get("/users")
        return local.chat.completions.create(model="Qwen/Qwen2.5-72B-Instruct",
                                             messages=[{"role": "user", "content": q}])
    '''


def test_python_private_base_url_is_a_self_hosted_endpoint_and_the_call_links_to_it(tmp_path: Path) -> None:
    found = _scan(tmp_path, {"svc/app.py": PY_APP}, resolve=True)
    endpoints = [f for f in found if f.kind == "endpoint"]
    assert [(f.line, f.raw, f.provider) for f in endpoints] == [(5, "http://10.0.3.7:8000/v1", "self-hosted")]
    served = (endpoints[0].resolution or {})["served_by"]
    assert served["id"] == "self-hosted" and served["country"] is None and served["serving"] == ["self-hosted"]
    assert served["evidence"] == "self-hosted endpoint http://10.0.3.7:8000/v1"
    model = next(f for f in found if f.raw == "Qwen/Qwen2.5-72B-Instruct")
    assert (model.provider, model.endpoint) == ("self-hosted", "http://10.0.3.7:8000/v1")
    sb = (model.resolution or {})["served_by"]
    assert sb["id"] == "self-hosted" and sb["country"] is None
    assert sb["evidence"] == "self-hosted endpoint http://10.0.3.7:8000/v1 configured for this call"
    # the weights' origin stays its own fact
    assert (model.resolution or {})["origins"] == ["CN"]


def test_python_cluster_dns_under_langchain_client_same_file_constant(tmp_path: Path) -> None:
    code = '''
    from langchain_openai import ChatOpenAI

    VLLM_URL = "http://qwen-vllm.llm.svc.cluster.local:8000/v1"
    llm = ChatOpenAI(openai_api_base=VLLM_URL, model="Qwen/Qwen2.5-32B-Instruct-AWQ", api_key="x")
    '''
    found = _scan(tmp_path, {"agent/llm.py": code})
    assert {(f.line, f.kind, f.provider, f.endpoint) for f in found} == {
        (4, "endpoint", "self-hosted", "http://qwen-vllm.llm.svc.cluster.local:8000/v1"),
        (5, "hf-repo", "self-hosted", "http://qwen-vllm.llm.svc.cluster.local:8000/v1"),
    }


TS_AGENT = '''
    import OpenAI from "openai";

    const vllm = new OpenAI({ baseURL: process.env.VLLM_BASE_URL ?? "http://qwen-vllm.llm.svc.cluster.local:8000/v1" });
    const users = await fetch("http://10.0.0.9:8080/v1/users");
    const login = "http://auth.internal/v1/login";

    export async function draftSql(q: string) {
      return vllm.chat.completions.create({ model: "Qwen/Qwen2.5-32B-Instruct-AWQ", messages: [{ role: "user", content: q }] });
    }
    '''


def test_typescript_cluster_local_base_url_is_an_endpoint_and_its_calls_link(tmp_path: Path) -> None:
    found = _scan(tmp_path, {"src/agent.ts": TS_AGENT})
    assert {(f.line, f.kind, f.provider, f.endpoint) for f in found} == {
        (4, "endpoint", "self-hosted", "http://qwen-vllm.llm.svc.cluster.local:8000/v1"),
        (9, "hf-repo", "self-hosted", "http://qwen-vllm.llm.svc.cluster.local:8000/v1"),
    }


@pytest.mark.parametrize(("url", "expected"), [
    ("http://10.0.3.7:8000/v1", ("self-hosted", "http://10.0.3.7:8000/v1")),
    ("http://192.168.1.20:5000/v1/", ("self-hosted", "http://192.168.1.20:5000/v1")),
    ("http://qwen-vllm.llm.svc.cluster.local:8000/v1", ("self-hosted", "http://qwen-vllm.llm.svc.cluster.local:8000/v1")),
    ("http://llm.corp.internal/openai/v1", ("self-hosted", "http://llm.corp.internal/openai/v1")),
    ("http://[fd00::5]:5000/v1", ("self-hosted", "http://[fd00::5]:5000/v1")),
    ("http://10.0.0.5:11434", ("ollama", "http://10.0.0.5:11434")),  # Ollama's own port names the server
    ("http://localhost:5000/v1", ("self-hosted", "http://localhost:5000/v1")),
    ("http://10.0.3.7:8000/login", None),  # no model API path
    ("http://169.254.169.254/v1", None),  # link-local: a cloud's metadata service
    ("http://8.8.8.8/v1", None),  # a public address names no operator we know
    ("https://api.example.com/v1", None),
    ("http://${LLM_HOST}:5000/v1", None),  # a placeholder host
])
def test_classify_client_endpoint(url: str, expected: tuple[str, str] | None) -> None:
    assert classify_client_endpoint(url) == expected


def test_private_urls_are_not_endpoints_outside_a_client_binding() -> None:
    for url in ("http://10.0.3.7:8000/v1", "http://qwen-vllm.llm.svc.cluster.local:8000/v1"):
        assert classify_endpoint(url) is None


def test_config_client_url_keys_on_private_hosts(tmp_path: Path) -> None:
    found = _scan(tmp_path, {
        ".env": """\
            OPENAI_BASE_URL=http://10.0.3.7:8000/v1
            OPENAI_MODEL=Qwen/Qwen2.5-72B-Instruct
            DATABASE_URL=postgres://u:p@10.0.0.2:5432/app
            AUTH_SERVICE_URL=http://auth.internal/v1
            """,
        "docker-compose.yml": """\
            services:
              app:
                image: acme/app
                environment:
                  - LLM_BASE_URL=http://qwen-vllm.llm.svc.cluster.local:8000/v1
                  - LLM_MODEL=Qwen/Qwen2.5-32B-Instruct-AWQ
                  - USERS_API=http://10.0.0.9:8080/v1
            """,
        "config.yaml": """\
            llm:
              api_base: http://192.168.1.20:5000/v1
              model: qwen2.5:7b
            health:
              url: http://10.0.3.7:8000/v1/health
            """,
    })
    assert {(f.path, f.line, f.kind, f.provider, f.endpoint) for f in found} == {
        (".env", 1, "endpoint", "self-hosted", "http://10.0.3.7:8000/v1"),
        (".env", 2, "hf-repo", "self-hosted", "http://10.0.3.7:8000/v1"),
        ("docker-compose.yml", 5, "endpoint", "self-hosted", "http://qwen-vllm.llm.svc.cluster.local:8000/v1"),
        ("docker-compose.yml", 6, "hf-repo", "self-hosted", "http://qwen-vllm.llm.svc.cluster.local:8000/v1"),
        ("config.yaml", 2, "endpoint", "self-hosted", "http://192.168.1.20:5000/v1"),
        ("config.yaml", 3, "ollama-tag", "self-hosted", "http://192.168.1.20:5000/v1"),
    }


@pytest.mark.parametrize(("key", "expected"), [
    ("OPENAI_BASE_URL", True), ("openai_api_base", True), ("api_base", True), ("baseUrl", True),
    ("VLLM_ENDPOINT", True), ("OLLAMA_HOST", True), ("embeddingBaseUrl", True), ("QWEN_VLLM_BASE_URL", True),
    ("DATABASE_URL", False), ("AUTH_SERVICE_URL", False), ("host", False), ("url", False), ("REDIS_HOST", False),
])
def test_client_url_keys(key: str, expected: bool) -> None:
    from modelmap.discover.config_files import client_url_key

    assert client_url_key(key) is expected
