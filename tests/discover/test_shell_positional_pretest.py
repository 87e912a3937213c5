"""``_scan_command_line`` tests each word against ``_POSITIONAL`` (``vllm serve``, ``ollama pull``, ``hf download``,
``mlx_lm.server`` …) only when the word's file name is one of the entries' first words or the word ends with a
one-word entry: a pre-test that must pass every word the full per-entry test accepts (a program written with its
folder, in capitals, or as the end of a longer word), or a model after it would be lost."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from modelmap.discover.shell import _POSITIONAL, _may_start_positional
from tests.discover.scan_helpers import found


def _entry_matches(lowered: list[str], i: int, seq: tuple[str, ...]) -> bool:
    """The per-entry test of _scan_command_line, as written there."""
    n = len(seq)
    return ((lowered[i] == seq[0] or (n > 1 and lowered[i].rsplit("/", 1)[-1] == seq[0]))
            and tuple(lowered[i + 1:i + n]) == seq[1:]) or (n == 1 and lowered[i].endswith(seq[0]))


def test_no_first_word_holds_a_slash() -> None:
    # the pre-test compares a word's file name: an entry whose program held a `/` could equal a whole word only
    assert all("/" not in seq[0] for seq, _, _, _ in _POSITIONAL)


_WORDS = st.sampled_from([w for seq, _, _, _ in _POSITIONAL for w in seq] + ["python", "-m", "--model", "x", ""])
_PREFIX = st.sampled_from(["", "/usr/local/bin/", "./", "~/bin/", "x", "/opt/mlx_lm/", "un"])


@given(st.lists(st.tuples(_PREFIX, _WORDS), min_size=1, max_size=6))
def test_the_pretest_passes_every_word_an_entry_accepts(parts: list[tuple[str, str]]) -> None:
    lowered = [(p + w).lower() for p, w in parts]
    for i in range(len(lowered)):
        if any(_entry_matches(lowered, i, seq) for seq, _, _, _ in _POSITIONAL):
            assert _may_start_positional(lowered[i])


def test_the_pretest_leaves_out_ordinary_words() -> None:
    assert not any(_may_start_positional(w) for w in ("python", "--model", "serve", "pull", "/opt/models/qwen", "echo"))
    assert all(_may_start_positional(w) for w in ("vllm", "/usr/bin/ollama", "hf", "docker", "x/mlx_lm.server"))


def test_programs_with_folders_capitals_and_suffixes_still_name_their_models(tmp_path: Path) -> None:
    text = ("/usr/local/bin/vllm serve Qwen/Qwen2.5-7B-Instruct --port 8000\n"
            "OLLAMA pull qwen2.5:7b\n"
            "~/bin/hf download meta-llama/Llama-3.1-8B-Instruct --local-dir /models/llama\n"
            "python -m mlx_lm.server mlx-community/Mistral-7B-Instruct-v0.3-4bit\n"
            "docker model pull ai/smollm2\n"
            "echo vllm-serve is not a program here\n")
    got = {raw for _, raw in found(tmp_path, "run.sh", text)}
    assert {"Qwen/Qwen2.5-7B-Instruct", "qwen2.5:7b", "meta-llama/Llama-3.1-8B-Instruct",
            "mlx-community/Mistral-7B-Instruct-v0.3-4bit", "ai/smollm2"} <= got
