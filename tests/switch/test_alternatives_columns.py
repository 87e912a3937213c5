"""alternatives' table: origins say when they are incomplete, and "serves from" is where a host answers calls.

A tryout (session 30) read ``modelmap alternatives nomic-ai/nomic-embed-text-v1.5``: a candidate whose publisher's
country is not recorded showed "CN" as if its origins were known, and Amazon Bedrock's row said it "serves from US",
its home country, while the knowledge base gives no serving Region for it (calls are answered in whichever Region
the client picks; the JSON had ``serving: []``).
"""

from __future__ import annotations

import dataclasses

from modelmap.switch.alternatives import find_alternatives, table_grids


def _rows() -> dict[str, tuple[str, ...]]:
    alts = find_alternatives("Qwen/Qwen2.5-7B-Instruct")
    assert alts.candidates
    base = alts.candidates[0]
    made = [
        dataclasses.replace(base, group="same-role-size", model="example/known-origins", provider="groq",
                            origins=["US"], origins_known=True, serving=["US"], serving_country="US"),
        dataclasses.replace(base, group="same-role-size", model="example/incomplete-origins", provider="nebius",
                            origins=["CN"], origins_known=False, serving=["NL"], serving_country="NL"),
        dataclasses.replace(base, group="same-role-size", model="example/any-region", provider="aws-bedrock",
                            origins=["US"], origins_known=True, serving=[], serving_country="US"),
        dataclasses.replace(base, group="same-role-size", model="example/self-hosted", provider=None,
                            origins=["FR", "US"], origins_known=True, serving=[], serving_country=None),
    ]
    grid = table_grids(dataclasses.replace(alts, candidates=made))[1]
    return {str(row[0]): tuple(str(v) for v in row) for row in grid.rows}


def test_origins_column_marks_an_incomplete_lineage() -> None:
    rows = _rows()
    assert rows["example/known-origins"][3] == "US"
    assert rows["example/incomplete-origins"][3] == "CN (incomplete)"
    assert rows["example/self-hosted"][3] == "FR, US"


def test_serves_from_is_the_serving_region_never_the_home_country_in_its_place() -> None:
    rows = _rows()
    assert rows["example/known-origins"][4] == "US"
    assert rows["example/incomplete-origins"][4] == "NL"
    assert rows["example/any-region"][4] == "region not known (based in US)"
    assert rows["example/self-hosted"][4] == "-"
