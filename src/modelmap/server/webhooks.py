"""Webhooks and the notification outbox.

A team (or an org admin, for every team) registers a webhook: a URL, a kind (``generic`` JSON or ``slack``,
a Slack-compatible ``{"text": ..., "blocks": [...]}`` payload) and the events it wants:

* ``cn-model-regulated``: a model that originates in China enters a project whose snapshot is tagged
  regulated, or a flow its repository's modelmap.yaml tags regulated (on ingest, against the project's previous
  snapshot);
* ``waiver-expiring``: an active waiver expires within N days (``POST /api/v1/notifications/run`` or the
  ``modelmap serve`` background tick);
* ``undeclared-runtime-model``: a runtime upload shows a model serving that no code of the project declares
  (the ``shadow`` list of :func:`modelmap.runtime.drift.drift`).

Events are written to the ``notifications`` outbox right after what caused them is stored, once per
(webhook, event occurrence), then delivered: POST, 5 s per network operation and 10 s for the whole exchange,
redirects refused, no proxies, a request body of at most 256 KB and at most 4 KB of the answer read, at most
``max_attempts`` tries with exponential back-off. Several serve processes can deliver from one database:
each claims a row with a conditional UPDATE before sending it.

**Where the server may POST** (a webhook URL is set by a team's policy token, so it must not reach into the
server's own network): an :class:`AllowList`, ``modelmap serve --webhook-allow`` or
``MODELMAP_SERVE_WEBHOOK_ALLOW``. Its entries are ``public`` (any globally routable address: the default),
host names (``hooks.slack.com``, or ``*.example.com`` for its subdomains) and IP addresses or CIDR blocks
(``10.20.0.0/16``). Private, loopback, link-local, shared and reserved addresses are refused unless an IP or
CIDR entry covers them; a host name entry never unlocks them. Multicast and unspecified addresses are always
refused. The check is made when a webhook is registered (422) and again on every delivery, against the
addresses the host name resolves to then: the connection goes to an address that passed, so a name that
later resolves elsewhere (DNS rebinding) reaches nothing it may not.

Every delivery carries ``X-Modelmap-Event``, ``X-Modelmap-Delivery`` (the outbox id),
``X-Modelmap-Timestamp`` (Unix seconds) and ``X-Modelmap-Signature-256: sha256=<hex>``, the HMAC-SHA256 of
``<timestamp>.<body>`` under the webhook's key. The key is shown once, when the webhook is created.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import http.client
import ipaddress
import json
import secrets
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from modelmap.policy.countries import PRC
from modelmap.server.auth import Principal
from modelmap.server.db import Notification, Project, Snapshot, SnapshotModel, Usage, Waiver, Webhook, utcnow

EVENTS = ("cn-model-regulated", "waiver-expiring", "undeclared-runtime-model")
KINDS = ("generic", "slack")
PAYLOAD_SCHEMA = "modelmap.notification/1"
MAX_ATTEMPTS = 5
TIMEOUT_S = 5.0
LEASE_S = 60  # a claimed row is not picked up by another process for this long
MAX_RESPONSE_READ = 4 * 1024  # of the receiver's answer; only its status counts
MAX_REQUEST_BYTES = 256 * 1024  # a payload larger than this is not sent (marked failed, with the reason)
DEADLINE_FACTOR = 2  # the whole exchange (connect, send, answer) ends after this many timeouts


class WebhookError(ValueError):
    """A webhook that cannot be registered; the message says why (HTTP 422)."""


class TargetRefused(OSError):
    """A delivery whose host resolves to no address the allow-list permits (nothing is sent)."""


IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


def _plain(address: IPAddress) -> IPAddress:
    """An IPv4-mapped IPv6 address (``::ffff:127.0.0.1``) as the IPv4 address it is."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _host_name(text: str) -> str:
    return text.strip().rstrip(".").lower()


