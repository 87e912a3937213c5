"""A Bedrock model id behind the AWS region it is called in (`us-east-1/anthropic.claude-v2`, LiteLLM's
`bedrock/<region>/<model>` without the provider word) is that Bedrock model; a provider's own hyphenated id
(`meta-llama`, `azure-openai`) in a prefix-to-provider table is no model. Fixtures written for these tests."""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.identify import classify
from tests.discover.scan_helpers import found


def test_region_prefixed_bedrock_ids() -> None:
    hit = classify("us-east-1/anthropic.claude-v2", "key")
    assert hit is not None and hit.provider == "aws-bedrock"
    hit = classify("eu-central-1/meta.llama3-8b-instruct-v1:0", "none")
    assert hit is not None and hit.provider == "aws-bedrock"
    assert classify("us-east-1/my-bucket", "key") is None or classify("us-east-1/my-bucket", "key").provider != \
        "aws-bedrock"


def test_hyphenated_provider_ids_are_no_models() -> None:
    for value in ("meta-llama", "azure-openai", "together-ai"):
        assert classify(value, "key") is None, value
    assert classify("codestral", "key") is not None  # a provider prefix that is also a model's name


def test_a_rust_prefix_table_and_a_region_prefixed_test_id(tmp_path: Path) -> None:
    text = ("const PREFIXES: &[(&[&str], &str)] = &[\n"
            '    (&["claude-"], "anthropic"),\n'
            '    (&["llama-", "llama3"], "meta-llama"),\n'
            "];\n"
            "#[cfg(test)]\n"
            "mod tests {\n"
            "    #[test]\n"
            "    fn parses_region() {\n"
            '        let parsed = parse("bedrock/us-west-2/anthropic.claude-3-haiku-20240307-v1:0");\n'
            '        assert_eq!(parsed.raw_model, "us-west-2/anthropic.claude-3-haiku-20240307-v1:0");\n'
            "    }\n"
            "}\n")
    got = found(tmp_path, "src/costs.rs", text)
    assert (10, "us-west-2/anthropic.claude-3-haiku-20240307-v1:0") in got
    assert (3, "meta-llama") not in got
