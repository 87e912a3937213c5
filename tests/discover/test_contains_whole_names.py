"""contains()/includes() of a whole checkpoint name is a model even where the knowledge base does not hold the name:
a family with its size and variant (`Qwen2.5-7B-Instruct`), a WhisperKit build (`openai_whisper-large-v3_947MB`)
looked up in a device's supported list. A family word (`qwen`), a series start the knowledge base knows models
under (`gpt-oss`) and any startsWith() argument stay family checks."""

from __future__ import annotations

from pathlib import Path

import modelmap

SWIFT = """\
import XCTest

final class ModelSupportTests: XCTestCase {
    func testSupport() {
        let phone = config.modelSupport(for: "iPhone14,3")
        XCTAssertTrue(phone.supported.contains("openai_whisper-large-v3_947MB"))
        XCTAssertFalse(phone.disabled.contains("openai_whisper-large-v3-v20240930_turbo"))
        XCTAssertTrue(name.contains("qwen"))
        XCTAssertTrue(name.hasPrefix("Qwen2.5-7B-Instruct"))
    }
}
"""

JAVA = """\
package a;

class Picker {
    boolean pick(java.util.List<String> enabled, String modelName) {
        if (enabled.contains("Qwen2.5-7B-Instruct")) {
            return true;
        }
        return modelName.contains("gpt-oss");
    }
}
"""


def _found(path: Path) -> set[tuple[int, str]]:
    result = modelmap.scan(str(path), resolve=False)
    return {(f.line, f.raw) for f in result.findings if f.kind != "endpoint"}


def test_swift_supported_list_lookups(tmp_path: Path) -> None:
    src = tmp_path / "ModelSupportTests.swift"
    src.write_text(SWIFT, encoding="utf-8")
    found = _found(src)
    assert (6, "openai_whisper-large-v3_947MB") in found
    assert (7, "openai_whisper-large-v3-v20240930_turbo") in found
    assert not {raw for line, raw in found if line in (8, 9)}  # a family word; a prefix test


def test_java_list_contains_and_family_substring(tmp_path: Path) -> None:
    src = tmp_path / "Picker.java"
    src.write_text(JAVA, encoding="utf-8")
    found = _found(src)
    assert (5, "Qwen2.5-7B-Instruct") in found
    assert not {raw for line, raw in found if line == 8}  # gpt-oss: the start of gpt-oss-20b / -120b


RUBY = """\
module Adapters
  class Base
    def adapt(model, msg)
      if model.to_s.include?("anthropic/claude-3") && msg
        msg[:cache] = true
      end
      return :whisper if model.include?("Qwen2.5-7B-Instruct")
    end
  end
end
"""


def test_provider_prefixed_series_is_a_family(tmp_path: Path) -> None:
    src = tmp_path / "base.rb"
    src.write_text(RUBY, encoding="utf-8")
    found = _found(src)
    assert not {raw for line, raw in found if line == 4}  # anthropic/claude-3: the series claude-3-* of one provider
    assert (7, "Qwen2.5-7B-Instruct") in found


SWIFT_JSON = """\
import XCTest

final class RequestTests: XCTestCase {
    func testBody() throws {
        let json = String(data: try JSONEncoder().encode(parameters), encoding: .utf8)!
        XCTAssertTrue(json.contains("\\"model\\":\\"gpt-4\\""))
    }
}
"""


def test_json_fragment_in_a_body_check_is_not_a_provider_prefix(tmp_path: Path) -> None:
    src = tmp_path / "RequestTests.swift"
    src.write_text(SWIFT_JSON, encoding="utf-8")
    assert "model:gpt-4" not in {raw for _line, raw in _found(src)}


def test_a_request_paths_tail_in_a_contains_check_is_not_a_hub_repo(tmp_path) -> None:
    import modelmap

    (tmp_path / "client_test.go").write_text(
        'package client\n\nimport "testing"\n\nfunc TestEmbed(t *testing.T) {\n'
        '\tassert.Contains(t, reqs[0].URL.String(), "embeddings/embedding-v1")\n}\n')
    assert [f.raw for f in modelmap.scan([tmp_path]).findings] == []
