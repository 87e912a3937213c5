"""An on-device app's model catalogue names each GGUF model by its Hub repository (``hf_repo``) and file
(``hf_filename``), a vision model's projector too (``mmproj-F16.gguf``): the repository is a model repository
whatever its owner, and a projector file is weights (open22a)."""

from __future__ import annotations

from modelmap.discover.base import SourceFile
from modelmap.discover.config_files import ConfigFileSource
from modelmap.discover.identify import classify
from modelmap.types import Finding

RULES = """\
{
  "version": 3,
  "tiers": [
    {
      "min_ram_gb": 6,
      "models": [
        {
          "model": "tinyvision-2b",
          "display_name": "TinyVision 2B",
          "hf_repo": "acme-labs/TinyVision-2B-gguf",
          "hf_filename": "TinyVision-2B-Q4_0.gguf",
          "size_bytes": 1500000000,
          "mmproj": {
            "hf_repo": "acme-labs/TinyVision-2B-gguf",
            "hf_filename": "mmproj-F16.gguf",
            "size_bytes": 400000000
          }
        }
      ]
    }
  ]
}
"""


def test_hf_repo_and_projector_of_a_device_rule() -> None:
    out = ConfigFileSource().scan(SourceFile("src/store/rules.json", RULES, "app"))
    found = {(f.line, f.raw): f for f in out if isinstance(f, Finding)}
    assert found[(10, "acme-labs/TinyVision-2B-gguf")].kind == "hf-repo"
    assert found[(14, "acme-labs/TinyVision-2B-gguf")].kind == "hf-repo"
    assert found[(15, "mmproj-F16.gguf")].kind == "model-file"


DATASETS = """\
tasks:
  - name: aime24
    hf_repo: acme-evals/aime_2024
    hf_subset: default
    evaluation_splits: [train]
"""


def test_a_repository_without_a_weight_file_is_not_read_as_a_model() -> None:
    out = ConfigFileSource().scan(SourceFile("eval/tasks.yaml", DATASETS, "app"))
    assert not any(isinstance(f, Finding) and f.raw == "acme-evals/aime_2024" for f in out)


def test_projector_file_name() -> None:
    match = classify("mmproj-F16.gguf", "none")
    assert match is not None and match.kind == "model-file"
    # a projector's name is no model on its own without the file
    assert classify("mmproj", "none") is None
