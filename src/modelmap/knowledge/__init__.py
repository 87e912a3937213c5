"""The bundled knowledge base: publishers, models, providers and licenses, kept as YAML data.

``load()`` validates nothing at run time (the test suite validates every file against
``knowledge/schema``); it compiles the YAML into an index that is cached on disk as JSON,
keyed by the data files' names, sizes and modification times, so a warm load is one
``json.loads``.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from modelmap.knowledge.loader import KnowledgeIndex


# Hugging Face Inference Providers route ``org/name:<provider>`` (or a policy, ``:fastest``) to who serves the Hub
# model (https://huggingface.co/docs/inference-providers, read 2026-12-03): the model is the repo before the colon.
# Discovery and the resolver both read it, so it lives with the knowledge base.
HF_ROUTER_SUFFIXES = frozenset({
    "fastest", "cheapest", "preferred", "auto", "hf-inference", "novita", "together", "fireworks-ai", "featherless-ai",
    "groq", "nebius", "sambanova", "cerebras", "hyperbolic", "nscale", "cohere", "replicate", "fal-ai", "zai-org",
    "deepinfra", "publicai", "scaleway", "ovhcloud", "wavespeed", "black-forest-labs", "nvidia"})

# The suffix that names a provider says who serves the call: the router forwards ``org/name:groq`` to Groq, which
# runs the model (the docs above; jambonz's guide, read 2026-12-05: "routes requests to whichever inference shop
# hosts the requested model ... you switch backends just by changing the model id"). Only suffixes whose provider
# the knowledge base holds are listed; a policy (``:fastest``, ``:auto``) or an unlisted provider leaves the
# router itself (huggingface-inference) as the server, as before. ``hf-inference`` is Hugging Face's own.
HF_ROUTER_PROVIDERS = {
    "hf-inference": "huggingface-inference", "groq": "groq", "cerebras": "cerebras", "deepinfra": "deepinfra",
    "hyperbolic": "hyperbolic", "nebius": "nebius", "novita": "novita", "nscale": "nscale", "replicate": "replicate",
    "sambanova": "sambanova", "scaleway": "scaleway", "together": "together-ai", "fireworks-ai": "fireworks-ai",
    "cohere": "cohere-api", "ovhcloud": "ovhcloud-ai-endpoints"}


def load() -> KnowledgeIndex:
    # discovery calls this ~60,000 times a scan (every classify and plausible): the loader module is looked up
    # in sys.modules, not imported by a statement each time (the import statement was ~1 % of a real-code scan's
    # CPU); the loader is still imported only on first use, and its cached load_index answers every call
    loader = sys.modules.get("modelmap.knowledge.loader")
    if loader is None:
        from modelmap.knowledge.loader import load_index

        return load_index()
    index: KnowledgeIndex = loader.load_index()
    return index


def publisher_for_family(family_id: str) -> Any:
    """The publisher record (attributes ``id``, ``name``, ``country``) behind a family id, or None."""
    from modelmap.knowledge.loader import load_index

    return load_index().publisher_for_family(family_id)
