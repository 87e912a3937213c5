"""Red-team unit probes (brief redteam12), as work counters rather than timings.

* polyglot.has_candidate's byte pre-pass (``_LITERAL``, run before the file's budget starts): every ``\\"`` of a run
  of escaped quotes opened a literal that read up to 300 bytes and failed, O(bytes x 300): 4.6 s of CPU for 400 KB
  (redteam11's xfail probe s11-java-escaped-quote-soup). An escaped quote opens no literal now; JSON with escaped
  quotes in a literal too long for ``_LITERAL`` still passes the gate by its escaped model key.
"""

from __future__ import annotations

from typing import Any

import pytest

from modelmap.discover import polyglot
from modelmap.discover.polyglot import has_candidate
from tests.artifacts.protobuf import field


def _failed_openers(data: bytes) -> int:
    """Positions where _LITERAL opens a literal (it would match an empty one there) and fails to close it: each such
    attempt reads up to 300 bytes, so their number bounds the pre-pass's work."""
    pat = polyglot._LITERAL
    failed = 0
    for p in range(len(data)):
        q = data[p:p + 1]
        if q not in (b'"', b"'", b"`"):
            continue
        lo = max(0, p - 1)  # the look-behind needs one byte before the quote
        if pat.match(data[lo:p + 1] + q, p - lo) is None:
            continue  # not an opener here: nothing is read from it
        if pat.match(data, p) is None:
            failed += 1
    return failed


def test_runs_of_escaped_quotes_open_no_literal() -> None:
    for unit in (b'\\"', b"\\'", b'\\"\\\'', b'\\"a', b'x\\"'):
        data = b'class A { String s = "' + unit * 20_000 + b'";\n'
        # one literal per 300 bytes at most could fail to close (was one per escaped quote: 20,000 and more)
        assert _failed_openers(data) <= len(data) // 300 + 3, unit


def test_the_gate_still_passes_escaped_json_in_a_long_literal() -> None:
    chunk = ('"data: {\\"id\\":\\"c-7f1e\\",\\"object\\":\\"chat.completion.chunk\\",\\"created\\":1770000000,'
             '\\"model\\":\\"deepseek-chat\\",\\"choices\\":[{\\"index\\":0,\\"delta\\":{\\"content\\":\\"hi\\"},'
             '\\"finish_reason\\":null}],\\"usage\\":null,\\"system_fingerprint\\":\\"fp_8802369eaa_prod0820\\"}' + ' ' * 200
             + '"')
    assert len(chunk) > 300
    assert has_candidate(b"class T { string s = " + chunk.encode() + b"; }\n")
    assert not has_candidate(b'class T { string s = "' + b'\\"' * 5_000 + b'"; string t = "hello"; }\n')
    # a literal that closes right after an escaped backslash is still read, and so is the next one
    assert has_candidate(b'class T { string p = "C:\\\\"; string m = "gpt-4o"; }\n')


def test_a_huge_paddle_program_is_walked_up_to_a_field_cap(tmp_path: Any, monkeypatch: Any) -> None:
    # artifacts/classic.py PaddleProgramReader walked every protobuf field of a __model__ of any size: 28 MB of
    # one-variable entries (4 million vars) took 18 s of CPU. The walk now stops after MAX_PADDLE_FIELDS fields
    # and says so; what it read is kept.
    from modelmap.artifacts import classic, onnx

    walked = 0
    real = onnx._walk

    def counting(*args: Any) -> Any:
        nonlocal walked
        for item in real(*args):
            walked += 1
            yield item

    monkeypatch.setattr(onnx, "_walk", counting)
    monkeypatch.setattr(classic, "MAX_PADDLE_FIELDS", 5_000)
    var = field(3, field(1, b"word_emb") + b"\x18\x01")
    path = tmp_path / "__model__"
    path.write_bytes(field(1, b"\x08\x00\x10" + b"\xff" * 9 + b"\x01" + var * 20_000))
    info = classic.PaddleProgramReader().read(path)
    assert info.metadata["format_props"]["paddle.params"] == "word_emb"
    assert any("only the first 5000 protobuf fields" in n for n in info.notes)
    assert walked <= 5_001, walked  # was ~60,000 (every var and its two fields)


def test_an_aliased_entry_with_a_huge_model_value_is_not_searched_per_alias(monkeypatch: Any) -> None:
    from modelmap.discover import config_files
    from modelmap.discover.base import SourceFile, file_budget

    searched = 0
    real = config_files._TEMPLATED

    class Counting:
        def search(self, text: str, *args: Any) -> Any:
            nonlocal searched
            searched += len(text)
            return real.search(text, *args)

    monkeypatch.setattr(config_files, "_TEMPLATED", Counting())
    text = "base: &a\n  model: " + "x" * 100_000 + "\n" + "".join(f"k{i}: *a\n" for i in range(200))
    with file_budget(seconds=600.0, steps=50_000_000):
        list(config_files.ConfigFileSource().scan(SourceFile("c.yaml", text)))
    # config_files._names_an_entry_model (0bbec1f) searched the 100 KB value again for each alias: ~200 x 100 KB =
    # 20 MB for a 102 KB file (1,000 aliases of a 500 KB value: 13.8 s of CPU on a 2 s budget, no skip)
    assert searched <= 10 * len(text), searched


