"""PostgreSQL for tests: is one reachable, and a throwaway database on it.

`python -m tests.support.postgres URL` exits 0 when a server answers at URL (the Makefile
uses it to decide whether to run the suite a second time on PostgreSQL).
"""

from __future__ import annotations

import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, make_url, text


def is_reachable(url: str) -> bool:
    try:
        engine = create_engine(url, connect_args={"connect_timeout": 3})
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
    except Exception:  # any failure to connect means "not available"
        return False
    return True


@contextmanager
def scratch_database(server_url: str, *, prefix: str = "mentorbot_test") -> Iterator[str]:
    """Create a uniquely named database on the server at `server_url`; drop it afterwards."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


if __name__ == "__main__":
    raise SystemExit(0 if len(sys.argv) == 2 and is_reachable(sys.argv[1]) else 1)
