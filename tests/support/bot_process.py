"""`mentorbot run` as a real process on a free loopback port: started, waited for, stopped."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


def clean_env(**extra: str) -> dict[str, str]:
    """The test's environment without Slack settings or a database URL, plus `extra`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_URL"))}
    env.update(extra)
    return env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_healthy(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    """Wait until `url`/healthz answers 200; fails at once with its stderr if it exits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()[1]
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("the bot did not become healthy")


@dataclass
class BotProcess:
    process: subprocess.Popen[str]
    #: ``http://127.0.0.1:PORT``, where it serves.
    url: str
    #: What it wrote to stderr, once stopped.
    stderr: str = ""


@contextmanager
def running_bot(
    command: Sequence[str | Path], *, cwd: Path, env: Mapping[str, str]
) -> Iterator[BotProcess]:
    """Start `command` with HOST and PORT set to a free loopback port and wait until it is
    healthy; on leaving, stop it with SIGTERM, as a container runtime does."""
    port = free_port()
    process = subprocess.Popen(
        [str(part) for part in command],
        cwd=cwd,
        env={**env, "HOST": "127.0.0.1", "PORT": str(port)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    bot = BotProcess(process, f"http://127.0.0.1:{port}")
    try:
        wait_until_healthy(bot.url, process)
        yield bot
    finally:
        process.terminate()
        _, bot.stderr = process.communicate(timeout=30)
