"""A gateway's or app's own names around the models it routes (tuneB32): an entry named for a provider and the kind
of request it sends (``anthropic-chat``, ``voice-gemini``), a driver's name held in a constant (``DRIVER_NAME =
"llama2"``, read where the constant is used) and the HTTP path a request is forwarded to (``upstream_path =
"/chat/llama2"``) are not models, nor are the values a schema lets a provider field take (``provider = { one_of =
{ "openai", "llama2" } }``); the model beside them still is.

Fixtures are written for these tests in the shapes of an AI gateway's Lua driver and busted spec and a Go app's voice
config test."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

DRIVER = """\
local _M = {}

local DRIVER_NAME = "llama2"

function _M.configure(conf)
  if conf.model.provider ~= DRIVER_NAME then
    return nil, "wrong driver"
  end
  for _, h in ipairs(headers[DRIVER_NAME]) do
    clear(h)
  end
  return { model = "llama3.1:8b" }
end

return _M
"""


def test_driver_constant_is_the_provider_not_a_model(tmp_path: Path) -> None:
    got = found(tmp_path, "gateway/llm/drivers/llama2.lua", DRIVER)
    assert not any(raw == "llama2" for _, raw in got)
    assert (12, "llama3.1:8b") in got


SPEC = """\
local PLUGIN_CONF = {
  route_type = "llm/v1/chat",
  model = {
    name = "anthropic-chat",
    provider = "anthropic",
    options = {
      max_tokens = 256,
      upstream_path = "/chat/llama2",
    },
  },
}

local REAL = {
  model = {
    name = "claude-3-5-haiku-20241022",
    provider = "anthropic",
  },
}

local EMBED = { model = { name = "openai-embedding", provider = "openai" } }
local KNOWN = { model = { name = "mistral-embed", provider = "mistral" } }
"""


def test_provider_and_role_entry_name_and_upstream_path(tmp_path: Path) -> None:
    got = found(tmp_path, "spec/03-plugins/ai-proxy/00-config_spec.lua", SPEC)
    assert (4, "anthropic-chat") not in got
    assert (8, "/chat/llama2") not in got
    assert (15, "claude-3-5-haiku-20241022") in got
    assert (20, "openai-embedding") not in got
    assert (21, "mistral-embed") in got  # an id the knowledge base knows, though made of a provider and a role word


SCHEMA = """\
local model_schema = {
  type = "record",
  fields = {
    { provider = { type = "string", required = true,
                   one_of = { "openai", "azure", "anthropic", "mistral", "llama2" } } },
    { name = { type = "string", one_of = { "llama2", "gpt-4o-mini" } } },
  },
}
"""


def test_values_a_provider_field_accepts_are_providers(tmp_path: Path) -> None:
    got = found(tmp_path, "gateway/llm/schemas/init.lua", SCHEMA)
    assert (5, "llama2") not in got
    assert (5, "mistral") not in got
    assert (6, "llama2") in got  # the values a model-name field accepts are models
    assert (6, "gpt-4o-mini") in got


VOICE = """\
package asr

import "testing"

func TestVoiceModel(t *testing.T) {
	cfg := &config.Config{
		Voice: config.VoiceConfig{ModelName: "voice-gemini"},
		ModelList: []*config.ModelConfig{
			{ModelName: "voice-gemini", Model: "gemini/gemini-2.5-flash"},
			{ModelName: "voice-azure-audio", Model: "azure/gpt-4o-transcribe"},
			{ModelName: "gemini-2.5-pro", Model: "gemini/gemini-2.5-pro"},
		},
	}
	_ = cfg
}
"""


def test_voice_entry_named_for_a_provider_is_no_model(tmp_path: Path) -> None:
    got = found(tmp_path, "pkg/audio/asr/asr_test.go", VOICE)
    assert (7, "voice-gemini") not in got
    assert (9, "voice-gemini") not in got
    assert (10, "voice-azure-audio") not in got
    assert (9, "gemini/gemini-2.5-flash") in got
    assert (11, "gemini-2.5-pro") in got

