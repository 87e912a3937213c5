"""Stand-ins for model weights that name no model (held-out-18, open18b): a download URL on a host reserved for
documentation (RFC 2606 / RFC 6761), and a small text file written where a test expects a weight file. Fixtures are
written here, in the shapes a packaging tool's Go and CI tests use."""

from __future__ import annotations

from pathlib import Path

import modelmap
from modelmap.discover.base import stand_in_weight_path
from modelmap.discover.identify import classify
from modelmap.discover.model_files import text_stand_in
from modelmap.discover.uris import reserved_host


def _found(root: Path) -> set[tuple[str, str]]:
    result = modelmap.scan(root)
    return {(f.path, f.raw) for f in result.findings if f.kind != "endpoint"}


def test_reserved_documentation_hosts() -> None:
    for url in ("https://example.com/model.bin", "http://example.org/x.gguf", "https://cdn.example.net/a/b.onnx",
                "https://models.example/llama-3-8b.gguf", "http://weights.test/qwen2-7b.safetensors",
                "https://dl.invalid/x.gguf", "http://user@example.com:8080/m.gguf", "HTTPS://EXAMPLE.COM/m.gguf"):
        assert reserved_host(url), url
    for url in ("https://myexample.com/llama-3-8b.gguf", "https://example.com.evil.io/x.gguf",
                "https://download.pytorch.org/models/resnet18-5c106cde.pth", "s3://example.com/llama-3-8b",
                "https://test.com/llama-3-8b.gguf"):
        assert not reserved_host(url), url


def test_download_url_on_example_host_is_no_model() -> None:
    for hint in ("none", "key", "path"):
        assert classify("https://example.com/remote.gguf", hint) is None
        assert classify("http://example.com/path/model.safetensors", hint) is None
        assert classify("https://mirror.example.org/Meta-Llama-3-8B-Instruct.Q4_K_M.gguf", hint) is None
    # the same file on a real host is still a weight-file download
    found = classify("https://mirror.acme.io/Meta-Llama-3-8B-Instruct.Q4_K_M.gguf", "key")
    assert found is not None and found.kind == "model-file"


_GO_TEST = '''package packager

import "testing"

const testSource = "https://example.com/model.bin"

func TestBuild(t *testing.T) {
	cases := []struct{ Name, Source string }{
		{Name: "remote", Source: "https://example.com/remote.gguf"},
		{Name: "real", Source: "https://mirror.acme.io/Meta-Llama-3-8B-Instruct.Q4_K_M.gguf"},
	}
	_ = cases
}
'''


def test_go_test_example_host_sources_are_not_reported(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "build_test.go").write_text(_GO_TEST)
    got = {raw for _, raw in _found(tmp_path)}
    assert "https://example.com/model.bin" not in got
    assert "https://example.com/remote.gguf" not in got
    assert "https://mirror.acme.io/Meta-Llama-3-8B-Instruct.Q4_K_M.gguf" in got


def test_text_stand_in_bytes() -> None:
    assert text_stand_in(b"single-platform-amd64\n")
    assert text_stand_in(b"")
    assert text_stand_in(b"FIXTURE_v1\nnested-path-fixture\n")
    assert not text_stand_in(b"GGUF")  # opens as GGUF: a truncated weights file is still one
    assert not text_stand_in(b"PK\x03\x04")
    assert not text_stand_in(b"@\x00\x00\x00\x00\x00\x00\x00{\"w\":{\"dtype\":\"F32\"}}")  # a tiny safetensors
    assert not text_stand_in(b"version https://git-lfs.github.com/spec/v1\noid sha256:ab\nsize 4368\n")
    assert not text_stand_in(b"../../.git/annex/objects/Xk/Fv/SHA256E-s1--ab.gguf/SHA256E-s1--ab.gguf")
    assert not text_stand_in(b"x" * 5000)


def test_text_files_in_the_place_of_weights_are_not_reported(tmp_path: Path) -> None:
    payloads = tmp_path / "test" / "ci" / "payloads"
    payloads.mkdir(parents=True)
    (payloads / "model.gguf").write_text("multi-platform-arm64\n")
    (payloads / "local-model.safetensors").write_text("")
    (payloads / "lfs-qwen2-7b.gguf").write_text("version https://git-lfs.github.com/spec/v1\n"
                                                "oid sha256:4d2b\nsize 4368438912\n")
    (payloads / "tiny.gguf").write_bytes(b"GGUF" + (3).to_bytes(4, "little") + bytes(16))
    got = {path for path, _ in _found(tmp_path)}
    assert "test/ci/payloads/model.gguf" not in got
    assert "test/ci/payloads/local-model.safetensors" not in got
    assert "test/ci/payloads/lfs-qwen2-7b.gguf" in got  # a pointer: the weights live in LFS
    assert "test/ci/payloads/tiny.gguf" in got  # binary GGUF, however small


def test_stand_in_weight_path_shapes() -> None:
    for path in ("models/model.gguf", "./models/a.gguf", "models\\model.gguf", "/models/model.gguf",
                 "../normalized/model.bin", "weights/model.safetensors", "models/nested/local-model.gguf",
                 "/exports/model-q4_k_m.gguf", "tiny.gguf"):
        assert stand_in_weight_path(path), path
    for path in ("/models/pytorch/llama-2-7b/final/bf16/model.safetensors", "Whisper/tiny.pt",
                 "models/Llama-3.2-1B-Instruct.Q4_K_M.gguf", "aikit-model-q4_k_m.gguf", "mmproj-model-f16.gguf",
                 "https://mirror.acme.io/model.gguf", "$MODELS/model.gguf", "models/qwen2-7b/adapter.bin"):
        assert not stand_in_weight_path(path), path


_GO_OPT_TEST = '''package inference

import "testing"

const (
	testLocalModelPath = "models/model.gguf"
	testLocalModelZ    = "models/z.gguf"
)

func TestCopies(t *testing.T) {
	sources := []string{testLocalModelZ, "./models/a.gguf", "weights/model.safetensors"}
	real := []string{"models/Llama-3.2-1B-Instruct.Q4_K_M.gguf"}
	_, _ = sources, real
}
'''

_PY_TEST = '''import unittest


class ExportTest(unittest.TestCase):
    def test_export_path(self):
        gguf_path = "/exports/model-q4_k_m.gguf"
        model_path = "/models/qwen2.5-7b-instruct-q4_k_m.gguf"
        self.assertTrue(gguf_path and model_path)
'''


def test_fixture_weight_paths_in_tests_are_not_reported(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "copy_test.go").write_text(_GO_OPT_TEST)
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_export.py").write_text(_PY_TEST)
    got = {raw for _, raw in _found(tmp_path)}
    for stand_in in ("models/model.gguf", "models/z.gguf", "./models/a.gguf", "weights/model.safetensors",
                     "/exports/model-q4_k_m.gguf"):
        assert stand_in not in got, stand_in
    assert "models/Llama-3.2-1B-Instruct.Q4_K_M.gguf" in got
    assert "/models/qwen2.5-7b-instruct-q4_k_m.gguf" in got


def test_same_paths_outside_tests_are_left_to_the_sources(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "copy.go").write_text(_GO_OPT_TEST.replace("func TestCopies(t *testing.T)", "func copies()")
                                              .replace('import "testing"\n', ""))
    got = {raw for _, raw in _found(tmp_path)}
    assert "models/model.gguf" in got or "models/z.gguf" in got
