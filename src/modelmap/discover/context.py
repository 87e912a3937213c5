"""Classify where a file sits (app, test, example, config, notebook, docs) from its path alone."""

from __future__ import annotations

import re

_TEST = re.compile(r"(^|/)(tests?|__tests__|spec|specs|testing|e2e|fixtures?)(/|$)|(^|/)test_[^/]*$|_test\.\w+$|\.(test|spec)\.\w+$|(^|/)conftest\.py$")
_EXAMPLE = re.compile(r"(^|/)(examples?|samples?|demos?|cookbooks?|tutorials?|quickstarts?|playground)(/|$)")
_DOCS = re.compile(r"(^|/)(docs?|documentation)(/|$)")
_CONFIG_EXT = re.compile(
    r"\.(ya?ml|json|jsonc|toml|ini|cfg|conf|properties|env|tfvars|hcl)$|(^|/)\.env[^/]*$|(^|/)(Dockerfile[^/]*|[^/]*\.dockerfile|Modelfile[^/]*|docker-compose[^/]*|compose\.ya?ml)$",
    re.IGNORECASE,
)


def context_for(path: str) -> str:
    if path.endswith(".ipynb"):
        return "notebook"
    if _TEST.search(path):
        return "test"
    if _EXAMPLE.search(path):
        return "example"
    if _DOCS.search(path):
        return "docs"
    if _CONFIG_EXT.search(path):
        return "config"
    return "app"
