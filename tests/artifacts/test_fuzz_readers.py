"""Property: no reader lets anything but a result or a ReadError escape on arbitrary bytes."""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from modelmap.artifacts import READERS
from modelmap.artifacts.base import Limits
from modelmap.errors import ReadError

SMALL = Limits(max_header_bytes=1 << 20, max_items=10_000, max_string_bytes=1 << 16, max_text_bytes=1 << 20,
               max_pickle_bytes=1 << 20)
PREFIXES = [b"", b"GGUF\x03\x00\x00\x00", b"PK\x03\x04", b"\x80\x02", b"\x08\x08\x12", b"\x0a\x05\x0a",
            b"{", b"IQ== 0\n", b"\x10\x00\x00\x00\x00\x00\x00\x00{"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=512))
def test_readers_on_arbitrary_bytes(prefix: bytes, body: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "blob"
        path.write_bytes(prefix + body)
        for reader in READERS:
            with contextlib.suppress(ReadError):
                reader.read(path, SMALL)
