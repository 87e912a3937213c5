"""Azure OpenAI deployment names in JSON settings files (.NET ``appsettings*.json``, user ``secrets.json``, Azure
Functions ``local.settings.json``, any JSON settings of an app).

A .NET app reads its settings by key path (``configuration["AzureOpenAI:ChatDeploymentName"]``), and the same path
is written three ways: nested sections (``{"AzureOpenAI": {"Deployments": {"Chat": "orders-chat"}}}``), a flat key
of the user-secrets store (``"AzureOpenAI:Deployments:Chat": "orders-chat"``) or an environment-style key of
``local.settings.json`` (``"AzureOpenAI__ChatDeploymentName": "orders-chat"``). Whatever the spelling, a value whose
path says *deployment* is the name an Azure OpenAI (Foundry) deployment is called by: the one name the app sends for
that model, so a model reference served by Azure OpenAI even when the name is the company's own (``orders-chat``)
and the knowledge base cannot say which model stands behind it.

Two shapes of path say so: the last key names a deployment (``DeploymentName``, ``ChatDeploymentName``,
``EmbeddingDeployment``, ``AZURE_OPENAI_DEPLOYMENT``), or a role key (``Chat``, ``Embedding``, ``Completion``…) sits
in a ``Deployments`` section. A bare ``DeploymentName`` counts only in a section that says what is deployed (an
``AzureOpenAI`` / ``OpenAI`` / ``AI`` / ``Foundry`` / ``LLM`` / model section): an app's own cloud deployment
(``"Deployment": {"Name": "web-prod"}``) is no model.
"""

from __future__ import annotations

import re

from modelmap.discover.classifier import BINDING_ONLY, snake
from modelmap.discover.identify import PLACEHOLDER, SECRET_TAIL

#: the provider serving a deployment named in settings (links.DEPLOYMENT_PROVIDER)
DEPLOYMENT_PROVIDER = "azure-openai"

# a flat key's path separators: the user-secrets store's `:` and the environment's `__` (.NET configuration)
_FLAT_SEP = re.compile(r":|__")
# what one deployment of a `Deployments` section is for
_ROLE_WORDS = frozenset({"chat", "chats", "completion", "completions", "text", "embedding", "embeddings", "embed",
                         "image", "images", "audio", "realtime", "vision", "speech", "transcription", "tts", "stt",
                         "whisper", "dalle", "reasoning", "summary", "summarization", "default", "main", "fast",
                         "small", "large", "mini", "model", "llm", "gpt", "instruct", "assistant", "agent"})
# a section that says what is deployed: an AI service's, a model's
_AI_WORDS = frozenset({"openai", "azureopenai", "ai", "aoai", "foundry", "cognitive", "llm", "llms", "model", "models",
                       "gpt", "chat", "embedding", "embeddings", "completion", "completions", "genai",
                       "inference"})
# the same in a section's name as the walker keeps it, lowercased with its camelCase words run together
# (`AzureOpenAIText` -> azureopenaitext, `AzureAIFoundry` -> azureaifoundry)
_AI_SECTION = re.compile(r"openai|aoai|foundry|cognitive|llm|genai|gpt|embedding|completion|inference|model|"
                         r"(?:^|[_-]|azure)ai(?:$|[_-]|services?|foundry)")
_JSON_SETTINGS = re.compile(r"(?i)\.json[c5]?$")
# a value that is a configuration expression or a variable's name, not a deployment's name
_NOT_A_NAME = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|.*[{}$%<>\s].*")


def is_json_settings(path: str) -> bool:
    return bool(_JSON_SETTINGS.search(path))


def key_path(path: list[str], key: str) -> list[str]:
    """The settings path of ``key`` inside the sections ``path`` (lowercased by the walker), a flat key split at its
    ``:`` / ``__`` separators; every part lowercased."""
    parts = [p for p in path if p]
    parts.extend(s.lower() for s in _FLAT_SEP.split(key.strip().strip("\"'")) if s)
    return parts


def _words(part: str) -> list[str]:
    return [w for w in snake(part).split("_") if w]


