"""Red-team unit probes (brief redteam19): fixes for what the CPU margins of the red-team suite and probes_session19.py
found.

* artifacts/pickle.py's legacy reader (several pickle streams back to back, as torch's legacy save writes) walked every
  stream's opcodes twice: once to find where the stream ends (``_stream_end``), once more for its imports
  (``pickle_imports`` on the slice). Eight 488,000-opcode streams (probe s13-pickle-legacy-8-streams-488k-ops) spent
  9.3 s of CPU against the probe's 10 s check here, too little margin for the slower CI machine. One walk now gives
  the end, the imports and the opcode count together (the reader: 7.5 -> 5.2 s).
* discover/kubernetes.py's line reader for a Helm template over the YAML parse cap read on past the findings cap to its
  2 s budget (probe s11-gotmpl-4mb-yaml-parse-unbudgeted at 0.70 of its check): it now stops there (see below).
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


# * discover/kubernetes.py's line reader for a Helm template over the YAML parse cap (cbf78f4) read on after the file's
#   findings cap (10,000) had dropped a finding, to its 2 s time budget: probe s11-gotmpl-4mb-yaml-parse-unbudgeted (a
#   4 MB helmfile, 58,000 releases) spent 3.5 s of CPU against its 5 s check (0.70 of it; the CI machine is ~1.15x
#   slower), 1.5 s of it on lines whose findings could not be kept. It now stops at the first line after the cap
#   (same 10,000 findings, a findings-capped skip): 3.8 -> 1.3 s of CPU for the whole scan.
def _template(n: int) -> str:
    return "releases:\n" + "".join(f"- name: r{i}\n  values:\n  - model: {{{{ env \"M\" | default \"qwen3-{i}b\" }}}}\n"
                                   f"    llm_model: qwen2.5:{i}b\n" for i in range(n))


def test_helm_lines_over_the_cap_stop_at_the_findings_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    from modelmap.discover import config_files, kubernetes
    from modelmap.discover.base import SourceFile, file_budget

    monkeypatch.setattr(config_files, "MAX_YAML_PARSE_CHARS", 1_000)  # the template is "over the cap" at 1 KB
    seen: list[str] = []
    real = kubernetes._neutralise

    def counting(line: str, tick: object) -> str:
        seen.append(line)
        return real(line, tick)  # type: ignore[arg-type]

    monkeypatch.setattr(kubernetes, "_neutralise", counting)
    text = _template(400)  # 1,600 lines, a finding on 400 of them
    with file_budget(max_findings=20) as allowance:
        out = kubernetes.KubernetesSource().scan(SourceFile("helmfile.yaml.gotmpl", text))
    findings = [o for o in out if not hasattr(o, "reason")]
    reasons = [o.reason for o in out if hasattr(o, "reason")]
    assert len(findings) == 20 and allowance.dropped >= 1
    assert "findings-capped" in reasons and "parse-error" in reasons
    assert len(seen) < 200  # it read all 1,600 lines before


def test_helm_lines_under_the_findings_cap_read_every_line(monkeypatch: pytest.MonkeyPatch) -> None:
    from modelmap.discover import config_files, kubernetes
    from modelmap.discover.base import SourceFile, file_budget

    monkeypatch.setattr(config_files, "MAX_YAML_PARSE_CHARS", 1_000)
    with file_budget(max_findings=1_000) as allowance:
        out = kubernetes.KubernetesSource().scan(SourceFile("helmfile.yaml.gotmpl", _template(100)))
    raws = {o.raw for o in out if not hasattr(o, "reason")}
    assert "qwen2.5:99b" in raws and not allowance.dropped
    assert [o.reason for o in out if hasattr(o, "reason")] == ["parse-error"]
