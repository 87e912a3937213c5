"""The python source's call index (speed42): ``collect`` gathers every call node in its one pass over the module's
nodes, and the passes that read only calls (forwarded helper arguments, data-set repos, argparse options) use that
list; a module whose helpers take no parameter skips the forwarded-argument look-ups. Each file that must still be
read for these is still read: a helper forwarding a keyword-only or async parameter, a call handing both a parameter
and another name, a helper defined twice (forwards nothing), and the Whisper word on any line of the file."""

from __future__ import annotations

import ast
from pathlib import Path

from modelmap.discover.base import Collector, SourceFile
from modelmap.discover.python import _Module
from tests.discover.scan_helpers import found

_FORWARDING = '''\
from huggingface_hub import hf_hub_download, snapshot_download

CACHE = "cache"


async def fetch(*, repo, name):
    hf_hub_download(repo_id=repo, filename=name, local_dir=CACHE)


def pull(repo):
    return repo


def pull(repo):
    snapshot_download(repo_id=repo)


fetch(repo="acme/voice-assets", name="hubert_base.pt")
pull("acme/not-forwarded")
'''


def test_forwarded_parameters_still_read(tmp_path: Path) -> None:
    hits = found(tmp_path, "download.py", _FORWARDING)
    assert {(18, "acme/voice-assets"), (18, "hubert_base.pt")} <= hits
    assert (19, "acme/not-forwarded") not in hits  # `pull` is defined twice: which one runs is not known


def test_module_without_helper_parameters_reads_its_calls(tmp_path: Path) -> None:
    text = 'from huggingface_hub import hf_hub_download\n\nhf_hub_download(repo_id="acme/voice-assets")\n'
    assert (3, "acme/voice-assets") in found(tmp_path, "plain.py", text)


def test_calls_before_and_after_collect_agree() -> None:
    text = "import os\n\ndef f(a):\n    return g(h(a), [k(x) for x in a])\n\nf(os.getenv('X'))\n"
    tree = ast.parse(text)
    module = _Module(tree, Collector(SourceFile("m.py", text, "code"), "python"), text.splitlines())
    lazy = module.calls()  # before collect: computed from the node list
    expected = [n for n in module.nodes if isinstance(n, ast.Call)]
    assert lazy == expected and len(lazy) == 5
    module._calls = None
    module.collect()
    assert module.calls() == expected


def test_whisper_word_on_a_late_line(tmp_path: Path) -> None:
    text = 'model = "tiny"\n\n\n# transcribed with faster-whisper\n'
    plain = 'model = "tiny"\n\n\n# transcribed here\n'
    assert (1, "tiny") in found(tmp_path / "w", "stt.py", text)
    assert (1, "tiny") not in found(tmp_path / "p", "stt.py", plain)
