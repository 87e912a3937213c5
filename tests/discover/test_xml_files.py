"""XML config files (issue 10, xmlsource13): Maven, Spring, MSBuild/.NET, app.config, .resx and Android values.

Fixtures are written for these tests (not copied from any repository). Hostile inputs are bounded by counted steps
and structural limits; no timing assertions."""

from __future__ import annotations

from pathlib import Path

import pytest

import modelmap
from modelmap.discover.base import BudgetExceeded, SourceFile, file_budget
from modelmap.discover.xml_files import MAX_ELEMENTS, XmlFileSource, is_xml_config, parse_xml
from modelmap.types import Finding, Skip
from tests.discover.scan_helpers import found as _found

_POM = """\
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
    <modelVersion>4.0.0</modelVersion>
    <groupId>com.example.assistant</groupId>
    <artifactId>support-bot</artifactId>
    <version>0.3.1</version>
    <properties>
        <java.version>21</java.version>
        <spring-ai.version>1.0.0</spring-ai.version>
        <spring.ai.openai.chat.options.model>gpt-4o-mini</spring.ai.openai.chat.options.model>
        <spring.ai.openai.embedding.options.model>text-embedding-3-small</spring.ai.openai.embedding.options.model>
        <app.greeting>Ask the assistant anything</app.greeting>
    </properties>
    <dependencies>
        <dependency>
            <groupId>org.springframework.ai</groupId>
            <artifactId>spring-ai-starter-model-openai</artifactId>
        </dependency>
        <dependency>
            <groupId>com.microsoft.onnxruntime</groupId>
            <artifactId>onnxruntime</artifactId>
            <version>1.18.0</version>
        </dependency>
    </dependencies>
</project>
"""

_BEANS = """\
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE beans PUBLIC "-//SPRING//DTD BEAN 2.0//EN" "https://www.springframework.org/dtd/spring-beans-2.0.dtd">
<beans>
    <bean id="dashscopeOptions" class="com.example.ai.DashScopeChatOptions">
        <property name="model" value="qwen-max"/>
        <property name="temperature" value="0.3"/>
    </bean>
    <bean id="embeddingClient" class="com.example.ai.EmbeddingClient">
        <constructor-arg name="modelName" value="BAAI/bge-m3"/>
        <property name="endpoint" value="http://localhost:8080/embed"/>
    </bean>
</beans>
"""

_CSPROJ = """\
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net8.0</TargetFramework>
    <Nullable>enable</Nullable>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="LLamaSharp" Version="0.19.0" />
    <PackageReference Include="Microsoft.ML.OnnxRuntimeGenAI" Version="0.5.2" />
  </ItemGroup>
  <ItemGroup>
    <ModelDownload Include="chat">
      <DownloadUrl>https://huggingface.co/Qwen/Qwen2.5-0.5B-Instruct-GGUF/resolve/main/qwen2.5-0.5b-instruct-q4_k_m.gguf</DownloadUrl>
      <LocalFileName>qwen2.5-0.5b-instruct-q4_k_m.gguf</LocalFileName>
    </ModelDownload>
  </ItemGroup>
  <ItemGroup>
    <None Update="appsettings.json">
      <CopyToOutputDirectory>PreserveNewest</CopyToOutputDirectory>
    </None>
  </ItemGroup>
</Project>
"""

_STRINGS = """\
<?xml version="1.0" encoding="utf-8"?>
<resources xmlns:tools="http://schemas.android.com/tools">
    <string name="app_name">Pocket Chat</string>
    <string name="default_model_id" translatable="false">gemma-3n-E2B-it</string>
    <string name="model_picker_title">Choose a model</string>
</resources>
"""

_APP_CONFIG = """\
<?xml version="1.0" encoding="utf-8" ?>
<configuration>
  <appSettings>
    <add key="OpenAI:ApiKey" value="" />
    <add key="OpenAI:ChatModel" value="gpt-4.1-mini" />
    <add key="Logging:Level" value="Information" />
  </appSettings>
</configuration>
"""