def says_deployment(path: list[str], key: str) -> bool:
    """The settings path of ``key`` names an Azure OpenAI deployment (see the module docstring)."""
    if "deploy" not in key.lower() and (not path or "deploy" not in path[-1]):
        return False  # the cheap test first: most keys of a settings file say nothing of a deployment
    raw_parts = [p for p in _FLAT_SEP.split(key.strip().strip("\"'")) if p]
    if not raw_parts:
        return False
    leaf = _words(raw_parts[-1])
    parts = key_path(path, key)
    above = parts[:-1]
    if not leaf:
        return False
    if above and above[-1] == "deployments" and all(w in _ROLE_WORDS for w in leaf):
        return True  # {"Deployments": {"Chat": "orders-chat"}}, "AzureOpenAI:Deployments:Embedding"
    named = leaf[-1] == "deployment" or (len(leaf) >= 2 and leaf[-2] == "deployment" and leaf[-1] in ("name", "id"))
    if not named:
        return False
    if any(w in _AI_WORDS or w in _ROLE_WORDS for w in leaf[:-1] if w not in ("deployment", "name", "id")):
        return True  # ChatDeploymentName, AZURE_OPENAI_DEPLOYMENT, EmbeddingDeployment
    # a bare DeploymentName: its section (or the one above) must say what is deployed
    near = above[-2:]  # the section holding the key and the one above it, not the whole document's
    return any(w in _AI_WORDS for part in near for w in _words(part)) or any(_AI_SECTION.search(p) for p in near)


def is_deployment_name(value: str) -> bool:
    """A value that can be a deployment's name: an identifier with a separator or a digit (`orders-chat`,
    `gpt4o`, `chat_prod`), not a placeholder, a variable's name, a secret or an expression. A bare word (`chat`) is
    left: a settings template's slot as often as a name."""
    v = value.strip()
    if not v or len(v) > 64 or _NOT_A_NAME.fullmatch(v) or PLACEHOLDER.match(v) or SECRET_TAIL.search(v.lower()):
        return False
    if not (BINDING_ONLY.fullmatch(v) or re.fullmatch(r"[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+|[A-Za-z]+\d[\w]*", v)):
        return False
    return not v.lower().startswith(("http", "example", "sample", "placeholder", "dummy", "test-", "fake"))


# --------------------------------------------------------------------------- ARM templates

# an Azure Resource Manager template (written by hand, or compiled from Bicep: `main.json`, `azuredeploy.json`)
_ARM_SCHEMA = re.compile(r'"\$schema"\s*:\s*"[^"]*deploymentTemplate\.json', re.IGNORECASE)
#: the resource type of an Azure OpenAI / AI Foundry model deployment
ARM_DEPLOYMENT_TYPE = "microsoft.cognitiveservices/accounts/deployments"
_ARM_LITERAL = re.compile(r"'((?:[^']|'')*)'")
_ARM_REFERENCE = re.compile(r"(?:parameters|variables|concat|format)\(\s*$", re.IGNORECASE)


def is_arm_template(text: str) -> bool:
    """``text`` is an ARM deployment template (its ``$schema`` near the top says so)."""
    return bool(_ARM_SCHEMA.search(text, 0, 4096))


def arm_deployment_name(expr: str) -> tuple[str, int] | None:
    """The deployment's own name in an ARM deployment resource's ``name`` and its offset in ``expr``: the part after
    the account's name (``oai-orders/orders-chat``), or the last literal of a template expression that joins it to
    the account's (``[format('{0}/{1}', parameters('account'), 'orders-chat')]``, ``[concat(parameters('account'),
    '/orders-chat')]``); None when the name comes from a parameter or variable (its default is read where it is
    declared) or is no name."""
    if not expr.startswith("["):
        head, sep, tail = expr.rpartition("/")
        if not sep or not head or not is_deployment_name(tail):
            return None
        return tail, len(head) + 1
    literals = list(_ARM_LITERAL.finditer(expr))
    if not literals:
        return None
    last = literals[-1]
    if _ARM_REFERENCE.search(expr, 0, last.start()) or "{" in last.group(1):
        return None  # parameters('chatDeploymentName'), a format string: not a name written here
    # the literal must close the expression: `..., 'orders-chat')]`
    if expr[last.end():].strip(" )]") != "":
        return None
    text = last.group(1)
    name = text.lstrip("/")
    if not is_deployment_name(name):
        return None
    return name, last.start(1) + len(text) - len(name)