@dataclass(frozen=True)
class AllowList:
    """Where webhooks may be delivered (see the module's docstring): ``public`` addresses, host names and
    IP/CIDR entries. The default is ``public`` only."""

    public: bool = True
    hosts: tuple[str, ...] = ()
    networks: tuple[IPNetwork, ...] = ()

    @classmethod
    def parse(cls, entries: Iterable[str]) -> AllowList:
        """From ``--webhook-allow`` values (each may hold several, comma-separated); raises ValueError naming a
        bad entry. No entries at all means the default (``public``)."""
        items = [e.strip() for entry in entries for e in entry.split(",") if e.strip()]
        if not items:
            return cls()
        public, hosts, networks = False, [], []
        for item in items:
            if item.lower() == "public":
                public = True
                continue
            try:
                networks.append(ipaddress.ip_network(item, strict=False))
                continue
            except ValueError:
                pass
            name = _host_name(item)
            bare = name[2:] if name.startswith("*.") else name
            labels = bare.split(".")
            if not bare or len(bare) > 253 or not all(
                    label and len(label) <= 63 and label.replace("-", "").isalnum() and label.isascii()
                    for label in labels):
                raise ValueError(f"webhook allow-list entry {item[:80]!r}: expected public, a host name "
                                 "(hooks.example.com or *.example.com), an IP address or a CIDR block (10.0.0.0/8)")
            hosts.append(name)
        return cls(public=public, hosts=tuple(hosts), networks=tuple(networks))

    def describe(self) -> str:
        parts = (["public addresses"] if self.public else []) + list(self.hosts) + [str(n) for n in self.networks]
        return ", ".join(parts) if parts else "nothing"

    def names(self, host: str) -> bool:
        """Is the host name itself listed (exactly, or under a ``*.`` entry)?"""
        name = _host_name(host)
        return any(name == entry or (entry.startswith("*.") and name.endswith(entry[1:]))
                   for entry in self.hosts)

    def why_not(self, host: str, address: IPAddress) -> str | None:
        """None when ``host`` may be reached at ``address``; else the reason it may not."""
        address = _plain(address)
        if address.is_multicast or address.is_unspecified:
            return f"{address} is a multicast or unspecified address"
        if any(address in network for network in self.networks if network.version == address.version):
            return None
        if not address.is_global:
            kind = ("loopback" if address.is_loopback else "link-local" if address.is_link_local
                    else "private" if address.is_private else "not globally routable")
            return (f"{address} is a {kind} address; list it (or its CIDR block) with --webhook-allow to "
                    "deliver there")
        if self.public or self.names(host):
            return None
        return f"{host} is not on the webhook allow-list ({self.describe()})"


DEFAULT_ALLOW = AllowList()  # public addresses only


def resolve(host: str, port: int) -> list[IPAddress]:
    """The addresses ``host`` stands for: itself when it is an IP literal, else what DNS answers."""
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    found: list[IPAddress] = []
    for *_, sockaddr in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM):
        address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if address not in found:
            found.append(address)
    return found


class NotFound(LookupError):
    pass


def check_url(url: str, allow: AllowList | None = None) -> str:
    """The URL, stripped, when a webhook may be registered for it; raises WebhookError saying why not. The
    allow-list is checked against the host's addresses now (a name that does not resolve yet is accepted:
    every delivery checks again)."""
    url = url.strip()
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port
    except ValueError:
        raise WebhookError("url is not a valid URL") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise WebhookError("url must be an http:// or https:// URL with a host")
    if parts.username or parts.password:
        raise WebhookError("url must not carry a user name or password: the payload is signed instead")
    if port == 0:
        raise WebhookError("url has port 0")
    allow = allow if allow is not None else AllowList()
    host = parts.hostname
    try:
        addresses = resolve(host, port or (443 if parts.scheme == "https" else 80))
    except (OSError, UnicodeError):
        addresses = []
    refusals = [why for why in (allow.why_not(host, a) for a in addresses) if why is not None]
    if addresses and len(refusals) == len(addresses):
        raise WebhookError(f"url is not allowed: {refusals[0]}")
    if not addresses and not allow.public and not allow.names(host):
        raise WebhookError(f"url is not allowed: {host} is not on the webhook allow-list ({allow.describe()})")
    return url


