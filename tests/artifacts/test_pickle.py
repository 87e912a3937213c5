from __future__ import annotations

from pathlib import Path

import pytest

from modelmap.artifacts.pickle import PickleReader
from modelmap.errors import ReadError

R = PickleReader()


@pytest.mark.parametrize("case", ["pickle.os-system.pkl", "pickle.os-system.pt"])
def test_malicious_pickle_is_a_security_finding(gen: Path, case: str) -> None:
    info = R.read(gen / case)
    assert [f["id"] for f in info.security] == ["pickle-unsafe-import"]
    assert info.security[0]["imports"] == ["os.system"]


def test_state_dict_is_clean(gen: Path) -> None:
    info = R.read(gen / "pickle.state-dict.pt")
    assert info.security == []
    assert info.metadata["pickle_imports"] == ["collections.OrderedDict"]
    assert info.tensor_count == 1


def test_truncated_pickle(gen: Path) -> None:
    with pytest.raises(ReadError, match="not a valid pickle"):
        R.read(gen / "pickle.truncated.pkl")


def test_never_unpickles(gen: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pickle

    def boom(*a: object, **k: object) -> None:
        raise AssertionError("unpickled!")

    monkeypatch.setattr(pickle, "load", boom)
    monkeypatch.setattr(pickle, "loads", boom)
    R.read(gen / "pickle.os-system.pt")
