"""inspect_findings: `modelmap scan` inspects the model files it finds (header reads only, never raises)."""

from __future__ import annotations

import json
import struct
from pathlib import Path

from modelmap.artifacts.identify import fingerprint_entry
from modelmap.inspect import inspect_findings
from modelmap.types import Finding, ScanResult, ScanStats


def tiny_safetensors(path: Path, vocab: int, hidden: int, layers: int, inter: int) -> None:
    """A real, tiny safetensors file (data region written) with a model's tensor naming."""
    tensors = {"model.embed_tokens.weight": [vocab, hidden]}
    for i in range(layers):
        tensors[f"model.layers.{i}.mlp.gate_proj.weight"] = [inter, hidden]
    header, off = {}, 0
    for name, shape in tensors.items():
        n = 2 * shape[0] * shape[1]
        header[name] = {"dtype": "BF16", "shape": shape, "data_offsets": [off, off + n]}
        off += n
    raw = json.dumps(header).encode()
    path.write_bytes(struct.pack("<Q", len(raw)) + raw + b"\0" * off)


def model_folder(root: Path) -> Path:
    """A small Qwen2.5-shaped folder: config.json (Qwen2.5-0.5B's cited values) + specials + weights."""
    d = root / "models" / "acme"
    d.mkdir(parents=True)
    (d / "config.json").write_text(json.dumps({
        "_name_or_path": "acme/acme-llm", "model_type": "qwen2", "architectures": ["Qwen2ForCausalLM"],
        "hidden_size": 896, "num_hidden_layers": 24, "num_attention_heads": 14, "num_key_value_heads": 2,
        "intermediate_size": 4864, "vocab_size": 151936}))
    specials = fingerprint_entry("qwen2.5")["special_tokens"]
    (d / "tokenizer_config.json").write_text(json.dumps(
        {"added_tokens_decoder": {str(151643 + i): {"content": c} for i, c in enumerate(specials)}}))
    tiny_safetensors(d / "model.safetensors", vocab=8, hidden=4, layers=2, inter=4)
    return d


def finding(path: str, kind: str = "model-file") -> Finding:
    return Finding(path=path, line=1, column=1, raw=path, kind=kind, source="model-file", confidence=0.95)


def scan(root: Path, *findings: Finding) -> ScanResult:
    return ScanResult(root=str(root), findings=list(findings), skips=[], stats=ScanStats())


def test_model_file_in_a_model_folder_is_identified(tmp_path: Path) -> None:
    model_folder(tmp_path)
    out = inspect_findings(scan(tmp_path, finding("models/acme/model.safetensors")))
    got = out.findings[0].resolution["inspected"]
    assert got["family"] == "qwen2.5"
    assert got["publisher"] == "qwen"
    assert got["origins"] == ["CN"]
    assert got["mismatches"] >= 1  # config says acme/acme-llm, the files say Qwen2.5
    assert got["security"] == 0
    assert isinstance(got["notes"], list)


def test_other_findings_and_missing_files_are_left_alone(tmp_path: Path) -> None:
    model_folder(tmp_path)
    other = finding("app.py", kind="hf-repo")
    gone = finding("models/gone.safetensors")
    outside = finding("../outside.safetensors")
    (tmp_path.parent / "outside.safetensors").write_bytes(b"x")
    out = inspect_findings(scan(tmp_path, other, gone, outside))
    assert [f.resolution for f in out.findings] == [None, None, None]


def test_unreadable_model_file_becomes_a_note(tmp_path: Path) -> None:
    bad = tmp_path / "weights" / "broken.safetensors"
    bad.parent.mkdir()
    bad.write_bytes(struct.pack("<Q", 10**9) + b"{")  # header length far past the end of the file
    out = inspect_findings(scan(tmp_path, finding("weights/broken.safetensors")))
    got = out.findings[0].resolution["inspected"]
    assert got["family"] is None and got["publisher"] is None
    assert any("broken.safetensors" in n for n in got["notes"])


def test_shards_of_one_folder_are_inspected_once_and_existing_resolution_kept(tmp_path: Path) -> None:
    d = model_folder(tmp_path)
    tiny_safetensors(d / "model-00002.safetensors", vocab=8, hidden=4, layers=2, inter=4)
    a = Finding(path="models/acme/model.safetensors", line=1, column=1, raw="x", kind="model-file",
                source="model-file", resolution={"query": "x"})
    b = finding("models/acme/model-00002.safetensors")
    out = inspect_findings(scan(tmp_path, a, b))
    ra, rb = (f.resolution for f in out.findings)
    assert ra["query"] == "x" and ra["inspected"] is rb["inspected"]


def test_bounded_number_of_targets(tmp_path: Path) -> None:
    files = []
    for i in range(3):
        p = tmp_path / f"m{i}.safetensors"
        tiny_safetensors(p, vocab=8, hidden=4, layers=1, inter=4)
        files.append(finding(p.name))
    out = inspect_findings(scan(tmp_path, *files), max_targets=2)
    notes = out.findings[2].resolution["inspected"]["notes"]
    assert notes and "not inspected" in notes[0]


def test_a_reference_in_config_inspects_the_file_it_names_not_the_config(tmp_path: Path) -> None:
    model_folder(tmp_path)
    (tmp_path / "serve.yaml").write_text("model_path: models/acme/model.safetensors\n")
    ref = Finding(path="serve.yaml", line=1, column=13, raw="models/acme/model.safetensors", kind="model-file",
                  source="config", confidence=0.8)
    missing = Finding(path="serve.yaml", line=2, column=13, raw="models/gone/model.gguf", kind="model-file",
                      source="config", confidence=0.8)
    remote = Finding(path="serve.yaml", line=3, column=13, raw="s3://bucket/serve.yaml", kind="model-file",
                     source="config", confidence=0.8)
    out = inspect_findings(scan(tmp_path, ref, missing, remote))
    assert out.findings[0].resolution["inspected"]["family"] == "qwen2.5"  # the weights the config names
    # the YAML file itself is never read as a model; a file not in the tree or a URI is left alone
    assert "inspected" not in (out.findings[1].resolution or {})
    assert "inspected" not in (out.findings[2].resolution or {})
