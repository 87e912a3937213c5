"""An API-shaped name's reason names the publisher, not its id after "a" (tryout23).

`modelmap trace gpt-4o-mnii` explained: "the name has the shape of a openai API model name"."""
from __future__ import annotations

import modelmap


def test_reason_names_the_publisher_by_name() -> None:
    for query, name in (("gpt-4o-mnii", "OpenAI"), ("deepseek-coder", "DeepSeek")):
        res = modelmap.trace(query)
        assert res.model is None or res.model.get("id") is None, res.model  # a partial answer, as the CLI showed
        reason = res.reason or ""
        assert f"API model name of {name};" in reason, reason
        assert "shape of a openai" not in reason and "shape of a deepseek" not in reason, reason
