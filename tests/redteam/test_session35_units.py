"""Units behind the session-35 red-team probes (tests/redteam/probes_session35.py): a Paddle ``inference.yml`` is
parsed bounded - its size (1 MiB), the nodes its aliases and merge keys expand to, its nesting - and only scalar labels
are kept (str() of an aliased list has no bound). Before the fix a 4 KB alias bomb under label_list ran past 60 s and
1.5 GB, and an 18 MB inference.yml past 120 s (pure-Python PyYAML)."""

from __future__ import annotations

from pathlib import Path

import yaml

from modelmap.inspect import _expanded_nodes, inspect_path


def _laughs(levels: int, key: str = "label_list") -> str:
    out = ["Global:\n  model_name: PP-DocLayout-L\nmode: paddle\nl0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"]
    out += [f"l{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]\n" for i in range(1, levels + 1)]
    return "".join(out) + f"{key}: [*a{levels}, b]\n"


def _merges(levels: int) -> str:
    out = ["Global:\n  model_name: PP-X\nmode: paddle\nm0: &m0 {" + ", ".join(f"k{i}: v" for i in range(10)) + "}\n"]
    out += [f"m{i}: &m{i}\n  <<: [" + ", ".join([f"*m{i - 1}"] * 10) + "]\n" for i in range(1, levels + 1)]
    return "".join(out)


def _skips(folder: Path) -> list[str]:
    return [str(s["detail"]) for s in inspect_path(folder)["skipped"]]


def test_alias_bomb_in_label_list_is_refused(tmp_path: Path) -> None:
    (tmp_path / "inference.yml").write_text(_laughs(8))
    assert any("alias bomb" in d for d in _skips(tmp_path))


def test_merge_key_bomb_is_refused(tmp_path: Path) -> None:
    (tmp_path / "inference.yml").write_text(_merges(8))
    assert any("alias bomb" in d for d in _skips(tmp_path))


def test_small_aliases_are_read_and_nested_labels_dropped(tmp_path: Path) -> None:
    # 3 levels: 1,000 expanded nodes, under the bound: read; the aliased list among the labels is not kept as one
    (tmp_path / "inference.yml").write_text(_laughs(3))
    rec = inspect_path(tmp_path)
    assert rec["declared"]["name"] == "PP-DocLayout-L" and not rec["skipped"]


def test_recursive_alias_is_counted_once(tmp_path: Path) -> None:
    (tmp_path / "inference.yml").write_text("Global: &g\n  model_name: PP-Y\n  self: *g\nmode: paddle\n"
                                            "label_list: &l [a, *l, b]\n")
    rec = inspect_path(tmp_path)
    assert rec["declared"]["name"] == "PP-Y"
    node = yaml.compose("a: &l [x, *l]\n")
    assert _expanded_nodes(node, 100) == 5  # mapping, key, list, x, and the alias back to the list once


def test_oversized_inference_yml_is_a_reported_skip(tmp_path: Path) -> None:
    (tmp_path / "inference.yml").write_text("Global:\n  model_name: PP-X\nmode: paddle\nlabel_list:\n"
                                            + "  - a\n" * 300_000)
    assert any("max_config_yaml_bytes" in d for d in _skips(tmp_path))
