"""Run the app's real HTTP server (waitress) in a background thread, and stop it cleanly."""

from __future__ import annotations

import threading
from types import TracebackType

from waitress.server import BaseWSGIServer, MultiSocketServer


class ServerThread:
    """Polls the server's event loop in short steps so it can be stopped from outside.

    Closing waitress's socket from another thread while it sits in select() makes the
    loop fail with EBADF; stopping between steps avoids that.
    """

    def __init__(self, server: BaseWSGIServer | MultiSocketServer) -> None:
        self.server = server
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="bot-http", daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.effective_port}"

    def _serve(self) -> None:
        while not self._stop.is_set():
            self.server.asyncore.loop(timeout=0.05, map=self.server._map, count=1)
        self.server.close()
        self.server.task_dispatcher.shutdown()

    def __enter__(self) -> ServerThread:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
