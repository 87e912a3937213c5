"""Scan shapes grouped from held-out-9's misses and false positives in the language analysers (scanfix12b, issue 10),
written here as our own fixtures (no corpus code)."""

from __future__ import annotations

from pathlib import Path

import modelmap
from modelmap.discover.identify import classify, names_family

GO_MIXED_CONSTS = '''package settings

const (
	ProviderAcme   = "360-ai"
	ProviderLocal  = "local"

	ModelGpt4o        = "gpt-4o"
	ModelGpt4oMini    = "gpt-4o-mini"
	ModelGpt41        = "gpt-4.1"
	ModelO3Mini       = "o3-mini"
	ModelClaudeSonnet = "claude-3-5-sonnet-20241022"
	ModelClaudeHaiku  = "claude-3-5-haiku-20241022"
	ModelGeminiPro    = "gemini-2.5-pro"
	ModelGeminiFlash  = "gemini-2.5-flash"
	ModelDeepSeekChat = "deepseek-chat"
	ModelQwenPlus     = "qwen-plus"
	ModelQwenMax      = "qwen-max"
	ModelQwenTurbo    = "qwen-turbo"

	// the provider's newer ids, not in any catalog yet
	ModelOrbitR7      = "orbit-r7-250901"
	ModelOrbitR7Lite  = "orbit-r7-lite-250901"
	QwenSketchPlus    = "qwen-sketch-plus"

	SpeechVendor = "acme_tts"

	CmdClear   = "cmd_clear"
	CmdRetry   = "cmd_retry"
	CmdPhoto   = "edit_photo"
	CmdVideo   = "make_video"
	CmdList    = "cron_list"
	CmdDelete  = "cron_del"
	CmdAdd     = "cron_add"
	CmdHelp    = "show_help"
	CmdState   = "show_state"
	CmdMode    = "set_mode"
	CmdLang    = "set_lang"
	CmdVoice   = "set_voice"
	CmdRecord  = "rec_photo"
	CmdSearch  = "web_search"
	CmdReset   = "reset_all"
	ChanWechat = "com_wechat"
	ChanQQ     = "personal_qq"
	ChanLark   = "lark_bot"
	ChanSlack  = "slack_bot"
	ChanDing   = "ding_bot"
	ChanMail   = "mail_bot"
	ChanSms    = "sms_bot"
	ChanWeb    = "web_bot"
	ChanApp    = "app_bot"
	ChanTg     = "tg_bot"
)
'''

SWIFT_PIPELINE = '''import Foundation

class PaintTextModel: Module {

    @ModuleInfo(key: "token_embedding") var tokenEmbedding: Embedding
    @ModuleInfo(key: "final_layer_norm") var finalNorm: LayerNorm
}

public struct PaintPreset {
    public static let turbo = PaintConfiguration(
        id: "stabilityai/sdxl-turbo",
        files: [
            .unetWeights: "unet/diffusion_pytorch_model.safetensors",
            .textEncoderWeights: "text_encoder/model.safetensors",
            .textEncoderWeights2: "text_encoder_2/model.safetensors",
            .vaeWeights: "vae/diffusion_pytorch_model.safetensors",
        ]
    )
}
'''


def _found(tmp_path: Path) -> set[tuple[str, int, str]]:
    return {(f.path, f.line, f.raw) for f in modelmap.scan(tmp_path, resolve=False).findings if f.kind != "endpoint"}


def test_model_like_entries_of_a_mixed_const_block_are_weighed_alone(tmp_path: Path) -> None:
    # a dozen known models beside two dozen command and channel names: the block as a whole is not mostly models,
    # but its entries that read as models (a digit or a family word) are, so the unknown ones among them are found
    (tmp_path / "consts.go").write_text(GO_MIXED_CONSTS)
    found = _found(tmp_path)
    raws = {raw for _, _, raw in found}
    assert {("consts.go", 21, "orbit-r7-250901"), ("consts.go", 22, "orbit-r7-lite-250901"),
            ("consts.go", 23, "qwen-sketch-plus")} <= found
    assert ("consts.go", 7, "gpt-4o") in found
    # a provider's name (last word `ai`), a role word's name, command and channel names stay out
    assert not raws & {"360-ai", "acme_tts", "edit_photo", "com_wechat", "cron_list", "lark_bot"}


def test_names_family_needs_more_than_a_role_word() -> None:
    assert names_family("qwen-sketch-plus")
    assert not names_family("acme_tts")
    assert not names_family("embed-service")


