"""Session 34 (tuneA34): a C# test whose only model is in JSON held in a verbatim literal (doubled quotes) is read."""

from __future__ import annotations

from pathlib import Path

import modelmap
from modelmap.discover.polyglot import has_candidate

_TEST = (
    "[TestClass]\n"
    "public class StopReasonTests\n"
    "{\n"
    "    [TestMethod]\n"
    "    public void TestPauseTurn()\n"
    "    {\n"
    "        var json = @\"{\n"
    "  \"\"id\"\": \"\"msg_01\"\",\n"
    "  \"\"model\"\": \"\"claude-3-5-sonnet-20241022\"\",\n"
    "  \"\"stop_reason\"\": \"\"pause_turn\"\"\n"
    "}\";\n"
    "        var response = JsonSerializer.Deserialize<MessageResponse>(json);\n"
    "        Assert.AreEqual(\"pause_turn\", response.StopReason);\n"
    "    }\n"
    "}\n"
)


def test_prefilter_sees_a_doubled_quote_model_key() -> None:
    assert has_candidate(_TEST.encode())
    # an empty string beside a word is no model key
    assert not has_candidate(b'var a = ""; var model = GetModel(); var b = "";\n')


def test_model_in_verbatim_json_is_found(tmp_path: Path) -> None:
    path = tmp_path / "Tests/StopReasonTests.cs"
    path.parent.mkdir(parents=True)
    path.write_text(_TEST)
    found = {(f.line, f.raw) for f in modelmap.scan(str(tmp_path), resolve=False).findings if f.kind != "endpoint"}
    assert found == {(9, "claude-3-5-sonnet-20241022")}
