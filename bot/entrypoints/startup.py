"""Checks before `mentorbot run` starts anything: the variables the chosen mode needs, then
whether Slack accepts the tokens. Each problem becomes one paragraph that says what to do."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from enum import Enum
from typing import TypeVar

from slack_sdk.errors import SlackApiError, SlackClientError

from bot.core.config import Settings
from bot.slack.client import api_base_url, interactive_client

# Settings or credentials are wrong: nothing will change until someone edits them.
EXIT_BAD_SETTINGS = 2
# Slack could not be asked (network, proxy, an outage): trying again later may work.
EXIT_SLACK_UNREACHABLE = 1

WHERE_TO_SET = (
    "mentorbot reads settings from the environment and from a .env file in the directory "
    "it starts in; .env.example lists every setting."
)

BOT_TOKEN_HELP = (
    "SLACK_BOT_TOKEN is the Bot User OAuth Token (xoxb-...) on the app's OAuth & Permissions "
    "page, shown once the app is installed to the workspace."
)
APP_TOKEN_HELP = (
    "SLACK_APP_TOKEN is an app-level token (xapp-...) with the connections:write scope, "
    "created under Basic Information -> App-Level Tokens."
)
SIGNING_SECRET_HELP = (
    "SLACK_SIGNING_SECRET is under Basic Information -> App Credentials; "
    "it proves that requests come from Slack."
)
OAUTH_HELP = (
    "SLACK_CLIENT_ID and SLACK_CLIENT_SECRET are under Basic Information -> App Credentials; "
    "with them mentorbot serves every workspace that installs it, each with its own token."
)

NO_CREDENTIALS = f"""\
mentorbot can't start: no Slack credentials are set.

Create the Slack app from manifest.yml first (README.md, "Create the Slack app"), then
choose how Slack reaches mentorbot and set that way's variables:

  Socket Mode - recommended for trying mentorbot out: no public URL needed, the manifest
  turns it on.
    SLACK_APP_TOKEN       app-level token (xapp-...) with connections:write,
                          under Basic Information -> App-Level Tokens
    SLACK_BOT_TOKEN       Bot User OAuth Token (xoxb-...), under OAuth & Permissions

  HTTP - for production: Slack sends requests to https://<your host>/slack/events.
    SLACK_BOT_TOKEN       Bot User OAuth Token (xoxb-...), under OAuth & Permissions
    SLACK_SIGNING_SECRET  under Basic Information -> App Credentials
  To serve several workspaces (OAuth), set SLACK_CLIENT_ID and SLACK_CLIENT_SECRET
  instead of SLACK_BOT_TOKEN.

