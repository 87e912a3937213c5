"""Unit tests of brief redteam27's fixes.

artifacts/pickle.py took fickling 0.1.12's overall severity as the verdict. Two of fickling's results say nothing
about what loading a pickle would run, and both made a benign file a high-severity ``pickle-unsafe-opcodes``
finding (measured on this machine, redteam27):

* its interpreter's resource limits (100,000 memo entries, 50 memo reads a memo write): a 2 KB
  ``pickle.dumps(["O"] * 1000)`` and a list of 100,001 memoised strings (0.79 MB, 2.1 s CPU in fickling) were rated
  LIKELY_OVERTLY_MALICIOUS; the answer is now UNKNOWN with a note;
* the container-fill call it renders for SETITEMS / APPENDS on a REDUCE result (``_var1.update({...})``): every
  pickled OrderedDict of two or more entries (a legacy torch state dict) was rated LIKELY_UNSAFE.

Real unsafe imports stay flagged by the module's own opcode walk (``pickle-unsafe-import``).
"""

from __future__ import annotations

import collections
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

_SYSTEM = b"cposix\nsystem\nq\x10X\x02\x00\x00\x00idq\x11\x85q\x12R"  # posix.system("id"), never run: opcodes only


def test_a_shared_label_list_is_not_rated_malicious(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from modelmap.artifacts.pickle import PickleReader

    path = tmp_path / "labels.pkl"
    path.write_bytes(pickle.dumps(["O"] * 1000, protocol=2))  # one memo write, 999 memo reads
    info = PickleReader().read(path)
    assert info.security == []
    assert any("resource limits" in n for n in info.notes), info.notes
    assert "Warning" not in capsys.readouterr().err  # fickling's own stderr line stays inside


def test_more_than_100k_memo_entries_is_unknown_not_malicious() -> None:
    from modelmap.artifacts.pickle import _fickling_verdict

    data = pickle.dumps([str(i) for i in range(100_001)], protocol=4)
    severity, detail = _fickling_verdict(data)
    assert severity == "UNKNOWN" and "resource limits" in detail


@pytest.mark.parametrize("protocol", [2, 4])
def test_a_state_dict_ordered_dict_is_clean(tmp_path: Path, protocol: int) -> None:
    from modelmap.artifacts.pickle import PickleReader

    path = tmp_path / "model.pt"
    state = collections.OrderedDict((f"layer{i}.weight", float(i)) for i in range(50))
    path.write_bytes(pickle.dumps(state, protocol=protocol))
    info = PickleReader().read(path)
    assert info.security == []
    assert info.metadata["pickle_imports"] == ["collections.OrderedDict"]


def test_unsafe_imports_stay_flagged_beside_a_fill_call_or_past_the_limits(tmp_path: Path) -> None:
    from modelmap.artifacts.pickle import PickleReader

    od = pickle.dumps(collections.OrderedDict((str(i), i) for i in range(20)), protocol=2)
    shared = pickle.dumps(["O"] * 1000, protocol=2)
    for name, body in (("od.pt", od), ("shared.pkl", shared)):
        # the benign body, then a tuple of it and posix.system("id"): one stream, the call after the benign part
        path = tmp_path / name
        path.write_bytes(body[:-1] + _SYSTEM + b"\x86.")
        info = PickleReader().read(path)
        assert [f["id"] for f in info.security] == ["pickle-unsafe-import"], (name, info.security)
        assert info.security[0]["imports"] == ["posix.system"]


def test_eval_through_an_unsafe_import_is_still_overtly_malicious() -> None:
    from modelmap.artifacts.pickle import _fickling_verdict

    severity, _ = _fickling_verdict(b"\x80\x02cbuiltins\neval\nq\x00X\x03\x00\x00\x001+1q\x01\x85q\x02Rq\x03.")
    assert severity == "OVERTLY_MALICIOUS"


_APP = """from openai import OpenAI
client = OpenAI()
a = client.chat.completions.create(model="gpt-4o-mini", messages=[])
c = client.chat.completions.create(model="gpt-4o", messages=[])
d = client.embeddings.create(model="text-embedding-3-small", input="x")
"""


def _bom_with_cap(root: Path, cap: int, *extra: str) -> subprocess.CompletedProcess[str]:
    # the default cap (1,000 models) lowered in the child, so three models stand for a BOM past it
    code = ("import sys; import modelmap.report.bom_inventory as b; b.MAX_BOM_MODELS = int(sys.argv[1]); "
            "from modelmap.cli import main; sys.argv = ['modelmap', *sys.argv[2:]]; sys.exit(main())")
    return subprocess.run([sys.executable, "-c", code, str(cap), "bom", str(root), *extra], capture_output=True,
                          text=True, timeout=300, env={**os.environ, "SOURCE_DATE_EPOCH": "1764720000"})


def test_max_models_0_past_the_default_cap_says_so_before_it_starts(tmp_path: Path) -> None:
    # bom --max-models 0 of 10,000 distinct Bedrock ids: 27 s of CPU, 590 MB (redteam27); the user hears it first
    (tmp_path / "app.py").write_text(_APP)
    past = _bom_with_cap(tmp_path, 2, "--max-models", "0")
    assert past.returncode == 0, past.stderr
    assert "--max-models 0 lists 3 models" in past.stderr and "takes about" in past.stderr
    huge = _bom_with_cap(tmp_path, 2, "--max-models", str(10**30))  # a cap above the default, past the models
    assert huge.returncode == 0 and f"--max-models {10**30} lists 3 models" in huge.stderr
    under = _bom_with_cap(tmp_path, 1000, "--max-models", "0")
    assert under.returncode == 0 and "models; at about" not in under.stderr
    quiet = _bom_with_cap(tmp_path, 2, "--max-models", "0", "-q")
    assert quiet.returncode == 0 and "models; at about" not in quiet.stderr
