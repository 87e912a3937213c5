"""Rust attributes: a Cargo feature (``#[cfg(feature = "llama_cpp")]``) and the serde name of a data-carrying
variant of an internally tagged enum (``#[serde(rename = "mistral_fim")] MistralFIM(MistralFIM)``) name parts of the
program, not models; a serde name on a unit variant (an enum of model ids) and a clap default are still models.
Fixtures written for these tests (the shape of an editor-assistant backend table)."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

BACKENDS = '''use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "type")]
pub(crate) enum ValidModel {
    #[cfg(feature = "llama_cpp")]
    #[serde(rename = "llama_cpp")]
    LlamaCpp(LlamaCpp),
    #[serde(rename = "mistral_fim")]
    MistralFim(MistralFim),
    #[serde(rename = "gemini")]
    Gemini { endpoint: String },
}

#[cfg(feature = "llama_cpp")]
pub mod llama_cpp;
'''

MODEL_IDS = '''use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize)]
pub enum ChatModel {
    #[serde(rename = "gpt-4o")]
    Gpt4o,
    // a comment between the attribute and the variant
    #[serde(rename = "llama3.1:8b")]
    Llama31,
}

#[derive(clap::Parser)]
struct Args {
    #[arg(long, default_value = "qwen2.5-coder:7b")]
    model: String,
}
'''


def test_feature_and_tagged_variant_names_are_not_models(tmp_path: Path) -> None:
    got = found(tmp_path, "src/config.rs", BACKENDS)
    assert not {raw for _, raw in got} & {"llama_cpp", "mistral_fim", "gemini"}, got


def test_unit_variant_ids_and_clap_defaults_stay_models(tmp_path: Path) -> None:
    got = found(tmp_path, "src/models.rs", MODEL_IDS)
    assert {(5, "gpt-4o"), (8, "llama3.1:8b"), (14, "qwen2.5-coder:7b")} <= got, got
