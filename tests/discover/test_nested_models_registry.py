"""A models registry's nested groups (C# / Java ``Models.Local.X``: the registry groups its ids by provider or
runtime, and only the outer type says "models"). Fixtures written for these tests."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_CS_REGISTRY = '''\
namespace Acme.Domain;

public static class Models
{
    public static class Local
    {
        public const string Hermes3_8b = "hermes3-8b";
        public const string Olmo2_7b = "olmo2-7b";
        public const string Webgen_4b = "webgen-4b";
        public const string Zorblat_7b = "zorblat-7b";
        public const string NomicEmbedding = "nomic-embedding";
    }

    public static class Endpoints
    {
        public const string ChatRoute = "chat-v2";
    }
}
'''

_CS_SETTINGS = '''\
namespace Acme.Domain;

public static class Settings
{
    public static class Local
    {
        public const string Profile = "olmo2-7b";
        public const string Channel = "zorblat-7b";
    }
}
'''

_JAVA_REGISTRY = '''\
package com.acme.llm;

public final class Models {
    private Models() {}

    public static final class Local {
        public static final String HERMES3_8B = "hermes3-8b";
        public static final String ZORBLAT_7B = "zorblat-7b";
        private Local() {}
    }
}
'''


def test_a_models_registrys_nested_group_lists_models(tmp_path: Path) -> None:
    got = found(tmp_path, "src/Acme.Domain/Models.cs", _CS_REGISTRY)
    for line, raw in ((7, "hermes3-8b"), (8, "olmo2-7b"), (9, "webgen-4b"), (10, "zorblat-7b"),
                      (11, "nomic-embedding")):
        assert (line, raw) in got
    assert (16, "chat-v2") not in got  # a group named for something else (Endpoints)


def test_a_nested_group_of_another_class_says_nothing(tmp_path: Path) -> None:
    got = found(tmp_path, "src/Acme.Domain/Settings.cs", _CS_SETTINGS)
    assert (7, "olmo2-7b") not in got and (8, "zorblat-7b") not in got


def test_java_nested_registry_group(tmp_path: Path) -> None:
    got = found(tmp_path, "src/main/java/com/acme/llm/Models.java", _JAVA_REGISTRY)
    assert (7, "hermes3-8b") in got and (8, "zorblat-7b") in got
