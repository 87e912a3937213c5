"""A Hub download URL whose file name holds a percent escape (`gemma%202b_it_v2_Q5_K_S.gguf`: a space in the name
of the file on the Hub) is a model location like any other; a URL with a format placeholder (`%s`, `%02d`) is still
a template. Fixture written for these tests, shaped like an on-device app's downloadable-models catalogue."""

from __future__ import annotations

from pathlib import Path

from modelmap.discover.uris import is_model_archive_url, parse_location
from tests.discover.scan_helpers import found

_URL = "https://huggingface.co/acme/Edge_Models/resolve/main/gemma%202b_it_v2_Q5_K_S.gguf"
_CATALOGUE = ('[\n  {\n    "name": "Gemma 2B",\n    "models": [\n      {\n        "url": "' + _URL + '",\n'
              '        "file_name": "gemma_2b_it_v2_Q5_K_S.gguf"\n      }\n    ]\n  }\n]\n')


def test_a_percent_escaped_hub_url_is_a_model_location(tmp_path: Path) -> None:
    got = found(tmp_path, "App/Settings/downloadable_models.json", _CATALOGUE)
    assert (6, _URL) in got
    assert (7, "gemma_2b_it_v2_Q5_K_S.gguf") in got


def test_percent_escapes_and_format_placeholders() -> None:
    loc = parse_location(_URL)
    assert loc is not None and loc.identity == "acme/Edge_Models" and loc.file == "gemma%202b_it_v2_Q5_K_S.gguf"
    assert parse_location("https://huggingface.co/acme/%s/resolve/main/model.gguf") is None
    assert not is_model_archive_url("https://example.org/models/shard-%02d.bin")
    assert not is_model_archive_url("https://cdn.acme.dev/models/ckpt-%2d.bin")
    assert is_model_archive_url("https://cdn.acme.dev/models/my%20model.bin")
