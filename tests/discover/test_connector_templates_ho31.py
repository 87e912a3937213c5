"""Held-out-31 (tuneA37): connector / workflow templates in JSON and YAML.

A connector's action URL for Amazon Bedrock Runtime (`…/model/<id>/invoke`) names the model it runs, under a `url`
key or a dotted defaults key, with a templated region; a Bedrock ARN names its model by id; a registered model's
display name (a provider's name joined to an id) and an agent's `llm_interface` name no model.
"""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_WORKFLOW_JSON = """{
  "name": "Ticket triage agent",
  "nodes": [
    {
      "id": "make_connector",
      "type": "create_connector",
      "user_inputs": {
        "name": "Claude connector",
        "protocol": "aws_sigv4",
        "actions": [
          {
            "action_type": "predict",
            "method": "POST",
            "url": "https://bedrock-runtime.eu-central-1.amazonaws.com/model/anthropic.claude-3-haiku-20240307-v1:0/invoke"
          },
          {
            "action_type": "predict",
            "url": "https://bedrock-runtime.eu-central-1.amazonaws.com/model/${parameters.model}/converse"
          }
        ],
        "parameters": {
          "model_arn": "arn:aws:bedrock:eu-central-1::foundation-model/amazon.titan-embed-text-v2:0",
          "policy_arn": "arn:aws:bedrock:*::foundation-model/*"
        }
      }
    },
    {
      "id": "make_openai_connector",
      "type": "create_connector",
      "user_inputs": {
        "name": "OpenAI chat connector",
        "parameters": {"model": "gpt-4o-mini"}
      }
    },
    {
      "id": "register_model",
      "type": "register_remote_model",
      "user_inputs": {"name": "openAI-gpt-4o-mini", "deploy": true}
    }
  ]
}
"""


def test_bedrock_invoke_url_and_arn_in_json_template(tmp_path: Path) -> None:
    got = found(tmp_path, "templates/triage-agent.json", _WORKFLOW_JSON)
    assert (14, "anthropic.claude-3-haiku-20240307-v1:0") in got
    assert (22, "amazon.titan-embed-text-v2:0") in got
    assert (32, "gpt-4o-mini") in got
    # a templated model segment and a wildcard ARN name none; the registered model's display name is not its id
    assert not {r for r in got if r[0] in (18, 23, 38)}


def test_bedrock_invoke_url_in_yaml_template(tmp_path: Path) -> None:
    text = (
        "name: Summary agent\n"
        "workflows:\n"
        "  provision:\n"
        "    nodes:\n"
        "      - id: make_connector\n"
        "        type: create_connector\n"
        "        user_inputs:\n"
        "          actions:\n"
        "            - action_type: predict\n"
        "              method: POST\n"
        "              url: https://bedrock-runtime.us-east-2.amazonaws.com/model/meta.llama3-8b-instruct-v1:0/invoke\n"
        "      - id: register_model\n"
        "        type: register_remote_model\n"
        "        user_inputs:\n"
        "          name: azure-gpt-4o\n"
    )
    got = found(tmp_path, "templates/summary-agent.yml", text)
    assert (11, "meta.llama3-8b-instruct-v1:0") in got
    assert not {r for r in got if r[0] == 15}


def test_bedrock_invoke_url_under_dotted_defaults_key(tmp_path: Path) -> None:
    text = (
        "{\n"
        '  "template.name": "semantic_search_with_titan",\n'
        '  "make_connector.region": "us-east-1",\n'
        '  "make_connector.actions.url": '
        '"https://bedrock-runtime.${parameters.region}.amazonaws.com/model/amazon.titan-embed-image-v1/invoke",\n'
        '  "register_agent.llm_interface": "bedrock/converse/claude",\n'
        '  "register_model.name": "Titan multimodal embedding"\n'
        "}\n"
    )
    got = found(tmp_path, "defaults/titan-search-defaults.json", text)
    assert (4, "amazon.titan-embed-image-v1") in got
    # the agent's interface (a provider, an operation and a family) is no model
    assert not {r for r in got if r[0] == 5}


def test_other_hosts_and_family_words_unchanged(tmp_path: Path) -> None:
    text = (
        "proxy:\n"
        "  url: https://llm-proxy.internal.example/model/anthropic.claude-3-haiku-20240307-v1:0/invoke\n"
        "models:\n"
        "  - name: gemini-2.5-pro\n"
        "  - name: qwen-max\n"
    )
    got = found(tmp_path, "config/routes.yaml", text)
    # a proxy's own address is not Bedrock Runtime's; a model named with its family word is still a model
    assert not {r for r in got if r[0] == 2}
    assert (4, "gemini-2.5-pro") in got
    assert (5, "qwen-max") in got


