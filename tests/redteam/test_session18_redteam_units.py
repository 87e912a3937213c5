"""Red-team unit probes (brief redteam18): fixes for what probes_session18.py found.

* A model setting whose value holds a terminal escape or a bidi control written as a string escape (JSON's
  ``"chat_model": "qwen2.5-7b\\u202e"``, json.dumps' ASCII output; Python's ``'\\x1b[2J'``, Swift's ``\\u{1b}``) was
  lost: the config / code reader decodes the escape into the value, no model rule takes it, and discover/hidden.py
  looked only for the raw characters, so the file ended as neither a finding nor a skip (probe
  s18-cjk-mixed-script-bidi-escapes-json, c/config.json). Such escapes now make the same ``hidden-characters`` skip,
  and so does a catalogue entry's id / name (``"models": [{"id": "gpt-4o<ESC>"}]``, probe s18-code-json-blocks).
* A JSON catalogue in a triple-quoted code literal (polyglot.py ``_json_blocks``, f790498) over the 256 KiB block
  limit, or past the 16th block, was dropped without a word: a Swift app whose only models are in a 359 KB built-in
  catalogue ended as neither a finding nor a skip (probe s18-code-json-block-over-cap). Now an ``analysis-budget``
  skip says which block was left unread; the file keeps its other findings.
* artifacts/tokenizer.py's character-list reader (an OCR CTC dictionary, one character a line; d995e29) made a str of
  every line and then a bytes copy of each: a 16 MB list of 4 million characters peaked at 668 MB RSS (probe
  s18-char-line-dictionary-4m-lines), and a 100 MB line after a character-list head was decoded and split whole
  (464 MB) before being refused. The lines' own bytes are now the tokens (the file is checked to be UTF-8 first):
  323 MB; a line too long to be a class is found by a scan before any line is made: 157 MB.
* artifacts/serialized.py's gzip'd tar listing (31b4a8c) let tarfile read a GNU long-name or PAX header's whole body
  (and decode a long name into a str): a 400 MB one, a few hundred KB gzip'd, peaked at 1.26 GB RSS (probes
  s18-gzip-tar-long-header-a / -b). Such a header past 1 MiB now ends the listing, with the members listed so far.
Fixtures are written for these tests.
"""

from __future__ import annotations

import gzip
import io
import json
import tarfile
import tracemalloc
from pathlib import Path

import pytest

from modelmap.artifacts.base import DEFAULT_LIMITS
from modelmap.artifacts.serialized import _tar_outline
from modelmap.artifacts.tokenizer import _char_lines
from modelmap.discover.hidden import hidden_value_skip
from modelmap.errors import ReadError
from tests.conftest import scan_files

ESC = "\x1b]0;pwn\x07\x1b[2J"


def test_escaped_hidden_characters_in_model_values_are_reported_skips(tmp_path: Path) -> None:
    found, skips = scan_files(tmp_path, {
        # json.dumps' default ASCII escapes: no raw control character in the file
        "a/config.json": json.dumps({"chat_model": "qwen2.5-7b\u202e\u2066", "name": f"x{ESC}"}) + "\n",
        "b/app.py": "import os\nmodel = 'gpt\\x1b[2J-4o'\n",
        "c/Catalog.swift": 'let model = "\\u{1b}]0;pwn\\u{7}gpt-4o"\n',
        # a catalogue entry's id (models[].id) is its model, as the config readers take it
        "d/catalog.json": json.dumps({"models": [{"id": f"gpt-4o{ESC}"}]}) + "\n",
        "e/models.yaml": "models:\n  - name: \"qwen2.5-7b\\u202e\"\n",
    })
    assert not found
    assert skips["a/config.json"][0] == "hidden-characters" and "U+202E" in skips["a/config.json"][1]
    assert skips["b/app.py"] == ("hidden-characters", "line 2: the value of model holds control or invisible "
                                                     "characters (U+001B); not read as a model name")
    assert skips["c/Catalog.swift"][0] == "hidden-characters" and "U+001B" in skips["c/Catalog.swift"][1]
    assert skips["d/catalog.json"][0] == "hidden-characters" and "value of id " in skips["d/catalog.json"][1]
    assert skips["e/models.yaml"][0] == "hidden-characters" and "line 2: the value of name" in skips["e/models.yaml"][1]


def test_ordinary_escapes_are_no_skip() -> None:
    # an accented letter, a newline or a tab escape in a model value; an escape outside a model key
    assert hidden_value_skip("a.json", '{"model": "caf\\u00e9-7b", "chat_model": "a\\u000ab\\tc"}\n') is None
    assert hidden_value_skip("b.json", '{"title": "\\u001b[1mBold\\u001b[0m"}\n') is None
    # an id or name that is no catalogue entry's (a user list; an entry's second key)
    assert hidden_value_skip("d.json", '{"users": [{"name": "\\u001b[1m"}]}\n') is None
    assert hidden_value_skip("e.json", '{"models": [{"x": 1, "id": "\\u001b[1m"}]}\n') is None
    assert hidden_value_skip("c.py", "model = 'C:\\\\x1bfolder'\nprint('\\033[0m')\n") is None


