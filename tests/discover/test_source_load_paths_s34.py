"""Arguments of the calls that load a program's own source files (Ruby ``require`` / ``require_relative`` /
``autoload``, PHP ``require_once``, Lua ``dofile``) are file paths, never model ids (session 30).

Held-out-28's single scoring found a Ruby SDK's entry file whose ~1,200 ``require_relative "anthropic/internal/util"``
lines were each reported as a provider-prefixed model, because ``anthropic`` is a provider word. A model id passed to
an ordinary call in the same file, and a Ruby ``model:`` keyword argument, are still found."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

RUBY = """\
# frozen_string_literal: true
require "json"
require_relative "anthropic/internal/util"
require_relative "anthropic/helpers/bedrock/client"
require "openai/models/chat_model"
autoload :Streaming, "anthropic/helpers/streaming"

client = Anthropic::Client.new
message = client.messages.create(model: "claude-3-7-sonnet-latest", max_tokens: 1024, messages: [])
router = Router.new("openrouter/anthropic/claude-3.5-sonnet")
"""

LUA = """\
local util = require("openai/internal/util")
dofile("anthropic/helpers/setup.lua")
local conf = { model = "qwen2.5:7b" }
"""


def test_ruby_require_paths_are_no_models(tmp_path: Path) -> None:
    out = found(tmp_path, "lib/anthropic.rb", RUBY)
    assert not {raw for line, raw in out if line <= 6}
    assert (9, "claude-3-7-sonnet-latest") in out
    assert (10, "openrouter/anthropic/claude-3.5-sonnet") in out


def test_lua_require_and_dofile_paths_are_no_models(tmp_path: Path) -> None:
    out = found(tmp_path, "app/init.lua", LUA)
    assert not {raw for line, raw in out if line <= 2}
    assert (3, "qwen2.5:7b") in out
