"""Classify where a finding sits: app, test, example, config, notebook or docs from the file's path
(``context_for``), and ``catalog`` for entries of a list or table of many models (``mark_catalogs``)."""

from __future__ import annotations

import re
from typing import Any

# a test file by its folder or its name; `tests.rs` / `*_tests.rs` are where Rust's `#[cfg(test)] mod tests;` and
# `#[path = "x_tests.rs"]` modules live (Django's `tests.py` too)
_TEST = re.compile(r"(^|/)(tests?|__tests__|spec|specs|testing|e2e|fixtures?)(/|$)|(^|/)test_[^/]*$|_tests?\.\w+$|"
                   r"(^|/)tests\.\w+$|\.(test|spec)\.\w+$|(^|/)conftest\.py$|"
                   # the capitalised spellings of typed languages' test layouts: SwiftPM's `Tests/<Target>Tests/`, a
                   # .NET test project `Foo.Tests/` or `Foo.UnitTests/`, any `<Target>Tests/` folder, and a test
                   # class's file named `<Thing>Tests.swift`, `<Thing>Test.kt` / `.java` / `.cs` (XCTest, JUnit,
                   # xUnit / NUnit name them so; a lower-case `…test.kt` such as `Contest.kt` is not one, nor a
                   # `<Thing>Spec.kt`, as often a data class describing a model as a Kotest / Spek spec)
                   r"(^|/)(Tests?|[\w-]*[A-Za-z0-9]Tests|[\w-]+\.(?:Unit|Integration)?Tests?)(/|$)|"
                   r"[a-z0-9]Tests?\.(swift|kt|kts|java|scala|groovy|cs|fs|vb|m|mm)$")
_EXAMPLE = re.compile(r"(^|/)(examples?|samples?|demos?|cookbooks?|tutorials?|quickstarts?|playground)(/|$)")
_DOCS = re.compile(r"(^|/)(docs?|documentation)(/|$)")
_CONFIG_EXT = re.compile(
    r"\.(ya?ml|json|jsonc|toml|ini|cfg|conf|properties|env|tfvars|hcl|xml|csproj|props|targets|config|resx|plist)$|(^|/)\.env[^/]*$|(^|/)env\.(example|sample|template|dist)$|(^|/)(Dockerfile[^/]*|[^/]*\.dockerfile|Modelfile[^/]*|docker-compose[^/]*|compose\.ya?ml)$",
    re.IGNORECASE,
)


# words that each pattern's every match holds (case as the pattern reads it): a path with none of them is not
# searched, and _CONFIG_EXT, whose matches all lie in the file's name, searches the name only (same answers;
# the patterns' (^|/) starts let re try every character of the path)
_TEST_WORDS = ("test", "spec", "e2e", "fixture", "Test")
_EXAMPLE_WORDS = ("example", "sample", "demo", "cookbook", "tutorial", "quickstart", "playground")


def context_for(path: str) -> str:
    if path.endswith(".ipynb"):
        return "notebook"
    if any(w in path for w in _TEST_WORDS) and _TEST.search(path):
        return "test"
    if any(w in path for w in _EXAMPLE_WORDS) and _EXAMPLE.search(path):
        return "example"
    if "doc" in path and _DOCS.search(path):
        return "docs"
    if _CONFIG_EXT.search(path[path.rfind("/") + 1:]):
        return "config"
    return "app"


# -- catalogs ---------------------------------------------------------------------------------------
#: Many model ids close together (a dict of 30 ids → prices, a list of supported models) or many in one
#: data file (all_models.json, model_prices.json): a catalog of options, not a place that uses a model.
CATALOG_RUN = 12  # distinct ids in one run of lines
CATALOG_GAP = 3  # lines between two entries of one run
CATALOG_DATA_FILE = 20  # distinct ids in one data file
CATALOG_NAMED_FILE = 5  # distinct ids in a data file whose name says it lists models or prices
_DATA_EXT = re.compile(r"\.(json|jsonc|jsonl|ndjson|ya?ml|toml|csv|tsv)$", re.IGNORECASE)
_CATALOG_NAME = re.compile(r"(?i)(^|[/_.-])(prices?|pricing|costs?|catalog(ue)?|all[_-]?models|models?[_-]?(list|info|"
                           r"map|registry|cards?)|supported[_-]?models|context[_-]?windows?|model[_-]?prices?)[^/]*$")
_CATALOG_FROM = frozenset({"app", "config", "example", "docs"})  # tests stay tests, notebooks stay notebooks


def _is_usage(finding: Any) -> bool:
    """A value that reaches a model API (or a serving engine's command) is used, whatever is around it;
    an argparse ``choices`` list is a catalog of options."""
    return (finding.api is not None and finding.api != "argparse") or finding.source.startswith("litellm")


def _runs(findings: list[Any]) -> list[list[Any]]:
    ordered = sorted(findings, key=lambda f: (f.line, f.column))
    runs: list[list[Any]] = []
    for f in ordered:
        if runs and f.line - runs[-1][-1].line <= CATALOG_GAP:
            runs[-1].append(f)
        else:
            runs.append([f])
    return runs


def catalog_members(path: str, findings: list[Any]) -> set[int]:
    """Ids (``id()``) of the findings of one file that are entries of a catalog."""
    candidates = [f for f in findings if f.kind != "endpoint" and f.context in _CATALOG_FROM and not _is_usage(f)]
    if not candidates:
        return set()
    if _DATA_EXT.search(path):
        distinct = len({f.raw.lower() for f in candidates})
        if distinct >= CATALOG_DATA_FILE or (distinct >= CATALOG_NAMED_FILE and _CATALOG_NAME.search(path)):
            return {id(f) for f in candidates}
    out: set[int] = set()
    for run in _runs(candidates):
        if len({f.raw.lower() for f in run}) >= CATALOG_RUN:
            out.update(id(f) for f in run)
    return out


def mark_catalogs(findings: list[Any]) -> list[Any]:
    """The findings with catalog entries re-labelled context ``catalog`` (evidence ``catalog:<n>``: the
    number of distinct ids in the file's catalog entries)."""
    from dataclasses import replace

    by_path: dict[str, list[Any]] = {}
    for f in findings:
        by_path.setdefault(f.path, []).append(f)
    marked: dict[int, int] = {}
    for path, items in by_path.items():
        if len(items) < CATALOG_NAMED_FILE:
            continue
        members = catalog_members(path, items)
        if members:
            size = len({f.raw.lower() for f in items if id(f) in members})
            marked.update((m, size) for m in members)
    if not marked:
        return findings
    return [replace(f, context="catalog", evidence=(*(f.evidence or ()), f"catalog:{marked[id(f)]}"))
            if id(f) in marked else f for f in findings]
