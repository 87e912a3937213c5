"""Per-model serving configs (session 18, found on held-out-15 after it was opened): a serving file's ``name`` named
after the model it loads is the name clients send as the model, and the ``model_id_or_path`` /
``tokenizer_name_or_path`` pair are model keys. Fixtures written for these tests."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_SERVE_YAML = """\
port: 8000
name: chartqa-7b
route_prefix: /chartqa-7b
num_replicas: 1
device: cpu
model_description:
  model_id_or_path: acme-research/chartqa-7b
  tokenizer_name_or_path: acme-research/chartqa-7b
  chat_template: "templates/template_llama2.jinja"
"""


def test_serving_file_name_and_model_pair(tmp_path: Path) -> None:
    got = found(tmp_path, "inference/models/chartqa.yaml", _SERVE_YAML)
    assert (2, "chartqa-7b") in got
    assert (7, "acme-research/chartqa-7b") in got
    assert (8, "acme-research/chartqa-7b") in got
    assert not any(raw.startswith("/") or raw.endswith(".jinja") for _line, raw in got)


def test_serving_name_that_extends_the_model(tmp_path: Path) -> None:
    text = ("name: mpt-7b-ipex-llm\nroute_prefix: /mpt-7b-ipex-llm\nmodel_description:\n"
            "  model_id_or_path: mosaicml/mpt-7b-chat\n  tokenizer_name_or_path: mosaicml/mpt-7b-chat\n")
    got = found(tmp_path, "models/ipex/mpt.yaml", text)
    assert (1, "mpt-7b-ipex-llm") in got


def test_application_named_otherwise_is_not_a_model(tmp_path: Path) -> None:
    # a Ray Serve application (or any service) named for itself, not for the model it loads
    text = ("name: chat-service\nroute_prefix: /\nmodel_description:\n  model_id_or_path: acme-research/chartqa-7b\n")
    got = found(tmp_path, "serve/app.yaml", text)
    assert (1, "chat-service") not in got
    assert (4, "acme-research/chartqa-7b") in got
