"""Log configuration: one line per record, with the context fields listeners attach."""

from __future__ import annotations

import logging
import sys

_CONTEXT_FIELDS = ("team_id", "user_id", "action", "duration_ms", "reason", "rows", "job")


class ContextFormatter(logging.Formatter):
    """`time level logger message key=value…` for the context fields present on a record."""

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        extras = [
            f"{name}={getattr(record, name)}"
            for name in _CONTEXT_FIELDS
            if getattr(record, name, None) is not None
        ]
        if extras:
            head, newline, rest = line.partition("\n")
            line = f"{head} {' '.join(extras)}{newline}{rest}"
        return line


def setup_logging(level: str) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(ContextFormatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    logging.basicConfig(level=level.upper(), handlers=[handler], force=True)
