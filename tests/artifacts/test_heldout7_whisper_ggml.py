"""whisper.cpp's ggml speech models (held-out-7, opened in session 14): the header, the mel filter bank and the
vocabulary after it, read under the reader's limits; English-only Whisper told from GPT-2 by the header."""

from __future__ import annotations

import base64
import struct
from pathlib import Path

import pytest

from modelmap.artifacts import reader_for
from modelmap.errors import ReadError
from modelmap.inspect import inspect_path

from .conftest import real_file

# --- whisper.cpp ggml speech models: magic, 11 hyper-parameters, mel filters, then the vocabulary --------------------

def whisper_ggml(tokens: list[bytes], *, n_vocab: int = 51864, n_mel: int = 80, n_fft: int = 201,
                 count: int | None = None, cut: int | None = None) -> bytes:
    """A whisper.cpp ggml file as models/convert-pt-to-ggml.py writes it (base.en's hyper-parameters), weightless
    like whisper.cpp's for-tests-ggml-*.bin."""
    hp = [n_vocab, 1500, 512, 8, 6, 448, 512, 8, 6, n_mel, 1]
    out = b"lmgg" + struct.pack("<11i", *hp) + struct.pack("<2i", n_mel, n_fft) + bytes(4 * n_mel * n_fft)
    out += struct.pack("<i", len(tokens) if count is None else count)
    out += b"".join(struct.pack("<i", len(t)) + t for t in tokens)
    return out[:cut] if cut is not None else out


GPT2_LIKE = [b"!", b"the", b" the", b" and", "\ufffd".encode(), "\ufffd".encode(), b" \xe2\x80\x94", b"<|endoftext|>"]


def test_whisper_ggml_header_and_vocabulary(tmp_path: Path) -> None:
    p = tmp_path / "m"
    p.write_bytes(whisper_ggml(GPT2_LIKE))
    info = reader_for(p).read(p)
    assert info.format == "ggml"
    assert info.metadata["ggml.whisper_hparams"]["n_text_ctx"] == 448
    assert info.metadata["format_props"]["ggml.layout"] == "whisper.cpp"
    tok = info.tokenizer
    assert tok is not None and tok.kind == "ggml-whisper" and tok.special_tokens == ["<|endoftext|>"]
    assert tok.tokens == GPT2_LIKE[:-1] and tok.total_size == len(GPT2_LIKE)
    assert tok.extra == {"lossy_tokens": 2}


def test_vad_and_other_ggml_files_have_no_whisper_vocabulary(tmp_path: Path) -> None:
    vad = tmp_path / "vad"
    vad.write_bytes(b"lmgg" + struct.pack("<I", 10) + b"silero-16k" + bytes(64))
    info = reader_for(vad).read(vad)
    assert info.metadata["ggml.model_type"] == "silero-16k" and info.tokenizer is None
    odd = tmp_path / "odd"  # heads that do not divide the state: not whisper.cpp's layout
    odd.write_bytes(b"lmgg" + struct.pack("<11i", 32000, 1500, 500, 7, 6, 448, 512, 8, 6, 80, 1) + bytes(64))
    info = reader_for(odd).read(odd)
    assert "ggml.whisper_hparams" not in info.metadata and info.tokenizer is None


@pytest.mark.parametrize(("blob", "text"), [
    (whisper_ggml(GPT2_LIKE, cut=4 + 44 + 8 + 4 * 80 * 201 + 4 + 6), "truncated"),  # cut inside the vocabulary
    (whisper_ggml([b"x" * 5000]), "claims 5000 bytes"),  # one token longer than any vocabulary's
    (whisper_ggml([b"a"], count=2), "truncated"),  # a count the file does not hold
])
def test_hostile_whisper_ggml(tmp_path: Path, blob: bytes, text: str) -> None:
    p = tmp_path / "m"
    p.write_bytes(blob)
    with pytest.raises(ReadError) as err:
        reader_for(p).read(p)
    assert text in err.value.message


def test_whisper_ggml_without_its_vocabulary_or_with_a_huge_count(tmp_path: Path) -> None:
    p = tmp_path / "m"
    p.write_bytes(whisper_ggml(GPT2_LIKE, cut=4 + 44 + 8 + 100))  # the header only: read, no vocabulary
    info = reader_for(p).read(p)
    assert "ggml.whisper_hparams" in info.metadata and info.tokenizer is None
    p.write_bytes(whisper_ggml([b"a"], count=2_000_000_000))  # more than n_vocab: not a vocabulary, nothing read
    info = reader_for(p).read(p)
    assert info.tokenizer is None


def test_whisper_ggml_identified_by_its_header_not_as_gpt2(tmp_path: Path) -> None:
    """English-only Whisper keeps GPT-2's vocabulary: the ggml header's architecture sets it apart; the same
    vocabulary alone stays GPT-2's (the whisper-en-ggml entry requires the model type)."""
    gpt2 = real_file("openai-whisper-20250625", "openai_whisper-20250625/whisper/assets/gpt2.tiktoken")
    toks = [base64.b64decode(line.split()[0]) for line in gpt2.read_bytes().splitlines() if line]
    # as whisper.cpp's converter wrote base.en: tokens decoded as text, a cut UTF-8 character as U+FFFD
    lossy = [t.decode("utf-8", errors="replace").encode() for t in toks] + [b"<|endoftext|>"]
    p = tmp_path / "m"
    p.write_bytes(whisper_ggml(lossy, n_vocab=51864))
    rep = inspect_path(p)
    assert rep["family"]["id"] == "whisper" and rep["publisher"]["id"] == "openai"
    plain = tmp_path / "gpt2.tiktoken"
    plain.write_bytes(gpt2.read_bytes())
    assert inspect_path(plain)["family"]["id"] == "gpt2"