_RESX = """\
<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <data name="EmbeddingModel" xml:space="preserve">
    <value>nomic-embed-text</value>
  </data>
  <data name="WelcomeText" xml:space="preserve">
    <value>Hello from the model</value>
  </data>
</root>
"""


def _scan(path: str, text: str) -> list[Finding | Skip]:
    with file_budget():
        return list(XmlFileSource().scan(SourceFile(path, text, "config")))


def _raws(items: list[Finding | Skip]) -> set[tuple[int, str]]:
    return {(f.line, f.raw) for f in items if isinstance(f, Finding) and f.kind != "endpoint"}


def test_pom_spring_ai_properties_are_models_and_dependencies_are_not(tmp_path: Path) -> None:
    got = _found(tmp_path, "pom.xml", _POM)
    assert got == {(11, "gpt-4o-mini"), (12, "text-embedding-3-small")}


def test_spring_beans_property_pairs(tmp_path: Path) -> None:
    got = _found(tmp_path, "src/main/resources/applicationContext.xml", _BEANS)
    assert got == {(5, "qwen-max"), (9, "BAAI/bge-m3")}


def test_csproj_model_download_items(tmp_path: Path) -> None:
    got = _found(tmp_path, "Chat.csproj", _CSPROJ)
    assert got == {
        (12, "https://huggingface.co/Qwen/Qwen2.5-0.5B-Instruct-GGUF/resolve/main/qwen2.5-0.5b-instruct-q4_k_m.gguf"),
        (13, "qwen2.5-0.5b-instruct-q4_k_m.gguf"),
    }


def test_columns_point_at_the_value() -> None:
    items = _scan("Chat.csproj", _CSPROJ)
    local = next(f for f in items if isinstance(f, Finding) and f.raw == "qwen2.5-0.5b-instruct-q4_k_m.gguf")
    line = _CSPROJ.splitlines()[local.line - 1]
    assert line[local.column - 1:].startswith("qwen2.5-0.5b-instruct-q4_k_m.gguf")
    beans = _scan("beans.xml", _BEANS)
    qwen = next(f for f in beans if isinstance(f, Finding) and f.raw == "qwen-max")
    assert _BEANS.splitlines()[qwen.line - 1][qwen.column - 1:].startswith("qwen-max\"")


def test_android_string_resource(tmp_path: Path) -> None:
    got = _found(tmp_path, "app/src/main/res/values/strings.xml", _STRINGS)
    assert got == {(4, "gemma-3n-E2B-it")}


def test_app_config_app_settings(tmp_path: Path) -> None:
    got = _found(tmp_path, "src/Chat/App.config", _APP_CONFIG)
    assert got == {(5, "gpt-4.1-mini")}


def test_resx_data_value(tmp_path: Path) -> None:
    assert _found(tmp_path, "Properties/Settings.resx", _RESX) == {(5, "nomic-embed-text")}


def test_file_types() -> None:
    for path in ("pom.xml", "a/b.csproj", "Directory.Build.props", "x.targets", "web.config", "R.resx",
                 "app/src/main/res/values/strings.xml", "Info.plist"):
        assert is_xml_config(path), path
    for path in ("logo.svg", "schema.xsd", "svc.wsdl", "app/src/main/res/layout/main.xml",
                 "app/src/main/res/drawable/bg.xml", "config/checkstyle.xml", "reports/TEST-com.x.ChatTest.xml"):
        assert not is_xml_config(path), path


def test_a_config_file_in_another_format_is_left_alone() -> None:
    assert _scan("deploy.config", "model = gpt-4o\n") == []


def _skips(items: list[Finding | Skip]) -> list[Skip]:
    return [s for s in items if isinstance(s, Skip)]


