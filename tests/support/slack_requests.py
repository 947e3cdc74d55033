"""Signed requests in the shapes Slack sends to an app, and a client that sends them.

The body builders return the exact bytes Slack would POST to the app's request URL:

* slash commands -- ``application/x-www-form-urlencoded`` fields;
* interactivity (``block_actions``, ``view_submission``, ``view_closed``,
  ``block_suggestion``) -- a form body with one ``payload=<json>`` field;
* Events API (``event_callback``, ``url_verification``) -- ``application/json``.

:class:`SlackClient` signs them with the signing secret (``X-Slack-Signature`` /
``X-Slack-Request-Timestamp``) and POSTs them to a running app over real HTTP.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import secrets
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode

if TYPE_CHECKING:
    from .fake_slack import FakeSlack

__all__ = [
    "API_APP_ID",
    "FORM",
    "JSON",
    "VERIFICATION_TOKEN",
    "Response",
    "SlackClient",
    "block_actions",
    "block_suggestion",
    "checkboxes",
    "datepicker",
    "event_callback",
    "external_select",
    "modal_view",
    "multi_external_select",
    "multi_static_select",
    "multi_users_select",
    "new_trigger_id",
    "number_input",
    "option",
    "plain_text_input",
    "radio_buttons",
    "sign",
    "signed_headers",
    "slash_command",
    "static_select",
    "tell_fake",
    "url_verification",
    "users_select",
    "view_closed",
    "view_submission",
]

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"

#: The app id Slack puts in ``api_app_id``.
API_APP_ID = "A0MENTORBOT"
#: The deprecated verification token Slack still sends in every payload.
VERIFICATION_TOKEN = "legacy-verification-token"

_counter = itertools.count(1)


# ---------------------------------------------------------------------- signing


def sign(body: bytes, *, secret: str, timestamp: int) -> str:
    """The ``X-Slack-Signature`` Slack computes for ``body`` sent at ``timestamp``."""
    base = b"v0:" + str(timestamp).encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def signed_headers(
    body: bytes,
    *,
    secret: str,
    timestamp: int | None = None,
    content_type: str = FORM,
) -> dict[str, str]:
    """Headers Slack sends with ``body``: content type, timestamp and signature.

    ``timestamp`` defaults to now.
    """
    ts = int(time.time()) if timestamp is None else timestamp
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": str(ts),
        "X-Slack-Signature": sign(body, secret=secret, timestamp=ts),
    }


# ---------------------------------------------------------------------- ids


def new_trigger_id() -> str:
    """A fresh, unique ``trigger_id`` in Slack's ``<n>.<n>.<hex>`` form."""
    return f"{1_700_000_000_000 + next(_counter)}.{next(_counter)}.{secrets.token_hex(16)}"


def _new_response_url(team_id: str) -> str:
    return (
        f"https://hooks.slack.com/commands/{team_id}/{next(_counter)}/{secrets.token_urlsafe(18)}"
    )


def _action_ts() -> str:
    return f"{time.time():.6f}"


def _team(team_id: str, enterprise_id: str | None) -> dict[str, Any]:
    team: dict[str, Any] = {"id": team_id, "domain": team_id.lower()}
    if enterprise_id is not None:
        team["enterprise_id"] = enterprise_id
        team["enterprise_name"] = f"Org {enterprise_id}"
    return team


def _user(user_id: str, team_id: str, user_name: str | None) -> dict[str, Any]:
    name = user_name or user_id.lower()
    return {"id": user_id, "username": name, "name": name, "team_id": team_id}


def _enterprise(enterprise_id: str | None) -> dict[str, Any] | None:
    return None if enterprise_id is None else {"id": enterprise_id, "name": f"Org {enterprise_id}"}


def _form_payload(payload: Mapping[str, Any]) -> bytes:
    return urlencode({"payload": json.dumps(payload)}).encode()


# ---------------------------------------------------------------------- input values


def option(value: str, text: str | None = None) -> dict[str, Any]:
    """A selected option as Slack echoes it in state values and actions."""
    return {
        "text": {"type": "plain_text", "text": value if text is None else text, "emoji": True},
        "value": value,
    }


def _options(values: Iterable[str | Mapping[str, Any]]) -> list[dict[str, Any]]:
    return [option(v) if isinstance(v, str) else dict(v) for v in values]


