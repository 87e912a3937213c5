from modelmap.integrations.litellm import guardrail, runtime_log  # noqa: F401
