"""Red-team unit probes (brief redteam19): fixes for what the CPU margins of the red-team suite and probes_session19.py
found.

* artifacts/pickle.py's legacy reader (several pickle streams back to back, as torch's legacy save writes) walked every
  stream's opcodes twice: once to find where the stream ends (``_stream_end``), once more for its imports
  (``pickle_imports`` on the slice). Eight 488,000-opcode streams (probe s13-pickle-legacy-8-streams-488k-ops) spent
  9.3 s of CPU against the probe's 10 s check here, too little margin for the slower CI machine. One walk now gives
  the end, the imports and the opcode count together (the reader: 7.5 -> 5.2 s).
Fixtures are written for these tests.
"""

from __future__ import annotations

import pickle
import pickletools
import types
from pathlib import Path

import pytest

from modelmap.artifacts import pickle as pickle_reader


def _legacy_file(path: Path) -> Path:
    """Three pickle streams back to back: a protocol-2 int, a dict holding a global (collections.OrderedDict), and a
    list; the second imports something the first and third do not."""
    import collections

    data = (pickle.dumps(7, protocol=2) + pickle.dumps({"w": collections.OrderedDict(a=1)}, protocol=2)
            + pickle.dumps([1, 2, 3], protocol=2))
    path.write_bytes(data)
    return path


def _counting_genops(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = pickletools.genops

    def genops(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    shim = types.SimpleNamespace(**{k: getattr(pickletools, k) for k in dir(pickletools) if not k.startswith("__")})
    shim.genops = genops
    monkeypatch.setattr(pickle_reader, "pickletools", shim)
    return calls


def test_legacy_streams_are_walked_once_each(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counting_genops(monkeypatch)
    info = pickle_reader.PickleReader().read(_legacy_file(tmp_path / "model.pt"))
    # three streams, one walk each, and the first stream's outline: 4 (it was 7: each stream walked twice)
    assert len(calls) == 4
    assert info.metadata["pickle_imports"] == ["collections.OrderedDict"]


def test_one_walk_gives_the_same_imports_count_and_end(tmp_path: Path) -> None:
    data = _legacy_file(tmp_path / "model.pt").read_bytes()
    first = len(pickle.dumps(7, protocol=2))
    second = len(pickle.dumps({"w": __import__("collections").OrderedDict(a=1)}, protocol=2))
    imports, count, length = pickle_reader._walk_stream(data, first, 1_000)
    assert length == second
    assert (imports, count) == pickle_reader.pickle_imports(data[first:first + second], "x")
    assert imports == ["collections.OrderedDict"]
    with pytest.raises(pickle_reader._TooManyOps):
        pickle_reader._walk_stream(data, first, 3)


def test_a_cut_stream_after_the_first_is_a_note(tmp_path: Path) -> None:
    data = _legacy_file(tmp_path / "model.pt").read_bytes()
    (tmp_path / "cut.pt").write_bytes(data[:-3])
    info = pickle_reader.PickleReader().read(tmp_path / "cut.pt")
    assert any("stopped at offset" in n for n in info.notes)
    assert info.metadata["pickle_imports"] == ["collections.OrderedDict"]
