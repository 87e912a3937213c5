"""Model names built in code from a substitution and a constant tail (``f"{provider}/gpt-4.1-mini"``,
`` `${prefix}claude-3-5-sonnet-20241022` ``, ``fmt.Sprintf("%s/gpt-4o", p)``).

The constant text after the last substitution, past a ``/`` or ``:`` that joins it to the substituted provider or
prefix, is the model the built name selects when it is a whole model id the knowledge base records: whatever the
prefix turns out to be (a router's provider, a deployment's namespace), that id is what the app asks for. A tail the
knowledge base does not record (``/acme-internal-7``), a fragment (``gpt-4o-`` before a substitution) or a route
(``/v1/chat``) gives none. The readers report the tail only where the built name reaches a model-named binding or
argument, as they would a plain literal there.
"""

from __future__ import annotations

from modelmap.discover.identify import classify
from modelmap.knowledge import load

_ID_KINDS = frozenset({"api-model", "hf-repo", "provider-prefixed", "ollama-tag"})
_JOINERS = "/:"


def model_tail(text: str) -> tuple[str, int] | None:
    """The model id ``text`` (a template's constant text after its last substitution) ends with, and its offset in
    ``text``; None when the text is not one whole id the knowledge base records."""
    piece = text.lstrip(_JOINERS)
    if not (3 <= len(piece) <= 120) or piece != piece.strip() or "://" in piece or any(c.isspace() for c in piece):
        return None
    if piece.startswith("default-prompt-router/"):
        # the ARN a Bedrock default prompt router is called by, built from the region and account
        # (`f"arn:aws:bedrock:{region}:{account}:default-prompt-router/anthropic.claude:1"`): the router's id
        router = classify(piece, "key")
        return (piece, len(text) - len(piece)) if router is not None and router.kind in _ID_KINDS else None
    kb = load()
    low = piece.lower()
    tail = low.split("/", 1)[1] if "/" in low else ""
    known = low in kb.hf_index or low in kb.alias_index or low in kb.name_index or (
        bool(tail) and (tail in kb.alias_index or tail in kb.name_index or tail in kb.hf_index))
    if not known:
        return None
    match = classify(piece, "key")
    if match is None or match.kind not in _ID_KINDS:
        return None
    return piece, len(text) - len(piece)
