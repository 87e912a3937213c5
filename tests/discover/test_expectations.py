"""Recorded test expectations (discover/expectations.py): golden files and insta / Jest snapshots.

Fixtures are written here in the shapes the tools write (Go ``autogold`` raw-string goldens and ``%#v`` value dumps,
insta's ``---`` header, Jest's ``exports[`name`] = `…`;`` module with pretty-format's ``Object {`` bodies)."""

from __future__ import annotations

import time
from pathlib import Path

from modelmap.discover.base import SourceFile
from modelmap.discover.engine import ScanOptions, scan_paths
from modelmap.discover.expectations import MAX_CHARS, ExpectationSource
from modelmap.types import Finding, Skip

SRC = ExpectationSource()


def _found(path: str, text: str) -> list[tuple[str, int, int]]:
    assert SRC.applies_to(path)
    return [(f.raw, f.line, f.column) for f in SRC.scan(SourceFile(path, text, "test")) if isinstance(f, Finding)]


AUTOGOLD_REQUEST = """`{
  "model": "gpt-4o",
  "internalSystemPrompt": false,
  "messages": [
    {
      "role": "user",
      "content": [{"text": "Say hello"}]
    }
  ]
}`
"""

GO_DUMP = """types.ToolSet{
	":": types.Tool{
		ToolDef: types.ToolDef{Parameters: types.Parameters{
			Description: "a tool set for the pet store API",
			ModelName:   "gpt-4o-mini",
		}},
		ID: ":",
	},
}
"""


def test_autogold_json_golden_is_read_as_json_with_the_files_positions() -> None:
    assert _found("pkg/tests/testdata/TestChat/call1.golden", AUTOGOLD_REQUEST) == [("gpt-4o", 2, 13)]


def test_a_backup_copy_of_a_golden_file_is_read_too() -> None:
    assert _found("pkg/tests/testdata/TestChat/call1.golden.bkp", AUTOGOLD_REQUEST) == [("gpt-4o", 2, 13)]


def test_a_printed_go_value_is_read_as_go() -> None:
    assert _found("pkg/loader/testdata/openapi/TestOpenAPIv3.golden", GO_DUMP) == [("gpt-4o-mini", 5, 18)]


def test_a_plain_json_golden_and_a_yaml_golden() -> None:
    assert _found("testdata/request.golden", '{"model": "claude-3-5-haiku-20241022"}\n') == \
        [("claude-3-5-haiku-20241022", 1, 12)]
    assert _found("testdata/config.golden", "provider: ollama\nmodel: qwen2.5:7b\n") == [("qwen2.5:7b", 2, 8)]


def test_recorded_text_output_is_not_read() -> None:
    # a CLI's recorded output and a rendered prompt are prose: a model named there is not configured there
    assert _found("testdata/run.golden", "Using model gpt-4o for chat\nDone.\n") == []
    assert _found("src/snapshots/prompt__test__render.snap",
                  "---\nsource: src/prompt.rs\nexpression: prompt.render()\n---\n# Task\n\nAnswer with "
                  "gpt-4o-mini: model: gpt-4o\n") == []


def test_insta_snapshot_bodies_after_the_header() -> None:
    head = "---\nsource: src/client.rs\nexpression: request\n---\n"
    assert _found("src/snapshots/client__tests__request.snap",
                  head + 'ChatRequest {\n    model: "gpt-4o-mini",\n    temperature: 0.2,\n}\n') == \
        [("gpt-4o-mini", 6, 13)]
    assert _found("src/snapshots/client__tests__cfg.snap", head + "provider: openai\nmodel: gpt-4o-mini\n") == \
        [("gpt-4o-mini", 6, 8)]
    assert _found("src/snapshots/client__tests__body.snap", head + '{\n  "model": "o3-mini"\n}\n') == \
        [("o3-mini", 6, 13)]
    # the header's own lines are not the body: an `expression:` naming a model is the test's source code
    assert _found("src/snapshots/client__tests__x.snap",
                  '---\nsource: src/client.rs\nexpression: "Client::new(\\"gpt-4o\\")"\n---\nok\n') == []


JEST = """// Jest Snapshot v1, https://goo.gl/fbAQLP

exports[`client builds the request 1`] = `
Object {
  "messages": Array [
    Object {
      "content": "hi",
      "role": "user",
    },
  ],
  "model": "gpt-4o-mini",
}
`;

exports[`client renders the \\`model\\` label 1`] = `"<span>gpt-4o</span>"`;

exports[`client keeps a map 1`] = `
Map {
  "model" => "gpt-4o",
}
`;
"""


def test_jest_snapshot_bodies_are_read_as_json() -> None:
    # the rendered markup and the printed Map (not JSON) are passed over
    assert _found("web/src/__snapshots__/client.test.ts.snap", JEST) == [("gpt-4o-mini", 11, 13)]


def test_names_it_reads_and_names_it_leaves_to_other_sources() -> None:
    for path in ("testdata/a.golden", "testdata/a.golden.bak", "src/snapshots/x.snap", "src/__snapshots__/Button"):
        assert SRC.applies_to(path), path
    for path in ("testdata/a.golden.json", "testdata/a.golden.yaml", "src/__snapshots__/x.json", "golden.py",
                 "src/snapshot.ts", "testdata/golden/a.txt"):
        assert not SRC.applies_to(path), path


def test_size_cap_and_linear_time() -> None:
    out = list(SRC.scan(SourceFile("x.golden", "{" + " " * MAX_CHARS + "}", "test")))
    assert [s.reason for s in out if isinstance(s, Skip)] == ["too-large"]
    # a large Jest module of many small snapshots and a golden of one long line: well under a second each
    entry = 'exports[`t %d`] = `\nObject {\n  "model": "gpt-4o-mini",\n}\n`;\n\n'
    jest = "// Jest Snapshot v1\n\n" + "".join(entry % i for i in range(1_900))
    long_line = "map[" * 20_000 + "x\n"
    for path, text in (("__snapshots__/a.test.js.snap", jest), ("testdata/long.golden", long_line)):
        t0 = time.process_time()
        list(SRC.scan(SourceFile(path, text, "test")))
        assert time.process_time() - t0 < 5.0, path


def test_a_scan_reports_a_golden_files_model(tmp_path: Path) -> None:
    # through the engine: before this source, a `.golden` file was an unsupported-type skip
    golden = tmp_path / "pkg" / "testdata" / "TestChat" / "call1.golden"
    golden.parent.mkdir(parents=True)
    golden.write_text(AUTOGOLD_REQUEST)
    result = scan_paths([tmp_path], ScanOptions(jobs=1))
    assert [(f.path, f.line, f.raw) for f in result.findings] == [("pkg/testdata/TestChat/call1.golden", 2, "gpt-4o")]
    assert not [s for s in result.skips if s.path.endswith(".golden")]
