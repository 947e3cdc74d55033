"""WebClient construction: one place decides base URL, timeouts and retries."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

from bot.config import Settings

DEFAULT_API_URL = WebClient.BASE_URL


def api_base_url(settings: Settings) -> str:
    url = settings.slack_api_url or DEFAULT_API_URL
    return url if url.endswith("/") else url + "/"


def interactive_client(settings: Settings, token: str | None = None) -> WebClient:
    """A client for listeners: few, short retries, since a person is waiting.

    Bulk sending does not use this client; it paces itself per method instead of
    sleeping on Retry-After inside a listener thread.
    """
    return WebClient(
        token=token,
        base_url=api_base_url(settings),
        timeout=10,
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=1),
            RateLimitErrorRetryHandler(max_retry_count=1),
            ServerErrorRetryHandler(max_retry_count=1),
        ],
    )
