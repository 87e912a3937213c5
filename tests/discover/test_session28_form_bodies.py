"""A form-encoded request body or a URL query string kept in one literal (`"model=whisper-1&language=en"`,
`"/v1/models?model=llama3"`): the value of a model field is read as a literal bound to `model`; other fields and
prose are not. Fixture written for these tests, shaped like a proxy's request-parsing tests."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_TEST = """package swaputil

import (
	"net/http"
	"strings"
	"testing"
)

func TestExtractModel_Form(t *testing.T) {
	body := "model=whisper-1&response_format=json"
	r, _ := http.NewRequest(http.MethodPost, "/v1/audio/transcriptions", strings.NewReader(body))
	q, _ := http.NewRequest(http.MethodGet, "/v1/props?model=llama3&verbose=1", nil)
	other := "temperature=0.7&stream=true"
	msg := "set model=<name> in the form"
	_, _, _, _ = r, q, other, msg
}
"""


def test_form_and_query_model_fields(tmp_path: Path) -> None:
    got = found(tmp_path, "internal/swaputil/http_test.go", _TEST)
    assert {(10, "whisper-1"), (12, "llama3")} <= got
    assert not any(line in (13, 14) for line, _ in got)