def test_gateway_transformation_sets_model_to_a_string_expression(tmp_path: Path) -> None:
    text = (
        "apiVersion: gateway.example.dev/v1\n"
        "kind: ModelRoute\n"
        "metadata:\n"
        "  name: fast-tier\n"
        "spec:\n"
        "  match:\n"
        "    model: fast\n"
        "  transformations:\n"
        "  - field: model\n"
        "    expression: '\"claude-haiku-4-5-20251001\"'\n"
        "  - field: model\n"
        "    expression: 'request.headers[\"x-model\"]'\n"
        "  - field: temperature\n"
        "    expression: '\"0.2\"'\n"
    )
    got = found(tmp_path, "deploy/routes.yaml", text)
    assert (10, "claude-haiku-4-5-20251001") in got
    # an expression computing its value, and another field's literal, name no model
    assert not {r for r in got if r[0] in (12, 14)}


def test_sql_statement_calls_a_model_through_the_database(tmp_path: Path) -> None:
    text = (
        "sources:\n"
        "  tickets-db:\n"
        "    kind: alloydb-postgres\n"
        "tools:\n"
        "  find-similar:\n"
        "    kind: postgres-sql\n"
        "    source: tickets-db\n"
        "    statement: |\n"
        "      SELECT id, title, (vec <=> embedding('gemini-embedding-001', $1)::vector) AS distance\n"
        "      FROM tickets ORDER BY distance LIMIT 5;\n"
        "  summarise:\n"
        "    kind: postgres-sql\n"
        "    statement: SELECT ai.openai_chat_complete( 'gpt-4o-mini', $1 ) AS answer\n"
        "  plain:\n"
        "    kind: postgres-sql\n"
        "    statement: SELECT id FROM tickets WHERE lower(status) = lower('open')\n"
    )
    got = found(tmp_path, "deploy/toolbox/tools.yaml", text)
    assert (9, "gemini-embedding-001") in got
    assert (13, "gpt-4o-mini") in got
    assert not {r for r in got if r[0] == 16}


def test_registered_local_model_name_and_its_artifact(tmp_path: Path) -> None:
    text = (
        "{\n"
        '  "nodes": [\n'
        "    {\n"
        '      "id": "register_sparse",\n'
        '      "type": "register_local_custom_model",\n'
        '      "user_inputs": {\n'
        '        "name": "neural-sparse/opensearch-neural-sparse-encoding-doc-v2-mini",\n'
        '        "version": "1.0.0",\n'
        '        "model_format": "TORCH_SCRIPT",\n'
        '        "url": "https://artifacts.opensearch.org/models/ml-models/amazon/neural-sparse/'
        'opensearch-neural-sparse-encoding-doc-v2-mini/1.0.0/torch_script/'
        'opensearch-neural-sparse-encoding-doc-v2-mini-1.0.0.zip"\n'
        "      }\n"
        "    },\n"
        "    {\n"
        '      "id": "register_agent",\n'
        '      "user_inputs": {"name": "neural-sparse/query-helper", "type": "flow"}\n'
        "    }\n"
        "  ]\n"
        "}\n"
    )
    got = found(tmp_path, "templates/sparse-search.json", text)
    assert (7, "neural-sparse/opensearch-neural-sparse-encoding-doc-v2-mini") in got
    assert any(line == 10 and raw.startswith("https://artifacts.opensearch.org/models/ml-models/")
               for line, raw in got)
    # a name with no artifact format beside it is an agent's, not a model's
    assert not {r for r in got if r[0] == 16}


def test_flattened_defaults_register_a_pretrained_model(tmp_path: Path) -> None:
    text = (
        "{\n"
        '  "template.name": "sparse_search",\n'
        '  "register_sparse_model.name": "amazon/neural-sparse/opensearch-neural-sparse-encoding-doc-v2-mini",\n'
        '  "register_sparse_model.model_format": "TORCH_SCRIPT",\n'
        '  "create_index.name": "docs-index",\n'
        '  "register_agent.name": "amazon/agents/query-helper"\n'
        "}\n"
    )
    got = found(tmp_path, "defaults/sparse-search-defaults.json", text)
    assert (3, "amazon/neural-sparse/opensearch-neural-sparse-encoding-doc-v2-mini") in got
    assert not {r for r in got if r[0] in (5, 6)}


def test_bedrock_versioned_id_is_served_by_bedrock_not_ollama(tmp_path: Path) -> None:
    import modelmap

    (tmp_path / "app.yaml").write_text(
        "embedder:\n  model: amazon.titan-embed-text-v2:0\nchat:\n  model: amazon.nova-pro-v1:0\n"
        "local:\n  model: qwen2.5:7b\n")
    by_raw = {f.raw: f for f in modelmap.scan(str(tmp_path), resolve=False).findings}
    for raw in ("amazon.titan-embed-text-v2:0", "amazon.nova-pro-v1:0"):
        assert (by_raw[raw].kind, by_raw[raw].provider) == ("api-model", "aws-bedrock")
    # an Ollama tag is still one
    assert (by_raw["qwen2.5:7b"].kind, by_raw["qwen2.5:7b"].provider) == ("ollama-tag", "ollama")
