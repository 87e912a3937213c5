"""Discovery: one module per kind of source, registered in the explicit SOURCES tuple below."""

from __future__ import annotations

from modelmap.discover.base import Sample, Source, SourceFile
from modelmap.discover.model_files import ModelFileSource
from modelmap.discover.notebooks import NotebookSource
from modelmap.discover.python import PythonSource
from modelmap.discover.shell import ShellSource

SOURCES: tuple[Source, ...] = (
    PythonSource(),
    NotebookSource(),
    ShellSource(),
    ModelFileSource(),
)

__all__ = ["SOURCES", "Sample", "Source", "SourceFile"]
