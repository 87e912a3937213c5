"""The cheap tests speed24 put in front of classify's patterns and visit_Call's per-name memo change no answer.

Each guard is a substring or prefix every match of its pattern holds, so a value that fails the guard could not have
matched; these tests check that on the patterns' own positive shapes and on a spread of look-alikes, and that the
memoised call facts are the searches they replace.
"""

from __future__ import annotations

import pytest

from modelmap.discover import identify, python

_VALUES = [
    "ep-20250510145437-5sxhs", "ep-2025", "edge_tts", "sherpa_onnx_asr", "OPENAI_GPT5", "VERTEX_GEMINI_2.5_PRO",
    "model.safetensors", "models/llama/model-00001-of-00002.safetensors", "ggml-tiny.bin", "projects/p/locations/"
    "us-central1/publishers/google/models/gemini-1.5-pro", "publishers/google/models/gemini-1.5-pro",
    "hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M", "HF.CO/a/b", "huggingface.co/org/name", "qwen3.5-0.8b-mnn",
    "taobao-mnn/qwen3-4b-mnn", "faster-whisper-tiny", "pengzhendong/faster-whisper-base", "faster-distil-whisper-large-v3",
    "sonic-3", "sonic-turbo", "sonic-2-2025-06-11", "seed-tts-2.0", "fastspeech2_male", "pwgan_aishell3",
    "paraformer-zh", "paraformer-zh-streaming", "paraformer-en", "tts_models/en/ljspeech/tacotron2-DDC",
    "vocoder_models/en/ljspeech/hifigan_v2", "voice_conversion_models/multilingual/vctk/freevc24", "copilot-gpt-5.4",
    "azure-gpt-4o", "container_name", "image", "C:\\models\\x", "a\\b", "./models/x", "../x", "~/m", "/opt/m",
    "${HOME}/m", "$HOME/m", "gpt-4o", "Qwen/Qwen2.5-7B-Instruct", "step3", "llama3:8b", "", "-", "x",
]


@pytest.mark.parametrize("value", _VALUES)
def test_each_guard_holds_wherever_its_pattern_matches(value: str) -> None:
    low = value.lower()
    guards = [
        (identify.ARK_ENDPOINT_ID.fullmatch(low), low.startswith("ep-")),
        (identify._ENGINE_KEY.fullmatch(value), "_" in value),
        (identify._CONSTANT_NAME.fullmatch(value), "_" in value),
        (identify._MODEL_FILE.fullmatch(value), "." in value),
        (identify._VERTEX_PATH.fullmatch(value), "publishers/" in value),
        (identify._HUB_HOST.fullmatch(value), "/" in value),
        (identify._MNN_CONVERSION.fullmatch(low), low.endswith("-mnn")),
        (identify._FASTER_WHISPER.fullmatch(low), "faster-" in low),
        (identify._SPEECH_API_ID.fullmatch(low), low.startswith(("sonic-", "seed-tts-"))),
        (identify._PADDLESPEECH_TTS.fullmatch(value), "_" in value),
        (identify._FUNASR_PARAFORMER.fullmatch(low), low.startswith("paraformer-")),
        (identify._COQUI_MODEL.fullmatch(low), "_models/" in low),
        (identify._VENDOR_PREFIXED.fullmatch(low), "-" in low),
    ]
    for matched, guard in guards:
        assert not matched or guard
    # _LOCAL_PATH.search: its `^` alternatives at the start, or a backslash anywhere
    assert bool(identify._LOCAL_PATH.search(value)) == bool(identify._LOCAL_PATH.match(value) or "\\" in value)


def test_the_positive_shapes_still_classify() -> None:
    # session 33: a Volcengine Ark endpoint id is a reference to one deployed model (the convention settled then)
    ark = identify.classify("ep-20250510145437-5sxhs", "key")
    assert ark is not None and ark.provider == "volcengine-ark"
    assert identify.classify("projects/p/locations/us-central1/publishers/google/models/gemini-1.5-pro", "none")
    assert identify.classify("hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M", "none")
    assert identify.classify("faster-whisper-tiny", "none")
    assert identify.classify("sonic-turbo", "none")
    assert identify.classify("fastspeech2_male", "none")
    assert identify.classify("paraformer-zh", "none")
    assert identify.classify("tts_models/en/ljspeech/tacotron2-DDC", "none")
    assert identify.classify("edge_tts", "key") is None


@pytest.mark.parametrize("name", ["re.search", "regex.sub", "conn.request", "requests.post", "register_template",
                                  "get_conv_template", "migrations.AddField", "AlterField", "load_model",
                                  "_runtime_model", "os.getenv", "os.environ.get", "settings.config", "from_pretrained",
                                  "AutoModelForCausalLM.from_pretrained", "print", "a.b.c.get", "pytest.mark.parametrize"])
def test_call_facts_are_the_searches_they_replace(name: str) -> None:
    last = name.rsplit(".", 1)[-1]
    assert python._call_facts(name) == (
        last, name in python._REGEX_CALLS, last in python._HTTP_CALLS, python._TEMPLATE_CALL.search(last) is not None,
        python._rule_for(name), python._MIGRATION_OP.search(name) is not None,
        python._MODEL_FUNCTION.search(last) is not None, python._GETENV.search(name) is not None)
