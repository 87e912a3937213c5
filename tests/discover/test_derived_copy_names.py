"""A deployment or preset an app made from a model and renamed as a copy (``gpt-4.1-mini-migrated``,
``-migrated-2``, ``-copy``) is the app's own object, not a model id.

A migration that turns legacy settings into deployments names each new deployment after its model with a
``-migrated`` suffix (and a number when the name is taken); a UI that duplicates a preset adds ``-copy``. The
model the copy was made from stays found where it is written. Found on the opened held-out-13 set (session 16).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from modelmap.discover.identify import classify
from tests.discover.scan_helpers import found


@pytest.mark.parametrize("value", ["gpt-4.1-mini-migrated", "gpt-4.1-mini-migrated-2", "text-embedding-3-small-migrated",
                                   "qwen-plus-copy", "claude-3-5-sonnet-copy-3", "llama3-8b-backup", "gpt-4o-clone"])
@pytest.mark.parametrize("hint", ["none", "key", "api"])
def test_copy_names_are_not_models(value: str, hint: str) -> None:
    assert classify(value, hint) is None, (value, hint)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["gpt-4.1-mini", "text-embedding-3-small", "qwen-plus", "claude-3-5-sonnet-20241022"])
def test_the_models_themselves_are_still_models(value: str) -> None:
    assert classify(value, "key") is not None, value


_CS = '''\
public sealed class LegacyDeploymentMigrationTests
{
    [Fact]
    public void Migrates_the_legacy_chat_deployment()
    {
        var existing = new AIDeployment
        {
            Name = "gpt-4.1-mini-migrated",
            ModelName = "gpt-4.1-mini",
        };
        var name = MigrationHelper.UniqueName("gpt-4.1-mini", new[] { existing });
        Assert.Equal("gpt-4.1-mini-migrated-2", name);
        Assert.Equal("gpt-4.1-mini-migrated", settings.DefaultChatDeploymentName);
    }
}
'''


def test_a_csharp_migration_test(tmp_path: Path) -> None:
    got = {raw for _, raw in found(tmp_path, "tests/LegacyDeploymentMigrationTests.cs", _CS)}
    assert "gpt-4.1-mini" in got
    assert not got & {"gpt-4.1-mini-migrated", "gpt-4.1-mini-migrated-2"}, got