{WHERE_TO_SET}"""

# What Slack answers when it doesn't accept a token: wrong, revoked, of the wrong kind, or
# belonging to a deactivated account or an uninstalled app.
REJECTED_TOKEN_ERRORS = frozenset(
    {
        "invalid_auth",
        "not_authed",
        "account_inactive",
        "token_revoked",
        "token_expired",
        "not_allowed_token_type",
        "no_permission",
        "missing_scope",
    }
)


class Mode(Enum):
    SOCKET = "Socket Mode"
    HTTP = "HTTP"


class StartupProblem(Exception):
    """mentorbot must not start; `message` says why and what to do, `exit_code` how badly."""

    def __init__(self, message: str, exit_code: int = EXIT_BAD_SETTINGS) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code


def mode_of(settings: Settings) -> Mode:
    """SLACK_APP_TOKEN chooses Socket Mode; without it mentorbot serves HTTP."""
    return Mode.SOCKET if settings.socket_mode else Mode.HTTP


def _paragraphs(*parts: str) -> str:
    return "\n\n".join(
        textwrap.fill(part, width=90, break_on_hyphens=False, break_long_words=False)
        for part in parts
    )


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _not_set(names: list[str]) -> str:
    return f"{_names(names)} {'is' if len(names) == 1 else 'are'} not set"


def _oauth_half_missing(settings: Settings) -> list[str]:
    """OAuth needs both client id and secret; one alone is a typo, not a choice."""
    if settings.slack_client_id and settings.slack_client_secret is None:
        return ["SLACK_CLIENT_SECRET"]
    if settings.slack_client_secret is not None and not settings.slack_client_id:
        return ["SLACK_CLIENT_ID"]
    return []


def settings_problem_for_run(settings: Settings) -> str | None:
    """What `mentorbot run` lacks for the mode the settings choose, or None if nothing."""
    oauth_started = bool(settings.slack_client_id) or settings.slack_client_secret is not None
    if not oauth_started and all(
        value is None
        for value in (
            settings.slack_bot_token,
            settings.slack_app_token,
            settings.slack_signing_secret,
        )
    ):
        return NO_CREDENTIALS
    missing = _oauth_half_missing(settings)
    helps = [OAUTH_HELP] if missing else []
    if mode_of(settings) is Mode.SOCKET:
        if settings.slack_bot_token is None and not oauth_started:
            missing.append("SLACK_BOT_TOKEN")
            helps.append(BOT_TOKEN_HELP)
        needs = (
            "Socket Mode, chosen because SLACK_APP_TOKEN is set, needs SLACK_APP_TOKEN and "
            "SLACK_BOT_TOKEN."
        )
    else:
        if settings.slack_signing_secret is None:
            missing.insert(0, "SLACK_SIGNING_SECRET")
            helps.insert(0, SIGNING_SECRET_HELP)
        if settings.slack_bot_token is None and not oauth_started:
            missing.append("SLACK_BOT_TOKEN")
            helps.append(BOT_TOKEN_HELP)
        if oauth_started:
            needs = (
                "HTTP mode for several workspaces (OAuth) needs SLACK_SIGNING_SECRET, "
                "SLACK_CLIENT_ID and SLACK_CLIENT_SECRET."
            )
        else:
            needs = (
                "Without SLACK_APP_TOKEN mentorbot serves HTTP, which needs SLACK_BOT_TOKEN "
                "and SLACK_SIGNING_SECRET. To try mentorbot out without a public URL, use "
                "Socket Mode instead: it needs SLACK_APP_TOKEN and SLACK_BOT_TOKEN. "
                + APP_TOKEN_HELP
            )
    if not missing:
        return None
    return _paragraphs(f"mentorbot can't start: {_not_set(missing)}. {needs}", *helps, WHERE_TO_SET)


def settings_problem_for_worker(settings: Settings) -> str | None:
    """The worker only calls the Web API: it needs a bot token, or OAuth installations."""
    missing = _oauth_half_missing(settings)
    if not missing and (settings.slack_bot_token is not None or settings.oauth_enabled):
        return None
    return _paragraphs(
        f"mentorbot worker can't start: {_not_set(missing or ['SLACK_BOT_TOKEN'])}. The worker "
        "sends through Slack's Web API with SLACK_BOT_TOKEN or, serving several workspaces "
        "(OAuth), with each workspace's installed token, which needs SLACK_CLIENT_ID and "
        "SLACK_CLIENT_SECRET.",
        OAUTH_HELP if missing else BOT_TOKEN_HELP,
        WHERE_TO_SET,
    )


# --------------------------------------------------------------------------- tokens

# Prefixes of the token kinds people paste into the wrong variable. Anything else is left
# to Slack to judge (rotating tokens, for one, start with "xoxe.").
_BOT_LIKE = ("xoxb-", "xoxp-", "xoxe.xoxb-", "xoxe.xoxp-")


def _wrong_kind(settings: Settings) -> str | None:
    bot = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else None
    app = settings.slack_app_token.get_secret_value() if settings.slack_app_token else None
    if bot is not None and bot.startswith("xapp-"):
        return (
            "mentorbot can't start: SLACK_BOT_TOKEN holds an app-level token (xapp-...), "
            "which can only open Socket Mode connections. "
            + BOT_TOKEN_HELP
            + " The xapp- token belongs in SLACK_APP_TOKEN."
        )
    if app is not None and app.startswith(_BOT_LIKE):
        kind = "a user token (xoxp-...)" if "xoxp-" in app else "a bot token (xoxb-...)"
        return (
            f"mentorbot can't start: SLACK_APP_TOKEN holds {kind}, but Socket Mode needs an "
            "app-level token. "
            + APP_TOKEN_HELP
            + " The Bot User OAuth Token belongs in SLACK_BOT_TOKEN."
        )
    return None


def _rejected(variable: str, method: str, error: str, help_text: str) -> StartupProblem:
    if error == "missing_scope" and variable == "SLACK_APP_TOKEN":
        reason = "is missing the connections:write scope"
    elif error in ("token_revoked", "account_inactive"):
        reason = "was revoked, or the app was uninstalled from the workspace"
    elif error == "token_expired":
        reason = "has expired"
    elif error == "not_allowed_token_type":
        reason = "is the wrong kind of token"
    else:
        reason = "is not a token Slack knows"
    return StartupProblem(
        _paragraphs(
            f"mentorbot can't start: Slack rejected {variable} ({method} answered "
            f'"{error}"): the token {reason}. {help_text} After reinstalling the app or '
            "regenerating a token, copy the new value."
        )
    )


T = TypeVar("T")


def _ask_slack(call: Callable[[], T], *, variable: str, method: str, help_text: str, url: str) -> T:
    try:
        return call()
    except SlackApiError as answer:
        response = answer.response
        error = str(response.get("error", "")) if response is not None else ""
        if error in REJECTED_TOKEN_ERRORS:
            raise _rejected(variable, method, error, help_text) from None
        status = response.status_code if response is not None else "?"
        # A web page instead of Slack's JSON (a wrong SLACK_API_URL) makes a long "error".
        error = error if len(error) <= 80 else error[:77] + "..."
        raise StartupProblem(
            _paragraphs(
                f"mentorbot can't start: Slack answered {method} at {url} with HTTP {status} "
                f'and "{error or "no error name"}", so {variable} could not be checked. If '
                "SLACK_API_URL is set, check it; otherwise Slack may be having trouble: try "
                "again in a few minutes."
            ),
            EXIT_SLACK_UNREACHABLE,
        ) from None
    except (OSError, SlackClientError, ValueError) as failure:
        reason = getattr(failure, "reason", None) or failure
        raise StartupProblem(
            _paragraphs(
                f"mentorbot can't start: Slack's Web API at {url} could not be reached "
                f"({reason}), so {variable} could not be checked. Check this machine's network "
                "connection, its proxy settings (HTTPS_PROXY) and, if it is set, SLACK_API_URL."
            ),
            EXIT_SLACK_UNREACHABLE,
        ) from None


def check_tokens(settings: Settings, *, socket_mode: bool | None = None) -> None:
    """Ask Slack whether it accepts the tokens mentorbot will use; raise StartupProblem if not.

    The bot token is checked with auth.test, the app token (Socket Mode) with
    apps.connections.open, the only method an app-level token may call. The connection URL
    it hands out is left unused; it expires on its own. In OAuth mode the tokens come from
    installations, so there is no bot token to check here.
    """
    wrong_kind = _wrong_kind(settings)
    if wrong_kind is not None:
        raise StartupProblem(_paragraphs(wrong_kind))
    url = api_base_url(settings)
    if settings.slack_bot_token is not None and not settings.oauth_enabled:
        client = interactive_client(settings, settings.slack_bot_token.get_secret_value())
        identity = _ask_slack(
            client.auth_test,
            variable="SLACK_BOT_TOKEN",
            method="auth.test",
            help_text=BOT_TOKEN_HELP,
            url=url,
        )
        if not identity.get("bot_id"):
            raise StartupProblem(
                _paragraphs(
                    "mentorbot can't start: SLACK_BOT_TOKEN belongs to a person, not to the "
                    "app's bot user, so everything would be posted in that person's name. "
                    + BOT_TOKEN_HELP
                )
            )
    use_socket_mode = settings.socket_mode if socket_mode is None else socket_mode
    if use_socket_mode and settings.slack_app_token is not None:
        app_token = settings.slack_app_token.get_secret_value()
        app_client = interactive_client(settings)
        _ask_slack(
            lambda: app_client.apps_connections_open(app_token=app_token),
            variable="SLACK_APP_TOKEN",
            method="apps.connections.open",
            help_text=APP_TOKEN_HELP,
            url=url,
        )
