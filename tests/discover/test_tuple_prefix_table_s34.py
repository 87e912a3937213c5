"""Session 34 (tuneA34): a C# table declared as `(string Prefix, …)` tuples holds the starts model ids are matched
against (a pricing table looked up with StartsWith), not models."""

from __future__ import annotations

from pathlib import Path

import modelmap


def _raws(tmp_path: Path, name: str, code: str) -> set[tuple[int, str]]:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(code)
    return {(f.line, f.raw) for f in modelmap.scan(str(tmp_path), resolve=False).findings if f.kind != "endpoint"}


_TABLE = (
    "public sealed class ModelPrice\n"
    "{{\n"
    "    private static readonly List<(string {slot}, ModelPrice Price)> BuiltIn = new()\n"
    "    {{\n"
    "        (\"claude-opus-4\", new ModelPrice(15m, 75m)),\n"
    "        (\"claude-3-5-haiku\", new ModelPrice(0.8m, 4m)),\n"
    "    }};\n"
    "\n"
    "    public static ModelPrice For(string modelId)\n"
    "    {{\n"
    "        foreach (var (prefix, price) in BuiltIn)\n"
    "            if (modelId.StartsWith(prefix)) return price;\n"
    "        return null;\n"
    "    }}\n"
    "}}\n"
)


def test_prefix_tuple_entries_are_not_models(tmp_path: Path) -> None:
    assert _raws(tmp_path, "src/Pricing.cs", _TABLE.format(slot="Prefix")) == set()


def test_tuple_named_otherwise_keeps_its_models(tmp_path: Path) -> None:
    found = _raws(tmp_path, "src/Pricing.cs", _TABLE.format(slot="Model"))
    assert found == {(5, "claude-opus-4"), (6, "claude-3-5-haiku")}
