"""A path to a file of records or tables (Parquet, Arrow, JSON Lines, CSV / TSV) is data, not a model.

Trainer and generation configs name their data files after the model the data was made with or for
(``path: /tmp/math_Qwen2-7B-Instruct.parquet``, ``scores: …/scores_Llama-3-8B-Instruct.csv``); such a file holds rows, never
weights, so the model name in it does not make it a model's folder. The model folder beside it is still found.
"""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_YAML = """\
data:
  path: /tmp/math_Qwen2-7B-Instruct.parquet
  prompt_key: prompt
  eval_path: /opt/runs/gen_Qwen2.5-7B-Instruct.arrow
  scores: /opt/runs/scores_Llama-3-8B-Instruct.csv
model:
  path: /models/Qwen2-7B-Instruct
"""


def test_data_files_named_for_a_model_are_not_models(tmp_path: Path) -> None:
    got = found(tmp_path, "trainer/config/generation.yaml", _YAML)
    raws = {raw for _line, raw in got}
    assert "/tmp/math_Qwen2-7B-Instruct.parquet" not in raws
    assert "/opt/runs/gen_Qwen2.5-7B-Instruct.arrow" not in raws
    assert "/opt/runs/scores_Llama-3-8B-Instruct.csv" not in raws
    assert (7, "/models/Qwen2-7B-Instruct") in got
