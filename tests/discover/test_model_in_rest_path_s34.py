"""The model a REST path names where the provider puts it in the path: Bedrock Runtime's ``/model/{modelId}/invoke``
(and ``invoke-with-response-stream``, ``converse``, ``converse-stream``) and Vertex AI's
``publishers/{publisher}/models/{model}:{method}``, on the provider's host, a mock's, or as a bare path a test
expects. A percent-encoded id is not written as such and stays unread; a placeholder id reads as no model."""

from __future__ import annotations

from pathlib import Path

from .scan_helpers import found

RUBY_CLIENT_TEST = '''# frozen_string_literal: true

require_relative "../../test_helper"

class BedrockClientTest < Minitest::Test
  def test_invoke_url
    uri = "https://bedrock-runtime.us-east-1.amazonaws.com/model/claude-3-7-sonnet-latest/invoke"
    stub_request(:post, uri).to_return_json(status: 200, body: {})
    stub_request(:post, "http://localhost/model/claude-3-5-haiku-20241022/invoke-with-response-stream")
    assert_equal("/model/us.anthropic.claude-3-5-haiku-20241022-v1%3A0/invoke", adapted.url.path)
    assert_equal("/model/m/invoke", other.url.path)
  end

  def test_vertex_url
    region = "us-east5"
    uri = "https://#{region}-aiplatform.googleapis.com/v1/projects/proj/locations/#{region}/" \\
          "publishers/anthropic/models/claude-3-5-haiku@20241022:rawPredict"
    stub_request(:post, uri)
    stub_request(:post, "#{base}/m:rawPredict")
  end
end
'''

GO_MOCK = '''package bedrock

import "testing"

func TestConverse(t *testing.T) {
	want := "https://bedrock-runtime.us-west-2.amazonaws.com/model/anthropic.claude-3-5-sonnet-20241022-v2:0/converse"
	if got := endpointFor(); got != want {
		t.Fatal(got)
	}
	doc := "https://docs.aws.amazon.com/bedrock/latest/userguide/model/index.html"
	_ = doc
}
'''


def test_ruby_expected_request_paths(tmp_path: Path) -> None:
    got = {(line, raw) for line, raw in found(tmp_path, "test/bedrock/client_test.rb", RUBY_CLIENT_TEST)}
    assert {(7, "claude-3-7-sonnet-latest"), (9, "claude-3-5-haiku-20241022"),
            (17, "claude-3-5-haiku@20241022")} <= got
    assert not {raw for line, raw in got if line in (10, 11, 19)}  # percent-encoded id; `m` placeholders


def test_go_expected_converse_url(tmp_path: Path) -> None:
    got = found(tmp_path, "bedrock/client_test.go", GO_MOCK)
    assert (6, "anthropic.claude-3-5-sonnet-20241022-v2:0") in got
    assert not {raw for line, raw in got if line == 10}
