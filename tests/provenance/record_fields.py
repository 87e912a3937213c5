"""Readers of a `resolve(...)` record's fields that the per-session provenance tests share (licence id, model id,
immediate parents)."""

from __future__ import annotations


def license_id(rec: dict) -> str | None:
    return (rec.get("license") or {}).get("id")


def model_id(rec: dict) -> str | None:
    return (rec.get("model") or {}).get("id")


def parents(rec: dict) -> list[str]:
    """The immediate parents of the resolved model (edges whose child is the model itself)."""
    model = model_id(rec)
    return [e["parent"] for e in rec.get("edges") or [] if e.get("child") == model]
