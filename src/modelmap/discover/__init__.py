"""Discovery: one module per kind of source, registered in the explicit SOURCES tuple below."""

from __future__ import annotations

from modelmap.discover.base import Sample, Source, SourceFile
from modelmap.discover.compose import ComposeSource
from modelmap.discover.config_files import ConfigFileSource, DotenvSource
from modelmap.discover.dockerfiles import DockerfileSource
from modelmap.discover.expectations import ExpectationSource
from modelmap.discover.javascript import JavascriptSource
from modelmap.discover.kubernetes import KubernetesSource
from modelmap.discover.litellm import LiteLLMSource
from modelmap.discover.model_files import ModelFileSource
from modelmap.discover.modelfile import ModelfileSource
from modelmap.discover.notebooks import NotebookSource
from modelmap.discover.polyglot import ModelListSource, PolyglotSource, PropertiesSource
from modelmap.discover.python import PythonSource
from modelmap.discover.shell import ShellSource
from modelmap.discover.test_nginx import TestNginxSource
from modelmap.discover.xml_files import XmlFileSource

SOURCES: tuple[Source, ...] = (
    PythonSource(),
    JavascriptSource(),
    NotebookSource(),
    ShellSource(),
    ModelFileSource(),
    ConfigFileSource(),
    DotenvSource(),
    LiteLLMSource(),
    ComposeSource(),
    KubernetesSource(),
    DockerfileSource(),
    ModelfileSource(),
    PolyglotSource(),
    PropertiesSource(),
    ModelListSource(),
    XmlFileSource(),
    ExpectationSource(),
    TestNginxSource(),
)

__all__ = ["SOURCES", "Sample", "Source", "SourceFile"]
