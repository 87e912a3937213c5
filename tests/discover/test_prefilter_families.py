"""The byte prefilter lets through files that name a model only by a family word no generic keyword covers
(issue 10): before, a PHP file calling only ``voyage-3`` or a KAITO manifest naming only ``ministral-3-8b-instruct``
was never parsed, so its models were lost."""

from __future__ import annotations

from pathlib import Path

import modelmap
from modelmap.discover.prefilter import may_contain_model

PHP = """<?php
use Prism\\Prism\\Prism;

$response = Prism::embeddings()
    ->using(Provider::VoyageAI, 'voyage-3')
    ->fromInput('The food was delicious.')
    ->asEmbeddings();
"""

KAITO = """apiVersion: kaito.sh/v1beta1
kind: Workspace
metadata:
  name: workspace-ministral
resource:
  instanceType: Standard_NC24ads_A100_v4
  labelSelector:
    matchLabels:
      apps: ministral
inference:
  preset:
    name: ministral-3-8b-instruct
"""


def test_family_words_reach_the_parsers(tmp_path: Path) -> None:
    (tmp_path / "Embed.php").write_text(PHP)
    (tmp_path / "workspace.yaml").write_text(KAITO)
    for text in (PHP, KAITO):
        assert may_contain_model(text.encode())
    raws = {(f.path, f.raw) for f in modelmap.scan(tmp_path).findings}
    assert ("Embed.php", "voyage-3") in raws
    assert ("workspace.yaml", "ministral-3-8b-instruct") in raws


def test_common_words_stay_out_of_the_prefilter() -> None:
    # words that are everyday code (a bloom filter, provisioning, a build step) do not open a file on their own
    for text in (b"bloom_filter = BloomFilter(capacity=1000)\n", b"def provision(step: int) -> None: ...\n"):
        assert not may_contain_model(text)
