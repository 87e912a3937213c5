"""The bundled knowledge base: publishers, models, providers and licenses, kept as YAML data.

``load()`` validates nothing at run time (the test suite validates every file against
``knowledge/schema``); it compiles the YAML into an index that is cached on disk as JSON,
keyed by the data files' names, sizes and modification times, so a warm load is one
``json.loads``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from modelmap.knowledge.loader import KnowledgeIndex


def load() -> KnowledgeIndex:
    from modelmap.knowledge.loader import load_index

    return load_index()


def publisher_for_family(family_id: str) -> Any:
    """The publisher record (attributes ``id``, ``name``, ``country``) behind a family id, or None."""
    from modelmap.knowledge.loader import load_index

    return load_index().publisher_for_family(family_id)
