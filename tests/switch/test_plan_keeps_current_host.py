"""A replacement the host the code already calls serves is preferred to the same model at another vendor.

The shape a tryout found (session 34): a Go gateway routes tasks to models through one go-openai client whose base
URL is OpenRouter's. Under no-cn-origin-regulated, plan replaced the DeepSeek-R1 route with Mistral Large 3 at AWS
Bedrock and the Qwen route with Llama 3.3 70B at Hyperbolic, each with an edit of the one shared base-URL line (two
contradictory edits; the third route would have broken), although OpenRouter serves a compliant model of each size.
Two causes: a candidate at the current host was classed B ("openrouter and openrouter do not share a known API
shape", the price table records no API shape for OpenRouter), and alternatives kept each model's cheapest host
without looking at the work the switch takes.
"""

from __future__ import annotations

from pathlib import Path

from modelmap.switch.alternatives import find_alternatives
from modelmap.switch.plan import plan_project, render_markdown
from modelmap.switch.scenario import load_scenario

ROUTES = '''package main

import (
\t"context"
\t"os"

\topenai "github.com/sashabaranov/go-openai"
)

const openRouterBaseURL = "https://openrouter.ai/api/v1"

// Routes maps a product task to the OpenRouter model that serves it.
var Routes = map[string]string{
\t"claims-reasoning": "deepseek/deepseek-r1",
\t"claims-summary":   "qwen/qwen-2.5-72b-instruct",
\t"fallback":         "openai/gpt-4o-mini",
}

func newClient() *openai.Client {
\tcfg := openai.DefaultConfig(os.Getenv("OPENROUTER_API_KEY"))
\tcfg.BaseURL = openRouterBaseURL
\treturn openai.NewClientWithConfig(cfg)
}

func Complete(ctx context.Context, task, prompt string) (string, error) {
\tresp, err := newClient().CreateChatCompletion(ctx, openai.ChatCompletionRequest{
\t\tModel:    Routes[task],
\t\tMessages: []openai.ChatCompletionMessage{{Role: openai.ChatMessageRoleUser, Content: prompt}},
\t})
\tif err != nil {
\t\treturn "", err
\t}
\treturn resp.Choices[0].Message.Content, nil
}
'''


def test_a_candidate_at_the_current_host_is_not_an_api_port() -> None:
    alts = find_alternatives("deepseek-ai/deepseek-r1", scenario=load_scenario("no-cn-origin-regulated"),
                             provider="openrouter", role="generation", limit=50)
    at_home = [c for c in alts.group("same-role-size") if c.provider == "openrouter"]
    assert at_home, "the price table has compliant models of this size at OpenRouter"
    assert {c.drop_in for c in at_home} == {"E"}, [(c.model, c.drop_in, c.drop_in_reason) for c in at_home]


def test_plan_keeps_the_gateway_routes_on_their_host(tmp_path: Path) -> None:
    (tmp_path / "gateway").mkdir()
    (tmp_path / "gateway" / "routes.go").write_text(ROUTES)
    (tmp_path / "modelmap.yaml").write_text(
        "version: 1\nflows:\n  claims: {paths: ['gateway/**'], tags: [regulated, production]}\n")
    plan, _, _ = plan_project(tmp_path, scenario="no-cn-origin-regulated")
    usages = {u.raw: u for f in plan.flows for u in f.usages}
    assert set(usages) == {"deepseek/deepseek-r1", "qwen/qwen-2.5-72b-instruct"}
    for raw, usage in usages.items():
        assert usage.replacement is not None, raw
        assert usage.replacement["provider"] == "openrouter", (raw, usage.replacement)
        assert usage.dropin == "E", (raw, usage.dropin, usage.dropin_reason)
        # the shared base URL stays: no edit of it, so the other routes keep working
        assert not [e for e in usage.edits if e.line == 10], (raw, [e.to_dict() for e in usage.edits])
    assert "the aws-bedrock endpoint" not in render_markdown(plan)
