"""A script held in a YAML literal block that no settings reader takes (a stream processor's `mapping: |`, a
snippet run by a CI or seeding tool) binds its model lists to model-named variables or keys: `let models = [...]`,
`{"provider": "openai", "models": [...]}`. Their quoted items are read as a model key's values; lists under other
names, and lists of records, are not. Fixtures written for these tests."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found


def test_model_lists_in_a_mapping_script(tmp_path: Path) -> None:
    text = ("input:\n"
            "  generate:\n"
            "    interval: 1s\n"
            "    mapping: |\n"
            "      let kinds = [\"input\", \"output\"]\n"
            "      let models = [\n"
            "        \"gpt-4o-mini\",\n"
            "        \"text-embedding-3-small\",\n"
            "      ]\n"
            "      let vendors = [\n"
            "        {\"provider\": \"anthropic\", \"models\": [\"claude-3-5-haiku\", \"claude-3-opus\"]}\n"
            "      ]\n"
            "      root.model = $models.index(random_int() % $models.length())\n")
    got = found(tmp_path, "seed/stream.yaml", text)
    assert {(7, "gpt-4o-mini"), (8, "text-embedding-3-small"), (11, "claude-3-5-haiku"), (11, "claude-3-opus")} <= got
    assert not {raw for _, raw in got} & {"input", "output", "anthropic"}


def test_lists_under_other_names_in_a_block_are_no_models(tmp_path: Path) -> None:
    text = ("job:\n"
            "  mapping: |\n"
            "    let regions = [\"us-east-1\", \"eu-west-1\"]\n"
            "    let tiers = [\"small\", \"large\"]\n"
            "    root = this\n")
    assert found(tmp_path, "pipeline.yaml", text) == set()
