"""Test code's made-up model names: a Rust ``#[cfg(test)]`` module or ``#[test]`` function inside an app's source file
is test code (its findings say ``test``), ``tests.rs`` / ``*_tests.rs`` files are tests, and in test code a word that
only a model-named binding would make a model (no digit, no knowledge-base entry: ``"model": "paid-high"``) is a
stand-in the test builds its entries with, not reported; a known id or one with a version digit in the same test is.
Fixtures written for these tests (the shape of a desktop client's model-sync code and its unit tests)."""

from __future__ import annotations

from pathlib import Path

import modelmap
from tests.discover.scan_helpers import found

SYNC_RS = '''use serde_json::{json, Value};

pub fn default_model() -> Value {
    json!({ "id": "c0", "model": "sonar-large", "interface_type": "openai_chat" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_sorted_by_weight() {
        let items = vec![
            json!({ "id": "c1", "model": "paid-low", "weight": 1 }),
            json!({ "id": "c2", "model": "paid-high", "weight": 9 }),
            json!({ "id": "c3", "model": "gpt-4o", "weight": 5 }),
            json!({ "id": "c4", "model": "helix-4", "weight": 2 }),
        ];
        assert_eq!(items.len(), 4);
    }
}
'''

ROUTES_RS = '''#[test]
fn routes_members_to_the_proxy() {
    let cfg = json!({ "name": "member", "model": "team-x" });
    assert_eq!(route(&cfg), "proxy");
}

#[tokio::test]
async fn keeps_known_models() {
    let cfg = json!({ "model": "claude-sonnet-4-5" });
    assert!(known(&cfg));
}
'''


def test_rust_test_module_stand_ins_are_dropped_and_real_ids_kept(tmp_path: Path) -> None:
    got = found(tmp_path, "src/sync.rs", SYNC_RS)
    assert (4, "sonar-large") in got, got  # app code: the binding-only reading stands
    assert not {raw for _, raw in got} & {"paid-low", "paid-high"}, got
    assert {(16, "gpt-4o"), (17, "helix-4")} <= got, got


def test_rust_test_module_findings_say_test(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "sync.rs").write_text(SYNC_RS)
    by_raw = {f.raw: f.context for f in modelmap.scan(str(tmp_path), resolve=False).findings}
    assert by_raw["sonar-large"] == "app", by_raw
    assert by_raw["gpt-4o"] == "test", by_raw


def test_rust_tests_file_names_are_tests(tmp_path: Path) -> None:
    for name in ("src/driver/ohmy_tests.rs", "src/baizhi/tests.rs"):
        got = found(tmp_path, name, 'fn fixture() -> Value {\n    json!({ "model": "mc-next" })\n}\n')
        assert not {raw for _, raw in got} & {"mc-next"}, (name, got)


def test_test_attributes_on_functions(tmp_path: Path) -> None:
    got = found(tmp_path, "src/routes.rs", ROUTES_RS)
    assert "team-x" not in {raw for _, raw in got}, got
    assert (9, "claude-sonnet-4-5") in got, got


def test_other_languages_tests_drop_stand_ins_too(tmp_path: Path) -> None:
    go = '''package usecase

import "testing"

func TestTierModel(t *testing.T) {
	cfg := Config{Model: "acme-ultra-preview"}
	old := Config{Model: "gpt-4.1"}
	_ = cfg
	_ = old
}
'''
    got = found(tmp_path, "internal/usecase/tier_test.go", go)
    assert "acme-ultra-preview" not in {raw for _, raw in got}, got
    assert (7, "gpt-4.1") in got, got
    app = found(tmp_path, "internal/usecase/tier.go", go.replace("TestTierModel", "TierModel"))
    assert (6, "acme-ultra-preview") in app, app  # the same value in app code is still the binding-only finding
