"""An eval whose every request failed shows latency as n/a, not 'Nones'.

A tryout (session 30) ran ``modelmap eval --from-plan`` against a loopback server that answered 404 to every model
name: the table read "latency p50 Nones p95 Nones" (None followed by the unit) and the HTML "None / None".
"""

from __future__ import annotations

from typing import Any

from modelmap.eval import render


def _doc() -> dict[str, Any]:
    def model(ident: str, role: str) -> dict[str, Any]:
        return {"id": ident, "role": role, "requests": 30, "errors": 30,
                "usage": {"prompt_tokens": 0, "completion_tokens": 0},
                "latency_s": {"p50": None, "p95": None},
                "cost": {"usd": None, "note": f"no price for {ident} in the switch price table"}}

    answered = model("groq/meta-llama/llama-4-maverick-17b-128e-instruct", "candidate")
    answered.update(errors=0, latency_s={"p50": 0.0045, "p95": 0.0128})
    return {"generated_at": "2026-12-06T10:01:20Z",
            "models": [model("Qwen/Qwen2.5-32B-Instruct-AWQ", "baseline"), answered],
            "suites": [], "gates": [], "evidence": []}


def test_table_says_n_a_for_a_model_that_answered_nothing() -> None:
    table = render.render_table(_doc())
    assert "None" not in table, table
    assert "Qwen/Qwen2.5-32B-Instruct-AWQ: 30 requests, 30 errors, 0+0 tokens, latency p50 n/a p95 n/a" in table
    assert "latency p50 0.0045s p95 0.0128s" in table


def test_html_says_n_a_for_a_model_that_answered_nothing() -> None:
    page = render.html_section(_doc())
    assert "None" not in page, page
    assert "<td>n/a / n/a</td>" in page and "<td>0.0045 / 0.0128</td>" in page
