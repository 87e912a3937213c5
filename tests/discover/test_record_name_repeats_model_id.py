"""A model record whose ``name`` spells its own model id again names that model twice (held-out-18 embabel).

A Kotlin/Spring agent framework's per-provider model catalogue lists each model as ``{name, model_id,
display_name, pricing}``; the app looks models up by ``name``. Where ``name`` is the API model id itself
(``name: mistral-medium-2508`` beside ``model_id: mistral-medium-2508``) it is that model; where it is a name of
its own (``name: zaiGlm52`` beside ``model_id: glm-5.2``) it only labels the entry, as before.
"""

from __future__ import annotations

from pathlib import Path

from tests.discover.scan_helpers import found

_CATALOGUE = """\
models:
  - name: "mistral-medium-2508"
    model_id: "mistral-medium-2508"
    display_name: "Mistral Medium 3.1"
    max_tokens: 131072

  - name: "zaiGlm52"
    model_id: "glm-5.2"
    display_name: "GLM-5.2"

  - name: "chat"
    model_id: "mistral-small-2506"
"""


def test_name_equal_to_model_id_is_the_model(tmp_path: Path) -> None:
    assert found(tmp_path, "src/main/resources/models/acme-models.yml", _CATALOGUE) == {
        (2, "mistral-medium-2508"), (3, "mistral-medium-2508"), (8, "glm-5.2"), (12, "mistral-small-2506")}
