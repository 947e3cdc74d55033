"""A fake Slack Web API server for end-to-end tests.

``FakeSlack`` runs a small HTTP server on a free loopback port. Point the app's
``WebClient`` at it with ``WebClient(token=..., base_url=fake.base_url)`` and every Web API
call the app makes is parsed the way Slack parses it, answered with a realistic response and
recorded as a :class:`Call`, so tests can assert on what the app sent to Slack.

Besides ``/api/<method>`` the server also serves:

* ``/upload/v1/<file_id>`` -- the upload URL handed out by ``files.getUploadURLExternal``
  (recorded as method ``"file_upload"``; the bytes are kept, see :meth:`FakeSlack.uploaded`);
* ``/response/<name>`` -- ``response_url`` endpoints (recorded as method ``"response_url"``).

Failures can be injected per method (HTTP 429 with ``Retry-After``, 5xx, or ``ok: false``
errors), at random for chaos tests, or by enforcing sliding-window rate limits.

Strict by default: it says no like Slack does
----------------------------------------------
A ``FakeSlack()`` refuses what Slack would refuse, so a test can't pass on a call that
would fail in a real workspace (the tables and limits live in ``tests.support.slack_rules``):

* methods it does not know (``unknown_method``), and arguments a method does not take
  (``invalid_arguments``, naming them; Slack would silently drop them, but an unknown
  name is a typo);
* a call whose scope the token lacks (``missing_scope`` with ``needed``/``provided``); the
  bot tokens get manifest.yml's bot scopes unless told otherwise (``scopes=`` of
  :meth:`FakeSlack.add_workspace`, :meth:`FakeSlack.set_scopes`, ``add_oauth_code``);
* channels, users, views and messages that do not exist (``channel_not_found``,
  ``not_in_channel``, ``is_archived``, ``user_not_found``, ``user_disabled``,
  ``not_found``, ``message_not_found``): declare them with :meth:`FakeSlack.add_channel`
  and :meth:`FakeSlack.add_user`; DMs exist once ``conversations.open`` opened them;
* trigger ids it never saw (``invalid_trigger_id``), older than
  :attr:`FakeSlack.trigger_lifetime` (3 s, ``expired_trigger_id``) or already used
  (``exchanged_trigger_id``); ``tests.support.slack_requests.SlackClient`` registers the
  trigger of every payload it sends (:meth:`FakeSlack.add_trigger`);
* Slack's size limits: message text over 40,000 characters (``msg_too_long``), blocks
  over Block Kit's limits or more than 50 in a message (``invalid_blocks``), views with
  more than 100 blocks or fields over their limits (``invalid_arguments``, as Slack
  answers for views); a ``response_url`` answers HTTP 400 with the error as text.

A test that needs the old, accept-anything behaviour says so explicitly: with
``FakeSlack(strict=False)``, or, for the shared ``fake_slack`` fixture, with the marker
``@pytest.mark.lenient_slack("why this test needs it")`` (a reason is required).

The server is stdlib only and thread-safe: the app may call it from many threads at once.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import email.parser
import email.policy
import hashlib
import itertools
import json
import math
import random
import threading
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from tests.support import slack_rules
from tests.support.loopback import LoopbackService

__all__ = ["JSON_PARAMS", "Call", "FakeSlack", "Upload", "Workspace"]

#: Parameters whose form-encoded value is a JSON document; they are decoded when recorded.
JSON_PARAMS = frozenset(
    {
        "attachments",
        "blocks",
        "files",
        "metadata",
        "view",
        "unfurls",
        "user_auth_blocks",
        "options",
        "option_groups",
        "replace_original_blocks",
    }
)

#: Error names the fake uses in the JSON body of injected 5xx answers.
_SERVER_ERRORS = {
    500: "internal_error",
    502: "bad_gateway",
    503: "service_unavailable",
    504: "request_timeout",
}

#: How long a ``trigger_id`` can open a view (Slack: 3 seconds).
TRIGGER_LIFETIME = 3.0

#: Methods that do not need a bot/user token (client credentials are used instead).
_NO_TOKEN_METHODS = frozenset({"oauth.v2.access", "oauth.access", "api.test"})
#: Methods that check their own token: Socket Mode's takes app-level tokens (xapp-) only.
_APP_TOKEN_METHODS = frozenset({"apps.connections.open"})

#: Methods whose scope depends on the conversation they name: checked inside the method.
_BY_CALL_SCOPE = frozenset(
    {
        "conversations.open",
        "conversations.history",
        "conversations.replies",
        "conversations.info",
        "conversations.members",
    }
)

#: Pseudo-methods for the endpoints outside ``/api/``.
_NON_API_METHODS = frozenset({"response_url", "file_upload"})

_TS_BASE_MICROS = 1_700_000_000_000_000


@dataclass(frozen=True)
class Call:
    """One request the fake received.

    ``method`` is the Web API method (``"chat.postMessage"``), or ``"response_url"`` /
    ``"file_upload"`` for the non-API endpoints. ``params`` merges query string and body
    parameters (JSON-valued form params such as ``blocks`` already decoded; the ``token``
    param removed). ``token`` comes from ``Authorization: Bearer`` or the ``token`` param.
    ``headers`` has lower-cased names. ``at`` is the ``time.time()`` the request arrived.
    ``status`` and ``response`` are what the fake answered (``response`` is ``None`` when the
    answer was not JSON).
    """

    method: str
    params: dict[str, Any]
    token: str | None
    headers: dict[str, str]
    at: float
    status: int = 200
    response: dict[str, Any] | None = None

    @property
    def ok(self) -> bool:
        """True when the fake answered HTTP 200 and (for JSON answers) ``ok: true``."""
        return self.status == 200 and (self.response is None or bool(self.response.get("ok")))

    @property
    def error(self) -> str | None:
        """The ``error`` field of the answer, if any."""
        return None if self.response is None else self.response.get("error")


@dataclass
class Workspace:
    """A workspace (team) the fake knows, with the bot token that authenticates as it."""

    team_id: str
    bot_token: str
    bot_user_id: str = "UBOT"
    enterprise_id: str | None = None
    name: str = ""
    domain: str = ""
    bot_id: str = ""
    app_id: str = "A0MENTORBOT"

    def __post_init__(self) -> None:
        self.name = self.name or f"Team {self.team_id}"
        self.domain = self.domain or self.team_id.lower()
        self.bot_id = self.bot_id or "B" + _short_hash(self.team_id, self.bot_user_id)


@dataclass(frozen=True)
class Upload:
    """A file received on an upload URL issued by ``files.getUploadURLExternal``."""

    file_id: str
    filename: str
    length: int
    team_id: str
    data: bytes


@dataclass
class _TokenInfo:
    team_id: str
    user_id: str
    is_bot: bool
    expires_at: float | None = None
    #: Scopes granted to the token; ``None`` means any (tokens the fake issued long ago).
    scopes: frozenset[str] | None = None


@dataclass
class _Failure:
    status: int
    retry_after: int | None
    error: str | None
    remaining: int


@dataclass
class _OAuthGrant:
    team_id: str
    team_name: str | None
    enterprise_id: str | None
    is_enterprise_install: bool
    bot_user_id: str
    authed_user_id: str
    scope: str
    user_scope: str | None
    bot_token: str | None
    user_token: str | None


@dataclass
class _Chaos:
    probability: float
    rng: random.Random
    statuses: tuple[int, ...]
    methods: frozenset[str] | None


@dataclass
class _Reply:
    status: int
    body: bytes
    content_type: str = "application/json; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    json_body: dict[str, Any] | None = None


class SlackApiFailure(Exception):
    """Raised inside a method handler to answer HTTP 200 ``{"ok": false, "error": ...}``."""

    def __init__(self, error: str, **extra: Any) -> None:
        super().__init__(error)
        self.error = error
        self.extra = extra


def _short_hash(*parts: str, length: int = 10) -> str:
    digest = hashlib.sha1("\x1f".join(parts).encode()).hexdigest()
    return digest[:length].upper()


def _json_reply(payload: dict[str, Any], status: int = 200, **headers: str) -> _Reply:
    return _Reply(
        status=status,
        body=json.dumps(payload).encode(),
        headers=dict(headers),
        json_body=payload,
    )


class FakeSlack(LoopbackService):
    """A fake Slack Web API on ``http://127.0.0.1:<port>/``.

    Use as ``with FakeSlack() as fake: ...`` or call :meth:`start` / :meth:`stop`.
    A default workspace ``T1`` authenticated by ``"xoxb-test"`` (bot user ``UBOT``) exists.
    """

    DEFAULT_TEAM_ID = "T1"
    DEFAULT_TOKEN = "xoxb-test"
    thread_name = "fake-slack"

    def __init__(
        self,
        *,
        latency: float = 0.0,
        page_size: int = 200,
        strict: bool = True,
        scopes: Iterable[str] | None = None,
    ) -> None:
        """Create a stopped server.

        ``latency`` -- seconds each request sleeps before being handled (a slow Slack).
        ``page_size`` -- the largest page ``users.list`` returns, whatever ``limit`` asks for.
        ``strict`` -- refuse what Slack refuses (see the module docstring); ``False`` accepts
        unknown arguments, channels, messages, views and triggers, and skips size and scope
        checks. :meth:`reset` returns to this setting.
        ``scopes`` -- the bot scopes of workspaces' tokens (default: manifest.yml's).
        """
        self._initial_latency = latency
        self._initial_page_size = page_size
        self._initial_strict = strict
        self._initial_scopes = (
            frozenset(scopes) if scopes is not None else slack_rules.manifest_bot_scopes()
        )
        self._lock = threading.RLock()
        self._changed = threading.Condition(self._lock)
        # Ids and response_url names stay unique across resets.
        self._ids = itertools.count(1)
        self._response_names = itertools.count(1)
        #: Socket Mode's websocket side (tests.support.fake_socket_mode.FakeSocketMode),
        #: which issues the URLs ``apps.connections.open`` answers with; kept across resets.
        self.socket_mode: Any = None
        self._reset_state()

    # ------------------------------------------------------------------ lifecycle

    def _open(self) -> ThreadingHTTPServer:
        fake = self

        class Handler(_Handler):
            owner = fake

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        return server

    def _serve(self, server: ThreadingHTTPServer) -> None:
        server.serve_forever(poll_interval=0.05)

    def _shut(self, server: ThreadingHTTPServer) -> None:
        server.shutdown()
        server.server_close()

    @property
    def root_url(self) -> str:
        """``http://127.0.0.1:PORT/``."""
        return f"http://127.0.0.1:{self.port}/"

    @property
    def base_url(self) -> str:
        """The Web API base URL for ``WebClient(base_url=...)``, with its trailing slash."""
        return f"{self.root_url}api/"

    # ------------------------------------------------------------------ set-up

    def add_workspace(
        self,
        team_id: str,
        *,
        bot_token: str,
        bot_user_id: str = "UBOT",
        enterprise_id: str | None = None,
        name: str | None = None,
        domain: str | None = None,
        scopes: Iterable[str] | None = None,
    ) -> Workspace:
        """Register a workspace; ``bot_token`` then authenticates calls as that team.

        The token has ``scopes`` (default: the fake's, manifest.yml's bot scopes).
        """
        ws = Workspace(
            team_id=team_id,
            bot_token=bot_token,
            bot_user_id=bot_user_id,
            enterprise_id=enterprise_id,
            name=name or "",
            domain=domain or "",
        )
        with self._lock:
            self._workspaces[team_id] = ws
            self._tokens[bot_token] = _TokenInfo(
                team_id,
                bot_user_id,
                is_bot=True,
                scopes=frozenset(scopes) if scopes is not None else self._initial_scopes,
            )
        return ws

    def set_scopes(self, team_id: str, scopes: Iterable[str]) -> None:
        """Grant exactly ``scopes`` to the bot token of ``team_id`` (as a reinstall would)."""
        with self._lock:
            token = self._workspaces[team_id].bot_token
            self._tokens[token].scopes = frozenset(scopes)

    def add_trigger(self, trigger_id: str, *, age: float = 0.0) -> None:
        """Make ``trigger_id`` known, as issued ``age`` seconds ago (Slack sends it in a
        slash command, click or submission; it opens one view within 3 seconds)."""
        with self._lock:
            self._triggers[trigger_id] = time.time() - age

    def workspace(self, team_id: str) -> Workspace:
        """The registered workspace ``team_id``."""
        with self._lock:
            return self._workspaces[team_id]

    def add_user(
        self,
        user_id: str,
        *,
        team_id: str = "T1",
        name: str | None = None,
        real_name: str | None = None,
        display_name: str | None = None,
        email: str | None = None,
        tz: str = "Europe/London",
        tz_offset: int = 0,
        is_bot: bool = False,
        deleted: bool = False,
        is_admin: bool = False,
        is_owner: bool = False,
        enterprise_id: str | None = None,
    ) -> dict[str, Any]:
        """Add (or replace) a user of ``team_id``; returns the user object Slack would return."""
        name = name or user_id.lower()
        real_name = real_name if real_name is not None else name.replace(".", " ").title()
        display_name = display_name if display_name is not None else name
        profile: dict[str, Any] = {
            "real_name": real_name,
            "real_name_normalized": real_name,
            "display_name": display_name,
            "display_name_normalized": display_name,
            "team": team_id,
        }
        if email is not None:
            profile["email"] = email
        user: dict[str, Any] = {
            "id": user_id,
            "team_id": team_id,
            "name": name,
            "deleted": deleted,
            "real_name": real_name,
            "tz": tz,
            "tz_label": tz,
            "tz_offset": tz_offset,
            "profile": profile,
            "is_admin": is_admin,
            "is_owner": is_owner,
            "is_primary_owner": False,
            "is_restricted": False,
            "is_ultra_restricted": False,
            "is_bot": is_bot,
            "is_app_user": False,
            "updated": 1_700_000_000,
        }
        if enterprise_id is not None:
            user["enterprise_user"] = {
                "id": user_id,
                "enterprise_id": enterprise_id,
                "enterprise_name": f"Org {enterprise_id}",
                "is_admin": is_admin,
                "is_owner": is_owner,
                "teams": [team_id],
            }
        with self._lock:
            self._users[(team_id, user_id)] = user
        return json.loads(json.dumps(user))

    def set_status(
        self,
        user_id: str,
        *,
        text: str = "",
        emoji: str = "",
        expiration: int = 0,
        team_id: str = "T1",
    ) -> None:
        """Set a user's Slack status, as `users.info` then returns it."""
        with self._lock:
            profile = self._users[(team_id, user_id)]["profile"]
            profile.update(status_text=text, status_emoji=emoji, status_expiration=expiration)

    def add_usergroup(
        self,
        usergroup_id: str,
        *,
        name: str,
        handle: str | None = None,
        users: Iterable[str] = (),
        team_id: str = "T1",
        disabled: bool = False,
        description: str = "",
    ) -> dict[str, Any]:
        """Add (or replace) a user group of ``team_id``, as ``usergroups.list`` returns it.

        A disabled group is left out of ``usergroups.list`` and answers ``no_such_subteam``
        in ``usergroups.users.list`` unless ``include_disabled`` is given (Slack keeps a
        disabled group, with ``date_delete`` set, but treats it as gone by default).
        """
        group: dict[str, Any] = {
            "id": usergroup_id,
            "team_id": team_id,
            "is_usergroup": True,
            "is_subteam": True,
            "name": name,
            "description": description,
            "handle": handle or name.lower().replace(" ", "-"),
            "is_external": False,
            "date_create": 1_700_000_000,
            "date_update": 1_700_000_000,
            "date_delete": 1_700_100_000 if disabled else 0,
            "auto_type": None,
            "created_by": "U0CREATOR",
            "updated_by": "U0CREATOR",
            "deleted_by": "U0CREATOR" if disabled else None,
            "prefs": {"channels": [], "groups": []},
            "users": list(dict.fromkeys(users)),
        }
        with self._lock:
            self._usergroups[(team_id, usergroup_id)] = group
        return json.loads(json.dumps(group))

    def set_usergroup_users(
        self, usergroup_id: str, users: Iterable[str], *, team_id: str = "T1"
    ) -> None:
        """Replace the members of a user group (as ``usergroups.users.update`` would)."""
        with self._lock:
            group = self._usergroups[(team_id, usergroup_id)]
            group["users"] = list(dict.fromkeys(users))
            group["date_update"] += 1

    def add_channel(
        self,
        channel_id: str,
        *,
        team_id: str = "T1",
        name: str | None = None,
        is_private: bool = False,
        is_member: bool = True,
        is_archived: bool = False,
        members: Iterable[str] = (),
    ) -> dict[str, Any]:
        """Add a channel that ``conversations.info`` (and ``conversations.members``) know."""
        channel = {
            "id": channel_id,
            "name": name or channel_id.lower(),
            "is_channel": not is_private,
            "is_group": is_private,
            "is_im": False,
            "is_mpim": False,
            "is_private": is_private,
            "is_archived": is_archived,
            "is_member": is_member,
            "is_general": False,
            "is_shared": False,
            "is_ext_shared": False,
            "is_org_shared": False,
            "context_team_id": team_id,
            "created": 1_700_000_000,
            "creator": "U0CREATOR",
            "_members": list(members),
        }
        with self._lock:
            self._channels[(team_id, channel_id)] = channel
        return {k: v for k, v in channel.items() if not k.startswith("_")}

    def add_view(self, view: Mapping[str, Any]) -> None:
        """Make a view Slack showed someone known (``views.update`` refuses unknown ids).

        The test client calls this for the view of every payload it sends; a view the fake
        opened itself is kept as it is.
        """
        view_id = view.get("id")
        if not view_id:
            return
        with self._lock:
            self._views.setdefault(
                str(view_id),
                {**json.loads(json.dumps(view)), "team_id": view.get("team_id") or "T1"},
            )

    def set_app_credentials(self, client_id: str, client_secret: str) -> None:
        """Make OAuth methods and ``apps.uninstall`` check these client credentials."""
        with self._lock:
            self._client_id, self._client_secret = client_id, client_secret

    def add_oauth_code(
        self,
        code: str,
        *,
        team_id: str = "T1",
        team_name: str | None = None,
        enterprise_id: str | None = None,
        is_enterprise_install: bool = False,
        bot_user_id: str = "UBOT",
        authed_user_id: str = "U1",
        scope: str | None = None,
        user_scope: str | None = None,
        bot_token: str | None = None,
        user_token: str | None = None,
    ) -> None:
        """Make ``oauth.v2.access`` accept ``code`` once and install into ``team_id``.

        ``scope`` -- comma-separated bot scopes granted (default: the fake's, manifest.yml's).

        ``bot_token`` defaults to a fresh ``xoxb-...`` token; a user token is issued only
        when ``user_scope`` (or ``user_token``) is given. Exchanging the code registers the
        workspace, so the issued bot token works against the fake afterwards.
        """
        with self._lock:
            self._oauth_grants[code] = _OAuthGrant(
                team_id=team_id,
                team_name=team_name,
                enterprise_id=enterprise_id,
                is_enterprise_install=is_enterprise_install,
                bot_user_id=bot_user_id,
                authed_user_id=authed_user_id,
                scope=scope if scope is not None else ",".join(sorted(self._initial_scopes)),
                user_scope=user_scope,
                bot_token=bot_token,
                user_token=user_token,
            )

    def enable_token_rotation(self, expires_in: int = 43_200) -> None:
        """Issue ``refresh_token`` / ``expires_in`` from ``oauth.v2.access``.

        Tokens issued while rotation is on stop working (``token_expired``) after
        ``expires_in`` seconds; ``grant_type=refresh_token`` exchanges give new ones.
        """
        with self._lock:
            self._rotation_expires_in = expires_in

    def expire_token(self, token: str) -> None:
        """Make ``token`` answer ``token_expired`` from now on."""
        with self._lock:
            self._tokens[token].expires_at = time.time() - 1

    def response_url(self, name: str | None = None) -> str:
        """A ``response_url`` on the fake; POSTs to it are recorded as ``"response_url"``."""
        if name is None:
            name = f"r{next(self._response_names)}"
        return f"{self.root_url}response/{name}"

    # ------------------------------------------------------------------ failure injection

    def fail_next(
        self,
        method: str,
        *,
        status: int = 429,
        retry_after: int | None = 1,
        times: int = 1,
        team_id: str | None = None,
    ) -> None:
        """Answer the next ``times`` calls to ``method`` with HTTP ``status``.

        429 answers carry ``Retry-After: <retry_after>`` and ``{"ok": false,
        "error": "ratelimited"}``; 5xx answers carry a JSON error body. With ``team_id``,
        only calls made with that workspace's tokens are failed (rate limits are per
        workspace on Slack).
        """
        with self._lock:
            if team_id is not None:
                self._team_failures.setdefault((method, team_id), deque()).append(
                    _Failure(status=status, retry_after=retry_after, error=None, remaining=times)
                )
                return
            self._failures.setdefault(method, deque()).append(
                _Failure(status=status, retry_after=retry_after, error=None, remaining=times)
            )

    def fail_after_accepting(self, method: str, *, status: int = 503, times: int = 1) -> None:
        """Handle the next ``times`` calls to ``method`` as usual (a post is stored), then
        answer HTTP ``status`` anyway: Slack did the work, and the caller can't tell."""
        with self._lock:
            self._after_failures.setdefault(method, deque()).extend([status] * times)

    def error_next(self, method: str, error: str = "channel_not_found", *, times: int = 1) -> None:
        """Answer the next ``times`` calls to ``method`` with HTTP 200 ``ok: false``."""
        with self._lock:
            self._failures.setdefault(method, deque()).append(
                _Failure(status=200, retry_after=None, error=error, remaining=times)
            )

    def random_failures(
        self,
        probability: float,
        *,
        seed: int,
        statuses: Iterable[int] = (500, 503),
        methods: Iterable[str] | None = None,
    ) -> None:
        """Fail each API call with this probability (reproducibly, from ``seed``).

        The status is picked from ``statuses`` (429 answers carry ``Retry-After: 1``).
        ``methods`` limits the chaos to these methods (by default every Web API method;
        name ``"response_url"`` / ``"file_upload"`` to include those endpoints).
        ``probability=0`` turns it off.
        """
        with self._lock:
            self._chaos = (
                _Chaos(
                    probability=probability,
                    rng=random.Random(seed),
                    statuses=tuple(statuses),
                    methods=frozenset(methods) if methods is not None else None,
                )
                if probability > 0
                else None
            )

    def enforce_rate_limits(self, limits: Mapping[str, tuple[int, float]]) -> None:
        """Enforce ``{method: (max_calls, window_seconds)}`` per (method, team).

        A call over the limit of its sliding window gets HTTP 429 with ``Retry-After`` set
        to the whole seconds (rounded up) until the oldest call in the window expires.
        Rejected calls do not use up the window.
        """
        with self._lock:
            self._rate_limits.update(limits)

    def rate_limited_count(self, method: str) -> int:
        """How many calls to ``method`` were answered 429 (injected, chaos or enforced)."""
        with self._lock:
            return self._rate_limited.get(method, 0)

    def on_call(self, method: str, callback: Callable[[Call], None]) -> None:
        """Run ``callback(call)`` after each call to ``method`` is handled and recorded,
        before the answer is sent back (e.g. to stop the caller between Slack accepting a
        message and the caller hearing of it). Runs in the server's thread, without the lock.
        """
        with self._lock:
            self._hooks.setdefault(method, []).append(callback)

    def _run_hooks(self, call: Call) -> None:
        with self._lock:
            hooks = list(self._hooks.get(call.method, ()))
        for hook in hooks:
            hook(call)

    # ------------------------------------------------------------------ inspection

    @property
    def calls(self) -> list[Call]:
        """A copy of every recorded call, in the order answers were sent."""
        with self._lock:
            return list(self._calls)

    def calls_to(self, method: str) -> list[Call]:
        """The recorded calls to ``method``."""
        with self._lock:
            return [c for c in self._calls if c.method == method]

    def wait_for(
        self,
        method: str,
        *,
        count: int = 1,
        timeout: float = 5.0,
        where: Callable[[Call], bool] | None = None,
    ) -> list[Call]:
        """Wait until at least ``count`` calls to ``method`` (matching ``where``) exist.

        Returns all matching calls. Raises ``AssertionError`` listing what was recorded
        if they do not arrive within ``timeout`` seconds.
        """
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                found = [
                    c for c in self._calls if c.method == method and (where is None or where(c))
                ]
                if len(found) >= count:
                    return found
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._changed.wait(min(remaining, 0.1))
            recorded = list(self._calls)
        raise AssertionError(
            f"expected {count} call(s) to {method!r}"
            + (" matching the predicate" if where is not None else "")
            + f" within {timeout}s, found {len(found)}.\n"
            + self.describe_calls(recorded)
        )

    def describe_calls(self, calls: Iterable[Call] | None = None) -> str:
        """A readable dump of ``calls`` (default: everything recorded) for failure messages."""
        calls = self.calls if calls is None else list(calls)
        if not calls:
            return "No calls were recorded."
        lines = [f"{len(calls)} recorded call(s):"]
        for i, c in enumerate(calls, 1):
            params = json.dumps(c.params, default=repr, sort_keys=True)
            if len(params) > 300:
                params = params[:297] + "..."
            outcome = "ok" if c.ok else f"{c.status} {c.error or ''}".strip()
            lines.append(f"  {i:3}. {c.method} [{outcome}] {params}")
        return "\n".join(lines)

    def responses(self, name: str) -> list[dict[str, Any]]:
        """The JSON bodies POSTed to ``response_url(name)`` (without the ``_name`` key)."""
        return [
            {k: v for k, v in c.params.items() if k != "_name"}
            for c in self.calls_to("response_url")
            if c.params.get("_name") == name
        ]

    def uploaded(self, file_id: str) -> Upload:
        """The file uploaded for ``file_id`` (raises ``KeyError`` if nothing was uploaded)."""
        with self._lock:
            return self._uploads[file_id]

    @property
    def uploads(self) -> list[Upload]:
        """Every file uploaded so far."""
        with self._lock:
            return list(self._uploads.values())

    def messages(self, channel: str | None = None, *, team_id: str = "T1") -> list[dict[str, Any]]:
        """Messages currently posted (and not deleted), oldest first, with their ``channel``."""
        with self._lock:
            return [
                dict(m)
                for (team, ch, _ts), m in sorted(self._messages.items(), key=lambda kv: kv[0][2])
                if team == team_id and (channel is None or ch == channel)
            ]

    def reset(self) -> None:
        """Return to the state of a fresh ``FakeSlack()``, keeping the server running.

        Clears recorded calls, injected failures, chaos, rate limits, latency, posted
        content, and the workspaces, users, channels and OAuth set-up added since, so one
        server can be shared by many tests.
        """
        with self._lock:
            self._reset_state()

    def _reset_state(self) -> None:
        self.latency = self._initial_latency
        self.page_size = self._initial_page_size
        #: Refuse what Slack refuses (see the module docstring).
        self.strict = self._initial_strict
        #: Seconds a ``trigger_id`` stays good after it was sent (strict mode).
        self.trigger_lifetime = TRIGGER_LIFETIME
        self._triggers: dict[str, float] = {}
        #: When true, each ``trigger_id`` can open/push one view only (as on Slack).
        self.single_use_triggers = True
        self._client_id: str | None = None
        self._client_secret: str | None = None
        self._rotation_expires_in: int | None = None
        self._workspaces: dict[str, Workspace] = {}
        self._tokens: dict[str, _TokenInfo] = {}
        self._refresh_tokens: dict[str, tuple[str, str, bool, frozenset[str] | None]] = {}
        self._oauth_grants: dict[str, _OAuthGrant] = {}
        self._users: dict[tuple[str, str], dict[str, Any]] = {}
        self._channels: dict[tuple[str, str], dict[str, Any]] = {}
        self._usergroups: dict[tuple[str, str], dict[str, Any]] = {}
        self._calls: list[Call] = []
        self._failures: dict[str, deque[_Failure]] = {}
        self._after_failures: dict[str, deque[int]] = {}
        self._team_failures: dict[tuple[str, str], deque[_Failure]] = {}
        self._hooks: dict[str, list[Callable[[Call], None]]] = {}
        #: When set, message ts follow this clock (epoch seconds) instead of a fixed base,
        #: so that ``conversations.history``'s ``oldest``/``latest`` match the app's clock.
        self.ts_clock: Callable[[], float] | None = None
        self._last_ts_micros = 0
        self._chaos: _Chaos | None = None
        self._rate_limits: dict[str, tuple[int, float]] = {}
        self._windows: dict[tuple[str, str], deque[float]] = {}
        self._rate_limited: dict[str, int] = {}
        self._messages: dict[tuple[str, str, str], dict[str, Any]] = {}
        self._scheduled: dict[tuple[str, str], dict[str, Any]] = {}
        self._views: dict[str, dict[str, Any]] = {}
        self._home_views: dict[tuple[str, str], str] = {}
        self._dms: dict[tuple[str, frozenset[str]], str] = {}
        self._used_triggers: set[str] = set()
        self._pending_files: dict[str, dict[str, Any]] = {}
        self._uploads: dict[str, Upload] = {}
        self._ts_counter = itertools.count(1)
        self.add_workspace(self.DEFAULT_TEAM_ID, bot_token=self.DEFAULT_TOKEN)

    # ------------------------------------------------------------------ request handling

    def _record(self, call: Call) -> None:
        with self._changed:
            self._calls.append(call)
            self._changed.notify_all()

    def _new_id(self, prefix: str) -> str:
        return f"{prefix}{next(self._ids):08d}"

    def _next_ts(self) -> str:
        micros = _TS_BASE_MICROS + 100 * next(self._ts_counter)
        if self.ts_clock is not None:
            micros = max(int(self.ts_clock() * 1_000_000), self._last_ts_micros + 100)
        self._last_ts_micros = micros
        return f"{micros // 1_000_000}.{micros % 1_000_000:06d}"

    def _injected_failure(self, method: str, team_id: str | None) -> _Reply | None:
        """Injected, chaos and rate-limit failures for this call, if any (lock held)."""
        team_queue = self._team_failures.get((method, team_id or ""))
        if team_queue:
            failure = team_queue[0]
            failure.remaining -= 1
            if failure.remaining <= 0:
                team_queue.popleft()
            return self._status_reply(method, failure.status, failure.retry_after)
        queue = self._failures.get(method)
        if queue:
            failure = queue[0]
            failure.remaining -= 1
            if failure.remaining <= 0:
                queue.popleft()
            if failure.error is not None:
                return _json_reply({"ok": False, "error": failure.error})
            return self._status_reply(method, failure.status, failure.retry_after)
        chaos = self._chaos
        if (
            chaos is not None
            and (
                method in chaos.methods
                if chaos.methods is not None
                else method not in _NON_API_METHODS
            )
            and chaos.rng.random() < chaos.probability
        ):
            return self._status_reply(method, chaos.rng.choice(chaos.statuses), 1)
        limit = self._rate_limits.get(method)
        if limit is not None:
            max_calls, window = limit
            now = time.monotonic()
            stamps = self._windows.setdefault((method, team_id or ""), deque())
            while stamps and stamps[0] <= now - window:
                stamps.popleft()
            if len(stamps) >= max_calls:
                wait = stamps[len(stamps) - max_calls] + window - now
                return self._status_reply(method, 429, max(1, math.ceil(wait)))
            stamps.append(now)
        return None

    def _status_reply(self, method: str, status: int, retry_after: int | None) -> _Reply:
        if status == 429:
            self._rate_limited[method] = self._rate_limited.get(method, 0) + 1
            headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
            return _json_reply({"ok": False, "error": "ratelimited"}, 429, **headers)
        error = _SERVER_ERRORS.get(status, HTTPStatus(status).phrase.lower().replace(" ", "_"))
        return _json_reply({"ok": False, "error": error}, status)

    def _handle_api(
        self, method: str, params: dict[str, Any], token: str | None, headers: dict[str, str]
    ) -> _Reply:
        with self._lock:
            info = self._tokens.get(token) if token else None
            failure = self._injected_failure(method, info.team_id if info else None)
            if failure is not None:
                return failure
            if method not in _NO_TOKEN_METHODS | _APP_TOKEN_METHODS:
                if not token:
                    return _json_reply({"ok": False, "error": "not_authed"})
                if info is None:
                    return _json_reply({"ok": False, "error": "invalid_auth"})
                if info.expires_at is not None and info.expires_at <= time.time():
                    return _json_reply({"ok": False, "error": "token_expired"})
            handler = getattr(self, "_api_" + method.replace(".", "_"), None)
            if handler is None or (self.strict and method not in slack_rules.ARGUMENTS):
                return _json_reply({"ok": False, "error": "unknown_method"})
            try:
                if self.strict:
                    self._check_call(method, params, info)
                result = handler(params, info, headers)
            except SlackApiFailure as failure_:
                return _json_reply({"ok": False, "error": failure_.error, **failure_.extra})
            except Exception as bug:  # a bug in the fake: answer 500, never drop the connection
                detail = "".join(traceback.format_exception(bug))
                return _json_reply(
                    {"ok": False, "error": "fake_slack_internal_error", "detail": detail}, 500
                )
            accepted_then_failed = self._after_failures.get(method)
            if accepted_then_failed:
                return self._status_reply(method, accepted_then_failed.popleft(), None)
            return _json_reply({"ok": True, **result})

    def _handle_response_url(self, name: str, params: dict[str, Any]) -> _Reply:
        with self._lock:
            failure = self._injected_failure("response_url", None)
            strict = self.strict
        if failure is not None:
            return failure
        if strict:
            # Slack answers a refused response_url post with HTTP 400 and the error as text.
            problem = slack_rules.message_errors(params)
            empty = not any(params.get(k) for k in ("text", "blocks", "attachments"))
            if problem is None and empty and not params.get("delete_original"):
                problem = ("no_text", [])
            if problem is not None:
                return _Reply(status=400, body=problem[0].encode(), content_type="text/plain")
        return _Reply(status=200, body=b"ok", content_type="text/html")

    def _handle_upload(self, file_id: str, data: bytes) -> _Reply:
        with self._lock:
            failure = self._injected_failure("file_upload", None)
            if failure is not None:
                return failure
            pending = self._pending_files.get(file_id)
            if pending is None:
                return _Reply(status=404, body=b"file not found", content_type="text/plain")
            # The URL was issued for `length` bytes: anything else is refused, as Slack does.
            if self.strict and len(data) != pending["length"]:
                return _Reply(status=400, body=b"length mismatch", content_type="text/plain")
            self._uploads[file_id] = Upload(
                file_id=file_id,
                filename=pending["filename"],
                length=pending["length"],
                team_id=pending["team_id"],
                data=data,
            )
        return _Reply(status=200, body=f"OK - {len(data)}".encode(), content_type="text/plain")

    # ------------------------------------------------------------------ strict checks

    def _check_call(self, method: str, params: Mapping[str, Any], info: _TokenInfo | None) -> None:
        """Scope and arguments, checked before the method runs (strict mode, lock held)."""
        if method not in _BY_CALL_SCOPE:
            self._check_scope(info, slack_rules.required_scopes(method))
        unknown = slack_rules.unknown_arguments(method, params)
        if unknown:
            raise SlackApiFailure(
                "invalid_arguments",
                response_metadata={
                    "messages": [
                        f"[ERROR] {method} takes no argument {name!r} (a typo?)" for name in unknown
                    ]
                },
            )

    @staticmethod
    def _check_scope(info: _TokenInfo | None, needed: frozenset[str]) -> None:
        """``missing_scope`` unless the token has one of ``needed`` (empty: none needed)."""
        if not needed or info is None or info.scopes is None or needed & info.scopes:
            return
        raise SlackApiFailure(
            "missing_scope",
            needed=",".join(sorted(needed)),
            provided=",".join(sorted(info.scopes)),
        )

    def _check_conversation_scope(self, method: str, info: _TokenInfo, channel_id: str) -> None:
        if not self.strict:
            return
        channel = self._channels.get((info.team_id, channel_id))
        kind = slack_rules.conversation_kind(channel) if channel is not None else None
        self._check_scope(info, slack_rules.required_scopes(method, kind=kind))

    def _check_message(self, params: Mapping[str, Any]) -> None:
        """Text length and blocks of a message (strict mode)."""
        if not self.strict:
            return
        problem = slack_rules.message_errors(params)
        if problem is not None:
            error, messages = problem
            raise SlackApiFailure(
                error, response_metadata={"messages": [f"[ERROR] {m}" for m in messages]}
            )

    def _check_view(self, view: Any) -> None:
        """Fields and blocks of a view (strict mode); Slack answers ``invalid_arguments``."""
        if not self.strict:
            return
        errors = slack_rules.view_errors(view)
        if errors:
            raise SlackApiFailure(
                "invalid_arguments",
                response_metadata={"messages": [f"[ERROR] {m}" for m in errors]},
            )

    def _known_channel(self, info: _TokenInfo, channel_id: str) -> dict[str, Any]:
        """The channel the bot may post in, or Slack's refusal (strict mode)."""
        channel = self._channels.get((info.team_id, channel_id))
        if channel is None:
            raise SlackApiFailure("channel_not_found")
        if channel.get("is_archived"):
            raise SlackApiFailure("is_archived")
        if not channel.get("is_member", True):
            if channel.get("is_private"):
                raise SlackApiFailure("channel_not_found")  # private: invisible to outsiders
            if info.scopes is not None and "chat:write.public" not in info.scopes:
                raise SlackApiFailure("not_in_channel")
        return channel

    def _known_user(self, team_id: str, user_id: str, *, error: str = "user_not_found") -> dict:
        user = self._find_user(team_id, user_id)
        if user is None:
            raise SlackApiFailure(error)
        return user

    # ------------------------------------------------------------------ helpers for methods

    def _ws(self, info: _TokenInfo) -> Workspace:
        return self._workspaces[info.team_id]

    @staticmethod
    def _require(params: Mapping[str, Any], name: str, error: str | None = None) -> Any:
        value = params.get(name)
        if value in (None, ""):
            raise SlackApiFailure(error or "invalid_arguments")
        return value

    def _find_user(self, team_id: str, user_id: str) -> dict[str, Any] | None:
        user = self._users.get((team_id, user_id))
        if user is not None:
            return user
        ws = self._workspaces.get(team_id)
        if ws is not None and ws.enterprise_id is not None:
            for (other_team, uid), candidate in self._users.items():
                other = self._workspaces.get(other_team)
                if uid == user_id and other is not None and other.enterprise_id == ws.enterprise_id:
                    return candidate
        return None

    def _resolve_channel(self, info: _TokenInfo, channel: str) -> str:
        """Posting to a user id posts into the bot's DM with that user, as on Slack."""
        if channel.startswith(("U", "W")):
            if self.strict:
                self._known_user(info.team_id, channel, error="channel_not_found")
            return self._open_conversation(info.team_id, [channel])[0]
        if self.strict:
            self._known_channel(info, channel)
        return channel

    def _open_conversation(self, team_id: str, users: list[str]) -> tuple[str, bool]:
        key = (team_id, frozenset(users))
        existing = self._dms.get(key)
        if existing is not None:
            return existing, True
        prefix = "D" if len(key[1]) == 1 else "G"
        channel_id = prefix + _short_hash(team_id, *sorted(key[1]))
        self._dms[key] = channel_id
        ws = self._workspaces[team_id]
        if prefix == "D":
            (user,) = key[1]
            channel = {
                "id": channel_id,
                "created": 1_700_000_000,
                "is_im": True,
                "is_org_shared": False,
                "user": user,
                "is_user_deleted": False,
                "priority": 0,
                "context_team_id": team_id,
                "_members": [user, ws.bot_user_id],
            }
        else:
            names = "--".join(sorted(key[1] | {ws.bot_user_id})).lower()
            channel = {
                "id": channel_id,
                "name": f"mpdm-{names}-1",
                "is_channel": False,
                "is_group": False,
                "is_im": False,
                "is_mpim": True,
                "is_private": True,
                "is_archived": False,
                "is_member": True,
                "created": 1_700_000_000,
                "context_team_id": team_id,
                "_members": sorted(key[1] | {ws.bot_user_id}),
            }
        self._channels.setdefault((team_id, channel_id), channel)
        return channel_id, False

    def _message(self, info: _TokenInfo, params: Mapping[str, Any], ts: str) -> dict[str, Any]:
        ws = self._ws(info)
        message: dict[str, Any] = {
            "type": "message",
            "subtype": "bot_message" if params.get("username") else None,
            "text": params.get("text", ""),
            "user": info.user_id,
            "bot_id": ws.bot_id if info.is_bot else None,
            "app_id": ws.app_id if info.is_bot else None,
            "team": info.team_id,
            "ts": ts,
        }
        for key in ("blocks", "attachments", "metadata", "thread_ts"):
            if params.get(key) not in (None, ""):
                message[key] = params[key]
        return {k: v for k, v in message.items() if v is not None}

    @staticmethod
    def _check_metadata(params: Mapping[str, Any]) -> None:
        metadata = params.get("metadata")
        if metadata in (None, ""):
            return
        if (
            not isinstance(metadata, dict)
            or not isinstance(metadata.get("event_type"), str)
            or not isinstance(metadata.get("event_payload"), dict)
        ):
            raise SlackApiFailure("invalid_metadata_format")

    @staticmethod
    def _check_text(params: Mapping[str, Any]) -> None:
        if not any(params.get(k) for k in ("text", "blocks", "attachments")):
            raise SlackApiFailure("no_text")

    def _build_view(
        self, info: _TokenInfo, submitted: Any, view_id: str, previous: dict[str, Any] | None
    ) -> dict[str, Any]:
        if not isinstance(submitted, dict) or "type" not in submitted:
            raise SlackApiFailure("invalid_arguments")
        ws = self._ws(info)
        view: dict[str, Any] = {
            "id": view_id,
            "team_id": info.team_id,
            "type": submitted["type"],
            "blocks": submitted.get("blocks", []),
            "private_metadata": submitted.get("private_metadata", ""),
            "callback_id": submitted.get("callback_id", ""),
            "state": {"values": {}},
            "hash": f"{int(time.time())}.{_short_hash(view_id, str(next(self._ids)), length=8)}",
            "title": submitted.get("title"),
            "clear_on_close": submitted.get("clear_on_close", False),
            "notify_on_close": submitted.get("notify_on_close", False),
            "close": submitted.get("close"),
            "submit": submitted.get("submit"),
            "previous_view_id": previous.get("previous_view_id") if previous else None,
            "root_view_id": previous.get("root_view_id", view_id) if previous else view_id,
            "app_id": ws.app_id,
            "external_id": submitted.get("external_id", ""),
            "app_installed_team_id": info.team_id,
            "bot_id": ws.bot_id,
        }
        self._views[view_id] = view
        return json.loads(json.dumps(view))

    def _use_trigger(self, params: Mapping[str, Any]) -> None:
        trigger_id = self._require(params, "trigger_id", "invalid_trigger_id")
        if self.strict:
            issued = self._triggers.get(trigger_id)
            if issued is None:
                raise SlackApiFailure("invalid_trigger_id")
            if trigger_id in self._used_triggers:
                raise SlackApiFailure("exchanged_trigger_id")
            if time.time() - issued > self.trigger_lifetime:
                raise SlackApiFailure("expired_trigger_id")
            self._used_triggers.add(trigger_id)
        elif self.single_use_triggers:
            if trigger_id in self._used_triggers:
                raise SlackApiFailure("expired_trigger_id")
            self._used_triggers.add(trigger_id)

    # ------------------------------------------------------------------ Web API methods
    # Each ``_api_<method>`` returns the fields of an ``ok: true`` answer, or raises
    # SlackApiFailure. They run with the lock held.

    def _api_api_test(self, params: dict[str, Any], info: _TokenInfo | None, _h: Any) -> dict:
        return {"args": params} if params else {}

    def _api_auth_test(self, params: dict[str, Any], info: _TokenInfo, _h: Any) -> dict:
        ws = self._ws(info)
        result: dict[str, Any] = {
            "url": f"https://{ws.domain}.slack.com/",
            "team": ws.name,
            "user": "mentorbot" if info.is_bot else info.user_id.lower(),
            "team_id": ws.team_id,
            "user_id": info.user_id,
            "is_enterprise_install": False,
        }
        if info.is_bot:
            result["bot_id"] = ws.bot_id
        if ws.enterprise_id is not None:
            result["enterprise_id"] = ws.enterprise_id
        return result

    def _api_auth_revoke(self, params: dict[str, Any], info: _TokenInfo, headers: Any) -> dict:
        if params.get("test") in ("1", "true", True):
            return {"revoked": False}
        for token, candidate in list(self._tokens.items()):
            if candidate is info:
                del self._tokens[token]
        return {"revoked": True}

    def _api_apps_uninstall(self, params: dict[str, Any], info: _TokenInfo, headers: Any) -> dict:
        self._check_client(params, headers)
        for token, candidate in list(self._tokens.items()):
            if candidate.team_id == info.team_id:
                del self._tokens[token]
        return {}

    def _api_apps_connections_open(self, params: dict[str, Any], info: Any, headers: Any) -> dict:
        auth = str(headers.get("authorization") or "")
        token = auth[7:].strip() if auth.lower().startswith("bearer ") else ""
        if not token:
            raise SlackApiFailure("not_authed")
        if not token.startswith("xapp-"):
            # A bot or user token Slack knows is the wrong kind; anything else is unknown.
            raise SlackApiFailure("not_allowed_token_type" if info is not None else "invalid_auth")
        url = self.socket_mode.issue_url(token) if self.socket_mode is not None else None
        if url is None:
            raise SlackApiFailure("invalid_auth")
        return {"url": url}

    def _api_users_info(self, params: dict[str, Any], info: _TokenInfo, _h: Any) -> dict:
        user_id = self._require(params, "user", "user_not_found")
        user = self._find_user(info.team_id, user_id)
        if user is None:
            raise SlackApiFailure("user_not_found")
        return {"user": json.loads(json.dumps(user))}

    def _api_users_list(self, params: dict[str, Any], info: _TokenInfo, _h: Any) -> dict:
        users = sorted(
            (u for (team, _), u in self._users.items() if team == info.team_id),
            key=lambda u: u["id"],
        )
        limit = int(params.get("limit") or 0)
        size = min(limit, self.page_size) if limit > 0 else self.page_size
        start = 0
        cursor = params.get("cursor")
        if cursor:
            try:
                after = base64.b64decode(cursor, validate=True).decode()
            except (binascii.Error, UnicodeDecodeError):
                raise SlackApiFailure("invalid_cursor") from None
            if not after.startswith("user:"):
                raise SlackApiFailure("invalid_cursor")
            start = next(
                (i for i, u in enumerate(users) if u["id"] >= after[5:]),
                len(users),
            )
        page = users[start : start + size]
        rest = users[start + size :]
        next_cursor = base64.b64encode(f"user:{rest[0]['id']}".encode()).decode() if rest else ""
        return {
            "members": json.loads(json.dumps(page)),
            "cache_ts": int(time.time()),
            "response_metadata": {"next_cursor": next_cursor},
        }

    def _api_usergroups_list(self, params: dict[str, Any], info: _TokenInfo, _h: Any) -> dict:
        truthy = ("1", "true", True)
        with_disabled = params.get("include_disabled") in truthy
        found = []
        for (team, _), group in sorted(self._usergroups.items()):
            if team != info.team_id or (group["date_delete"] and not with_disabled):
                continue
            shown = {k: v for k, v in group.items() if k != "users"}
            if params.get("include_users") in truthy:
                shown["users"] = list(group["users"])
                shown["prefs"] = dict(group["prefs"])
            if params.get("include_count") in truthy:
                shown["user_count"] = len(group["users"])
            found.append(json.loads(json.dumps(shown)))
        # Slack answers every group at once (no cursor), "in no particular order".
        return {"usergroups": found}

    def _api_usergroups_users_list(self, params: dict[str, Any], info: _TokenInfo, _h: Any) -> dict:
        usergroup = self._require(params, "usergroup", "no_such_subteam")
        group = self._usergroups.get((info.team_id, usergroup))
        with_disabled = params.get("include_disabled") in ("1", "true", True)
        if group is None or (group["date_delete"] and not with_disabled):
            raise SlackApiFailure("no_such_subteam")
        return {"users": list(group["users"])}

    def _api_team_info(self, params: dict[str, Any], info: _TokenInfo, _h: Any) -> dict:
        team_id = params.get("team") or info.team_id
        ws = self._workspaces.get(team_id)
        if ws is None:
            raise SlackApiFailure("team_not_found")
        team: dict[str, Any] = {
            "id": ws.team_id,
            "name": ws.name,
            "url": f"https://{ws.domain}.slack.com/",
            "domain": ws.domain,
            "email_domain": "",
            "icon": {"image_default": True},
            "avatar_base_url": "https://ca.slack-edge.com/",
            "is_verified": False,
        }
        if ws.enterprise_id is not None:
            team["enterprise_id"] = ws.enterprise_id
            team["enterprise_name"] = f"Org {ws.enterprise_id}"
        return {"team": team}

    def _api_chat_postMessage(self, params: dict[str, Any], info: _TokenInfo, _h: Any) -> dict:
        channel = self._resolve_channel(info, self._require(params, "channel", "channel_not_found"))
        self._check_text(params)
        self._check_message(params)
        self._check_metadata(params)
        parent = params.get("thread_ts")
        if (
            self.strict
            and parent not in (None, "")
            and (info.team_id, channel, str(parent)) not in self._messages
        ):
            raise SlackApiFailure("thread_not_found")
        ts = self._next_ts()
        message = self._message(info, params, ts)
        self._messages[(info.team_id, channel, ts)] = {**message, "channel": channel}
        return {"channel": channel, "ts": ts, "message": message}

    def _api_chat_postEphemeral(self, params: dict[str, Any], info: _TokenInfo, _h: Any) -> dict:
        channel_id = self._require(params, "channel", "channel_not_found")
        user_id = self._require(params, "user", "user_not_in_channel")
        if self.strict:
            channel = self._known_channel(info, self._resolve_channel(info, channel_id))
            self._known_user(info.team_id, user_id)
            if "_members" in channel and user_id not in channel["_members"]:
                raise SlackApiFailure("user_not_in_channel")
        self._check_text(params)
        self._check_message(params)
        return {"message_ts": self._next_ts()}

    def _api_chat_update(self, params: dict[str, Any], info: _TokenInfo, _h: Any) -> dict:
        channel = self._require(params, "channel", "channel_not_found")
        ts = self._require(params, "ts", "message_not_found")
        self._check_posted(info, channel, ts)
        self._check_text(params)
        self._check_message(params)
        message = self._message(info, params, ts)
        key = (info.team_id, channel, ts)
        if key in self._messages:
            self._messages[key] = {**self._messages[key], **message, "channel": channel}
        message.pop("ts", None)
        return {"channel": channel, "ts": ts, "text": params.get("text", ""), "message": message}

    def _check_posted(self, info: _TokenInfo, channel: str, ts: str) -> None:
        """chat.update / chat.delete: the channel and the message must exist (strict mode)."""
        if not self.strict:
            return
        if (info.team_id, channel) not in self._channels:
            raise SlackApiFailure("channel_not_found")
        if (info.team_id, channel, ts) not in self._messages:
            raise SlackApiFailure("message_not_found")

    def _api_chat_delete(self, params: dict[str, Any], info: _TokenInfo, _h: Any) -> dict:
        channel = self._require(params, "channel", "channel_not_found")
        ts = self._require(params, "ts", "message_not_found")
        self._check_posted(info, channel, ts)
        self._messages.pop((info.team_id, channel, ts), None)
        return {"channel": channel, "ts": ts}

    def _api_chat_scheduleMessage(self, params: dict[str, Any], info: _TokenInfo, _h: Any) -> dict:
        channel = self._resolve_channel(info, self._require(params, "channel", "channel_not_found"))
        self._check_text(params)
        self._check_message(params)
        try:
            post_at = int(float(self._require(params, "post_at", "invalid_time")))
        except ValueError:
            raise SlackApiFailure("invalid_time") from None
        now = time.time()
        if post_at <= now:
            raise SlackApiFailure("time_in_past")
        if post_at > now + 120 * 86_400:
            raise SlackApiFailure("time_too_far")
        scheduled_id = self._new_id("Q")
        message = self._message(info, params, "")
        message.pop("ts")
        self._scheduled[(info.team_id, scheduled_id)] = {
            "id": scheduled_id,
            "channel_id": channel,
            "post_at": post_at,
            "date_created": int(now),
            "text": params.get("text", ""),
        }
        return {
            "channel": channel,
            "scheduled_message_id": scheduled_id,
            "post_at": post_at,
            "message": message,
        }

    def _api_chat_deleteScheduledMessage(
        self, params: dict[str, Any], info: _TokenInfo, _h: Any
    ) -> dict:
        scheduled_id = self._require(params, "scheduled_message_id", "invalid_scheduled_message_id")
        if self._scheduled.pop((info.team_id, scheduled_id), None) is None:
            raise SlackApiFailure("invalid_scheduled_message_id")
        return {}

    def _api_chat_scheduledMessages_list(
        self, params: dict[str, Any], info: _TokenInfo, _h: Any
    ) -> dict:
        channel = params.get("channel")
        items = [
            dict(m)
            for (team, _), m in self._scheduled.items()
            if team == info.team_id and (not channel or m["channel_id"] == channel)
        ]
        return {"scheduled_messages": items, "response_metadata": {"next_cursor": ""}}

    def _api_conversations_open(self, params: dict[str, Any], info: _TokenInfo, _h: Any) -> dict:
        if params.get("channel"):
            channel_id = params["channel"]
            self._check_conversation_scope("conversations.open", info, channel_id)
            if (info.team_id, channel_id) not in self._channels:
                raise SlackApiFailure("channel_not_found")
            already_open = True
        else:
            raw = self._require(params, "users", "users_list_not_supplied")
            users = [u.strip() for u in str(raw).split(",") if u.strip()]
            if not users:
                raise SlackApiFailure("users_list_not_supplied")
            if self.strict:
                needed = slack_rules.required_scopes("conversations.open", users=len(set(users)))
                self._check_scope(info, needed)
            if len(set(users)) > 8:
                raise SlackApiFailure("too_many_users")
            if self.strict:
                for user_id in users:
                    if self._known_user(info.team_id, user_id).get("deleted"):
                        raise SlackApiFailure("user_disabled")
            channel_id, already_open = self._open_conversation(info.team_id, users)
        result: dict[str, Any] = {"channel": {"id": channel_id}}
        if params.get("return_im") in ("1", "true", True):
            result["channel"] = self._public_channel(info.team_id, channel_id)
        if already_open:
            result["no_op"] = True
            result["already_open"] = True
        return result

    def _public_channel(self, team_id: str, channel_id: str) -> dict[str, Any]:
        channel = self._channels[(team_id, channel_id)]
        return {k: v for k, v in json.loads(json.dumps(channel)).items() if not k.startswith("_")}

    def _api_conversations_history(self, params: dict[str, Any], info: _TokenInfo, _h: Any) -> dict:
        """Newest first; ``oldest``/``latest``/``inclusive``, ``limit`` and ``cursor`` as on
        Slack. Message metadata is returned only with ``include_all_metadata``. Replies in a
        thread are not part of the channel's history, as on Slack."""
        return self._read_messages("conversations.history", params, info, thread=None)

    def _api_conversations_replies(self, params: dict[str, Any], info: _TokenInfo, _h: Any) -> dict:
        """The thread of the message ``ts``: the parent and its replies, with the arguments
        and pages of history (newest first here; Slack sends a thread oldest first, which
        the app does not rely on)."""
        ts = self._require(params, "ts", "thread_not_found")
        channel_id = self._require(params, "channel", "channel_not_found")
        if (info.team_id, channel_id, str(ts)) not in self._messages:
            raise SlackApiFailure("thread_not_found")
        return self._read_messages("conversations.replies", params, info, thread=str(ts))

    def _read_messages(
        self, method: str, params: dict[str, Any], info: _TokenInfo, *, thread: str | None
    ) -> dict:
        channel_id = self._require(params, "channel", "channel_not_found")
        self._check_conversation_scope(method, info, channel_id)
        channel = self._channels.get((info.team_id, channel_id))
        if channel is None:
            raise SlackApiFailure("channel_not_found")
        if not channel.get("is_member", True):
            raise SlackApiFailure("not_in_channel")
        truthy = ("1", "true", True)
        inclusive = params.get("inclusive") in truthy
        try:
            oldest = float(params.get("oldest") or 0)
            latest = float(params["latest"]) if params.get("latest") else math.inf
            limit = int(params.get("limit") or 100)
        except ValueError:
            raise SlackApiFailure("invalid_arguments") from None
        limit = max(1, min(limit, 999))

        def in_range(ts: float) -> bool:
            if inclusive:
                return oldest <= ts <= latest
            return oldest < ts < latest

        def in_view(message: dict[str, Any]) -> bool:
            parent = message.get("thread_ts")
            if thread is None:  # the channel: no replies, only parents and plain messages
                return parent in (None, message["ts"])
            return message["ts"] == thread or parent == thread

        found = sorted(
            (
                m
                for (team, ch, ts), m in self._messages.items()
                if team == info.team_id and ch == channel_id and in_range(float(ts)) and in_view(m)
            ),
            key=lambda m: float(m["ts"]),
            reverse=True,
        )
        start = 0
        cursor = params.get("cursor")
        if cursor:
            try:
                before = base64.b64decode(cursor, validate=True).decode()
            except (binascii.Error, UnicodeDecodeError):
                raise SlackApiFailure("invalid_cursor") from None
            if not before.startswith("next_ts:"):
                raise SlackApiFailure("invalid_cursor")
            start = next(
                (i for i, m in enumerate(found) if float(m["ts"]) < float(before[8:])),
                len(found),
            )
        page = found[start : start + limit]
        has_more = start + limit < len(found)
        with_metadata = params.get("include_all_metadata") in truthy
        messages = [
            {
                k: v
                for k, v in json.loads(json.dumps(m)).items()
                if k != "channel" and (with_metadata or k != "metadata")
            }
            for m in page
        ]
        next_cursor = (
            base64.b64encode(f"next_ts:{page[-1]['ts']}".encode()).decode() if has_more else ""
        )
        return {
            "messages": messages,
            "has_more": has_more,
            "pin_count": 0,
            "channel_actions_ts": None,
            "channel_actions_count": 0,
            "response_metadata": {"next_cursor": next_cursor},
        }

    def _api_conversations_info(self, params: dict[str, Any], info: _TokenInfo, _h: Any) -> dict:
        channel_id = self._require(params, "channel", "channel_not_found")
        self._check_conversation_scope("conversations.info", info, channel_id)
        if (info.team_id, channel_id) not in self._channels:
            raise SlackApiFailure("channel_not_found")
        return {"channel": self._public_channel(info.team_id, channel_id)}

    def _api_conversations_members(self, params: dict[str, Any], info: _TokenInfo, _h: Any) -> dict:
        channel_id = self._require(params, "channel", "channel_not_found")
        self._check_conversation_scope("conversations.members", info, channel_id)
        channel = self._channels.get((info.team_id, channel_id))
        if channel is None:
            raise SlackApiFailure("channel_not_found")
        return {"members": list(channel["_members"]), "response_metadata": {"next_cursor": ""}}

    def _api_views_open(self, params: dict[str, Any], info: _TokenInfo, _h: Any) -> dict:
        view = self._require(params, "view")
        self._check_view(view)
        self._use_trigger(params)
        return {"view": self._build_view(info, view, self._new_id("V"), None)}

    def _api_views_push(self, params: dict[str, Any], info: _TokenInfo, _h: Any) -> dict:
        view = self._require(params, "view")
        self._check_view(view)
        self._use_trigger(params)
        view_id = self._new_id("V")
        return {"view": self._build_view(info, view, view_id, {"previous_view_id": None})}

    def _api_views_update(self, params: dict[str, Any], info: _TokenInfo, _h: Any) -> dict:
        view = self._require(params, "view")
        view_id = params.get("view_id")
        external_id = params.get("external_id")
        if not view_id and external_id:
            view_id = next(
                (v["id"] for v in self._views.values() if v["external_id"] == external_id), None
            )
            if view_id is None:
                raise SlackApiFailure("not_found")
        if not view_id:
            raise SlackApiFailure("invalid_arguments")
        self._check_view(view)
        previous = self._views.get(view_id)
        if self.strict and (previous is None or previous["team_id"] != info.team_id):
            raise SlackApiFailure("not_found")
        expected_hash = params.get("hash")
        if previous is not None and expected_hash and expected_hash != previous["hash"]:
            raise SlackApiFailure("hash_conflict")
        return {"view": self._build_view(info, view, view_id, previous)}

    def _api_views_publish(self, params: dict[str, Any], info: _TokenInfo, _h: Any) -> dict:
        user_id = self._require(params, "user_id", "invalid_arguments")
        view = self._require(params, "view")
        if isinstance(view, dict) and view.get("type") != "home":
            raise SlackApiFailure("invalid_arguments")
        self._check_view(view)
        if self.strict:
            self._known_user(info.team_id, user_id)
        key = (info.team_id, user_id)
        view_id = self._home_views.setdefault(key, self._new_id("V"))
        previous = self._views.get(view_id)
        expected_hash = params.get("hash")
        if previous is not None and expected_hash and expected_hash != previous["hash"]:
            raise SlackApiFailure("hash_conflict")
        return {"view": self._build_view(info, view, view_id, previous)}

    def _api_files_getUploadURLExternal(
        self, params: dict[str, Any], info: _TokenInfo, _h: Any
    ) -> dict:
        filename = self._require(params, "filename")
        try:
            length = int(self._require(params, "length"))
        except ValueError:
            raise SlackApiFailure("invalid_arguments") from None
        file_id = self._new_id("F")
        self._pending_files[file_id] = {
            "filename": filename,
            "length": length,
            "team_id": info.team_id,
            "alt_txt": params.get("alt_txt"),
            "snippet_type": params.get("snippet_type"),
        }
        return {"upload_url": f"{self.root_url}upload/v1/{file_id}", "file_id": file_id}

    def _api_files_completeUploadExternal(
        self, params: dict[str, Any], info: _TokenInfo, _h: Any
    ) -> dict:
        files = self._require(params, "files")
        if not isinstance(files, list) or not files:
            raise SlackApiFailure("invalid_arguments")
        channels = [
            c for c in str(params.get("channels") or params.get("channel_id") or "").split(",") if c
        ]
        if self.strict:
            for channel in channels:
                self._known_channel(info, channel)
        result = []
        for item in files:
            file_id = item.get("id") if isinstance(item, dict) else None
            upload = self._uploads.get(file_id or "")
            if upload is None or upload.team_id != info.team_id:
                raise SlackApiFailure("file_not_found")
            name = upload.filename
            filetype = name.rsplit(".", 1)[-1].lower() if "." in name else "binary"
            base = f"https://files.slack.com/files-pri/{info.team_id}-{file_id}"
            result.append(
                {
                    "id": file_id,
                    "created": int(time.time()),
                    "timestamp": int(time.time()),
                    "name": name,
                    "title": item.get("title") or name,
                    "mimetype": "",
                    "filetype": filetype,
                    "pretty_type": filetype.upper(),
                    "user": info.user_id,
                    "user_team": info.team_id,
                    "size": len(upload.data),
                    "mode": "hosted",
                    "is_external": False,
                    "is_public": False,
                    "url_private": f"{base}/{name}",
                    "url_private_download": f"{base}/download/{name}",
                    "permalink": f"https://{self._ws(info).domain}.slack.com/files/"
                    f"{info.user_id}/{file_id}/{name}",
                    "channels": channels,
                    "groups": [],
                    "ims": [],
                    "comments_count": 0,
                }
            )
        return {"files": result}

    def _check_client(self, params: Mapping[str, Any], headers: Mapping[str, str]) -> None:
        client_id = params.get("client_id")
        client_secret = params.get("client_secret")
        auth = headers.get("authorization", "")
        if auth.lower().startswith("basic "):
            try:
                decoded = base64.b64decode(auth[6:].strip()).decode()
            except (binascii.Error, UnicodeDecodeError):
                raise SlackApiFailure("invalid_client_id") from None
            client_id, _, client_secret = decoded.partition(":")
        if not client_id:
            raise SlackApiFailure("invalid_client_id")
        if self._client_id is not None and client_id != self._client_id:
            raise SlackApiFailure("invalid_client_id")
        if self._client_secret is not None and client_secret != self._client_secret:
            raise SlackApiFailure("bad_client_secret")

    def _issue_token(
        self, kind: str, team_id: str, user_id: str, is_bot: bool, scopes: frozenset[str] | None
    ) -> str:
        token = (
            f"{kind}-{team_id}-{next(self._ids)}-{_short_hash(team_id, user_id, kind, length=16)}"
        )
        expires_at = (
            time.time() + self._rotation_expires_in
            if self._rotation_expires_in is not None
            else None
        )
        self._tokens[token] = _TokenInfo(
            team_id, user_id, is_bot=is_bot, expires_at=expires_at, scopes=scopes
        )
        return token

    def _rotation_fields(self, token: str) -> dict[str, Any]:
        if self._rotation_expires_in is None:
            return {}
        info = self._tokens[token]
        refresh = f"xoxe-1-{next(self._ids)}-{_short_hash(token, length=16)}"
        self._refresh_tokens[refresh] = (info.team_id, info.user_id, info.is_bot, info.scopes)
        return {"refresh_token": refresh, "expires_in": self._rotation_expires_in}

    def _api_oauth_v2_access(
        self, params: dict[str, Any], info: _TokenInfo | None, headers: Mapping[str, str]
    ) -> dict:
        self._check_client(params, headers)
        if params.get("grant_type") == "refresh_token":
            return self._refresh(params)
        code = self._require(params, "code", "invalid_code")
        grant = self._oauth_grants.pop(code, None)
        if grant is None:
            raise SlackApiFailure("invalid_code")
        ws = self._workspaces.get(grant.team_id)
        if ws is None or ws.bot_user_id != grant.bot_user_id:
            ws = Workspace(
                team_id=grant.team_id,
                bot_token="",
                bot_user_id=grant.bot_user_id,
                enterprise_id=grant.enterprise_id,
                name=grant.team_name or "",
            )
            self._workspaces[grant.team_id] = ws
        bot_scopes = frozenset(s for s in grant.scope.split(",") if s)
        if grant.bot_token is not None:
            bot_token = grant.bot_token
            expires_at = (
                time.time() + self._rotation_expires_in
                if self._rotation_expires_in is not None
                else None
            )
            self._tokens[bot_token] = _TokenInfo(
                grant.team_id, grant.bot_user_id, True, expires_at, bot_scopes
            )
        else:
            bot_token = self._issue_token(
                "xoxb", grant.team_id, grant.bot_user_id, True, bot_scopes
            )
        ws.bot_token = bot_token
        authed_user: dict[str, Any] = {"id": grant.authed_user_id}
        if grant.user_scope is not None or grant.user_token is not None:
            user_scopes = frozenset(s for s in (grant.user_scope or "").split(",") if s)
            if grant.user_token is not None:
                user_token = grant.user_token
                self._tokens[user_token] = _TokenInfo(
                    grant.team_id, grant.authed_user_id, False, scopes=user_scopes
                )
            else:
                user_token = self._issue_token(
                    "xoxp", grant.team_id, grant.authed_user_id, False, user_scopes
                )
            authed_user.update(
                {
                    "scope": grant.user_scope or "",
                    "access_token": user_token,
                    "token_type": "user",
                    **self._rotation_fields(user_token),
                }
            )
        enterprise = (
            {"id": grant.enterprise_id, "name": f"Org {grant.enterprise_id}"}
            if grant.enterprise_id
            else None
        )
        team = (
            None
            if grant.is_enterprise_install
            else {"id": grant.team_id, "name": grant.team_name or ws.name}
        )
        return {
            "app_id": ws.app_id,
            "authed_user": authed_user,
            "scope": grant.scope,
            "token_type": "bot",
            "access_token": bot_token,
            "bot_user_id": grant.bot_user_id,
            "team": team,
            "enterprise": enterprise,
            "is_enterprise_install": grant.is_enterprise_install,
            **self._rotation_fields(bot_token),
        }

    def _refresh(self, params: Mapping[str, Any]) -> dict[str, Any]:
        refresh = self._require(params, "refresh_token", "invalid_refresh_token")
        owner = self._refresh_tokens.pop(refresh, None)
        if owner is None:
            raise SlackApiFailure("invalid_refresh_token")
        team_id, user_id, is_bot, scopes = owner
        token = self._issue_token(
            "xoxe.xoxb-1" if is_bot else "xoxe.xoxp-1", team_id, user_id, is_bot, scopes
        )
        ws = self._workspaces[team_id]
        if is_bot:
            ws.bot_token = token
        result: dict[str, Any] = {
            "app_id": ws.app_id,
            "access_token": token,
            "token_type": "bot" if is_bot else "user",
            "team": {"id": team_id, "name": ws.name},
            "enterprise": {"id": ws.enterprise_id, "name": f"Org {ws.enterprise_id}"}
            if ws.enterprise_id
            else None,
            "is_enterprise_install": False,
            **self._rotation_fields(token),
        }
        if is_bot:
            result["bot_user_id"] = user_id
        else:
            result["user_id"] = user_id
        return result


