"""A weight file's bare name in code: the LiteRT-LM format and a `filename:`-style binding (issue 10).

On-device apps keep a catalogue of downloadable models, one entry per model with its download URL and the file name it
is stored under (``filename: 'Gecko_64_quant.tflite'``). ``.litertlm`` is LiteRT-LM's model container and is used for
nothing else, so a name ending in it is a model file like ``.tflite`` or ``.gguf``; MediaPipe's ``.task`` bundle is a
common word and stays with the config readers' model-file sections. A name bound to
``filename`` / ``file_name`` / ``modelFile`` with a model format's extension is that model's file even when its stem
carries no family word the vocabulary knows (Gecko); ``.bin`` / ``.pt`` / ``.task`` and files of other formats under
the same binding stay out, and so do generic weight names (``model.tflite``).
"""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

# a catalogue written for this test (the shape of a Flutter on-device model list: an enhanced enum with named
# arguments); the ids and file names are illustrative
_DART = """\
enum LocalModel {
  gecko(
    url: 'https://example.org/files/Gecko_64_quant.tflite',
    filename: 'Gecko_64_quant.tflite',
    tokenizerFilename: 'sentencepiece.model',
  ),
  phi(
    url: 'https://example.org/files/phi.litertlm',
    filename: 'Phi-4-mini-instruct_q8_ekv4096.litertlm',
  ),
  bundle(
    filename: 'nightly.task',
  ),
  data(
    filename: 'vocab.bin',
    cacheFile: 'history.task',
  ),
  generic(
    filename: 'model.tflite',
  );

  const LocalModel({this.url, required this.filename, this.tokenizerFilename, this.cacheFile});
  final String? url;
  final String filename;
  final String? tokenizerFilename;
  final String? cacheFile;
}
"""

_GO = """\
package catalog

type Entry struct {
\tModelFile string
\tNotes     string
}

var Entries = []Entry{
\t{ModelFile: "Gecko_256_quant.tflite", Notes: "release.task"},
}
"""


def test_dart_catalogue_file_names(tmp_path: Path) -> None:
    got = found(tmp_path, "example/lib/models/local_model.dart", _DART)
    assert (4, "Gecko_64_quant.tflite") in got  # .tflite under filename:, stem with no known family word
    assert (9, "Phi-4-mini-instruct_q8_ekv4096.litertlm") in got  # LiteRT-LM container
    raws = {raw for _line, raw in got}
    assert "sentencepiece.model" not in raws  # a tokenizer file, not a weight format
    assert "vocab.bin" not in raws  # .bin under filename: is as often data
    assert "nightly.task" not in raws  # .task is no format this binding rule reads
    assert "history.task" not in raws  # under a name that is no file-name binding
    assert "model.tflite" not in raws  # a generic weight name says which file, not which model


def test_go_model_file_field(tmp_path: Path) -> None:
    got = found(tmp_path, "catalog/entries.go", _GO)
    assert (9, "Gecko_256_quant.tflite") in got
    assert "release.task" not in {raw for _line, raw in got}
