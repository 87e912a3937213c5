"""scan21a: an entry of a model-listing API reply (OpenAI's `GET /v1/models` shape, which OpenAI-compatible
servers answer with too: `{"id": ..., "object": "model", "root": ..., "parent": ...}`; Anthropic's
`{"type": "model", "id": ..., "display_name": ...}`) names models by its type, whatever the names look like.
Fixtures written for these tests."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_OPENAI_LIST = '''\
{
  "object": "list",
  "data": [
    {
      "id": "curie-search-query",
      "object": "model",
      "created": 1651172509,
      "owned_by": "openai-dev",
      "permission": [
        {
          "id": "modelperm-Xq3b9sQm2",
          "object": "model_permission",
          "allow_sampling": true
        }
      ],
      "root": "curie-search-query",
      "parent": null
    },
    {
      "id": "babbage:ft-acme-2024-01-02-03-04-05",
      "object": "model",
      "owned_by": "user-abc",
      "root": "babbage:2020-05-03",
      "parent": "babbage:2020-05-03"
    },
    {
      "id": "test-model",
      "object": "model",
      "root": "test-model"
    }
  ]
}
'''

_VLLM_YAML = '''\
# a mocked reply of a local vLLM server's /v1/models
object: list
data:
  - id: acme-support-bot
    object: model
    owned_by: vllm
    root: /mnt/weights/acme-support-bot
'''

_ANTHROPIC = '''\
{
  "data": [
    {"type": "model", "id": "claude-sonnet-9-20300101", "display_name": "Claude Sonnet 9", "created_at": "2030-01-01"}
  ],
  "has_more": false
}
'''

_NOT_A_LIST = '''\
{
  "items": [
    {"id": "ada-lovelace", "object": "user", "root": "ada-lovelace"},
    {"id": "search-document", "type": "model", "root": "x"}
  ]
}
'''


def test_openai_model_list_reply(tmp_path: Path) -> None:
    got = found(tmp_path, "test/data/models.json", _OPENAI_LIST)
    assert (5, "curie-search-query") in got
    assert (16, "curie-search-query") in got
    assert (20, "babbage:ft-acme-2024-01-02-03-04-05") in got
    assert (23, "babbage:2020-05-03") in got  # root: the fine-tune's base
    assert (24, "babbage:2020-05-03") in got  # parent
    raws = {raw for _, raw in got}
    assert "modelperm-Xq3b9sQm2" not in raws  # a permission record's id
    assert "test-model" not in raws  # a test double's name
    assert "null" not in raws


def test_compatible_server_reply_in_yaml(tmp_path: Path) -> None:
    got = found(tmp_path, "tests/fixtures/vllm_models.yaml", _VLLM_YAML)
    assert (4, "acme-support-bot") in got


def test_anthropic_model_list_reply(tmp_path: Path) -> None:
    got = found(tmp_path, "testdata/anthropic_models.json", _ANTHROPIC)
    assert (3, "claude-sonnet-9-20300101") in got


def test_other_typed_records_are_not_models(tmp_path: Path) -> None:
    # an `object` other than model, and `type: model` without Anthropic's display_name, say nothing
    raws = {raw for _, raw in found(tmp_path, "data/records.json", _NOT_A_LIST)}
    assert "ada-lovelace" not in raws
    assert "search-document" not in raws