def test_escaped_hidden_value_skip_is_bounded() -> None:
    # 100,000 lines of escapes outside any model key: only the first lines are looked at
    assert hidden_value_skip("x.json", '"title": "\\u001b[0m",\n' * 100_000 + '"model": "\\u001bgpt-4o"\n') is None
    assert hidden_value_skip("x.json", '"title": "\\u001b[0m",\n' * 10 + '"model": "\\u001bgpt-4o"\n') is not None


def test_json_block_past_its_limits_is_a_reported_skip(tmp_path: Path) -> None:
    big = json.dumps({"models": [{"id": f"zorblat-{i}b-chat"} for i in range(12_000)]})  # ~360 KB
    many = "".join(f'  val b{i} = """\n  {{"models": [{{"id": "zorblat-{i}b-chat"}}]}}\n  """\n' for i in range(70))
    found, skips = scan_files(tmp_path, {
        "a/Catalog.swift": 'enum T {\n  static let fallbackJSON = """\n' + big + '\n"""\n}\n',
        "b/Catalog.kt": "object C {\n" + many + "}\n",
    })
    assert not {f for f in found if f[0] == "a/Catalog.swift"}
    assert skips["a/Catalog.swift"] == ("analysis-budget", f"swift-json: a JSON block of {len(big) + 1} characters at "
                                                          "line 3 is past the 256 KiB limit; not read")
    assert {raw for path, _, raw in found if path == "b/Catalog.kt"} == {f"zorblat-{i}b-chat" for i in range(64)}
    assert skips["b/Catalog.kt"] == ("analysis-budget", "kotlin-json: only the first 64 JSON blocks were read")


def _peak(fn: object, *args: object) -> tuple[object, int]:
    tracemalloc.start()
    try:
        out = fn(*args)  # type: ignore[operator]
    except ReadError as exc:
        out = exc
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return out, peak


def test_char_lines_keep_the_lines_own_bytes(tmp_path: Path) -> None:
    chars = [chr(0x4E00 + i % 20_000) for i in range(400_000)]
    data = ("\n".join(chars) + "\r\n\n").encode()  # a CRLF and a blank line at the end
    info, peak = _peak(_char_lines, tmp_path / "ppocr_keys_v1.txt", data, DEFAULT_LIMITS)
    assert not isinstance(info, ReadError)
    assert info.tokens == [c.encode() for c in chars]  # type: ignore[attr-defined]
    # a str per line (~76 B) and a bytes copy (~37 B) cost ~50 MB for these 400,000 lines; the bytes alone ~20 MB
    assert peak < 30 * 1024 * 1024, f"peak {peak / 2**20:.0f} MiB"


def test_char_lines_refuse_a_long_line_before_splitting(tmp_path: Path) -> None:
    data = "".join(chr(0x4E00 + i) + "\n" for i in range(16)).encode() + b"x" * (20 * 1024 * 1024) + b"\n"
    err, peak = _peak(_char_lines, tmp_path / "keys.txt", data, DEFAULT_LIMITS)
    assert isinstance(err, ReadError) and "not a character list" in str(err)
    assert peak < 4 * 1024 * 1024, f"peak {peak / 2**20:.0f} MiB"  # decoding and splitting it held two 20 MB copies


@pytest.mark.parametrize("text, why", [("字\n\n字\n", "an empty line"), ("字\n字字字字字\n", "more than 4"),
                                       ("字\n" * 8 + "字字\n" * 2, "too many lines")])
def test_char_lines_still_refuse_what_is_no_character_list(tmp_path: Path, text: str, why: str) -> None:
    with pytest.raises(ReadError, match=why):
        _char_lines(tmp_path / "x.txt", text.encode(), DEFAULT_LIMITS)


def _tar_gz(path: Path, names: list[str], fmt: int) -> Path:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=fmt) as tar:
        for name in names:
            info = tarfile.TarInfo(name)
            info.size = 4
            tar.addfile(info, io.BytesIO(b"abcd"))
    path.write_bytes(gzip.compress(buf.getvalue()))
    return path


@pytest.mark.parametrize("fmt", [tarfile.GNU_FORMAT, tarfile.PAX_FORMAT])
def test_tar_listing_refuses_a_huge_extended_header(tmp_path: Path, fmt: int) -> None:
    long = "enc.onnx/" * 400_000 + "x.onnx"  # a 3.6 MB member name: a GNU long-name or PAX header of that size
    path = _tar_gz(tmp_path / "model.tar.gz", ["config.ini", long, "df_dec.onnx"], fmt)
    (props, complete), peak = _peak(_tar_outline, path)  # type: ignore[misc]
    assert props["tar.members"] == "config.ini" and not complete
    assert peak < 2 * 1024 * 1024, f"peak {peak / 2**20:.1f} MiB"  # the header's body read and decoded: > 7 MiB


def test_tar_listing_keeps_ordinary_long_names(tmp_path: Path) -> None:
    path = _tar_gz(tmp_path / "model.tar.gz", ["export/" + "d" * 300 + "/enc.onnx", "erb_dec.onnx"], tarfile.GNU_FORMAT)
    props, complete = _tar_outline(path)
    assert props["tar.members"] == "enc.onnx|erb_dec.onnx" and complete
