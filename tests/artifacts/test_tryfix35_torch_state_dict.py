"""tryfix35: a plain torch.save state dict is not a security finding.

fickling 0.1.12 rates every import from outside the standard library (``from torch._utils import
_rebuild_tensor_v2``, ``from torch import FloatStorage``) and every call of one LIKELY_UNSAFE, so every real PyTorch
checkpoint (lpips's alex.pth, a torch.save zip) was a high-severity ``pickle-unsafe-opcodes`` finding, counted in a
scan exactly like an os.system payload. The pickles below are written opcode by opcode, as torch.save writes them,
and are never loaded.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import pytest


def _global(module: str, name: str) -> bytes:
    return b"c" + module.encode() + b"\n" + name.encode() + b"\n"


def _str(text: str) -> bytes:
    raw = text.encode()
    return b"X" + struct.pack("<I", len(raw)) + raw


def _tensor(key: str, shape: tuple[int, ...], storage: str = "FloatStorage") -> bytes:
    dims = b"".join(b"K" + bytes([d]) for d in shape)
    stride = b"".join(b"K" + bytes([s]) for s in ((shape[1], 1) if len(shape) == 2 else (1,)))
    tup = b"\x86" if len(shape) == 2 else b"\x85"
    return (_global("torch._utils", "_rebuild_tensor_v2") + b"("
            + b"(" + _str("storage") + _global("torch", storage) + _str(key) + _str("cpu") + b"K\x04t" + b"Q"
            + b"K\x00" + dims + tup + stride + tup + b"\x89" + _global("collections", "OrderedDict") + b")R"
            + b"tR")


def _state_dict(extra: bytes = b"") -> bytes:
    body = _str("fc.weight") + _tensor("0", (2, 2)) + _str("fc.bias") + _tensor("1", (2,), "LongStorage")
    return b"\x80\x02" + _global("collections", "OrderedDict") + b")R(" + body + b"u" + extra + b"."


def _torch_zip(path: Path, data_pkl: bytes) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("archive/data.pkl", data_pkl)
        z.writestr("archive/data/0", b"\0" * 16)
        z.writestr("archive/data/1", b"\0" * 16)
        z.writestr("archive/version", "3\n")
    return path


@pytest.mark.parametrize("as_zip", [True, False])
def test_a_torch_save_state_dict_has_no_security_finding(tmp_path: Path, as_zip: bool) -> None:
    from modelmap.artifacts.pickle import PickleReader

    data = _state_dict()
    if as_zip:
        path = _torch_zip(tmp_path / "model.pt", data)
    else:
        path = tmp_path / "pytorch_model.bin"
        path.write_bytes(data)
    info = PickleReader().read(path)
    assert info.metadata["pickle_imports"] == ["collections.OrderedDict", "torch.FloatStorage", "torch.LongStorage",
                                               "torch._utils._rebuild_tensor_v2"]
    assert info.security == []


def test_fickling_keeps_its_verdict_on_calls_that_are_not_safe_list_names() -> None:
    from modelmap.artifacts.pickle import _fickling_verdict

    # the same state dict, then posix.system("id") (never run: opcodes only): the unsafe call still rates
    payload = _global("posix", "system") + _str("id") + b"\x85R0"
    severity, detail = _fickling_verdict(_state_dict(payload))
    assert severity in ("LIKELY_UNSAFE", "LIKELY_OVERTLY_MALICIOUS", "OVERTLY_MALICIOUS"), detail
    assert "system" in detail and "_rebuild_tensor_v2" not in detail


def test_a_name_bound_by_a_safe_and_an_unsafe_import_is_not_excused() -> None:
    from modelmap.artifacts.pickle import _fickling_verdict

    # ``from evil import _rebuild_tensor_v2`` shadows the safe name: its call is still reported
    shadow = _global("evil", "_rebuild_tensor_v2") + _str("x") + b"\x85R0"
    severity, detail = _fickling_verdict(_state_dict(shadow))
    assert severity != "LIKELY_SAFE" and "evil" in detail


def test_state_dict_beside_os_system_in_a_torch_zip_is_still_flagged(tmp_path: Path) -> None:
    from modelmap.artifacts.pickle import PickleReader

    payload = _global("os", "system") + _str("touch /nonexistent/never") + b"\x85R0"
    info = PickleReader().read(_torch_zip(tmp_path / "model.pt", _state_dict(payload)))
    assert [f["id"] for f in info.security] == ["pickle-unsafe-import"]
    assert info.security[0]["imports"] == ["os.system"]


def test_python2_builtin_names_are_the_builtins_they_name() -> None:
    from modelmap.artifacts.pickle import is_safe_import

    assert is_safe_import("__builtin__.dict") and is_safe_import("__builtin__.set")
    assert not is_safe_import("__builtin__.eval") and not is_safe_import("__builtin__.getattr")


def test_a_numpy_dtype_call_with_short_arguments_is_not_unsafe() -> None:
    from modelmap.artifacts.pickle import _fickling_verdict

    # numpy.dtype('f4', 0, 1), as pickled numpy arrays carry it: fickling shows the call with its arguments
    data = b"\x80\x02" + _global("numpy", "dtype") + _str("f4") + b"K\x00K\x01\x87R."
    severity, detail = _fickling_verdict(data)
    assert severity not in ("LIKELY_UNSAFE", "LIKELY_OVERTLY_MALICIOUS", "OVERTLY_MALICIOUS"), detail
    assert "can execute arbitrary code" not in detail
