"""A lab's Transformers-native re-save (``-hf`` repo) is its own Hub repo, not an alias of the original.

OpenGVLab/InternVL3-8B-hf declares ``License: qwen`` on its own page while the original
OpenGVLab/InternVL3-8B ships custom code under another licence; reporting the -hf query as the
original hid its licence (held-out-10 confidently wrong row). Expectations read from the two Hub
pages cited in the record (read 2026-12-04), not from the resolver.
"""

from __future__ import annotations

from modelmap.provenance.resolver import resolve


def test_internvl3_8b_hf_is_its_own_record_with_its_own_licence() -> None:
    res = resolve("OpenGVLab/InternVL3-8B-hf")
    assert res.model is not None and res.model["id"] == "opengvlab/internvl3-8b-hf"
    assert res.license is not None and res.license["id"] == "qwen"
    parents = {(e["relation"], e["model"]) for e in res.lineage if e.get("child", res.model["id"]) == res.model["id"]}
    assert ("quantization", "opengvlab/internvl3-8b") in parents
    assert list(res.origins) == ["CN"]


def test_the_original_still_resolves_to_itself() -> None:
    res = resolve("OpenGVLab/InternVL3-8B")
    assert res.model is not None and res.model["id"] == "opengvlab/internvl3-8b"
    assert res.license is not None and res.license["id"] != "qwen"
