"""WebClient construction: one place decides base URL, timeouts and retries."""

from __future__ import annotations

from urllib.parse import urlsplit

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.handler import RetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

from bot.core.config import Settings

DEFAULT_API_URL = WebClient.BASE_URL


def api_base_url(settings: Settings) -> str:
    url = settings.slack_api_url or DEFAULT_API_URL
    return url if url.endswith("/") else url + "/"


# Calls that show people something. A 5xx answer or a dropped connection may come after
# Slack did the work, so sending one again could show it twice: these are never repeated
# (a 429 still is: it means Slack did nothing). What must reach people for sure goes
# through the outbox, whose sender checks the conversation before posting again.
NOT_REPEATED = frozenset(
    {
        "chat.postMessage",
        "chat.postEphemeral",
        "chat.scheduleMessage",
        "chat.meMessage",
        "files.completeUploadExternal",
    }
)


def _repeatable(request: HttpRequest) -> bool:
    return urlsplit(request.url).path.rsplit("/", 1)[-1] not in NOT_REPEATED


class _NoRepeatedPosts(RetryHandler):
    """Mixed in before a slack_sdk retry handler: it retries as before, except a post."""

    def _can_retry(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        return _repeatable(request) and super()._can_retry(
            state=state, request=request, response=response, error=error
        )


class _ServerErrorRetry(_NoRepeatedPosts, ServerErrorRetryHandler):
    pass


class _ConnectionErrorRetry(_NoRepeatedPosts, ConnectionErrorRetryHandler):
    pass


def interactive_client(settings: Settings, token: str | None = None) -> WebClient:
    """A client for listeners: few, short retries, since a person is waiting, and none
    of a post (see NOT_REPEATED).

    Bulk sending does not use this client; it paces itself per method instead of
    sleeping on Retry-After inside a listener thread.
    """
    return WebClient(
        token=token,
        base_url=api_base_url(settings),
        timeout=10,
        retry_handlers=[
            _ConnectionErrorRetry(max_retry_count=1),
            RateLimitErrorRetryHandler(max_retry_count=1),
            _ServerErrorRetry(max_retry_count=1),
        ],
    )