def _iso(value: dt.datetime | None) -> str | None:
    from modelmap.server.service import _iso as iso

    return iso(value)


def webhook_dict(w: Webhook) -> dict[str, Any]:
    return {"id": w.id, "url": w.url, "kind": w.kind, "events": list(w.events), "org_wide": w.org_wide,
            "created_at": _iso(w.created_at)}


def create(session: Session, who: Principal, url: str, kind: str, events: list[str],
           allow: AllowList | None = None) -> dict[str, Any]:
    """Register a webhook; the answer holds its HMAC key, shown this once."""
    url = check_url(url, allow)
    if kind not in KINDS:
        raise WebhookError(f"kind {kind!r}: choose from {', '.join(KINDS)}")
    unknown = [e for e in events if e not in EVENTS]
    if unknown or not events:
        raise WebhookError(f"events: choose one or more of {', '.join(EVENTS)}")
    key = "whk_" + secrets.token_urlsafe(32)
    row = Webhook(team_id=who.team_id, url=url, kind=kind, events=sorted(set(events)), hmac_key=key,
                  org_wide=who.is_admin, created_at=utcnow())
    session.add(row)
    session.commit()
    return {**webhook_dict(row), "secret": key}


def listing(session: Session, who: Principal) -> list[dict[str, Any]]:
    query = select(Webhook).where(Webhook.deleted_at.is_(None))
    if not who.is_admin:
        query = query.where(Webhook.team_id == who.team_id)
    return [webhook_dict(w) for w in session.scalars(query.order_by(Webhook.id))]


def delete(session: Session, who: Principal, webhook_id: int) -> None:
    row = session.get(Webhook, webhook_id)
    if row is None or row.deleted_at is not None or not who.can_see(row.team_id):
        raise NotFound(f"webhook {webhook_id}")
    row.deleted_at = utcnow()
    session.commit()


# --------------------------------------------------------------------------- payloads


