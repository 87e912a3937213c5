"""``modelmap scan|bom --upload URL``: send the document to a ``modelmap serve`` (standard library only, so
the client needs no server extra).

The project, commit and branch come from the CI's environment (GitHub Actions, GitLab CI), else from git and
the folder's name; ``MODELMAP_PROJECT``, ``MODELMAP_COMMIT`` and ``MODELMAP_BRANCH`` override them. The
snapshot's tags, which the server's org policy matches its tag rules against (``{"tag": "regulated", ...}``), come
from ``MODELMAP_ENVIRONMENT``, ``MODELMAP_REGULATED`` (true or false) and ``MODELMAP_BUSINESS_UNIT``; unset, the
server records them as unknown. The token is read from ``MODELMAP_TOKEN`` and sent in the Authorization header only; it is never printed.
Plain http is refused except to a loopback address, so a token never crosses a network in the clear.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import os
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from modelmap.errors import UsageError
from modelmap.output import visible

TOKEN_ENV = "MODELMAP_TOKEN"
MAX_REPLY = 1024 * 1024


#: The snapshot tags an upload can carry, each from its environment variable (the server's query parameter).
TAG_ENV = (("environment", "MODELMAP_ENVIRONMENT"), ("regulated", "MODELMAP_REGULATED"),
           ("business_unit", "MODELMAP_BUSINESS_UNIT"))
_TRUE = ("true", "yes", "1", "on")
_FALSE = ("false", "no", "0", "off")


@dataclass(frozen=True)
class Target:
    project: str
    commit: str
    branch: str | None
    tags: tuple[tuple[str, str], ...] = ()


def _git(root: Path, *args: str) -> str | None:
    try:
        proc = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=30,
                              check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    out = proc.stdout.strip()
    return out if proc.returncode == 0 and out else None


def ci_target(root: Path, project: str | None = None) -> Target:
    env = os.environ
    name = (project or env.get("MODELMAP_PROJECT") or env.get("GITHUB_REPOSITORY") or env.get("CI_PROJECT_PATH")
            or root.resolve().name)
    commit = (env.get("MODELMAP_COMMIT") or env.get("GITHUB_SHA") or env.get("CI_COMMIT_SHA")
              or _git(root, "rev-parse", "HEAD"))
    if not commit:
        raise UsageError("--upload needs the commit the document describes, and this folder is not a git checkout",
                         hint="set MODELMAP_COMMIT (GitHub Actions and GitLab CI set it for you)")
    branch = (env.get("MODELMAP_BRANCH") or env.get("GITHUB_HEAD_REF") or env.get("GITHUB_REF_NAME")
              or env.get("CI_COMMIT_REF_NAME") or _git(root, "rev-parse", "--abbrev-ref", "HEAD"))
    return Target(project=name, commit=commit, branch=None if branch == "HEAD" else branch, tags=_env_tags(env))


def _env_tags(env: Any) -> tuple[tuple[str, str], ...]:
    """The snapshot tags set in the environment (``MODELMAP_ENVIRONMENT`` ...), checked before anything is sent."""
    tags = []
    for key, var in TAG_ENV:
        value = (env.get(var) or "").strip()
        if not value:
            continue
        if key == "regulated":
            if value.lower() not in _TRUE + _FALSE:
                raise UsageError(f"{var}={visible(value)!r} is not true or false",
                                 hint=f"set {var}=true for a regulated project, false for one that is not")
            value = "true" if value.lower() in _TRUE else "false"
        tags.append((key, value))
    return tuple(tags)


def _check_url(url: str) -> urllib.parse.SplitResult:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"--upload {visible(url)!r} is not an http(s) URL", hint="pass the server's base URL, "
                         "e.g. https://modelmap.example.com")
    if parts.username or parts.password:
        raise UsageError("--upload URL must not carry credentials", hint=f"put the token in {TOKEN_ENV}")
    if parts.scheme == "http":
        host = parts.hostname
        try:
            loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
        except ValueError:
            loopback = False
        if not loopback:
            raise UsageError(f"--upload over plain http to {visible(host)} would send the token in the clear",
                             hint="use https (plain http is accepted for loopback addresses only)")
    return parts


def upload(url: str, body: bytes, target: Target, *, token: str | None = None, timeout: float = 120) -> dict[str, Any]:
    """POST ``body`` to ``url``'s snapshot endpoint for ``target``; returns the server's JSON reply."""
    parts = _check_url(url)
    secret = token if token is not None else os.environ.get(TOKEN_ENV, "")
    if not secret:
        raise UsageError(f"--upload needs an API token in {TOKEN_ENV}",
                         hint="ask the server's admin: modelmap serve --create-token TEAM --scopes upload")
    query = urllib.parse.urlencode({k: v for k, v in (("commit", target.commit), ("branch", target.branch),
                                                      *target.tags) if v})
    path = f"{parts.path.rstrip('/')}/api/v1/projects/{urllib.parse.quote(target.project, safe='/')}/snapshots"
    endpoint = urllib.parse.urlunsplit((parts.scheme, parts.netloc, path, query, ""))
    request = urllib.request.Request(endpoint, data=body, method="POST", headers={
        "Authorization": f"Bearer {secret}", "Content-Type": "application/json", "User-Agent": "modelmap"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as reply:
            data = reply.read(MAX_REPLY + 1)
    except urllib.error.HTTPError as exc:
        detail = exc.read(MAX_REPLY).decode("utf-8", "replace")
        with contextlib.suppress(ValueError, AttributeError):
            detail = str(json.loads(detail).get("detail", detail))
        raise UsageError(f"upload to {visible(parts.netloc)} refused: HTTP {exc.code}: {visible(detail[:500])}",
                         hint="check the token's team and scopes, and the document") from None
    except (urllib.error.URLError, OSError) as exc:
        raise UsageError(f"cannot reach {visible(parts.netloc)}: {visible(exc)}") from None
    if len(data) > MAX_REPLY:
        raise UsageError(f"the reply from {visible(parts.netloc)} is larger than {MAX_REPLY} bytes")
    try:
        out: dict[str, Any] = json.loads(data)
    except ValueError:
        raise UsageError(f"the reply from {visible(parts.netloc)} is not JSON: is it a modelmap server?") from None
    return out


def upload_from_cli(url: str, body: bytes, root: Path, project: str | None) -> str:
    """Upload and return one line for stderr (no token in it)."""
    target = ci_target(root, project)
    reply = upload(url, body, target)
    snap = reply.get("snapshot") or {}
    tagged = "".join(f", {key} {visible(value)}" for key, value in target.tags)
    line = (f"uploaded to {visible(url)}: {visible(target.project)}@{visible(target.commit[:12])} "
            f"({visible(reply.get('status'))}; {snap.get('models')} models, {snap.get('usages')} usages{tagged})")
    if snap.get("truncated"):  # the server recorded the cut: say so where the upload is confirmed
        line += f"; the server records this BOM as truncated: {visible(str(snap['truncated']))}"
    return line
