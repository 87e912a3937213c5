"""Integrations that enforce and record modelmap's policy where models are called (issue 15, item 2).

* ``gate``     the policy decision for one gateway deployment (upstream model + flow), no third-party imports:
  it resolves the upstream through the modelmap resolver and runs the project's usage rules on it.
* ``litellm``  a LiteLLM proxy guardrail (``async_pre_call_hook``, ``async_filter_deployments``,
  ``async_pre_call_deployment_hook``) built on ``gate``, and a callback that appends one runtime record
  per request to a JSONL file that ``modelmap runtime`` reads. Needs the ``runtime`` extra (litellm, pinned).
"""

#: The file LiteLLM's proxy loads ``callbacks:`` from (``modelmap_litellm.py`` next to its config.yaml).
LITELLM_SHIM = "from modelmap.integrations.litellm import guardrail, runtime_log  # noqa: F401\n"
