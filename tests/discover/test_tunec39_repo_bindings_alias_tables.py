"""tuneC39: general readings found while sorting the older open splits' leftover errors by cause.

- Python: a name that says its value is a model's (or a model part's) Hugging Face repository - ``repo_id``,
  ``MODEL_REPO``, ``backbone_repo``, ``codec_repo``, ``vocoder_repo_id`` - holding an ``owner/name`` is a Hub id even
  when its words are plain (``amphion/MaskGCT``, ``neuphonic/neucodec``), as the shared classifier already reads
  ``modelRepo`` in the other languages. A stand-in owner (``example/…``), a folder (``models/xtts``), a data set's or a
  GitHub project's name (``hf_repo``, ``GITHUB_REPO``) stay unread.
- Python: a dict its name calls an alias table (``MODEL_ALIAS_TO_FULL_ID_MAP``) whose every value is a model id: each
  key is the name a caller picks that model by. A table of other aliases (quantisation names, providers) stays
  unread.

Fixtures are miniatures written for these tests."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

REPOS = '''import os

CLASSIFIER_MODEL_REPO = "acme-labs/intent-classifier"
GITHUB_REPO = "acme-labs/toolkit"
hf_repo = "acme-labs/math-eval-500"


class Engine:
    def __init__(self, backbone_repo: str = "voxco/voxtts-nano", codec_repo: str = "voxco/voxcodec",
                 model_repo: str = "models/xtts", vocoder_repo_id="voxco/BigVocoder"):
        self.backbone_repo = backbone_repo


def fetch(cache):
    return _download_single_file(repo_id="voxlab/MaskCodec", filename="codec/model.safetensors")


def fixture():
    return _download_single_file(repo_id="example/resolved-model", filename="x.json")
'''


def test_hub_repo_bindings_read_plain_word_ids(tmp_path: Path) -> None:
    got = found(tmp_path, "engines/speech.py", REPOS)
    for pair in [(3, "acme-labs/intent-classifier"), (9, "voxco/voxtts-nano"), (9, "voxco/voxcodec"),
                 (10, "voxco/BigVocoder"), (15, "voxlab/MaskCodec")]:
        assert pair in got, (pair, got)
    raws = {raw for _, raw in got}
    assert "acme-labs/toolkit" not in raws, got  # a GitHub project's name
    assert "acme-labs/math-eval-500" not in raws, got  # `hf_repo` names data sets as often
    assert "models/xtts" not in raws, got  # a folder, not an account
    assert "example/resolved-model" not in raws, got  # a test's stand-in


ALIASES = '''MODEL_ALIAS_TO_FULL_ID_MAP = {
    "conformer-en": "acmeasr/speech_conformer_asr-en-16k-vocab4199-pytorch",
    "ct-punc": "acmeasr/punc_ct-transformer_cn-en-common-vocab471067-large",
    "fsmn-vad": "acmeasr/speech_fsmn_vad_zh-cn-16k-common-pytorch",
}

QUANT_ALIASES = {
    "Q8": "Q8_0",
    "Q4": "Q4_K_M",
}

_PROVIDER_ALIASES = {"togetherai": "together", "hf": "huggingface"}
'''


def test_alias_table_keys_name_their_models(tmp_path: Path) -> None:
    got = found(tmp_path, "asr/fun.py", ALIASES)
    for pair in [(2, "conformer-en"), (3, "ct-punc"), (4, "fsmn-vad")]:
        assert pair in got, (pair, got)
    raws = {raw for _, raw in got}
    assert not raws & {"Q8", "Q4", "Q8_0", "Q4_K_M"}, got  # quantisation aliases
    assert not raws & {"togetherai", "together", "hf", "huggingface"}, got  # provider aliases


LOOP = '''import os


def download_parts(cache_dir):
    for key, repo_id, remote_file, label in (
        (
            "semantic_codec",
            "voxlab/MaskCodec",
            "semantic_codec/model.safetensors",
            "semantic codec",
        ),
        ("speaker", "voxlab/SpeakerNet", "speaker.bin", "speaker"),
    ):
        fetch(repo_id, remote_file, os.path.join(cache_dir, key))
    for key, label in (("fast", "Fast preset"), ("slow", "Slow preset")):
        print(key, label)
'''


def test_unpacked_loop_rows_bind_their_columns(tmp_path: Path) -> None:
    got = found(tmp_path, "utils/download.py", LOOP)
    assert (8, "voxlab/MaskCodec") in got, got
    assert (12, "voxlab/SpeakerNet") in got, got
    raws = {raw for _, raw in got}
    assert not raws & {"semantic_codec", "speaker", "fast", "slow", "Fast preset"}, got