def _slack_escape(text: str) -> str:
    """Slack mrkdwn: &, < and > are control characters (links, mentions); escape them in our text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render(kind: str, event: str, text: str, data: dict[str, Any], created_at: dt.datetime) -> dict[str, Any]:
    if kind == "slack":
        # the top-level text (the notification's) is mrkdwn too: escaped as the block is (an upload's flow names and
        # a waiver's owner are the user's words: `<!channel>` there would notify the whole channel)
        return {"text": _slack_escape(text),
                "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": _slack_escape(text)}},
                           {"type": "context", "elements": [{"type": "mrkdwn",
                                                             "text": _slack_escape(f"modelmap · {event}")}]}]}
    return {"schema": PAYLOAD_SCHEMA, "event": event, "text": text, "created_at": _iso(created_at), "data": data}


def _dedupe(event: str, *parts: str) -> str:
    return f"{event}:" + hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:48]


def enqueue(session: Session, event: str, team_id: int, dedupe_key: str, text: str, data: dict[str, Any]) -> int:
    """Add one outbox row per webhook of the team (or org-wide) that wants ``event``, unless that occurrence
    is queued already. The caller commits. Returns the rows added."""
    hooks = [h for h in session.scalars(select(Webhook).where(
        Webhook.deleted_at.is_(None), or_(Webhook.team_id == team_id, Webhook.org_wide.is_(True))))
        if event in (h.events or ())]
    added = 0
    now = utcnow()
    for hook in hooks:
        exists = session.scalar(select(Notification.id).where(Notification.webhook_id == hook.id,
                                                              Notification.dedupe_key == dedupe_key))
        if exists is not None:
            continue
        session.add(Notification(webhook_id=hook.id, event=event, dedupe_key=dedupe_key,
                                 payload=render(hook.kind, event, text, data, now), created_at=now, attempts=0))
        added += 1
    if added:
        session.flush()
    return added


# --------------------------------------------------------------------------- events


def _previous(session: Session, snap: Snapshot) -> Snapshot | None:
    return session.scalar(
        select(Snapshot).where(Snapshot.project_id == snap.project_id, Snapshot.id != snap.id,
                               or_(Snapshot.taken_at < snap.taken_at,
                                   (Snapshot.taken_at == snap.taken_at) & (Snapshot.id < snap.id)))
        .order_by(Snapshot.taken_at.desc(), Snapshot.id.desc()).limit(1))


def _cn_models(session: Session, snapshot_id: int) -> dict[str, SnapshotModel]:
    rows = session.scalars(select(SnapshotModel).where(SnapshotModel.snapshot_id == snapshot_id))
    return {m.model_key: m for m in rows if any(c in PRC for c in m.origins or ())}


def _declared_regulated_flows(snap: Snapshot) -> set[str]:
    """The flows a scan upload declares with the ``regulated`` tag (its repository's own modelmap.yaml)."""
    from modelmap.errors import ModelmapError
    from modelmap.server.normalize import parse_json

    if snap.format != "scan" or b'"regulated"' not in snap.raw:
        return set()
    try:
        doc = parse_json(snap.raw)
    except ModelmapError:
        return set()
    declared = doc.get("flows") if isinstance(doc, dict) else None
    return {f["name"] for f in declared or () if isinstance(f, dict) and isinstance(f.get("name"), str)
            and isinstance(f.get("tags"), list) and "regulated" in f["tags"]} if isinstance(declared, list) else set()


def _regulated_cn_models(session: Session, snap: Snapshot) -> dict[str, tuple[SnapshotModel, list[str]]]:
    """The CN-origin models in a regulated use: every one of a snapshot tagged regulated, else those in a flow its
    repository declares regulated (with those flows)."""
    if snap.regulated:
        return {k: (m, []) for k, m in _cn_models(session, snap.id).items()}
    flows = _declared_regulated_flows(snap)
    if not flows:
        return {}
    out = {}
    for key, m in _cn_models(session, snap.id).items():
        inside = sorted(flows & {f for f in m.flows or () if isinstance(f, str)})
        if inside:
            out[key] = (m, inside)
    return out


#: regulated flows an alert's text names, each cut to MAX_TEXT_FLOW_CHARS (its data lists them all): a Slack section's
#: text holds at most 3,000 characters, and an upload's flow names are the uploader's
MAX_TEXT_FLOWS = 10
MAX_TEXT_FLOW_CHARS = 80


def _some(flows: list[str]) -> str:
    named = ", ".join(f if len(f) <= MAX_TEXT_FLOW_CHARS else f[:MAX_TEXT_FLOW_CHARS - 1] + "…"
                      for f in flows[:MAX_TEXT_FLOWS])
    return named + (f" and {len(flows) - MAX_TEXT_FLOWS:,} more" if len(flows) > MAX_TEXT_FLOWS else "")


def on_snapshot(session: Session, repo: str, snapshot_id: int) -> int:
    """Queue ``cn-model-regulated`` for each CN-origin model (CN, HK or MO: ``modelmap.policy.countries.PRC``) in a
    regulated use that the project's previous snapshot did not have in one: anywhere in a snapshot tagged regulated,
    or in a flow the repository's own modelmap.yaml tags regulated (its scan upload declares it). Commits."""
    snap = session.get(Snapshot, snapshot_id)
    if snap is None:
        return 0
    now = _regulated_cn_models(session, snap)
    if not now:
        return 0
    project = session.get(Project, snap.project_id)
    assert project is not None
    prev = _previous(session, snap)
    before = set(_regulated_cn_models(session, prev)) if prev is not None else set()
    added = 0
    for key in sorted(set(now) - before):
        m, flows = now[key]
        places = [f"{p}:{line}" if line else p for p, line in session.execute(
            select(Usage.path, Usage.line).where(Usage.snapshot_id == snap.id, Usage.model_key == key)
            .order_by(Usage.path, Usage.line).limit(5))]
        where = (f"regulated flow{'s' if len(flows) > 1 else ''} {_some(flows)} of project {repo}" if flows
                 else f"regulated project {repo}")
        text = (f"{key} ({m.publisher or 'publisher unknown'}; origins {', '.join(m.origins or [])}) entered "
                f"{where} at commit {snap.commit}")
        data = {"repo": repo, "commit": snap.commit, "branch": snap.branch, "model": key,
                "identifiers": m.identifiers, "publisher": m.publisher, "origins": m.origins,
                "usages": m.usages, "places": places, "regulated_flows": flows,
                "previous_commit": prev.commit if prev is not None else None}
        added += enqueue(session, "cn-model-regulated", project.team_id,
                         _dedupe("cn-model-regulated", repo, key, snap.commit), text, data)
    session.commit()
    return added


def waiver_tick(session: Session, days: int, team_id: int | None = None, today: dt.date | None = None) -> int:
    """Queue ``waiver-expiring`` for every active waiver that expires within ``days`` (once per waiver and
    expiry date: a renewal notifies again when the new date comes near). Commits."""
    from modelmap.server.waivers import waiver_dict

    today = today or utcnow().date()
    horizon = dt.datetime.combine(today + dt.timedelta(days=days + 1), dt.time(), tzinfo=dt.timezone.utc)
    query = select(Waiver).where(Waiver.revoked_at.is_(None), Waiver.expires < horizon)
    if team_id is not None:
        query = query.where(Waiver.team_id == team_id)
    added = 0
    for w in session.scalars(query.order_by(Waiver.expires, Waiver.id)):
        info = waiver_dict(w, today)
        if info["state"] != "active":
            continue
        what = f"rule {w.rule}" if w.rule else "every rule"
        where = f"repo {w.repo}" if w.repo else "every repository of the team"
        text = (f"Waiver {w.id} ({what}, {where}) expires in {info['days_left']} day(s), on {info['expires']}; "
                f"owner {w.owner}, approved by {w.approver}")
        added += enqueue(session, "waiver-expiring", w.team_id, _dedupe("waiver-expiring", str(w.id), info["expires"]),
                         text, info)
    session.commit()
    return added


def on_runtime(session: Session, repo: str, team_id: int, record_id: int, environment: str | None,
               shadow: list[dict[str, Any]]) -> int:
    """Queue ``undeclared-runtime-model`` for each model serving that no code of the project declares (once per
    project and model). Commits."""
    added = 0
    for s in shadow:
        text = (f"{s['model']} is serving for {repo}" + (f" ({environment})" if environment else "")
                + f" and no code of the project declares it; publisher {s.get('publisher') or 'unknown'}, "
                  f"origins {', '.join(s['origins']) if s.get('origins') is not None else 'unknown'}")
        data = {"repo": repo, "environment": environment, "runtime_record": record_id, **s}
        added += enqueue(session, "undeclared-runtime-model", team_id,
                         _dedupe("undeclared-runtime-model", repo, s["model"]), text, data)
    session.commit()
    return added


# --------------------------------------------------------------------------- delivery


def sign(key: str, timestamp: str, body: bytes) -> str:
    """``sha256=<hex>``: HMAC-SHA256 of ``<timestamp>.<body>`` under the webhook's key."""
    digest = hmac.new(key.encode("utf-8"), timestamp.encode("ascii") + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str) -> None:
        raise urllib.error.HTTPError(req.full_url, code, f"redirect refused ({code})", headers, fp)


def _guarded_connection(allow: AllowList, deadline: float) -> Callable[..., socket.socket]:
    """A replacement for ``socket.create_connection`` that resolves the host, keeps the addresses the
    allow-list permits, connects to one of them, and shuts the socket down ``deadline`` seconds later whatever
    the receiver does (a receiver that answers one byte at a time cannot hold a delivery open)."""

    def connect(address: tuple[str, int], timeout: Any = socket._GLOBAL_DEFAULT_TIMEOUT,  # type: ignore[attr-defined]
                source_address: Any = None, **_: Any) -> socket.socket:
        host, port = address
        candidates = resolve(host, port)
        reasons = [allow.why_not(host, a) for a in candidates]
        permitted = [a for a, why in zip(candidates, reasons, strict=True) if why is None]
        if not permitted:
            raise TargetRefused(next((why for why in reasons if why), f"{host} does not resolve"))
        error: OSError | None = None
        for ip in permitted:
            family = socket.AF_INET6 if ip.version == 6 else socket.AF_INET
            sock = socket.socket(family, socket.SOCK_STREAM)
            try:
                if timeout is not socket._GLOBAL_DEFAULT_TIMEOUT:  # type: ignore[attr-defined]
                    sock.settimeout(timeout)
                sock.connect((str(ip), port))
            except OSError as exc:
                sock.close()
                error = exc
                continue
            timer = threading.Timer(deadline, _shut, (sock,))
            timer.daemon = True
            timer.start()
            return sock
        assert error is not None
        raise error

    return connect


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # closed already: the delivery ended in time
        sock.shutdown(socket.SHUT_RDWR)


def _handlers(allow: AllowList, deadline: float) -> list[Any]:
    connect = _guarded_connection(allow, deadline)

    class Plain(http.client.HTTPConnection):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._create_connection = connect

    class Secure(http.client.HTTPSConnection):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._create_connection = connect

    class PlainHandler(urllib.request.HTTPHandler):
        def http_open(self, req: Any) -> Any:
            return self.do_open(Plain, req)

    class SecureHandler(urllib.request.HTTPSHandler):
        def https_open(self, req: Any) -> Any:
            return self.do_open(Secure, req, context=self._context)  # type: ignore[attr-defined]

    return [PlainHandler(), SecureHandler()]


def _opener(allow: AllowList | None = None, deadline: float = TIMEOUT_S * DEADLINE_FACTOR
            ) -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect(),
                                       *_handlers(allow if allow is not None else AllowList(), deadline))


