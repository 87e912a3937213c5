"""tuneC33 (issue 10): a gateway's model list names each model twice, a short name clients ask for and the id the
gateway calls (``{"name": "claude-4.5-sonnet", "model": "global.anthropic.claude-sonnet-4-5-20250929-v1:0"}``). An
entry's ``name`` beside a model key was read as the entry's label only, unless it spelt the id again; a name whose
every word is a word of the entry's model id, and which reads as a model, is now the app's name for that model. A
label of other words (``chat``, ``primary-llm``) stays the entry's own, as does the name of an entry with an id of
its own (an agent's or an actor's label) or of one whose model is a Hub repository (a Bento's or a Deployment's
name: ``name: gpt-oss-20b`` beside ``model_id: openai/gpt-oss-20b``).

Fixtures are written for these tests (not copied from any repository). No timing assertions."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found as _found

_GATEWAY = """\
{
  "bedrock": {
    "llm": {
      "models": [
        { "name": "claude-4.5-sonnet", "model": "global.anthropic.claude-sonnet-4-5-20250929-v1:0" },
        { "name": "llama4-scout", "model": "us.meta.llama4-scout-17b-instruct-v1:0" },
        { "name": "primary-llm", "model": "us.meta.llama4-maverick-17b-instruct-v1:0" },
        { "name": "chat", "model": "global.anthropic.claude-haiku-4-5-20251001-v1:0" },
        { "id": "a1b2", "name": "nova-lite", "model": "amazon.nova-lite-v1:0" }
      ]
    }
  }
}
"""


def test_short_name_of_the_entry_model(tmp_path: Path) -> None:
    got = _found(tmp_path, "config.json", _GATEWAY)
    assert (5, "claude-4.5-sonnet") in got
    assert (6, "llama4-scout") in got
    assert (7, "us.meta.llama4-maverick-17b-instruct-v1:0") in got
    assert not {raw for _, raw in got} & {"primary-llm", "chat", "nova-lite"}


_REGISTRY = """\
embedding_models:
  - name: "text_embedding_3_large"
    model_id: "text-embedding-3-large"
    dimensions: 3072
"""


def test_id_spelt_as_a_code_key_is_not_a_short_name(tmp_path: Path) -> None:
    got = _found(tmp_path, "models/openai-models.yml", _REGISTRY)
    assert (3, "text-embedding-3-large") in got
    assert not any(raw == "text_embedding_3_large" for _, raw in got)


_SERVING_VALUES = """\
servingEngineSpec:
  modelSpec:
  - name: "llama-4-scout"
    repository: "vllm/vllm-openai"
    tag: "latest"
    modelURL: "meta-llama/Llama-4-Scout-17B-16E-Instruct"
    replicaCount: 1
"""


def test_name_of_a_hub_repository_entry_stays_the_services(tmp_path: Path) -> None:
    got = _found(tmp_path, "helm/values.yaml", _SERVING_VALUES)
    assert (6, "meta-llama/Llama-4-Scout-17B-16E-Instruct") in got
    assert not any(raw == "llama-4-scout" for _, raw in got)
