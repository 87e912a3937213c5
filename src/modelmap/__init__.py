"""modelmap: which AI models power your products, where they come from, whether that fits
your policy, and how fast you could switch.

The public API is small and imports lazily, so that ``modelmap --help`` stays fast:

* ``scan(paths, **options) -> ScanResult`` — find every model reference in code, configs,
  notebooks, containers, manifests and model files.
* ``trace(identifier) -> Resolution`` — publisher, country, license, lineage and serving.
* ``inspect(path) -> dict`` — identify a model from its files, not its name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from modelmap.types import Resolution, ScanResult

__all__ = ["__version__", "inspect", "scan", "trace"]


def scan(paths: Any, *, resolve: bool = False, inspect_models: bool = False, progress: Any = None,
         **options: Any) -> ScanResult:
    """Scan files or directories for AI model references.

    ``paths``: one path or a list. Options: ``include``/``exclude`` (glob lists),
    ``changed_since`` (git revision), ``gitignore`` (bool), ``max_file_bytes``, ``jobs``.
    ``resolve=True`` attaches each finding's provenance (``Finding.resolution``);
    ``inspect_models=True`` also reads the headers of model files found on disk (``resolution["inspected"]``).
    """
    from modelmap.discover.engine import ScanOptions, fewer_collections, scan_paths

    if isinstance(paths, (str, bytes)) or hasattr(paths, "__fspath__"):
        paths = [paths]
    result = scan_paths(list(paths), ScanOptions(**options), progress=progress)
    with fewer_collections():  # provenance and inspection keep what they allocate: collecting it is wasted work
        if resolve:
            from modelmap.provenance.resolver import resolve_findings

            result = resolve_findings(result)
        if inspect_models and any(f.kind == "model-file" for f in result.findings):
            # only model-file findings are inspected: a scan without any never imports the readers (numpy via gguf)
            from modelmap.inspect import inspect_findings

            result = inspect_findings(result)
    return result


def trace(identifier: str, *, online: bool = False) -> Resolution:
    """Resolve one model identifier to its provenance record."""
    from modelmap.provenance.resolver import resolve

    return resolve(identifier, online=online)


def inspect(path: Any, **options: Any) -> dict[str, Any]:
    """Identify a model directory or file from its own evidence (headers, tokenizer, shapes)."""
    from modelmap.inspect import inspect_path

    return inspect_path(path, **options)
