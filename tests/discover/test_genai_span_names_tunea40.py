"""An OpenTelemetry GenAI span is named `{operation} {model}` ("chat gpt-4o-mini", "embeddings
text-embedding-3-small"): a trace test's span name holds the model it stands for. Only a tail that reads as a model
on its own counts ("chat room" is no model). Fixture written for these tests."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found


def test_span_names_beside_the_request_model_attribute(tmp_path: Path) -> None:
    text = ("#[cfg(test)]\n"
            "mod tests {\n"
            "    #[test]\n"
            "    fn embeddings_span() {\n"
            "        let mut attributes = HashMap::new();\n"
            '        attributes.insert("gen_ai.request.model".to_string(), json!("text-embedding-3-small"));\n'
            '        let span = Span { name: "embeddings text-embedding-3-small".to_string(), attributes };\n'
            "        assert!(span.is_llm());\n"
            '        let other = Span { name: "chat room-42".to_string(), attributes: HashMap::new() };\n'
            "        assert!(!other.is_llm());\n"
            "    }\n"
            "}\n")
    got = found(tmp_path, "src/traces/embed.rs", text)
    assert (7, "text-embedding-3-small") in got
    assert not {raw for line, raw in got if line == 9}