def _dlib_int(v: int) -> bytes:
    raw = abs(v).to_bytes(max(1, (abs(v).bit_length() + 7) // 8), "little")
    return bytes([len(raw) | (0x80 if v < 0 else 0)]) + raw


def test_a_dlib_float_out_of_range_is_a_read_error_not_an_overflow(tmp_path: Any) -> None:
    # artifacts/serialized.py _DlibCursor.real: 2.0 ** exponent overflows for 1024 <= exponent <= 1100 (the range check
    # let it through): an OverflowError left the reader, and inspect listed the file "unreadable: OverflowError"
    from modelmap.artifacts.serialized import DlibReader
    from modelmap.errors import ReadError

    shape_predictor = _dlib_int(1) + _dlib_int(-136) + _dlib_int(-1) + _dlib_int(1) + _dlib_int(1050) + b"\0" * 64
    metric = _dlib_int(1) + _dlib_int(12) + b"loss_metric_" + _dlib_int(1) + _dlib_int(1024) + b"\0" * 64
    for name, data in (("sp.dat", shape_predictor), ("dnn.dat", metric)):
        path = tmp_path / name
        path.write_bytes(data)
        assert DlibReader().sniff(data[:64]), name
        with pytest.raises(ReadError, match="out of range"):
            DlibReader().read(path)


def test_a_marshal_outline_keeps_a_bounded_number_of_subkeys_and_values() -> None:
    # artifacts/serialized.py marshal_outline capped keys2 (and a key's values) per dict only: the same top-level key
    # repeated, with references ('r', 5 bytes) to 100-character strings, made keys2 46 MB from a 2 MiB read
    import struct

    from modelmap.artifacts.serialized import MAX_KEYS, MAX_KEYS2, MAX_VALUES, marshal_outline

    def s(text: str) -> bytes:  # an ASCII string with FLAG_REF: it joins the reference table
        return bytes([ord("a") | 0x80]) + struct.pack("<I", len(text)) + text.encode()

    def r(i: int) -> bytes:
        return b"r" + struct.pack("<I", i)

    p, c = 50, 50
    data = bytearray(b"{" + s("k" * 100) + b"(" + struct.pack("<I", p + c))
    data += b"".join(s(f"p{i:03d}" + "x" * 96) for i in range(p)) + b"".join(s(f"c{j:03d}" + "y" * 96) for j in range(c))
    for n in range(2_000):  # a parent key, then a dict of 16 child keys or a tuple of 16 strings
        if n % 2:
            data += r(1 + n % p) + b"{" + b"".join(r(1 + p + (n // p * 16 + k) % c) + b"N" for k in range(16)) + b"0"
        else:
            data += r(1 + n % p) + b"(" + struct.pack("<I", 16) + b"".join(r(1 + p + k) for k in range(16))
    out = marshal_outline(bytes(data) + b"0")
    assert out["complete"]
    assert len(out["keys2"]) <= MAX_KEYS * MAX_KEYS2, len(out["keys2"])  # was 16,000
    assert len(out["values"]) <= MAX_KEYS and all(len(v) <= MAX_VALUES for v in out["values"].values())


# provenance/resolver.py Resolver._completions (f5fc061) walked every Hub name that starts with an unknown name's
# leading part and checked each model (weights, repack, publisher) for every finding, uncached: ~2 ms per unknown
# Qwen/Qwen2-<n>B, 10,000 findings of one file 9 s of resolve after the scan. The walk is memoised per leading part
# and size now (Resolver._lab_models_starting).


def test_resolving_many_unknown_names_with_one_prefix_does_not_rewalk_the_hub_names(monkeypatch: Any) -> None:
    from modelmap.provenance import resolver as R

    checked = 0
    real = R.Resolver._has_weights

    def counting(self: Any, mid: str) -> bool:
        nonlocal checked
        checked += 1
        return bool(real(self, mid))

    monkeypatch.setattr(R.Resolver, "_has_weights", counting)
    ids = [f"Qwen/Qwen2-{i}B" for i in range(300)]
    res = R.resolver_for(None)
    for i in ids:
        R.resolve(i, resolver=res)
    # each unknown id re-checked the ~100 known Qwen2-* models (~30,000 checks for 300 ids)
    assert checked <= 2 * len(ids) + 1_000, checked


def test_a_script_block_over_64_kib_is_reported_not_passed_over() -> None:
    # config_files.TreeWalker.script_block (63354b6) returned on a block over 64 KB without a word: its models were
    # neither found nor reported. It is an analysis-budget skip now (once a file).
    from modelmap.discover.base import SourceFile, file_budget
    from modelmap.discover.config_files import ConfigFileSource
    from modelmap.types import Finding, Skip

    lines = "".join(f"      --embedder_name_or_path BAAI/bge-m3-{i} \\\n" for i in range(1_500))
    text = f'init.sh: |\n    CMD="python eval.py \\\n{lines}    "\n    $CMD\nother.sh: |\n  {"x" * 70_000}\n  y\n'
    with file_budget(seconds=600.0, steps=50_000_000):
        out = list(ConfigFileSource().scan(SourceFile("values.yaml", text)))
    skips = [s for s in out if isinstance(s, Skip)]
    assert [s.reason for s in skips] == ["analysis-budget"], skips
    assert "over 64 KiB" in skips[0].detail and "at line 2" in skips[0].detail  # the block's first line
    assert not [f for f in out if isinstance(f, Finding)]
