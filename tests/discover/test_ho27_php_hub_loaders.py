"""Hugging Face loaders in PHP (Transformers PHP's `pipeline` / `fromPretrained`), PHP 8 `match` arms of a function
named for a model, a `match` on a checkpoint's `model_type`, and a JSON table keyed by models (held-out-27, session
33)."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

TASK_ENUM = """<?php
enum Task: string
{
    case FillMask = 'fill-mask';
    case Summarization = 'summarization';

    public function defaultModelName(): string
    {
        return match ($this) {
            self::FillMask => 'Xenova/bert-base-uncased', // Original: 'bert-base-uncased',
            self::Summarization => 'Xenova/distilbart-cnn-6-6',
        };
    }
}
"""


def test_php_match_arms_of_a_model_name_function(tmp_path: Path) -> None:
    hits = found(tmp_path, "src/Pipelines/Task.php", TASK_ENUM)
    assert (10, "Xenova/bert-base-uncased") in hits
    assert (11, "Xenova/distilbart-cnn-6-6") in hits


DISPATCH = """<?php
class AsrPipeline
{
    public function __invoke(array $inputs): array
    {
        return match ($this->model->config->modelType) {
            'whisper' => $this->invokeWhisper($inputs),
            'wav2vec2',
            'wav2vec2-bert',
            'unispeech-sat' => $this->invokeCtc($inputs),
        };
    }
}
"""


def test_php_match_on_a_checkpoint_model_type_names_architectures(tmp_path: Path) -> None:
    assert not found(tmp_path, "src/Pipelines/AsrPipeline.php", DISPATCH)


LOADERS = """<?php
use function Codewithkyrian\\Transformers\\Pipelines\\pipeline;

$upscaler = pipeline('image-to-image', 'Xenova/swin2SR-classical-sr-x2-64');
$processor = AutoProcessor::fromPretrained('Xenova/yolov9-c_all');
$model = AutoModel::fromPretrained('Xenova/yolov9-c_all');
"""


def test_php_hugging_face_loader_arguments(tmp_path: Path) -> None:
    hits = found(tmp_path, "examples/pipelines/upscale.php", LOADERS)
    assert (4, "Xenova/swin2SR-classical-sr-x2-64") in hits
    assert (5, "Xenova/yolov9-c_all") in hits
    assert (6, "Xenova/yolov9-c_all") in hits
    assert not any(raw == "image-to-image" for _, raw in hits)  # the task, not a model


KEYED_BY_MODEL = """{
  "bert-base-uncased": [{"input": "a"}],
  "facebook/bart-large-cnn": [{"input": "a"}],
  "openai/whisper-tiny": [{"input": "a"}],
  "t5-small": [{"input": "a"}],
  "bert-base-chinese": [{"input": "a"}],
  "Rocketknight1/tiny-random-falcon-7b": [{"input": "a"}]
}
"""

KEYED_BY_CASE = """{
  "bert-base-uncased": [{"input": "a"}],
  "t5-small": [{"input": "a"}],
  "gpt2-medium": [{"input": "a"}],
  "empty-input": [{"input": ""}],
  "long-input": [{"input": "aaaa"}],
  "unicode-input": [{"input": "e"}],
  "mixed-case": [{"input": "Aa"}]
}
"""


WORKFLOW = """jobs:
  check-label:
    runs-on: ubuntu-22.04
  gpt-4o-2024-08-06:
    runs-on: ubuntu-22.04
  gpt-4o-mini-2024-07-18:
    runs-on: ubuntu-22.04
  claude-3-7-sonnet-20250219:
    runs-on: ubuntu-22.04
"""


def test_keys_of_a_table_keyed_by_model(tmp_path: Path) -> None:
    hits = found(tmp_path, "tests/tokenizers/dataset.json", KEYED_BY_MODEL)
    assert (6, "bert-base-chinese") in hits
    assert (7, "Rocketknight1/tiny-random-falcon-7b") in hits
    # most keys are no model: the table is not a model table
    other = found(tmp_path / "b", "tests/tokenizers/cases.json", KEYED_BY_CASE)
    assert not any(raw.endswith("-input") or raw == "mixed-case" for _, raw in other)
    # a workflow's jobs, one per model, beside a job of its own: only the keys that read as models
    jobs = found(tmp_path / "c", ".github/workflows/smoke.yaml", WORKFLOW)
    assert (2, "check-label") not in jobs
