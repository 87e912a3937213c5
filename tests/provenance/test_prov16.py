"""Provenance fixes of session 16 (prov16), found on the opened held-out-12 provenance table.

Expectations come from the sources cited in the knowledge-base records (each repo's own README front matter), not
from the resolver.
"""

from __future__ import annotations

import pytest

from modelmap.provenance.resolver import resolve


@pytest.mark.parametrize(
    ("query", "base"),
    [
        ("TheBloke/Yi-6B-GPTQ", "01-ai/yi-6b"),
        ("TheBloke/Yi-6B-200K-AWQ", "01-ai/yi-6b-200k"),
    ],
)
def test_more_of_thebloke_yi_quants_keep_the_yi_licence_their_repos_declare(query: str, base: str) -> None:
    # both READMEs' front matter: license other, license_name yi-license (November 2023); before these records the
    # resolver inherited apache-2.0, the licence 01.AI's own repos carry since they were relicensed
    res = resolve(query)
    assert res.model is not None and res.model["id"] == query.lower()
    assert res.confidence == "known"
    assert res.license is not None and res.license["id"] == "yi"
    assert res.immediate_base() == base


def test_the_unquantized_yi_6b_keeps_its_current_licence() -> None:
    res = resolve("01-ai/Yi-6B")
    assert res.license is not None and res.license["id"] == "apache-2.0"


def test_paddleocr_vl_is_baidus_document_vlm_on_ernie_4_5_0_3b() -> None:
    # the card's front matter: license apache-2.0, base_model baidu/ERNIE-4.5-0.3B-Paddle (an alias of the -PT record)
    res = resolve("PaddlePaddle/PaddleOCR-VL")
    assert res.model is not None and res.model["id"] == "paddlepaddle/paddleocr-vl"
    assert res.license is not None and res.license["id"] == "apache-2.0"
    assert res.immediate_base() == "baidu/ernie-4.5-0.3b-pt"
    assert list(res.origins or ()) == ["CN"]


def test_an_unrecorded_repack_of_paddleocr_vl_keeps_only_what_the_name_says() -> None:
    # cstr's GGUF is not recorded: the name points at PaddleOCR-VL, so its origins are a lower bound and the rest unknown
    res = resolve("cstr/paddleocr-vl-0.9b-GGUF")
    assert res.confidence == "unknown"
    assert list(res.origins or ()) == ["CN"]
    assert res.license is None or res.license.get("id") in (None, "unknown")
