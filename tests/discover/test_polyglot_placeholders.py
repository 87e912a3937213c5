"""Generic-layer additions (issue 10): Spring / config placeholder defaults and bare version words."""

from __future__ import annotations

from modelmap.discover.base import SourceFile
from modelmap.discover.polyglot import PolyglotSource, has_candidate
from modelmap.types import Finding

SOURCE = PolyglotSource()


def found(path: str, text: str) -> dict[str, Finding]:
    return {f.raw: f for f in SOURCE.scan(SourceFile(path, text)) if isinstance(f, Finding) and f.kind != "endpoint"}


def test_spring_value_placeholder_default_is_the_model() -> None:
    text = (
        "package demo;\n"
        "import org.springframework.beans.factory.annotation.Value;\n"
        "public class ChatConfig {\n"
        '  @Value("${spring.ai.dashscope.chat.options.model:qwq-plus}")\n'
        "  private String chatModel;\n"
        '  @Value("${app.rerank-model:gte-rerank-v2}")\n'
        "  private String rerank;\n"
        '  @Value("${server.port:8080}")\n'
        "  private int port;\n"
        '  @Value("${app.title:qwen-max-demo}")\n'
        "  private String title;\n"
        "}\n"
    )
    got = found("src/main/java/demo/ChatConfig.java", text)
    assert set(got) == {"qwq-plus", "gte-rerank-v2"}
    assert (got["qwq-plus"].line, got["qwq-plus"].column) == (4, 52)
    assert "binding:model" in (got["qwq-plus"].evidence or ())
    assert got["gte-rerank-v2"].role == "rerank"


def test_a_file_whose_only_model_is_a_placeholder_default_is_parsed() -> None:
    text = b'class A { @Value("${spring.ai.openai.chat.options.model:deepseek-chat}") String m; }\n'
    assert has_candidate(text)
    assert not has_candidate(b'class A { @Value("${server.port:8080}") int p; }\n')


def test_a_version_word_in_a_switch_on_the_model_version_is_no_model() -> None:
    text = (
        "public class Spark {\n"
        "  void Pick(string modelVersion) {\n"
        "    switch (modelVersion) {\n"
        '      case "V2": break;\n'
        '      case "v3.5": break;\n'
        '      case "spark-lite-v2": break;\n'
        "    }\n"
        "  }\n"
        "}\n"
    )
    assert set(found("src/Spark.cs", text)) == {"spark-lite-v2"}
