"""API tokens, scopes and the ingest rate limit.

A token is ``mm_`` + 32 random bytes (URL-safe base64). Only its SHA-256 is stored, so a leaked database
does not leak usable tokens; SHA-256 is enough for a 256-bit random secret (no dictionary to guess from).
Scopes: ``upload`` (post snapshots), ``read`` (query the API and pages), ``policy`` (reserved for org policy
and waivers). An admin token sees every team's projects. Tokens are never logged: the access log of the
server prints paths only, and the token travels in the Authorization header.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from dataclasses import dataclass

SCOPES = ("upload", "read", "policy")
PREFIX = "mm_"


def new_token() -> str:
    return PREFIX + secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def parse_scopes(text: str) -> tuple[str, ...]:
    scopes = tuple(sorted({s.strip() for s in text.split(",") if s.strip()}))
    unknown = [s for s in scopes if s not in SCOPES]
    if unknown or not scopes:
        raise ValueError(f"unknown scope(s) {', '.join(unknown) or '(none given)'}: choose from {', '.join(SCOPES)}")
    return scopes


@dataclass(frozen=True)
class Principal:
    """Who a request is: a team (by id and name) with scopes; admins see every project."""

    token_id: int
    team_id: int
    team: str
    scopes: tuple[str, ...]
    is_admin: bool

    def can_see(self, team_id: int) -> bool:
        return self.is_admin or team_id == self.team_id


class TokenBucket:
    """A token bucket per key: ``rate`` uploads a second on average, bursts up to ``burst``.
    Per process: several serve processes each apply their own limit."""

    def __init__(self, rate: float, burst: int) -> None:
        self.rate, self.burst = rate, burst
        self._state: dict[int, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: int) -> float:
        """0.0 when allowed (and one unit is taken), else the seconds to wait before the next one."""
        now = time.monotonic()
        with self._lock:
            level, last = self._state.get(key, (float(self.burst), now))
            level = min(float(self.burst), level + (now - last) * self.rate)
            if level >= 1.0:
                self._state[key] = (level - 1.0, now)
                return 0.0
            self._state[key] = (level, now)
            return (1.0 - level) / self.rate if self.rate > 0 else 3600.0
