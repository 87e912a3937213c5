"""A name that says "the model to <verb>" (`model_to_load`, `modelToUse`, `models_to_download`) holds the model the
code acts on next, as `model_name` does; `model_to_json` (a conversion) does not."""

from __future__ import annotations

from modelmap.discover.classifier import is_model_name


def test_model_to_verb_names() -> None:
    for name in ("model_to_load", "modelToUse", "models_to_download", "embed_model_to_pull", "MODEL_TO_SERVE"):
        assert is_model_name(name), name
    for name in ("model_to_json", "model_to_dict", "map_to_model_id_x"):
        assert not is_model_name(name), name
