"""yamlbound: deep YAML is refused before composing, so a libyaml older than 0.2.6 (PyYAML 6.0.3's wheels bundle 0.2.5,
whose C composer recursed once per level and crashed the process with SIGSEGV) never sees it. CI's interpreter has that
old libyaml, where the red-team probes run the real crash case; here the old-libyaml path is forced on."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from modelmap import yamlbound
from modelmap.discover.engine import ScanOptions, scan_paths
from modelmap.inspect import inspect_path

_HEAD = "Global:\n  model_name: PP-OCRv4_mobile_det\nmode: paddle\n"


@pytest.fixture
def old_libyaml(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlbound, "LIBYAML_BOUNDS_NESTING", False)


def test_version_detection_matches_the_installed_loader() -> None:
    if yamlbound.LOADER is yaml.SafeLoader:
        assert yamlbound.LIBYAML_BOUNDS_NESTING
    else:
        from yaml import _yaml

        bounds = tuple(_yaml.get_version()) >= (0, 2, 6)
        assert yamlbound.LIBYAML_BOUNDS_NESTING is bounds


def test_flow_nesting_is_refused_whatever_the_libyaml() -> None:
    assert yamlbound.nesting_error("a: " + "[" * 501 + "]" * 501) == "flow collections nested deeper than 500"
    # 500 brackets at the top (no mapping around them: under an old libyaml the event pass counts every collection,
    # so "a: [[[..500..]]]" is 501 levels there and None only where libyaml bounds nesting itself)
    assert yamlbound.nesting_error("[" * 500 + "]" * 500) is None
    # many brackets, none deep: the character pass runs and finds 1 level
    assert yamlbound.nesting_error("a: [" + "[x], " * 2000 + "[x]]") is None  # valid YAML: the old-libyaml pass parses it


def test_block_nesting_under_an_old_libyaml(old_libyaml: None) -> None:
    assert yamlbound.nesting_error("a:\n  " + "- " * 501 + "x\n") == "collections nested deeper than 500"
    assert yamlbound.nesting_error("? " * 600 + "x\n") == "collections nested deeper than 500"
    assert yamlbound.nesting_error("a:\n  " + "- " * 400 + "x\n") is None  # deep, within the bound: counted exactly
    # a long line (the cheap bound cannot clear it) in a shallow document: the event pass answers None
    assert yamlbound.nesting_error("k:\n  - name: " + "w" * 2000 + "\n    model: qwen-max\n") is None


def test_block_nesting_with_a_bounding_libyaml_is_left_to_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlbound, "LIBYAML_BOUNDS_NESTING", True)
    assert yamlbound.nesting_error("a:\n  " + "- " * 2000 + "x\n") is None  # libyaml itself stops it at 1,000


def test_scan_reports_a_deep_config_as_a_skip(old_libyaml: None, tmp_path: Path) -> None:
    (tmp_path / "app.yaml").write_text("model: qwen-max\nlabels:\n  " + "- " * 3_000 + "x\n")
    (tmp_path / "ok.yaml").write_text("llm:\n  model: deepseek-chat\n")
    result = scan_paths([tmp_path], ScanOptions(jobs=1))
    skips = {s.path: s.detail for s in result.skips}
    assert "collections nested deeper than 500" in skips.get("app.yaml", "")
    assert "deepseek-chat" in {f.raw for f in result.findings if f.path == "ok.yaml"}


def test_inspect_reports_a_deep_paddle_config_as_a_skip(old_libyaml: None, tmp_path: Path) -> None:
    (tmp_path / "inference.yml").write_text(_HEAD + "label_list:\n  " + "- " * 3_000 + "x\n")
    (tmp_path / "config.json").write_text('{"model_type": "qwen2", "architectures": ["Qwen2ForCausalLM"]}')
    doc = inspect_path(tmp_path)
    skipped = [s for s in doc["skipped"] if "inference.yml" in str(s.get("path"))]
    assert skipped and "collections nested deeper than 500" in str(skipped[0])


# --- integers: a sexagesimal 1:59:59:... costs SafeConstructor quadratic time; a long one stays text -----------------
_SEXAGESIMAL = "1" + ":59" * 20_000  # 60,001 characters, an int of ~118,000 bits if converted


@pytest.mark.parametrize("loader", [yamlbound.ConfigLoader, yamlbound.SafeConfigLoader])
def test_long_integers_stay_text(loader: type) -> None:
    doc = yaml.load(f"a: {_SEXAGESIMAL}\nb: 0x{'f' * 5000}\nc: 1:30\nd: 0x1F\ne: 42\nf: !!int 7\n", Loader=loader)
    assert doc["a"] == _SEXAGESIMAL and doc["b"] == "0x" + "f" * 5000  # text, not converted
    assert (doc["c"], doc["d"], doc["e"], doc["f"]) == (90, 31, 42, 7)  # short integers as YAML 1.1 reads them


def test_the_bounded_loaders_leave_pyyaml_unchanged() -> None:
    assert yaml.load("a: 1:30:00", Loader=yamlbound.LOADER)["a"] == 5400
    assert isinstance(yaml.safe_load("a: 0x" + "f" * 300)["a"], int)


def test_inspect_reads_a_paddle_config_with_a_sexagesimal_label(tmp_path: Path) -> None:
    (tmp_path / "inference.yml").write_text(_HEAD + "arch: DB\nlabel_list:\n  - " + _SEXAGESIMAL + "\n  - 0x"
                                            + "f" * 5000 + "\n  - cat\n")
    report = inspect_path(tmp_path)
    assert report["declared"]["name"] == "PP-OCRv4_mobile_det"
    assert report["skipped"] == []


def test_policy_config_keeps_a_long_integer_as_text() -> None:
    from modelmap.policy.yamlmarks import load_yaml

    assert load_yaml(f"version: 1\nexpiry_notice_days: {_SEXAGESIMAL}\n", "modelmap.yaml")["expiry_notice_days"] \
        == _SEXAGESIMAL
