"""The serve process's access log, with secrets taken out of the request line.

API tokens travel in the ``Authorization`` header (or the page cookie), which uvicorn does not log. A client
that wrongly puts a token in the URL (``?access_token=…``, ``?token=…``) is refused with a 401, but uvicorn's
access log would still print the query string as sent. :class:`RedactSecrets` rewrites the request line of
each access record first: the values of parameters whose names say they hold a secret become ``[redacted]``,
and anything shaped like a modelmap token (``mm_`` and 20 or more URL-safe characters) anywhere in the path
becomes ``mm_[redacted]``. The OIDC callback's ``code`` and ``state`` stay visible (docs/server.md says why).
"""

from __future__ import annotations

import copy
import logging
import re
from typing import Any

from modelmap.server.auth import PREFIX

SECRET_NAMES = ("token", "access_token", "id_token", "refresh_token", "api_key", "apikey", "api-key", "key",
                "secret", "client_secret", "password", "passwd", "auth", "authorization", "bearer", "session")
_PARAM = re.compile(r"(?i)([?&;](?:" + "|".join(re.escape(n) for n in SECRET_NAMES) + r"))=([^&;#\s]*)")
_TOKEN = re.compile(re.escape(PREFIX) + r"[A-Za-z0-9_\-]{20,}")


def redact(path: str) -> str:
    """``path`` (with its query string) with secret parameter values and token-shaped strings replaced."""
    return _TOKEN.sub(PREFIX + "[redacted]", _PARAM.sub(r"\1=[redacted]", path))


class RedactSecrets(logging.Filter):
    """For uvicorn's access logger: its records carry (client, method, path, HTTP version, status)."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) == 5 and isinstance(args[2], str):
            record.args = (args[0], args[1], redact(args[2]), args[3], args[4])
        return True


def uvicorn_log_config() -> dict[str, Any]:
    """uvicorn's own logging configuration, with :class:`RedactSecrets` on the access log's handler."""
    from uvicorn.config import LOGGING_CONFIG

    config: dict[str, Any] = copy.deepcopy(LOGGING_CONFIG)
    config.setdefault("filters", {})["redact_secrets"] = {"()": "modelmap.server.logs.RedactSecrets"}
    config["handlers"]["access"].setdefault("filters", []).append("redact_secrets")
    return config