# ---------------------------------------------------------------------- HTTP plumbing


def _decode_json_params(params: dict[str, Any]) -> dict[str, Any]:
    for key in JSON_PARAMS & params.keys():
        value = params[key]
        if isinstance(value, str):
            with contextlib.suppress(ValueError):
                params[key] = json.loads(value)
    return params


def _parse_multipart(content_type: str, body: bytes) -> dict[str, Any]:
    """Parse ``multipart/form-data``; file parts become ``bytes``, fields become ``str``."""
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
    )
    params: dict[str, Any] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not name:
            continue
        payload = part.get_payload(decode=True) or b""
        if part.get_filename() is not None:
            params[str(name)] = payload
            params.setdefault("filename", part.get_filename())
        else:
            charset = part.get_content_charset() or "utf-8"
            params[str(name)] = payload.decode(charset)
    return params


def parse_params(content_type: str, body: bytes, query: str = "") -> dict[str, Any]:
    """Parse request parameters the way the Slack Web API does (query + body)."""
    params: dict[str, Any] = dict(parse_qsl(query, keep_blank_values=True))
    media_type = content_type.split(";", 1)[0].strip().lower()
    if body:
        if media_type == "application/json":
            decoded = json.loads(body.decode("utf-8"))
            if isinstance(decoded, dict):
                params.update(decoded)
        elif media_type == "multipart/form-data":
            params.update(_parse_multipart(content_type, body))
        else:
            params.update(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
    return _decode_json_params(params)


class _Handler(BaseHTTPRequestHandler):
    owner: FakeSlack
    protocol_version = "HTTP/1.1"
    server_version = "FakeSlack/1.0"

    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output quiet."""

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def _dispatch(self) -> None:
        arrived = time.time()
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        url = urlsplit(self.path)
        owner = self.owner
        if owner.latency > 0:
            time.sleep(owner.latency)
        parts = [p for p in url.path.split("/") if p]
        token: str | None = None
        if len(parts) == 2 and parts[0] == "api":
            method = parts[1]
            try:
                params = parse_params(headers.get("content-type", ""), body, url.query)
            except (ValueError, UnicodeDecodeError):
                params = {}
                reply = _json_reply({"ok": False, "error": "invalid_form_data"})
            else:
                auth = headers.get("authorization", "")
                if auth.lower().startswith("bearer "):
                    token = auth[7:].strip()
                    params.pop("token", None)
                else:
                    token = params.pop("token", None) or None
                reply = owner._handle_api(method, params, token, headers)
        elif len(parts) == 2 and parts[0] == "response":
            method = "response_url"
            try:
                decoded = json.loads(body.decode("utf-8")) if body else {}
                params = decoded if isinstance(decoded, dict) else {"_body": decoded}
            except (ValueError, UnicodeDecodeError):
                params = parse_params(headers.get("content-type", ""), body)
            params["_name"] = parts[1]
            reply = owner._handle_response_url(parts[1], params)
        elif len(parts) == 3 and parts[:2] == ["upload", "v1"]:
            method = "file_upload"
            params = {"file_id": parts[2], "size": len(body)}
            reply = owner._handle_upload(parts[2], body)
        else:
            method = "not_found"
            params = {"path": url.path}
            reply = _Reply(status=404, body=b"Not Found", content_type="text/plain")
        call = Call(
            method=method,
            params=params,
            token=token,
            headers=headers,
            at=arrived,
            status=reply.status,
            response=reply.json_body,
        )
        owner._record(call)
        owner._run_hooks(call)
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(reply.body)
