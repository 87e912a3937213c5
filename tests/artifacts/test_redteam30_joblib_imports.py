"""A joblib stream's imports past its first inline array (artifacts/pickle.py ``_pattern_imports``): joblib.load goes
on unpickling after each array, so an import there is as live as one before it. Built by opcode; nothing is unpickled."""

from __future__ import annotations

import pickle
import struct
from pathlib import Path

from modelmap.artifacts.pickle import PickleReader, _pattern_imports
from tests.redteam.probes_session26 import JOBLIB_HEAD, JOBLIB_TAIL


class _Reduces:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (print, ("x",))


def test_imports_after_the_first_array_are_listed(tmp_path: Path) -> None:
    path = tmp_path / "model.joblib"
    path.write_bytes(JOBLIB_HEAD + b"".join(struct.pack("<d", float(i)) for i in range(1000)) + JOBLIB_TAIL)
    info = PickleReader().read(path)
    imports = {i for s in info.security for i in s["imports"]}
    assert imports == {"joblib.numpy_pickle.NumpyArrayWrapper", "posix.system"}


def test_pattern_imports_read_global_and_stack_global() -> None:
    for protocol, name in ((2, "__builtin__.print"), (4, "builtins.print"), (5, "builtins.print")):
        assert _pattern_imports(pickle.dumps([_Reduces()], protocol=protocol)) == [name]  # 2 writes Python 2's name
    assert _pattern_imports(b"\x8c\x05posix\x94\x8c\x07system\x94\x93") == []  # a length that is not the string's
    assert _pattern_imports(b"cos\nsystem\n") == ["os.system"]