def test_billion_laughs_is_a_parse_error_skip() -> None:
    lol = "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    text = f'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">{lol}]><lolz><model>&lol9;</model></lolz>'
    items = _scan("bomb.xml", text)
    assert [s.reason for s in _skips(items)] == ["parse-error"]
    assert "EntitiesForbidden" in _skips(items)[0].detail
    assert not [f for f in items if isinstance(f, Finding)]


def test_external_entity_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("gpt-4o\n")
    text = (f'<?xml version="1.0"?><!DOCTYPE c [<!ENTITY xxe SYSTEM "file://{secret}">]>'
            "<configuration><model>&xxe;</model></configuration>")
    items = _scan("app.config", text)
    assert [s.reason for s in _skips(items)] == ["parse-error"]
    assert not [f for f in items if isinstance(f, Finding)]


def test_deep_nesting_is_a_parse_error_skip() -> None:
    text = "<a>" * 50_000 + "<model>gpt-4o</model>" + "</a>" * 50_000
    items = _scan("deep.xml", text)
    assert [s.reason for s in _skips(items)] == ["parse-error"]
    assert "deeper than" in _skips(items)[0].detail


def test_malformed_and_element_cap() -> None:
    assert [s.reason for s in _skips(_scan("pom.xml", "<project><model>gpt-4o</project>"))] == ["parse-error"]
    many = "<r>" + "<i>x</i>" * (MAX_ELEMENTS + 10) + "<model>gpt-4o</model></r>"
    with file_budget(steps=10**9):
        _, capped = parse_xml(many)
    assert capped


def test_budget_counts_steps_per_element() -> None:
    text = "<r>" + "<i>x</i>" * 5000 + "</r>"
    with file_budget(steps=1000), pytest.raises(BudgetExceeded):
        parse_xml(text)
    with file_budget(steps=1000):
        items = list(XmlFileSource().scan(SourceFile("big.xml", text, "config")))
    assert [s.reason for s in _skips(items)] == ["analysis-budget"]


def test_huge_single_line_and_invalid_utf8_are_skipped_by_the_scan(tmp_path: Path) -> None:
    (tmp_path / "dump.xml").write_text("<r>" + "<model>gpt-4o</model>" * 500_000 + "</r>")  # ~10 MB, one line
    (tmp_path / "bad.csproj").write_bytes(b"<Project><Model>gpt-4o \xff\xfe</Model></Project>")
    (tmp_path / "pom.xml").write_text(_POM)
    result = modelmap.scan(str(tmp_path), resolve=False)
    reasons = {s.path: s.reason for s in result.skips}
    assert reasons["dump.xml"] == "too-large"
    assert reasons["bad.csproj"] == "invalid-utf8"
    assert {f.raw for f in result.findings if f.kind != "endpoint"} == {"gpt-4o-mini", "text-embedding-3-small"}


def test_large_file_over_the_xml_cap_is_reported() -> None:
    text = "<r>" + "<i>x</i>" * 140_000 + "</r>"  # over 1 MiB, under the scan's 4 MiB
    assert [s.reason for s in _skips(_scan("big.xml", text))] == ["too-large"]


_PLIST = """\
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
    <key>CFBundleName</key>
    <string>Pocket Assistant</string>
    <key>DefaultChatModel</key>
    <string>house-assistant-v2</string>
    <key>NSMicrophoneUsageDescription</key>
    <string>Speak to the model</string>
</dict>
</plist>
"""


def test_plist_key_names_the_value_after_it(tmp_path: Path) -> None:
    # the DOCTYPE names an external DTD that is never fetched; the file is read, not refused
    assert _found(tmp_path, "App/Info.plist", _PLIST) == {(8, "house-assistant-v2")}


def test_declared_legacy_encoding_keeps_columns() -> None:
    text = '<?xml version="1.0" encoding="ISO-8859-1"?><config><model>qwen2.5:7b</model></config>\n'
    hit = next(f for f in _scan("settings.xml", text) if isinstance(f, Finding))
    assert (hit.raw, text[hit.column - 1:].startswith("qwen2.5:7b")) == ("qwen2.5:7b", True)