def _one(value: str | Mapping[str, Any] | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return option(value) if isinstance(value, str) else dict(value)


def plain_text_input(value: str | None) -> dict[str, Any]:
    """State of a ``plain_text_input`` (``None`` when left empty)."""
    return {"type": "plain_text_input", "value": value}


def number_input(value: str | int | float | None) -> dict[str, Any]:
    """State of a ``number_input``; Slack sends the number as a string."""
    return {"type": "number_input", "value": None if value is None else str(value)}


def static_select(value: str | Mapping[str, Any] | None, text: str | None = None) -> dict[str, Any]:
    """State of a ``static_select`` (``value`` is the option value or a full option)."""
    chosen = option(value, text) if isinstance(value, str) else _one(value)
    return {"type": "static_select", "selected_option": chosen}


def external_select(
    value: str | Mapping[str, Any] | None, text: str | None = None
) -> dict[str, Any]:
    """State of an ``external_select``."""
    chosen = option(value, text) if isinstance(value, str) else _one(value)
    return {"type": "external_select", "selected_option": chosen}


def multi_static_select(values: Iterable[str | Mapping[str, Any]]) -> dict[str, Any]:
    """State of a ``multi_static_select``."""
    return {"type": "multi_static_select", "selected_options": _options(values)}


def multi_external_select(values: Iterable[str | Mapping[str, Any]]) -> dict[str, Any]:
    """State of a ``multi_external_select``."""
    return {"type": "multi_external_select", "selected_options": _options(values)}


def checkboxes(values: Iterable[str | Mapping[str, Any]]) -> dict[str, Any]:
    """State of ``checkboxes``."""
    return {"type": "checkboxes", "selected_options": _options(values)}


def radio_buttons(value: str | Mapping[str, Any] | None, text: str | None = None) -> dict[str, Any]:
    """State of ``radio_buttons``."""
    chosen = option(value, text) if isinstance(value, str) else _one(value)
    return {"type": "radio_buttons", "selected_option": chosen}


def datepicker(date: str | None) -> dict[str, Any]:
    """State of a ``datepicker`` (``"YYYY-MM-DD"``)."""
    return {"type": "datepicker", "selected_date": date}


def users_select(user_id: str | None) -> dict[str, Any]:
    """State of a ``users_select``."""
    return {"type": "users_select", "selected_user": user_id}


def multi_users_select(user_ids: Iterable[str]) -> dict[str, Any]:
    """State of a ``multi_users_select``."""
    return {"type": "multi_users_select", "selected_users": list(user_ids)}


def _state_values(values: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """Normalise ``{block_id: {action_id: state}}``; a bare string means a text input."""
    state: dict[str, dict[str, Any]] = {}
    for block_id, actions in values.items():
        state[block_id] = {
            action_id: plain_text_input(v) if isinstance(v, str) or v is None else dict(v)
            for action_id, v in actions.items()
        }
    return state


def modal_view(
    callback_id: str,
    *,
    values: Mapping[str, Mapping[str, Any]] | None = None,
    team_id: str = "T1",
    private_metadata: str = "",
    view_id: str | None = None,
    hash: str | None = None,
    blocks: list[dict[str, Any]] | None = None,
    view_type: str = "modal",
    root_view_id: str | None = None,
    previous_view_id: str | None = None,
    external_id: str = "",
) -> dict[str, Any]:
    """A view object as Slack includes it in interactivity payloads.

    ``values`` is ``{block_id: {action_id: state}}``; build states with the helpers above
    (a bare string is taken as a ``plain_text_input`` value).
    """
    view_id = view_id or f"V{next(_counter):08d}"
    return {
        "id": view_id,
        "team_id": team_id,
        "type": view_type,
        "blocks": blocks or [],
        "private_metadata": private_metadata,
        "callback_id": callback_id,
        "state": {"values": _state_values(values or {})},
        "hash": hash or f"{int(time.time())}.{secrets.token_hex(4)}",
        "title": {"type": "plain_text", "text": "Mentorbot", "emoji": True},
        "clear_on_close": False,
        "notify_on_close": False,
        "close": {"type": "plain_text", "text": "Cancel", "emoji": True},
        "submit": {"type": "plain_text", "text": "Submit", "emoji": True}
        if view_type == "modal"
        else None,
        "previous_view_id": previous_view_id,
        "root_view_id": root_view_id or view_id,
        "app_id": API_APP_ID,
        "external_id": external_id,
        "app_installed_team_id": team_id,
        "bot_id": "B0MENTORBOT",
    }


# ---------------------------------------------------------------------- body builders


def slash_command(
    text: str,
    *,
    command: str = "/mentor",
    user_id: str,
    team_id: str = "T1",
    enterprise_id: str | None = None,
    channel_id: str = "C1",
    channel_name: str | None = None,
    response_url: str | None = None,
    trigger_id: str | None = None,
    user_name: str | None = None,
    is_enterprise_install: bool = False,
) -> bytes:
    """The form body Slack POSTs for a slash command."""
    fields = {
        "token": VERIFICATION_TOKEN,
        "team_id": team_id,
        "team_domain": team_id.lower(),
    }
    if enterprise_id is not None:
        fields["enterprise_id"] = enterprise_id
        fields["enterprise_name"] = f"Org {enterprise_id}"
    fields |= {
        "channel_id": channel_id,
        "channel_name": channel_name
        or ("directmessage" if channel_id.startswith("D") else channel_id.lower()),
        "user_id": user_id,
        "user_name": user_name or user_id.lower(),
        "command": command,
        "text": text,
        "api_app_id": API_APP_ID,
        "is_enterprise_install": "true" if is_enterprise_install else "false",
        "response_url": response_url or _new_response_url(team_id),
        "trigger_id": trigger_id or new_trigger_id(),
    }
    return urlencode(fields).encode()


def block_actions(
    action_id: str,
    *,
    value: str | None = None,
    user_id: str,
    team_id: str = "T1",
    enterprise_id: str | None = None,
    block_id: str | None = None,
    view: Mapping[str, Any] | None = None,
    container: Mapping[str, Any] | None = None,
    channel_id: str | None = None,
    message: Mapping[str, Any] | None = None,
    response_url: str | None = None,
    trigger_id: str | None = None,
    selected_option: str | Mapping[str, Any] | None = None,
    action_type: str = "button",
    user_name: str | None = None,
    state_values: Mapping[str, Mapping[str, Any]] | None = None,
    action: Mapping[str, Any] | None = None,
) -> bytes:
    """The ``payload=`` form body Slack POSTs when a user clicks/selects in a block.

    Give ``view`` (see :func:`modal_view`) for actions inside a modal or the Home tab, or
    ``channel_id``/``message`` for actions on a message; ``container`` is derived from
    them unless given. Messages carry a ``response_url`` (fresh by default); views do not.
    ``action`` entries override/extend the generated action element.
    """
    act: dict[str, Any] = {
        "action_id": action_id,
        "block_id": block_id or f"b-{action_id}",
        "type": action_type,
        "action_ts": _action_ts(),
    }
    if action_type == "button":
        act["text"] = {"type": "plain_text", "text": value or action_id, "emoji": True}
        if value is not None:
            act["value"] = value
    elif selected_option is not None:
        act["selected_option"] = _one(selected_option)
    elif value is not None:
        act["value"] = value
    if action:
        act.update(action)

    payload: dict[str, Any] = {
        "type": "block_actions",
        "user": _user(user_id, team_id, user_name),
        "api_app_id": API_APP_ID,
        "token": VERIFICATION_TOKEN,
    }
    if container is None:
        if view is not None:
            container = {"type": "view", "view_id": view["id"]}
        elif message is not None or channel_id is not None:
            container = {
                "type": "message",
                "message_ts": (message or {}).get("ts") or _action_ts(),
                "channel_id": channel_id or "C1",
                "is_ephemeral": False,
            }
        else:
            container = {"type": "message", "message_ts": _action_ts(), "channel_id": "C1"}
    payload["container"] = dict(container)
    payload["trigger_id"] = trigger_id or new_trigger_id()
    payload["team"] = _team(team_id, enterprise_id)
    payload["enterprise"] = _enterprise(enterprise_id)
    payload["is_enterprise_install"] = False
    if view is not None:
        payload["view"] = dict(view)
    else:
        channel = channel_id or payload["container"].get("channel_id") or "C1"
        payload["channel"] = {"id": channel, "name": channel.lower()}
        payload["message"] = (
            dict(message)
            if message is not None
            else {
                "type": "message",
                "user": "UBOT",
                "bot_id": "B0MENTORBOT",
                "text": "",
                "ts": payload["container"]["message_ts"],
            }
        )
        payload["state"] = {"values": _state_values(state_values or {})}
        payload["response_url"] = response_url or _new_response_url(team_id).replace(
            "/commands/", "/actions/"
        )
    payload["actions"] = [act]
    return _form_payload(payload)


def view_submission(
    callback_id: str,
    *,
    values: Mapping[str, Mapping[str, Any]],
    user_id: str,
    team_id: str = "T1",
    enterprise_id: str | None = None,
    private_metadata: str = "",
    view_id: str | None = None,
    hash: str | None = None,
    trigger_id: str | None = None,
    user_name: str | None = None,
    response_urls: list[dict[str, Any]] | None = None,
    view: Mapping[str, Any] | None = None,
) -> bytes:
    """The ``payload=`` form body Slack POSTs when a user submits a modal.

    ``values`` is the ``view.state.values`` dict ``{block_id: {action_id: state}}``.
    Give a whole ``view`` (see :func:`modal_view`) to control every field.
    """
    submitted = (
        dict(view)
        if view is not None
        else modal_view(
            callback_id,
            values=values,
            team_id=team_id,
            private_metadata=private_metadata,
            view_id=view_id,
            hash=hash,
        )
    )
    payload = {
        "type": "view_submission",
        "team": _team(team_id, enterprise_id),
        "user": _user(user_id, team_id, user_name),
        "api_app_id": API_APP_ID,
        "token": VERIFICATION_TOKEN,
        "trigger_id": trigger_id or new_trigger_id(),
        "view": submitted,
        "response_urls": response_urls or [],
        "is_enterprise_install": False,
        "enterprise": _enterprise(enterprise_id),
    }
    return _form_payload(payload)


def view_closed(
    callback_id: str,
    *,
    user_id: str,
    team_id: str = "T1",
    enterprise_id: str | None = None,
    values: Mapping[str, Mapping[str, Any]] | None = None,
    private_metadata: str = "",
    view_id: str | None = None,
    is_cleared: bool = False,
    user_name: str | None = None,
) -> bytes:
    """The body Slack POSTs when a user closes a modal opened with ``notify_on_close``."""
    view = modal_view(
        callback_id,
        values=values,
        team_id=team_id,
        private_metadata=private_metadata,
        view_id=view_id,
    )
    view["notify_on_close"] = True
    payload = {
        "type": "view_closed",
        "team": _team(team_id, enterprise_id),
        "user": _user(user_id, team_id, user_name),
        "api_app_id": API_APP_ID,
        "token": VERIFICATION_TOKEN,
        "view": view,
        "is_cleared": is_cleared,
        "is_enterprise_install": False,
        "enterprise": _enterprise(enterprise_id),
    }
    return _form_payload(payload)


def block_suggestion(
    action_id: str,
    value: str,
    *,
    user_id: str,
    team_id: str = "T1",
    enterprise_id: str | None = None,
    block_id: str = "",
    view: Mapping[str, Any] | None = None,
    user_name: str | None = None,
) -> bytes:
    """The options request Slack POSTs while a user types into an external select."""
    view = dict(view) if view is not None else modal_view("", team_id=team_id)
    payload = {
        "type": "block_suggestion",
        "user": _user(user_id, team_id, user_name),
        "container": {"type": "view", "view_id": view["id"]},
        "api_app_id": API_APP_ID,
        "token": VERIFICATION_TOKEN,
        "action_id": action_id,
        "block_id": block_id or f"b-{action_id}",
        "value": value,
        "team": _team(team_id, enterprise_id),
        "enterprise": _enterprise(enterprise_id),
        "is_enterprise_install": False,
        "view": view,
    }
    return _form_payload(payload)


def event_callback(
    event: Mapping[str, Any],
    *,
    team_id: str = "T1",
    event_id: str | None = None,
    event_time: int | None = None,
    enterprise_id: str | None = None,
    authorizations: list[dict[str, Any]] | None = None,
    bot_user_id: str = "UBOT",
) -> bytes:
    """The JSON body of an Events API ``event_callback`` wrapping ``event``.

    ``authorizations`` defaults to one bot authorization for ``team_id``.
    """
    event_time = int(time.time()) if event_time is None else event_time
    payload: dict[str, Any] = {
        "token": VERIFICATION_TOKEN,
        "team_id": team_id,
    }
    if enterprise_id is not None:
        payload["enterprise_id"] = enterprise_id
    payload |= {
        "api_app_id": API_APP_ID,
        "event": dict(event),
        "type": "event_callback",
        "event_id": event_id or f"Ev{next(_counter):010d}",
        "event_time": event_time,
        "authorizations": authorizations
        if authorizations is not None
        else [
            {
                "enterprise_id": enterprise_id,
                "team_id": team_id,
                "user_id": bot_user_id,
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
        "is_ext_shared_channel": False,
        "event_context": f"4-{secrets.token_urlsafe(24)}",
    }
    return json.dumps(payload).encode()


def url_verification(challenge: str) -> bytes:
    """The JSON body Slack POSTs to verify a new Events API request URL."""
    return json.dumps(
        {"token": VERIFICATION_TOKEN, "challenge": challenge, "type": "url_verification"}
    ).encode()


# ---------------------------------------------------------------------- HTTP client


@dataclass(frozen=True)
class Response:
    """What the app answered: status, headers (lower-cased names) and raw body."""

    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""

    @property
    def text(self) -> str:
        """The body decoded as UTF-8."""
        return self.body.decode("utf-8", errors="replace")

    def json(self) -> Any:
        """The body parsed as JSON."""
        return json.loads(self.body)


def _tampered(body: bytes) -> bytes:
    """``body`` with an extra field, as an attacker replaying a signed request might send."""
    if body.startswith(b"{"):
        return b'{"tampered": true, ' + body[1:]
    return body + b"&tampered=1"


def tell_fake(fake: FakeSlack, body: bytes, *, trigger_age: float = 0.0) -> None:
    """Tell the fake the trigger and view a payload carries, as Slack knows them: the strict
    fake refuses triggers and views it never saw."""
    text = body.decode("utf-8")
    if text.startswith("{"):  # an Events API body carries neither
        return
    fields = dict(parse_qsl(text, keep_blank_values=True))
    payload = json.loads(fields["payload"]) if "payload" in fields else fields
    if payload.get("trigger_id"):
        fake.add_trigger(payload["trigger_id"], age=trigger_age)
    if isinstance(payload.get("view"), dict):
        fake.add_view(payload["view"])


class SlackClient:
    """Sends Slack-shaped, signed requests to an app's request URL over HTTP.

    ``base_url`` is where the app listens (``http://127.0.0.1:3000``); requests go to
    ``base_url + path`` (``/slack/events`` by default). With ``fake`` given, commands and
    message actions default their ``response_url`` to one on the fake, so ``respond()``
    calls land there as ``"response_url"`` calls, and the fake learns the ``trigger_id``
    and the view of every payload sent, as Slack knows them: the strict fake refuses
    triggers and views it never saw. ``trigger_age=<seconds>`` sends a trigger that many
    seconds old (over 3 s it has expired).

    Every sending method accepts these options besides its builder's fields:

    * ``unsigned=True`` -- send no signature headers;
    * ``wrong_signature=True`` -- sign with a different secret;
    * ``tamper=True`` -- sign the body, then send a modified one;
    * ``timestamp=<int>`` -- sign as of this Unix time (e.g. six minutes ago);
    * ``headers={...}`` -- extra headers.
    """

    def __init__(
        self,
        base_url: str,
        *,
        signing_secret: str,
        fake: FakeSlack | None = None,
        path: str = "/slack/events",
        user_id: str = "U1",
        team_id: str = "T1",
        timeout: float = 10.0,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.signing_secret = signing_secret
        self.fake = fake
        self.path = path
        self.user_id = user_id
        self.team_id = team_id
        self.timeout = timeout

    # -------------------------------------------------------------- raw sending

    def post(self, path: str, body: bytes, *, headers: Mapping[str, str]) -> Response:
        """POST ``body`` with exactly ``headers`` to ``base_url + path``."""
        request = urllib.request.Request(
            self.base_url + path, data=body, headers=dict(headers), method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as reply:
                return Response(
                    status=reply.status,
                    headers={k.lower(): v for k, v in reply.headers.items()},
                    body=reply.read(),
                )
        except urllib.error.HTTPError as error:
            with error:
                return Response(
                    status=error.code,
                    headers={k.lower(): v for k, v in error.headers.items()},
                    body=error.read(),
                )

    def send(
        self,
        body: bytes,
        *,
        content_type: str = FORM,
        unsigned: bool = False,
        wrong_signature: bool = False,
        tamper: bool = False,
        timestamp: int | None = None,
        headers: Mapping[str, str] | None = None,
        path: str | None = None,
    ) -> Response:
        """Sign ``body`` (unless told otherwise) and POST it to the request URL."""
        secret = self.signing_secret + "-wrong" if wrong_signature else self.signing_secret
        if unsigned:
            all_headers = {"Content-Type": content_type}
        else:
            all_headers = signed_headers(
                body, secret=secret, timestamp=timestamp, content_type=content_type
            )
        if headers:
            all_headers.update(headers)
        sent = _tampered(body) if tamper else body
        return self.post(path or self.path, sent, headers=all_headers)

    # -------------------------------------------------------------- payload senders

    _SEND_OPTIONS = frozenset(
        {"unsigned", "wrong_signature", "tamper", "timestamp", "headers", "path"}
    )

    def _split(self, kw: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        options = {k: kw.pop(k) for k in list(kw) if k in self._SEND_OPTIONS | {"trigger_age"}}
        kw.setdefault("user_id", self.user_id)
        kw.setdefault("team_id", self.team_id)
        return kw, options

    def _send_payload(self, body: bytes, options: dict[str, Any]) -> Response:
        """Tell the fake the trigger and view the payload carries (Slack knows them), then
        send it."""
        trigger_age = float(options.pop("trigger_age", 0.0))
        if self.fake is not None:
            tell_fake(self.fake, body, trigger_age=trigger_age)
        return self.send(body, **options)

    def _default_response_url(self, kw: dict[str, Any]) -> None:
        if kw.get("response_url") is None and self.fake is not None:
            kw["response_url"] = self.fake.response_url()

    def command(self, text: str, **kw: Any) -> Response:
        """Send a slash command (fields of :func:`slash_command` plus send options)."""
        fields, options = self._split(kw)
        self._default_response_url(fields)
        return self._send_payload(slash_command(text, **fields), options)

    def action(self, action_id: str, **kw: Any) -> Response:
        """Send a ``block_actions`` payload (fields of :func:`block_actions`)."""
        fields, options = self._split(kw)
        if fields.get("view") is None:
            self._default_response_url(fields)
        return self._send_payload(block_actions(action_id, **fields), options)

    def submit_view(self, callback_id: str, **kw: Any) -> Response:
        """Send a ``view_submission`` (fields of :func:`view_submission`)."""
        fields, options = self._split(kw)
        fields.setdefault("values", {})
        return self._send_payload(view_submission(callback_id, **fields), options)

    def close_view(self, callback_id: str, **kw: Any) -> Response:
        """Send a ``view_closed`` payload (fields of :func:`view_closed`)."""
        fields, options = self._split(kw)
        return self._send_payload(view_closed(callback_id, **fields), options)

    def options(self, action_id: str, value: str, **kw: Any) -> Response:
        """Send a ``block_suggestion`` options request (fields of :func:`block_suggestion`)."""
        fields, options = self._split(kw)
        return self._send_payload(block_suggestion(action_id, value, **fields), options)

    def event(
        self,
        event: Mapping[str, Any],
        *,
        retry_num: int | None = None,
        retry_reason: str | None = None,
        **kw: Any,
    ) -> Response:
        """Send an Events API ``event_callback`` (fields of :func:`event_callback`).

        ``retry_num`` / ``retry_reason`` add Slack's ``X-Slack-Retry-Num`` /
        ``X-Slack-Retry-Reason`` headers, as on a redelivery.
        """
        options = {k: kw.pop(k) for k in list(kw) if k in self._SEND_OPTIONS}
        kw.setdefault("team_id", self.team_id)
        extra = dict(options.pop("headers", None) or {})
        if retry_num is not None:
            extra["X-Slack-Retry-Num"] = str(retry_num)
            extra["X-Slack-Retry-Reason"] = retry_reason or "http_timeout"
        elif retry_reason is not None:
            extra["X-Slack-Retry-Reason"] = retry_reason
        return self.send(event_callback(event, **kw), content_type=JSON, headers=extra, **options)

    def verify_url(self, challenge: str, **kw: Any) -> Response:
        """Send a ``url_verification`` request."""
        return self.send(url_verification(challenge), content_type=JSON, **kw)
