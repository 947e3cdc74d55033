"""Log configuration: one line per record, `key=value` context fields, tokens redacted.

Each HTTP request and each job logs exactly one line saying who (workspace, user), what
(action) and how long (duration_ms). What people typed never goes into a log line: the
action names the command or button, not its text.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import asdict, dataclass

_CONTEXT_FIELDS = (
    "team_id",
    "enterprise_id",
    "user_id",
    "action",
    "method",
    "path",
    "status",
    "duration_ms",
    "reason",
    "rows",
    "job",
    "event_id",
    "request_type",
    "count",
)
# Slack tokens (bot, user, app-level, refresh, rotating) wherever they appear in a line:
# a third-party library logging a request or a response must not leak one.
_TOKEN = re.compile(r"\b(xox[a-z]|xapp|xoxe(?:\.xox[a-z])?)-[A-Za-z0-9-]+")
_PLAIN_VALUE = re.compile(r"^[\w.:/@+-]*$")


def redact_tokens(text: str) -> str:
    return _TOKEN.sub(lambda found: f"{found.group(1)}-[redacted]", text)


def _logfmt(value: object) -> str:
    text = str(value)
    # Quote anything with spaces, quotes or line breaks, so one record stays one line.
    return text if text and _PLAIN_VALUE.match(text) else json.dumps(text, ensure_ascii=False)


class ContextFormatter(logging.Formatter):
    """`time level logger message key=value…` for the context fields present on a record."""

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        extras = [
            f"{name}={_logfmt(getattr(record, name))}"
            for name in _CONTEXT_FIELDS
            if getattr(record, name, None) is not None
        ]
        if extras:
            head, newline, rest = line.partition("\n")
            line = f"{head} {' '.join(extras)}{newline}{rest}"
        return redact_tokens(line)


def setup_logging(level: str) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(ContextFormatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    logging.basicConfig(level=level.upper(), handlers=[handler], force=True)


# ---------------------------------------------------------------- one line per request


@dataclass
class RequestFields:
    """What is logged for a request (HTTP or Socket Mode); Bolt's middleware fills in who
    and what."""

    team_id: str | None = None
    enterprise_id: str | None = None
    user_id: str | None = None
    action: str | None = None

    def as_extra(self) -> dict[str, str | None]:
        return asdict(self)


_current_request: ContextVar[RequestFields | None] = ContextVar("request_fields", default=None)


@contextmanager
def request_fields() -> Iterator[RequestFields]:
    """Fields for the request handled in this thread, to be logged once it is answered."""
    fields = RequestFields()
    token = _current_request.set(fields)
    try:
        yield fields
    finally:
        _current_request.reset(token)


def current_request_fields() -> RequestFields | None:
    """The fields of the request being handled in this thread, or None outside one."""
    return _current_request.get()


def elapsed_ms(started: float) -> int:
    return round((time.perf_counter() - started) * 1000)


# ---------------------------------------------------------------- one line per job

_job_log = logging.getLogger("mentorbot.jobs")


@dataclass
class JobRun:
    """What a running job may add to its line: how many things it handled."""

    count: int | None = None


@contextmanager
def job_log(job: str, *, team_id: str | None = None) -> Iterator[JobRun]:
    """Log one line when a job ends: its name, workspace, duration, count and outcome.

    A failure is logged with its traceback and raised again for the caller to handle
    (bot.jobs.run_job.run_job catches it, so the scheduler carries on).
    """
    started = time.perf_counter()
    run = JobRun()
    try:
        yield run
    except Exception:
        _job_log.exception(
            "job failed",
            extra={"job": job, "team_id": team_id, "duration_ms": elapsed_ms(started)},
        )
        raise
    _job_log.info(
        "job done",
        extra={
            "job": job,
            "team_id": team_id,
            "duration_ms": elapsed_ms(started),
            "count": run.count,
        },
    )
