"""A MediaPipe ``.task`` bundle named under a file-name binding is a model's file when its stem reads as a model
(open22b, issue 10); a job's or build step's ``.task`` file under the same binding is not."""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found_kinds

# a Flutter app's catalogue of on-device models (written for this test): the download URL and the file it is saved as
_DART = """\
enum DemoModel {
  smallChat(
    url: 'https://example.com/models/download',
    filename: 'gemma3-1b-it-int4.task',
    displayName: 'Small chat',
  ),
  coder(
    url: 'https://example.com/models/download',
    filename: 'Qwen2.5-0.5B-Instruct_multi-prefill-seq_q8_ekv1280.task',
  ),
  edge(
    url: 'https://example.com/models/download',
    filename: 'phi-edge.tflite',
  );

  const DemoModel({required this.url, required this.filename, this.displayName = ''});
  final String url;
  final String filename;
  final String displayName;
}
"""

# a build tool's job definitions: `.task` files that hold steps, not models
_JOBS = """\
const jobs = [
  { filename: 'nightly.task', schedule: '0 3 * * *' },
  { filename: 'deploy.task', schedule: 'manual' },
  { filename: 'cleanup_cache.task', schedule: '@weekly' },
];
export default jobs;
"""



def test_task_bundle_under_filename_with_a_model_stem_is_a_model_file(tmp_path: Path) -> None:
    found = found_kinds(tmp_path, "lib/models.dart", _DART)
    assert found.get((4, "gemma3-1b-it-int4.task")) == "model-file"
    assert found.get((9, "Qwen2.5-0.5B-Instruct_multi-prefill-seq_q8_ekv1280.task")) == "model-file"
    assert found.get((13, "phi-edge.tflite")) == "model-file"  # the strong formats, as before


def test_task_files_of_jobs_are_not_models(tmp_path: Path) -> None:
    found = found_kinds(tmp_path, "tools/jobs.js", _JOBS)
    assert not any(raw.endswith(".task") for _, raw in found), found
