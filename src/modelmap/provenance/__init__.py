"""Provenance: identifier → model record → lineage → origins, licence and serving."""