def post(url: str, body: bytes, headers: dict[str, str], timeout: float, allow: AllowList | None = None) -> int:
    """POST once to a host the allow-list permits; returns the status (redirects are refused and count as
    failures). Raises TargetRefused (an OSError) when the host resolves to no permitted address, and ValueError
    for a body over MAX_REQUEST_BYTES."""
    if len(body) > MAX_REQUEST_BYTES:
        raise ValueError(f"the payload is {len(body):,} bytes; at most {MAX_REQUEST_BYTES:,} are sent")
    request = urllib.request.Request(url, data=body, method="POST", headers=headers)
    try:
        with _opener(allow, timeout * DEADLINE_FACTOR).open(request, timeout=timeout) as reply:
            reply.read(MAX_RESPONSE_READ)
            return int(reply.status)
    except urllib.error.HTTPError as exc:
        exc.close()
        return int(exc.code)
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TargetRefused):
            raise exc.reason from None
        raise
    except http.client.HTTPException as exc:  # a malformed answer, or one cut off at the deadline
        raise OSError(f"the receiver's answer was malformed or cut off at the {timeout * DEADLINE_FACTOR:g} s "
                      f"deadline ({exc.__class__.__name__})") from None


def _backoff(attempts: int) -> dt.timedelta:
    return dt.timedelta(seconds=min(3600, 30 * 2 ** max(0, attempts - 1)))


