"""Units behind the session-34 red-team probes (tests/redteam/probes_session34.py): a file whose analysis runs out of
its budget must not leave its syntax tree alive in a reference cycle (the open item of session 33: two 3 MB value
switches read one after the other peaked at 509 MB, the first file's tree still held while the second was parsed)."""

from __future__ import annotations

import gc
import types

from modelmap.discover.base import SourceFile, file_budget
from modelmap.discover.polyglot import PolyglotSource
from modelmap.types import Skip


def test_budget_exhaustion_keeps_no_frames_of_the_literal_walk() -> None:
    # 5,000 literals under a model-named binding, a budget of a few hundred steps: _emit stops with BudgetExceeded
    # and keeps it as the value it returns; the exception's traceback held _emit's own frame (which holds the
    # exception: a cycle) and the literal walk's generator frame (which holds the tree), so the tree outlived the scan
    # until the cyclic collector ran
    text = "<?php\n$model = match ($p) {\n" + "".join(f"    'p{i}' => 'acme-m{i}',\n" for i in range(5_000)) \
        + "    default => 'gpt-4o-mini',\n};\n"
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        with file_budget(seconds=60.0, steps=200):
            out = list(PolyglotSource().scan(SourceFile("app/Pick.php", text, "app")))
        gc.collect()
        frames = sorted({o.f_code.co_name for o in gc.garbage if isinstance(o, types.FrameType)})
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        if was_enabled:
            gc.enable()
    assert any(isinstance(o, Skip) and o.reason == "analysis-budget" for o in out), out[-3:]
    assert frames == [], f"frames left in reference cycles after the scan: {frames}"
