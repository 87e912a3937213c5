"""A pretrained base is not offered as the replacement of a tuned (instruct, chat) model.

Seen in `modelmap alternatives Qwen/Qwen2.5-7B-Instruct`: "same family, another size" listed qwen2.5-14b, -32b, -72b
and -3b (the pretrained bases) beside the instruct models; a base model answers no chat prompt as the app expects.
A model counts as a pretrained base only where the knowledge base records a tuned model fine-tuned from it: a model
with no recorded base is not taken for one from that alone.
"""

from __future__ import annotations

from modelmap.knowledge import load
from modelmap.switch.alternatives import _pretrained_bases, find_alternatives


def _models(query: str) -> set[str]:
    return {c.model for c in find_alternatives(query, kb=load()).candidates if c.group != "same-weights"}


def test_bases_are_known_from_their_tuned_children_only() -> None:
    bases = _pretrained_bases(load())
    assert {"qwen/qwen2.5-14b", "qwen/qwen2.5-72b"} <= bases
    assert "qwen/qwen2.5-14b-instruct" not in bases and "openai/gpt-4o" not in bases


def test_an_instruct_model_gets_no_pretrained_base_as_replacement() -> None:
    models = _models("Qwen/Qwen2.5-7B-Instruct")
    assert "qwen/qwen2.5-14b-instruct" in models
    assert not models & _pretrained_bases(load())


def test_a_base_model_still_gets_bases() -> None:
    assert "qwen/qwen2.5-14b" in _models("Qwen/Qwen2.5-7B")
