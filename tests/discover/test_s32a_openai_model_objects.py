"""An OpenAI model-listing entry names its model by ``id`` beside ``"object": "model"``: in JSON kept in a Scala
``stripMargin`` literal (each line starts with a ``|`` margin) and in the code that builds the entry with named
arguments (``ModelData(id = "babbage", `object` = "model", …)``). Fixtures written for these tests (the shape of an
OpenAI client library's model-listing tests)."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

SCALA = '''package client.fixtures

object ModelsFixture {
  val responseJson: String =
    """{
      |  "object":"list",
      |  "data":[
      |    {
      |      "id":"babbage",
      |      "object":"model",
      |      "owned_by":"openai"
      |    },
      |    {
      |      "id":"team-notes",
      |      "object":"file",
      |      "owned_by":"openai"
      |    }
      |  ]
      |}""".stripMargin

  val expected = Seq(
    ModelData(
      id = "davinci",
      `object` = "model",
      created = 1649359874,
      ownedBy = "openai"
    ),
    FileData(
      id = "ada",
      `object` = "file"
    )
  )
}
'''


def test_model_listing_entries_in_scala(tmp_path: Path) -> None:
    got = found(tmp_path, "core/src/test/scala/client/fixtures/ModelsFixture.scala", SCALA)
    assert {(9, "babbage"), (23, "davinci")} <= got, got
    assert not {raw for _, raw in got} & {"team-notes", "ada"}, got


def test_numbered_stand_in_ids_in_a_listing_fixture(tmp_path: Path) -> None:
    listing = '{\n  "id": "model-id-0",\n  "object": "model",\n  "owned_by": "organization-owner"\n}\n'
    got = found(tmp_path, "api/src/test/resources/fixtures/Model.json", listing)
    assert "model-id-0" not in {raw for _, raw in got}, got
    real = listing.replace("model-id-0", "babbage-002")
    got = found(tmp_path, "api/src/test/resources/fixtures/Model.json", real)
    assert (2, "babbage-002") in got, got