def deliver(sessions: Callable[[], Session], *, max_attempts: int = MAX_ATTEMPTS, timeout: float = TIMEOUT_S,
            limit: int = 100, sender: Callable[..., int] = post, allow: AllowList | None = None) -> dict[str, int]:
    """Send due outbox rows (at most ``limit``) to hosts ``allow`` permits. Returns counts: delivered,
    retrying, failed. A host the allow-list refuses is not retried: its row fails with the reason."""
    counts = {"delivered": 0, "retrying": 0, "failed": 0}
    with sessions() as session:
        now = utcnow()
        due = list(session.execute(
            select(Notification.id, Webhook.url, Webhook.hmac_key, Notification.event, Notification.payload,
                   Notification.attempts)
            .join(Webhook, Webhook.id == Notification.webhook_id)
            .where(Notification.delivered_at.is_(None), Notification.failed_at.is_(None),
                   Webhook.deleted_at.is_(None),
                   or_(Notification.next_attempt_at.is_(None), Notification.next_attempt_at <= now))
            .order_by(Notification.id).limit(limit)))
        for notification_id, url, key, event, payload, attempts in due:
            claimed = session.execute(
                update(Notification).where(
                    Notification.id == notification_id, Notification.delivered_at.is_(None),
                    Notification.failed_at.is_(None),
                    or_(Notification.next_attempt_at.is_(None), Notification.next_attempt_at <= now))
                .values(next_attempt_at=now + dt.timedelta(seconds=LEASE_S)))
            session.commit()
            if getattr(claimed, "rowcount", 0) != 1:
                continue  # another process took it
            body = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode("utf-8")
            stamp = str(int(time.time()))
            headers = {"Content-Type": "application/json", "User-Agent": "modelmap-serve",
                       "X-Modelmap-Event": event, "X-Modelmap-Delivery": str(notification_id),
                       "X-Modelmap-Timestamp": stamp, "X-Modelmap-Signature-256": sign(key, stamp, body)}
            error: str | None = None
            refused = False
            try:
                code = sender(url, body, headers, timeout, allow)
                if not 200 <= code < 300:
                    error = f"HTTP {code}"
            except TargetRefused as exc:  # the allow-list: retrying would not change the answer
                error, refused = f"refused: {str(exc)[:300]}", True
            except (OSError, ValueError) as exc:  # URLError, timeouts, refused connections, bad URLs
                error = f"{exc.__class__.__name__}: {str(exc)[:200]}"
            row = session.get(Notification, notification_id)
            assert row is not None
            row.attempts = attempts + 1
            done = utcnow()
            if error is None:
                row.delivered_at, row.last_error = done, None
                counts["delivered"] += 1
            elif refused or row.attempts >= max_attempts:
                row.failed_at, row.last_error = done, error
                counts["failed"] += 1
            else:
                row.next_attempt_at, row.last_error = done + _backoff(row.attempts), error
                counts["retrying"] += 1
            session.commit()
    return counts


