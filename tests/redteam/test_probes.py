"""Every probe of tests/redteam/probes.py, run in a bounded child process (see runner.py).

Fast probes run in the default suite; the rest are marked ``redteam`` (``pytest -m redteam``).
A failure lists every broken promise for that input.
"""

from __future__ import annotations

import pytest

from tests.redteam.probes import PROBES, Probe
from tests.redteam.runner import remove_tree, run_probe


def _param(p: Probe) -> object:
    marks: list[pytest.MarkDecorator] = [] if p.fast else [pytest.mark.redteam]
    if p.xfail_reason:  # a known failure in code another owner holds: reported, and XPASS says it got fixed
        marks.append(pytest.mark.xfail(reason=p.xfail_reason, strict=False))
    return pytest.param(p, id=p.id, marks=marks)


@pytest.mark.parametrize("probe", [_param(p) for p in PROBES])
def test_probe(probe: Probe, tmp_path_factory: pytest.TempPathFactory) -> None:
    root = tmp_path_factory.mktemp("rt")
    try:
        res = run_probe(probe, root / "p")
        if res.skipped:
            pytest.skip(res.skipped)
        detail = res.stderr.decode("utf-8", "replace").strip()[-600:]
        if res.failures:
            pytest.fail(f"{probe.id} [{probe.cls}] `modelmap {' '.join(res.argv)}` "
                        f"({res.seconds:.1f} s, {res.maxrss_mb:.0f} MB, exit {res.rc}):\n  - "
                        + "\n  - ".join(res.failures) + (f"\nstderr tail: {detail}" if detail else ""), pytrace=False)
    finally:
        remove_tree(root)


def test_registry_is_consistent() -> None:
    ids = [p.id for p in PROBES]
    assert len(ids) == len(set(ids))
    for p in PROBES:
        assert p.argv and p.argv[0] in {"scan", "trace", "inspect", "check", "bom", "report", "diff", "runtime",
                                        "probe", "eval", "plan", "scenario", "serve", "alternatives"}, p.id
        assert p.codes <= {0, 1, 2}, p.id
        if p.skips or p.accounted:
            assert "json" in p.argv, f"{p.id}: skip/accounting checks need -f json output"
