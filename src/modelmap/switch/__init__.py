"""Switch: what breaks under a new rule, what replaces it, and how concentrated the inventory is.

* ``scenario``: ``Scenario`` (a shipped preset or an ad-hoc CEL deny), ``affected(result, scenario, config)``
  evaluated with the real policy engine.
* ``alternatives``: ``find_alternatives(id, scenario=..., role=...)`` / ``alternatives(...)`` -> ranked
  ``Candidate`` replacements in three groups, each with a drop-in class (A-E) and a sourced, dated price.
* ``prices``: ``price(provider_id, model_id) -> Price | None`` from the shipped, generated price table,
  with user overrides from ``prices:`` in modelmap.yaml.
* ``optionality``: concentration by model, publisher and origin country (shares and HHI) and single points
  of failure, over the shared inventory.

Imports stay lazy: import the submodule you need.
"""