def outbox(session: Session, who: Principal, limit: int = 100) -> list[dict[str, Any]]:
    """The newest outbox rows of the caller's webhooks (all for an org admin), without payloads' secrets."""
    query = select(Notification, Webhook).join(Webhook, Webhook.id == Notification.webhook_id)
    if not who.is_admin:
        query = query.where(Webhook.team_id == who.team_id)
    rows = session.execute(query.order_by(Notification.id.desc()).limit(limit))
    return [{"id": n.id, "webhook": w.id, "event": n.event, "created_at": _iso(n.created_at),
             "attempts": n.attempts, "delivered_at": _iso(n.delivered_at), "failed_at": _iso(n.failed_at),
             "last_error": n.last_error, "payload": n.payload} for n, w in rows]


def start_ticker(sessions: Callable[[], Session], deliver_fn: Callable[[], dict[str, int]], *, every_s: float,
                 days: int, retry_every_s: float = 30.0, stop: Any = None) -> Any:
    """The ``modelmap serve`` background tick (a daemon thread): every ``every_s`` seconds queue
    ``waiver-expiring`` for waivers expiring within ``days``; every ``retry_every_s`` deliver what is due
    (new rows and retries). Several serve processes may all tick: the outbox's dedupe key and the claim
    before each send keep one delivery per notification. ``stop`` (a threading.Event) ends the loop."""
    import logging
    import threading

    log = logging.getLogger("modelmap.serve")
    stopped = stop if stop is not None else threading.Event()

    def loop() -> None:
        last_tick: float | None = None
        while not stopped.is_set():
            try:
                if last_tick is None or time.monotonic() - last_tick >= every_s:
                    with sessions() as session:
                        waiver_tick(session, days)
                    last_tick = time.monotonic()
                deliver_fn()
            except Exception as exc:  # a database hiccup must not stop the timer; it is logged, then retried
                log.warning("notification tick failed: %s: %s", exc.__class__.__name__, str(exc)[:200])
            stopped.wait(min(every_s, retry_every_s))

    thread = threading.Thread(target=loop, name="modelmap-notify", daemon=True)
    thread.start()
    return thread
