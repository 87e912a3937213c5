"""Uncompressed tar archives (found on the opened inspect held-out-9, session 20): the tar reader lists the members
and the field names of a small meta.json, which names Natasha's Navec embeddings (exactly meta.json, vocab.bin,
pq.bin) and Slovnet models (meta.json, model.json, arrays/<n>.bin, vocabs/*.gz), both with meta.json {id, protocol}.

Real files are cached members of the held-out-9 packages (skipped when absent); the synthetic ones always run.
"""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

from modelmap.artifacts import reader_for
from modelmap.artifacts.serialized import MAX_TAR_JSON, TarReader
from modelmap.inspect import inspect_path

from .conftest import real_file
from .test_inspect20_speech import _fam, _pub


def _tar(path: Path, members: list[tuple[str, bytes]]) -> Path:
    with tarfile.open(path, "w") as tar:  # a plain tarfile, as navec/tar.py and slovnet's pack write
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def _meta(doc: dict[str, object]) -> bytes:
    return json.dumps(doc, indent=2).encode()


_NAVEC_META = {"id": "news_v1_1B_250K_300d_100q", "protocol": 1}


def test_synthetic_navec(tmp_path: Path) -> None:
    path = _tar(tmp_path / "e", [("meta.json", _meta(_NAVEC_META)), ("vocab.bin", bytes(4096)),
                                 ("pq.bin", bytes(65536))])
    assert reader_for(path).id == "tar"  # type: ignore[union-attr]
    rec = inspect_path(path)
    assert rec["format"] == "tar"
    assert _fam(rec) == "navec" and _pub(rec) == ("natasha", None)
    # cut inside pq.bin: the three names are listed all the same
    cut = tmp_path / "cut"
    cut.write_bytes(path.read_bytes()[:20000])
    assert _fam(inspect_path(cut)) == "navec"


def test_synthetic_navec_lookalikes_name_nothing(tmp_path: Path) -> None:
    extra_field = _tar(tmp_path / "a", [("meta.json", _meta({**_NAVEC_META, "dim": 300})), ("vocab.bin", b"v"),
                                        ("pq.bin", b"p")])
    assert inspect_path(extra_field)["family"] is None
    extra_member = _tar(tmp_path / "b", [("meta.json", _meta(_NAVEC_META)), ("vocab.bin", b"v"), ("pq.bin", b"p"),
                                         ("README", b"r")])
    assert inspect_path(extra_member)["family"] is None
    no_meta = _tar(tmp_path / "c", [("vocab.bin", b"v"), ("pq.bin", b"p")])
    assert inspect_path(no_meta)["family"] is None


def test_synthetic_slovnet(tmp_path: Path) -> None:
    members = [("meta.json", _meta({"id": "slovnet_ner_news_v1", "protocol": 1})),
               ("model.json", _meta({"encoder": {"name": "CNNEncoder"}})),
               *((f"arrays/{i}.bin", bytes(1024)) for i in range(4)),
               ("vocabs/word.gz", b"\x1f\x8b\x08\x00" + bytes(16))]
    rec = inspect_path(_tar(tmp_path / "m", members))
    assert _fam(rec) == "slovnet" and _pub(rec) == ("natasha", None)
    no_arrays = [m for m in members if not m[0].startswith("arrays/")]
    assert inspect_path(_tar(tmp_path / "n", no_arrays))["family"] is None


def test_tar_meta_json_is_bounded(tmp_path: Path) -> None:
    big = _meta({"id": "x" * (MAX_TAR_JSON + 10), "protocol": 1})
    info = TarReader().read(_tar(tmp_path / "t", [("meta.json", big), ("vocab.bin", b"v"), ("pq.bin", b"p")]))
    assert "tar.meta.json.keys" not in info.metadata["format_props"]  # larger than MAX_TAR_JSON: not read
    assert info.metadata["format_props"]["tar.members"] == "meta.json|vocab.bin|pq.bin"


def test_tar_sniff_needs_a_header(tmp_path: Path) -> None:
    reader = TarReader()
    head = _tar(tmp_path / "t", [("meta.json", b"{}")]).read_bytes()[:256]
    assert reader.sniff(head)
    assert not reader.sniff(b"meta.json\n" + bytes(246))
    assert not reader.sniff(b"word 12\nother 7\n" * 16)
    bad = bytearray(_tar(tmp_path / "u", [("meta.json", b"{}")]).read_bytes())
    bad[150] = ord("1") if bad[150] != ord("1") else ord("2")  # checksum no longer matches
    (tmp_path / "bad").write_bytes(bytes(bad))
    assert inspect_path(tmp_path / "bad")["family"] is None


def test_real_navec_cut_and_slovnet(tmp_path: Path) -> None:
    src = real_file("natasha-1.6.0", "natasha/data/emb/navec_news_v1_1B_250K_300d_100q.tar")
    with src.open("rb") as fh:
        (tmp_path / "emb").write_bytes(fh.read(24 * 1024 * 1024))
    rec = inspect_path(tmp_path / "emb")
    assert _fam(rec) == "navec" and _pub(rec) == ("natasha", None)
    ner = real_file("natasha-1.6.0", "natasha/data/model/slovnet_ner_news_v1.tar")
    (tmp_path / "ner").write_bytes(ner.read_bytes())
    rec = inspect_path(tmp_path / "ner")
    assert _fam(rec) == "slovnet" and _pub(rec) == ("natasha", None)
