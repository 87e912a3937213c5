"""Scan shapes grouped from the opened splits' misses and false positives per language (scanfix10b, issue 10),
written here as our own fixtures (no corpus code)."""

from __future__ import annotations

from pathlib import Path

import modelmap

RUST_CONSTANTS = """//! Orbit provider model ids.

pub const ORBIT_V3_MINI: &str = "orbit-v3-mini";
const ORBIT_V3_VISION: &str = "orbit-v3-vision";
const ORBIT_V2_PRO: &str = "orbit-v2-pro";
pub const ROUTER_AUTO: &str = "orbit-auto";
pub const REGION: &str = "eu-west-1";

pub const DEFAULT_MODEL: &str = ORBIT_V3_MINI;
pub const FALLBACK_MODEL: &str = ROUTER_AUTO;

pub const SUPPORTED_MODELS: &[&str] = &[ORBIT_V3_MINI, ORBIT_V3_VISION, ORBIT_V2_PRO];

pub fn client() -> Client {
    Client::builder().region(REGION).build()
}
"""

GO_CONSTANTS = """package orbit

const (
	orbitFast   = "orbit-v2-fast"
	orbitLabel  = "orbit-v2-fast-settings"
	apiVersion  = "2024-10-01"
)

func newRequest(prompt string) Request {
	return Request{Model: orbitFast, Prompt: prompt, Version: apiVersion, Label: orbitLabel}
}
"""

JAVA_CONSTANTS = """package com.acme.orbit;

public class OrbitClient {
    private static final String STELLAR_LARGE = "stellar-v4-large";
    private static final String TIMEOUT_KEY = "orbit-timeout-v1";

    public ChatModel build() {
        return OrbitChatModel.builder().modelName(STELLAR_LARGE).property(TIMEOUT_KEY).build();
    }
}
"""


def _found(tmp_path: Path) -> set[tuple[str, int, str]]:
    return {(f.path, f.line, f.raw) for f in modelmap.scan(tmp_path, resolve=False).findings if f.kind != "endpoint"}


def test_a_named_constant_used_in_a_model_slot_is_found_at_its_literal(tmp_path: Path) -> None:
    (tmp_path / "models.rs").write_text(RUST_CONSTANTS)
    (tmp_path / "client.go").write_text(GO_CONSTANTS)
    (tmp_path / "OrbitClient.java").write_text(JAVA_CONSTANTS)
    got = _found(tmp_path)
    # through a model-named constant, a model list of constants, a struct's Model field and a modelName() call
    assert ("models.rs", 3, "orbit-v3-mini") in got
    assert ("models.rs", 4, "orbit-v3-vision") in got
    assert ("models.rs", 5, "orbit-v2-pro") in got
    assert ("client.go", 4, "orbit-v2-fast") in got
    assert ("OrbitClient.java", 4, "stellar-v4-large") in got
    raws = {raw for _, _, raw in got}
    # a router's pick-for-me setting, a region, an app key and a version reach no model slot as models
    for other in ("orbit-auto", "eu-west-1", "orbit-v2-fast-settings", "2024-10-01", "orbit-timeout-v1"):
        assert other not in raws
    # each literal once, however many uses reach it
    findings = [f for f in modelmap.scan(tmp_path, resolve=False).findings if f.raw == "orbit-v3-mini"]
    assert len(findings) == 1
    evidence = findings[0].evidence or ()
    assert "via:ORBIT_V3_MINI" in evidence
