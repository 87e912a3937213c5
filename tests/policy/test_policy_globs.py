"""Flow and waiver path globs (issue 4)."""

from __future__ import annotations

import pytest

from modelmap.policy.globs import matches


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("services/checkout/**", "services/checkout/a.py", True),
        ("services/checkout/**", "services/checkout/deep/er/a.py", True),
        ("services/checkout/**", "services/checkout2/a.py", False),
        ("services/checkout/", "services/checkout/a.py", True),
        ("services/*/bot.py", "services/support/bot.py", True),
        ("services/*/bot.py", "services/a/b/bot.py", False),
        ("**/*.ipynb", "notebooks/x/explore.ipynb", True),
        ("**/*.ipynb", "explore.ipynb", True),
        ("*.ipynb", "notebooks/explore.ipynb", True),  # no slash: file name anywhere
        ("./internal/**", "internal/tools/x.py", True),
        ("internal/**", "./internal/tools/x.py", True),
        ("internal/**", "internal\\tools\\x.py", True),
        ("src/app?.py", "src/app1.py", True),
        ("src/app?.py", "src/app10.py", False),
        ("src/[a].py", "src/[a].py", True),  # brackets are literal
    ],
)
def test_matches(pattern: str, path: str, expected: bool) -> None:
    assert matches(pattern, path) is expected