def test_swift_attribute_argument_and_pipeline_component_files_are_not_models(tmp_path: Path) -> None:
    # `@ModuleInfo(key: "token_embedding")` in a class named …Model: a weight key, not a model held by a models
    # class; `unet/diffusion_pytorch_model.safetensors`: a file of the checkpoint beside it, not a model
    (tmp_path / "Pipeline.swift").write_text(SWIFT_PIPELINE)
    found = _found(tmp_path)
    assert ("Pipeline.swift", 11, "stabilityai/sdxl-turbo") in found
    assert {raw for _, _, raw in found} == {"stabilityai/sdxl-turbo"}


def test_component_weight_file_is_no_model_but_a_checkpoint_path_still_is() -> None:
    assert classify("unet/diffusion_pytorch_model.safetensors") is None
    assert classify("text_encoder_2/model.safetensors", "key") is None
    assert classify("checkpoints/model.pt", "key") is not None
    assert classify("/models/unet/model.safetensors") is not None


GO_FLAG_DEFAULTS = '''package conf

import "flag"

type Video struct {
	VideoModel string
	Mode       string
	Region     string
}

var VideoConf = new(Video)

func InitVideoConf() {
	flag.StringVar(&VideoConf.VideoModel, "orbit_video_model", "orbit-video-2.0-001", "create video model")
	flag.StringVar(&VideoConf.Mode, "run_mode", "fast-lane", "how to run")
	flag.StringVar(&VideoConf.Region, "region", "eu-west-1", "where to run")
	flag.StringVar(&VideoConf.Mode, "model_version", "v2.1", "the model's edition")
	flag.StringVar(&VideoConf.Mode, "photo_model_version", "orbit_v2.1_L", "the image model's edition")
}
'''


def test_a_flag_default_is_bound_to_the_flag_name_before_it(tmp_path: Path) -> None:
    # flag.StringVar(&p, "<name>", "<default>", "<usage>"): the default is the flag's value; a flag named for a
    # model makes it one, other flags' defaults (and a bare version) stay out
    (tmp_path / "flags.go").write_text(GO_FLAG_DEFAULTS)
    found = _found(tmp_path)
    assert ("flags.go", 14, "orbit-video-2.0-001") in found
    assert ("flags.go", 18, "orbit_v2.1_L") in found  # an edition that names its model
    assert {raw for _, _, raw in found} == {"orbit-video-2.0-001", "orbit_v2.1_L"}


PY_LOADER_SIZED_DIR = '''from transformers import AutoModelForCausalLM, AutoTokenizer

tokenizer = AutoTokenizer.from_pretrained("/srv/data/Acme/OrbitLM-6B", trust_remote_code=True)
model = AutoModelForCausalLM.from_pretrained("/srv/data/Acme/OrbitLM-6B", trust_remote_code=True)
other = AutoTokenizer.from_pretrained("/srv/data/Acme/orbit-runs")
'''


def test_a_loader_s_folder_with_a_parameter_count_is_a_model(tmp_path: Path) -> None:
    # from_pretrained of a local folder whose name has no family word the knowledge base knows but carries a
    # parameter count (OrbitLM-6B); a folder without one stays out
    (tmp_path / "train.py").write_text(PY_LOADER_SIZED_DIR)
    found = _found(tmp_path)
    assert {("train.py", 3, "/srv/data/Acme/OrbitLM-6B"), ("train.py", 4, "/srv/data/Acme/OrbitLM-6B")} <= found
    assert all(raw != "/srv/data/Acme/orbit-runs" for _, _, raw in found)
    assert classify("/srv/data/Acme/OrbitLM-6B", "key") is None  # a settings key alone still asks for a models dir


JAVA_POSITIONAL_VALUES = '''package com.acme.orbit;

class ChunkTests {
    void build() {
        Chunk chunk = new Chunk("id", 666L, "model", null, null, "chat.completion.chunk", null);
        Reply reply = new Reply("acme-model", createdAt, message, "stop-reason", false, 100L);
    }
}
'''


def test_a_string_further_back_or_a_value_before_it_names_no_setting(tmp_path: Path) -> None:
    # positional constructor arguments: "model" and "acme-model" are values of other parameters, not the names the
    # later strings are passed under
    (tmp_path / "ChunkTests.java").write_text(JAVA_POSITIONAL_VALUES)
    raws = {raw for _, _, raw in _found(tmp_path)}
    assert not raws & {"chat.completion.chunk", "stop-reason"}
