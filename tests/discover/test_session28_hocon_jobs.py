"""HOCON job and settings files (``.conf``: Spark / Flink / SeaTunnel jobs, Akka / Play settings) are read line by
line: a value under a model key and a model location under any key, never a prompt, a provider enum or a URL that
only locates an API. Fixtures written for these tests, shaped like a data-pipeline job with LLM and embedding
transforms."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_JOB = """env {
  parallelism = 1
  job.mode = "BATCH"
}

source {
  FakeSource {
    row.num = 5
    schema = { fields { id = "int", name = "string" } }
    result_table_name = "fake"
  }
}

transform {
  LLM {
    source_table_name = "fake"
    model_provider = OPENAI
    model = gpt-4o-mini
    api_key = sk-xxx
    prompt = "Determine whether the row names a river"
    api_path = "http://mockserver:1080/v1/chat/completions"
  }
  Embedding {
    model_provider = OPENAI
    "model" = "text-embedding-3-small"
    // model = text-embedding-ada-002
    vectorization_fields {
      name_vector = name
    }
  }
}
"""


def test_a_hocon_jobs_model_keys_are_read(tmp_path: Path) -> None:
    got = found(tmp_path, "jobs/llm_transform.conf", _JOB)
    assert got == {(18, "gpt-4o-mini"), (25, "text-embedding-3-small")}


def test_a_hocon_extension_is_read_too(tmp_path: Path) -> None:
    assert found(tmp_path, "conf/app.hocon", 'llm {\n  model: "qwen2.5:7b"\n  timeout = 30s\n}\n') \
        == {(2, "qwen2.5:7b")}


def test_a_server_conf_without_model_keys_gives_nothing(tmp_path: Path) -> None:
    text = ("upstream app { server 127.0.0.1:8000; }\nserver {\n  listen 80;\n"
            "  location /v1/ { proxy_pass http://app; }\n  client_max_body_size = 20m\n}\n")
    assert found(tmp_path, "deploy/nginx.conf", text) == set()


def test_hocon_blocks_opened_on_one_line(tmp_path: Path) -> None:
    """`app { llm { model = "gpt-4o-mini" } }`: the innermost block of a line is read, at its own column; an include
    line and block openers give nothing."""
    text = ('include "../../secret.conf"\napp { llm { model = "gpt-4o-mini" } }\n'
            'transform {\n  LLM { model = gpt-4o }\n}\n')
    got = found(tmp_path, "conf/application.conf", text)
    assert ("gpt-4o-mini" in {raw for _, raw in got}) and ("gpt-4o" in {raw for _, raw in got})
    assert {line for line, _ in got} == {2, 4}
